/**
 * The hash commands (HSET, HGETALL, HSCAN, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  bool,
  checkInteger,
  checkNotEmpty,
  type Command,
  command,
  type Cursor,
  type FieldValues,
  firstKey,
  FLAT_REPLY,
  int,
  type Key,
  list,
  num,
  ok,
  pairs,
  pushFields,
  READONLY,
  record,
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
 * ```ts ignore
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
 * The hash commands (HSET, HGETALL, HSCAN, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
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
   * ```ts ignore
   * const removed = await client.hdel("user:1", "email", "phone"); // 2
   * ```
   */
  hdel: Command<[key: Key, ...fields: Arg[]], number>;
  /**
   * Tells whether the hash at `key` has `field`. Resolves to `true` or
   * `false` (also `false` when the key does not exist). Available since
   * Redis 2.0.
   *
   * @example
   * ```ts ignore
   * if (await client.hexists("user:1", "email")) console.log("has email");
   * ```
   */
  hexists: Command<[key: Key, field: Arg], boolean>;
  /**
   * Reads one field of the hash at `key`. Resolves to its value, or `null`
   * when the field or the key is missing. Available since Redis 2.0.
   *
   * @example
   * ```ts ignore
   * const name = await client.hget("user:1", "name"); // "Ada" | null
   * ```
   */
  hget: Command<[key: Key, field: Arg], string | null>;
  /**
   * Reads the whole hash at `key`. Resolves to a record of field to value
   * (empty when the key does not exist); a field named `"__proto__"` is an
   * ordinary own property. Available since Redis 2.0.
   *
   * @example
   * ```ts ignore
   * const user = await client.hgetall("user:1"); // { name: "Ada", born: "1815" }
   * ```
   */
  hgetall: Command<[key: Key], Record<string, string>>;
  /**
   * Adds an integer to the integer stored in a hash field (a missing field
   * counts as 0). Resolves to the new value: a `number`, or a `bigint` when
   * it is outside JavaScript's safe integer range. Available since Redis
   * 2.0.
   *
   * @example
   * ```ts ignore
   * const visits = await client.hincrby("page:1", "visits", 1); // 1
   * ```
   */
  hincrby: Command<
    [key: Key, field: Arg, increment: number | bigint],
    number | bigint
  >;
  /**
   * Adds a floating point number to the number stored in a hash field (a
   * missing field counts as 0). Resolves to the new value as a `number`.
   * Available since Redis 2.6.
   *
   * @example
   * ```ts ignore
   * const balance = await client.hincrbyfloat("account:1", "balance", 2.5);
   * ```
   */
  hincrbyfloat: Command<[key: Key, field: Arg, increment: number], number>;
  /**
   * Lists the field names of the hash at `key`, in no particular order.
   * Resolves to an array (empty when the key does not exist). Available
   * since Redis 2.0.
   *
   * @example
   * ```ts ignore
   * const fields = await client.hkeys("user:1"); // ["name", "born"]
   * ```
   */
  hkeys: Command<[key: Key], string[]>;
  /**
   * Counts the fields of the hash at `key`. Resolves to the count, 0 when
   * the key does not exist. Available since Redis 2.0.
   *
   * @example
   * ```ts ignore
   * const size = await client.hlen("user:1"); // 2
   * ```
   */
  hlen: Command<[key: Key], number>;
  /**
   * Reads several fields of the hash at `key` at once. Resolves to their
   * values in the order asked, `null` for each missing field. Available
   * since Redis 2.0.
   *
   * @example
   * ```ts ignore
   * const [name, email] = await client.hmget("user:1", "name", "email");
   * ```
   */
  hmget: Command<[key: Key, ...fields: Arg[]], (string | null)[]>;
  /**
   * Sets several fields of the hash at `key`; the older form of `hset`.
   * Resolves to `"OK"`. Available since Redis 2.0 (deprecated since 4.0 in
   * favour of `hset`).
   *
   * @example
   * ```ts ignore
   * await client.hmset("user:1", { name: "Ada", born: 1815 });
   * ```
   */
  hmset: Command<[key: Key, fields: FieldValues], "OK">;
  /**
   * Picks one random field name of the hash at `key`. Resolves to the
   * field, or `null` when the key does not exist. Available since Redis 6.2.
   *
   * @example
   * ```ts ignore
   * const field = await client.hrandfield("user:1"); // "born"
   * ```
   */
  hrandfield: Command<[key: Key], string | null>;
  /**
   * Picks `count` random field names of the hash at `key` (HRANDFIELD with a
   * count): distinct fields when `count` is positive, possibly repeated
   * ones (exactly `-count` of them) when negative. Resolves to an array of
   * fields, empty when the key does not exist. Available since Redis 6.2.
   *
   * @example
   * ```ts ignore
   * const fields = await client.hrandfieldCount("user:1", 2);
   * ```
   */
  hrandfieldCount: Command<[key: Key, count: number], string[]>;
  /**
   * Picks `count` random fields of the hash at `key` with their values
   * (HRANDFIELD with a count and WITHVALUES); a negative `count` allows
   * repeats. Resolves to an array of `{ field, value }`, empty when the key
   * does not exist. Available since Redis 6.2.
   *
   * @example
   * ```ts ignore
   * for (const { field, value } of await client.hrandfieldWithValues("user:1", 2)) {
   *   console.log(field, value);
   * }
   * ```
   */
  hrandfieldWithValues: Command<
    [key: Key, count: number],
    { field: string; value: string }[]
  >;
  /**
   * Returns one page of the fields and values of the hash at `key`, starting
   * from `cursor` (`"0"` to begin). Resolves to the next cursor and the
   * page's `{ field, value }` entries; a field may show up in more than one
   * page. Most callers want `client.hscanIterator(key)`, which runs the
   * loop. Available since Redis 2.8.
   *
   * @example
   * ```ts ignore
   * const { cursor, entries } = await client.hscan("user:1", "0", { count: 100 });
   * ```
   */
  hscan: Command<
    [key: Key, cursor: Cursor | 0, options?: ScanMatchOptions],
    HScanPage
  >;
  /**
   * Sets fields of the hash at `key`, creating the hash when needed: one
   * `field, value` pair, or several as a record, a `Map` or an array of
   * pairs. Resolves to the number of fields that are new (updated ones do
   * not count). Available since Redis 2.0; several fields since 4.0.
   *
   * @example
   * ```ts ignore
   * await client.hset("user:1", "name", "Ada");
   * await client.hset("user:1", { name: "Ada", born: 1815 });
   * await client.hset("blob", new Map([[new Uint8Array([1]), new Uint8Array([2])]]));
   * ```
   */
  hset: Command<
    [key: Key, fields: FieldValues] | [key: Key, field: Key, value: Arg],
    number
  >;
  /**
   * Sets a hash field only when it does not exist yet. Resolves to `true`
   * when it was set, `false` when the field was already there. Available
   * since Redis 2.0.
   *
   * @example
   * ```ts ignore
   * const created = await client.hsetnx("user:1", "id", 42);
   * ```
   */
  hsetnx: Command<[key: Key, field: Arg, value: Arg], boolean>;
  /**
   * Measures the value of a hash field in bytes. Resolves to the length, 0
   * when the field or the key is missing. Available since Redis 3.2.
   *
   * @example
   * ```ts ignore
   * const length = await client.hstrlen("user:1", "name"); // 3
   * ```
   */
  hstrlen: Command<[key: Key, field: Arg], number>;
  /**
   * Lists the values of the hash at `key`, in no particular order. Resolves
   * to an array (empty when the key does not exist). Available since Redis
   * 2.0.
   *
   * @example
   * ```ts ignore
   * const values = await client.hvals("user:1"); // ["Ada", "1815"]
   * ```
   */
  hvals: Command<[key: Key], string[]>;
}

function fieldsCommand(name: string, key: Key, fields: Arg[]): Arg[] {
  checkNotEmpty(name, "field", fields);
  return [name, key, ...fields];
}

const asNumber = (reply: Reply): number => reply as number;

/** The declarations of the hash commands. */
export const hashCommands: HashCommands = {
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
  hincrby: command({
    name: "HINCRBY",
    build: (key: Key, field: Arg, increment: number | bigint): Arg[] => {
      checkInteger("HINCRBY", "increment", increment);
      return ["HINCRBY", key, field, increment];
    },
    keys: firstKey,
    reply: int,
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
  hvals: command({
    name: "HVALS",
    build: (key: Key): Arg[] => ["HVALS", key],
    keys: firstKey,
    flags: READONLY,
    reply: strings,
  }),
};
