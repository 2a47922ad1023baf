/**
 * The states and events of a client's connection, which a link reports
 * and `RedisClient` dispatches.
 *
 * @module
 */

/**
 * Where a client is in its life: `"connecting"` until the first handshake
 * is done, `"ready"`, `"reconnecting"` after the connection dropped,
 * `"closing"` during `close()`, and `"closed"` for good.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * if (client.status === "reconnecting") console.log("commands are queued");
 * ```
 */
export type ClientState =
  | "connecting"
  | "ready"
  | "reconnecting"
  | "closing"
  | "closed";

/**
 * The events a {@linkcode RedisClient} dispatches: `"connect"` (a socket is
 * open), `"ready"` (the handshake is done and commands flow),
 * `"error"` (the connection failed; the client reconnects unless told
 * otherwise), `"reconnecting"` (an attempt is scheduled: see `attempt` and
 * `delay`), `"end"` (the client closed for good), and for a client made
 * by `connectSentinel`, `"failover"` (the master moved: see `from` and
 * `to`).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * client.addEventListener("reconnecting", (event) => console.log(event.type));
 * ```
 */
export type RedisClientEventType =
  | "connect"
  | "ready"
  | "error"
  | "reconnecting"
  | "end"
  | "failover";

/**
 * The details of a {@linkcode RedisClientEvent}.
 *
 * @example
 * ```ts
 * import type { RedisClientEventInit } from "@respite/redis";
 *
 * const init: RedisClientEventInit = { attempt: 1, delay: 50 };
 * ```
 */
export interface RedisClientEventInit {
  /** What failed (`"error"`, `"reconnecting"`, `"end"` after a failure). */
  error?: unknown;
  /** The reconnect attempt, from 1 (`"reconnecting"`). */
  attempt?: number;
  /** Milliseconds before the attempt (`"reconnecting"`). */
  delay?: number;
  /** The old master, as `"host:port"` (`"failover"`). */
  from?: string;
  /** The new master, as `"host:port"` (`"failover"`). */
  to?: string;
}
