import type { CommandCase } from "./_helpers.ts";

const bytes = new Uint8Array([0x62, 0x69, 0x6e]);

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  // BLMOVE
  {
    method: "blmove",
    params: ["k1", "k2", "LEFT", "RIGHT", 0],
    argv: ["BLMOVE", "k1", "k2", "LEFT", "RIGHT", 0],
  },
  {
    method: "blmove",
    params: ["k1", "k2", "RIGHT", "LEFT", 0.25],
    argv: ["BLMOVE", "k1", "k2", "RIGHT", "LEFT", "0.25"],
  },
  {
    method: "blmove",
    params: ["k1", "k2", "left", "RIGHT", 0],
    throws: /Invalid BLMOVE wherefrom "left": expected "LEFT" or "RIGHT"/,
  },
  {
    method: "blmove",
    params: ["k1", "k2", "LEFT", "UP", 0],
    throws: /Invalid BLMOVE whereto "UP"/,
  },
  {
    method: "blmove",
    params: ["k1", "k2", "LEFT", "RIGHT", -1],
    throws: /Invalid BLMOVE timeout "-1": expected a non-negative number/,
  },
  // BLMPOP
  {
    method: "blmpop",
    params: [["k1", "k2"], "LEFT", 1.5],
    argv: ["BLMPOP", "1.5", 2, "k1", "k2", "LEFT"],
  },
  {
    method: "blmpop",
    params: [["k1"], "RIGHT", 0, { count: 3 }],
    argv: ["BLMPOP", 0, 1, "k1", "RIGHT", "COUNT", 3],
  },
  {
    method: "blmpop",
    params: [[], "LEFT", 0],
    throws: /Invalid BLMPOP call: expected at least one key/,
  },
  {
    method: "blmpop",
    params: [["k1"], "LEFT", Infinity],
    throws: /Invalid BLMPOP timeout "Infinity"/,
  },
  {
    method: "blmpop",
    params: [["k1"], "LEFT", 0, { count: 0 }],
    throws: /Invalid BLMPOP count "0": expected a positive integer/,
  },
  // BLPOP / BRPOP
  {
    method: "blpop",
    params: [["k1", "k2"], 0],
    argv: ["BLPOP", "k1", "k2", 0],
  },
  {
    method: "blpop",
    params: [[bytes], 0.1],
    argv: ["BLPOP", bytes, "0.1"],
  },
  {
    method: "blpop",
    params: [[], 0],
    throws: /Invalid BLPOP call: expected at least one key/,
  },
  {
    method: "blpop",
    params: [["k1"], NaN],
    throws: /Invalid BLPOP timeout "NaN"/,
  },
  {
    method: "brpop",
    params: [["k1", "k2", "k3"], 2],
    argv: ["BRPOP", "k1", "k2", "k3", 2],
  },
  {
    method: "brpop",
    params: [["k1"], -0.5],
    throws: /Invalid BRPOP timeout "-0.5"/,
  },
  // BRPOPLPUSH
  {
    method: "brpoplpush",
    params: ["k1", "k2", 0],
    argv: ["BRPOPLPUSH", "k1", "k2", 0],
  },
  {
    method: "brpoplpush",
    params: ["k1", "k2", -1],
    throws: /Invalid BRPOPLPUSH timeout "-1"/,
  },
  // LINDEX
  { method: "lindex", params: ["k1", -1], argv: ["LINDEX", "k1", -1] },
  {
    method: "lindex",
    params: ["k1", 1.5],
    throws: /Invalid LINDEX index "1.5": expected an integer/,
  },
  // LINSERT
  {
    method: "linsert",
    params: ["k1", "BEFORE", "pivot", "x"],
    argv: ["LINSERT", "k1", "BEFORE", "pivot", "x"],
  },
  {
    method: "linsert",
    params: ["k1", "AFTER", 1, bytes],
    argv: ["LINSERT", "k1", "AFTER", 1, bytes],
  },
  {
    method: "linsert",
    params: ["k1", "after", "p", "x"],
    throws: /Invalid LINSERT where "after": expected "BEFORE" or "AFTER"/,
  },
  // LLEN
  { method: "llen", params: ["k1"], argv: ["LLEN", "k1"] },
  // LMOVE
  {
    method: "lmove",
    params: ["k1", "k2", "RIGHT", "RIGHT"],
    argv: ["LMOVE", "k1", "k2", "RIGHT", "RIGHT"],
  },
  {
    method: "lmove",
    params: ["k1", "k2", "LEFT", "MIDDLE"],
    throws: /Invalid LMOVE whereto "MIDDLE"/,
  },
  // LMPOP
  {
    method: "lmpop",
    params: [["k1", "k2", "k3"], "RIGHT"],
    argv: ["LMPOP", 3, "k1", "k2", "k3", "RIGHT"],
  },
  {
    method: "lmpop",
    params: [["k1"], "LEFT", { count: 10 }],
    argv: ["LMPOP", 1, "k1", "LEFT", "COUNT", 10],
  },
  {
    method: "lmpop",
    params: [[], "LEFT"],
    throws: /Invalid LMPOP call: expected at least one key/,
  },
  {
    method: "lmpop",
    params: [["k1"], "TOP"],
    throws: /Invalid LMPOP where "TOP"/,
  },
  {
    method: "lmpop",
    params: [["k1"], "LEFT", { count: -2 }],
    throws: /Invalid LMPOP count "-2": expected a positive integer/,
  },
  // LPOP / RPOP
  { method: "lpop", params: ["k1"], argv: ["LPOP", "k1"] },
  { method: "lpopCount", params: ["k1", 3], argv: ["LPOP", "k1", 3] },
  { method: "lpopCount", params: ["k1", 0], argv: ["LPOP", "k1", 0] },
  {
    method: "lpopCount",
    params: ["k1", -1],
    throws: /Invalid LPOP count "-1": expected a non-negative integer/,
  },
  {
    method: "lpopCount",
    params: ["k1", 2.5],
    throws: /Invalid LPOP count "2.5"/,
  },
  { method: "rpop", params: ["k1"], argv: ["RPOP", "k1"] },
  { method: "rpopCount", params: ["k1", 2], argv: ["RPOP", "k1", 2] },
  {
    method: "rpopCount",
    params: ["k1", NaN],
    throws: /Invalid RPOP count "NaN"/,
  },
  // LPOS
  { method: "lpos", params: ["k1", "a"], argv: ["LPOS", "k1", "a"] },
  {
    method: "lpos",
    params: ["k1", "a", { rank: -2, maxlen: 100 }],
    argv: ["LPOS", "k1", "a", "RANK", -2, "MAXLEN", 100],
  },
  {
    method: "lpos",
    params: ["k1", "a", { rank: 0 }],
    throws: /Invalid LPOS rank "0": expected a non-zero integer/,
  },
  {
    method: "lpos",
    params: ["k1", "a", { maxlen: -1 }],
    throws: /Invalid LPOS maxlen "-1": expected a non-negative integer/,
  },
  {
    method: "lposCount",
    params: ["k1", "a", 0],
    argv: ["LPOS", "k1", "a", "COUNT", 0],
  },
  {
    method: "lposCount",
    params: ["k1", bytes, 2, { rank: 1, maxlen: 0 }],
    argv: ["LPOS", "k1", bytes, "RANK", 1, "COUNT", 2, "MAXLEN", 0],
  },
  {
    method: "lposCount",
    params: ["k1", "a", -1],
    throws: /Invalid LPOS count "-1": expected a non-negative integer/,
  },
  // LPUSH / LPUSHX / RPUSH / RPUSHX
  {
    method: "lpush",
    params: ["k1", "a", 2, bytes],
    argv: ["LPUSH", "k1", "a", 2, bytes],
  },
  {
    method: "lpush",
    params: ["k1"],
    throws: /Invalid LPUSH call: expected at least one element/,
  },
  { method: "lpushx", params: ["k1", "a"], argv: ["LPUSHX", "k1", "a"] },
  {
    method: "lpushx",
    params: ["k1"],
    throws: /Invalid LPUSHX call: expected at least one element/,
  },
  {
    method: "rpush",
    params: [bytes, "a", "b"],
    argv: ["RPUSH", bytes, "a", "b"],
  },
  {
    method: "rpush",
    params: ["k1"],
    throws: /Invalid RPUSH call: expected at least one element/,
  },
  { method: "rpushx", params: ["k1", "a"], argv: ["RPUSHX", "k1", "a"] },
  {
    method: "rpushx",
    params: ["k1"],
    throws: /Invalid RPUSHX call: expected at least one element/,
  },
  // LRANGE / LREM / LSET / LTRIM
  { method: "lrange", params: ["k1", 0, -1], argv: ["LRANGE", "k1", 0, -1] },
  {
    method: "lrange",
    params: ["k1", 0, NaN],
    throws: /Invalid LRANGE stop "NaN": expected an integer/,
  },
  { method: "lrem", params: ["k1", -2, "a"], argv: ["LREM", "k1", -2, "a"] },
  {
    method: "lrem",
    params: ["k1", 0.5, "a"],
    throws: /Invalid LREM count "0.5": expected an integer/,
  },
  { method: "lset", params: ["k1", 0, "a"], argv: ["LSET", "k1", 0, "a"] },
  {
    method: "lset",
    params: ["k1", Infinity, "a"],
    throws: /Invalid LSET index "Infinity": expected an integer/,
  },
  { method: "ltrim", params: ["k1", 1, -2], argv: ["LTRIM", "k1", 1, -2] },
  {
    method: "ltrim",
    params: ["k1", "0", 1],
    throws: /Invalid LTRIM start "0": expected an integer/,
  },
  // RPOPLPUSH
  {
    method: "rpoplpush",
    params: ["k1", "k2"],
    argv: ["RPOPLPUSH", "k1", "k2"],
  },
  // LMOVEM, BLMOVEM (Redis 8.10)
  {
    method: "lmovem",
    params: ["k1", "k2", "LEFT", "RIGHT"],
    argv: ["LMOVEM", "k1", "k2", "LEFT", "RIGHT"],
  },
  {
    method: "lmovem",
    params: ["k1", "k2", "RIGHT", "LEFT", { count: 3, order: "OBO" }],
    argv: ["LMOVEM", "k1", "k2", "RIGHT", "LEFT", "COUNT", 3, "OBO"],
  },
  {
    method: "lmovem",
    params: ["k1", "k1", "LEFT", "LEFT", { exactly: 2, order: "BULK" }],
    argv: ["LMOVEM", "k1", "k1", "LEFT", "LEFT", "EXACTLY", 2, "BULK"],
  },
  {
    method: "lmovem",
    params: ["k1", "k2", "LEFT", "RIGHT", {}],
    argv: ["LMOVEM", "k1", "k2", "LEFT", "RIGHT"],
    name: '"LMOVEM k1 k2 LEFT RIGHT" from empty options',
  },
  {
    method: "lmovem",
    params: ["k1", "k2", "LEFT", "RIGHT", { count: 2 }],
    throws: /^Invalid LMOVEM options: "count" needs "order"$/,
  },
  {
    method: "lmovem",
    params: ["k1", "k2", "LEFT", "RIGHT", { order: "BULK" }],
    throws: /^Invalid LMOVEM options: "order" needs "count" or "exactly"$/,
  },
  {
    method: "lmovem",
    params: ["k1", "k2", "LEFT", "RIGHT", {
      count: 2,
      exactly: 2,
      order: "OBO",
    }],
    throws:
      /^Invalid LMOVEM options: "count" and "exactly" exclude each other$/,
  },
  {
    method: "lmovem",
    params: ["k1", "k2", "LEFT", "RIGHT", { count: 0, order: "OBO" }],
    throws: /^Invalid LMOVEM count "0": expected a positive integer$/,
  },
  {
    method: "lmovem",
    params: ["k1", "k2", "LEFT", "RIGHT", { exactly: 1.5, order: "OBO" }],
    throws: /^Invalid LMOVEM exactly "1.5": expected a positive integer$/,
  },
  {
    method: "lmovem",
    params: ["k1", "k2", "LEFT", "RIGHT", { count: 2, order: "LIFO" }],
    throws: /^Invalid LMOVEM order "LIFO": expected "OBO" or "BULK"$/,
  },
  {
    method: "lmovem",
    params: ["k1", "k2", "UP", "RIGHT"],
    throws: /^Invalid LMOVEM wherefrom "UP": expected "LEFT" or "RIGHT"$/,
  },
  {
    method: "lmovem",
    params: ["k1", "k2", "LEFT", "RIGHT", { Count: 2, order: "OBO" }],
    throws: /^Unknown LMOVEM option "Count": did you mean "count"\?$/,
  },
  {
    method: "blmovem",
    params: ["k1", "k2", "LEFT", "RIGHT", 0],
    argv: ["BLMOVEM", "k1", "k2", "LEFT", "RIGHT", 0],
  },
  {
    method: "blmovem",
    params: ["k1", "k2", "LEFT", "RIGHT", 1.5, { exactly: 3, order: "BULK" }],
    argv: ["BLMOVEM", "k1", "k2", "LEFT", "RIGHT", 1.5, "EXACTLY", 3, "BULK"],
  },
  {
    method: "blmovem",
    params: ["k1", "k2", "LEFT", "RIGHT", -1],
    throws:
      /^Invalid BLMOVEM timeout "-1": expected a non-negative number of seconds$/,
  },
  {
    method: "blmovem",
    params: ["k1", "k2", "LEFT", "RIGHT", 0, { count: -2, order: "OBO" }],
    throws: /^Invalid BLMOVEM count "-2": expected a positive integer$/,
  },
];
