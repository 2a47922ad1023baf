import type { CommandCase } from "./_helpers.ts";

const ID = "6971ade05c783801912fe2fbaacb753f856d8af6";

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  { method: "asking", params: [], argv: ["ASKING"] },
  { method: "readonly", params: [], argv: ["READONLY"] },
  { method: "readwrite", params: [], argv: ["READWRITE"] },

  {
    method: "clusterAddslots",
    params: [0, 1, 16383],
    argv: ["CLUSTER", "ADDSLOTS", 0, 1, 16383],
  },
  {
    method: "clusterAddslots",
    params: [],
    throws: /Invalid CLUSTER ADDSLOTS call: expected at least one slot/,
  },
  {
    method: "clusterAddslots",
    params: [16384],
    throws:
      /Invalid CLUSTER ADDSLOTS slot "16384": expected an integer from 0 to 16383/,
  },
  {
    method: "clusterAddslots",
    params: [1.5],
    throws: /Invalid CLUSTER ADDSLOTS slot "1.5"/,
  },
  {
    method: "clusterAddslotsrange",
    params: [[{ start: 0, end: 100 }, { start: 200, end: 16383 }]],
    argv: ["CLUSTER", "ADDSLOTSRANGE", 0, 100, 200, 16383],
  },
  {
    method: "clusterAddslotsrange",
    params: [[]],
    throws:
      /Invalid CLUSTER ADDSLOTSRANGE call: expected at least one slot range/,
  },
  {
    method: "clusterAddslotsrange",
    params: [[{ start: 10, end: 5 }]],
    throws:
      /Invalid CLUSTER ADDSLOTSRANGE range "10-5": the start is after the end/,
  },
  {
    method: "clusterAddslotsrange",
    params: [[{ start: -1, end: 5 }]],
    throws: /Invalid CLUSTER ADDSLOTSRANGE slot "-1"/,
  },
  {
    method: "clusterAddslotsrange",
    params: [{ start: 0, end: 5 }],
    throws: /expected an array of slot ranges/,
    name: "a range not in an array",
  },
  { method: "clusterBumpepoch", params: [], argv: ["CLUSTER", "BUMPEPOCH"] },
  {
    method: "clusterCountFailureReports",
    params: [ID],
    argv: ["CLUSTER", "COUNT-FAILURE-REPORTS", ID],
  },
  {
    method: "clusterCountkeysinslot",
    params: [12182],
    argv: ["CLUSTER", "COUNTKEYSINSLOT", 12182],
  },
  {
    method: "clusterCountkeysinslot",
    params: [NaN],
    throws: /Invalid CLUSTER COUNTKEYSINSLOT slot "NaN"/,
  },
  {
    method: "clusterDelslots",
    params: [5, 6],
    argv: ["CLUSTER", "DELSLOTS", 5, 6],
  },
  {
    method: "clusterDelslots",
    params: [],
    throws: /Invalid CLUSTER DELSLOTS call: expected at least one slot/,
  },
  {
    method: "clusterDelslotsrange",
    params: [[{ start: 5, end: 5 }]],
    argv: ["CLUSTER", "DELSLOTSRANGE", 5, 5],
  },
  {
    method: "clusterDelslotsrange",
    params: [[{ start: 0, end: 16384 }]],
    throws: /Invalid CLUSTER DELSLOTSRANGE slot "16384"/,
  },
  { method: "clusterFailover", params: [], argv: ["CLUSTER", "FAILOVER"] },
  {
    method: "clusterFailover",
    params: [{ force: true }],
    argv: ["CLUSTER", "FAILOVER", "FORCE"],
  },
  {
    method: "clusterFailover",
    params: [{ takeover: true }],
    argv: ["CLUSTER", "FAILOVER", "TAKEOVER"],
  },
  {
    method: "clusterFailover",
    params: [{ force: true, takeover: true }],
    throws:
      /Invalid CLUSTER FAILOVER options: "force" and "takeover" exclude each other/,
  },
  { method: "clusterFlushslots", params: [], argv: ["CLUSTER", "FLUSHSLOTS"] },
  {
    method: "clusterForget",
    params: [ID],
    argv: ["CLUSTER", "FORGET", ID],
  },
  {
    method: "clusterGetkeysinslot",
    params: [12182, 10],
    argv: ["CLUSTER", "GETKEYSINSLOT", 12182, 10],
  },
  {
    method: "clusterGetkeysinslot",
    params: [12182, -1],
    throws:
      /Invalid CLUSTER GETKEYSINSLOT count "-1": expected a non-negative integer/,
  },
  {
    method: "clusterGetkeysinslot",
    params: [20000, 1],
    throws: /Invalid CLUSTER GETKEYSINSLOT slot "20000"/,
  },
  { method: "clusterHelp", params: [], argv: ["CLUSTER", "HELP"] },
  { method: "clusterInfo", params: [], argv: ["CLUSTER", "INFO"] },
  {
    method: "clusterKeyslot",
    params: ["foo"],
    argv: ["CLUSTER", "KEYSLOT", "foo"],
  },
  {
    method: "clusterKeyslot",
    params: [new Uint8Array([0xff])],
    argv: ["CLUSTER", "KEYSLOT", new Uint8Array([0xff])],
    name: "a byte key",
  },
  { method: "clusterLinks", params: [], argv: ["CLUSTER", "LINKS"] },
  {
    method: "clusterMeet",
    params: ["127.0.0.1", 7000],
    argv: ["CLUSTER", "MEET", "127.0.0.1", 7000],
  },
  {
    method: "clusterMeet",
    params: ["127.0.0.1", 7000, 17000],
    argv: ["CLUSTER", "MEET", "127.0.0.1", 7000, 17000],
  },
  {
    method: "clusterMeet",
    params: ["127.0.0.1", 70000],
    throws:
      /Invalid CLUSTER MEET port "70000": expected an integer from 0 to 65535/,
  },
  {
    method: "clusterMeet",
    params: ["127.0.0.1", 7000, -1],
    throws: /Invalid CLUSTER MEET bus port "-1"/,
  },
  { method: "clusterMyid", params: [], argv: ["CLUSTER", "MYID"] },
  { method: "clusterNodes", params: [], argv: ["CLUSTER", "NODES"] },
  {
    method: "clusterReplicas",
    params: [ID],
    argv: ["CLUSTER", "REPLICAS", ID],
  },
  {
    method: "clusterReplicate",
    params: [ID],
    argv: ["CLUSTER", "REPLICATE", ID],
  },
  { method: "clusterReset", params: [], argv: ["CLUSTER", "RESET"] },
  {
    method: "clusterReset",
    params: [{ hard: true }],
    argv: ["CLUSTER", "RESET", "HARD"],
  },
  {
    method: "clusterReset",
    params: [{ soft: true }],
    argv: ["CLUSTER", "RESET", "SOFT"],
  },
  {
    method: "clusterReset",
    params: [{ hard: true, soft: true }],
    throws:
      /Invalid CLUSTER RESET options: "hard" and "soft" exclude each other/,
  },
  { method: "clusterSaveconfig", params: [], argv: ["CLUSTER", "SAVECONFIG"] },
  {
    method: "clusterSetConfigEpoch",
    params: [7],
    argv: ["CLUSTER", "SET-CONFIG-EPOCH", 7],
  },
  {
    method: "clusterSetConfigEpoch",
    params: [2n ** 62n],
    argv: ["CLUSTER", "SET-CONFIG-EPOCH", "4611686018427387904"],
  },
  {
    method: "clusterSetConfigEpoch",
    params: [1.5],
    throws:
      /Invalid CLUSTER SET-CONFIG-EPOCH config epoch "1.5": expected an integer/,
  },
  {
    method: "clusterSetConfigEpoch",
    params: [-1],
    throws: /expected a non-negative integer/,
  },
  {
    method: "clusterSetslot",
    params: [42, { importing: ID }],
    argv: ["CLUSTER", "SETSLOT", 42, "IMPORTING", ID],
  },
  {
    method: "clusterSetslot",
    params: [42, { migrating: ID }],
    argv: ["CLUSTER", "SETSLOT", 42, "MIGRATING", ID],
  },
  {
    method: "clusterSetslot",
    params: [42, { node: ID }],
    argv: ["CLUSTER", "SETSLOT", 42, "NODE", ID],
  },
  {
    method: "clusterSetslot",
    params: [42, { stable: true }],
    argv: ["CLUSTER", "SETSLOT", 42, "STABLE"],
  },
  {
    method: "clusterSetslot",
    params: [42, {}],
    throws:
      /Invalid CLUSTER SETSLOT action: expected one of "importing", "migrating", "node" or "stable"/,
  },
  {
    method: "clusterSetslot",
    params: [42, { node: ID, stable: true }],
    throws:
      /Invalid CLUSTER SETSLOT action: "node" and "stable" exclude each other/,
  },
  {
    method: "clusterSetslot",
    params: [-5, { stable: true }],
    throws: /Invalid CLUSTER SETSLOT slot "-5"/,
  },
  { method: "clusterShards", params: [], argv: ["CLUSTER", "SHARDS"] },
  {
    method: "clusterSlaves",
    params: [ID],
    argv: ["CLUSTER", "SLAVES", ID],
  },
  { method: "clusterSlots", params: [], argv: ["CLUSTER", "SLOTS"] },

  // Commands and options newer than Redis 7.0.
  // CLUSTER MYSHARDID (Redis 7.2, Valkey 7.2)
  { method: "clusterMyshardid", params: [], argv: ["CLUSTER", "MYSHARDID"] },
  // CLUSTER SETSLOT ... TIMEOUT (Valkey 8.0)
  {
    method: "clusterSetslot",
    params: [42, { node: ID }, { timeout: 2000 }],
    argv: ["CLUSTER", "SETSLOT", 42, "NODE", ID, "TIMEOUT", 2000],
  },
  {
    method: "clusterSetslot",
    params: [42, { stable: true }, { timeout: 0 }],
    argv: ["CLUSTER", "SETSLOT", 42, "STABLE", "TIMEOUT", 0],
  },
  {
    method: "clusterSetslot",
    params: [42, { stable: true }, {}],
    argv: ["CLUSTER", "SETSLOT", 42, "STABLE"],
    name: "no TIMEOUT for empty options",
  },
  {
    method: "clusterSetslot",
    params: [42, { stable: true }, { timeout: -1 }],
    throws:
      /^Invalid CLUSTER SETSLOT timeout "-1": expected a non-negative integer$/,
  },
  {
    method: "clusterSetslot",
    params: [42, { stable: true }, { timeout: 1.5 }],
    throws:
      /^Invalid CLUSTER SETSLOT timeout "1\.5": expected a non-negative integer$/,
  },
  {
    method: "clusterSetslot",
    params: [42, { stable: true }, { Timeout: 5 }],
    throws:
      /^Unknown CLUSTER SETSLOT option "Timeout": did you mean "timeout"\?$/,
  },
  // CLUSTER SLOT-STATS (Redis 8.2, Valkey 8.0)
  {
    method: "clusterSlotStats",
    params: [{ slotsrange: { start: 0, end: 100 } }],
    argv: ["CLUSTER", "SLOT-STATS", "SLOTSRANGE", 0, 100],
  },
  {
    method: "clusterSlotStats",
    params: [{ orderby: "key-count" }],
    argv: ["CLUSTER", "SLOT-STATS", "ORDERBY", "key-count"],
  },
  {
    method: "clusterSlotStats",
    params: [{ orderby: "cpu-usec", limit: 10, order: "ASC" }],
    argv: ["CLUSTER", "SLOT-STATS", "ORDERBY", "cpu-usec", "LIMIT", 10, "ASC"],
  },
  {
    method: "clusterSlotStats",
    params: [{ orderby: "network-bytes-out", order: "DESC" }],
    argv: ["CLUSTER", "SLOT-STATS", "ORDERBY", "network-bytes-out", "DESC"],
  },
  {
    method: "clusterSlotStats",
    params: [{ orderby: "memory-bytes", limit: 16384 }],
    argv: ["CLUSTER", "SLOT-STATS", "ORDERBY", "memory-bytes", "LIMIT", 16384],
  },
  {
    method: "clusterSlotStats",
    params: [{ slotsrange: { start: 5, end: 1 } }],
    throws:
      /^Invalid CLUSTER SLOT-STATS range "5-1": the start is after the end$/,
  },
  {
    method: "clusterSlotStats",
    params: [{ slotsrange: { start: 0, end: 16384 } }],
    throws:
      /^Invalid CLUSTER SLOT-STATS slot "16384": expected an integer from 0 to 16383$/,
  },
  {
    method: "clusterSlotStats",
    params: [{ orderby: "keys" }],
    throws:
      /^Invalid CLUSTER SLOT-STATS metric "keys": expected "key-count", "cpu-usec", "network-bytes-in", "network-bytes-out" or "memory-bytes"$/,
  },
  {
    method: "clusterSlotStats",
    params: [{ orderby: "key-count", limit: 0 }],
    throws:
      /^Invalid CLUSTER SLOT-STATS limit "0": expected an integer from 1 to 16384$/,
  },
  {
    method: "clusterSlotStats",
    params: [{ orderby: "key-count", order: "desc" }],
    throws:
      /^Invalid CLUSTER SLOT-STATS order "desc": expected "ASC" or "DESC"$/,
  },
  {
    method: "clusterSlotStats",
    params: [{ slotsrange: { start: 0, end: 1 }, orderby: "key-count" }],
    throws:
      /^Invalid CLUSTER SLOT-STATS options: "slotsrange" excludes "orderby", "limit" and "order"$/,
  },
  {
    method: "clusterSlotStats",
    params: [{}],
    throws:
      /^Invalid CLUSTER SLOT-STATS options: expected "slotsrange" or "orderby"$/,
  },
  {
    method: "clusterSlotStats",
    params: [{ orderBy: "key-count" }],
    throws:
      /^Unknown CLUSTER SLOT-STATS option "orderBy": did you mean "orderby"\?$/,
  },
  // CLUSTER MIGRATION (Redis 8.4)
  {
    method: "clusterMigration",
    params: [[{ start: 0, end: 1000 }, { start: 2000, end: 3000 }]],
    argv: ["CLUSTER", "MIGRATION", "IMPORT", 0, 1000, 2000, 3000],
  },
  {
    method: "clusterMigration",
    params: [[]],
    throws:
      /^Invalid CLUSTER MIGRATION IMPORT call: expected at least one slot range$/,
  },
  {
    method: "clusterMigration",
    params: [[{ start: 9, end: 3 }]],
    throws:
      /^Invalid CLUSTER MIGRATION IMPORT range "9-3": the start is after the end$/,
  },
  {
    method: "clusterMigrationCancel",
    params: [{ id: ID }],
    argv: ["CLUSTER", "MIGRATION", "CANCEL", "ID", ID],
  },
  {
    method: "clusterMigrationCancel",
    params: [{ all: true }],
    argv: ["CLUSTER", "MIGRATION", "CANCEL", "ALL"],
  },
  {
    method: "clusterMigrationCancel",
    params: [{}],
    throws: /^Invalid CLUSTER MIGRATION CANCEL target: expected "id" or "all"$/,
  },
  {
    method: "clusterMigrationCancel",
    params: [{ id: ID, all: true }],
    throws:
      /^Invalid CLUSTER MIGRATION CANCEL options: "id" and "all" exclude each other$/,
  },
  {
    method: "clusterMigrationStatus",
    params: [],
    argv: ["CLUSTER", "MIGRATION", "STATUS", "ALL"],
  },
  {
    method: "clusterMigrationStatus",
    params: [{ id: ID }],
    argv: ["CLUSTER", "MIGRATION", "STATUS", "ID", ID],
  },
  {
    method: "clusterMigrationStatus",
    params: [{ all: true }],
    argv: ["CLUSTER", "MIGRATION", "STATUS", "ALL"],
  },
  {
    method: "clusterMigrationStatus",
    params: [{ ID: ID }],
    throws:
      /^Unknown CLUSTER MIGRATION STATUS target "ID": did you mean "id"\?$/,
  },
  // Atomic slot migration (Valkey 9.0)
  {
    method: "clusterMigrateslots",
    params: [[{
      ranges: [{ start: 0, end: 9 }, { start: 20, end: 29 }],
      node: ID,
    }]],
    argv: ["CLUSTER", "MIGRATESLOTS", "SLOTSRANGE", 0, 9, 20, 29, "NODE", ID],
  },
  {
    method: "clusterMigrateslots",
    params: [[
      { ranges: [{ start: 0, end: 9 }], node: ID },
      { ranges: [{ start: 10, end: 19 }], node: ID.replace("6", "7") },
    ]],
    argv: [
      "CLUSTER",
      "MIGRATESLOTS",
      "SLOTSRANGE",
      0,
      9,
      "NODE",
      ID,
      "SLOTSRANGE",
      10,
      19,
      "NODE",
      ID.replace("6", "7"),
    ],
    name: "two migrations",
  },
  {
    method: "clusterMigrateslots",
    params: [[]],
    throws:
      /^Invalid CLUSTER MIGRATESLOTS call: expected at least one migration$/,
  },
  {
    method: "clusterMigrateslots",
    params: [[{ ranges: [], node: ID }]],
    throws:
      /^Invalid CLUSTER MIGRATESLOTS call: expected at least one slot range$/,
  },
  {
    method: "clusterMigrateslots",
    params: [[{ ranges: [{ start: 0, end: 1 }], node: "" }]],
    throws: /^Invalid CLUSTER MIGRATESLOTS node "": expected a node ID$/,
  },
  {
    method: "clusterMigrateslots",
    params: [[{ ranges: [{ start: 0, end: 1 }], nodes: ID }]],
    throws:
      /^Unknown CLUSTER MIGRATESLOTS migration "nodes": did you mean "node"\?$/,
  },
  {
    method: "clusterCancelslotmigrations",
    params: [],
    argv: ["CLUSTER", "CANCELSLOTMIGRATIONS"],
  },
  {
    method: "clusterGetslotmigrations",
    params: [],
    argv: ["CLUSTER", "GETSLOTMIGRATIONS"],
  },
  // CLUSTER FLUSHSLOT (Valkey 9.0)
  {
    method: "clusterFlushslot",
    params: [42],
    argv: ["CLUSTER", "FLUSHSLOT", 42],
  },
  {
    method: "clusterFlushslot",
    params: [42, { async: true }],
    argv: ["CLUSTER", "FLUSHSLOT", 42, "ASYNC"],
  },
  {
    method: "clusterFlushslot",
    params: [16383, { sync: true }],
    argv: ["CLUSTER", "FLUSHSLOT", 16383, "SYNC"],
  },
  {
    method: "clusterFlushslot",
    params: [16384],
    throws:
      /^Invalid CLUSTER FLUSHSLOT slot "16384": expected an integer from 0 to 16383$/,
  },
  {
    method: "clusterFlushslot",
    params: [1, { async: true, sync: true }],
    throws:
      /^Invalid CLUSTER FLUSHSLOT options: "async" and "sync" exclude each other$/,
  },
  // CLUSTERSCAN (Valkey 9.1)
  { method: "clusterscan", params: [0], argv: ["CLUSTERSCAN", 0] },
  {
    method: "clusterscan",
    params: ["abc-{06S}-0", {
      match: "user:*",
      count: 100,
      type: "hash",
      slot: 42,
    }],
    argv: [
      "CLUSTERSCAN",
      "abc-{06S}-0",
      "MATCH",
      "user:*",
      "COUNT",
      100,
      "TYPE",
      "hash",
      "SLOT",
      42,
    ],
  },
  {
    method: "clusterscan",
    params: ["0", { slot: -1 }],
    throws:
      /^Invalid CLUSTERSCAN slot "-1": expected an integer from 0 to 16383$/,
  },
  {
    method: "clusterscan",
    params: ["0", { count: 0 }],
    throws: /^Invalid CLUSTERSCAN count "0": expected a positive integer$/,
  },
  {
    method: "clusterscan",
    params: ["0", { Slot: 1 }],
    throws: /^Unknown CLUSTERSCAN option "Slot": did you mean "slot"\?$/,
  },
];
