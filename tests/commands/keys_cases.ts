import type { CommandCase } from "./_helpers.ts";
import { utf8 } from "./_helpers.ts";

const payload = new Uint8Array([0x00, 0xc0, 0x01, 0x0a, 0x00]);

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  // COPY
  { method: "copy", params: ["k1", "k2"], argv: ["COPY", "k1", "k2"] },
  {
    method: "copy",
    params: ["k1", "k2", { db: 3, replace: true }],
    argv: ["COPY", "k1", "k2", "DB", 3, "REPLACE"],
  },
  {
    method: "copy",
    params: ["k1", "k2", { db: 0 }],
    argv: ["COPY", "k1", "k2", "DB", 0],
  },
  {
    method: "copy",
    params: ["k1", "k2", { db: -1 }],
    throws: /^Invalid COPY db "-1": expected a non-negative integer$/,
  },
  {
    method: "copy",
    params: ["k1", "k2", { db: 1.5 }],
    throws: /^Invalid COPY db "1\.5"/,
  },

  // DEL, UNLINK, TOUCH, EXISTS
  { method: "del", params: ["k1"], argv: ["DEL", "k1"] },
  {
    method: "del",
    params: ["k1", utf8("k2"), "k3"],
    argv: ["DEL", "k1", utf8("k2"), "k3"],
  },
  {
    method: "del",
    params: [],
    throws: /^Invalid DEL call: expected at least one key$/,
  },
  { method: "unlink", params: ["k1", "k2"], argv: ["UNLINK", "k1", "k2"] },
  {
    method: "unlink",
    params: [],
    throws: /^Invalid UNLINK call: expected at least one key$/,
  },
  { method: "touch", params: ["k1", "k2"], argv: ["TOUCH", "k1", "k2"] },
  {
    method: "touch",
    params: [],
    throws: /^Invalid TOUCH call: expected at least one key$/,
  },
  { method: "exists", params: ["k1"], argv: ["EXISTS", "k1"] },
  {
    method: "existsCount",
    params: ["k1", "k2", "k1"],
    argv: ["EXISTS", "k1", "k2", "k1"],
  },
  {
    method: "existsCount",
    params: [],
    throws: /^Invalid EXISTS call: expected at least one key$/,
  },

  // DUMP, RESTORE
  { method: "dump", params: ["k1"], argv: ["DUMP", "k1"] },
  {
    method: "restore",
    params: ["k1", 0, payload],
    argv: ["RESTORE", "k1", 0, payload],
    name: '"RESTORE k1 0 <payload>"',
  },
  {
    method: "restore",
    params: ["k1", 1000, payload, { replace: true, absttl: true, idletime: 5 }],
    argv: ["RESTORE", "k1", 1000, payload, "REPLACE", "ABSTTL", "IDLETIME", 5],
    name: '"RESTORE k1 1000 <payload> REPLACE ABSTTL IDLETIME 5"',
  },
  {
    method: "restore",
    params: ["k1", 0, payload, { freq: 255 }],
    argv: ["RESTORE", "k1", 0, payload, "FREQ", 255],
    name: '"RESTORE k1 0 <payload> FREQ 255"',
  },
  {
    method: "restore",
    params: ["k1", 0, payload, { idletime: 1, freq: 2 }],
    throws:
      /^Invalid RESTORE options: "idletime" and "freq" exclude each other$/,
  },
  {
    method: "restore",
    params: ["k1", -1, payload],
    throws: /^Invalid RESTORE ttl "-1": expected a non-negative integer$/,
  },
  {
    method: "restore",
    params: ["k1", 0, payload, { freq: 256 }],
    throws: /^Invalid RESTORE freq "256": expected an integer from 0 to 255$/,
  },
  {
    method: "restore",
    params: ["k1", 0, payload, { idletime: -5 }],
    throws: /^Invalid RESTORE idletime "-5"/,
  },
  {
    method: "restore",
    params: ["k1", 0, "not bytes"],
    throws: /^Invalid RESTORE serialized value: expected a Uint8Array/,
  },

  // EXPIRE family
  { method: "expire", params: ["k1", 10], argv: ["EXPIRE", "k1", 10] },
  {
    method: "expire",
    params: ["k1", -1],
    argv: ["EXPIRE", "k1", -1],
  },
  {
    method: "expire",
    params: ["k1", 10, { nx: true }],
    argv: ["EXPIRE", "k1", 10, "NX"],
  },
  {
    method: "expire",
    params: ["k1", 10, { xx: true }],
    argv: ["EXPIRE", "k1", 10, "XX"],
  },
  {
    method: "expire",
    params: ["k1", 10, { gt: true }],
    argv: ["EXPIRE", "k1", 10, "GT"],
  },
  {
    method: "expire",
    params: ["k1", 10, { lt: true }],
    argv: ["EXPIRE", "k1", 10, "LT"],
  },
  {
    method: "expire",
    params: ["k1", 10, { xx: true, gt: true }],
    argv: ["EXPIRE", "k1", 10, "XX", "GT"],
  },
  {
    method: "expire",
    params: ["k1", 10, { xx: true, lt: true }],
    argv: ["EXPIRE", "k1", 10, "XX", "LT"],
  },
  {
    method: "expire",
    params: ["k1", 10, { gt: true, lt: true }],
    throws: /^Invalid EXPIRE options: "gt" and "lt" exclude each other$/,
  },
  {
    method: "expire",
    params: ["k1", 10, { nx: true, xx: true }],
    throws: /^Invalid EXPIRE options: "nx" and "xx" exclude each other$/,
  },
  {
    method: "expire",
    params: ["k1", 10, { nx: true, gt: true }],
    throws: /^Invalid EXPIRE options: "nx" and "gt" exclude each other$/,
  },
  {
    method: "expire",
    params: ["k1", 10, { nx: true, lt: true }],
    throws: /^Invalid EXPIRE options: "nx" and "lt" exclude each other$/,
  },
  {
    method: "expire",
    params: ["k1", 1.5],
    throws: /^Invalid EXPIRE seconds "1\.5": expected an integer$/,
  },
  {
    method: "expire",
    params: ["k1", NaN],
    throws: /^Invalid EXPIRE seconds "NaN": expected an integer$/,
  },
  {
    method: "pexpire",
    params: ["k1", 1500, { lt: true }],
    argv: ["PEXPIRE", "k1", 1500, "LT"],
  },
  {
    method: "pexpire",
    params: ["k1", 1.5],
    throws: /^Invalid PEXPIRE milliseconds "1\.5": expected an integer$/,
  },
  {
    method: "expireat",
    params: ["k1", 1700000000, { nx: true }],
    argv: ["EXPIREAT", "k1", 1700000000, "NX"],
  },
  {
    method: "expireat",
    params: ["k1", 1700000000, { gt: true, lt: true }],
    throws: /^Invalid EXPIREAT options: "gt" and "lt" exclude each other$/,
  },
  {
    method: "pexpireat",
    params: ["k1", 1700000000000, { xx: true, gt: true }],
    argv: ["PEXPIREAT", "k1", 1700000000000, "XX", "GT"],
  },
  {
    method: "pexpireat",
    params: ["k1", Infinity],
    throws: /^Invalid PEXPIREAT unix time "Infinity": expected an integer$/,
  },
  { method: "expiretime", params: ["k1"], argv: ["EXPIRETIME", "k1"] },
  { method: "pexpiretime", params: ["k1"], argv: ["PEXPIRETIME", "k1"] },
  { method: "ttl", params: ["k1"], argv: ["TTL", "k1"] },
  { method: "pttl", params: ["k1"], argv: ["PTTL", "k1"] },
  { method: "persist", params: ["k1"], argv: ["PERSIST", "k1"] },

  // KEYS, RANDOMKEY, SCAN, TYPE
  { method: "keys", params: ["user:*"], argv: ["KEYS", "user:*"] },
  { method: "randomkey", params: [], argv: ["RANDOMKEY"] },
  { method: "scan", params: ["0"], argv: ["SCAN", "0"] },
  {
    method: "scan",
    params: ["17", { match: "user:*", count: 100, type: "hash" }],
    argv: ["SCAN", "17", "MATCH", "user:*", "COUNT", 100, "TYPE", "hash"],
  },
  {
    method: "scan",
    params: ["0", { count: 0 }],
    throws: /^Invalid SCAN count "0": expected a positive integer$/,
  },
  { method: "type", params: ["k1"], argv: ["TYPE", "k1"] },

  // MIGRATE
  {
    method: "migrate",
    params: ["127.0.0.1", 6380, ["k1"], 0, 5000],
    argv: ["MIGRATE", "127.0.0.1", 6380, "", 0, 5000, "KEYS", "k1"],
  },
  {
    method: "migrate",
    params: ["127.0.0.1", 6380, ["k1", "k2"], 2, 100, {
      copy: true,
      replace: true,
      auth: "keys",
    }],
    argv: [
      "MIGRATE",
      "127.0.0.1",
      6380,
      "",
      2,
      100,
      "COPY",
      "REPLACE",
      "AUTH",
      "keys",
      "KEYS",
      "k1",
      "k2",
    ],
  },
  {
    method: "migrate",
    params: ["10.0.0.2", 6379, ["k1", "k2", "k3"], 0, 0, {
      auth2: { username: "keys", password: "KEYS" },
    }],
    argv: [
      "MIGRATE",
      "10.0.0.2",
      6379,
      "",
      0,
      0,
      "AUTH2",
      "keys",
      "KEYS",
      "KEYS",
      "k1",
      "k2",
      "k3",
    ],
  },
  {
    method: "migrate",
    params: ["h", 6379, [], 0, 100],
    throws: /^Invalid MIGRATE call: expected at least one key$/,
  },
  {
    method: "migrate",
    params: ["", 6379, ["k1"], 0, 100],
    throws: /^Invalid MIGRATE host: expected a non-empty string$/,
  },
  {
    method: "migrate",
    params: ["h", 0, ["k1"], 0, 100],
    throws: /^Invalid MIGRATE port "0": expected an integer from 1 to 65535$/,
  },
  {
    method: "migrate",
    params: ["h", 6379, ["k1"], -1, 100],
    throws: /^Invalid MIGRATE destination db "-1"/,
  },
  {
    method: "migrate",
    params: ["h", 6379, ["k1"], 0, 1.5],
    throws: /^Invalid MIGRATE timeout "1\.5"/,
  },
  {
    method: "migrate",
    params: ["h", 6379, ["k1"], 0, 100, {
      auth: "pw",
      auth2: { username: "u", password: "p" },
    }],
    throws: /^Invalid MIGRATE options: "auth" and "auth2" exclude each other$/,
  },

  // MOVE, RENAME, RENAMENX
  { method: "move", params: ["k1", 1], argv: ["MOVE", "k1", 1] },
  {
    method: "move",
    params: ["k1", -1],
    throws: /^Invalid MOVE db "-1": expected a non-negative integer$/,
  },
  { method: "rename", params: ["k1", "k2"], argv: ["RENAME", "k1", "k2"] },
  {
    method: "renamenx",
    params: ["k1", "k2"],
    argv: ["RENAMENX", "k1", "k2"],
  },

  // OBJECT
  {
    method: "objectEncoding",
    params: ["k1"],
    argv: ["OBJECT", "ENCODING", "k1"],
  },
  { method: "objectFreq", params: ["k1"], argv: ["OBJECT", "FREQ", "k1"] },
  { method: "objectHelp", params: [], argv: ["OBJECT", "HELP"] },
  {
    method: "objectIdletime",
    params: ["k1"],
    argv: ["OBJECT", "IDLETIME", "k1"],
  },
  {
    method: "objectRefcount",
    params: ["k1"],
    argv: ["OBJECT", "REFCOUNT", "k1"],
  },

  // SORT, SORT_RO, SORT ... STORE
  { method: "sort", params: ["k1"], argv: ["SORT", "k1"] },
  {
    method: "sort",
    params: ["k1", {
      by: "w_*",
      limit: { offset: 0, count: 5 },
      get: ["#", "o_*->name"],
      order: "DESC",
      alpha: true,
    }],
    argv: [
      "SORT",
      "k1",
      "BY",
      "w_*",
      "LIMIT",
      0,
      5,
      "GET",
      "#",
      "GET",
      "o_*->name",
      "DESC",
      "ALPHA",
    ],
  },
  {
    method: "sort",
    params: ["k1", { by: "nosort", order: "ASC" }],
    argv: ["SORT", "k1", "BY", "nosort", "ASC"],
  },
  {
    method: "sort",
    params: ["k1", { order: "up" }],
    throws: /^Invalid SORT order "up": expected "ASC" or "DESC"$/,
  },
  {
    method: "sort",
    params: ["k1", { limit: { offset: 0.5, count: 1 } }],
    throws: /^Invalid SORT limit offset "0\.5": expected an integer$/,
  },
  {
    method: "sortRo",
    params: ["k1", { get: ["#"], alpha: true }],
    argv: ["SORT_RO", "k1", "GET", "#", "ALPHA"],
  },
  { method: "sortRo", params: ["k1"], argv: ["SORT_RO", "k1"] },
  {
    method: "sortRo",
    params: ["k1", { limit: { offset: 0, count: NaN } }],
    throws: /^Invalid SORT_RO limit count "NaN": expected an integer$/,
  },
  {
    method: "sortStore",
    params: ["k1", "k2"],
    argv: ["SORT", "k1", "STORE", "k2"],
  },
  {
    method: "sortStore",
    params: ["k1", "k2", { get: ["STORE"], order: "DESC" }],
    argv: ["SORT", "k1", "GET", "STORE", "DESC", "STORE", "k2"],
  },

  // WAIT
  { method: "wait", params: [1, 100], argv: ["WAIT", 1, 100] },
  {
    method: "wait",
    params: [-1, 100],
    throws: /^Invalid WAIT numreplicas "-1": expected a non-negative integer$/,
  },
  {
    method: "wait",
    params: [0, 0.5],
    throws: /^Invalid WAIT timeout "0\.5": expected a non-negative integer$/,
  },
  // WAITAOF (Redis 7.2)
  {
    method: "waitaof",
    params: [1, 1, 100],
    argv: ["WAITAOF", 1, 1, 100],
  },
  {
    method: "waitaof",
    params: [2, 0, 0],
    throws: /^Invalid WAITAOF numlocal "2": expected an integer from 0 to 1$/,
  },
  {
    method: "waitaof",
    params: [0, 0, -1],
    throws: /^Invalid WAITAOF timeout "-1": expected a non-negative integer$/,
  },
];
