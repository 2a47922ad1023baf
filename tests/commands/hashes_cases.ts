import type { Arg } from "../../mod.ts";
import type { CommandCase } from "./_helpers.ts";

const bin = new Uint8Array([0x66, 0x31]); // "f1"

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  // HDEL
  { method: "hdel", params: ["k1", "f1"], argv: ["HDEL", "k1", "f1"] },
  {
    method: "hdel",
    params: ["k2", "f1", "f2", 3],
    argv: ["HDEL", "k2", "f1", "f2", 3],
  },
  { method: "hdel", params: ["k1"], throws: /HDEL.*at least one field/ },
  // HEXISTS
  { method: "hexists", params: ["k1", "f1"], argv: ["HEXISTS", "k1", "f1"] },
  // HGET
  { method: "hget", params: ["k1", "f1"], argv: ["HGET", "k1", "f1"] },
  { method: "hget", params: ["k2", bin], argv: ["HGET", "k2", bin] },
  // HGETALL
  { method: "hgetall", params: ["k1"], argv: ["HGETALL", "k1"] },
  // HINCRBY
  {
    method: "hincrby",
    params: ["k1", "f1", 5],
    argv: ["HINCRBY", "k1", "f1", 5],
  },
  {
    method: "hincrby",
    params: ["k2", "f1", -9007199254740993n],
    argv: ["HINCRBY", "k2", "f1", "-9007199254740993"],
  },
  {
    method: "hincrby",
    params: ["k1", "f1", 1.5],
    throws: /Invalid HINCRBY increment "1\.5": expected an integer/,
  },
  {
    method: "hincrby",
    params: ["k1", "f1", NaN],
    throws: /Invalid HINCRBY increment "NaN"/,
  },
  // HINCRBYFLOAT
  {
    method: "hincrbyfloat",
    params: ["k1", "f1", 2.5],
    argv: ["HINCRBYFLOAT", "k1", "f1", "2.5"],
  },
  {
    method: "hincrbyfloat",
    params: ["k1", "f1", -3],
    argv: ["HINCRBYFLOAT", "k1", "f1", -3],
  },
  {
    method: "hincrbyfloat",
    params: ["k1", "f1", Infinity],
    throws: /Invalid HINCRBYFLOAT increment "Infinity": expected a finite/,
  },
  {
    method: "hincrbyfloat",
    params: ["k1", "f1", NaN],
    throws: /Invalid HINCRBYFLOAT increment "NaN"/,
  },
  // HKEYS, HLEN, HVALS, HSTRLEN
  { method: "hkeys", params: ["k1"], argv: ["HKEYS", "k1"] },
  { method: "hlen", params: ["k1"], argv: ["HLEN", "k1"] },
  { method: "hvals", params: ["k1"], argv: ["HVALS", "k1"] },
  { method: "hstrlen", params: ["k1", "f1"], argv: ["HSTRLEN", "k1", "f1"] },
  // HMGET
  {
    method: "hmget",
    params: ["k1", "f1", "f2"],
    argv: ["HMGET", "k1", "f1", "f2"],
  },
  { method: "hmget", params: ["k1"], throws: /HMGET.*at least one field/ },
  // HMSET
  {
    method: "hmset",
    params: ["k1", { f1: "v1", f2: 2 }],
    argv: ["HMSET", "k1", "f1", "v1", "f2", 2],
  },
  {
    method: "hmset",
    params: ["k1", {}],
    throws: /Invalid HMSET call: expected at least one field and value/,
  },
  // HRANDFIELD
  { method: "hrandfield", params: ["k1"], argv: ["HRANDFIELD", "k1"] },
  {
    method: "hrandfieldCount",
    params: ["k1", 3],
    argv: ["HRANDFIELD", "k1", 3],
  },
  {
    method: "hrandfieldCount",
    params: ["k2", -5],
    argv: ["HRANDFIELD", "k2", -5],
  },
  {
    method: "hrandfieldCount",
    params: ["k1", 0.5],
    throws: /Invalid HRANDFIELD count "0\.5": expected an integer/,
  },
  {
    method: "hrandfieldWithValues",
    params: ["k1", 2],
    argv: ["HRANDFIELD", "k1", 2, "WITHVALUES"],
  },
  {
    method: "hrandfieldWithValues",
    params: ["k1", NaN],
    throws: /Invalid HRANDFIELD count "NaN"/,
  },
  // HSCAN
  { method: "hscan", params: ["k1", "0"], argv: ["HSCAN", "k1", "0"] },
  {
    method: "hscan",
    params: ["k2", "17", { match: "f*", count: 100 }],
    argv: ["HSCAN", "k2", "17", "MATCH", "f*", "COUNT", 100],
  },
  {
    method: "hscan",
    params: ["k1", "0", { count: 0 }],
    throws: /Invalid HSCAN count "0": expected a positive integer/,
  },
  // HSET
  {
    method: "hset",
    params: ["k1", { f1: "v1" }],
    argv: ["HSET", "k1", "f1", "v1"],
  },
  {
    method: "hset",
    name: "HSET k2 with a Map of byte fields",
    params: ["k2", new Map<Uint8Array | string, Arg>([[bin, 1], ["f2", "v2"]])],
    argv: ["HSET", "k2", bin, 1, "f2", "v2"],
  },
  {
    method: "hset",
    params: ["k3", [["f1", "v1"], ["f2", 2n]]],
    argv: ["HSET", "k3", "f1", "v1", "f2", "2"],
  },
  {
    method: "hset",
    params: ["k1", []],
    throws: /Invalid HSET call: expected at least one field and value/,
  },
  // HSETNX
  {
    method: "hsetnx",
    params: ["k1", "f1", "v1"],
    argv: ["HSETNX", "k1", "f1", "v1"],
  },

  // Commands newer than Redis 7.0.

  // HEXPIRE, HPEXPIRE, HEXPIREAT, HPEXPIREAT (Redis 7.4, Valkey 9.0)
  {
    method: "hexpire",
    params: ["k1", 60, ["f1", "f2"]],
    argv: ["HEXPIRE", "k1", 60, "FIELDS", 2, "f1", "f2"],
  },
  {
    method: "hexpire",
    params: ["k2", 0, [bin], { nx: true }],
    argv: ["HEXPIRE", "k2", 0, "NX", "FIELDS", 1, bin],
  },
  {
    method: "hexpire",
    name: "k1 with XX and a field named FIELDS",
    params: ["k1", 5, ["FIELDS"], { xx: true }],
    argv: ["HEXPIRE", "k1", 5, "XX", "FIELDS", 1, "FIELDS"],
  },
  {
    method: "hexpire",
    params: ["k1", 5, ["f1"], { xx: false, gt: true }],
    argv: ["HEXPIRE", "k1", 5, "GT", "FIELDS", 1, "f1"],
  },
  {
    method: "hexpire",
    params: ["k1", 1.5, ["f1"]],
    throws: /^Invalid HEXPIRE seconds "1\.5": expected an integer$/,
  },
  {
    method: "hexpire",
    params: ["k1", 60, []],
    throws: /^Invalid HEXPIRE call: expected at least one field$/,
  },
  {
    method: "hexpire",
    params: ["k1", 60, "f1"],
    throws: /^Invalid HEXPIRE fields: expected an array of fields, got string$/,
  },
  {
    method: "hexpire",
    params: ["k1", 60, ["f1"], { nx: true, gt: true }],
    throws: /^Invalid HEXPIRE options: "nx" and "gt" exclude each other$/,
  },
  {
    method: "hexpire",
    params: ["k1", 60, ["f1"], { NX: true }],
    throws: /^Unknown HEXPIRE option "NX": did you mean "nx"\?$/,
  },
  {
    method: "hpexpire",
    params: ["k1", 1500, ["f1"], { lt: true }],
    argv: ["HPEXPIRE", "k1", 1500, "LT", "FIELDS", 1, "f1"],
  },
  {
    method: "hpexpire",
    params: ["k1", NaN, ["f1"]],
    throws: /^Invalid HPEXPIRE milliseconds "NaN": expected an integer$/,
  },
  {
    method: "hexpireat",
    params: ["k1", 4102444800, ["f1", "f2", "f3"], { gt: true }],
    argv: ["HEXPIREAT", "k1", 4102444800, "GT", "FIELDS", 3, "f1", "f2", "f3"],
  },
  {
    method: "hexpireat",
    params: ["k1", 4102444800, ["f1"], { xx: true, lt: true }],
    throws: /^Invalid HEXPIREAT options: "xx" and "lt" exclude each other$/,
  },
  {
    method: "hpexpireat",
    params: ["k2", 4102444800000, ["f1"]],
    argv: ["HPEXPIREAT", "k2", 4102444800000, "FIELDS", 1, "f1"],
  },
  {
    method: "hpexpireat",
    params: ["k2", 1e300, ["f1"]],
    throws: /^Invalid HPEXPIREAT unix time "1e\+300": expected an integer$/,
  },
  // HTTL, HPTTL, HEXPIRETIME, HPEXPIRETIME, HPERSIST (Redis 7.4, Valkey 9.0)
  {
    method: "httl",
    params: ["k1", "f1", "f2"],
    argv: ["HTTL", "k1", "FIELDS", 2, "f1", "f2"],
  },
  {
    method: "httl",
    params: ["k1"],
    throws: /^Invalid HTTL call: expected at least one field$/,
  },
  {
    method: "hpttl",
    params: ["k2", bin],
    argv: ["HPTTL", "k2", "FIELDS", 1, bin],
  },
  {
    method: "hpttl",
    params: ["k1"],
    throws: /^Invalid HPTTL call: expected at least one field$/,
  },
  {
    method: "hexpiretime",
    params: ["k1", "f1"],
    argv: ["HEXPIRETIME", "k1", "FIELDS", 1, "f1"],
  },
  {
    method: "hexpiretime",
    params: ["k1"],
    throws: /^Invalid HEXPIRETIME call: expected at least one field$/,
  },
  {
    method: "hpexpiretime",
    params: ["k1", "f1", 2],
    argv: ["HPEXPIRETIME", "k1", "FIELDS", 2, "f1", 2],
  },
  {
    method: "hpexpiretime",
    params: ["k1"],
    throws: /^Invalid HPEXPIRETIME call: expected at least one field$/,
  },
  {
    method: "hpersist",
    params: ["k1", "f1", "f2"],
    argv: ["HPERSIST", "k1", "FIELDS", 2, "f1", "f2"],
  },
  {
    method: "hpersist",
    params: ["k1"],
    throws: /^Invalid HPERSIST call: expected at least one field$/,
  },
  // HSCAN NOVALUES (Redis 7.4, Valkey 8.0)
  {
    method: "hscanNoValues",
    params: ["k1", 0],
    argv: ["HSCAN", "k1", 0, "NOVALUES"],
  },
  {
    method: "hscanNoValues",
    params: ["k2", "17", { match: "f*", count: 100 }],
    argv: ["HSCAN", "k2", "17", "MATCH", "f*", "COUNT", 100, "NOVALUES"],
  },
  {
    method: "hscanNoValues",
    params: ["k1", "0", { count: -1 }],
    throws: /^Invalid HSCAN count "-1": expected a positive integer$/,
  },
  {
    method: "hscanNoValues",
    params: ["k1", "0", { novalues: true }],
    throws: /^Unknown HSCAN option "novalues"/,
  },
  // HGETDEL (Redis 8.0, Valkey 9.1)
  {
    method: "hgetdel",
    params: ["k1", "f1", "f2"],
    argv: ["HGETDEL", "k1", "FIELDS", 2, "f1", "f2"],
  },
  {
    method: "hgetdel",
    params: ["k1"],
    throws: /^Invalid HGETDEL call: expected at least one field$/,
  },
  // HGETEX (Redis 8.0, Valkey 9.0)
  {
    method: "hgetex",
    params: ["k1", ["f1", "f2"]],
    argv: ["HGETEX", "k1", "FIELDS", 2, "f1", "f2"],
  },
  {
    method: "hgetex",
    params: ["k1", ["f1"], { ex: 60 }],
    argv: ["HGETEX", "k1", "EX", 60, "FIELDS", 1, "f1"],
  },
  {
    method: "hgetex",
    params: ["k2", [bin], { px: 0 }],
    argv: ["HGETEX", "k2", "PX", 0, "FIELDS", 1, bin],
  },
  {
    method: "hgetex",
    params: ["k1", ["f1"], { exat: 4102444800 }],
    argv: ["HGETEX", "k1", "EXAT", 4102444800, "FIELDS", 1, "f1"],
  },
  {
    method: "hgetex",
    params: ["k1", ["f1"], { pxat: 4102444800000 }],
    argv: ["HGETEX", "k1", "PXAT", 4102444800000, "FIELDS", 1, "f1"],
  },
  {
    method: "hgetex",
    params: ["k1", ["f1"], { persist: true }],
    argv: ["HGETEX", "k1", "PERSIST", "FIELDS", 1, "f1"],
  },
  {
    method: "hgetex",
    params: ["k1", ["f1"], {}],
    argv: ["HGETEX", "k1", "FIELDS", 1, "f1"],
  },
  {
    method: "hgetex",
    params: ["k1", ["f1"], { ex: 60, persist: true }],
    throws: /^Invalid HGETEX options: "ex" and "persist" exclude each other$/,
  },
  {
    method: "hgetex",
    params: ["k1", ["f1"], { ex: -1 }],
    throws: /^Invalid HGETEX ex "-1": expected a non-negative integer$/,
  },
  {
    method: "hgetex",
    params: ["k1", ["f1"], { px: 1.5 }],
    throws: /^Invalid HGETEX px "1\.5": expected a non-negative integer$/,
  },
  {
    method: "hgetex",
    params: ["k1", ["f1"], { keepttl: true }],
    throws: /^Unknown HGETEX option "keepttl"/,
  },
  {
    method: "hgetex",
    params: ["k1", []],
    throws: /^Invalid HGETEX call: expected at least one field$/,
  },
  // HSETEX (Redis 8.0, Valkey 9.0; NX/XX Valkey 9.1)
  {
    method: "hsetex",
    params: ["k1", { f1: "v1", f2: 2 }],
    argv: ["HSETEX", "k1", "FIELDS", 2, "f1", "v1", "f2", 2],
  },
  {
    method: "hsetex",
    params: ["k1", { f1: "v1" }, { fnx: true, ex: 60 }],
    argv: ["HSETEX", "k1", "FNX", "EX", 60, "FIELDS", 1, "f1", "v1"],
  },
  {
    method: "hsetex",
    name: "k2 with FXX, PX and a Map of byte fields",
    params: [
      "k2",
      new Map<Uint8Array | string, Arg>([[bin, 1], ["f2", "v2"]]),
      { fxx: true, px: 1500 },
    ],
    argv: ["HSETEX", "k2", "FXX", "PX", 1500, "FIELDS", 2, bin, 1, "f2", "v2"],
  },
  {
    method: "hsetex",
    params: ["k1", [["f1", "v1"]], { exat: 4102444800 }],
    argv: ["HSETEX", "k1", "EXAT", 4102444800, "FIELDS", 1, "f1", "v1"],
  },
  {
    method: "hsetex",
    params: ["k1", [["f1", "v1"]], { pxat: 4102444800000, fxx: true }],
    argv: [
      "HSETEX",
      "k1",
      "FXX",
      "PXAT",
      4102444800000,
      "FIELDS",
      1,
      "f1",
      "v1",
    ],
  },
  {
    method: "hsetex",
    params: ["k1", { f1: "v1" }, { keepttl: true }],
    argv: ["HSETEX", "k1", "KEEPTTL", "FIELDS", 1, "f1", "v1"],
  },
  {
    method: "hsetex",
    name: "k1 with Valkey 9.1's NX and XX",
    params: ["k1", { f1: "v1" }, { nx: true, fnx: true, ex: 10 }],
    argv: ["HSETEX", "k1", "NX", "FNX", "EX", 10, "FIELDS", 1, "f1", "v1"],
  },
  {
    method: "hsetex",
    params: ["k1", { f1: "v1" }, { xx: true, keepttl: true }],
    argv: ["HSETEX", "k1", "XX", "KEEPTTL", "FIELDS", 1, "f1", "v1"],
  },
  {
    method: "hsetex",
    params: ["k1", {}],
    throws: /^Invalid HSETEX call: expected at least one field and value$/,
  },
  {
    method: "hsetex",
    params: ["k1", "f1"],
    throws: /^Invalid HSETEX fields: expected a record, a Map or an array/,
  },
  {
    method: "hsetex",
    params: ["k1", { f1: "v1" }, { fnx: true, fxx: true }],
    throws: /^Invalid HSETEX options: "fnx" and "fxx" exclude each other$/,
  },
  {
    method: "hsetex",
    params: ["k1", { f1: "v1" }, { nx: true, xx: true }],
    throws: /^Invalid HSETEX options: "nx" and "xx" exclude each other$/,
  },
  {
    method: "hsetex",
    params: ["k1", { f1: "v1" }, { ex: 1, keepttl: true }],
    throws: /^Invalid HSETEX options: "ex" and "keepttl" exclude each other$/,
  },
  {
    method: "hsetex",
    params: ["k1", { f1: "v1" }, { exat: -5 }],
    throws: /^Invalid HSETEX exat "-5": expected a non-negative integer$/,
  },
  {
    method: "hsetex",
    params: ["k1", { f1: "v1" }, { persist: true }],
    throws: /^Unknown HSETEX option "persist"/,
  },
];
