/**
 * The array commands (ARSET, ARGET, ARSCAN, ARGREP, ...) of the array type
 * Redis 8.8 added: a sparse collection of strings addressed by unsigned
 * 64-bit indexes, with a write cursor for appends and ring buffers. Redis
 * 8.8 ships the type as a preview, so the server may still change it.
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  bool,
  checkCount,
  checkKeys,
  checkNotEmpty,
  command,
  type Declarations,
  firstKey,
  int,
  type Key,
  list,
  num,
  optionKeys,
  pairs,
  READONLY,
  record,
} from "./_define.ts";

/**
 * An index of an array: an integer from 0 to 2^64 - 2, a `bigint` beyond
 * `Number.MAX_SAFE_INTEGER`. Replies give indexes back the same way: a
 * `number` when it is a safe integer, else a `bigint`.
 *
 * @example
 * ```ts
 * import { type ArrayIndex, connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const first: ArrayIndex = 0;
 * const far: ArrayIndex = 2n ** 60n;
 * await client.armset("sparse", [[first, "a"], [far, "b"]]);
 * ```
 */
export type ArrayIndex = number | bigint;

/**
 * An inclusive range of indexes, `[start, end]`, in either order.
 *
 * @example
 * ```ts
 * import { type ArrayRange, connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const range: ArrayRange = [100, 199];
 * await client.ardelrange("readings", range, [300, 399]);
 * ```
 */
export type ArrayRange = readonly [start: ArrayIndex, end: ArrayIndex];

/**
 * Index/value pairs for `armset`: an array of `[index, value]` pairs, a
 * `Map` from index to value, or a record whose keys are decimal indexes;
 * sent in iteration order.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.armset("metrics", [[0, "10"], [5, "20"]]);
 * await client.armset("metrics", new Map([[2n ** 60n, "far"]]));
 * await client.armset("metrics", { 0: "10", 5: "20" });
 * ```
 */
export type ArrayEntries =
  | readonly (readonly [ArrayIndex, Arg])[]
  | ReadonlyMap<ArrayIndex, Arg>
  | Readonly<Record<number, Arg>>;

/**
 * One element of an array: its index and its value. What `arscan` and
 * `argrepWithValues` resolve to a list of.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for (const { index, value } of await client.arscan("events", 0, 99)) {
 *   console.log(index, value);
 * }
 * ```
 */
export interface ArrayEntry {
  /** The index of the element (a `bigint` beyond 2^53 - 1). */
  index: ArrayIndex;
  /** The value at that index. */
  value: string;
}

/**
 * Options of `arscan`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.arscan("events", 0, 1_000_000, { limit: 100 });
 * ```
 */
export interface ArscanOptions {
  /** Return at most this many elements (`LIMIT`, a positive integer). */
  limit?: number;
}

/**
 * A bound of an `argrep` range: an index, `"-"` for the first index of the
 * array or `"+"` for its last one.
 *
 * @example
 * ```ts
 * import { type ArgrepBound, connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const start: ArgrepBound = "-";
 * await client.argrep("log", start, "+", [{ match: "error" }]);
 * ```
 */
export type ArgrepBound = ArrayIndex | "-" | "+";

/**
 * One test of `argrep` on an element's value: exactly one of the fields.
 *
 * @example
 * ```ts
 * import { type ArgrepPredicate, connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const predicates: ArgrepPredicate[] = [{ glob: "warn:*" }, { re: "^error" }];
 * await client.argrep("log", "-", "+", predicates);
 * ```
 */
export type ArgrepPredicate =
  | { exact: Arg; match?: never; glob?: never; re?: never }
  | { match: Arg; exact?: never; glob?: never; re?: never }
  | { glob: Arg; exact?: never; match?: never; re?: never }
  | { re: Arg; exact?: never; match?: never; glob?: never };

/**
 * Options of `argrep` and `argrepWithValues`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.argrep("log", "-", "+", [{ match: "error" }], { nocase: true, limit: 10 });
 * ```
 */
export interface ArgrepOptions {
  /**
   * How several predicates combine: `"OR"` (an element matches when any
   * does; the server's default) or `"AND"` (when all do).
   */
  combine?: "AND" | "OR";
  /** Stop after this many matches (`LIMIT`, a positive integer). */
  limit?: number;
  /** Compare without regard to ASCII case (`NOCASE`), in every predicate. */
  nocase?: boolean;
}

/**
 * What `arop` computes over the elements of a range:
 *
 * - `"SUM"`, `"MIN"`, `"MAX"`: of the values that are numbers (others are
 *   skipped).
 * - `"AND"`, `"OR"`, `"XOR"`: bitwise, of the values as 64-bit integers
 *   (fractions truncated toward zero, non-numbers skipped).
 * - `"USED"`: how many elements the range holds.
 *
 * @example
 * ```ts
 * import { type AropOperation, connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const op: AropOperation = "SUM";
 * const total = await client.arop("readings", 0, 99, op);
 * ```
 */
export type AropOperation =
  | "SUM"
  | "MIN"
  | "MAX"
  | "AND"
  | "OR"
  | "XOR"
  | "USED";

/**
 * Options of `arlastitems`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.arlastitems("log", 10, { rev: true }); // newest first
 * ```
 */
export interface ArlastitemsOptions {
  /** Newest first (`REV`) instead of oldest first. */
  rev?: boolean;
}

/**
 * What `arinfo` reports about an array.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const info = await client.arinfo("events");
 * console.log(info.count, info.len, info.nextInsertIndex);
 * ```
 */
export interface ArrayInfo {
  /** How many elements the array holds (`count`). */
  count: number;
  /** The highest index used plus one (`len`). */
  len: ArrayIndex;
  /**
   * The index the next `arinsert` writes to, 0 before any insert or once
   * the indexes are exhausted (`next-insert-index`).
   */
  nextInsertIndex: ArrayIndex;
  /** How many slices are allocated (`slices`). */
  slices: number;
  /** The capacity of the slice directory (`directory-size`). */
  directorySize: number;
  /** Entries of the super-directory, 0 without one (`super-dir-entries`). */
  superDirEntries: number;
  /** How many indexes a slice covers (`slice-size`). */
  sliceSize: number;
}

/**
 * What `arinfoFull` reports about an array: {@linkcode ArrayInfo} and
 * statistics of its slices.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const info = await client.arinfoFull("events");
 * console.log(info.denseSlices, info.sparseSlices, info.avgDenseFill);
 * ```
 */
export interface ArrayInfoFull extends ArrayInfo {
  /** How many slices are dense (`dense-slices`). */
  denseSlices: number;
  /** How many slices are sparse (`sparse-slices`). */
  sparseSlices: number;
  /** The average allocated size of the dense slices (`avg-dense-size`). */
  avgDenseSize: number;
  /** The average fill rate of the dense slices, 0 to 1 (`avg-dense-fill`). */
  avgDenseFill: number;
  /** The average capacity of the sparse slices (`avg-sparse-size`). */
  avgSparseSize: number;
}

/** The largest index the array commands take: 2^64 - 2. */
const MAX_INDEX = 0xffff_ffff_ffff_fffen;
/** The largest index ARSEEK takes: 2^64 - 1 (the exhausted cursor). */
const MAX_SEEK_INDEX = 0xffff_ffff_ffff_ffffn;
/** The largest ARRING size: 2^63 - 1. */
const MAX_RING_SIZE = 0x7fff_ffff_ffff_ffffn;

function checkIndex(
  commandName: string,
  name: string,
  value: ArrayIndex,
  max: bigint = MAX_INDEX,
): void {
  const valid = typeof value === "bigint"
    ? value >= 0n && value <= max
    : Number.isSafeInteger(value) && value >= 0;
  if (!valid) {
    throw new TypeError(
      `Invalid ${commandName} ${name} "${value}": expected an integer from 0 to 2^64 - ${
        max === MAX_INDEX ? 2 : 1
      } (a bigint beyond 2^53 - 1)`,
    );
  }
}

function pushIndexes(
  argv: Arg[],
  commandName: string,
  indexes: readonly ArrayIndex[],
): Arg[] {
  checkNotEmpty(commandName, "index", indexes);
  for (const index of indexes) {
    checkIndex(commandName, "index", index);
    argv.push(index);
  }
  return argv;
}

function buildWithValues(
  argv: Arg[],
  commandName: string,
  values: readonly Arg[],
): Arg[] {
  checkNotEmpty(commandName, "value", values);
  for (const value of values) argv.push(value);
  return argv;
}

function buildRange(
  commandName: string,
  key: Key,
  start: ArrayIndex,
  end: ArrayIndex,
): Arg[] {
  checkIndex(commandName, "start", start);
  checkIndex(commandName, "end", end);
  return [commandName, key, start, end];
}

const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/** A record key of `armset` as an index: a number when safe, else a bigint. */
function recordIndex(key: string): ArrayIndex {
  if (!DECIMAL.test(key)) {
    throw new TypeError(
      `Invalid ARMSET index "${key}": expected an integer from 0 to 2^64 - 2`,
    );
  }
  const value = Number(key);
  return Number.isSafeInteger(value) ? value : BigInt(key);
}

function buildArmset(key: Key, entries: ArrayEntries): Arg[] {
  const argv: Arg[] = ["ARMSET", key];
  if (
    typeof entries !== "object" || entries === null ||
    entries instanceof Uint8Array
  ) {
    throw new TypeError(
      `Invalid ARMSET entries: expected an array of [index, value] pairs, a Map or a record, got ${
        entries === null
          ? "null"
          : entries instanceof Uint8Array
          ? "Uint8Array"
          : typeof entries
      }`,
    );
  }
  if (entries instanceof Map || Array.isArray(entries)) {
    for (const pair of entries as Iterable<readonly [ArrayIndex, Arg]>) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new TypeError(
          "Invalid ARMSET entry: expected an [index, value] pair",
        );
      }
      checkIndex("ARMSET", "index", pair[0]);
      argv.push(pair[0], pair[1]);
    }
  } else {
    const fields = entries as Readonly<Record<string, Arg>>;
    for (const field in fields) {
      if (!Object.hasOwn(fields, field)) continue;
      const index = recordIndex(field);
      checkIndex("ARMSET", "index", index);
      argv.push(index, fields[field]!);
    }
  }
  if (argv.length === 2) {
    throw new TypeError(
      "Invalid ARMSET call: expected at least one index and value",
    );
  }
  return argv;
}

function buildArdelrange(key: Key, ranges: readonly ArrayRange[]): Arg[] {
  checkNotEmpty("ARDELRANGE", "range", ranges);
  const argv: Arg[] = ["ARDELRANGE", key];
  for (const range of ranges) {
    if (!Array.isArray(range) || range.length !== 2) {
      throw new TypeError(
        "Invalid ARDELRANGE range: expected a [start, end] pair",
      );
    }
    const [start, end] = range;
    checkIndex("ARDELRANGE", "start", start);
    checkIndex("ARDELRANGE", "end", end);
    argv.push(start, end);
  }
  return argv;
}

const ARSCAN_KEYS = optionKeys<ArscanOptions>({ limit: true });

function buildArscan(
  key: Key,
  start: ArrayIndex,
  end: ArrayIndex,
  options?: ArscanOptions,
): Arg[] {
  const argv = buildRange("ARSCAN", key, start, end);
  if (options === undefined) return argv;
  checkKeys("ARSCAN option", options, ARSCAN_KEYS);
  if (options.limit !== undefined) {
    checkCount("ARSCAN", "limit", options.limit, 1);
    argv.push("LIMIT", options.limit);
  }
  return argv;
}

const PREDICATE_KEYS = optionKeys<ArgrepPredicate>({
  exact: true,
  match: true,
  glob: true,
  re: true,
});
const PREDICATE_TOKENS: Readonly<Record<string, string>> = {
  exact: "EXACT",
  match: "MATCH",
  glob: "GLOB",
  re: "RE",
};
const ARGREP_KEYS = optionKeys<ArgrepOptions>({
  combine: true,
  limit: true,
  nocase: true,
});

function checkBound(
  commandName: string,
  name: string,
  bound: ArgrepBound,
): void {
  if (bound === "-" || bound === "+") return;
  if (typeof bound === "string") {
    throw new TypeError(
      `Invalid ${commandName} ${name} "${bound}": expected an index, "-" or "+"`,
    );
  }
  checkIndex(commandName, name, bound);
}

function pushPredicate(argv: Arg[], predicate: ArgrepPredicate): void {
  checkKeys("ARGREP predicate", predicate, PREDICATE_KEYS);
  let name: string | undefined;
  for (const field in predicate) {
    if ((predicate as Record<string, unknown>)[field] === undefined) continue;
    if (name !== undefined) {
      throw new TypeError(
        `Invalid ARGREP predicate: "${name}" and "${field}" exclude each other`,
      );
    }
    name = field;
  }
  if (name === undefined) {
    throw new TypeError(
      `Invalid ARGREP predicate: expected one of "exact", "match", "glob" or "re"`,
    );
  }
  argv.push(
    PREDICATE_TOKENS[name]!,
    (predicate as Record<string, Arg | undefined>)[name]!,
  );
}

function buildArgrep(
  key: Key,
  start: ArgrepBound,
  end: ArgrepBound,
  predicates: readonly ArgrepPredicate[],
  options: ArgrepOptions | undefined,
  withValues: boolean,
): Arg[] {
  checkBound("ARGREP", "start", start);
  checkBound("ARGREP", "end", end);
  if (!Array.isArray(predicates)) {
    throw new TypeError(
      "Invalid ARGREP predicates: expected an array of predicates",
    );
  }
  checkNotEmpty("ARGREP", "predicate", predicates);
  const argv: Arg[] = ["ARGREP", key, start, end];
  for (const predicate of predicates) pushPredicate(argv, predicate);
  if (options !== undefined) {
    checkKeys("ARGREP option", options, ARGREP_KEYS);
    const combine = options.combine;
    if (combine !== undefined) {
      if (combine !== "AND" && combine !== "OR") {
        throw new TypeError(
          `Invalid ARGREP combine "${combine}": expected "AND" or "OR"`,
        );
      }
      argv.push(combine);
    }
    if (options.limit !== undefined) {
      checkCount("ARGREP", "limit", options.limit, 1);
      argv.push("LIMIT", options.limit);
    }
    if (options.nocase) argv.push("NOCASE");
  }
  if (withValues) argv.push("WITHVALUES");
  return argv;
}

const AROP_OPERATIONS: readonly string[] = [
  "SUM",
  "MIN",
  "MAX",
  "AND",
  "OR",
  "XOR",
  "USED",
];

function buildArop(
  key: Key,
  start: ArrayIndex,
  end: ArrayIndex,
  operation: AropOperation,
): Arg[] {
  if (!AROP_OPERATIONS.includes(operation)) {
    throw new TypeError(
      `Invalid AROP operation "${operation}": expected "SUM", "MIN", "MAX", "AND", "OR", "XOR" or "USED"`,
    );
  }
  const argv = buildRange("AROP", key, start, end);
  argv.push(operation);
  return argv;
}

function buildArring(key: Key, size: number | bigint, values: Arg[]): Arg[] {
  const valid = typeof size === "bigint"
    ? size >= 1n && size <= MAX_RING_SIZE
    : Number.isSafeInteger(size) && size >= 1;
  if (!valid) {
    throw new TypeError(
      `Invalid ARRING size "${size}": expected a positive integer`,
    );
  }
  return buildWithValues(["ARRING", key, size], "ARRING", values);
}

const ARLASTITEMS_KEYS = optionKeys<ArlastitemsOptions>({ rev: true });

function buildArlastitems(
  key: Key,
  count: number,
  options?: ArlastitemsOptions,
): Arg[] {
  checkCount("ARLASTITEMS", "count", count, 0);
  const argv: Arg[] = ["ARLASTITEMS", key, count];
  if (options === undefined) return argv;
  checkKeys("ARLASTITEMS option", options, ARLASTITEMS_KEYS);
  if (options.rev) argv.push("REV");
  return argv;
}

function values(reply: Reply): (string | null)[] {
  return list(reply) as (string | null)[];
}

function entries(reply: Reply): ArrayEntry[] {
  // Redis 8.8 sends [index, value] pairs; a flat [index, value, ...] array
  // (as some documentation shows) reads the same.
  return pairs(reply).map(([index, value]) => ({
    index: int(index),
    value: value as string,
  }));
}

function aropResult(reply: Reply): number | bigint | null {
  if (reply === null) return null;
  // AND, OR, XOR and USED answer integers; SUM, MIN and MAX bulk strings.
  if (typeof reply === "number" || typeof reply === "bigint") return reply;
  return num(reply);
}

function arrayInfo(fields: Record<string, Reply>): ArrayInfo {
  const get = (name: string): Reply => fields[name] ?? null;
  return {
    count: num(get("count")),
    len: int(get("len")),
    nextInsertIndex: int(get("next-insert-index")),
    slices: num(get("slices")),
    directorySize: num(get("directory-size")),
    superDirEntries: num(get("super-dir-entries")),
    sliceSize: num(get("slice-size")),
  };
}

function arrayInfoFull(reply: Reply): ArrayInfoFull {
  const fields = record(reply);
  const get = (name: string): Reply => fields[name] ?? null;
  return {
    ...arrayInfo(fields),
    denseSlices: num(get("dense-slices")),
    sparseSlices: num(get("sparse-slices")),
    avgDenseSize: num(get("avg-dense-size")),
    avgDenseFill: num(get("avg-dense-fill")),
    avgSparseSize: num(get("avg-sparse-size")),
  };
}

const SINCE_8_8 = { redis: "8.8.0" } as const;

/**
 * The array commands (ARSET, ARGET, ARSCAN, ARGREP, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.arset.name);
 * ```
 */
export interface ArrayCommands {
  /**
   * Counts how many elements the array holds (holes are not counted).
   * Resolves to the count, `0` when the key does not exist. Available since
   * Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.armset("sparse", [[0, "a"], [1000, "b"]]);
   * console.log(await client.arcount("sparse")); // 2
   * ```
   */
  arcount(key: Key): Promise<number>;
  /**
   * Deletes the elements at the given indexes (an array left empty is
   * deleted). Resolves to how many existed. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.ardel("events", 0, 5);
   * ```
   */
  ardel(key: Key, ...indexes: ArrayIndex[]): Promise<number>;
  /**
   * Deletes the elements of one or more inclusive ranges, each
   * `[start, end]` in either order (an array left empty is deleted).
   * Resolves to how many elements were deleted. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.ardelrange("readings", [0, 99], [500, 599]);
   * ```
   */
  ardelrange(key: Key, ...ranges: ArrayRange[]): Promise<number>;
  /**
   * Reads the element at `index`. Resolves to the value, or `null` for a
   * hole or a key that does not exist. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const value = await client.arget("events", 42);
   * ```
   */
  arget(key: Key, index: ArrayIndex): Promise<string | null>;
  /**
   * Reads every position from `start` to `end`, both included, from `end`
   * down when `start` is greater. Resolves to the values in that order,
   * `null` for holes (all `null` when the key does not exist). The server
   * refuses ranges of more than 1,000,000 positions. Available since Redis
   * 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const window = await client.argetrange("readings", 0, 9);
   * ```
   */
  argetrange(
    key: Key,
    start: ArrayIndex,
    end: ArrayIndex,
  ): Promise<(string | null)[]>;
  /**
   * Finds the elements from `start` to `end` (indexes, or `"-"` and `"+"`
   * for the ends of the array; from `end` down when `start` is greater)
   * whose value passes the predicates: `exact` (equal), `match` (contains),
   * `glob` (a glob pattern) or `re` (a regular expression). Several
   * predicates combine with OR unless `combine` is `"AND"`. Resolves to the
   * indexes of the matches, in scan order, empty when the key does not
   * exist. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const errors = await client.argrep("log", "-", "+", [{ match: "error" }], { nocase: true });
   * ```
   */
  argrep(
    key: Key,
    start: ArgrepBound,
    end: ArgrepBound,
    predicates: ArgrepPredicate[],
    options?: ArgrepOptions,
  ): Promise<ArrayIndex[]>;
  /**
   * `argrep` with the values (`WITHVALUES`): resolves to the index and the
   * value of each match, in scan order. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const hits = await client.argrepWithValues("log", 0, 99, [{ glob: "warn:*" }]);
   * for (const { index, value } of hits) console.log(index, value);
   * ```
   */
  argrepWithValues(
    key: Key,
    start: ArgrepBound,
    end: ArgrepBound,
    predicates: ArgrepPredicate[],
    options?: ArgrepOptions,
  ): Promise<ArrayEntry[]>;
  /**
   * Reports how the array is stored: its count, length, insert cursor and
   * slices. Rejects with a `ReplyError` when the key does not exist.
   * Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { count, len } = await client.arinfo("events");
   * ```
   */
  arinfo(key: Key): Promise<ArrayInfo>;
  /**
   * `arinfo` with statistics of the dense and sparse slices (`FULL`,
   * which walks every slice). Rejects with a `ReplyError` when the key
   * does not exist. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { denseSlices, sparseSlices } = await client.arinfoFull("events");
   * ```
   */
  arinfoFull(key: Key): Promise<ArrayInfoFull>;
  /**
   * Appends the values at the array's insert cursor (index 0 on a new
   * array, else right after the last insert or where `arseek` put it),
   * creating the array when needed. Resolves to the index of the last
   * value written. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const last = await client.arinsert("log", "boot", "ready");
   * ```
   */
  arinsert(key: Key, ...values: Arg[]): Promise<ArrayIndex>;
  /**
   * Reads the positions before the insert cursor (or before the end of the
   * array when there is none), at most `count` of them and at most the
   * array's length, wrapping around like a ring. Resolves to the values,
   * oldest first (newest first with `rev`), `null` for holes; empty when
   * the key does not exist. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const recent = await client.arlastitems("log", 10, { rev: true });
   * ```
   */
  arlastitems(
    key: Key,
    count: number,
    options?: ArlastitemsOptions,
  ): Promise<(string | null)[]>;
  /**
   * Resolves to the length of the array: its highest index plus one, `0`
   * when the key does not exist. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.armset("sparse", [[0, "a"], [1000, "b"]]);
   * console.log(await client.arlen("sparse")); // 1001
   * ```
   */
  arlen(key: Key): Promise<ArrayIndex>;
  /**
   * Reads the elements at the given indexes. Resolves to their values in
   * the same order, `null` for holes (all `null` when the key does not
   * exist). Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [a, b] = await client.armget("metrics", 0, 5);
   * ```
   */
  armget(key: Key, ...indexes: ArrayIndex[]): Promise<(string | null)[]>;
  /**
   * Writes values at the given indexes, creating the array when needed.
   * Resolves to how many of those positions were holes before. Available
   * since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.armset("metrics", [[0, "10"], [5, "20"], [100, "30"]]);
   * ```
   */
  armset(key: Key, entries: ArrayEntries): Promise<number>;
  /**
   * Resolves to the index the next `arinsert` writes to: `0` before any
   * insert or when the key does not exist, `null` once the cursor is past
   * the last index. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const next = await client.arnext("log");
   * ```
   */
  arnext(key: Key): Promise<ArrayIndex | null>;
  /**
   * Computes `operation` over the elements from `start` to `end`, both
   * included: `"SUM"`, `"MIN"` or `"MAX"` of the numeric values, the
   * bitwise `"AND"`, `"OR"` or `"XOR"` of the values as 64-bit integers,
   * or the count of elements (`"USED"`). Resolves to the number (a
   * `bigint` for a bitwise result beyond 2^53 - 1), or `null` when no
   * value could take part (never for `"USED"`). Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const total = await client.arop("readings", 0, 99, "SUM");
   * ```
   */
  arop(
    key: Key,
    start: ArrayIndex,
    end: ArrayIndex,
    operation: AropOperation,
  ): Promise<number | bigint | null>;
  /**
   * Counts the elements from `start` to `end`, both included, whose value
   * equals `value` (`AROP ... MATCH`). Resolves to the count, `0` when the
   * key does not exist. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const sold = await client.aropMatch("seats", 0, 99, "sold");
   * ```
   */
  aropMatch(
    key: Key,
    start: ArrayIndex,
    end: ArrayIndex,
    value: Arg,
  ): Promise<number>;
  /**
   * Writes the values into a ring buffer of `size` positions (indexes 0 to
   * `size - 1`): each goes right after the previous insert, wrapping to 0
   * at the end, so the newest replace the oldest. A `size` other than the
   * last one resizes the ring, keeping the newest values. Resolves to the
   * index of the last value written. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.arring("readings", 60, "21.5");
   * const lastMinute = await client.arlastitems("readings", 60);
   * ```
   */
  arring(
    key: Key,
    size: number | bigint,
    ...values: Arg[]
  ): Promise<ArrayIndex>;
  /**
   * Reads the elements from `start` to `end`, both included, skipping
   * holes (from `end` down when `start` is greater), at most `limit` of
   * them. Resolves to their indexes and values, empty when the key does
   * not exist. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const page = await client.arscan("events", 0, 1_000_000, { limit: 100 });
   * ```
   */
  arscan(
    key: Key,
    start: ArrayIndex,
    end: ArrayIndex,
    options?: ArscanOptions,
  ): Promise<ArrayEntry[]>;
  /**
   * Moves the insert cursor of `arinsert` and `arring`: the next insert
   * writes at `index` (up to 2^64 - 1, which leaves no index to write).
   * Resolves to `true`, or `false` when the key does not exist. Available
   * since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.arseek("log", 0); // the next arinsert overwrites index 0
   * ```
   */
  arseek(key: Key, index: ArrayIndex): Promise<boolean>;
  /**
   * Writes the values at `index` and the indexes after it, creating the
   * array when needed (the insert cursor does not move). Resolves to how
   * many of those positions were holes before. Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.arset("events", 0, "login", "click", "purchase");
   * ```
   */
  arset(key: Key, index: ArrayIndex, ...values: Arg[]): Promise<number>;
}

/** The declarations of the array commands. */
export const arrayCommands: Declarations<ArrayCommands> = {
  arcount: command({
    name: "ARCOUNT",
    build: (key: Key): Arg[] => ["ARCOUNT", key],
    keys: firstKey,
    flags: READONLY,
    reply: num,
    since: SINCE_8_8,
  }),
  ardel: command({
    name: "ARDEL",
    build: (key: Key, ...indexes: ArrayIndex[]): Arg[] =>
      pushIndexes(["ARDEL", key], "ARDEL", indexes),
    keys: firstKey,
    reply: num,
    since: SINCE_8_8,
  }),
  ardelrange: command({
    name: "ARDELRANGE",
    build: (key: Key, ...ranges: ArrayRange[]): Arg[] =>
      buildArdelrange(key, ranges),
    keys: firstKey,
    reply: num,
    since: SINCE_8_8,
  }),
  arget: command({
    name: "ARGET",
    build: (key: Key, index: ArrayIndex): Arg[] => {
      checkIndex("ARGET", "index", index);
      return ["ARGET", key, index];
    },
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as string | null,
    since: SINCE_8_8,
  }),
  argetrange: command({
    name: "ARGETRANGE",
    build: (key: Key, start: ArrayIndex, end: ArrayIndex): Arg[] =>
      buildRange("ARGETRANGE", key, start, end),
    keys: firstKey,
    flags: READONLY,
    reply: values,
    since: SINCE_8_8,
  }),
  argrep: command({
    name: "ARGREP",
    build: (
      key: Key,
      start: ArgrepBound,
      end: ArgrepBound,
      predicates: ArgrepPredicate[],
      options?: ArgrepOptions,
    ): Arg[] => buildArgrep(key, start, end, predicates, options, false),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => list(reply).map(int),
    since: SINCE_8_8,
  }),
  argrepWithValues: command({
    name: "ARGREP",
    build: (
      key: Key,
      start: ArgrepBound,
      end: ArgrepBound,
      predicates: ArgrepPredicate[],
      options?: ArgrepOptions,
    ): Arg[] => buildArgrep(key, start, end, predicates, options, true),
    keys: firstKey,
    flags: READONLY,
    reply: entries,
    since: SINCE_8_8,
  }),
  arinfo: command({
    name: "ARINFO",
    build: (key: Key): Arg[] => ["ARINFO", key],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => arrayInfo(record(reply)),
    since: SINCE_8_8,
  }),
  arinfoFull: command({
    name: "ARINFO",
    build: (key: Key): Arg[] => ["ARINFO", key, "FULL"],
    keys: firstKey,
    flags: READONLY,
    reply: arrayInfoFull,
    since: SINCE_8_8,
  }),
  arinsert: command({
    name: "ARINSERT",
    build: (key: Key, ...values: Arg[]): Arg[] =>
      buildWithValues(["ARINSERT", key], "ARINSERT", values),
    keys: firstKey,
    reply: int,
    since: SINCE_8_8,
  }),
  arlastitems: command({
    name: "ARLASTITEMS",
    build: buildArlastitems,
    keys: firstKey,
    flags: READONLY,
    reply: values,
    since: SINCE_8_8,
  }),
  arlen: command({
    name: "ARLEN",
    build: (key: Key): Arg[] => ["ARLEN", key],
    keys: firstKey,
    flags: READONLY,
    reply: int,
    since: SINCE_8_8,
  }),
  armget: command({
    name: "ARMGET",
    build: (key: Key, ...indexes: ArrayIndex[]): Arg[] =>
      pushIndexes(["ARMGET", key], "ARMGET", indexes),
    keys: firstKey,
    flags: READONLY,
    reply: values,
    since: SINCE_8_8,
  }),
  armset: command({
    name: "ARMSET",
    build: buildArmset,
    keys: firstKey,
    reply: num,
    since: SINCE_8_8,
  }),
  arnext: command({
    name: "ARNEXT",
    build: (key: Key): Arg[] => ["ARNEXT", key],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply === null ? null : int(reply),
    since: SINCE_8_8,
  }),
  arop: command({
    name: "AROP",
    build: buildArop,
    keys: firstKey,
    flags: READONLY,
    reply: aropResult,
    since: SINCE_8_8,
  }),
  aropMatch: command({
    name: "AROP",
    build: (
      key: Key,
      start: ArrayIndex,
      end: ArrayIndex,
      value: Arg,
    ): Arg[] => {
      const argv = buildRange("AROP", key, start, end);
      argv.push("MATCH", value);
      return argv;
    },
    keys: firstKey,
    flags: READONLY,
    reply: num,
    since: SINCE_8_8,
  }),
  arring: command({
    name: "ARRING",
    build: (key: Key, size: number | bigint, ...values: Arg[]): Arg[] =>
      buildArring(key, size, values),
    keys: firstKey,
    reply: int,
    since: SINCE_8_8,
  }),
  arscan: command({
    name: "ARSCAN",
    build: buildArscan,
    keys: firstKey,
    flags: READONLY,
    reply: entries,
    since: SINCE_8_8,
  }),
  arseek: command({
    name: "ARSEEK",
    build: (key: Key, index: ArrayIndex): Arg[] => {
      checkIndex("ARSEEK", "index", index, MAX_SEEK_INDEX);
      return ["ARSEEK", key, index];
    },
    keys: firstKey,
    reply: bool,
    since: SINCE_8_8,
  }),
  arset: command({
    name: "ARSET",
    build: (key: Key, index: ArrayIndex, ...values: Arg[]): Arg[] => {
      checkIndex("ARSET", "index", index);
      return buildWithValues(["ARSET", key, index], "ARSET", values);
    },
    keys: firstKey,
    reply: num,
    since: SINCE_8_8,
  }),
};
