/**
 * The options of {@linkcode RedisPool} and its methods, and their checks.
 *
 * @module
 */

import type { ConnectOptions } from "./_connect_options.ts";
import { optionKeys } from "./_options.ts";
import type { SentinelOptions } from "./sentinel/client.ts";

/** The longest delay setTimeout takes (longer ones fire at once). */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Options of {@linkcode RedisPool}.
 *
 * @example
 * ```ts
 * import type { PoolOptions } from "@respite/redis";
 *
 * const options: PoolOptions = {
 *   connect: "redis://127.0.0.1:6379/1",
 *   minSize: 2,
 *   maxSize: 20,
 *   idleTimeout: 60_000,
 * };
 * ```
 */
export interface PoolOptions {
  /**
   * Where and how each connection connects: what {@linkcode connect}
   * takes, a URL or options (except `socket`, since the pool opens many
   * connections).
   *
   * Unless the options set `reconnect`, the pool's connections do not
   * reconnect on their own: one that drops is closed and replaced, so that
   * a lease never carries on over a new connection that lost its WATCH,
   * MULTI or blocking state without the user noticing.
   *
   * @default {"redis://127.0.0.1:6379"}
   */
  connect?: string | ConnectOptions;
  /**
   * Connect through Redis Sentinel instead of to one address (not
   * together with `connect`): every connection asks the sentinels for the
   * master (or a replica) and checks its ROLE, the options of
   * `connectSentinel`. When the master moves, the connections to the old
   * one close (a lease's written commands reject as lost) and the pool
   * opens new ones on the new master.
   */
  sentinel?: SentinelOptions;
  /**
   * Connections kept open even when idle. They are opened in the background
   * when the pool is created, and again after one fails (failed attempts
   * are retried with a growing delay of up to 5 seconds).
   *
   * @default {0}
   */
  minSize?: number;
  /**
   * The most connections open at once, leased, idle and opening together.
   *
   * @default {10}
   */
  maxSize?: number;
  /**
   * Milliseconds after which an idle connection is closed, as long as the
   * pool has more than `minSize` connections. `Infinity` keeps them open.
   *
   * @default {30000}
   */
  idleTimeout?: number;
  /**
   * Milliseconds {@linkcode RedisPool.acquire} waits for a connection,
   * opening one included, before it rejects with a `TimeoutError`.
   * `Infinity` waits for ever.
   *
   * @default {10000}
   */
  acquireTimeout?: number;
  /**
   * Check each released connection with `CLIENT INFO` (Redis 6.2 or later)
   * and close it, rather than reuse it, when it is inside MULTI, subscribed,
   * in another database or speaking another protocol than it connected
   * with, or when the check fails.
   * Without validation only closed connections and connections with
   * commands in flight are left out.
   *
   * @default {true}
   */
  validate?: boolean;
}

/**
 * Options of one {@linkcode RedisPool.acquire} (also taken by
 * {@linkcode RedisPool.lease} and {@linkcode RedisPool.use}).
 *
 * @example
 * ```ts
 * import { RedisPool } from "@respite/redis";
 *
 * await using pool = new RedisPool();
 * const client = await pool.acquire({
 *   signal: AbortSignal.timeout(500),
 *   timeout: 1000,
 * });
 * ```
 */
export interface AcquireOptions {
  /**
   * Stops waiting: the call rejects with the signal's reason (an
   * `AbortError` `DOMException` unless the caller gave another) and leaves
   * the wait queue.
   */
  signal?: AbortSignal;
  /**
   * Milliseconds to wait instead of the pool's `acquireTimeout`;
   * `Infinity` waits for ever.
   */
  timeout?: number;
}

/**
 * Options of {@linkcode RedisPool.close}.
 *
 * @example
 * ```ts
 * import { RedisPool } from "@respite/redis";
 *
 * await using pool = new RedisPool();
 * await pool.close({ timeout: 5_000 }); // leases get 5 s, then are closed
 * await pool.close({ force: true }); // leased connections close now
 * ```
 */
export interface PoolCloseOptions {
  /**
   * Close the leased connections too, at once: their pending commands
   * reject with `ConnectionClosedError`, and releasing them afterwards does
   * nothing. @default {false}
   */
  force?: boolean;
  /**
   * Milliseconds to wait for the leased connections to be released; then
   * they are closed as with `force`. `Infinity` (the default) waits for
   * every release.
   */
  timeout?: number;
}

export const POOL_KEYS = optionKeys<PoolOptions>({
  connect: true,
  sentinel: true,
  minSize: true,
  maxSize: true,
  idleTimeout: true,
  acquireTimeout: true,
  validate: true,
});
export const ACQUIRE_KEYS = optionKeys<AcquireOptions>({
  signal: true,
  timeout: true,
});
export const CLOSE_KEYS = optionKeys<PoolCloseOptions>({
  force: true,
  timeout: true,
});

/** `value` when it is an integer of at least `least`. */
export function checkCount(name: string, value: number, least: number): number {
  if (!Number.isInteger(value) || value < least) {
    throw new TypeError(
      `Invalid pool option "${name}" "${value}": expected an integer of at least ${least}`,
    );
  }
  return value;
}

/** `value` as a timeout: `Infinity` beyond what setTimeout takes. */
export function checkTimeout(what: string, value: number): number {
  if (typeof value !== "number" || Number.isNaN(value) || value < 0) {
    throw new TypeError(
      `Invalid ${what} "${value}": expected a non-negative number of milliseconds`,
    );
  }
  // Longer delays overflow setTimeout, which then fires at once.
  return value > MAX_DELAY_MS ? Infinity : value;
}
