/**
 * Where the connections of a Sentinel client go: a `Connector` that asks
 * the sentinels for the master's (or a replica's) address on every
 * (re)connect, a ROLE check after each handshake, and the watch that
 * moves every connection at once when the master changes: on a sentinel's
 * `+switch-master` message, or when a master connection answers
 * `READONLY`. Moving a connection closes its socket: its written commands
 * reject as lost (`written: true`), the others wait for the new master in
 * the client's offline queue.
 *
 * @module
 */

import type { ConnectionHooks } from "../_connect_options.ts";
import type { ReplyError } from "../errors.ts";
import type { Connector, RespSocket } from "../transport/types.ts";
import type { RedisClient } from "../client.ts";
import type { Arg } from "../resp/types.ts";
import {
  hostPort,
  type SentinelAddress,
  SentinelError,
  type SentinelResolver,
} from "./resolver.ts";

/** Options of {@linkcode SentinelSource}. */
export interface SentinelSourceOptions {
  /** Asks the sentinels. */
  resolver: SentinelResolver;
  /** The master group's name. */
  name: string;
  /** What the connections go to. */
  role: "master" | "replica";
  /** Opens a socket to an address (the caller's connector, or a transport). */
  open: Connector;
  /** Follow `+switch-master` messages of a sentinel. @default {true} */
  followSwitches?: boolean;
}

/** The flags of a replica that is not to be used. */
const UNHEALTHY = new Set(["s_down", "o_down", "disconnected"]);

/** Backoff of the `+switch-master` subscription after it was lost. */
const WATCH_DELAY_MS = [50, 100, 250, 500, 1000, 2000];

/** See the module docs. */
export class SentinelSource {
  readonly #options: SentinelSourceOptions;
  /** The sockets handed out, with where each went (`host:port`). */
  readonly #sockets = new Map<RespSocket, string>();
  /** The master as last resolved or announced. */
  #master: SentinelAddress | undefined;
  /** A replica connection fell back to the master: none was healthy. */
  #fallback = false;
  #checking: Promise<void> | undefined;
  #watcher: RedisClient | undefined;
  /** Ends the wait before the subscription is tried again. */
  #stopWaiting: (() => void) | undefined;
  #closed = false;
  /** Called when the master changed, with the old and new `host:port`. */
  onFailover: ((from: string, to: string) => void) | undefined;

  #watching = false;

  /**
   * Creates the source; with `followSwitches`, it subscribes to a
   * sentinel's `+switch-master` when it opens its first connection.
   *
   * @param options The resolver, the group, the role and the opener.
   */
  constructor(options: SentinelSourceOptions) {
    this.#options = options;
  }

  /** Opens a socket to the address the sentinels give now. */
  readonly connector: Connector = async (socketOptions, signal) => {
    if (!this.#watching && (this.#options.followSwitches ?? true)) {
      this.#watching = true;
      this.#watch(0);
    }
    const address = await this.#resolve();
    signal.throwIfAborted();
    const opened = await this.#options.open(
      { ...socketOptions, hostname: address.host, port: address.port },
      signal,
    );
    const where = hostPort(address);
    // A wrapper (the opened socket may be frozen) that leaves the list of
    // sockets handed out when it closes.
    const socket: RespSocket = {
      readable: opened.readable,
      writable: opened.writable,
      close: () => {
        this.#sockets.delete(socket);
        opened.close();
      },
    };
    if (opened.setReadTarget !== undefined) {
      socket.setReadTarget = opened.setReadTarget.bind(opened);
    }
    if (this.#closed) {
      socket.close();
      throw new SentinelError("The Sentinel client is closed");
    }
    this.#sockets.set(socket, where);
    return socket;
  };

  /** The live links, woken when the master moves (if they wait). */
  readonly #wake = new Set<() => void>();
  /** The owner is done: close when the last link closes. */
  #released = false;

  /** The ROLE check and the READONLY watch of every connection. */
  readonly hooks: ConnectionHooks = {
    wake: {
      add: (wake) => this.#wake.add(wake),
      delete: (wake) => {
        this.#wake.delete(wake);
        if (this.#released && this.#wake.size === 0) this.close();
      },
    },
    steps: [(send) => this.#checkRole(send)],
    onReplyError: (error: ReplyError) => {
      if (error.code === "READONLY" && this.#options.role === "master") {
        this.check();
      }
    },
  };

  /** The master or a replica, as the sentinels say now. */
  async #resolve(): Promise<SentinelAddress> {
    const resolver = this.#options.resolver;
    const master = await resolver.master();
    this.#learnMaster(master);
    if (this.#options.role === "master") return master;
    const healthy = (await resolver.replicas()).filter((replica) =>
      !replica.flags.some((flag) => UNHEALTHY.has(flag))
    );
    const pick = healthy[Math.floor(Math.random() * healthy.length)];
    this.#fallback = pick === undefined;
    return pick ?? master;
  }

  /** Runs ROLE on a new connection: is it what was asked for? */
  async #checkRole(
    send: (argv: readonly Arg[]) => Promise<unknown>,
  ): Promise<void> {
    const reply = await send(["ROLE"]);
    const role = Array.isArray(reply) ? String(reply[0]) : String(reply);
    const wanted = this.#options.role === "master" || this.#fallback
      ? "master"
      : "slave";
    if (role !== wanted) {
      // The sentinels' answer is out of date: ask again next time.
      this.check();
      throw new SentinelError(
        `The node the sentinels gave for "${this.#options.name}" is a ${
          role === "slave" ? "replica" : `"${role}"`
        }, not a ${wanted === "slave" ? "replica" : "master"}`,
      );
    }
  }

  /** Records the master; a change is a failover. */
  #learnMaster(master: SentinelAddress): void {
    const before = this.#master;
    this.#master = master;
    if (
      before !== undefined &&
      (before.host !== master.host || before.port !== master.port)
    ) {
      this.#moved(before, master);
    }
  }

  /**
   * The master changed: every master connection elsewhere (or, for
   * replicas, every connection to the promoted one) is closed, so that
   * the clients reconnect where the sentinels say.
   */
  #moved(from: SentinelAddress, to: SentinelAddress): void {
    const now = hostPort(to);
    for (const [socket, where] of this.#sockets) {
      const stale = this.#options.role === "master"
        ? where !== now
        : where === now && !this.#fallback;
      if (stale) socket.close();
    }
    // Links waiting out a backoff after the old master went away try the
    // new one now.
    for (const wake of [...this.#wake]) wake();
    try {
      this.onFailover?.(hostPort(from), now);
    } catch {
      // A listener's failure must not stop the move.
    }
  }

  /**
   * Asks the sentinels for the master again (one question at a time), and
   * moves the connections when it changed.
   *
   * @returns Resolves when the check is done; never rejects.
   */
  check(): Promise<void> {
    return this.#checking ??= this.#options.resolver.master().then(
      (master) => this.#learnMaster(master),
      () => {},
    ).finally(() => {
      this.#checking = undefined;
    });
  }

  /** Subscribes to `+switch-master` on a sentinel, and again when lost. */
  async #watch(attempt: number): Promise<void> {
    while (!this.#closed) {
      let client: RedisClient | undefined;
      try {
        ({ client } = await this.#options.resolver.subscriber());
        if (this.#closed) {
          client.disconnect().catch(() => {});
          return;
        }
        this.#watcher = client;
        const ended = new Promise<void>((resolve) =>
          client!.addEventListener("end", () => resolve(), { once: true })
        );
        await client.subscribe(["+switch-master"], {
          listener: ({ message }) => this.#switched(message),
        });
        attempt = 0;
        // A switch missed while no subscription was up.
        await this.check();
        await ended;
      } catch {
        // No sentinel now, or it refused the subscription: another one
        // after a while.
      }
      client?.disconnect().catch(() => {});
      if (this.#closed) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(
          () => {
            this.#stopWaiting = undefined;
            resolve();
          },
          WATCH_DELAY_MS[Math.min(attempt++, WATCH_DELAY_MS.length - 1)],
        );
        this.#stopWaiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** `<name> <old-ip> <old-port> <new-ip> <new-port>` from a sentinel. */
  #switched(message: string): void {
    const [name, , , host, portText] = message.split(" ");
    const port = Number(portText);
    if (
      name !== this.#options.name || host === undefined ||
      !Number.isInteger(port) || port < 1 || port > 65535
    ) {
      return;
    }
    this.#learnMaster({ host, port });
  }

  /**
   * The owner (a client) closed: the source closes once no connection
   * opened through it is left (a `duplicate()` may outlive the client).
   */
  release(): void {
    this.#released = true;
    if (this.#wake.size === 0) this.close();
  }

  /** Stops watching; the sockets handed out stay with their clients. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#options.resolver.close();
    this.#watcher?.disconnect().catch(() => {});
    this.#stopWaiting?.();
  }
}
