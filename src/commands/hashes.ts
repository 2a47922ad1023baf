/**
 * The hash commands (HSET, HGETALL, HSCAN, ...).
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
  READONLY,
  str,
} from "./_define.ts";
import { scanArgs, type ScanMatchOptions } from "./_scan.ts";

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
   * Returns one page of the fields and values of the hash at `key`, starting
   * from `cursor` (`"0"` to begin). Most callers want
   * `client.hscanIterator(key)`. Available since Redis 2.8.
   *
   * @example
   * ```ts ignore
   * const { cursor, entries } = await client.hscan("user:1", "0", { count: 100 });
   * ```
   */
  hscan: Command<
    [key: Key, cursor: Cursor, options?: ScanMatchOptions],
    HScanPage
  >;
}

/** The declarations of the hash commands. */
export const hashCommands: HashCommands = {
  hscan: command({
    name: "HSCAN",
    build: (key: Key, cursor: Cursor, options?: ScanMatchOptions): Arg[] =>
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
};
