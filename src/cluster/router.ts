/**
 * Routes commands over a cluster's nodes: each command to the master of
 * its keys' slot (any master when it has no keys; a read-only one to a
 * replica or the nearest node with `readFrom`), following MOVED and ASK
 * and retrying TRYAGAIN, CLUSTERDOWN, LOADING and READONLY within
 * `maxRedirects` and the command's timeout, with one connection (a
 * `NodeSender`) per node, opened on first use.
 *
 * Multi-key commands are split by slot, keyless ones with a fan-out policy
 * go to every master (or node), pipelines go as one batch per node
 * (`_part.ts`), transactions go whole to their slot's master, and the
 * subscriptions are `ClusterPubSub`'s. `RedisCluster` (client.ts) is the
 * command surface over this router.
 *
 * @module
 */

import { type Batch, PipelineBatch, TransactionBatch } from "../_batch.ts";
import type { ConnectOptions } from "../_connect_options.ts";
import { keyPositions } from "../commands/_define.ts";
import { type NodeSender, openNode } from "../connection/node.ts";
import type { HandshakeStep } from "../connection/handshake.ts";
import type {
  CallOptions,
  RequestOptions,
  Transform,
} from "../connection/request.ts";
import type { Kind, Subscription, SubscriptionOptions } from "../pubsub.ts";
import type { Arg, Reply } from "../resp/types.ts";
import type { Sender } from "../sender.ts";
import { FLAT_REPLY, READONLY } from "../_flags.ts";
import {
  ConnectionClosedError,
  ConnectionError,
  ExecAbortError,
  ReplyError,
} from "../errors.ts";
import { redirectionOf } from "./redirect.ts";
import { argSlot, type NodeAddress, type SlotMap } from "./slots.ts";
import { aggregate, commandSlot, isScriptLoad, routingOf } from "./routing.ts";
import { mergeParts, splitBySlot } from "./split.ts";
import { fetchSlotMap, senderSource, Topology } from "./topology.ts";
import { addressKey, ClusterPubSub } from "./pubsub.ts";
import { Latencies } from "./latency.ts";
import { sendByNode } from "./_part.ts";
import {
  type Deadline,
  deadlineOf,
  delay,
  LOST_DELAY_MS,
  LOST_RETRIES,
  nth,
  queueFull,
  RETRY_DELAY_MS,
  retryCall,
  unsent,
} from "./_retry.ts";

/** Options of {@linkcode ClusterRouter.open}. */
export interface ClusterRouterOptions {
  /** Seed nodes; one that answers is enough. */
  seeds: readonly NodeAddress[];
  /** Connection options of every node (credentials, TLS, timeouts, ...). */
  node?: Omit<ConnectOptions, "hostname" | "port" | "path" | "url">;
  /** Redirections and retries one command may follow. @default {16} */
  maxRedirects?: number;
  /** Milliseconds between refreshes asked for by events. @default {1000} */
  minRefreshInterval?: number;
  /**
   * Milliseconds between periodic checks of the topology, which find
   * failovers and slot moves no command ran into; `Infinity` for none.
   * @default {30000}
   */
  refreshInterval?: number;
  /**
   * Where to connect for a node the cluster announces at `address` (NAT,
   * containers); the node keeps its announced address for routing.
   */
  mapAddress?: (address: NodeAddress) => NodeAddress;
  /**
   * Where read-only commands go: `"master"` (default), `"replica"` (a
   * replica of the slot's shard, the master when none is up),
   * `"preferReplica"` (the same; kept for the naming), or
   * `"nearest"` (the node of the slot's shard, master or replica, with the
   * lowest PING round trip, measured when the router opens, when the
   * topology changes and every `refreshInterval`; the master until its
   * shard is measured; see `Latencies`). Replicas may lag behind their
   * master: a read there can miss a write that the master already
   * acknowledged.
   */
  readFrom?: "master" | "replica" | "preferReplica" | "nearest";
}

/** The handshake step of a replica connection. */
const READONLY_STEP: readonly HandshakeStep[] = [
  async (send) => {
    await send(["READONLY"]);
  },
];

function describe(address: NodeAddress): string {
  return address.host.includes(":")
    ? `[${address.host}]:${address.port}`
    : `${address.host}:${address.port}`;
}

/** One node's connection: opening, or open. */
interface NodeEntry {
  address: NodeAddress;
  opening: Promise<NodeSender>;
  sender: NodeSender | undefined;
}

/** The cluster's routing core (see the module docs). */
export class ClusterRouter implements Sender {
  readonly #options: ClusterRouterOptions;
  readonly #topology: Topology;
  readonly #nodes = new Map<string, NodeEntry>();
  #closed = false;
  #interval: ReturnType<typeof setInterval> | undefined;
  /** Commands waiting for the topology to send them again. */
  #waiting = 0;
  /** The subscriptions, once there is one. */
  #pubsub: ClusterPubSub | undefined;
  /** The nodes' round trips, with `readFrom: "nearest"`. */
  readonly #latencies: Latencies | undefined;
  /** Called with each new slot map that routes differently. */
  onTopology:
    | ((map: SlotMap, previous: SlotMap | undefined) => void)
    | undefined;
  /**
   * Called when a node's connection is ready, and when one could not be
   * opened or was lost (with the error).
   */
  onNode:
    | ((type: "ready" | "error", address: NodeAddress, error?: unknown) => void)
    | undefined;

  private constructor(options: ClusterRouterOptions) {
    this.#options = options;
    if (options.readFrom === "nearest") {
      this.#latencies = new Latencies({
        connect: async (address) => {
          const entry = this.#node(address);
          return entry.sender ?? await entry.opening;
        },
      });
    }
    this.#topology = new Topology({
      seeds: options.seeds,
      minInterval: options.minRefreshInterval ?? 1000,
      fetch: (address) => this.#fetchMap(address),
      onChange: (map, previous) => {
        this.#forgetGone(map);
        this.measureLatency();
        this.onTopology?.(map, previous);
      },
    });
    const every = options.refreshInterval ?? 30_000;
    if (every !== Infinity) {
      this.#interval = setInterval(() => {
        this.#topology.refresh().catch(() => {});
        this.measureLatency();
      }, every);
    }
  }

  /**
   * With `readFrom: "nearest"`, measures the round trip of every node of
   * every shard with slots now (routing does not wait for it).
   *
   * @returns Resolves when every node's measurement settled; never rejects.
   * @internal
   */
  measureLatency(): Promise<void> {
    const map = this.#topology.map;
    if (this.#latencies === undefined || map === undefined || this.#closed) {
      return Promise.resolve();
    }
    return this.#latencies.measure(map.shards);
  }

  /** The slot map as the node at `address` sees it. */
  async #fetchMap(address: NodeAddress): Promise<SlotMap> {
    const tls = this.#options.node?.tls !== undefined &&
      this.#options.node.tls !== false;
    return await fetchSlotMap(
      senderSource(await this.#node(address).opening),
      address,
      tls,
    );
  }

  /**
   * Closes the connections of nodes the new map no longer has, once their
   * pending commands have settled.
   */
  #forgetGone(map: SlotMap): void {
    const present = new Set<string>();
    for (const shard of map.shards) {
      if (shard.master) present.add(addressKey(shard.master));
      for (const replica of shard.replicas) present.add(addressKey(replica));
    }
    for (const [key, entry] of this.#nodes) {
      if (present.has(key)) continue;
      this.#nodes.delete(key);
      entry.opening.then((sender) => sender.close(), () => {}).catch(
        () => {},
      );
    }
  }

  /**
   * Discovers the cluster from its seeds and resolves with a router over
   * it.
   *
   * @param options Seeds and per-node options.
   * @returns The router, with its first slot map.
   * @throws The last seed's error when none gave a slot map.
   */
  static async open(options: ClusterRouterOptions): Promise<ClusterRouter> {
    const router = new ClusterRouter(options);
    try {
      await router.#topology.refresh();
    } catch (error) {
      await router.close();
      throw error;
    }
    return router;
  }

  /** The slot map in use. */
  get map(): SlotMap {
    return this.#topology.map!;
  }

  /** The topology (for refreshes). */
  get topology(): Topology {
    return this.#topology;
  }

  /**
   * The connection of the node at `address`, opened on first use. With
   * `readFrom` other than `"master"`, every node's connection sends
   * READONLY in its handshake (a master ignores it), so that a replica
   * serves reads on any connection to it, a seed's included.
   */
  #node(address: NodeAddress): NodeEntry {
    const key = addressKey(address);
    let entry = this.#nodes.get(key);
    // A connection that closed (the node went away) is opened again.
    if (entry?.sender !== undefined && entry.sender.link.status === "closed") {
      this.#nodes.delete(key);
      entry = undefined;
    }
    if (entry === undefined) {
      const reachable = this.#options.mapAddress?.(address) ?? address;
      const created: NodeEntry = {
        address,
        sender: undefined,
        opening: openNode(
          {
            ...this.#options.node,
            hostname: reachable.host,
            port: reachable.port,
            // The router reconnects: after a refresh, to wherever the
            // slot is then, with the commands that were not written.
            reconnect: false,
          },
          undefined,
          undefined,
          (this.#options.readFrom ?? "master") === "master"
            ? []
            : READONLY_STEP,
        ),
      };
      created.opening.then(
        (sender) => {
          if (this.#closed) {
            sender.disconnect().catch(() => {});
            return;
          }
          created.sender = sender;
          sender.link.events = (type, init) => {
            if (type !== "end") return;
            if (init?.error !== undefined && !this.#closed) {
              this.onNode?.("error", address, init.error);
            }
            if (this.#pubsub !== undefined) this.#pubsub.lost(address, sender);
          };
          this.onNode?.("ready", address);
        },
        (error) => {
          // A node that cannot be reached is opened again next time.
          if (this.#nodes.get(key) === created) this.#nodes.delete(key);
          if (!this.#closed) this.onNode?.("error", address, error);
        },
      );
      this.#nodes.set(key, created);
      entry = created;
    }
    return entry;
  }

  /** Rejects a command that waited to be retried while the client closed. */
  #throwIfClosed(): void {
    if (this.#closed) throw new TypeError("The cluster client is closed");
  }

  /** Forgets a node's connection and closes it (at once, unless `gracefully`). */
  #drop(entry: NodeEntry, gracefully = false): void {
    const key = addressKey(entry.address);
    if (this.#nodes.get(key) === entry) this.#nodes.delete(key);
    if (gracefully) entry.sender?.close().catch(() => {});
    else entry.sender?.disconnect().catch(() => {});
  }

  /** The master for `slot`, or a random master for keyless commands. */
  #target(slot: number | undefined): NodeAddress {
    const map = this.#topology.map!;
    if (slot !== undefined) {
      const master = map.masterOf(slot);
      if (master !== undefined) return master;
      this.#topology.requestRefresh();
    }
    const masters = map.shards.flatMap((shard) =>
      shard.master === undefined ? [] : [shard.master]
    );
    const pick = masters[Math.floor(Math.random() * masters.length)];
    if (pick === undefined) {
      throw new TypeError("The cluster has no master to send commands to");
    }
    return pick;
  }

  /**
   * Sends a command where its routing says: a multi-key command split by
   * slot with the replies merged, a keyless command with a fan-out policy
   * to every master (or node) with the replies combined, any other to the
   * master of its keys' slot, following the redirections it gets.
   *
   * @param argv The argument vector.
   * @param transform The reply transform.
   * @param bytes Whether strings arrive as bytes.
   * @param call Per-call options.
   * @param flags The declaration's flags.
   * @returns The transformed reply.
   */
  send(
    argv: readonly Arg[],
    transform: Transform,
    bytes: boolean,
    call: RequestOptions | undefined,
    flags: number,
  ): Promise<unknown> {
    if (this.#closed) {
      return Promise.reject(new TypeError("The cluster client is closed"));
    }
    const routing = routingOf(argv);
    const route = routing?.route;
    if (route !== undefined && route.request !== undefined) {
      if (route.request === "multi_shard") {
        const parts = splitBySlot(argv, routing!.keys);
        if (parts.length > 1) {
          // The parts go as a pipeline: one batch per node.
          const batch = new PipelineBatch(
            parts.map((part) => ({
              argv: part.argv,
              transform: undefined,
              raw: false,
              flags,
              hidden: false,
            })),
            bytes,
          );
          return this.#pipeline(
            batch,
            parts.map((part) => part.slot),
            call,
          ).then((replies) => {
            for (const reply of replies) {
              if (reply instanceof ReplyError) throw reply;
            }
            let keyCount = 0;
            for (const part of parts) keyCount += part.keys.length;
            return finish(
              mergeParts(parts, replies, route.response, keyCount),
              transform,
            );
          });
        }
      } else if (
        (route.request === "all_shards" || route.request === "all_nodes") &&
        route.response !== "special" && commandSlot(argv, routing) === undefined
      ) {
        const targets = this.#fanOut(route.request === "all_nodes");
        return Promise.all(
          targets.map((address) =>
            this.#at(address, argv, undefined, bytes, call, flags)
          ),
        ).then((replies) =>
          finish(aggregate(replies, route.response), transform)
        );
      }
    }
    return this.#routed(
      commandSlot(argv, routing),
      argv,
      transform,
      bytes,
      call,
      flags,
    );
  }

  /** Every master (each once), and with `replicas` every replica too. */
  #fanOut(replicas: boolean): NodeAddress[] {
    const out: NodeAddress[] = [];
    for (const shard of this.#topology.map!.shards) {
      if (shard.master !== undefined && shard.ranges.length > 0) {
        out.push(shard.master);
        if (replicas) out.push(...shard.replicas);
      }
    }
    return out;
  }

  /** Sends to the node at `address`, with no redirection followed. */
  async #at(
    address: NodeAddress,
    argv: readonly Arg[],
    transform: Transform,
    bytes: boolean,
    call: RequestOptions | undefined,
    flags: number,
  ): Promise<unknown> {
    const entry = this.#node(address);
    const node = entry.sender ?? await entry.opening;
    return await node.send(argv, transform, bytes, call, flags);
  }

  /**
   * Sends to the master of `slot` (a random master without one), or a
   * read-only command to one of its replicas (its nearest node, with
   * `"nearest"`) when `readFrom` says so, and
   * follows the redirections it gets. After any failure on a replica the
   * command goes to the master.
   */
  async #routed(
    slot: number | undefined,
    argv: readonly Arg[],
    transform: Transform,
    bytes: boolean,
    call: RequestOptions | undefined,
    flags: number,
  ): Promise<unknown> {
    let address: NodeAddress | undefined;
    if (
      slot !== undefined && (flags & READONLY) !== 0 &&
      (this.#options.readFrom ?? "master") !== "master"
    ) {
      const shard = this.#topology.map!.shardOf(slot);
      if (this.#latencies !== undefined) {
        address = shard && this.#latencies.nearest(shard);
      } else {
        const replicas = shard?.replicas ?? [];
        address = replicas[Math.floor(Math.random() * replicas.length)];
      }
    }
    address ??= this.#target(slot);
    let asking = false;
    const maxRedirects = this.#options.maxRedirects ?? 16;
    let lost = 0;
    // Retries stop when the command's timeout has passed (counted from its
    // first retry: the hot path reads no clock).
    let deadline: Deadline | undefined;
    for (let attempt = 0;; attempt++) {
      const entry = this.#node(address);
      let opened = false;
      try {
        const node = entry.sender ?? await entry.opening;
        opened = true;
        if (!asking) {
          return await node.send(argv, transform, bytes, call, flags);
        }
        // ASKING and the command back to back: nothing runs in between.
        const ask = node.send(["ASKING"], undefined, false, call, 0);
        const result = node.send(argv, transform, bytes, call, flags);
        ask.catch(() => {});
        return await result;
      } catch (error) {
        // A connection lost while it opened (its handshake written) never
        // had the command: that is unsent too.
        if (
          unsent(error) || (!opened && error instanceof ConnectionError) ||
          // A read lost after it was written, sent again when asked to.
          ((flags & READONLY) !== 0 && this.#options.node?.retryReadOnly &&
            error instanceof ConnectionClosedError)
        ) {
          // The node is gone or unreachable, and the command never left:
          // ask the topology where its slot is now, and send it there.
          this.#drop(entry);
          if (this.#closed || ++lost > LOST_RETRIES) throw error;
          attempt--;
          asking = false;
          const wait = nth(LOST_DELAY_MS, lost - 1);
          deadline ??= deadlineOf(call, this.#options.node?.commandTimeout);
          call = retryCall(deadline, wait, call, argv);
          const limit = this.#options.node?.offlineQueueSize ?? 10_000;
          if (this.#waiting >= limit) throw queueFull(argv, limit, error);
          this.#waiting++;
          try {
            await delay(wait, call?.signal);
            this.#throwIfClosed();
            await this.#topology.refresh().catch(() => {});
          } finally {
            this.#waiting--;
          }
          address = this.#target(slot);
          continue;
        }
        const redirection = redirectionOf(error, address);
        if (redirection === undefined || attempt >= maxRedirects) throw error;
        asking = false;
        deadline ??= deadlineOf(call, this.#options.node?.commandTimeout);
        switch (redirection.kind) {
          case "moved":
            // A MOVED to the node that sent it: this connection is stale
            // (another process behind the address): a new one, while the
            // old one's pending commands finish.
            if (addressKey(redirection.address) === addressKey(address)) {
              this.#drop(entry, true);
            }
            this.#topology.moved(redirection.slot, redirection.address);
            address = redirection.address;
            call = retryCall(deadline, 0, call, argv);
            break;
          case "ask":
            address = redirection.address;
            asking = true;
            call = retryCall(deadline, 0, call, argv);
            break;
          default: {
            if (redirection.kind === "clusterdown") {
              this.#topology.requestRefresh();
            }
            const wait = nth(RETRY_DELAY_MS, attempt);
            call = retryCall(deadline, wait, call, argv);
            await delay(wait, call?.signal);
            this.#throwIfClosed();
            // A master that became a replica: where is the slot now?
            if (redirection.kind === "readonly") {
              await this.#topology.refresh().catch(() => {});
            }
            address = this.#target(slot);
          }
        }
      }
    }
  }

  /**
   * Sends a pipeline or a transaction. A pipeline goes as one batch (one
   * write) per master when each command goes as it is to its slot's open
   * master, else each command on its own in the same tick (in order, so
   * one node's commands keep their order); each follows its own
   * redirections, and the results come back in the caller's order. A
   * keyless command that goes to every node
   * (DBSIZE, KEYS, FLUSHALL, ...) is refused in a pipeline before anything
   * is sent. A transaction goes whole to the master of its keys' slot,
   * and is refused before anything is sent when its keys span slots.
   *
   * @param batch The batch.
   * @param call The options of its `exec()`.
   * @param block How long its commands may block together, if they do.
   * @returns The batch's results.
   */
  sendBatch(
    batch: Batch,
    call: CallOptions | undefined,
    block: number | undefined,
  ): Promise<unknown[]> {
    if (this.#closed) {
      batch.fail(new TypeError("The cluster client is closed"));
      return batch.promise;
    }
    if (batch.kind === "transaction") {
      return this.#transaction(batch, call, block);
    }
    // Each command's slot, when every command goes to its slot's master as
    // it is (no split, fan-out or replica read).
    let slots: number[] | undefined = block === undefined ? [] : undefined;
    const replicaReads = (this.#options.readFrom ?? "master") !== "master";
    for (const entry of batch.entries) {
      const routing = routingOf(entry.argv);
      const request = routing?.route?.request;
      if (
        (request === "all_shards" || request === "all_nodes") &&
        routing?.route?.response !== "special" &&
        commandSlot(entry.argv, routing) === undefined &&
        // The hidden SCRIPT LOAD of runScript loads on every node.
        !isScriptLoad(entry.argv)
      ) {
        batch.fail(
          new TypeError(
            `Cannot send "${
              String(entry.argv[0]).toUpperCase()
            }" in a pipeline over a cluster: it goes to every node; send it on its own`,
          ),
        );
        return batch.promise;
      }
      if (slots === undefined) continue;
      const slot = request === undefined && !(replicaReads && entry.readonly)
        ? commandSlot(entry.argv, routing)
        : undefined;
      if (slot === undefined) slots = undefined;
      else slots.push(slot);
    }
    return this.#pipeline(batch, slots, call);
  }

  /**
   * Sends a pipeline's commands: with `slots` (each command's), as one
   * batch (one write) per master when every master's connection is open,
   * a command that meets a redirection then going on its own; otherwise
   * each command on its own, in order, so that the commands for one node
   * keep their order.
   */
  #pipeline(
    batch: Batch,
    slots: readonly number[] | undefined,
    call: CallOptions | undefined,
  ): Promise<unknown[]> {
    const alone = (index: number) => {
      const entry = batch.entries[index]!;
      const flags = (entry.readonly ? READONLY : 0) |
        (entry.flat ? FLAT_REPLY : 0);
      this.send(entry.argv, entry.transform, entry.bytes, call, flags).then(
        (value) => entry.resolve(value),
        (error) => entry.reject(error),
      );
    };
    const open = (address: NodeAddress) => {
      const node = this.#nodes.get(addressKey(address))?.sender;
      return node?.link.status === "closed" ? undefined : node;
    };
    if (
      slots === undefined ||
      !sendByNode(batch, slots, call, this.#topology.map!, open, alone)
    ) {
      for (let i = 0; i < batch.entries.length; i++) alone(i);
    }
    return batch.promise;
  }

  /** A transaction, whole, to the master of its one slot. */
  async #transaction(
    batch: Batch,
    call: CallOptions | undefined,
    block: number | undefined,
  ): Promise<unknown[]> {
    let slot: number | undefined;
    let first: Arg | undefined;
    for (const entry of batch.entries) {
      const routing = routingOf(entry.argv);
      if (routing === undefined) continue;
      for (const position of keyPositions(routing.keys, entry.argv)) {
        const key = entry.argv[position]!;
        const keySlot = argSlot(key);
        if (slot === undefined) {
          slot = keySlot;
          first = key;
        } else if (keySlot !== slot) {
          batch.fail(
            new TypeError(
              `A transaction over a cluster needs all its keys in one slot: "${
                text(first!)
              }" is in slot ${slot} and "${
                text(key)
              }" in slot ${keySlot} (use a hash tag such as "{user:1}:a")`,
            ),
          );
          return await batch.promise;
        }
      }
    }
    let address = this.#target(slot);
    let current = batch;
    const maxRedirects = this.#options.maxRedirects ?? 16;
    for (let attempt = 0;; attempt++) {
      let node: NodeSender;
      try {
        const entry = this.#node(address);
        node = entry.sender ?? await entry.opening;
      } catch (error) {
        current.fail(error);
        return await current.promise;
      }
      try {
        return await node.sendBatch(current, call, block);
      } catch (error) {
        // The node refused every command with MOVED (the slot moved):
        // nothing ran, so the whole transaction goes to the new owner.
        const moved = error instanceof ExecAbortError &&
            error.errors.length > 0 &&
            error.errors.every((refusal) => refusal?.code === "MOVED")
          ? redirectionOf(error.errors[0], address)
          : undefined;
        if (
          moved?.kind !== "moved" || attempt >= maxRedirects ||
          !(current instanceof TransactionBatch)
        ) {
          throw error;
        }
        this.#topology.moved(moved.slot, moved.address);
        address = moved.address;
        current = current.again();
      }
    }
  }

  /**
   * Runs `work` on a dedicated connection of the node serving `argv`.
   *
   * @param argv The command the work is for.
   * @param call The call's options.
   * @param flags The command's flags.
   * @param work What to run.
   * @returns What `work` resolves with.
   */
  async dedicated<R>(
    argv: readonly Arg[],
    call: CallOptions | undefined,
    flags: number,
    work: (sender: Sender, call: CallOptions) => Promise<R>,
  ): Promise<R> {
    const entry = this.#node(this.#target(commandSlot(argv)));
    const node = entry.sender ?? await entry.opening;
    return await node.dedicated(argv, call, flags, work);
  }

  /**
   * Subscribes to channels, patterns or sharded channels (see
   * `ClusterPubSub`): classic subscriptions on one node, moved when it
   * goes away; sharded ones on the master of each channel's slot, moved
   * with the slot.
   *
   * @param kind What the names are.
   * @param names The names.
   * @param bytes Whether names and payloads arrive as bytes.
   * @param options The subscription's options.
   * @returns The subscription, once the nodes confirmed it.
   */
  subscribe<T extends string | Uint8Array>(
    kind: Kind,
    names: readonly (string | Uint8Array)[],
    bytes: boolean,
    options: SubscriptionOptions<T>,
  ): Promise<Subscription<T>> {
    if (this.#closed) {
      return Promise.reject(new TypeError("The cluster client is closed"));
    }
    // deno-lint-ignore no-this-alias
    const router = this;
    this.#pubsub ??= new ClusterPubSub({
      master: (slot) => this.#target(slot),
      open: async (address) => {
        const entry = this.#node(address);
        try {
          return entry.sender ?? await entry.opening;
        } catch (error) {
          this.#drop(entry);
          throw error;
        }
      },
      moved: (slot, address) => this.#topology.moved(slot, address),
      refresh: () => this.#topology.refresh().then(() => {}, () => {}),
      mapOf: (address) => this.#fetchMap(address),
      maxRedirects: this.#options.maxRedirects ?? 16,
      get closed() {
        return router.#closed;
      },
    });
    try {
      return this.#pubsub.subscribe(kind, names, bytes, options);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * The connections of the masters, the replicas, or both, in the slot
   * map's order, opened as needed.
   *
   * @param role Which nodes.
   * @returns Their senders.
   */
  async nodeSenders(role: "master" | "replica" | "all"): Promise<Sender[]> {
    const addresses: NodeAddress[] = [];
    for (const shard of this.#topology.map!.shards) {
      if (role !== "replica" && shard.master) addresses.push(shard.master);
      if (role !== "master") addresses.push(...shard.replicas);
    }
    return await Promise.all(
      addresses.map((address) => {
        const entry = this.#node(address);
        return entry.sender ?? entry.opening;
      }),
    );
  }

  /**
   * The connection of the master serving `slot` now.
   *
   * @param slot The slot.
   * @returns Its sender.
   */
  async masterSender(slot: number): Promise<Sender> {
    const entry = this.#node(this.#target(slot));
    try {
      return entry.sender ?? await entry.opening;
    } catch (error) {
      this.#drop(entry);
      throw error;
    }
  }

  /** The addresses of the nodes with a connection (open or opening). */
  get connected(): string[] {
    return [...this.#nodes.values()].map((entry) => describe(entry.address));
  }

  /** Closes every node's connection after its pending commands. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#interval);
    this.#latencies?.close();
    this.#pubsub?.end();
    this.#topology.close();
    const entries = [...this.#nodes.values()];
    this.#nodes.clear();
    await Promise.all(entries.map(async (entry) => {
      try {
        await (await entry.opening).close();
      } catch {
        // A node that never opened has nothing to close.
      }
    }));
  }

  /**
   * Closes every node's connection at once: their pending commands reject
   * with `ConnectionClosedError`, commands waiting to be retried with a
   * `TypeError`, and the subscriptions end. A connection still opening is
   * closed when it opens.
   */
  async disconnect(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#interval);
    this.#latencies?.close();
    this.#pubsub?.end(
      new ConnectionClosedError("The cluster client was disconnected"),
    );
    this.#topology.close();
    const entries = [...this.#nodes.values()];
    this.#nodes.clear();
    await Promise.all(
      entries.map((entry) => entry.sender?.disconnect().catch(() => {})),
    );
  }
}

const utf8 = new TextDecoder();

function text(arg: Arg): string {
  return arg instanceof Uint8Array ? utf8.decode(arg) : String(arg);
}

function finish(reply: unknown, transform: Transform): unknown {
  return transform === undefined ? reply : transform(reply as Reply);
}
