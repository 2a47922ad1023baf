/**
 * Generic key commands.
 *
 * @module
 */

import type { Arg } from "../resp/types.ts";
import {
  allKeys,
  bool,
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
 * Options of `scan` and `scanIterator`.
 *
 * @example
 * ```ts ignore
 * const page = await client.scan("0", { match: "user:*", count: 100, type: "hash" });
 * ```
 */
export interface ScanOptions extends ScanMatchOptions {
  /** Only keys of this type (`TYPE`, Redis 6.0+), such as `"hash"`. */
  type?: string;
}

/**
 * One page of `scan`: the cursor for the next call and the keys found.
 *
 * @example
 * ```ts ignore
 * const { cursor, keys } = await client.scan("0");
 * ```
 */
export interface ScanPage {
  /** Pass this to the next call; `"0"` when the scan is complete. */
  cursor: Cursor;
  /** The keys of this page (a key may show up in more than one page). */
  keys: string[];
}

/**
 * Options of `expire`: at most one condition (Redis 7.0+).
 *
 * @example
 * ```ts ignore
 * await client.expire("session", 60, { gt: true });
 * ```
 */
export type ExpireOptions =
  | { nx: true; xx?: never; gt?: never; lt?: never }
  | { xx: true; nx?: never; gt?: never; lt?: never }
  | { gt: true; nx?: never; xx?: never; lt?: never }
  | { lt: true; nx?: never; xx?: never; gt?: never }
  | { nx?: never; xx?: never; gt?: never; lt?: never };

function buildExpire(
  key: Key,
  seconds: number,
  options?: ExpireOptions,
): Arg[] {
  if (!Number.isInteger(seconds)) {
    throw new TypeError(
      `Invalid EXPIRE seconds: expected an integer, got ${seconds}`,
    );
  }
  const argv: Arg[] = ["EXPIRE", key, seconds];
  if (options === undefined) return argv;
  const conditions = (["nx", "xx", "gt", "lt"] as const).filter((name) =>
    options[name]
  );
  if (conditions.length > 1) {
    throw new TypeError(
      `Invalid EXPIRE options: ${
        conditions.map((name) => `"${name}"`).join(" and ")
      } exclude each other`,
    );
  }
  if (conditions[0]) argv.push(conditions[0].toUpperCase());
  return argv;
}

function keysCommand(name: string, keys: Key[]): Arg[] {
  if (keys.length === 0) {
    throw new TypeError(`${name} needs at least one key`);
  }
  return [name, ...keys];
}

/**
 * Generic key commands.
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.del.name);
 * ```
 */
export interface KeyCommands {
  /**
   * Deletes the keys and returns how many existed. Available since Redis 1.0.
   *
   * @example
   * ```ts ignore
   * console.log(await client.del("a", "b")); // 2
   * ```
   */
  del: Command<Key[], number>;
  /**
   * Returns how many of the keys exist (a key given twice counts twice).
   * Available since Redis 1.0; several keys since 3.0.3.
   *
   * @example
   * ```ts ignore
   * if (await client.exists("session")) console.log("logged in");
   * ```
   */
  exists: Command<Key[], number>;
  /**
   * Sets a time to live in seconds; `true` when it was set, `false` when the
   * key does not exist or the condition was not met. Available since Redis
   * 1.0; conditions since 7.0.
   *
   * @example
   * ```ts ignore
   * await client.expire("session", 3600);
   * ```
   */
  expire: Command<
    [key: Key, seconds: number, options?: ExpireOptions],
    boolean
  >;
  /**
   * Returns the remaining time to live in seconds, `-1` when the key has no
   * expiry and `-2` when it does not exist. Available since Redis 1.0.
   *
   * @example
   * ```ts ignore
   * console.log(await client.ttl("session")); // 3599
   * ```
   */
  ttl: Command<[key: Key], number>;
  /**
   * Returns one page of the keys in the database, starting from `cursor`
   * (`"0"` to begin). Most callers want `client.scanIterator()`, which runs
   * the loop. Available since Redis 2.8; `type` since 6.0.
   *
   * @example
   * ```ts ignore
   * let cursor = "0";
   * do {
   *   const page = await client.scan(cursor, { match: "user:*" });
   *   cursor = page.cursor;
   *   console.log(page.keys);
   * } while (cursor !== "0");
   * ```
   */
  scan: Command<[cursor: Cursor, options?: ScanOptions], ScanPage>;
}

/** The declarations of the generic key commands. */
export const keyCommands: KeyCommands = {
  del: command({
    name: "DEL",
    build: (...keys: Key[]): Arg[] => keysCommand("DEL", keys),
    keys: allKeys,
    reply: (reply) => reply as number,
  }),
  exists: command({
    name: "EXISTS",
    build: (...keys: Key[]): Arg[] => keysCommand("EXISTS", keys),
    keys: allKeys,
    flags: READONLY,
    reply: (reply) => reply as number,
  }),
  expire: command({
    name: "EXPIRE",
    build: buildExpire,
    keys: firstKey,
    reply: bool,
  }),
  ttl: command({
    name: "TTL",
    build: (key: Key): Arg[] => ["TTL", key],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as number,
  }),
  scan: command({
    name: "SCAN",
    build: (cursor: Cursor, options?: ScanOptions): Arg[] =>
      scanArgs(["SCAN", cursor], "SCAN", options),
    flags: READONLY,
    reply: (reply) => {
      const [cursor, keys] = list(reply);
      return { cursor: str(cursor!) as Cursor, keys: list(keys!) as string[] };
    },
  }),
};
