/**
 * `RedisCluster`: the command surface over a cluster's router, and
 * `connectCluster()`. Not exported from `mod.ts` yet: subscriptions,
 * replica reads, `scanIterator` and `watch()` over a cluster are still to
 * come (issue 22).
 *
 * @module
 */

import { Commander } from "../commander.ts";
import { type ConnectOptions, resolveOptions } from "../_connect_options.ts";
import type { ScanOptions } from "../commands/keys.ts";
import { ConnectionError } from "../errors.ts";
import { ClusterRouter } from "./router.ts";
import type { NodeAddress, SlotMap } from "./slots.ts";

/** A seed node: a URL, or a host and port. */
export type ClusterSeed = string | { hostname: string; port: number };

/**
 * Options of {@linkcode connectCluster}: the seeds, what applies to every
 * node's connection, and the cluster's own settings.
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
   * Where read-only commands go: `"master"` (default), or `"replica"` /
   * `"preferReplica"` (a replica of the key's shard; its master when it
   * has none up). Replicas lag: a read there may not see a write the
   * master already acknowledged.
   */
  readFrom?: "master" | "replica" | "preferReplica";
}

/** The `"host:port"` of every node of `map`, masters and replicas. */
function nodesOf(map: SlotMap): Set<string> {
  const nodes = new Set<string>();
  for (const shard of map.shards) {
    for (
      const node of [...(shard.master ? [shard.master] : []), ...shard.replicas]
    ) {
      nodes.add(
        node.host.includes(":")
          ? `[${node.host}]:${node.port}`
          : `${node.host}:${node.port}`,
      );
    }
  }
  return nodes;
}

/** An event of a {@linkcode RedisCluster}. */
export class RedisClusterEvent extends Event {
  /** The slot map in use after the change. */
  readonly map: SlotMap;
  /** For `"node-added"` and `"node-removed"`: the node, as `"host:port"`. */
  readonly node: string | undefined;

  /**
   * Creates an event.
   *
   * @param type `"topology"`, `"node-added"` or `"node-removed"`.
   * @param map The slot map in use.
   * @param node The node that came or went.
   */
  constructor(
    type: "topology" | "node-added" | "node-removed",
    map: SlotMap,
    node?: string,
  ) {
    super(type);
    this.map = map;
    this.node = node;
  }
}

/**
 * A client of a Redis Cluster: the same typed commands as `RedisClient`,
 * routed by their keys' slots over one connection per node.
 */
export class RedisCluster extends Commander {
  readonly #router: ClusterRouter;

  /**
   * Creates the surface over `router` (internal: use `connectCluster`).
   * It dispatches a {@linkcode RedisClusterEvent} `"topology"` whenever
   * the slot map changes its routes, with `"node-added"` and
   * `"node-removed"` for each node that came or went.
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
  }

  /** The slot map in use. */
  get slots(): SlotMap {
    return this.#router.map;
  }

  /**
   * A command surface per node, for node-specific commands (INFO of each
   * master, CLIENT LIST, ...), opened as needed.
   *
   * @param role The masters (default), the replicas, or all nodes.
   * @returns One surface per node.
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

  /** Closes every node's connection after its pending commands. */
  async close(): Promise<void> {
    await this.#router.close();
  }

  /** Closes the client (for `await using`). */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Connects to a Redis Cluster through its seed nodes: discovers the slot
 * map, and resolves with a client that routes every command by its keys.
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
    readFrom !== "replica" && readFrom !== "preferReplica"
  ) {
    throw new TypeError(
      `Invalid option "readFrom" "${
        String(readFrom)
      }": expected "master", "replica" or "preferReplica"`,
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
