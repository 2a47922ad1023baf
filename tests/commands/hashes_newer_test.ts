import assert from "node:assert/strict";
import { type Cursor, type RedisClient, ReplyError } from "../../mod.ts";
import { compareVersions, serverBuild } from "../_process.ts";
import { isWrongType, utf8 } from "./_helpers.ts";
import { testNewer } from "./_recorded.ts";

/** 2100-01-01T00:00:00Z, in seconds: a fixed time far in the future. */
const AT = 4102444800;

const WRONGTYPE =
  "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

/** Asserts `value` is an integer from `min` to `max`. */
function assertBetween(value: unknown, min: number, max: number): void {
  assert.ok(
    typeof value === "number" && Number.isInteger(value) && value >= min &&
      value <= max,
    `${value} is not an integer from ${min} to ${max}`,
  );
}

/** Every field name of the hash at `key`, scanned page by page, sorted. */
async function scanFields(
  client: RedisClient,
  key: string,
  options?: { match?: string; count?: number },
): Promise<string[]> {
  const fields: string[] = [];
  let cursor: Cursor = "0";
  do {
    const page = await client.hscanNoValues(key, cursor, options);
    cursor = page.cursor;
    fields.push(...page.fields);
  } while (cursor !== "0");
  return [...new Set(fields)].sort();
}

testNewer("hash", [
  {
    method: "hexpire",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: ["h", 100, ["a", "b", "zz"]],
        argv: ["HEXPIRE", "h", 100, "FIELDS", 3, "a", "b", "zz"],
        resp3: "*3\r\n:1\r\n:1\r\n:-2\r\n",
        result: [1, 1, -2],
      },
      {
        params: ["h", 50, ["a", "b"], { nx: true }],
        argv: ["HEXPIRE", "h", 50, "NX", "FIELDS", 2, "a", "b"],
        resp3: "*2\r\n:0\r\n:1\r\n",
        result: [0, 1],
      },
      {
        params: ["h", 0, ["a", "zz"]],
        argv: ["HEXPIRE", "h", 0, "FIELDS", 2, "a", "zz"],
        resp3: "*2\r\n:2\r\n:-2\r\n",
        result: [2, -2],
      },
      {
        params: ["nokey", 100, ["a", "b"]],
        argv: ["HEXPIRE", "nokey", 100, "FIELDS", 2, "a", "b"],
        resp3: "*2\r\n:-2\r\n:-2\r\n",
        result: [-2, -2],
      },
      {
        params: ["h", -1, ["a"]],
        argv: ["HEXPIRE", "h", -1, "FIELDS", 1, "a"],
        resp3: "-ERR invalid expire time, must be >= 0\r\n",
        error: /^ERR invalid expire time/,
      },
      {
        params: ["s", 100, ["a"]],
        argv: ["HEXPIRE", "s", 100, "FIELDS", 1, "a"],
        resp3: WRONGTYPE,
        error: /^WRONGTYPE/,
      },
    ],
    live: async ({ client }) => {
      await client.hset("h", { a: "1", b: "2", c: "3" });
      assert.deepEqual(await client.hexpire("h", 100, ["a", "b", "zz"]), [
        1,
        1,
        -2,
      ]);
      assert.deepEqual(
        await client.hexpire("h", 50, ["a", "c"], { nx: true }),
        [0, 1],
      );
      assert.deepEqual(await client.hexpire("h", 200, ["a"], { gt: true }), [
        1,
      ]);
      assert.deepEqual(await client.hexpire("h", 300, ["c"], { xx: true }), [
        1,
      ]);
      assert.deepEqual(await client.hexpire("h", 400, ["c"], { lt: true }), [
        0,
      ]);
      const [a, c] = await client.httl("h", "a", "c");
      assertBetween(a, 1, 200);
      assertBetween(c, 201, 300);
      // 0 deletes the field at once; the other fields stay.
      assert.deepEqual(await client.hexpire("h", 0, ["b"]), [2]);
      assert.deepEqual(await client.hmget("h", "a", "b", "c"), [
        "1",
        null,
        "3",
      ]);
      assert.deepEqual(await client.hexpire("missing", 10, ["a"]), [-2]);
      await client.set("s", "x");
      await assert.rejects(client.hexpire("s", 10, ["a"]), isWrongType);
    },
  },
  {
    method: "hpexpire",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: ["h", 5000, ["a", "b"], { gt: true }],
        argv: ["HPEXPIRE", "h", 5000, "GT", "FIELDS", 2, "a", "b"],
        resp3: "*2\r\n:0\r\n:0\r\n",
        result: [0, 0],
      },
      {
        params: ["h", 5000, ["a", "b"], { lt: true }],
        argv: ["HPEXPIRE", "h", 5000, "LT", "FIELDS", 2, "a", "b"],
        resp3: "*2\r\n:1\r\n:1\r\n",
        result: [1, 1],
      },
    ],
    live: async ({ client }) => {
      await client.hset("h", { a: "1", b: "2" });
      assert.deepEqual(await client.hpexpire("h", 100_000, ["a", "zz"]), [
        1,
        -2,
      ]);
      assert.deepEqual(
        await client.hpexpire("h", 50_000, ["a"], { lt: true }),
        [1],
      );
      assert.deepEqual(
        await client.hpexpire("h", 90_000, ["a"], { lt: true }),
        [0],
      );
      const [a, b] = await client.hpttl("h", "a", "b");
      assertBetween(a, 1, 50_000);
      assert.equal(b, -1);
      assert.deepEqual(await client.hpexpire("h", 0, ["a"]), [2]);
      assert.equal(await client.hexists("h", "a"), false);
    },
  },
  {
    method: "hexpireat",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: ["h", AT, ["a"], { xx: true }],
        argv: ["HEXPIREAT", "h", AT, "XX", "FIELDS", 1, "a"],
        resp3: "*1\r\n:0\r\n",
        result: [0],
      },
      {
        params: ["h", AT, ["a"]],
        argv: ["HEXPIREAT", "h", AT, "FIELDS", 1, "a"],
        resp3: "*1\r\n:1\r\n",
        result: [1],
      },
      {
        params: ["h", 1, ["a", "zz"]],
        argv: ["HEXPIREAT", "h", 1, "FIELDS", 2, "a", "zz"],
        resp3: "*2\r\n:2\r\n:-2\r\n",
        result: [2, -2],
      },
    ],
    live: async ({ client }) => {
      await client.hset("h", { a: "1", b: "2" });
      assert.deepEqual(await client.hexpireat("h", AT, ["a"], { xx: true }), [
        0,
      ]);
      assert.deepEqual(await client.hexpireat("h", AT, ["a", "zz"]), [1, -2]);
      assert.deepEqual(await client.hexpiretime("h", "a", "b"), [AT, -1]);
      // A time in the past deletes the field; the hash goes with its last.
      assert.deepEqual(await client.hexpireat("h", 1, ["a"]), [2]);
      assert.deepEqual(await client.hexpireat("h", 1, ["b"]), [2]);
      assert.equal(await client.exists("h"), false);
    },
  },
  {
    method: "hpexpireat",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: ["h", AT * 1000, ["a", "zz"]],
        argv: ["HPEXPIREAT", "h", AT * 1000, "FIELDS", 2, "a", "zz"],
        resp3: "*2\r\n:1\r\n:-2\r\n",
        result: [1, -2],
      },
    ],
    live: async ({ client }) => {
      await client.hset("h", { a: "1", b: "2" });
      assert.deepEqual(await client.hpexpireat("h", AT * 1000 + 5, ["a"]), [
        1,
      ]);
      assert.deepEqual(await client.hpexpiretime("h", "a", "b", "zz"), [
        AT * 1000 + 5,
        -1,
        -2,
      ]);
      assert.deepEqual(
        await client.hpexpireat("h", AT * 1000, ["a"], { gt: true }),
        [0],
      );
    },
  },
  {
    method: "httl",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: ["h", "a", "b", "zz"],
        argv: ["HTTL", "h", "FIELDS", 3, "a", "b", "zz"],
        resp3: "*3\r\n:100\r\n:-1\r\n:-2\r\n",
        result: [100, -1, -2],
      },
      {
        params: ["nokey", "a"],
        argv: ["HTTL", "nokey", "FIELDS", 1, "a"],
        resp3: "*1\r\n:-2\r\n",
        result: [-2],
      },
      {
        params: ["s", "a"],
        argv: ["HTTL", "s", "FIELDS", 1, "a"],
        resp3: WRONGTYPE,
        error: /^WRONGTYPE/,
      },
    ],
    live: async ({ client }) => {
      await client.hset("h", { a: "1", b: "2" });
      await client.hexpire("h", 100, ["a"]);
      const [a, ...rest] = await client.httl("h", "a", "b", "zz");
      assertBetween(a, 1, 100);
      assert.deepEqual(rest, [-1, -2]);
      assert.deepEqual(await client.httl("missing", "a"), [-2]);
      await client.set("s", "x");
      await assert.rejects(client.httl("s", "a"), isWrongType);
    },
  },
  {
    method: "hpttl",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: ["h", "a", "b", "zz"],
        argv: ["HPTTL", "h", "FIELDS", 3, "a", "b", "zz"],
        resp3: "*3\r\n:100000\r\n:-1\r\n:-2\r\n",
        result: [100000, -1, -2],
      },
    ],
    live: async ({ client }) => {
      await client.hset("h", { a: "1", b: "2" });
      await client.hexpire("h", 100, ["a"]);
      const [a, ...rest] = await client.hpttl("h", "a", "b", "zz");
      assertBetween(a, 1, 100_000);
      assert.deepEqual(rest, [-1, -2]);
    },
  },
  {
    method: "hexpiretime",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: ["h", "a", "b", "zz"],
        argv: ["HEXPIRETIME", "h", "FIELDS", 3, "a", "b", "zz"],
        resp3: `*3\r\n:${AT}\r\n:-1\r\n:-2\r\n`,
        result: [AT, -1, -2],
      },
    ],
    live: async ({ client }) => {
      await client.hset("h", { a: "1", b: "2" });
      await client.hexpireat("h", AT, ["a"]);
      assert.deepEqual(await client.hexpiretime("h", "a", "b", "zz"), [
        AT,
        -1,
        -2,
      ]);
      assert.deepEqual(await client.hexpiretime("missing", "a"), [-2]);
    },
  },
  {
    method: "hpexpiretime",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: ["h", "a", "b", "zz"],
        argv: ["HPEXPIRETIME", "h", "FIELDS", 3, "a", "b", "zz"],
        resp3: `*3\r\n:${AT * 1000}\r\n:-1\r\n:-2\r\n`,
        result: [AT * 1000, -1, -2],
      },
    ],
    live: async ({ client }) => {
      await client.hset("h", { a: "1", b: "2" });
      await client.hexpireat("h", AT, ["a"]);
      assert.deepEqual(await client.hpexpiretime("h", "a", "b", "zz"), [
        AT * 1000,
        -1,
        -2,
      ]);
    },
  },
  {
    method: "hpersist",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: ["h", "a", "b", "zz"],
        argv: ["HPERSIST", "h", "FIELDS", 3, "a", "b", "zz"],
        resp3: "*3\r\n:1\r\n:-1\r\n:-2\r\n",
        result: [1, -1, -2],
      },
    ],
    live: async ({ client }) => {
      await client.hset("h", { a: "1", b: "2" });
      await client.hexpire("h", 100, ["a"]);
      assert.deepEqual(await client.hpersist("h", "a", "b", "zz"), [
        1,
        -1,
        -2,
      ]);
      assert.deepEqual(await client.httl("h", "a"), [-1]);
      assert.deepEqual(await client.hpersist("missing", "a"), [-2]);
    },
  },
  {
    method: "hscanNoValues",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: ["h", 0],
        argv: ["HSCAN", "h", 0, "NOVALUES"],
        resp3: "*2\r\n$1\r\n0\r\n*3\r\n$2\r\nf1\r\n$2\r\nf2\r\n$2\r\ng1\r\n",
        result: { cursor: "0", fields: ["f1", "f2", "g1"] },
      },
      {
        params: ["h", "0", { match: "f*", count: 10 }],
        argv: ["HSCAN", "h", "0", "MATCH", "f*", "COUNT", 10, "NOVALUES"],
        resp3: "*2\r\n$1\r\n0\r\n*2\r\n$2\r\nf1\r\n$2\r\nf2\r\n",
        result: { cursor: "0", fields: ["f1", "f2"] },
      },
      {
        params: ["nokey", "0"],
        argv: ["HSCAN", "nokey", "0", "NOVALUES"],
        resp3: "*2\r\n$1\r\n0\r\n*0\r\n",
        result: { cursor: "0", fields: [] },
      },
    ],
    live: async ({ client }) => {
      await client.hset("small", { f1: "v1", f2: "v2", g1: "v3" });
      assert.deepEqual(await scanFields(client, "small"), ["f1", "f2", "g1"]);
      assert.deepEqual(await scanFields(client, "small", { match: "f*" }), [
        "f1",
        "f2",
      ]);
      // A hash big enough for a hashtable, scanned over several pages.
      const big = new Map<string, string>();
      for (let i = 0; i < 300; i++) big.set(`field:${i}`, `value:${i}`);
      await client.hset("big", big);
      const fields = await scanFields(client, "big", { count: 20 });
      assert.deepEqual(fields, [...big.keys()].sort());
      // The bytes view gives the fields as bytes; the cursor stays text.
      const page = await client.bytes.hscanNoValues("small", "0", {
        match: "g*",
      });
      assert.equal(page.cursor, "0");
      assert.deepEqual(page.fields, [utf8("g1")]);
      assert.deepEqual(await client.hscanNoValues("missing", 0), {
        cursor: "0",
        fields: [],
      });
      // The iterator runs the cursor loop, also in the bytes view.
      const iterated: string[] = [];
      for await (
        const field of client.hscanNoValuesIterator("big", { count: 20 })
      ) {
        iterated.push(field);
      }
      assert.deepEqual(iterated.sort(), [...big.keys()].sort());
      const rawFields: Uint8Array[] = [];
      for await (const field of client.bytes.hscanNoValuesIterator("small")) {
        rawFields.push(field);
      }
      assert.equal(rawFields.length, 3);
      assert.ok(rawFields.every((field) => field instanceof Uint8Array));
    },
  },
  {
    method: "hgetdel",
    recordedFrom: "the Redis 8.0 command reference (hgetdel.json)",
    exchanges: [
      {
        params: ["h", "a", "zz"],
        argv: ["HGETDEL", "h", "FIELDS", 2, "a", "zz"],
        resp3: "*2\r\n$1\r\n1\r\n_\r\n",
        resp2: "*2\r\n$1\r\n1\r\n$-1\r\n",
        result: ["1", null],
      },
      {
        params: ["s", "a"],
        argv: ["HGETDEL", "s", "FIELDS", 1, "a"],
        resp3: WRONGTYPE,
        error: /^WRONGTYPE/,
      },
    ],
    live: async ({ client }) => {
      await client.hset("h", { a: "1", b: "2" });
      assert.deepEqual(await client.hgetdel("h", "a", "zz"), ["1", null]);
      assert.deepEqual(await client.hgetall("h"), { b: "2" });
      // The hash goes away with its last field.
      assert.deepEqual(await client.hgetdel("h", "b"), ["2"]);
      assert.equal(await client.exists("h"), false);
      assert.deepEqual(await client.hgetdel("missing", "a"), [null]);
      await client.set("s", "x");
      await assert.rejects(client.hgetdel("s", "a"), isWrongType);
    },
  },
  {
    method: "hgetex",
    recordedFrom: "the Redis 8.0 command reference (hgetex.json)",
    exchanges: [
      {
        params: ["h", ["a", "zz"], { ex: 120 }],
        argv: ["HGETEX", "h", "EX", 120, "FIELDS", 2, "a", "zz"],
        resp3: "*2\r\n$5\r\nHello\r\n_\r\n",
        resp2: "*2\r\n$5\r\nHello\r\n$-1\r\n",
        result: ["Hello", null],
      },
      {
        params: ["h", ["a"], { persist: true }],
        argv: ["HGETEX", "h", "PERSIST", "FIELDS", 1, "a"],
        resp3: "*1\r\n$5\r\nHello\r\n",
        result: ["Hello"],
      },
      {
        params: ["s", ["a"]],
        argv: ["HGETEX", "s", "FIELDS", 1, "a"],
        resp3: WRONGTYPE,
        error: /^WRONGTYPE/,
      },
    ],
    live: async ({ client }) => {
      await client.hset("h", { a: "1", b: "2" });
      assert.deepEqual(await client.hgetex("h", ["a", "zz"], { ex: 100 }), [
        "1",
        null,
      ]);
      const [a, b] = await client.httl("h", "a", "b");
      assertBetween(a, 1, 100);
      assert.equal(b, -1);
      assert.deepEqual(await client.hgetex("h", ["a"], { persist: true }), [
        "1",
      ]);
      assert.deepEqual(await client.httl("h", "a"), [-1]);
      assert.deepEqual(await client.hgetex("h", ["b"], { exat: AT }), ["2"]);
      assert.deepEqual(await client.hexpiretime("h", "b"), [AT]);
      // Without options it reads like HMGET; a zero time deletes the field.
      assert.deepEqual(await client.hgetex("h", ["a", "b"]), ["1", "2"]);
      assert.deepEqual(await client.hgetex("h", ["a"], { px: 0 }), ["1"]);
      assert.equal(await client.hexists("h", "a"), false);
      assert.deepEqual(await client.hgetex("missing", ["a"], { ex: 10 }), [
        null,
      ]);
    },
  },
  {
    method: "hsetex",
    recordedFrom: "the Redis 8.0 command reference (hsetex.json)",
    exchanges: [
      {
        params: ["h", { a: "Hello", b: "World" }, { exat: 1740470400 }],
        argv: [
          "HSETEX",
          "h",
          "EXAT",
          1740470400,
          "FIELDS",
          2,
          "a",
          "Hello",
          "b",
          "World",
        ],
        resp3: ":1\r\n",
        result: true,
      },
      {
        params: ["h", { a: "Hello" }, { fnx: true, ex: 60 }],
        argv: ["HSETEX", "h", "FNX", "EX", 60, "FIELDS", 1, "a", "Hello"],
        resp3: ":0\r\n",
        result: false,
      },
      {
        params: ["s", { a: "1" }],
        argv: ["HSETEX", "s", "FIELDS", 1, "a", "1"],
        resp3: WRONGTYPE,
        error: /^WRONGTYPE/,
      },
    ],
    live: async ({ client }) => {
      assert.equal(
        await client.hsetex("h", { a: "1", b: "2" }, { ex: 100 }),
        true,
      );
      const [a, b] = await client.httl("h", "a", "b");
      assertBetween(a, 1, 100);
      assertBetween(b, 1, 100);
      // FNX: none of the fields may exist; FXX: all of them must.
      assert.equal(
        await client.hsetex("h", { a: "3", c: "3" }, { fnx: true }),
        false,
      );
      assert.equal(
        await client.hsetex("h", { a: "3", c: "3" }, { fxx: true }),
        false,
      );
      assert.deepEqual(await client.hmget("h", "a", "c"), ["1", null]);
      assert.equal(
        await client.hsetex("h", [["a", "4"]], { fxx: true, keepttl: true }),
        true,
      );
      assertBetween((await client.httl("h", "a"))[0], 1, 100);
      // Without an expiry option the fields set lose theirs.
      assert.equal(await client.hsetex("h", new Map([["a", "5"]])), true);
      const [a5, b5] = await client.httl("h", "a", "b");
      assert.equal(a5, -1);
      assertBetween(b5, 1, 100);
      assert.equal(
        await client.hsetex("h", { d: "6" }, { pxat: AT * 1000 }),
        true,
      );
      assert.deepEqual(await client.hpexpiretime("h", "d"), [AT * 1000]);
      assert.deepEqual(await client.hgetall("h"), {
        a: "5",
        b: "2",
        d: "6",
      });
    },
  },
  {
    method: "hsetex",
    recordedFrom: "valkey 9.1's command JSON (hsetex.json, NX and XX)",
    exchanges: [
      {
        params: ["h", { a: "1" }, { nx: true }],
        argv: ["HSETEX", "h", "NX", "FIELDS", 1, "a", "1"],
        resp3: ":0\r\n",
        result: false,
      },
      {
        params: ["h", { a: "1" }, { xx: true, fnx: true, px: 1500 }],
        argv: ["HSETEX", "h", "XX", "FNX", "PX", 1500, "FIELDS", 1, "a", "1"],
        resp3: ":1\r\n",
        result: true,
      },
    ],
    live: async ({ client }) => {
      const { name, version } = serverBuild();
      if (name === "valkey" && compareVersions(version, "9.1.0") >= 0) {
        // NX: only a new hash; XX: only an existing one.
        assert.equal(await client.hsetex("h", { a: "1" }, { xx: true }), false);
        assert.equal(await client.hsetex("h", { a: "1" }, { nx: true }), true);
        assert.equal(await client.hsetex("h", { b: "2" }, { nx: true }), false);
        assert.equal(await client.hsetex("h", { b: "2" }, { xx: true }), true);
        assert.deepEqual(await client.hgetall("h"), { a: "1", b: "2" });
      } else {
        // Redis and Valkey 9.0 have HSETEX without the key condition.
        await assert.rejects(
          client.hsetex("h", { a: "1" }, { nx: true }),
          (error) => error instanceof ReplyError,
        );
        assert.equal(await client.exists("h"), false);
      }
    },
  },
]);
