/**
 * The sorted set commands (ZADD, ZRANGE, ZSCAN, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  BLOCKING,
  checkCount,
  checkExclusive,
  checkInteger,
  checkKeys,
  checkNotEmpty,
  command,
  type Cursor,
  type Declarations,
  firstKey,
  type Key,
  keysAt,
  keysFrom,
  type KnownKeys,
  list,
  membersCommand,
  num,
  numkeysAt,
  numOrNull,
  optionKeys,
  pairs,
  READONLY,
  str,
} from "./_define.ts";
import { scanArgs, type ScanMatchOptions } from "./_scan.ts";

// ---------------------------------------------------------------------------
// Types

/**
 * A sorted set member with its score, as the commands that return scores
 * give it. Infinite scores arrive as `Infinity` and `-Infinity`.
 *
 * @example
 * ```ts
 * import { connect, type ScoredMember } from "@respite/redis";
 *
 * await using client = await connect();
 * const top: ScoredMember[] = await client.zrangeWithScores("board", 0, 2);
 * ```
 */
export interface ScoredMember {
  /** The member. */
  member: string;
  /** Its score. */
  score: number;
}

/**
 * A member popped by `bzpopmin` or `bzpopmax`, with the key it came from.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const popped = await client.bzpopmin(["jobs:high", "jobs:low"], 5);
 * if (popped) console.log(popped.key, popped.member, popped.score);
 * ```
 */
export interface KeyedScoredMember {
  /** The key of the sorted set the member was popped from. */
  key: string;
  /** The member. */
  member: string;
  /** Its score. */
  score: number;
}

/**
 * The result of `zmpop` and `bzmpop`: the key the members were popped from
 * and the members with their scores.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const popped = await client.zmpop(["a", "b"], "MIN", { count: 2 });
 * if (popped) console.log(popped.key, popped.members);
 * ```
 */
export interface ZMPopResult {
  /** The key of the first non-empty sorted set. */
  key: string;
  /** The popped members with their scores, in pop order. */
  members: ScoredMember[];
}

/**
 * A member to add with `zadd` or `zaddIncr`, with its score. `Infinity`
 * and `-Infinity` are valid scores (sent as `+inf` and `-inf`); `NaN` is
 * not.
 *
 * @example
 * ```ts
 * import { connect, type ZAddMember } from "@respite/redis";
 *
 * await using client = await connect();
 * const entry: ZAddMember = { score: 12.5, member: "ada" };
 * await client.zadd("board", [entry]);
 * ```
 */
export interface ZAddMember {
  /** The score. */
  score: number;
  /** The member. */
  member: Arg;
}

/**
 * The condition options of `zadd` and `zaddIncr`: `nx` (only add new
 * members) excludes `xx` (only update existing members), `gt` and `lt`;
 * `gt` (only raise scores) and `lt` (only lower scores) exclude each other.
 * TypeScript rejects other combinations.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.zadd("board", [{ score: 10, member: "ada" }], { xx: true, gt: true });
 * ```
 */
export type ZAddCondition =
  | { nx: true; xx?: never; gt?: never; lt?: never }
  | { nx?: never; xx?: true; gt?: true; lt?: never }
  | { nx?: never; xx?: true; lt?: true; gt?: never };

/**
 * Options of `zadd`: the {@linkcode ZAddCondition} plus `ch`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const changed = await client.zadd("board", [{ score: 3, member: "ada" }], { gt: true, ch: true });
 * ```
 */
export type ZAddOptions = ZAddCondition & {
  /** Count changed scores as well as added members in the result (`CH`). */
  ch?: boolean;
};

/**
 * A score range bound: a number (`Infinity` and `-Infinity` included), the
 * same as text, `"(1.5"` for an exclusive bound, or `"-inf"`/`"+inf"`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.zcount("board", "(10", "+inf"); // scores above 10
 * ```
 */
export type ScoreBound =
  | number
  | `${number}`
  | `(${number}`
  | "-inf"
  | "+inf";

/**
 * A lexicographical range bound: `"-"` (the lowest), `"+"` (the highest),
 * `"[a"` (from `a`, inclusive) or `"(a"` (exclusive); bytes must carry the
 * same prefix.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.zrangebylex("words", "[a", "(b"); // words starting with "a"
 * ```
 */
export type LexBound = "-" | "+" | `[${string}` | `(${string}` | Uint8Array;

/**
 * The `limit` option of the range commands: skip `offset` members, then
 * return at most `count` (a negative count returns all the rest).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.zrangebyscore("board", 0, 100, { limit: { offset: 10, count: 10 } });
 * ```
 */
export interface ZRangeLimit {
  /** How many matching members to skip. */
  offset: number;
  /** How many members to return at most; negative for all the rest. */
  count: number;
}

/**
 * Options of `zrangebyscore`, `zrangebylex` and their reverse and
 * `WithScores` variants.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.zrangebylex("words", "-", "+", { limit: { offset: 0, count: 20 } });
 * ```
 */
export interface ZRangeLimitOptions {
  /** Page through the matches (`LIMIT offset count`). */
  limit?: ZRangeLimit;
}

/**
 * Options of `zrange` (and `zrangeWithScores`, `zrangestore`) for a range
 * of ranks: `start` and `stop` are 0-based indices, negative from the end.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.zrange("board", 0, 9, { rev: true }); // the top ten
 * ```
 */
export interface ZRangeByIndexOptions {
  /** Absent for a range of ranks. */
  by?: never;
  /** Count ranks from the highest score (`REV`, Redis 6.2+). */
  rev?: boolean;
  /** Not available for ranges of ranks. */
  limit?: never;
}

/**
 * Options of `zrange` (and `zrangeWithScores`, `zrangestore`) for a range
 * of scores: `start` and `stop` are {@linkcode ScoreBound}s.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.zrange("board", "(10", "+inf", { by: "SCORE", limit: { offset: 0, count: 5 } });
 * ```
 */
export interface ZRangeByScoreOptions {
  /** A range of scores (`BYSCORE`, Redis 6.2+). */
  by: "SCORE";
  /**
   * Highest scores first (`REV`, Redis 6.2+); `start` is then the higher
   * bound and `stop` the lower.
   */
  rev?: boolean;
  /** Page through the matches (`LIMIT`, Redis 6.2+). */
  limit?: ZRangeLimit;
}

/**
 * Options of `zrange` (and `zrangestore`) for a lexicographical range of a
 * sorted set whose members all have the same score: `start` and `stop` are
 * {@linkcode LexBound}s.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.zrange("words", "[a", "(b", { by: "LEX" });
 * ```
 */
export interface ZRangeByLexOptions {
  /** A lexicographical range (`BYLEX`, Redis 6.2+). */
  by: "LEX";
  /**
   * Reverse order (`REV`, Redis 6.2+); `start` is then the higher bound and
   * `stop` the lower.
   */
  rev?: boolean;
  /** Page through the matches (`LIMIT`, Redis 6.2+). */
  limit?: ZRangeLimit;
}

/**
 * The parameters of `zrange`: `start` and `stop` are ranks, score bounds
 * or lex bounds, as `options.by` says.
 *
 * @example
 * ```ts
 * import type { ZRangeParams } from "@respite/redis";
 *
 * const params: ZRangeParams = ["board", "-inf", 100, { by: "SCORE" }];
 * ```
 */
export type ZRangeParams =
  | [key: Key, start: number, stop: number, options?: ZRangeByIndexOptions]
  | [
    key: Key,
    start: ScoreBound,
    stop: ScoreBound,
    options: ZRangeByScoreOptions,
  ]
  | [key: Key, start: LexBound, stop: LexBound, options: ZRangeByLexOptions];

/**
 * The parameters of `zrangeWithScores`: those of `zrange` without the
 * lexicographical form (the server gives no scores with `BYLEX`).
 *
 * @example
 * ```ts
 * import type { ZRangeWithScoresParams } from "@respite/redis";
 *
 * const params: ZRangeWithScoresParams = ["board", 0, -1];
 * ```
 */
export type ZRangeWithScoresParams =
  | [key: Key, start: number, stop: number, options?: ZRangeByIndexOptions]
  | [
    key: Key,
    start: ScoreBound,
    stop: ScoreBound,
    options: ZRangeByScoreOptions,
  ];

/**
 * The parameters of `zrangestore`: a destination and a source key, then
 * the parameters of `zrange`.
 *
 * @example
 * ```ts
 * import type { ZRangeStoreParams } from "@respite/redis";
 *
 * const params: ZRangeStoreParams = ["top", "board", 0, 9, { rev: true }];
 * ```
 */
export type ZRangeStoreParams =
  | [
    destination: Key,
    source: Key,
    start: number,
    stop: number,
    options?: ZRangeByIndexOptions,
  ]
  | [
    destination: Key,
    source: Key,
    start: ScoreBound,
    stop: ScoreBound,
    options: ZRangeByScoreOptions,
  ]
  | [
    destination: Key,
    source: Key,
    start: LexBound,
    stop: LexBound,
    options: ZRangeByLexOptions,
  ];

/**
 * How `zunion`, `zinter`, `zunionstore` and `zinterstore` combine the
 * scores of a member found in several sets: their sum, their least or
 * their greatest (after `weights`), or (`"COUNT"`, Redis 8.8+) the number
 * of the sets that have the member.
 *
 * @example
 * ```ts
 * import type { ZAggregate } from "@respite/redis";
 *
 * const aggregate: ZAggregate = "MAX";
 * ```
 */
export type ZAggregate = "SUM" | "MIN" | "MAX" | "COUNT";

/**
 * Options of `zunion`, `zinter`, `zunionstore`, `zinterstore` and their
 * `WithScores` variants.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.zunionstore("total", ["week1", "week2"], { weights: [1, 2], aggregate: "SUM" });
 * ```
 */
export interface ZAggregateOptions {
  /** One multiplier per key, applied to its scores (`WEIGHTS`). */
  weights?: readonly number[];
  /**
   * How to combine the scores of a member (`AGGREGATE`); the server's
   * default is `"SUM"`. `"COUNT"` needs Redis 8.8 or newer.
   */
  aggregate?: ZAggregate;
}

/**
 * Options of `zintercard`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.zintercard(["a", "b"], { limit: 100 });
 * ```
 */
export interface ZInterCardOptions {
  /** Stop counting at this many members (`LIMIT`); 0 means no limit. */
  limit?: number;
}

/**
 * Which end `zmpop` and `bzmpop` pop from: the lowest (`"MIN"`) or the
 * highest (`"MAX"`) scores.
 *
 * @example
 * ```ts
 * import type { ZPopSide } from "@respite/redis";
 *
 * const side: ZPopSide = "MIN";
 * ```
 */
export type ZPopSide = "MIN" | "MAX";

/**
 * Options of `zmpop` and `bzmpop`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.zmpop(["jobs"], "MIN", { count: 10 });
 * ```
 */
export interface ZMPopOptions {
  /** Pop up to this many members (`COUNT`, a positive integer; 1 by default). */
  count?: number;
}

/**
 * One page of `zscan`: the cursor for the next call and the members found
 * with their scores.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { cursor, members } = await client.zscan("board", "0");
 * ```
 */
export interface ZScanPage {
  /** Pass this to the next call; `"0"` when the scan is complete. */
  cursor: Cursor;
  /** The members of this page with their scores. */
  members: { member: string; score: number }[];
}

/**
 * One page of `zscanNoScores` (ZSCAN with NOSCORES): the cursor for the
 * next call and the members found, without their scores.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { cursor, members } = await client.zscanNoScores("board", "0");
 * ```
 */
export interface ZScanMembersPage {
  /** Pass this to the next call; `"0"` when the scan is complete. */
  cursor: Cursor;
  /** The members of this page (a member may show up in more than one page). */
  members: string[];
}

/**
 * What `zrankWithScore` and `zrevrankWithScore` resolve to: the member's
 * rank and its score.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const found = await client.zrankWithScore("board", "ada");
 * if (found) console.log(found.rank, found.score); // 0 12
 * ```
 */
export interface ZRankWithScore {
  /** The 0-based rank of the member. */
  rank: number;
  /** Its score. */
  score: number;
}

// ---------------------------------------------------------------------------
// Argument helpers (private)

/** A score or weight: finite numbers as they are, infinities as text. */
function scoreArg(command: string, name: string, value: number): Arg {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(
      `Invalid ${command} ${name} "${String(value)}": expected a number`,
    );
  }
  if (value === Infinity) return "+inf";
  if (value === -Infinity) return "-inf";
  return value;
}

const SCORE_BOUND =
  /^\(?(?:[+-]?inf|[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)$/i;

function scoreBoundArg(
  command: string,
  name: string,
  value: ScoreBound,
): Arg {
  if (typeof value === "number") return scoreArg(command, name, value);
  if (typeof value !== "string" || !SCORE_BOUND.test(value)) {
    throw new TypeError(
      `Invalid ${command} ${name} "${
        String(value)
      }": expected a number, "(number", "-inf" or "+inf"`,
    );
  }
  return value;
}

function lexBoundArg(command: string, name: string, value: LexBound): Arg {
  let valid: boolean;
  if (value instanceof Uint8Array) {
    const first = value[0];
    valid = first === 0x5b || first === 0x28 ||
      (value.length === 1 && (first === 0x2d || first === 0x2b));
  } else {
    valid = typeof value === "string" &&
      (value === "-" || value === "+" || value.startsWith("[") ||
        value.startsWith("("));
  }
  if (!valid) {
    throw new TypeError(
      `Invalid ${command} ${name} "${
        value instanceof Uint8Array ? "bytes" : String(value)
      }": expected "-", "+", or a value starting with "[" or "("`,
    );
  }
  return value;
}

function rankArg(command: string, name: string, value: number): number {
  checkInteger(command, name, value);
  return value;
}

const LIMIT_KEYS = optionKeys<ZRangeLimit>({ offset: true, count: true });

function pushLimit(argv: Arg[], command: string, limit: ZRangeLimit): void {
  checkKeys(`${command} limit option`, limit, LIMIT_KEYS);
  checkInteger(command, "limit offset", limit.offset);
  checkInteger(command, "limit count", limit.count);
  argv.push("LIMIT", limit.offset, limit.count);
}

type AnyRangeOptions = {
  by?: string;
  rev?: boolean;
  limit?: ZRangeLimit;
};

const RANGE_KEYS = optionKeys<
  ZRangeByIndexOptions | ZRangeByScoreOptions | ZRangeByLexOptions
>({ by: true, rev: true, limit: true });

/** Appends `start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count]`. */
function pushRange(
  argv: Arg[],
  command: string,
  start: number | ScoreBound | LexBound,
  stop: number | ScoreBound | LexBound,
  options: AnyRangeOptions | undefined,
): Arg[] {
  if (options !== undefined) {
    checkKeys(`${command} option`, options, RANGE_KEYS);
  }
  const by = options?.by;
  if (by === undefined) {
    argv.push(
      rankArg(command, "start", start as number),
      rankArg(command, "stop", stop as number),
    );
    if (options?.limit !== undefined) {
      throw new TypeError(
        `Invalid ${command} options: "limit" requires "by" to be "SCORE" or "LEX"`,
      );
    }
  } else if (by === "SCORE") {
    argv.push(
      scoreBoundArg(command, "start", start as ScoreBound),
      scoreBoundArg(command, "stop", stop as ScoreBound),
      "BYSCORE",
    );
  } else if (by === "LEX") {
    argv.push(
      lexBoundArg(command, "start", start as LexBound),
      lexBoundArg(command, "stop", stop as LexBound),
      "BYLEX",
    );
  } else {
    throw new TypeError(
      `Invalid ${command} by "${by}": expected "SCORE" or "LEX"`,
    );
  }
  if (options?.rev) argv.push("REV");
  if (options?.limit !== undefined) pushLimit(argv, command, options.limit);
  return argv;
}

function buildZrange(withScores: boolean, ...params: ZRangeParams): Arg[] {
  const [key, start, stop, options] = params;
  if (withScores && options?.by === "LEX") {
    throw new TypeError(
      'Invalid ZRANGE options: scores are not available with by "LEX"',
    );
  }
  const argv = pushRange(["ZRANGE", key], "ZRANGE", start, stop, options);
  if (withScores) argv.push("WITHSCORES");
  return argv;
}

const LIMIT_OPTIONS_KEYS = optionKeys<ZRangeLimitOptions>({ limit: true });

/** `ZRANGEBYSCORE`/`ZREVRANGEBYSCORE key a b [WITHSCORES] [LIMIT o c]`. */
function buildByScore(
  command: string,
  key: Key,
  a: ScoreBound,
  b: ScoreBound,
  options: ZRangeLimitOptions | undefined,
  withScores: boolean,
): Arg[] {
  const rev = command.startsWith("ZREV");
  const argv: Arg[] = [
    command,
    key,
    scoreBoundArg(command, rev ? "max" : "min", a),
    scoreBoundArg(command, rev ? "min" : "max", b),
  ];
  if (withScores) argv.push("WITHSCORES");
  if (options === undefined) return argv;
  checkKeys(`${command} option`, options, LIMIT_OPTIONS_KEYS);
  if (options.limit !== undefined) pushLimit(argv, command, options.limit);
  return argv;
}

/** `ZRANGEBYLEX`/`ZREVRANGEBYLEX key a b [LIMIT o c]`. */
function buildByLex(
  command: string,
  key: Key,
  a: LexBound,
  b: LexBound,
  options: ZRangeLimitOptions | undefined,
): Arg[] {
  const rev = command.startsWith("ZREV");
  const argv: Arg[] = [
    command,
    key,
    lexBoundArg(command, rev ? "max" : "min", a),
    lexBoundArg(command, rev ? "min" : "max", b),
  ];
  if (options === undefined) return argv;
  checkKeys(`${command} option`, options, LIMIT_OPTIONS_KEYS);
  if (options.limit !== undefined) pushLimit(argv, command, options.limit);
  return argv;
}

function checkKeyList(command: string, keys: readonly Key[]): void {
  if (!Array.isArray(keys)) {
    throw new TypeError(`Invalid ${command} keys: expected an array of keys`);
  }
  checkNotEmpty(command, "key", keys);
}

/** Appends `numkeys key [key ...]`. */
function pushNumkeys(
  argv: Arg[],
  command: string,
  keys: readonly Key[],
): Arg[] {
  checkKeyList(command, keys);
  argv.push(keys.length, ...keys);
  return argv;
}

const AGGREGATES: readonly string[] = ["SUM", "MIN", "MAX", "COUNT"];

const AGGREGATE_KEYS = optionKeys<ZAggregateOptions>({
  weights: true,
  aggregate: true,
});

function pushAggregate(
  argv: Arg[],
  command: string,
  keys: readonly Key[],
  options: ZAggregateOptions | undefined,
): Arg[] {
  if (options === undefined) return argv;
  checkKeys(`${command} option`, options, AGGREGATE_KEYS);
  if (options.weights !== undefined) {
    const weights = options.weights;
    if (weights.length !== keys.length) {
      throw new TypeError(
        `Invalid ${command} weights: expected ${keys.length} (one per key), got ${weights.length}`,
      );
    }
    argv.push("WEIGHTS");
    for (const weight of weights) {
      argv.push(scoreArg(command, "weight", weight));
    }
  }
  if (options.aggregate !== undefined) {
    if (!AGGREGATES.includes(options.aggregate)) {
      throw new TypeError(
        `Invalid ${command} aggregate "${options.aggregate}": expected "SUM", "MIN", "MAX" or "COUNT"`,
      );
    }
    argv.push("AGGREGATE", options.aggregate);
  }
  return argv;
}

function buildCombine(
  command: string,
  destination: Key | undefined,
  keys: readonly Key[],
  options: ZAggregateOptions | undefined,
  withScores: boolean,
): Arg[] {
  const argv: Arg[] = destination === undefined
    ? [command]
    : [command, destination];
  pushNumkeys(argv, command, keys);
  pushAggregate(argv, command, keys, options);
  if (withScores) argv.push("WITHSCORES");
  return argv;
}

const ZADD_CONDITION_KEYS = optionKeys<ZAddCondition>({
  nx: true,
  xx: true,
  gt: true,
  lt: true,
});

const ZADD_KEYS = optionKeys<ZAddOptions>({
  nx: true,
  xx: true,
  gt: true,
  lt: true,
  ch: true,
});

/** `ZADD key [NX|XX] [GT|LT]`; `known` are the keys `options` may have. */
function buildZadd(
  key: Key,
  options: ZAddOptions | undefined,
  known: KnownKeys,
): Arg[] {
  const argv: Arg[] = ["ZADD", key];
  if (options === undefined) return argv;
  checkKeys("ZADD option", options, known);
  checkExclusive("ZADD", options, ["nx", "xx"]);
  checkExclusive("ZADD", options, ["nx", "gt"]);
  checkExclusive("ZADD", options, ["nx", "lt"]);
  checkExclusive("ZADD", options, ["gt", "lt"]);
  if (options.nx) argv.push("NX");
  if (options.xx) argv.push("XX");
  if (options.gt) argv.push("GT");
  if (options.lt) argv.push("LT");
  return argv;
}

function checkSide(command: string, where: ZPopSide): void {
  if (where !== "MIN" && where !== "MAX") {
    throw new TypeError(
      `Invalid ${command} side "${where}": expected "MIN" or "MAX"`,
    );
  }
}

function timeoutArg(command: string, timeout: number): number {
  if (
    typeof timeout !== "number" || !Number.isFinite(timeout) || timeout < 0
  ) {
    throw new TypeError(
      `Invalid ${command} timeout "${timeout}": expected a non-negative number of seconds`,
    );
  }
  return timeout;
}

const MPOP_KEYS = optionKeys<ZMPopOptions>({ count: true });

function buildMpop(
  argv: Arg[],
  command: string,
  keys: readonly Key[],
  where: ZPopSide,
  options: ZMPopOptions | undefined,
): Arg[] {
  pushNumkeys(argv, command, keys);
  checkSide(command, where);
  argv.push(where);
  if (options === undefined) return argv;
  checkKeys(`${command} option`, options, MPOP_KEYS);
  if (options.count !== undefined) {
    const count = options.count;
    if (!Number.isSafeInteger(count) || count <= 0) {
      throw new TypeError(
        `Invalid ${command} count "${count}": expected a positive integer`,
      );
    }
    argv.push("COUNT", count);
  }
  return argv;
}

const ZINTERCARD_KEYS = optionKeys<ZInterCardOptions>({ limit: true });

// ---------------------------------------------------------------------------
// Reply helpers (private)

/** Flat `[m, s, m, s]` (RESP2) or `[[m, s], ...]` (RESP3) as objects. */
function scored(reply: Reply): ScoredMember[] {
  return pairs(reply).map(([member, score]) => ({
    member: member as string,
    score: num(score),
  }));
}

function strings(reply: Reply): string[] {
  return list(reply) as string[];
}

function count(reply: Reply): number {
  return reply as number;
}

function keyed(reply: Reply): KeyedScoredMember | null {
  if (reply === null) return null;
  const [key, member, score] = list(reply);
  return { key: key as string, member: member as string, score: num(score!) };
}

/** `[rank, score]`, or `null` when the member is not in the set. */
function rankWithScore(reply: Reply): ZRankWithScore | null {
  if (reply === null) return null;
  const [rank, score] = list(reply);
  return { rank: num(rank!), score: num(score!) };
}

function mpopped(reply: Reply): ZMPopResult | null {
  if (reply === null) return null;
  const [key, members] = list(reply);
  return { key: key as string, members: scored(members ?? null) };
}

// ---------------------------------------------------------------------------
// The declarations

/**
 * The sorted set commands (ZADD, ZRANGE, ZSCAN, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.zadd.name);
 * ```
 */
export interface SortedSetCommands {
  /**
   * Waits until one of the sorted sets at `keys` has members, then pops up
   * to `count` (1 by default) of its lowest or highest scored members; like
   * `zmpop`, but blocking for up to `timeout` seconds (0 waits forever).
   * Resolves to the key and the popped members, or `null` on timeout.
   * Blocks the connection: use a dedicated client. Available since
   * Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using worker = await connect();
   * const popped = await worker.bzmpop(["jobs"], "MIN", 5, { count: 10 });
   * ```
   */
  bzmpop(
    keys: readonly Key[],
    where: ZPopSide,
    timeout: number,
    options?: ZMPopOptions,
  ): Promise<ZMPopResult | null>;
  /**
   * Waits until one of the sorted sets at `keys` has members, then pops its
   * highest scored member. Resolves to the member with its score and key,
   * or `null` when `timeout` seconds pass (0 waits forever). Blocks the
   * connection: use a dedicated client. Available since Redis 5.0;
   * fractional timeouts since 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using worker = await connect();
   * const best = await worker.bzpopmax(["bids"], 1.5);
   * ```
   */
  bzpopmax(
    keys: readonly Key[],
    timeout: number,
  ): Promise<KeyedScoredMember | null>;
  /**
   * Waits until one of the sorted sets at `keys` has members, then pops its
   * lowest scored member. Resolves to the member with its score and key,
   * or `null` when `timeout` seconds pass (0 waits forever). Blocks the
   * connection: use a dedicated client. Available since Redis 5.0;
   * fractional timeouts since 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using worker = await connect();
   * const next = await worker.bzpopmin(["jobs:high", "jobs:low"], 0);
   * ```
   */
  bzpopmin(
    keys: readonly Key[],
    timeout: number,
  ): Promise<KeyedScoredMember | null>;
  /**
   * Adds `members` to the sorted set at `key`, or updates the scores of
   * those already in it. Resolves to the number of members added (with
   * `ch`, added or changed). Available since Redis 1.2; several members
   * since 2.4, `nx`/`xx`/`ch` since 3.0.2, `gt`/`lt` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zadd("board", [{ score: 10, member: "ada" }, { score: 7, member: "alan" }]);
   * await client.zadd("board", [{ score: 12, member: "ada" }], { gt: true, ch: true }); // 1
   * ```
   */
  zadd(
    key: Key,
    members: readonly ZAddMember[],
    options?: ZAddOptions,
  ): Promise<number>;
  /**
   * Adds `increment.score` to the score of `increment.member` (`ZADD ...
   * INCR`), adding the member when it is missing. Resolves to the new
   * score, or `null` when a condition kept the score unchanged. Available
   * since Redis 3.0.2; `gt`/`lt` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zaddIncr("board", { score: 5, member: "ada" }); // 17
   * await client.zaddIncr("board", { score: 1, member: "ada" }, { nx: true }); // null
   * ```
   */
  zaddIncr(
    key: Key,
    increment: ZAddMember,
    options?: ZAddCondition,
  ): Promise<number | null>;
  /**
   * Counts the members of the sorted set at `key` (0 when it does not
   * exist). Available since Redis 1.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zcard("board"); // 2
   * ```
   */
  zcard(key: Key): Promise<number>;
  /**
   * Counts the members of the sorted set at `key` whose scores lie between
   * `min` and `max`. Available since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zcount("board", "(10", "+inf");
   * ```
   */
  zcount(key: Key, min: ScoreBound, max: ScoreBound): Promise<number>;
  /**
   * Returns the members of the first sorted set that are in none of the
   * others, ordered by score. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zdiff("all", "done"); // ["todo-1", "todo-2"]
   * ```
   */
  zdiff(...keys: Key[]): Promise<string[]>;
  /**
   * `zdiff` with the scores the members have in the first set, as
   * `{ member, score }` objects. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zdiffWithScores("all", "done"); // [{ member: "todo-1", score: 1 }]
   * ```
   */
  zdiffWithScores(...keys: Key[]): Promise<ScoredMember[]>;
  /**
   * Stores the result of `zdiff` over `keys` at `destination`, replacing
   * it, and resolves to the size of the stored set. Available since
   * Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zdiffstore("todo", "all", "done");
   * ```
   */
  zdiffstore(destination: Key, ...keys: Key[]): Promise<number>;
  /**
   * Adds `increment` to the score of `member` in the sorted set at `key`
   * (adding the member when missing) and resolves to the new score.
   * Available since Redis 1.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zincrby("board", 2.5, "ada"); // 14.5
   * ```
   */
  zincrby(key: Key, increment: number, member: Arg): Promise<number>;
  /**
   * Returns the members present in every sorted set at `keys`, ordered by
   * their combined score. Available since Redis 6.2; `aggregate:
   * "COUNT"` since 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zinter(["likes:ada", "likes:alan"]);
   * ```
   */
  zinter(keys: readonly Key[], options?: ZAggregateOptions): Promise<string[]>;
  /**
   * `zinter` with the combined scores, as `{ member, score }` objects.
   * Available since Redis 6.2; `aggregate: "COUNT"` since 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zinterWithScores(["a", "b"], { aggregate: "MIN" });
   * ```
   */
  zinterWithScores(
    keys: readonly Key[],
    options?: ZAggregateOptions,
  ): Promise<ScoredMember[]>;
  /**
   * Counts the members present in every sorted set at `keys`, stopping at
   * `limit` when given. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zintercard(["a", "b"], { limit: 10 });
   * ```
   */
  zintercard(
    keys: readonly Key[],
    options?: ZInterCardOptions,
  ): Promise<number>;
  /**
   * Stores the intersection of the sorted sets at `keys` at `destination`,
   * replacing it, and resolves to the size of the stored set. Available
   * since Redis 2.0; `aggregate: "COUNT"` since 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zinterstore("both", ["a", "b"], { weights: [1, 0.5], aggregate: "MAX" });
   * ```
   */
  zinterstore(
    destination: Key,
    keys: readonly Key[],
    options?: ZAggregateOptions,
  ): Promise<number>;
  /**
   * Counts the members of the sorted set at `key` between the lex bounds
   * `min` and `max` (meaningful when all scores are equal). Available since
   * Redis 2.8.9.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zlexcount("words", "[a", "(b");
   * ```
   */
  zlexcount(key: Key, min: LexBound, max: LexBound): Promise<number>;
  /**
   * Pops up to `count` (1 by default) of the lowest or highest scored
   * members of the first non-empty sorted set at `keys`. Resolves to the
   * key and the popped members, or `null` when every set is empty.
   * Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zmpop(["jobs:high", "jobs:low"], "MIN", { count: 5 });
   * ```
   */
  zmpop(
    keys: readonly Key[],
    where: ZPopSide,
    options?: ZMPopOptions,
  ): Promise<ZMPopResult | null>;
  /**
   * Returns the score of each of `members` in the sorted set at `key`, in
   * order, with `null` for members not in it. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zmscore("board", "ada", "nobody"); // [12, null]
   * ```
   */
  zmscore(key: Key, ...members: Arg[]): Promise<(number | null)[]>;
  /**
   * Removes and returns up to `count` (1 by default) of the highest scored
   * members of the sorted set at `key`, highest first. Available since
   * Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zpopmax("board"); // [{ member: "ada", score: 12 }]
   * ```
   */
  zpopmax(key: Key, count?: number): Promise<ScoredMember[]>;
  /**
   * Removes and returns up to `count` (1 by default) of the lowest scored
   * members of the sorted set at `key`, lowest first. Available since
   * Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zpopmin("jobs", 3);
   * ```
   */
  zpopmin(key: Key, count?: number): Promise<ScoredMember[]>;
  /**
   * Returns a random member of the sorted set at `key`, or `null` when it
   * does not exist. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrandmember("board"); // "alan"
   * ```
   */
  zrandmember(key: Key): Promise<string | null>;
  /**
   * Returns random members of the sorted set at `key`: up to `count`
   * distinct ones when `count` is positive, exactly `-count` possibly
   * repeated ones when it is negative. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrandmemberCount("board", 2);
   * ```
   */
  zrandmemberCount(key: Key, count: number): Promise<string[]>;
  /**
   * `zrandmemberCount` with the scores, as `{ member, score }` objects.
   * Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrandmemberWithScores("board", -5);
   * ```
   */
  zrandmemberWithScores(key: Key, count: number): Promise<ScoredMember[]>;
  /**
   * Returns members of the sorted set at `key` in a range of ranks (by
   * default), of scores (`by: "SCORE"`) or of lex values (`by: "LEX"`),
   * optionally reversed and paged. Available since Redis 1.2; `by`, `rev`
   * and `limit` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrange("board", 0, -1);
   * await client.zrange("board", "+inf", "(10", { by: "SCORE", rev: true, limit: { offset: 0, count: 3 } });
   * await client.zrange("words", "[a", "(b", { by: "LEX" });
   * ```
   */
  zrange(...params: ZRangeParams): Promise<string[]>;
  /**
   * `zrange` with the scores, as `{ member, score }` objects; not available
   * with `by: "LEX"`. Available since Redis 1.2; `by`, `rev` and `limit`
   * since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrangeWithScores("board", 0, 2, { rev: true });
   * ```
   */
  zrangeWithScores(...params: ZRangeWithScoresParams): Promise<ScoredMember[]>;
  /**
   * Returns the members of the sorted set at `key` between the lex bounds
   * `min` and `max`. Available since Redis 2.8.9.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrangebylex("words", "[a", "(b", { limit: { offset: 0, count: 10 } });
   * ```
   */
  zrangebylex(
    key: Key,
    min: LexBound,
    max: LexBound,
    options?: ZRangeLimitOptions,
  ): Promise<string[]>;
  /**
   * Returns the members of the sorted set at `key` with scores between
   * `min` and `max`, lowest first. Available since Redis 1.0.5.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrangebyscore("board", 10, "+inf");
   * ```
   */
  zrangebyscore(
    key: Key,
    min: ScoreBound,
    max: ScoreBound,
    options?: ZRangeLimitOptions,
  ): Promise<string[]>;
  /**
   * `zrangebyscore` with the scores, as `{ member, score }` objects.
   * Available since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrangebyscoreWithScores("board", "(0", 100);
   * ```
   */
  zrangebyscoreWithScores(
    key: Key,
    min: ScoreBound,
    max: ScoreBound,
    options?: ZRangeLimitOptions,
  ): Promise<ScoredMember[]>;
  /**
   * Stores a `zrange` of the sorted set at `source` at `destination`,
   * replacing it, and resolves to the size of the stored set. Available
   * since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrangestore("top3", "board", 0, 2, { rev: true });
   * ```
   */
  zrangestore(...params: ZRangeStoreParams): Promise<number>;
  /**
   * Returns the 0-based rank of `member` in the sorted set at `key`,
   * counting from the lowest score, or `null` when it is not a member.
   * Available since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrank("board", "alan"); // 0
   * ```
   */
  zrank(key: Key, member: Arg): Promise<number | null>;
  /**
   * `zrank` with the member's score (`ZRANK ... WITHSCORE`): resolves to
   * its 0-based rank counting from the lowest score, and its score, or to
   * `null` when it is not a member. Available since Redis 7.2 and Valkey
   * 7.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrankWithScore("board", "alan"); // { rank: 0, score: 7 }
   * ```
   */
  zrankWithScore(key: Key, member: Arg): Promise<ZRankWithScore | null>;
  /**
   * Removes `members` from the sorted set at `key` and resolves to how many
   * were there. Available since Redis 1.2; several members since 2.4.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrem("board", "ada", "nobody"); // 1
   * ```
   */
  zrem(key: Key, ...members: Arg[]): Promise<number>;
  /**
   * Removes the members of the sorted set at `key` between the lex bounds
   * `min` and `max`, resolving to how many were removed. Available since
   * Redis 2.8.9.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zremrangebylex("words", "[a", "(b");
   * ```
   */
  zremrangebylex(key: Key, min: LexBound, max: LexBound): Promise<number>;
  /**
   * Removes the members of the sorted set at `key` ranked from `start` to
   * `stop` (0-based, negative from the highest), resolving to how many were
   * removed. Available since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zremrangebyrank("board", 0, -11); // keep the top ten
   * ```
   */
  zremrangebyrank(key: Key, start: number, stop: number): Promise<number>;
  /**
   * Removes the members of the sorted set at `key` with scores between
   * `min` and `max`, resolving to how many were removed. Available since
   * Redis 1.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zremrangebyscore("sessions", "-inf", Date.now());
   * ```
   */
  zremrangebyscore(key: Key, min: ScoreBound, max: ScoreBound): Promise<number>;
  /**
   * Returns the members of the sorted set at `key` ranked from `start` to
   * `stop`, counting from the highest score. Available since Redis 1.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrevrange("board", 0, 2);
   * ```
   */
  zrevrange(key: Key, start: number, stop: number): Promise<string[]>;
  /**
   * `zrevrange` with the scores, as `{ member, score }` objects. Available
   * since Redis 1.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrevrangeWithScores("board", 0, 2);
   * ```
   */
  zrevrangeWithScores(
    key: Key,
    start: number,
    stop: number,
  ): Promise<ScoredMember[]>;
  /**
   * Returns the members of the sorted set at `key` between the lex bounds
   * `max` and `min`, in reverse order. Available since Redis 2.8.9.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrevrangebylex("words", "+", "[m");
   * ```
   */
  zrevrangebylex(
    key: Key,
    max: LexBound,
    min: LexBound,
    options?: ZRangeLimitOptions,
  ): Promise<string[]>;
  /**
   * Returns the members of the sorted set at `key` with scores between
   * `max` and `min`, highest first. Available since Redis 2.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrevrangebyscore("board", "+inf", 10, { limit: { offset: 0, count: 3 } });
   * ```
   */
  zrevrangebyscore(
    key: Key,
    max: ScoreBound,
    min: ScoreBound,
    options?: ZRangeLimitOptions,
  ): Promise<string[]>;
  /**
   * `zrevrangebyscore` with the scores, as `{ member, score }` objects.
   * Available since Redis 2.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrevrangebyscoreWithScores("board", 100, "(0");
   * ```
   */
  zrevrangebyscoreWithScores(
    key: Key,
    max: ScoreBound,
    min: ScoreBound,
    options?: ZRangeLimitOptions,
  ): Promise<ScoredMember[]>;
  /**
   * Returns the 0-based rank of `member` in the sorted set at `key`,
   * counting from the highest score, or `null` when it is not a member.
   * Available since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrevrank("board", "ada"); // 0
   * ```
   */
  zrevrank(key: Key, member: Arg): Promise<number | null>;
  /**
   * `zrevrank` with the member's score (`ZREVRANK ... WITHSCORE`): resolves
   * to its 0-based rank counting from the highest score, and its score, or
   * to `null` when it is not a member. Available since Redis 7.2 and
   * Valkey 7.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zrevrankWithScore("board", "ada"); // { rank: 0, score: 12 }
   * ```
   */
  zrevrankWithScore(key: Key, member: Arg): Promise<ZRankWithScore | null>;
  /**
   * Returns one page of the members and scores of the sorted set at `key`,
   * starting from `cursor` (`"0"` to begin). Most callers want
   * `client.zscanIterator(key)`, which runs the loop; `zscanNoScores`
   * scans the members only. Available since Redis 2.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { cursor, members } = await client.zscan("board", "0", { match: "a*" });
   * ```
   */
  zscan(
    key: Key,
    cursor: Cursor | 0,
    options?: ScanMatchOptions,
  ): Promise<ZScanPage>;
  /**
   * Returns one page of the members of the sorted set at `key`, without
   * their scores (ZSCAN with NOSCORES), starting from `cursor` (`"0"` to
   * begin). Resolves to the next cursor and the page's members; a member
   * may show up in more than one page. Available since Valkey 8.0.
   *
   * @example
   * ```ts
   * import { connect, type Cursor } from "@respite/redis";
   *
   * await using client = await connect();
   * let cursor: Cursor = "0";
   * do {
   *   const page = await client.zscanNoScores("board", cursor, { match: "a*" });
   *   cursor = page.cursor;
   *   console.log(page.members);
   * } while (cursor !== "0");
   * ```
   */
  zscanNoScores(
    key: Key,
    cursor: Cursor | 0,
    options?: ScanMatchOptions,
  ): Promise<ZScanMembersPage>;
  /**
   * Returns the score of `member` in the sorted set at `key`, or `null`
   * when it is not a member. Available since Redis 1.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zscore("board", "ada"); // 12
   * ```
   */
  zscore(key: Key, member: Arg): Promise<number | null>;
  /**
   * Returns the members of any of the sorted sets at `keys`, ordered by
   * their combined score. Available since Redis 6.2; `aggregate:
   * "COUNT"` since 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zunion(["week1", "week2"]);
   * ```
   */
  zunion(keys: readonly Key[], options?: ZAggregateOptions): Promise<string[]>;
  /**
   * `zunion` with the combined scores, as `{ member, score }` objects.
   * Available since Redis 6.2; `aggregate: "COUNT"` since 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zunionWithScores(["week1", "week2"], { weights: [1, 2] });
   * ```
   */
  zunionWithScores(
    keys: readonly Key[],
    options?: ZAggregateOptions,
  ): Promise<ScoredMember[]>;
  /**
   * Stores the union of the sorted sets at `keys` at `destination`,
   * replacing it, and resolves to the size of the stored set. Available
   * since Redis 2.0; `aggregate: "COUNT"` since 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.zunionstore("total", ["week1", "week2"], { aggregate: "MAX" });
   * ```
   */
  zunionstore(
    destination: Key,
    keys: readonly Key[],
    options?: ZAggregateOptions,
  ): Promise<number>;
}

/** The declarations of the sorted set commands. */
export const sortedSetCommands: Declarations<SortedSetCommands> = {
  bzmpop: command({
    name: "BZMPOP",
    build: (
      keys: readonly Key[],
      where: ZPopSide,
      timeout: number,
      options?: ZMPopOptions,
    ): Arg[] =>
      buildMpop(
        ["BZMPOP", timeoutArg("BZMPOP", timeout)],
        "BZMPOP",
        keys,
        where,
        options,
      ),
    keys: numkeysAt(2),
    flags: BLOCKING,
    reply: mpopped,
  }),
  bzpopmax: command({
    name: "BZPOPMAX",
    build: (keys: readonly Key[], timeout: number): Arg[] => {
      checkKeyList("BZPOPMAX", keys);
      return ["BZPOPMAX", ...keys, timeoutArg("BZPOPMAX", timeout)];
    },
    keys: keysFrom(1, 1, 1),
    flags: BLOCKING,
    reply: keyed,
  }),
  bzpopmin: command({
    name: "BZPOPMIN",
    build: (keys: readonly Key[], timeout: number): Arg[] => {
      checkKeyList("BZPOPMIN", keys);
      return ["BZPOPMIN", ...keys, timeoutArg("BZPOPMIN", timeout)];
    },
    keys: keysFrom(1, 1, 1),
    flags: BLOCKING,
    reply: keyed,
  }),
  zadd: command({
    name: "ZADD",
    build: (
      key: Key,
      members: readonly ZAddMember[],
      options?: ZAddOptions,
    ): Arg[] => {
      if (!Array.isArray(members)) {
        throw new TypeError(
          "Invalid ZADD members: expected an array of { score, member }",
        );
      }
      checkNotEmpty("ZADD", "member", members);
      const argv = buildZadd(key, options, ZADD_KEYS);
      if (options?.ch) argv.push("CH");
      for (const { score, member } of members) {
        argv.push(scoreArg("ZADD", "score", score), member);
      }
      return argv;
    },
    keys: firstKey,
    reply: count,
  }),
  zaddIncr: command({
    name: "ZADD",
    build: (
      key: Key,
      increment: ZAddMember,
      options?: ZAddCondition,
    ): Arg[] => {
      const argv = buildZadd(key, options, ZADD_CONDITION_KEYS);
      argv.push(
        "INCR",
        scoreArg("ZADD", "score", increment.score),
        increment.member,
      );
      return argv;
    },
    keys: firstKey,
    reply: numOrNull,
  }),
  zcard: command({
    name: "ZCARD",
    build: (key: Key): Arg[] => ["ZCARD", key],
    keys: firstKey,
    flags: READONLY,
    reply: count,
  }),
  zcount: command({
    name: "ZCOUNT",
    build: (key: Key, min: ScoreBound, max: ScoreBound): Arg[] => [
      "ZCOUNT",
      key,
      scoreBoundArg("ZCOUNT", "min", min),
      scoreBoundArg("ZCOUNT", "max", max),
    ],
    keys: firstKey,
    flags: READONLY,
    reply: count,
  }),
  zdiff: command({
    name: "ZDIFF",
    build: (...keys: Key[]): Arg[] => pushNumkeys(["ZDIFF"], "ZDIFF", keys),
    keys: numkeysAt(1),
    flags: READONLY,
    reply: strings,
  }),
  zdiffWithScores: command({
    name: "ZDIFF",
    build: (...keys: Key[]): Arg[] => {
      const argv = pushNumkeys(["ZDIFF"], "ZDIFF", keys);
      argv.push("WITHSCORES");
      return argv;
    },
    keys: numkeysAt(1),
    flags: READONLY,
    reply: scored,
  }),
  zdiffstore: command({
    name: "ZDIFFSTORE",
    build: (destination: Key, ...keys: Key[]): Arg[] =>
      pushNumkeys(["ZDIFFSTORE", destination], "ZDIFFSTORE", keys),
    keys: numkeysAt(2, 1),
    reply: count,
  }),
  zincrby: command({
    name: "ZINCRBY",
    build: (key: Key, increment: number, member: Arg): Arg[] => [
      "ZINCRBY",
      key,
      scoreArg("ZINCRBY", "increment", increment),
      member,
    ],
    keys: firstKey,
    reply: num,
  }),
  zinter: command({
    name: "ZINTER",
    build: (keys: readonly Key[], options?: ZAggregateOptions): Arg[] =>
      buildCombine("ZINTER", undefined, keys, options, false),
    keys: numkeysAt(1),
    flags: READONLY,
    reply: strings,
  }),
  zinterWithScores: command({
    name: "ZINTER",
    build: (keys: readonly Key[], options?: ZAggregateOptions): Arg[] =>
      buildCombine("ZINTER", undefined, keys, options, true),
    keys: numkeysAt(1),
    flags: READONLY,
    reply: scored,
  }),
  zintercard: command({
    name: "ZINTERCARD",
    build: (keys: readonly Key[], options?: ZInterCardOptions): Arg[] => {
      const argv = pushNumkeys(["ZINTERCARD"], "ZINTERCARD", keys);
      if (options === undefined) return argv;
      checkKeys("ZINTERCARD option", options, ZINTERCARD_KEYS);
      if (options.limit !== undefined) {
        checkCount("ZINTERCARD", "limit", options.limit);
        argv.push("LIMIT", options.limit);
      }
      return argv;
    },
    keys: numkeysAt(1),
    flags: READONLY,
    reply: count,
  }),
  zinterstore: command({
    name: "ZINTERSTORE",
    build: (
      destination: Key,
      keys: readonly Key[],
      options?: ZAggregateOptions,
    ): Arg[] => buildCombine("ZINTERSTORE", destination, keys, options, false),
    keys: numkeysAt(2, 1),
    reply: count,
  }),
  zlexcount: command({
    name: "ZLEXCOUNT",
    build: (key: Key, min: LexBound, max: LexBound): Arg[] => [
      "ZLEXCOUNT",
      key,
      lexBoundArg("ZLEXCOUNT", "min", min),
      lexBoundArg("ZLEXCOUNT", "max", max),
    ],
    keys: firstKey,
    flags: READONLY,
    reply: count,
  }),
  zmpop: command({
    name: "ZMPOP",
    build: (
      keys: readonly Key[],
      where: ZPopSide,
      options?: ZMPopOptions,
    ): Arg[] => buildMpop(["ZMPOP"], "ZMPOP", keys, where, options),
    keys: numkeysAt(1),
    reply: mpopped,
  }),
  zmscore: command({
    name: "ZMSCORE",
    build: (key: Key, ...members: Arg[]): Arg[] =>
      membersCommand("ZMSCORE", key, members),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => list(reply).map(numOrNull),
  }),
  zpopmax: command({
    name: "ZPOPMAX",
    build: (key: Key, count?: number): Arg[] => {
      if (count === undefined) return ["ZPOPMAX", key];
      checkCount("ZPOPMAX", "count", count);
      return ["ZPOPMAX", key, count];
    },
    keys: firstKey,
    reply: scored,
  }),
  zpopmin: command({
    name: "ZPOPMIN",
    build: (key: Key, count?: number): Arg[] => {
      if (count === undefined) return ["ZPOPMIN", key];
      checkCount("ZPOPMIN", "count", count);
      return ["ZPOPMIN", key, count];
    },
    keys: firstKey,
    reply: scored,
  }),
  zrandmember: command({
    name: "ZRANDMEMBER",
    build: (key: Key): Arg[] => ["ZRANDMEMBER", key],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as string | null,
  }),
  zrandmemberCount: command({
    name: "ZRANDMEMBER",
    build: (key: Key, count: number): Arg[] => [
      "ZRANDMEMBER",
      key,
      rankArg("ZRANDMEMBER", "count", count),
    ],
    keys: firstKey,
    flags: READONLY,
    reply: strings,
  }),
  zrandmemberWithScores: command({
    name: "ZRANDMEMBER",
    build: (key: Key, count: number): Arg[] => [
      "ZRANDMEMBER",
      key,
      rankArg("ZRANDMEMBER", "count", count),
      "WITHSCORES",
    ],
    keys: firstKey,
    flags: READONLY,
    reply: scored,
  }),
  zrange: command({
    name: "ZRANGE",
    build: (...params: ZRangeParams): Arg[] => buildZrange(false, ...params),
    keys: firstKey,
    flags: READONLY,
    reply: strings,
  }),
  zrangeWithScores: command({
    name: "ZRANGE",
    build: (...params: ZRangeWithScoresParams): Arg[] =>
      buildZrange(true, ...params),
    keys: firstKey,
    flags: READONLY,
    reply: scored,
  }),
  zrangebylex: command({
    name: "ZRANGEBYLEX",
    build: (
      key: Key,
      min: LexBound,
      max: LexBound,
      options?: ZRangeLimitOptions,
    ): Arg[] => buildByLex("ZRANGEBYLEX", key, min, max, options),
    keys: firstKey,
    flags: READONLY,
    reply: strings,
  }),
  zrangebyscore: command({
    name: "ZRANGEBYSCORE",
    build: (
      key: Key,
      min: ScoreBound,
      max: ScoreBound,
      options?: ZRangeLimitOptions,
    ): Arg[] => buildByScore("ZRANGEBYSCORE", key, min, max, options, false),
    keys: firstKey,
    flags: READONLY,
    reply: strings,
  }),
  zrangebyscoreWithScores: command({
    name: "ZRANGEBYSCORE",
    build: (
      key: Key,
      min: ScoreBound,
      max: ScoreBound,
      options?: ZRangeLimitOptions,
    ): Arg[] => buildByScore("ZRANGEBYSCORE", key, min, max, options, true),
    keys: firstKey,
    flags: READONLY,
    reply: scored,
  }),
  zrangestore: command({
    name: "ZRANGESTORE",
    build: (...params: ZRangeStoreParams): Arg[] => {
      const [destination, source, start, stop, options] = params;
      return pushRange(
        ["ZRANGESTORE", destination, source],
        "ZRANGESTORE",
        start,
        stop,
        options,
      );
    },
    keys: keysAt(1, 2),
    reply: count,
  }),
  zrank: command({
    name: "ZRANK",
    build: (key: Key, member: Arg): Arg[] => ["ZRANK", key, member],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as number | null,
  }),
  zrankWithScore: command({
    name: "ZRANK",
    build: (key: Key, member: Arg): Arg[] => [
      "ZRANK",
      key,
      member,
      "WITHSCORE",
    ],
    keys: firstKey,
    flags: READONLY,
    reply: rankWithScore,
    since: { redis: "7.2.0", valkey: "7.2.4" },
  }),
  zrem: command({
    name: "ZREM",
    build: (key: Key, ...members: Arg[]): Arg[] =>
      membersCommand("ZREM", key, members),
    keys: firstKey,
    reply: count,
  }),
  zremrangebylex: command({
    name: "ZREMRANGEBYLEX",
    build: (key: Key, min: LexBound, max: LexBound): Arg[] => [
      "ZREMRANGEBYLEX",
      key,
      lexBoundArg("ZREMRANGEBYLEX", "min", min),
      lexBoundArg("ZREMRANGEBYLEX", "max", max),
    ],
    keys: firstKey,
    reply: count,
  }),
  zremrangebyrank: command({
    name: "ZREMRANGEBYRANK",
    build: (key: Key, start: number, stop: number): Arg[] => [
      "ZREMRANGEBYRANK",
      key,
      rankArg("ZREMRANGEBYRANK", "start", start),
      rankArg("ZREMRANGEBYRANK", "stop", stop),
    ],
    keys: firstKey,
    reply: count,
  }),
  zremrangebyscore: command({
    name: "ZREMRANGEBYSCORE",
    build: (key: Key, min: ScoreBound, max: ScoreBound): Arg[] => [
      "ZREMRANGEBYSCORE",
      key,
      scoreBoundArg("ZREMRANGEBYSCORE", "min", min),
      scoreBoundArg("ZREMRANGEBYSCORE", "max", max),
    ],
    keys: firstKey,
    reply: count,
  }),
  zrevrange: command({
    name: "ZREVRANGE",
    build: (key: Key, start: number, stop: number): Arg[] => [
      "ZREVRANGE",
      key,
      rankArg("ZREVRANGE", "start", start),
      rankArg("ZREVRANGE", "stop", stop),
    ],
    keys: firstKey,
    flags: READONLY,
    reply: strings,
  }),
  zrevrangeWithScores: command({
    name: "ZREVRANGE",
    build: (key: Key, start: number, stop: number): Arg[] => [
      "ZREVRANGE",
      key,
      rankArg("ZREVRANGE", "start", start),
      rankArg("ZREVRANGE", "stop", stop),
      "WITHSCORES",
    ],
    keys: firstKey,
    flags: READONLY,
    reply: scored,
  }),
  zrevrangebylex: command({
    name: "ZREVRANGEBYLEX",
    build: (
      key: Key,
      max: LexBound,
      min: LexBound,
      options?: ZRangeLimitOptions,
    ): Arg[] => buildByLex("ZREVRANGEBYLEX", key, max, min, options),
    keys: firstKey,
    flags: READONLY,
    reply: strings,
  }),
  zrevrangebyscore: command({
    name: "ZREVRANGEBYSCORE",
    build: (
      key: Key,
      max: ScoreBound,
      min: ScoreBound,
      options?: ZRangeLimitOptions,
    ): Arg[] => buildByScore("ZREVRANGEBYSCORE", key, max, min, options, false),
    keys: firstKey,
    flags: READONLY,
    reply: strings,
  }),
  zrevrangebyscoreWithScores: command({
    name: "ZREVRANGEBYSCORE",
    build: (
      key: Key,
      max: ScoreBound,
      min: ScoreBound,
      options?: ZRangeLimitOptions,
    ): Arg[] => buildByScore("ZREVRANGEBYSCORE", key, max, min, options, true),
    keys: firstKey,
    flags: READONLY,
    reply: scored,
  }),
  zrevrank: command({
    name: "ZREVRANK",
    build: (key: Key, member: Arg): Arg[] => ["ZREVRANK", key, member],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as number | null,
  }),
  zrevrankWithScore: command({
    name: "ZREVRANK",
    build: (key: Key, member: Arg): Arg[] => [
      "ZREVRANK",
      key,
      member,
      "WITHSCORE",
    ],
    keys: firstKey,
    flags: READONLY,
    reply: rankWithScore,
    since: { redis: "7.2.0", valkey: "7.2.4" },
  }),
  zscan: command({
    name: "ZSCAN",
    build: (key: Key, cursor: Cursor | 0, options?: ScanMatchOptions): Arg[] =>
      scanArgs(["ZSCAN", key, cursor], "ZSCAN", options),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => {
      const [cursor, items] = list(reply);
      const flat = list(items!);
      const members: { member: string; score: number }[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        members.push({ member: flat[i] as string, score: num(flat[i + 1]!) });
      }
      return { cursor: str(cursor!) as Cursor, members };
    },
  }),
  zscanNoScores: command({
    name: "ZSCAN",
    build: (
      key: Key,
      cursor: Cursor | 0,
      options?: ScanMatchOptions,
    ): Arg[] => {
      const argv = scanArgs(["ZSCAN", key, cursor], "ZSCAN", options);
      argv.push("NOSCORES");
      return argv;
    },
    keys: firstKey,
    flags: READONLY,
    reply: (reply): ZScanMembersPage => {
      const [cursor, members] = list(reply);
      return {
        cursor: str(cursor!) as Cursor,
        members: list(members!) as string[],
      };
    },
    since: { valkey: "8.0.0" },
  }),
  zscore: command({
    name: "ZSCORE",
    build: (key: Key, member: Arg): Arg[] => ["ZSCORE", key, member],
    keys: firstKey,
    flags: READONLY,
    reply: numOrNull,
  }),
  zunion: command({
    name: "ZUNION",
    build: (keys: readonly Key[], options?: ZAggregateOptions): Arg[] =>
      buildCombine("ZUNION", undefined, keys, options, false),
    keys: numkeysAt(1),
    flags: READONLY,
    reply: strings,
  }),
  zunionWithScores: command({
    name: "ZUNION",
    build: (keys: readonly Key[], options?: ZAggregateOptions): Arg[] =>
      buildCombine("ZUNION", undefined, keys, options, true),
    keys: numkeysAt(1),
    flags: READONLY,
    reply: scored,
  }),
  zunionstore: command({
    name: "ZUNIONSTORE",
    build: (
      destination: Key,
      keys: readonly Key[],
      options?: ZAggregateOptions,
    ): Arg[] => buildCombine("ZUNIONSTORE", destination, keys, options, false),
    keys: numkeysAt(2, 1),
    reply: count,
  }),
};
