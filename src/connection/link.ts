/**
 * One logical connection to one server: a {@linkcode Connection} on the
 * socket of the moment, the options to open the next one with, reconnects
 * with backoff, the offline queue, `retryReadOnly`, the connection state
 * the client tracks (re-applied on every socket), command deadlines,
 * status and events. It also owns what belongs to the same server: the
 * extra connections for blocking commands and WATCH (see `spares.ts`) and
 * the Pub/Sub hub. A `Link` is the `Sender` of a single-node client.
 *
 * @module
 */

import { Queue } from "../_queue.ts";
import { commandLabel } from "../_args.ts";
import { BLOCKING, CONNECTION_STATE, FLAT_REPLY, READONLY } from "../_flags.ts";
import {
  blockTime,
  classify,
  type Session,
  type StateChange,
} from "../_session.ts";
import { type ConnectOptions, hooksOf } from "../_connect_options.ts";
import { type Batch, BatchEntry } from "../_batch.ts";
import type { PubSubTransport } from "../pubsub.ts";
import {
  ConnectionClosedError,
  ConnectionError,
  type ReplyError,
} from "../errors.ts";
import type { Arg } from "../resp/types.ts";
import type { RespSocket } from "../transport/types.ts";
import { Connection, type PushRouter } from "./connection.ts";
import {
  asConnectionError,
  attemptDeadline,
  attemptTimedOut,
  openOrWrap,
} from "./connector.ts";
import { Timeouts } from "./deadlines.ts";
import {
  handshake,
  type HandshakeStep,
  type RefusedStep,
  type ServerInfo,
} from "./handshake.ts";
import {
  abortOn,
  abortReason,
  type AttributesHandler,
  type CallOptions,
  type Request,
  type RequestOptions,
  settle,
  type Transform,
} from "./request.ts";
import type {
  ClientState,
  RedisClientEventInit,
  RedisClientEventType,
} from "./events.ts";

export type {
  ClientState,
  RedisClientEventInit,
  RedisClientEventType,
} from "./events.ts";

/** Options of the connections of a link (see {@linkcode ConnectOptions}). */
export type LinkOptions =
  & Pick<
    ConnectOptions,
    "limits" | "onPush" | "onAttributes"
  >
  & {
    /** The socket is done with a written chunk once its write resolves. */
    recycleWrites?: boolean;
    /** Called with every error reply. */
    onReplyError?: (error: ReplyError) => void;
  };

/** Exponential backoff from 50 ms to 5 s with jitter; never gives up. */
function defaultReconnect(attempt: number): number {
  const base = Math.min(50 * 2 ** (attempt - 1), 5_000);
  return Math.round(base / 2 + Math.random() * base / 2);
}

/** One logical connection to one server (see the module docs). */
export class Link {
  /** Receives the link's events; set by the owner (the client). */
  events:
    | ((type: RedisClientEventType, init?: RedisClientEventInit) => void)
    | undefined;
  /**
   * Takes the requests that may be sent again (not written, or read-only
   * with `retryReadOnly`) when a socket is lost, instead of the offline
   * queue: a router re-routes them. Unset, they wait in the offline queue
   * while reconnecting, and reject when the link closes.
   */
  handBack: ((requests: Request[]) => void) | undefined;
  /** The owner's own handshake steps, run on every new socket. */
  steps: HandshakeStep[] = [];
  /**
   * Restores the owner's subscriptions on a new socket after a reconnect,
   * before any queued command is sent.
   */
  restore: ((direct: PubSubTransport) => Promise<void>) | undefined;
  /** Told of every change of the tracked connection state. */
  onStateChange: ((change: StateChange) => void) | undefined;
  /** Runs first when the link closes gracefully (before it drains). */
  beforeClose: (() => Promise<unknown>) | undefined;
  /** Told when the link closes for good (`quiet` for a graceful close). */
  onEnd: ((error: ConnectionClosedError, quiet: boolean) => void) | undefined;

  #connection: Connection;
  readonly #address: string;
  readonly #linkOptions: LinkOptions;
  /** The options of `connect`: for reconnecting and extra connections. */
  #options: ConnectOptions | undefined;
  /** Connection state beyond the options, re-applied on every connection. */
  #session: Session | undefined;
  /** Bumped whenever the tracked connection state changes. */
  #stateVersion = 0;
  #state: ClientState = "connecting";
  #server: ServerInfo = { proto: 2 };
  /** The client-wide command timeout; `undefined` for none. */
  #commandTimeout: number | undefined;
  /** Commands waiting for a connection (while reconnecting). */
  #offline = new Queue<Request>();
  #timeouts = new Timeouts();
  #closed: ConnectionClosedError | undefined;
  #closing: Promise<void> | undefined;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  /** The attempt the reconnect timer will make. */
  #nextAttempt = 1;
  /** Makes a waiting reconnect try at once (see `ConnectionHooks.wake`). */
  readonly #wake = (): void => {
    if (this.#state !== "reconnecting" || this.#reconnectTimer === undefined) {
      return;
    }
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    this.#reconnect(this.#nextAttempt);
  };
  /** Abandons the socket a (re)connect attempt is opening. */
  #attempt: AbortController | undefined;
  /** Routes RESP3 pushes (a client's subscriptions). */
  #pushRouter: PushRouter | undefined;
  /** Set on a RESP2 subscriber connection: where its messages go. */
  #subscriberRouter: PushRouter | undefined;

  /**
   * Wraps a connected socket; {@linkcode Link.start} runs the handshake.
   *
   * @param socket The connected socket.
   * @param address A label for messages (never containing a password).
   * @param options Limits, handlers, buffer reuse.
   */
  constructor(socket: RespSocket, address: string, options: LinkOptions) {
    this.#address = address;
    this.#linkOptions = options;
    this.#connection = this.#attach(socket);
  }

  /** Starts using `socket`: a new connection. */
  #attach(socket: RespSocket): Connection {
    const connection: Connection = new Connection(
      socket,
      this.#address,
      this.#linkOptions,
      (message, cause) => this.#lost(connection, message, cause),
    );
    connection.pushRouter = this.#pushRouter;
    connection.subscriberRouter = this.#subscriberRouter;
    this.#connection = connection;
    return connection;
  }

  /** The protocol in use after the handshake: 2 or 3. */
  get protocol(): 2 | 3 {
    return this.#server.proto;
  }

  /** What the server reported in the handshake. */
  get server(): ServerInfo {
    return this.#server;
  }

  /** Whether the link is closed for good. */
  get closed(): boolean {
    return this.#closed !== undefined;
  }

  /** Commands sent or queued whose replies have not arrived. */
  get pendingCount(): number {
    return this.#connection.length + this.#offline.length;
  }

  /** Bumped whenever the tracked connection state changes. */
  get stateVersion(): number {
    return this.#stateVersion;
  }

  /**
   * Routes the RESP3 pushes of this link's sockets (the owner's
   * subscriptions).
   */
  set pushRouter(router: PushRouter | undefined) {
    this.#pushRouter = router;
    this.#connection.pushRouter = router;
  }

  /**
   * Makes this link a RESP2 subscriber connection: its Pub/Sub replies go
   * to `router`, and every reply decodes as bytes.
   */
  set subscriberRouter(router: PushRouter | undefined) {
    this.#subscriberRouter = router;
    this.#connection.subscriberRouter = router;
  }

  /** Where the link is in its life. */
  get status(): ClientState {
    return this.#state;
  }

  /** The options it connects with (`undefined` for a bare socket). */
  get options(): ConnectOptions | undefined {
    return this.#options;
  }

  /** The tracked connection state beyond the options. */
  get session(): Session | undefined {
    return this.#session;
  }

  /** A label of the server for messages (never containing a password). */
  get address(): string {
    return this.#address;
  }

  /** The client-wide command timeout in milliseconds, if any. */
  get commandTimeout(): number | undefined {
    return this.#commandTimeout;
  }

  /**
   * Runs the first handshake with `options` (kept for reconnects and extra
   * connections) and `session` on top; then the link is ready.
   *
   * @param options The checked options of `connect`.
   * @param session The connection state to start in.
   */
  async start(
    options: ConnectOptions,
    session: Session | undefined,
  ): Promise<void> {
    this.#options = options;
    this.#session = session;
    hooksOf(options)?.wake?.add(this.#wake);
    const timeout = options.commandTimeout;
    this.#commandTimeout = timeout === Infinity ? undefined : timeout;
    await this.#handshake(options);
    this.#state = "ready";
    this.#emit("connect");
    this.#emit("ready");
  }

  /**
   * Sends a command on this link's connection; one that changes the
   * connection's state goes through the state tracking.
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
    if ((flags & CONNECTION_STATE) !== 0) {
      const kind = classify(argv, this.#server.proto);
      if (kind instanceof TypeError) return Promise.reject(kind);
      if (kind !== undefined) {
        return this.#sendStateful(argv, kind, transform, bytes, call, flags);
      }
    }
    return this.sendPlain(argv, transform, bytes, call, flags);
  }

  #closedOrClosing(): boolean {
    return this.#state === "closed" || this.#state === "closing";
  }

  /**
   * Sends a command that changes the connection's state and, once the
   * server accepted it, makes the change the link's: reconnects and every
   * extra connection opened from then on get it, and idle extra
   * connections in the old state are closed.
   */
  #sendStateful(
    argv: readonly Arg[],
    change: StateChange,
    transform: Transform,
    bytes: boolean,
    call: RequestOptions | undefined,
    flags: number,
  ): Promise<unknown> {
    return this.sendPlain(argv, transform, bytes, call, flags).then(
      (result) => {
        this.#adopt(change);
        return result;
      },
    );
  }

  /** Makes a change of connection state the link's (see `#sendStateful`). */
  #adopt(change: StateChange): void {
    const options = this.#options;
    if (options === undefined) return;
    if (change.options !== undefined) {
      const next: ConnectOptions = { ...options, ...change.options };
      if (next.username === undefined) delete next.username;
      this.#options = next;
    }
    if (change.session !== undefined) {
      this.#session = { ...this.#session, ...change.session };
    }
    this.#stateVersion++;
    this.onStateChange?.(change);
  }

  /**
   * Makes `change` this link's state without sending anything: for a
   * connection that must follow another's (a RESP2 subscriber connection
   * reconnects with its client's user).
   *
   * @param change The change of connection state.
   */
  adopt(change: StateChange): void {
    this.#adopt(change);
  }

  /**
   * The timeout of a call in milliseconds, or `undefined` for none: the
   * call's own `timeout`; none when it brings a `signal` without one;
   * otherwise the client's `commandTimeout`, to which a blocking command
   * adds its block time (none when it blocks for ever).
   */
  timeoutFor(
    call: CallOptions | undefined,
    argv: readonly Arg[],
    flags: number,
  ): number | undefined {
    if (call !== undefined) {
      const own = call.timeout;
      if (own !== undefined) return own === Infinity ? undefined : own;
      if (call.signal !== undefined) return undefined;
    }
    const base = this.#commandTimeout;
    if (base === undefined || (flags & BLOCKING) === 0) return base;
    const block = blockTime(argv);
    if (block === undefined) return base;
    return block === 0 ? undefined : base + block;
  }

  /**
   * Sends a pipeline's or transaction's commands as one block on this
   * link's connection, within one timeout (see `timeoutFor`) to which
   * `block`, the time its commands may block, is added.
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
    // One timeout for the whole batch: the call's, or the client's plus
    // the time its blocking commands may block.
    let timeout = this.timeoutFor(call, [], 0);
    if (
      block !== undefined && timeout !== undefined &&
      call?.timeout === undefined
    ) {
      timeout = block === 0 ? undefined : timeout + block;
    }
    const state = this.#state;
    if (state === "closed" || state === "closing") {
      batch.fail(
        new ConnectionClosedError(
          `Connection to "${this.#address}" is ${state}`,
          this.#closed ? { cause: this.#closed } : {},
        ),
      );
      return batch.promise;
    }
    const signal = call?.signal;
    if (signal?.aborted) {
      batch.fail(abortReason(signal));
      return batch.promise;
    }
    const entries = batch.entries;
    if (timeout !== undefined) {
      // One deadline for the whole batch, on its last command.
      this.#timeouts.add(
        entries[entries.length - 1]!,
        timeout,
        timeout === this.#commandTimeout && call?.timeout === undefined,
      );
      batch.timeoutMs ??= timeout;
    }
    if (signal !== undefined) {
      const onAbort = () => batch.fail(abortReason(signal));
      signal.addEventListener("abort", onAbort, { once: true });
      batch.cleanup = () => signal.removeEventListener("abort", onAbort);
    }
    if (state === "reconnecting") {
      const limit = this.#options?.offlineQueueSize ?? 10_000;
      if (this.#offline.length + entries.length > limit) {
        batch.fail(
          new ConnectionClosedError(
            `Connection to "${this.#address}" is reconnecting and the offline queue cannot take the ${batch.kind}'s ${entries.length} commands (${this.#offline.length} of ${limit} taken)`,
          ),
        );
        return batch.promise;
      }
      for (const entry of entries) this.#offline.push(entry);
      return batch.promise;
    }
    // One synchronous loop: nothing else can be encoded in between.
    const connection = this.#connection;
    for (const entry of entries) connection.write(entry);
    return batch.promise;
  }

  /**
   * Sends `argv` (if any) and a PING; resolves once the PING's reply came,
   * by when every confirmation of `argv` was routed.
   */
  pubsubCommand(argv: Arg[] | undefined): Promise<void> {
    const command = argv === undefined
      ? undefined
      : this.sendPlain(argv, undefined, false, undefined, 0, true);
    const ping = this.sendPlain(["PING"], undefined, false, undefined, 0);
    return Promise.all([command, ping]).then(() => {});
  }

  /**
   * Creates a request and sends it, queues it while reconnecting, or
   * rejects it when the link is closed; no look at what the command is
   * (see {@linkcode Link.send} for commands that change the connection's
   * state). The hot path of every ordinary command.
   *
   * @param argv The argument vector.
   * @param transform The reply transform.
   * @param bytes Whether strings arrive as bytes.
   * @param call Per-call options (and an attributes handler).
   * @param flags The declaration's flags.
   * @param optional The command may get no reply (see `Request.optional`).
   * @returns The transformed reply.
   */
  sendPlain(
    argv: readonly Arg[],
    transform: Transform,
    bytes: boolean,
    call: RequestOptions | undefined,
    flags: number,
    optional = false,
  ): Promise<unknown> {
    const state = this.#state;
    if (state === "closed" || state === "closing") {
      return Promise.reject(
        new ConnectionClosedError(
          `Connection to "${this.#address}" is ${state}`,
          this.#closed ? { cause: this.#closed } : {},
        ),
      );
    }
    const signal = call?.signal;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    let resolve!: (value: unknown) => void;
    let reject!: (error: unknown) => void;
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const entry: Request = {
      resolve,
      reject,
      transform,
      bytes,
      onAttributes: call === undefined
        ? undefined
        : (call.onAttributes as AttributesHandler | undefined),
      optional,
      argv,
      readonly: (flags & READONLY) !== 0,
      flat: (flags & FLAT_REPLY) !== 0,
      internal: false,
      done: false,
    };
    const timeout = call === undefined && (flags & BLOCKING) === 0
      ? this.#commandTimeout
      : this.timeoutFor(call, argv, flags);
    if (timeout !== undefined) {
      // The client-wide timeout expires in the order commands were issued.
      this.#timeouts.add(
        entry,
        timeout,
        timeout === this.#commandTimeout && call?.timeout === undefined,
      );
    }
    if (signal !== undefined) abortOn(entry, signal);
    if (state === "reconnecting") {
      const limit = this.#options?.offlineQueueSize ?? 10_000;
      if (this.#offline.length >= limit) {
        settle(
          entry,
          new ConnectionClosedError(
            limit === 0
              ? `Connection to "${this.#address}" is reconnecting and the offline queue is off`
              : `Connection to "${this.#address}" is reconnecting and the offline queue is full (${limit} commands)`,
          ),
        );
        return promise;
      }
      this.#offline.push(entry);
      return promise;
    }
    this.#connection.write(entry, true);
    return promise;
  }

  /**
   * Dispatches one of the link's events to its owner. Nothing is thrown
   * here, whatever the listeners do.
   */
  #emit(type: RedisClientEventType, init: RedisClientEventInit = {}): void {
    this.events?.(type, init);
  }

  /**
   * The socket of `connection` failed or closed: reconnect when the link
   * may, otherwise close for good.
   */
  #lost(connection: Connection, message: string, cause?: unknown): void {
    if (connection !== this.#connection || this.#state === "closed") return;
    const error = new ConnectionClosedError(
      message,
      cause === undefined ? {} : { cause },
    );
    if (this.#state === "reconnecting") {
      // A reconnect attempt's socket failed: its handshake fails with it.
      this.#detach(message, cause);
      return;
    }
    const options = this.#options;
    if (
      this.#state !== "ready" || options === undefined ||
      options.socket !== undefined || options.reconnect === false
    ) {
      this.#terminate(
        options?.socket === undefined ? error : new ConnectionClosedError(
          `${message} (a client made with a single "socket" cannot reconnect; pass a "connector" to let it)`,
          cause === undefined ? {} : { cause },
        ),
      );
      return;
    }
    this.#state = "reconnecting";
    this.#detach(message, cause);
    this.#emit("error", { error });
    this.#scheduleReconnect(1, error);
  }

  /**
   * Drops the current socket. Commands that were written reject with
   * {@linkcode ConnectionClosedError} (`written: true`), except read-only
   * ones with `retryReadOnly`; commands not yet written go to the owner
   * (`handBack`), or wait in the offline queue when the link is
   * reconnecting, and reject otherwise.
   */
  #detach(message: string, cause?: unknown): void {
    const { pending, written } = this.#connection.detach();
    const reconnecting = this.#state === "reconnecting";
    const handBack = this.handBack;
    const retry = this.#options?.retryReadOnly === true;
    const options = cause === undefined ? {} : { cause };
    let wasWritten: ConnectionClosedError | undefined;
    let notWritten: ConnectionClosedError | undefined;
    const resend: Request[] = [];
    for (let i = 0; i < pending.length; i++) {
      const entry = pending[i]!;
      if (entry.done) continue;
      const isWritten = i < written;
      if (
        (reconnecting || handBack !== undefined) && !entry.internal &&
        (!isWritten || retry && entry.readonly)
      ) {
        resend.push(entry);
      } else if (entry instanceof BatchEntry) {
        // The whole pipeline or transaction fails, and says how far it got.
        entry.batch.lost(message, isWritten, cause);
      } else if (isWritten) {
        wasWritten ??= new ConnectionClosedError(
          `${message}: the command had been written (one of ${written}) and may have run`,
          { ...options, written: true },
        );
        settle(entry, wasWritten);
      } else {
        notWritten ??= new ConnectionClosedError(
          `${message}: the command had not been written`,
          { ...options, written: false },
        );
        settle(entry, notWritten);
      }
    }
    if (resend.length === 0) return;
    if (handBack !== undefined) {
      handBack(resend);
      return;
    }
    // They were issued first, so they go first.
    const offline = this.#offline.drain();
    for (const entry of resend) this.#offline.push(entry);
    for (const entry of offline) this.#offline.push(entry);
  }

  #scheduleReconnect(attempt: number, error: ConnectionError): void {
    const options = this.#options!;
    const strategy = typeof options.reconnect === "function"
      ? options.reconnect
      : defaultReconnect;
    let delay: number | false;
    let cause: unknown = error;
    try {
      delay = strategy(attempt, error);
    } catch (failure) {
      delay = false;
      cause = failure;
    }
    if (delay === false || !(delay >= 0)) {
      this.#terminate(
        new ConnectionClosedError(
          `Connection to "${this.#address}" was lost and reconnecting gave up after ${
            attempt - 1
          } attempt${attempt === 2 ? "" : "s"}`,
          { cause },
        ),
      );
      return;
    }
    this.#emit("reconnecting", { attempt, delay, error });
    this.#nextAttempt = attempt;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.#reconnect(attempt);
    }, delay);
  }

  async #reconnect(attempt: number): Promise<void> {
    if (this.#state !== "reconnecting") return;
    const options = this.#options!;
    const timeout = options.connectTimeout ?? 10_000;
    const controller = new AbortController();
    this.#attempt = controller;
    let opened = false;
    const limit = attemptDeadline(
      timeout,
      () =>
        attemptTimedOut(
          "Reconnecting",
          this.#address,
          options,
          timeout,
          opened,
        ),
      controller,
    );
    try {
      const socket = await Promise.race([
        openOrWrap(options, this.#address, controller.signal),
        limit.expired,
      ]);
      opened = true;
      if (this.#state !== "reconnecting") {
        socket.close();
        return;
      }
      const connection = this.#attach(socket);
      this.#emit("connect");
      await Promise.race([this.#handshake(options), limit.expired]);
      // Subscriptions come back before anything else is sent.
      const direct: PubSubTransport = {
        command: (argv) => {
          const command = argv === undefined
            ? undefined
            : connection.sendDirect(argv, true);
          const ping = connection.sendDirect(["PING"]);
          return Promise.all([command, ping]).then(() => {});
        },
      };
      if (this.restore !== undefined) {
        await Promise.race([this.restore(direct), limit.expired]);
      }
    } catch (error) {
      controller.abort(error);
      if (this.#state !== "reconnecting") return;
      this.#detach(`Reconnecting to "${this.#address}" failed`, error);
      this.#scheduleReconnect(
        attempt + 1,
        asConnectionError(`Reconnecting to "${this.#address}" failed`, error),
      );
      return;
    } finally {
      limit.clear();
      if (this.#attempt === controller) this.#attempt = undefined;
    }
    if (this.#state !== "reconnecting") return;
    this.#state = "ready";
    const connection = this.#connection;
    const waiting = this.#offline.drain();
    for (const entry of waiting) if (!entry.done) connection.write(entry);
    this.#emit("ready");
  }

  /**
   * The handshake on the current socket; the session steps the server
   * refused leave the session, and an `"error"` event says so.
   */
  async #handshake(options: ConnectOptions): Promise<void> {
    // Respite's own steps for every connection of these options (a
    // Sentinel client's ROLE check) come before the owner's.
    const own = hooksOf(options)?.steps;
    const result = await handshake(
      this.#connection,
      options,
      this.#address,
      this.#session,
      own === undefined ? this.steps : [...own, ...this.steps],
    );
    this.#server = result.server;
    for (const refused of result.refused) this.#refused(refused);
  }

  #refused({ step, error }: RefusedStep): void {
    const kind = classify(step, 3);
    if (kind !== undefined && !(kind instanceof TypeError) && kind.session) {
      const undone: Partial<Session> = {};
      for (const key of Object.keys(kind.session)) {
        (undone as Record<string, undefined>)[key] = undefined;
      }
      this.#session = { ...this.#session, ...undone };
      this.#stateVersion++;
    }
    this.#emit("error", {
      error: new ConnectionError(
        `Connection to "${this.#address}" could not restore "${
          commandLabel(step)
        }": ${error.message}`,
        { cause: error },
      ),
    });
  }

  /**
   * Closes for good: rejects every pending and queued command, ends the
   * subscriptions and closes the extra connections. Idempotent.
   */
  #terminate(error: ConnectionClosedError, quiet = false): void {
    if (this.#state === "closed") return;
    this.#state = "closed";
    this.#closed = error;
    clearTimeout(this.#reconnectTimer);
    if (this.#options !== undefined) {
      hooksOf(this.#options)?.wake?.delete(this.#wake);
    }
    const message = error.message;
    const cause = error.cause;
    this.#detach(message, cause);
    const offline = this.#offline.drain();
    if (offline.length > 0) {
      const notWritten = new ConnectionClosedError(
        `${message}: the command had not been written`,
        { cause: error, written: false },
      );
      for (const entry of offline) {
        if (entry instanceof BatchEntry) {
          entry.batch.lost(message, false, error);
        } else {
          settle(entry, notWritten);
        }
      }
    }
    // Every command is settled now, but those handed back to the owner,
    // which keep their deadlines.
    this.#timeouts.release();
    // A reconnect attempt closes its socket wherever it is (a TLS
    // handshake included).
    this.#attempt?.abort(error);
    this.onEnd?.(error, quiet);
    this.#emit("end", { error: quiet ? undefined : error });
  }

  /**
   * Closes gracefully: stops accepting commands, waits for the replies of
   * those already sent, then closes the socket. Subscriptions end quietly
   * and reconnecting stops (queued commands reject).
   *
   * @returns Resolves when closed.
   */
  close(): Promise<void> {
    this.#closing ??= this.#closeGracefully();
    return this.#closing;
  }

  async #closeGracefully(): Promise<void> {
    if (this.#state === "closed") return;
    const reconnecting = this.#state === "reconnecting";
    this.#state = "closing";
    await this.beforeClose?.();
    if (!reconnecting) await this.#connection.whenDrained();
    const readLoop = this.#connection.readLoop;
    this.#terminate(
      new ConnectionClosedError(
        `Connection to "${this.#address}" was closed by close()`,
      ),
      true,
    );
    await readLoop;
  }

  /**
   * Closes at once; pending commands reject with
   * {@linkcode ConnectionClosedError}.
   *
   * @returns Resolves when the socket is released.
   */
  disconnect(): Promise<void> {
    const readLoop = this.#connection.readLoop;
    this.#terminate(
      new ConnectionClosedError(
        `Connection to "${this.#address}" was closed by disconnect()`,
      ),
    );
    return readLoop;
  }
}
