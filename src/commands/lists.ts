/**
 * The list commands (LPUSH, LRANGE, BLPOP, ...).
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
  type Declarations,
  firstKey,
  type Key,
  keysAt,
  keysFrom,
  list,
  num,
  numkeysAt,
  ok,
  optionKeys,
  READONLY,
} from "./_define.ts";

/**
 * An end of a list: `"LEFT"` is the head, `"RIGHT"` the tail.
 *
 * @example
 * ```ts
 * import { connect, type ListSide } from "@respite/redis";
 *
 * await using client = await connect();
 * const from: ListSide = "LEFT";
 * await client.lmove("queue", "processing", from, "RIGHT");
 * ```
 */
export type ListSide = "LEFT" | "RIGHT";

/**
 * What `blpop` and `brpop` resolve to: the key an element was popped from,
 * and the element.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const popped = await client.blpop(["jobs:high", "jobs:low"], 5);
 * if (popped) console.log(popped.key, popped.element);
 * ```
 */
export interface ListPopped {
  /** The key of the list the element came from. */
  key: string;
  /** The popped element. */
  element: string;
}

/**
 * What `lmpop` and `blmpop` resolve to: the key elements were popped from,
 * and the elements in the order they were popped.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const popped = await client.lmpop(["a", "b"], "LEFT", { count: 10 });
 * if (popped) console.log(popped.key, popped.elements.length);
 * ```
 */
export interface ListMultiPopped {
  /** The key of the first non-empty list, the one popped from. */
  key: string;
  /** The popped elements, at most `count`. */
  elements: string[];
}

/**
 * Options of `lmpop` and `blmpop`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.lmpop(["a", "b"], "RIGHT", { count: 3 });
 * ```
 */
export interface LmpopOptions {
  /** Pop up to this many elements (a positive integer; the default is 1). */
  count?: number;
}

/**
 * Options of `lpos` and `lposCount`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.lpos("letters", "a", { rank: -1, maxlen: 1000 });
 * ```
 */
export interface LposOptions {
  /**
   * Which match to start from: `1` the first, `2` the second, `-1` the last
   * counting from the tail, and so on. Never `0`.
   */
  rank?: number;
  /** Compare at most this many elements (`0`, the default, means all). */
  maxlen?: number;
}

/**
 * How `lmovem` and `blmovem` put several elements on `destination`:
 * `"OBO"` (one by one) as that many `lmove` calls would, so that elements
 * pushed to the end they were taken from come out reversed; `"BULK"` as
 * one block that keeps the order the elements had in `source`.
 *
 * @example
 * ```ts
 * import type { LmovemOrder } from "@respite/redis";
 *
 * const order: LmovemOrder = "BULK";
 * ```
 */
export type LmovemOrder = "OBO" | "BULK";

/**
 * Options of `lmovem` and `blmovem`: how many elements to move, up to
 * `count` or exactly `exactly` (one of them), and in what `order`
 * (required with either). Without options one element moves.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.lmovem("jobs", "working", "LEFT", "RIGHT", { count: 10, order: "BULK" });
 * await client.lmovem("pairs", "taken", "LEFT", "RIGHT", { exactly: 2, order: "BULK" });
 * ```
 */
export type LmovemOptions =
  | {
    /**
     * Move up to this many elements (`COUNT`, a positive integer): all of
     * them when `source` has fewer.
     */
    count: number;
    /** Excluded by `count`. */
    exactly?: never;
    /** How the moved elements land on `destination` (`OBO` or `BULK`). */
    order: LmovemOrder;
  }
  | {
    /** Excluded by `exactly`. */
    count?: never;
    /**
     * Move exactly this many elements (`EXACTLY`, a positive integer), or
     * none when `source` has fewer.
     */
    exactly: number;
    /** How the moved elements land on `destination` (`OBO` or `BULK`). */
    order: LmovemOrder;
  };

const SIDES: readonly string[] = ["LEFT", "RIGHT"];

function checkSide(commandName: string, name: string, side: string): void {
  if (!SIDES.includes(side)) {
    throw new TypeError(
      `Invalid ${commandName} ${name} "${side}": expected "LEFT" or "RIGHT"`,
    );
  }
}

function checkTimeout(commandName: string, timeout: number): void {
  if (typeof timeout !== "number" || !Number.isFinite(timeout) || timeout < 0) {
    throw new TypeError(
      `Invalid ${commandName} timeout "${timeout}": expected a non-negative number of seconds`,
    );
  }
}

function buildPush(name: string, key: Key, elements: Arg[]): Arg[] {
  checkNotEmpty(name, "element", elements);
  return [name, key, ...elements];
}

function buildPopCount(name: string, key: Key, count: number): Arg[] {
  checkCount(name, "count", count, 0);
  return [name, key, count];
}

function buildBlockingPop(name: string, keys: Key[], timeout: number): Arg[] {
  checkNotEmpty(name, "key", keys);
  checkTimeout(name, timeout);
  return [name, ...keys, timeout];
}

function buildMove(
  name: string,
  source: Key,
  destination: Key,
  wherefrom: ListSide,
  whereto: ListSide,
): Arg[] {
  checkSide(name, "wherefrom", wherefrom);
  checkSide(name, "whereto", whereto);
  return [name, source, destination, wherefrom, whereto];
}

const LMOVEM_KEYS = optionKeys<LmovemOptions>({
  count: true,
  exactly: true,
  order: true,
});

/** Appends `COUNT n`/`EXACTLY n` and `OBO`/`BULK` of `lmovem` options. */
function pushHowMany(
  argv: Arg[],
  name: string,
  options: LmovemOptions | undefined,
): Arg[] {
  if (options === undefined) return argv;
  checkKeys(`${name} option`, options, LMOVEM_KEYS);
  checkExclusive(name, options, ["count", "exactly"]);
  const order = options.order;
  let selector: "count" | "exactly";
  if (options.count !== undefined) {
    selector = "count";
    checkCount(name, "count", options.count, 1);
    argv.push("COUNT", options.count);
  } else if (options.exactly !== undefined) {
    selector = "exactly";
    checkCount(name, "exactly", options.exactly, 1);
    argv.push("EXACTLY", options.exactly);
  } else if (order === undefined) {
    return argv;
  } else {
    throw new TypeError(
      `Invalid ${name} options: "order" needs "count" or "exactly"`,
    );
  }
  if (order !== "OBO" && order !== "BULK") {
    throw new TypeError(
      order === undefined
        ? `Invalid ${name} options: "${selector}" needs "order"`
        : `Invalid ${name} order "${order}": expected "OBO" or "BULK"`,
    );
  }
  argv.push(order);
  return argv;
}

/** The moved elements, or `null` (`EXACTLY` not met, or a timeout). */
function toMoved(reply: Reply): string[] | null {
  return reply === null ? null : list(reply) as string[];
}

const MPOP_KEYS = optionKeys<LmpopOptions>({ count: true });

function pushMpop(
  argv: Arg[],
  name: string,
  keys: Key[],
  where: ListSide,
  options: LmpopOptions | undefined,
): Arg[] {
  checkNotEmpty(name, "key", keys);
  checkSide(name, "where", where);
  argv.push(keys.length, ...keys, where);
  if (options === undefined) return argv;
  checkKeys(`${name} option`, options, MPOP_KEYS);
  if (options.count !== undefined) {
    checkCount(name, "count", options.count, 1);
    argv.push("COUNT", options.count);
  }
  return argv;
}

const LPOS_KEYS = optionKeys<LposOptions>({ rank: true, maxlen: true });

function buildLpos(
  key: Key,
  element: Arg,
  count: number | undefined,
  options: LposOptions | undefined,
): Arg[] {
  const argv: Arg[] = ["LPOS", key, element];
  if (options !== undefined) checkKeys("LPOS option", options, LPOS_KEYS);
  if (options?.rank !== undefined) {
    if (!Number.isSafeInteger(options.rank) || options.rank === 0) {
      throw new TypeError(
        `Invalid LPOS rank "${options.rank}": expected a non-zero integer`,
      );
    }
    argv.push("RANK", options.rank);
  }
  if (count !== undefined) {
    checkCount("LPOS", "count", count, 0);
    argv.push("COUNT", count);
  }
  if (options?.maxlen !== undefined) {
    checkCount("LPOS", "maxlen", options.maxlen, 0);
    argv.push("MAXLEN", options.maxlen);
  }
  return argv;
}

function toPopped(reply: Reply): ListPopped | null {
  if (reply === null) return null;
  const [key, element] = list(reply);
  return { key: key as string, element: element as string };
}

function toMultiPopped(reply: Reply): ListMultiPopped | null {
  if (reply === null) return null;
  const [key, elements] = list(reply);
  return { key: key as string, elements: list(elements!) as string[] };
}

/**
 * The list commands (LPUSH, LRANGE, BLPOP, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.lpush.name);
 * ```
 */
export interface ListCommands {
  /**
   * Atomically takes an element from one end of `source` and puts it at one
   * end of `destination`, waiting up to `timeout` seconds (`0` waits
   * forever) while `source` is empty. Resolves to the moved element, or
   * `null` on timeout. Blocks the connection while waiting. Available since
   * Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const job = await client.blmove("jobs", "working", "LEFT", "RIGHT", 5);
   * ```
   */
  blmove(
    source: Key,
    destination: Key,
    wherefrom: ListSide,
    whereto: ListSide,
    timeout: number,
  ): Promise<string | null>;
  /**
   * `lmovem` that waits up to `timeout` seconds (`0` waits forever) while
   * `source` is empty, or with `exactly` while it has fewer elements than
   * that. Resolves to the moved elements in their order on `destination`,
   * or `null` on timeout. Blocks the connection while waiting. Available
   * since Redis 8.10.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using worker = await connect();
   * const batch = await worker.blmovem("jobs", "working", "LEFT", "RIGHT", 5, {
   *   count: 100,
   *   order: "BULK",
   * });
   * ```
   */
  blmovem(
    source: Key,
    destination: Key,
    wherefrom: ListSide,
    whereto: ListSide,
    timeout: number,
    options?: LmovemOptions,
  ): Promise<string[] | null>;
  /**
   * Pops up to `count` elements (default 1) from one end of the first
   * non-empty list among `keys`, waiting up to `timeout` seconds (`0` waits
   * forever) while all are empty. Resolves to the key and the elements, or
   * `null` on timeout. Blocks the connection while waiting. Available since
   * Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const popped = await client.blmpop(["a", "b"], "LEFT", 2.5, { count: 10 });
   * ```
   */
  blmpop(
    keys: Key[],
    where: ListSide,
    timeout: number,
    options?: LmpopOptions,
  ): Promise<ListMultiPopped | null>;
  /**
   * Pops the head of the first non-empty list among `keys`, waiting up to
   * `timeout` seconds (`0` waits forever) while all are empty. Resolves to
   * the key and the element, or `null` on timeout. Blocks the connection
   * while waiting. Available since Redis 2.0; fractional timeouts since 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const popped = await client.blpop(["jobs:high", "jobs:low"], 0.5);
   * ```
   */
  blpop(keys: Key[], timeout: number): Promise<ListPopped | null>;
  /**
   * Pops the tail of the first non-empty list among `keys`, waiting up to
   * `timeout` seconds (`0` waits forever) while all are empty. Resolves to
   * the key and the element, or `null` on timeout. Blocks the connection
   * while waiting. Available since Redis 2.0; fractional timeouts since 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const popped = await client.brpop(["jobs"], 1);
   * ```
   */
  brpop(keys: Key[], timeout: number): Promise<ListPopped | null>;
  /**
   * Moves the tail of `source` to the head of `destination`, waiting up to
   * `timeout` seconds (`0` waits forever) while `source` is empty. Resolves
   * to the element, or `null` on timeout. Superseded by `blmove`. Available
   * since Redis 2.2; fractional timeouts since 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const job = await client.brpoplpush("jobs", "working", 5);
   * ```
   */
  brpoplpush(
    source: Key,
    destination: Key,
    timeout: number,
  ): Promise<string | null>;
  /**
   * Reads the element at `index` (negative counts from the tail). Resolves
   * to the element, or `null` when the index is out of range or the key
   * does not exist. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const last = await client.lindex("letters", -1);
   * ```
   */
  lindex(key: Key, index: number): Promise<string | null>;
  /**
   * Inserts `element` right before or after the first occurrence of
   * `pivot`. Resolves to the new length, `-1` when `pivot` was not found,
   * or `0` when the key does not exist. Available since Redis 2.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.linsert("letters", "BEFORE", "c", "b");
   * ```
   */
  linsert(
    key: Key,
    where: "BEFORE" | "AFTER",
    pivot: Arg,
    element: Arg,
  ): Promise<number>;
  /**
   * Resolves to the length of the list, `0` when the key does not exist.
   * Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const pending = await client.llen("jobs");
   * ```
   */
  llen(key: Key): Promise<number>;
  /**
   * Atomically takes an element from one end of `source` and puts it at one
   * end of `destination` (which may be the same list, to rotate it).
   * Resolves to the moved element, or `null` when `source` is empty.
   * Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.lmove("jobs", "working", "LEFT", "RIGHT");
   * ```
   */
  lmove(
    source: Key,
    destination: Key,
    wherefrom: ListSide,
    whereto: ListSide,
  ): Promise<string | null>;
  /**
   * Atomically moves several elements from one end of `source` to one end
   * of `destination`: one without options, up to `count`, or exactly
   * `exactly` (or none), landing in `order`. Resolves to the moved
   * elements in their order on `destination` (empty when `source` does not
   * exist), or `null` when `exactly` could not be met. Available since
   * Redis 8.10.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.lmovem("jobs", "working", "LEFT", "RIGHT", { count: 10, order: "BULK" });
   * ```
   */
  lmovem(
    source: Key,
    destination: Key,
    wherefrom: ListSide,
    whereto: ListSide,
    options?: LmovemOptions,
  ): Promise<string[] | null>;
  /**
   * Pops up to `count` elements (default 1) from one end of the first
   * non-empty list among `keys`. Resolves to the key and the elements, or
   * `null` when every list is empty. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const popped = await client.lmpop(["a", "b"], "RIGHT", { count: 5 });
   * ```
   */
  lmpop(
    keys: Key[],
    where: ListSide,
    options?: LmpopOptions,
  ): Promise<ListMultiPopped | null>;
  /**
   * Removes and returns the head of the list, or `null` when the key does
   * not exist. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const next = await client.lpop("jobs");
   * ```
   */
  lpop(key: Key): Promise<string | null>;
  /**
   * Removes and returns up to `count` elements from the head of the list,
   * or `null` when the key does not exist. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const batch = await client.lpopCount("jobs", 10);
   * ```
   */
  lpopCount(key: Key, count: number): Promise<string[] | null>;
  /**
   * Finds the index of `element` in the list (the `rank`-th match when
   * given, looking at no more than `maxlen` elements). Resolves to the
   * index, or `null` when there is no match. Available since Redis 6.0.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const lastA = await client.lpos("letters", "a", { rank: -1 });
   * ```
   */
  lpos(key: Key, element: Arg, options?: LposOptions): Promise<number | null>;
  /**
   * Finds the indexes of up to `count` matches of `element` (`0` for all of
   * them), starting at the `rank`-th match. Resolves to the indexes, empty
   * when there is none. Available since Redis 6.0.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const all = await client.lposCount("letters", "a", 0);
   * ```
   */
  lposCount(
    key: Key,
    element: Arg,
    count: number,
    options?: LposOptions,
  ): Promise<number[]>;
  /**
   * Prepends the elements one after the other (so the last one ends up
   * first), creating the list when needed. Resolves to the new length.
   * Available since Redis 1.0; several elements since 2.4.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.lpush("letters", "c", "b", "a");
   * ```
   */
  lpush(key: Key, ...elements: Arg[]): Promise<number>;
  /**
   * Prepends the elements only when the list already exists. Resolves to
   * the new length, `0` when the key does not exist. Available since Redis
   * 2.2; several elements since 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.lpushx("letters", "z");
   * ```
   */
  lpushx(key: Key, ...elements: Arg[]): Promise<number>;
  /**
   * Reads the elements from `start` to `stop`, both included (negative
   * indexes count from the tail, `-1` is the last). Resolves to the
   * elements, empty when the key does not exist. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const all = await client.lrange("letters", 0, -1);
   * ```
   */
  lrange(key: Key, start: number, stop: number): Promise<string[]>;
  /**
   * Removes occurrences of `element`: the first `count` from the head when
   * `count` is positive, the last `-count` from the tail when negative, all
   * when `0`. Resolves to how many were removed. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.lrem("letters", 0, "a");
   * ```
   */
  lrem(key: Key, count: number, element: Arg): Promise<number>;
  /**
   * Overwrites the element at `index` (negative counts from the tail).
   * Resolves to `"OK"`; fails when the index is out of range. Available
   * since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.lset("letters", 0, "A");
   * ```
   */
  lset(key: Key, index: number, element: Arg): Promise<"OK">;
  /**
   * Keeps only the elements from `start` to `stop`, both included, and
   * drops the rest. Resolves to `"OK"`. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.ltrim("recent", 0, 99);
   * ```
   */
  ltrim(key: Key, start: number, stop: number): Promise<"OK">;
  /**
   * Removes and returns the tail of the list, or `null` when the key does
   * not exist. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const newest = await client.rpop("jobs");
   * ```
   */
  rpop(key: Key): Promise<string | null>;
  /**
   * Removes and returns up to `count` elements from the tail of the list,
   * tail first, or `null` when the key does not exist. Available since
   * Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const newest = await client.rpopCount("jobs", 10);
   * ```
   */
  rpopCount(key: Key, count: number): Promise<string[] | null>;
  /**
   * Moves the tail of `source` to the head of `destination`. Resolves to
   * the element, or `null` when `source` is empty. Superseded by `lmove`.
   * Available since Redis 1.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.rpoplpush("jobs", "working");
   * ```
   */
  rpoplpush(source: Key, destination: Key): Promise<string | null>;
  /**
   * Appends the elements, creating the list when needed. Resolves to the
   * new length. Available since Redis 1.0; several elements since 2.4.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.rpush("jobs", "a", "b");
   * ```
   */
  rpush(key: Key, ...elements: Arg[]): Promise<number>;
  /**
   * Appends the elements only when the list already exists. Resolves to the
   * new length, `0` when the key does not exist. Available since Redis 2.2;
   * several elements since 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.rpushx("jobs", "c");
   * ```
   */
  rpushx(key: Key, ...elements: Arg[]): Promise<number>;
}

/** The declarations of the list commands. */
export const listCommands: Declarations<ListCommands> = {
  blmove: command({
    name: "BLMOVE",
    build: (
      source: Key,
      destination: Key,
      wherefrom: ListSide,
      whereto: ListSide,
      timeout: number,
    ): Arg[] => {
      const argv = buildMove("BLMOVE", source, destination, wherefrom, whereto);
      checkTimeout("BLMOVE", timeout);
      argv.push(timeout);
      return argv;
    },
    keys: keysAt(1, 2),
    flags: BLOCKING,
    reply: (reply) => reply as string | null,
  }),
  blmovem: command({
    name: "BLMOVEM",
    build: (
      source: Key,
      destination: Key,
      wherefrom: ListSide,
      whereto: ListSide,
      timeout: number,
      options?: LmovemOptions,
    ): Arg[] => {
      const argv = buildMove(
        "BLMOVEM",
        source,
        destination,
        wherefrom,
        whereto,
      );
      checkTimeout("BLMOVEM", timeout);
      argv.push(timeout);
      return pushHowMany(argv, "BLMOVEM", options);
    },
    keys: keysAt(1, 2),
    flags: BLOCKING,
    reply: toMoved,
    since: { redis: "8.10.0" },
  }),
  blmpop: command({
    name: "BLMPOP",
    build: (
      keys: Key[],
      where: ListSide,
      timeout: number,
      options?: LmpopOptions,
    ): Arg[] => {
      checkTimeout("BLMPOP", timeout);
      return pushMpop(["BLMPOP", timeout], "BLMPOP", keys, where, options);
    },
    keys: numkeysAt(2),
    flags: BLOCKING,
    reply: toMultiPopped,
  }),
  blpop: command({
    name: "BLPOP",
    build: (keys: Key[], timeout: number): Arg[] =>
      buildBlockingPop("BLPOP", keys, timeout),
    keys: keysFrom(1, 1, 1),
    flags: BLOCKING,
    reply: toPopped,
  }),
  brpop: command({
    name: "BRPOP",
    build: (keys: Key[], timeout: number): Arg[] =>
      buildBlockingPop("BRPOP", keys, timeout),
    keys: keysFrom(1, 1, 1),
    flags: BLOCKING,
    reply: toPopped,
  }),
  brpoplpush: command({
    name: "BRPOPLPUSH",
    build: (source: Key, destination: Key, timeout: number): Arg[] => {
      checkTimeout("BRPOPLPUSH", timeout);
      return ["BRPOPLPUSH", source, destination, timeout];
    },
    keys: keysAt(1, 2),
    flags: BLOCKING,
    reply: (reply) => reply as string | null,
  }),
  lindex: command({
    name: "LINDEX",
    build: (key: Key, index: number): Arg[] => {
      checkInteger("LINDEX", "index", index);
      return ["LINDEX", key, index];
    },
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as string | null,
  }),
  linsert: command({
    name: "LINSERT",
    build: (
      key: Key,
      where: "BEFORE" | "AFTER",
      pivot: Arg,
      element: Arg,
    ): Arg[] => {
      if (where !== "BEFORE" && where !== "AFTER") {
        throw new TypeError(
          `Invalid LINSERT where "${where}": expected "BEFORE" or "AFTER"`,
        );
      }
      return ["LINSERT", key, where, pivot, element];
    },
    keys: firstKey,
    reply: (reply) => reply as number,
  }),
  llen: command({
    name: "LLEN",
    build: (key: Key): Arg[] => ["LLEN", key],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as number,
  }),
  lmove: command({
    name: "LMOVE",
    build: (
      source: Key,
      destination: Key,
      wherefrom: ListSide,
      whereto: ListSide,
    ): Arg[] => buildMove("LMOVE", source, destination, wherefrom, whereto),
    keys: keysAt(1, 2),
    reply: (reply) => reply as string | null,
  }),
  lmovem: command({
    name: "LMOVEM",
    build: (
      source: Key,
      destination: Key,
      wherefrom: ListSide,
      whereto: ListSide,
      options?: LmovemOptions,
    ): Arg[] =>
      pushHowMany(
        buildMove("LMOVEM", source, destination, wherefrom, whereto),
        "LMOVEM",
        options,
      ),
    keys: keysAt(1, 2),
    reply: toMoved,
    since: { redis: "8.10.0" },
  }),
  lmpop: command({
    name: "LMPOP",
    build: (keys: Key[], where: ListSide, options?: LmpopOptions): Arg[] =>
      pushMpop(["LMPOP"], "LMPOP", keys, where, options),
    keys: numkeysAt(1),
    reply: toMultiPopped,
  }),
  lpop: command({
    name: "LPOP",
    build: (key: Key): Arg[] => ["LPOP", key],
    keys: firstKey,
    reply: (reply) => reply as string | null,
  }),
  lpopCount: command({
    name: "LPOP",
    build: (key: Key, count: number): Arg[] =>
      buildPopCount("LPOP", key, count),
    keys: firstKey,
    reply: (reply) => reply === null ? null : list(reply) as string[],
  }),
  lpos: command({
    name: "LPOS",
    build: (key: Key, element: Arg, options?: LposOptions): Arg[] =>
      buildLpos(key, element, undefined, options),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply === null ? null : num(reply),
  }),
  lposCount: command({
    name: "LPOS",
    build: (
      key: Key,
      element: Arg,
      count: number,
      options?: LposOptions,
    ): Arg[] => buildLpos(key, element, count, options),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => list(reply).map(num),
  }),
  lpush: command({
    name: "LPUSH",
    build: (key: Key, ...elements: Arg[]): Arg[] =>
      buildPush("LPUSH", key, elements),
    keys: firstKey,
    reply: (reply) => reply as number,
  }),
  lpushx: command({
    name: "LPUSHX",
    build: (key: Key, ...elements: Arg[]): Arg[] =>
      buildPush("LPUSHX", key, elements),
    keys: firstKey,
    reply: (reply) => reply as number,
  }),
  lrange: command({
    name: "LRANGE",
    build: (key: Key, start: number, stop: number): Arg[] => {
      checkInteger("LRANGE", "start", start);
      checkInteger("LRANGE", "stop", stop);
      return ["LRANGE", key, start, stop];
    },
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => list(reply) as string[],
  }),
  lrem: command({
    name: "LREM",
    build: (key: Key, count: number, element: Arg): Arg[] => {
      checkInteger("LREM", "count", count);
      return ["LREM", key, count, element];
    },
    keys: firstKey,
    reply: (reply) => reply as number,
  }),
  lset: command({
    name: "LSET",
    build: (key: Key, index: number, element: Arg): Arg[] => {
      checkInteger("LSET", "index", index);
      return ["LSET", key, index, element];
    },
    keys: firstKey,
    reply: ok,
  }),
  ltrim: command({
    name: "LTRIM",
    build: (key: Key, start: number, stop: number): Arg[] => {
      checkInteger("LTRIM", "start", start);
      checkInteger("LTRIM", "stop", stop);
      return ["LTRIM", key, start, stop];
    },
    keys: firstKey,
    reply: ok,
  }),
  rpop: command({
    name: "RPOP",
    build: (key: Key): Arg[] => ["RPOP", key],
    keys: firstKey,
    reply: (reply) => reply as string | null,
  }),
  rpopCount: command({
    name: "RPOP",
    build: (key: Key, count: number): Arg[] =>
      buildPopCount("RPOP", key, count),
    keys: firstKey,
    reply: (reply) => reply === null ? null : list(reply) as string[],
  }),
  rpoplpush: command({
    name: "RPOPLPUSH",
    build: (source: Key, destination: Key): Arg[] => [
      "RPOPLPUSH",
      source,
      destination,
    ],
    keys: keysAt(1, 2),
    reply: (reply) => reply as string | null,
  }),
  rpush: command({
    name: "RPUSH",
    build: (key: Key, ...elements: Arg[]): Arg[] =>
      buildPush("RPUSH", key, elements),
    keys: firstKey,
    reply: (reply) => reply as number,
  }),
  rpushx: command({
    name: "RPUSHX",
    build: (key: Key, ...elements: Arg[]): Arg[] =>
      buildPush("RPUSHX", key, elements),
    keys: firstKey,
    reply: (reply) => reply as number,
  }),
};
