/**
 * The options of `connect`, and their checks.
 *
 * @module
 */

import type { ConnectionError, ReplyError } from "./errors.ts";
import type { RespDecoderOptions } from "./resp/decoder.ts";
import type { Arg, Push, Reply } from "./resp/types.ts";
import type {
  Connector,
  RespSocket,
  TlsOptions,
  TransportName,
} from "./transport/types.ts";
import { parseRedisUrl, type RedisUrlOptions } from "./url.ts";
import { checkKeys, optionKeys } from "./_options.ts";

/**
 * The key of a connect option that only respite's own modules set (a
 * Sentinel client's ROLE check, its READONLY watch): hooks that every
 * connection opened with the options runs, its reconnects and extra
 * connections included. A symbol, so it is copied with the options and
 * never seen by users.
 */
export const CONNECTION_HOOKS: unique symbol = Symbol(
  "respite.connectionHooks",
);

/** What {@linkcode CONNECTION_HOOKS} holds. */
export interface ConnectionHooks {
  /**
   * Run after the handshake on every new socket, before any command;
   * a rejection fails the connection attempt.
   */
  steps?: readonly ((
    send: (argv: readonly Arg[]) => Promise<unknown>,
  ) => Promise<void>)[];
  /** Called with every error reply the connection receives. */
  onReplyError?: (error: ReplyError) => void;
  /** The connections' name in messages, instead of their host and port. */
  label?: string;
  /**
   * The `connector` hands out sockets of respite's own transports (a
   * Sentinel client's), so written chunks may be reused as on a plain
   * client.
   */
  ownSockets?: boolean;
  /**
   * Where a link that waits to reconnect registers how to make it try at
   * once (the address it would get has changed); it unregisters when it
   * closes.
   */
  wake?: {
    add(wake: () => void): void;
    delete(wake: () => void): void;
  };
}

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
   * Whether the handshake tells the server which client this is, as the
   * official clients do: `CLIENT SETINFO LIB-NAME respite` and
   * `CLIENT SETINFO LIB-VER <version>`, shown by `CLIENT LIST` and
   * `CLIENT INFO` (`lib-name=respite lib-ver=0.1.0`). Both are written
   * with HELLO, in the same round trip; a server without `CLIENT SETINFO`
   * (before Redis 7.2), or an ACL user not allowed them, gets an error,
   * which the handshake ignores (the server's ACL LOG records a refusal
   * for lack of permission). `false` sends neither (for such users, and
   * for a proxy that closes the connection on commands it does not know).
   *
   * @default {true}
   */
  clientInfo?: boolean;
  /**
   * A tag appended to the library name the handshake reports, as
   * `respite(<tag>)` (`lib-name=respite(orders-v2)`), to tell apps or
   * wrappers apart in `CLIENT LIST`. Printable ASCII without spaces or
   * parentheses, as Redis requires of the name.
   */
  clientInfoTag?: string;
  /**
   * Milliseconds allowed for opening the socket (the TLS handshake
   * included) and the Redis handshake together; `Infinity` for no limit.
   * An attempt that runs out of time closes its socket.
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
  /**
   * Opens the sockets of this client instead of the runtime's transport:
   * its connection, reconnects, and every extra connection (blocking
   * commands, `watch()`, the RESP2 subscriber, `duplicate()`, a pool's
   * connections). With a single `socket` instead, the client has exactly
   * one connection: it cannot reconnect, and what needs a second
   * connection fails with a `TypeError` that says so. Not together with
   * `socket`.
   */
  connector?: Connector;
  /**
   * The transport that opens this client's sockets, instead of the one of
   * the runtime in use: `"node"` (`node:net`/`node:tls`) works on Node.js,
   * Deno and Bun; `"bun"`, `"deno"` and `"cloudflare"` only on their own
   * runtime. Not together with `socket` or `connector`.
   */
  transport?: TransportName;
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
   * `true` is the default. The error is a {@linkcode ConnectionError}
   * whose `cause` is what the runtime or the server reported.
   *
   * Every reconnect runs the whole handshake again (HELLO/AUTH, SELECT,
   * CLIENT SETNAME, and the connection state the client tracks, see
   * {@linkcode CONNECTION_STATE}) and restores the client's subscriptions
   * before any queued command is sent.
   */
  reconnect?:
    | boolean
    | ((attempt: number, error: ConnectionError) => number | false);
  /**
   * How many commands may wait while the client reconnects; they are sent
   * once it is ready again. Further commands, and all of them when this is
   * 0, reject at once with {@linkcode ConnectionClosedError}. `Infinity`
   * for no limit.
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
   * A timeout in milliseconds for every command, unless the call brings its
   * own `timeout` or `signal` (see {@linkcode RedisClient.withOptions}),
   * which then replaces it. A command that times out rejects with a
   * `DOMException` named `"TimeoutError"`; its reply, when it comes, is
   * discarded. A blocking command gets its own block time on top (`blpop`
   * with a timeout of 5 s may take 5 s plus this), and one that blocks for
   * ever (timeout 0, `block: 0`) gets no deadline unless the call gives
   * one. `Infinity` (the default) means no timeout.
   *
   * The default client waits through an outage: it reconnects for ever and
   * keeps commands in the offline queue meanwhile. Set a `commandTimeout`
   * (or `reconnect`, `offlineQueueSize`) so that callers such as request
   * handlers get an error instead of waiting.
   */
  commandTimeout?: number;
  /**
   * The most extra connections the client opens for blocking commands,
   * pipelines holding one, and {@linkcode RedisClient.watch}, in use and
   * idle together (the RESP2 subscriber connection is not counted). A call
   * that finds them all in use waits for one, in the order the calls came,
   * within its timeout and signal. `Infinity` for no limit. The default
   * is 32, and 4 on Cloudflare Workers, where one request may hold only 6
   * connections open at once.
   *
   * @default {32}
   */
  maxExtraConnections?: number;
  /**
   * How many of the extra connections are kept open while idle, for the
   * next blocking command or `watch()`; the others close when their call
   * is done.
   *
   * @default {4}
   */
  idleExtraConnections?: number;
}

/** The keys of {@linkcode ConnectOptions}. */
const CONNECT_KEYS = optionKeys<ConnectOptions>({
  url: true,
  hostname: true,
  port: true,
  path: true,
  tls: true,
  username: true,
  password: true,
  db: true,
  protocol: true,
  clientName: true,
  clientInfo: true,
  clientInfoTag: true,
  connectTimeout: true,
  socket: true,
  connector: true,
  transport: true,
  limits: true,
  onPush: true,
  onAttributes: true,
  reconnect: true,
  offlineQueueSize: true,
  retryReadOnly: true,
  commandTimeout: true,
  maxExtraConnections: true,
  idleExtraConnections: true,
});
const TLS_KEYS = optionKeys<TlsOptions>({ caCerts: true, serverName: true });
const LIMIT_KEYS = optionKeys<ReplyLimits>({
  maxBulkLength: true,
  maxAggregateLength: true,
  maxDepth: true,
  maxLineLength: true,
});

/**
 * The options of `connect` with the URL's settings merged in (explicit
 * options win), every one checked: a `TypeError` naming the option and,
 * unless it is a secret, its value.
 */
/** Connect options with respite's own hooks (see {@linkcode CONNECTION_HOOKS}). */
export type InternalOptions = ConnectOptions & {
  [CONNECTION_HOOKS]?: ConnectionHooks;
};

/** The hooks in `options`, if respite's own modules set some. */
export function hooksOf(options: ConnectOptions): ConnectionHooks | undefined {
  return (options as InternalOptions)[CONNECTION_HOOKS];
}

export function resolveOptions(
  target?: string | ConnectOptions,
): ConnectOptions {
  if (
    target !== undefined && typeof target !== "string" &&
    (typeof target !== "object" || target === null)
  ) {
    throw new TypeError(
      `Invalid connect target: expected a URL or an options object, got ${
        target === null ? "null" : typeof target
      }`,
    );
  }
  const given: ConnectOptions = typeof target === "string"
    ? { url: target }
    : target ?? {};
  checkKeys("connect option", given, CONNECT_KEYS);
  if (given.url !== undefined && typeof given.url !== "string") {
    throw new TypeError(
      `Invalid option "url": expected a string, got ${typeof given.url}`,
    );
  }
  const fromUrl = given.url === undefined ? {} : parseRedisUrl(given.url);
  const options: ConnectOptions = { ...fromUrl };
  for (const [key, value] of Object.entries(given)) {
    if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  }
  const hooks = (given as InternalOptions)[CONNECTION_HOOKS];
  if (hooks !== undefined) {
    (options as InternalOptions)[CONNECTION_HOOKS] = hooks;
  }
  checkConnectOptions(options);
  return options;
}

function checkConnectOptions(options: ConnectOptions): void {
  const fail = (name: string, expected: string, shown = true): never => {
    const value = (options as Record<string, unknown>)[name];
    const quoted = shown &&
        (typeof value === "number" || typeof value === "string" ||
          typeof value === "boolean")
      ? ` "${value}"`
      : "";
    throw new TypeError(
      `Invalid option "${name}"${quoted}: expected ${expected}${
        quoted === "" ? `, got ${value === null ? "null" : typeof value}` : ""
      }`,
    );
  };
  const text = (name: keyof ConnectOptions, secret = false): void => {
    const value = options[name];
    if (value !== undefined && typeof value !== "string") {
      fail(name, "a string", !secret);
    }
  };
  const integer = (
    name: keyof ConnectOptions,
    min: number,
    max = Number.MAX_SAFE_INTEGER,
    infinite = false,
  ): void => {
    const value = options[name];
    if (value === undefined || (infinite && value === Infinity)) return;
    if (
      !Number.isInteger(value) || (value as number) < min ||
      (value as number) > max
    ) {
      fail(
        name,
        `an integer from ${min}${
          max === Number.MAX_SAFE_INTEGER ? " up" : ` to ${max}`
        }${infinite ? ", or Infinity" : ""}`,
      );
    }
  };
  const duration = (name: keyof ConnectOptions): void => {
    const value = options[name];
    if (value === undefined) return;
    if (typeof value !== "number" || !(value > 0)) {
      fail(name, "a positive number of milliseconds, or Infinity");
    }
  };
  const flag = (name: keyof ConnectOptions): void => {
    const value = options[name];
    if (value !== undefined && typeof value !== "boolean") {
      fail(name, "a boolean");
    }
  };
  const fn = (name: keyof ConnectOptions): void => {
    const value = options[name];
    if (value !== undefined && typeof value !== "function") {
      fail(name, "a function");
    }
  };
  text("hostname");
  if (options.hostname === "") fail("hostname", "a host name or address");
  integer("port", 1, 65535);
  text("path");
  if (options.path === "") fail("path", "a socket path");
  text("username", true);
  text("password", true);
  if (options.username !== undefined && options.password === undefined) {
    throw new TypeError(
      'Invalid options: "username" needs a "password" (an ACL user authenticates with both)',
    );
  }
  integer("db", 0);
  if (
    options.protocol !== undefined && options.protocol !== 2 &&
    options.protocol !== 3
  ) {
    fail("protocol", "2 or 3");
  }
  text("clientName");
  if (
    options.clientName !== undefined && !/^[!-~]*$/.test(options.clientName)
  ) {
    fail(
      "clientName",
      "printable ASCII without spaces (Redis refuses other client names)",
    );
  }
  flag("clientInfo");
  text("clientInfoTag");
  if (
    options.clientInfoTag !== undefined &&
    !/^[!-'*-~]+$/.test(options.clientInfoTag)
  ) {
    fail(
      "clientInfoTag",
      "printable ASCII without spaces or parentheses (the server refuses other library names)",
    );
  }
  duration("connectTimeout");
  duration("commandTimeout");
  integer("offlineQueueSize", 0, Number.MAX_SAFE_INTEGER, true);
  integer("maxExtraConnections", 1, Number.MAX_SAFE_INTEGER, true);
  integer("idleExtraConnections", 0);
  flag("retryReadOnly");
  fn("onPush");
  fn("onAttributes");
  const reconnect = options.reconnect;
  if (
    reconnect !== undefined && typeof reconnect !== "boolean" &&
    typeof reconnect !== "function"
  ) {
    fail("reconnect", "a boolean or a function");
  }
  const tls = options.tls;
  if (tls !== undefined && typeof tls !== "boolean") {
    if (typeof tls !== "object" || tls === null) {
      fail("tls", "a boolean or { caCerts, serverName }");
    }
    checkKeys("TLS option", tls, TLS_KEYS);
    const { caCerts, serverName } = tls as TlsOptions;
    if (
      caCerts !== undefined &&
      (!Array.isArray(caCerts) ||
        !caCerts.every((cert) => typeof cert === "string"))
    ) {
      throw new TypeError(
        'Invalid TLS option "caCerts": expected an array of PEM strings',
      );
    }
    if (serverName !== undefined && typeof serverName !== "string") {
      throw new TypeError(
        `Invalid TLS option "serverName": expected a string, got ${typeof serverName}`,
      );
    }
  }
  const limits = options.limits;
  if (limits !== undefined) {
    checkKeys("limits option", limits, LIMIT_KEYS);
    for (const [name, value] of Object.entries(limits)) {
      if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
        throw new TypeError(
          `Invalid limits option "${name}" "${value}": expected a positive integer`,
        );
      }
    }
  }
  const socket = options.socket;
  if (
    socket !== undefined &&
    (typeof socket !== "object" || socket === null ||
      !(socket.readable instanceof ReadableStream) ||
      !(socket.writable instanceof WritableStream))
  ) {
    fail("socket", "{ readable: ReadableStream, writable: WritableStream }");
  }
  const connector = options.connector;
  if (connector !== undefined && typeof connector !== "function") {
    fail("connector", "a function (options, signal) => Promise<RespSocket>");
  }
  if (connector !== undefined && socket !== undefined) {
    throw new TypeError(
      'Invalid options: "socket" and "connector" exclude each other (a connector opens every socket the client needs)',
    );
  }
  const transport = options.transport;
  if (transport !== undefined) {
    if (!TRANSPORTS.includes(transport)) {
      fail(
        "transport",
        `one of ${TRANSPORTS.map((name) => `"${name}"`).join(", ")}`,
      );
    }
    if (socket !== undefined || connector !== undefined) {
      throw new TypeError(
        `Invalid options: "transport" excludes "${
          socket !== undefined ? "socket" : "connector"
        }" (those open no socket with a transport)`,
      );
    }
  }
}

const TRANSPORTS: readonly TransportName[] = [
  "bun",
  "deno",
  "node",
  "cloudflare",
];

/** The address of a connection for messages (never with a password). */
export function describeAddress(options: ConnectOptions): string {
  if (options.socket) return "custom socket";
  const label = hooksOf(options)?.label;
  if (label !== undefined) return label;
  if (options.path !== undefined) return options.path;
  const host = options.hostname ?? "127.0.0.1";
  const port = options.port ?? 6379;
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}
