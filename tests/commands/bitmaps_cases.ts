import type { CommandCase } from "./_helpers.ts";

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  { method: "bitcount", params: ["k1"], argv: ["BITCOUNT", "k1"] },
  {
    method: "bitcount",
    params: ["k1", { start: 0, end: -1 }],
    argv: ["BITCOUNT", "k1", 0, -1],
  },
  {
    method: "bitcount",
    params: ["k1", { start: 5, end: 30, unit: "bit" }],
    argv: ["BITCOUNT", "k1", 5, 30, "BIT"],
  },
  {
    method: "bitcount",
    params: ["k1", { start: 1, end: 2, unit: "byte" }],
    argv: ["BITCOUNT", "k1", 1, 2, "BYTE"],
  },
  {
    method: "bitcount",
    params: ["k1", { start: 0, end: 1, unit: "nibble" }],
    throws: /^Invalid BITCOUNT unit "nibble": expected "byte" or "bit"$/,
  },
  {
    method: "bitcount",
    params: ["k1", { start: 0.5, end: 1 }],
    throws: /^Invalid BITCOUNT start "0.5": expected an integer$/,
  },
  {
    method: "bitfield",
    params: [
      "k1",
      { get: { encoding: "u8", offset: 0 } },
      { set: { encoding: "i16", offset: "#1", value: -5 } },
      { overflow: "sat" },
      { incrby: { encoding: "u4", offset: 4, increment: 2 } },
      { overflow: "fail" },
      { overflow: "wrap" },
      { incrby: { encoding: "i64", offset: 0, increment: 2n ** 62n } },
    ],
    argv: [
      "BITFIELD",
      "k1",
      "GET",
      "u8",
      0,
      "SET",
      "i16",
      "#1",
      -5,
      "OVERFLOW",
      "SAT",
      "INCRBY",
      "u4",
      4,
      2,
      "OVERFLOW",
      "FAIL",
      "OVERFLOW",
      "WRAP",
      "INCRBY",
      "i64",
      0,
      "4611686018427387904",
    ],
  },
  {
    method: "bitfield",
    params: ["k1"],
    throws: /^Invalid BITFIELD call: expected at least one operation$/,
  },
  {
    method: "bitfield",
    params: ["k1", { get: { encoding: "u64", offset: 0 } }],
    throws:
      /^Invalid BITFIELD encoding "u64": expected "i1" to "i64" or "u1" to "u63"$/,
  },
  {
    method: "bitfield",
    params: ["k1", { get: { encoding: "x8", offset: 0 } }],
    throws: /^Invalid BITFIELD encoding "x8"/,
  },
  {
    method: "bitfield",
    params: ["k1", { get: { encoding: "u8", offset: -1 } }],
    throws: /^Invalid BITFIELD offset "-1": expected a non-negative integer$/,
  },
  {
    method: "bitfield",
    params: ["k1", { get: { encoding: "u8", offset: "#x" } }],
    throws: /^Invalid BITFIELD offset "#x"/,
  },
  {
    method: "bitfield",
    params: ["k1", { set: { encoding: "u8", offset: 0, value: 1.5 } }],
    throws: /^Invalid BITFIELD value "1.5": expected an integer$/,
  },
  {
    method: "bitfield",
    params: [
      "k1",
      { get: { encoding: "u8", offset: 0 }, overflow: "sat" },
    ],
    throws:
      /^Invalid BITFIELD operation: expected exactly one of "get", "set", "incrby" and "overflow", got "get" and "overflow"$/,
  },
  {
    method: "bitfield",
    params: ["k1", {}],
    throws: /got none$/,
  },
  {
    method: "bitfield",
    params: ["k1", { overflow: "SAT" }],
    throws:
      /^Invalid BITFIELD overflow "SAT": expected "wrap", "sat" or "fail"$/,
  },
  {
    method: "bitfieldRo",
    params: [
      "k1",
      { get: { encoding: "u8", offset: "#0" } },
      { get: { encoding: "i4", offset: 8 } },
    ],
    argv: ["BITFIELD_RO", "k1", "GET", "u8", "#0", "GET", "i4", 8],
  },
  {
    method: "bitfieldRo",
    params: ["k1"],
    throws: /^Invalid BITFIELD_RO call: expected at least one operation$/,
  },
  {
    method: "bitfieldRo",
    params: ["k1", { set: { encoding: "u8", offset: 0, value: 1 } }],
    throws: /^Invalid BITFIELD_RO operation: expected only "get"$/,
  },
  {
    method: "bitop",
    params: ["AND", "k1", "k2", "k3"],
    argv: ["BITOP", "AND", "k1", "k2", "k3"],
  },
  {
    method: "bitop",
    params: ["OR", "k1", "k2"],
    argv: ["BITOP", "OR", "k1", "k2"],
  },
  {
    method: "bitop",
    params: ["XOR", "k1", "k2", "k3"],
    argv: ["BITOP", "XOR", "k1", "k2", "k3"],
  },
  {
    method: "bitop",
    params: ["NOT", "k1", "k2"],
    argv: ["BITOP", "NOT", "k1", "k2"],
  },
  {
    method: "bitop",
    params: ["NOT", "k1", "k2", "k3"],
    throws: /^Invalid BITOP NOT call: expected one source key, got 2$/,
  },
  {
    method: "bitop",
    params: ["AND", "k1"],
    throws: /^Invalid BITOP call: expected at least one source key$/,
  },
  {
    method: "bitop",
    params: ["NAND", "k1", "k2"],
    throws:
      /^Invalid BITOP operation "NAND": expected "AND", "OR", "XOR", "NOT", "DIFF", "DIFF1", "ANDOR" or "ONE"$/,
  },
  { method: "bitpos", params: ["k1", 1], argv: ["BITPOS", "k1", 1] },
  {
    method: "bitpos",
    params: ["k1", 0, { start: 2 }],
    argv: ["BITPOS", "k1", 0, 2],
  },
  {
    method: "bitpos",
    params: ["k1", 1, { start: 2, end: -1 }],
    argv: ["BITPOS", "k1", 1, 2, -1],
  },
  {
    method: "bitpos",
    params: ["k1", 1, { start: 7, end: 15, unit: "bit" }],
    argv: ["BITPOS", "k1", 1, 7, 15, "BIT"],
  },
  {
    method: "bitpos",
    params: ["k1", 2],
    throws: /^Invalid BITPOS bit "2": expected 0 or 1$/,
  },
  {
    method: "bitpos",
    params: ["k1", 1, { start: 0, unit: "bit" }],
    throws: /^Invalid BITPOS range: "unit" needs "end"$/,
  },
  { method: "getbit", params: ["k1", 7], argv: ["GETBIT", "k1", 7] },
  {
    method: "getbit",
    params: ["k1", -1],
    throws: /^Invalid GETBIT offset "-1": expected a non-negative integer$/,
  },
  { method: "setbit", params: ["k1", 7, 1], argv: ["SETBIT", "k1", 7, 1] },
  { method: "setbit", params: ["k1", 0, 0], argv: ["SETBIT", "k1", 0, 0] },
  {
    method: "setbit",
    params: ["k1", 7, 2],
    throws: /^Invalid SETBIT value "2": expected 0 or 1$/,
  },
  {
    method: "setbit",
    params: ["k1", 1.5, 1],
    throws: /^Invalid SETBIT offset "1.5": expected a non-negative integer$/,
  },
  // BITOP DIFF, DIFF1, ANDOR, ONE (Redis 8.2)
  {
    method: "bitop",
    params: ["DIFF", "d", "k1", "k2", "k3"],
    argv: ["BITOP", "DIFF", "d", "k1", "k2", "k3"],
  },
  {
    method: "bitop",
    params: ["DIFF1", "d", "k1", "k2"],
    argv: ["BITOP", "DIFF1", "d", "k1", "k2"],
  },
  {
    method: "bitop",
    params: ["ANDOR", "d", "k1", "k2", "k3"],
    argv: ["BITOP", "ANDOR", "d", "k1", "k2", "k3"],
  },
  {
    method: "bitop",
    params: ["ONE", "d", "k1"],
    argv: ["BITOP", "ONE", "d", "k1"],
  },
  {
    method: "bitop",
    params: ["one", "d", "k1", "k2"],
    argv: ["BITOP", "ONE", "d", "k1", "k2"],
  },
  {
    method: "bitop",
    params: ["DIFF", "d", "k1"],
    throws:
      /^Invalid BITOP DIFF call: expected at least two source keys, got 1$/,
  },
  {
    method: "bitop",
    params: ["ANDOR", "d", "k1"],
    throws:
      /^Invalid BITOP ANDOR call: expected at least two source keys, got 1$/,
  },
  // BITCOUNT with start only (Valkey 8.0)
  {
    method: "bitcount",
    params: ["k1", { start: 1 }],
    argv: ["BITCOUNT", "k1", 1],
  },
  {
    method: "bitcount",
    params: ["k1", { start: -2 }],
    argv: ["BITCOUNT", "k1", -2],
  },
  {
    method: "bitcount",
    params: ["k1", { start: 0, unit: "bit" }],
    throws: /^Invalid BITCOUNT range: "unit" needs "end"$/,
  },
];
