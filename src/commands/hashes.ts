/**
 * The hash commands (HSET, HGETALL, HSCAN, HEXPIRE, ...).
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
  type Cursor,
  type Declarations,
  type FieldValues,
  firstKey,
  FLAT_REPLY,
  type Key,
  list,
  num,
  ok,
  optionKeys,
  pairs,
  pushFields,
  READONLY,
  record,
  safeInt,
  str,
  strings,
} from "./_define.ts";
import { FieldNames } from "./_field_names.ts";
import { scanArgs, type ScanMatchOptions } from "./_scan.ts";

/** Field names of recent HGETALL replies, reused when they repeat. */
const hgetallNames = new FieldNames();

/**
 * One page of `hscan`: the cursor for the next call and the field/value
 * pairs found.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { cursor, entries } = await client.hscan("user:1", "0");
 * ```
 */
export interface HScanPage {
  /** Pass this to the next call; `"0"` when the scan is complete. */
  cursor: Cursor;
  /** The field/value pairs of this page. */
  entries: { field: string; value: string }[];
}

/**
 * One page of `hscanNoValues` (HSCAN with NOVALUES): the cursor for the
 * next call and the field names found, without their values.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { cursor, fields } = await client.hscanNoValues("user:1", "0");
 * ```
 */
export interface HScanFieldsPage {
  /** Pass this to the next call; `"0"` when the scan is complete. */
  cursor: Cursor;
  /** The field names of this page (a field may show up in more than one page). */
  fields: string[];
}

/**
 * The condition of `hexpire`, `hpexpire`, `hexpireat` and `hpexpireat`: at
 * most one of `nx` (only fields without an expiry), `xx` (only fields with
 * one), `gt` (only when the new expiry is later) and `lt` (only when it is
 * earlier). A field without an expiry counts as expiring never: `gt` leaves
 * it alone and `lt` sets it. TypeScript rejects two at once: unlike
 * EXPIRE's `xx` with `gt`, Redis takes a single condition here.
 *
 * @example
 * ```ts
 * import type { HExpireOptions } from "@respite/redis";
 *
 * const onlyNew: HExpireOptions = { nx: true };
 * const onlySooner: HExpireOptions = { lt: true };
 * ```
 */
export type HExpireOptions =
  | {
    /** Only fields that have no expiry yet (`NX`). */
    nx: true;
    xx?: never;
    gt?: never;
    lt?: never;
  }
  | {
    /** Only fields that already have an expiry (`XX`). */
    xx: true;
    nx?: never;
    gt?: never;
    lt?: never;
  }
  | {
    /** Only when the new expiry is later than the current one (`GT`). */
    gt: true;
    nx?: never;
    xx?: never;
    lt?: never;
  }
  | {
    /** Only when the new expiry is earlier than the current one (`LT`). */
    lt: true;
    nx?: never;
    xx?: never;
    gt?: never;
  }
  | { nx?: never; xx?: never; gt?: never; lt?: never };

/**
 * What `hexpire`, `hpexpire`, `hexpireat` and `hpexpireat` did to one
 * field, in the order the fields were given:
 *
 * - `-2`: no such field (or no such key); nothing was done.
 * - `0`: the `nx`/`xx`/`gt`/`lt` condition was not met; nothing changed.
 * - `1`: the expiry was set or updated.
 * - `2`: the field was deleted at once, the time being 0 or in the past.
 *
 * @example
 * ```ts
 * import { connect, type HashFieldExpireResult } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.hset("user:1", { name: "Ada" });
 * const [name, missing]: HashFieldExpireResult[] = await client.hexpire(
 *   "user:1",
 *   60,
 *   ["name", "nickname"],
 * ); // [1, -2]
 * ```
 */
export type HashFieldExpireResult = -2 | 0 | 1 | 2;

/**
 * What `hpersist` did to one field, in the order the fields were given:
 *
 * - `-2`: no such field (or no such key).
 * - `-1`: the field exists but had no expiry.
 * - `1`: the expiry was removed.
 *
 * @example
 * ```ts
 * import { connect, type HashFieldPersistResult } from "@respite/redis";
 *
 * await using client = await connect();
 * const [result]: HashFieldPersistResult[] = await client.hpersist("user:1", "token");
 * ```
 */
export type HashFieldPersistResult = -2 | -1 | 1;

/**
 * Options of `hgetex`: at most one of `ex`, `px`, `exat`, `pxat` (a new
 * expiry for the fields read) and `persist` (remove their expiry);
 * TypeScript rejects other combinations. Without options `hgetex` behaves
 * like `hmget`. A relative time of 0 or an absolute one in the past deletes
 * the fields after reading them.
 *
 * @example
 * ```ts
 * import type { HGetExOptions } from "@respite/redis";
 *
 * const inAMinute: HGetExOptions = { ex: 60 };
 * const forever: HGetExOptions = { persist: true };
 * ```
 */
export type HGetExOptions =
  | {
    /** Expire the fields in this many seconds (`EX`). */
    ex: number;
    px?: never;
    exat?: never;
    pxat?: never;
    persist?: never;
  }
  | {
    /** Expire the fields in this many milliseconds (`PX`). */
    px: number;
    ex?: never;
    exat?: never;
    pxat?: never;
    persist?: never;
  }
  | {
    /** Expire the fields at this Unix time in seconds (`EXAT`). */
    exat: number;
    ex?: never;
    px?: never;
    pxat?: never;
    persist?: never;
  }
  | {
    /** Expire the fields at this Unix time in milliseconds (`PXAT`). */
    pxat: number;
    ex?: never;
    px?: never;
    exat?: never;
    persist?: never;
  }
  | {
    /** Remove the expiry of the fields (`PERSIST`). */
    persist: true;
    ex?: never;
    px?: never;
    exat?: never;
    pxat?: never;
  }
  | { ex?: never; px?: never; exat?: never; pxat?: never; persist?: never };

/**
 * The expiry part of {@linkcode HSetExOptions}: at most one of `ex`, `px`,
 * `exat`, `pxat` and `keepttl`. Without any, the fields set lose the
 * expiry they had.
 *
 * @example
 * ```ts
 * import type { HSetExExpiry } from "@respite/redis";
 *
 * const expiry: HSetExExpiry = { px: 1500 };
 * ```
 */
export type HSetExExpiry =
  | {
    /** Expire the fields in this many seconds (`EX`). */
    ex: number;
    px?: never;
    exat?: never;
    pxat?: never;
    keepttl?: never;
  }
  | {
    /** Expire the fields in this many milliseconds (`PX`). */
    px: number;
    ex?: never;
    exat?: never;
    pxat?: never;
    keepttl?: never;
  }
  | {
    /** Expire the fields at this Unix time in seconds (`EXAT`). */
    exat: number;
    ex?: never;
    px?: never;
    pxat?: never;
    keepttl?: never;
  }
  | {
    /** Expire the fields at this Unix time in milliseconds (`PXAT`). */
    pxat: number;
    ex?: never;
    px?: never;
    exat?: never;
    keepttl?: never;
  }
  | {
    /** Keep the expiry each field already has (`KEEPTTL`). */
    keepttl: true;
    ex?: never;
    px?: never;
    exat?: never;
    pxat?: never;
  }
  | { ex?: never; px?: never; exat?: never; pxat?: never; keepttl?: never };

/**
 * The field condition of {@linkcode HSetExOptions}: `fnx` or `fxx`, not
 * both.
 *
 * @example
 * ```ts
 * import type { HSetExFieldCondition } from "@respite/redis";
 *
 * const onlyNewFields: HSetExFieldCondition = { fnx: true };
 * ```
 */
export type HSetExFieldCondition =
  | {
    /** Set the fields only if none of them exists yet (`FNX`). */
    fnx: true;
    fxx?: never;
  }
  | {
    /** Set the fields only if all of them exist already (`FXX`). */
    fxx: true;
    fnx?: never;
  }
  | { fnx?: never; fxx?: never };

/**
 * The key condition of {@linkcode HSetExOptions}: `nx` or `xx`, not both.
 * Valkey 9.1 and later only: Redis (up to 8.10 at least) and Valkey 9.0
 * refuse the call with a `ReplyError`.
 *
 * @example
 * ```ts
 * import type { HSetExKeyCondition } from "@respite/redis";
 *
 * const onlyNewHash: HSetExKeyCondition = { nx: true };
 * ```
 */
export type HSetExKeyCondition =
  | {
    /** Set the fields only if the hash does not exist yet (`NX`, Valkey 9.1+). */
    nx: true;
    xx?: never;
  }
  | {
    /** Set the fields only if the hash exists already (`XX`, Valkey 9.1+). */
    xx: true;
    nx?: never;
  }
  | { nx?: never; xx?: never };

/**
 * Options of `hsetex`: at most one expiry ({@linkcode HSetExExpiry}), at
 * most one field condition ({@linkcode HSetExFieldCondition}) and, on
 * Valkey 9.1 and later, at most one key condition
 * ({@linkcode HSetExKeyCondition}); TypeScript rejects other
 * combinations. The servers differ: Redis 8.0+ takes
 * `[FNX|FXX] [EX|PX|EXAT|PXAT|KEEPTTL]`, Valkey 9.0 the same, Valkey 9.1+
 * also `[NX|XX]` (sent first). A relative time of 0 or an absolute one in
 * the past deletes the fields instead of setting them.
 *
 * @example
 * ```ts
 * import type { HSetExOptions } from "@respite/redis";
 *
 * const options: HSetExOptions = { fnx: true, ex: 60 };
 * ```
 */
export type HSetExOptions =
  & HSetExExpiry
  & HSetExFieldCondition
  & HSetExKeyCondition;

/**
 * The hash commands (HSET, HGETALL, HSCAN, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.hset.name);
 * ```
 */
export interface HashCommands {
  /**
   * Removes fields from the hash at `key`. Resolves to the number of fields
   * that were there and are now gone. Available since Redis 2.0; several
   * fields since 2.4.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const removed = await client.hdel("user:1", "email", "phone"); // 2
   * ```
   */
  hdel(key: Key, ...fields: Arg[]): Promise<number>;
  /**
   * Tells whether the hash at `key` has `field`. Resolves to `true` or
   * `false` (also `false` when the key does not exist). Available since
   * Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * if (await client.hexists("user:1", "email")) console.log("has email");
   * ```
   */
  hexists(key: Key, field: Arg): Promise<boolean>;
  /**
   * Makes fields of the hash at `key` expire in `seconds` seconds
   * (HEXPIRE), optionally only under a condition. Resolves to one code per
   * field, in order: `1` set, `0` condition not met, `-2` no such field
   * (or key), `2` deleted because `seconds` is 0 (see
   * {@linkcode HashFieldExpireResult}). Redis refuses a negative time with
   * a `ReplyError`. Available since Redis 7.4 and Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.hexpire("session:1", 1800, ["token", "csrf"]); // [1, 1]
   * await client.hexpire("session:1", 60, ["token"], { lt: true }); // [1]
   * ```
   */
  hexpire(
    key: Key,
    seconds: number,
    fields: readonly Arg[],
    options?: HExpireOptions,
  ): Promise<HashFieldExpireResult[]>;
  /**
   * Makes fields of the hash at `key` expire at a Unix time in seconds
   * (HEXPIREAT), optionally only under a condition. Resolves to one code
   * per field, as `hexpire` (a time in the past deletes the fields: `2`).
   * Available since Redis 7.4 and Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const at = Math.floor(Date.now() / 1000) + 3600;
   * await client.hexpireat("session:1", at, ["token"]); // [1]
   * ```
   */
  hexpireat(
    key: Key,
    unixTimeSeconds: number,
    fields: readonly Arg[],
    options?: HExpireOptions,
  ): Promise<HashFieldExpireResult[]>;
  /**
   * Returns when fields of the hash at `key` expire, as Unix times in
   * seconds (HEXPIRETIME). Resolves to one number per field, in order: the
   * time, `-1` when the field has no expiry, `-2` when there is no such
   * field (or key). Available since Redis 7.4 and Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [at] = await client.hexpiretime("session:1", "token"); // 1700000000
   * ```
   */
  hexpiretime(key: Key, ...fields: Arg[]): Promise<number[]>;
  /**
   * Reads one field of the hash at `key`. Resolves to its value, or `null`
   * when the field or the key is missing. Available since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const name = await client.hget("user:1", "name"); // "Ada" | null
   * ```
   */
  hget(key: Key, field: Arg): Promise<string | null>;
  /**
   * Reads the whole hash at `key`. Resolves to a record of field to value
   * (empty when the key does not exist); a field named `"__proto__"` is an
   * ordinary own property. Available since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const user = await client.hgetall("user:1"); // { name: "Ada", born: "1815" }
   * ```
   */
  hgetall(key: Key): Promise<Record<string, string>>;
  /**
   * Reads fields of the hash at `key` and deletes them (HGETDEL); the hash
   * goes away with its last field. Resolves to their values in the order
   * asked, `null` for each missing field. Available since Redis 8.0 and
   * Valkey 9.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [code, state] = await client.hgetdel("oauth:1", "code", "state");
   * ```
   */
  hgetdel(key: Key, ...fields: Arg[]): Promise<(string | null)[]>;
  /**
   * Reads fields of the hash at `key` and optionally changes their expiry
   * at the same time (HGETEX): a new one with `ex`, `px`, `exat` or
   * `pxat`, none with `persist`. Resolves to their values in the order
   * asked, `null` for each missing field. Without options it is `hmget`.
   * Available since Redis 8.0 and Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * // Read the session's fields and keep them 30 more minutes.
   * const [user, role] = await client.hgetex("session:1", ["user", "role"], { ex: 1800 });
   * ```
   */
  hgetex(
    key: Key,
    fields: readonly Arg[],
    options?: HGetExOptions,
  ): Promise<(string | null)[]>;
  /**
   * Adds an integer to the integer stored in a hash field (a missing field
   * counts as 0). Resolves to the new value as a `number`. A new value
   * outside JavaScript's safe integer range (±(2^53 - 1)) is never
   * rounded: the call rejects with an `UnsafeIntegerError` whose `value` is
   * the exact new value (the server did apply the increment). For 64-bit
   * counters use `sendCommand(["HINCRBY", key, field, increment])`, which
   * resolves to a `bigint` beyond the safe range. Available since Redis
   * 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const visits: number = await client.hincrby("page:1", "visits", 1); // 1
   * ```
   */
  hincrby(
    key: Key,
    field: Arg,
    increment: number | bigint,
  ): Promise<number>;
  /**
   * Adds a floating point number to the number stored in a hash field (a
   * missing field counts as 0). Resolves to the new value as a `number`.
   * Available since Redis 2.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const balance = await client.hincrbyfloat("account:1", "balance", 2.5);
   * ```
   */
  hincrbyfloat(key: Key, field: Arg, increment: number): Promise<number>;
  /**
   * Lists the field names of the hash at `key`, in no particular order.
   * Resolves to an array (empty when the key does not exist). Available
   * since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const fields = await client.hkeys("user:1"); // ["name", "born"]
   * ```
   */
  hkeys(key: Key): Promise<string[]>;
  /**
   * Counts the fields of the hash at `key`. Resolves to the count, 0 when
   * the key does not exist. Available since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const size = await client.hlen("user:1"); // 2
   * ```
   */
  hlen(key: Key): Promise<number>;
  /**
   * Reads several fields of the hash at `key` at once. Resolves to their
   * values in the order asked, `null` for each missing field. Available
   * since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [name, email] = await client.hmget("user:1", "name", "email");
   * ```
   */
  hmget(key: Key, ...fields: Arg[]): Promise<(string | null)[]>;
  /**
   * Sets several fields of the hash at `key`; the older form of `hset`.
   * Resolves to `"OK"`. Available since Redis 2.0 (deprecated since 4.0 in
   * favour of `hset`).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.hmset("user:1", { name: "Ada", born: 1815 });
   * ```
   */
  hmset(key: Key, fields: FieldValues): Promise<"OK">;
  /**
   * Removes the expiry of fields of the hash at `key` (HPERSIST). Resolves
   * to one code per field, in order: `1` removed, `-1` the field had none,
   * `-2` no such field (or key) (see {@linkcode HashFieldPersistResult}).
   * Available since Redis 7.4 and Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.hpersist("session:1", "user", "nickname"); // [1, -2]
   * ```
   */
  hpersist(key: Key, ...fields: Arg[]): Promise<HashFieldPersistResult[]>;
  /**
   * Makes fields of the hash at `key` expire in `milliseconds`
   * milliseconds (HPEXPIRE), optionally only under a condition. Resolves to
   * one code per field, as `hexpire`. Available since Redis 7.4 and Valkey
   * 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.hpexpire("cache:1", 1500, ["page"], { nx: true }); // [1]
   * ```
   */
  hpexpire(
    key: Key,
    milliseconds: number,
    fields: readonly Arg[],
    options?: HExpireOptions,
  ): Promise<HashFieldExpireResult[]>;
  /**
   * Makes fields of the hash at `key` expire at a Unix time in
   * milliseconds (HPEXPIREAT), optionally only under a condition. Resolves
   * to one code per field, as `hexpire`. Available since Redis 7.4 and
   * Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.hpexpireat("cache:1", Date.now() + 1500, ["page"]); // [1]
   * ```
   */
  hpexpireat(
    key: Key,
    unixTimeMilliseconds: number,
    fields: readonly Arg[],
    options?: HExpireOptions,
  ): Promise<HashFieldExpireResult[]>;
  /**
   * Returns when fields of the hash at `key` expire, as Unix times in
   * milliseconds (HPEXPIRETIME). Resolves to one number per field, in
   * order: the time, `-1` when the field has no expiry, `-2` when there is
   * no such field (or key). Available since Redis 7.4 and Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [at] = await client.hpexpiretime("session:1", "token"); // 1700000000000
   * ```
   */
  hpexpiretime(key: Key, ...fields: Arg[]): Promise<number[]>;
  /**
   * Returns how long fields of the hash at `key` have left to live, in
   * milliseconds (HPTTL). Resolves to one number per field, in order: the
   * time left, `-1` when the field has no expiry, `-2` when there is no
   * such field (or key). Available since Redis 7.4 and Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [left] = await client.hpttl("session:1", "token"); // 1799412
   * ```
   */
  hpttl(key: Key, ...fields: Arg[]): Promise<number[]>;
  /**
   * Picks one random field name of the hash at `key`. Resolves to the
   * field, or `null` when the key does not exist. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const field = await client.hrandfield("user:1"); // "born"
   * ```
   */
  hrandfield(key: Key): Promise<string | null>;
  /**
   * Picks `count` random field names of the hash at `key` (HRANDFIELD with a
   * count): distinct fields when `count` is positive, possibly repeated
   * ones (exactly `-count` of them) when negative. Resolves to an array of
   * fields, empty when the key does not exist. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const fields = await client.hrandfieldCount("user:1", 2);
   * ```
   */
  hrandfieldCount(key: Key, count: number): Promise<string[]>;
  /**
   * Picks `count` random fields of the hash at `key` with their values
   * (HRANDFIELD with a count and WITHVALUES); a negative `count` allows
   * repeats. Resolves to an array of `{ field, value }`, empty when the key
   * does not exist. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const { field, value } of await client.hrandfieldWithValues("user:1", 2)) {
   *   console.log(field, value);
   * }
   * ```
   */
  hrandfieldWithValues(
    key: Key,
    count: number,
  ): Promise<{ field: string; value: string }[]>;
  /**
   * Returns one page of the fields and values of the hash at `key`, starting
   * from `cursor` (`"0"` to begin). Resolves to the next cursor and the
   * page's `{ field, value }` entries; a field may show up in more than one
   * page. Most callers want `client.hscanIterator(key)`, which runs the
   * loop; `hscanNoValues` scans the field names only. Available since
   * Redis 2.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { cursor, entries } = await client.hscan("user:1", "0", { count: 100 });
   * ```
   */
  hscan(
    key: Key,
    cursor: Cursor | 0,
    options?: ScanMatchOptions,
  ): Promise<HScanPage>;
  /**
   * Returns one page of the field names of the hash at `key`, without their
   * values (HSCAN with NOVALUES), starting from `cursor` (`"0"` to begin).
   * Resolves to the next cursor and the page's fields; a field may show up
   * in more than one page. Available since Redis 7.4 and Valkey 8.0.
   *
   * @example
   * ```ts
   * import { connect, type Cursor } from "@respite/redis";
   *
   * await using client = await connect();
   * let cursor: Cursor = "0";
   * do {
   *   const page = await client.hscanNoValues("user:1", cursor, { match: "pref:*" });
   *   cursor = page.cursor;
   *   console.log(page.fields);
   * } while (cursor !== "0");
   * ```
   */
  hscanNoValues(
    key: Key,
    cursor: Cursor | 0,
    options?: ScanMatchOptions,
  ): Promise<HScanFieldsPage>;
  /**
   * Sets fields of the hash at `key`, creating the hash when needed: one
   * `field, value` pair, or several as a record, a `Map` or an array of
   * pairs. Resolves to the number of fields that are new (updated ones do
   * not count). Available since Redis 2.0; several fields since 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.hset("user:1", "name", "Ada");
   * await client.hset("user:1", { name: "Ada", born: 1815 });
   * await client.hset("blob", new Map([[new Uint8Array([1]), new Uint8Array([2])]]));
   * ```
   */
  hset(
    ...params: [key: Key, fields: FieldValues] | [
      key: Key,
      field: Key,
      value: Arg,
    ]
  ): Promise<number>;
  /**
   * Sets fields of the hash at `key` (a record, a `Map` or an array of
   * pairs) and their expiry in one step (HSETEX), creating the hash when
   * needed; with `fnx` only if none of the fields exists, with `fxx` only
   * if all do, and on Valkey 9.1+ with `nx`/`xx` only if the hash does not
   * / does exist. Without an expiry option the fields set lose their
   * expiry; `keepttl` keeps it. Resolves to `true` when the fields were
   * set, `false` when a condition was not met and nothing changed. See
   * {@linkcode HSetExOptions} for what each server accepts. Available since
   * Redis 8.0 and Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.hsetex("session:1", { user: "ada", role: "admin" }, { ex: 1800 }); // true
   * await client.hsetex("session:1", { user: "alan" }, { fnx: true }); // false
   * ```
   */
  hsetex(
    key: Key,
    fields: FieldValues,
    options?: HSetExOptions,
  ): Promise<boolean>;
  /**
   * Sets a hash field only when it does not exist yet. Resolves to `true`
   * when it was set, `false` when the field was already there. Available
   * since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const created = await client.hsetnx("user:1", "id", 42);
   * ```
   */
  hsetnx(key: Key, field: Arg, value: Arg): Promise<boolean>;
  /**
   * Measures the value of a hash field in bytes. Resolves to the length, 0
   * when the field or the key is missing. Available since Redis 3.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const length = await client.hstrlen("user:1", "name"); // 3
   * ```
   */
  hstrlen(key: Key, field: Arg): Promise<number>;
  /**
   * Returns how long fields of the hash at `key` have left to live, in
   * seconds (HTTL). Resolves to one number per field, in order: the time
   * left, `-1` when the field has no expiry, `-2` when there is no such
   * field (or key). Available since Redis 7.4 and Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [token, user] = await client.httl("session:1", "token", "user"); // [1800, -1]
   * ```
   */
  httl(key: Key, ...fields: Arg[]): Promise<number[]>;
  /**
   * Lists the values of the hash at `key`, in no particular order. Resolves
   * to an array (empty when the key does not exist). Available since Redis
   * 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const values = await client.hvals("user:1"); // ["Ada", "1815"]
   * ```
   */
  hvals(key: Key): Promise<string[]>;
}

function fieldsCommand(name: string, key: Key, fields: Arg[]): Arg[] {
  checkNotEmpty(name, "field", fields);
  return [name, key, ...fields];
}

/**
 * Appends `FIELDS numfields field ...` to `argv`, with a `TypeError` when
 * `fields` is not an array (a string would become its characters) or is
 * empty.
 */
function pushFieldBlock(
  argv: Arg[],
  name: string,
  fields: readonly Arg[],
): Arg[] {
  if (!Array.isArray(fields)) {
    throw new TypeError(
      `Invalid ${name} fields: expected an array of fields, got ${
        fields === null
          ? "null"
          : fields instanceof Uint8Array
          ? "Uint8Array"
          : typeof fields
      }`,
    );
  }
  checkNotEmpty(name, "field", fields);
  argv.push("FIELDS", fields.length);
  for (let i = 0; i < fields.length; i++) argv.push(fields[i]!);
  return argv;
}

/** `name key FIELDS numfields field ...` (HTTL, HPERSIST, HGETDEL, ...). */
function fieldBlockCommand(name: string, key: Key, fields: Arg[]): Arg[] {
  checkNotEmpty(name, "field", fields);
  const argv: Arg[] = [name, key, "FIELDS", fields.length];
  for (let i = 0; i < fields.length; i++) argv.push(fields[i]!);
  return argv;
}

const HEXPIRE_KEYS = optionKeys<HExpireOptions>({
  nx: true,
  xx: true,
  gt: true,
  lt: true,
});

/** The builder of HEXPIRE, HPEXPIRE, HEXPIREAT or HPEXPIREAT. */
function hexpireBuilder(
  name: string,
  unit: string,
): (
  key: Key,
  time: number,
  fields: readonly Arg[],
  options?: HExpireOptions,
) => Arg[] {
  return (key, time, fields, options) => {
    checkInteger(name, unit, time);
    const argv: Arg[] = [name, key, time];
    if (options !== undefined) {
      checkKeys(`${name} option`, options, HEXPIRE_KEYS);
      checkExclusive(name, options, ["nx", "xx", "gt", "lt"]);
      if (options.nx) argv.push("NX");
      else if (options.xx) argv.push("XX");
      else if (options.gt) argv.push("GT");
      else if (options.lt) argv.push("LT");
    }
    return pushFieldBlock(argv, name, fields);
  };
}

const EXPIRY_NAMES = ["ex", "px", "exat", "pxat"] as const;

/**
 * Appends the `EX`/`PX`/`EXAT`/`PXAT` option that is set, checking it is a
 * non-negative integer (0, or a past time, deletes the fields).
 */
function pushExpiry(
  argv: Arg[],
  name: string,
  options: { ex?: number; px?: number; exat?: number; pxat?: number },
): void {
  for (const option of EXPIRY_NAMES) {
    const time = options[option];
    if (time === undefined) continue;
    checkCount(name, option, time);
    argv.push(option.toUpperCase(), time);
  }
}

const HGETEX_KEYS = optionKeys<HGetExOptions>({
  ex: true,
  px: true,
  exat: true,
  pxat: true,
  persist: true,
});

function buildHgetex(
  key: Key,
  fields: readonly Arg[],
  options?: HGetExOptions,
): Arg[] {
  const argv: Arg[] = ["HGETEX", key];
  if (options !== undefined) {
    checkKeys("HGETEX option", options, HGETEX_KEYS);
    checkExclusive("HGETEX", options, [
      "ex",
      "px",
      "exat",
      "pxat",
      "persist",
    ]);
    pushExpiry(argv, "HGETEX", options);
    if (options.persist) argv.push("PERSIST");
  }
  return pushFieldBlock(argv, "HGETEX", fields);
}

const HSETEX_KEYS = optionKeys<HSetExOptions>({
  ex: true,
  px: true,
  exat: true,
  pxat: true,
  keepttl: true,
  fnx: true,
  fxx: true,
  nx: true,
  xx: true,
});

function buildHsetex(
  key: Key,
  fields: FieldValues,
  options?: HSetExOptions,
): Arg[] {
  const argv: Arg[] = ["HSETEX", key];
  if (options !== undefined) {
    checkKeys("HSETEX option", options, HSETEX_KEYS);
    checkExclusive("HSETEX", options, ["nx", "xx"]);
    checkExclusive("HSETEX", options, ["fnx", "fxx"]);
    checkExclusive("HSETEX", options, [
      "ex",
      "px",
      "exat",
      "pxat",
      "keepttl",
    ]);
    // Valkey 9.1 documents the key condition first, then the field one.
    if (options.nx) argv.push("NX");
    if (options.xx) argv.push("XX");
    if (options.fnx) argv.push("FNX");
    if (options.fxx) argv.push("FXX");
    pushExpiry(argv, "HSETEX", options);
    if (options.keepttl) argv.push("KEEPTTL");
  }
  argv.push("FIELDS", 0);
  const count = argv.length - 1;
  pushFields(argv, "HSETEX", fields);
  argv[count] = (argv.length - count - 1) / 2;
  return argv;
}

/** The per-field codes of HEXPIRE, HPEXPIRE, HEXPIREAT and HPEXPIREAT. */
const expireResults = (reply: Reply): HashFieldExpireResult[] =>
  list(reply) as HashFieldExpireResult[];

/** The per-field times of HTTL, HPTTL, HEXPIRETIME and HPEXPIRETIME. */
const fieldTimes = (reply: Reply): number[] => list(reply) as number[];

const asNumber = (reply: Reply): number => reply as number;

/** The declarations of the hash commands. */
export const hashCommands: Declarations<HashCommands> = {
  hdel: command({
    name: "HDEL",
    build: (key: Key, ...fields: Arg[]): Arg[] =>
      fieldsCommand("HDEL", key, fields),
    keys: firstKey,
    reply: asNumber,
  }),
  hexists: command({
    name: "HEXISTS",
    build: (key: Key, field: Arg): Arg[] => ["HEXISTS", key, field],
    keys: firstKey,
    flags: READONLY,
    reply: bool,
  }),
  hexpire: command({
    name: "HEXPIRE",
    build: hexpireBuilder("HEXPIRE", "seconds"),
    keys: firstKey,
    reply: expireResults,
    since: { redis: "7.4.0", valkey: "9.0.0" },
  }),
  hexpireat: command({
    name: "HEXPIREAT",
    build: hexpireBuilder("HEXPIREAT", "unix time"),
    keys: firstKey,
    reply: expireResults,
    since: { redis: "7.4.0", valkey: "9.0.0" },
  }),
  hexpiretime: command({
    name: "HEXPIRETIME",
    build: (key: Key, ...fields: Arg[]): Arg[] =>
      fieldBlockCommand("HEXPIRETIME", key, fields),
    keys: firstKey,
    flags: READONLY,
    reply: fieldTimes,
    since: { redis: "7.4.0", valkey: "9.0.0" },
  }),
  hget: command({
    name: "HGET",
    build: (key: Key, field: Arg): Arg[] => ["HGET", key, field],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as string | null,
  }),
  hgetall: command({
    name: "HGETALL",
    build: (key: Key): Arg[] => ["HGETALL", key],
    keys: firstKey,
    flags: READONLY | FLAT_REPLY,
    reply: (reply) =>
      record(reply, undefined, hgetallNames) as Record<string, string>,
  }),
  hgetdel: command({
    name: "HGETDEL",
    build: (key: Key, ...fields: Arg[]): Arg[] =>
      fieldBlockCommand("HGETDEL", key, fields),
    keys: firstKey,
    reply: (reply) => list(reply) as (string | null)[],
    since: { redis: "8.0.0", valkey: "9.1.0" },
  }),
  hgetex: command({
    name: "HGETEX",
    build: buildHgetex,
    keys: firstKey,
    reply: (reply) => list(reply) as (string | null)[],
    since: { redis: "8.0.0", valkey: "9.0.0" },
  }),
  hincrby: command({
    name: "HINCRBY",
    build: (key: Key, field: Arg, increment: number | bigint): Arg[] => {
      checkInteger("HINCRBY", "increment", increment);
      return ["HINCRBY", key, field, increment];
    },
    keys: firstKey,
    reply: safeInt("HINCRBY"),
  }),
  hincrbyfloat: command({
    name: "HINCRBYFLOAT",
    build: (key: Key, field: Arg, increment: number): Arg[] => {
      if (typeof increment !== "number" || !Number.isFinite(increment)) {
        throw new TypeError(
          `Invalid HINCRBYFLOAT increment "${increment}": expected a finite number`,
        );
      }
      return ["HINCRBYFLOAT", key, field, increment];
    },
    keys: firstKey,
    reply: num,
  }),
  hkeys: command({
    name: "HKEYS",
    build: (key: Key): Arg[] => ["HKEYS", key],
    keys: firstKey,
    flags: READONLY,
    reply: strings,
  }),
  hlen: command({
    name: "HLEN",
    build: (key: Key): Arg[] => ["HLEN", key],
    keys: firstKey,
    flags: READONLY,
    reply: asNumber,
  }),
  hmget: command({
    name: "HMGET",
    build: (key: Key, ...fields: Arg[]): Arg[] =>
      fieldsCommand("HMGET", key, fields),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => list(reply) as (string | null)[],
  }),
  hmset: command({
    name: "HMSET",
    build: (key: Key, fields: FieldValues): Arg[] =>
      pushFields(["HMSET", key], "HMSET", fields),
    keys: firstKey,
    reply: ok,
  }),
  hpersist: command({
    name: "HPERSIST",
    build: (key: Key, ...fields: Arg[]): Arg[] =>
      fieldBlockCommand("HPERSIST", key, fields),
    keys: firstKey,
    reply: (reply) => list(reply) as HashFieldPersistResult[],
    since: { redis: "7.4.0", valkey: "9.0.0" },
  }),
  hpexpire: command({
    name: "HPEXPIRE",
    build: hexpireBuilder("HPEXPIRE", "milliseconds"),
    keys: firstKey,
    reply: expireResults,
    since: { redis: "7.4.0", valkey: "9.0.0" },
  }),
  hpexpireat: command({
    name: "HPEXPIREAT",
    build: hexpireBuilder("HPEXPIREAT", "unix time"),
    keys: firstKey,
    reply: expireResults,
    since: { redis: "7.4.0", valkey: "9.0.0" },
  }),
  hpexpiretime: command({
    name: "HPEXPIRETIME",
    build: (key: Key, ...fields: Arg[]): Arg[] =>
      fieldBlockCommand("HPEXPIRETIME", key, fields),
    keys: firstKey,
    flags: READONLY,
    reply: fieldTimes,
    since: { redis: "7.4.0", valkey: "9.0.0" },
  }),
  hpttl: command({
    name: "HPTTL",
    build: (key: Key, ...fields: Arg[]): Arg[] =>
      fieldBlockCommand("HPTTL", key, fields),
    keys: firstKey,
    flags: READONLY,
    reply: fieldTimes,
    since: { redis: "7.4.0", valkey: "9.0.0" },
  }),
  hrandfield: command({
    name: "HRANDFIELD",
    build: (key: Key): Arg[] => ["HRANDFIELD", key],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as string | null,
  }),
  hrandfieldCount: command({
    name: "HRANDFIELD",
    build: (key: Key, count: number): Arg[] => {
      checkInteger("HRANDFIELD", "count", count);
      return ["HRANDFIELD", key, count];
    },
    keys: firstKey,
    flags: READONLY,
    reply: strings,
  }),
  hrandfieldWithValues: command({
    name: "HRANDFIELD",
    build: (key: Key, count: number): Arg[] => {
      checkInteger("HRANDFIELD", "count", count);
      return ["HRANDFIELD", key, count, "WITHVALUES"];
    },
    keys: firstKey,
    flags: READONLY,
    // RESP2 sends a flat [field, value, ...] array, RESP3 [field, value] pairs.
    reply: (reply) =>
      pairs(reply).map(([field, value]) => ({
        field: field as string,
        value: value as string,
      })),
  }),
  hscan: command({
    name: "HSCAN",
    build: (key: Key, cursor: Cursor | 0, options?: ScanMatchOptions): Arg[] =>
      scanArgs(["HSCAN", key, cursor], "HSCAN", options),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => {
      const [cursor, items] = list(reply);
      const flat = list(items!);
      const entries: { field: string; value: string }[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        entries.push({
          field: flat[i] as string,
          value: flat[i + 1] as string,
        });
      }
      return { cursor: str(cursor!) as Cursor, entries };
    },
  }),
  hscanNoValues: command({
    name: "HSCAN",
    build: (
      key: Key,
      cursor: Cursor | 0,
      options?: ScanMatchOptions,
    ): Arg[] => {
      const argv = scanArgs(["HSCAN", key, cursor], "HSCAN", options);
      argv.push("NOVALUES");
      return argv;
    },
    keys: firstKey,
    flags: READONLY,
    reply: (reply): HScanFieldsPage => {
      const [cursor, fields] = list(reply);
      return {
        cursor: str(cursor!) as Cursor,
        fields: list(fields!) as string[],
      };
    },
    since: { redis: "7.4.0", valkey: "8.0.0" },
  }),
  hset: command({
    name: "HSET",
    build: (
      ...params: [key: Key, fields: FieldValues] | [
        key: Key,
        field: Key,
        value: Arg,
      ]
    ): Arg[] =>
      params.length === 3
        ? ["HSET", params[0], params[1], params[2]]
        : pushFields(["HSET", params[0]], "HSET", params[1]),
    keys: firstKey,
    reply: asNumber,
  }),
  hsetex: command({
    name: "HSETEX",
    build: buildHsetex,
    keys: firstKey,
    reply: bool,
    since: { redis: "8.0.0", valkey: "9.0.0" },
  }),
  hsetnx: command({
    name: "HSETNX",
    build: (key: Key, field: Arg, value: Arg): Arg[] => [
      "HSETNX",
      key,
      field,
      value,
    ],
    keys: firstKey,
    reply: bool,
  }),
  hstrlen: command({
    name: "HSTRLEN",
    build: (key: Key, field: Arg): Arg[] => ["HSTRLEN", key, field],
    keys: firstKey,
    flags: READONLY,
    reply: asNumber,
  }),
  httl: command({
    name: "HTTL",
    build: (key: Key, ...fields: Arg[]): Arg[] =>
      fieldBlockCommand("HTTL", key, fields),
    keys: firstKey,
    flags: READONLY,
    reply: fieldTimes,
    since: { redis: "7.4.0", valkey: "9.0.0" },
  }),
  hvals: command({
    name: "HVALS",
    build: (key: Key): Arg[] => ["HVALS", key],
    keys: firstKey,
    flags: READONLY,
    reply: strings,
  }),
};
