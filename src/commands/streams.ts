/**
 * The stream commands (XADD, XRANGE, XREADGROUP, XINFO, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  BLOCKING,
  bool,
  checkCount,
  checkKeys,
  command,
  type Declarations,
  type FieldValues,
  firstKey,
  type Key,
  type KeyLocation,
  list,
  num,
  numOrNull,
  ok,
  optionKeys,
  pairs,
  pushFields,
  READONLY,
  record,
  secondKey,
  str,
  type StreamId,
  strOrNull,
} from "./_define.ts";
import { FieldNames } from "./_field_names.ts";

/** Field names of recent stream entries, reused when they repeat. */
const entryNames = new FieldNames();

// ---------------------------------------------------------------------------
// Parameter and result types

/**
 * One stream entry: its ID and its field/value pairs, twice: `fields`, a
 * record keyed by field name, for the usual entry whose names are all
 * different, and `fieldList`, every name and value in the order they were
 * added, which loses nothing when an entry repeats a name (`XADD s * tag a
 * tag b` is allowed: `fields` is `{ tag: "b" }`, `fieldList` is `["tag",
 * "a", "tag", "b"]`).
 *
 * In the bytes view values are `Uint8Array`s, and so is everything in
 * `fieldList`; the names of `fields` are text, decoded losslessly (see
 * {@linkcode decodeRecordKey}).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [entry] = await client.xrange("events", "-", "+", { count: 1 });
 * console.log(entry?.id, entry?.fields.type);
 * for (let i = 0; i < (entry?.fieldList.length ?? 0); i += 2) {
 *   console.log(entry?.fieldList[i], entry?.fieldList[i + 1]);
 * }
 * ```
 */
export interface StreamEntry {
  /** The entry ID. */
  id: StreamId;
  /**
   * The field/value pairs in a record keyed by field name; for a name the
   * entry repeats, the last value.
   */
  fields: Record<string, string>;
  /**
   * Every field name and value in the order they were added, flat:
   * `[name, value, name, value, ...]`; repeated names included.
   */
  fieldList: string[];
}

/**
 * An entry read through a consumer group: like {@linkcode StreamEntry}, but
 * `fields` is `null` when a pending entry was deleted from the stream after
 * it was delivered.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const reads = await client.xreadgroup("g", "alice", [{ key: "events", id: "0" }]);
 * for (const { id, fields } of reads?.[0]?.entries ?? []) {
 *   if (fields === null) await client.xack("events", "g", id);
 * }
 * ```
 */
export interface StreamGroupEntry {
  /** The entry ID. */
  id: StreamId;
  /** The field/value pairs, or `null` for an entry deleted meanwhile. */
  fields: Record<string, string> | null;
  /**
   * Every field name and value in order, flat (see
   * {@linkcode StreamEntry.fieldList}), or `null` for an entry deleted
   * meanwhile.
   */
  fieldList: string[] | null;
  /**
   * With the `claim` option of `xreadgroup` (Redis 8.4+) only: the
   * milliseconds since the entry was last delivered, `0` for an entry
   * never delivered before. Absent without `claim`.
   */
  idle?: number;
  /**
   * With the `claim` option of `xreadgroup` (Redis 8.4+) only: how many
   * times the entry was delivered before this read, `0` for an entry never
   * delivered before. Absent without `claim`.
   */
  deliveries?: number;
}

/**
 * The entries `xread` returned for one stream.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const reads = await client.xread([{ key: "events", id: "0" }]);
 * for (const { key, entries } of reads ?? []) console.log(key, entries.length);
 * ```
 */
export interface StreamRead {
  /** The stream key (bytes in the bytes view). */
  key: string;
  /** The new entries of that stream, oldest first. */
  entries: StreamEntry[];
}

/**
 * The entries `xreadgroup` returned for one stream.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const reads = await client.xreadgroup("g", "alice", [{ key: "events", id: ">" }]);
 * console.log(reads?.[0]?.entries);
 * ```
 */
export interface StreamGroupRead {
  /** The stream key (bytes in the bytes view). */
  key: string;
  /** The entries delivered, oldest first. */
  entries: StreamGroupEntry[];
}

/**
 * One stream to read from, with the ID to read after: a real ID, `"$"`
 * (only entries added from now on, for `xread`), `"+"` (only the last
 * entry, for `xread`, Redis 7.4+ and Valkey 8.0+), `">"` (never delivered
 * entries, for `xreadgroup`) or `"0"` (from the start, or this consumer's
 * pending entries for `xreadgroup`).
 *
 * @example
 * ```ts
 * import { connect, type StreamCursor } from "@respite/redis";
 *
 * await using client = await connect();
 * const streams: StreamCursor[] = [{ key: "a", id: "0" }, { key: "b", id: "$" }];
 * await client.xread(streams, { block: 1000 });
 * ```
 */
export interface StreamCursor {
  /** The stream key. */
  key: Key;
  /** Read entries after this ID. */
  id: string;
}

/**
 * Options of `xread`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xread([{ key: "events", id: "$" }], { count: 10, block: 5000 });
 * ```
 */
export interface XReadOptions {
  /** At most this many entries per stream (`COUNT`). */
  count?: number;
  /**
   * At most this many entries in all, across the streams in the order
   * given (`MAXCOUNT`, a positive integer, Redis 8.10+); unlike `count`,
   * which limits each stream.
   */
  maxcount?: number;
  /**
   * Stop adding entries once the reply reaches about this many bytes, all
   * streams together (`MAXSIZE`, a positive integer, Redis 8.10+). A soft
   * limit: a first entry larger than it is still returned.
   */
  maxsize?: number;
  /**
   * Wait up to this many milliseconds for an entry when there is none
   * (`BLOCK`); `0` waits forever. Blocks the connection meanwhile.
   */
  block?: number;
}

/**
 * Options of `xreadgroup`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xreadgroup("g", "alice", [{ key: "events", id: ">" }], { count: 10, noack: true });
 * ```
 */
export interface XReadGroupOptions extends XReadOptions {
  /**
   * With the ID `">"`: first claim the group's pending entries idle for at
   * least this many milliseconds, then read new ones (`CLAIM`, Redis
   * 8.4+). Every entry of the reply then carries `idle` and `deliveries`.
   */
  claim?: number;
  /** Do not add the delivered entries to the pending entries list (`NOACK`). */
  noack?: boolean;
}

/**
 * What deleting or trimming entries does to the references the consumer
 * groups hold to them in their pending entries lists (Redis 8.2+):
 *
 * - `"KEEPREF"`: keep the references (the default, as `XDEL` does).
 * - `"DELREF"`: remove the references from every group too.
 * - `"ACKED"`: only delete entries every group has read and acknowledged.
 *
 * @example
 * ```ts
 * import type { StreamDeletionPolicy } from "@respite/redis";
 *
 * const policy: StreamDeletionPolicy = "ACKED";
 * ```
 */
export type StreamDeletionPolicy = "KEEPREF" | "DELREF" | "ACKED";

/**
 * What `xdelex` and `xackdel` did with one ID: `1` deleted, `-1` no such
 * entry in the stream (or no such stream), `2` not deleted because
 * consumer groups still reference it (the `"ACKED"` policy; `xackdel`
 * acknowledged it all the same).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [result] = await client.xdelex("events", ["1-1"], { policy: "ACKED" });
 * if (result === 2) console.log("still pending in a group");
 * ```
 */
export type StreamDeletionResult = -1 | 1 | 2;

/**
 * Options of `xdelex` and `xackdel`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xackdel("events", "g", ["1-1"], { policy: "DELREF" });
 * ```
 */
export interface StreamDeletionOptions {
  /** What happens to the groups' references (default `"KEEPREF"`). */
  policy?: StreamDeletionPolicy;
}

/**
 * How `xnack` changes the delivery counter of the entries it releases:
 * `"SILENT"` takes one off (the delivery did not count), `"FAIL"` keeps it,
 * `"FATAL"` sets it to the largest value (the entry is poison).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xnack("events", "g", "FAIL", ["1-1"]);
 * ```
 */
export type XNackMode = "SILENT" | "FAIL" | "FATAL";

/**
 * Options of `xnack`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xnack("events", "g", "FAIL", ["1-1"], { retrycount: 3 });
 * ```
 */
export interface XNackOptions {
  /** Set the delivery counter to this value whatever the mode (`RETRYCOUNT`). */
  retrycount?: number;
  /**
   * Also release IDs not pending in the group, as unowned pending entries,
   * when they exist in the stream (`FORCE`; meant for replication and AOF
   * rewrite).
   */
  force?: boolean;
}

/**
 * Options of `xcfgset`: at least one of them.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xcfgset("events", { idmpDuration: 300, idmpMaxsize: 1000 });
 * ```
 */
export interface XCfgSetOptions {
  /**
   * How many seconds the stream remembers each idempotent ID
   * (`IDMP-DURATION`, 1 to 86400; the server's default is 100).
   */
  idmpDuration?: number;
  /**
   * How many of the most recent idempotent IDs the stream remembers per
   * producer (`IDMP-MAXSIZE`, 1 to 10000; the server's default is 100).
   */
  idmpMaxsize?: number;
}

/**
 * A trimming threshold: exact by default, or approximate (`~`, cheaper)
 * with `approx: true`; only approximate trimming accepts `limit`, the most
 * entries one call evicts (Redis 6.2+).
 *
 * @typeParam T The threshold type: a length for `maxlen`, an ID for `minid`.
 *
 * @example
 * ```ts
 * import type { StreamTrimThreshold } from "@respite/redis";
 *
 * const cheap: StreamTrimThreshold<number> = { approx: true, threshold: 1000, limit: 100 };
 * ```
 */
export type StreamTrimThreshold<T> =
  | {
    /** Trim approximately (`~`). */
    approx: true;
    /** The length (`maxlen`) or lowest ID (`minid`) to keep. */
    threshold: T;
    /** Evict at most this many entries (`LIMIT`, Redis 6.2+). */
    limit?: number;
  }
  | {
    /** Trim exactly (the default). */
    approx?: false;
    /** The length (`maxlen`) or lowest ID (`minid`) to keep. */
    threshold: T;
    /** Not allowed with exact trimming. */
    limit?: never;
  };

/**
 * How to trim a stream: keep at most `maxlen.threshold` entries, or drop
 * the entries with IDs below `minid.threshold` (Redis 6.2+). One of them,
 * not both.
 *
 * @example
 * ```ts
 * import type { StreamTrim } from "@respite/redis";
 *
 * const byLength: StreamTrim = { maxlen: { threshold: 1000 } };
 * const byAge: StreamTrim = { minid: { approx: true, threshold: "1700000000000-0" } };
 * ```
 */
export type StreamTrim =
  | { maxlen: StreamTrimThreshold<number>; minid?: never }
  | { minid: StreamTrimThreshold<string>; maxlen?: never };

/**
 * Options of `xadd`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xadd("events", "*", { type: "click" }, {
 *   nomkstream: true,
 *   maxlen: { approx: true, threshold: 10000 },
 * });
 * ```
 */
export type XAddOptions =
  & {
    /** Do not create the stream when it does not exist (`NOMKSTREAM`, Redis 6.2+). */
    nomkstream?: boolean;
    /**
     * What trimming does to the consumer groups' references to the entries
     * it removes (`KEEPREF`, `DELREF` or `ACKED`, Redis 8.2+; default
     * `"KEEPREF"`).
     */
    policy?: StreamDeletionPolicy;
  }
  & (StreamTrim | { maxlen?: never; minid?: never })
  & (
    | {
      /**
       * Add the entry at most once per producer and idempotent ID (`IDMP`,
       * Redis 8.6+, with the ID `"*"` only): adding again with the same
       * pair adds nothing and resolves to the ID of the first entry.
       */
      idmp: StreamIdempotency;
      /** Excludes `idmp`. */
      idmpauto?: never;
    }
    | {
      /**
       * Add the entry at most once per producer, the server making the
       * idempotent ID from the entry's fields and values (`IDMPAUTO`, a
       * producer ID, Redis 8.6+, with the ID `"*"` only).
       */
      idmpauto: Arg;
      /** Excludes `idmpauto`. */
      idmp?: never;
    }
    | { idmp?: never; idmpauto?: never }
  );

/**
 * The producer and the idempotent ID of an idempotent `xadd` (`IDMP`,
 * Redis 8.6+).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xadd("payments", "*", { amount: 100 }, {
 *   idmp: { producer: "checkout-1", iid: "order-42" },
 * });
 * ```
 */
export interface StreamIdempotency {
  /** The producer ID, not empty. */
  producer: Arg;
  /** The idempotent ID, unique per message of that producer, not empty. */
  iid: Arg;
}

/**
 * Options of `xtrim`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xtrim("events", { maxlen: { threshold: 1000 } }, { policy: "ACKED" });
 * ```
 */
export interface XTrimOptions {
  /**
   * What trimming does to the consumer groups' references to the entries
   * it removes (`KEEPREF`, `DELREF` or `ACKED`, Redis 8.2+; default
   * `"KEEPREF"`).
   */
  policy?: StreamDeletionPolicy;
}

/**
 * Options of `xrange` and `xrevrange`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xrange("events", "-", "+", { count: 100 });
 * ```
 */
export interface XRangeOptions {
  /** At most this many entries (`COUNT`). */
  count?: number;
}

/**
 * Options of `xclaim` and `xclaimJustId`. At most one of `idle` and `time`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xclaim("events", "g", "bob", 60000, ["1-1"], { retrycount: 3, force: true });
 * ```
 */
export type XClaimOptions =
  & (
    | {
      /** Set the idle time of the claimed entries, in milliseconds (`IDLE`). */
      idle: number;
      /** Excludes `idle`. */
      time?: never;
    }
    | {
      /** Set the last delivery time, Unix time in milliseconds (`TIME`). */
      time: number;
      /** Excludes `time`. */
      idle?: never;
    }
    | {
      /** Set the idle time of the claimed entries, in milliseconds (`IDLE`). */
      idle?: never;
      /** Set the last delivery time, Unix time in milliseconds (`TIME`). */
      time?: never;
    }
  )
  & {
    /** Set the delivery counter (`RETRYCOUNT`). */
    retrycount?: number;
    /** Claim IDs even when they are not pending, if they exist (`FORCE`). */
    force?: boolean;
    /** Set the group's last delivered ID (`LASTID`). */
    lastid?: string;
  };

/**
 * Options of `xautoclaim` and `xautoclaimJustId`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xautoclaim("events", "g", "bob", 60000, "0", { count: 25 });
 * ```
 */
export interface XAutoClaimOptions {
  /** Look at at most this many pending entries, a positive integer (`COUNT`, default 100). */
  count?: number;
}

/**
 * The result of `xautoclaim`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * let start = "0";
 * do {
 *   const page = await client.xautoclaim("events", "g", "bob", 60000, start);
 *   start = page.nextId;
 * } while (start !== "0-0");
 * ```
 */
export interface XAutoClaimResult {
  /** Where the next call should start; `"0-0"` when the whole list was scanned. */
  nextId: StreamId;
  /** The entries claimed. */
  entries: StreamEntry[];
  /** Pending IDs whose entries no longer exist, now removed from the list (Redis 7.0+). */
  deletedIds: StreamId[];
}

/**
 * The result of `xautoclaimJustId`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { nextId, ids } = await client.xautoclaimJustId("events", "g", "bob", 60000, "0");
 * ```
 */
export interface XAutoClaimJustIdResult {
  /** Where the next call should start; `"0-0"` when the whole list was scanned. */
  nextId: StreamId;
  /** The IDs claimed. */
  ids: StreamId[];
  /** Pending IDs whose entries no longer exist, now removed from the list (Redis 7.0+). */
  deletedIds: StreamId[];
}

/**
 * One consumer in an {@linkcode XPendingSummary}.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { consumers } = await client.xpending("events", "g");
 * for (const { name, pending } of consumers) console.log(name, pending);
 * ```
 */
export interface XPendingConsumer {
  /** The consumer name. */
  name: string;
  /** How many entries it has pending. */
  pending: number;
}

/**
 * The summary form of `xpending`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { count, minId, maxId } = await client.xpending("events", "g");
 * ```
 */
export interface XPendingSummary {
  /** How many entries are pending in the group. */
  count: number;
  /** The lowest pending ID, `null` when none is pending. */
  minId: StreamId | null;
  /** The highest pending ID, `null` when none is pending. */
  maxId: StreamId | null;
  /** The consumers with pending entries. */
  consumers: XPendingConsumer[];
}

/**
 * Options of `xpendingRange`: an ID range and a count (required), plus an
 * idle filter and a consumer filter.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xpendingRange("events", "g", { start: "-", end: "+", count: 10, idle: 60000 });
 * ```
 */
export interface XPendingRangeOptions {
  /** Only entries idle for at least this many milliseconds (`IDLE`, Redis 6.2+). */
  idle?: number;
  /** The lowest ID, `"-"` for the lowest; `"(ID"` excludes it (Redis 6.2+). */
  start: string;
  /** The highest ID, `"+"` for the highest; `"(ID"` excludes it (Redis 6.2+). */
  end: string;
  /** At most this many entries. */
  count: number;
  /** Only the entries of this consumer. */
  consumer?: Arg;
}

/**
 * One pending entry of `xpendingRange`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [first] = await client.xpendingRange("events", "g", { start: "-", end: "+", count: 1 });
 * console.log(first?.consumer, first?.deliveries);
 * ```
 */
export interface XPendingEntry {
  /** The entry ID. */
  id: StreamId;
  /** The consumer it was delivered to. */
  consumer: string;
  /** Milliseconds since its last delivery. */
  idle: number;
  /** How many times it was delivered. */
  deliveries: number;
}

/**
 * Options of `xgroupCreate`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xgroupCreate("events", "g", "$", { mkstream: true });
 * ```
 */
export interface XGroupCreateOptions {
  /** Create an empty stream when the key does not exist (`MKSTREAM`). */
  mkstream?: boolean;
  /** Set the group's entries-read counter (`ENTRIESREAD`, Redis 7.0+). */
  entriesread?: number;
}

/**
 * Options of `xgroupSetid`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xgroupSetid("events", "g", "0", { entriesread: 0 });
 * ```
 */
export interface XGroupSetidOptions {
  /** Set the group's entries-read counter (`ENTRIESREAD`, Redis 7.0+). */
  entriesread?: number;
}

/**
 * Options of `xsetid`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xsetid("events", "5-0", { entriesadded: 5, maxdeletedid: "2-0" });
 * ```
 */
export interface XSetidOptions {
  /** Set the count of entries ever added (`ENTRIESADDED`, Redis 7.0+). */
  entriesadded?: number;
  /** Set the highest deleted ID (`MAXDELETEDID`, Redis 7.0+). */
  maxdeletedid?: string;
}

/**
 * The idempotent-add fields of `xinfoStream` and `xinfoStreamFull` (Redis
 * 8.6+, see the `idmp` option of `xadd`); absent from older servers.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { iidsAdded, iidsDuplicates } = await client.xinfoStream("payments");
 * ```
 */
export interface StreamIdempotencyInfo {
  /** Seconds each idempotent ID is remembered (see `xcfgset`). */
  idmpDuration?: number;
  /** Idempotent IDs remembered per producer at most (see `xcfgset`). */
  idmpMaxsize?: number;
  /** How many producers the stream remembers idempotent IDs of. */
  pidsTracked?: number;
  /** How many idempotent IDs the stream remembers. */
  iidsTracked?: number;
  /** How many entries were added with an idempotent ID. */
  iidsAdded?: number;
  /** How many idempotent adds were duplicates, so added nothing. */
  iidsDuplicates?: number;
}

/**
 * What `xinfoStream` reports about a stream (Redis 7.0 fields, and the
 * idempotent-add fields of 8.6).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const info = await client.xinfoStream("events");
 * console.log(info.length, info.lastGeneratedId, info.firstEntry?.fields);
 * ```
 */
export interface StreamInfo extends StreamIdempotencyInfo {
  /** The number of entries. */
  length: number;
  /** The number of keys in the underlying radix tree. */
  radixTreeKeys: number;
  /** The number of nodes in the underlying radix tree. */
  radixTreeNodes: number;
  /** The ID of the last entry added. */
  lastGeneratedId: StreamId;
  /** The highest ID ever deleted, `"0-0"` if none (Redis 7.0+). */
  maxDeletedEntryId: StreamId;
  /** How many entries were ever added (Redis 7.0+). */
  entriesAdded: number;
  /** The ID of the first entry as recorded by the stream (Redis 7.0+). */
  recordedFirstEntryId: StreamId;
  /** The number of consumer groups. */
  groups: number;
  /** The first entry, `null` when the stream is empty. */
  firstEntry: StreamEntry | null;
  /** The last entry, `null` when the stream is empty. */
  lastEntry: StreamEntry | null;
}

/**
 * Options of `xinfoStreamFull`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.xinfoStreamFull("events", { count: 0 }); // every entry
 * ```
 */
export interface XInfoStreamFullOptions {
  /**
   * At most this many entries, and pending entries per group and consumer
   * (`COUNT`, default 10); `0` means all.
   */
  count?: number;
}

/**
 * One pending entry of a group in {@linkcode StreamGroupInfoFull}.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const full = await client.xinfoStreamFull("events");
 * console.log(full.groups[0]?.pending[0]?.consumer);
 * ```
 */
export interface StreamGroupPendingFull {
  /** The entry ID. */
  id: StreamId;
  /** The consumer it was delivered to. */
  consumer: string;
  /** Unix time in milliseconds of its last delivery. */
  deliveryTime: number;
  /** How many times it was delivered. */
  deliveries: number;
}

/**
 * One pending entry of a consumer in {@linkcode StreamConsumerInfoFull}.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const full = await client.xinfoStreamFull("events");
 * console.log(full.groups[0]?.consumers[0]?.pending[0]?.deliveries);
 * ```
 */
export interface StreamConsumerPendingFull {
  /** The entry ID. */
  id: StreamId;
  /** Unix time in milliseconds of its last delivery. */
  deliveryTime: number;
  /** How many times it was delivered. */
  deliveries: number;
}

/**
 * One consumer in {@linkcode StreamGroupInfoFull}.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const full = await client.xinfoStreamFull("events");
 * console.log(full.groups[0]?.consumers[0]?.seenTime);
 * ```
 */
export interface StreamConsumerInfoFull {
  /** The consumer name. */
  name: string;
  /** Unix time in milliseconds of its last interaction. */
  seenTime: number;
  /** Unix time in milliseconds of its last successful read (Redis 7.2+). */
  activeTime?: number;
  /** How many entries it has pending. */
  pelCount: number;
  /** Its pending entries (up to the `count` option). */
  pending: StreamConsumerPendingFull[];
}

/**
 * One consumer group in {@linkcode StreamInfoFull}.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const full = await client.xinfoStreamFull("events");
 * console.log(full.groups[0]?.lastDeliveredId);
 * ```
 */
export interface StreamGroupInfoFull {
  /** The group name. */
  name: string;
  /** The ID of the last entry delivered to the group. */
  lastDeliveredId: StreamId;
  /** Its logical read counter, `null` when unknown (Redis 7.0+). */
  entriesRead: number | null;
  /** Entries not yet delivered to the group, `null` when unknown (Redis 7.0+). */
  lag: number | null;
  /** How many entries are pending in the group. */
  pelCount: number;
  /**
   * How many of them were released by `xnack` and are owned by no consumer
   * (Redis 8.8+; absent from older servers).
   */
  nackedCount?: number;
  /** Its pending entries (up to the `count` option). */
  pending: StreamGroupPendingFull[];
  /** Its consumers. */
  consumers: StreamConsumerInfoFull[];
}

/**
 * What `xinfoStreamFull` reports about a stream.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const full = await client.xinfoStreamFull("events", { count: 5 });
 * console.log(full.entries.length, full.groups.map((group) => group.name));
 * ```
 */
export interface StreamInfoFull extends StreamIdempotencyInfo {
  /** The number of entries. */
  length: number;
  /** The number of keys in the underlying radix tree. */
  radixTreeKeys: number;
  /** The number of nodes in the underlying radix tree. */
  radixTreeNodes: number;
  /** The ID of the last entry added. */
  lastGeneratedId: StreamId;
  /** The highest ID ever deleted, `"0-0"` if none (Redis 7.0+). */
  maxDeletedEntryId: StreamId;
  /** How many entries were ever added (Redis 7.0+). */
  entriesAdded: number;
  /** The ID of the first entry as recorded by the stream (Redis 7.0+). */
  recordedFirstEntryId: StreamId;
  /** The entries, oldest first (up to the `count` option). */
  entries: StreamEntry[];
  /** The consumer groups. */
  groups: StreamGroupInfoFull[];
}

/**
 * One consumer group, as `xinfoGroups` reports it.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for (const group of await client.xinfoGroups("events")) console.log(group.name, group.lag);
 * ```
 */
export interface StreamGroupInfo {
  /** The group name. */
  name: string;
  /** The number of consumers. */
  consumers: number;
  /** How many entries are pending in the group. */
  pending: number;
  /** The ID of the last entry delivered to the group. */
  lastDeliveredId: StreamId;
  /** Its logical read counter, `null` when unknown (Redis 7.0+). */
  entriesRead: number | null;
  /** Entries not yet delivered to the group, `null` when unknown (Redis 7.0+). */
  lag: number | null;
}

/**
 * One consumer, as `xinfoConsumers` reports it.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for (const consumer of await client.xinfoConsumers("events", "g")) {
 *   console.log(consumer.name, consumer.pending, consumer.idle);
 * }
 * ```
 */
export interface StreamConsumerInfo {
  /** The consumer name. */
  name: string;
  /** How many entries it has pending. */
  pending: number;
  /** Milliseconds since its last interaction. */
  idle: number;
  /** Milliseconds since its last successful read (Redis 7.2+; `-1` if never). */
  inactive?: number;
}

// ---------------------------------------------------------------------------
// Argument builders

const TRIM_KEYS = optionKeys<StreamTrim>({ maxlen: true, minid: true });

const TRIM_THRESHOLD_KEYS = optionKeys<StreamTrimThreshold<number | string>>({
  approx: true,
  threshold: true,
  limit: true,
});

const XADD_KEYS = optionKeys<XAddOptions>({
  nomkstream: true,
  policy: true,
  idmp: true,
  idmpauto: true,
  maxlen: true,
  minid: true,
});

const IDMP_KEYS = optionKeys<StreamIdempotency>({ producer: true, iid: true });

const XTRIM_KEYS = optionKeys<XTrimOptions>({ policy: true });

const DELETION_KEYS = optionKeys<StreamDeletionOptions>({ policy: true });

const XNACK_KEYS = optionKeys<XNackOptions>({ retrycount: true, force: true });

const XCFGSET_KEYS = optionKeys<XCfgSetOptions>({
  idmpDuration: true,
  idmpMaxsize: true,
});

const XRANGE_KEYS = optionKeys<XRangeOptions>({ count: true });

const XREAD_KEYS = optionKeys<XReadOptions>({
  count: true,
  maxcount: true,
  maxsize: true,
  block: true,
});

const XREADGROUP_KEYS = optionKeys<XReadGroupOptions>({
  count: true,
  maxcount: true,
  maxsize: true,
  block: true,
  claim: true,
  noack: true,
});

const STREAM_CURSOR_KEYS = optionKeys<StreamCursor>({ key: true, id: true });

const XCLAIM_KEYS = optionKeys<XClaimOptions>({
  idle: true,
  time: true,
  retrycount: true,
  force: true,
  lastid: true,
});

const XAUTOCLAIM_KEYS = optionKeys<XAutoClaimOptions>({ count: true });

const XPENDING_RANGE_KEYS = optionKeys<XPendingRangeOptions>({
  idle: true,
  start: true,
  end: true,
  count: true,
  consumer: true,
});

const XGROUP_CREATE_KEYS = optionKeys<XGroupCreateOptions>({
  mkstream: true,
  entriesread: true,
});

const XGROUP_SETID_KEYS = optionKeys<XGroupSetidOptions>({
  entriesread: true,
});

const XINFO_STREAM_FULL_KEYS = optionKeys<XInfoStreamFullOptions>({
  count: true,
});

const XSETID_KEYS = optionKeys<XSetidOptions>({
  entriesadded: true,
  maxdeletedid: true,
});

function checkIds(command: string, ids: readonly string[]): void {
  if (ids.length === 0) {
    throw new TypeError(`Invalid ${command} call: expected at least one ID`);
  }
}

function pushTrim(argv: Arg[], command: string, trim: StreamTrim): void {
  if (trim.maxlen !== undefined && trim.minid !== undefined) {
    throw new TypeError(
      `Invalid ${command} options: "maxlen" and "minid" exclude each other`,
    );
  }
  const strategy = trim.maxlen !== undefined ? "maxlen" : "minid";
  const spec: StreamTrimThreshold<number | string> | undefined = trim.maxlen ??
    trim.minid;
  if (spec === undefined) {
    throw new TypeError(
      `Invalid ${command} trim: expected "maxlen" or "minid"`,
    );
  }
  checkKeys(`${command} ${strategy} option`, spec, TRIM_THRESHOLD_KEYS);
  if (strategy === "maxlen") {
    const threshold = spec.threshold as number;
    checkCount(command, "maxlen", threshold, 0);
  }
  argv.push(strategy.toUpperCase());
  if (spec.approx) argv.push("~");
  argv.push(spec.threshold);
  if (spec.limit !== undefined) {
    if (!spec.approx) {
      throw new TypeError(
        `Invalid ${command} trim: "limit" needs "approx: true"`,
      );
    }
    checkCount(command, "limit", spec.limit, 0);
    argv.push("LIMIT", spec.limit);
  }
}

/** Appends a `KEEPREF | DELREF | ACKED` word, checked. */
function pushPolicy(
  argv: Arg[],
  command: string,
  policy: StreamDeletionPolicy,
): void {
  if (policy !== "KEEPREF" && policy !== "DELREF" && policy !== "ACKED") {
    throw new TypeError(
      `Invalid ${command} policy "${policy}": expected "KEEPREF", "DELREF" or "ACKED"`,
    );
  }
  argv.push(policy);
}

/** Appends `IDMP producer iid` or `IDMPAUTO producer`, checked. */
function pushIdempotency(argv: Arg[], options: XAddOptions): void {
  if (options.idmp !== undefined && options.idmpauto !== undefined) {
    throw new TypeError(
      'Invalid XADD options: "idmp" and "idmpauto" exclude each other',
    );
  }
  if (options.idmp !== undefined) {
    checkKeys("XADD idmp option", options.idmp, IDMP_KEYS);
    const { producer, iid } = options.idmp;
    checkNotBlank("producer", producer);
    checkNotBlank("iid", iid);
    argv.push("IDMP", producer, iid);
  } else if (options.idmpauto !== undefined) {
    checkNotBlank("idmpauto", options.idmpauto);
    argv.push("IDMPAUTO", options.idmpauto);
  }
}

/** The server refuses an empty producer or idempotent ID. */
function checkNotBlank(name: string, value: Arg | undefined): void {
  if (
    value === undefined || value === "" ||
    value instanceof Uint8Array && value.length === 0
  ) {
    throw new TypeError(
      `Invalid XADD ${name} "${value ?? ""}": expected a non-empty ID`,
    );
  }
}

function buildXadd(
  key: Key,
  id: string,
  fields: FieldValues,
  options?: XAddOptions,
): Arg[] {
  const argv: Arg[] = ["XADD", key];
  if (options !== undefined) {
    checkKeys("XADD option", options, XADD_KEYS);
    if (options.nomkstream) argv.push("NOMKSTREAM");
    if (options.policy !== undefined) pushPolicy(argv, "XADD", options.policy);
    if (options.idmp !== undefined || options.idmpauto !== undefined) {
      pushIdempotency(argv, options);
    }
    if (options.maxlen !== undefined || options.minid !== undefined) {
      pushTrim(argv, "XADD", options as StreamTrim);
    }
  }
  argv.push(id);
  return pushFields(argv, "XADD", fields);
}

/** `XDELEX key [policy] IDS n id...` and `XACKDEL key group [policy] IDS ...`. */
function buildDeletion(
  argv: Arg[],
  command: string,
  ids: readonly string[],
  options: StreamDeletionOptions | undefined,
): Arg[] {
  checkIdList(command, ids);
  if (options !== undefined) {
    checkKeys(`${command} option`, options, DELETION_KEYS);
    if (options.policy !== undefined) pushPolicy(argv, command, options.policy);
  }
  argv.push("IDS", ids.length);
  for (let i = 0; i < ids.length; i++) argv.push(ids[i]!);
  return argv;
}

/** A non-empty array of IDs (a string here would become its characters). */
function checkIdList(command: string, ids: readonly string[]): void {
  if (!Array.isArray(ids)) {
    throw new TypeError(
      `Invalid ${command} ids: expected an array of IDs, got ${typeof ids}`,
    );
  }
  checkIds(command, ids);
}

function buildXnack(
  key: Key,
  group: Arg,
  mode: XNackMode,
  ids: string[],
  options?: XNackOptions,
): Arg[] {
  if (mode !== "SILENT" && mode !== "FAIL" && mode !== "FATAL") {
    throw new TypeError(
      `Invalid XNACK mode "${mode}": expected "SILENT", "FAIL" or "FATAL"`,
    );
  }
  checkIdList("XNACK", ids);
  const argv: Arg[] = ["XNACK", key, group, mode, "IDS", ids.length, ...ids];
  if (options !== undefined) {
    checkKeys("XNACK option", options, XNACK_KEYS);
    if (options.retrycount !== undefined) {
      checkCount("XNACK", "retrycount", options.retrycount, 0);
      argv.push("RETRYCOUNT", options.retrycount);
    }
    if (options.force) argv.push("FORCE");
  }
  return argv;
}

function buildXcfgset(key: Key, options: XCfgSetOptions): Arg[] {
  checkKeys("XCFGSET option", options, XCFGSET_KEYS);
  const argv: Arg[] = ["XCFGSET", key];
  if (options.idmpDuration !== undefined) {
    checkCount("XCFGSET", "idmpDuration", options.idmpDuration, 1);
    argv.push("IDMP-DURATION", options.idmpDuration);
  }
  if (options.idmpMaxsize !== undefined) {
    checkCount("XCFGSET", "idmpMaxsize", options.idmpMaxsize, 1);
    argv.push("IDMP-MAXSIZE", options.idmpMaxsize);
  }
  if (argv.length === 2) {
    throw new TypeError(
      'Invalid XCFGSET options: expected "idmpDuration" or "idmpMaxsize"',
    );
  }
  return argv;
}

function buildRange(
  name: string,
  key: Key,
  from: string,
  to: string,
  options?: XRangeOptions,
): Arg[] {
  const argv: Arg[] = [name, key, from, to];
  if (options === undefined) return argv;
  checkKeys(`${name} option`, options, XRANGE_KEYS);
  if (options.count !== undefined) {
    checkCount(name, "count", options.count, 0);
    argv.push("COUNT", options.count);
  }
  return argv;
}

function pushReadOptions(
  argv: Arg[],
  command: string,
  options: XReadGroupOptions | undefined,
): void {
  if (options?.count !== undefined) {
    checkCount(command, "count", options.count, 0);
    argv.push("COUNT", options.count);
  }
  if (options?.maxcount !== undefined) {
    checkCount(command, "maxcount", options.maxcount, 1);
    argv.push("MAXCOUNT", options.maxcount);
  }
  if (options?.maxsize !== undefined) {
    checkCount(command, "maxsize", options.maxsize, 1);
    argv.push("MAXSIZE", options.maxsize);
  }
  if (options?.block !== undefined) {
    checkCount(command, "block", options.block, 0);
    argv.push("BLOCK", options.block);
  }
  if (options?.claim !== undefined) {
    checkCount(command, "claim", options.claim, 0);
    argv.push("CLAIM", options.claim);
  }
  if (options?.noack) argv.push("NOACK");
}

function pushStreams(
  argv: Arg[],
  command: string,
  streams: readonly StreamCursor[],
): Arg[] {
  if (streams.length === 0) {
    throw new TypeError(
      `Invalid ${command} call: expected at least one stream`,
    );
  }
  argv.push("STREAMS");
  for (const stream of streams) {
    checkKeys(`${command} stream cursor`, stream, STREAM_CURSOR_KEYS);
    argv.push(stream.key);
  }
  for (const stream of streams) argv.push(stream.id);
  return argv;
}

/**
 * Keys of XREAD/XREADGROUP: the first half of what follows STREAMS, found
 * after the group and consumer and skipping option values, as the server
 * finds it.
 */
function streamsKeys(from: number): KeyLocation {
  return {
    keyword: "STREAMS",
    from,
    share: 2,
    skip: { BLOCK: 1, COUNT: 1 },
  };
}

function buildClaim(
  key: Key,
  group: Arg,
  consumer: Arg,
  minIdleTime: number,
  ids: readonly string[],
  options: XClaimOptions | undefined,
  justId: boolean,
): Arg[] {
  checkCount("XCLAIM", "min-idle-time", minIdleTime, 0);
  checkIds("XCLAIM", ids);
  const argv: Arg[] = ["XCLAIM", key, group, consumer, minIdleTime, ...ids];
  if (options !== undefined) {
    checkKeys("XCLAIM option", options, XCLAIM_KEYS);
    if (options.idle !== undefined && options.time !== undefined) {
      throw new TypeError(
        'Invalid XCLAIM options: "idle" and "time" exclude each other',
      );
    }
    if (options.idle !== undefined) {
      checkCount("XCLAIM", "idle", options.idle, 0);
      argv.push("IDLE", options.idle);
    }
    if (options.time !== undefined) {
      checkCount("XCLAIM", "time", options.time, 0);
      argv.push("TIME", options.time);
    }
    if (options.retrycount !== undefined) {
      checkCount("XCLAIM", "retrycount", options.retrycount, 0);
      argv.push("RETRYCOUNT", options.retrycount);
    }
    if (options.force) argv.push("FORCE");
  }
  if (justId) argv.push("JUSTID");
  if (options?.lastid !== undefined) argv.push("LASTID", options.lastid);
  return argv;
}

function buildAutoclaim(
  key: Key,
  group: Arg,
  consumer: Arg,
  minIdleTime: number,
  start: string,
  options: XAutoClaimOptions | undefined,
  justId: boolean,
): Arg[] {
  checkCount("XAUTOCLAIM", "min-idle-time", minIdleTime, 0);
  const argv: Arg[] = ["XAUTOCLAIM", key, group, consumer, minIdleTime, start];
  if (options !== undefined) {
    checkKeys("XAUTOCLAIM option", options, XAUTOCLAIM_KEYS);
    if (options.count !== undefined) {
      checkCount("XAUTOCLAIM", "count", options.count, 1);
      argv.push("COUNT", options.count);
    }
  }
  if (justId) argv.push("JUSTID");
  return argv;
}

function buildPendingRange(
  key: Key,
  group: Arg,
  options: XPendingRangeOptions,
): Arg[] {
  checkKeys("XPENDING option", options, XPENDING_RANGE_KEYS);
  const argv: Arg[] = ["XPENDING", key, group];
  if (options.idle !== undefined) {
    checkCount("XPENDING", "idle", options.idle, 0);
    argv.push("IDLE", options.idle);
  }
  checkCount("XPENDING", "count", options.count, 0);
  argv.push(options.start, options.end, options.count);
  if (options.consumer !== undefined) argv.push(options.consumer);
  return argv;
}

function pushEntriesRead(
  argv: Arg[],
  command: string,
  entriesread: number | undefined,
): Arg[] {
  if (entriesread !== undefined) {
    if (!Number.isSafeInteger(entriesread) || entriesread < -1) {
      throw new TypeError(
        `Invalid ${command} entriesread "${entriesread}": expected a non-negative integer or -1`,
      );
    }
    argv.push("ENTRIESREAD", entriesread);
  }
  return argv;
}

// ---------------------------------------------------------------------------
// Reply parsers

function streamId(reply: Reply): StreamId {
  return str(reply) as StreamId;
}

function streamIdOrNull(reply: Reply | undefined): StreamId | null {
  return reply === null || reply === undefined ? null : streamId(reply);
}

function streamIds(reply: Reply | undefined): StreamId[] {
  return list(reply ?? null).map(streamId);
}

/** The field list of an entry: the reply's flat array as it is. */
function fieldListOf(reply: Reply): string[] {
  return (Array.isArray(reply) ? reply : pairs(reply).flat()) as string[];
}

function groupEntry(reply: Reply): StreamGroupEntry {
  const items = list(reply);
  const id = items[0];
  const data = items[1];
  const out: StreamGroupEntry = data === null || data === undefined
    ? { id: streamId(id ?? null), fields: null, fieldList: null }
    : {
      id: streamId(id ?? null),
      fields: record(data, undefined, entryNames) as Record<string, string>,
      fieldList: fieldListOf(data),
    };
  // XREADGROUP ... CLAIM (Redis 8.4+) adds the idle time and the delivery
  // count to every entry.
  if (items.length >= 4) {
    out.idle = count(items[2]!);
    out.deliveries = count(items[3]!);
  }
  return out;
}

function entry(reply: Reply): StreamEntry {
  const [id, data] = list(reply);
  if (data === null || data === undefined) {
    return { id: streamId(id ?? null), fields: {}, fieldList: [] };
  }
  return {
    id: streamId(id ?? null),
    fields: record(data, undefined, entryNames) as Record<string, string>,
    fieldList: fieldListOf(data),
  };
}

function entryOrNull(reply: Reply | undefined): StreamEntry | null {
  return reply === null || reply === undefined ? null : entry(reply);
}

function entries(reply: Reply | undefined): StreamEntry[] {
  return list(reply ?? null).map(entry);
}

function reads<E>(
  reply: Reply,
  parse: (reply: Reply) => E,
): { key: string; entries: E[] }[] | null {
  if (reply === null) return null;
  const out: { key: string; entries: E[] }[] = [];
  // RESP3 sends a map of key to entries, RESP2 an array of [key, entries]
  // pairs; both keep the order of the request.
  const items = reply instanceof Map ? [...reply] : list(reply).map(list);
  for (const [key, data] of items) {
    out.push({ key: key as string, entries: list(data ?? null).map(parse) });
  }
  return out;
}

/** A map reply (RESP3 map or RESP2 flat array) with missing fields as `null`. */
function fieldsMap(reply: Reply): (name: string) => Reply {
  const fields = record(reply);
  return (name) => fields[name] ?? null;
}

function count(reply: Reply): number {
  return num(reply);
}

function optionalNumber(reply: Reply): number | undefined {
  return reply === null ? undefined : num(reply);
}

function streamInfoBase(get: (name: string) => Reply) {
  return {
    length: count(get("length")),
    radixTreeKeys: count(get("radix-tree-keys")),
    radixTreeNodes: count(get("radix-tree-nodes")),
    lastGeneratedId: streamId(get("last-generated-id")),
    maxDeletedEntryId: streamId(get("max-deleted-entry-id")),
    entriesAdded: count(get("entries-added")),
    recordedFirstEntryId: streamId(get("recorded-first-entry-id")),
  };
}

/** The reply fields of {@linkcode StreamIdempotencyInfo}, by property. */
const IDEMPOTENCY_FIELDS: readonly (readonly [
  keyof StreamIdempotencyInfo,
  string,
])[] = [
  ["idmpDuration", "idmp-duration"],
  ["idmpMaxsize", "idmp-maxsize"],
  ["pidsTracked", "pids-tracked"],
  ["iidsTracked", "iids-tracked"],
  ["iidsAdded", "iids-added"],
  ["iidsDuplicates", "iids-duplicates"],
];

/** Sets the idempotent-add fields the server sent (Redis 8.6+), only those. */
function addIdempotencyInfo(
  info: StreamIdempotencyInfo,
  get: (name: string) => Reply,
): void {
  for (const [property, field] of IDEMPOTENCY_FIELDS) {
    const value = optionalNumber(get(field));
    if (value !== undefined) info[property] = value;
  }
}

function streamInfo(reply: Reply): StreamInfo {
  const get = fieldsMap(reply);
  const info: StreamInfo = {
    ...streamInfoBase(get),
    groups: count(get("groups")),
    firstEntry: entryOrNull(get("first-entry")),
    lastEntry: entryOrNull(get("last-entry")),
  };
  addIdempotencyInfo(info, get);
  return info;
}

function consumerInfoFull(reply: Reply): StreamConsumerInfoFull {
  const get = fieldsMap(reply);
  const info: StreamConsumerInfoFull = {
    name: get("name") as string,
    seenTime: count(get("seen-time")),
    pelCount: count(get("pel-count")),
    pending: list(get("pending")).map((item) => {
      const [id, time, deliveries] = list(item);
      return {
        id: streamId(id ?? null),
        deliveryTime: count(time ?? null),
        deliveries: count(deliveries ?? null),
      };
    }),
  };
  const active = optionalNumber(get("active-time"));
  if (active !== undefined) info.activeTime = active;
  return info;
}

function groupInfoFull(reply: Reply): StreamGroupInfoFull {
  const get = fieldsMap(reply);
  const info: StreamGroupInfoFull = {
    name: get("name") as string,
    lastDeliveredId: streamId(get("last-delivered-id")),
    entriesRead: numOrNull(get("entries-read")),
    lag: numOrNull(get("lag")),
    pelCount: count(get("pel-count")),
    pending: list(get("pending")).map((item) => {
      const [id, consumer, time, deliveries] = list(item);
      return {
        id: streamId(id ?? null),
        consumer: consumer as string,
        deliveryTime: count(time ?? null),
        deliveries: count(deliveries ?? null),
      };
    }),
    consumers: list(get("consumers")).map(consumerInfoFull),
  };
  const nacked = optionalNumber(get("nacked-count"));
  if (nacked !== undefined) info.nackedCount = nacked;
  return info;
}

function streamInfoFull(reply: Reply): StreamInfoFull {
  const get = fieldsMap(reply);
  const info: StreamInfoFull = {
    ...streamInfoBase(get),
    entries: entries(get("entries")),
    groups: list(get("groups")).map(groupInfoFull),
  };
  addIdempotencyInfo(info, get);
  return info;
}

function groupInfo(reply: Reply): StreamGroupInfo {
  const get = fieldsMap(reply);
  return {
    name: get("name") as string,
    consumers: count(get("consumers")),
    pending: count(get("pending")),
    lastDeliveredId: streamId(get("last-delivered-id")),
    entriesRead: numOrNull(get("entries-read")),
    lag: numOrNull(get("lag")),
  };
}

function consumerInfo(reply: Reply): StreamConsumerInfo {
  const get = fieldsMap(reply);
  const info: StreamConsumerInfo = {
    name: get("name") as string,
    pending: count(get("pending")),
    idle: count(get("idle")),
  };
  const inactive = optionalNumber(get("inactive"));
  if (inactive !== undefined) info.inactive = inactive;
  return info;
}

function pendingSummary(reply: Reply): XPendingSummary {
  const [total, minId, maxId, consumers] = list(reply);
  return {
    count: count(total ?? null),
    minId: streamIdOrNull(minId),
    maxId: streamIdOrNull(maxId),
    consumers: list(consumers ?? null).map((item) => {
      const [name, pending] = list(item);
      return { name: name as string, pending: count(pending ?? null) };
    }),
  };
}

function pendingEntry(reply: Reply): XPendingEntry {
  const [id, consumer, idle, deliveries] = list(reply);
  return {
    id: streamId(id ?? null),
    consumer: consumer as string,
    idle: count(idle ?? null),
    deliveries: count(deliveries ?? null),
  };
}

const help = (reply: Reply): string[] => list(reply) as string[];

function deletionResults(reply: Reply): StreamDeletionResult[] {
  return list(reply).map(count) as StreamDeletionResult[];
}

// ---------------------------------------------------------------------------
// Declarations

/**
 * The stream commands (XADD, XRANGE, XREADGROUP, XINFO, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.xadd.name);
 * ```
 */
export interface StreamCommands {
  /**
   * Acknowledges entries of a consumer group, removing them from its
   * pending entries list. Resolves to the number of entries acknowledged.
   * Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.xack("events", "g", "1700000000000-0", "1700000000000-1"); // 2
   * ```
   */
  xack(key: Key, group: Arg, ...ids: string[]): Promise<number>;
  /**
   * Acknowledges entries of a consumer group and deletes them from the
   * stream at `key` in one step; `policy` says what happens to the
   * references other groups hold (`"KEEPREF"` by default, `"DELREF"` to
   * drop them, `"ACKED"` to delete only entries every group has
   * acknowledged). Resolves to one {@linkcode StreamDeletionResult} per
   * ID: `1` acknowledged and deleted, `2` acknowledged but kept, `-1` no
   * such entry. Available since Redis 8.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [done] = await client.xackdel("events", "g", ["1700000000000-0"], { policy: "ACKED" });
   * ```
   */
  xackdel(
    key: Key,
    group: Arg,
    ids: string[],
    options?: StreamDeletionOptions,
  ): Promise<StreamDeletionResult[]>;
  /**
   * Appends an entry to the stream at `key` (created unless `nomkstream`),
   * optionally trimming it. `id` is `"*"` for an ID made by the server, or
   * an explicit ID. With `idmp` or `idmpauto` the entry is added at most
   * once per producer and idempotent ID. Resolves to the entry's ID (for a
   * duplicate idempotent add, the ID of the entry added first), or `null`
   * when `nomkstream` is set and the stream does not exist. Available
   * since Redis 5.0; `nomkstream`, `minid` and `limit` since 6.2, `<ms>-*`
   * IDs since 7.0, `policy` since 8.2, `idmp` and `idmpauto` since 8.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const id = await client.xadd("events", "*", { type: "click", x: 10 });
   * await client.xadd("events", "*", { type: "view" }, {
   *   maxlen: { approx: true, threshold: 1000 },
   * });
   * await client.xadd("payments", "*", { amount: 100 }, {
   *   idmp: { producer: "checkout-1", iid: "order-42" },
   * });
   * ```
   */
  xadd(
    key: Key,
    id: string,
    fields: FieldValues,
    options?: XAddOptions,
  ): Promise<StreamId | null>;
  /**
   * Transfers to `consumer` the pending entries of a group idle for at
   * least `minIdleTime` milliseconds, scanning from `start`. Resolves to
   * the entries claimed, the ID to continue from and (Redis 7.0+) the IDs
   * of entries that no longer exist. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { nextId, entries } = await client.xautoclaim("events", "g", "bob", 60000, "0", { count: 10 });
   * ```
   */
  xautoclaim(
    key: Key,
    group: Arg,
    consumer: Arg,
    minIdleTime: number,
    start: string,
    options?: XAutoClaimOptions,
  ): Promise<XAutoClaimResult>;
  /**
   * `xautoclaim` with `JUSTID`: claims without returning the entries and
   * without counting a delivery. Resolves to the claimed IDs, the ID to
   * continue from and the IDs of entries that no longer exist. Available
   * since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { ids } = await client.xautoclaimJustId("events", "g", "bob", 60000, "0");
   * ```
   */
  xautoclaimJustId(
    key: Key,
    group: Arg,
    consumer: Arg,
    minIdleTime: number,
    start: string,
    options?: XAutoClaimOptions,
  ): Promise<XAutoClaimJustIdResult>;
  /**
   * Transfers the given pending entries of a group to `consumer` when they
   * have been idle for at least `minIdleTime` milliseconds. Resolves to the
   * entries claimed (entries deleted from the stream are dropped from the
   * pending list instead). Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const claimed = await client.xclaim("events", "g", "bob", 60000, ["1700000000000-0"]);
   * ```
   */
  xclaim(
    key: Key,
    group: Arg,
    consumer: Arg,
    minIdleTime: number,
    ids: string[],
    options?: XClaimOptions,
  ): Promise<StreamEntry[]>;
  /**
   * `xclaim` with `JUSTID`: claims without returning the entries and
   * without counting a delivery. Resolves to the claimed IDs. Available
   * since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const ids = await client.xclaimJustId("events", "g", "bob", 0, ["1-1"], { force: true });
   * ```
   */
  xclaimJustId(
    key: Key,
    group: Arg,
    consumer: Arg,
    minIdleTime: number,
    ids: string[],
    options?: XClaimOptions,
  ): Promise<StreamId[]>;
  /**
   * Configures the idempotent adds of the stream at `key` (see the `idmp`
   * option of `xadd`): how long, and how many per producer, idempotent IDs
   * are remembered. Clears the IDs remembered so far. Resolves to `"OK"`;
   * fails when the stream does not exist. Available since Redis 8.6.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.xcfgset("payments", { idmpDuration: 600, idmpMaxsize: 500 });
   * ```
   */
  xcfgset(key: Key, options: XCfgSetOptions): Promise<"OK">;
  /**
   * Deletes entries from the stream at `key`. Resolves to the number of
   * entries deleted. Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.xdel("events", "1700000000000-0"); // 1
   * ```
   */
  xdel(key: Key, ...ids: string[]): Promise<number>;
  /**
   * Deletes entries from the stream at `key`, like `xdel`, with a `policy`
   * for the references consumer groups hold to them (`"KEEPREF"` by
   * default, `"DELREF"` to drop them, `"ACKED"` to delete only entries
   * every group has acknowledged). Resolves to one
   * {@linkcode StreamDeletionResult} per ID: `1` deleted, `2` kept because
   * still referenced, `-1` no such entry. Available since Redis 8.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const results = await client.xdelex("events", ["1-1", "2-1"], { policy: "DELREF" });
   * ```
   */
  xdelex(
    key: Key,
    ids: string[],
    options?: StreamDeletionOptions,
  ): Promise<StreamDeletionResult[]>;
  /**
   * Creates a consumer group on the stream at `key`, starting after `id`
   * (`"$"` for new entries only, `"0"` for all). Resolves to `"OK"`; fails
   * with a `BUSYGROUP` error when the group exists. Available since Redis
   * 5.0; `entriesread` since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.xgroupCreate("events", "g", "$", { mkstream: true });
   * ```
   */
  xgroupCreate(
    key: Key,
    group: Arg,
    id: string,
    options?: XGroupCreateOptions,
  ): Promise<"OK">;
  /**
   * Creates a consumer in a group. Resolves to `true` when it was created,
   * `false` when it existed. Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.xgroupCreateconsumer("events", "g", "alice"); // true
   * ```
   */
  xgroupCreateconsumer(key: Key, group: Arg, consumer: Arg): Promise<boolean>;
  /**
   * Deletes a consumer from a group; its pending entries are forgotten.
   * Resolves to the number of entries it had pending. Available since
   * Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const dropped = await client.xgroupDelconsumer("events", "g", "alice");
   * ```
   */
  xgroupDelconsumer(key: Key, group: Arg, consumer: Arg): Promise<number>;
  /**
   * Deletes a consumer group. Resolves to `true` when it existed.
   * Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.xgroupDestroy("events", "g"); // true
   * ```
   */
  xgroupDestroy(key: Key, group: Arg): Promise<boolean>;
  /**
   * Lists the XGROUP subcommands. Resolves to the lines of the help text.
   * Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.xgroupHelp()).join("\n"));
   * ```
   */
  xgroupHelp(): Promise<string[]>;
  /**
   * Moves the last delivered ID of a group to `id` (`"$"` for the last
   * entry). Resolves to `"OK"`. Available since Redis 5.0; `entriesread`
   * since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.xgroupSetid("events", "g", "0"); // deliver everything again
   * ```
   */
  xgroupSetid(
    key: Key,
    group: Arg,
    id: string,
    options?: XGroupSetidOptions,
  ): Promise<"OK">;
  /**
   * Describes the consumers of a group. Resolves to one object per
   * consumer. Available since Redis 5.0; `inactive` since 7.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const consumers = await client.xinfoConsumers("events", "g");
   * ```
   */
  xinfoConsumers(key: Key, group: Arg): Promise<StreamConsumerInfo[]>;
  /**
   * Describes the consumer groups of the stream at `key`. Resolves to one
   * object per group. Available since Redis 5.0; `entriesRead` and `lag`
   * since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const groups = await client.xinfoGroups("events");
   * ```
   */
  xinfoGroups(key: Key): Promise<StreamGroupInfo[]>;
  /**
   * Lists the XINFO subcommands. Resolves to the lines of the help text.
   * Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.xinfoHelp()).join("\n"));
   * ```
   */
  xinfoHelp(): Promise<string[]>;
  /**
   * Describes the stream at `key`: length, IDs, group count, first and last
   * entry. Resolves to a {@linkcode StreamInfo}; fails when the key does not
   * exist. Available since Redis 5.0; the ID and counter fields of 7.0 are
   * included, and the idempotent-add fields of 8.6 when the server sends
   * them.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { length, lastGeneratedId } = await client.xinfoStream("events");
   * ```
   */
  xinfoStream(key: Key): Promise<StreamInfo>;
  /**
   * XINFO STREAM with `FULL`: describes the stream with its entries, its
   * groups, their pending entries and consumers, each list up to `count`
   * (default 10, `0` for all). Resolves to a {@linkcode StreamInfoFull}
   * (with the idempotent-add fields of Redis 8.6 and each group's
   * `nackedCount` of 8.8 when the server sends them). Available since Redis
   * 6.0; `activeTime` since 7.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const full = await client.xinfoStreamFull("events", { count: 0 });
   * ```
   */
  xinfoStreamFull(
    key: Key,
    options?: XInfoStreamFullOptions,
  ): Promise<StreamInfoFull>;
  /**
   * Counts the entries of the stream at `key`. Resolves to the length (0
   * when the key does not exist). Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const length = await client.xlen("events");
   * ```
   */
  xlen(key: Key): Promise<number>;
  /**
   * Releases pending entries of a consumer group without acknowledging
   * them: they lose their consumer and can be claimed at once (`xclaim`,
   * `xautoclaim`, or `xreadgroup` with `claim`). `mode` sets the delivery
   * counter: `"SILENT"` takes one off, `"FAIL"` keeps it, `"FATAL"` sets it
   * to the largest value. IDs not pending in the group are ignored
   * (unless `force`). Resolves to the number of entries released.
   * Available since Redis 8.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.xnack("events", "g", "FAIL", ["1700000000000-0"]); // 1
   * ```
   */
  xnack(
    key: Key,
    group: Arg,
    mode: XNackMode,
    ids: string[],
    options?: XNackOptions,
  ): Promise<number>;
  /**
   * Summarises the pending entries of a group. Resolves to their count,
   * lowest and highest ID and the number per consumer. Use
   * `xpendingRange` for the entries themselves. Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { count, consumers } = await client.xpending("events", "g");
   * ```
   */
  xpending(key: Key, group: Arg): Promise<XPendingSummary>;
  /**
   * XPENDING with a range: lists pending entries of a group between
   * `start` and `end`, at most `count`, optionally only those idle long
   * enough or of one consumer. Resolves to their IDs, consumers, idle
   * times and delivery counts. Available since Redis 5.0; `idle` and
   * exclusive ranges since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const stuck = await client.xpendingRange("events", "g", {
   *   idle: 60000, start: "-", end: "+", count: 10,
   * });
   * ```
   */
  xpendingRange(
    key: Key,
    group: Arg,
    options: XPendingRangeOptions,
  ): Promise<XPendingEntry[]>;
  /**
   * Reads the entries of the stream at `key` with IDs from `start` to `end`
   * (`"-"` and `"+"` for the extremes, `"(ID"` to exclude one, Redis 6.2+).
   * Resolves to the entries, oldest first. Available since Redis 5.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const all = await client.xrange("events", "-", "+");
   * const page = await client.xrange("events", "(1700000000000-0", "+", { count: 100 });
   * ```
   */
  xrange(
    key: Key,
    start: string,
    end: string,
    options?: XRangeOptions,
  ): Promise<StreamEntry[]>;
  /**
   * Reads the entries after the given ID from one or more streams (the
   * ID `"+"`: the last entry), optionally waiting (`block`) for new ones.
   * Resolves to the entries per stream, in the order of the request
   * (streams without new entries are left out), or `null` when there was
   * nothing (after the wait). Blocks the connection while waiting.
   * Available since Redis 5.0; the ID `"+"` since Redis 7.4 and Valkey
   * 8.0, `maxcount` and `maxsize` since Redis 8.10.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const reads = await client.xread([{ key: "events", id: "$" }], { block: 5000 });
   * for (const { key, entries } of reads ?? []) console.log(key, entries);
   * const latest = await client.xread([{ key: "a", id: "+" }, { key: "b", id: "+" }]);
   * ```
   */
  xread(
    streams: StreamCursor[],
    options?: XReadOptions,
  ): Promise<StreamRead[] | null>;
  /**
   * Reads entries through consumer group `group` as `consumer`: `">"` for
   * entries never delivered to the group (with `claim`, first the group's
   * pending entries idle long enough), another ID for this consumer's
   * pending entries after it (whose `fields` are `null` when they were
   * deleted meanwhile). Resolves to the entries per stream or `null`, like
   * `xread`; with `claim` every entry also has `idle` and `deliveries`.
   * Blocks the connection while waiting. Available since Redis 5.0;
   * `claim` since 8.4, `maxcount` and `maxsize` since 8.10.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const reads = await client.xreadgroup("g", "alice", [{ key: "events", id: ">" }], {
   *   count: 10, block: 5000,
   * });
   * const retried = await client.xreadgroup("g", "bob", [{ key: "events", id: ">" }], {
   *   claim: 60000,
   * });
   * ```
   */
  xreadgroup(
    group: Arg,
    consumer: Arg,
    streams: StreamCursor[],
    options?: XReadGroupOptions,
  ): Promise<StreamGroupRead[] | null>;
  /**
   * Reads the entries of the stream at `key` from `end` down to `start`.
   * Resolves to the entries, newest first. Available since Redis 5.0;
   * exclusive ranges since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [latest] = await client.xrevrange("events", "+", "-", { count: 1 });
   * ```
   */
  xrevrange(
    key: Key,
    end: string,
    start: string,
    options?: XRangeOptions,
  ): Promise<StreamEntry[]>;
  /**
   * Sets the last generated ID of the stream at `key` (meant for
   * replication). Resolves to `"OK"`. Available since Redis 5.0;
   * `entriesadded` and `maxdeletedid` since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.xsetid("events", "1700000000000-5");
   * ```
   */
  xsetid(key: Key, lastId: string, options?: XSetidOptions): Promise<"OK">;
  /**
   * Trims the stream at `key` by length (`maxlen`) or lowest ID (`minid`,
   * Redis 6.2+), with a `policy` for the references consumer groups hold
   * to the removed entries (Redis 8.2+). Resolves to the number of entries
   * removed. Available since Redis 5.0; `minid` and `limit` since 6.2,
   * `policy` since 8.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.xtrim("events", { maxlen: { threshold: 1000 } });
   * await client.xtrim("events", { minid: { approx: true, threshold: "1700000000000-0", limit: 100 } });
   * await client.xtrim("events", { maxlen: { threshold: 0 } }, { policy: "ACKED" });
   * ```
   */
  xtrim(key: Key, trim: StreamTrim, options?: XTrimOptions): Promise<number>;
}

/** The declarations of the stream commands. */
export const streamCommands: Declarations<StreamCommands> = {
  xack: command({
    name: "XACK",
    build: (key: Key, group: Arg, ...ids: string[]): Arg[] => {
      checkIds("XACK", ids);
      return ["XACK", key, group, ...ids];
    },
    keys: firstKey,
    reply: count,
  }),
  xackdel: command({
    name: "XACKDEL",
    build: (
      key: Key,
      group: Arg,
      ids: string[],
      options?: StreamDeletionOptions,
    ): Arg[] => buildDeletion(["XACKDEL", key, group], "XACKDEL", ids, options),
    keys: firstKey,
    reply: deletionResults,
    since: { redis: "8.2.0" },
  }),
  xadd: command({
    name: "XADD",
    build: buildXadd,
    keys: firstKey,
    reply: (reply) => strOrNull(reply) as StreamId | null,
  }),
  xautoclaim: command({
    name: "XAUTOCLAIM",
    build: (
      key: Key,
      group: Arg,
      consumer: Arg,
      minIdleTime: number,
      start: string,
      options?: XAutoClaimOptions,
    ): Arg[] =>
      buildAutoclaim(key, group, consumer, minIdleTime, start, options, false),
    keys: firstKey,
    reply: (reply): XAutoClaimResult => {
      const [next, claimed, deleted] = list(reply);
      return {
        nextId: streamId(next ?? null),
        entries: entries(claimed),
        deletedIds: streamIds(deleted),
      };
    },
  }),
  xautoclaimJustId: command({
    name: "XAUTOCLAIM",
    build: (
      key: Key,
      group: Arg,
      consumer: Arg,
      minIdleTime: number,
      start: string,
      options?: XAutoClaimOptions,
    ): Arg[] =>
      buildAutoclaim(key, group, consumer, minIdleTime, start, options, true),
    keys: firstKey,
    reply: (reply): XAutoClaimJustIdResult => {
      const [next, claimed, deleted] = list(reply);
      return {
        nextId: streamId(next ?? null),
        ids: streamIds(claimed),
        deletedIds: streamIds(deleted),
      };
    },
  }),
  xclaim: command({
    name: "XCLAIM",
    build: (
      key: Key,
      group: Arg,
      consumer: Arg,
      minIdleTime: number,
      ids: string[],
      options?: XClaimOptions,
    ): Arg[] =>
      buildClaim(key, group, consumer, minIdleTime, ids, options, false),
    keys: firstKey,
    // Redis before 7.0 answered a deleted entry with null; skip those.
    reply: (reply) =>
      list(reply).filter((item) => list(item)[1] != null).map(entry),
  }),
  xcfgset: command({
    name: "XCFGSET",
    build: buildXcfgset,
    keys: firstKey,
    reply: ok,
    since: { redis: "8.6.0" },
  }),
  xclaimJustId: command({
    name: "XCLAIM",
    build: (
      key: Key,
      group: Arg,
      consumer: Arg,
      minIdleTime: number,
      ids: string[],
      options?: XClaimOptions,
    ): Arg[] =>
      buildClaim(key, group, consumer, minIdleTime, ids, options, true),
    keys: firstKey,
    reply: streamIds,
  }),
  xdel: command({
    name: "XDEL",
    build: (key: Key, ...ids: string[]): Arg[] => {
      checkIds("XDEL", ids);
      return ["XDEL", key, ...ids];
    },
    keys: firstKey,
    reply: count,
  }),
  xdelex: command({
    name: "XDELEX",
    build: (key: Key, ids: string[], options?: StreamDeletionOptions): Arg[] =>
      buildDeletion(["XDELEX", key], "XDELEX", ids, options),
    keys: firstKey,
    reply: deletionResults,
    since: { redis: "8.2.0" },
  }),
  xgroupCreate: command({
    name: "XGROUP CREATE",
    build: (
      key: Key,
      group: Arg,
      id: string,
      options?: XGroupCreateOptions,
    ): Arg[] => {
      const argv: Arg[] = ["XGROUP", "CREATE", key, group, id];
      if (options === undefined) return argv;
      checkKeys("XGROUP CREATE option", options, XGROUP_CREATE_KEYS);
      if (options.mkstream) argv.push("MKSTREAM");
      return pushEntriesRead(argv, "XGROUP CREATE", options.entriesread);
    },
    keys: secondKey,
    reply: ok,
  }),
  xgroupCreateconsumer: command({
    name: "XGROUP CREATECONSUMER",
    build: (key: Key, group: Arg, consumer: Arg): Arg[] => [
      "XGROUP",
      "CREATECONSUMER",
      key,
      group,
      consumer,
    ],
    keys: secondKey,
    reply: bool,
  }),
  xgroupDelconsumer: command({
    name: "XGROUP DELCONSUMER",
    build: (key: Key, group: Arg, consumer: Arg): Arg[] => [
      "XGROUP",
      "DELCONSUMER",
      key,
      group,
      consumer,
    ],
    keys: secondKey,
    reply: count,
  }),
  xgroupDestroy: command({
    name: "XGROUP DESTROY",
    build: (key: Key, group: Arg): Arg[] => ["XGROUP", "DESTROY", key, group],
    keys: secondKey,
    reply: bool,
  }),
  xgroupHelp: command({
    name: "XGROUP HELP",
    build: (): Arg[] => ["XGROUP", "HELP"],
    reply: help,
  }),
  xgroupSetid: command({
    name: "XGROUP SETID",
    build: (
      key: Key,
      group: Arg,
      id: string,
      options?: XGroupSetidOptions,
    ): Arg[] => {
      const argv: Arg[] = ["XGROUP", "SETID", key, group, id];
      if (options === undefined) return argv;
      checkKeys("XGROUP SETID option", options, XGROUP_SETID_KEYS);
      return pushEntriesRead(argv, "XGROUP SETID", options.entriesread);
    },
    keys: secondKey,
    reply: ok,
  }),
  xinfoConsumers: command({
    name: "XINFO CONSUMERS",
    build: (key: Key, group: Arg): Arg[] => ["XINFO", "CONSUMERS", key, group],
    keys: secondKey,
    flags: READONLY,
    reply: (reply) => list(reply).map(consumerInfo),
  }),
  xinfoGroups: command({
    name: "XINFO GROUPS",
    build: (key: Key): Arg[] => ["XINFO", "GROUPS", key],
    keys: secondKey,
    flags: READONLY,
    reply: (reply) => list(reply).map(groupInfo),
  }),
  xinfoHelp: command({
    name: "XINFO HELP",
    build: (): Arg[] => ["XINFO", "HELP"],
    reply: help,
  }),
  xinfoStream: command({
    name: "XINFO STREAM",
    build: (key: Key): Arg[] => ["XINFO", "STREAM", key],
    keys: secondKey,
    flags: READONLY,
    reply: streamInfo,
  }),
  xinfoStreamFull: command({
    name: "XINFO STREAM",
    build: (key: Key, options?: XInfoStreamFullOptions): Arg[] => {
      const argv: Arg[] = ["XINFO", "STREAM", key, "FULL"];
      if (options === undefined) return argv;
      checkKeys("XINFO STREAM option", options, XINFO_STREAM_FULL_KEYS);
      if (options.count !== undefined) {
        checkCount("XINFO STREAM", "count", options.count, 0);
        argv.push("COUNT", options.count);
      }
      return argv;
    },
    keys: secondKey,
    flags: READONLY,
    reply: streamInfoFull,
  }),
  xlen: command({
    name: "XLEN",
    build: (key: Key): Arg[] => ["XLEN", key],
    keys: firstKey,
    flags: READONLY,
    reply: count,
  }),
  xnack: command({
    name: "XNACK",
    build: buildXnack,
    keys: firstKey,
    reply: count,
    since: { redis: "8.8.0" },
  }),
  xpending: command({
    name: "XPENDING",
    build: (key: Key, group: Arg): Arg[] => ["XPENDING", key, group],
    keys: firstKey,
    flags: READONLY,
    reply: pendingSummary,
  }),
  xpendingRange: command({
    name: "XPENDING",
    build: buildPendingRange,
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => list(reply).map(pendingEntry),
  }),
  xrange: command({
    name: "XRANGE",
    build: (
      key: Key,
      start: string,
      end: string,
      options?: XRangeOptions,
    ): Arg[] => buildRange("XRANGE", key, start, end, options),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => entries(reply),
  }),
  xread: command({
    name: "XREAD",
    build: (streams: StreamCursor[], options?: XReadOptions): Arg[] => {
      const argv: Arg[] = ["XREAD"];
      if (options !== undefined) {
        checkKeys("XREAD option", options, XREAD_KEYS);
        pushReadOptions(argv, "XREAD", { ...options, noack: false });
      }
      return pushStreams(argv, "XREAD", streams);
    },
    keys: streamsKeys(1),
    flags: READONLY | BLOCKING,
    reply: (reply) => reads(reply, entry),
  }),
  xreadgroup: command({
    name: "XREADGROUP",
    build: (
      group: Arg,
      consumer: Arg,
      streams: StreamCursor[],
      options?: XReadGroupOptions,
    ): Arg[] => {
      const argv: Arg[] = ["XREADGROUP", "GROUP", group, consumer];
      if (options !== undefined) {
        checkKeys("XREADGROUP option", options, XREADGROUP_KEYS);
        pushReadOptions(argv, "XREADGROUP", options);
      }
      return pushStreams(argv, "XREADGROUP", streams);
    },
    keys: streamsKeys(4),
    flags: BLOCKING,
    reply: (reply) => reads(reply, groupEntry),
  }),
  xrevrange: command({
    name: "XREVRANGE",
    build: (
      key: Key,
      end: string,
      start: string,
      options?: XRangeOptions,
    ): Arg[] => buildRange("XREVRANGE", key, end, start, options),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => entries(reply),
  }),
  xsetid: command({
    name: "XSETID",
    build: (key: Key, lastId: string, options?: XSetidOptions): Arg[] => {
      const argv: Arg[] = ["XSETID", key, lastId];
      if (options === undefined) return argv;
      checkKeys("XSETID option", options, XSETID_KEYS);
      if (options.entriesadded !== undefined) {
        checkCount("XSETID", "entriesadded", options.entriesadded, 0);
        argv.push("ENTRIESADDED", options.entriesadded);
      }
      if (options.maxdeletedid !== undefined) {
        argv.push("MAXDELETEDID", options.maxdeletedid);
      }
      return argv;
    },
    keys: firstKey,
    reply: ok,
  }),
  xtrim: command({
    name: "XTRIM",
    build: (key: Key, trim: StreamTrim, options?: XTrimOptions): Arg[] => {
      checkKeys("XTRIM option", trim, TRIM_KEYS);
      const argv: Arg[] = ["XTRIM", key];
      pushTrim(argv, "XTRIM", trim);
      if (options !== undefined) {
        checkKeys("XTRIM option", options, XTRIM_KEYS);
        if (options.policy !== undefined) {
          pushPolicy(argv, "XTRIM", options.policy);
        }
      }
      return argv;
    },
    keys: firstKey,
    reply: count,
  }),
};
