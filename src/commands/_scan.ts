/**
 * The SCAN-family cursor loop behind `scanIterator` and its siblings.
 *
 * @module
 */

import {
  checkKeys,
  type Cursor,
  type Key,
  type KnownKeys,
  optionKeys,
} from "./_define.ts";
import type { Arg } from "../resp/types.ts";

/**
 * Options shared by the SCAN family: `match` (a glob pattern) and `count`
 * (a hint of how much work one call does).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for await (const { field } of client.hscanIterator("h", { match: "a*" })) {
 *   console.log(field);
 * }
 * ```
 */
export interface ScanMatchOptions {
  /** Only items matching this glob-style pattern (`MATCH`). */
  match?: Key;
  /** How many items each call looks at, a hint (`COUNT`). */
  count?: number;
}

/** The keys of {@linkcode ScanMatchOptions}. */
export const SCAN_MATCH_KEYS: KnownKeys = optionKeys<ScanMatchOptions>({
  match: true,
  count: true,
});

/**
 * Appends MATCH/COUNT (and TYPE) to a SCAN-family argument vector, after
 * checking the options have only `known` keys (by default those of
 * {@linkcode ScanMatchOptions}).
 */
export function scanArgs(
  argv: Arg[],
  command: string,
  options: ScanMatchOptions & { type?: string } | undefined,
  known: KnownKeys = SCAN_MATCH_KEYS,
): Arg[] {
  if (options === undefined) return argv;
  checkKeys(`${command} option`, options, known);
  if (options.match !== undefined) argv.push("MATCH", options.match);
  if (options.count !== undefined) {
    if (!Number.isSafeInteger(options.count) || options.count <= 0) {
      throw new TypeError(
        `Invalid ${command} count "${options.count}": expected a positive integer`,
      );
    }
    argv.push("COUNT", options.count);
  }
  if (options.type !== undefined) argv.push("TYPE", options.type);
  return argv;
}

/**
 * Runs a cursor loop from `"0"` until the server returns `"0"` again,
 * yielding each item of each page. Breaking out of the loop stops it
 * before the next call.
 */
export async function* iterateScan<T>(
  fetch: (cursor: Cursor) => Promise<{ cursor: Cursor; items: T[] }>,
): AsyncGenerator<T, void, undefined> {
  let cursor: Cursor = "0";
  do {
    const page = await fetch(cursor);
    cursor = page.cursor;
    yield* page.items;
  } while (cursor !== "0");
}
