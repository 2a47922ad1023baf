import type { CommandCase } from "./_helpers.ts";

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  {
    method: "pfadd",
    params: ["k1", "a", "b"],
    argv: ["PFADD", "k1", "a", "b"],
  },
  { method: "pfadd", params: ["k1"], argv: ["PFADD", "k1"] },
  { method: "pfcount", params: ["k1"], argv: ["PFCOUNT", "k1"] },
  { method: "pfcount", params: ["k1", "k2"], argv: ["PFCOUNT", "k1", "k2"] },
  {
    method: "pfcount",
    params: [],
    throws: /^Invalid PFCOUNT call: expected at least one key$/,
  },
  {
    method: "pfdebug",
    params: ["GETREG", "k1"],
    argv: ["PFDEBUG", "GETREG", "k1"],
  },
  {
    method: "pfdebug",
    params: ["ENCODING", "k1"],
    argv: ["PFDEBUG", "ENCODING", "k1"],
  },
  {
    method: "pfdebug",
    params: ["DECODE", "k1"],
    argv: ["PFDEBUG", "DECODE", "k1"],
  },
  {
    method: "pfdebug",
    params: ["TODENSE", "k1"],
    argv: ["PFDEBUG", "TODENSE", "k1"],
  },
  {
    method: "pfdebug",
    params: ["SIMD", "k1"],
    throws:
      /^Invalid PFDEBUG subcommand "SIMD": expected "GETREG", "DECODE", "ENCODING" or "TODENSE"$/,
  },
  {
    method: "pfmerge",
    params: ["k1", "k2", "k3"],
    argv: ["PFMERGE", "k1", "k2", "k3"],
  },
  // PFMERGE with only a destination is valid (arity -2, "sourcekey" optional
  // on redis.io) but Redis 7.0's COMMAND GETKEYS rejects it, so it is tested
  // against the server in hyperloglog_test.ts rather than listed here.
  {
    method: "pfmerge",
    params: ["k1", "k2"],
    argv: ["PFMERGE", "k1", "k2"],
  },
  { method: "pfselftest", params: [], argv: ["PFSELFTEST"] },
];
