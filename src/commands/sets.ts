/**
 * The set commands (SADD, SMEMBERS, SSCAN, ...).
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
 * One page of `sscan`: the cursor for the next call and the members found.
 *
 * @example
 * ```ts ignore
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
 * The set commands (SADD, SMEMBERS, SSCAN, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.sadd.name);
 * ```
 */
export interface SetCommands {
  /**
   * Returns one page of the members of the set at `key`, starting from
   * `cursor` (`"0"` to begin). Most callers want `client.sscanIterator(key)`.
   * Available since Redis 2.8.
   *
   * @example
   * ```ts ignore
   * const { cursor, members } = await client.sscan("tags", "0", { match: "a*" });
   * ```
   */
  sscan: Command<
    [key: Key, cursor: Cursor, options?: ScanMatchOptions],
    SScanPage
  >;
}

/** The declarations of the set commands. */
export const setCommands: SetCommands = {
  sscan: command({
    name: "SSCAN",
    build: (key: Key, cursor: Cursor, options?: ScanMatchOptions): Arg[] =>
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
};
