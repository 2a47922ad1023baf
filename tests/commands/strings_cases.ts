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
];
