/**
 * String commands.
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  allKeys,
  bool,
  checkExclusive,
  checkInteger,
  checkKeys,
  checkNotEmpty,
  command,
  type Declarations,
  type FieldValues,
  firstKey,
  type Key,
  keysAt,
  keysFrom,
  list,
  num,
  ok,
  optionKeys,
  pushFields,
  READONLY,
  record,
  safeInt,
  safeNumber,
} from "./_define.ts";

/**
 * The expiry part of {@linkcode SetOptions}: at most one of `ex`, `px`,
 * `exat`, `pxat`, `keepttl`.
 *
 * @example
 * ```ts
 * import type { SetExpiry } from "@respite/redis";
 *
 * const expiry: SetExpiry = { px: 1500 };
 * ```
 */
export type SetExpiry =
  | { ex: number; px?: never; exat?: never; pxat?: never; keepttl?: never }
  | { px: number; ex?: never; exat?: never; pxat?: never; keepttl?: never }
  | { exat: number; ex?: never; px?: never; pxat?: never; keepttl?: never }
  | { pxat: number; ex?: never; px?: never; exat?: never; keepttl?: never }
  | { keepttl: true; ex?: never; px?: never; exat?: never; pxat?: never }
  | { ex?: never; px?: never; exat?: never; pxat?: never; keepttl?: never };

/**
 * The condition part of {@linkcode SetOptions}: at most one of `nx`, `xx`,
 * `ifeq`, `ifne`, `ifdeq` and `ifdne`. The compare-and-set conditions are
 * newer than Redis 7.0: `ifeq` since Redis 8.4 and Valkey 8.1, the others
 * since Redis 8.4 (an older server refuses them with a syntax error).
 *
 * @example
 * ```ts
 * import type { SetCondition } from "@respite/redis";
 *
 * const onlyIfNew: SetCondition = { nx: true };
 * const onlyIfUnchanged: SetCondition = { ifeq: "v1" };
 * ```
 */
export type SetCondition =
  | {
    nx: true;
    xx?: never;
    ifeq?: never;
    ifne?: never;
    ifdeq?: never;
    ifdne?: never;
  }
  | {
    xx: true;
    nx?: never;
    ifeq?: never;
    ifne?: never;
    ifdeq?: never;
    ifdne?: never;
  }
  | {
    /**
     * Set only when the current value equals this one (`IFEQ`); a missing
     * key is not created. Redis 8.4+, Valkey 8.1+.
     */
    ifeq: Arg;
    nx?: never;
    xx?: never;
    ifne?: never;
    ifdeq?: never;
    ifdne?: never;
  }
  | {
    /**
     * Set only when the current value differs from this one (`IFNE`); a
     * missing key is created. Redis 8.4+.
     */
    ifne: Arg;
    nx?: never;
    xx?: never;
    ifeq?: never;
    ifdeq?: never;
    ifdne?: never;
  }
  | {
    /**
     * Set only when the digest of the current value is this one, as
     * `digest` returned it (`IFDEQ`); a missing key is not created. Redis
     * 8.4+.
     */
    ifdeq: string | Uint8Array;
    nx?: never;
    xx?: never;
    ifeq?: never;
    ifne?: never;
    ifdne?: never;
  }
  | {
    /**
     * Set only when the digest of the current value is not this one
     * (`IFDNE`); a missing key is created. Redis 8.4+.
     */
    ifdne: string | Uint8Array;
    nx?: never;
    xx?: never;
    ifeq?: never;
    ifne?: never;
    ifdeq?: never;
  }
  | {
    nx?: never;
    xx?: never;
    ifeq?: never;
    ifne?: never;
    ifdeq?: never;
    ifdne?: never;
  };

/**
 * Options of `set`, named as in the Redis docs. At most one expiry
 * (`ex`, `px`, `exat`, `pxat`, `keepttl`) and at most one condition
 * (`nx`, `xx`, `ifeq`, `ifne`, `ifdeq`, `ifdne`); TypeScript rejects other
 * combinations.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const token = crypto.randomUUID();
 * await client.set("session", token, { ex: 60, nx: true });
 * const current = await client.get("config");
 * if (current !== null) {
 *   await client.set("config", "v2", { ifeq: current }); // compare-and-set
 * }
 * ```
 */
export type SetOptions = SetExpiry & SetCondition & {
  /** Return the old value instead of `"OK"` (Redis 6.2+; with `nx` since 7.0). */
  get?: boolean;
};

/**
 * Options of `getex`: at most one of `ex`, `px`, `exat`, `pxat` (a new
 * expiry) and `persist` (remove the expiry); TypeScript rejects other
 * combinations. Without options `getex` behaves like `get`.
 *
 * @example
 * ```ts
 * import type { GetExOptions } from "@respite/redis";
 *
 * const inAMinute: GetExOptions = { ex: 60 };
 * const forever: GetExOptions = { persist: true };
 * ```
 */
export type GetExOptions =
  | { ex: number; px?: never; exat?: never; pxat?: never; persist?: never }
  | { px: number; ex?: never; exat?: never; pxat?: never; persist?: never }
  | { exat: number; ex?: never; px?: never; pxat?: never; persist?: never }
  | { pxat: number; ex?: never; px?: never; exat?: never; persist?: never }
  | { persist: true; ex?: never; px?: never; exat?: never; pxat?: never }
  | { ex?: never; px?: never; exat?: never; pxat?: never; persist?: never };

/**
 * Options of `delex`: at most one condition, on the value (`ifeq`, `ifne`)
 * or on its digest as `digest` returns it (`ifdeq`, `ifdne`). Without one,
 * `delex` deletes the key whatever it holds (Redis only: Valkey requires
 * `ifeq` or `ifne`, and knows no digests). TypeScript rejects combinations.
 *
 * @example
 * ```ts
 * import type { DelExOptions } from "@respite/redis";
 *
 * const ifStillMine: DelExOptions = { ifeq: "token-42" };
 * ```
 */
export type DelExOptions =
  | {
    /** Delete only when the value equals this one (`IFEQ`). */
    ifeq: Arg;
    ifne?: never;
    ifdeq?: never;
    ifdne?: never;
  }
  | {
    /** Delete only when the value differs from this one (`IFNE`). */
    ifne: Arg;
    ifeq?: never;
    ifdeq?: never;
    ifdne?: never;
  }
  | {
    /** Delete only when the value has this digest (`IFDEQ`, Redis only). */
    ifdeq: string | Uint8Array;
    ifeq?: never;
    ifne?: never;
    ifdne?: never;
  }
  | {
    /** Delete only when the value has another digest (`IFDNE`, Redis only). */
    ifdne: string | Uint8Array;
    ifeq?: never;
    ifne?: never;
    ifdeq?: never;
  }
  | { ifeq?: never; ifne?: never; ifdeq?: never; ifdne?: never };

/**
 * Options of `msetex`: at most one expiry for all the keys (`ex`, `px`,
 * `exat`, `pxat`, `keepttl`) and at most one condition (`nx`, `xx`);
 * TypeScript rejects other combinations.
 *
 * @example
 * ```ts
 * import type { MSetExOptions } from "@respite/redis";
 *
 * const newForAMinute: MSetExOptions = { nx: true, ex: 60 };
 * ```
 */
export type MSetExOptions =
  & SetExpiry
  & (
    | {
      /** Set the keys only when none of them exists (`NX`). */
      nx: true;
      xx?: never;
    }
    | {
      /** Set the keys only when all of them exist (`XX`). */
      xx: true;
      nx?: never;
    }
    | { nx?: never; xx?: never }
  );

/**
 * Options of `increx`: the increment (`byint` or `byfloat`, else 1), the
 * bounds of the result, and at most one of `ex`, `px`, `exat`, `pxat` (a new
 * expiry) and `persist` (remove the expiry); TypeScript rejects other
 * combinations. Without an expiry option the key keeps its expiry.
 *
 * @example
 * ```ts
 * import type { IncrExOptions } from "@respite/redis";
 *
 * const window: IncrExOptions = { ubound: 100, ex: 60, enx: true };
 * const price: IncrExOptions = { byfloat: 0.25, lbound: 0, saturate: true };
 * ```
 */
export type IncrExOptions =
  & GetExOptions
  & (
    | {
      /** Add this 64-bit integer, negative to subtract (`BYINT`). */
      byint: number | bigint;
      byfloat?: never;
    }
    | {
      /** Add this floating point number; the value may be a float (`BYFLOAT`). */
      byfloat: number;
      byint?: never;
    }
    | { byint?: never; byfloat?: never }
  )
  & {
    /**
     * The least result allowed (`LBOUND`): an integer, or any finite number
     * with `byfloat`. A lower result skips the increment, or with
     * `saturate` stops at the bound.
     */
    lbound?: number | bigint;
    /**
     * The greatest result allowed (`UBOUND`): an integer, or any finite
     * number with `byfloat`. A higher result skips the increment, or with
     * `saturate` stops at the bound.
     */
    ubound?: number | bigint;
    /**
     * Stop an out-of-bounds result at the bound (or the type's limit)
     * instead of skipping the increment (`SATURATE`).
     */
    saturate?: boolean;
    /**
     * Set the expiry only when the key has none, so that a counting window
     * is not extended (`ENX`); needs `ex`, `px`, `exat` or `pxat`.
     */
    enx?: boolean;
  };

/**
 * Options of `lcsIdx`.
 *
 * @example
 * ```ts
 * import type { LcsIdxOptions } from "@respite/redis";
 *
 * const options: LcsIdxOptions = { minmatchlen: 4, withmatchlen: true };
 * ```
 */
export interface LcsIdxOptions {
  /** Leave out matches shorter than this many bytes (`MINMATCHLEN`). */
  minmatchlen?: number;
  /** Also report the length of each match (`WITHMATCHLEN`). */
  withmatchlen?: boolean;
}

/**
 * A byte range of one of the two strings compared by `lcsIdx`, both ends
 * inclusive and zero-based.
 *
 * @example
 * ```ts
 * import type { LcsRange } from "@respite/redis";
 *
 * const range: LcsRange = { start: 4, end: 7 };
 * ```
 */
export interface LcsRange {
  /** Offset of the first byte of the match. */
  start: number;
  /** Offset of the last byte of the match. */
  end: number;
}

/**
 * One matching run of the longest common subsequence found by `lcsIdx`.
 *
 * @example
 * ```ts
 * import type { LcsMatch } from "@respite/redis";
 *
 * const match: LcsMatch = {
 *   a: { start: 4, end: 7 },
 *   b: { start: 5, end: 8 },
 *   length: 4,
 * };
 * ```
 */
export interface LcsMatch {
  /** Where the run is in the first key's value. */
  a: LcsRange;
  /** Where the run is in the second key's value. */
  b: LcsRange;
  /** The length of the run in bytes; only with `withmatchlen: true`. */
  length?: number;
}

/**
 * The result of `lcsIdx`: the matching runs, last run first, as the server
 * lists them, and the length of the whole common subsequence.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.mset({ a: "ohmytext", b: "mynewtext" });
 * const { matches, len } = await client.lcsIdx("a", "b"); // len: 6
 * ```
 */
export interface LcsIdxResult {
  /** The matching runs, from the end of the strings to their start. */
  matches: LcsMatch[];
  /** The length of the longest common subsequence. */
  len: number;
}

const EXPIRY_KEYS = ["ex", "px", "exat", "pxat"] as const;

const SET_KEYS = optionKeys<SetOptions>({
  ex: true,
  px: true,
  exat: true,
  pxat: true,
  keepttl: true,
  nx: true,
  xx: true,
  ifeq: true,
  ifne: true,
  ifdeq: true,
  ifdne: true,
  get: true,
});

/** The conditions of SET, of which at most one may be set. */
const SET_CONDITIONS = ["nx", "xx", "ifeq", "ifne", "ifdeq", "ifdne"] as const;

function buildSet(key: Key, value: Arg, options?: SetOptions): Arg[] {
  const argv: Arg[] = ["SET", key, value];
  if (options === undefined) return argv;
  checkKeys("SET option", options, SET_KEYS);
  let expiries = 0;
  for (const name of EXPIRY_KEYS) {
    const amount = options[name];
    if (amount === undefined) continue;
    if (!Number.isInteger(amount) || amount <= 0) {
      throw new TypeError(
        `Invalid SET option "${name}": expected a positive integer, got ${amount}`,
      );
    }
    argv.push(name.toUpperCase(), amount);
    expiries++;
  }
  if (options.keepttl) {
    argv.push("KEEPTTL");
    expiries++;
  }
  if (expiries > 1) {
    throw new TypeError(
      'Invalid SET options: "ex", "px", "exat", "pxat" and "keepttl" exclude each other',
    );
  }
  if (options.nx && options.xx) {
    throw new TypeError(
      'Invalid SET options: "nx" and "xx" exclude each other',
    );
  }
  if (options.nx) argv.push("NX");
  if (options.xx) argv.push("XX");
  // The compare-and-set conditions (Redis 8.4, Valkey 8.1), out of line:
  // calls without them only pay for these four reads.
  if (
    options.ifeq !== undefined || options.ifne !== undefined ||
    options.ifdeq !== undefined || options.ifdne !== undefined
  ) {
    checkExclusive("SET", options, SET_CONDITIONS);
    pushComparison(argv, "SET", options);
  }
  if (options.get) argv.push("GET");
  return argv;
}

/**
 * Appends the one comparison of `options` (checked to be alone by the
 * caller): `IFEQ`/`IFNE` with a value, `IFDEQ`/`IFDNE` with a digest.
 */
function pushComparison(
  argv: Arg[],
  command: string,
  options: {
    ifeq?: Arg;
    ifne?: Arg;
    ifdeq?: string | Uint8Array;
    ifdne?: string | Uint8Array;
  },
): void {
  if (options.ifeq !== undefined) argv.push("IFEQ", options.ifeq);
  if (options.ifne !== undefined) argv.push("IFNE", options.ifne);
  if (options.ifdeq !== undefined) {
    argv.push("IFDEQ", checkDigest(command, "ifdeq", options.ifdeq));
  }
  if (options.ifdne !== undefined) {
    argv.push("IFDNE", checkDigest(command, "ifdne", options.ifdne));
  }
}

/** A digest as `digest` returns it: text or bytes, never empty. */
function checkDigest(
  command: string,
  name: string,
  digest: string | Uint8Array,
): string | Uint8Array {
  if (
    (typeof digest !== "string" && !(digest instanceof Uint8Array)) ||
    digest.length === 0
  ) {
    throw new TypeError(
      `Invalid ${command} ${name} "${digest}": expected a digest from DIGEST`,
    );
  }
  return digest;
}

/** Throws a `TypeError` unless `value` is a positive safe integer. */
function checkPositive(command: string, name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(
      `Invalid ${command} ${name} "${value}": expected a positive integer`,
    );
  }
}

const GETEX_KEYS = optionKeys<GetExOptions>({
  ex: true,
  px: true,
  exat: true,
  pxat: true,
  persist: true,
});

/**
 * Appends the expiry of `options`: `EX`, `PX`, `EXAT` or `PXAT` with a
 * positive integer, or the pure token `word` when `options[word]` is set.
 * Returns the names of the options used, a `TypeError` when more than one.
 */
function pushExpiry(
  argv: Arg[],
  command: string,
  options: {
    ex?: number;
    px?: number;
    exat?: number;
    pxat?: number;
  },
  word: "persist" | "keepttl",
  wordSet: boolean | undefined,
): string[] {
  const chosen: string[] = [];
  for (const name of EXPIRY_KEYS) {
    const amount = options[name];
    if (amount === undefined) continue;
    checkPositive(command, name, amount);
    argv.push(name.toUpperCase(), amount);
    chosen.push(name);
  }
  if (wordSet) {
    argv.push(word.toUpperCase());
    chosen.push(word);
  }
  if (chosen.length > 1) {
    throw new TypeError(
      `Invalid ${command} options: ${
        chosen.map((name) => `"${name}"`).join(" and ")
      } exclude each other`,
    );
  }
  return chosen;
}

function buildGetEx(key: Key, options?: GetExOptions): Arg[] {
  const argv: Arg[] = ["GETEX", key];
  if (options === undefined) return argv;
  checkKeys("GETEX option", options, GETEX_KEYS);
  pushExpiry(argv, "GETEX", options, "persist", options.persist);
  return argv;
}

const DELEX_KEYS = optionKeys<DelExOptions>({
  ifeq: true,
  ifne: true,
  ifdeq: true,
  ifdne: true,
});

function buildDelEx(key: Key, options?: DelExOptions): Arg[] {
  const argv: Arg[] = ["DELEX", key];
  if (options === undefined) return argv;
  checkKeys("DELEX option", options, DELEX_KEYS);
  checkExclusive("DELEX", options, ["ifeq", "ifne", "ifdeq", "ifdne"]);
  pushComparison(argv, "DELEX", options);
  return argv;
}

const MSETEX_KEYS = optionKeys<MSetExOptions>({
  ex: true,
  px: true,
  exat: true,
  pxat: true,
  keepttl: true,
  nx: true,
  xx: true,
});

function buildMSetEx(keyValues: FieldValues, options?: MSetExOptions): Arg[] {
  // numkeys counts the pairs: filled in once they are known.
  const argv = pushFields(["MSETEX", 0], "MSETEX", keyValues);
  argv[1] = (argv.length - 2) / 2;
  if (options === undefined) return argv;
  checkKeys("MSETEX option", options, MSETEX_KEYS);
  checkExclusive("MSETEX", options, ["nx", "xx"]);
  if (options.nx) argv.push("NX");
  if (options.xx) argv.push("XX");
  pushExpiry(argv, "MSETEX", options, "keepttl", options.keepttl);
  return argv;
}

const INCREX_KEYS = optionKeys<IncrExOptions>({
  byint: true,
  byfloat: true,
  lbound: true,
  ubound: true,
  saturate: true,
  ex: true,
  px: true,
  exat: true,
  pxat: true,
  persist: true,
  enx: true,
});

/** Throws a `TypeError` unless `value` is a finite number. */
function checkFinite(command: string, name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new TypeError(
      `Invalid ${command} ${name} "${value}": expected a finite number`,
    );
  }
}

function buildIncrEx(key: Key, options?: IncrExOptions): Arg[] {
  const argv: Arg[] = ["INCREX", key];
  if (options === undefined) return argv;
  checkKeys("INCREX option", options, INCREX_KEYS);
  checkExclusive("INCREX", options, ["byint", "byfloat"]);
  const float = options.byfloat !== undefined;
  if (options.byint !== undefined) {
    checkInteger("INCREX", "byint", options.byint);
    argv.push("BYINT", options.byint);
  }
  if (float) {
    checkFinite("INCREX", "byfloat", options.byfloat!);
    argv.push("BYFLOAT", options.byfloat!);
  }
  for (const name of ["lbound", "ubound"] as const) {
    const bound = options[name];
    if (bound === undefined) continue;
    // A float bound only with BYFLOAT: the server refuses it otherwise.
    if (float && typeof bound === "number") {
      checkFinite("INCREX", name, bound);
    } else checkInteger("INCREX", name, bound);
    argv.push(name === "lbound" ? "LBOUND" : "UBOUND", bound);
  }
  if (options.saturate) argv.push("SATURATE");
  const expiry = pushExpiry(
    argv,
    "INCREX",
    options,
    "persist",
    options.persist,
  );
  if (options.enx) {
    if (expiry.length === 0 || expiry[0] === "persist") {
      throw new TypeError(
        'Invalid INCREX options: "enx" needs "ex", "px", "exat" or "pxat"',
      );
    }
    argv.push("ENX");
  }
  return argv;
}

/**
 * An INCREX reply: two integers, RESP3 doubles or float text, each a
 * `number`, an {@linkcode UnsafeIntegerError} for an integer outside the
 * safe range.
 */
function increxReply(reply: Reply): [number, number] {
  const [value, increment] = list(reply);
  return [
    safeNumber("INCREX", value ?? null),
    safeNumber("INCREX", increment ?? null),
  ];
}

function buildRange(
  name: string,
  key: Key,
  start: number,
  end: number,
): Arg[] {
  checkInteger(name, "start", start);
  checkInteger(name, "end", end);
  return [name, key, start, end];
}

const LCS_IDX_KEYS = optionKeys<LcsIdxOptions>({
  minmatchlen: true,
  withmatchlen: true,
});

function buildLcsIdx(key1: Key, key2: Key, options?: LcsIdxOptions): Arg[] {
  const argv: Arg[] = ["LCS", key1, key2, "IDX"];
  if (options === undefined) return argv;
  checkKeys("LCS option", options, LCS_IDX_KEYS);
  if (options.minmatchlen !== undefined) {
    const length = options.minmatchlen;
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new TypeError(
        `Invalid LCS minmatchlen "${length}": expected a non-negative integer`,
      );
    }
    argv.push("MINMATCHLEN", length);
  }
  if (options.withmatchlen) argv.push("WITHMATCHLEN");
  return argv;
}

function lcsRange(reply: Reply | undefined): LcsRange {
  const [start, end] = list(reply ?? null);
  return { start: num(start ?? null), end: num(end ?? null) };
}

function lcsIdxReply(reply: Reply): LcsIdxResult {
  const fields = record(reply);
  const matches = list(fields.matches ?? null).map((item): LcsMatch => {
    const [a, b, length] = list(item);
    const match: LcsMatch = { a: lcsRange(a), b: lcsRange(b) };
    if (length !== undefined) match.length = num(length);
    return match;
  });
  return { matches, len: num(fields.len ?? null) };
}

function buildIncrBy(
  name: string,
  argName: string,
  key: Key,
  amount: number | bigint,
): Arg[] {
  checkInteger(name, argName, amount);
  return [name, key, amount];
}

/**
 * String commands.
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.get.name);
 * ```
 */
export interface StringCommands {
  /**
   * Appends `value` to the string at `key`, creating it when missing.
   * Resolves to the length of the string afterwards. Available since
   * Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.set("log", "a");
   * console.log(await client.append("log", "bc")); // 3
   * ```
   */
  append(key: Key, value: Arg): Promise<number>;
  /**
   * Subtracts one from the integer at `key` (a missing key counts as 0).
   * Resolves to the new value as a `number`. A new value outside
   * JavaScript's safe integer range (±(2^53 - 1)) is never rounded: the
   * call rejects with an `UnsafeIntegerError` whose `value` is the exact
   * new value (the server did apply the change). For 64-bit counters use
   * `sendCommand(["DECR", key])`, which resolves to a `bigint` beyond the
   * safe range. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const stock: number = await client.decr("stock");
   * console.log(stock); // -1
   * ```
   */
  decr(key: Key): Promise<number>;
  /**
   * Subtracts `decrement` from the integer at `key` (a missing key counts
   * as 0). Resolves to the new value as a `number`. A new value outside
   * JavaScript's safe integer range (±(2^53 - 1)) is never rounded: the
   * call rejects with an `UnsafeIntegerError` whose `value` is the exact
   * new value (the server did apply the change). For 64-bit counters use
   * `sendCommand(["DECRBY", key, decrement])`, which resolves to a
   * `bigint` beyond the safe range. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.decrby("stock", 5)); // -5
   * ```
   */
  decrby(key: Key, decrement: number | bigint): Promise<number>;
  /**
   * Deletes `key` when its value meets the condition: equal to `ifeq`,
   * different from `ifne`, or with the digest `ifdeq` (or not `ifdne`; see
   * `digest`). Without a condition it deletes the key whatever it holds.
   * Resolves to `true` when the key was deleted and `false` when it does not
   * exist or the condition was not met; under a condition, a key that does
   * not hold a string fails with a `WRONGTYPE` `ReplyError`. Valkey knows
   * only `ifeq` and `ifne`, and requires one of them. Available since Redis
   * 8.4 and Valkey 9.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const token = crypto.randomUUID();
   * // Release a lock only while it is still ours.
   * await client.set("lock", token, { nx: true, px: 5000 });
   * await client.delex("lock", { ifeq: token }); // true
   * ```
   */
  delex(key: Key, options?: DelExOptions): Promise<boolean>;
  /**
   * Deletes `key` when its value equals `value`, the safe release of a lock
   * taken with `set(..., { nx: true })`. Resolves to `true` when the key was
   * deleted and `false` when it does not exist or holds another value.
   * Available since Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const token = crypto.randomUUID();
   * await client.set("lock", token, { nx: true, px: 5000 });
   * await client.delifeq("lock", token); // true
   * ```
   */
  delifeq(key: Key, value: Arg): Promise<boolean>;
  /**
   * Returns a digest of the string at `key`: its XXH3 64-bit hash as 16
   * hexadecimal digits, for the `ifdeq`/`ifdne` conditions of `set` and
   * `delex`, so that a large value need not travel to be compared. Resolves
   * to the digest, or `null` when the key does not exist; a key that does
   * not hold a string fails with a `WRONGTYPE` `ReplyError`. Available since
   * Redis 8.4.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.set("doc", "Hello world");
   * const edited = "Hello, Redis";
   * const seen = await client.digest("doc"); // "b6acb9d84a38ff74"
   * if (seen) await client.set("doc", edited, { ifdeq: seen });
   * ```
   */
  digest(key: Key): Promise<string | null>;
  /**
   * Returns the value of `key`, or `null` when it does not exist. Available
   * since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.set("greeting", "hello");
   * console.log(await client.get("greeting")); // "hello"
   * ```
   */
  get(key: Key): Promise<string | null>;
  /**
   * Returns the value of `key` and deletes the key; `null` when it does not
   * exist. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const token = await client.getdel("one-time-token");
   * ```
   */
  getdel(key: Key): Promise<string | null>;
  /**
   * Returns the value of `key` (`null` when it does not exist) and sets or
   * removes its expiry at the same time. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const session = await client.getex("session:42", { ex: 1800 });
   * await client.getex("session:42", { persist: true });
   * ```
   */
  getex(key: Key, options?: GetExOptions): Promise<string | null>;
  /**
   * Returns the part of the string at `key` from byte `start` to byte
   * `end`, both inclusive; negative offsets count from the end. Resolves to
   * `""` when the key does not exist. Available since Redis 2.4.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.set("text", "Hello world");
   * console.log(await client.getrange("text", -5, -1)); // "world"
   * ```
   */
  getrange(key: Key, start: number, end: number): Promise<string>;
  /**
   * Sets `key` to `value` and returns the previous value, or `null` when
   * there was none. Prefer `set` with `{ get: true }`. Available since
   * Redis 1.0 (deprecated since 6.2).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const before = await client.getset("counter", 0);
   * ```
   */
  getset(key: Key, value: Arg): Promise<string | null>;
  /**
   * Increments the integer at `key` by one (a missing key counts as 0) and
   * resolves to the new value as a `number`. A new value outside
   * JavaScript's safe integer range (±(2^53 - 1)) is never rounded: the
   * call rejects with an `UnsafeIntegerError` whose `value` is the exact
   * new value (the server did apply the change). For 64-bit counters use
   * `sendCommand(["INCR", key])`, which resolves to a `bigint` beyond the
   * safe range. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const visits: number = await client.incr("visits");
   * console.log(visits); // 1
   * ```
   */
  incr(key: Key): Promise<number>;
  /**
   * Adds `increment` to the integer at `key` (a missing key counts as 0).
   * Resolves to the new value as a `number`. A new value outside
   * JavaScript's safe integer range (±(2^53 - 1)) is never rounded: the
   * call rejects with an `UnsafeIntegerError` whose `value` is the exact
   * new value (the server did apply the change). For 64-bit counters use
   * `sendCommand(["INCRBY", key, increment])`, which resolves to a
   * `bigint` beyond the safe range. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect, UnsafeIntegerError } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.incrby("visits", 10)); // 10
   * try {
   *   await client.incrby("big", 2n ** 60n);
   * } catch (error) {
   *   // The server holds 2^60: the exact value is on the error.
   *   if (error instanceof UnsafeIntegerError) console.log(error.value); // 1152921504606846976n
   * }
   * // 64-bit counters: the raw reply is a bigint beyond the safe range.
   * console.log(await client.sendCommand(["INCRBY", "big", 1])); // 1152921504606846977n
   * ```
   */
  incrby(key: Key, increment: number | bigint): Promise<number>;
  /**
   * Adds the floating point `increment` to the number at `key` (a missing
   * key counts as 0). Resolves to the new value. Available since Redis 2.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.incrbyfloat("price", 0.5)); // 0.5
   * ```
   */
  incrbyfloat(key: Key, increment: number): Promise<number>;
  /**
   * Increments the number at `key` (a missing key counts as 0) by 1, by the
   * integer `byint` or by the float `byfloat`, keeping the result within
   * `lbound` and `ubound`, and sets or removes its expiry in the same step:
   * a window counter for rate limiting in one command. Resolves to
   * `[value, increment]`, the value afterwards and the increment applied:
   * `0` when the result would leave the bounds (the key and its expiry are
   * then left as they were), less than asked when `saturate` stopped it at
   * a bound. Both are `number`s: when either is an integer outside
   * JavaScript's safe range (±(2^53 - 1)), the call rejects with an
   * `UnsafeIntegerError` carrying the exact value (the server did apply
   * the increment); `sendCommand(["INCREX", key, ...])` gives `bigint`s
   * there instead. Available since Redis 8.8 and Valkey 9.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const user = "ada";
   * // At most 100 requests a minute; the window starts with the first one.
   * const [count, added] = await client.increx(`rate:${user}`, {
   *   ubound: 100,
   *   ex: 60,
   *   enx: true,
   * });
   * if (added === 0) console.log("rate limit exceeded at", count);
   * ```
   */
  increx(
    key: Key,
    options?: IncrExOptions,
  ): Promise<[value: number, increment: number]>;
  /**
   * Returns the longest common subsequence of the strings at `key1` and
   * `key2` (missing keys count as empty strings). Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.mset({ a: "ohmytext", b: "mynewtext" });
   * console.log(await client.lcs("a", "b")); // "mytext"
   * ```
   */
  lcs(key1: Key, key2: Key): Promise<string>;
  /**
   * Returns the length of the longest common subsequence of the strings at
   * `key1` and `key2` (`LCS ... LEN`). Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.mset({ a: "ohmytext", b: "mynewtext" });
   * console.log(await client.lcsLen("a", "b")); // 6
   * ```
   */
  lcsLen(key1: Key, key2: Key): Promise<number>;
  /**
   * Returns where the longest common subsequence of the strings at `key1`
   * and `key2` occurs in each of them (`LCS ... IDX`), as
   * {@linkcode LcsIdxResult}. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.mset({ a: "ohmytext", b: "mynewtext" });
   * const { matches, len } = await client.lcsIdx("a", "b", { withmatchlen: true });
   * console.log(matches[0]); // { a: { start: 4, end: 7 }, b: { start: 5, end: 8 }, length: 4 }
   * ```
   */
  lcsIdx(key1: Key, key2: Key, options?: LcsIdxOptions): Promise<LcsIdxResult>;
  /**
   * Returns the values of the keys, in order, with `null` for each key that
   * does not exist or does not hold a string. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [a, b] = await client.mget("a", "b");
   * ```
   */
  mget(...keys: Key[]): Promise<(string | null)[]>;
  /**
   * Sets several keys to their values at once. Resolves to `"OK"`.
   * Available since Redis 1.0.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.mset({ "user:1:name": "Ada", "user:1:born": 1815 });
   * ```
   */
  mset(keyValues: FieldValues): Promise<"OK">;
  /**
   * Sets several keys to their values at once with one expiry for all of
   * them (`ex`, `px`, `exat`, `pxat` or `keepttl`; none: no expiry), only
   * when none of them exists (`nx`) or all of them do (`xx`) if asked.
   * Resolves to `true` when the keys were set and `false` when the
   * condition was not met and nothing was done. In a cluster the keys must
   * share a slot. Available since Redis 8.4 and Valkey 9.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.msetex({ "otp:1": "482913", "otp:2": "103857" }, { ex: 300 });
   * ```
   */
  msetex(keyValues: FieldValues, options?: MSetExOptions): Promise<boolean>;
  /**
   * Sets several keys to their values only when none of them exists yet.
   * Resolves to `true` when they were set and `false` when nothing was
   * done. Available since Redis 1.0.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const created = await client.msetnx({ a: 1, b: 2 }); // true
   * ```
   */
  msetnx(keyValues: FieldValues): Promise<boolean>;
  /**
   * Sets `key` to `value` with a time to live in milliseconds. Resolves to
   * `"OK"`. Available since Redis 2.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.psetex("flash", 1500, "saved");
   * ```
   */
  psetex(key: Key, milliseconds: number, value: Arg): Promise<"OK">;
  /**
   * Sets `key` to `value`. Resolves to `"OK"`, to `null` when a condition
   * (`nx`, `xx`, `ifeq`, ...) was not met, or with `get: true` to the old
   * value. Available since Redis 1.0; options since 2.6.12,
   * `keepttl`/`get`/`exat`/`pxat` since 6.2, `ifeq` since Redis 8.4 and
   * Valkey 8.1, `ifne`/`ifdeq`/`ifdne` since Redis 8.4.
   *
   * This signature, without `get`, resolves to `"OK"` or `null` (a
   * condition not met); with `get: true` it is the old value (`string |
   * null`), and options whose `get` is only known as a `boolean` (a
   * variable typed {@linkcode SetOptions}) give `string | null` too.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const done: "OK" | null = await client.set("counter", 1); // "OK"
   * await client.set("lock", "me", { px: 5000, nx: true }); // "OK", or null when held
   * const old = await client.set("counter", 2, { get: true }); // "1"
   * await client.set("counter", 3, { ifeq: "2" }); // "OK": it was 2
   * ```
   */
  set(
    key: Key,
    value: Arg,
    options?: SetOptions & { get?: false },
  ): Promise<"OK" | null>;
  /**
   * Sets `key` to `value` (unless a condition such as `nx` is not met)
   * and resolves to the value the key had before (`SET ... GET`), `null`
   * when it had none. Available since Redis 6.2 (with `nx` since 7.0).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.set("counter", 1);
   * const old: string | null = await client.set("counter", 2, { get: true }); // "1"
   * ```
   */
  set(
    key: Key,
    value: Arg,
    options: SetOptions & { get: true },
  ): Promise<string | null>;
  /**
   * Sets `key` to `value`, with options whose `get` is not known at
   * compile time. Resolves to `"OK"` or `null` as without `get`, or to the
   * old value with `get: true`: `string | null`. This signature is the
   * one pipelines, transactions and the declarations table use.
   *
   * @example
   * ```ts
   * import { connect, type SetOptions } from "@respite/redis";
   *
   * await using client = await connect();
   * const options: SetOptions = { ex: 60, get: Math.random() < 0.5 };
   * const result: string | null = await client.set("k", "v", options);
   * ```
   */
  set(key: Key, value: Arg, options?: SetOptions): Promise<string | null>;
  /**
   * Sets `key` to `value` with a time to live in seconds. Resolves to
   * `"OK"`. Available since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.setex("session:42", 3600, "data");
   * ```
   */
  setex(key: Key, seconds: number, value: Arg): Promise<"OK">;
  /**
   * Sets `key` to `value` only when it does not exist yet. Resolves to
   * `true` when it was set and `false` otherwise. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * if (await client.setnx("lock", "me")) console.log("got the lock");
   * ```
   */
  setnx(key: Key, value: Arg): Promise<boolean>;
  /**
   * Overwrites the string at `key` with `value` from byte `offset` on,
   * padding with zero bytes when the string is shorter. Resolves to the
   * length of the string afterwards. Available since Redis 2.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.set("text", "Hello world");
   * console.log(await client.setrange("text", 6, "Redis")); // 11
   * ```
   */
  setrange(key: Key, offset: number, value: Arg): Promise<number>;
  /**
   * Returns the length in bytes of the string at `key`, 0 when it does not
   * exist. Available since Redis 2.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.set("text", "Hello world");
   * console.log(await client.strlen("text")); // 11
   * ```
   */
  strlen(key: Key): Promise<number>;
  /**
   * The old name of `getrange`: returns the bytes from `start` to `end`,
   * both inclusive. Available since Redis 1.0 (deprecated since 2.0).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.set("text", "Hello world");
   * console.log(await client.substr("text", 0, 4)); // "Hello"
   * ```
   */
  substr(key: Key, start: number, end: number): Promise<string>;
}

/** The declarations of the string commands. */
export const stringCommands: Declarations<StringCommands> = {
  append: command({
    name: "APPEND",
    build: (key: Key, value: Arg): Arg[] => ["APPEND", key, value],
    keys: firstKey,
    reply: num,
  }),
  decr: command({
    name: "DECR",
    build: (key: Key): Arg[] => ["DECR", key],
    keys: firstKey,
    reply: safeInt("DECR"),
  }),
  decrby: command({
    name: "DECRBY",
    build: (key: Key, decrement: number | bigint): Arg[] =>
      buildIncrBy("DECRBY", "decrement", key, decrement),
    keys: firstKey,
    reply: safeInt("DECRBY"),
  }),
  delex: command({
    name: "DELEX",
    build: buildDelEx,
    keys: firstKey,
    reply: bool,
    since: { redis: "8.4.0", valkey: "9.2.0" },
  }),
  delifeq: command({
    name: "DELIFEQ",
    build: (key: Key, value: Arg): Arg[] => ["DELIFEQ", key, value],
    keys: firstKey,
    reply: bool,
    since: { valkey: "9.0.0" },
  }),
  digest: command({
    name: "DIGEST",
    build: (key: Key): Arg[] => ["DIGEST", key],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as string | null,
    since: { redis: "8.4.0" },
  }),
  get: command({
    name: "GET",
    build: (key: Key): Arg[] => ["GET", key],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as string | null,
  }),
  getdel: command({
    name: "GETDEL",
    build: (key: Key): Arg[] => ["GETDEL", key],
    keys: firstKey,
    reply: (reply) => reply as string | null,
  }),
  getex: command({
    name: "GETEX",
    build: buildGetEx,
    keys: firstKey,
    reply: (reply) => reply as string | null,
  }),
  getrange: command({
    name: "GETRANGE",
    build: (key: Key, start: number, end: number): Arg[] =>
      buildRange("GETRANGE", key, start, end),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as string,
  }),
  getset: command({
    name: "GETSET",
    build: (key: Key, value: Arg): Arg[] => ["GETSET", key, value],
    keys: firstKey,
    reply: (reply) => reply as string | null,
  }),
  incr: command({
    name: "INCR",
    build: (key: Key): Arg[] => ["INCR", key],
    keys: firstKey,
    reply: safeInt("INCR"),
  }),
  incrby: command({
    name: "INCRBY",
    build: (key: Key, increment: number | bigint): Arg[] =>
      buildIncrBy("INCRBY", "increment", key, increment),
    keys: firstKey,
    reply: safeInt("INCRBY"),
  }),
  incrbyfloat: command({
    name: "INCRBYFLOAT",
    build: (key: Key, increment: number): Arg[] => {
      if (typeof increment !== "number" || !Number.isFinite(increment)) {
        throw new TypeError(
          `Invalid INCRBYFLOAT increment "${increment}": expected a finite number`,
        );
      }
      return ["INCRBYFLOAT", key, increment];
    },
    keys: firstKey,
    reply: num,
  }),
  increx: command({
    name: "INCREX",
    build: buildIncrEx,
    keys: firstKey,
    reply: increxReply,
    since: { redis: "8.8.0", valkey: "9.2.0" },
  }),
  lcs: command({
    name: "LCS",
    build: (key1: Key, key2: Key): Arg[] => ["LCS", key1, key2],
    keys: keysAt(1, 2),
    flags: READONLY,
    reply: (reply) => reply as string,
  }),
  lcsLen: command({
    name: "LCS",
    build: (key1: Key, key2: Key): Arg[] => ["LCS", key1, key2, "LEN"],
    keys: keysAt(1, 2),
    flags: READONLY,
    reply: num,
  }),
  lcsIdx: command({
    name: "LCS",
    build: buildLcsIdx,
    keys: keysAt(1, 2),
    flags: READONLY,
    reply: lcsIdxReply,
  }),
  mget: command({
    name: "MGET",
    build: (...keys: Key[]): Arg[] => {
      checkNotEmpty("MGET", "key", keys);
      return ["MGET", ...keys];
    },
    keys: allKeys,
    flags: READONLY,
    reply: (reply) => list(reply) as (string | null)[],
    route: { request: "multi_shard" },
  }),
  mset: command({
    name: "MSET",
    build: (keyValues: FieldValues): Arg[] =>
      pushFields(["MSET"], "MSET", keyValues),
    keys: keysFrom(1, 2),
    reply: ok,
    route: { request: "multi_shard", response: "all_succeeded" },
  }),
  msetex: command({
    name: "MSETEX",
    build: buildMSetEx,
    // MSETEX numkeys key value [key value ...] [options]: numkeys counts
    // the pairs.
    keys: { numkeys: 1, step: 2 },
    reply: bool,
    // No route: the server's tips (multi_shard, all_succeeded) would have
    // the cluster router split it by slot, which cuts the trailing options
    // off all parts but the last and leaves numkeys wrong in each. Sent
    // whole to its first key's slot, a cross-slot MSETEX gets CROSSSLOT
    // from the server, as MSETNX does.
    since: { redis: "8.4.0", valkey: "9.1.0" },
  }),
  msetnx: command({
    name: "MSETNX",
    build: (keyValues: FieldValues): Arg[] =>
      pushFields(["MSETNX"], "MSETNX", keyValues),
    keys: keysFrom(1, 2),
    reply: bool,
    // No route: split by slot it could set some keys and not others, so a
    // cross-slot MSETNX gets CROSSSLOT from the server (Redis 7.2 dropped
    // the multi_shard tips of 7.0).
  }),
  psetex: command({
    name: "PSETEX",
    build: (key: Key, milliseconds: number, value: Arg): Arg[] => {
      checkPositive("PSETEX", "milliseconds", milliseconds);
      return ["PSETEX", key, milliseconds, value];
    },
    keys: firstKey,
    reply: ok,
  }),
  set: command({
    name: "SET",
    build: buildSet,
    keys: firstKey,
    reply: (reply) => reply as string | null,
  }),
  setex: command({
    name: "SETEX",
    build: (key: Key, seconds: number, value: Arg): Arg[] => {
      checkPositive("SETEX", "seconds", seconds);
      return ["SETEX", key, seconds, value];
    },
    keys: firstKey,
    reply: ok,
  }),
  setnx: command({
    name: "SETNX",
    build: (key: Key, value: Arg): Arg[] => ["SETNX", key, value],
    keys: firstKey,
    reply: bool,
  }),
  setrange: command({
    name: "SETRANGE",
    build: (key: Key, offset: number, value: Arg): Arg[] => {
      if (!Number.isSafeInteger(offset) || offset < 0) {
        throw new TypeError(
          `Invalid SETRANGE offset "${offset}": expected a non-negative integer`,
        );
      }
      return ["SETRANGE", key, offset, value];
    },
    keys: firstKey,
    reply: num,
  }),
  strlen: command({
    name: "STRLEN",
    build: (key: Key): Arg[] => ["STRLEN", key],
    keys: firstKey,
    flags: READONLY,
    reply: num,
  }),
  substr: command({
    name: "SUBSTR",
    build: (key: Key, start: number, end: number): Arg[] =>
      buildRange("SUBSTR", key, start, end),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as string,
  }),
};
