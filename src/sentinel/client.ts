/**
 * `connectSentinel()`: an ordinary {@linkcode RedisClient} whose every
 * connection asks Redis Sentinel where the master (or a replica) of a
 * master group is, checks the node's ROLE, and follows the master through
 * failovers. Also the sentinel options that a {@linkcode RedisPool} takes.
 *
 * @module
 */

import { connect, type RedisClient, RedisClientEvent } from "../client.ts";
import {
  CONNECTION_HOOKS,
  type ConnectOptions,
  type InternalOptions,
  resolveOptions,
} from "../_connect_options.ts";
import { openSocket } from "../transport/mod.ts";
import type { Connector, TlsOptions } from "../transport/types.ts";
import {
  type SentinelAddress,
  SentinelError,
  SentinelResolver,
} from "./resolver.ts";
import { SentinelSource } from "./source.ts";

/**
 * A sentinel: a URL (`redis://host:26379`, with the sentinels' credentials
 * if they need some), or a host and port.
 *
 * @example
 * ```ts
 * import type { SentinelSeed } from "@respite/redis";
 *
 * const sentinels: SentinelSeed[] = [
 *   "redis://10.0.0.1:26379",
 *   { hostname: "10.0.0.2", port: 26379 },
 * ];
 * ```
 */
export type SentinelSeed = string | { hostname: string; port: number };

/**
 * Options of {@linkcode connectSentinel}: the sentinels and the master
 * group, the sentinels' own credentials and TLS, and every option of
 * `connect` for the data nodes (their credentials, TLS, timeouts,
 * `reconnect`, ...), but their address, which the sentinels give.
 *
 * @example
 * ```ts
 * import type { SentinelOptions } from "@respite/redis";
 *
 * const options: SentinelOptions = {
 *   sentinels: ["redis://10.0.0.1:26379", "redis://10.0.0.2:26379"],
 *   name: "mymaster",
 *   password: "data-node-secret",
 *   sentinelPassword: "sentinel-secret",
 * };
 * ```
 */
export interface SentinelOptions extends
  Omit<
    ConnectOptions,
    "url" | "hostname" | "port" | "path" | "socket"
  > {
  /**
   * The sentinels, tried in this order (the last one that answered goes
   * first); more are learned from `SENTINEL SENTINELS`. Credentials in a
   * URL are the sentinels' own.
   */
  sentinels: readonly SentinelSeed[];
  /** The master group's name, as in `sentinel monitor <name> ...`. */
  name: string;
  /**
   * Connect to the master (default), or to a replica: one that the
   * sentinels do not flag `s_down`, `o_down` or `disconnected`, at random;
   * the master when none is healthy.
   * @default {"master"}
   */
  role?: "master" | "replica";
  /** The sentinels' ACL user name (not the data nodes'). */
  sentinelUsername?: string;
  /** The sentinels' password (not the data nodes'). */
  sentinelPassword?: string;
  /** TLS to the sentinels: `true`, or the settings. */
  sentinelTls?: boolean | TlsOptions;
  /**
   * Milliseconds one sentinel has to connect and answer before the next
   * one is asked.
   * @default {500}
   */
  sentinelTimeout?: number;
  /**
   * Subscribe to a sentinel's `+switch-master` and move to a new master
   * as soon as it is announced (besides on a lost connection and on a
   * `READONLY` reply).
   * @default {true}
   */
  followSwitchMaster?: boolean;
}

/**
 * The connect options of a Sentinel client's data nodes (a connector
 * that asks the sentinels, the ROLE check) and the source behind them,
 * which the caller closes when done. Internal: `connectSentinel` and
 * `RedisPool` use it.
 *
 * @param options The Sentinel options.
 * @returns The checked connect options and their source.
 * @throws {TypeError} An option is invalid.
 */
export function sentinelConnectOptions(
  options: SentinelOptions,
): { connect: ConnectOptions; source: SentinelSource } {
  if (options === null || typeof options !== "object") {
    throw new TypeError(
      "Invalid Sentinel options: expected an object with sentinels and name",
    );
  }
  const {
    sentinels,
    name,
    role = "master",
    sentinelUsername,
    sentinelPassword,
    sentinelTls,
    sentinelTimeout,
    followSwitchMaster,
    ...rest
  } = options;
  if (typeof name !== "string" || name === "") {
    throw new TypeError(
      'Invalid option "name": expected the master group\'s name',
    );
  }
  if (role !== "master" && role !== "replica") {
    throw new TypeError(
      `Invalid option "role" "${String(role)}": expected "master" or "replica"`,
    );
  }
  if (!Array.isArray(sentinels) || sentinels.length === 0) {
    throw new TypeError(
      'Invalid option "sentinels": expected at least one sentinel URL or { hostname, port }',
    );
  }
  if (
    sentinelTimeout !== undefined &&
    !(typeof sentinelTimeout === "number" && sentinelTimeout > 0)
  ) {
    throw new TypeError(
      `Invalid option "sentinelTimeout" "${
        String(sentinelTimeout)
      }": expected a positive number of milliseconds`,
    );
  }
  for (const key of ["hostname", "port", "path", "url", "socket"]) {
    if ((options as unknown as Record<string, unknown>)[key] !== undefined) {
      throw new TypeError(
        `Invalid option "${key}": a Sentinel client's address comes from the sentinels`,
      );
    }
  }
  // The sentinels' connection: their own credentials and TLS, the data
  // nodes' transport.
  const addresses: SentinelAddress[] = [];
  let fromUrl: ConnectOptions = {};
  for (const seed of sentinels) {
    const resolved = resolveOptions(
      typeof seed === "string" ? { url: seed } : { ...seed },
    );
    if (resolved.path !== undefined) {
      throw new TypeError(
        'Invalid option "sentinels": a sentinel is a host and port, not a Unix socket',
      );
    }
    addresses.push({
      host: resolved.hostname ?? "127.0.0.1",
      port: resolved.port ?? 26379,
    });
    if (typeof seed === "string") fromUrl = resolved;
  }
  const { transport, connector, ...dataNodes } = rest;
  const resolver = new SentinelResolver({
    sentinels: addresses,
    name,
    timeout: sentinelTimeout,
    connect: {
      ...(sentinelUsername ?? fromUrl.username
        ? { username: sentinelUsername ?? fromUrl.username }
        : {}),
      ...(sentinelPassword ?? fromUrl.password
        ? { password: sentinelPassword ?? fromUrl.password }
        : {}),
      ...(sentinelTls ?? fromUrl.tls
        ? { tls: sentinelTls ?? fromUrl.tls }
        : {}),
      ...(transport !== undefined ? { transport } : {}),
      ...(connector !== undefined ? { connector } : {}),
      clientName: dataNodes.clientName,
    },
  });
  const open: Connector = connector ??
    ((socketOptions, signal) =>
      openSocket(
        transport === undefined
          ? socketOptions
          : { ...socketOptions, transport },
        signal,
      ));
  const source = new SentinelSource({
    resolver,
    name,
    role,
    open,
    followSwitches: followSwitchMaster ?? true,
  });
  try {
    const connect: InternalOptions = {
      ...dataNodes,
      connector: source.connector,
      [CONNECTION_HOOKS]: {
        ...source.hooks,
        label: `${name} (${role} via Sentinel)`,
        ownSockets: connector === undefined,
      },
    };
    return { connect: resolveOptions(connect), source };
  } catch (error) {
    source.close();
    throw error;
  }
}

/** ROLE checks and unreachable nodes get this many tries at connect. */
const CONNECT_ATTEMPTS = 5;

/**
 * Connects to the master (or a replica) of a master group through Redis
 * Sentinel: the sentinels are asked for its address on every connection
 * and reconnect, its ROLE is checked, and the client follows the master
 * through failovers (a sentinel's `+switch-master`, a `READONLY` reply, a
 * lost connection). It is an ordinary {@linkcode RedisClient}: every
 * command, pipelines, transactions, Pub/Sub (restored on the new master)
 * and `await using`. It also dispatches `"failover"` events with the old
 * and new master (`from`, `to`).
 *
 * Commands written to the old master when it went away are never sent
 * again: they reject with `ConnectionClosedError` (`written: true`).
 * Commands not yet written wait in the offline queue and go to the new
 * master.
 *
 * @example
 * ```ts
 * import { connectSentinel } from "@respite/redis";
 *
 * await using client = await connectSentinel({
 *   sentinels: ["redis://127.0.0.1:26379", "redis://127.0.0.1:26380"],
 *   name: "mymaster",
 * });
 * client.addEventListener("failover", (e) => console.log(e.from, "->", e.to));
 * await client.set("greeting", "hello");
 * ```
 *
 * @param options The sentinels, the group and the data nodes' options.
 * @returns The connected client.
 * @throws {TypeError} An option is invalid.
 * @throws {SentinelError} No sentinel answered, or the node they named
 *   kept failing its ROLE check.
 */
export async function connectSentinel(
  options: SentinelOptions,
): Promise<RedisClient> {
  const { connect: dataNodes, source } = sentinelConnectOptions(options);
  let client: RedisClient | undefined;
  for (let attempt = 1; client === undefined; attempt++) {
    try {
      client = await connect(dataNodes);
    } catch (error) {
      // A stale answer (ROLE check failed) or a node going away: ask the
      // sentinels again after a short wait, a few times.
      if (attempt >= CONNECT_ATTEMPTS || !retryable(error)) {
        source.close();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
  const connected = client;
  source.onFailover = (from, to) => {
    connected.dispatchEvent(new RedisClientEvent("failover", { from, to }));
  };
  // Closed with the client's last connection (duplicate() ones included).
  connected.addEventListener("end", () => source.release(), { once: true });
  return connected;
}

function retryable(error: unknown): boolean {
  return error instanceof SentinelError
    ? !error.message.startsWith("No sentinel answered")
    : error instanceof Error && error.name === "ConnectionError";
}
