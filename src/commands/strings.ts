/**
 * String commands.
 *
 * @module
 */

import type { Arg } from "../resp/types.ts";
import {
  type Command,
  command,
  firstKey,
  type Key,
  READONLY,
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
 * The condition part of {@linkcode SetOptions}: `nx` or `xx`, not both.
 *
 * @example
 * ```ts
 * import type { SetCondition } from "@respite/redis";
 *
 * const onlyIfNew: SetCondition = { nx: true };
 * ```
 */
export type SetCondition =
  | { nx: true; xx?: never }
  | { xx: true; nx?: never }
  | { nx?: never; xx?: never };

/**
 * Options of `set`, named as in the Redis docs. At most one expiry
 * (`ex`, `px`, `exat`, `pxat`, `keepttl`) and at most one condition
 * (`nx`, `xx`); TypeScript rejects other combinations.
 *
 * @example
 * ```ts ignore
 * await client.set("session", token, { ex: 60, nx: true });
 * ```
 */
export type SetOptions = SetExpiry & SetCondition & {
  /** Return the old value instead of `"OK"` (Redis 6.2+; with `nx` since 7.0). */
  get?: boolean;
};

const EXPIRY_KEYS = ["ex", "px", "exat", "pxat"] as const;

function buildSet(key: Key, value: Arg, options?: SetOptions): Arg[] {
  const argv: Arg[] = ["SET", key, value];
  if (options === undefined) return argv;
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
  if (options.get) argv.push("GET");
  return argv;
}

/**
 * String commands.
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.get.name);
 * ```
 */
export interface StringCommands {
  /**
   * Returns the value of `key`, or `null` when it does not exist. Available
   * since Redis 1.0.
   *
   * @example
   * ```ts ignore
   * await client.set("greeting", "hello");
   * console.log(await client.get("greeting")); // "hello"
   * ```
   */
  get: Command<[key: Key], string | null>;
  /**
   * Sets `key` to `value`. Resolves to `"OK"`, to `null` when an `nx`/`xx`
   * condition was not met, or with `get: true` to the old value. Available
   * since Redis 1.0; options since 2.6.12, `keepttl`/`get`/`exat`/`pxat`
   * since 6.2.
   *
   * @example
   * ```ts ignore
   * await client.set("counter", 1);
   * await client.set("lock", "me", { px: 5000, nx: true });
   * const old = await client.set("counter", 2, { get: true }); // "1"
   * ```
   */
  set: Command<[key: Key, value: Arg, options?: SetOptions], string | null>;
  /**
   * Increments the integer at `key` by one and returns the new value. The
   * result is a `bigint` when it is outside JavaScript's safe integer range,
   * so no precision is ever lost. Available since Redis 1.0.
   *
   * @example
   * ```ts ignore
   * console.log(await client.incr("visits")); // 1
   * ```
   */
  incr: Command<[key: Key], number | bigint>;
}

/** The declarations of the string commands. */
export const stringCommands: StringCommands = {
  get: command({
    name: "GET",
    build: (key: Key): Arg[] => ["GET", key],
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => reply as string | null,
  }),
  set: command({
    name: "SET",
    build: buildSet,
    keys: firstKey,
    reply: (reply) => reply as string | null,
  }),
  incr: command({
    name: "INCR",
    build: (key: Key): Arg[] => ["INCR", key],
    keys: firstKey,
    reply: (reply) => reply as number | bigint,
  }),
};
