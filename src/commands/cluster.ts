/**
 * The cluster introspection and admin commands (CLUSTER INFO, READONLY, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  checkExclusive,
  checkInteger,
  checkKeys,
  checkNotEmpty,
  command,
  CONNECTION_STATE,
  type Declarations,
  type Key,
  list,
  num,
  ok,
  optionKeys,
  pairs,
  READONLY,
  record,
  str,
} from "./_define.ts";
import { scanArgs, type ScanMatchOptions } from "./_scan.ts";

/**
 * A range of hash slots, both ends included (0 to 16383).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
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
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
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
   * differ from `host`, and `availability-zone` (Valkey 9.1+) when the node
   * has one; empty otherwise.
   */
  metadata: Record<string, string>;
}

/**
 * One slot range of `clusterSlots` with the nodes serving it.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
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
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
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
  /**
   * The node's availability zone (its `availability-zone` setting), when
   * it has one; Valkey 9.1+.
   */
  availabilityZone?: string;
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
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
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
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
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
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
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
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
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
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using replica = await connect({ port: 7003 });
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
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
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
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using source = await connect({ port: 7000 });
 * await using target = await connect({ port: 7001 });
 * const sourceId = await source.clusterMyid();
 * const targetId = await target.clusterMyid();
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

/**
 * Options of `clusterSetslot`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const targetId = "07c37dfeb235213a872192d90877d0cd55635b91";
 * await client.clusterSetslot(42, { node: targetId }, { timeout: 2000 });
 * ```
 */
export interface ClusterSetSlotOptions {
  /**
   * How long, in milliseconds, the master waits for its replicas to take
   * the change before it answers (`TIMEOUT`; `0` waits for ever); Valkey
   * 8.0+. Without it the server uses its default of 2 seconds.
   */
  timeout?: number;
}

/**
 * A per-slot statistic of `clusterSlotStats`, to order the slots by.
 * `"key-count"` is always kept; the others only while the server's
 * `cluster-slot-stats-enabled` setting is on, and `"memory-bytes"` only
 * on Redis (8.4+) started with it on.
 *
 * @example
 * ```ts
 * import type { ClusterSlotStatsMetric } from "@respite/redis";
 *
 * const metric: ClusterSlotStatsMetric = "cpu-usec";
 * ```
 */
export type ClusterSlotStatsMetric =
  | "key-count"
  | "cpu-usec"
  | "network-bytes-in"
  | "network-bytes-out"
  | "memory-bytes";

/**
 * Which slots `clusterSlotStats` describes: a range of slots, in slot
 * order (`slotsrange`), or the slots with the highest (or lowest) value of
 * a statistic (`orderby`), not both.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.clusterSlotStats({ slotsrange: { start: 0, end: 99 } });
 * await client.clusterSlotStats({ orderby: "key-count", limit: 10, order: "DESC" });
 * ```
 */
export type ClusterSlotStatsOptions =
  | {
    /** The slots from `start` to `end` (`SLOTSRANGE`), in slot order. */
    slotsrange: ClusterSlotRange;
    orderby?: never;
    limit?: never;
    order?: never;
  }
  | {
    /** The statistic to order the slots by (`ORDERBY`). */
    orderby: ClusterSlotStatsMetric;
    /** How many slots to describe, 1 to 16384 (`LIMIT`; server default 16). */
    limit?: number;
    /** `"DESC"` (the server's default) or `"ASC"`; ties go by slot number. */
    order?: "ASC" | "DESC";
    slotsrange?: never;
  };

/**
 * The statistics of one slot, as `clusterSlotStats` describes them. The
 * statistics other than `keyCount` are present only while the server's
 * `cluster-slot-stats-enabled` setting is on.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for (const { slot, keyCount, cpuUsec } of await client.clusterSlotStats({ orderby: "cpu-usec" })) {
 *   console.log(slot, keyCount, cpuUsec);
 * }
 * ```
 */
export interface ClusterSlotStats {
  /** The slot. */
  slot: number;
  /** How many keys the slot holds (`key-count`). */
  keyCount: number;
  /** CPU time spent on the slot's commands, in microseconds (`cpu-usec`). */
  cpuUsec?: number;
  /** Bytes received for the slot's commands (`network-bytes-in`). */
  networkBytesIn?: number;
  /** Bytes sent for the slot's commands (`network-bytes-out`). */
  networkBytesOut?: number;
  /** Bytes of memory the slot's keys use (`memory-bytes`, Redis 8.4+). */
  memoryBytes?: number;
}

/**
 * Which atomic slot migration tasks `clusterMigrationCancel` and
 * `clusterMigrationStatus` act on: the one with this ID, or all of them.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const taskId = await client.clusterMigration([{ start: 0, end: 99 }]);
 * await client.clusterMigrationCancel({ id: taskId });
 * await client.clusterMigrationStatus({ all: true });
 * ```
 */
export type ClusterMigrationTarget =
  | {
    /** The task ID that `clusterMigration` returned (`ID`). */
    id: string;
    all?: never;
  }
  | {
    /** Every task (`ALL`). */
    all: true;
    id?: never;
  };

/**
 * One atomic slot migration task of Redis, as `clusterMigrationStatus`
 * describes it.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const taskId = await client.clusterMigration([{ start: 0, end: 99 }]);
 * const [task] = await client.clusterMigrationStatus({ id: taskId });
 * console.log(task?.state, task?.slots, task?.lastError);
 * ```
 */
export interface ClusterMigrationTask {
  /** The task ID. */
  id: string;
  /** The slot ranges the task moves. */
  slots: ClusterSlotRange[];
  /** The ID of the node the slots move from. */
  source: string;
  /** The ID of the node the slots move to. */
  dest: string;
  /**
   * `"import"` on the node the slots move to, `"migrate"` on the one they
   * move from.
   */
  operation: "import" | "migrate";
  /** The task's state, such as `"completed"`, `"failed"` or `"canceled"`. */
  state: string;
  /** The last error of the task, or `""`. */
  lastError: string;
  /** How many times the task was retried. */
  retries: number;
  /** When the task was created, in Unix milliseconds. */
  createTime: number;
  /** When the task started, in Unix milliseconds (`0` before it does). */
  startTime: number;
  /** When the task ended, in Unix milliseconds (`0` before it does). */
  endTime: number;
  /** How long writes to the slots were paused, in milliseconds. */
  writePauseMs: number;
}

/**
 * One migration of `clusterMigrateslots`: slot ranges and the node they
 * move to.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using source = await connect({ port: 7000 });
 * await using target = await connect({ port: 7001 });
 * const targetId = await target.clusterMyid();
 * await source.clusterMigrateslots([{ ranges: [{ start: 0, end: 99 }], node: targetId }]);
 * ```
 */
export interface ClusterSlotMigration {
  /** The slot ranges to move (`SLOTSRANGE`). */
  ranges: readonly ClusterSlotRange[];
  /** The ID of the master to move them to (`NODE`). */
  node: string;
}

/**
 * One atomic slot migration job of Valkey, as `clusterGetslotmigrations`
 * describes it.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for (const job of await client.clusterGetslotmigrations()) {
 *   console.log(job.operation, job.slotRanges, job.state);
 * }
 * ```
 */
export interface ClusterSlotMigrationJob {
  /** The job's name, 40 hex characters. */
  name: string;
  /** `"EXPORT"` on the source shard, `"IMPORT"` on the target shard. */
  operation: "IMPORT" | "EXPORT";
  /** The slot ranges the job moves. */
  slotRanges: ClusterSlotRange[];
  /** The ID of the master receiving the slots (reported to masters only). */
  targetNode?: string;
  /** The ID of the master sending the slots (reported to masters only). */
  sourceNode?: string;
  /** When the job started, in Unix seconds. */
  createTime: number;
  /** When the job's state last changed, in Unix seconds. */
  lastUpdateTime: number;
  /** When the job last heard from its peer, in Unix seconds. */
  lastAckTime: number;
  /**
   * The job's state: `"success"`, `"failed"` or `"cancelled"` once it is
   * over, another word while it runs.
   */
  state: string;
  /** More about the state, or `""`. */
  message: string;
  /** Bytes of copy-on-write memory the job's fork used. */
  cowSize: number;
}

/**
 * Options of `clusterFlushslot`: delete the keys asynchronously or
 * synchronously, not both. Without either the server follows its
 * `lazyfree-lazy-user-flush` setting.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.clusterFlushslot(42, { async: true });
 * ```
 */
export type ClusterFlushslotOptions =
  | { async: true; sync?: never }
  | { sync: true; async?: never }
  | { async?: never; sync?: never };

/**
 * Options of `clusterscan`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const page = await client.clusterscan("0", { match: "user:*", count: 100, slot: 42 });
 * ```
 */
export interface ClusterScanOptions extends ScanMatchOptions {
  /** Only keys of this type (`TYPE`), such as `"hash"`. */
  type?: string;
  /** Only keys of this slot (`SLOT`). */
  slot?: number;
}

/**
 * One page of `clusterscan`: the cursor for the next call and the keys
 * found.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * let cursor = "0";
 * do {
 *   const page = await client.clusterscan(cursor);
 *   cursor = page.cursor;
 * } while (cursor !== "0");
 * ```
 */
export interface ClusterScanPage {
  /**
   * Pass this to the next call; `"0"` when the whole cluster was scanned.
   * It names the slot being scanned (`fingerprint-{tag}-cursor`), not a
   * number.
   */
  cursor: string;
  /** The keys of this page (a key may show up in more than one page). */
  keys: string[];
}

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

const SETSLOT_OPTION_KEYS = optionKeys<ClusterSetSlotOptions>({
  timeout: true,
});

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
  return pushSlotRanges(["CLUSTER", name], `CLUSTER ${name}`, ranges);
}

/** Appends `start end` per range, after checking each. */
function pushSlotRanges(
  argv: Arg[],
  command: string,
  ranges: readonly ClusterSlotRange[],
): Arg[] {
  if (!Array.isArray(ranges)) {
    throw new TypeError(
      `Invalid ${command} call: expected an array of slot ranges`,
    );
  }
  checkNotEmpty(command, "slot range", ranges);
  for (const range of ranges) pushSlotRange(argv, command, range);
  return argv;
}

function pushSlotRange(
  argv: Arg[],
  command: string,
  range: ClusterSlotRange,
): void {
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

function buildSetslot(
  slot: number,
  action: ClusterSetSlotAction,
  options?: ClusterSetSlotOptions,
): Arg[] {
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
  if (options === undefined) return argv;
  checkKeys("CLUSTER SETSLOT option", options, SETSLOT_OPTION_KEYS);
  const timeout = options.timeout;
  if (timeout !== undefined) {
    if (!Number.isSafeInteger(timeout) || timeout < 0) {
      throw new TypeError(
        `Invalid CLUSTER SETSLOT timeout "${timeout}": expected a non-negative integer`,
      );
    }
    argv.push("TIMEOUT", timeout);
  }
  return argv;
}

const SLOT_STATS_KEYS = optionKeys<ClusterSlotStatsOptions>({
  slotsrange: true,
  orderby: true,
  limit: true,
  order: true,
});

const SLOT_STATS_METRICS: ReadonlySet<string> = new Set<
  ClusterSlotStatsMetric
>([
  "key-count",
  "cpu-usec",
  "network-bytes-in",
  "network-bytes-out",
  "memory-bytes",
]);

function buildSlotStats(options: ClusterSlotStatsOptions): Arg[] {
  const command = "CLUSTER SLOT-STATS";
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Invalid ${command} options: expected "slotsrange" or "orderby"`,
    );
  }
  checkKeys(`${command} option`, options, SLOT_STATS_KEYS);
  const argv: Arg[] = ["CLUSTER", "SLOT-STATS"];
  if (options.slotsrange !== undefined) {
    if (
      options.orderby !== undefined || options.limit !== undefined ||
      options.order !== undefined
    ) {
      throw new TypeError(
        `Invalid ${command} options: "slotsrange" excludes "orderby", "limit" and "order"`,
      );
    }
    argv.push("SLOTSRANGE");
    pushSlotRange(argv, command, options.slotsrange);
    return argv;
  }
  const { orderby, limit, order } = options;
  if (orderby === undefined) {
    throw new TypeError(
      `Invalid ${command} options: expected "slotsrange" or "orderby"`,
    );
  }
  if (!SLOT_STATS_METRICS.has(orderby)) {
    throw new TypeError(
      `Invalid ${command} metric "${orderby}": expected "key-count", "cpu-usec", "network-bytes-in", "network-bytes-out" or "memory-bytes"`,
    );
  }
  argv.push("ORDERBY", orderby);
  if (limit !== undefined) {
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > SLOTS) {
      throw new TypeError(
        `Invalid ${command} limit "${limit}": expected an integer from 1 to 16384`,
      );
    }
    argv.push("LIMIT", limit);
  }
  if (order !== undefined) {
    if (order !== "ASC" && order !== "DESC") {
      throw new TypeError(
        `Invalid ${command} order "${order}": expected "ASC" or "DESC"`,
      );
    }
    argv.push(order);
  }
  return argv;
}

const MIGRATION_TARGET_KEYS = optionKeys<ClusterMigrationTarget>({
  id: true,
  all: true,
});

/** `ID <id>` or `ALL`, from a {@linkcode ClusterMigrationTarget}. */
function pushMigrationTarget(
  argv: Arg[],
  command: string,
  target: ClusterMigrationTarget,
): Arg[] {
  if (typeof target !== "object" || target === null) {
    throw new TypeError(`Invalid ${command} target: expected "id" or "all"`);
  }
  checkKeys(`${command} target`, target, MIGRATION_TARGET_KEYS);
  checkExclusive(command, target, ["id", "all"]);
  if (target.id !== undefined) {
    argv.push("ID", target.id);
  } else if (target.all) {
    argv.push("ALL");
  } else {
    throw new TypeError(`Invalid ${command} target: expected "id" or "all"`);
  }
  return argv;
}

const SLOT_MIGRATION_KEYS = optionKeys<ClusterSlotMigration>({
  ranges: true,
  node: true,
});

function buildMigrateslots(migrations: readonly ClusterSlotMigration[]): Arg[] {
  const command = "CLUSTER MIGRATESLOTS";
  if (!Array.isArray(migrations)) {
    throw new TypeError(
      `Invalid ${command} call: expected an array of migrations`,
    );
  }
  checkNotEmpty(command, "migration", migrations);
  const argv: Arg[] = ["CLUSTER", "MIGRATESLOTS"];
  for (const migration of migrations) {
    checkKeys(`${command} migration`, migration, SLOT_MIGRATION_KEYS);
    if (typeof migration.node !== "string" || migration.node === "") {
      throw new TypeError(
        `Invalid ${command} node "${migration.node}": expected a node ID`,
      );
    }
    argv.push("SLOTSRANGE");
    pushSlotRanges(argv, command, migration.ranges);
    argv.push("NODE", migration.node);
  }
  return argv;
}

const FLUSHSLOT_KEYS = optionKeys<ClusterFlushslotOptions>({
  async: true,
  sync: true,
});

function buildFlushslot(
  slot: number,
  options?: ClusterFlushslotOptions,
): Arg[] {
  checkSlot("CLUSTER FLUSHSLOT", slot);
  const argv: Arg[] = ["CLUSTER", "FLUSHSLOT", slot];
  if (options === undefined) return argv;
  checkKeys("CLUSTER FLUSHSLOT option", options, FLUSHSLOT_KEYS);
  checkExclusive("CLUSTER FLUSHSLOT", options, ["async", "sync"]);
  if (options.async) argv.push("ASYNC");
  if (options.sync) argv.push("SYNC");
  return argv;
}

const CLUSTERSCAN_KEYS = optionKeys<ClusterScanOptions>({
  match: true,
  count: true,
  type: true,
  slot: true,
});

function buildClusterscan(
  cursor: string | 0,
  options?: ClusterScanOptions,
): Arg[] {
  const argv = scanArgs(
    ["CLUSTERSCAN", cursor],
    "CLUSTERSCAN",
    options,
    CLUSTERSCAN_KEYS,
  );
  const slot = options?.slot;
  if (slot !== undefined) {
    checkSlot("CLUSTERSCAN", slot);
    argv.push("SLOT", slot);
  }
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
      case "availability-zone":
        node.availabilityZone = value as string;
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

/**
 * Slot ranges written as text, `"0-100 200-300"` (commas also separate
 * ranges; a lone slot `"5"` is the range 5-5).
 */
function slotRangesText(reply: Reply): ClusterSlotRange[] {
  const ranges: ClusterSlotRange[] = [];
  for (const part of str(reply).split(/[\s,]+/)) {
    if (part === "") continue;
    const dash = part.indexOf("-");
    const start = Number(dash < 0 ? part : part.slice(0, dash));
    const end = dash < 0 ? start : Number(part.slice(dash + 1));
    ranges.push({ start, end });
  }
  return ranges;
}

function slotStats(reply: Reply): ClusterSlotStats {
  const [slot = 0, stats = null] = list(reply);
  const result: ClusterSlotStats = { slot: num(slot), keyCount: 0 };
  for (const [key, value] of pairs(stats)) {
    switch (str(key)) {
      case "key-count":
        result.keyCount = num(value);
        break;
      case "cpu-usec":
        result.cpuUsec = num(value);
        break;
      case "network-bytes-in":
        result.networkBytesIn = num(value);
        break;
      case "network-bytes-out":
        result.networkBytesOut = num(value);
        break;
      case "memory-bytes":
        result.memoryBytes = num(value);
        break;
    }
  }
  return result;
}

function migrationTask(reply: Reply): ClusterMigrationTask {
  const task: ClusterMigrationTask = {
    id: "",
    slots: [],
    source: "",
    dest: "",
    operation: "import",
    state: "",
    lastError: "",
    retries: 0,
    createTime: 0,
    startTime: 0,
    endTime: 0,
    writePauseMs: 0,
  };
  for (const [key, value] of pairs(reply)) {
    switch (str(key)) {
      case "id":
        task.id = value as string;
        break;
      case "slots":
        task.slots = slotRangesText(value);
        break;
      case "source":
        task.source = value as string;
        break;
      case "dest":
        task.dest = value as string;
        break;
      case "operation":
        task.operation = str(value) as ClusterMigrationTask["operation"];
        break;
      case "state":
        task.state = value as string;
        break;
      case "last_error":
        task.lastError = value as string;
        break;
      case "retries":
        task.retries = num(value);
        break;
      case "create_time":
        task.createTime = num(value);
        break;
      case "start_time":
        task.startTime = num(value);
        break;
      case "end_time":
        task.endTime = num(value);
        break;
      case "write_pause_ms":
        task.writePauseMs = num(value);
        break;
    }
  }
  return task;
}

function slotMigrationJob(reply: Reply): ClusterSlotMigrationJob {
  const job: ClusterSlotMigrationJob = {
    name: "",
    operation: "IMPORT",
    slotRanges: [],
    createTime: 0,
    lastUpdateTime: 0,
    lastAckTime: 0,
    state: "",
    message: "",
    cowSize: 0,
  };
  for (const [key, value] of pairs(reply)) {
    switch (str(key)) {
      case "name":
        job.name = value as string;
        break;
      case "operation":
        job.operation = str(value) as ClusterSlotMigrationJob["operation"];
        break;
      case "slot_ranges":
        job.slotRanges = slotRangesText(value);
        break;
      case "target_node":
        job.targetNode = value as string;
        break;
      case "source_node":
        job.sourceNode = value as string;
        break;
      case "create_time":
        job.createTime = num(value);
        break;
      case "last_update_time":
        job.lastUpdateTime = num(value);
        break;
      case "last_ack_time":
        job.lastAckTime = num(value);
        break;
      case "state":
        job.state = value as string;
        break;
      case "message":
        job.message = value as string;
        break;
      case "cow_size":
        job.cowSize = num(value);
        break;
    }
  }
  return job;
}

function clusterScanPage(reply: Reply): ClusterScanPage {
  const [cursor = "0", keys = null] = list(reply);
  return { cursor: str(cursor), keys: list(keys) as string[] };
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
 * import { commands } from "@respite/redis/commands";
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
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using target = await connect({ port: 7001 });
   * await target.asking();
   * await target.get("moving-key");
   * ```
   */
  asking(): Promise<"OK">;
  /**
   * Lets this connection read keys from a cluster replica instead of being
   * redirected to the master. Resolves to `"OK"`. Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using replica = await connect({ port: 7003 });
   * await replica.readonly();
   * ```
   */
  readonly(): Promise<"OK">;
  /**
   * Undoes `readonly` for this connection: reads on a replica are
   * redirected to the master again. Resolves to `"OK"`. Available since
   * Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using replica = await connect({ port: 7003 });
   * await replica.readwrite();
   * ```
   */
  readwrite(): Promise<"OK">;
  /**
   * Assigns hash slots to this node. Resolves to `"OK"`; rejects with a
   * `ReplyError` when a slot is already assigned. Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clusterAddslots(0, 1, 2);
   * ```
   */
  clusterAddslots(...slots: number[]): Promise<"OK">;
  /**
   * Assigns ranges of hash slots to this node. Resolves to `"OK"`.
   * Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clusterAddslotsrange([{ start: 0, end: 16383 }]);
   * ```
   */
  clusterAddslotsrange(ranges: readonly ClusterSlotRange[]): Promise<"OK">;
  /**
   * Raises this node's config epoch to a new highest value unless it is
   * already the highest. Resolves to a {@linkcode ClusterBumpEpochResult}.
   * Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { bumped, epoch } = await client.clusterBumpepoch();
   * ```
   */
  clusterBumpepoch(): Promise<ClusterBumpEpochResult>;
  /**
   * Cancels every atomic slot migration this node started with
   * `clusterMigrateslots` and that is still running (a target node must
   * ask its source). Resolves to `"OK"`. Available since Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using source = await connect({ port: 7000 });
   * await source.clusterCancelslotmigrations();
   * ```
   */
  clusterCancelslotmigrations(): Promise<"OK">;
  /**
   * Counts the failure reports other nodes sent about a node. Resolves to
   * the count. Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const nodeId = "07c37dfeb235213a872192d90877d0cd55635b91";
   * const reports = await client.clusterCountFailureReports(nodeId);
   * ```
   */
  clusterCountFailureReports(nodeId: string): Promise<number>;
  /**
   * Counts the keys of this node in a hash slot. Resolves to the count.
   * Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const slot = await client.clusterKeyslot("user:1");
   * console.log(await client.clusterCountkeysinslot(slot));
   * ```
   */
  clusterCountkeysinslot(slot: number): Promise<number>;
  /**
   * Removes hash slots from this node's assignment. Resolves to `"OK"`.
   * Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clusterDelslots(0, 1, 2);
   * ```
   */
  clusterDelslots(...slots: number[]): Promise<"OK">;
  /**
   * Removes ranges of hash slots from this node's assignment. Resolves to
   * `"OK"`. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clusterDelslotsrange([{ start: 0, end: 99 }]);
   * ```
   */
  clusterDelslotsrange(ranges: readonly ClusterSlotRange[]): Promise<"OK">;
  /**
   * Makes this replica take over from its master, with the master's
   * agreement by default, without it (`force`) or without the cluster's
   * (`takeover`). Resolves to `"OK"` once the failover has started.
   * Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using replica = await connect({ port: 7003 });
   * await replica.clusterFailover({ force: true });
   * ```
   */
  clusterFailover(options?: ClusterFailoverOptions): Promise<"OK">;
  /**
   * Deletes every key of one hash slot on this node, asynchronously or
   * synchronously as `options` say. Resolves to `"OK"`. Available since
   * Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clusterFlushslot(await client.clusterKeyslot("user:1"));
   * ```
   */
  clusterFlushslot(
    slot: number,
    options?: ClusterFlushslotOptions,
  ): Promise<"OK">;
  /**
   * Unassigns every hash slot of this node (which must hold no keys).
   * Resolves to `"OK"`. Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clusterFlushslots();
   * ```
   */
  clusterFlushslots(): Promise<"OK">;
  /**
   * Removes a node from this node's view of the cluster (for a minute,
   * unless every node forgets it). Resolves to `"OK"`. Available since
   * Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const nodeId = "07c37dfeb235213a872192d90877d0cd55635b91";
   * await client.clusterForget(nodeId);
   * ```
   */
  clusterForget(nodeId: string): Promise<"OK">;
  /**
   * Lists up to `count` keys of this node in a hash slot. Resolves to the
   * key names. Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const keys = await client.clusterGetkeysinslot(12182, 10);
   * ```
   */
  clusterGetkeysinslot(slot: number, count: number): Promise<string[]>;
  /**
   * Describes the atomic slot migrations running on this node and those
   * that ended recently (up to the server's
   * `cluster-slot-migration-log-max-len`). Resolves to one
   * {@linkcode ClusterSlotMigrationJob} per migration. Available since
   * Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using source = await connect({ port: 7000 });
   * const jobs = await source.clusterGetslotmigrations();
   * console.log(jobs.every((job) => job.state === "success"));
   * ```
   */
  clusterGetslotmigrations(): Promise<ClusterSlotMigrationJob[]>;
  /**
   * Asks the server how to use the CLUSTER subcommands. Resolves to the
   * lines of help text. Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.clusterHelp()).join("\n"));
   * ```
   */
  clusterHelp(): Promise<string[]>;
  /**
   * Describes the cluster's state as this node sees it. Resolves to a
   * {@linkcode ClusterInfo}: the `field:value` lines of the reply as a
   * record, integers as numbers. Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const info = await client.clusterInfo();
   * console.log(info.cluster_state, info.cluster_size);
   * ```
   */
  clusterInfo(): Promise<ClusterInfo>;
  /**
   * Computes the hash slot of a key (taking `{hash tags}` into account).
   * Resolves to the slot, 0 to 16383. Valkey 9.1 also answers it without
   * cluster mode. Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.clusterKeyslot("foo")); // 12182
   * ```
   */
  clusterKeyslot(key: Key): Promise<number>;
  /**
   * Describes this node's cluster bus links to its peers. Resolves to one
   * {@linkcode ClusterLink} per link. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const link of await client.clusterLinks()) console.log(link.node, link.direction);
   * ```
   */
  clusterLinks(): Promise<ClusterLink[]>;
  /**
   * Connects this node to another node, joining their clusters. Resolves to
   * `"OK"`; the handshake goes on in the background. Available since Redis
   * 3.0; `clusterBusPort` since 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clusterMeet("10.0.0.2", 6379);
   * ```
   */
  clusterMeet(ip: string, port: number, clusterBusPort?: number): Promise<"OK">;
  /**
   * Starts moving slot ranges from this master to other masters with
   * Valkey's atomic slot migration: each {@linkcode ClusterSlotMigration}
   * is one job, which moves the keys and then the slots in the
   * background. Resolves to `"OK"` once every job has started (none
   * starts when one cannot); follow them with
   * `clusterGetslotmigrations`. Available since Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using source = await connect({ port: 7000 });
   * await using target = await connect({ port: 7001 });
   * const targetId = await target.clusterMyid();
   * await source.clusterMigrateslots([
   *   { ranges: [{ start: 0, end: 99 }], node: targetId },
   * ]);
   * ```
   */
  clusterMigrateslots(
    migrations: readonly ClusterSlotMigration[],
  ): Promise<"OK">;
  /**
   * CLUSTER MIGRATION IMPORT: starts moving slot ranges to this master
   * from the masters that serve them, with Redis's atomic slot migration
   * (keys and slots move in the background). Resolves to the task ID, to
   * pass to `clusterMigrationStatus` or `clusterMigrationCancel`.
   * Available since Redis 8.4.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using target = await connect({ port: 7001 });
   * const taskId = await target.clusterMigration([{ start: 0, end: 1000 }]);
   * ```
   */
  clusterMigration(ranges: readonly ClusterSlotRange[]): Promise<string>;
  /**
   * CLUSTER MIGRATION CANCEL: cancels one running atomic slot migration
   * task of this node, or all of them. Resolves to how many were
   * cancelled. Cancelling on the source node leaves the target retrying
   * until it is cancelled there too. Available since Redis 8.4.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using target = await connect({ port: 7001 });
   * const taskId = await target.clusterMigration([{ start: 0, end: 1000 }]);
   * await target.clusterMigrationCancel({ id: taskId });
   * await target.clusterMigrationCancel({ all: true });
   * ```
   */
  clusterMigrationCancel(target: ClusterMigrationTarget): Promise<number>;
  /**
   * CLUSTER MIGRATION STATUS: describes one atomic slot migration task of
   * this node, or all of them (the default), running or ended. Resolves to
   * one {@linkcode ClusterMigrationTask} per task (none for an unknown
   * ID). Available since Redis 8.4.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using target = await connect({ port: 7001 });
   * const taskId = await target.clusterMigration([{ start: 0, end: 1000 }]);
   * const [task] = await target.clusterMigrationStatus({ id: taskId });
   * console.log(task?.state);
   * ```
   */
  clusterMigrationStatus(
    target?: ClusterMigrationTarget,
  ): Promise<ClusterMigrationTask[]>;
  /**
   * Returns this node's ID (40 hex characters). Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const id = await client.clusterMyid();
   * ```
   */
  clusterMyid(): Promise<string>;
  /**
   * Returns the ID of this node's shard (40 hex characters), which its
   * master and replicas share. Available since Redis 7.2 and Valkey 7.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const shardId = await client.clusterMyshardid();
   * ```
   */
  clusterMyshardid(): Promise<string>;
  /**
   * Describes every node of the cluster as this node sees it. Resolves to
   * the server's text: one line per node with its ID, address, flags,
   * master, ping/pong times, config epoch, link state and slots.
   * `clusterShards` and `clusterSlots` give the same facts as objects.
   * Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const line of (await client.clusterNodes()).trim().split("\n")) {
   *   const [id, address, flags] = line.split(" ");
   * }
   * ```
   */
  clusterNodes(): Promise<string>;
  /**
   * Describes the replicas of a master node. Resolves to one line per
   * replica, in the format of `clusterNodes`. Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const masterId = "07c37dfeb235213a872192d90877d0cd55635b91";
   * const lines = await client.clusterReplicas(masterId);
   * ```
   */
  clusterReplicas(nodeId: string): Promise<string[]>;
  /**
   * Makes this node a replica of the master with the given ID. Resolves to
   * `"OK"`. Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const masterId = "07c37dfeb235213a872192d90877d0cd55635b91";
   * await client.clusterReplicate(masterId);
   * ```
   */
  clusterReplicate(nodeId: string): Promise<"OK">;
  /**
   * Resets this node (which must hold no keys if it is a master): forgets
   * the other nodes and its slots, becomes a master; `hard` also picks a new
   * ID and resets the epochs. Resolves to `"OK"`. Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clusterReset({ hard: true });
   * ```
   */
  clusterReset(options?: ClusterResetOptions): Promise<"OK">;
  /**
   * Writes this node's cluster configuration to its `nodes.conf` file.
   * Resolves to `"OK"`. Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clusterSaveconfig();
   * ```
   */
  clusterSaveconfig(): Promise<"OK">;
  /**
   * Sets the config epoch of a new node that knows no other node and has
   * epoch 0. Resolves to `"OK"`. Available since Redis 3.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.clusterSetConfigEpoch(1);
   * ```
   */
  clusterSetConfigEpoch(configEpoch: number | bigint): Promise<"OK">;
  /**
   * Changes the state of a hash slot on this node, to move it between
   * nodes (see {@linkcode ClusterSetSlotAction}). Resolves to `"OK"`.
   * Available since Redis 3.0; `timeout` (see
   * {@linkcode ClusterSetSlotOptions}) since Valkey 8.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const targetId = "07c37dfeb235213a872192d90877d0cd55635b91";
   * await client.clusterSetslot(42, { node: targetId });
   * ```
   */
  clusterSetslot(
    slot: number,
    action: ClusterSetSlotAction,
    options?: ClusterSetSlotOptions,
  ): Promise<"OK">;
  /**
   * Describes the cluster's shards: each with its slot ranges and nodes.
   * Resolves to one {@linkcode ClusterShard} per shard. Available since
   * Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const shard of await client.clusterShards()) console.log(shard.slots);
   * ```
   */
  clusterShards(): Promise<ClusterShard[]>;
  /**
   * Describes the replicas of a master node: the older name of
   * `clusterReplicas`. Resolves to one line per replica, in the format of
   * `clusterNodes`. Available since Redis 3.0; deprecated since 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const masterId = "07c37dfeb235213a872192d90877d0cd55635b91";
   * const lines = await client.clusterSlaves(masterId);
   * ```
   */
  clusterSlaves(nodeId: string): Promise<string[]>;
  /**
   * Describes the usage of this node's slots: a range of them in slot
   * order, or those with the highest (or lowest) value of a statistic
   * (see {@linkcode ClusterSlotStatsOptions}). Resolves to one
   * {@linkcode ClusterSlotStats} per slot. In a cluster client it goes to
   * every master and the lists are joined. Available since Redis 8.2 and
   * Valkey 8.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const hottest = await client.clusterSlotStats({ orderby: "cpu-usec", limit: 10 });
   * ```
   */
  clusterSlotStats(
    options: ClusterSlotStatsOptions,
  ): Promise<ClusterSlotStats[]>;
  /**
   * Maps the cluster's slot ranges to the nodes serving them. Resolves to
   * one {@linkcode ClusterSlotsRange} per range. Available since Redis 3.0;
   * node IDs since 4.0, `metadata` since 7.0; superseded by
   * `clusterShards` in 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const { start, end, master } of await client.clusterSlots()) {
   *   console.log(`${start}-${end} -> ${master.host}:${master.port}`);
   * }
   * ```
   */
  clusterSlots(): Promise<ClusterSlotsRange[]>;
  /**
   * Scans the keys of the whole cluster, one slot after the other: call it
   * with `"0"`, then with each cursor it returns, until the cursor is `"0"`
   * again. The cursor names the slot it is at, so a call may be
   * redirected (`MOVED`) to the node serving it. Resolves to a
   * {@linkcode ClusterScanPage}. Available since Valkey 9.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * let cursor = "0";
   * do {
   *   const page = await client.clusterscan(cursor, { match: "user:*" });
   *   cursor = page.cursor;
   * } while (cursor !== "0");
   * ```
   */
  clusterscan(
    cursor: string | 0,
    options?: ClusterScanOptions,
  ): Promise<ClusterScanPage>;
}

/** The declarations of the cluster introspection and admin commands. */
export const clusterCommands: Declarations<ClusterCommands> = {
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
  clusterCancelslotmigrations: command({
    name: "CLUSTER CANCELSLOTMIGRATIONS",
    build: (): Arg[] => ["CLUSTER", "CANCELSLOTMIGRATIONS"],
    reply: ok,
    since: { valkey: "9.0.0" },
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
  clusterFlushslot: command({
    name: "CLUSTER FLUSHSLOT",
    build: buildFlushslot,
    reply: ok,
    since: { valkey: "9.0.0" },
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
  clusterGetslotmigrations: command({
    name: "CLUSTER GETSLOTMIGRATIONS",
    build: (): Arg[] => ["CLUSTER", "GETSLOTMIGRATIONS"],
    reply: (reply) => list(reply).map(slotMigrationJob),
    since: { valkey: "9.0.0" },
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
  clusterMigrateslots: command({
    name: "CLUSTER MIGRATESLOTS",
    build: buildMigrateslots,
    reply: ok,
    since: { valkey: "9.0.0" },
  }),
  clusterMigration: command({
    name: "CLUSTER MIGRATION",
    build: (ranges: readonly ClusterSlotRange[]): Arg[] =>
      pushSlotRanges(
        ["CLUSTER", "MIGRATION", "IMPORT"],
        "CLUSTER MIGRATION IMPORT",
        ranges,
      ),
    reply: (reply) => reply as string,
    since: { redis: "8.4.0" },
  }),
  clusterMigrationCancel: command({
    name: "CLUSTER MIGRATION",
    build: (target: ClusterMigrationTarget): Arg[] =>
      pushMigrationTarget(
        ["CLUSTER", "MIGRATION", "CANCEL"],
        "CLUSTER MIGRATION CANCEL",
        target,
      ),
    reply: num,
    since: { redis: "8.4.0" },
  }),
  clusterMigrationStatus: command({
    name: "CLUSTER MIGRATION",
    build: (target: ClusterMigrationTarget = { all: true }): Arg[] =>
      pushMigrationTarget(
        ["CLUSTER", "MIGRATION", "STATUS"],
        "CLUSTER MIGRATION STATUS",
        target,
      ),
    reply: (reply) => list(reply).map(migrationTask),
    since: { redis: "8.4.0" },
  }),
  clusterMyid: command({
    name: "CLUSTER MYID",
    build: (): Arg[] => ["CLUSTER", "MYID"],
    reply: (reply) => reply as string,
  }),
  clusterMyshardid: command({
    name: "CLUSTER MYSHARDID",
    build: (): Arg[] => ["CLUSTER", "MYSHARDID"],
    reply: (reply) => reply as string,
    since: { redis: "7.2.0", valkey: "7.2.4" },
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
  clusterSlotStats: command({
    name: "CLUSTER SLOT-STATS",
    build: buildSlotStats,
    reply: (reply) => list(reply).map(slotStats),
    route: { request: "all_shards" },
    since: { redis: "8.2.0", valkey: "8.0.0" },
  }),
  clusterSlots: command({
    name: "CLUSTER SLOTS",
    build: (): Arg[] => ["CLUSTER", "SLOTS"],
    reply: (reply) => list(reply).map(slotsRange),
  }),
  clusterscan: command({
    name: "CLUSTERSCAN",
    build: buildClusterscan,
    flags: READONLY,
    reply: clusterScanPage,
    route: { request: "special", response: "special" },
    since: { valkey: "9.1.0" },
  }),
};
