/**
 * Generic key commands: existence, expiry, renaming, copying, moving,
 * serialising, sorting and scanning keys of any type.
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  allKeys,
  BLOCKING,
  bool,
  BYTES_REPLY,
  checkExclusive,
  checkInteger,
  checkKeys,
  checkNotEmpty,
  command,
  type Cursor,
  type Declarations,
  firstKey,
  type Key,
  type KeyLocation,
  keysAt,
  keysCommand,
  list,
  noKeys,
  num,
  numOrNull,
  ok,
  optionKeys,
  READONLY,
  secondKey,
  str,
} from "./_define.ts";
import { scanArgs, type ScanMatchOptions } from "./_scan.ts";

/**
 * Options of `scan` and `scanIterator`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const page = await client.scan("0", { match: "user:*", count: 100, type: "hash" });
 * ```
 */
export interface ScanOptions extends ScanMatchOptions {
  /** Only keys of this type (`TYPE`, Redis 6.0+), such as `"hash"`. */
  type?: string;
}

/**
 * One page of `scan`: the cursor for the next call and the keys found.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { cursor, keys } = await client.scan("0");
 * ```
 */
export interface ScanPage {
  /** Pass this to the next call; `"0"` when the scan is complete. */
  cursor: Cursor;
  /** The keys of this page (a key may show up in more than one page). */
  keys: string[];
}

/**
 * Conditions of `expire`, `pexpire`, `expireat` and `pexpireat` (Redis
 * 7.0+): `nx` (only when the key has no expiry) stands alone; `xx` (only
 * when it has one) may be combined with `gt` (only when the new expiry is
 * later) or `lt` (only when it is earlier), which exclude each other.
 * TypeScript rejects other combinations.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.expire("session", 60, { gt: true });
 * await client.pexpire("session", 500, { xx: true, lt: true });
 * ```
 */
export type ExpireOptions =
  | { nx: true; xx?: never; gt?: never; lt?: never }
  | { nx?: never; xx?: boolean; gt?: boolean; lt?: never }
  | { nx?: never; xx?: boolean; lt?: boolean; gt?: never };

/**
 * The type names `type` resolves to (`"none"` when the key does not exist;
 * `"vectorset"` for a vector set, Redis 8.0+).
 *
 * @example
 * ```ts
 * import { connect, type KeyType } from "@respite/redis";
 *
 * await using client = await connect();
 * const kind: KeyType = await client.type("user:1"); // "hash"
 * ```
 */
export type KeyType =
  | "string"
  | "list"
  | "set"
  | "zset"
  | "hash"
  | "stream"
  | "vectorset"
  | "none";

/**
 * Options of `copy`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.copy("config", "config:backup", { db: 1, replace: true });
 * ```
 */
export interface CopyOptions {
  /** Copy into this database instead of the current one (`DB`). */
  db?: number;
  /** Overwrite the destination when it exists (`REPLACE`). */
  replace?: boolean;
}

/**
 * Options of `restore`: `idletime` and `freq` exclude each other.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const payload = await client.dump("user:1");
 * if (payload) {
 *   await client.restore("copy", 0, payload, { replace: true, idletime: 60 });
 * }
 * ```
 */
export type RestoreOptions =
  & {
    /** Overwrite the key when it exists (`REPLACE`, Redis 3.0+). */
    replace?: boolean;
    /** `ttl` is an absolute Unix time in milliseconds (`ABSTTL`, Redis 5.0+). */
    absttl?: boolean;
  }
  & (
    | {
      /** Seconds since last access, for LRU eviction (`IDLETIME`, Redis 5.0+). */
      idletime?: number;
      /** Not with `idletime`. */
      freq?: never;
    }
    | {
      /** Access frequency 0-255, for LFU eviction (`FREQ`, Redis 5.0+). */
      freq?: number;
      /** Not with `freq`. */
      idletime?: never;
    }
  );

/**
 * Options of `migrate`: `copy`, `replace` and at most one of `auth` and
 * `auth2` for the target server.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.migrate("10.0.0.2", 6379, ["a", "b"], 0, 5000, {
 *   replace: true,
 *   auth2: { username: "mover", password: "secret" },
 * });
 * ```
 */
export type MigrateOptions =
  & {
    /** Keep the keys on this server (`COPY`, Redis 3.0+). */
    copy?: boolean;
    /** Overwrite keys that exist on the target (`REPLACE`, Redis 3.0+). */
    replace?: boolean;
  }
  & (
    | {
      /** Password of the target's `default` user (`AUTH`, Redis 4.0.7+). */
      auth: string;
      /** Not with `auth`. */
      auth2?: never;
    }
    | {
      /** ACL user and password for the target (`AUTH2`, Redis 6.0+). */
      auth2: { username: string; password: string };
      /** Not with `auth2`. */
      auth?: never;
    }
    | {
      /** No authentication. */
      auth?: never;
      /** No authentication. */
      auth2?: never;
    }
  );

/**
 * Options of `sort`, `sortRo` and `sortStore`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const names = await client.sort("user:ids", {
 *   by: "user:*->age",
 *   limit: { offset: 0, count: 10 },
 *   get: ["#", "user:*->name"],
 *   order: "DESC",
 * });
 * ```
 */
export interface SortOptions {
  /**
   * Sort by the values of keys made from this pattern (`*` is replaced by
   * the element, `->field` reads a hash field), or `"nosort"` to skip
   * sorting (`BY`).
   */
  by?: Key;
  /** Return `count` elements after skipping `offset` (`LIMIT`). */
  limit?: { offset: number; count: number };
  /**
   * Return the values of keys made from these patterns instead of the
   * elements (`GET`); `"#"` stands for the element itself.
   */
  get?: Key[];
  /** Ascending (the default) or descending order. */
  order?: "ASC" | "DESC";
  /** Compare elements as strings instead of numbers (`ALPHA`). */
  alpha?: boolean;
}

// ---------------------------------------------------------------------------
// Argument builders

function checkRange(
  command: string,
  name: string,
  value: number,
  min: number,
  max: number,
): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new TypeError(
      `Invalid ${command} ${name} "${value}": expected ${
        max === Infinity
          ? min === 0
            ? "a non-negative integer"
            : `an integer of at least ${min}`
          : `an integer from ${min} to ${max}`
      }`,
    );
  }
}

const SCAN_KEYS = optionKeys<ScanOptions>({
  match: true,
  count: true,
  type: true,
});

const EXPIRE_KEYS = optionKeys<ExpireOptions>({
  nx: true,
  xx: true,
  gt: true,
  lt: true,
});

function expireBuilder(
  name: string,
  unit: string,
): (key: Key, time: number, options?: ExpireOptions) => Arg[] {
  return (key, time, options) => {
    checkInteger(name, unit, time);
    const argv: Arg[] = [name, key, time];
    if (options === undefined) return argv;
    checkKeys(`${name} option`, options, EXPIRE_KEYS);
    checkExclusive(name, options, ["nx", "xx"]);
    checkExclusive(name, options, ["nx", "gt"]);
    checkExclusive(name, options, ["nx", "lt"]);
    checkExclusive(name, options, ["gt", "lt"]);
    if (options.nx) argv.push("NX");
    if (options.xx) argv.push("XX");
    if (options.gt) argv.push("GT");
    if (options.lt) argv.push("LT");
    return argv;
  };
}

const COPY_KEYS = optionKeys<CopyOptions>({ db: true, replace: true });

function buildCopy(
  source: Key,
  destination: Key,
  options?: CopyOptions,
): Arg[] {
  const argv: Arg[] = ["COPY", source, destination];
  if (options === undefined) return argv;
  checkKeys("COPY option", options, COPY_KEYS);
  if (options.db !== undefined) {
    checkRange("COPY", "db", options.db, 0, Infinity);
    argv.push("DB", options.db);
  }
  if (options.replace) argv.push("REPLACE");
  return argv;
}

const RESTORE_KEYS = optionKeys<RestoreOptions>({
  replace: true,
  absttl: true,
  idletime: true,
  freq: true,
});

function buildRestore(
  key: Key,
  ttl: number,
  serialized: Uint8Array,
  options?: RestoreOptions,
): Arg[] {
  checkRange("RESTORE", "ttl", ttl, 0, Infinity);
  if (!(serialized instanceof Uint8Array)) {
    throw new TypeError(
      "Invalid RESTORE serialized value: expected a Uint8Array from DUMP",
    );
  }
  const argv: Arg[] = ["RESTORE", key, ttl, serialized];
  if (options === undefined) return argv;
  checkKeys("RESTORE option", options, RESTORE_KEYS);
  checkExclusive("RESTORE", options, ["idletime", "freq"]);
  if (options.replace) argv.push("REPLACE");
  if (options.absttl) argv.push("ABSTTL");
  if (options.idletime !== undefined) {
    checkRange("RESTORE", "idletime", options.idletime, 0, Infinity);
    argv.push("IDLETIME", options.idletime);
  }
  if (options.freq !== undefined) {
    checkRange("RESTORE", "freq", options.freq, 0, 255);
    argv.push("FREQ", options.freq);
  }
  return argv;
}

const MIGRATE_KEYS = optionKeys<MigrateOptions>({
  copy: true,
  replace: true,
  auth: true,
  auth2: true,
});

const MIGRATE_AUTH2_KEYS = optionKeys<MigrateOptions["auth2"]>({
  username: true,
  password: true,
});

function buildMigrate(
  host: string,
  port: number,
  keys: Key[],
  destinationDb: number,
  timeoutMs: number,
  options?: MigrateOptions,
): Arg[] {
  if (host === "") {
    throw new TypeError("Invalid MIGRATE host: expected a non-empty string");
  }
  checkRange("MIGRATE", "port", port, 1, 65535);
  checkNotEmpty("MIGRATE", "key", keys);
  checkRange("MIGRATE", "destination db", destinationDb, 0, Infinity);
  checkRange("MIGRATE", "timeout", timeoutMs, 0, Infinity);
  const argv: Arg[] = ["MIGRATE", host, port, "", destinationDb, timeoutMs];
  if (options !== undefined) {
    checkKeys("MIGRATE option", options, MIGRATE_KEYS);
    checkExclusive("MIGRATE", options, ["auth", "auth2"]);
    if (options.copy) argv.push("COPY");
    if (options.replace) argv.push("REPLACE");
    if (options.auth !== undefined) argv.push("AUTH", options.auth);
    if (options.auth2 !== undefined) {
      checkKeys("MIGRATE auth2 option", options.auth2, MIGRATE_AUTH2_KEYS);
      argv.push("AUTH2", options.auth2.username, options.auth2.password);
    }
  }
  argv.push("KEYS", ...keys);
  return argv;
}

/**
 * The keys of a MIGRATE argument vector: the key argument, or with an empty
 * key argument everything after `KEYS` (found the way the server finds it,
 * from the options on, skipping the arguments of `AUTH` and `AUTH2`).
 */
const migrateKeys: KeyLocation = {
  keyword: "KEYS",
  from: 6,
  skip: { AUTH: 1, AUTH2: 2 },
  otherwise: { index: 3 },
};

const SORT_KEYS = optionKeys<SortOptions>({
  by: true,
  limit: true,
  get: true,
  order: true,
  alpha: true,
});

const SORT_LIMIT_KEYS = optionKeys<SortOptions["limit"]>({
  offset: true,
  count: true,
});

function buildSort(
  argv: Arg[],
  name: string,
  options: SortOptions | undefined,
): Arg[] {
  if (options === undefined) return argv;
  checkKeys(`${name} option`, options, SORT_KEYS);
  if (options.by !== undefined) argv.push("BY", options.by);
  if (options.limit !== undefined) {
    checkKeys(`${name} limit option`, options.limit, SORT_LIMIT_KEYS);
    const { offset, count } = options.limit;
    checkInteger(name, "limit offset", offset);
    checkInteger(name, "limit count", count);
    argv.push("LIMIT", offset, count);
  }
  for (const pattern of options.get ?? []) argv.push("GET", pattern);
  if (options.order !== undefined) {
    if (options.order !== "ASC" && options.order !== "DESC") {
      throw new TypeError(
        `Invalid ${name} order "${options.order}": expected "ASC" or "DESC"`,
      );
    }
    argv.push(options.order);
  }
  if (options.alpha) argv.push("ALPHA");
  return argv;
}

function buildWait(numreplicas: number, timeout: number): Arg[] {
  checkRange("WAIT", "numreplicas", numreplicas, 0, Infinity);
  checkRange("WAIT", "timeout", timeout, 0, Infinity);
  return ["WAIT", numreplicas, timeout];
}

function buildWaitaof(
  numlocal: 0 | 1,
  numreplicas: number,
  timeout: number,
): Arg[] {
  checkRange("WAITAOF", "numlocal", numlocal, 0, 1);
  checkRange("WAITAOF", "numreplicas", numreplicas, 0, Infinity);
  checkRange("WAITAOF", "timeout", timeout, 0, Infinity);
  return ["WAITAOF", numlocal, numreplicas, timeout];
}

function sortList(reply: Reply): (string | null)[] {
  return list(reply) as (string | null)[];
}

/**
 * Generic key commands: existence, expiry, renaming, copying, moving,
 * serialising, sorting and scanning keys of any type.
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.del.name);
 * ```
 */
export interface KeyCommands {
  /**
   * Copies the value at `source` to `destination`, optionally into another
   * database. Resolves to `true` when copied, `false` when `source` does not
   * exist or `destination` exists and `replace` is not set. Available since
   * Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.copy("config", "config:backup", { replace: true }); // true
   * ```
   */
  copy(source: Key, destination: Key, options?: CopyOptions): Promise<boolean>;
  /**
   * Removes the keys. Resolves to how many of them existed. Available since
   * Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.del("a", "b")); // 2
   * ```
   */
  del(...keys: Key[]): Promise<number>;
  /**
   * Serialises the value at `key` in Redis's own format, for `restore`.
   * Resolves to the payload as bytes, or `null` when the key does not exist.
   * Available since Redis 2.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const payload = await client.dump("user:1"); // Uint8Array | null
   * if (payload) await client.restore("user:2", 0, payload);
   * ```
   */
  dump(key: Key): Promise<Uint8Array | null>;
  /**
   * Tells whether `key` exists. Resolves to a boolean. Use `existsCount` to
   * count several keys. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * if (await client.exists("session")) console.log("logged in");
   * ```
   */
  exists(key: Key): Promise<boolean>;
  /**
   * Counts how many of the keys exist, with `EXISTS`; a key given twice
   * counts twice. Resolves to the count. Available since Redis 3.0.3.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.existsCount("a", "b", "missing")); // 2
   * ```
   */
  existsCount(...keys: Key[]): Promise<number>;
  /**
   * Gives `key` a time to live in seconds (zero or negative deletes it).
   * Resolves to `true` when the expiry was set, `false` when the key does
   * not exist or the condition was not met. Available since Redis 1.0;
   * conditions since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.expire("session", 3600);
   * await client.expire("session", 60, { lt: true });
   * ```
   */
  expire(key: Key, seconds: number, options?: ExpireOptions): Promise<boolean>;
  /**
   * Makes `key` expire at a Unix time in seconds. Resolves to `true` when
   * the expiry was set, `false` when the key does not exist or the condition
   * was not met. Available since Redis 1.2; conditions since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.expireat("session", Math.floor(Date.now() / 1000) + 60);
   * ```
   */
  expireat(
    key: Key,
    unixTimeSeconds: number,
    options?: ExpireOptions,
  ): Promise<boolean>;
  /**
   * Returns when `key` expires, as a Unix time in seconds. Resolves to that
   * time, `-1` when the key has no expiry and `-2` when it does not exist.
   * Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.expiretime("session")); // 1700000000
   * ```
   */
  expiretime(key: Key): Promise<number>;
  /**
   * Lists every key matching a glob-style pattern. It walks the whole
   * database in one go, so prefer `scanIterator` on busy servers. Resolves
   * to the keys. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.keys("user:*")); // ["user:1", "user:2"]
   * ```
   */
  keys(pattern: Key): Promise<string[]>;
  /**
   * Moves keys to another server atomically (the `KEYS` form, for one key
   * or many). Resolves to `"OK"`, or `"NOKEY"` when none of the keys
   * exists here. Available since Redis 2.6; `copy`/`replace` since 3.0,
   * several keys since 3.0.6, `auth` since 4.0.7, `auth2` since 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.migrate("10.0.0.2", 6379, ["user:1", "user:2"], 0, 5000, { replace: true });
   * ```
   */
  migrate(
    host: string,
    port: number,
    keys: Key[],
    destinationDb: number,
    timeoutMs: number,
    options?: MigrateOptions,
  ): Promise<"OK" | "NOKEY">;
  /**
   * Moves `key` to another database of the same server. Resolves to `true`
   * when moved, `false` when the key does not exist here or already exists
   * there. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.move("job:7", 1); // true
   * ```
   */
  move(key: Key, db: number): Promise<boolean>;
  /**
   * Reports the internal representation of the value at `key` (such as
   * `"listpack"`, `"embstr"` or `"hashtable"`). Resolves to the encoding
   * name, or `null` when the key does not exist. Available since Redis 2.2.3.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.objectEncoding("counter"); // "int"
   * ```
   */
  objectEncoding(key: Key): Promise<string | null>;
  /**
   * Reports the logarithmic access counter of `key`; the server must use an
   * LFU `maxmemory-policy`, otherwise it replies with an error. Resolves to
   * the counter, or `null` when the key does not exist. Available since
   * Redis 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.objectFreq("hot:item"); // 5
   * ```
   */
  objectFreq(key: Key): Promise<number | null>;
  /**
   * Lists the OBJECT subcommands with a short description each. Resolves to
   * the lines of help text. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const line of await client.objectHelp()) console.log(line);
   * ```
   */
  objectHelp(): Promise<string[]>;
  /**
   * Reports how many seconds ago `key` was last read or written; not
   * available under an LFU `maxmemory-policy`. Resolves to the seconds, or
   * `null` when the key does not exist. Available since Redis 2.2.3.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.objectIdletime("session"); // 12
   * ```
   */
  objectIdletime(key: Key): Promise<number | null>;
  /**
   * Reports the reference count of the value at `key`. Resolves to the
   * count, or `null` when the key does not exist. Available since Redis
   * 2.2.3.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.objectRefcount("greeting"); // 1
   * ```
   */
  objectRefcount(key: Key): Promise<number | null>;
  /**
   * Removes the expiry of `key`. Resolves to `true` when an expiry was
   * removed, `false` when the key has none or does not exist. Available
   * since Redis 2.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.persist("session"); // true
   * ```
   */
  persist(key: Key): Promise<boolean>;
  /**
   * Gives `key` a time to live in milliseconds. Resolves to `true` when the
   * expiry was set, `false` when the key does not exist or the condition was
   * not met. Available since Redis 2.6; conditions since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.pexpire("lock", 1500, { nx: true });
   * ```
   */
  pexpire(
    key: Key,
    milliseconds: number,
    options?: ExpireOptions,
  ): Promise<boolean>;
  /**
   * Makes `key` expire at a Unix time in milliseconds. Resolves to `true`
   * when the expiry was set, `false` when the key does not exist or the
   * condition was not met. Available since Redis 2.6; conditions since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.pexpireat("lock", Date.now() + 1500);
   * ```
   */
  pexpireat(
    key: Key,
    unixTimeMilliseconds: number,
    options?: ExpireOptions,
  ): Promise<boolean>;
  /**
   * Returns when `key` expires, as a Unix time in milliseconds. Resolves to
   * that time, `-1` when the key has no expiry and `-2` when it does not
   * exist. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.pexpiretime("lock")); // 1700000000000
   * ```
   */
  pexpiretime(key: Key): Promise<number>;
  /**
   * Returns the remaining time to live of `key` in milliseconds. Resolves
   * to that time, `-1` when the key has no expiry and `-2` when it does not
   * exist. Available since Redis 2.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.pttl("lock")); // 1499
   * ```
   */
  pttl(key: Key): Promise<number>;
  /**
   * Picks a key of the database at random. Resolves to the key, or `null`
   * when the database is empty. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const sample = await client.randomkey(); // "user:42"
   * ```
   */
  randomkey(): Promise<string | null>;
  /**
   * Renames `key` to `newkey`, overwriting `newkey` if it exists; an error
   * when `key` does not exist. Resolves to `"OK"`. Available since Redis
   * 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.rename("tmp:report", "report");
   * ```
   */
  rename(key: Key, newkey: Key): Promise<"OK">;
  /**
   * Renames `key` to `newkey` only when `newkey` does not exist. Resolves to
   * `true` when renamed, `false` when `newkey` exists. Available since Redis
   * 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.renamenx("draft", "published"); // true
   * ```
   */
  renamenx(key: Key, newkey: Key): Promise<boolean>;
  /**
   * Creates `key` from a `dump` payload, with a time to live in
   * milliseconds (`0` for none; a Unix time with `absttl`). Resolves to
   * `"OK"`; the server replies with a `BUSYKEY` error when the key exists
   * and `replace` is not set. Available since Redis 2.6; `replace` since
   * 3.0, `absttl`/`idletime`/`freq` since 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const payload = await client.dump("user:1");
   * if (payload) await client.restore("user:1:copy", 0, payload, { replace: true });
   * ```
   */
  restore(
    key: Key,
    ttl: number,
    serialized: Uint8Array,
    options?: RestoreOptions,
  ): Promise<"OK">;
  /**
   * Returns one page of the keys in the database, starting from `cursor`
   * (`"0"` to begin). Most callers want `client.scanIterator()`, which runs
   * the loop. Resolves to `{ cursor, keys }`. Available since Redis 2.8;
   * `type` since 6.0.
   *
   * @example
   * ```ts
   * import { connect, type Cursor } from "@respite/redis";
   *
   * await using client = await connect();
   * let cursor: Cursor = "0";
   * do {
   *   const page = await client.scan(cursor, { match: "user:*" });
   *   cursor = page.cursor;
   *   console.log(page.keys);
   * } while (cursor !== "0");
   * ```
   */
  scan(cursor: Cursor | 0, options?: ScanOptions): Promise<ScanPage>;
  /**
   * Sorts the elements of a list, set or sorted set, numerically unless
   * `alpha` is set. Resolves to the sorted elements, or with `get` to the
   * looked-up values (`null` for missing ones). Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.sort("scores", { order: "DESC", limit: { offset: 0, count: 3 } });
   * ```
   */
  sort(key: Key, options?: SortOptions): Promise<(string | null)[]>;
  /**
   * The read-only form of `sort`, safe on replicas. Resolves to the sorted
   * elements, or with `get` to the looked-up values. Available since Redis
   * 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.sortRo("tags", { alpha: true });
   * ```
   */
  sortRo(key: Key, options?: SortOptions): Promise<(string | null)[]>;
  /**
   * Sorts like `sort` and stores the result as a list at `destination`
   * (`SORT ... STORE`), replacing it. Resolves to the length of the stored
   * list. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.sortStore("scores", "scores:sorted", { order: "DESC" }); // 3
   * ```
   */
  sortStore(key: Key, destination: Key, options?: SortOptions): Promise<number>;
  /**
   * Updates the last access time of the keys. Resolves to how many of them
   * exist. Available since Redis 3.2.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.touch("session", "cart"); // 2
   * ```
   */
  touch(...keys: Key[]): Promise<number>;
  /**
   * Returns the remaining time to live of `key` in seconds. Resolves to that
   * time, `-1` when the key has no expiry and `-2` when it does not exist.
   * Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.ttl("session")); // 3599
   * ```
   */
  ttl(key: Key): Promise<number>;
  /**
   * Reports the type of the value at `key`. Resolves to a type name, or
   * `"none"` when the key does not exist. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * if ((await client.type("user:1")) === "hash") console.log("a hash");
   * ```
   */
  type(key: Key): Promise<KeyType>;
  /**
   * Removes the keys, reclaiming their memory in the background. Resolves
   * to how many of them existed. Available since Redis 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.unlink("big:set", "big:list"); // 2
   * ```
   */
  unlink(...keys: Key[]): Promise<number>;
  /**
   * Waits until the writes sent so far on this connection reached
   * `numreplicas` replicas, or `timeout` milliseconds passed (`0` waits for
   * ever); the connection is blocked meanwhile. Resolves to how many
   * replicas acknowledged them. Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.set("order:1", "paid");
   * const acked = await client.wait(1, 100);
   * ```
   */
  wait(numreplicas: number, timeout: number): Promise<number>;
  /**
   * Waits until the writes sent so far on this connection were written to
   * the append-only file (fsynced) of this server, when `numlocal` is 1,
   * and of `numreplicas` replicas, or `timeout` milliseconds passed (`0`
   * waits for ever); the connection is blocked meanwhile. Resolves to
   * `[local, replicas]`: whether this server fsynced them (1 or 0) and how
   * many replicas did. A server without `appendonly yes` refuses
   * `numlocal` 1 with a `ReplyError`. Available since Redis 7.2 and
   * Valkey 7.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.set("order:1", "paid");
   * const [local, replicas] = await client.waitaof(1, 1, 100);
   * ```
   */
  waitaof(
    numlocal: 0 | 1,
    numreplicas: number,
    timeout: number,
  ): Promise<[local: number, replicas: number]>;
}

/** The declarations of the generic key commands. */
export const keyCommands: Declarations<KeyCommands> = {
  copy: command({
    name: "COPY",
    build: buildCopy,
    keys: keysAt(1, 2),
    reply: bool,
  }),
  del: command({
    name: "DEL",
    build: (...keys: Key[]): Arg[] => keysCommand("DEL", keys),
    keys: allKeys,
    reply: num,
    route: { request: "multi_shard", response: "agg_sum" },
  }),
  dump: command({
    name: "DUMP",
    build: (key: Key): Arg[] => ["DUMP", key],
    keys: firstKey,
    flags: READONLY | BYTES_REPLY,
    reply: (reply) => reply as Uint8Array | null,
  }),
  exists: command({
    name: "EXISTS",
    build: (key: Key): Arg[] => ["EXISTS", key],
    keys: firstKey,
    flags: READONLY,
    reply: bool,
    // No route: this form sends one key, so it goes to that key's slot
    // like any single-key command, with no fan-out ("multi_shard" and
    // "agg_sum" on the server, as on `existsCount`).
  }),
  existsCount: command({
    name: "EXISTS",
    build: (...keys: Key[]): Arg[] => keysCommand("EXISTS", keys),
    keys: allKeys,
    flags: READONLY,
    reply: num,
    route: { request: "multi_shard", response: "agg_sum" },
  }),
  expire: command({
    name: "EXPIRE",
    build: expireBuilder("EXPIRE", "seconds"),
    keys: firstKey,
    reply: bool,
  }),
  expireat: command({
    name: "EXPIREAT",
    build: expireBuilder("EXPIREAT", "unix time"),
    keys: firstKey,
    reply: bool,
  }),
  expiretime: command({
    name: "EXPIRETIME",
    build: (key: Key): Arg[] => ["EXPIRETIME", key],
    keys: firstKey,
    flags: READONLY,
    reply: num,
  }),
  keys: command({
    name: "KEYS",
    build: (pattern: Key): Arg[] => ["KEYS", pattern],
    flags: READONLY,
    reply: (reply) => list(reply) as string[],
    route: { request: "all_shards" },
  }),
  migrate: command({
    name: "MIGRATE",
    build: buildMigrate,
    keys: migrateKeys,
    reply: (reply) => str(reply) as "OK" | "NOKEY",
  }),
  move: command({
    name: "MOVE",
    build: (key: Key, db: number): Arg[] => {
      checkRange("MOVE", "db", db, 0, Infinity);
      return ["MOVE", key, db];
    },
    keys: firstKey,
    reply: bool,
  }),
  objectEncoding: command({
    name: "OBJECT ENCODING",
    build: (key: Key): Arg[] => ["OBJECT", "ENCODING", key],
    keys: secondKey,
    flags: READONLY,
    reply: (reply) => reply as string | null,
  }),
  objectFreq: command({
    name: "OBJECT FREQ",
    build: (key: Key): Arg[] => ["OBJECT", "FREQ", key],
    keys: secondKey,
    flags: READONLY,
    reply: numOrNull,
  }),
  objectHelp: command({
    name: "OBJECT HELP",
    build: (): Arg[] => ["OBJECT", "HELP"],
    keys: noKeys,
    reply: (reply) => list(reply) as string[],
  }),
  objectIdletime: command({
    name: "OBJECT IDLETIME",
    build: (key: Key): Arg[] => ["OBJECT", "IDLETIME", key],
    keys: secondKey,
    flags: READONLY,
    reply: numOrNull,
  }),
  objectRefcount: command({
    name: "OBJECT REFCOUNT",
    build: (key: Key): Arg[] => ["OBJECT", "REFCOUNT", key],
    keys: secondKey,
    flags: READONLY,
    reply: numOrNull,
  }),
  persist: command({
    name: "PERSIST",
    build: (key: Key): Arg[] => ["PERSIST", key],
    keys: firstKey,
    reply: bool,
  }),
  pexpire: command({
    name: "PEXPIRE",
    build: expireBuilder("PEXPIRE", "milliseconds"),
    keys: firstKey,
    reply: bool,
  }),
  pexpireat: command({
    name: "PEXPIREAT",
    build: expireBuilder("PEXPIREAT", "unix time"),
    keys: firstKey,
    reply: bool,
  }),
  pexpiretime: command({
    name: "PEXPIRETIME",
    build: (key: Key): Arg[] => ["PEXPIRETIME", key],
    keys: firstKey,
    flags: READONLY,
    reply: num,
  }),
  pttl: command({
    name: "PTTL",
    build: (key: Key): Arg[] => ["PTTL", key],
    keys: firstKey,
    flags: READONLY,
    reply: num,
  }),
  randomkey: command({
    name: "RANDOMKEY",
    build: (): Arg[] => ["RANDOMKEY"],
    flags: READONLY,
    reply: (reply) => reply as string | null,
    // Redis 7.0 gives no response policy, and its default (arrays
    // concatenated) does not fit one key or null; later Redis marks the
    // reply "special" (a key from any shard that has one).
    route: { request: "all_shards", response: "special" },
  }),
  rename: command({
    name: "RENAME",
    build: (key: Key, newkey: Key): Arg[] => ["RENAME", key, newkey],
    keys: keysAt(1, 2),
    reply: ok,
  }),
  renamenx: command({
    name: "RENAMENX",
    build: (key: Key, newkey: Key): Arg[] => ["RENAMENX", key, newkey],
    keys: keysAt(1, 2),
    reply: bool,
  }),
  restore: command({
    name: "RESTORE",
    build: buildRestore,
    keys: firstKey,
    reply: ok,
  }),
  scan: command({
    name: "SCAN",
    build: (cursor: Cursor | 0, options?: ScanOptions): Arg[] =>
      scanArgs(["SCAN", cursor], "SCAN", options, SCAN_KEYS),
    flags: READONLY,
    reply: (reply) => {
      const [cursor, keys] = list(reply);
      return { cursor: str(cursor!) as Cursor, keys: list(keys!) as string[] };
    },
    route: { request: "special", response: "special" },
  }),
  sort: command({
    name: "SORT",
    build: (key: Key, options?: SortOptions): Arg[] =>
      buildSort(["SORT", key], "SORT", options),
    keys: firstKey,
    reply: sortList,
  }),
  sortRo: command({
    name: "SORT_RO",
    build: (key: Key, options?: SortOptions): Arg[] =>
      buildSort(["SORT_RO", key], "SORT_RO", options),
    keys: firstKey,
    flags: READONLY,
    reply: sortList,
  }),
  sortStore: command({
    name: "SORT",
    build: (key: Key, destination: Key, options?: SortOptions): Arg[] => {
      const argv = buildSort(["SORT", key], "SORT", options);
      argv.push("STORE", destination);
      return argv;
    },
    // STORE is always last: the source and the destination.
    keys: keysAt(1, -1),
    reply: num,
  }),
  touch: command({
    name: "TOUCH",
    build: (...keys: Key[]): Arg[] => keysCommand("TOUCH", keys),
    keys: allKeys,
    flags: READONLY,
    reply: num,
    route: { request: "multi_shard", response: "agg_sum" },
  }),
  ttl: command({
    name: "TTL",
    build: (key: Key): Arg[] => ["TTL", key],
    keys: firstKey,
    flags: READONLY,
    reply: num,
  }),
  type: command({
    name: "TYPE",
    build: (key: Key): Arg[] => ["TYPE", key],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => str(reply) as KeyType,
  }),
  unlink: command({
    name: "UNLINK",
    build: (...keys: Key[]): Arg[] => keysCommand("UNLINK", keys),
    keys: allKeys,
    reply: num,
    route: { request: "multi_shard", response: "agg_sum" },
  }),
  wait: command({
    name: "WAIT",
    build: buildWait,
    // COMMAND INFO of Redis 7.0 does not flag WAIT as blocking, but it
    // holds the connection until the replicas answer or the timeout ends.
    flags: BLOCKING,
    reply: num,
    route: { request: "all_shards", response: "agg_min" },
  }),
  waitaof: command({
    name: "WAITAOF",
    build: buildWaitaof,
    flags: BLOCKING,
    reply: (reply: Reply) => list(reply) as [number, number],
    route: { request: "all_shards", response: "agg_min" },
    since: { redis: "7.2.0", valkey: "7.2.4" },
  }),
};
