/**
 * Subscriptions over a cluster. Classic channels and patterns: a message
 * published on any node reaches every node, so one node's connection
 * carries them all, and they move to another master when that node goes
 * away. Sharded channels (SSUBSCRIBE): a message published with SPUBLISH
 * reaches only the shard that owns the channel's slot, so each slot's
 * channels are subscribed on that slot's master, one SSUBSCRIBE per slot;
 * when the slot moves (the node then drops the subscriptions with an
 * unsolicited `sunsubscribe`) or its master goes away, they are subscribed
 * again wherever the slot is after a topology refresh. One `PubSubHub`
 * routes every message to its subscriptions, whichever node it came from.
 *
 * @module
 */

import type { NodeSender } from "../connection/node.ts";
import {
  type Kind,
  PubSubHub,
  type PubSubTransport,
  type Subscription,
  type SubscriptionOptions,
} from "../pubsub.ts";
import type { Arg, Reply } from "../resp/types.ts";
import { ConnectionClosedError, ConnectionError } from "../errors.ts";
import { redirectionOf } from "./redirect.ts";
import { argSlot, type NodeAddress, type SlotMap } from "./slots.ts";
import {
  delay,
  LOST_DELAY_MS,
  LOST_RETRIES,
  nth,
  RETRY_DELAY_MS,
} from "./_retry.ts";

/** What the subscriptions need of the router. */
export interface PubSubHost {
  /** The master serving `slot` now, or any master without a slot. */
  master(slot: number | undefined): NodeAddress;
  /** The open connection of the node at `address`. */
  open(address: NodeAddress): Promise<NodeSender>;
  /** Records that `slot` moved to `address` (a MOVED reply). */
  moved(slot: number, address: NodeAddress): void;
  /** Refreshes the slot map (errors ignored). */
  refresh(): Promise<void>;
  /** The slot map as the node at `address` sees it. */
  mapOf(address: NodeAddress): Promise<SlotMap>;
  /** Redirections one SSUBSCRIBE may follow. */
  readonly maxRedirects: number;
  /** Whether the client is closed. */
  readonly closed: boolean;
}

/** A node that carries subscriptions. */
interface Carrier {
  key: string;
  address: NodeAddress;
  node: NodeSender;
}

/** The identity of a node's address. */
export function addressKey(address: NodeAddress): string {
  return `${address.host}\n${address.port}`;
}

const CLASSIC: readonly Kind[] = ["channel", "pattern"];

/** Every subscription of a cluster client (see the module docs). */
export class ClusterPubSub implements PubSubTransport {
  readonly #host: PubSubHost;
  readonly #hub: PubSubHub;
  /** The node carrying the classic subscriptions, once chosen. */
  #classic: Promise<Carrier> | undefined;
  /** Every node carrying subscriptions, by address key. */
  readonly #carriers = new Map<string, Carrier>();
  /** For each slot with sharded subscriptions: the node they are on. */
  readonly #slots = new Map<number, string>();
  /**
   * Slots whose channels are to be subscribed again, with the node that
   * dropped them (none when it was lost).
   */
  readonly #pending = new Map<number, Carrier | undefined>();
  #resubscribing: Promise<void> | undefined;

  /**
   * Creates the subscriptions of a router.
   *
   * @param host What they need of the router.
   */
  constructor(host: PubSubHost) {
    this.#host = host;
    this.#hub = new PubSubHub(() => Promise.resolve(this));
  }

  /**
   * Subscribes to channels, patterns or sharded channels.
   *
   * @param kind What the names are.
   * @param names The names.
   * @param bytes Whether names and payloads arrive as bytes.
   * @param options The subscription's options.
   * @returns The subscription, once every node confirmed it.
   */
  subscribe<T extends string | Uint8Array>(
    kind: Kind,
    names: readonly (string | Uint8Array)[],
    bytes: boolean,
    options: SubscriptionOptions<T>,
  ): Promise<Subscription<T>> {
    return this.#hub.subscribe(kind, names, bytes, options);
  }

  /**
   * Sends an (un)subscribe command of the hub where it belongs: classic
   * ones to the classic carrier, sharded ones to each slot's master.
   *
   * @param argv The command, or nothing (a barrier).
   */
  async command(argv: Arg[] | undefined): Promise<void> {
    if (argv === undefined) {
      await this.#resubscribing;
      if (this.#classic !== undefined) {
        await (await this.#classic).node.link.pubsubCommand(undefined);
      }
      return;
    }
    const name = String(argv[0]);
    if (name === "SSUBSCRIBE" || name === "SUNSUBSCRIBE") {
      const bySlot = new Map<number, Arg[]>();
      for (let i = 1; i < argv.length; i++) {
        const slot = argSlot(argv[i]!);
        let names = bySlot.get(slot);
        if (names === undefined) bySlot.set(slot, names = []);
        names.push(argv[i]!);
      }
      if (name === "SSUBSCRIBE") return await this.#subscribeSlots(bySlot);
      await Promise.all(
        [...bySlot].map(([slot, names]) => this.#unsubscribeSlot(slot, names)),
      );
      return;
    }
    if (
      (name === "UNSUBSCRIBE" || name === "PUNSUBSCRIBE") &&
      this.#classic === undefined
    ) {
      return;
    }
    await (await this.#classicCarrier()).node.link.pubsubCommand(argv);
  }

  /** SSUBSCRIBE of each slot's names; on failure, none stays subscribed. */
  async #subscribeSlots(bySlot: Map<number, Arg[]>): Promise<void> {
    const results = await Promise.allSettled(
      [...bySlot].map(([slot, names]) => this.#subscribeSlot(slot, names)),
    );
    const failed = results.find((result) => result.status === "rejected");
    if (failed === undefined) return;
    let i = 0;
    for (const [slot, names] of bySlot) {
      if (results[i++]!.status === "fulfilled") {
        await this.#unsubscribeSlot(slot, names).catch(() => {});
      }
    }
    throw (failed as PromiseRejectedResult).reason;
  }

  /**
   * Subscribes `names` (all in `slot`) on the slot's master, following
   * MOVED and retrying TRYAGAIN and CLUSTERDOWN.
   */
  async #subscribeSlot(slot: number, names: Arg[]): Promise<void> {
    let address = this.#host.master(slot);
    let lost = 0;
    for (let attempt = 0;; attempt++) {
      let opened = false;
      try {
        const node = await this.#host.open(address);
        opened = true;
        const key = this.#carry(address, node).key;
        await node.link.pubsubCommand(["SSUBSCRIBE", ...names]);
        this.#slots.set(slot, key);
        return;
      } catch (error) {
        if (
          (!opened || error instanceof ConnectionClosedError) &&
          error instanceof ConnectionError
        ) {
          // The node is gone: ask the topology where the slot is now.
          if (this.#host.closed || ++lost > LOST_RETRIES) throw error;
          attempt--;
          await delay(nth(LOST_DELAY_MS, lost - 1), undefined);
          await this.#host.refresh();
          address = this.#host.master(slot);
          continue;
        }
        const redirection = redirectionOf(error, address);
        if (
          redirection === undefined || redirection.kind === "ask" ||
          attempt >= this.#host.maxRedirects
        ) {
          throw error;
        }
        if (redirection.kind === "moved") {
          this.#host.moved(redirection.slot, redirection.address);
          address = redirection.address;
        } else {
          await delay(nth(RETRY_DELAY_MS, attempt), undefined);
          address = this.#host.master(slot);
        }
      }
    }
  }

  /** SUNSUBSCRIBE of `names` (all in `slot`) on the node they are on. */
  async #unsubscribeSlot(slot: number, names: Arg[]): Promise<void> {
    const key = this.#slots.get(slot);
    if (this.#namesIn(slot).length === 0) this.#slots.delete(slot);
    const node = key === undefined ? undefined : this.#carriers.get(key)?.node;
    if (node === undefined) return;
    try {
      await node.link.pubsubCommand(["SUNSUBSCRIBE", ...names]);
    } catch (error) {
      // A node that went away has no subscription left.
      if (!(error instanceof ConnectionError)) throw error;
    }
  }

  /** The channels of active sharded subscriptions in `slot`. */
  #namesIn(slot: number): Uint8Array[] {
    return this.#hub.names("shard").filter((name) => argSlot(name) === slot);
  }

  /** Routes this client's pushes from `node` here. */
  #carry(address: NodeAddress, node: NodeSender): Carrier {
    if (node.link.protocol !== 3) {
      throw new TypeError(
        "Subscriptions over a cluster need RESP3 (protocol: 3)",
      );
    }
    const key = addressKey(address);
    let carrier = this.#carriers.get(key);
    if (carrier?.node === node) return carrier;
    carrier = { key, address, node };
    this.#carriers.set(key, carrier);
    const from = carrier;
    node.link.pushRouter = { route: (data) => this.#route(from, data) };
    return carrier;
  }

  /** The node carrying the classic subscriptions, chosen on first use. */
  #classicCarrier(): Promise<Carrier> {
    return this.#classic ??= (async () => {
      for (let lost = 1;; lost++) {
        const address = this.#host.master(undefined);
        try {
          return this.#carry(address, await this.#host.open(address));
        } catch (error) {
          // A master that cannot be reached: another one, after a refresh.
          if (
            !(error instanceof ConnectionError) || this.#host.closed ||
            lost >= LOST_RETRIES
          ) {
            this.#classic = undefined;
            throw error;
          }
          await delay(nth(LOST_DELAY_MS, lost - 1), undefined);
          await this.#host.refresh();
        }
      }
    })();
  }

  /**
   * Routes a push of a carrier: a message to its subscriptions. A
   * `sunsubscribe` for a channel still subscribed came from a node that
   * lost the channel's slot: its channels are subscribed again.
   */
  #route(from: Carrier, data: Reply[]): boolean {
    const type = data[0];
    if (
      (type === "sunsubscribe" ||
        (type instanceof Uint8Array && type.length === 12 &&
          String.fromCharCode(...type) === "sunsubscribe")) &&
      this.#hub.uses("shard", data[1])
    ) {
      const name = data[1];
      this.#resubscribe(
        [
          argSlot(
            name instanceof Uint8Array || typeof name === "string"
              ? name
              : String(name),
          ),
        ],
        from,
      );
    }
    return this.#hub.route(data);
  }

  /**
   * Called when the connection of the node at `address` is lost: its
   * subscriptions move elsewhere.
   *
   * @param address The node.
   * @param node Its connection that was lost.
   */
  lost(address: NodeAddress, node: NodeSender): void {
    const key = addressKey(address);
    if (this.#carriers.get(key)?.node !== node) return;
    this.#carriers.delete(key);
    const classic = this.#classic;
    if (classic !== undefined) {
      classic.then((carrier) => {
        if (carrier.key === key) this.#moveClassic(classic);
      }, () => {});
    }
    const slots: number[] = [];
    for (const [slot, on] of this.#slots) if (on === key) slots.push(slot);
    if (slots.length > 0) this.#resubscribe(slots);
  }

  /**
   * Subscribes the channels of `slots` again, on their masters after a
   * refresh of the map (or, when the node `from` dropped them, on the
   * master that node names: it knows where they went).
   */
  #resubscribe(slots: Iterable<number>, from?: Carrier): void {
    for (const slot of slots) this.#pending.set(slot, from);
    this.#resubscribing ??= this.#drain().finally(() => {
      this.#resubscribing = undefined;
    });
  }

  async #drain(): Promise<void> {
    for (let attempt = 1; this.#pending.size > 0; attempt++) {
      if (this.#host.closed) return;
      const pending = [...this.#pending];
      this.#pending.clear();
      if (pending.some(([, from]) => from === undefined)) {
        await this.#host.refresh();
      }
      await this.#redirect(pending);
      let failure: unknown;
      await Promise.all(pending.map(async ([slot, from]) => {
        const names = this.#namesIn(slot);
        if (names.length === 0) {
          this.#slots.delete(slot);
          return;
        }
        try {
          await this.#subscribeSlot(slot, names);
        } catch (error) {
          if (!this.#pending.has(slot)) this.#pending.set(slot, from);
          failure = error;
        }
      }));
      if (this.#pending.size === 0 || this.#host.closed) return;
      if (attempt >= LOST_RETRIES) {
        this.#pending.clear();
        this.#hub.end(failure);
        return;
      }
      await delay(nth(LOST_DELAY_MS, attempt - 1), undefined);
    }
  }

  /**
   * For slots dropped by a node that the map still names as their master,
   * asks that node where they went and routes them there. A replica serves
   * sharded subscriptions for its master's slots, so a demoted master must
   * not get them back: messages published on the new master would reach
   * them late, through replication, and out of order with those published
   * on the old one by clients with an older map.
   */
  async #redirect(
    pending: readonly [number, Carrier | undefined][],
  ): Promise<void> {
    const views = new Map<string, Promise<SlotMap | undefined>>();
    await Promise.all(pending.map(async ([slot, from]) => {
      if (from === undefined) return;
      if (addressKey(this.#host.master(slot)) !== from.key) return;
      let view = views.get(from.key);
      if (view === undefined) {
        view = this.#host.mapOf(from.address).catch(() => undefined);
        views.set(from.key, view);
      }
      const owner = (await view)?.masterOf(slot);
      if (owner !== undefined && addressKey(owner) !== from.key) {
        this.#host.moved(slot, owner);
      }
    }));
  }

  /** Moves the classic subscriptions off a node that went away. */
  async #moveClassic(lost: Promise<Carrier>): Promise<void> {
    if (this.#classic !== lost) return;
    this.#classic = undefined;
    for (let attempt = 1;; attempt++) {
      if (
        this.#host.closed ||
        !CLASSIC.some((kind) => this.#hub.names(kind).length > 0)
      ) {
        return;
      }
      try {
        await this.#host.refresh();
        const carrier = await this.#classicCarrier();
        await this.#hub.restore(
          { command: (argv) => carrier.node.link.pubsubCommand(argv) },
          CLASSIC,
        );
        return;
      } catch (error) {
        this.#classic = undefined;
        if (this.#host.closed) return;
        if (attempt >= LOST_RETRIES) {
          this.#hub.end(error);
          return;
        }
        await delay(nth(LOST_DELAY_MS, attempt - 1), undefined);
      }
    }
  }

  /**
   * Ends every subscription: their iterators finish after the buffered
   * messages, or throw `error` then.
   *
   * @param error Why, when the client did not close gracefully.
   */
  end(error?: unknown): void {
    this.#hub.end(error);
  }
}
