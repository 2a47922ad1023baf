/**
 * Everything a client has on one server, behind the `Sender` interface: a
 * {@linkcode Link} (the shared connection), the extra connections for
 * blocking commands, WATCH and pipelines that block (see `spares.ts`), and
 * the Pub/Sub hub with its RESP2 subscriber connection. A single-node
 * client's command surface sends through one; a cluster client will have
 * one per node.
 *
 * @module
 */

import { commandLabel } from "../_args.ts";
import { AS_WRITTEN, BLOCKING, CONNECTION_STATE } from "../_flags.ts";
import { blockTime, type Session } from "../_session.ts";
import type { ConnectOptions } from "../_connect_options.ts";
import type { Batch } from "../_batch.ts";
import {
  type Kind,
  PubSubHub,
  type PubSubTransport,
  type Subscription,
  type SubscriptionOptions,
} from "../pubsub.ts";
import { ConnectionClosedError } from "../errors.ts";
import type { Arg } from "../resp/types.ts";
import type { Sender } from "../sender.ts";
import { describeAddress, hooksOf } from "../_connect_options.ts";
import { attemptDeadline, attemptTimedOut, openOrWrap } from "./connector.ts";
import { Link } from "./link.ts";
import type { HandshakeStep } from "./handshake.ts";
import type { CallOptions, RequestOptions, Transform } from "./request.ts";
import { Spares } from "./spares.ts";
import { defaultExtraConnections } from "../transport/mod.ts";

/** Idle extra connections a client keeps, by default. */
const IDLE_EXTRA_CONNECTIONS = 4;

/** One server's connections behind a `Sender` (see the module docs). */
export class NodeSender implements Sender {
  /** The shared connection. */
  readonly link: Link;
  /** Extra connections; created by the first call that needs one. */
  #spares: Spares<NodeSender> | undefined;
  /** The state version each extra connection was opened in. */
  #spareVersions = new WeakMap<NodeSender, number>();
  /** Routes Pub/Sub messages; created by the first subscription. */
  #hub: PubSubHub | undefined;
  /** Set on a RESP2 subscriber connection: the hub it feeds. */
  #subscriberOf: PubSubHub | undefined;
  /** The RESP2 subscriber connection, when one is open. */
  #subscriber: Promise<NodeSender> | undefined;

  /**
   * Takes over `link`: its state changes, reconnects and closing now
   * involve the extra connections and subscriptions too.
   *
   * @param link The shared connection.
   */
  constructor(link: Link) {
    this.link = link;
    link.onStateChange = (change) => {
      // The RESP2 subscriber connection reconnects with the same user.
      const options = change.options;
      if (
        options !== undefined &&
        (options.password !== undefined || "username" in options)
      ) {
        const next = link.options;
        this.#subscriber?.then(
          (subscriber) =>
            subscriber.link.adopt({
              options: { username: next?.username, password: next?.password },
            }),
          () => {},
        );
      }
      // Idle extra connections are in the old state.
      this.#spares?.dropIdle();
    };
    link.restore = (direct) => this.#restore(direct);
    link.beforeClose = () => this.#beforeClose();
    link.onEnd = (error, quiet) => this.#end(error, quiet);
  }

  /** Whether subscriptions are active. */
  get subscribed(): boolean {
    return this.#hub?.active ?? false;
  }

  /**
   * Sends a command: a blocking one on an extra connection (unless
   * `AS_WRITTEN`, or none can be opened), any other through the link.
   *
   * @param argv The argument vector.
   * @param transform The reply transform.
   * @param bytes Whether strings arrive as bytes.
   * @param call Per-call options (and an attributes handler).
   * @param flags The declaration's flags.
   * @returns The transformed reply.
   */
  send(
    argv: readonly Arg[],
    transform: Transform,
    bytes: boolean,
    call: RequestOptions | undefined,
    flags: number,
  ): Promise<unknown> {
    if ((flags & (BLOCKING | CONNECTION_STATE)) === 0) {
      return this.link.sendPlain(argv, transform, bytes, call, flags);
    }
    if (
      (flags & BLOCKING) !== 0 && (flags & AS_WRITTEN) === 0 &&
      this.#ownsSpares() && blockTime(argv) !== undefined
    ) {
      return this.dedicated(
        argv,
        call,
        flags,
        (spare, inner) =>
          spare.link.send(argv, transform, bytes, inner, flags & ~BLOCKING),
      );
    }
    return this.link.send(argv, transform, bytes, call, flags);
  }

  /**
   * Sends a pipeline's or transaction's commands as one block; a pipeline
   * with a blocking command (`block`: the time its commands may block)
   * runs on an extra connection.
   *
   * @param batch The batch.
   * @param call The options of its `exec()`.
   * @param block How long its commands block together, if they do.
   * @returns The batch's results.
   */
  sendBatch(
    batch: Batch,
    call: CallOptions | undefined,
    block: number | undefined,
  ): Promise<unknown[]> {
    if (block === undefined || !this.#ownsSpares()) {
      return this.link.sendBatch(batch, call, block);
    }
    // One timeout for the whole batch: the call's, or the client's plus
    // the time its blocking commands may block.
    let timeout = this.link.timeoutFor(call, [], 0);
    if (timeout !== undefined && call?.timeout === undefined) {
      timeout = block === 0 ? undefined : timeout + block;
    }
    // The message names the batch's timeout, not what is left of it.
    batch.timeoutMs = timeout;
    return this.#sparePool().run(
      (spare, inner) => spare.link.sendBatch(batch, inner, undefined),
      call,
      timeout,
      batch.entries[0]?.argv ?? [],
    ).catch((error) => {
      batch.fail(error);
      return batch.promise;
    });
  }

  /**
   * Runs `work` on an extra connection nobody else uses meanwhile (for
   * blocking commands and WATCH), within the timeout of a call of `argv`
   * with `flags`: see {@linkcode Spares.run}.
   *
   * @param argv The command the work is for (messages, timeout).
   * @param call The call's options.
   * @param flags The command's flags (`BLOCKING` adds its block time).
   * @param work What to run on the connection.
   * @returns What `work` returns.
   */
  dedicated<R>(
    argv: readonly Arg[],
    call: CallOptions | undefined,
    flags: number,
    work: (sender: NodeSender, call: CallOptions) => Promise<R>,
  ): Promise<R> {
    if (!this.#ownsSpares()) {
      return Promise.reject(
        new TypeError(
          `Cannot run "${
            commandLabel(argv)
          }" on a connection of its own: ${this.#noSpares()}`,
        ),
      );
    }
    return this.#sparePool().run(
      work,
      call,
      this.link.timeoutFor(call, argv, flags),
      argv,
    );
  }

  /**
   * Subscribes through the Pub/Sub hub: over RESP3 on the shared
   * connection, over RESP2 on one extra subscriber connection.
   *
   * @param kind Channels, patterns or shard channels.
   * @param names The names.
   * @param bytes Whether names and payloads arrive as bytes.
   * @param options The subscription's options.
   * @returns The subscription, once the server confirmed it.
   */
  subscribe<T extends string | Uint8Array>(
    kind: Kind,
    names: readonly (string | Uint8Array)[],
    bytes: boolean,
    options: SubscriptionOptions<T>,
  ): Promise<Subscription<T>> {
    const status = this.link.status;
    if (status === "closed" || status === "closing") {
      return Promise.reject(
        new ConnectionClosedError(
          `Connection to "${this.link.address}" is ${status}`,
        ),
      );
    }
    if (this.#subscriberOf) {
      return Promise.reject(
        new TypeError("A subscriber connection cannot subscribe itself"),
      );
    }
    if (this.#hub === undefined) {
      this.#hub = new PubSubHub(() => this.#openPubSub());
      this.link.pushRouter = this.#hub;
    }
    try {
      return this.#hub.subscribe(kind, names, bytes, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The connection that carries the subscriptions. */
  async #openPubSub(): Promise<PubSubTransport> {
    const link = this.link;
    if (link.protocol === 3) {
      return { command: (argv) => link.pubsubCommand(argv) };
    }
    const options = link.options;
    if (!options || options.socket) {
      throw new TypeError(
        `Cannot subscribe over RESP2, which needs a second connection: ${this.#noSpares()}`,
      );
    }
    const hub = this.#hub!;
    const opening = openNode({ ...options, protocol: 2 }, undefined).then(
      (subscriber) => {
        subscriber.#subscriberOf = hub;
        subscriber.link.subscriberRouter = hub;
        return subscriber;
      },
    );
    this.#subscriber = opening;
    const subscriber = await opening;
    return { command: (argv) => subscriber.link.pubsubCommand(argv) };
  }

  /** Subscribes a new socket of the link again (after a reconnect). */
  async #restore(direct: PubSubTransport): Promise<void> {
    if (this.#subscriberOf) {
      await this.#subscriberOf.restore(direct);
    } else if (this.#hub && this.link.protocol === 3) {
      await this.#hub.restore(direct);
    }
  }

  /** Ends the subscriptions quietly and closes the idle connections. */
  async #beforeClose(): Promise<void> {
    // Subscriptions end quietly: their iterators finish.
    this.#hub?.end();
    const subscriber = this.#subscriber;
    this.#subscriber = undefined;
    await Promise.all([
      subscriber?.then((node) => node.link.close(), () => {}),
      ...(this.#spares?.closeIdle() ?? []),
    ]);
  }

  /** The link closed for good: so do the subscriptions and extra connections. */
  #end(error: ConnectionClosedError, quiet: boolean): void {
    // Subscriptions end with the connection that carries them.
    this.#subscriberOf?.end(quiet ? undefined : error);
    this.#hub?.end(quiet ? undefined : error);
    this.#subscriber?.then((node) => node.link.disconnect(), () => {});
    this.#subscriber = undefined;
    // Extra connections being opened close their sockets wherever they are.
    this.#spares?.end(error);
  }

  /** Closes at once (an extra connection that is no longer wanted). */
  disconnect(): Promise<void> {
    return this.link.disconnect();
  }

  /** Closes once what was sent is answered. */
  close(): Promise<void> {
    return this.link.close();
  }

  /** Why no extra connections can be opened. */
  #noSpares(): string {
    return this.link.options === undefined
      ? "the client was made without connect()"
      : 'the client was made with a single "socket"; pass a "connector" instead to let it open more';
  }

  /** Whether extra connections can be opened. */
  #ownsSpares(): boolean {
    const options = this.link.options;
    return options !== undefined && options.socket === undefined;
  }

  #sparePool(): Spares<NodeSender> {
    if (this.#spares !== undefined) return this.#spares;
    const link = this.link;
    const versions = this.#spareVersions;
    return this.#spares = new Spares<NodeSender>({
      async open(signal) {
        const version = link.stateVersion;
        const spare = await openNode(
          { ...link.options, reconnect: false },
          link.session,
          signal,
        );
        versions.set(spare, version);
        return spare;
      },
      usable: (spare) =>
        spare.link.status === "ready" && spare.link.pendingCount === 0 &&
        !spare.subscribed && spare.link.stateVersion === 0 &&
        versions.get(spare) === link.stateVersion,
      closedError: () => {
        const status = link.status;
        return status === "closed" || status === "closing"
          ? new ConnectionClosedError(
            `Connection to "${link.address}" is ${status}`,
          )
          : undefined;
      },
      get ready() {
        return link.status === "ready";
      },
      get maxExtra() {
        return link.options?.maxExtraConnections ??
          defaultExtraConnections(link.options?.transport);
      },
      get idleExtra() {
        return link.options?.idleExtraConnections ?? IDLE_EXTRA_CONNECTIONS;
      },
    });
  }
}

/**
 * Opens a server's connections: the link (socket and handshake), with the
 * rest opened on demand. See {@linkcode openLink}.
 *
 * @param options The checked options of `connect`.
 * @param session The connection state to start in.
 * @param signal Abandons the attempt.
 * @returns The ready sender.
 */
export async function openNode(
  options: ConnectOptions,
  session: Session | undefined,
  signal?: AbortSignal,
  steps: readonly HandshakeStep[] = [],
): Promise<NodeSender> {
  return new NodeSender(await openLink(options, session, signal, steps));
}

/**
 * Opens a link with checked options: the socket, then the handshake, with
 * `session` (the connection state of the client it is opened for) on top.
 * Aborting `signal`, or running out of `connectTimeout`, closes the socket
 * of the attempt, whatever it is doing.
 *
 * @param options The checked options of `connect`.
 * @param session The connection state to start in.
 * @param signal Abandons the attempt.
 * @param steps The owner's own handshake steps, for this connection and
 *   every reconnect (see {@linkcode Link.steps}).
 * @returns The ready link.
 */
export async function openLink(
  options: ConnectOptions,
  session: Session | undefined,
  signal?: AbortSignal,
  steps: readonly HandshakeStep[] = [],
): Promise<Link> {
  const address = describeAddress(options);
  const timeout = options.connectTimeout ?? 10_000;
  const controller = new AbortController();
  let opened = false;
  const limit = attemptDeadline(
    timeout,
    () => attemptTimedOut("Connecting", address, options, timeout, opened),
    controller,
  );
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    signal?.throwIfAborted();
    const socket = await Promise.race([
      openOrWrap(options, address, controller.signal),
      limit.expired,
    ]);
    opened = true;
    const link = new Link(socket, address, {
      limits: options.limits,
      onPush: options.onPush,
      onAttributes: options.onAttributes,
      // Our own transports finish with a chunk when its write resolves.
      recycleWrites: options.socket === undefined &&
        (options.connector === undefined ||
          hooksOf(options)?.ownSockets === true),
      onReplyError: hooksOf(options)?.onReplyError,
    });
    link.steps = [...steps];
    try {
      await Promise.race([
        link.start(options, session),
        limit.expired,
        new Promise<never>((_, reject) => {
          controller.signal.addEventListener(
            "abort",
            () => reject(controller.signal.reason),
            { once: true },
          );
        }),
      ]);
    } catch (error) {
      link.disconnect();
      throw error;
    }
    return link;
  } catch (error) {
    controller.abort(error);
    throw error;
  } finally {
    limit.clear();
    signal?.removeEventListener("abort", onAbort);
  }
}
