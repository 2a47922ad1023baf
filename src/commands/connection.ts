/**
 * The connection commands (PING, HELLO, CLIENT SETNAME, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  bool,
  checkCount,
  checkExclusive,
  checkInteger,
  checkKeys,
  checkNotEmpty,
  command,
  CONNECTION_STATE,
  type Declarations,
  list,
  num,
  ok,
  optionKeys,
  pairs,
  put,
  sameKind,
  str,
} from "./_define.ts";

/**
 * What `hello` resolves to: the server's self-description, the same over
 * RESP2 and RESP3.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const info = await client.hello();
 * console.log(info.version, info.proto); // "7.0.15" 3
 * ```
 */
export interface HelloReply {
  /** `"redis"`, or `"valkey"` from a Valkey server. */
  server: string;
  /** The server version, such as `"7.0.15"`. */
  version: string;
  /** The protocol the connection speaks after the call, 2 or 3. */
  proto: number;
  /** The connection's client ID. */
  id: number;
  /** `"standalone"`, `"sentinel"` or `"cluster"`. */
  mode: string;
  /** `"master"` or `"replica"`. */
  role: string;
  /** Loaded modules, each as the server describes it. */
  modules: Record<string, string | number>[];
  /**
   * The server's availability zone, when its `availability-zone`
   * configuration is set (Valkey 8.1+).
   */
  availability_zone?: string;
}

/**
 * Options of `hello`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.hello({ protover: 3, setname: "worker-1" });
 * ```
 */
export interface HelloOptions {
  /**
   * Switch the connection to this protocol version. The client decodes
   * both, and every typed method gives the same results either way.
   */
  protover?: 2 | 3;
  /** Authenticate in the same call. */
  auth?: { username: string; password: string };
  /** Set the connection name in the same call. */
  setname?: string;
}

/**
 * A connection type, as `clientKill` and `clientList` filter by it.
 * `"primary"` is Valkey's name for `"master"` (Valkey 8.0+; Valkey still
 * takes `"master"`).
 *
 * @example
 * ```ts
 * import { type ClientType, connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const type: ClientType = "pubsub";
 * await client.clientKill({ type });
 * ```
 */
export type ClientType = "normal" | "master" | "primary" | "replica" | "pubsub";

/**
 * Filters that exclude connections (`NOT-ID`, `NOT-TYPE`, ...), for the
 * `not` filter of `clientKill` and `clientList`: a connection matching any
 * of them is left out. Valkey 9.0+ only.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.clientKill({ user: "app", not: { name: "admin-console" } });
 * ```
 */
export interface ClientNotFilters {
  /** Not the clients with these IDs (`NOT-ID`). */
  id?: number | number[];
  /** Not the clients of this type (`NOT-TYPE`). */
  type?: ClientType;
  /** Not the clients authenticated as this user (`NOT-USER`). */
  user?: string;
  /** Not the client connected from this `ip:port` (`NOT-ADDR`). */
  addr?: string;
  /** Not the clients connected to this local `ip:port` (`NOT-LADDR`). */
  laddr?: string;
  /** Not the clients with this name (`NOT-NAME`). */
  name?: string;
  /** Not the clients with all of these flags, such as `"P"` (`NOT-FLAGS`). */
  flags?: string;
  /** Not the clients with this library name (`NOT-LIB-NAME`). */
  libName?: string;
  /** Not the clients with this library version (`NOT-LIB-VER`). */
  libVer?: string;
  /** Not the clients on this database (`NOT-DB`). */
  db?: number;
  /** Not the clients with these capabilities, such as `"r"` (`NOT-CAPA`). */
  capa?: string;
  /** Not the clients connected from this IP address (`NOT-IP`). */
  ip?: string;
}

/**
 * The filters of `clientKill` and `clientList` that Valkey 9.0 added: a
 * connection must match every one given (a server without them answers
 * with a `ReplyError`).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.clientKill({ libName: "old-lib", idle: 600 }); // Valkey 9.0+
 * ```
 */
export interface ClientAttributeFilters {
  /** Clients with this name. */
  name?: string;
  /** Clients idle for at least this many seconds. */
  idle?: number;
  /** Clients with all of these flags, such as `"P"` or `"b"`. */
  flags?: string;
  /** Clients with this library name (`LIB-NAME`). */
  libName?: string;
  /** Clients with this library version (`LIB-VER`). */
  libVer?: string;
  /** Clients on this database. */
  db?: number;
  /** Clients with these capabilities, such as `"r"`. */
  capa?: string;
  /** Clients connected from this IP address. */
  ip?: string;
  /**
   * Leave out the clients matching these filters (`NOT-*`); `clientKill`
   * spares them.
   */
  not?: ClientNotFilters;
}

/**
 * Filters of `clientKill`; connections matching all given filters are
 * closed. The filters beyond `id`, `type`, `user`, `addr`, `laddr` and
 * `skipme` need a newer server, as each says; an older one answers with a
 * `ReplyError`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.clientKill({ type: "pubsub", skipme: true });
 * await client.clientKill({ maxage: 3600 }); // Redis 7.4+, Valkey 8.0+
 * ```
 */
export interface ClientKillFilters extends ClientAttributeFilters {
  /** The client with this ID, or the clients with these IDs (Valkey 8.1+). */
  id?: number | number[];
  /** Clients of this type. */
  type?: ClientType;
  /** Clients authenticated as this user. */
  user?: string;
  /** The client connected from this `ip:port`. */
  addr?: string;
  /** Clients connected to this local `ip:port` of the server (Redis 6.2+). */
  laddr?: string;
  /** Whether to spare the calling connection (the server's default is yes). */
  skipme?: boolean;
  /**
   * Clients connected for at least this many seconds (`MAXAGE`; Redis
   * 7.4+, Valkey 8.0+).
   */
  maxage?: number;
}

/**
 * Which connections `clientList` reports: all, or those matching every
 * given filter. Redis takes `type` or `id`, not both; Valkey 8.1+ combines
 * any filters, and the other filters need Valkey, as each says (a server
 * without one answers with a `ReplyError`).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.clientList({ type: "normal" });
 * await client.clientList({ id: [12, 13] });
 * await client.clientList({ user: "app", maxage: 60 }); // Valkey 8.1+
 * ```
 */
export interface ClientListOptions extends ClientAttributeFilters {
  /** Clients of this type. */
  type?: ClientType;
  /** The clients with these IDs (Redis 6.2+). */
  id?: number[];
  /** Clients authenticated as this user (Valkey 8.1+). */
  user?: string;
  /** The client connected from this `ip:port` (Valkey 8.1+). */
  addr?: string;
  /** Clients connected to this local `ip:port` (Valkey 8.1+). */
  laddr?: string;
  /**
   * Whether to leave out the calling connection (the server's default is
   * no; Valkey 8.1+).
   */
  skipme?: boolean;
  /** Clients connected for at least this many seconds (Valkey 8.1+). */
  maxage?: number;
}

/**
 * Options of `clientTracking` (server-assisted client-side caching).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.clientTracking(true, { bcast: true, prefixes: ["user:"] });
 * ```
 */
export interface ClientTrackingOptions {
  /** Send invalidations to this client ID instead (needed over RESP2). */
  redirect?: number;
  /** Key prefixes to track in broadcasting mode. */
  prefixes?: string[];
  /** Broadcasting mode: invalidations for every key under the prefixes. */
  bcast?: boolean;
  /** Track only keys read right after `CLIENT CACHING YES`. */
  optin?: boolean;
  /** Track keys except those read right after `CLIENT CACHING NO`. */
  optout?: boolean;
  /** Skip invalidations for keys this connection itself modified. */
  noloop?: boolean;
}

/**
 * What `clientTrackinginfo` resolves to.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { flags, redirect, prefixes } = await client.clientTrackinginfo();
 * ```
 */
export interface ClientTrackingInfo {
  /** Tracking flags such as `"on"`, `"bcast"`, `"optin"` or `"off"`. */
  flags: string[];
  /** The redirect client ID, `0` for none, `-1` when tracking is off. */
  redirect: number;
  /** The tracked prefixes in broadcasting mode. */
  prefixes: string[];
}

/**
 * A client connection as `CLIENT INFO` and `CLIENT LIST` describe it: the
 * server's `name=value` fields (`id`, `addr`, `laddr`, `name`, `db`, `cmd`,
 * `user`, ..., and since Redis 7.2 `lib-name` and `lib-ver`), all as text.
 * Fields that newer servers add (`tot-net-in`, `capa`, ...) appear too.
 *
 * @example
 * ```ts
 * import { type ClientDescription, connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const me: ClientDescription = await client.clientInfo();
 * console.log(me.id, me.db, me.name);
 * ```
 */
export type ClientDescription = Record<string, string>;

const TRACKING_FLAGS = ["bcast", "optin", "optout", "noloop"] as const;

const HELLO_KEYS = optionKeys<HelloOptions>({
  protover: true,
  auth: true,
  setname: true,
});

const HELLO_AUTH_KEYS = optionKeys<HelloOptions["auth"]>({
  username: true,
  password: true,
});

const CLIENT_KILL_KEYS = optionKeys<ClientKillFilters>({
  id: true,
  type: true,
  user: true,
  addr: true,
  laddr: true,
  skipme: true,
  maxage: true,
  name: true,
  idle: true,
  flags: true,
  libName: true,
  libVer: true,
  db: true,
  capa: true,
  ip: true,
  not: true,
});

const CLIENT_LIST_KEYS = optionKeys<ClientListOptions>({
  type: true,
  id: true,
  user: true,
  addr: true,
  laddr: true,
  skipme: true,
  maxage: true,
  name: true,
  idle: true,
  flags: true,
  libName: true,
  libVer: true,
  db: true,
  capa: true,
  ip: true,
  not: true,
});

const CLIENT_NOT_KEYS = optionKeys<ClientNotFilters>({
  id: true,
  type: true,
  user: true,
  addr: true,
  laddr: true,
  name: true,
  flags: true,
  libName: true,
  libVer: true,
  db: true,
  capa: true,
  ip: true,
});

const CLIENT_PAUSE_KEYS = optionKeys<{ mode?: "WRITE" | "ALL" }>({
  mode: true,
});

const CLIENT_TRACKING_KEYS = optionKeys<ClientTrackingOptions>({
  redirect: true,
  prefixes: true,
  bcast: true,
  optin: true,
  optout: true,
  noloop: true,
});

function buildHello(options?: HelloOptions): Arg[] {
  if (options === undefined) return ["HELLO"];
  checkKeys("HELLO option", options, HELLO_KEYS);
  if (options.auth !== undefined) {
    checkKeys("HELLO auth option", options.auth, HELLO_AUTH_KEYS);
  }
  const argv: Arg[] = ["HELLO"];
  if (options.protover !== undefined) {
    if (options.protover !== 2 && options.protover !== 3) {
      throw new TypeError(
        `Invalid HELLO protover "${options.protover}": expected 2 or 3`,
      );
    }
    argv.push(options.protover);
  } else if (options.auth !== undefined || options.setname !== undefined) {
    throw new TypeError(
      'Invalid HELLO options: "auth" and "setname" need "protover"',
    );
  }
  if (options.auth !== undefined) {
    argv.push("AUTH", options.auth.username, options.auth.password);
  }
  if (options.setname !== undefined) argv.push("SETNAME", options.setname);
  return argv;
}

function toHello(reply: Reply): HelloReply {
  const out: Record<string, unknown> = {};
  for (const [key, value] of pairs(reply)) {
    const name = str(key);
    if (name === "proto" || name === "id") put(out, name, num(value));
    else if (name === "modules") {
      put(out, name, list(value).map(toModule));
    } else put(out, name, value);
  }
  return out as unknown as HelloReply;
}

function toModule(reply: Reply): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of pairs(reply)) {
    put(out, str(key), value as string | number);
  }
  return out;
}

/** Parses `id=1 addr=... name=...` lines, one record per line. */
function parseClientLines(reply: Reply): ClientDescription[] {
  const value = sameKind(reply);
  const out: ClientDescription[] = [];
  for (const line of str(reply).split("\n")) {
    if (line.trim() === "") continue;
    const record: ClientDescription = {};
    for (const field of line.trim().split(" ")) {
      if (field === "") continue;
      const eq = field.indexOf("=");
      if (eq < 0) put(record, field, value(""));
      else put(record, field.slice(0, eq), value(field.slice(eq + 1)));
    }
    out.push(record);
  }
  return out;
}

/** Appends `token` and the client IDs (one, or a non-empty list). */
function pushIds(
  argv: Arg[],
  command: string,
  token: string,
  ids: number | number[],
): void {
  argv.push(token);
  if (typeof ids === "number") {
    checkInteger(command, "id", ids);
    argv.push(ids);
    return;
  }
  checkNotEmpty(command, "id", ids);
  for (const id of ids) {
    checkInteger(command, "id", id);
    argv.push(id);
  }
}

/**
 * Appends the filters that CLIENT KILL and CLIENT LIST share, after ID and
 * TYPE: USER, ADDR, LADDR, SKIPME, MAXAGE, NAME, IDLE, FLAGS, LIB-NAME,
 * LIB-VER, DB, CAPA, IP, then the `NOT-*` filters of `not`.
 */
function pushClientFilters(
  argv: Arg[],
  command: "CLIENT KILL" | "CLIENT LIST",
  filters: ClientKillFilters | ClientListOptions,
): void {
  if (filters.user !== undefined) argv.push("USER", filters.user);
  if (filters.addr !== undefined) argv.push("ADDR", filters.addr);
  if (filters.laddr !== undefined) argv.push("LADDR", filters.laddr);
  if (filters.skipme !== undefined) {
    argv.push("SKIPME", filters.skipme ? "YES" : "NO");
  }
  if (filters.maxage !== undefined) {
    checkCount(command, "maxage", filters.maxage, 1);
    argv.push("MAXAGE", filters.maxage);
  }
  if (filters.name !== undefined) argv.push("NAME", filters.name);
  if (filters.idle !== undefined) {
    checkCount(command, "idle", filters.idle, 1);
    argv.push("IDLE", filters.idle);
  }
  if (filters.flags !== undefined) argv.push("FLAGS", filters.flags);
  if (filters.libName !== undefined) argv.push("LIB-NAME", filters.libName);
  if (filters.libVer !== undefined) argv.push("LIB-VER", filters.libVer);
  if (filters.db !== undefined) {
    checkCount(command, "db", filters.db);
    argv.push("DB", filters.db);
  }
  if (filters.capa !== undefined) argv.push("CAPA", filters.capa);
  if (filters.ip !== undefined) argv.push("IP", filters.ip);
  const not = filters.not;
  if (not === undefined) return;
  checkKeys(
    command === "CLIENT KILL"
      ? "CLIENT KILL not filter"
      : "CLIENT LIST not option",
    not,
    CLIENT_NOT_KEYS,
  );
  if (not.id !== undefined) pushIds(argv, command, "NOT-ID", not.id);
  if (not.type !== undefined) argv.push("NOT-TYPE", not.type);
  if (not.user !== undefined) argv.push("NOT-USER", not.user);
  if (not.addr !== undefined) argv.push("NOT-ADDR", not.addr);
  if (not.laddr !== undefined) argv.push("NOT-LADDR", not.laddr);
  if (not.name !== undefined) argv.push("NOT-NAME", not.name);
  if (not.flags !== undefined) argv.push("NOT-FLAGS", not.flags);
  if (not.libName !== undefined) argv.push("NOT-LIB-NAME", not.libName);
  if (not.libVer !== undefined) argv.push("NOT-LIB-VER", not.libVer);
  if (not.db !== undefined) {
    checkCount(command, "db", not.db);
    argv.push("NOT-DB", not.db);
  }
  if (not.capa !== undefined) argv.push("NOT-CAPA", not.capa);
  if (not.ip !== undefined) argv.push("NOT-IP", not.ip);
}

function buildClientKill(filters: ClientKillFilters): Arg[] {
  checkKeys("CLIENT KILL filter", filters, CLIENT_KILL_KEYS);
  const argv: Arg[] = ["CLIENT", "KILL"];
  if (filters.id !== undefined) {
    pushIds(argv, "CLIENT KILL", "ID", filters.id);
  }
  if (filters.type !== undefined) argv.push("TYPE", filters.type);
  pushClientFilters(argv, "CLIENT KILL", filters);
  if (argv.length === 2) {
    throw new TypeError(
      "Invalid CLIENT KILL call: expected at least one filter",
    );
  }
  return argv;
}

function buildClientList(options?: ClientListOptions): Arg[] {
  const argv: Arg[] = ["CLIENT", "LIST"];
  if (options === undefined) return argv;
  checkKeys("CLIENT LIST option", options, CLIENT_LIST_KEYS);
  if (options.type !== undefined) argv.push("TYPE", options.type);
  pushClientFilters(argv, "CLIENT LIST", options);
  // Last: Redis takes the IDs only as the final arguments.
  if (options.id !== undefined) {
    pushIds(argv, "CLIENT LIST", "ID", options.id);
  }
  return argv;
}

/** Throws unless `value` is printable ASCII without spaces (or empty). */
function checkClientAttribute(
  command: string,
  name: string,
  value: string,
): void {
  if (typeof value !== "string" || !/^[!-~]*$/.test(value)) {
    throw new TypeError(
      `Invalid ${command} ${name} "${value}": expected printable ASCII without spaces`,
    );
  }
}

function buildClientTracking(
  on: boolean,
  options?: ClientTrackingOptions,
): Arg[] {
  const argv: Arg[] = ["CLIENT", "TRACKING", on ? "ON" : "OFF"];
  if (options === undefined) return argv;
  checkKeys("CLIENT TRACKING option", options, CLIENT_TRACKING_KEYS);
  checkExclusive("CLIENT TRACKING", options, ["optin", "optout"]);
  if (options.redirect !== undefined) {
    checkInteger("CLIENT TRACKING", "redirect", options.redirect);
    argv.push("REDIRECT", options.redirect);
  }
  for (const prefix of options.prefixes ?? []) argv.push("PREFIX", prefix);
  for (const flag of TRACKING_FLAGS) {
    if (options[flag]) argv.push(flag.toUpperCase());
  }
  return argv;
}

/**
 * The connection commands (PING, HELLO, CLIENT SETNAME, ...).
 *
 * Commands that change the connection's state (`auth`, `select`,
 * `clientSetname`, `clientTracking`, `clientNoEvict`, `clientNoTouch`,
 * `hello` with `AUTH` or `SETNAME`) carry the {@linkcode CONNECTION_STATE}
 * flag: once the server
 * accepted one, the client applies it to every connection it opens from then
 * on (reconnects, extra connections for blocking commands and `watch()`,
 * `duplicate()`). `hello` refuses another protocol version than the one the
 * client speaks.
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.ping.name);
 * ```
 */
export interface ConnectionCommands {
  /**
   * Authenticates the connection with a password (the `default` user) or a
   * user name and password. Resolves to `"OK"`. Available since Redis 1.0;
   * user names since 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.auth("s3cret");
   * await client.auth("alice", "s3cret");
   * ```
   */
  auth(usernameOrPassword: Arg, password?: Arg): Promise<"OK">;
  /**
   * Says whether the next read command's keys are tracked, in the `optin`
   * or `optout` tracking modes. Resolves to `"OK"`. Available since Redis
   * 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clientCaching("YES");
   * ```
   */
  clientCaching(mode: "YES" | "NO"): Promise<"OK">;
  /**
   * Declares capabilities of the client to the server for this connection;
   * the server ignores the ones it does not know. With `"redirect"`, a
   * standalone replica answers data commands with a `REDIRECT
   * host:port` error naming its primary (READONLY still allows reads).
   * Resolves to `"OK"`. The claim lasts for the connection: a reconnect does
   * not repeat it. Available since Valkey 8.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clientCapa("redirect");
   * ```
   */
  clientCapa(capability: string, ...more: string[]): Promise<"OK">;
  /**
   * Returns the connection's name, or `null` when none was set. Available
   * since Redis 2.6.9.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.clientGetname()); // "worker-1"
   * ```
   */
  clientGetname(): Promise<string | null>;
  /**
   * Returns the client ID that tracking invalidations are redirected to:
   * `0` for none, `-1` when tracking is off. Available since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.clientGetredir()); // -1
   * ```
   */
  clientGetredir(): Promise<number>;
  /**
   * Returns the server's help text for the CLIENT subcommands, one line per
   * entry. Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.clientHelp()).join("\n"));
   * ```
   */
  clientHelp(): Promise<string[]>;
  /**
   * Returns the connection's client ID. Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const id = await client.clientId();
   * ```
   */
  clientId(): Promise<number>;
  /**
   * Marks the connection as an import source (`true`) or a normal client
   * again (`false`): while the server runs with `import-mode yes`, an
   * import source (a sync tool copying data in) sees keys that have
   * expired and are not deleted yet. Resolves to `"OK"`. It lasts for the
   * connection: a reconnect does not repeat it. Available since Valkey 8.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.configSet({ "import-mode": "yes" });
   * await client.clientImportSource(true);
   * ```
   */
  clientImportSource(on: boolean): Promise<"OK">;
  /**
   * Describes this connection as a record of the server's `name=value`
   * fields (`id`, `addr`, `name`, `db`, `user`, ...). Available since Redis
   * 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { id, db, name } = await client.clientInfo();
   * ```
   */
  clientInfo(): Promise<ClientDescription>;
  /**
   * Closes the connections matching every given filter and resolves with
   * how many were closed. Available since Redis 2.4; filters since 2.8.12,
   * `user` since 5.0, `laddr` since 6.2, `maxage` since Redis 7.4 and
   * Valkey 8.0; several IDs since Valkey 8.1; `name`, `idle`, `flags`,
   * `libName`, `libVer`, `db`, `capa`, `ip` and `not` since Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const closed = await client.clientKill({ user: "alice" });
   * await client.clientKill({ maxage: 3600, skipme: true });
   * ```
   */
  clientKill(filters: ClientKillFilters): Promise<number>;
  /**
   * Describes the server's client connections, one record per connection
   * (see `clientInfo`), optionally only those matching every given filter.
   * Available since Redis 2.4; `type` since 5.0, `id` since 6.2; `user`,
   * `addr`, `laddr`, `skipme`, `maxage` and `type` with `id` since Valkey
   * 8.1; `name`, `idle`, `flags`, `libName`, `libVer`, `db`, `capa`, `ip`
   * and `not` since Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const c of await client.clientList({ type: "normal" })) {
   *   console.log(c.id, c.addr, c.cmd);
   * }
   * ```
   */
  clientList(options?: ClientListOptions): Promise<ClientDescription[]>;
  /**
   * Protects the connection from eviction under client memory pressure
   * (`true`), or lets it be evicted again (`false`). Resolves to `"OK"`.
   * Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clientNoEvict(true);
   * ```
   */
  clientNoEvict(on: boolean): Promise<"OK">;
  /**
   * Stops (`true`) or resumes (`false`) updating the LRU/LFU information of
   * the keys this connection reads, so that monitoring or scanning does
   * not make keys look hot (TOUCH still touches). Resolves to `"OK"`. The
   * client keeps to it: reconnects and its extra connections send it too.
   * Available since Redis 7.2 and Valkey 7.2.4.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clientNoTouch(true);
   * ```
   */
  clientNoTouch(on: boolean): Promise<"OK">;
  /**
   * Suspends the processing of all clients' commands (or only writes, with
   * `mode: "WRITE"`) for `timeout` milliseconds. Resolves to `"OK"`.
   * Available since Redis 3.0; `mode` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clientPause(500, { mode: "WRITE" });
   * ```
   */
  clientPause(
    timeout: number,
    options?: { mode?: "WRITE" | "ALL" },
  ): Promise<"OK">;
  /**
   * Names the connection; shown by `clientList` and `clientInfo`. Resolves
   * to `"OK"`. Prefer the `clientName` option of `connect`, which survives
   * a reconnect. Available since Redis 2.6.9.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clientSetname("worker-1");
   * ```
   */
  clientSetname(name: string): Promise<"OK">;
  /**
   * Sets the library name (`"LIB-NAME"`) or version (`"LIB-VER"`) that
   * `clientInfo` and `clientList` show for this connection (`lib-name`,
   * `lib-ver`); an empty value clears it. Resolves to `"OK"`. The client's
   * handshake already reports `respite` and its version (see the
   * `clientInfo` and `clientInfoTag` options of `connect`), and reports
   * them again after a reconnect. Available since Redis 7.2 and Valkey
   * 7.2.4.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clientSetinfo("LIB-NAME", "respite(orders)");
   * ```
   */
  clientSetinfo(
    attribute: "LIB-NAME" | "LIB-VER",
    value: string,
  ): Promise<"OK">;
  /**
   * Turns server-assisted client-side caching on or off for the
   * connection; invalidations arrive as RESP3 pushes (see `onPush`) or at
   * the `redirect` client. Resolves to `"OK"`. Available since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clientTracking(true, { optin: true });
   * ```
   */
  clientTracking(on: boolean, options?: ClientTrackingOptions): Promise<"OK">;
  /**
   * Describes the connection's client-side caching state. Available since
   * Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { flags } = await client.clientTrackinginfo(); // ["off"]
   * ```
   */
  clientTrackinginfo(): Promise<ClientTrackingInfo>;
  /**
   * Releases the client `id` from a blocking command, as a timeout would,
   * or with an `UNBLOCKED` error when `mode` is `"ERROR"`. Resolves to
   * `true` when that client was blocked. Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const blockedId = 42; // the ID of a connection waiting in BLPOP
   * await client.clientUnblock(blockedId, "ERROR"); // true
   * ```
   */
  clientUnblock(id: number, mode?: "TIMEOUT" | "ERROR"): Promise<boolean>;
  /**
   * Resumes the clients paused by `clientPause`. Resolves to `"OK"`.
   * Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clientUnpause();
   * ```
   */
  clientUnpause(): Promise<"OK">;
  /**
   * Returns `message` as sent. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.echo("hello")); // "hello"
   * ```
   */
  echo(message: Arg): Promise<string>;
  /**
   * Describes the server and the connection (version, protocol, client ID,
   * mode, role, modules), optionally switching the protocol, authenticating
   * and naming the connection in the same call. Available since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { version, proto, id } = await client.hello();
   * ```
   */
  hello(options?: HelloOptions): Promise<HelloReply>;
  /**
   * Checks the connection: resolves to `"PONG"`, or to `message` when one
   * is given. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.ping()); // "PONG"
   * console.log(await client.ping("hi")); // "hi"
   * ```
   */
  ping(message?: Arg): Promise<string>;
  /**
   * Switches the client to database `index`. Resolves to `"OK"`. The
   * client keeps to it: reconnects and its extra connections (blocking
   * commands, `watch()`) use it too. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.select(2);
   * ```
   */
  select(index: number): Promise<"OK">;
}

/** The declarations of the connection commands. */
export const connectionCommands: Declarations<ConnectionCommands> = {
  auth: command({
    name: "AUTH",
    build: (usernameOrPassword: Arg, password?: Arg): Arg[] =>
      password === undefined
        ? ["AUTH", usernameOrPassword]
        : ["AUTH", usernameOrPassword, password],
    flags: CONNECTION_STATE,
    reply: ok,
  }),
  clientCaching: command({
    name: "CLIENT CACHING",
    build: (mode: "YES" | "NO"): Arg[] => {
      if (mode !== "YES" && mode !== "NO") {
        throw new TypeError(
          `Invalid CLIENT CACHING mode "${mode}": expected "YES" or "NO"`,
        );
      }
      return ["CLIENT", "CACHING", mode];
    },
    reply: ok,
  }),
  clientCapa: command({
    name: "CLIENT CAPA",
    build: (...capabilities: string[]): Arg[] => {
      checkNotEmpty("CLIENT CAPA", "capability", capabilities);
      return ["CLIENT", "CAPA", ...capabilities];
    },
    reply: ok,
    since: { valkey: "8.0.0" },
  }),
  clientGetname: command({
    name: "CLIENT GETNAME",
    build: (): Arg[] => ["CLIENT", "GETNAME"],
    reply: (reply) => reply as string | null,
  }),
  clientGetredir: command({
    name: "CLIENT GETREDIR",
    build: (): Arg[] => ["CLIENT", "GETREDIR"],
    reply: num,
  }),
  clientHelp: command({
    name: "CLIENT HELP",
    build: (): Arg[] => ["CLIENT", "HELP"],
    reply: (reply) => list(reply) as string[],
  }),
  clientId: command({
    name: "CLIENT ID",
    build: (): Arg[] => ["CLIENT", "ID"],
    reply: num,
  }),
  clientImportSource: command({
    name: "CLIENT IMPORT-SOURCE",
    build: (on: boolean): Arg[] => [
      "CLIENT",
      "IMPORT-SOURCE",
      on ? "ON" : "OFF",
    ],
    reply: ok,
    since: { valkey: "8.1.0" },
  }),
  clientInfo: command({
    name: "CLIENT INFO",
    build: (): Arg[] => ["CLIENT", "INFO"],
    reply: (reply) => parseClientLines(reply)[0] ?? {},
  }),
  clientKill: command({
    name: "CLIENT KILL",
    build: buildClientKill,
    reply: num,
  }),
  clientList: command({
    name: "CLIENT LIST",
    build: buildClientList,
    reply: parseClientLines,
  }),
  clientNoEvict: command({
    name: "CLIENT NO-EVICT",
    build: (on: boolean): Arg[] => ["CLIENT", "NO-EVICT", on ? "ON" : "OFF"],
    flags: CONNECTION_STATE,
    reply: ok,
  }),
  clientNoTouch: command({
    name: "CLIENT NO-TOUCH",
    build: (on: boolean): Arg[] => ["CLIENT", "NO-TOUCH", on ? "ON" : "OFF"],
    flags: CONNECTION_STATE,
    reply: ok,
    since: { redis: "7.2.0", valkey: "7.2.4" },
  }),
  clientPause: command({
    name: "CLIENT PAUSE",
    build: (timeout: number, options?: { mode?: "WRITE" | "ALL" }): Arg[] => {
      checkInteger("CLIENT PAUSE", "timeout", timeout);
      const argv: Arg[] = ["CLIENT", "PAUSE", timeout];
      if (options === undefined) return argv;
      checkKeys("CLIENT PAUSE option", options, CLIENT_PAUSE_KEYS);
      if (options.mode !== undefined) argv.push(options.mode);
      return argv;
    },
    reply: ok,
  }),
  clientSetname: command({
    name: "CLIENT SETNAME",
    build: (name: string): Arg[] => {
      if (/[\s]/.test(name)) {
        throw new TypeError(
          `Invalid CLIENT SETNAME name "${name}": spaces and newlines are not allowed`,
        );
      }
      return ["CLIENT", "SETNAME", name];
    },
    flags: CONNECTION_STATE,
    reply: ok,
    route: { request: "all_nodes", response: "all_succeeded" },
  }),
  clientSetinfo: command({
    name: "CLIENT SETINFO",
    build: (attribute: "LIB-NAME" | "LIB-VER", value: string): Arg[] => {
      if (attribute !== "LIB-NAME" && attribute !== "LIB-VER") {
        throw new TypeError(
          `Invalid CLIENT SETINFO attribute "${attribute}": expected "LIB-NAME" or "LIB-VER"`,
        );
      }
      checkClientAttribute("CLIENT SETINFO", "value", value);
      return ["CLIENT", "SETINFO", attribute, value];
    },
    reply: ok,
    route: { request: "all_nodes", response: "all_succeeded" },
    since: { redis: "7.2.0", valkey: "7.2.4" },
  }),
  clientTracking: command({
    name: "CLIENT TRACKING",
    build: buildClientTracking,
    flags: CONNECTION_STATE,
    reply: ok,
  }),
  clientTrackinginfo: command({
    name: "CLIENT TRACKINGINFO",
    build: (): Arg[] => ["CLIENT", "TRACKINGINFO"],
    reply: (reply) => {
      const out: ClientTrackingInfo = { flags: [], redirect: -1, prefixes: [] };
      for (const [key, value] of pairs(reply)) {
        switch (str(key)) {
          case "flags":
            out.flags = list(value) as string[];
            break;
          case "redirect":
            out.redirect = num(value);
            break;
          case "prefixes":
            out.prefixes = list(value) as string[];
            break;
        }
      }
      return out;
    },
  }),
  clientUnblock: command({
    name: "CLIENT UNBLOCK",
    build: (id: number, mode?: "TIMEOUT" | "ERROR"): Arg[] => {
      checkInteger("CLIENT UNBLOCK", "id", id);
      return mode === undefined
        ? ["CLIENT", "UNBLOCK", id]
        : ["CLIENT", "UNBLOCK", id, mode];
    },
    reply: bool,
  }),
  clientUnpause: command({
    name: "CLIENT UNPAUSE",
    build: (): Arg[] => ["CLIENT", "UNPAUSE"],
    reply: ok,
  }),
  echo: command({
    name: "ECHO",
    build: (message: Arg): Arg[] => ["ECHO", message],
    reply: (reply) => reply as string,
  }),
  hello: command({
    name: "HELLO",
    build: buildHello,
    flags: CONNECTION_STATE,
    reply: toHello,
  }),
  ping: command({
    name: "PING",
    build: (message?: Arg): Arg[] =>
      message === undefined ? ["PING"] : ["PING", message],
    reply: (reply) => reply as string,
    route: { request: "all_shards", response: "all_succeeded" },
  }),
  select: command({
    name: "SELECT",
    build: (index: number): Arg[] => {
      if (!Number.isSafeInteger(index) || index < 0) {
        throw new TypeError(
          `Invalid SELECT index "${index}": expected a non-negative integer`,
        );
      }
      return ["SELECT", index];
    },
    flags: CONNECTION_STATE,
    reply: ok,
  }),
};
