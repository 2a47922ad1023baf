/**
 * Redis Cluster hash slots: CRC16 (XMODEM) of a key's bytes, or of its hash
 * tag, modulo 16384; and the slot map, which shard serves each slot.
 *
 * @module
 */

import type { Key } from "../commands/_define.ts";
import { ProtocolError } from "../errors.ts";
import type { Arg } from "../resp/types.ts";

/** The number of hash slots of a Redis Cluster. */
export const SLOTS = 16384;

/** CRC16/XMODEM (polynomial 0x1021, initial 0), one entry per byte. */
const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
    }
    table[byte] = crc & 0xffff;
  }
  return table;
})();

const utf8 = new TextEncoder();
const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }

/**
 * The hash slot of `key`, as `CLUSTER KEYSLOT` computes it: CRC16/XMODEM of
 * the key's bytes (a string as UTF-8) modulo 16384. When the key holds a
 * `{`, and a `}` after it with at least one byte between them, only those
 * bytes are hashed (the hash tag), so `{user:1}:name` and `{user:1}:mail`
 * share a slot.
 *
 * @example
 * ```ts
 * import { keySlot } from "@respite/redis";
 *
 * console.log(keySlot("foo")); // 12182
 * console.log(keySlot("{user:1}:name") === keySlot("user:1")); // true
 * ```
 *
 * @param key The key, as text or bytes.
 * @returns The slot, from 0 to 16383.
 */
export function keySlot(key: Key): number {
  if (typeof key === "string") {
    // ASCII text hashes its char codes as they are: no encoding needed.
    let ascii = true;
    for (let i = 0; i < key.length; i++) {
      if (key.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (!ascii) return bytesSlot(utf8.encode(key));
    let start = 0;
    let end = key.length;
    const open = key.indexOf("{");
    if (open >= 0) {
      const close = key.indexOf("}", open + 1);
      if (close > open + 1) {
        start = open + 1;
        end = close;
      }
    }
    let crc = 0;
    for (let i = start; i < end; i++) {
      crc = ((crc << 8) & 0xffff) ^
        TABLE[((crc >> 8) ^ key.charCodeAt(i)) & 0xff]!;
    }
    return crc & (SLOTS - 1);
  }
  return bytesSlot(key);
}

/**
 * The hash slot of a key given as a command argument: a number or bigint
 * key is hashed as its decimal text, as the server sees it.
 *
 * @param arg The key argument.
 * @returns The slot, from 0 to 16383.
 */
export function argSlot(arg: Arg): number {
  return typeof arg === "string" || arg instanceof Uint8Array
    ? keySlot(arg)
    : keySlot(String(arg));
}

function bytesSlot(bytes: Uint8Array): number {
  let start = 0;
  let end = bytes.length;
  const open = bytes.indexOf(OPEN);
  if (open >= 0) {
    const close = bytes.indexOf(CLOSE, open + 1);
    if (close > open + 1) {
      start = open + 1;
      end = close;
    }
  }
  let crc = 0;
  for (let i = start; i < end; i++) {
    crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ bytes[i]!) & 0xff]!;
  }
  return crc & (SLOTS - 1);
}

/**
 * Where a cluster node listens, as the cluster announces it.
 *
 * @example
 * ```ts
 * import type { NodeAddress } from "@respite/redis";
 *
 * const address: NodeAddress = { host: "127.0.0.1", port: 7000 };
 * ```
 */
export interface NodeAddress {
  /** Host name or IP address (IPv6 without brackets). */
  readonly host: string;
  /** The client port (the TLS port on a TLS cluster). */
  readonly port: number;
}

/**
 * A node of the slot map: its address and ID.
 *
 * @example
 * ```ts
 * import { connectCluster } from "@respite/redis";
 *
 * await using cluster = await connectCluster({ nodes: [{ hostname: "127.0.0.1", port: 7000 }] });
 * for (const shard of cluster.slots.shards) {
 *   const { host, port, id } = shard.master ?? {};
 *   console.log(`${host}:${port}`, id);
 * }
 * ```
 */
export interface SlotNode extends NodeAddress {
  /** The node's ID, or "" when the reply did not give one. */
  readonly id: string;
}

/**
 * A master with its replicas and the slots it serves.
 *
 * @example
 * ```ts
 * import { connectCluster } from "@respite/redis";
 *
 * await using cluster = await connectCluster({ nodes: [{ hostname: "127.0.0.1", port: 7000 }] });
 * for (const shard of cluster.slots.shards) {
 *   const ranges = shard.ranges.map(({ start, end }) => `${start}-${end}`);
 *   console.log(shard.master?.port, shard.replicas.length, ranges.join(","));
 * }
 * ```
 */
export interface Shard {
  /** The master, or `undefined` when its address is unknown (`"?"`). */
  readonly master: SlotNode | undefined;
  /** The replicas that are not failed, with known addresses. */
  readonly replicas: readonly SlotNode[];
  /** The slot ranges, both ends included. */
  readonly ranges: readonly { readonly start: number; readonly end: number }[];
}

/** A node as `CLUSTER SHARDS` describes it (see `ClusterShardNode`). */
export interface ShardsNode {
  id: string;
  port?: number;
  tlsPort?: number;
  endpoint: string | null;
  role: string;
  health: string;
}

/** A node as `CLUSTER SLOTS` describes it (see `ClusterSlotsNode`). */
export interface SlotsNode {
  host: string | null;
  port: number;
  id: string;
}

const UNCOVERED = 0xffff;

/**
 * Which shard serves each of the 16384 slots: immutable, built aside from
 * a `CLUSTER SHARDS` or `CLUSTER SLOTS` reply, checked, and only then
 * swapped in by its owner. A reply with a slot outside 0..16383, a range
 * that ends before it starts, or two shards claiming one slot is refused
 * with a {@linkcode ProtocolError}; slots no shard claims are uncovered.
 * A cluster client's is `cluster.slots`.
 *
 * @example
 * ```ts
 * import { connectCluster, keySlot } from "@respite/redis";
 *
 * await using cluster = await connectCluster({ nodes: [{ hostname: "127.0.0.1", port: 7000 }] });
 * const map = cluster.slots;
 * console.log(map.covered); // 16384 when every slot is served
 * console.log(map.masterOf(keySlot("user:1"))); // { host, port, id }
 * ```
 */
export class SlotMap {
  /** The shards, in the order of the reply. */
  readonly shards: readonly Shard[];
  readonly #owners: Uint16Array;
  readonly #covered: number;

  private constructor(shards: readonly Shard[], owners: Uint16Array) {
    this.shards = shards;
    this.#owners = owners;
    let covered = 0;
    for (let slot = 0; slot < SLOTS; slot++) {
      if (owners[slot] !== UNCOVERED) covered++;
    }
    this.#covered = covered;
  }

  /**
   * How many slots a shard serves: 16384 when the map covers them all.
   *
   * @example
   * ```ts
   * import { connectCluster } from "@respite/redis";
   *
   * await using cluster = await connectCluster({ nodes: [{ hostname: "127.0.0.1", port: 7000 }] });
   * if (cluster.slots.covered < 16384) console.warn("slots uncovered");
   * ```
   */
  get covered(): number {
    return this.#covered;
  }

  /**
   * The shard serving `slot`, or `undefined` when none does.
   *
   * @example
   * ```ts
   * import { connectCluster, keySlot } from "@respite/redis";
   *
   * await using cluster = await connectCluster({ nodes: [{ hostname: "127.0.0.1", port: 7000 }] });
   * const replicas = cluster.slots.shardOf(keySlot("user:1"))?.replicas;
   * ```
   *
   * @param slot The slot, from 0 to 16383.
   * @returns Its shard.
   */
  shardOf(slot: number): Shard | undefined {
    const owner = this.#owners[slot];
    return owner === undefined || owner === UNCOVERED
      ? undefined
      : this.shards[owner];
  }

  /**
   * The master serving `slot`, or `undefined` when unknown or uncovered.
   *
   * @example
   * ```ts
   * import { connectCluster, keySlot } from "@respite/redis";
   *
   * await using cluster = await connectCluster({ nodes: [{ hostname: "127.0.0.1", port: 7000 }] });
   * const master = cluster.slots.masterOf(keySlot("user:1"));
   * ```
   *
   * @param slot The slot, from 0 to 16383.
   * @returns Its master.
   */
  masterOf(slot: number): SlotNode | undefined {
    return this.shardOf(slot)?.master;
  }

  /**
   * The map with `slot` moved to the master at `address` (what a MOVED
   * reply says), leaving this one unchanged. An address no shard has as
   * its master becomes a shard of its own until the next refresh.
   *
   * @example
   * ```ts
   * import { connectCluster } from "@respite/redis";
   *
   * await using cluster = await connectCluster({ nodes: [{ hostname: "127.0.0.1", port: 7000 }] });
   * const next = cluster.slots.moved(3999, { host: "127.0.0.1", port: 7002 });
   * console.log(next.masterOf(3999)?.port); // 7002
   * ```
   *
   * @param slot The slot, from 0 to 16383.
   * @param address The master that serves it now.
   * @returns The new map.
   * @throws {ProtocolError} For a slot out of range.
   */
  moved(slot: number, address: NodeAddress): SlotMap {
    checkSlot(slot);
    const owners = this.#owners.slice();
    let index = this.shards.findIndex((shard) =>
      shard.master !== undefined && sameAddress(shard.master, address)
    );
    let shards = this.shards;
    if (index < 0) {
      shards = [...shards, {
        master: { host: address.host, port: address.port, id: "" },
        replicas: [],
        ranges: [],
      }];
      index = shards.length - 1;
    }
    owners[slot] = index;
    return new SlotMap(shards, owners);
  }

  /**
   * Whether `other` routes every slot to the same addresses (the same
   * master and replicas).
   *
   * @example
   * ```ts
   * import { connectCluster } from "@respite/redis";
   *
   * await using cluster = await connectCluster({ nodes: [{ hostname: "127.0.0.1", port: 7000 }] });
   * const before = cluster.slots;
   * // ... later
   * console.log(before.sameRoutes(cluster.slots)); // false after a failover
   * ```
   *
   * @param other The map to compare with.
   * @returns Whether they route alike.
   */
  sameRoutes(other: SlotMap): boolean {
    for (let slot = 0; slot < SLOTS; slot++) {
      const a = this.shardOf(slot);
      const b = other.shardOf(slot);
      if (a === b) continue;
      if (a === undefined || b === undefined) return false;
      if (!sameNode(a.master, b.master)) return false;
      if (a.replicas.length !== b.replicas.length) return false;
      if (!a.replicas.every((node, i) => sameNode(node, b.replicas[i]))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Builds the map from a `CLUSTER SHARDS` reply (Redis 7). A node's
   * endpoint of `null` or `""` means the address that was asked, and `"?"`
   * an unknown one (the node is left out). On a TLS cluster the nodes'
   * TLS ports are used. Failed replicas are left out, and so is a failed
   * master that serves no slot (what is left of a failover).
   *
   * @param shards The reply, as `clusterShards` gives it.
   * @param asked The address the reply came from.
   * @param tls Whether the client connects with TLS.
   * @returns The checked map.
   * @throws {ProtocolError} For a slot out of range or claimed twice.
   * @ignore
   */
  static fromShards(
    shards: readonly {
      slots: readonly { start: number; end: number }[];
      nodes: readonly ShardsNode[];
    }[],
    asked: NodeAddress,
    tls = false,
  ): SlotMap {
    const built: Shard[] = [];
    for (const shard of shards) {
      let master: SlotNode | undefined;
      let failedMaster: SlotNode | undefined;
      const replicas: SlotNode[] = [];
      for (const node of shard.nodes) {
        const port = tls ? node.tlsPort : node.port;
        const host = endpoint(node.endpoint, asked);
        if (host === undefined || port === undefined || !validPort(port)) {
          continue;
        }
        const entry = { host, port, id: node.id };
        // Redis 7.0 says "fail", its documentation "failed".
        const failed = node.health.startsWith("fail");
        if (node.role === "master") {
          if (failed) failedMaster ??= entry;
          else master ??= entry;
        } else if (!failed) {
          replicas.push(entry);
        }
      }
      // After a failover, Redis 7.2+ and Valkey keep the failed master in
      // its shard (same shard ID) beside the promoted one, in either
      // order: the master that is not failed serves the slots. A failed
      // master alone still names the shard's owner; without slots it is
      // what is left of a failover (Redis 7.0 gives it a shard of its own).
      master ??= shard.slots.length > 0 ? failedMaster : undefined;
      built.push({ master, replicas, ranges: shard.slots.map(checkRange) });
    }
    return SlotMap.#build(built);
  }

  /**
   * Builds the map from a `CLUSTER SLOTS` reply (before Redis 7): one
   * entry per slot range, master first. A host of `null` or `""` means the
   * address that was asked, and `"?"` an unknown one.
   *
   * @param ranges The reply, as `clusterSlots` gives it.
   * @param asked The address the reply came from.
   * @returns The checked map.
   * @throws {ProtocolError} For a slot out of range or claimed twice.
   * @ignore
   */
  static fromSlots(
    ranges: readonly {
      start: number;
      end: number;
      master: SlotsNode;
      replicas: readonly SlotsNode[];
    }[],
    asked: NodeAddress,
  ): SlotMap {
    // Ranges of one master make one shard.
    const built: Shard[] = [];
    const byMaster = new Map<string, Shard & { ranges: ClusterRange[] }>();
    for (const range of ranges) {
      const node = (n: SlotsNode): SlotNode | undefined => {
        const host = endpoint(n.host, asked);
        return host === undefined || !validPort(n.port)
          ? undefined
          : { host, port: n.port, id: n.id };
      };
      const master = node(range.master);
      const key = master === undefined
        ? undefined
        : `${master.host}\n${master.port}`;
      let shard = key === undefined ? undefined : byMaster.get(key);
      if (shard === undefined) {
        shard = {
          master,
          replicas: range.replicas.map(node).filter((n) => n !== undefined),
          ranges: [],
        };
        built.push(shard);
        if (key !== undefined) byMaster.set(key, shard);
      }
      shard.ranges.push(checkRange(range));
    }
    return SlotMap.#build(built);
  }

  static #build(shards: Shard[]): SlotMap {
    const owners = new Uint16Array(SLOTS).fill(UNCOVERED);
    shards.forEach((shard, index) => {
      for (const { start, end } of shard.ranges) {
        for (let slot = start; slot <= end; slot++) {
          if (owners[slot] !== UNCOVERED) {
            throw new ProtocolError(
              `Invalid cluster topology: slot "${slot}" is claimed by two shards`,
            );
          }
          owners[slot] = index;
        }
      }
    });
    return new SlotMap(shards, owners);
  }
}

type ClusterRange = { start: number; end: number };

/**
 * The slot of a MOVED or ASK reply's text, or `undefined` unless it is a
 * decimal integer from 0 to 16383.
 *
 * @param text The slot as the server wrote it.
 */
export function parseSlot(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const slot = Number(text);
  return slot < SLOTS ? slot : undefined;
}

function checkSlot(slot: number): void {
  if (!Number.isInteger(slot) || slot < 0 || slot >= SLOTS) {
    throw new ProtocolError(
      `Invalid cluster topology: slot "${slot}" is not from 0 to 16383`,
    );
  }
}

function checkRange(range: ClusterRange): ClusterRange {
  checkSlot(range.start);
  checkSlot(range.end);
  if (range.end < range.start) {
    throw new ProtocolError(
      `Invalid cluster topology: slot range "${range.start}-${range.end}" ends before it starts`,
    );
  }
  return { start: range.start, end: range.end };
}

function endpoint(
  host: string | null,
  asked: NodeAddress,
): string | undefined {
  if (host === null || host === "") return asked.host;
  if (host === "?") return undefined;
  return host;
}

function validPort(port: number): boolean {
  return Number.isInteger(port) && port > 0 && port < 65536;
}

function sameAddress(a: NodeAddress, b: NodeAddress): boolean {
  return a.host === b.host && a.port === b.port;
}

function sameNode(
  a: NodeAddress | undefined,
  b: NodeAddress | undefined,
): boolean {
  return a === undefined || b === undefined ? a === b : sameAddress(a, b);
}
