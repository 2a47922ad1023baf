/**
 * The cluster client: {@linkcode RedisCluster}, the typed command surface
 * over a cluster's router (one connection per node, each command routed by
 * its keys' slot), and {@linkcode connectCluster}, which discovers the
 * cluster from its seeds and opens one.
 *
 * @module
 */

import { Commander } from "../commander.ts";
import { type ConnectOptions, resolveOptions } from "../_connect_options.ts";
import type { ScanOptions } from "../commands/keys.ts";
import { ConnectionError } from "../errors.ts";
import { summarize } from "../_inspect.ts";
import { ClusterRouter } from "./router.ts";
import type { NodeAddress, SlotMap } from "./slots.ts";

/**
 * A seed node of {@linkcode connectCluster}: a URL (`redis://` or
 * `rediss://`, with credentials if the cluster wants them), or a host and
 * port.
 *
 * @example
 * ```ts
 * import type { ClusterSeed } from "@respite/redis";
 *
 * const seeds: ClusterSeed[] = [
 *   "redis://127.0.0.1:7000",
 *   { hostname: "127.0.0.1", port: 7001 },
 * ];
 * ```
 */
export type ClusterSeed = string | { hostname: string; port: number };

/**
 * Options of {@linkcode connectCluster}: the seeds, what applies to every
 * node's connection (the options of `connect` but the address, `db` and
 * `reconnect`: credentials, TLS, `clientName`, `protocol`, timeouts,
 * `retryReadOnly`, limits, transport), and the cluster's own settings.
 * The cluster client reconnects by itself, to wherever the topology says.
 *
 * @example
 * ```ts ignore
 * import { connectCluster } from "@respite/redis";
 *
 * const cluster = await connectCluster({
 *   nodes: ["redis://127.0.0.1:7000", "redis://127.0.0.1:7001"],
 *   password: "s3cret",
 *   commandTimeout: 5000,
 *   refreshInterval: 10_000,
 *   nodeAddressMap: { "10.0.0.5:6379": "127.0.0.1:7000" },
 * });
 * ```
 */
export interface ClusterOptions extends
  Omit<
    ConnectOptions,
    "url" | "hostname" | "port" | "path" | "socket" | "db" | "reconnect"
  > {
  /**
   * Seed nodes; one that answers is enough. The first URL's credentials
   * and TLS apply to every node unless the options give their own.
   */
  nodes: readonly ClusterSeed[];
  /** Redirections and retries one command may follow. @default {16} */
  maxRedirects?: number;
  /**
   * Milliseconds between periodic checks of the topology; `Infinity` for
   * none. @default {30000}
   */
  refreshInterval?: number;
  /**
   * Where to connect for a node the cluster announces at another address
   * (NAT, containers): a map from `"host:port"` to `"host:port"`, or a
   * function.
   */
  nodeAddressMap?:
    | Readonly<Record<string, string>>
    | ((address: NodeAddress) => NodeAddress);
  /**
   * Where read-only commands go: `"master"` (default); `"replica"` /
   * `"preferReplica"` (a replica of the key's shard; its master when it
   * has none up); or `"nearest"` (whichever node of the key's shard,
   * master or replica, answers a PING the fastest). For `"nearest"` the
   * client measures the PING round trip of every node when it connects,
   * when the topology changes and every `refreshInterval` (never making
   * a command wait for it), and keeps a smoothed time per node; a shard
   * goes to its master until its nodes are measured, a node whose PING
   * failed is left out until one answers again, and nodes within 0.2 ms
   * of the fastest share the reads at random. With `refreshInterval:
   * Infinity` the round trips are only measured again when the topology
   * changes.
   *
   * Replicas lag: a read there may not see a write the master already
   * acknowledged, and with `"nearest"` two reads of one key may go to
   * different nodes and see its values out of order.
   */
  readFrom?: "master" | "replica" | "preferReplica" | "nearest";
}

/** A node's address as events and summaries show it: `"host:port"`. */
function hostPort(address: NodeAddress): string {
  return address.host.includes(":")
    ? `[${address.host}]:${address.port}`
    : `${address.host}:${address.port}`;
}

/** The `"host:port"` of every node of `map`, masters and replicas. */
function nodesOf(map: SlotMap): Set<string> {
  const nodes = new Set<string>();
  for (const shard of map.shards) {
    if (shard.master) nodes.add(hostPort(shard.master));
    for (const replica of shard.replicas) nodes.add(hostPort(replica));
  }
  return nodes;
}

/**
 * The events of a {@linkcode RedisCluster}:
 *
 * - `"topology"`: the slot map changed how it routes (a failover, a slot
 *   migration, a node added or removed); `map` is the new map.
 * - `"node-added"` and `"node-removed"`: a node came into the slot map or
 *   left it (then its connection is closed once its commands settled);
 *   `node` is its `"host:port"`.
 * - `"ready"`: a node's connection is open and ready (on its first use,
 *   and again after it was lost); `node` says which.
 * - `"error"`: a node's connection could not be opened or was lost;
 *   `node` says which and `error` what happened. The client routes around
 *   it by itself: an `"error"` with no listener is harmless.
 *
 * @example
 * ```ts ignore
 * cluster.addEventListener("node-removed", (event) => {
 *   console.log("left the cluster:", event.node);
 * });
 * ```
 */
export type RedisClusterEventType =
  | "topology"
  | "node-added"
  | "node-removed"
  | "ready"
  | "error";

/**
 * An event of a {@linkcode RedisCluster} (see
 * {@linkcode RedisClusterEventType} for when each is dispatched).
 *
 * @example
 * ```ts ignore
 * cluster.addEventListener("error", (event) => {
 *   console.warn(`redis node ${event.node} failed:`, event.error);
 * });
 * cluster.addEventListener("topology", (event) => {
 *   console.log(`${event.map.shards.length} shards`);
 * });
 * ```
 */
export class RedisClusterEvent extends Event {
  /** The slot map in use when the event was dispatched. */
  readonly map: SlotMap;
  /**
   * The node, as `"host:port"`, for `"node-added"`, `"node-removed"`,
   * `"ready"` and `"error"`.
   */
  readonly node: string | undefined;
  /** What failed, for `"error"`. */
  readonly error: unknown;

  /**
   * Creates an event.
   *
   * @param type The event type.
   * @param map The slot map in use.
   * @param node The node it is about, as `"host:port"`.
   * @param error What failed, for `"error"`.
   */
  constructor(
    type: RedisClusterEventType,
    map: SlotMap,
    node?: string,
    error?: unknown,
  ) {
    super(type);
    this.map = map;
    this.node = node;
    this.error = error;
  }
}

/**
 * The events of a {@linkcode RedisCluster} by type: what the listeners of
 * `addEventListener` receive.
 *
 * @example
 * ```ts
 * import type { RedisClusterEventMap } from "@respite/redis";
 *
 * type NodeAdded = RedisClusterEventMap["node-added"]; // RedisClusterEvent
 * ```
 */
export type RedisClusterEventMap = Record<
  RedisClusterEventType,
  RedisClusterEvent
>;

/**
 * A listener of a {@linkcode RedisCluster} event: a function, or an
 * object with `handleEvent`.
 *
 * @example
 * ```ts
 * import type { RedisClusterEventListener } from "@respite/redis";
 *
 * const log: RedisClusterEventListener<"error"> = (event) =>
 *   console.warn(event.node, event.error);
 * ```
 */
export type RedisClusterEventListener<K extends RedisClusterEventType> =
  | ((event: RedisClusterEventMap[K]) => void)
  | { handleEvent(event: RedisClusterEventMap[K]): void };

/**
 * A client of a Redis Cluster: the same typed commands as `RedisClient`
 * (every command method, `sendCommand`, `bytes`, `withOptions`,
 * `pipeline()`, `multi()`, `watch()`, `runScript`, the scan iterators and
 * the subscriptions), each routed by its keys' slot over one connection
 * per node, opened on first use.
 *
 * A keyed command goes to the master of its slot (read-only ones to a
 * replica with `readFrom`), following MOVED and ASK; multi-key commands
 * whose keys span slots (MGET, MSET, DEL, UNLINK, EXISTS, TOUCH) are split
 * by slot and merged in the caller's order; keyless commands follow the
 * server's routing tips (DBSIZE summed over the masters, KEYS merged,
 * FLUSHALL on every master, PING on one node). A split MSET is not
 * atomic; `multi()` needs all its keys in one slot (use hash tags such as
 * `{user:1}:name`). {@linkcode RedisCluster.nodes} reaches each node for
 * node-specific commands. Create one with {@linkcode connectCluster}.
 *
 * @example
 * ```ts ignore
 * import { connectCluster } from "@respite/redis";
 *
 * await using cluster = await connectCluster({
 *   nodes: ["redis://127.0.0.1:7000"],
 * });
 * await cluster.set("greeting", "hello");
 * console.log(await cluster.mget("greeting", "other")); // ["hello", null]
 * ```
 */
export class RedisCluster extends Commander {
  static {
    summarize(RedisCluster, "RedisCluster", (cluster) => {
      const map = cluster.#router.map;
      return {
        nodes: nodesOf(map).size,
        masters: map.shards.filter((shard) => shard.master !== undefined)
          .length,
        slotsCovered: map.covered,
        connected: cluster.#router.connected.length,
        closed: cluster.#closed,
      };
    });
  }

  readonly #router: ClusterRouter;
  #closed = false;

  /**
   * Creates the surface over `router` (internal: use `connectCluster`).
   *
   * @param router The cluster's router.
   * @ignore
   */
  constructor(router: ClusterRouter) {
    super(router);
    this.#router = router;
    router.onTopology = (map, previous) => {
      const before = previous === undefined
        ? new Set<string>()
        : nodesOf(previous);
      const now = nodesOf(map);
      this.dispatchEvent(new RedisClusterEvent("topology", map));
      if (previous === undefined) return;
      for (const node of now) {
        if (!before.has(node)) {
          this.dispatchEvent(new RedisClusterEvent("node-added", map, node));
        }
      }
      for (const node of before) {
        if (!now.has(node)) {
          this.dispatchEvent(new RedisClusterEvent("node-removed", map, node));
        }
      }
    };
    router.onNode = (type, address, error) => {
      this.dispatchEvent(
        new RedisClusterEvent(type, router.map, hostPort(address), error),
      );
    };
  }

  /**
   * Listens for one of the cluster's events (see
   * {@linkcode RedisClusterEventType}); the listener gets a
   * {@linkcode RedisClusterEvent}, typed by the event's name.
   *
   * @example
   * ```ts ignore
   * cluster.addEventListener("node-added", (event) => {
   *   console.log("joined:", event.node);
   * });
   * ```
   *
   * @param type The event's name.
   * @param listener The listener.
   * @param options The standard listener options (`once`, `signal`, ...).
   */
  override addEventListener<K extends RedisClusterEventType>(
    type: K,
    listener: RedisClusterEventListener<K> | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(
      type,
      listener as EventListenerOrEventListenerObject | null,
      options,
    );
  }

  /**
   * Stops a listener added with {@linkcode RedisCluster.addEventListener}.
   *
   * @example
   * ```ts ignore
   * const onError = (event: RedisClusterEvent) => console.warn(event.error);
   * cluster.addEventListener("error", onError);
   * cluster.removeEventListener("error", onError);
   * ```
   *
   * @param type The event's name.
   * @param listener The listener.
   * @param options The standard options (`capture`).
   */
  override removeEventListener<K extends RedisClusterEventType>(
    type: K,
    listener: RedisClusterEventListener<K> | null,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(
      type,
      listener as EventListenerOrEventListenerObject | null,
      options,
    );
  }

  /**
   * The slot map in use: the shards, each with its master, replicas and
   * slot ranges. It is replaced (never changed in place) when the
   * topology changes.
   *
   * @example
   * ```ts ignore
   * import { keySlot } from "@respite/redis";
   *
   * const master = cluster.slots.masterOf(keySlot("user:1"));
   * console.log(`${master?.host}:${master?.port}`, cluster.slots.covered);
   * ```
   */
  get slots(): SlotMap {
    return this.#router.map;
  }

  /**
   * Whether the client is closed (by `close` or `disconnect`). A closed
   * client rejects every command with a `TypeError`.
   *
   * @example
   * ```ts ignore
   * await cluster.close();
   * console.log(cluster.closed); // true
   * ```
   */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * A command surface per node, for node-specific commands (INFO of each
   * master, CLIENT LIST, CONFIG GET, ...), over the cluster client's own
   * connection to that node (opened as needed). Its commands go to that
   * node as they are, with no routing: a key of another node's slot gets
   * MOVED.
   *
   * @example
   * ```ts ignore
   * for (const master of await cluster.nodes()) {
   *   console.log(await master.info("memory"));
   * }
   * const everyNode = await cluster.nodes("all");
   * ```
   *
   * @param role The masters (default), the replicas, or all nodes.
   * @returns One surface per node, in the slot map's order.
   */
  async nodes(
    role: "master" | "replica" | "all" = "master",
  ): Promise<Commander[]> {
    return (await this.#router.nodeSenders(role)).map((sender) =>
      new Commander(sender)
    );
  }

  /**
   * Iterates over the keys of every master with `SCAN`, one cursor per
   * shard, one shard after the other. Each key is yielded once: the keys
   * already yielded are remembered for the rest of the scan. When a
   * shard's master is lost mid-scan, the scan of that shard starts again
   * on whichever master serves its slots after a topology refresh. A key
   * present for the whole scan, on a shard whose slots did not move to
   * another shard meanwhile, is yielded exactly once; keys of slots moved
   * between shards during the scan may be missed, as with `SCAN` on one
   * node.
   *
   * @example
   * ```ts ignore
   * for await (const key of cluster.scanIterator({ match: "session:*" })) {
   *   console.log(key);
   * }
   * ```
   *
   * @param options `match`, `count` and `type`, for every node.
   * @returns An async iterator of keys.
   */
  override async *scanIterator(
    options?: ScanOptions,
  ): AsyncGenerator<string, void, undefined> {
    const seen = new Set<string>();
    const shards = this.#router.map.shards.filter((shard) =>
      shard.ranges.length > 0
    );
    for (const shard of shards) {
      const slot = shard.ranges[0]!.start;
      for (let attempt = 0;; attempt++) {
        try {
          const master = await this.#router.masterSender(slot);
          for await (const key of new Commander(master).scanIterator(options)) {
            if (seen.has(key)) continue;
            seen.add(key);
            yield key;
          }
          break;
        } catch (error) {
          // About 10 s for a replica to take over.
          if (!(error instanceof ConnectionError) || attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
          await this.#router.topology.refresh().catch(() => {});
        }
      }
    }
  }

  /**
   * Closes gracefully: stops accepting commands, lets every node's
   * pending commands finish, then closes the connections. Subscriptions
   * end quietly (their iterators finish). Resolves when all are closed.
   *
   * @example
   * ```ts ignore
   * const pending = cluster.incr("n");
   * await cluster.close();
   * console.log(await pending); // the reply still arrives
   * ```
   */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#router.close();
  }

  /**
   * Closes every node's connection at once. Pending commands reject with
   * `ConnectionClosedError` (`written` tells whether each had been sent,
   * and so may have run), commands waiting to be retried with a
   * `TypeError`, and subscriptions end. Resolves when the sockets are
   * released; awaiting it is optional.
   *
   * @example
   * ```ts ignore
   * await cluster.disconnect();
   * ```
   */
  async disconnect(): Promise<void> {
    this.#closed = true;
    await this.#router.disconnect();
  }

  /**
   * Closes gracefully, for `await using`.
   *
   * @example
   * ```ts ignore
   * await using cluster = await connectCluster({ nodes: [seed] });
   * ```
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Connects to a Redis Cluster through its seed nodes: discovers the slot
 * map (`CLUSTER SHARDS`, or `CLUSTER SLOTS` before Redis 7) from the first
 * seed that answers, trying them in random order, and resolves with a
 * client that routes every command by its keys. Connections to the other
 * nodes open on first use.
 *
 * @example
 * ```ts ignore
 * import { connectCluster } from "@respite/redis";
 *
 * const cluster = await connectCluster({
 *   nodes: ["redis://127.0.0.1:7000", "redis://127.0.0.1:7001"],
 *   commandTimeout: 5000,
 * });
 * await cluster.set("{user:1}:name", "Ada");
 * await cluster.close();
 * ```
 *
 * @param options The seeds and the options of every node's connection.
 * @returns The client.
 * @throws {TypeError} An option is invalid.
 * @throws The last seed's error when none gave a slot map.
 */
export async function connectCluster(
  options: ClusterOptions,
): Promise<RedisCluster> {
  const {
    nodes,
    maxRedirects,
    refreshInterval,
    nodeAddressMap,
    minRefreshInterval,
    readFrom,
    ...rest
  } = options as ClusterOptions & { minRefreshInterval?: number };
  if (
    readFrom !== undefined && readFrom !== "master" &&
    readFrom !== "replica" && readFrom !== "preferReplica" &&
    readFrom !== "nearest"
  ) {
    throw new TypeError(
      `Invalid option "readFrom" "${
        String(readFrom)
      }": expected "master", "replica", "preferReplica" or "nearest"`,
    );
  }
  if (!Array.isArray(nodes) || nodes.length === 0) {
    throw new TypeError(
      'Invalid option "nodes": expected at least one seed URL or { hostname, port }',
    );
  }
  const seeds: NodeAddress[] = [];
  let node: ConnectOptions | undefined;
  for (const seed of nodes) {
    const resolved = resolveOptions(
      typeof seed === "string" ? { ...rest, url: seed } : { ...rest, ...seed },
    );
    if (resolved.path !== undefined) {
      throw new TypeError(
        'Invalid option "nodes": a cluster node is a host and port, not a Unix socket',
      );
    }
    if ((resolved.db ?? 0) !== 0) {
      throw new TypeError(
        `Invalid option "db" "${resolved.db}": a cluster has database 0 only`,
      );
    }
    seeds.push({
      host: resolved.hostname ?? "127.0.0.1",
      port: resolved.port ?? 6379,
    });
    node ??= resolved;
  }
  const { hostname: _h, port: _p, url: _u, ...perNode } = node!;
  const router = await ClusterRouter.open({
    seeds,
    node: perNode,
    ...(maxRedirects !== undefined ? { maxRedirects } : {}),
    ...(refreshInterval !== undefined ? { refreshInterval } : {}),
    ...(minRefreshInterval !== undefined ? { minRefreshInterval } : {}),
    ...(readFrom !== undefined ? { readFrom } : {}),
    ...(nodeAddressMap !== undefined
      ? { mapAddress: addressMapper(nodeAddressMap) }
      : {}),
  });
  return new RedisCluster(router);
}

function addressMapper(
  map: NonNullable<ClusterOptions["nodeAddressMap"]>,
): (address: NodeAddress) => NodeAddress {
  if (typeof map === "function") return map;
  const table = new Map<string, NodeAddress>();
  for (const [from, to] of Object.entries(map)) {
    const colon = to.lastIndexOf(":");
    const port = Number(to.slice(colon + 1));
    if (colon < 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new TypeError(
        `Invalid option "nodeAddressMap": "${to}" is not a "host:port"`,
      );
    }
    table.set(from, { host: to.slice(0, colon), port });
  }
  return (address) => table.get(`${address.host}:${address.port}`) ?? address;
}
