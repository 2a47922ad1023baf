/**
 * Round trips to a cluster's nodes, for `readFrom: "nearest"`: a smoothed
 * PING time per node, measured when the owner asks (the router asks when
 * it opens, when the topology changes and on every periodic refresh), and
 * the choice of a shard's nearest node, which never waits for a
 * measurement.
 *
 * @module
 */

import type { Sender } from "../sender.ts";
import { addressKey } from "./pubsub.ts";
import type { NodeAddress, Shard } from "./slots.ts";

/** Options of {@linkcode Latencies}. */
export interface LatenciesOptions {
  /**
   * The connection of the node at `address`, opened as needed. The time
   * it takes to open is not part of the node's round trip.
   */
  connect: (address: NodeAddress) => Promise<Pick<Sender, "send">>;
  /**
   * Weight of a newest round trip slower than a node's smoothed time,
   * above 0 and at most 1 (1 keeps only the newest); a faster one
   * replaces it.
   * @default {0.5}
   */
  smoothing?: number;
  /**
   * Milliseconds within which nodes count as equally near: reads are
   * spread at random over the nodes within this of the nearest one.
   * @default {0.2}
   */
  tolerance?: number;
  /** The clock, in milliseconds. @default {performance.now} */
  now?: () => number;
}

/** What is known of one node. */
interface NodeTimes {
  /** The smoothed round trip in ms; `undefined` when unmeasured or failed. */
  rtt: number | undefined;
  /** When the PING in flight was written, while one is. */
  since: number | undefined;
  /** The measurement in flight (connecting included). */
  pending: Promise<void> | undefined;
}

/** A shard's nearest nodes, as of one state of the round trips. */
interface Choice {
  version: number;
  near: readonly NodeAddress[];
}

/** Whether `error` is a call's timeout (a `DOMException` `"TimeoutError"`). */
function timedOut(error: unknown): boolean {
  return typeof error === "object" && error !== null && "name" in error &&
    error.name === "TimeoutError";
}

/**
 * The smoothed round-trip time of each node of a cluster, and the choice
 * of the nearest node of a shard (see the module docs).
 *
 * A node is measured with a PING on its connection, at most one at a time;
 * a PING that takes long still counts, with the time it took, so a node
 * that stalls looks slow (one that times out under the connection's
 * `commandTimeout` counts as slow as that timeout), and one still
 * unanswered at the next measurement counts as at least as slow as it has
 * been waiting. A node whose PING failed is left out until a PING answers
 * again. A shard none of whose nodes has a round trip is served by its
 * master.
 */
export class Latencies {
  readonly #connect: LatenciesOptions["connect"];
  readonly #smoothing: number;
  readonly #tolerance: number;
  readonly #now: () => number;
  /** By `addressKey`. */
  readonly #nodes = new Map<string, NodeTimes>();
  /** Changes with every round trip recorded, failed or forgotten. */
  #version = 0;
  readonly #choices = new WeakMap<Shard, Choice>();
  #closed = false;

  /**
   * Creates the table, empty: every shard goes to its master until its
   * nodes are measured.
   *
   * @param options How to reach a node, and how to weigh round trips.
   * @throws {TypeError} `smoothing` or `tolerance` is out of range.
   */
  constructor(options: LatenciesOptions) {
    const smoothing = options.smoothing ?? 0.5;
    if (!(smoothing > 0 && smoothing <= 1)) {
      throw new TypeError(
        `Invalid option "smoothing" "${smoothing}": expected a number above 0 and at most 1`,
      );
    }
    const tolerance = options.tolerance ?? 0.2;
    if (!(tolerance >= 0 && tolerance < Infinity)) {
      throw new TypeError(
        `Invalid option "tolerance" "${tolerance}": expected a finite number of milliseconds, 0 or more`,
      );
    }
    this.#connect = options.connect;
    this.#smoothing = smoothing;
    this.#tolerance = tolerance;
    this.#now = options.now ?? (() => performance.now());
  }

  /**
   * Measures every node (master and replicas) of every shard that serves
   * slots, all at once, and forgets the nodes of no such shard. A node
   * whose PING is still in flight is not sent another: its measurement is
   * awaited instead. Never rejects.
   *
   * @param shards The shards of the slot map in use.
   * @returns Resolves when every node's measurement has settled.
   */
  measure(shards: readonly Shard[]): Promise<void> {
    if (this.#closed) return Promise.resolve();
    const present = new Map<string, NodeAddress>();
    for (const shard of shards) {
      if (shard.ranges.length === 0) continue;
      if (shard.master !== undefined) {
        present.set(addressKey(shard.master), shard.master);
      }
      for (const replica of shard.replicas) {
        present.set(addressKey(replica), replica);
      }
    }
    for (const key of this.#nodes.keys()) {
      if (!present.has(key)) {
        this.#nodes.delete(key);
        this.#version++;
      }
    }
    const rounds: Promise<void>[] = [];
    for (const [key, address] of present) {
      rounds.push(this.#measure(key, address));
    }
    return Promise.all(rounds).then(() => {});
  }

  /**
   * The node of `shard` to read from: the one with the lowest smoothed
   * round trip (at random among those within the tolerance of it),
   * leaving out unmeasured and failed nodes; the master when none is
   * left. Synchronous and cheap: the choice is kept per shard until a
   * round trip changes.
   *
   * @param shard The shard serving the command's slot.
   * @returns The node, or `undefined` when the shard's master is unknown
   *   and none of its replicas is measured.
   */
  nearest(shard: Shard): NodeAddress | undefined {
    let choice = this.#choices.get(shard);
    if (choice === undefined || choice.version !== this.#version) {
      choice = { version: this.#version, near: this.#near(shard) };
      this.#choices.set(shard, choice);
    }
    const near = choice.near;
    if (near.length === 0) return shard.master;
    return near.length === 1
      ? near[0]
      : near[Math.floor(Math.random() * near.length)];
  }

  /**
   * The smoothed round trip of the node at `address`.
   *
   * @param address The node.
   * @returns Milliseconds, or `undefined` when it is unmeasured, its last
   *   PING failed, or it was forgotten.
   */
  get(address: NodeAddress): number | undefined {
    return this.#nodes.get(addressKey(address))?.rtt;
  }

  /** Forgets every node; measurements still in flight are ignored. */
  close(): void {
    this.#closed = true;
    this.#nodes.clear();
    this.#version++;
  }

  /** The measured nodes of `shard` within the tolerance of its nearest. */
  #near(shard: Shard): NodeAddress[] {
    let best = Infinity;
    const measured: { address: NodeAddress; rtt: number }[] = [];
    const consider = (address: NodeAddress) => {
      const rtt = this.#nodes.get(addressKey(address))?.rtt;
      if (rtt === undefined) return;
      measured.push({ address, rtt });
      if (rtt < best) best = rtt;
    };
    if (shard.master !== undefined) consider(shard.master);
    for (const replica of shard.replicas) consider(replica);
    return measured.filter((node) => node.rtt <= best + this.#tolerance).map(
      (node) => node.address,
    );
  }

  #measure(key: string, address: NodeAddress): Promise<void> {
    let node = this.#nodes.get(key);
    if (node === undefined) {
      node = { rtt: undefined, since: undefined, pending: undefined };
      this.#nodes.set(key, node);
    }
    if (node.pending !== undefined) {
      // Still unanswered: the node is at least as slow as it has waited.
      if (node.since !== undefined && node.rtt !== undefined) {
        const waited = this.#now() - node.since;
        if (waited > node.rtt) {
          node.rtt = waited;
          this.#version++;
        }
      }
      return node.pending;
    }
    const entry = node;
    const pending = this.#ping(entry, address).finally(() => {
      entry.pending = undefined;
      entry.since = undefined;
    });
    entry.pending = pending;
    return pending;
  }

  async #ping(node: NodeTimes, address: NodeAddress): Promise<void> {
    let start: number | undefined;
    try {
      const sender = await this.#connect(address);
      if (this.#closed) return;
      start = this.#now();
      node.since = start;
      await sender.send(["PING"], undefined, false, undefined, 0);
      this.#record(node, this.#now() - start);
    } catch (error) {
      if (start !== undefined && timedOut(error)) {
        this.#record(node, this.#now() - start);
      } else if (!this.#closed) {
        // Left out until a PING answers again.
        node.rtt = undefined;
        this.#version++;
      }
    }
  }

  #record(node: NodeTimes, sample: number): void {
    if (this.#closed) return;
    // A faster round trip counts at once (a stall that is over should not
    // keep a node out for many rounds); a slower one is smoothed.
    node.rtt = node.rtt === undefined || sample <= node.rtt
      ? sample
      : node.rtt + this.#smoothing * (sample - node.rtt);
    this.#version++;
  }
}
