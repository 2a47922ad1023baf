/**
 * The commands that deliberately have no command method, each with the
 * reason (and, for commands newer than Redis 7.0, the first server
 * versions that have them). The coverage test checks every other command
 * and subcommand the test server documents against the declarations
 * table.
 *
 * @module
 */

import type { ServerVersions } from "./_define.ts";

/** An exclusion of a command newer than Redis 7.0. */
export interface NewerExclusion {
  reason: string;
  since: ServerVersions;
}

const HIMPORT_REASON =
  "HIMPORT SET fills a field set that HIMPORT PREPARE made on the same connection; the set is lost on a reconnect, and a cluster may send SET to a node that never saw PREPARE: it needs a managed API of its own, not raw methods";

/**
 * Command (or `command|subcommand`) name, lower case, to the reason (with
 * the versions that have it, for commands newer than Redis 7.0).
 */
export const EXCLUDED: Readonly<Record<string, string | NewerExclusion>> = {
  monitor:
    "streams every command the server runs instead of one reply; not request/reply",
  sync: "replication-internal: a replica asks for a full RDB stream",
  psync: "replication-internal: a replica asks for a partial resync stream",
  replconf: "replication-internal: replicas configure the replication link",
  "restore-asking":
    "cluster-internal: MIGRATE uses it between nodes during resharding",
  subscribe:
    "pub/sub: confirmations and messages arrive as pushes; the pub/sub API handles it",
  unsubscribe: "pub/sub: handled by the pub/sub API with SUBSCRIBE",
  psubscribe: "pub/sub: handled by the pub/sub API",
  punsubscribe: "pub/sub: handled by the pub/sub API with PSUBSCRIBE",
  ssubscribe: "pub/sub: handled by the pub/sub API",
  sunsubscribe: "pub/sub: handled by the pub/sub API with SSUBSCRIBE",
  multi:
    "transactions: replies become QUEUED until EXEC; client.multi() sends MULTI, the commands and EXEC as one block",
  exec: "transactions: sent by Transaction.exec() at the end of the block",
  discard:
    "transactions: nothing is sent before exec(), so Transaction.discard() only drops the commands",
  watch:
    "per-connection state that other callers' commands would disturb; client.watch() and pool.watch() run it on a connection of their own",
  unwatch: "sent by client.watch() when its function returns or throws",
  "client|reply":
    "OFF and SKIP suppress replies, which breaks matching replies to commands in order",
  "script|debug":
    "turns the next EVAL into an interactive Lua debugging session whose replies do not follow request/reply",
  quit:
    "closes the connection from the server side; client.close() waits for pending replies instead",
  reset:
    "silently resets the protocol, user, database and client name the client set up; reconnecting restores them instead",
  "himport|prepare": {
    reason: HIMPORT_REASON,
    since: { redis: "8.10.0" },
  },
  "himport|set": {
    reason: HIMPORT_REASON,
    since: { redis: "8.10.0" },
  },
  "himport|discard": {
    reason: HIMPORT_REASON,
    since: { redis: "8.10.0" },
  },
  "himport|discardall": {
    reason: HIMPORT_REASON,
    since: { redis: "8.10.0" },
  },
  "cluster|syncslots": {
    reason:
      "cluster-internal: nodes send it to each other during an atomic slot migration (Valkey's CLUSTER MIGRATESLOTS)",
    since: { valkey: "9.0.0" },
  },
  xidmprecord: {
    reason:
      "server-internal: the append-only file replays it to restore XADD's idempotency records while loading; not for clients",
    since: { redis: "8.8.0" },
  },
};
