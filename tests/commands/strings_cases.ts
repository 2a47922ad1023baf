import type { CommandCase } from "./_helpers.ts";

const bin = new Uint8Array([0x62, 0x69, 0x6e]); // "bin"

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  { method: "append", params: ["k1", "tail"], argv: ["APPEND", "k1", "tail"] },
  { method: "decr", params: ["k1"], argv: ["DECR", "k1"] },
  { method: "decrby", params: ["k1", 5], argv: ["DECRBY", "k1", 5] },
  {
    method: "decrby",
    params: ["k1", 2n ** 60n],
    argv: ["DECRBY", "k1", "1152921504606846976"],
  },
  {
    method: "decrby",
    params: ["k1", 1.5],
    throws: /^Invalid DECRBY decrement "1.5": expected an integer$/,
  },
  { method: "get", params: ["k1"], argv: ["GET", "k1"] },
  { method: "get", params: [bin], argv: ["GET", bin] },
  { method: "getdel", params: ["k1"], argv: ["GETDEL", "k1"] },
  { method: "getex", params: ["k1"], argv: ["GETEX", "k1"] },
  { method: "getex", params: ["k1", {}], argv: ["GETEX", "k1"] },
  {
    method: "getex",
    params: ["k1", { ex: 10 }],
    argv: ["GETEX", "k1", "EX", 10],
  },
  {
    method: "getex",
    params: ["k1", { px: 1500 }],
    argv: ["GETEX", "k1", "PX", 1500],
  },
  {
    method: "getex",
    params: ["k1", { exat: 1700000000 }],
    argv: ["GETEX", "k1", "EXAT", 1700000000],
  },
  {
    method: "getex",
    params: ["k1", { pxat: 1700000000000 }],
    argv: ["GETEX", "k1", "PXAT", 1700000000000],
  },
  {
    method: "getex",
    params: ["k1", { persist: true }],
    argv: ["GETEX", "k1", "PERSIST"],
  },
  {
    method: "getex",
    params: ["k1", { ex: 10, persist: true }],
    throws: /^Invalid GETEX options: "ex" and "persist" exclude each other$/,
  },
  {
    method: "getex",
    params: ["k1", { ex: 10, px: 10 }],
    throws: /^Invalid GETEX options: "ex" and "px" exclude each other$/,
  },
  {
    method: "getex",
    params: ["k1", { ex: 0 }],
    throws: /^Invalid GETEX ex "0": expected a positive integer$/,
  },
  {
    method: "getex",
    params: ["k1", { px: NaN }],
    throws: /^Invalid GETEX px "NaN": expected a positive integer$/,
  },
  {
    method: "getrange",
    params: ["k1", 0, -1],
    argv: ["GETRANGE", "k1", 0, -1],
  },
  {
    method: "getrange",
    params: ["k1", 0.5, 2],
    throws: /^Invalid GETRANGE start "0.5": expected an integer$/,
  },
  { method: "getset", params: ["k1", "v"], argv: ["GETSET", "k1", "v"] },
  { method: "incr", params: ["k1"], argv: ["INCR", "k1"] },
  { method: "incrby", params: ["k1", -3], argv: ["INCRBY", "k1", -3] },
  {
    method: "incrby",
    params: ["k1", 2n ** 60n],
    argv: ["INCRBY", "k1", "1152921504606846976"],
  },
  {
    method: "incrby",
    params: ["k1", Infinity],
    throws: /^Invalid INCRBY increment "Infinity": expected an integer$/,
  },
  {
    method: "incrbyfloat",
    params: ["k1", 0.25],
    argv: ["INCRBYFLOAT", "k1", "0.25"],
  },
  {
    method: "incrbyfloat",
    params: ["k1", NaN],
    throws: /^Invalid INCRBYFLOAT increment "NaN": expected a finite number$/,
  },
  { method: "lcs", params: ["k1", "k2"], argv: ["LCS", "k1", "k2"] },
  { method: "lcsLen", params: ["k1", "k2"], argv: ["LCS", "k1", "k2", "LEN"] },
  { method: "lcsIdx", params: ["k1", "k2"], argv: ["LCS", "k1", "k2", "IDX"] },
  {
    method: "lcsIdx",
    params: ["k1", "k2", { minmatchlen: 4, withmatchlen: true }],
    argv: ["LCS", "k1", "k2", "IDX", "MINMATCHLEN", 4, "WITHMATCHLEN"],
  },
  {
    method: "lcsIdx",
    params: ["k1", "k2", { minmatchlen: -1 }],
    throws: /^Invalid LCS minmatchlen "-1": expected a non-negative integer$/,
  },
  { method: "mget", params: ["k1", "k2"], argv: ["MGET", "k1", "k2"] },
  {
    method: "mget",
    params: [],
    throws: /^Invalid MGET call: expected at least one key$/,
  },
  {
    method: "mset",
    params: [{ k1: "a", k2: 2 }],
    argv: ["MSET", "k1", "a", "k2", 2],
  },
  {
    method: "mset",
    params: [new Map<unknown, unknown>([[bin, bin], ["k2", "b"]])],
    argv: ["MSET", bin, bin, "k2", "b"],
  },
  {
    method: "mset",
    params: [{}],
    throws: /^Invalid MSET call: expected at least one field and value$/,
  },
  {
    method: "msetnx",
    params: [[["k1", "a"], ["k2", "b"]]],
    argv: ["MSETNX", "k1", "a", "k2", "b"],
  },
  {
    method: "msetnx",
    params: [[]],
    throws: /^Invalid MSETNX call: expected at least one field and value$/,
  },
  {
    method: "psetex",
    params: ["k1", 1500, "v"],
    argv: ["PSETEX", "k1", 1500, "v"],
  },
  {
    method: "psetex",
    params: ["k1", 0, "v"],
    throws: /^Invalid PSETEX milliseconds "0": expected a positive integer$/,
  },
  { method: "set", params: ["k1", "v"], argv: ["SET", "k1", "v"] },
  {
    method: "set",
    params: ["k1", "v", { ex: 60, nx: true, get: true }],
    argv: ["SET", "k1", "v", "EX", 60, "NX", "GET"],
  },
  {
    method: "set",
    params: ["k1", "v", { px: 10, xx: true }],
    argv: ["SET", "k1", "v", "PX", 10, "XX"],
  },
  {
    method: "set",
    params: ["k1", "v", { exat: 1700000000 }],
    argv: ["SET", "k1", "v", "EXAT", 1700000000],
  },
  {
    method: "set",
    params: ["k1", "v", { pxat: 1700000000000 }],
    argv: ["SET", "k1", "v", "PXAT", 1700000000000],
  },
  {
    method: "set",
    params: ["k1", "v", { keepttl: true }],
    argv: ["SET", "k1", "v", "KEEPTTL"],
  },
  {
    method: "set",
    params: ["k1", "v", { ex: 1, keepttl: true }],
    throws: /exclude each other/,
  },
  {
    method: "set",
    params: ["k1", "v", { nx: true, xx: true }],
    throws: /^Invalid SET options: "nx" and "xx" exclude each other$/,
  },
  {
    method: "set",
    params: ["k1", "v", { ex: -1 }],
    throws: /^Invalid SET option "ex": expected a positive integer/,
  },
  {
    method: "setex",
    params: ["k1", 10, "v"],
    argv: ["SETEX", "k1", 10, "v"],
  },
  {
    method: "setex",
    params: ["k1", 1.5, "v"],
    throws: /^Invalid SETEX seconds "1.5": expected a positive integer$/,
  },
  { method: "setnx", params: ["k1", "v"], argv: ["SETNX", "k1", "v"] },
  {
    method: "setrange",
    params: ["k1", 6, "v"],
    argv: ["SETRANGE", "k1", 6, "v"],
  },
  {
    method: "setrange",
    params: ["k1", -1, "v"],
    throws: /^Invalid SETRANGE offset "-1": expected a non-negative integer$/,
  },
  { method: "strlen", params: ["k1"], argv: ["STRLEN", "k1"] },
  { method: "substr", params: ["k1", 0, 4], argv: ["SUBSTR", "k1", 0, 4] },
  {
    method: "substr",
    params: ["k1", 0, NaN],
    throws: /^Invalid SUBSTR end "NaN": expected an integer$/,
  },
  // SET compare-and-set conditions (Redis 8.4, Valkey 8.1)
  {
    method: "set",
    params: ["k1", "v2", { ifeq: "v1" }],
    argv: ["SET", "k1", "v2", "IFEQ", "v1"],
  },
  {
    method: "set",
    params: ["k1", "v2", { ifne: bin, px: 100, get: true }],
    argv: ["SET", "k1", "v2", "PX", 100, "IFNE", bin, "GET"],
  },
  {
    method: "set",
    params: ["k1", "v2", { ifdeq: "b6acb9d84a38ff74", ex: 60 }],
    argv: ["SET", "k1", "v2", "EX", 60, "IFDEQ", "b6acb9d84a38ff74"],
  },
  {
    method: "set",
    params: ["k1", "v2", { ifdne: "b6acb9d84a38ff74", keepttl: true }],
    argv: ["SET", "k1", "v2", "KEEPTTL", "IFDNE", "b6acb9d84a38ff74"],
  },
  {
    method: "set",
    params: ["k1", "v2", { ifeq: "" }],
    argv: ["SET", "k1", "v2", "IFEQ", ""],
    name: 'an empty "ifeq" value',
  },
  {
    method: "set",
    params: ["k1", "v", { nx: true, ifeq: "v1" }],
    throws: /^Invalid SET options: "nx" and "ifeq" exclude each other$/,
  },
  {
    method: "set",
    params: ["k1", "v", { ifeq: "a", ifne: "b" }],
    throws: /^Invalid SET options: "ifeq" and "ifne" exclude each other$/,
  },
  {
    method: "set",
    params: ["k1", "v", { xx: true, ifdne: "00" }],
    throws: /^Invalid SET options: "xx" and "ifdne" exclude each other$/,
  },
  {
    method: "set",
    params: ["k1", "v", { ifdeq: 5 }],
    throws: /^Invalid SET ifdeq "5": expected a digest from DIGEST$/,
  },
  {
    method: "set",
    params: ["k1", "v", { ifdeq: "" }],
    throws: /^Invalid SET ifdeq "": expected a digest from DIGEST$/,
  },
  {
    method: "set",
    params: ["k1", "v", { IFEQ: "x" }],
    throws: /^Unknown SET option "IFEQ": did you mean "ifeq"\?$/,
  },

  // DELEX (Redis 8.4, Valkey 9.2)
  { method: "delex", params: ["k1"], argv: ["DELEX", "k1"] },
  { method: "delex", params: ["k1", {}], argv: ["DELEX", "k1"] },
  {
    method: "delex",
    params: ["k1", { ifeq: "token" }],
    argv: ["DELEX", "k1", "IFEQ", "token"],
  },
  {
    method: "delex",
    params: [bin, { ifne: 7 }],
    argv: ["DELEX", bin, "IFNE", 7],
  },
  {
    method: "delex",
    params: ["k1", { ifdeq: "b6acb9d84a38ff74" }],
    argv: ["DELEX", "k1", "IFDEQ", "b6acb9d84a38ff74"],
  },
  {
    method: "delex",
    params: ["k1", { ifdne: bin }],
    argv: ["DELEX", "k1", "IFDNE", bin],
  },
  {
    method: "delex",
    params: ["k1", { ifeq: "a", ifdeq: "b" }],
    throws: /^Invalid DELEX options: "ifeq" and "ifdeq" exclude each other$/,
  },
  {
    method: "delex",
    params: ["k1", { ifdne: null }],
    throws: /^Invalid DELEX ifdne "null": expected a digest from DIGEST$/,
  },
  {
    method: "delex",
    params: ["k1", { nx: true }],
    throws: /^Unknown DELEX option "nx"/,
  },

  // DELIFEQ (Valkey 9.0)
  {
    method: "delifeq",
    params: ["k1", "token"],
    argv: ["DELIFEQ", "k1", "token"],
  },
  { method: "delifeq", params: [bin, bin], argv: ["DELIFEQ", bin, bin] },

  // DIGEST (Redis 8.4)
  { method: "digest", params: ["k1"], argv: ["DIGEST", "k1"] },
  { method: "digest", params: [bin], argv: ["DIGEST", bin] },

  // MSETEX (Redis 8.4, Valkey 9.1): numkeys counts the pairs
  {
    method: "msetex",
    params: [{ k1: "a", k2: 2 }],
    argv: ["MSETEX", 2, "k1", "a", "k2", 2],
  },
  {
    method: "msetex",
    params: [[["k1", "a"]], { ex: 60 }],
    argv: ["MSETEX", 1, "k1", "a", "EX", 60],
  },
  {
    method: "msetex",
    params: [
      new Map<unknown, unknown>([[bin, bin], ["k2", "b"], ["k3", "c"]]),
      { nx: true, px: 1500 },
    ],
    argv: ["MSETEX", 3, bin, bin, "k2", "b", "k3", "c", "NX", "PX", 1500],
  },
  {
    method: "msetex",
    params: [{ k1: "a" }, { xx: true, keepttl: true }],
    argv: ["MSETEX", 1, "k1", "a", "XX", "KEEPTTL"],
  },
  {
    method: "msetex",
    params: [{ k1: "a" }, { exat: 1700000000 }],
    argv: ["MSETEX", 1, "k1", "a", "EXAT", 1700000000],
  },
  {
    method: "msetex",
    params: [{ k1: "a" }, { pxat: 1700000000000 }],
    argv: ["MSETEX", 1, "k1", "a", "PXAT", 1700000000000],
  },
  {
    method: "msetex",
    params: [{}],
    throws: /^Invalid MSETEX call: expected at least one field and value$/,
  },
  {
    method: "msetex",
    params: [{ k1: "a" }, { nx: true, xx: true }],
    throws: /^Invalid MSETEX options: "nx" and "xx" exclude each other$/,
  },
  {
    method: "msetex",
    params: [{ k1: "a" }, { ex: 10, keepttl: true }],
    throws: /^Invalid MSETEX options: "ex" and "keepttl" exclude each other$/,
  },
  {
    method: "msetex",
    params: [{ k1: "a" }, { ex: 0 }],
    throws: /^Invalid MSETEX ex "0": expected a positive integer$/,
  },

  // INCREX (Redis 8.8, Valkey 9.2)
  { method: "increx", params: ["k1"], argv: ["INCREX", "k1"] },
  {
    method: "increx",
    params: ["k1", { byint: -5 }],
    argv: ["INCREX", "k1", "BYINT", -5],
  },
  {
    method: "increx",
    params: ["k1", { byint: 2n ** 60n, ubound: 2n ** 62n }],
    argv: [
      "INCREX",
      "k1",
      "BYINT",
      "1152921504606846976",
      "UBOUND",
      "4611686018427387904",
    ],
  },
  {
    method: "increx",
    params: ["k1", { byfloat: 0.25, lbound: -1.5, ubound: 2, saturate: true }],
    argv: [
      "INCREX",
      "k1",
      "BYFLOAT",
      "0.25",
      "LBOUND",
      "-1.5",
      "UBOUND",
      2,
      "SATURATE",
    ],
  },
  {
    method: "increx",
    params: ["k1", { ubound: 100, ex: 60, enx: true }],
    argv: ["INCREX", "k1", "UBOUND", 100, "EX", 60, "ENX"],
  },
  {
    method: "increx",
    params: ["k1", { lbound: 0, px: 1500 }],
    argv: ["INCREX", "k1", "LBOUND", 0, "PX", 1500],
  },
  {
    method: "increx",
    params: ["k1", { exat: 1700000000, enx: true }],
    argv: ["INCREX", "k1", "EXAT", 1700000000, "ENX"],
  },
  {
    method: "increx",
    params: ["k1", { pxat: 1700000000000 }],
    argv: ["INCREX", "k1", "PXAT", 1700000000000],
  },
  {
    method: "increx",
    params: ["k1", { byint: 1, persist: true }],
    argv: ["INCREX", "k1", "BYINT", 1, "PERSIST"],
  },
  {
    method: "increx",
    params: ["k1", { byint: 1, byfloat: 1 }],
    throws:
      /^Invalid INCREX options: "byint" and "byfloat" exclude each other$/,
  },
  {
    method: "increx",
    params: ["k1", { byint: 1.5 }],
    throws: /^Invalid INCREX byint "1.5": expected an integer$/,
  },
  {
    method: "increx",
    params: ["k1", { byfloat: Infinity }],
    throws: /^Invalid INCREX byfloat "Infinity": expected a finite number$/,
  },
  {
    method: "increx",
    params: ["k1", { ubound: 2.5 }],
    throws: /^Invalid INCREX ubound "2.5": expected an integer$/,
  },
  {
    method: "increx",
    params: ["k1", { byfloat: 1, lbound: NaN }],
    throws: /^Invalid INCREX lbound "NaN": expected a finite number$/,
  },
  {
    method: "increx",
    params: ["k1", { ex: 60, persist: true }],
    throws: /^Invalid INCREX options: "ex" and "persist" exclude each other$/,
  },
  {
    method: "increx",
    params: ["k1", { px: -1 }],
    throws: /^Invalid INCREX px "-1": expected a positive integer$/,
  },
  {
    method: "increx",
    params: ["k1", { enx: true }],
    throws:
      /^Invalid INCREX options: "enx" needs "ex", "px", "exat" or "pxat"$/,
  },
  {
    method: "increx",
    params: ["k1", { persist: true, enx: true }],
    throws:
      /^Invalid INCREX options: "enx" needs "ex", "px", "exat" or "pxat"$/,
  },
  {
    method: "increx",
    params: ["k1", { by: 2 }],
    throws: /^Unknown INCREX option "by"/,
  },
];
