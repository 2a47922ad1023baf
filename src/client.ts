/**
 * The single-node client: a {@linkcode Commander} (the typed command
 * surface) over one server's connections (a `NodeSender`: the shared
 * link with its reconnects and offline queue, the extra connections and
 * the subscriptions), and `connect()`, which opens one.
 *
 * @module
 */

import { Commander } from "./commander.ts";
import type { Session } from "./_session.ts";
import {
  type ClientState,
  Link,
  type RedisClientEventInit,
  type RedisClientEventType,
} from "./connection/link.ts";
import { NodeSender, openNode } from "./connection/node.ts";
import type { ServerInfo } from "./connection/handshake.ts";
import { type ConnectOptions, resolveOptions } from "./_connect_options.ts";
import type { RespSocket } from "./transport/types.ts";
import { summarize } from "./_inspect.ts";

export type { ConnectOptions, ReplyLimits } from "./_connect_options.ts";
export type { CallOptions } from "./connection/request.ts";
export type { ServerInfo } from "./connection/handshake.ts";
export type {
  ClientState,
  RedisClientEventInit,
  RedisClientEventType,
} from "./connection/link.ts";

/**
 * An event of a {@linkcode RedisClient}. An `"error"` event with no
 * listener is harmless: the client never throws it.
 *
 * @example
 * ```ts ignore
 * client.addEventListener("error", (event) => {
 *   console.warn("redis connection lost:", event.error);
 * });
 * ```
 */
export class RedisClientEvent extends Event {
  /** What failed, for `"error"`, `"reconnecting"` and `"end"`. */
  readonly error: unknown;
  /** The reconnect attempt, from 1, for `"reconnecting"`. */
  readonly attempt: number | undefined;
  /** Milliseconds before the attempt, for `"reconnecting"`. */
  readonly delay: number | undefined;
  /** The old master, as `"host:port"`, for `"failover"`. */
  readonly from: string | undefined;
  /** The new master, as `"host:port"`, for `"failover"`. */
  readonly to: string | undefined;

  /**
   * Creates an event.
   *
   * @param type The event type.
   * @param init The details.
   */
  constructor(type: RedisClientEventType, init: RedisClientEventInit = {}) {
    super(type);
    this.error = init.error;
    this.attempt = init.attempt;
    this.delay = init.delay;
    this.from = init.from;
    this.to = init.to;
  }
}

/**
 * The events of a {@linkcode RedisClient} by type: what the listeners of
 * `addEventListener` receive.
 *
 * @example
 * ```ts
 * import type { RedisClientEventMap } from "@respite/redis";
 *
 * type Reconnecting = RedisClientEventMap["reconnecting"]; // RedisClientEvent
 * ```
 */
export type RedisClientEventMap = Record<
  RedisClientEventType,
  RedisClientEvent
>;

/**
 * A listener of a {@linkcode RedisClient} event: a function, or an object
 * with `handleEvent`.
 *
 * @example
 * ```ts
 * import type { RedisClientEventListener } from "@respite/redis";
 *
 * const log: RedisClientEventListener<"error"> = (event) => console.warn(event.error);
 * ```
 */
export type RedisClientEventListener<K extends RedisClientEventType> =
  | ((event: RedisClientEventMap[K]) => void)
  | { handleEvent(event: RedisClientEventMap[K]): void };

/** Wraps open connections; module-private so it stays off the public API. */
const adopt = Symbol("adopt");

/**
 * A connection to one Redis server.
 *
 * A command that finds the connection idle is written at once; commands
 * issued while a write is in progress, or in the same tick as others, gather
 * and go out together in the next write (auto-pipelining). Replies are
 * matched to commands strictly in order, and RESP3 pushes never take a
 * command's place. Any number of commands may be in flight. When many
 * replies arrive at once, they are handed out a slice at a time, and what
 * their callers send next is written before the rest are handed out, so
 * the server is not left idle meanwhile.
 *
 * Every command method, `sendCommand`, the scan iterators, pipelines,
 * transactions, `watch()`, scripts and subscriptions come from
 * {@linkcode Commander}. Create one with {@linkcode connect}.
 *
 * @example
 * ```ts ignore
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect("redis://127.0.0.1:6379");
 * await client.set("greeting", "hello", { ex: 60 });
 * console.log(await client.get("greeting")); // "hello"
 * ```
 */
export class RedisClient extends Commander {
  static {
    summarize(RedisClient, "RedisClient", (client) => ({
      status: client.status,
      address: client.#link.address,
      db: client.#link.options?.db ?? 0,
      protocol: client.protocol,
      pending: client.pendingCount,
      subscribed: client.subscribed || undefined,
    }));
  }

  /** The connections opened by `openClient`, handed to the constructor. */
  static #adopting: NodeSender | undefined;
  readonly #node: NodeSender;
  readonly #link: Link;

  /**
   * Wraps a connected socket. Use {@linkcode connect} instead, which also
   * opens the socket and runs the handshake.
   *
   * @param socket The connected socket.
   * @param address A label for messages (never containing a password).
   * @param options Reply limits, push/attribute handlers, and whether the
   *   socket is done with a written chunk once its write resolves (then
   *   large batch buffers are reused).
   */
  constructor(
    socket: RespSocket,
    address: string,
    options: Pick<ConnectOptions, "limits" | "onPush" | "onAttributes"> & {
      recycleWrites?: boolean;
    } = {},
  ) {
    const node = RedisClient.#adopting ??
      new NodeSender(new Link(socket, address, options));
    RedisClient.#adopting = undefined;
    super(node);
    const link = node.link;
    this.#node = node;
    this.#link = link;
    link.events = (type, init) =>
      this.dispatchEvent(new RedisClientEvent(type, init));
  }

  /**
   * A client over an open link (internal to {@linkcode connect}).
   *
   * @ignore
   */
  static [adopt](node: NodeSender): RedisClient {
    RedisClient.#adopting = node;
    return new RedisClient(undefined as unknown as RespSocket, "");
  }

  /**
   * Listens for one of the client's events (see
   * {@linkcode RedisClientEventType}); the listener gets a
   * {@linkcode RedisClientEvent}, typed by the event's name.
   *
   * @example
   * ```ts ignore
   * client.addEventListener("reconnecting", (event) => {
   *   console.warn(`attempt ${event.attempt} in ${event.delay} ms`);
   * });
   * ```
   *
   * @param type The event's name.
   * @param listener The listener.
   * @param options The standard listener options (`once`, `signal`, ...).
   */
  override addEventListener<K extends RedisClientEventType>(
    type: K,
    listener: RedisClientEventListener<K> | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(
      type,
      listener as EventListenerOrEventListenerObject | null,
      options,
    );
  }

  /**
   * Stops a listener added with {@linkcode RedisClient.addEventListener}.
   *
   * @example
   * ```ts ignore
   * const onError = (event: RedisClientEvent) => console.warn(event.error);
   * client.addEventListener("error", onError);
   * client.removeEventListener("error", onError);
   * ```
   *
   * @param type The event's name.
   * @param listener The listener.
   * @param options The standard options (`capture`).
   */
  override removeEventListener<K extends RedisClientEventType>(
    type: K,
    listener: RedisClientEventListener<K> | null,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(
      type,
      listener as EventListenerOrEventListenerObject | null,
      options,
    );
  }

  /**
   * The protocol in use after the handshake: 2 or 3.
   *
   * @example
   * ```ts ignore
   * console.log(client.protocol); // 3
   * ```
   */
  get protocol(): 2 | 3 {
    return this.#link.protocol;
  }

  /**
   * What the server reported in the handshake.
   *
   * @example
   * ```ts ignore
   * console.log(client.server.version); // "7.0.15"
   * ```
   */
  get server(): ServerInfo {
    return this.#link.server;
  }

  /**
   * Whether the connection is closed (by `close`, `disconnect`, the server
   * or a failure). A closed client rejects every command with
   * {@linkcode ConnectionClosedError}.
   *
   * @example
   * ```ts ignore
   * client.disconnect();
   * console.log(client.closed); // true
   * ```
   */
  get closed(): boolean {
    return this.#link.closed;
  }

  /**
   * The number of commands sent or queued whose replies have not arrived.
   *
   * @example
   * ```ts ignore
   * client.get("a");
   * console.log(client.pendingCount); // 1
   * ```
   */
  get pendingCount(): number {
    return this.#link.pendingCount;
  }

  /**
   * Whether the client has active subscriptions (made with `subscribe`,
   * `psubscribe` or `ssubscribe`, over RESP3 on its connection or over
   * RESP2 on its extra subscriber connection).
   *
   * @example
   * ```ts ignore
   * const sub = await client.subscribe("news");
   * console.log(client.subscribed); // true
   * ```
   */
  get subscribed(): boolean {
    return this.#node.subscribed;
  }

  /**
   * Where the client is: `"connecting"`, `"ready"`, `"reconnecting"` (the
   * connection dropped; commands wait in the offline queue), `"closing"` or
   * `"closed"`.
   *
   * @example
   * ```ts ignore
   * console.log(client.status); // "ready"
   * ```
   */
  get status(): ClientState {
    return this.#link.status;
  }

  /**
   * Opens another connection to the same server with the same options
   * (and `overrides`), for work that needs a connection of its own. It
   * starts in the state this client tracks (database, user, name, see
   * {@linkcode CONNECTION_STATE}), unless `overrides` say otherwise.
   *
   * @example
   * ```ts ignore
   * await using worker = await client.duplicate({ clientName: "worker" });
   * ```
   *
   * @param overrides Options that differ from this client's.
   * @returns The new, connected client.
   */
  duplicate(overrides: ConnectOptions = {}): Promise<RedisClient> {
    const options = this.#link.options;
    if (!options || options.socket) {
      return Promise.reject(
        new TypeError(
          options
            ? 'Cannot duplicate a client made with a single "socket": pass a "connector" instead to let it open more connections'
            : "Cannot duplicate a client made without connect()",
        ),
      );
    }
    let merged: ConnectOptions;
    try {
      merged = resolveOptions({ ...options, url: undefined, ...overrides });
    } catch (error) {
      return Promise.reject(error);
    }
    return openClient(merged, this.#link.session);
  }

  /**
   * Closes gracefully: stops accepting commands, waits for the replies of
   * those already sent, then closes the connection. Resolves when closed.
   * Subscriptions end quietly (their iterators finish) and reconnecting
   * stops (commands waiting in the offline queue reject).
   *
   * @example
   * ```ts ignore
   * const pending = client.incr("n");
   * await client.close();
   * console.log(await pending); // the reply still arrives
   * ```
   */
  close(): Promise<void> {
    return this.#link.close();
  }

  /**
   * Closes the connection at once. Pending commands reject with
   * {@linkcode ConnectionClosedError} (`written` tells whether each had been
   * sent). The returned promise resolves when the socket is released;
   * awaiting it is optional.
   *
   * @example
   * ```ts ignore
   * await client.disconnect();
   * ```
   */
  disconnect(): Promise<void> {
    return this.#link.disconnect();
  }

  /**
   * Closes gracefully, for `await using`.
   *
   * @example
   * ```ts ignore
   * await using client = await connect();
   * ```
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Connects to a Redis server and runs the handshake (HELLO, AUTH, SELECT,
 * CLIENT SETNAME as needed).
 *
 * `target` is a URL (`redis://`, `rediss://`, `unix://`), an options object,
 * or nothing for `redis://127.0.0.1:6379`.
 *
 * @example
 * ```ts ignore
 * import { connect } from "@respite/redis";
 *
 * const client = await connect("redis://127.0.0.1:6379/0");
 * console.log(await client.ping()); // "PONG"
 * await client.close();
 * ```
 *
 * @param target Where and how to connect.
 * @returns The connected, ready client.
 * @throws {TypeError} The URL or options are invalid.
 * @throws {ConnectionError} The server cannot be reached.
 * @throws {ReplyError} The server refused the handshake (for example
 *   `WRONGPASS`).
 * @throws {DOMException} `TimeoutError` after `connectTimeout`.
 */
export async function connect(
  target?: string | ConnectOptions,
): Promise<RedisClient> {
  return await openClient(resolveOptions(target), undefined);
}

/**
 * Opens a client with checked options, starting in `session` (the
 * connection state of the client it is opened for).
 */
async function openClient(
  options: ConnectOptions,
  session: Session | undefined,
): Promise<RedisClient> {
  return RedisClient[adopt](await openNode(options, session));
}
