import type { CommandCase } from "./_helpers.ts";

const bytes = new TextEncoder().encode("kb");

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  // XACK
  {
    method: "xack",
    params: ["k1", "g", "1-1"],
    argv: ["XACK", "k1", "g", "1-1"],
  },
  {
    method: "xack",
    params: ["k2", "g", "1-1", "2-2"],
    argv: ["XACK", "k2", "g", "1-1", "2-2"],
  },
  { method: "xack", params: ["k1", "g"], throws: /XACK.*at least one ID/ },

  // XADD
  {
    method: "xadd",
    params: ["k1", "*", { a: "1", b: 2 }],
    argv: ["XADD", "k1", "*", "a", "1", "b", "2"],
  },
  {
    method: "xadd",
    params: [bytes, "1-1", [["f", new Uint8Array([0xff])]]],
    argv: ["XADD", bytes, "1-1", "f", new Uint8Array([0xff])],
    name: "XADD with a byte key and byte value",
  },
  {
    method: "xadd",
    params: ["k2", "*", { a: 1 }, { nomkstream: true }],
    argv: ["XADD", "k2", "NOMKSTREAM", "*", "a", "1"],
  },
  {
    method: "xadd",
    params: ["k3", "*", { a: 1 }, { maxlen: { threshold: 10 } }],
    argv: ["XADD", "k3", "MAXLEN", "10", "*", "a", "1"],
  },
  {
    method: "xadd",
    params: ["k4", "5-*", { a: 1 }, {
      nomkstream: true,
      maxlen: { approx: true, threshold: 1000, limit: 50 },
    }],
    argv: [
      "XADD",
      "k4",
      "NOMKSTREAM",
      "MAXLEN",
      "~",
      "1000",
      "LIMIT",
      "50",
      "5-*",
      "a",
      "1",
    ],
  },
  {
    method: "xadd",
    params: ["k5", "*", { a: 1 }, { minid: { threshold: "3-0" } }],
    argv: ["XADD", "k5", "MINID", "3-0", "*", "a", "1"],
  },
  {
    method: "xadd",
    params: ["k6", "*", new Map([["f", "v"]]), {
      minid: { approx: true, threshold: "3-0" },
    }],
    argv: ["XADD", "k6", "MINID", "~", "3-0", "*", "f", "v"],
  },
  {
    method: "xadd",
    params: ["k1", "*", {}],
    throws: /XADD.*at least one field/,
  },
  {
    method: "xadd",
    params: ["k1", "*", { a: 1 }, {
      maxlen: { threshold: 1 },
      minid: { threshold: "1-1" },
    }],
    throws: /Invalid XADD options: "maxlen" and "minid" exclude each other/,
    name: "maxlen with minid",
  },
  {
    method: "xadd",
    params: ["k1", "*", { a: 1 }, {
      maxlen: { threshold: 1, limit: 5 },
    }],
    throws: /Invalid XADD trim: "limit" needs "approx: true"/,
    name: "limit without approx",
  },
  {
    method: "xadd",
    params: ["k1", "*", { a: 1 }, { maxlen: { threshold: -1 } }],
    throws: /Invalid XADD maxlen "-1": expected a non-negative integer/,
    name: "a negative maxlen",
  },
  {
    method: "xadd",
    params: ["k1", "*", { a: 1 }, { maxlen: { threshold: 1.5 } }],
    throws: /Invalid XADD maxlen "1.5"/,
    name: "a fractional maxlen",
  },

  // XAUTOCLAIM
  {
    method: "xautoclaim",
    params: ["k1", "g", "c", 1000, "0"],
    argv: ["XAUTOCLAIM", "k1", "g", "c", "1000", "0"],
  },
  {
    method: "xautoclaim",
    params: ["k2", "g", "c", 0, "0-0", { count: 25 }],
    argv: ["XAUTOCLAIM", "k2", "g", "c", "0", "0-0", "COUNT", "25"],
  },
  {
    method: "xautoclaim",
    params: ["k1", "g", "c", 0, "0", { count: 0 }],
    throws: /Invalid XAUTOCLAIM count "0": expected a positive integer/,
  },
  {
    method: "xautoclaim",
    params: ["k1", "g", "c", -5, "0"],
    throws: /Invalid XAUTOCLAIM min-idle-time "-5"/,
  },
  {
    method: "xautoclaimJustId",
    params: ["k1", "g", "c", 1000, "0"],
    argv: ["XAUTOCLAIM", "k1", "g", "c", "1000", "0", "JUSTID"],
  },
  {
    method: "xautoclaimJustId",
    params: ["k2", "g", "c", 10, "0", { count: 5 }],
    argv: ["XAUTOCLAIM", "k2", "g", "c", "10", "0", "COUNT", "5", "JUSTID"],
  },
  {
    method: "xautoclaimJustId",
    params: ["k1", "g", "c", NaN, "0"],
    throws: /Invalid XAUTOCLAIM min-idle-time "NaN"/,
  },

  // XCLAIM
  {
    method: "xclaim",
    params: ["k1", "g", "c", 0, ["1-1"]],
    argv: ["XCLAIM", "k1", "g", "c", "0", "1-1"],
  },
  {
    method: "xclaim",
    params: ["k2", "g", "c", 100, ["1-1", "2-2"], {
      idle: 5,
      retrycount: 3,
      force: true,
      lastid: "9-9",
    }],
    argv: [
      "XCLAIM",
      "k2",
      "g",
      "c",
      "100",
      "1-1",
      "2-2",
      "IDLE",
      "5",
      "RETRYCOUNT",
      "3",
      "FORCE",
      "LASTID",
      "9-9",
    ],
  },
  {
    method: "xclaim",
    params: ["k3", "g", "c", 100, ["1-1"], { time: 1700000000000 }],
    argv: ["XCLAIM", "k3", "g", "c", "100", "1-1", "TIME", "1700000000000"],
  },
  {
    method: "xclaim",
    params: ["k1", "g", "c", 0, []],
    throws: /Invalid XCLAIM call: expected at least one ID/,
  },
  {
    method: "xclaim",
    params: ["k1", "g", "c", 0, ["1-1"], { idle: 1, time: 2 }],
    throws: /Invalid XCLAIM options: "idle" and "time" exclude each other/,
  },
  {
    method: "xclaim",
    params: ["k1", "g", "c", 0, ["1-1"], { retrycount: -1 }],
    throws: /Invalid XCLAIM retrycount "-1"/,
  },
  {
    method: "xclaimJustId",
    params: ["k1", "g", "c", 0, ["1-1"]],
    argv: ["XCLAIM", "k1", "g", "c", "0", "1-1", "JUSTID"],
  },
  {
    method: "xclaimJustId",
    params: ["k2", "g", "c", 0, ["1-1"], { force: true, lastid: "2-0" }],
    argv: [
      "XCLAIM",
      "k2",
      "g",
      "c",
      "0",
      "1-1",
      "FORCE",
      "JUSTID",
      "LASTID",
      "2-0",
    ],
  },

  // XDEL
  { method: "xdel", params: ["k1", "1-1"], argv: ["XDEL", "k1", "1-1"] },
  {
    method: "xdel",
    params: ["k2", "1-1", "2-1"],
    argv: ["XDEL", "k2", "1-1", "2-1"],
  },
  { method: "xdel", params: ["k1"], throws: /XDEL.*at least one ID/ },

  // XGROUP
  {
    method: "xgroupCreate",
    params: ["k1", "g", "$"],
    argv: ["XGROUP", "CREATE", "k1", "g", "$"],
  },
  {
    method: "xgroupCreate",
    params: ["k2", "g", "0", { mkstream: true, entriesread: 3 }],
    argv: ["XGROUP", "CREATE", "k2", "g", "0", "MKSTREAM", "ENTRIESREAD", "3"],
  },
  {
    method: "xgroupCreate",
    params: ["k1", "g", "0", { entriesread: 1.5 }],
    throws: /Invalid XGROUP CREATE entriesread "1.5"/,
  },
  {
    method: "xgroupCreateconsumer",
    params: ["k1", "g", "c"],
    argv: ["XGROUP", "CREATECONSUMER", "k1", "g", "c"],
  },
  {
    method: "xgroupDelconsumer",
    params: ["k1", "g", "c"],
    argv: ["XGROUP", "DELCONSUMER", "k1", "g", "c"],
  },
  {
    method: "xgroupDestroy",
    params: ["k1", "g"],
    argv: ["XGROUP", "DESTROY", "k1", "g"],
  },
  { method: "xgroupHelp", params: [], argv: ["XGROUP", "HELP"] },
  {
    method: "xgroupSetid",
    params: ["k1", "g", "$"],
    argv: ["XGROUP", "SETID", "k1", "g", "$"],
  },
  {
    method: "xgroupSetid",
    params: ["k2", "g", "0", { entriesread: -1 }],
    argv: ["XGROUP", "SETID", "k2", "g", "0", "ENTRIESREAD", "-1"],
  },
  {
    method: "xgroupSetid",
    params: ["k1", "g", "0", { entriesread: -2 }],
    throws: /Invalid XGROUP SETID entriesread "-2"/,
  },

  // XINFO
  {
    method: "xinfoConsumers",
    params: ["k1", "g"],
    argv: ["XINFO", "CONSUMERS", "k1", "g"],
  },
  { method: "xinfoGroups", params: ["k1"], argv: ["XINFO", "GROUPS", "k1"] },
  { method: "xinfoHelp", params: [], argv: ["XINFO", "HELP"] },
  { method: "xinfoStream", params: ["k1"], argv: ["XINFO", "STREAM", "k1"] },
  {
    method: "xinfoStreamFull",
    params: ["k1"],
    argv: ["XINFO", "STREAM", "k1", "FULL"],
  },
  {
    method: "xinfoStreamFull",
    params: ["k2", { count: 0 }],
    argv: ["XINFO", "STREAM", "k2", "FULL", "COUNT", "0"],
  },
  {
    method: "xinfoStreamFull",
    params: ["k1", { count: -1 }],
    throws: /Invalid XINFO STREAM count "-1"/,
  },

  // XLEN
  { method: "xlen", params: ["k1"], argv: ["XLEN", "k1"] },

  // XPENDING
  { method: "xpending", params: ["k1", "g"], argv: ["XPENDING", "k1", "g"] },
  {
    method: "xpendingRange",
    params: ["k1", "g", { start: "-", end: "+", count: 10 }],
    argv: ["XPENDING", "k1", "g", "-", "+", "10"],
  },
  {
    method: "xpendingRange",
    params: ["k2", "g", {
      idle: 500,
      start: "(1-1",
      end: "+",
      count: 5,
      consumer: "c",
    }],
    argv: ["XPENDING", "k2", "g", "IDLE", "500", "(1-1", "+", "5", "c"],
  },
  {
    method: "xpendingRange",
    params: ["k1", "g", { start: "-", end: "+", count: -1 }],
    throws: /Invalid XPENDING count "-1"/,
  },

  // XRANGE / XREVRANGE
  {
    method: "xrange",
    params: ["k1", "-", "+"],
    argv: ["XRANGE", "k1", "-", "+"],
  },
  {
    method: "xrange",
    params: ["k2", "(1-1", "5", { count: 2 }],
    argv: ["XRANGE", "k2", "(1-1", "5", "COUNT", "2"],
  },
  {
    method: "xrange",
    params: ["k1", "-", "+", { count: 1.5 }],
    throws: /Invalid XRANGE count "1.5": expected a non-negative integer/,
  },
  {
    method: "xrevrange",
    params: ["k1", "+", "-"],
    argv: ["XREVRANGE", "k1", "+", "-"],
  },
  {
    method: "xrevrange",
    params: ["k2", "+", "-", { count: 1 }],
    argv: ["XREVRANGE", "k2", "+", "-", "COUNT", "1"],
  },

  // XREAD
  {
    method: "xread",
    params: [[{ key: "k1", id: "0" }]],
    argv: ["XREAD", "STREAMS", "k1", "0"],
  },
  {
    method: "xread",
    params: [[{ key: "k1", id: "0" }, { key: "k2", id: "$" }], {
      count: 5,
      block: 100,
    }],
    argv: [
      "XREAD",
      "COUNT",
      "5",
      "BLOCK",
      "100",
      "STREAMS",
      "k1",
      "k2",
      "0",
      "$",
    ],
  },
  {
    method: "xread",
    params: [[{ key: "k3", id: "1-1" }], { block: 0 }],
    argv: ["XREAD", "BLOCK", "0", "STREAMS", "k3", "1-1"],
  },
  { method: "xread", params: [[]], throws: /XREAD.*at least one stream/ },
  {
    method: "xread",
    params: [[{ key: "k1", id: "0" }], { block: -1 }],
    throws: /Invalid XREAD block "-1"/,
  },

  // XREADGROUP
  {
    method: "xreadgroup",
    params: ["g", "c", [{ key: "k1", id: ">" }]],
    argv: ["XREADGROUP", "GROUP", "g", "c", "STREAMS", "k1", ">"],
  },
  {
    method: "xreadgroup",
    params: ["STREAMS", "c", [{ key: "k1", id: ">" }, { key: "k2", id: "0" }], {
      count: 1,
      block: 10,
      noack: true,
    }],
    argv: [
      "XREADGROUP",
      "GROUP",
      "STREAMS",
      "c",
      "COUNT",
      "1",
      "BLOCK",
      "10",
      "NOACK",
      "STREAMS",
      "k1",
      "k2",
      ">",
      "0",
    ],
    name: "XREADGROUP with a group named STREAMS and every option",
  },
  {
    method: "xreadgroup",
    params: ["g", "c", []],
    throws: /XREADGROUP.*at least one stream/,
  },
  {
    method: "xreadgroup",
    params: ["g", "c", [{ key: "k1", id: ">" }], { count: -1 }],
    throws: /Invalid XREADGROUP count "-1"/,
  },

  // XSETID
  { method: "xsetid", params: ["k1", "5-0"], argv: ["XSETID", "k1", "5-0"] },
  {
    method: "xsetid",
    params: ["k2", "5-0", { entriesadded: 5, maxdeletedid: "2-0" }],
    argv: [
      "XSETID",
      "k2",
      "5-0",
      "ENTRIESADDED",
      "5",
      "MAXDELETEDID",
      "2-0",
    ],
  },
  {
    method: "xsetid",
    params: ["k1", "5-0", { entriesadded: -1 }],
    throws: /Invalid XSETID entriesadded "-1"/,
  },

  // XTRIM
  {
    method: "xtrim",
    params: ["k1", { maxlen: { threshold: 0 } }],
    argv: ["XTRIM", "k1", "MAXLEN", "0"],
  },
  {
    method: "xtrim",
    params: ["k2", { minid: { approx: true, threshold: "5-0", limit: 10 } }],
    argv: ["XTRIM", "k2", "MINID", "~", "5-0", "LIMIT", "10"],
  },
  {
    method: "xtrim",
    params: ["k1", {}],
    throws: /Invalid XTRIM trim: expected "maxlen" or "minid"/,
  },
  {
    method: "xtrim",
    params: ["k1", { minid: { threshold: "1-1", limit: 1 } }],
    throws: /Invalid XTRIM trim: "limit" needs "approx: true"/,
  },

  // Newer than Redis 7.0.
  // XREAD with "+" (Redis 7.4, Valkey 8.0): only the last entry.
  {
    method: "xread",
    params: [[{ key: "k1", id: "+" }, { key: "k2", id: "+" }]],
    argv: ["XREAD", "STREAMS", "k1", "k2", "+", "+"],
  },
  // XREAD MAXCOUNT and MAXSIZE (Redis 8.10).
  {
    method: "xread",
    params: [[{ key: "k1", id: "0" }, { key: "k2", id: "0" }], {
      count: 2,
      maxcount: 3,
      maxsize: 4096,
      block: 10,
    }],
    argv: [
      "XREAD",
      "COUNT",
      "2",
      "MAXCOUNT",
      "3",
      "MAXSIZE",
      "4096",
      "BLOCK",
      "10",
      "STREAMS",
      "k1",
      "k2",
      "0",
      "0",
    ],
  },
  {
    method: "xread",
    params: [[{ key: "k1", id: "0" }], { maxcount: 0 }],
    throws: /^Invalid XREAD maxcount "0": expected a positive integer$/,
  },
  {
    method: "xread",
    params: [[{ key: "k1", id: "0" }], { maxsize: 1.5 }],
    throws: /^Invalid XREAD maxsize "1.5": expected a positive integer$/,
  },
  {
    method: "xread",
    params: [[{ key: "k1", id: "0" }], { claim: 10 }],
    throws: /^Unknown XREAD option "claim"/,
    name: "claim, an XREADGROUP option",
  },
  // XREADGROUP CLAIM (Redis 8.4), MAXCOUNT and MAXSIZE (Redis 8.10).
  {
    method: "xreadgroup",
    params: ["g", "c", [{ key: "k1", id: ">" }], { claim: 60000 }],
    argv: [
      "XREADGROUP",
      "GROUP",
      "g",
      "c",
      "CLAIM",
      "60000",
      "STREAMS",
      "k1",
      ">",
    ],
  },
  {
    method: "xreadgroup",
    params: ["g", "c", [{ key: "k1", id: ">" }, { key: "k2", id: ">" }], {
      count: 5,
      maxcount: 8,
      maxsize: 65536,
      block: 100,
      claim: 0,
      noack: true,
    }],
    argv: [
      "XREADGROUP",
      "GROUP",
      "g",
      "c",
      "COUNT",
      "5",
      "MAXCOUNT",
      "8",
      "MAXSIZE",
      "65536",
      "BLOCK",
      "100",
      "CLAIM",
      "0",
      "NOACK",
      "STREAMS",
      "k1",
      "k2",
      ">",
      ">",
    ],
    name: "XREADGROUP with every option, newer ones included",
  },
  {
    method: "xreadgroup",
    params: ["g", "c", [{ key: "k1", id: ">" }], { claim: -1 }],
    throws: /^Invalid XREADGROUP claim "-1": expected a non-negative integer$/,
  },
  {
    method: "xreadgroup",
    params: ["g", "c", [{ key: "k1", id: ">" }], { maxcount: -2 }],
    throws: /^Invalid XREADGROUP maxcount "-2": expected a positive integer$/,
  },
  // XADD KEEPREF | DELREF | ACKED (Redis 8.2), IDMP and IDMPAUTO (Redis 8.6).
  {
    method: "xadd",
    params: ["k1", "*", { a: 1 }, {
      policy: "ACKED",
      maxlen: { threshold: 100 },
    }],
    argv: ["XADD", "k1", "ACKED", "MAXLEN", "100", "*", "a", "1"],
  },
  {
    method: "xadd",
    params: ["k2", "*", { a: 1 }, {
      nomkstream: true,
      policy: "DELREF",
      idmp: { producer: "p1", iid: "order-1" },
      minid: { approx: true, threshold: "5-0", limit: 10 },
    }],
    argv: [
      "XADD",
      "k2",
      "NOMKSTREAM",
      "DELREF",
      "IDMP",
      "p1",
      "order-1",
      "MINID",
      "~",
      "5-0",
      "LIMIT",
      "10",
      "*",
      "a",
      "1",
    ],
    name: "XADD with every option, newer ones included",
  },
  {
    method: "xadd",
    params: ["k3", "*", { a: 1 }, { idmpauto: "p1" }],
    argv: ["XADD", "k3", "IDMPAUTO", "p1", "*", "a", "1"],
  },
  {
    method: "xadd",
    params: ["k4", "*", { a: 1 }, { policy: "KEEPREF" }],
    argv: ["XADD", "k4", "KEEPREF", "*", "a", "1"],
  },
  {
    method: "xadd",
    params: ["k1", "*", { a: 1 }, { policy: "keepref" }],
    throws:
      /^Invalid XADD policy "keepref": expected "KEEPREF", "DELREF" or "ACKED"$/,
  },
  {
    method: "xadd",
    params: ["k1", "*", { a: 1 }, {
      idmp: { producer: "p1", iid: "i1" },
      idmpauto: "p1",
    }],
    throws: /^Invalid XADD options: "idmp" and "idmpauto" exclude each other$/,
  },
  {
    method: "xadd",
    params: ["k1", "*", { a: 1 }, { idmp: { producer: "", iid: "i1" } }],
    throws: /^Invalid XADD producer "": expected a non-empty ID$/,
  },
  {
    method: "xadd",
    params: ["k1", "*", { a: 1 }, { idmp: { producer: "p1" } }],
    throws: /^Invalid XADD iid "": expected a non-empty ID$/,
    name: "idmp without iid",
  },
  {
    method: "xadd",
    params: ["k1", "*", { a: 1 }, { idmpauto: "" }],
    throws: /^Invalid XADD idmpauto "": expected a non-empty ID$/,
  },
  {
    method: "xadd",
    params: ["k1", "*", { a: 1 }, { idmp: { pid: "p1", iid: "i1" } }],
    throws: /^Unknown XADD idmp option "pid"/,
  },
  // XTRIM KEEPREF | DELREF | ACKED (Redis 8.2).
  {
    method: "xtrim",
    params: ["k1", { maxlen: { threshold: 0 } }, { policy: "ACKED" }],
    argv: ["XTRIM", "k1", "MAXLEN", "0", "ACKED"],
  },
  {
    method: "xtrim",
    params: ["k2", { minid: { approx: true, threshold: "5-0", limit: 10 } }, {
      policy: "DELREF",
    }],
    argv: ["XTRIM", "k2", "MINID", "~", "5-0", "LIMIT", "10", "DELREF"],
  },
  {
    method: "xtrim",
    params: ["k1", { maxlen: { threshold: 0 } }, { policy: "ALL" }],
    throws:
      /^Invalid XTRIM policy "ALL": expected "KEEPREF", "DELREF" or "ACKED"$/,
  },
  // XDELEX (Redis 8.2)
  {
    method: "xdelex",
    params: ["k1", ["1-1"]],
    argv: ["XDELEX", "k1", "IDS", "1", "1-1"],
  },
  {
    method: "xdelex",
    params: ["k2", ["1-1", "2-1"], { policy: "ACKED" }],
    argv: ["XDELEX", "k2", "ACKED", "IDS", "2", "1-1", "2-1"],
  },
  {
    method: "xdelex",
    params: [bytes, ["1-1"], { policy: "DELREF" }],
    argv: ["XDELEX", bytes, "DELREF", "IDS", "1", "1-1"],
    name: "XDELEX with a byte key",
  },
  {
    method: "xdelex",
    params: ["k1", []],
    throws: /^Invalid XDELEX call: expected at least one ID$/,
  },
  {
    method: "xdelex",
    params: ["k1", "1-1"],
    throws: /^Invalid XDELEX ids: expected an array of IDs, got string$/,
    name: "an ID not in an array",
  },
  {
    method: "xdelex",
    params: ["k1", ["1-1"], { policy: "NONE" }],
    throws: /^Invalid XDELEX policy "NONE"/,
  },
  // XACKDEL (Redis 8.2)
  {
    method: "xackdel",
    params: ["k1", "g", ["1-1"]],
    argv: ["XACKDEL", "k1", "g", "IDS", "1", "1-1"],
  },
  {
    method: "xackdel",
    params: ["k2", "IDS", ["1-1", "2-1", "3-1"], { policy: "KEEPREF" }],
    argv: ["XACKDEL", "k2", "IDS", "KEEPREF", "IDS", "3", "1-1", "2-1", "3-1"],
    name: "XACKDEL with a group named IDS",
  },
  {
    method: "xackdel",
    params: ["k1", "g", []],
    throws: /^Invalid XACKDEL call: expected at least one ID$/,
  },
  {
    method: "xackdel",
    params: ["k1", "g", ["1-1"], { mode: "ACKED" }],
    throws: /^Unknown XACKDEL option "mode"/,
  },
  // XCFGSET (Redis 8.6)
  {
    method: "xcfgset",
    params: ["k1", { idmpDuration: 300 }],
    argv: ["XCFGSET", "k1", "IDMP-DURATION", "300"],
  },
  {
    method: "xcfgset",
    params: ["k2", { idmpDuration: 600, idmpMaxsize: 500 }],
    argv: ["XCFGSET", "k2", "IDMP-DURATION", "600", "IDMP-MAXSIZE", "500"],
  },
  {
    method: "xcfgset",
    params: ["k1", {}],
    throws:
      /^Invalid XCFGSET options: expected "idmpDuration" or "idmpMaxsize"$/,
  },
  {
    method: "xcfgset",
    params: ["k1", { idmpMaxsize: 0 }],
    throws: /^Invalid XCFGSET idmpMaxsize "0": expected a positive integer$/,
  },
  // XNACK (Redis 8.8)
  {
    method: "xnack",
    params: ["k1", "g", "FAIL", ["1-1"]],
    argv: ["XNACK", "k1", "g", "FAIL", "IDS", "1", "1-1"],
  },
  {
    method: "xnack",
    params: ["k2", "g", "FATAL", ["1-1", "2-1"], {
      retrycount: 3,
      force: true,
    }],
    argv: [
      "XNACK",
      "k2",
      "g",
      "FATAL",
      "IDS",
      "2",
      "1-1",
      "2-1",
      "RETRYCOUNT",
      "3",
      "FORCE",
    ],
  },
  {
    method: "xnack",
    params: ["k3", "g", "SILENT", ["1-1"], { force: false }],
    argv: ["XNACK", "k3", "g", "SILENT", "IDS", "1", "1-1"],
  },
  {
    method: "xnack",
    params: ["k1", "g", "fail", ["1-1"]],
    throws: /^Invalid XNACK mode "fail": expected "SILENT", "FAIL" or "FATAL"$/,
  },
  {
    method: "xnack",
    params: ["k1", "g", "FAIL", []],
    throws: /^Invalid XNACK call: expected at least one ID$/,
  },
  {
    method: "xnack",
    params: ["k1", "g", "FAIL", ["1-1"], { retrycount: -1 }],
    throws: /^Invalid XNACK retrycount "-1": expected a non-negative integer$/,
  },
];
