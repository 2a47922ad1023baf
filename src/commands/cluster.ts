/**
 * The cluster introspection and admin commands (CLUSTER INFO, READONLY, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  checkInteger,
  checkKeys,
  checkNotEmpty,
  type Command,
  command,
  CONNECTION_STATE,
  type Key,
  list,
  num,
  ok,
  optionKeys,
  pairs,
  record,
  str,
} from "./_define.ts";

/**
 * A range of hash slots, both ends included (0 to 16383).
 *
 * @example
 * ```ts ignore
 * await client.clusterAddslotsrange([{ start: 0, end: 8191 }]);
 * ```
 */
export interface ClusterSlotRange {
  /** The first slot of the range. */
  start: number;
  /** The last slot of the range (included). */
  end: number;
}

/**
 * One node serving a slot range, as `clusterSlots` describes it.
 *
 * @example
 * ```ts ignore
 * const [range] = await client.clusterSlots();
 * console.log(range?.master.host, range?.master.port, range?.master.id);
 * ```
 */
export interface ClusterSlotsNode {
  /**
   * The node's preferred endpoint (its IP address by default, see the
   * `cluster-preferred-endpoint-type` setting), or `null` when unknown.
   */
  host: string | null;
  /** The node's client port. */
  port: number;
  /** The node's ID. */
  id: string;
  /**
   * Further networking details (Redis 7.0+): `ip` and `hostname` when they
   * differ from `host`; empty otherwise.
   */
  metadata: Record<string, string>;
}

/**
 * One slot range of `clusterSlots` with the nodes serving it.
 *
 * @example
 * ```ts ignore
 * for (const { start, end, master, replicas } of await client.clusterSlots()) {
 *   console.log(start, end, master.port, replicas.length);
 * }
 * ```
 */
export interface ClusterSlotsRange extends ClusterSlotRange {
  /** The master node of the range. */
  master: ClusterSlotsNode;
  /** Its replicas that are not failed. */
  replicas: ClusterSlotsNode[];
}

/**
 * One node of a shard, as `clusterShards` describes it.
 *
 * @example
 * ```ts ignore
 * const [shard] = await client.clusterShards();
 * const master = shard?.nodes.find((node) => node.role === "master");
 * ```
 */
export interface ClusterShardNode {
  /** The node's ID. */
  id: string;
  /** The node's plain-text client port, when it has one. */
  port?: number;
  /** The node's TLS client port, when it has one. */
  tlsPort?: number;
  /** The node's IP address. */
  ip: string;
  /** The endpoint clients should use (see `cluster-preferred-endpoint-type`). */
  endpoint: string;
  /** The node's announced hostname, when it has one. */
  hostname?: string;
  /** Whether the node is the shard's master or a replica. */
  role: "master" | "replica";
  /** The node's replication offset. */
  replicationOffset: number;
  /**
   * `"online"`, `"loading"` while it syncs, or `"failed"` (`"fail"` on
   * Redis 7.0).
   */
  health: "online" | "failed" | "fail" | "loading";
}

/**
 * One shard (a master with its replicas), as `clusterShards` describes it.
 *
 * @example
 * ```ts ignore
 * for (const shard of await client.clusterShards()) {
 *   console.log(shard.slots, shard.nodes.map((node) => node.endpoint));
 * }
 * ```
 */
export interface ClusterShard {
  /** The slot ranges the shard serves. */
  slots: ClusterSlotRange[];
  /** The shard's nodes. */
  nodes: ClusterShardNode[];
}

/**
 * One cluster bus link of the node, as `clusterLinks` describes it.
 *
 * @example
 * ```ts ignore
 * const links = await client.clusterLinks();
 * console.log(links.filter((link) => link.direction === "to").length);
 * ```
 */
export interface ClusterLink {
  /** `"to"` for a link this node opened, `"from"` for one a peer opened. */
  direction: "to" | "from";
  /** The peer's node ID. */
  node: string;
  /** When the link was created, in Unix milliseconds. */
  createTime: number;
  /** The events the link waits for: `"r"` (read), `"w"` (write), both or none. */
  events: "" | "r" | "w" | "rw";
  /** Bytes allocated for the link's send buffer. */
  sendBufferAllocated: number;
  /** Bytes of the send buffer in use. */
  sendBufferUsed: number;
}

/**
 * The fields of `clusterInfo`, named as the server spells them. Every field
 * whose value is an integer is converted to a `number`; `cluster_state` is
 * `"ok"` or `"fail"`. Fields the server adds beyond those listed (such as
 * the per-type `cluster_stats_messages_ping_sent` counters) are included
 * too, as numbers when they are integers and as text otherwise.
 *
 * @example
 * ```ts ignore
 * const info = await client.clusterInfo();
 * if (info.cluster_state === "ok") console.log(info.cluster_known_nodes);
 * ```
 */
export interface ClusterInfo {
  /** `"ok"` when the node can serve queries, `"fail"` when it cannot. */
  cluster_state: "ok" | "fail";
  /** Slots assigned to some node. */
  cluster_slots_assigned: number;
  /** Assigned slots whose node is reachable. */
  cluster_slots_ok: number;
  /** Assigned slots whose node might be failing (`PFAIL`). */
  cluster_slots_pfail: number;
  /** Assigned slots whose node failed (`FAIL`). */
  cluster_slots_fail: number;
  /** Nodes the cluster knows, in any state. */
  cluster_known_nodes: number;
  /** Master nodes serving at least one slot. */
  cluster_size: number;
  /** The cluster's current epoch. */
  cluster_current_epoch: number;
  /** This node's config epoch. */
  cluster_my_epoch: number;
  /** Cluster bus messages sent. */
  cluster_stats_messages_sent: number;
  /** Cluster bus messages received. */
  cluster_stats_messages_received: number;
  /** Links freed because their send buffer went over the limit. */
  total_cluster_links_buffer_limit_exceeded: number;
  /** Every other field: a number when it is an integer, otherwise its text. */
  [field: string]: string | number;
}

/**
 * The result of `clusterBumpepoch`.
 *
 * @example
 * ```ts ignore
 * const { bumped, epoch } = await client.clusterBumpepoch();
 * ```
 */
export interface ClusterBumpEpochResult {
  /** `true` when the epoch was increased, `false` when it was already the highest. */
  bumped: boolean;
  /** The node's config epoch now. */
  epoch: number;
}

/**
 * Options of `clusterFailover`: `force` or `takeover`, not both.
 *
 * @example
 * ```ts ignore
 * await replica.clusterFailover({ force: true });
 * ```
 */
export type ClusterFailoverOptions =
  | { force: true; takeover?: never }
  | { takeover: true; force?: never }
  | { force?: never; takeover?: never };

/**
 * Options of `clusterReset`: `hard` or `soft`, not both (soft is the
 * server's default).
 *
 * @example
 * ```ts ignore
 * await client.clusterReset({ hard: true });
 * ```
 */
export type ClusterResetOptions =
  | { hard: true; soft?: never }
  | { soft: true; hard?: never }
  | { hard?: never; soft?: never };

/**
 * What `clusterSetslot` does with the slot: mark it as being imported from
 * a node, as being migrated to a node, assign it to a node, or clear the
 * importing/migrating state. Exactly one.
 *
 * @example
 * ```ts ignore
 * await target.clusterSetslot(42, { importing: sourceId });
 * await source.clusterSetslot(42, { migrating: targetId });
 * await source.clusterSetslot(42, { node: targetId });
 * ```
 */
export type ClusterSetSlotAction =
  | { importing: string; migrating?: never; node?: never; stable?: never }
  | { migrating: string; importing?: never; node?: never; stable?: never }
  | { node: string; importing?: never; migrating?: never; stable?: never }
  | { stable: true; importing?: never; migrating?: never; node?: never };

const SLOTS = 16384;

const SLOT_RANGE_KEYS = optionKeys<ClusterSlotRange>({
  start: true,
  end: true,
});

const SETSLOT_KEYS = optionKeys<ClusterSetSlotAction>({
  importing: true,
  migrating: true,
  node: true,
  stable: true,
});

const FAILOVER_KEYS = optionKeys<ClusterFailoverOptions>({
  force: true,
  takeover: true,
});

const RESET_KEYS = optionKeys<ClusterResetOptions>({ hard: true, soft: true });

function checkSlot(command: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value >= SLOTS) {
    throw new TypeError(
      `Invalid ${command} slot "${value}": expected an integer from 0 to 16383`,
    );
  }
}

function buildSlots(name: string, slots: number[]): Arg[] {
  const command = `CLUSTER ${name}`;
  checkNotEmpty(command, "slot", slots);
  for (const slot of slots) checkSlot(command, slot);
  return ["CLUSTER", name, ...slots];
}

function buildSlotRanges(
  name: string,
  ranges: readonly ClusterSlotRange[],
): Arg[] {
  const command = `CLUSTER ${name}`;
  if (!Array.isArray(ranges)) {
    throw new TypeError(
      `Invalid ${command} call: expected an array of slot ranges`,
    );
  }
  checkNotEmpty(command, "slot range", ranges);
  const argv: Arg[] = ["CLUSTER", name];
  for (const range of ranges) {
    checkKeys(`${command} slot range`, range, SLOT_RANGE_KEYS);
    const { start, end } = range;
    checkSlot(command, start);
    checkSlot(command, end);
    if (start > end) {
      throw new TypeError(
        `Invalid ${command} range "${start}-${end}": the start is after the end`,
      );
    }
    argv.push(start, end);
  }
  return argv;
}

function buildMeet(ip: string, port: number, clusterBusPort?: number): Arg[] {
  const argv: Arg[] = ["CLUSTER", "MEET", ip];
  for (
    const [name, value] of [["port", port], [
      "bus port",
      clusterBusPort,
    ]] as const
  ) {
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0 || value > 65535) {
      throw new TypeError(
        `Invalid CLUSTER MEET ${name} "${value}": expected an integer from 0 to 65535`,
      );
    }
    argv.push(value);
  }
  return argv;
}

function buildSetslot(slot: number, action: ClusterSetSlotAction): Arg[] {
  checkSlot("CLUSTER SETSLOT", slot);
  const argv: Arg[] = ["CLUSTER", "SETSLOT", slot];
  if (typeof action === "object" && action !== null) {
    checkKeys("CLUSTER SETSLOT action", action, SETSLOT_KEYS);
  }
  const chosen = (["importing", "migrating", "node", "stable"] as const)
    .filter((name) => {
      const value: unknown = (action as Record<string, unknown> | undefined)
        ?.[name];
      return value !== undefined && value !== false;
    });
  if (chosen.length !== 1) {
    throw new TypeError(
      chosen.length === 0
        ? 'Invalid CLUSTER SETSLOT action: expected one of "importing", "migrating", "node" or "stable"'
        : `Invalid CLUSTER SETSLOT action: ${
          chosen.map((name) => `"${name}"`).join(" and ")
        } exclude each other`,
    );
  }
  const name = chosen[0]!;
  argv.push(name.toUpperCase());
  if (name !== "stable") argv.push(action[name] as string);
  return argv;
}

function buildFailover(options?: ClusterFailoverOptions): Arg[] {
  const argv: Arg[] = ["CLUSTER", "FAILOVER"];
  if (options === undefined) return argv;
  checkKeys("CLUSTER FAILOVER option", options, FAILOVER_KEYS);
  if (options.force && options.takeover) {
    throw new TypeError(
      'Invalid CLUSTER FAILOVER options: "force" and "takeover" exclude each other',
    );
  }
  if (options.force) argv.push("FORCE");
  if (options.takeover) argv.push("TAKEOVER");
  return argv;
}

function buildReset(options?: ClusterResetOptions): Arg[] {
  const argv: Arg[] = ["CLUSTER", "RESET"];
  if (options === undefined) return argv;
  checkKeys("CLUSTER RESET option", options, RESET_KEYS);
  if (options.hard && options.soft) {
    throw new TypeError(
      'Invalid CLUSTER RESET options: "hard" and "soft" exclude each other',
    );
  }
  if (options.hard) argv.push("HARD");
  if (options.soft) argv.push("SOFT");
  return argv;
}

function buildSetConfigEpoch(epoch: number | bigint): Arg[] {
  checkInteger("CLUSTER SET-CONFIG-EPOCH", "config epoch", epoch);
  if (epoch < 0) {
    throw new TypeError(
      `Invalid CLUSTER SET-CONFIG-EPOCH config epoch "${epoch}": expected a non-negative integer`,
    );
  }
  return ["CLUSTER", "SET-CONFIG-EPOCH", epoch];
}

function buildGetkeysinslot(slot: number, count: number): Arg[] {
  checkSlot("CLUSTER GETKEYSINSLOT", slot);
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new TypeError(
      `Invalid CLUSTER GETKEYSINSLOT count "${count}": expected a non-negative integer`,
    );
  }
  return ["CLUSTER", "GETKEYSINSLOT", slot, count];
}

const encoder = new TextEncoder();

/**
 * Parses the `field:value` lines of CLUSTER INFO. In the bytes view the
 * text arrives as bytes; values that are not integers are then handed back
 * as bytes too, as `Binary<ClusterInfo>` says.
 */
function clusterInfo(reply: Reply): ClusterInfo {
  const bytes = reply instanceof Uint8Array;
  const info: Record<string, string | number | Uint8Array> = {};
  for (const line of str(reply).split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const field = line.slice(0, colon);
    const text = line.slice(colon + 1);
    let value: string | number | Uint8Array;
    if (/^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))) {
      value = Number(text);
    } else if (field === "cluster_state" || !bytes) {
      value = text;
    } else {
      value = encoder.encode(text);
    }
    if (field === "__proto__") {
      Object.defineProperty(info, field, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    } else {
      info[field] = value;
    }
  }
  return info as ClusterInfo;
}

function slotsNode(reply: Reply): ClusterSlotsNode {
  const [host = null, port = 0, id = "", metadata = null] = list(reply);
  return {
    host: host as string | null,
    port: num(port),
    id: id as string,
    metadata: record(metadata) as Record<string, string>,
  };
}

function slotsRange(reply: Reply): ClusterSlotsRange {
  const [start = 0, end = 0, master = null, ...replicas] = list(reply);
  return {
    start: num(start),
    end: num(end),
    master: slotsNode(master),
    replicas: replicas.map(slotsNode),
  };
}

function slotRanges(reply: Reply): ClusterSlotRange[] {
  const items = list(reply);
  const ranges: ClusterSlotRange[] = [];
  for (let i = 0; i + 1 < items.length; i += 2) {
    ranges.push({ start: num(items[i]!), end: num(items[i + 1]!) });
  }
  return ranges;
}

function shardNode(reply: Reply): ClusterShardNode {
  const node: ClusterShardNode = {
    id: "",
    ip: "",
    endpoint: "",
    role: "master",
    replicationOffset: 0,
    health: "online",
  };
  for (const [key, value] of pairs(reply)) {
    switch (str(key)) {
      case "id":
        node.id = value as string;
        break;
      case "port":
        node.port = num(value);
        break;
      case "tls-port":
        node.tlsPort = num(value);
        break;
      case "ip":
        node.ip = value as string;
        break;
      case "endpoint":
        node.endpoint = value as string;
        break;
      case "hostname":
        node.hostname = value as string;
        break;
      case "role":
        node.role = str(value) as ClusterShardNode["role"];
        break;
      case "replication-offset":
        node.replicationOffset = num(value);
        break;
      case "health":
        node.health = str(value) as ClusterShardNode["health"];
        break;
    }
  }
  return node;
}

function shard(reply: Reply): ClusterShard {
  const result: ClusterShard = { slots: [], nodes: [] };
  for (const [key, value] of pairs(reply)) {
    switch (str(key)) {
      case "slots":
        result.slots = slotRanges(value);
        break;
      case "nodes":
        result.nodes = list(value).map(shardNode);
        break;
    }
  }
  return result;
}

function link(reply: Reply): ClusterLink {
  const result: ClusterLink = {
    direction: "to",
    node: "",
    createTime: 0,
    events: "",
    sendBufferAllocated: 0,
    sendBufferUsed: 0,
  };
  for (const [key, value] of pairs(reply)) {
    switch (str(key)) {
      case "direction":
        result.direction = str(value) as ClusterLink["direction"];
        break;
      case "node":
        result.node = value as string;
        break;
      case "create-time":
        result.createTime = num(value);
        break;
      case "events":
        result.events = str(value) as ClusterLink["events"];
        break;
      case "send-buffer-allocated":
        result.sendBufferAllocated = num(value);
        break;
      case "send-buffer-used":
        result.sendBufferUsed = num(value);
        break;
    }
  }
  return result;
}

function bumpEpoch(reply: Reply): ClusterBumpEpochResult {
  const [word = "", epoch = ""] = str(reply).split(" ");
  return { bumped: word === "BUMPED", epoch: Number(epoch) };
}

const nodeLines = (reply: Reply): string[] => list(reply) as string[];

/**
 * The cluster introspection and admin commands (CLUSTER INFO, READONLY, ...).
 * Most of them need a server started with `cluster-enabled yes`; otherwise
 * they reject with a `ReplyError` ("This instance has cluster support
 * disabled").
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.clusterInfo.name);
 * ```
 */
export interface ClusterCommands {
  /**
   * Tells a cluster node that the next command of this connection belongs
   * to a slot being imported, after an `ASK` redirection. Resolves to
   * `"OK"`. Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * await target.asking();
   * await target.get("moving-key");
   * ```
   */
  asking: Command<[], "OK">;
  /**
   * Lets this connection read keys from a cluster replica instead of being
   * redirected to the master. Resolves to `"OK"`. Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * await replica.readonly();
   * ```
   */
  readonly: Command<[], "OK">;
  /**
   * Undoes `readonly` for this connection: reads on a replica are
   * redirected to the master again. Resolves to `"OK"`. Available since
   * Redis 3.0.
   *
   * @example
   * ```ts ignore
   * await replica.readwrite();
   * ```
   */
  readwrite: Command<[], "OK">;
  /**
   * Assigns hash slots to this node. Resolves to `"OK"`; rejects with a
   * `ReplyError` when a slot is already assigned. Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * await client.clusterAddslots(0, 1, 2);
   * ```
   */
  clusterAddslots: Command<number[], "OK">;
  /**
   * Assigns ranges of hash slots to this node. Resolves to `"OK"`.
   * Available since Redis 7.0.
   *
   * @example
   * ```ts ignore
   * await client.clusterAddslotsrange([{ start: 0, end: 16383 }]);
   * ```
   */
  clusterAddslotsrange: Command<
    [ranges: readonly ClusterSlotRange[]],
    "OK"
  >;
  /**
   * Raises this node's config epoch to a new highest value unless it is
   * already the highest. Resolves to a {@linkcode ClusterBumpEpochResult}.
   * Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * const { bumped, epoch } = await client.clusterBumpepoch();
   * ```
   */
  clusterBumpepoch: Command<[], ClusterBumpEpochResult>;
  /**
   * Counts the failure reports other nodes sent about a node. Resolves to
   * the count. Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * const reports = await client.clusterCountFailureReports(nodeId);
   * ```
   */
  clusterCountFailureReports: Command<[nodeId: string], number>;
  /**
   * Counts the keys of this node in a hash slot. Resolves to the count.
   * Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * const slot = await client.clusterKeyslot("user:1");
   * console.log(await client.clusterCountkeysinslot(slot));
   * ```
   */
  clusterCountkeysinslot: Command<[slot: number], number>;
  /**
   * Removes hash slots from this node's assignment. Resolves to `"OK"`.
   * Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * await client.clusterDelslots(0, 1, 2);
   * ```
   */
  clusterDelslots: Command<number[], "OK">;
  /**
   * Removes ranges of hash slots from this node's assignment. Resolves to
   * `"OK"`. Available since Redis 7.0.
   *
   * @example
   * ```ts ignore
   * await client.clusterDelslotsrange([{ start: 0, end: 99 }]);
   * ```
   */
  clusterDelslotsrange: Command<
    [ranges: readonly ClusterSlotRange[]],
    "OK"
  >;
  /**
   * Makes this replica take over from its master, with the master's
   * agreement by default, without it (`force`) or without the cluster's
   * (`takeover`). Resolves to `"OK"` once the failover has started.
   * Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * await replica.clusterFailover({ force: true });
   * ```
   */
  clusterFailover: Command<[options?: ClusterFailoverOptions], "OK">;
  /**
   * Unassigns every hash slot of this node (which must hold no keys).
   * Resolves to `"OK"`. Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * await client.clusterFlushslots();
   * ```
   */
  clusterFlushslots: Command<[], "OK">;
  /**
   * Removes a node from this node's view of the cluster (for a minute,
   * unless every node forgets it). Resolves to `"OK"`. Available since
   * Redis 3.0.
   *
   * @example
   * ```ts ignore
   * await client.clusterForget(nodeId);
   * ```
   */
  clusterForget: Command<[nodeId: string], "OK">;
  /**
   * Lists up to `count` keys of this node in a hash slot. Resolves to the
   * key names. Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * const keys = await client.clusterGetkeysinslot(12182, 10);
   * ```
   */
  clusterGetkeysinslot: Command<[slot: number, count: number], string[]>;
  /**
   * Asks the server how to use the CLUSTER subcommands. Resolves to the
   * lines of help text. Available since Redis 5.0.
   *
   * @example
   * ```ts ignore
   * console.log((await client.clusterHelp()).join("\n"));
   * ```
   */
  clusterHelp: Command<[], string[]>;
  /**
   * Describes the cluster's state as this node sees it. Resolves to a
   * {@linkcode ClusterInfo}: the `field:value` lines of the reply as a
   * record, integers as numbers. Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * const info = await client.clusterInfo();
   * console.log(info.cluster_state, info.cluster_size);
   * ```
   */
  clusterInfo: Command<[], ClusterInfo>;
  /**
   * Computes the hash slot of a key (taking `{hash tags}` into account).
   * Resolves to the slot, 0 to 16383. Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * console.log(await client.clusterKeyslot("foo")); // 12182
   * ```
   */
  clusterKeyslot: Command<[key: Key], number>;
  /**
   * Describes this node's cluster bus links to its peers. Resolves to one
   * {@linkcode ClusterLink} per link. Available since Redis 7.0.
   *
   * @example
   * ```ts ignore
   * for (const link of await client.clusterLinks()) console.log(link.node, link.direction);
   * ```
   */
  clusterLinks: Command<[], ClusterLink[]>;
  /**
   * Connects this node to another node, joining their clusters. Resolves to
   * `"OK"`; the handshake goes on in the background. Available since Redis
   * 3.0; `clusterBusPort` since 4.0.
   *
   * @example
   * ```ts ignore
   * await client.clusterMeet("10.0.0.2", 6379);
   * ```
   */
  clusterMeet: Command<
    [ip: string, port: number, clusterBusPort?: number],
    "OK"
  >;
  /**
   * Returns this node's ID (40 hex characters). Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * const id = await client.clusterMyid();
   * ```
   */
  clusterMyid: Command<[], string>;
  /**
   * Describes every node of the cluster as this node sees it. Resolves to
   * the server's text: one line per node with its ID, address, flags,
   * master, ping/pong times, config epoch, link state and slots.
   * `clusterShards` and `clusterSlots` give the same facts as objects.
   * Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * for (const line of (await client.clusterNodes()).trim().split("\n")) {
   *   const [id, address, flags] = line.split(" ");
   * }
   * ```
   */
  clusterNodes: Command<[], string>;
  /**
   * Describes the replicas of a master node. Resolves to one line per
   * replica, in the format of `clusterNodes`. Available since Redis 5.0.
   *
   * @example
   * ```ts ignore
   * const lines = await client.clusterReplicas(masterId);
   * ```
   */
  clusterReplicas: Command<[nodeId: string], string[]>;
  /**
   * Makes this node a replica of the master with the given ID. Resolves to
   * `"OK"`. Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * await client.clusterReplicate(masterId);
   * ```
   */
  clusterReplicate: Command<[nodeId: string], "OK">;
  /**
   * Resets this node (which must hold no keys if it is a master): forgets
   * the other nodes and its slots, becomes a master; `hard` also picks a new
   * ID and resets the epochs. Resolves to `"OK"`. Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * await client.clusterReset({ hard: true });
   * ```
   */
  clusterReset: Command<[options?: ClusterResetOptions], "OK">;
  /**
   * Writes this node's cluster configuration to its `nodes.conf` file.
   * Resolves to `"OK"`. Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * await client.clusterSaveconfig();
   * ```
   */
  clusterSaveconfig: Command<[], "OK">;
  /**
   * Sets the config epoch of a new node that knows no other node and has
   * epoch 0. Resolves to `"OK"`. Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * await client.clusterSetConfigEpoch(1);
   * ```
   */
  clusterSetConfigEpoch: Command<[configEpoch: number | bigint], "OK">;
  /**
   * Changes the state of a hash slot on this node, to move it between
   * nodes (see {@linkcode ClusterSetSlotAction}). Resolves to `"OK"`.
   * Available since Redis 3.0.
   *
   * @example
   * ```ts ignore
   * await client.clusterSetslot(42, { node: targetId });
   * ```
   */
  clusterSetslot: Command<
    [slot: number, action: ClusterSetSlotAction],
    "OK"
  >;
  /**
   * Describes the cluster's shards: each with its slot ranges and nodes.
   * Resolves to one {@linkcode ClusterShard} per shard. Available since
   * Redis 7.0.
   *
   * @example
   * ```ts ignore
   * for (const shard of await client.clusterShards()) console.log(shard.slots);
   * ```
   */
  clusterShards: Command<[], ClusterShard[]>;
  /**
   * Describes the replicas of a master node: the older name of
   * `clusterReplicas`. Resolves to one line per replica, in the format of
   * `clusterNodes`. Available since Redis 3.0; deprecated since 5.0.
   *
   * @example
   * ```ts ignore
   * const lines = await client.clusterSlaves(masterId);
   * ```
   */
  clusterSlaves: Command<[nodeId: string], string[]>;
  /**
   * Maps the cluster's slot ranges to the nodes serving them. Resolves to
   * one {@linkcode ClusterSlotsRange} per range. Available since Redis 3.0;
   * node IDs since 4.0, `metadata` since 7.0; superseded by
   * `clusterShards` in 7.0.
   *
   * @example
   * ```ts ignore
   * for (const { start, end, master } of await client.clusterSlots()) {
   *   console.log(`${start}-${end} -> ${master.host}:${master.port}`);
   * }
   * ```
   */
  clusterSlots: Command<[], ClusterSlotsRange[]>;
}

/** The declarations of the cluster introspection and admin commands. */
export const clusterCommands: ClusterCommands = {
  asking: command({
    name: "ASKING",
    build: (): Arg[] => ["ASKING"],
    reply: ok,
  }),
  readonly: command({
    name: "READONLY",
    build: (): Arg[] => ["READONLY"],
    flags: CONNECTION_STATE,
    reply: ok,
  }),
  readwrite: command({
    name: "READWRITE",
    build: (): Arg[] => ["READWRITE"],
    flags: CONNECTION_STATE,
    reply: ok,
  }),
  clusterAddslots: command({
    name: "CLUSTER ADDSLOTS",
    build: (...slots: number[]): Arg[] => buildSlots("ADDSLOTS", slots),
    reply: ok,
  }),
  clusterAddslotsrange: command({
    name: "CLUSTER ADDSLOTSRANGE",
    build: (ranges: readonly ClusterSlotRange[]): Arg[] =>
      buildSlotRanges("ADDSLOTSRANGE", ranges),
    reply: ok,
  }),
  clusterBumpepoch: command({
    name: "CLUSTER BUMPEPOCH",
    build: (): Arg[] => ["CLUSTER", "BUMPEPOCH"],
    reply: bumpEpoch,
  }),
  clusterCountFailureReports: command({
    name: "CLUSTER COUNT-FAILURE-REPORTS",
    build: (nodeId: string): Arg[] => [
      "CLUSTER",
      "COUNT-FAILURE-REPORTS",
      nodeId,
    ],
    reply: num,
  }),
  clusterCountkeysinslot: command({
    name: "CLUSTER COUNTKEYSINSLOT",
    build: (slot: number): Arg[] => {
      checkSlot("CLUSTER COUNTKEYSINSLOT", slot);
      return ["CLUSTER", "COUNTKEYSINSLOT", slot];
    },
    reply: num,
  }),
  clusterDelslots: command({
    name: "CLUSTER DELSLOTS",
    build: (...slots: number[]): Arg[] => buildSlots("DELSLOTS", slots),
    reply: ok,
  }),
  clusterDelslotsrange: command({
    name: "CLUSTER DELSLOTSRANGE",
    build: (ranges: readonly ClusterSlotRange[]): Arg[] =>
      buildSlotRanges("DELSLOTSRANGE", ranges),
    reply: ok,
  }),
  clusterFailover: command({
    name: "CLUSTER FAILOVER",
    build: buildFailover,
    reply: ok,
  }),
  clusterFlushslots: command({
    name: "CLUSTER FLUSHSLOTS",
    build: (): Arg[] => ["CLUSTER", "FLUSHSLOTS"],
    reply: ok,
  }),
  clusterForget: command({
    name: "CLUSTER FORGET",
    build: (nodeId: string): Arg[] => ["CLUSTER", "FORGET", nodeId],
    reply: ok,
  }),
  clusterGetkeysinslot: command({
    name: "CLUSTER GETKEYSINSLOT",
    build: buildGetkeysinslot,
    reply: (reply) => list(reply) as string[],
  }),
  clusterHelp: command({
    name: "CLUSTER HELP",
    build: (): Arg[] => ["CLUSTER", "HELP"],
    reply: (reply) => list(reply) as string[],
  }),
  clusterInfo: command({
    name: "CLUSTER INFO",
    build: (): Arg[] => ["CLUSTER", "INFO"],
    reply: clusterInfo,
  }),
  clusterKeyslot: command({
    name: "CLUSTER KEYSLOT",
    build: (key: Key): Arg[] => ["CLUSTER", "KEYSLOT", key],
    reply: num,
  }),
  clusterLinks: command({
    name: "CLUSTER LINKS",
    build: (): Arg[] => ["CLUSTER", "LINKS"],
    reply: (reply) => list(reply).map(link),
  }),
  clusterMeet: command({
    name: "CLUSTER MEET",
    build: buildMeet,
    reply: ok,
  }),
  clusterMyid: command({
    name: "CLUSTER MYID",
    build: (): Arg[] => ["CLUSTER", "MYID"],
    reply: (reply) => reply as string,
  }),
  clusterNodes: command({
    name: "CLUSTER NODES",
    build: (): Arg[] => ["CLUSTER", "NODES"],
    reply: (reply) => reply as string,
  }),
  clusterReplicas: command({
    name: "CLUSTER REPLICAS",
    build: (nodeId: string): Arg[] => ["CLUSTER", "REPLICAS", nodeId],
    reply: nodeLines,
  }),
  clusterReplicate: command({
    name: "CLUSTER REPLICATE",
    build: (nodeId: string): Arg[] => ["CLUSTER", "REPLICATE", nodeId],
    reply: ok,
  }),
  clusterReset: command({
    name: "CLUSTER RESET",
    build: buildReset,
    reply: ok,
  }),
  clusterSaveconfig: command({
    name: "CLUSTER SAVECONFIG",
    build: (): Arg[] => ["CLUSTER", "SAVECONFIG"],
    reply: ok,
  }),
  clusterSetConfigEpoch: command({
    name: "CLUSTER SET-CONFIG-EPOCH",
    build: buildSetConfigEpoch,
    reply: ok,
  }),
  clusterSetslot: command({
    name: "CLUSTER SETSLOT",
    build: buildSetslot,
    reply: ok,
  }),
  clusterShards: command({
    name: "CLUSTER SHARDS",
    build: (): Arg[] => ["CLUSTER", "SHARDS"],
    reply: (reply) => list(reply).map(shard),
  }),
  clusterSlaves: command({
    name: "CLUSTER SLAVES",
    build: (nodeId: string): Arg[] => ["CLUSTER", "SLAVES", nodeId],
    reply: nodeLines,
  }),
  clusterSlots: command({
    name: "CLUSTER SLOTS",
    build: (): Arg[] => ["CLUSTER", "SLOTS"],
    reply: (reply) => list(reply).map(slotsRange),
  }),
};
