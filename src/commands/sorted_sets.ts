/**
 * The sorted set commands (ZADD, ZRANGE, ZSCAN, ...).
 *
 * @module
 */

import type { Arg } from "../resp/types.ts";
import {
  type Command,
  command,
  type Cursor,
  firstKey,
  type Key,
  list,
  num,
  READONLY,
  str,
} from "./_define.ts";
import { scanArgs, type ScanMatchOptions } from "./_scan.ts";

/**
 * One page of `zscan`: the cursor for the next call and the members found
 * with their scores.
 *
 * @example
 * ```ts ignore
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
 * The sorted set commands (ZADD, ZRANGE, ZSCAN, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.zadd.name);
 * ```
 */
export interface SortedSetCommands {
  /**
   * Returns one page of the members and scores of the sorted set at `key`,
   * starting from `cursor` (`"0"` to begin). Most callers want
   * `client.zscanIterator(key)`. Available since Redis 2.8.
   *
   * @example
   * ```ts ignore
   * const { cursor, members } = await client.zscan("board", "0");
   * ```
   */
  zscan: Command<
    [key: Key, cursor: Cursor, options?: ScanMatchOptions],
    ZScanPage
  >;
}

/** The declarations of the sorted set commands. */
export const sortedSetCommands: SortedSetCommands = {
  zscan: command({
    name: "ZSCAN",
    build: (key: Key, cursor: Cursor, options?: ScanMatchOptions): Arg[] =>
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
};
