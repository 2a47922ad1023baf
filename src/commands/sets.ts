/**
 * The set commands (SADD, SMEMBERS, SSCAN, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  allKeys,
  bool,
  checkKeys,
  checkNotEmpty,
  command,
  type Cursor,
  type Declarations,
  firstKey,
  FLAT_REPLY,
  type Key,
  keysAt,
  keysCommand,
  type KnownKeys,
  list,
  membersCommand,
  numkeysAt,
  optionKeys,
  READONLY,
  str,
  strings,
} from "./_define.ts";
import { scanArgs, type ScanMatchOptions } from "./_scan.ts";

/**
 * One page of `sscan`: the cursor for the next call and the members found.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { cursor, members } = await client.sscan("tags", "0");
 * ```
 */
export interface SScanPage {
  /** Pass this to the next call; `"0"` when the scan is complete. */
  cursor: Cursor;
  /** The members of this page. */
  members: string[];
}

/**
 * Options of `sintercard`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const atLeastTen = await client.sintercard(["a", "b"], { limit: 10 });
 * ```
 */
export interface SInterCardOptions {
  /**
   * Stop counting once the intersection reaches this many members (`LIMIT`);
   * 0, the default, means no limit.
   */
  limit?: number;
}

/**
 * Options of `sunioncard`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const visitors = await client.sunioncard(["day:1", "day:2"], { approx: true });
 * ```
 */
export interface SUnionCardOptions {
  /**
   * Estimate the count with a HyperLogLog instead of counting exactly
   * (`APPROX`): a standard error of about 0.81%, without building the
   * union.
   */
  approx?: boolean;
  /**
   * Stop counting once the union reaches this many members (`LIMIT`); 0,
   * the default, means no limit.
   */
  limit?: number;
}

/**
 * Options of `sdiffcard`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const atLeastTen = await client.sdiffcard(["all", "done"], { limit: 10 });
 * ```
 */
export interface SDiffCardOptions {
  /**
   * Stop counting once the difference reaches this many members (`LIMIT`);
   * 0, the default, means no limit.
   */
  limit?: number;
}

/**
 * The set commands (SADD, SMEMBERS, SSCAN, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.sadd.name);
 * ```
 */
export interface SetCommands {
  /**
   * Adds members to the set at `key`, creating the set when needed.
   * Resolves to the number of members that were not there before.
   * Available since Redis 1.0; several members since 2.4.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const added = await client.sadd("tags", "redis", "deno"); // 2
   * ```
   */
  sadd(key: Key, ...members: Arg[]): Promise<number>;
  /**
   * Counts the members of the set at `key`. Resolves to the count, 0 when
   * the key does not exist. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const size = await client.scard("tags"); // 2
   * ```
   */
  scard(key: Key): Promise<number>;
  /**
   * Computes the members of the first set that are in none of the other
   * sets. Resolves to an array of members, in no particular order.
   * Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const onlyInA = await client.sdiff("a", "b", "c");
   * ```
   */
  sdiff(...keys: Key[]): Promise<string[]>;
  /**
   * Counts the members of the first set that are in none of the other
   * sets, without sending them, stopping early at `limit` when given.
   * Resolves to the count. Available since Redis 8.10.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const left = await client.sdiffcard(["todo", "done"]);
   * ```
   */
  sdiffcard(keys: Key[], options?: SDiffCardOptions): Promise<number>;
  /**
   * Like `sdiff`, but stores the result in `destination` (replacing it)
   * instead of returning it. Resolves to the size of the stored set.
   * Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const size = await client.sdiffstore("a-only", "a", "b");
   * ```
   */
  sdiffstore(destination: Key, ...keys: Key[]): Promise<number>;
  /**
   * Computes the members found in every one of the sets. Resolves to an
   * array of members, in no particular order. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const common = await client.sinter("a", "b");
   * ```
   */
  sinter(...keys: Key[]): Promise<string[]>;
  /**
   * Counts the members of the intersection of the sets without sending them,
   * stopping early at `limit` when given. Resolves to the count. Available
   * since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const common = await client.sintercard(["a", "b"], { limit: 100 });
   * ```
   */
  sintercard(keys: Key[], options?: SInterCardOptions): Promise<number>;
  /**
   * Like `sinter`, but stores the result in `destination` (replacing it)
   * instead of returning it. Resolves to the size of the stored set.
   * Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const size = await client.sinterstore("common", "a", "b");
   * ```
   */
  sinterstore(destination: Key, ...keys: Key[]): Promise<number>;
  /**
   * Tells whether `member` belongs to the set at `key`. Resolves to `true`
   * or `false` (also `false` when the key does not exist). Available since
   * Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * if (await client.sismember("tags", "redis")) console.log("tagged");
   * ```
   */
  sismember(key: Key, member: Arg): Promise<boolean>;
  /**
   * Lists every member of the set at `key`, in no particular order.
   * Resolves to an array (empty when the key does not exist). Available
   * since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const tags = await client.smembers("tags"); // ["redis", "deno"]
   * ```
   */
  smembers(key: Key): Promise<string[]>;
  /**
   * Tells for each of several members whether it belongs to the set at
   * `key`. Resolves to an array of booleans in the order asked. Available
   * since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [hasRedis, hasBun] = await client.smismember("tags", "redis", "bun");
   * ```
   */
  smismember(key: Key, ...members: Arg[]): Promise<boolean[]>;
  /**
   * Moves `member` from the set at `source` to the set at `destination`.
   * Resolves to `true` when it was moved, `false` when it was not in
   * `source`. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.smove("todo", "done", "task:7");
   * ```
   */
  smove(source: Key, destination: Key, member: Arg): Promise<boolean>;
  /**
   * Removes one random member from the set at `key`. Resolves to that
   * member, or `null` when the key does not exist. Available since Redis
   * 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const winner = await client.spop("entrants");
   * ```
   */
  spop(key: Key): Promise<string | null>;
  /**
   * Removes up to `count` random members from the set at `key` (SPOP with a
   * count). Resolves to the removed members, empty when the key does not
   * exist. Available since Redis 3.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const winners = await client.spopCount("entrants", 3);
   * ```
   */
  spopCount(key: Key, count: number): Promise<string[]>;
  /**
   * Picks one random member of the set at `key` without removing it.
   * Resolves to the member, or `null` when the key does not exist.
   * Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const tip = await client.srandmember("tips");
   * ```
   */
  srandmember(key: Key): Promise<string | null>;
  /**
   * Picks `count` random members of the set at `key` without removing them
   * (SRANDMEMBER with a count): distinct members when `count` is positive,
   * possibly repeated ones (exactly `-count` of them) when negative.
   * Resolves to an array, empty when the key does not exist. Available
   * since Redis 2.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const sample = await client.srandmemberCount("tips", 3);
   * ```
   */
  srandmemberCount(key: Key, count: number): Promise<string[]>;
  /**
   * Removes members from the set at `key`. Resolves to the number of
   * members that were there and are now gone. Available since Redis 1.0;
   * several members since 2.4.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const removed = await client.srem("tags", "old", "stale");
   * ```
   */
  srem(key: Key, ...members: Arg[]): Promise<number>;
  /**
   * Returns one page of the members of the set at `key`, starting from
   * `cursor` (`"0"` to begin). Resolves to the next cursor and the page's
   * members; a member may show up in more than one page. Most callers want
   * `client.sscanIterator(key)`, which runs the loop. Available since Redis
   * 2.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { cursor, members } = await client.sscan("tags", "0", { match: "a*" });
   * ```
   */
  sscan(
    key: Key,
    cursor: Cursor | 0,
    options?: ScanMatchOptions,
  ): Promise<SScanPage>;
  /**
   * Computes the members found in at least one of the sets. Resolves to an
   * array of members, in no particular order. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const all = await client.sunion("a", "b");
   * ```
   */
  sunion(...keys: Key[]): Promise<string[]>;
  /**
   * Counts the members found in at least one of the sets without sending
   * them, exactly or (`approx`) as an estimate, stopping early at `limit`
   * when given. Resolves to the count. Available since Redis 8.10.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const reach = await client.sunioncard(["fans:a", "fans:b"], { limit: 1000 });
   * ```
   */
  sunioncard(keys: Key[], options?: SUnionCardOptions): Promise<number>;
  /**
   * Like `sunion`, but stores the result in `destination` (replacing it)
   * instead of returning it. Resolves to the size of the stored set.
   * Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const size = await client.sunionstore("all", "a", "b");
   * ```
   */
  sunionstore(destination: Key, ...keys: Key[]): Promise<number>;
}

function storeCommand(name: string, destination: Key, keys: Key[]): Arg[] {
  checkNotEmpty(name, "source key", keys);
  return [name, destination, ...keys];
}

const SINTERCARD_KEYS = optionKeys<SInterCardOptions>({ limit: true });

function buildSintercard(keys: Key[], options?: SInterCardOptions): Arg[] {
  checkNotEmpty("SINTERCARD", "key", keys);
  const argv: Arg[] = ["SINTERCARD", keys.length, ...keys];
  if (options === undefined) return argv;
  checkKeys("SINTERCARD option", options, SINTERCARD_KEYS);
  const limit = options.limit;
  if (limit !== undefined) {
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new TypeError(
        `Invalid SINTERCARD limit "${limit}": expected a non-negative integer`,
      );
    }
    argv.push("LIMIT", limit);
  }
  return argv;
}

const SUNIONCARD_KEYS = optionKeys<SUnionCardOptions>({
  approx: true,
  limit: true,
});
const SDIFFCARD_KEYS = optionKeys<SDiffCardOptions>({ limit: true });

/** `SUNIONCARD`/`SDIFFCARD numkeys key [key ...] [APPROX] [LIMIT limit]`. */
function buildCard(
  name: string,
  keys: Key[],
  options: SUnionCardOptions | undefined,
  known: KnownKeys,
): Arg[] {
  checkNotEmpty(name, "key", keys);
  const argv: Arg[] = [name, keys.length, ...keys];
  if (options === undefined) return argv;
  checkKeys(`${name} option`, options, known);
  if (options.approx) argv.push("APPROX");
  const limit = options.limit;
  if (limit !== undefined) {
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new TypeError(
        `Invalid ${name} limit "${limit}": expected a non-negative integer`,
      );
    }
    argv.push("LIMIT", limit);
  }
  return argv;
}

const asNumber = (reply: Reply): number => reply as number;

/** The declarations of the set commands. */
export const setCommands: Declarations<SetCommands> = {
  sadd: command({
    name: "SADD",
    build: (key: Key, ...members: Arg[]): Arg[] =>
      membersCommand("SADD", key, members),
    keys: firstKey,
    reply: asNumber,
  }),
  scard: command({
    name: "SCARD",
    build: (key: Key): Arg[] => ["SCARD", key],
    keys: firstKey,
    flags: READONLY,
    reply: asNumber,
  }),
  sdiff: command({
    name: "SDIFF",
    build: (...keys: Key[]): Arg[] => keysCommand("SDIFF", keys),
    keys: allKeys,
    flags: READONLY | FLAT_REPLY,
    reply: strings,
  }),
  sdiffcard: command({
    name: "SDIFFCARD",
    build: (keys: Key[], options?: SDiffCardOptions): Arg[] =>
      buildCard("SDIFFCARD", keys, options, SDIFFCARD_KEYS),
    keys: numkeysAt(1),
    flags: READONLY,
    reply: asNumber,
    since: { redis: "8.10.0" },
  }),
  sdiffstore: command({
    name: "SDIFFSTORE",
    build: (destination: Key, ...keys: Key[]): Arg[] =>
      storeCommand("SDIFFSTORE", destination, keys),
    keys: allKeys,
    reply: asNumber,
  }),
  sinter: command({
    name: "SINTER",
    build: (...keys: Key[]): Arg[] => keysCommand("SINTER", keys),
    keys: allKeys,
    flags: READONLY | FLAT_REPLY,
    reply: strings,
  }),
  sintercard: command({
    name: "SINTERCARD",
    build: buildSintercard,
    keys: numkeysAt(1),
    flags: READONLY,
    reply: asNumber,
  }),
  sinterstore: command({
    name: "SINTERSTORE",
    build: (destination: Key, ...keys: Key[]): Arg[] =>
      storeCommand("SINTERSTORE", destination, keys),
    keys: allKeys,
    reply: asNumber,
  }),
  sismember: command({
    name: "SISMEMBER",
    build: (key: Key, member: Arg): Arg[] => ["SISMEMBER", key, member],
    keys: firstKey,
    flags: READONLY,
    reply: bool,
  }),
  smembers: command({
    name: "SMEMBERS",
    build: (key: Key): Arg[] => ["SMEMBERS", key],
    keys: firstKey,
    flags: READONLY | FLAT_REPLY,
    reply: strings,
  }),
  smismember: command({
    name: "SMISMEMBER",
    build: (key: Key, ...members: Arg[]): Arg[] =>
      membersCommand("SMISMEMBER", key, members),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => list(reply).map(bool),
  }),
  smove: command({
    name: "SMOVE",
    build: (source: Key, destination: Key, member: Arg): Arg[] => [
      "SMOVE",
      source,
      destination,
      member,
    ],
    keys: keysAt(1, 2),
    reply: bool,
  }),
  spop: command({
    name: "SPOP",
    build: (key: Key): Arg[] => ["SPOP", key],
    keys: firstKey,
    reply: (reply) => reply as string | null,
  }),
  spopCount: command({
    name: "SPOP",
    build: (key: Key, count: number): Arg[] => {
      if (!Number.isSafeInteger(count) || count < 0) {
        throw new TypeError(
          `Invalid SPOP count "${count}": expected a non-negative integer`,
        );
      }
      return ["SPOP", key, count];
    },
    keys: firstKey,
    reply: strings,
  }),
  srandmember: command({
    name: "SRANDMEMBER",
    build: (key: Key): Arg[] => ["SRANDMEMBER", key],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as string | null,
  }),
  srandmemberCount: command({
    name: "SRANDMEMBER",
    build: (key: Key, count: number): Arg[] => {
      if (!Number.isSafeInteger(count)) {
        throw new TypeError(
          `Invalid SRANDMEMBER count "${count}": expected an integer`,
        );
      }
      return ["SRANDMEMBER", key, count];
    },
    keys: firstKey,
    flags: READONLY,
    reply: strings,
  }),
  srem: command({
    name: "SREM",
    build: (key: Key, ...members: Arg[]): Arg[] =>
      membersCommand("SREM", key, members),
    keys: firstKey,
    reply: asNumber,
  }),
  sscan: command({
    name: "SSCAN",
    build: (key: Key, cursor: Cursor | 0, options?: ScanMatchOptions): Arg[] =>
      scanArgs(["SSCAN", key, cursor], "SSCAN", options),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => {
      const [cursor, members] = list(reply);
      return {
        cursor: str(cursor!) as Cursor,
        members: list(members!) as string[],
      };
    },
  }),
  sunion: command({
    name: "SUNION",
    build: (...keys: Key[]): Arg[] => keysCommand("SUNION", keys),
    keys: allKeys,
    flags: READONLY | FLAT_REPLY,
    reply: strings,
  }),
  sunioncard: command({
    name: "SUNIONCARD",
    build: (keys: Key[], options?: SUnionCardOptions): Arg[] =>
      buildCard("SUNIONCARD", keys, options, SUNIONCARD_KEYS),
    keys: numkeysAt(1),
    flags: READONLY,
    reply: asNumber,
    since: { redis: "8.10.0" },
  }),
  sunionstore: command({
    name: "SUNIONSTORE",
    build: (destination: Key, ...keys: Key[]): Arg[] =>
      storeCommand("SUNIONSTORE", destination, keys),
    keys: allKeys,
    reply: asNumber,
  }),
};
