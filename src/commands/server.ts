/**
 * The server and admin commands (INFO, CONFIG GET, COMMAND, MEMORY, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  checkKeys,
  checkNotEmpty,
  command,
  type Declarations,
  FLAT_REPLY,
  type Key,
  list,
  num,
  numOrNull,
  ok,
  optionKeys,
  pairs,
  put,
  READONLY,
  record,
  sameKind,
  secondKey,
  str,
  strings,
} from "./_define.ts";

// ---------------------------------------------------------------------------
// Option types

/**
 * Options of `flushall` and `flushdb`: flush in the background (`async`)
 * or before replying (`sync`), not both. Without either the server's
 * `lazyfree-lazy-user-flush` setting decides.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.flushdb({ async: true });
 * ```
 */
export type FlushOptions =
  | { async: true; sync?: never }
  | { sync: true; async?: never }
  | { async?: never; sync?: never };

/**
 * Options of `bgsave`: `schedule` or `cancel`, not both.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.bgsave({ schedule: true });
 * await client.bgsave({ cancel: true }); // Valkey 8.1+
 * ```
 */
export interface BgsaveOptions {
  /**
   * When an AOF rewrite is running, schedule the save for after it instead
   * of failing (Redis 3.2.2+).
   */
  schedule?: boolean;
  /**
   * Stop the background save that is running, or cancel the one that is
   * scheduled, instead of starting one (`CANCEL`; Valkey 8.1+).
   */
  cancel?: boolean;
}

/**
 * Options of `shutdown`: at most one of `nosave`/`save`, plus `now` and
 * `force` (Redis 7.0+) and `safe` and `failover` (Valkey 9.0+); or `abort`
 * alone, which cancels a shutdown in progress.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.shutdown({ nosave: true, now: true });
 * await client.shutdown({ safe: true, failover: true }); // Valkey 9.0+
 * await client.shutdown({ abort: true });
 * ```
 */
export type ShutdownOptions =
  | (
    & (
      | { nosave: true; save?: never }
      | { save: true; nosave?: never }
      | { nosave?: never; save?: never }
    )
    & {
      now?: boolean;
      force?: boolean;
      /**
       * Refuse to shut down when that could lose data, such as a primary
       * whose replicas would miss writes (`SAFE`; Valkey 9.0+).
       */
      safe?: boolean;
      /**
       * In a cluster, first hand the primary role to a replica (`FAILOVER`;
       * Valkey 9.0+, cluster mode only).
       */
      failover?: boolean;
      abort?: never;
    }
  )
  | {
    abort: true;
    nosave?: never;
    save?: never;
    now?: never;
    force?: never;
    safe?: never;
    failover?: never;
  };

/**
 * The replica that `failover` hands over to (`TO host port [FORCE]`).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.failover({ to: { host: "10.0.0.2", port: 6379, force: true }, timeout: 5000 });
 * ```
 */
export interface FailoverTarget {
  /** The replica's host. */
  host: string;
  /** The replica's port. */
  port: number;
  /**
   * Fail over even if the replica has not caught up when `timeout` runs
   * out (needs `timeout`).
   */
  force?: boolean;
}

/**
 * Options of `failover`: a target and a timeout (a target with `force`
 * needs the timeout), or `abort` alone, which cancels a failover in
 * progress.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.failover({ timeout: 10_000 });
 * await client.failover({ abort: true });
 * ```
 */
export type FailoverOptions =
  | {
    to?: FailoverTarget & { force?: false };
    timeout?: number;
    abort?: never;
  }
  | { to: FailoverTarget & { force: true }; timeout: number; abort?: never }
  | { abort: true; to?: never; timeout?: never };

/**
 * Options of `commandList`: list only the commands of one module, of one
 * ACL category, or matching a glob-style pattern.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.commandList({ filterby: { aclcat: "hyperloglog" } });
 * await client.commandList({ filterby: { pattern: "x*" } });
 * ```
 */
export interface CommandListOptions {
  /** The filter (`FILTERBY MODULE | ACLCAT | PATTERN`); one kind only. */
  filterby?:
    | { module: string; aclcat?: never; pattern?: never }
    | { aclcat: string; module?: never; pattern?: never }
    | { pattern: string; module?: never; aclcat?: never };
}

/**
 * Options of `memoryUsage`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.memoryUsage("big:list", { samples: 0 }); // sample every element
 * ```
 */
export interface MemoryUsageOptions {
  /**
   * How many elements of a nested type to sample (`SAMPLES`); `0` samples
   * them all. The server's default is 5.
   */
  samples?: number;
}

/**
 * Options of `moduleLoadex`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.moduleLoadex("/opt/m.so", { configs: { "m.size": 10 }, args: ["x"] });
 * ```
 */
export interface ModuleLoadexOptions {
  /** Module configuration values to apply at load time (`CONFIG name value`). */
  configs?: Record<string, Arg>;
  /** Arguments passed to the module's load function (`ARGS ...`). */
  args?: Arg[];
}

/**
 * Which command log `commandlogGet`, `commandlogLen` and `commandlogReset`
 * work on: the commands that ran slowly (the log SLOWLOG shows), or those
 * whose request or reply was large. The server's `commandlog-*`
 * configuration sets each log's threshold and length.
 *
 * @example
 * ```ts
 * import { connect, type CommandlogType } from "@respite/redis";
 *
 * await using client = await connect();
 * const type: CommandlogType = "large-reply";
 * console.log(await client.commandlogLen(type));
 * ```
 */
export type CommandlogType = "slow" | "large-request" | "large-reply";

/**
 * Options of `hotkeysStart`: at least one metric (`cpu`, `net`), and the
 * session's size, length, sampling and slots.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.hotkeysStart({ cpu: true, net: true, count: 20, duration: 60 });
 * ```
 */
export interface HotkeysStartOptions {
  /** Rank keys by the CPU time spent on them (`METRICS ... CPU`). */
  cpu?: boolean;
  /** Rank keys by the network bytes spent on them (`METRICS ... NET`). */
  net?: boolean;
  /** How many keys each ranking keeps, the K of top-K (`COUNT`; default 10). */
  count?: number;
  /**
   * Stop tracking by itself after this many seconds (`DURATION`; default:
   * only `hotkeysStop` stops it).
   */
  duration?: number;
  /**
   * Track each key access with probability 1/`sample` (`SAMPLE`; default
   * 1, every access).
   */
  sample?: number;
  /**
   * Track only keys in these hash slots, which the node must serve (`SLOTS`;
   * cluster mode only).
   */
  slots?: number[];
}

/**
 * Options of `lolwut`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * console.log(await client.lolwut({ version: 5 }));
 * ```
 */
export interface LolwutOptions {
  /** Which version's art to draw (`VERSION`). */
  version?: number;
}

// ---------------------------------------------------------------------------
// Result types

/**
 * What `infoSections` resolves to: each section of the INFO text, by its
 * lower-case name (`"server"`, `"clients"`, `"keyspace"`, ...), as a record
 * of its `field: value` lines. Values stay text (`"7.0.15"`, `"1"`,
 * `"keys=1,expires=0,avg_ttl=0"`).
 *
 * @example
 * ```ts
 * import { connect, type InfoSections } from "@respite/redis";
 *
 * await using client = await connect();
 * const info: InfoSections = await client.infoSections("server");
 * console.log(info.server?.redis_version); // "7.0.15"
 * ```
 */
export type InfoSections = Record<string, Record<string, string>>;

/**
 * The current server time, as `time` resolves to it.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { seconds, microseconds } = await client.time();
 * const ms = seconds * 1000 + microseconds / 1000;
 * ```
 */
export interface ServerTime {
  /** Whole seconds since the Unix epoch. */
  seconds: number;
  /** Microseconds within the current second, 0 to 999999. */
  microseconds: number;
}

/**
 * A replica as a master's `role` lists it.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const role = await client.role();
 * if (role.role === "master") for (const r of role.replicas) console.log(r.ip, r.port);
 * ```
 */
export interface RoleReplicaEntry {
  /** The replica's IP address. */
  ip: string;
  /** The replica's listening port. */
  port: number;
  /** The replication offset the replica acknowledged. */
  replicationOffset: number;
}

/**
 * The replication state of a replica, as `role` reports it.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const role = await client.role();
 * if (role.role === "slave" && role.state === "connected") console.log("in sync");
 * ```
 */
export type ReplicaState =
  | "none"
  | "connect"
  | "connecting"
  | "handshake"
  | "sync"
  | "connected"
  | "unknown";

/**
 * What `role` resolves to on a master.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const role = await client.role();
 * if (role.role === "master") console.log(role.replicationOffset, role.replicas.length);
 * ```
 */
export interface MasterRole {
  /** `"master"`. */
  role: "master";
  /** The master's current replication offset. */
  replicationOffset: number;
  /** The connected replicas. */
  replicas: RoleReplicaEntry[];
}

/**
 * What `role` resolves to on a replica.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const role = await client.role();
 * if (role.role === "slave") console.log(role.masterHost, role.masterPort, role.state);
 * ```
 */
export interface ReplicaRole {
  /** `"slave"`, as the server names it. */
  role: "slave";
  /** The master's host. */
  masterHost: string;
  /** The master's port. */
  masterPort: number;
  /** The state of the link to the master. */
  state: ReplicaState;
  /** The replication offset received so far (`-1` before the first sync). */
  replicationOffset: number;
}

/**
 * What `role` resolves to on a Sentinel.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using sentinel = await connect("redis://127.0.0.1:26379");
 * const role = await sentinel.role();
 * if (role.role === "sentinel") console.log(role.masterNames);
 * ```
 */
export interface SentinelRole {
  /** `"sentinel"`. */
  role: "sentinel";
  /** The names of the masters this Sentinel monitors. */
  masterNames: string[];
}

/**
 * What `role` resolves to: a union discriminated by `role`.
 *
 * @example
 * ```ts
 * import { connect, type Role } from "@respite/redis";
 *
 * await using client = await connect();
 * const role: Role = await client.role();
 * switch (role.role) {
 *   case "master": console.log(role.replicas); break;
 *   case "slave": console.log(role.masterHost); break;
 *   case "sentinel": console.log(role.masterNames); break;
 * }
 * ```
 */
export type Role = MasterRole | ReplicaRole | SentinelRole;

/**
 * A command flag as `commandInfo` reports it.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [info] = await client.commandInfo("get");
 * console.log(info?.flags.includes("readonly")); // true
 * ```
 */
export type CommandFlag =
  | "write"
  | "readonly"
  | "denyoom"
  | "module"
  | "admin"
  | "pubsub"
  | "noscript"
  | "blocking"
  | "loading"
  | "stale"
  | "skip_monitor"
  | "skip_slowlog"
  | "asking"
  | "fast"
  | "no_auth"
  | "may_replicate"
  | "no_mandatory_keys"
  | "no_async_loading"
  | "no_multi"
  | "movablekeys"
  | "allow_busy"
  | "random"
  | "sort_for_script";

/**
 * A key flag of a key specification (`commandInfo`) or of a key
 * (`commandGetkeysandflags`).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [entry] = await client.commandGetkeysandflags("SET", "k", "v");
 * console.log(entry?.flags); // ["OW", "update"]
 * ```
 */
export type KeyFlag =
  | "RO"
  | "RW"
  | "OW"
  | "RM"
  | "access"
  | "update"
  | "insert"
  | "delete"
  | "not_key"
  | "incomplete"
  | "variable_flags";

/**
 * Where a key specification starts looking for keys: at a fixed argument
 * `index`, after a `keyword` (searching from `startFrom`, negative from the
 * end), or unknown.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [info] = await client.commandInfo("xread");
 * console.log(info?.keySpecs[0]?.beginSearch); // { type: "keyword", keyword: "STREAMS", startFrom: 1 }
 * ```
 */
export type KeySpecBeginSearch =
  | { type: "index"; index: number }
  | { type: "keyword"; keyword: string; startFrom: number }
  | { type: "unknown" };

/**
 * How a key specification finds the keys once it started: a `range`
 * (`lastKey` relative to the start, negative from the end, every
 * `keyStep`, `limit` dividing the rest), a count at `keyNumIdx` followed by
 * keys from `firstKey` every `keyStep`, or unknown.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [info] = await client.commandInfo("mset");
 * console.log(info?.keySpecs[0]?.findKeys); // { type: "range", lastKey: -1, keyStep: 2, limit: 0 }
 * ```
 */
export type KeySpecFindKeys =
  | { type: "range"; lastKey: number; keyStep: number; limit: number }
  | { type: "keynum"; keyNumIdx: number; firstKey: number; keyStep: number }
  | { type: "unknown" };

/**
 * One key specification of a command (Redis 7.0+).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [info] = await client.commandInfo("set");
 * console.log(info?.keySpecs[0]?.flags); // ["RW", "access", "update", "variable_flags"]
 * ```
 */
export interface KeySpec {
  /** A note on the specification, when the server has one. */
  notes?: string;
  /** How the keys found are accessed. */
  flags: KeyFlag[];
  /** Where the search for keys starts. */
  beginSearch: KeySpecBeginSearch;
  /** How the keys are found from there. */
  findKeys: KeySpecFindKeys;
}

/**
 * A command as `commandInfo` describes it.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [info] = await client.commandInfo("get");
 * console.log(info?.name, info?.arity, info?.firstKey); // "get" 2 1
 * ```
 */
export interface CommandInfo {
  /** The command name in lower case (`"config|get"` for subcommands). */
  name: string;
  /**
   * The number of arguments, the name included; negative when it is a
   * minimum.
   */
  arity: number;
  /** The command's flags. */
  flags: CommandFlag[];
  /** The position of the first key (0 when there are none). */
  firstKey: number;
  /** The position of the last key, negative from the end. */
  lastKey: number;
  /** The distance between keys. */
  step: number;
  /** The ACL categories, such as `"@read"` (Redis 6.0+). */
  aclCategories: `@${string}`[];
  /** Hints for clients and proxies, such as `"nondeterministic_output"` (Redis 7.0+). */
  tips: string[];
  /** The key specifications (Redis 7.0+). */
  keySpecs: KeySpec[];
  /** The subcommands, for container commands such as CONFIG (Redis 7.0+). */
  subcommands: CommandInfo[];
}

/**
 * The documentation group of a command.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const docs = await client.commandDocs("get");
 * console.log(docs.get?.group); // "string"
 * ```
 */
export type CommandGroup =
  | "generic"
  | "string"
  | "list"
  | "set"
  | "sorted-set"
  | "hash"
  | "pubsub"
  | "transactions"
  | "connection"
  | "server"
  | "scripting"
  | "hyperloglog"
  | "cluster"
  | "sentinel"
  | "geo"
  | "stream"
  | "bitmap"
  | "module";

/**
 * The type of a documented command argument.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const docs = await client.commandDocs("set");
 * console.log(docs.set?.arguments.map((a) => a.type)); // ["key", "string", "oneof", ...]
 * ```
 */
export type CommandArgumentType =
  | "string"
  | "integer"
  | "double"
  | "key"
  | "pattern"
  | "unix-time"
  | "pure-token"
  | "oneof"
  | "block";

/**
 * One documented argument of a command (`commandDocs`).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const docs = await client.commandDocs("set");
 * const get = docs.set?.arguments.find((a) => a.name === "get");
 * console.log(get?.token, get?.since, get?.flags); // "GET" "6.2.0" ["optional"]
 * ```
 */
export interface CommandArgument {
  /** The argument's name. */
  name: string;
  /** The argument's type. */
  type: CommandArgumentType;
  /** For `key` arguments, the index of the matching key specification. */
  keySpecIndex?: number;
  /** The literal token that introduces the argument, such as `"EX"`. */
  token?: string;
  /** A short description. */
  summary?: string;
  /** The version that added the argument. */
  since?: string;
  /** `"optional"`, `"multiple"`, `"multiple_token"`. */
  flags: ("optional" | "multiple" | "multiple_token")[];
  /** The version that deprecated the argument. */
  deprecatedSince?: string;
  /** The text to show for the argument in syntax help (Redis 7.2+). */
  displayText?: string;
  /** The nested arguments of a `oneof` or `block` argument. */
  arguments: CommandArgument[];
}

/**
 * One entry of a command's history (`commandDocs`).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const docs = await client.commandDocs("set");
 * for (const { version, description } of docs.set?.history ?? []) console.log(version, description);
 * ```
 */
export interface CommandHistoryEntry {
  /** The version of the change. */
  version: string;
  /** What changed. */
  description: string;
}

/**
 * The documentation of a command (`commandDocs`).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const docs = await client.commandDocs("set");
 * console.log(docs.set?.summary, docs.set?.since, docs.set?.group);
 * ```
 */
export interface CommandDoc {
  /** A one-line description. */
  summary: string;
  /** The version that added the command. */
  since: string;
  /** The documentation group. */
  group: CommandGroup;
  /** The time complexity, when documented. */
  complexity?: string;
  /** The module that provides the command, for module commands. */
  module?: string;
  /** `"deprecated"` and `"syscmd"` (a command not meant for clients). */
  docFlags: ("deprecated" | "syscmd")[];
  /** The version that deprecated the command. */
  deprecatedSince?: string;
  /** What replaces a deprecated command, such as `` "`REPLICAOF`" ``. */
  replacedBy?: string;
  /** The changes made in later versions. */
  history: CommandHistoryEntry[];
  /** The documented arguments. */
  arguments: CommandArgument[];
  /** The subcommands by name (`"config|get"`), for container commands. */
  subcommands: Record<string, CommandDoc>;
}

/**
 * A key and its access flags, as `commandGetkeysandflags` reports them.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [entry] = await client.commandGetkeysandflags("LMOVE", "a", "b", "LEFT", "RIGHT");
 * console.log(entry); // { key: "a", flags: ["RW", "access", "delete"] }
 * ```
 */
export interface KeyWithFlags {
  /** The key. */
  key: string;
  /** How the command accesses it. */
  flags: KeyFlag[];
}

/**
 * One entry of `commandlogGet`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for (const e of await client.commandlogGet(10, "large-reply")) console.log(e.value, e.args[0]);
 * ```
 */
export interface CommandlogEntry {
  /** The entry's unique, increasing ID. */
  id: number;
  /** When the command ran, in Unix seconds. */
  timestamp: number;
  /**
   * What got the command logged: its execution time in microseconds
   * (`"slow"`), or the size in bytes of its request (`"large-request"`) or
   * reply (`"large-reply"`).
   */
  value: number;
  /** The command and its arguments (long ones shortened by the server). */
  args: string[];
  /** The client's `ip:port` (or socket path). */
  clientAddress: string;
  /** The client's name, `""` when none was set. */
  clientName: string;
}

/**
 * A key and its share of one metric in a `hotkeysGet` ranking (Redis).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const report = await client.hotkeysGet();
 * if (report !== null && !Array.isArray(report)) console.log(report.byCpuTimeUs?.[0]);
 * ```
 */
export interface HotkeyMetric {
  /** The key. */
  key: string;
  /**
   * Its CPU time in microseconds (`byCpuTimeUs`) or its network bytes
   * (`byNetBytes`).
   */
  value: number;
}

/**
 * What `hotkeysGet` resolves to on Redis: the current or last tracking
 * session. Times are in microseconds (`Us`) or milliseconds (`Ms`).
 * Fields that newer servers add appear with camel-cased names too.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const report = await client.hotkeysGet();
 * if (report !== null && !Array.isArray(report)) {
 *   for (const { key, value } of report.byNetBytes ?? []) console.log(key, value);
 * }
 * ```
 */
export interface HotkeysReport {
  /** Whether the session is still tracking. */
  trackingActive: boolean;
  /** Keys were tracked with probability 1/`sampleRatio`. */
  sampleRatio: number;
  /** The slot ranges tracked, `[first, last]` (all the node's slots by default). */
  selectedSlots: [number, number][];
  /** CPU time of all commands, in microseconds. */
  allCommandsAllSlotsUs: number;
  /** Network bytes of all commands. */
  netBytesAllCommandsAllSlots: number;
  /** When the session started, in Unix milliseconds. */
  collectionStartTimeUnixMs: number;
  /** How long the session has tracked, in milliseconds. */
  collectionDurationMs: number;
  /** User CPU time of the server during the session (CPU metric only). */
  totalCpuTimeUserMs?: number;
  /** System CPU time of the server during the session (CPU metric only). */
  totalCpuTimeSysMs?: number;
  /** Network bytes during the session (NET metric only). */
  totalNetBytes?: number;
  /** CPU time of the sampled commands in the selected slots (with slots and sampling). */
  sampledCommandsSelectedSlotsUs?: number;
  /** CPU time of all commands in the selected slots (with slots). */
  allCommandsSelectedSlotsUs?: number;
  /** Network bytes of the sampled commands in the selected slots (with slots and sampling). */
  netBytesSampledCommandsSelectedSlots?: number;
  /** Network bytes of all commands in the selected slots (with slots). */
  netBytesAllCommandsSelectedSlots?: number;
  /** The hottest keys by CPU time, hottest first (CPU metric only). */
  byCpuTimeUs?: HotkeyMetric[];
  /** The hottest keys by network bytes, hottest first (NET metric only). */
  byNetBytes?: HotkeyMetric[];
}

/**
 * A key of the last completed tracking window, as `hotkeysGet` resolves
 * to on Valkey.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const hot = await client.hotkeysGet();
 * if (Array.isArray(hot)) for (const { key, db, qps } of hot) console.log(db, key, qps);
 * ```
 */
export interface HotkeyRate {
  /** The key. */
  key: string;
  /** The database it was accessed in. */
  db: number;
  /** Its estimated accesses per second over the window. */
  qps: number;
}

/**
 * The state of the server's backup (`backupStatus`).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { state } = await client.backupStatus();
 * if (state === "incrementing") await client.backupSeal();
 * ```
 */
export type BackupState =
  | "idle"
  | "pending"
  | "snapshotting"
  | "incrementing"
  | "sealed"
  | "failed";

/**
 * What `backupStatus` resolves to.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { state, error, startTime } = await client.backupStatus();
 * ```
 */
export interface BackupStatus {
  /** Where the backup is. */
  state: BackupState;
  /** Why the backup failed, `""` when it did not. */
  error: string;
  /** When the backup started, in Unix seconds; `0` before any. */
  startTime: number;
  /** When the backup was sealed, in Unix seconds; `0` before that. */
  endTime: number;
}

/**
 * One event of `latencyLatest`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for (const e of await client.latencyLatest()) console.log(e.event, e.maxMillis);
 * ```
 */
export interface LatencyLatestEntry {
  /** The event name, such as `"command"` or `"fork"`. */
  event: string;
  /** When the latest spike happened, in Unix seconds. */
  timestamp: number;
  /** The latest spike's latency in milliseconds. */
  latestMillis: number;
  /** The largest latency recorded for the event, in milliseconds. */
  maxMillis: number;
  /**
   * The sum of the latencies recorded for the event, in milliseconds
   * (Valkey 8.1+).
   */
  sumMillis?: number;
  /** How many latency spikes were recorded for the event (Valkey 8.1+). */
  count?: number;
}

/**
 * One sample of `latencyHistory`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for (const s of await client.latencyHistory("command")) console.log(s.timestamp, s.latencyMillis);
 * ```
 */
export interface LatencySample {
  /** When the spike happened, in Unix seconds. */
  timestamp: number;
  /** Its latency in milliseconds. */
  latencyMillis: number;
}

/**
 * The latency distribution of one command (`latencyHistogram`).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { set } = await client.latencyHistogram("set");
 * console.log(set?.calls, set?.histogram); // 3 { "8": 2, "16": 3 }
 * ```
 */
export interface LatencyHistogram {
  /** How many times the command ran since the statistics were reset. */
  calls: number;
  /**
   * The cumulative distribution: for each bucket's upper bound in
   * microseconds (a power of two, as text), how many calls took at most
   * that long.
   */
  histogram: Record<string, number>;
}

/**
 * Per-database memory overhead in `memoryStats`, in bytes.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { databases } = await client.memoryStats();
 * console.log(databases["0"]?.overheadHashtableMain);
 * ```
 */
export interface MemoryStatsDatabase {
  /** The main dictionary's overhead. */
  overheadHashtableMain: number;
  /** The expires dictionary's overhead. */
  overheadHashtableExpires: number;
  /** The slot-to-keys mapping's overhead, in cluster mode (Redis 7.0+). */
  overheadHashtableSlotToKeys?: number;
}

/**
 * What `memoryStats` resolves to: the server's fields with camel-cased
 * names (`peak.allocated` is `peakAllocated`, `keys.bytes-per-key` is
 * `keysBytesPerKey`), all numbers, and the `db.N` entries gathered in
 * `databases` by number. Sizes are in bytes. Fields that newer servers add
 * appear with camel-cased names too.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const stats = await client.memoryStats();
 * console.log(stats.totalAllocated, stats.keysCount, stats.fragmentation);
 * ```
 */
export interface MemoryStats {
  /** The peak memory allocated. */
  peakAllocated: number;
  /** The memory allocated now. */
  totalAllocated: number;
  /** The memory allocated at startup. */
  startupAllocated: number;
  /** The replication backlog's size. */
  replicationBacklog: number;
  /** The replicas' output buffers. */
  clientsSlaves: number;
  /** The other clients' buffers. */
  clientsNormal: number;
  /** The cluster bus links' memory (Redis 7.0+). */
  clusterLinks?: number;
  /** The AOF buffers. */
  aofBuffer: number;
  /** The Lua scripts cache. */
  luaCaches: number;
  /** The functions' memory (Redis 7.0+). */
  functionsCaches?: number;
  /** The total overhead (everything but the data). */
  overheadTotal: number;
  /** The number of keys. */
  keysCount: number;
  /** The average memory per key, overhead included. */
  keysBytesPerKey: number;
  /** The memory of the data itself. */
  datasetBytes: number;
  /** The data's share of the allocated memory, in percent. */
  datasetPercentage: number;
  /** The allocated memory as a share of the peak, in percent. */
  peakPercentage: number;
  /** The allocator's allocated bytes. */
  allocatorAllocated: number;
  /** The allocator's active bytes. */
  allocatorActive: number;
  /** The allocator's resident bytes. */
  allocatorResident: number;
  /** The allocator's fragmentation ratio. */
  allocatorFragmentationRatio: number;
  /** The allocator's fragmentation in bytes. */
  allocatorFragmentationBytes: number;
  /** The ratio of resident to active allocator memory. */
  allocatorRssRatio: number;
  /** The difference of resident and active allocator memory. */
  allocatorRssBytes: number;
  /** The ratio of the process RSS to the allocator's resident memory. */
  rssOverheadRatio: number;
  /** The difference of the process RSS and the allocator's resident memory. */
  rssOverheadBytes: number;
  /** The overall fragmentation ratio. */
  fragmentation: number;
  /** The overall fragmentation in bytes. */
  fragmentationBytes: number;
  /** The per-database overhead, by database number (`"0"`). */
  databases: Record<string, MemoryStatsDatabase>;
}

/**
 * One entry of `slowlogGet`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for (const e of await client.slowlogGet(10)) console.log(e.durationMicros, e.args.join(" "));
 * ```
 */
export interface SlowlogEntry {
  /** The entry's unique, increasing ID. */
  id: number;
  /** When the command ran, in Unix seconds. */
  timestamp: number;
  /** How long it ran, in microseconds. */
  durationMicros: number;
  /** The command and its arguments (long ones shortened by the server). */
  args: string[];
  /** The client's `ip:port` (Redis 4.0+). */
  clientAddress: string;
  /** The client's name, `""` when none was set (Redis 4.0+). */
  clientName: string;
}

/**
 * A loaded module, as `moduleList` describes it.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for (const m of await client.moduleList()) console.log(m.name, m.ver, m.path);
 * ```
 */
export interface ModuleInfo {
  /** The module's name. */
  name: string;
  /** The module's version number. */
  ver: number;
  /** The file it was loaded from (Redis 7.0+). */
  path: string;
  /** The arguments it was loaded with (Redis 7.0+). */
  args: string[];
}

// ---------------------------------------------------------------------------
// Builders and parsers

const FLUSH_KEYS = optionKeys<FlushOptions>({ async: true, sync: true });

const BGSAVE_KEYS = optionKeys<BgsaveOptions>({
  schedule: true,
  cancel: true,
});

const SHUTDOWN_KEYS = optionKeys<ShutdownOptions>({
  nosave: true,
  save: true,
  now: true,
  force: true,
  safe: true,
  failover: true,
  abort: true,
});

const FAILOVER_KEYS = optionKeys<FailoverOptions>({
  to: true,
  timeout: true,
  abort: true,
});

const FAILOVER_TARGET_KEYS = optionKeys<FailoverTarget>({
  host: true,
  port: true,
  force: true,
});

const COMMAND_LIST_KEYS = optionKeys<CommandListOptions>({ filterby: true });

const COMMAND_LIST_FILTERBY_KEYS = optionKeys<CommandListOptions["filterby"]>({
  module: true,
  aclcat: true,
  pattern: true,
});

const MEMORY_USAGE_KEYS = optionKeys<MemoryUsageOptions>({ samples: true });

const MODULE_LOADEX_KEYS = optionKeys<ModuleLoadexOptions>({
  configs: true,
  args: true,
});

const LOLWUT_KEYS = optionKeys<LolwutOptions>({ version: true });

const HOTKEYS_START_KEYS = optionKeys<HotkeysStartOptions>({
  cpu: true,
  net: true,
  count: true,
  duration: true,
  sample: true,
  slots: true,
});

const COMMANDLOG_TYPES: ReadonlySet<string> = new Set([
  "slow",
  "large-request",
  "large-reply",
]);

function mustBeInteger(
  command: string,
  name: string,
  value: number,
  min: number,
  expected: string,
): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new TypeError(
      `Invalid ${command} ${name} "${value}": expected ${expected}`,
    );
  }
}

function buildFlush(name: "FLUSHALL" | "FLUSHDB", options?: FlushOptions) {
  const argv: Arg[] = [name];
  if (options === undefined) return argv;
  checkKeys(`${name} option`, options, FLUSH_KEYS);
  if (options.async && options.sync) {
    throw new TypeError(
      `Invalid ${name} options: "async" and "sync" exclude each other`,
    );
  }
  if (options.async) argv.push("ASYNC");
  if (options.sync) argv.push("SYNC");
  return argv;
}

function buildShutdown(options?: ShutdownOptions): Arg[] {
  const argv: Arg[] = ["SHUTDOWN"];
  if (options === undefined) return argv;
  checkKeys("SHUTDOWN option", options, SHUTDOWN_KEYS);
  if (options.nosave && options.save) {
    throw new TypeError(
      'Invalid SHUTDOWN options: "nosave" and "save" exclude each other',
    );
  }
  if (options.abort) {
    if (
      options.nosave || options.save || options.now || options.force ||
      options.safe || options.failover
    ) {
      throw new TypeError(
        'Invalid SHUTDOWN options: "abort" excludes "nosave", "save", "now", "force", "safe" and "failover"',
      );
    }
    argv.push("ABORT");
    return argv;
  }
  if (options.nosave) argv.push("NOSAVE");
  if (options.save) argv.push("SAVE");
  if (options.now) argv.push("NOW");
  if (options.force) argv.push("FORCE");
  if (options.safe) argv.push("SAFE");
  if (options.failover) argv.push("FAILOVER");
  return argv;
}

function buildBgsave(options?: BgsaveOptions): Arg[] {
  if (options === undefined) return ["BGSAVE"];
  checkKeys("BGSAVE option", options, BGSAVE_KEYS);
  if (options.schedule && options.cancel) {
    throw new TypeError(
      'Invalid BGSAVE options: "schedule" and "cancel" exclude each other',
    );
  }
  if (options.schedule) return ["BGSAVE", "SCHEDULE"];
  if (options.cancel) return ["BGSAVE", "CANCEL"];
  return ["BGSAVE"];
}

/** Throws unless `type` names a command log. */
function checkCommandlogType(command: string, type: CommandlogType): void {
  if (!COMMANDLOG_TYPES.has(type)) {
    throw new TypeError(
      `Invalid ${command} type "${type}": expected "slow", "large-request" or "large-reply"`,
    );
  }
}

function buildHotkeysStart(options: HotkeysStartOptions): Arg[] {
  checkKeys("HOTKEYS START option", options, HOTKEYS_START_KEYS);
  const metrics: Arg[] = [];
  if (options.cpu) metrics.push("CPU");
  if (options.net) metrics.push("NET");
  if (metrics.length === 0) {
    throw new TypeError(
      'Invalid HOTKEYS START options: expected "cpu" or "net" (or both)',
    );
  }
  const argv: Arg[] = ["HOTKEYS", "START", "METRICS", metrics.length];
  for (const metric of metrics) argv.push(metric);
  if (options.count !== undefined) {
    mustBeInteger(
      "HOTKEYS START",
      "count",
      options.count,
      1,
      "a positive integer",
    );
    argv.push("COUNT", options.count);
  }
  if (options.duration !== undefined) {
    mustBeInteger(
      "HOTKEYS START",
      "duration",
      options.duration,
      1,
      "a positive integer",
    );
    argv.push("DURATION", options.duration);
  }
  if (options.sample !== undefined) {
    mustBeInteger(
      "HOTKEYS START",
      "sample",
      options.sample,
      1,
      "a positive integer",
    );
    argv.push("SAMPLE", options.sample);
  }
  if (options.slots !== undefined) {
    checkNotEmpty("HOTKEYS START", "slot", options.slots);
    argv.push("SLOTS", options.slots.length);
    for (const slot of options.slots) {
      if (!Number.isSafeInteger(slot) || slot < 0 || slot > 16383) {
        throw new TypeError(
          `Invalid HOTKEYS START slot "${slot}": expected an integer from 0 to 16383`,
        );
      }
      argv.push(slot);
    }
  }
  return argv;
}

function buildFailover(options?: FailoverOptions): Arg[] {
  const argv: Arg[] = ["FAILOVER"];
  if (options === undefined) return argv;
  checkKeys("FAILOVER option", options, FAILOVER_KEYS);
  if (options.to !== undefined) {
    checkKeys("FAILOVER to option", options.to, FAILOVER_TARGET_KEYS);
  }
  if (options.abort) {
    if (options.to !== undefined || options.timeout !== undefined) {
      throw new TypeError(
        'Invalid FAILOVER options: "abort" excludes "to" and "timeout"',
      );
    }
    argv.push("ABORT");
    return argv;
  }
  if (options.to !== undefined) {
    const { host, port, force } = options.to;
    mustBeInteger("FAILOVER", "port", port, 1, "a positive integer");
    argv.push("TO", host, port);
    if (force) {
      if (options.timeout === undefined) {
        throw new TypeError(
          'Invalid FAILOVER options: "force" needs "timeout"',
        );
      }
      argv.push("FORCE");
    }
  }
  if (options.timeout !== undefined) {
    mustBeInteger(
      "FAILOVER",
      "timeout",
      options.timeout,
      1,
      "a positive integer",
    );
    argv.push("TIMEOUT", options.timeout);
  }
  return argv;
}

function buildReplicaof(
  name: "REPLICAOF" | "SLAVEOF",
  args: [host: string, port: number] | [no: "NO", one: "ONE"],
): Arg[] {
  const [host, port] = args;
  if (host === "NO" && port === "ONE") return [name, "NO", "ONE"];
  if (typeof port !== "number") {
    throw new TypeError(
      `Invalid ${name} arguments: expected a host and a port, or "NO", "ONE"`,
    );
  }
  mustBeInteger(name, "port", port, 1, "a positive integer");
  return [name, host, port];
}

function buildCommandList(options?: CommandListOptions): Arg[] {
  const argv: Arg[] = ["COMMAND", "LIST"];
  if (options === undefined) return argv;
  checkKeys("COMMAND LIST option", options, COMMAND_LIST_KEYS);
  const filter = options.filterby;
  if (filter === undefined) return argv;
  checkKeys("COMMAND LIST filterby option", filter, COMMAND_LIST_FILTERBY_KEYS);
  const given = (["module", "aclcat", "pattern"] as const).filter((name) =>
    filter[name] !== undefined
  );
  if (given.length !== 1) {
    throw new TypeError(
      'Invalid COMMAND LIST filterby: expected exactly one of "module", "aclcat" and "pattern"',
    );
  }
  const kind = given[0]!;
  argv.push("FILTERBY", kind.toUpperCase(), filter[kind]!);
  return argv;
}

function buildModuleLoadex(
  path: string,
  options?: ModuleLoadexOptions,
): Arg[] {
  const argv: Arg[] = ["MODULE", "LOADEX", path];
  if (options === undefined) return argv;
  checkKeys("MODULE LOADEX option", options, MODULE_LOADEX_KEYS);
  if (options.configs !== undefined) {
    for (const name in options.configs) {
      if (Object.hasOwn(options.configs, name)) {
        argv.push("CONFIG", name, options.configs[name]!);
      }
    }
  }
  if (options.args !== undefined) {
    checkNotEmpty("MODULE LOADEX", "argument in args", options.args);
    argv.push("ARGS", ...options.args);
  }
  return argv;
}

/** `peak.allocated` -> `peakAllocated`, `keys.bytes-per-key` -> `keysBytesPerKey`. */
function camelCase(name: string): string {
  return name.split(/[.\-_]/).filter((word) => word !== "").map((word, i) =>
    i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)
  ).join("");
}

function toMemoryStats(reply: Reply): MemoryStats {
  const out: Record<string, unknown> = {};
  const databases: Record<string, MemoryStatsDatabase> = {};
  for (const [key, value] of pairs(reply)) {
    const name = str(key);
    const db = /^db\.(\d+)$/.exec(name);
    if (db !== null) {
      const fields: Record<string, number> = {};
      for (const [k, v] of pairs(value)) put(fields, camelCase(str(k)), num(v));
      put(databases, db[1]!, fields as unknown as MemoryStatsDatabase);
    } else if (
      value instanceof Map || Array.isArray(value) || value === null
    ) {
      continue;
    } else {
      put(out, camelCase(name), num(value));
    }
  }
  out.databases = databases;
  return out as unknown as MemoryStats;
}

/** Splits INFO text into sections of `field: value` records. */
function parseInfo(reply: Reply): InfoSections {
  const value = sameKind(reply);
  const out: InfoSections = {};
  let section: Record<string, string> | undefined;
  for (const raw of str(reply).split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line.startsWith("#")) {
      const name = line.slice(1).trim().toLowerCase();
      section = out[name] ?? {};
      put(out, name, section);
      continue;
    }
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    if (section === undefined) {
      section = {};
      put(out, "", section);
    }
    put(section, line.slice(0, colon), value(line.slice(colon + 1)));
  }
  return out;
}

function toRole(reply: Reply): Role {
  const items = list(reply);
  const role = str(items[0] ?? "");
  switch (role) {
    case "master":
      return {
        role,
        replicationOffset: num(items[1] ?? 0),
        replicas: list(items[2] ?? null).map((entry) => {
          const [ip, port, offset] = list(entry);
          return {
            ip: ip as string,
            port: num(port ?? 0),
            replicationOffset: num(offset ?? 0),
          };
        }),
      };
    case "slave":
      return {
        role,
        masterHost: items[1] as string,
        masterPort: num(items[2] ?? 0),
        state: str(items[3] ?? "unknown") as ReplicaState,
        replicationOffset: num(items[4] ?? -1),
      };
    case "sentinel":
      return { role, masterNames: list(items[1] ?? null) as string[] };
  }
  throw new TypeError(`Unexpected ROLE reply "${role}"`);
}

function words<T extends string>(reply: Reply | undefined): T[] {
  return list(reply ?? null).map((word) => str(word) as T);
}

function toKeySpec(reply: Reply): KeySpec {
  const spec = record(reply);
  const out: KeySpec = {
    flags: words<KeyFlag>(spec.flags),
    beginSearch: toBeginSearch(spec.begin_search ?? null),
    findKeys: toFindKeys(spec.find_keys ?? null),
  };
  if (spec.notes !== undefined) out.notes = spec.notes as string;
  return out;
}

function toBeginSearch(reply: Reply): KeySpecBeginSearch {
  const search = record(reply);
  const spec = record(search.spec ?? null);
  switch (str(search.type ?? "")) {
    case "index":
      return { type: "index", index: num(spec.index ?? 0) };
    case "keyword":
      return {
        type: "keyword",
        keyword: spec.keyword as string,
        startFrom: num(spec.startfrom ?? 0),
      };
  }
  return { type: "unknown" };
}

function toFindKeys(reply: Reply): KeySpecFindKeys {
  const find = record(reply);
  const spec = record(find.spec ?? null);
  switch (str(find.type ?? "")) {
    case "range":
      return {
        type: "range",
        lastKey: num(spec.lastkey ?? 0),
        keyStep: num(spec.keystep ?? 1),
        limit: num(spec.limit ?? 0),
      };
    case "keynum":
      return {
        type: "keynum",
        keyNumIdx: num(spec.keynumidx ?? 0),
        firstKey: num(spec.firstkey ?? 1),
        keyStep: num(spec.keystep ?? 1),
      };
  }
  return { type: "unknown" };
}

function toCommandInfo(reply: Reply): CommandInfo | null {
  if (reply === null) return null;
  const [name, arity, flags, firstKey, lastKey, step, acl, tips, specs, subs] =
    list(reply);
  return {
    name: name as string,
    arity: num(arity ?? 0),
    flags: words<CommandFlag>(flags),
    firstKey: num(firstKey ?? 0),
    lastKey: num(lastKey ?? 0),
    step: num(step ?? 0),
    aclCategories: words<`@${string}`>(acl),
    tips: list(tips ?? null) as string[],
    keySpecs: list(specs ?? null).map(toKeySpec),
    subcommands: list(subs ?? null).map(toCommandInfo).filter((
      info,
    ): info is CommandInfo => info !== null),
  };
}

function toArgument(reply: Reply): CommandArgument {
  const doc = record(reply);
  const out: CommandArgument = {
    name: doc.name as string,
    type: str(doc.type ?? "") as CommandArgumentType,
    flags: words(doc.flags),
    arguments: list(doc.arguments ?? null).map(toArgument),
  };
  if (doc.key_spec_index !== undefined) {
    out.keySpecIndex = num(doc.key_spec_index);
  }
  if (doc.token !== undefined) out.token = doc.token as string;
  if (doc.summary !== undefined) out.summary = doc.summary as string;
  if (doc.since !== undefined) out.since = doc.since as string;
  if (doc.deprecated_since !== undefined) {
    out.deprecatedSince = doc.deprecated_since as string;
  }
  const display = doc.display_text ?? doc.display;
  if (display !== undefined) out.displayText = display as string;
  return out;
}

function toCommandDoc(reply: Reply): CommandDoc {
  const doc = record(reply);
  const out: CommandDoc = {
    summary: (doc.summary ?? "") as string,
    since: (doc.since ?? "") as string,
    group: str(doc.group ?? "") as CommandGroup,
    docFlags: words(doc.doc_flags),
    history: list(doc.history ?? null).map((entry) => {
      const [version, description] = list(entry);
      return {
        version: version as string,
        description: description as string,
      };
    }),
    arguments: list(doc.arguments ?? null).map(toArgument),
    subcommands: record(doc.subcommands ?? null, toCommandDoc),
  };
  if (doc.complexity !== undefined) out.complexity = doc.complexity as string;
  if (doc.module !== undefined) out.module = doc.module as string;
  if (doc.deprecated_since !== undefined) {
    out.deprecatedSince = doc.deprecated_since as string;
  }
  if (doc.replaced_by !== undefined) out.replacedBy = doc.replaced_by as string;
  return out;
}

function toCommandlogEntry(reply: Reply): CommandlogEntry {
  const [id, timestamp, value, args, address, name] = list(reply);
  return {
    id: num(id ?? 0),
    timestamp: num(timestamp ?? 0),
    value: num(value ?? 0),
    args: list(args ?? null) as string[],
    clientAddress: (address ?? "") as string,
    clientName: (name ?? "") as string,
  };
}

/** A `[key, value, key, value]` ranking of HOTKEYS GET. */
function toHotkeyMetrics(reply: Reply): HotkeyMetric[] {
  return pairs(reply).map(([key, value]) => ({
    key: key as string,
    value: num(value),
  }));
}

/**
 * A slot list of HOTKEYS GET as `[first, last]` ranges: `[slot]` and
 * `[first, last]` arrays, or bare slot numbers.
 */
function toSlotRanges(reply: Reply): [number, number][] {
  return list(reply).map((entry) => {
    if (!Array.isArray(entry)) {
      const slot = num(entry);
      return [slot, slot];
    }
    const first = num(entry[0] ?? 0);
    return [first, entry[1] === undefined ? first : num(entry[1])];
  });
}

/** One node's HOTKEYS GET session (a map, or a flat array of pairs). */
function toHotkeysReport(reply: Reply): HotkeysReport {
  const out: Record<string, unknown> = {};
  for (const [key, value] of pairs(reply)) {
    const name = str(key);
    switch (name) {
      case "tracking-active":
        out.trackingActive = num(value) !== 0;
        break;
      case "selected-slots":
        out.selectedSlots = toSlotRanges(value);
        break;
      case "by-cpu-time-us":
      case "by-net-bytes":
        put(out, camelCase(name), toHotkeyMetrics(value));
        break;
      default:
        if (
          typeof value === "number" || typeof value === "bigint" ||
          typeof value === "string" || value instanceof Uint8Array
        ) {
          put(out, camelCase(name), num(value));
        }
    }
  }
  return out as unknown as HotkeysReport;
}

/**
 * HOTKEYS GET: Redis answers with the session (an array of one node's
 * map), or null; Valkey with an array of `{ key, db, qps }` maps.
 */
function toHotkeys(reply: Reply): HotkeysReport | HotkeyRate[] | null {
  if (reply === null) return null;
  if (reply instanceof Map) return toHotkeysReport(reply);
  const items = list(reply);
  const first = items[0];
  if (first === undefined) return [];
  // A flat array of pairs (the format of early Redis 8.6 builds).
  if (!(first instanceof Map) && !Array.isArray(first)) {
    return toHotkeysReport(items);
  }
  const fields = record(first);
  if ("tracking-active" in fields) return toHotkeysReport(first);
  return items.map((entry) => {
    const rate = record(entry);
    return {
      key: (rate.key ?? null) as string,
      db: num(rate.db ?? 0),
      qps: num(rate.qps ?? 0),
    };
  });
}

function toBackupStatus(reply: Reply): BackupStatus {
  const fields = record(reply);
  return {
    state: str(fields.state ?? "idle") as BackupState,
    error: (fields.error ?? "") as string,
    startTime: num(fields.start_time ?? 0),
    endTime: num(fields.end_time ?? 0),
  };
}

function toSlowlogEntry(reply: Reply): SlowlogEntry {
  const [id, timestamp, duration, args, address, name] = list(reply);
  return {
    id: num(id ?? 0),
    timestamp: num(timestamp ?? 0),
    durationMicros: num(duration ?? 0),
    args: list(args ?? null) as string[],
    clientAddress: (address ?? "") as string,
    clientName: (name ?? "") as string,
  };
}

function toModuleInfo(reply: Reply): ModuleInfo {
  const module = record(reply);
  return {
    name: module.name as string,
    ver: num(module.ver ?? 0),
    path: (module.path ?? "") as string,
    args: list(module.args ?? null) as string[],
  };
}

const text = (reply: Reply): string => reply as string;

/**
 * The server and admin commands (INFO, CONFIG GET, COMMAND, MEMORY, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.info.name);
 * ```
 */
export interface ServerCommands {
  /**
   * Cancels the backup that is not sealed yet; the backup state becomes
   * `"failed"` and a new backup can start. Resolves to `"OK"`. Available
   * since Redis 8.10.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.backupAbort();
   * ```
   */
  backupAbort(): Promise<"OK">;
  /**
   * Deletes the files of the sealed backup and makes the backup state
   * `"idle"` again. Resolves to `"OK"`. Available since Redis 8.10.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.backupCleanup();
   * ```
   */
  backupCleanup(): Promise<"OK">;
  /**
   * Returns the server's help text for the BACKUP subcommands, one line per
   * entry. Available since Redis 8.10.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.backupHelp()).join("\n"));
   * ```
   */
  backupHelp(): Promise<string[]>;
  /**
   * Lists the absolute paths of the backup files fixed so far: the base
   * snapshot while the backup collects writes, and the incremental file and
   * the manifest too once it is sealed. Available since Redis 8.10.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const path of await client.backupList()) console.log(path);
   * ```
   */
  backupList(): Promise<string[]>;
  /**
   * Freezes the running backup: its base snapshot, the writes collected
   * since and a manifest become a complete, unchanging set of files (see
   * `backupList`). Resolves to `"OK"`. Available since Redis 8.10.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.backupSeal();
   * ```
   */
  backupSeal(): Promise<"OK">;
  /**
   * Starts an online backup into the empty directory that the server's
   * `backupdirname` configuration names: a base snapshot (through an AOF
   * rewrite), then the writes that follow until `backupSeal`. Resolves to
   * `"OK"`. Available since Redis 8.10.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.backupStart();
   * ```
   */
  backupStart(): Promise<"OK">;
  /**
   * Reports where the backup is (`"idle"`, `"snapshotting"`,
   * `"incrementing"`, `"sealed"`, ...), its error and its start and seal
   * times. Available since Redis 8.10.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { state, error } = await client.backupStatus();
   * ```
   */
  backupStatus(): Promise<BackupStatus>;
  /**
   * Starts rewriting the append-only file in the background. Resolves to
   * the server's status line: started, or scheduled when a background save
   * is running. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.bgrewriteaof(); // "Background append only file rewriting started"
   * ```
   */
  bgrewriteaof(): Promise<
    | "Background append only file rewriting started"
    | "Background append only file rewriting scheduled"
  >;
  /**
   * Starts saving the dataset to disk in a child process. Resolves to the
   * server's status line: started, or scheduled (with `schedule`) when an
   * AOF rewrite is running; with `cancel`, that the running or the
   * scheduled save was cancelled. Available since Redis 1.0; `schedule`
   * since 3.2.2; `cancel` since Valkey 8.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.bgsave(); // "Background saving started"
   * await client.bgsave({ cancel: true }); // "Background saving cancelled"
   * ```
   */
  bgsave(options?: BgsaveOptions): Promise<
    | "Background saving started"
    | "Background saving scheduled"
    | "Background saving cancelled"
    | "Scheduled background saving cancelled"
  >;
  /**
   * Counts the commands the server knows. Available since Redis 2.8.13.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.commandCount()); // 240
   * ```
   */
  commandCount(): Promise<number>;
  /**
   * Returns the documentation of the named commands (of all commands when
   * none is named), by command name. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const docs = await client.commandDocs("set");
   * console.log(docs.set?.summary, docs.set?.arguments.length);
   * ```
   */
  commandDocs(...names: string[]): Promise<Record<string, CommandDoc>>;
  /**
   * Lists the keys of a full command (name and arguments) as the server
   * finds them. Available since Redis 2.8.13.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.commandGetkeys("MSET", "a", "1", "b", "2"); // ["a", "b"]
   * ```
   */
  commandGetkeys(command: string, ...args: Arg[]): Promise<string[]>;
  /**
   * Lists the keys of a full command with how the command accesses each.
   * Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.commandGetkeysandflags("SET", "k", "v"); // [{ key: "k", flags: ["OW", "update"] }]
   * ```
   */
  commandGetkeysandflags(
    command: string,
    ...args: Arg[]
  ): Promise<KeyWithFlags[]>;
  /**
   * Returns the server's help text for the COMMAND subcommands, one line
   * per entry. Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.commandHelp()).join("\n"));
   * ```
   */
  commandHelp(): Promise<string[]>;
  /**
   * Describes the named commands (all commands when none is named), in
   * order; `null` for a name the server does not know. Available since
   * Redis 2.8.13; without names since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [get, nope] = await client.commandInfo("get", "nope");
   * console.log(get?.arity, get?.flags, nope); // 2 ["readonly", "fast"] null
   * ```
   */
  commandInfo(...names: string[]): Promise<(CommandInfo | null)[]>;
  /**
   * Lists the names of the server's commands, optionally only those of a
   * module, of an ACL category or matching a pattern. Available since Redis
   * 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.commandList({ filterby: { pattern: "xa*" } }); // ["xadd", "xautoclaim", "xack"]
   * ```
   */
  commandList(options?: CommandListOptions): Promise<string[]>;
  /**
   * Returns the newest entries of a command log, newest first: `count` of
   * them (`-1` for all). The `"slow"` log is the one SLOWLOG shows;
   * `"large-request"` and `"large-reply"` log the commands whose request or
   * reply exceeded the configured size. Available since Valkey 8.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const e of await client.commandlogGet(10, "large-reply")) console.log(e.value, e.args);
   * ```
   */
  commandlogGet(
    count: number,
    type: CommandlogType,
  ): Promise<CommandlogEntry[]>;
  /**
   * Returns the server's help text for the COMMANDLOG subcommands, one line
   * per entry. Available since Valkey 8.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.commandlogHelp()).join("\n"));
   * ```
   */
  commandlogHelp(): Promise<string[]>;
  /**
   * Counts the entries of a command log. Available since Valkey 8.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.commandlogLen("slow")); // 3
   * ```
   */
  commandlogLen(type: CommandlogType): Promise<number>;
  /**
   * Empties a command log. Resolves to `"OK"`. Available since Valkey 8.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.commandlogReset("large-request");
   * ```
   */
  commandlogReset(type: CommandlogType): Promise<"OK">;
  /**
   * Reads configuration parameters matching the given names or glob
   * patterns. Resolves to a record of parameter name to value. Available
   * since Redis 2.0; several patterns since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.configGet("maxmemory", "maxmemory-policy");
   * // { maxmemory: "0", "maxmemory-policy": "noeviction" }
   * ```
   */
  configGet(...parameters: string[]): Promise<Record<string, string>>;
  /**
   * Returns the server's help text for the CONFIG subcommands, one line per
   * entry. Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.configHelp()).join("\n"));
   * ```
   */
  configHelp(): Promise<string[]>;
  /**
   * Resets the statistics that INFO reports (command stats, error stats,
   * latency histograms, ...). Resolves to `"OK"`. Available since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.configResetstat();
   * ```
   */
  configResetstat(): Promise<"OK">;
  /**
   * Writes the running configuration back to the server's config file;
   * fails when the server was started without one. Resolves to `"OK"`.
   * Available since Redis 2.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.configRewrite();
   * ```
   */
  configRewrite(): Promise<"OK">;
  /**
   * Changes configuration parameters at run time, all or none. Resolves to
   * `"OK"`. Available since Redis 2.0; several parameters since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.configSet({ "maxmemory-policy": "allkeys-lru", maxmemory: "100mb" });
   * ```
   */
  configSet(parameters: Record<string, Arg>): Promise<"OK">;
  /**
   * Counts the keys in the selected database. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.dbsize()); // 42
   * ```
   */
  dbsize(): Promise<number>;
  /**
   * Runs a DEBUG subcommand and resolves to its raw reply. The server only
   * accepts DEBUG when started with `enable-debug-command`; some
   * subcommands (SEGFAULT, RESTART, ...) crash or restart the server on
   * purpose. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.debug("SLEEP", 0); // "OK"
   * ```
   */
  debug(subcommand: string, ...args: Arg[]): Promise<Reply>;
  /**
   * Starts a coordinated failover from this master to one of its replicas
   * (a chosen one with `to`), or cancels one with `abort`. Resolves to
   * `"OK"` once the failover started; it completes in the background.
   * Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.failover({ to: { host: "10.0.0.2", port: 6379 }, timeout: 5000 });
   * ```
   */
  failover(options?: FailoverOptions): Promise<"OK">;
  /**
   * Deletes every key of every database. Resolves to `"OK"`. Available
   * since Redis 1.0; `async` since 4.0, `sync` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.flushall({ async: true });
   * ```
   */
  flushall(options?: FlushOptions): Promise<"OK">;
  /**
   * Deletes every key of the selected database. Resolves to `"OK"`.
   * Available since Redis 1.0; `async` since 4.0, `sync` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.flushdb();
   * ```
   */
  flushdb(options?: FlushOptions): Promise<"OK">;
  /**
   * Returns the server's hot keys. On Redis, the current or last tracking
   * session (see `hotkeysStart`) with its rankings by CPU time and network
   * bytes, or `null` when there is none. On Valkey, where the
   * `hotkeys-top-k` configuration turns tracking on, the hottest keys of the
   * last completed window as an array, hottest first (empty when tracking
   * is off or saw nothing). Available since Redis 8.6 and Valkey 9.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const hot = await client.hotkeysGet();
   * if (Array.isArray(hot)) console.log(hot[0]?.key, hot[0]?.qps); // Valkey
   * else if (hot !== null) console.log(hot.byCpuTimeUs); // Redis
   * ```
   */
  hotkeysGet(): Promise<HotkeysReport | HotkeyRate[] | null>;
  /**
   * Returns the server's help text for the HOTKEYS subcommands, one line
   * per entry. Available since Redis 8.6.1 and Valkey 9.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.hotkeysHelp()).join("\n"));
   * ```
   */
  hotkeysHelp(): Promise<string[]>;
  /**
   * Frees what the stopped tracking session holds; its results are gone
   * after. Resolves to `"OK"`; fails while a session is tracking. Available
   * since Redis 8.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.hotkeysStop();
   * await client.hotkeysReset();
   * ```
   */
  hotkeysReset(): Promise<"OK">;
  /**
   * Starts a hot key tracking session that ranks keys by CPU time and/or
   * network bytes (see `hotkeysGet`); it runs until `hotkeysStop`, or for
   * `duration` seconds. Resolves to `"OK"`; fails when a session is already
   * tracking. Available since Redis 8.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.hotkeysStart({ cpu: true, net: true, duration: 30 });
   * ```
   */
  hotkeysStart(options: HotkeysStartOptions): Promise<"OK">;
  /**
   * Stops the tracking session and keeps its results for `hotkeysGet`.
   * Resolves to `"OK"`, or to `null` when no session was tracking.
   * Available since Redis 8.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.hotkeysStop();
   * ```
   */
  hotkeysStop(): Promise<"OK" | null>;
  /**
   * Returns the server's INFO text for the given sections (the default set
   * when none is given; `"all"` or `"everything"` for more). See
   * `infoSections` for the parsed form. Available since Redis 1.0; several
   * sections since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.info("server"));
   * ```
   */
  info(...sections: string[]): Promise<string>;
  /**
   * INFO parsed: each section by its lower-case name, as a record of its
   * `field: value` lines (values as text). Available since Redis 1.0;
   * several sections since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { server, clients } = await client.infoSections("server", "clients");
   * console.log(server?.redis_version, clients?.connected_clients);
   * ```
   */
  infoSections(...sections: string[]): Promise<InfoSections>;
  /**
   * Returns when the last successful save to disk finished, in Unix
   * seconds. Available since Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const before = await client.lastsave();
   * await client.bgsave();
   * ```
   */
  lastsave(): Promise<number>;
  /**
   * Returns the server's human-readable analysis of the latency events it
   * recorded. Available since Redis 2.8.13.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.latencyDoctor());
   * ```
   */
  latencyDoctor(): Promise<string>;
  /**
   * Draws an ASCII-art graph of an event's latency samples; fails when the
   * event has none. Available since Redis 2.8.13.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.latencyGraph("command"));
   * ```
   */
  latencyGraph(event: string): Promise<string>;
  /**
   * Returns the server's help text for the LATENCY subcommands, one line
   * per entry. Available since Redis 2.8.13.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.latencyHelp()).join("\n"));
   * ```
   */
  latencyHelp(): Promise<string[]>;
  /**
   * Returns the latency distribution of the named commands (of every
   * command that ran when none is named), by command name. Available since
   * Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { set } = await client.latencyHistogram("set");
   * console.log(set?.calls, set?.histogram);
   * ```
   */
  latencyHistogram(
    ...commands: string[]
  ): Promise<Record<string, LatencyHistogram>>;
  /**
   * Returns the latency samples recorded for an event, oldest first.
   * Available since Redis 2.8.13.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.latencyHistory("command"); // [{ timestamp: 1700000000, latencyMillis: 120 }]
   * ```
   */
  latencyHistory(event: string): Promise<LatencySample[]>;
  /**
   * Returns the latest and the largest latency of each event recorded,
   * and on Valkey 8.1+ their sum and count too. Available since Redis
   * 2.8.13; `sumMillis` and `count` since Valkey 8.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const { event, latestMillis } of await client.latencyLatest()) console.log(event, latestMillis);
   * ```
   */
  latencyLatest(): Promise<LatencyLatestEntry[]>;
  /**
   * Deletes the latency samples of the given events (of all events when
   * none is named). Resolves to the number of events reset. Available since
   * Redis 2.8.13.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.latencyReset("command"); // 1
   * ```
   */
  latencyReset(...events: string[]): Promise<number>;
  /**
   * Returns a piece of generative computer art and the server version.
   * Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.lolwut({ version: 5 }));
   * ```
   */
  lolwut(options?: LolwutOptions): Promise<string>;
  /**
   * Returns the server's human-readable advice on its memory use.
   * Available since Redis 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.memoryDoctor());
   * ```
   */
  memoryDoctor(): Promise<string>;
  /**
   * Returns the server's help text for the MEMORY subcommands, one line per
   * entry. Available since Redis 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.memoryHelp()).join("\n"));
   * ```
   */
  memoryHelp(): Promise<string[]>;
  /**
   * Returns the memory allocator's internal statistics as text. Available
   * since Redis 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.memoryMallocStats());
   * ```
   */
  memoryMallocStats(): Promise<string>;
  /**
   * Asks the allocator to return unused memory to the operating system
   * (jemalloc only). Resolves to `"OK"`. Available since Redis 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.memoryPurge();
   * ```
   */
  memoryPurge(): Promise<"OK">;
  /**
   * Reports the server's memory use in detail, with numbers (see
   * {@linkcode MemoryStats}). Available since Redis 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { totalAllocated, keysCount } = await client.memoryStats();
   * ```
   */
  memoryStats(): Promise<MemoryStats>;
  /**
   * Estimates how many bytes the key and its value take, or `null` when the
   * key does not exist. Available since Redis 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.memoryUsage("user:1"); // 72
   * await client.memoryUsage("big:list", { samples: 0 });
   * ```
   */
  memoryUsage(key: Key, options?: MemoryUsageOptions): Promise<number | null>;
  /**
   * Returns the server's help text for the MODULE subcommands, one line per
   * entry. Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.moduleHelp()).join("\n"));
   * ```
   */
  moduleHelp(): Promise<string[]>;
  /**
   * Lists the loaded modules. Available since Redis 4.0; `path` and `args`
   * since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const { name, ver } of await client.moduleList()) console.log(name, ver);
   * ```
   */
  moduleList(): Promise<ModuleInfo[]>;
  /**
   * Loads a module from a shared library on the server's machine, passing
   * it `args`. Resolves to `"OK"`. The server accepts MODULE commands only
   * when started with `enable-module-command`. Available since Redis 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.moduleLoad("/opt/redis/mymodule.so", "arg1");
   * ```
   */
  moduleLoad(path: string, ...args: Arg[]): Promise<"OK">;
  /**
   * Loads a module with configuration values and arguments. Resolves to
   * `"OK"`. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.moduleLoadex("/opt/redis/m.so", { configs: { "m.size": 10 } });
   * ```
   */
  moduleLoadex(path: string, options?: ModuleLoadexOptions): Promise<"OK">;
  /**
   * Unloads the module called `name`. Resolves to `"OK"`. Available since
   * Redis 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.moduleUnload("mymodule");
   * ```
   */
  moduleUnload(name: string): Promise<"OK">;
  /**
   * Makes the server a replica of `host:port`, or with `"NO", "ONE"` a
   * master again. Resolves to `"OK"` (to `"OK Already connected to
   * specified master"` when nothing changed); the replication itself
   * proceeds in the background. Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.replicaof("10.0.0.1", 6379);
   * await client.replicaof("NO", "ONE");
   * ```
   */
  replicaof(
    ...params: [host: string, port: number] | [no: "NO", one: "ONE"]
  ): Promise<"OK" | "OK Already connected to specified master">;
  /**
   * Tells the server's replication role: a master with its replicas, a
   * replica with its master and link state, or a Sentinel with the masters
   * it monitors. Available since Redis 2.8.12.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const role = await client.role();
   * if (role.role === "slave") console.log(role.masterHost, role.state);
   * ```
   */
  role(): Promise<Role>;
  /**
   * Saves the dataset to disk, blocking every client until it is done.
   * Resolves to `"OK"`. Prefer `bgsave` in production. Available since
   * Redis 1.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.save();
   * ```
   */
  save(): Promise<"OK">;
  /**
   * Stops the server, saving first unless `nosave` (or the configuration)
   * says otherwise. A successful shutdown closes the connection without a
   * reply, so the promise then rejects with `ConnectionClosedError`; it
   * rejects with a `ReplyError` when the server refuses (a failed save, for
   * example). With `abort` it cancels a shutdown that waits for replicas
   * and resolves to `"OK"`. A client that reconnects (the default) then
   * keeps trying to reach the stopped server; close it, or connect it with
   * `reconnect: false`. Available since Redis 1.0; `now`, `force` and
   * `abort` since 7.0; `safe` and `failover` since Valkey 9.0.
   *
   * @example
   * ```ts
   * import { connect, ConnectionClosedError } from "@respite/redis";
   *
   * await using client = await connect();
   * try {
   *   await client.shutdown({ nosave: true });
   * } catch (error) {
   *   if (!(error instanceof ConnectionClosedError)) throw error;
   * }
   * ```
   */
  shutdown(options?: ShutdownOptions): Promise<"OK">;
  /**
   * The deprecated name of `replicaof`: makes the server a replica of
   * `host:port`, or with `"NO", "ONE"` a master again. Resolves like
   * `replicaof`. Available since Redis 1.0; deprecated since 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.slaveof("NO", "ONE");
   * ```
   */
  slaveof(
    ...params: [host: string, port: number] | [no: "NO", one: "ONE"]
  ): Promise<"OK" | "OK Already connected to specified master">;
  /**
   * Returns the newest slow log entries, newest first: `count` of them
   * (the server's default is 10; `-1` for all). Available since Redis
   * 2.2.12; client address and name since 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const e of await client.slowlogGet(5)) console.log(e.durationMicros, e.args);
   * ```
   */
  slowlogGet(count?: number): Promise<SlowlogEntry[]>;
  /**
   * Returns the server's help text for the SLOWLOG subcommands, one line
   * per entry. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.slowlogHelp()).join("\n"));
   * ```
   */
  slowlogHelp(): Promise<string[]>;
  /**
   * Counts the entries in the slow log. Available since Redis 2.2.12.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.slowlogLen()); // 3
   * ```
   */
  slowlogLen(): Promise<number>;
  /**
   * Empties the slow log. Resolves to `"OK"`. Available since Redis 2.2.12.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.slowlogReset();
   * ```
   */
  slowlogReset(): Promise<"OK">;
  /**
   * Swaps the contents of two databases, at once for every client.
   * Resolves to `"OK"`. Available since Redis 4.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.swapdb(0, 1);
   * ```
   */
  swapdb(index1: number, index2: number): Promise<"OK">;
  /**
   * Returns the server's clock as seconds and microseconds. Available since
   * Redis 2.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { seconds, microseconds } = await client.time();
   * ```
   */
  time(): Promise<ServerTime>;
}

/** The declarations of the server and admin commands. */
export const serverCommands: Declarations<ServerCommands> = {
  backupAbort: command({
    name: "BACKUP ABORT",
    build: (): Arg[] => ["BACKUP", "ABORT"],
    reply: ok,
    since: { redis: "8.10.0" },
  }),
  backupCleanup: command({
    name: "BACKUP CLEANUP",
    build: (): Arg[] => ["BACKUP", "CLEANUP"],
    reply: ok,
    since: { redis: "8.10.0" },
  }),
  backupHelp: command({
    name: "BACKUP HELP",
    build: (): Arg[] => ["BACKUP", "HELP"],
    reply: strings,
    since: { redis: "8.10.0" },
  }),
  backupList: command({
    name: "BACKUP LIST",
    build: (): Arg[] => ["BACKUP", "LIST"],
    reply: strings,
    since: { redis: "8.10.0" },
  }),
  backupSeal: command({
    name: "BACKUP SEAL",
    build: (): Arg[] => ["BACKUP", "SEAL"],
    reply: ok,
    since: { redis: "8.10.0" },
  }),
  backupStart: command({
    name: "BACKUP START",
    build: (): Arg[] => ["BACKUP", "START"],
    reply: ok,
    since: { redis: "8.10.0" },
  }),
  backupStatus: command({
    name: "BACKUP STATUS",
    build: (): Arg[] => ["BACKUP", "STATUS"],
    reply: toBackupStatus,
    since: { redis: "8.10.0" },
  }),
  bgrewriteaof: command({
    name: "BGREWRITEAOF",
    build: (): Arg[] => ["BGREWRITEAOF"],
    reply: (reply) =>
      str(reply) as
        | "Background append only file rewriting started"
        | "Background append only file rewriting scheduled",
  }),
  bgsave: command({
    name: "BGSAVE",
    build: buildBgsave,
    reply: (reply) =>
      str(reply) as
        | "Background saving started"
        | "Background saving scheduled"
        | "Background saving cancelled"
        | "Scheduled background saving cancelled",
  }),
  commandCount: command({
    name: "COMMAND COUNT",
    build: (): Arg[] => ["COMMAND", "COUNT"],
    reply: num,
  }),
  commandDocs: command({
    name: "COMMAND DOCS",
    build: (...names: string[]): Arg[] => ["COMMAND", "DOCS", ...names],
    reply: (reply) => record(reply, toCommandDoc),
  }),
  commandGetkeys: command({
    name: "COMMAND GETKEYS",
    build: (command: string, ...args: Arg[]): Arg[] => [
      "COMMAND",
      "GETKEYS",
      command,
      ...args,
    ],
    reply: strings,
  }),
  commandGetkeysandflags: command({
    name: "COMMAND GETKEYSANDFLAGS",
    build: (command: string, ...args: Arg[]): Arg[] => [
      "COMMAND",
      "GETKEYSANDFLAGS",
      command,
      ...args,
    ],
    reply: (reply) =>
      list(reply).map((entry) => {
        const [key, flags] = list(entry);
        return { key: key as string, flags: words<KeyFlag>(flags) };
      }),
  }),
  commandHelp: command({
    name: "COMMAND HELP",
    build: (): Arg[] => ["COMMAND", "HELP"],
    reply: strings,
  }),
  commandInfo: command({
    name: "COMMAND INFO",
    build: (...names: string[]): Arg[] => ["COMMAND", "INFO", ...names],
    reply: (reply) => list(reply).map(toCommandInfo),
  }),
  commandList: command({
    name: "COMMAND LIST",
    build: buildCommandList,
    reply: strings,
  }),
  commandlogGet: command({
    name: "COMMANDLOG GET",
    build: (count: number, type: CommandlogType): Arg[] => {
      mustBeInteger("COMMANDLOG GET", "count", count, -1, "an integer >= -1");
      checkCommandlogType("COMMANDLOG GET", type);
      return ["COMMANDLOG", "GET", count, type];
    },
    reply: (reply) => list(reply).map(toCommandlogEntry),
    route: { request: "all_nodes" },
    since: { valkey: "8.1.0" },
  }),
  commandlogHelp: command({
    name: "COMMANDLOG HELP",
    build: (): Arg[] => ["COMMANDLOG", "HELP"],
    reply: strings,
    since: { valkey: "8.1.0" },
  }),
  commandlogLen: command({
    name: "COMMANDLOG LEN",
    build: (type: CommandlogType): Arg[] => {
      checkCommandlogType("COMMANDLOG LEN", type);
      return ["COMMANDLOG", "LEN", type];
    },
    reply: num,
    route: { request: "all_nodes", response: "agg_sum" },
    since: { valkey: "8.1.0" },
  }),
  commandlogReset: command({
    name: "COMMANDLOG RESET",
    build: (type: CommandlogType): Arg[] => {
      checkCommandlogType("COMMANDLOG RESET", type);
      return ["COMMANDLOG", "RESET", type];
    },
    reply: ok,
    route: { request: "all_nodes", response: "all_succeeded" },
    since: { valkey: "8.1.0" },
  }),
  configGet: command({
    name: "CONFIG GET",
    build: (...parameters: string[]): Arg[] => {
      checkNotEmpty("CONFIG GET", "parameter", parameters);
      return ["CONFIG", "GET", ...parameters];
    },
    flags: FLAT_REPLY,
    reply: (reply) => record(reply) as Record<string, string>,
  }),
  configHelp: command({
    name: "CONFIG HELP",
    build: (): Arg[] => ["CONFIG", "HELP"],
    reply: strings,
  }),
  configResetstat: command({
    name: "CONFIG RESETSTAT",
    build: (): Arg[] => ["CONFIG", "RESETSTAT"],
    reply: ok,
    route: { request: "all_nodes", response: "all_succeeded" },
  }),
  configRewrite: command({
    name: "CONFIG REWRITE",
    build: (): Arg[] => ["CONFIG", "REWRITE"],
    reply: ok,
    route: { request: "all_nodes", response: "all_succeeded" },
  }),
  configSet: command({
    name: "CONFIG SET",
    build: (parameters: Record<string, Arg>): Arg[] => {
      const argv: Arg[] = ["CONFIG", "SET"];
      for (const name in parameters) {
        if (Object.hasOwn(parameters, name)) {
          argv.push(name, parameters[name]!);
        }
      }
      if (argv.length === 2) {
        throw new TypeError(
          "Invalid CONFIG SET call: expected at least one parameter and value",
        );
      }
      return argv;
    },
    reply: ok,
    route: { request: "all_nodes", response: "all_succeeded" },
  }),
  dbsize: command({
    name: "DBSIZE",
    build: (): Arg[] => ["DBSIZE"],
    flags: READONLY,
    reply: num,
    route: { request: "all_shards", response: "agg_sum" },
  }),
  debug: command({
    name: "DEBUG",
    build: (subcommand: string, ...args: Arg[]): Arg[] => {
      if (subcommand === "") {
        throw new TypeError(
          'Invalid DEBUG subcommand "": expected a subcommand name',
        );
      }
      return ["DEBUG", subcommand, ...args];
    },
    reply: (reply) => reply,
  }),
  failover: command({
    name: "FAILOVER",
    build: buildFailover,
    reply: ok,
  }),
  flushall: command({
    name: "FLUSHALL",
    build: (options?: FlushOptions): Arg[] => buildFlush("FLUSHALL", options),
    reply: ok,
    route: { request: "all_shards", response: "all_succeeded" },
  }),
  flushdb: command({
    name: "FLUSHDB",
    build: (options?: FlushOptions): Arg[] => buildFlush("FLUSHDB", options),
    reply: ok,
    route: { request: "all_shards", response: "all_succeeded" },
  }),
  hotkeysGet: command({
    name: "HOTKEYS GET",
    build: (): Arg[] => ["HOTKEYS", "GET"],
    reply: toHotkeys,
    route: { request: "special", response: "special" },
    since: { redis: "8.6.0", valkey: "9.2.0" },
  }),
  hotkeysHelp: command({
    name: "HOTKEYS HELP",
    build: (): Arg[] => ["HOTKEYS", "HELP"],
    reply: strings,
    since: { redis: "8.6.1", valkey: "9.2.0" },
  }),
  hotkeysReset: command({
    name: "HOTKEYS RESET",
    build: (): Arg[] => ["HOTKEYS", "RESET"],
    reply: ok,
    route: { request: "special" },
    since: { redis: "8.6.0" },
  }),
  hotkeysStart: command({
    name: "HOTKEYS START",
    build: buildHotkeysStart,
    reply: ok,
    route: { request: "special" },
    since: { redis: "8.6.0" },
  }),
  hotkeysStop: command({
    name: "HOTKEYS STOP",
    build: (): Arg[] => ["HOTKEYS", "STOP"],
    reply: (reply) => reply === null ? null : ok(reply),
    route: { request: "special" },
    since: { redis: "8.6.0" },
  }),
  info: command({
    name: "INFO",
    build: (...sections: string[]): Arg[] => ["INFO", ...sections],
    reply: text,
    route: { request: "all_shards", response: "special" },
  }),
  infoSections: command({
    name: "INFO",
    build: (...sections: string[]): Arg[] => ["INFO", ...sections],
    reply: parseInfo,
    route: { request: "all_shards", response: "special" },
  }),
  lastsave: command({
    name: "LASTSAVE",
    build: (): Arg[] => ["LASTSAVE"],
    reply: num,
  }),
  latencyDoctor: command({
    name: "LATENCY DOCTOR",
    build: (): Arg[] => ["LATENCY", "DOCTOR"],
    reply: text,
    route: { request: "all_nodes", response: "special" },
  }),
  latencyGraph: command({
    name: "LATENCY GRAPH",
    build: (event: string): Arg[] => ["LATENCY", "GRAPH", event],
    reply: text,
    route: { request: "all_nodes", response: "special" },
  }),
  latencyHelp: command({
    name: "LATENCY HELP",
    build: (): Arg[] => ["LATENCY", "HELP"],
    reply: strings,
  }),
  latencyHistogram: command({
    name: "LATENCY HISTOGRAM",
    build: (...commands: string[]): Arg[] => [
      "LATENCY",
      "HISTOGRAM",
      ...commands,
    ],
    reply: (reply) =>
      record(reply, (entry) => {
        const fields = record(entry);
        return {
          calls: num(fields.calls ?? 0),
          histogram: record(fields.histogram_usec ?? null, num),
        };
      }),
    route: { request: "all_nodes", response: "special" },
  }),
  latencyHistory: command({
    name: "LATENCY HISTORY",
    build: (event: string): Arg[] => ["LATENCY", "HISTORY", event],
    reply: (reply) =>
      list(reply).map((entry) => {
        const [timestamp, latency] = list(entry);
        return {
          timestamp: num(timestamp ?? 0),
          latencyMillis: num(latency ?? 0),
        };
      }),
    route: { request: "all_nodes", response: "special" },
  }),
  latencyLatest: command({
    name: "LATENCY LATEST",
    build: (): Arg[] => ["LATENCY", "LATEST"],
    reply: (reply) =>
      list(reply).map((entry) => {
        const [event, timestamp, latest, max, sum, count] = list(entry);
        const out: LatencyLatestEntry = {
          event: event as string,
          timestamp: num(timestamp ?? 0),
          latestMillis: num(latest ?? 0),
          maxMillis: num(max ?? 0),
        };
        // Valkey 8.1+ adds the sum and the count of the spikes.
        if (sum !== undefined) out.sumMillis = num(sum);
        if (count !== undefined) out.count = num(count);
        return out;
      }),
    route: { request: "all_nodes", response: "special" },
  }),
  latencyReset: command({
    name: "LATENCY RESET",
    build: (...events: string[]): Arg[] => ["LATENCY", "RESET", ...events],
    reply: num,
    route: { request: "all_nodes", response: "agg_sum" },
  }),
  lolwut: command({
    name: "LOLWUT",
    build: (options?: LolwutOptions): Arg[] => {
      if (options === undefined) return ["LOLWUT"];
      checkKeys("LOLWUT option", options, LOLWUT_KEYS);
      if (options.version === undefined) return ["LOLWUT"];
      mustBeInteger(
        "LOLWUT",
        "version",
        options.version,
        1,
        "a positive integer",
      );
      return ["LOLWUT", "VERSION", options.version];
    },
    flags: READONLY,
    reply: text,
  }),
  memoryDoctor: command({
    name: "MEMORY DOCTOR",
    build: (): Arg[] => ["MEMORY", "DOCTOR"],
    reply: text,
    route: { request: "all_shards", response: "special" },
  }),
  memoryHelp: command({
    name: "MEMORY HELP",
    build: (): Arg[] => ["MEMORY", "HELP"],
    reply: strings,
  }),
  memoryMallocStats: command({
    name: "MEMORY MALLOC-STATS",
    build: (): Arg[] => ["MEMORY", "MALLOC-STATS"],
    reply: text,
    route: { request: "all_shards", response: "special" },
  }),
  memoryPurge: command({
    name: "MEMORY PURGE",
    build: (): Arg[] => ["MEMORY", "PURGE"],
    reply: ok,
    route: { request: "all_shards", response: "all_succeeded" },
  }),
  memoryStats: command({
    name: "MEMORY STATS",
    build: (): Arg[] => ["MEMORY", "STATS"],
    reply: toMemoryStats,
    route: { request: "all_shards", response: "special" },
  }),
  memoryUsage: command({
    name: "MEMORY USAGE",
    build: (key: Key, options?: MemoryUsageOptions): Arg[] => {
      if (options === undefined) return ["MEMORY", "USAGE", key];
      checkKeys("MEMORY USAGE option", options, MEMORY_USAGE_KEYS);
      if (options.samples === undefined) return ["MEMORY", "USAGE", key];
      mustBeInteger(
        "MEMORY USAGE",
        "samples",
        options.samples,
        0,
        "a non-negative integer",
      );
      return ["MEMORY", "USAGE", key, "SAMPLES", options.samples];
    },
    keys: secondKey,
    flags: READONLY,
    reply: numOrNull,
  }),
  moduleHelp: command({
    name: "MODULE HELP",
    build: (): Arg[] => ["MODULE", "HELP"],
    reply: strings,
  }),
  moduleList: command({
    name: "MODULE LIST",
    build: (): Arg[] => ["MODULE", "LIST"],
    reply: (reply) => list(reply).map(toModuleInfo),
  }),
  moduleLoad: command({
    name: "MODULE LOAD",
    build: (path: string, ...args: Arg[]): Arg[] => [
      "MODULE",
      "LOAD",
      path,
      ...args,
    ],
    reply: ok,
  }),
  moduleLoadex: command({
    name: "MODULE LOADEX",
    build: buildModuleLoadex,
    reply: ok,
  }),
  moduleUnload: command({
    name: "MODULE UNLOAD",
    build: (name: string): Arg[] => ["MODULE", "UNLOAD", name],
    reply: ok,
  }),
  replicaof: command({
    name: "REPLICAOF",
    build: (
      ...args: [host: string, port: number] | [no: "NO", one: "ONE"]
    ): Arg[] => buildReplicaof("REPLICAOF", args),
    reply: (reply) =>
      str(reply) as "OK" | "OK Already connected to specified master",
  }),
  role: command({
    name: "ROLE",
    build: (): Arg[] => ["ROLE"],
    reply: toRole,
  }),
  save: command({
    name: "SAVE",
    build: (): Arg[] => ["SAVE"],
    reply: ok,
  }),
  shutdown: command({
    name: "SHUTDOWN",
    build: buildShutdown,
    reply: ok,
  }),
  slaveof: command({
    name: "SLAVEOF",
    build: (
      ...args: [host: string, port: number] | [no: "NO", one: "ONE"]
    ): Arg[] => buildReplicaof("SLAVEOF", args),
    reply: (reply) =>
      str(reply) as "OK" | "OK Already connected to specified master",
  }),
  slowlogGet: command({
    name: "SLOWLOG GET",
    build: (count?: number): Arg[] => {
      if (count === undefined) return ["SLOWLOG", "GET"];
      mustBeInteger("SLOWLOG GET", "count", count, -1, "an integer >= -1");
      return ["SLOWLOG", "GET", count];
    },
    reply: (reply) => list(reply).map(toSlowlogEntry),
    route: { request: "all_nodes" },
  }),
  slowlogHelp: command({
    name: "SLOWLOG HELP",
    build: (): Arg[] => ["SLOWLOG", "HELP"],
    reply: strings,
  }),
  slowlogLen: command({
    name: "SLOWLOG LEN",
    build: (): Arg[] => ["SLOWLOG", "LEN"],
    reply: num,
    route: { request: "all_nodes", response: "agg_sum" },
  }),
  slowlogReset: command({
    name: "SLOWLOG RESET",
    build: (): Arg[] => ["SLOWLOG", "RESET"],
    reply: ok,
    route: { request: "all_nodes", response: "all_succeeded" },
  }),
  swapdb: command({
    name: "SWAPDB",
    build: (index1: number, index2: number): Arg[] => {
      mustBeInteger("SWAPDB", "index", index1, 0, "a non-negative integer");
      mustBeInteger("SWAPDB", "index", index2, 0, "a non-negative integer");
      return ["SWAPDB", index1, index2];
    },
    reply: ok,
  }),
  time: command({
    name: "TIME",
    build: (): Arg[] => ["TIME"],
    reply: (reply) => {
      const [seconds, microseconds] = list(reply);
      return {
        seconds: num(seconds ?? 0),
        microseconds: num(microseconds ?? 0),
      };
    },
  }),
};
