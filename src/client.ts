/**
 * The Redis client: connection handshake, auto-pipelining, FIFO replies.
 *
 * @module
 */

import { Deadlines } from "./_deadlines.ts";
import { Queue } from "./_queue.ts";
import type { BytesMethods, CommandMethods } from "./commands/mod.ts";
import { installCommands, type Transform } from "./_install.ts";
import {
  type Batch,
  BatchEntry,
  type Pending,
  sendBatch,
  type Ticket,
  toText,
  watchOn,
} from "./_batch.ts";
import { blocks } from "./_builder.ts";
import { type ExecResults, Pipeline } from "./pipeline.ts";
import {
  Transaction,
  type WatchFunction,
  type WatchOptions,
} from "./transaction.ts";
import type { Script } from "./script.ts";
import {
  type Binary,
  BLOCKING,
  type Cursor,
  FLAT_REPLY,
  type Key,
  READONLY,
} from "./commands/_define.ts";
import type { ScanOptions } from "./commands/keys.ts";
import { iterateScan, type ScanMatchOptions } from "./commands/_scan.ts";
import {
  isPubSubKind,
  PubSubHub,
  type PubSubTransport,
  type Subscription,
  type SubscriptionOptions,
} from "./pubsub.ts";
import {
  ConnectionClosedError,
  ConnectionError,
  ProtocolError,
  RedisError,
  ReplyError,
  WatchError,
} from "./errors.ts";
import type { RespDecoderOptions } from "./resp/decoder.ts";
import { RespDecoderStream } from "./resp/decoder_stream.ts";
import { REPLY_BYTES, REPLY_FLAT } from "./resp/decoder.ts";
import { CommandEncoder } from "./resp/encoder.ts";
import { type Arg, Push, type Reply } from "./resp/types.ts";
import { openSocket } from "./transport/mod.ts";
import type { RespSocket } from "./transport/types.ts";
import { parseRedisUrl, type RedisUrlOptions } from "./url.ts";

/**
 * Decoder limits a client applies to every reply; see
 * {@linkcode RespDecoderOptions} for their meaning and defaults.
 *
 * @example
 * ```ts
 * import type { ReplyLimits } from "@respite/redis";
 *
 * const limits: ReplyLimits = { maxBulkLength: 64 * 1024 * 1024, maxDepth: 32 };
 * ```
 */
export type ReplyLimits = Pick<
  RespDecoderOptions,
  "maxBulkLength" | "maxAggregateLength" | "maxDepth" | "maxLineLength"
>;

/**
 * Options of {@linkcode connect}.
 *
 * @example
 * ```ts
 * import type { ConnectOptions } from "@respite/redis";
 *
 * const options: ConnectOptions = {
 *   hostname: "127.0.0.1",
 *   port: 6379,
 *   username: "app",
 *   password: Deno.env.get("REDIS_PASSWORD"),
 *   db: 1,
 *   clientName: "worker-1",
 * };
 * ```
 */
export interface ConnectOptions extends RedisUrlOptions {
  /** A connection URL; explicit options override what it says. */
  url?: string;
  /**
   * RESP protocol version. With 3 (the default) the client sends `HELLO 3`
   * with AUTH and SETNAME in one round trip and falls back to RESP2 when
   * the server does not know HELLO.
   *
   * @default {3}
   */
  protocol?: 2 | 3;
  /**
   * Milliseconds allowed for opening the socket and the handshake together.
   *
   * @default {10000}
   */
  connectTimeout?: number;
  /**
   * A socket to use instead of opening one: any `{ readable, writable }`
   * byte-stream pair (for example a Cloudflare Workers socket), with
   * `setReadTarget` when it can read large values straight into place
   * (see {@linkcode RespSocket.setReadTarget}).
   */
  socket?: Pick<RespSocket, "readable" | "writable" | "setReadTarget"> & {
    close?: () => void;
  };
  /** Size and depth limits for replies. */
  limits?: ReplyLimits;
  /**
   * Receives RESP3 pushes (pub/sub messages, invalidations). Pushes never
   * answer a command; without a handler they are dropped.
   */
  onPush?: (push: Push) => void;
  /**
   * Receives the RESP3 attributes the server sends before a reply. See
   * {@linkcode CommandOptions.onAttributes} for attributes of one command.
   */
  onAttributes?: (attributes: Map<Reply, Reply>) => void;
  /**
   * Reconnecting after the connection drops: `false` to close for good
   * instead, or a strategy that gets the attempt number (from 1) and the
   * error, and returns the delay in milliseconds before the attempt, or
   * `false` to give up. The default retries forever with exponential
   * backoff from 50 ms up to 5 s, with jitter.
   *
   * Every reconnect runs the whole handshake again (HELLO/AUTH, SELECT,
   * CLIENT SETNAME) and restores the client's subscriptions before any
   * queued command is sent.
   */
  reconnect?: false | ((attempt: number, error: unknown) => number | false);
  /**
   * How many commands may wait while the client reconnects; they are sent
   * once it is ready again. Further commands, and all of them when this is
   * 0, reject at once with {@linkcode ConnectionClosedError}.
   *
   * @default {10000}
   */
  offlineQueueSize?: number;
  /**
   * Send read-only commands (per their declaration's flags) again after a
   * reconnect when the connection dropped after they were written. Other
   * written commands are never sent twice: they reject with
   * {@linkcode ConnectionClosedError} (`written: true`), since they may
   * have run.
   *
   * @default {false}
   */
  retryReadOnly?: boolean;
  /**
   * A timeout in milliseconds for every command, unless a call sets its own
   * (see {@linkcode RedisClient.withOptions}). A command that times out
   * rejects with a `DOMException` named `"TimeoutError"`; its reply, when
   * it comes, is discarded.
   */
  commandTimeout?: number;
}

/**
 * Per-call options: a timeout and an abort signal. They work before and
 * after the command was written: the call rejects at once with a
 * `DOMException` (`"TimeoutError"`, or the signal's reason, by default an
 * `"AbortError"`), and the reply that arrives later is discarded without
 * disturbing the order of the other replies.
 *
 * @example
 * ```ts ignore
 * const value = await client.withOptions({ timeout: 500 }).get("key");
 * const controller = new AbortController();
 * const popped = client.withOptions({ signal: controller.signal }).blpop(["jobs"], 0);
 * controller.abort();
 * ```
 */
export interface CallOptions {
  /** Milliseconds until the call rejects with a `"TimeoutError"`. */
  timeout?: number;
  /** Rejects the call when aborted, with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Where a client is in its life: `"connecting"` until the first handshake
 * is done, `"ready"`, `"reconnecting"` after the connection dropped,
 * `"closing"` during `close()`, and `"closed"` for good.
 *
 * @example
 * ```ts ignore
 * if (client.status === "reconnecting") console.log("commands are queued");
 * ```
 */
export type ClientState =
  | "connecting"
  | "ready"
  | "reconnecting"
  | "closing"
  | "closed";

/**
 * The events a {@linkcode RedisClient} dispatches: `"connect"` (a socket is
 * open), `"ready"` (the handshake is done and commands flow),
 * `"error"` (the connection failed; the client reconnects unless told
 * otherwise), `"reconnecting"` (an attempt is scheduled: see `attempt` and
 * `delay`), `"end"` (the client closed for good).
 *
 * @example
 * ```ts ignore
 * client.addEventListener("reconnecting", (event) => console.log(event.type));
 * ```
 */
export type RedisClientEventType =
  | "connect"
  | "ready"
  | "error"
  | "reconnecting"
  | "end";

/**
 * The details of a {@linkcode RedisClientEvent}.
 *
 * @example
 * ```ts ignore
 * const init: RedisClientEventInit = { attempt: 1, delay: 50 };
 * ```
 */
export interface RedisClientEventInit {
  /** What failed (`"error"`, `"reconnecting"`, `"end"` after a failure). */
  error?: unknown;
  /** The reconnect attempt, from 1 (`"reconnecting"`). */
  attempt?: number;
  /** Milliseconds before the attempt (`"reconnecting"`). */
  delay?: number;
}

/**
 * An event of a {@linkcode RedisClient}. An `"error"` event with no
 * listener is harmless: the client never throws it.
 *
 * @example
 * ```ts ignore
 * client.addEventListener("error", (event) => {
 *   console.warn("redis connection lost:", (event as RedisClientEvent).error);
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
  }
}

/** Exponential backoff from 50 ms to 5 s with jitter; never gives up. */
function defaultReconnect(attempt: number): number {
  const base = Math.min(50 * 2 ** (attempt - 1), 5_000);
  return Math.round(base / 2 + Math.random() * base / 2);
}

/** The reason an aborted signal rejects with. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ??
    new DOMException("The operation was aborted", "AbortError");
}

/** Idle extra connections a client keeps for blocking commands. */
const MAX_IDLE_BLOCKERS = 4;

/** The command name of an argument vector, for messages. */
function commandName(argv: readonly Arg[]): string {
  const name = argv[0];
  return typeof name === "string" ? name.toUpperCase() : "command";
}

/**
 * Options of one {@linkcode RedisClient.sendCommand} call.
 *
 * @example
 * ```ts ignore
 * const raw = await client.sendCommand(["GET", "image"], { bytes: true });
 * ```
 */
export interface CommandOptions extends CallOptions {
  /** Return every string of this reply (bulk, simple and verbatim) as a `Uint8Array`. @default {false} */
  bytes?: boolean;
  /** Receives the RESP3 attributes sent before this command's reply. */
  onAttributes?: (attributes: Map<Reply, Reply>) => void;
}

/**
 * What the server said about itself in the handshake (the `HELLO` reply, or
 * the RESP2 defaults when HELLO was not used).
 *
 * @example
 * ```ts ignore
 * console.log(client.server.version, client.server.proto); // "7.0.15" 3
 * ```
 */
export interface ServerInfo {
  /** `"redis"` for Redis. */
  server?: string;
  /** The server version, such as `"7.0.15"`. */
  version?: string;
  /** The protocol in use. */
  proto: 2 | 3;
  /** The client id of this connection. */
  id?: number;
  /** `standalone`, `sentinel` or `cluster`. */
  mode?: string;
  /** `master` or `replica`. */
  role?: string;
  /** Every other field of the HELLO reply. */
  [field: string]: Reply | undefined;
}

/**
 * The smallest slice a large batch of replies is dispatched in (see
 * `#dispatchInSlices`); a batch of more than four such slices is cut into
 * four. 128 measured best among 48 to 256 with 500 GETs in flight.
 */
const DISPATCH_SLICE = 128;
/** Type bytes of top-level error replies. */
const SIMPLE_ERROR = 0x2d; // -
const BULK_ERROR = 0x21; // !

/** Makes a client the RESP2 subscriber connection of a hub (module-private). */
const becomeSubscriber = Symbol("becomeSubscriber");
/** The PING-terminated (un)subscribe round trip (module-private). */
const pubsubCommand = Symbol("pubsubCommand");
/** Subscribes through the hub (module-private, used by the bytes view). */
const subscribeTo = Symbol("subscribeTo");

/**
 * The arguments of `subscribe`, `psubscribe` and `ssubscribe`: the names,
 * or an array of names and options.
 *
 * @typeParam T `string`, or `Uint8Array` in the bytes view.
 *
 * @example
 * ```ts ignore
 * await client.subscribe("a", "b");
 * await client.subscribe(["a", "b"], { bufferSize: 100 });
 * ```
 */
export type SubscribeArgs<T extends string | Uint8Array> =
  | Key[]
  | [names: readonly Key[], options?: SubscriptionOptions<T>];

/** Runs the handshake; module-private so it stays off the public API. */
const handshake = Symbol("handshake");
/** Sends a built command; module-private, used by the bytes view. */
const send = Symbol("send");

/** Commands of transactions, which a shared connection cannot take raw. */
const TRANSACTIONAL = /^(?:multi|exec|discard|watch|unwatch)$/i;

/** Runs a script by digest, and by source after `NOSCRIPT`. */
function runScriptOn(
  client: RedisClient,
  script: Script<unknown>,
  keys: readonly Key[] | undefined,
  args: readonly Arg[] | undefined,
  bytes: boolean,
  call: CallOptions | undefined,
): Promise<unknown> {
  let argv: Arg[];
  try {
    argv = script.build(keys, args);
  } catch (error) {
    return Promise.reject(error);
  }
  const transform = script.reply as Transform;
  const flags = script.readonly ? READONLY : 0;
  return client[send](argv, transform, bytes, call, flags).catch((error) => {
    // The server's own NOSCRIPT, not an error the script returned.
    if (
      !(error instanceof ReplyError) ||
      !error.message.startsWith("NOSCRIPT No matching script")
    ) {
      throw error;
    }
    // The server does not have it (flushed, restarted): EVAL runs and
    // caches it.
    return client[send](
      script.build(keys, args, true),
      transform,
      bytes,
      call,
      flags,
    );
  });
}

/** The keys of `watch`, checked, with its options. */
function watchArgs(
  keys: Key | readonly Key[],
  options: WatchOptions | undefined,
): Key[] {
  const list = typeof keys === "string" || keys instanceof Uint8Array
    ? [keys]
    : Array.isArray(keys)
    ? [...keys]
    : undefined;
  if (list === undefined || list.length === 0) {
    throw new TypeError(
      "Invalid watch keys: expected a key or a non-empty array of keys",
    );
  }
  const max = options?.maxAttempts;
  if (max !== undefined && !(Number.isInteger(max) && max >= 1)) {
    throw new TypeError(
      `Invalid maxAttempts "${max}": expected a positive integer`,
    );
  }
  return list;
}

/** Keys for a message: the first few, quoted. */
function describeKeys(keys: readonly Key[]): string {
  const shown = keys.slice(0, 3).map((key) =>
    typeof key === "string" ? `"${key}"` : `<${key.length} bytes>`
  );
  return shown.join(", ") +
    (keys.length > 3 ? `, and ${keys.length - 3} more` : "");
}

/** Commands whose replies do not follow the one-reply-per-command rule. */
const UNSUPPORTED = /^(?:p|s)?(?:un)?subscribe$|^monitor$|^sync$|^psync$/i;

/**
 * The typed command methods of {@linkcode RedisClient}, generated from the
 * declarations table.
 *
 * @example
 * ```ts ignore
 * const value: string | null = await client.get("key");
 * ```
 */
export interface RedisClient extends CommandMethods {}
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
 * Create one with {@linkcode connect}.
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
export class RedisClient extends EventTarget {
  static {
    installCommands(
      RedisClient.prototype,
      "RedisClient",
      (self, argv, transform, raw, flags) =>
        self.#route(argv, transform, raw, undefined, flags),
      "reject",
    );
  }

  #socket: RespSocket;
  #bytesView: RedisBytesView | undefined;
  /** The options of `connect`: for reconnecting and extra connections. */
  #options: ConnectOptions | undefined;
  /** Routes Pub/Sub messages; created by the first subscription. */
  #hub: PubSubHub | undefined;
  /** Set on a RESP2 subscriber connection: the hub it feeds. */
  #subscriberOf: PubSubHub | undefined;
  /** The RESP2 subscriber connection of this client, when one is open. */
  #subscriberClient: Promise<RedisClient> | undefined;
  /** Idle connections for blocking commands. */
  #blockers: RedisClient[] = [];
  /** Blocking-command connections in use or being opened. */
  #blockersBusy = new Set<Promise<RedisClient>>();
  #address: string;
  #limits: ReplyLimits | undefined;
  #state: ClientState = "connecting";
  /** Bumped per socket: callbacks of an old socket are ignored. */
  #generation = 0;
  #writer!: WritableStreamDefaultWriter<Uint8Array>;
  #encoder = new CommandEncoder();
  #queue = new Queue<Pending>();
  /** Commands waiting for a connection (while reconnecting). */
  #offline = new Queue<Pending>();
  /** Commands at the tail of the queue not yet handed to the socket. */
  #unwritten = 0;
  /** Replies the decoder has started but the dispatcher not yet taken. */
  #decodedAhead = 0;
  #flushScheduled = false;
  #writing = false;
  /** A large batch of replies is being dispatched a slice at a time. */
  #slicing = false;
  /** The batch being written, returned to the encoder when done. */
  #inFlight: Uint8Array | undefined;
  #recycle: boolean;
  #closed: ConnectionClosedError | undefined;
  #closing: Promise<void> | undefined;
  #drained: (() => void) | undefined;
  #readLoop: Promise<void> = Promise.resolve();
  #reader!: ReadableStreamDefaultReader<Reply[]>;
  #onPush: ((push: Push) => void) | undefined;
  #onAttributes: ((attributes: Map<Reply, Reply>) => void) | undefined;
  #server: ServerInfo = { proto: 2 };
  /** Deadlines of commands with the client's `commandTimeout`, in order. */
  #uniformDeadlines = new Queue<Ticket>();
  /** Deadlines of commands with a timeout of their own. */
  #deadlines = new Deadlines<Ticket>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;

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
    super();
    this.#socket = socket;
    this.#recycle = options.recycleWrites ?? false;
    this.#address = address;
    this.#limits = options.limits;
    this.#onPush = options.onPush;
    this.#onAttributes = options.onAttributes;
    this.#attach(socket);
  }

  /** Starts using `socket`: a fresh writer, decoder and reply queue. */
  #attach(socket: RespSocket): void {
    const generation = ++this.#generation;
    this.#socket = socket;
    this.#queue = new Queue<Pending>();
    this.#encoder = new CommandEncoder();
    this.#unwritten = 0;
    this.#decodedAhead = 0;
    this.#writing = false;
    this.#inFlight = undefined;
    this.#writer = socket.writable.getWriter();
    // A stream error surfaces through the read loop or a write; these
    // promises must not become unhandled rejections.
    this.#writer.closed.catch(() => {});
    const decoding = new RespDecoderStream({
      ...this.#limits,
      // Pub/Sub payloads stay binary-safe; onPush gets them as text.
      pushBytes: true,
      replyMode: this.#replyMode,
      onAttributes: this.#attributes,
    });
    this.#reader = socket.readable.pipeThrough(decoding).getReader();
    // Large values are read straight into their buffer where the transport
    // can (Deno); every chunk of the readable goes into `decoding`.
    socket.setReadTarget?.((produced) => decoding.readTarget(produced));
    this.#readLoop = this.#read(this.#reader, decoding, generation);
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
    return this.#server.proto;
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
    return this.#server;
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
    return this.#closed !== undefined;
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
    return this.#queue.length + this.#offline.length;
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
    return this.#hub?.active ?? false;
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
    return this.#state;
  }

  /**
   * A view of this client whose calls carry `options`: a timeout and an
   * abort signal (see {@linkcode CallOptions}). The view has every command
   * method, `sendCommand` and a `bytes` view, all on this client's
   * connection; creating one is cheap.
   *
   * @example
   * ```ts ignore
   * const value = await client.withOptions({ timeout: 200 }).get("key");
   * const signal = AbortSignal.timeout(1000);
   * const raw = await client.withOptions({ signal }).bytes.get("blob");
   * ```
   *
   * @param options The per-call options.
   * @returns The view.
   */
  withOptions(options: CallOptions): RedisClientView {
    return new RedisClientView(this, options);
  }

  /**
   * Opens another connection to the same server with the same options
   * (and `overrides`), for work that needs a connection of its own.
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
    const options = this.#options;
    if (!options || options.socket) {
      return Promise.reject(
        new TypeError(
          "Cannot duplicate a client made without connect() or with a custom socket",
        ),
      );
    }
    return connect({ ...options, ...overrides });
  }

  /**
   * The bytes view of this client: every command method, on the same
   * connection, resolving with raw `Uint8Array`s wherever the ordinary
   * method gives a string (values, members, fields, keys, text). Numbers,
   * booleans, status words such as `"OK"`, cursors and stream IDs keep their
   * types, and record keys are decoded as UTF-8. The result types are
   * {@linkcode Binary} of the ordinary ones.
   *
   * @example
   * ```ts ignore
   * await client.set("image", new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
   * const png = await client.bytes.get("image"); // Uint8Array | null
   * const fields = await client.bytes.hgetall("h"); // Record<string, Uint8Array>
   * ```
   */
  get bytes(): RedisBytesView {
    return this.#bytesView ??= new RedisBytesView(this);
  }

  /**
   * Iterates over the keys of the database with `SCAN`, one key at a time,
   * fetching pages as needed. Breaking out of the loop stops the scan. As
   * with `SCAN`, a key may be yielded more than once and keys added or
   * removed during the scan may or may not be seen.
   *
   * @example
   * ```ts ignore
   * for await (const key of client.scanIterator({ match: "session:*", count: 500 })) {
   *   console.log(key);
   * }
   * ```
   *
   * @param options `match`, `count` and `type`.
   * @returns An async iterator of keys.
   */
  scanIterator(options?: ScanOptions): AsyncGenerator<string, void, undefined> {
    return iterateScan((cursor) =>
      this.scan(cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.keys,
      }))
    );
  }

  /**
   * Iterates over the fields and values of the hash at `key` with `HSCAN`,
   * one pair at a time. Breaking out of the loop stops the scan.
   *
   * @example
   * ```ts ignore
   * for await (const { field, value } of client.hscanIterator("user:1")) {
   *   console.log(field, value);
   * }
   * ```
   *
   * @param key The hash.
   * @param options `match` and `count`.
   * @returns An async iterator of `{ field, value }` pairs.
   */
  hscanIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<{ field: string; value: string }, void, undefined> {
    return iterateScan((cursor) =>
      this.hscan(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.entries,
      }))
    );
  }

  /**
   * Iterates over the members of the set at `key` with `SSCAN`, one member
   * at a time. Breaking out of the loop stops the scan.
   *
   * @example
   * ```ts ignore
   * for await (const tag of client.sscanIterator("tags", { match: "a*" })) {
   *   console.log(tag);
   * }
   * ```
   *
   * @param key The set.
   * @param options `match` and `count`.
   * @returns An async iterator of members.
   */
  sscanIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<string, void, undefined> {
    return iterateScan((cursor) =>
      this.sscan(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.members,
      }))
    );
  }

  /**
   * Iterates over the members and scores of the sorted set at `key` with
   * `ZSCAN`, one member at a time. Breaking out of the loop stops the scan.
   *
   * @example
   * ```ts ignore
   * for await (const { member, score } of client.zscanIterator("board")) {
   *   console.log(member, score);
   * }
   * ```
   *
   * @param key The sorted set.
   * @param options `match` and `count`.
   * @returns An async iterator of `{ member, score }` pairs.
   */
  zscanIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<{ member: string; score: number }, void, undefined> {
    return iterateScan((cursor) =>
      this.zscan(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.members,
      }))
    );
  }

  /**
   * Sends any command and resolves with its raw reply; the escape hatch for
   * commands without a method. An error reply rejects with
   * {@linkcode ReplyError} and leaves the connection usable.
   *
   * @example
   * ```ts ignore
   * await client.sendCommand(["HSET", "user:1", "name", "Ada"]);
   * const name = await client.sendCommand(["HGET", "user:1", "name"]);
   * const bytes = await client.sendCommand(["GET", "blob"], { bytes: true });
   * ```
   *
   * @param args The command name and its arguments.
   * @param options Per-call options.
   * @returns The reply.
   */
  sendCommand(args: readonly Arg[], options?: CommandOptions): Promise<Reply> {
    const name = args[0];
    if (typeof name === "string" && TRANSACTIONAL.test(name)) {
      return Promise.reject(
        new TypeError(
          `Cannot send "${name.toUpperCase()}" as a plain command: other callers' commands share the connection and would fall inside the transaction; use client.multi(), or client.watch() for WATCH`,
        ),
      );
    }
    if (typeof name === "string" && UNSUPPORTED.test(name)) {
      return Promise.reject(
        new TypeError(
          `Cannot send "${name.toUpperCase()}" as a plain command: its replies do not follow the one-reply-per-command rule${
            /subscribe$/i.test(name)
              ? "; use client.subscribe(), psubscribe() or ssubscribe()"
              : ""
          }`,
        ),
      );
    }
    return this.#send(
      args,
      undefined,
      options?.bytes ?? false,
      options?.onAttributes,
      false,
      options,
    ) as Promise<Reply>;
  }

  /**
   * Sends a built command for the bytes view.
   *
   * @param argv The argument vector.
   * @param transform The reply transform.
   * @param bytes Whether strings arrive as bytes.
   * @param call Per-call options.
   * @param flags The declaration's flags.
   * @returns The result.
   * @ignore
   */
  [send](
    argv: readonly Arg[],
    transform: Transform,
    bytes: boolean,
    call: CallOptions | undefined,
    flags: number,
  ): Promise<unknown> {
    return this.#route(argv, transform, bytes, call, flags);
  }

  /**
   * Sends a typed command: a blocking one on a connection of its own, any
   * other on the shared connection.
   */
  #route(
    argv: readonly Arg[],
    transform: Transform,
    bytes: boolean,
    call: CallOptions | undefined,
    flags: number,
  ): Promise<unknown> {
    if (
      (flags & BLOCKING) !== 0 && this.#options !== undefined &&
      this.#options.socket === undefined && blocks(argv)
    ) {
      return this.#runBlocking(argv, transform, bytes, call, flags);
    }
    return this.#send(argv, transform, bytes, undefined, false, call, flags);
  }

  #closedOrClosing(): boolean {
    return this.#state === "closed" || this.#state === "closing";
  }

  /**
   * Runs a blocking command on an idle extra connection (opened on demand,
   * kept for the next one), so it never holds up the shared connection.
   */
  #runBlocking(
    argv: readonly Arg[],
    transform: Transform,
    bytes: boolean,
    call: CallOptions | undefined,
    flags: number,
  ): Promise<unknown> {
    return this.#withSpare((spare) =>
      spare[send](argv, transform, bytes, call, flags & ~BLOCKING)
    );
  }

  /**
   * Runs `work` on an extra connection of this client: an idle one, or one
   * opened on demand. Afterwards the connection is kept for the next use
   * (up to {@linkcode MAX_IDLE_BLOCKERS}) when it is ready and clean, and
   * closed otherwise, and always after a timeout or abort (the server may
   * still be busy with what was cut short).
   */
  async #withSpare<R>(work: (spare: RedisClient) => Promise<R>): Promise<R> {
    if (this.#state === "closed" || this.#state === "closing") {
      throw new ConnectionClosedError(
        `Connection to "${this.#address}" is ${this.#state}`,
      );
    }
    let spare = this.#blockers.pop();
    while (spare !== undefined && spare.status !== "ready") {
      spare.disconnect();
      spare = this.#blockers.pop();
    }
    if (spare === undefined) {
      const opening = connect({ ...this.#options, reconnect: false });
      this.#blockersBusy.add(opening);
      try {
        spare = await opening;
      } finally {
        this.#blockersBusy.delete(opening);
      }
    }
    // The client may have closed while the connection opened.
    if (this.#closedOrClosing()) {
      spare.disconnect();
      throw new ConnectionClosedError(
        `Connection to "${this.#address}" is ${this.#state}`,
      );
    }
    const inUse = Promise.resolve(spare);
    this.#blockersBusy.add(inUse);
    let reusable = true;
    try {
      return await work(spare);
    } catch (error) {
      // Timed out or aborted: the server may still be blocking it.
      if (error instanceof DOMException) reusable = false;
      throw error;
    } finally {
      this.#blockersBusy.delete(inUse);
      if (
        reusable && spare.status === "ready" && this.#state === "ready" &&
        spare.pendingCount === 0 && !spare.subscribed &&
        this.#blockers.length < MAX_IDLE_BLOCKERS
      ) {
        this.#blockers.push(spare);
      } else {
        spare.disconnect();
      }
    }
  }

  /**
   * A pipeline of commands, sent together by its `exec()`: every command
   * method, chainable, with the results typed as a tuple. See
   * {@linkcode Pipeline}.
   *
   * @example
   * ```ts ignore
   * const [ok, n] = await client.pipeline().set("n", 1).incr("n").exec();
   * ```
   *
   * @returns An empty pipeline on this client.
   */
  pipeline(): Pipeline<[], false> {
    return new Pipeline(this);
  }

  /**
   * A transaction (MULTI ... EXEC), sent as one block by its `exec()`. See
   * {@linkcode Transaction}; for optimistic locking with WATCH, see
   * {@linkcode RedisClient.watch}.
   *
   * @example
   * ```ts ignore
   * const [a, b] = await client.multi().incr("a").incr("b").exec();
   * ```
   *
   * @returns An empty transaction on this client.
   */
  multi(): Transaction<[], false> {
    return new Transaction(this);
  }

  /**
   * Runs a script made with {@linkcode defineScript}: `EVALSHA`, and `EVAL`
   * with the source when the server answers `NOSCRIPT` (its script cache
   * was flushed or the server restarted). Read-only scripts use
   * `EVALSHA_RO`/`EVAL_RO`.
   *
   * @example
   * ```ts ignore
   * const getOr = defineScript("return redis.call('GET', KEYS[1]) or ARGV[1]", { keys: 1 });
   * const mode = await client.runScript(getOr, ["config:mode"], ["default"]);
   * ```
   *
   * @param script The script.
   * @param keys Its keys (`KEYS`).
   * @param args Its other arguments (`ARGV`).
   * @returns The script's result.
   */
  runScript<R>(
    script: Script<R>,
    keys?: readonly Key[],
    args?: readonly Arg[],
  ): Promise<R> {
    return runScriptOn(this, script, keys, args, false, undefined) as Promise<
      R
    >;
  }

  /**
   * Optimistic locking: runs `fn` on a connection of its own after
   * `WATCH keys`, and executes the transaction `fn` returns (made with
   * `tx.multi()`). When a watched key changed in between, EXEC runs nothing
   * and `watch` starts over (WATCH, `fn`, EXEC), up to `maxAttempts` times,
   * then rejects with {@linkcode WatchError}. When `fn` returns nothing,
   * the keys are unwatched and `watch` resolves with `undefined`.
   *
   * WATCH belongs to a connection, and any command on it between WATCH and
   * EXEC would count; so `fn` gets `tx`, an extra connection of this client
   * that no other caller uses meanwhile (kept for the next use afterwards,
   * like the connections of blocking commands). Read through `tx`, not
   * through this client. `RedisPool.watch` does the same on a pooled
   * connection.
   *
   * @example
   * ```ts ignore
   * const results = await client.watch("stock:42", async (tx) => {
   *   const stock = Number(await tx.get("stock:42"));
   *   if (stock === 0) return; // nothing to do: resolves undefined
   *   return tx.multi().decr("stock:42").rpush("orders", "42");
   * }, { maxAttempts: 10 });
   * ```
   *
   * @param keys The key or keys to watch.
   * @param fn Reads through `tx` and returns the transaction to run, or
   *   nothing; it gets the attempt number (from 1) too.
   * @param options `maxAttempts` (default 16) and an abort `signal`.
   * @returns The transaction's results, or `undefined` when `fn` returned
   *   nothing.
   */
  watch<T extends unknown[], B extends boolean = false>(
    keys: Key | readonly Key[],
    fn: WatchFunction<T, B>,
    options?: WatchOptions,
  ): Promise<ExecResults<T> | undefined> {
    const own = this.#options;
    if (own === undefined || own.socket !== undefined) {
      return Promise.reject(
        new TypeError(
          "Cannot watch on a client made without connect() or with a custom socket: WATCH needs a connection of its own",
        ),
      );
    }
    let list: Key[];
    try {
      list = watchArgs(keys, options);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#withSpare((spare) => spare[watchOn](list, fn, options));
  }

  /**
   * The WATCH loop of {@linkcode RedisClient.watch} on this connection,
   * which the caller must own (internal; used by the pool).
   *
   * @ignore
   */
  async [watchOn]<T extends unknown[], B extends boolean>(
    keys: Key | readonly Key[],
    fn: WatchFunction<T, B>,
    options: WatchOptions = {},
  ): Promise<ExecResults<T> | undefined> {
    const list = watchArgs(keys, options);
    const max = options.maxAttempts ?? 16;
    const signal = options.signal;
    const call = signal === undefined ? undefined : { signal };
    const unwatch = () =>
      this.#send(["UNWATCH"], undefined, false, undefined).then(
        () => {},
        () => {},
      );
    for (let attempt = 1; attempt <= max; attempt++) {
      if (signal?.aborted) throw abortReason(signal);
      await this.#send(
        ["WATCH", ...list],
        undefined,
        false,
        undefined,
        false,
        call,
      );
      try {
        const tx = await fn(this, attempt);
        if (tx === undefined) {
          await unwatch();
          return undefined;
        }
        if (!(tx instanceof Transaction) || tx.client !== this) {
          throw new TypeError(
            "Invalid watch() result: expected a transaction made with tx.multi(), or nothing",
          );
        }
        return await tx.exec(call);
      } catch (error) {
        // EXEC ran nothing because a watched key changed (and cleared the
        // watch): start over.
        if (error instanceof WatchError) continue;
        await unwatch();
        throw error;
      }
    }
    throw new WatchError(
      `Transaction aborted ${max} time${
        max === 1 ? "" : "s"
      }: a watched key changed before each EXEC (${describeKeys(list)})`,
      max,
    );
  }

  /**
   * Sends a pipeline's or transaction's commands as one block (internal).
   * A pipeline with a blocking command runs on an extra connection.
   *
   * @ignore
   */
  [sendBatch](
    batch: Batch,
    call: CallOptions | undefined,
    blocking: boolean,
  ): Promise<unknown[]> {
    if (
      blocking && this.#options !== undefined &&
      this.#options.socket === undefined
    ) {
      return this.#withSpare((spare) => spare[sendBatch](batch, call, false));
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
    const timeout = call?.timeout ?? this.#options?.commandTimeout;
    if (timeout !== undefined) {
      // One deadline for the whole batch, on its last command.
      const problem = this.#watch(
        entries[entries.length - 1]!,
        timeout,
        call?.timeout === undefined,
        undefined,
      );
      if (problem) {
        batch.fail(problem);
        return batch.promise;
      }
      batch.timeoutMs = timeout;
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
    for (const entry of entries) this.#write(entry);
    return batch.promise;
  }

  /**
   * Subscribes to channels and resolves, once the server confirmed, with a
   * {@linkcode Subscription}: iterate it with `for await`, or pass a
   * `listener`. Leaving the loop, `unsubscribe()` or `await using`
   * unsubscribes exactly these channels; other subscriptions of the client
   * stay. Over RESP3 the subscription shares the client's connection and
   * other commands keep working; over RESP2 the client opens one extra
   * connection for all its subscriptions. Available since Redis 2.0.
   *
   * @example
   * ```ts ignore
   * await using sub = await client.subscribe("news", "alerts");
   * for await (const { channel, message } of sub) console.log(channel, message);
   *
   * const counted = await client.subscribe(["ticks"], {
   *   listener: (message) => console.log(message.message),
   * });
   * ```
   *
   * @param args The channels, or an array of channels and options.
   * @returns The subscription.
   */
  subscribe(...args: SubscribeArgs<string>): Promise<Subscription<string>> {
    return this[subscribeTo]("channel", args, false);
  }

  /**
   * Subscribes to glob-style patterns (`news.*`); messages carry the
   * `pattern` that matched and `kind: "pmessage"`. Otherwise like
   * {@linkcode RedisClient.subscribe}. Available since Redis 2.0.
   *
   * @example
   * ```ts ignore
   * await using sub = await client.psubscribe("news.*");
   * for await (const { pattern, channel, message } of sub) {
   *   console.log(pattern, channel, message);
   * }
   * ```
   *
   * @param args The patterns, or an array of patterns and options.
   * @returns The subscription.
   */
  psubscribe(...args: SubscribeArgs<string>): Promise<Subscription<string>> {
    return this[subscribeTo]("pattern", args, false);
  }

  /**
   * Subscribes to shard channels (published with `spublish`); messages have
   * `kind: "smessage"`. Otherwise like {@linkcode RedisClient.subscribe}.
   * Available since Redis 7.0.
   *
   * @example
   * ```ts ignore
   * await using sub = await client.ssubscribe("orders:{eu}");
   * for await (const { message } of sub) console.log(message);
   * ```
   *
   * @param args The shard channels, or an array of them and options.
   * @returns The subscription.
   */
  ssubscribe(...args: SubscribeArgs<string>): Promise<Subscription<string>> {
    return this[subscribeTo]("shard", args, false);
  }

  /**
   * Subscribes through the client's Pub/Sub hub (internal).
   *
   * @ignore
   */
  [subscribeTo]<T extends string | Uint8Array>(
    kind: "channel" | "pattern" | "shard",
    args: SubscribeArgs<T>,
    bytes: boolean,
  ): Promise<Subscription<T>> {
    if (this.#closed || this.#closing) {
      return Promise.reject(
        new ConnectionClosedError(
          `Connection to "${this.#address}" is ${
            this.#closed ? "closed" : "closing"
          }`,
        ),
      );
    }
    if (this.#subscriberOf) {
      return Promise.reject(
        new TypeError("A subscriber connection cannot subscribe itself"),
      );
    }
    let names: readonly Key[];
    let options: SubscriptionOptions<T> = {};
    if (Array.isArray(args[0])) {
      names = args[0];
      options = (args[1] ?? {}) as SubscriptionOptions<T>;
    } else {
      names = args as Key[];
    }
    this.#hub ??= new PubSubHub(() => this.#openPubSub());
    try {
      return this.#hub.subscribe(kind, names, bytes, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The connection that carries this client's subscriptions. */
  async #openPubSub(): Promise<PubSubTransport> {
    if (this.#server.proto === 3) {
      return { command: (argv) => this[pubsubCommand](argv) };
    }
    const options = this.#options;
    if (!options || options.socket) {
      throw new TypeError(
        "Subscribing over RESP2 needs a second connection, which a client made without connect() or with a custom socket cannot open",
      );
    }
    const opening = connect({ ...options, protocol: 2 }).then((client) => {
      client[becomeSubscriber](this.#hub!);
      return client;
    });
    this.#subscriberClient = opening;
    const client = await opening;
    return { command: (argv) => client[pubsubCommand](argv) };
  }

  /**
   * Makes this client the RESP2 subscriber connection of `hub` (internal).
   *
   * @ignore
   */
  [becomeSubscriber](hub: PubSubHub): void {
    this.#subscriberOf = hub;
  }

  /**
   * Sends `argv` (if any) and a PING; resolves once the PING's reply came,
   * by when every confirmation of `argv` was routed (internal).
   *
   * @ignore
   */
  [pubsubCommand](argv: Arg[] | undefined): Promise<void> {
    const command = argv === undefined
      ? undefined
      : this.#send(argv, undefined, false, undefined, true);
    const ping = this.#send(["PING"], undefined, false, undefined);
    return Promise.all([command, ping]).then(() => {});
  }

  /**
   * Creates a pending command and sends it, queues it while reconnecting,
   * or rejects it when the client is closed.
   */
  #send(
    argv: readonly Arg[],
    transform: Transform,
    bytes: boolean,
    onAttributes: ((attributes: Map<Reply, Reply>) => void) | undefined,
    optional = false,
    call?: CallOptions,
    flags = 0,
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
    const entry: Pending = {
      resolve,
      reject,
      transform,
      bytes,
      onAttributes,
      optional,
      argv,
      readonly: (flags & READONLY) !== 0,
      flat: (flags & FLAT_REPLY) !== 0,
      internal: false,
      done: false,
    };
    const timeout = call?.timeout ?? this.#options?.commandTimeout;
    if (timeout !== undefined || signal !== undefined) {
      const problem = this.#watch(
        entry,
        timeout,
        call?.timeout === undefined,
        signal,
      );
      if (problem) return Promise.reject(problem);
    }
    if (state === "reconnecting") {
      const limit = this.#options?.offlineQueueSize ?? 10_000;
      if (this.#offline.length >= limit) {
        this.#settle(
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
    this.#write(entry, true);
    return promise;
  }

  /** Sends on the current socket whatever the state (handshakes). */
  #sendDirect(argv: readonly Arg[], optional = false): Promise<unknown> {
    if (this.#state === "closed") {
      return Promise.reject(
        new ConnectionClosedError(`Connection to "${this.#address}" is closed`),
      );
    }
    return new Promise((resolve, reject) => {
      this.#write({
        resolve,
        reject,
        transform: undefined,
        bytes: false,
        onAttributes: undefined,
        optional,
        argv,
        readonly: false,
        flat: false,
        internal: true,
        done: false,
      });
    });
  }

  /**
   * Encodes a pending command into the current batch, which is written at
   * the end of the tick (or when the write in progress is done). With
   * `eager`, a command that finds the connection idle (nothing being
   * written, nothing else waiting) is written at once instead: one round
   * trip sooner for sequential callers (measured 15% more round trips per
   * second in Deno); commands issued right after it gather for the next
   * write as usual. Pipelines and transactions are never eager, so each
   * goes out in one write.
   */
  #write(entry: Pending, eager = false): void {
    try {
      this.#encoder.encode(entry.argv);
    } catch (error) {
      this.#settle(entry, error);
      return;
    }
    this.#unwritten++;
    this.#queue.push(entry);
    if (this.#flushScheduled) return;
    if (eager && !this.#writing && this.#unwritten === 1 && !this.#slicing) {
      this.#flush();
      return;
    }
    this.#flushScheduled = true;
    queueMicrotask(this.#flush);
  }

  /** Sets up the timeout and the abort signal of a command. */
  #watch(
    entry: Pending,
    timeout: number | undefined,
    uniform: boolean,
    signal: AbortSignal | undefined,
  ): TypeError | undefined {
    if (timeout !== undefined) {
      if (!(timeout > 0) || !Number.isFinite(timeout)) {
        return new TypeError(
          `Invalid timeout "${timeout}": expected a positive number of milliseconds`,
        );
      }
      const ticket: Ticket = {
        at: performance.now() + timeout,
        ms: timeout,
        entry,
      };
      entry.ticket = ticket;
      // The client-wide timeout expires in the order commands were issued.
      if (uniform) this.#uniformDeadlines.push(ticket);
      else this.#deadlines.add(ticket.at, ticket);
      this.#arm();
    }
    if (signal !== undefined) {
      const onAbort = () => this.#settle(entry, abortReason(signal));
      signal.addEventListener("abort", onAbort, { once: true });
      const { resolve, reject } = entry;
      entry.resolve = (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      };
      entry.reject = (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      };
    }
    return undefined;
  }

  /**
   * Settles a command before its reply (timeout, abort, a full offline
   * queue); the reply, if one comes, is then discarded in its turn.
   */
  #settle(entry: Pending, error: unknown): void {
    if (entry.done) return;
    entry.done = true;
    if (entry.ticket !== undefined) entry.ticket.entry = undefined;
    entry.reject(error);
  }

  /** Arms the timer for the earliest command deadline. */
  #arm(): void {
    const uniform = this.#uniformDeadlines.at(0)?.at;
    const other = this.#deadlines.next;
    const next = uniform === undefined
      ? other
      : other === undefined
      ? uniform
      : Math.min(uniform, other);
    if (next === undefined || next >= this.#timerAt) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = next;
    this.#timer = setTimeout(
      this.#expire,
      Math.max(0, next - performance.now()),
    );
  }

  #expire = (): void => {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = performance.now();
    const uniform = this.#uniformDeadlines;
    while ((uniform.at(0)?.at ?? Infinity) <= now) {
      this.#timeOut(uniform.shift()!);
    }
    for (const ticket of this.#deadlines.expire(now)) this.#timeOut(ticket);
    this.#arm();
  };

  #timeOut(ticket: Ticket): void {
    const entry = ticket.entry;
    if (entry === undefined || entry.done) return;
    this.#settle(
      entry,
      new DOMException(
        `Command "${commandName(entry.argv)}" timed out after ${ticket.ms} ms`,
        "TimeoutError",
      ),
    );
  }

  #flush = (): void => {
    this.#flushScheduled = false;
    this.#writeOut(false);
  };

  /**
   * Writes the commands encoded so far. With `behind`, also while a write is
   * in progress: the stream queues the bytes behind it. Written bytes go
   * back to the encoder for reuse when the client owns the socket.
   */
  #writeOut(behind: boolean): void {
    if (
      this.#writing && !behind || this.#state === "closed" ||
      this.#state === "reconnecting" && this.#queue.length === 0 ||
      this.#encoder.length === 0
    ) {
      return;
    }
    const encoder = this.#encoder;
    const bytes = encoder.flush();
    this.#unwritten = 0;
    const generation = this.#generation;
    const tracked = !this.#writing;
    if (tracked) {
      this.#writing = true;
      this.#inFlight = bytes;
    }
    this.#writer.write(bytes).then(
      tracked
        ? () => this.#written(generation)
        : this.#recycle
        ? () => encoder.release(bytes)
        : undefined,
      (error) => this.#writeFailed(error, generation),
    );
  }

  #written(generation: number): void {
    if (generation !== this.#generation) return;
    this.#writing = false;
    if (this.#recycle && this.#inFlight) this.#encoder.release(this.#inFlight);
    this.#inFlight = undefined;
    // Commands issued while the write was in progress go out together now.
    if (this.#encoder.length > 0 && !this.#flushScheduled) this.#flush();
  }

  #writeFailed(error: unknown, generation: number): void {
    if (generation !== this.#generation) return;
    this.#writing = false;
    this.#lost(
      generation,
      `Connection to "${this.#address}" failed while writing`,
      error,
    );
  }

  #replyMode = (type: number): number => {
    // A subscriber connection gets only confirmations, messages, PING
    // replies and errors: all decode as bytes, none is counted ahead.
    if (this.#subscriberOf) return REPLY_BYTES;
    let entry = this.#queue.at(this.#decodedAhead);
    if (entry?.optional && type !== SIMPLE_ERROR && type !== BULK_ERROR) {
      // Not an error: the optional command got no reply (see #dispatch).
      entry = this.#queue.at(++this.#decodedAhead);
    }
    this.#decodedAhead++;
    if (entry === undefined) return 0;
    return (entry.bytes ? REPLY_BYTES : 0) | (entry.flat ? REPLY_FLAT : 0);
  };

  #attributes = (attributes: Map<Reply, Reply>): void => {
    // Attributes precede the reply they annotate, which is the next one the
    // decoder starts.
    this.#queue.at(this.#decodedAhead)?.onAttributes?.(attributes);
    this.#onAttributes?.(attributes);
  };

  async #read(
    reader: ReadableStreamDefaultReader<Reply[]>,
    decoding: RespDecoderStream,
    generation: number,
  ): Promise<void> {
    try {
      while (true) {
        const { value, done } = await reader.read();
        if (done || generation !== this.#generation) break;
        if (value.length <= DISPATCH_SLICE) {
          this.#dispatch(value, 0, value.length);
        } else if (!await this.#dispatchInSlices(value, generation)) {
          break;
        }
        // Replies before a malformed byte were delivered; now stop.
        if (decoding.failure) throw decoding.failure;
      }
      this.#lost(
        generation,
        `Connection to "${this.#address}" was closed by the server`,
      );
    } catch (error) {
      this.#lost(
        generation,
        error instanceof ProtocolError
          ? `Connection to "${this.#address}" closed after a protocol error: ${error.message}`
          : `Connection to "${this.#address}" failed`,
        error,
      );
    } finally {
      reader.releaseLock();
    }
  }

  /**
   * Dispatches a large batch of replies a slice at a time. Between slices,
   * the callers whose replies came get to run, and the commands they issue
   * are written before the rest of the batch is dispatched: the server
   * works on them while this side handles the rest, instead of each side
   * waiting for the other (500 GETs in flight: about 1.7x the throughput in
   * Deno, 2x in Bun). Returns false when the connection was dropped
   * meanwhile; its commands were settled then.
   */
  async #dispatchInSlices(
    replies: Reply[],
    generation: number,
  ): Promise<boolean> {
    const size = Math.max(DISPATCH_SLICE, Math.ceil(replies.length / 4));
    // Commands issued meanwhile wait for the slice's flush rather than go
    // out one by one.
    this.#slicing = true;
    try {
      for (let start = 0; start < replies.length; start += size) {
        const stop = Math.min(start + size, replies.length);
        this.#dispatch(replies, start, stop);
        if (stop === replies.length) break;
        // Two microtask turns: the callers resume from `await`, then the
        // flush their commands scheduled runs.
        await null;
        await null;
        if (generation !== this.#generation) return false;
        this.#writeOut(true);
      }
    } finally {
      this.#slicing = false;
    }
    return true;
  }

  #dispatch(replies: Reply[], start: number, stop: number): void {
    const queue = this.#queue;
    for (let i = start; i < stop; i++) {
      const reply = replies[i]!;
      if (reply instanceof Push) {
        this.#push(reply);
        continue;
      }
      const subscriberOf = this.#subscriberOf;
      if (
        subscriberOf && Array.isArray(reply) && isPubSubKind(reply[0]) &&
        subscriberOf.route(reply)
      ) {
        continue;
      }
      let pending = queue.shift();
      if (pending?.optional && !(reply instanceof ReplyError)) {
        // The optional command answered only with pushes; this reply
        // belongs to the PING after it.
        if (!pending.done) pending.resolve(undefined);
        if (pending.ticket !== undefined) pending.ticket.entry = undefined;
        if (!subscriberOf) this.#decodedAhead--;
        pending = queue.shift();
      }
      if (pending === undefined) {
        throw new ProtocolError(
          "Received a reply while no command was waiting for one",
        );
      }
      if (!subscriberOf) this.#decodedAhead--;
      // A command that timed out or was aborted: its reply is discarded.
      if (pending.done) continue;
      if (pending.ticket !== undefined) pending.ticket.entry = undefined;
      if (reply instanceof ReplyError) {
        pending.reject(reply);
      } else if (pending.transform === undefined) {
        pending.resolve(reply);
      } else {
        try {
          pending.resolve(pending.transform(reply));
        } catch (error) {
          pending.reject(error);
        }
      }
    }
    if (this.#drained && queue.length === 0) this.#drained();
  }

  #push(push: Push): void {
    if (this.#hub?.route(push.data)) return;
    if (!this.#onPush) return;
    try {
      this.#onPush(new Push(push.data.map(toText)));
    } catch {
      // A failing handler must not break reply dispatch.
    }
  }

  /**
   * Dispatches one of the client's events. Nothing is thrown here, whatever
   * the listeners do: as with any `EventTarget`, an exception in a listener
   * is reported by the runtime as uncaught, not passed back.
   */
  #emit(
    type: RedisClientEventType,
    init: RedisClientEventInit = {},
  ): void {
    this.dispatchEvent(new RedisClientEvent(type, init));
  }

  /**
   * The socket of `generation` failed or closed: reconnect when the client
   * may, otherwise close for good.
   */
  #lost(generation: number, message: string, cause?: unknown): void {
    if (generation !== this.#generation || this.#state === "closed") return;
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
      this.#terminate(error);
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
   * ones with `retryReadOnly`; commands not yet written wait in the offline
   * queue when the client is reconnecting, and reject otherwise.
   */
  #detach(message: string, cause?: unknown): void {
    this.#generation++;
    this.#socket.close();
    this.#reader.cancel().catch(() => {});
    this.#writing = false;
    this.#flushScheduled = false;
    const pending = this.#queue.drain();
    const written = pending.length - this.#unwritten;
    this.#unwritten = 0;
    this.#decodedAhead = 0;
    this.#encoder = new CommandEncoder();
    const reconnecting = this.#state === "reconnecting";
    const retry = this.#options?.retryReadOnly === true;
    const options = cause === undefined ? {} : { cause };
    let wasWritten: ConnectionClosedError | undefined;
    let notWritten: ConnectionClosedError | undefined;
    const resend: Pending[] = [];
    for (let i = 0; i < pending.length; i++) {
      const entry = pending[i]!;
      if (entry.done) continue;
      const isWritten = i < written;
      if (
        reconnecting && !entry.internal &&
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
        this.#settle(entry, wasWritten);
      } else {
        notWritten ??= new ConnectionClosedError(
          `${message}: the command had not been written`,
          { ...options, written: false },
        );
        this.#settle(entry, notWritten);
      }
    }
    if (resend.length > 0) {
      // They were issued first, so they go first.
      const offline = this.#offline.drain();
      for (const entry of resend) this.#offline.push(entry);
      for (const entry of offline) this.#offline.push(entry);
    }
    this.#drained?.();
  }

  #scheduleReconnect(attempt: number, error: unknown): void {
    const options = this.#options!;
    const strategy = typeof options.reconnect === "function"
      ? options.reconnect
      : defaultReconnect;
    let delay: number | false;
    try {
      delay = strategy(attempt, error);
    } catch (failure) {
      delay = false;
      error = failure;
    }
    if (delay === false || !(delay >= 0)) {
      this.#terminate(
        new ConnectionClosedError(
          `Connection to "${this.#address}" was lost and reconnecting gave up after ${
            attempt - 1
          } attempt${attempt === 2 ? "" : "s"}`,
          { cause: error },
        ),
      );
      return;
    }
    this.#emit("reconnecting", { attempt, delay, error });
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.#reconnect(attempt);
    }, delay);
  }

  async #reconnect(attempt: number): Promise<void> {
    if (this.#state !== "reconnecting") return;
    const options = this.#options!;
    const timeout = options.connectTimeout ?? 10_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new DOMException(
              `Reconnecting to "${this.#address}" timed out after ${timeout} ms`,
              "TimeoutError",
            ),
          ),
        timeout,
      );
    });
    try {
      const opening = openSocket(options);
      let socket: RespSocket;
      try {
        socket = await Promise.race([opening, deadline]);
      } catch (error) {
        // A socket that opens after the deadline is closed at once.
        opening.then((late) => late.close(), () => {});
        throw error;
      }
      if (this.#state !== "reconnecting") {
        socket.close();
        return;
      }
      this.#attach(socket);
      this.#emit("connect");
      await Promise.race([this.#handshake(options), deadline]);
      // Subscriptions come back before anything else is sent.
      const direct: PubSubTransport = {
        command: (argv) => this.#pubsubDirect(argv),
      };
      if (this.#subscriberOf) {
        await Promise.race([this.#subscriberOf.restore(direct), deadline]);
      } else if (this.#hub && this.#server.proto === 3) {
        await Promise.race([this.#hub.restore(direct), deadline]);
      }
    } catch (error) {
      if (this.#state !== "reconnecting") return;
      this.#detach(
        `Reconnecting to "${this.#address}" failed`,
        error,
      );
      this.#scheduleReconnect(attempt + 1, error);
      return;
    } finally {
      clearTimeout(timer);
    }
    if (this.#state !== "reconnecting") return;
    this.#state = "ready";
    const waiting = this.#offline.drain();
    for (const entry of waiting) if (!entry.done) this.#write(entry);
    this.#emit("ready");
  }

  /** SUBSCRIBE-style command and PING on the current socket. */
  #pubsubDirect(argv: Arg[] | undefined): Promise<void> {
    const command = argv === undefined
      ? undefined
      : this.#sendDirect(argv, true);
    const ping = this.#sendDirect(["PING"]);
    return Promise.all([command, ping]).then(() => {});
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
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
    this.#deadlines.clear();
    this.#uniformDeadlines.drain();
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
          this.#settle(entry, notWritten);
        }
      }
    }
    // Subscriptions end with the connection that carries them.
    this.#subscriberOf?.end(quiet ? undefined : error);
    this.#hub?.end(quiet ? undefined : error);
    this.#subscriberClient?.then((client) => client.disconnect(), () => {});
    this.#subscriberClient = undefined;
    for (const blocker of this.#blockers) blocker.disconnect();
    this.#blockers = [];
    for (const opening of this.#blockersBusy) {
      opening.then((client) => client.disconnect(), () => {});
    }
    this.#emit("end", { error: quiet ? undefined : error });
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
    this.#closing ??= this.#closeGracefully();
    return this.#closing;
  }

  async #closeGracefully(): Promise<void> {
    if (this.#state === "closed") return;
    const reconnecting = this.#state === "reconnecting";
    this.#state = "closing";
    // Subscriptions end quietly: their iterators finish.
    this.#hub?.end();
    const subscriber = this.#subscriberClient;
    this.#subscriberClient = undefined;
    const blockers = this.#blockers;
    this.#blockers = [];
    await Promise.all([
      subscriber?.then((client) => client.close(), () => {}),
      ...blockers.map((client) => client.close()),
    ]);
    if (!reconnecting && this.#queue.length > 0) {
      await new Promise<void>((resolve) => this.#drained = resolve);
    }
    const readLoop = this.#readLoop;
    this.#terminate(
      new ConnectionClosedError(
        `Connection to "${this.#address}" was closed by close()`,
      ),
      true,
    );
    await readLoop;
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
    const readLoop = this.#readLoop;
    this.#terminate(
      new ConnectionClosedError(
        `Connection to "${this.#address}" was closed by disconnect()`,
      ),
    );
    return readLoop;
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

  /**
   * Runs the connection handshake (internal to {@linkcode connect}).
   *
   * @ignore
   */
  async [handshake](options: ConnectOptions): Promise<void> {
    this.#options = options;
    await this.#handshake(options);
    this.#state = "ready";
    this.#emit("connect");
    this.#emit("ready");
  }

  async #handshake(options: ConnectOptions): Promise<void> {
    if ((options.protocol ?? 3) === 3) {
      const hello: Arg[] = ["HELLO", 3];
      if (options.password !== undefined) {
        hello.push("AUTH", options.username ?? "default", options.password);
      }
      if (options.clientName !== undefined) {
        hello.push("SETNAME", options.clientName);
      }
      const helloReply = this.#sendDirect(hello);
      const select = options.db
        ? this.#sendDirect(["SELECT", options.db])
        : undefined;
      let info: unknown;
      try {
        info = await helloReply;
      } catch (error) {
        await select?.catch(() => {});
        if (
          error instanceof ReplyError &&
          (error.code === "NOPROTO" || /unknown command/i.test(error.message))
        ) {
          return await this.#handshakeResp2(options);
        }
        throw error;
      }
      await select;
      this.#server = toServerInfo(info);
      return;
    }
    await this.#handshakeResp2(options);
  }

  async #handshakeResp2(options: ConnectOptions): Promise<void> {
    const steps: Promise<unknown>[] = [];
    if (options.password !== undefined) {
      steps.push(this.#sendDirect(
        options.username === undefined
          ? ["AUTH", options.password]
          : ["AUTH", options.username, options.password],
      ));
    }
    if (options.db) steps.push(this.#sendDirect(["SELECT", options.db]));
    if (options.clientName !== undefined) {
      steps.push(this.#sendDirect(["CLIENT", "SETNAME", options.clientName]));
    }
    await Promise.all(steps);
    this.#server = { proto: 2 };
  }
}

/**
 * The command methods of {@linkcode RedisBytesView}, generated from the
 * declarations table.
 *
 * @example
 * ```ts ignore
 * const value: Uint8Array | null = await client.bytes.get("key");
 * ```
 */
export interface RedisBytesView extends BytesMethods {}
/**
 * The bytes view of a {@linkcode RedisClient} (`client.bytes`): the same
 * command methods on the same connection, with strings in results delivered
 * as raw `Uint8Array`s. See {@linkcode RedisClient.bytes}.
 *
 * @example
 * ```ts ignore
 * const raw = await client.bytes.get("compressed"); // Uint8Array | null
 * const members = await client.bytes.smembers("blobs"); // Uint8Array[]
 * ```
 */
export class RedisBytesView {
  static {
    installCommands(
      RedisBytesView.prototype,
      "RedisBytesView",
      (self, argv, transform, _raw, flags) =>
        self.client[send](argv, transform, true, self.options, flags),
      "reject",
    );
  }

  /** The client whose connection this view uses. */
  readonly client: RedisClient;
  /** The per-call options of this view's calls, if any. */
  readonly options: CallOptions | undefined;

  /**
   * Creates the view; use {@linkcode RedisClient.bytes} instead.
   *
   * @param client The client whose connection to use.
   * @param options Per-call options for every call of the view.
   */
  constructor(client: RedisClient, options?: CallOptions) {
    this.client = client;
    this.options = options;
  }

  /**
   * Sends any command and resolves with its raw reply, every string in it
   * as a `Uint8Array`; the same as `client.sendCommand(args, { bytes: true })`.
   *
   * @example
   * ```ts ignore
   * const raw = await client.bytes.sendCommand(["LRANGE", "blobs", 0, -1]);
   * ```
   *
   * @param args The command name and its arguments.
   * @returns The reply.
   */
  sendCommand(args: readonly Arg[]): Promise<Reply> {
    return this.client.sendCommand(args, { ...this.options, bytes: true });
  }

  /**
   * {@linkcode RedisClient.pipeline} with strings of the results as
   * `Uint8Array`s.
   *
   * @example
   * ```ts ignore
   * const [a, b] = await client.bytes.pipeline().get("a").get("b").exec();
   * ```
   *
   * @returns An empty pipeline.
   */
  pipeline(): Pipeline<[], true> {
    return new Pipeline<[], true>(this.client, {
      ...this.options,
      bytes: true,
    });
  }

  /**
   * {@linkcode RedisClient.multi} with strings of the results as
   * `Uint8Array`s.
   *
   * @example
   * ```ts ignore
   * const [blob] = await client.bytes.multi().getdel("blob").exec();
   * ```
   *
   * @returns An empty transaction.
   */
  multi(): Transaction<[], true> {
    return new Transaction<[], true>(this.client, {
      ...this.options,
      bytes: true,
    });
  }

  /**
   * {@linkcode RedisClient.runScript} with strings of the reply as
   * `Uint8Array`s.
   *
   * @example
   * ```ts ignore
   * const raw = await client.bytes.runScript(getOr, ["k"], ["default"]);
   * ```
   *
   * @param script The script.
   * @param keys Its keys (`KEYS`).
   * @param args Its other arguments (`ARGV`).
   * @returns The script's result.
   */
  runScript<R>(
    script: Script<R>,
    keys?: readonly Key[],
    args?: readonly Arg[],
  ): Promise<Binary<R>> {
    return runScriptOn(
      this.client,
      script,
      keys,
      args,
      true,
      this.options,
    ) as Promise<Binary<R>>;
  }

  /**
   * {@linkcode RedisClient.subscribe} with channel names and payloads as
   * `Uint8Array`s, byte for byte.
   *
   * @example
   * ```ts ignore
   * await using sub = await client.bytes.subscribe("images");
   * for await (const { message } of sub) console.log(message.length);
   * ```
   *
   * @param args The channels, or an array of channels and options.
   * @returns The subscription.
   */
  subscribe(
    ...args: SubscribeArgs<Uint8Array>
  ): Promise<Subscription<Uint8Array>> {
    return this.client[subscribeTo]("channel", args, true);
  }

  /**
   * {@linkcode RedisClient.psubscribe} with bytes.
   *
   * @example
   * ```ts ignore
   * await using sub = await client.bytes.psubscribe("images.*");
   * ```
   *
   * @param args The patterns, or an array of patterns and options.
   * @returns The subscription.
   */
  psubscribe(
    ...args: SubscribeArgs<Uint8Array>
  ): Promise<Subscription<Uint8Array>> {
    return this.client[subscribeTo]("pattern", args, true);
  }

  /**
   * {@linkcode RedisClient.ssubscribe} with bytes.
   *
   * @example
   * ```ts ignore
   * await using sub = await client.bytes.ssubscribe("blobs:{1}");
   * ```
   *
   * @param args The shard channels, or an array of them and options.
   * @returns The subscription.
   */
  ssubscribe(
    ...args: SubscribeArgs<Uint8Array>
  ): Promise<Subscription<Uint8Array>> {
    return this.client[subscribeTo]("shard", args, true);
  }

  /**
   * {@linkcode RedisClient.scanIterator} with keys as `Uint8Array`s.
   *
   * @example
   * ```ts ignore
   * for await (const key of client.bytes.scanIterator()) console.log(key);
   * ```
   *
   * @param options `match`, `count` and `type`.
   * @returns An async iterator of keys.
   */
  scanIterator(
    options?: ScanOptions,
  ): AsyncGenerator<Uint8Array, void, undefined> {
    return iterateScan((cursor: Cursor) =>
      this.scan(cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.keys,
      }))
    );
  }

  /**
   * {@linkcode RedisClient.hscanIterator} with fields and values as
   * `Uint8Array`s.
   *
   * @example
   * ```ts ignore
   * for await (const { field, value } of client.bytes.hscanIterator("h")) {}
   * ```
   *
   * @param key The hash.
   * @param options `match` and `count`.
   * @returns An async iterator of `{ field, value }` pairs.
   */
  hscanIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<{ field: Uint8Array; value: Uint8Array }, void, undefined> {
    return iterateScan((cursor: Cursor) =>
      this.hscan(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.entries,
      }))
    );
  }

  /**
   * {@linkcode RedisClient.sscanIterator} with members as `Uint8Array`s.
   *
   * @example
   * ```ts ignore
   * for await (const member of client.bytes.sscanIterator("s")) {}
   * ```
   *
   * @param key The set.
   * @param options `match` and `count`.
   * @returns An async iterator of members.
   */
  sscanIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<Uint8Array, void, undefined> {
    return iterateScan((cursor: Cursor) =>
      this.sscan(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.members,
      }))
    );
  }

  /**
   * {@linkcode RedisClient.zscanIterator} with members as `Uint8Array`s.
   *
   * @example
   * ```ts ignore
   * for await (const { member, score } of client.bytes.zscanIterator("z")) {}
   * ```
   *
   * @param key The sorted set.
   * @param options `match` and `count`.
   * @returns An async iterator of `{ member, score }` pairs.
   */
  zscanIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<{ member: Uint8Array; score: number }, void, undefined> {
    return iterateScan((cursor: Cursor) =>
      this.zscan(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.members,
      }))
    );
  }
}

/**
 * The command methods of {@linkcode RedisClientView}, generated from the
 * declarations table.
 *
 * @example
 * ```ts ignore
 * const value: string | null = await client.withOptions({ timeout: 100 }).get("k");
 * ```
 */
export interface RedisClientView extends CommandMethods {}
/**
 * A view of a {@linkcode RedisClient} whose calls carry per-call options
 * (a timeout, an abort signal); made by {@linkcode RedisClient.withOptions}.
 *
 * @example
 * ```ts ignore
 * const fast = client.withOptions({ timeout: 100 });
 * await fast.set("k", "v");
 * console.log(await fast.get("k"));
 * ```
 */
export class RedisClientView {
  static {
    installCommands(
      RedisClientView.prototype,
      "RedisClientView",
      (self, argv, transform, raw, flags) =>
        self.client[send](argv, transform, raw, self.options, flags),
      "reject",
    );
  }

  /** The client whose connection this view uses. */
  readonly client: RedisClient;
  /** The per-call options of this view's calls. */
  readonly options: CallOptions;

  /**
   * Creates the view; use {@linkcode RedisClient.withOptions} instead.
   *
   * @param client The client whose connection to use.
   * @param options Per-call options for every call of the view.
   */
  constructor(client: RedisClient, options: CallOptions) {
    this.client = client;
    this.options = options;
  }

  /**
   * The bytes view with the same per-call options.
   *
   * @example
   * ```ts ignore
   * const raw = await client.withOptions({ timeout: 100 }).bytes.get("blob");
   * ```
   */
  get bytes(): RedisBytesView {
    return new RedisBytesView(this.client, this.options);
  }

  /**
   * {@linkcode RedisClient.sendCommand} with this view's options.
   *
   * @example
   * ```ts ignore
   * await client.withOptions({ timeout: 100 }).sendCommand(["PING"]);
   * ```
   *
   * @param args The command name and its arguments.
   * @param options More per-call options (`bytes`, `onAttributes`).
   * @returns The reply.
   */
  sendCommand(
    args: readonly Arg[],
    options?: CommandOptions,
  ): Promise<Reply> {
    return this.client.sendCommand(args, { ...this.options, ...options });
  }

  /**
   * {@linkcode RedisClient.pipeline} whose `exec()` carries this view's
   * options (one timeout or signal for the whole batch).
   *
   * @example
   * ```ts ignore
   * const [n] = await client.withOptions({ timeout: 500 }).pipeline().incr("n").exec();
   * ```
   *
   * @returns An empty pipeline.
   */
  pipeline(): Pipeline<[], false> {
    return new Pipeline(this.client, this.options);
  }

  /**
   * {@linkcode RedisClient.multi} whose `exec()` carries this view's
   * options.
   *
   * @example
   * ```ts ignore
   * await client.withOptions({ timeout: 500 }).multi().incr("a").incr("b").exec();
   * ```
   *
   * @returns An empty transaction.
   */
  multi(): Transaction<[], false> {
    return new Transaction(this.client, this.options);
  }

  /**
   * {@linkcode RedisClient.runScript} with this view's options.
   *
   * @example
   * ```ts ignore
   * await client.withOptions({ timeout: 500 }).runScript(getOr, ["k"], ["default"]);
   * ```
   *
   * @param script The script.
   * @param keys Its keys (`KEYS`).
   * @param args Its other arguments (`ARGV`).
   * @returns The script's result.
   */
  runScript<R>(
    script: Script<R>,
    keys?: readonly Key[],
    args?: readonly Arg[],
  ): Promise<R> {
    return runScriptOn(
      this.client,
      script,
      keys,
      args,
      false,
      this.options,
    ) as Promise<R>;
  }
}

function toServerInfo(reply: unknown): ServerInfo {
  const info: ServerInfo = { proto: 3 };
  if (reply instanceof Map) {
    for (const [key, value] of reply) info[String(key)] = value;
  } else if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) {
      info[String(reply[i])] = reply[i + 1];
    }
  }
  info.proto = info.proto === 2 ? 2 : 3;
  return info;
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
  const options = resolveOptions(target);
  const address = describeAddress(options);
  const timeout = options.connectTimeout ?? 10_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let client: RedisClient | undefined;
  let timedOut = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      client?.disconnect();
      reject(
        new DOMException(
          `Connecting to "${address}" timed out after ${timeout} ms`,
          "TimeoutError",
        ),
      );
    }, timeout);
  });
  try {
    const opening = openOrWrap(options, address);
    // A socket that opens after the deadline is closed at once.
    opening.then((socket) => {
      if (timedOut) socket.close();
    }, () => {});
    const socket = await Promise.race([opening, deadline]);
    client = new RedisClient(socket, address, {
      ...options,
      // Our own transports finish with a chunk when its write resolves.
      recycleWrites: options.socket === undefined,
    });
    try {
      await Promise.race([client[handshake](options), deadline]);
    } catch (error) {
      client.disconnect();
      throw error;
    }
    return client;
  } finally {
    clearTimeout(timer);
  }
}

async function openOrWrap(
  options: ConnectOptions,
  address: string,
): Promise<RespSocket> {
  const own = options.socket;
  if (own) {
    const socket: RespSocket = {
      readable: own.readable,
      writable: own.writable,
      close: () => {
        try {
          own.close?.();
        } catch {
          // Already closed.
        }
      },
    };
    if (own.setReadTarget) {
      socket.setReadTarget = own.setReadTarget.bind(own);
    }
    return socket;
  }
  try {
    return await openSocket(options);
  } catch (error) {
    if (error instanceof RedisError || error instanceof TypeError) throw error;
    throw new ConnectionError(
      `Cannot connect to "${address}": ${describeCause(error)}`,
      { cause: error },
    );
  }
}

function resolveOptions(target?: string | ConnectOptions): ConnectOptions {
  const given: ConnectOptions = typeof target === "string"
    ? { url: target }
    : target ?? {};
  const fromUrl = given.url === undefined ? {} : parseRedisUrl(given.url);
  const options: ConnectOptions = { ...fromUrl };
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  }
  if (
    options.db !== undefined &&
    (!Number.isInteger(options.db) || options.db < 0)
  ) {
    throw new TypeError(
      `Invalid database "${options.db}": expected a non-negative integer`,
    );
  }
  if (
    options.port !== undefined &&
    (!Number.isInteger(options.port) || options.port < 1 ||
      options.port > 65535)
  ) {
    throw new TypeError(`Invalid port "${options.port}"`);
  }
  if (
    options.protocol !== undefined && options.protocol !== 2 &&
    options.protocol !== 3
  ) {
    throw new TypeError(
      `Invalid protocol "${options.protocol}": expected 2 or 3`,
    );
  }
  return options;
}

function describeAddress(options: ConnectOptions): string {
  if (options.socket) return "custom socket";
  if (options.path !== undefined) return options.path;
  const host = options.hostname ?? "127.0.0.1";
  const port = options.port ?? 6379;
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ECONNREFUSED" || error.name === "ConnectionRefused") {
      return "connection refused";
    }
    return error.message;
  }
  return String(error);
}
