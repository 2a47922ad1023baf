/**
 * Generic key commands.
 *
 * @module
 */

import type { Arg } from "../resp/types.ts";
import {
  allKeys,
  type Command,
  command,
  firstKey,
  type Key,
  READONLY,
  toBoolean,
} from "./_define.ts";

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
    reply: toBoolean,
  }),
  ttl: command({
    name: "TTL",
    build: (key: Key): Arg[] => ["TTL", key],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as number,
  }),
};
