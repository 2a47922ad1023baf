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
];
