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
];
