import type { CommandCase } from "./_helpers.ts";

const bin = new Uint8Array([0x6d, 0x31]); // "m1"

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  // SADD, SREM
  {
    method: "sadd",
    params: ["k1", "m1", 2, bin],
    argv: ["SADD", "k1", "m1", 2, bin],
  },
  { method: "sadd", params: ["k1"], throws: /SADD.*at least one member/ },
  { method: "srem", params: ["k1", "m1"], argv: ["SREM", "k1", "m1"] },
  { method: "srem", params: ["k1"], throws: /SREM.*at least one member/ },
  // SCARD, SMEMBERS, SISMEMBER
  { method: "scard", params: ["k1"], argv: ["SCARD", "k1"] },
  { method: "smembers", params: ["k1"], argv: ["SMEMBERS", "k1"] },
  {
    method: "sismember",
    params: ["k1", "m1"],
    argv: ["SISMEMBER", "k1", "m1"],
  },
  // SMISMEMBER
  {
    method: "smismember",
    params: ["k1", "m1", "m2"],
    argv: ["SMISMEMBER", "k1", "m1", "m2"],
  },
  {
    method: "smismember",
    params: ["k1"],
    throws: /SMISMEMBER.*at least one member/,
  },
  // SDIFF, SINTER, SUNION
  { method: "sdiff", params: ["k1", "k2"], argv: ["SDIFF", "k1", "k2"] },
  {
    method: "sdiff",
    params: [],
    throws: /Invalid SDIFF call: expected at least one key/,
  },
  { method: "sinter", params: ["k1"], argv: ["SINTER", "k1"] },
  { method: "sinter", params: [], throws: /SINTER.*at least one key/ },
  {
    method: "sunion",
    params: ["k1", "k2", "k3"],
    argv: ["SUNION", "k1", "k2", "k3"],
  },
  { method: "sunion", params: [], throws: /SUNION.*at least one key/ },
  // The STORE variants
  {
    method: "sdiffstore",
    params: ["k0", "k1", "k2"],
    argv: ["SDIFFSTORE", "k0", "k1", "k2"],
  },
  {
    method: "sdiffstore",
    params: ["k0"],
    throws: /SDIFFSTORE.*at least one source key/,
  },
  {
    method: "sinterstore",
    params: ["k0", "k1"],
    argv: ["SINTERSTORE", "k0", "k1"],
  },
  {
    method: "sinterstore",
    params: ["k0"],
    throws: /SINTERSTORE.*at least one source key/,
  },
  {
    method: "sunionstore",
    params: ["k0", "k1", "k2"],
    argv: ["SUNIONSTORE", "k0", "k1", "k2"],
  },
  {
    method: "sunionstore",
    params: ["k0"],
    throws: /SUNIONSTORE.*at least one source key/,
  },
  // SINTERCARD
  {
    method: "sintercard",
    params: [["k1", "k2"]],
    argv: ["SINTERCARD", 2, "k1", "k2"],
  },
  {
    method: "sintercard",
    params: [["k1", "k2", "k3"], { limit: 10 }],
    argv: ["SINTERCARD", 3, "k1", "k2", "k3", "LIMIT", 10],
  },
  {
    method: "sintercard",
    params: [["k1"], { limit: 0 }],
    argv: ["SINTERCARD", 1, "k1", "LIMIT", 0],
  },
  {
    method: "sintercard",
    params: [[]],
    throws: /SINTERCARD.*at least one key/,
  },
  {
    method: "sintercard",
    params: [["k1"], { limit: -1 }],
    throws: /Invalid SINTERCARD limit "-1": expected a non-negative integer/,
  },
  {
    method: "sintercard",
    params: [["k1"], { limit: 1.5 }],
    throws: /Invalid SINTERCARD limit "1\.5"/,
  },
  // SMOVE
  {
    method: "smove",
    params: ["k1", "k2", "m1"],
    argv: ["SMOVE", "k1", "k2", "m1"],
  },
  // SPOP
  { method: "spop", params: ["k1"], argv: ["SPOP", "k1"] },
  { method: "spopCount", params: ["k1", 3], argv: ["SPOP", "k1", 3] },
  { method: "spopCount", params: ["k2", 0], argv: ["SPOP", "k2", 0] },
  {
    method: "spopCount",
    params: ["k1", -1],
    throws: /Invalid SPOP count "-1": expected a non-negative integer/,
  },
  {
    method: "spopCount",
    params: ["k1", 2.5],
    throws: /Invalid SPOP count "2\.5"/,
  },
  // SRANDMEMBER
  { method: "srandmember", params: ["k1"], argv: ["SRANDMEMBER", "k1"] },
  {
    method: "srandmemberCount",
    params: ["k1", 3],
    argv: ["SRANDMEMBER", "k1", 3],
  },
  {
    method: "srandmemberCount",
    params: ["k2", -3],
    argv: ["SRANDMEMBER", "k2", -3],
  },
  {
    method: "srandmemberCount",
    params: ["k1", NaN],
    throws: /Invalid SRANDMEMBER count "NaN": expected an integer/,
  },
  // SSCAN
  { method: "sscan", params: ["k1", "0"], argv: ["SSCAN", "k1", "0"] },
  {
    method: "sscan",
    params: ["k2", "42", { match: "m*", count: 50 }],
    argv: ["SSCAN", "k2", "42", "MATCH", "m*", "COUNT", 50],
  },
  {
    method: "sscan",
    params: ["k1", "0", { count: -1 }],
    throws: /Invalid SSCAN count "-1": expected a positive integer/,
  },
  // SUNIONCARD, SDIFFCARD (Redis 8.10)
  {
    method: "sunioncard",
    params: [["k1", "k2"]],
    argv: ["SUNIONCARD", 2, "k1", "k2"],
  },
  {
    method: "sunioncard",
    params: [["k1", "k2", "k3"], { approx: true, limit: 100 }],
    argv: ["SUNIONCARD", 3, "k1", "k2", "k3", "APPROX", "LIMIT", 100],
  },
  {
    method: "sunioncard",
    params: [["k1"], { approx: false, limit: 0 }],
    argv: ["SUNIONCARD", 1, "k1", "LIMIT", 0],
  },
  {
    method: "sunioncard",
    params: [[]],
    throws: /^Invalid SUNIONCARD call: expected at least one key$/,
  },
  {
    method: "sunioncard",
    params: [["k1"], { limit: -1 }],
    throws: /^Invalid SUNIONCARD limit "-1": expected a non-negative integer$/,
  },
  {
    method: "sunioncard",
    params: [["k1"], { LIMIT: 5 }],
    throws: /^Unknown SUNIONCARD option "LIMIT": did you mean "limit"\?$/,
  },
  {
    method: "sdiffcard",
    params: [["k1", "k2"]],
    argv: ["SDIFFCARD", 2, "k1", "k2"],
  },
  {
    method: "sdiffcard",
    params: [["k1", "k2"], { limit: 10 }],
    argv: ["SDIFFCARD", 2, "k1", "k2", "LIMIT", 10],
  },
  {
    method: "sdiffcard",
    params: [["k1"], { limit: 2.5 }],
    throws: /^Invalid SDIFFCARD limit "2.5": expected a non-negative integer$/,
  },
  {
    method: "sdiffcard",
    params: [["k1"], { approx: true }],
    throws: /^Unknown SDIFFCARD option "approx"$/,
  },
];
