/**
 * The cluster's topology: discovered from the seeds, refreshed one at a
 * time (on demand with a minimum interval, or at once), and swapped in
 * only when a new slot map was built and checked.
 *
 * @module
 */

import type { ClusterShard, ClusterSlotsRange } from "../commands/cluster.ts";
import { commands } from "../commands/mod.ts";
import type { Sender } from "../sender.ts";
import { RedisError, ReplyError } from "../errors.ts";
import { type NodeAddress, SlotMap } from "./slots.ts";

/** What the topology needs of a node: its two views of the slots. */
export interface TopologySource {
  /** `CLUSTER SHARDS` (Redis 7). */
  clusterShards(): Promise<ClusterShard[]>;
  /** `CLUSTER SLOTS`, for servers without `CLUSTER SHARDS`. */
  clusterSlots(): Promise<ClusterSlotsRange[]>;
}

/**
 * The slot map one node describes: from `CLUSTER SHARDS`, or from
 * `CLUSTER SLOTS` when the server does not know that subcommand. After a
 * failover, Redis 7.2 to 7.4 may list the failed master first in its shard
 * and then give the shard no slots at all (redis/redis#13414; Valkey 8.0
 * fixed it), though the promoted master serves them: for such a shard
 * `CLUSTER SLOTS` is asked too, and the map that covers more wins.
 *
 * @param node The node to ask.
 * @param asked The node's address (for endpoints it leaves empty).
 * @param tls Whether the client connects with TLS (TLS ports are used).
 * @returns The checked map.
 */
export async function fetchSlotMap(
  node: TopologySource,
  asked: NodeAddress,
  tls: boolean,
): Promise<SlotMap> {
  let shards: ClusterShard[];
  try {
    shards = await node.clusterShards();
  } catch (error) {
    if (
      error instanceof ReplyError &&
      /unknown subcommand|unknown command/i.test(error.message)
    ) {
      return SlotMap.fromSlots(await node.clusterSlots(), asked);
    }
    throw error;
  }
  const map = SlotMap.fromShards(shards, asked, tls);
  if (map.covered === SLOT_COUNT || !shards.some(lostItsSlots)) return map;
  const bySlots = SlotMap.fromSlots(await node.clusterSlots(), asked);
  return bySlots.covered > map.covered ? bySlots : map;
}

/**
 * Whether a shard shows the Redis 7.2-7.4 failover bug: no slots, though
 * it has a master that is not failed beside one that is. (Slots a node
 * leaves uncovered otherwise, in the middle of a change, are not asked
 * about again: its CLUSTER SLOTS may still show the old owner.)
 */
function lostItsSlots(shard: ClusterShard): boolean {
  if (shard.slots.length > 0) return false;
  const masters = shard.nodes.filter((node) => node.role === "master");
  return masters.some((node) => node.health.startsWith("fail")) &&
    masters.some((node) => !node.health.startsWith("fail"));
}

/** How many slots a complete map covers. */
const SLOT_COUNT = 16384;

/** Options of {@linkcode Topology}. */
export interface TopologyOptions {
  /** The seed addresses, asked again when no known node answers. */
  seeds: readonly NodeAddress[];
  /** Asks one node for its slot map. */
  fetch: (address: NodeAddress) => Promise<SlotMap>;
  /** Milliseconds between two refreshes asked for by events. */
  minInterval: number;
  /** Called with each new map that routes differently from the last. */
  onChange?: (map: SlotMap, previous: SlotMap | undefined) => void;
  /** Shuffles the candidates in place (tests pass their own order). */
  shuffle?: <T>(items: T[]) => void;
}

/**
 * How long a MOVED outranks refreshed maps that still route its slot
 * elsewhere, and how many such maps it outranks at most.
 */
const CLAIM_MS = 10_000;
const CLAIM_CONFLICTS = 3;

/** A slot a MOVED sent elsewhere: where, since when, against how many maps. */
interface Claim {
  address: NodeAddress;
  at: number;
  conflicts: number;
}

/**
 * The current slot map and its refreshes. Routing reads `map` and never
 * waits for a refresh: a refresh builds the next map aside and swaps it in
 * when it is complete, and only one runs at a time.
 *
 * A MOVED comes from the node that gave the slot up (or from its own view
 * of the slots), which knows; a refreshed map is one node's hearsay, which
 * may lag a change by the time the cluster bus takes to spread it. So a
 * refreshed map that still routes a slot where a recent MOVED said it left
 * keeps the MOVED's route for that slot, and another refresh follows (for
 * three such maps at most, within ten seconds of the MOVED).
 * Without this, a map asked of a lagging node after a failover routes the
 * slot back to the demoted master, which as a replica serves SPUBLISH for
 * it to its own subscribers instead of answering MOVED: nothing would
 * correct the route until the next periodic refresh.
 */
export class Topology {
  #options: TopologyOptions;
  #map: SlotMap | undefined;
  #refreshing: Promise<SlotMap> | undefined;
  /** Slots recent MOVED replies sent elsewhere, not yet confirmed by a map. */
  readonly #claims = new Map<number, Claim>();
  /** Whether the last refreshed map lagged a claim (another is due). */
  #lagging = false;
  #lastStart = -Infinity;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  /**
   * Creates the topology; {@linkcode Topology.refresh} discovers the first
   * map.
   *
   * @param options Seeds, the fetch function and the refresh interval.
   */
  constructor(options: TopologyOptions) {
    this.#options = options;
  }

  /** The slot map in use, or `undefined` before the first discovery. */
  get map(): SlotMap | undefined {
    return this.#map;
  }

  /**
   * Discovers the map now, or joins the refresh under way. The known
   * nodes (masters first) are asked in shuffled order, then the seeds; the
   * first map that covers a slot is swapped in.
   *
   * @returns The map swapped in.
   * @throws The last node's error (a `ConnectionError` when none answered)
   *   when no node gave a map.
   */
  refresh(): Promise<SlotMap> {
    if (this.#refreshing) return this.#refreshing;
    this.#lastStart = performance.now();
    const refreshing = this.#discover().finally(() => {
      if (this.#refreshing === refreshing) this.#refreshing = undefined;
      if (this.#lagging) {
        this.#lagging = false;
        this.requestRefresh();
      }
    });
    this.#refreshing = refreshing;
    return refreshing;
  }

  /**
   * Asks for a refresh because of an event (a MOVED, a lost connection, an
   * uncovered slot): at once when the last one started `minInterval` ago
   * or more, otherwise when that time is up. Never throws and never waits;
   * a failed refresh is retried by the next event.
   */
  requestRefresh(): void {
    if (this.#closed || this.#refreshing || this.#timer !== undefined) return;
    const wait = this.#lastStart + this.#options.minInterval -
      performance.now();
    if (wait <= 0) {
      this.refresh().catch(() => {});
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (!this.#closed) this.refresh().catch(() => {});
    }, wait);
  }

  /**
   * Applies a MOVED at once: the slot is routed to `address` in a new map,
   * and a refresh is asked for, for the rest.
   *
   * @param slot The slot of the MOVED reply.
   * @param address The node it names.
   */
  moved(slot: number, address: NodeAddress): void {
    this.#claims.set(slot, { address, at: performance.now(), conflicts: 0 });
    const map = this.#map;
    if (map !== undefined) {
      const master = map.masterOf(slot);
      if (
        master === undefined || master.host !== address.host ||
        master.port !== address.port
      ) {
        this.#swap(map.moved(slot, address));
      }
    }
    this.requestRefresh();
  }

  /** Stops asking for refreshes. */
  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #discover(): Promise<SlotMap> {
    const known: NodeAddress[] = [];
    const replicas: NodeAddress[] = [];
    for (const shard of this.#map?.shards ?? []) {
      if (shard.master) known.push(shard.master);
      replicas.push(...shard.replicas);
    }
    const shuffle = this.#options.shuffle ?? shuffleInPlace;
    shuffle(known);
    shuffle(replicas);
    const seeds = [...this.#options.seeds];
    shuffle(seeds);
    const tried = new Set<string>();
    let failure: unknown;
    for (const address of [...known, ...replicas, ...seeds]) {
      const key = `${address.host}\n${address.port}`;
      if (tried.has(key)) continue;
      tried.add(key);
      try {
        const map = await this.#options.fetch(address);
        if (map.covered === 0) {
          failure = new RedisError(
            `Cluster node "${
              address.host.includes(":") ? `[${address.host}]` : address.host
            }:${address.port}" serves no slot`,
          );
          continue;
        }
        const checked = this.#withClaims(map);
        this.#swap(checked);
        return checked;
      } catch (error) {
        failure = error;
      }
    }
    throw failure ?? new TypeError("No cluster node to ask: no seeds");
  }

  /**
   * `map` with the slots of recent MOVED replies it still routes elsewhere
   * routed as those replies said (see the class docs). Claims the map
   * confirms, and claims past their time or their conflicts, are dropped.
   */
  #withClaims(map: SlotMap): SlotMap {
    if (this.#claims.size === 0) return map;
    const now = performance.now();
    for (const [slot, claim] of this.#claims) {
      const master = map.masterOf(slot);
      if (
        (master !== undefined && master.host === claim.address.host &&
          master.port === claim.address.port) ||
        now - claim.at > CLAIM_MS || ++claim.conflicts > CLAIM_CONFLICTS
      ) {
        this.#claims.delete(slot);
        continue;
      }
      map = map.moved(slot, claim.address);
      this.#lagging = true;
    }
    return map;
  }

  #swap(map: SlotMap): void {
    const previous = this.#map;
    this.#map = map;
    if (previous === undefined || !previous.sameRoutes(map)) {
      this.#options.onChange?.(map, previous);
    }
  }
}

function shuffleInPlace<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

/**
 * CLUSTER SHARDS and CLUSTER SLOTS, typed, over one node's sender.
 *
 * @param node The node's sender.
 * @returns The source to fetch its slot map from.
 */
export function senderSource(node: Pick<Sender, "send">): TopologySource {
  const { clusterShards, clusterSlots } = commands;
  return {
    clusterShards: () =>
      node.send(
        clusterShards.build(),
        clusterShards.reply,
        false,
        undefined,
        clusterShards.flags,
      ) as Promise<ClusterShard[]>,
    clusterSlots: () =>
      node.send(
        clusterSlots.build(),
        clusterSlots.reply,
        false,
        undefined,
        clusterSlots.flags,
      ) as Promise<ClusterSlotsRange[]>,
  };
}
