import type { CommandCase } from "./_helpers.ts";
import { utf8 } from "./_helpers.ts";

const m = (score: number, member: string) => ({ score, member });

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  // BZMPOP
  {
    method: "bzmpop",
    params: [["k1", "k2"], "MIN", 0],
    argv: ["BZMPOP", 0, 2, "k1", "k2", "MIN"],
  },
  {
    method: "bzmpop",
    params: [["k1"], "MAX", 1.5, { count: 3 }],
    argv: ["BZMPOP", 1.5, 1, "k1", "MAX", "COUNT", 3],
  },
  {
    method: "bzmpop",
    params: [["k1"], "MIN", -1],
    throws: /Invalid BZMPOP timeout "-1": expected a non-negative number/,
  },
  {
    method: "bzmpop",
    params: [[], "MIN", 0],
    throws: /Invalid BZMPOP call: expected at least one key/,
  },
  {
    method: "bzmpop",
    params: [["k1"], "min", 0],
    throws: /Invalid BZMPOP side "min": expected "MIN" or "MAX"/,
  },
  {
    method: "bzmpop",
    params: [["k1"], "MIN", 0, { count: 0 }],
    throws: /Invalid BZMPOP count "0": expected a positive integer/,
  },

  // BZPOPMAX / BZPOPMIN
  {
    method: "bzpopmax",
    params: [["k1", "k2"], 0],
    argv: ["BZPOPMAX", "k1", "k2", 0],
  },
  {
    method: "bzpopmin",
    params: [["k1", "k2"], 0.25],
    argv: ["BZPOPMIN", "k1", "k2", 0.25],
  },
  {
    method: "bzpopmin",
    params: [[utf8("k1")], 1],
    argv: ["BZPOPMIN", utf8("k1"), 1],
  },
  {
    method: "bzpopmin",
    params: [[], 1],
    throws: /Invalid BZPOPMIN call: expected at least one key/,
  },
  {
    method: "bzpopmax",
    params: [["k1"], NaN],
    throws: /Invalid BZPOPMAX timeout "NaN"/,
  },
  {
    method: "bzpopmax",
    params: ["k1", 1],
    throws: /Invalid BZPOPMAX keys: expected an array of keys/,
  },

  // ZADD
  {
    method: "zadd",
    params: ["k1", [m(1, "a"), m(2.5, "b")]],
    argv: ["ZADD", "k1", 1, "a", 2.5, "b"],
  },
  {
    method: "zadd",
    params: ["k1", [m(Infinity, "a"), m(-Infinity, "b")]],
    argv: ["ZADD", "k1", "+inf", "a", "-inf", "b"],
  },
  {
    method: "zadd",
    params: ["k1", [m(1, "a")], { nx: true, ch: true }],
    argv: ["ZADD", "k1", "NX", "CH", 1, "a"],
  },
  {
    method: "zadd",
    params: ["k1", [m(1, "a")], { xx: true, gt: true }],
    argv: ["ZADD", "k1", "XX", "GT", 1, "a"],
  },
  {
    method: "zadd",
    params: ["k1", [m(1, "a")], { lt: true }],
    argv: ["ZADD", "k1", "LT", 1, "a"],
  },
  {
    method: "zadd",
    params: ["k1", [{ score: 0, member: utf8("bin") }]],
    argv: ["ZADD", "k1", 0, utf8("bin")],
  },
  {
    method: "zadd",
    params: ["k1", [m(1, "a")], { nx: true, gt: true }],
    throws: /^Invalid ZADD options: "nx" and "gt" exclude each other$/,
  },
  {
    method: "zadd",
    params: ["k1", [m(1, "a")], { nx: true, xx: true }],
    throws: /^Invalid ZADD options: "nx" and "xx" exclude each other$/,
  },
  {
    method: "zadd",
    params: ["k1", [m(1, "a")], { nx: true, lt: true }],
    throws: /^Invalid ZADD options: "nx" and "lt" exclude each other$/,
  },
  {
    method: "zadd",
    params: ["k1", [m(1, "a")], { gt: true, lt: true }],
    throws: /^Invalid ZADD options: "gt" and "lt" exclude each other$/,
  },
  {
    method: "zadd",
    params: ["k1", []],
    throws: /Invalid ZADD call: expected at least one member/,
  },
  {
    method: "zadd",
    params: ["k1", [m(NaN, "a")]],
    throws: /Invalid ZADD score "NaN": expected a number/,
  },
  {
    method: "zadd",
    params: ["k1", m(1, "a")],
    throws: /Invalid ZADD members: expected an array/,
  },

  // ZADD ... INCR
  {
    method: "zaddIncr",
    params: ["k1", m(1.5, "a")],
    argv: ["ZADD", "k1", "INCR", 1.5, "a"],
  },
  {
    method: "zaddIncr",
    params: ["k1", m(-2, "a"), { xx: true, lt: true }],
    argv: ["ZADD", "k1", "XX", "LT", "INCR", -2, "a"],
  },
  {
    method: "zaddIncr",
    params: ["k1", m(1, "a"), { nx: true }],
    argv: ["ZADD", "k1", "NX", "INCR", 1, "a"],
  },
  {
    method: "zaddIncr",
    params: ["k1", m(1, "a"), { nx: true, lt: true }],
    throws: /^Invalid ZADD options: "nx" and "lt" exclude each other$/,
  },

  // ZCARD, ZCOUNT
  { method: "zcard", params: ["k1"], argv: ["ZCARD", "k1"] },
  {
    method: "zcount",
    params: ["k1", "-inf", "+inf"],
    argv: ["ZCOUNT", "k1", "-inf", "+inf"],
  },
  {
    method: "zcount",
    params: ["k1", "(1.5", 10],
    argv: ["ZCOUNT", "k1", "(1.5", 10],
  },
  {
    method: "zcount",
    params: ["k1", -Infinity, Infinity],
    argv: ["ZCOUNT", "k1", "-inf", "+inf"],
  },
  {
    method: "zcount",
    params: ["k1", "abc", 10],
    throws:
      /Invalid ZCOUNT min "abc": expected a number, "\(number", "-inf" or "\+inf"/,
  },
  {
    method: "zcount",
    params: ["k1", 0, NaN],
    throws: /Invalid ZCOUNT max "NaN": expected a number/,
  },

  // ZDIFF, ZDIFFSTORE
  {
    method: "zdiff",
    params: ["k1", "k2"],
    argv: ["ZDIFF", 2, "k1", "k2"],
  },
  {
    method: "zdiffWithScores",
    params: ["k1", "k2"],
    argv: ["ZDIFF", 2, "k1", "k2", "WITHSCORES"],
  },
  {
    method: "zdiff",
    params: [],
    throws: /Invalid ZDIFF call: expected at least one key/,
  },
  {
    method: "zdiffstore",
    params: ["k0", "k1", "k2"],
    argv: ["ZDIFFSTORE", "k0", 2, "k1", "k2"],
  },
  {
    method: "zdiffstore",
    params: ["k0"],
    throws: /Invalid ZDIFFSTORE call: expected at least one key/,
  },

  // ZINCRBY
  {
    method: "zincrby",
    params: ["k1", 2.5, "a"],
    argv: ["ZINCRBY", "k1", 2.5, "a"],
  },
  {
    method: "zincrby",
    params: ["k1", -Infinity, "a"],
    argv: ["ZINCRBY", "k1", "-inf", "a"],
  },
  {
    method: "zincrby",
    params: ["k1", NaN, "a"],
    throws: /Invalid ZINCRBY increment "NaN": expected a number/,
  },

  // ZINTER, ZINTERCARD, ZINTERSTORE
  {
    method: "zinter",
    params: [["k1", "k2"]],
    argv: ["ZINTER", 2, "k1", "k2"],
  },
  {
    method: "zinter",
    params: [["k1", "k2"], { weights: [1, 0.5], aggregate: "MAX" }],
    argv: ["ZINTER", 2, "k1", "k2", "WEIGHTS", 1, 0.5, "AGGREGATE", "MAX"],
  },
  {
    method: "zinterWithScores",
    params: [["k1", "k2"], { aggregate: "MIN" }],
    argv: ["ZINTER", 2, "k1", "k2", "AGGREGATE", "MIN", "WITHSCORES"],
  },
  {
    method: "zinter",
    params: [["k1", "k2"], { weights: [1] }],
    throws: /Invalid ZINTER weights: expected 2 \(one per key\), got 1/,
  },
  {
    method: "zinter",
    params: [["k1"], { aggregate: "AVG" }],
    throws:
      /Invalid ZINTER aggregate "AVG": expected "SUM", "MIN", "MAX" or "COUNT"/,
  },
  {
    method: "zinter",
    params: [[]],
    throws: /Invalid ZINTER call: expected at least one key/,
  },
  {
    method: "zintercard",
    params: [["k1", "k2"]],
    argv: ["ZINTERCARD", 2, "k1", "k2"],
  },
  {
    method: "zintercard",
    params: [["k1", "k2"], { limit: 10 }],
    argv: ["ZINTERCARD", 2, "k1", "k2", "LIMIT", 10],
  },
  {
    method: "zintercard",
    params: [["k1"], { limit: -1 }],
    throws: /Invalid ZINTERCARD limit "-1": expected a non-negative integer/,
  },
  {
    method: "zinterstore",
    params: ["k0", ["k1", "k2"]],
    argv: ["ZINTERSTORE", "k0", 2, "k1", "k2"],
  },
  {
    method: "zinterstore",
    params: ["k0", ["k1", "k2"], { weights: [2, Infinity], aggregate: "SUM" }],
    argv: [
      "ZINTERSTORE",
      "k0",
      2,
      "k1",
      "k2",
      "WEIGHTS",
      2,
      "+inf",
      "AGGREGATE",
      "SUM",
    ],
  },
  {
    method: "zinterstore",
    params: ["k0", ["k1"], { weights: [NaN] }],
    throws: /Invalid ZINTERSTORE weight "NaN": expected a number/,
  },

  // ZLEXCOUNT
  {
    method: "zlexcount",
    params: ["k1", "-", "+"],
    argv: ["ZLEXCOUNT", "k1", "-", "+"],
  },
  {
    method: "zlexcount",
    params: ["k1", "[a", "(c"],
    argv: ["ZLEXCOUNT", "k1", "[a", "(c"],
  },
  {
    method: "zlexcount",
    params: ["k1", utf8("[a"), utf8("+")],
    argv: ["ZLEXCOUNT", "k1", utf8("[a"), utf8("+")],
  },
  {
    method: "zlexcount",
    params: ["k1", "a", "+"],
    throws:
      /Invalid ZLEXCOUNT min "a": expected "-", "\+", or a value starting with "\[" or "\("/,
  },
  {
    method: "zlexcount",
    params: ["k1", "-", utf8("b")],
    throws: /Invalid ZLEXCOUNT max "bytes"/,
  },

  // ZMPOP
  {
    method: "zmpop",
    params: [["k1", "k2"], "MAX"],
    argv: ["ZMPOP", 2, "k1", "k2", "MAX"],
  },
  {
    method: "zmpop",
    params: [["k1"], "MIN", { count: 10 }],
    argv: ["ZMPOP", 1, "k1", "MIN", "COUNT", 10],
  },
  {
    method: "zmpop",
    params: [["k1"], "MIN", { count: 1.5 }],
    throws: /Invalid ZMPOP count "1.5": expected a positive integer/,
  },
  {
    method: "zmpop",
    params: [["k1"], "LOW"],
    throws: /Invalid ZMPOP side "LOW"/,
  },

  // ZMSCORE
  {
    method: "zmscore",
    params: ["k1", "a", "b"],
    argv: ["ZMSCORE", "k1", "a", "b"],
  },
  {
    method: "zmscore",
    params: ["k1"],
    throws: /Invalid ZMSCORE call: expected at least one member/,
  },

  // ZPOPMAX, ZPOPMIN
  { method: "zpopmax", params: ["k1"], argv: ["ZPOPMAX", "k1"] },
  { method: "zpopmax", params: ["k1", 3], argv: ["ZPOPMAX", "k1", 3] },
  { method: "zpopmin", params: ["k1"], argv: ["ZPOPMIN", "k1"] },
  { method: "zpopmin", params: ["k1", 0], argv: ["ZPOPMIN", "k1", 0] },
  {
    method: "zpopmin",
    params: ["k1", -1],
    throws: /Invalid ZPOPMIN count "-1": expected a non-negative integer/,
  },
  {
    method: "zpopmax",
    params: ["k1", 0.5],
    throws: /Invalid ZPOPMAX count "0.5"/,
  },

  // ZRANDMEMBER
  { method: "zrandmember", params: ["k1"], argv: ["ZRANDMEMBER", "k1"] },
  {
    method: "zrandmemberCount",
    params: ["k1", -5],
    argv: ["ZRANDMEMBER", "k1", -5],
  },
  {
    method: "zrandmemberWithScores",
    params: ["k1", 2],
    argv: ["ZRANDMEMBER", "k1", 2, "WITHSCORES"],
  },
  {
    method: "zrandmemberCount",
    params: ["k1", 1.5],
    throws: /Invalid ZRANDMEMBER count "1.5": expected an integer/,
  },

  // ZRANGE
  { method: "zrange", params: ["k1", 0, -1], argv: ["ZRANGE", "k1", 0, -1] },
  {
    method: "zrange",
    params: ["k1", 0, 2, { rev: true }],
    argv: ["ZRANGE", "k1", 0, 2, "REV"],
  },
  {
    method: "zrange",
    params: ["k1", "(1", Infinity, {
      by: "SCORE",
      limit: { offset: 1, count: 2 },
    }],
    argv: ["ZRANGE", "k1", "(1", "+inf", "BYSCORE", "LIMIT", 1, 2],
  },
  {
    method: "zrange",
    params: ["k1", "+inf", "-inf", { by: "SCORE", rev: true }],
    argv: ["ZRANGE", "k1", "+inf", "-inf", "BYSCORE", "REV"],
  },
  {
    method: "zrange",
    params: ["k1", "[a", "(c", { by: "LEX" }],
    argv: ["ZRANGE", "k1", "[a", "(c", "BYLEX"],
  },
  {
    method: "zrange",
    params: ["k1", "+", "-", {
      by: "LEX",
      rev: true,
      limit: { offset: 0, count: -1 },
    }],
    argv: ["ZRANGE", "k1", "+", "-", "BYLEX", "REV", "LIMIT", 0, -1],
  },
  {
    method: "zrange",
    params: ["k1", 0, -1, { limit: { offset: 0, count: 1 } }],
    throws:
      /Invalid ZRANGE options: "limit" requires "by" to be "SCORE" or "LEX"/,
  },
  {
    method: "zrange",
    params: ["k1", 0.5, -1],
    throws: /Invalid ZRANGE start "0.5": expected an integer/,
  },
  {
    method: "zrange",
    params: ["k1", 0, 1, { by: "score" }],
    throws: /Invalid ZRANGE by "score": expected "SCORE" or "LEX"/,
  },
  {
    method: "zrange",
    params: ["k1", "a", "c", { by: "LEX" }],
    throws: /Invalid ZRANGE start "a"/,
  },
  {
    method: "zrange",
    params: ["k1", 0, 1, { by: "SCORE", limit: { offset: 0, count: 1.5 } }],
    throws: /Invalid ZRANGE limit count "1.5": expected an integer/,
  },
  {
    method: "zrangeWithScores",
    params: ["k1", 0, -1],
    argv: ["ZRANGE", "k1", 0, -1, "WITHSCORES"],
  },
  {
    method: "zrangeWithScores",
    params: ["k1", "-inf", 5, { by: "SCORE", limit: { offset: 0, count: 3 } }],
    argv: [
      "ZRANGE",
      "k1",
      "-inf",
      5,
      "BYSCORE",
      "LIMIT",
      0,
      3,
      "WITHSCORES",
    ],
  },
  {
    method: "zrangeWithScores",
    params: ["k1", "[a", "[b", { by: "LEX" }],
    throws: /Invalid ZRANGE options: scores are not available with by "LEX"/,
  },

  // ZRANGEBYLEX, ZRANGEBYSCORE
  {
    method: "zrangebylex",
    params: ["k1", "-", "(c"],
    argv: ["ZRANGEBYLEX", "k1", "-", "(c"],
  },
  {
    method: "zrangebylex",
    params: ["k1", "[a", "+", { limit: { offset: 2, count: 5 } }],
    argv: ["ZRANGEBYLEX", "k1", "[a", "+", "LIMIT", 2, 5],
  },
  {
    method: "zrangebylex",
    params: ["k1", "-", "c"],
    throws: /Invalid ZRANGEBYLEX max "c"/,
  },
  {
    method: "zrangebyscore",
    params: ["k1", "-inf", "(5"],
    argv: ["ZRANGEBYSCORE", "k1", "-inf", "(5"],
  },
  {
    method: "zrangebyscore",
    params: ["k1", 0, 10, { limit: { offset: 0, count: 2 } }],
    argv: ["ZRANGEBYSCORE", "k1", 0, 10, "LIMIT", 0, 2],
  },
  {
    method: "zrangebyscoreWithScores",
    params: ["k1", 0, "+inf", { limit: { offset: 1, count: 1 } }],
    argv: ["ZRANGEBYSCORE", "k1", 0, "+inf", "WITHSCORES", "LIMIT", 1, 1],
  },
  {
    method: "zrangebyscore",
    params: ["k1", "[1", 10],
    throws: /Invalid ZRANGEBYSCORE min "\[1"/,
  },

  // ZRANGESTORE
  {
    method: "zrangestore",
    params: ["k0", "k1", 0, -1],
    argv: ["ZRANGESTORE", "k0", "k1", 0, -1],
  },
  {
    method: "zrangestore",
    params: ["k0", "k1", 10, 0, {
      by: "SCORE",
      rev: true,
      limit: { offset: 0, count: 2 },
    }],
    argv: [
      "ZRANGESTORE",
      "k0",
      "k1",
      10,
      0,
      "BYSCORE",
      "REV",
      "LIMIT",
      0,
      2,
    ],
  },
  {
    method: "zrangestore",
    params: ["k0", "k1", "[a", "+", { by: "LEX" }],
    argv: ["ZRANGESTORE", "k0", "k1", "[a", "+", "BYLEX"],
  },
  {
    method: "zrangestore",
    params: ["k0", "k1", 0, -1, { limit: { offset: 0, count: 1 } }],
    throws: /Invalid ZRANGESTORE options: "limit" requires "by"/,
  },

  // ZRANK, ZREM, ZREMRANGEBY*
  { method: "zrank", params: ["k1", "a"], argv: ["ZRANK", "k1", "a"] },
  {
    method: "zrem",
    params: ["k1", "a", utf8("b")],
    argv: ["ZREM", "k1", "a", utf8("b")],
  },
  {
    method: "zrem",
    params: ["k1"],
    throws: /Invalid ZREM call: expected at least one member/,
  },
  {
    method: "zremrangebylex",
    params: ["k1", "[a", "(c"],
    argv: ["ZREMRANGEBYLEX", "k1", "[a", "(c"],
  },
  {
    method: "zremrangebylex",
    params: ["k1", "", "+"],
    throws: /Invalid ZREMRANGEBYLEX min ""/,
  },
  {
    method: "zremrangebyrank",
    params: ["k1", 0, -3],
    argv: ["ZREMRANGEBYRANK", "k1", 0, -3],
  },
  {
    method: "zremrangebyrank",
    params: ["k1", 0, NaN],
    throws: /Invalid ZREMRANGEBYRANK stop "NaN": expected an integer/,
  },
  {
    method: "zremrangebyscore",
    params: ["k1", "-inf", "(0"],
    argv: ["ZREMRANGEBYSCORE", "k1", "-inf", "(0"],
  },

  // ZREVRANGE*
  {
    method: "zrevrange",
    params: ["k1", 0, 2],
    argv: ["ZREVRANGE", "k1", 0, 2],
  },
  {
    method: "zrevrangeWithScores",
    params: ["k1", 0, -1],
    argv: ["ZREVRANGE", "k1", 0, -1, "WITHSCORES"],
  },
  {
    method: "zrevrange",
    params: ["k1", 0, 1e30],
    throws: /Invalid ZREVRANGE stop "1e\+30": expected an integer/,
  },
  {
    method: "zrevrangebylex",
    params: ["k1", "+", "[b"],
    argv: ["ZREVRANGEBYLEX", "k1", "+", "[b"],
  },
  {
    method: "zrevrangebylex",
    params: ["k1", "+", "-", { limit: { offset: 0, count: 1 } }],
    argv: ["ZREVRANGEBYLEX", "k1", "+", "-", "LIMIT", 0, 1],
  },
  {
    method: "zrevrangebyscore",
    params: ["k1", "+inf", "(1"],
    argv: ["ZREVRANGEBYSCORE", "k1", "+inf", "(1"],
  },
  {
    method: "zrevrangebyscore",
    params: ["k1", 10, 0, { limit: { offset: 0, count: 3 } }],
    argv: ["ZREVRANGEBYSCORE", "k1", 10, 0, "LIMIT", 0, 3],
  },
  {
    method: "zrevrangebyscoreWithScores",
    params: ["k1", Infinity, -Infinity],
    argv: ["ZREVRANGEBYSCORE", "k1", "+inf", "-inf", "WITHSCORES"],
  },
  {
    method: "zrevrangebyscore",
    params: ["k1", "max", 0],
    throws: /Invalid ZREVRANGEBYSCORE max "max"/,
  },
  { method: "zrevrank", params: ["k1", "a"], argv: ["ZREVRANK", "k1", "a"] },

  // ZSCAN
  { method: "zscan", params: ["k1", "0"], argv: ["ZSCAN", "k1", "0"] },
  {
    method: "zscan",
    params: ["k1", "17", { match: "a*", count: 100 }],
    argv: ["ZSCAN", "k1", "17", "MATCH", "a*", "COUNT", 100],
  },
  {
    method: "zscan",
    params: ["k1", "0", { count: 0 }],
    throws: /Invalid ZSCAN count "0": expected a positive integer/,
  },

  // ZSCORE
  { method: "zscore", params: ["k1", "a"], argv: ["ZSCORE", "k1", "a"] },

  // ZUNION, ZUNIONSTORE
  {
    method: "zunion",
    params: [["k1", "k2"]],
    argv: ["ZUNION", 2, "k1", "k2"],
  },
  {
    method: "zunion",
    params: [["k1", "k2"], { weights: [2, 3] }],
    argv: ["ZUNION", 2, "k1", "k2", "WEIGHTS", 2, 3],
  },
  {
    method: "zunionWithScores",
    params: [["k1", "k2", "k3"], { aggregate: "MAX" }],
    argv: ["ZUNION", 3, "k1", "k2", "k3", "AGGREGATE", "MAX", "WITHSCORES"],
  },
  {
    method: "zunionWithScores",
    params: [["k1"], { weights: [1, 2] }],
    throws: /Invalid ZUNION weights: expected 1 \(one per key\), got 2/,
  },
  {
    method: "zunionstore",
    params: ["k0", ["k1", "k2"], { weights: [1, -1], aggregate: "SUM" }],
    argv: [
      "ZUNIONSTORE",
      "k0",
      2,
      "k1",
      "k2",
      "WEIGHTS",
      1,
      -1,
      "AGGREGATE",
      "SUM",
    ],
  },
  {
    method: "zunionstore",
    params: ["k0", ["k1"]],
    argv: ["ZUNIONSTORE", "k0", 1, "k1"],
  },
  {
    method: "zunionstore",
    params: ["k0", []],
    throws: /Invalid ZUNIONSTORE call: expected at least one key/,
  },
  // ZRANK, ZREVRANK WITHSCORE (Redis 7.2)
  {
    method: "zrankWithScore",
    params: ["k1", "a"],
    argv: ["ZRANK", "k1", "a", "WITHSCORE"],
  },
  {
    method: "zrevrankWithScore",
    params: ["k1", "a"],
    argv: ["ZREVRANK", "k1", "a", "WITHSCORE"],
  },
  // AGGREGATE COUNT (Redis 8.8)
  {
    method: "zunion",
    params: [["k1", "k2"], { aggregate: "COUNT" }],
    argv: ["ZUNION", 2, "k1", "k2", "AGGREGATE", "COUNT"],
  },
  {
    method: "zunionWithScores",
    params: [["k1", "k2"], { weights: [1, 2], aggregate: "COUNT" }],
    argv: [
      "ZUNION",
      2,
      "k1",
      "k2",
      "WEIGHTS",
      1,
      2,
      "AGGREGATE",
      "COUNT",
      "WITHSCORES",
    ],
  },
  {
    method: "zinter",
    params: [["k1", "k2"], { aggregate: "COUNT" }],
    argv: ["ZINTER", 2, "k1", "k2", "AGGREGATE", "COUNT"],
  },
  {
    method: "zinterWithScores",
    params: [["k1", "k2"], { aggregate: "COUNT" }],
    argv: ["ZINTER", 2, "k1", "k2", "AGGREGATE", "COUNT", "WITHSCORES"],
  },
  {
    method: "zunionstore",
    params: ["k0", ["k1", "k2"], { aggregate: "COUNT" }],
    argv: ["ZUNIONSTORE", "k0", 2, "k1", "k2", "AGGREGATE", "COUNT"],
  },
  {
    method: "zinterstore",
    params: ["k0", ["k1", "k2"], { aggregate: "COUNT" }],
    argv: ["ZINTERSTORE", "k0", 2, "k1", "k2", "AGGREGATE", "COUNT"],
  },
  {
    method: "zunionstore",
    params: ["k0", ["k1"], { aggregate: "count" }],
    throws:
      /^Invalid ZUNIONSTORE aggregate "count": expected "SUM", "MIN", "MAX" or "COUNT"$/,
  },
  // ZSCAN NOSCORES (Valkey 8.0)
  {
    method: "zscanNoScores",
    params: ["k1", 0],
    argv: ["ZSCAN", "k1", 0, "NOSCORES"],
  },
  {
    method: "zscanNoScores",
    params: ["k1", "42", { match: "a*", count: 10 }],
    argv: ["ZSCAN", "k1", "42", "MATCH", "a*", "COUNT", 10, "NOSCORES"],
  },
  {
    method: "zscanNoScores",
    params: ["k1", "0", { count: 0 }],
    throws: /^Invalid ZSCAN count "0": expected a positive integer$/,
  },
];
