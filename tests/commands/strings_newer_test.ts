import assert from "node:assert/strict";
import { type RedisClient, ReplyError, UnsafeIntegerError } from "../../mod.ts";
import { serverBuild, serverHas } from "../_process.ts";
import { isWrongType } from "./_helpers.ts";
import { testNewer } from "./_recorded.ts";

const WRONGTYPE =
  "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

/** The XXH3 digest of "Hello world" (checked with an XXH3 implementation). */
const HELLO_DIGEST = "b6acb9d84a38ff74";

const isRedis = () => serverBuild().name === "redis";

async function ttl(client: RedisClient, key: string): Promise<number> {
  return await client.sendCommand(["TTL", key]) as number;
}

testNewer("string", [
  {
    method: "set",
    recordedFrom: "the Redis 8.4 command reference",
    exchanges: [
      {
        params: ["k", "v2", { ifeq: "v1" }],
        argv: ["SET", "k", "v2", "IFEQ", "v1"],
        resp3: "+OK\r\n",
        result: "OK",
      },
      {
        params: ["k", "v3", { ifeq: "v1" }],
        argv: ["SET", "k", "v3", "IFEQ", "v1"],
        resp3: "_\r\n",
        resp2: "$-1\r\n",
        result: null,
      },
      {
        params: ["k", "v3", { ifne: "v1", get: true }],
        argv: ["SET", "k", "v3", "IFNE", "v1", "GET"],
        resp3: "$2\r\nv2\r\n",
        result: "v2",
      },
      {
        params: ["k", "v4", { ifdeq: "699a96a965cd390d", ex: 60 }],
        argv: ["SET", "k", "v4", "EX", 60, "IFDEQ", "699a96a965cd390d"],
        resp3: "_\r\n",
        resp2: "$-1\r\n",
        result: null,
      },
      {
        params: ["k", "v4", { ifdne: "699a96a965cd390d" }],
        argv: ["SET", "k", "v4", "IFDNE", "699a96a965cd390d"],
        resp3: "+OK\r\n",
        result: "OK",
      },
    ],
    live: async ({ client }) => {
      // `set` itself is older than Redis 7.0: what the server does with the
      // new conditions depends on its version.
      if (!serverHas({ redis: "8.4.0", valkey: "8.1.0" })) {
        await assert.rejects(
          client.set("s:cas", "v", { ifeq: "v" }),
          (error) =>
            error instanceof ReplyError && /syntax error/.test(error.message),
        );
        return;
      }
      await client.set("s:cas", "v1");
      assert.equal(await client.set("s:cas", "v2", { ifeq: "nope" }), null);
      assert.equal(await client.get("s:cas"), "v1");
      assert.equal(await client.set("s:cas", "v2", { ifeq: "v1" }), "OK");
      assert.equal(await client.get("s:cas"), "v2");
      // IFEQ never creates the key.
      assert.equal(await client.set("s:none", "x", { ifeq: "x" }), null);
      assert.equal(await client.exists("s:none"), false);
      if (!isRedis()) return; // Valkey: IFEQ only
      // IFNE creates a missing key and leaves an equal value alone.
      assert.equal(await client.set("s:ne", "a", { ifne: "a" }), "OK");
      assert.equal(await client.set("s:ne", "b", { ifne: "a" }), null);
      assert.equal(await client.set("s:ne", "b", { ifne: "z" }), "OK");
      assert.equal(await client.get("s:ne"), "b");
      // The digest conditions, with the digest DIGEST gives.
      await client.set("s:doc", "Hello world");
      const digest = await client.digest("s:doc");
      assert.equal(digest, HELLO_DIGEST);
      assert.equal(
        await client.set("s:doc", "edit", { ifdeq: "0000000000000000" }),
        null,
      );
      assert.equal(
        await client.set("s:doc", "edit", { ifdeq: digest!, get: true }),
        "Hello world",
      );
      assert.equal(await client.set("s:doc", "x", { ifdne: digest! }), "OK");
      assert.equal(await client.get("s:doc"), "x");
      // GET with a failed condition still returns the old value.
      assert.equal(
        await client.set("s:doc", "y", { ifeq: "nope", get: true }),
        "x",
      );
      assert.equal(await client.get("s:doc"), "x");
    },
  },
  {
    method: "delex",
    recordedFrom: "the Redis 8.4 command reference",
    exchanges: [
      {
        params: ["lock", { ifeq: "token-1" }],
        argv: ["DELEX", "lock", "IFEQ", "token-1"],
        resp3: ":1\r\n",
        result: true,
      },
      {
        params: ["lock", { ifne: "token-1" }],
        argv: ["DELEX", "lock", "IFNE", "token-1"],
        resp3: ":0\r\n",
        result: false,
      },
      {
        params: ["lock", { ifdeq: "012f6a38ce38d5e2" }],
        argv: ["DELEX", "lock", "IFDEQ", "012f6a38ce38d5e2"],
        resp3: ":1\r\n",
        result: true,
      },
      {
        params: ["lock"],
        argv: ["DELEX", "lock"],
        resp3: ":0\r\n",
        result: false,
      },
      {
        params: ["list", { ifeq: "x" }],
        argv: ["DELEX", "list", "IFEQ", "x"],
        resp3: WRONGTYPE,
        error: /^WRONGTYPE/,
      },
    ],
    live: async ({ client }) => {
      await client.set("s:lock", "token-1");
      assert.equal(await client.delex("s:lock", { ifeq: "token-2" }), false);
      assert.equal(await client.exists("s:lock"), true);
      assert.equal(await client.delex("s:lock", { ifeq: "token-1" }), true);
      assert.equal(await client.exists("s:lock"), false);
      assert.equal(await client.delex("s:lock", { ifne: "x" }), false);
      await client.set("s:k", "v");
      assert.equal(await client.delex("s:k", { ifne: "v" }), false);
      assert.equal(await client.delex("s:k", { ifne: "w" }), true);
      await client.sendCommand(["RPUSH", "s:list", "a"]);
      await assert.rejects(
        client.delex("s:list", { ifeq: "a" }),
        ReplyError,
      );
      if (!isRedis()) return; // Valkey: IFEQ and IFNE only, never bare
      await assert.rejects(client.delex("s:list", { ifeq: "a" }), isWrongType);
      // Without a condition: any type, like DEL.
      assert.equal(await client.delex("s:list"), true);
      assert.equal(await client.delex("s:list"), false);
      await client.set("s:lock", "token-1");
      assert.equal(
        await client.delex("s:lock", { ifdne: "012f6a38ce38d5e2" }),
        false,
      );
      assert.equal(
        await client.delex("s:lock", { ifdeq: "012f6a38ce38d5e2" }),
        true,
      );
    },
  },
  {
    method: "delifeq",
    recordedFrom: "valkey 9.0's command JSON",
    exchanges: [
      {
        params: ["lock", "token-1"],
        argv: ["DELIFEQ", "lock", "token-1"],
        resp3: ":1\r\n",
        result: true,
      },
      {
        params: ["lock", "token-2"],
        argv: ["DELIFEQ", "lock", "token-2"],
        resp3: ":0\r\n",
        result: false,
      },
    ],
    live: async ({ client }) => {
      assert.equal(await client.delifeq("s:lock", "token-1"), false);
      await client.set("s:lock", "token-1");
      assert.equal(await client.delifeq("s:lock", "token-2"), false);
      assert.equal(await client.get("s:lock"), "token-1");
      assert.equal(await client.delifeq("s:lock", "token-1"), true);
      assert.equal(await client.exists("s:lock"), false);
    },
  },
  {
    method: "digest",
    recordedFrom: "the Redis 8.4 command reference",
    exchanges: [
      {
        params: ["doc"],
        argv: ["DIGEST", "doc"],
        resp3: `$16\r\n${HELLO_DIGEST}\r\n`,
        result: HELLO_DIGEST,
      },
      {
        params: ["missing"],
        argv: ["DIGEST", "missing"],
        resp3: "_\r\n",
        resp2: "$-1\r\n",
        result: null,
      },
      {
        params: ["list"],
        argv: ["DIGEST", "list"],
        resp3: WRONGTYPE,
        error: /^WRONGTYPE/,
      },
    ],
    live: async ({ client, resp2 }) => {
      await client.set("s:doc", "Hello world");
      assert.equal(await client.digest("s:doc"), HELLO_DIGEST);
      assert.equal(await resp2.digest("s:missing"), null);
      await client.set("s:other", "hello");
      assert.equal(await client.digest("s:other"), "9555e8555c62dcfd");
      assert.deepEqual(
        await client.bytes.digest("s:doc"),
        new TextEncoder().encode(HELLO_DIGEST),
      );
      await client.sendCommand(["RPUSH", "s:list", "a"]);
      await assert.rejects(client.digest("s:list"), isWrongType);
    },
  },
  {
    method: "msetex",
    recordedFrom: "the Redis 8.4 command reference",
    exchanges: [
      {
        params: [{ a: "1", b: "2" }, { ex: 60 }],
        argv: ["MSETEX", 2, "a", "1", "b", "2", "EX", 60],
        resp3: ":1\r\n",
        result: true,
      },
      {
        params: [{ a: "3", c: "4" }, { nx: true }],
        argv: ["MSETEX", 2, "a", "3", "c", "4", "NX"],
        resp3: ":0\r\n",
        result: false,
      },
    ],
    live: async ({ client }) => {
      assert.equal(
        await client.msetex({ "s:a": "1", "s:b": "2" }, { ex: 60 }),
        true,
      );
      assert.deepEqual(await client.mget("s:a", "s:b"), ["1", "2"]);
      const a = await ttl(client, "s:a");
      assert.ok(a > 0 && a <= 60, `ttl ${a}`);
      // NX: not when any key exists; nothing is set.
      assert.equal(
        await client.msetex({ "s:a": "3", "s:c": "4" }, { nx: true }),
        false,
      );
      assert.deepEqual(await client.mget("s:a", "s:c"), ["1", null]);
      // XX with KEEPTTL: all keys exist, their expiry stays.
      assert.equal(
        await client.msetex({ "s:a": "5", "s:b": "6" }, {
          xx: true,
          keepttl: true,
        }),
        true,
      );
      assert.deepEqual(await client.mget("s:a", "s:b"), ["5", "6"]);
      assert.ok(await ttl(client, "s:b") > 0);
      assert.equal(
        await client.msetex({ "s:a": "7", "s:zz": "8" }, { xx: true }),
        false,
      );
      assert.equal(await client.get("s:a"), "5");
      // Without an expiry option: no expiry.
      assert.equal(await client.msetex([["s:p", "x"]]), true);
      assert.equal(await ttl(client, "s:p"), -1);
    },
  },
  {
    method: "increx",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["c"],
        argv: ["INCREX", "c"],
        resp3: "*2\r\n:1\r\n:1\r\n",
        result: [1, 1],
      },
      {
        params: ["c", { byint: 5, ubound: 5 }],
        argv: ["INCREX", "c", "BYINT", 5, "UBOUND", 5],
        resp3: "*2\r\n:1\r\n:0\r\n",
        result: [1, 0],
      },
      {
        params: ["c", { byint: 5, ubound: 5, saturate: true }],
        argv: ["INCREX", "c", "BYINT", 5, "UBOUND", 5, "SATURATE"],
        resp3: "*2\r\n:5\r\n:4\r\n",
        result: [5, 4],
      },
      {
        params: ["f", { byfloat: 0.25 }],
        argv: ["INCREX", "f", "BYFLOAT", "0.25"],
        resp3: "*2\r\n,1.75\r\n,0.25\r\n",
        resp2: "*2\r\n$4\r\n1.75\r\n$4\r\n0.25\r\n",
        result: [1.75, 0.25],
      },
      {
        // An increment beyond 2^53 within bounds that refuse it.
        params: ["big", { byint: 2n ** 60n, ubound: 100, ex: 60, enx: true }],
        argv: [
          "INCREX",
          "big",
          "BYINT",
          "1152921504606846976",
          "UBOUND",
          100,
          "EX",
          60,
          "ENX",
        ],
        resp3: "*2\r\n:1\r\n:0\r\n",
        result: [1, 0],
      },
      {
        params: ["list"],
        argv: ["INCREX", "list"],
        resp3: WRONGTYPE,
        error: /^WRONGTYPE/,
      },
    ],
    live: async ({ client, resp2 }) => {
      assert.deepEqual(await client.increx("s:c"), [1, 1]);
      assert.deepEqual(await client.increx("s:c", { byint: 5, ubound: 5 }), [
        1,
        0,
      ]);
      assert.equal(await client.get("s:c"), "1");
      assert.deepEqual(
        await client.increx("s:c", { byint: 5, ubound: 5, saturate: true }),
        [5, 4],
      );
      assert.deepEqual(
        await client.increx("s:c", { byint: -10, lbound: 0, saturate: true }),
        [0, -5],
      );
      // A window: ENX sets the expiry only when the key has none.
      assert.deepEqual(
        await client.increx("s:w", { ex: 100, enx: true }),
        [1, 1],
      );
      assert.ok(await ttl(client, "s:w") > 10);
      await client.sendCommand(["EXPIRE", "s:w", "500"]);
      assert.deepEqual(
        await client.increx("s:w", { ex: 10, enx: true }),
        [2, 1],
      );
      assert.ok(await ttl(client, "s:w") > 10, "ENX kept the expiry");
      assert.deepEqual(await client.increx("s:w", { persist: true }), [3, 1]);
      assert.equal(await ttl(client, "s:w"), -1);
      // Floats, the same over RESP2 and RESP3.
      await client.set("s:f", "1.5");
      assert.deepEqual(
        await client.increx("s:f", { byfloat: 0.25 }),
        [1.75, 0.25],
      );
      assert.deepEqual(
        await resp2.increx("s:f", { byfloat: 0.25 }),
        [0.25, 0.25],
      );
      // Beyond 2^53: an UnsafeIntegerError with the exact value, not a
      // rounded number; the server applied the increment.
      await assert.rejects(
        client.increx("s:big", { byint: 2n ** 60n }),
        (error: unknown) => {
          assert.ok(error instanceof UnsafeIntegerError);
          assert.equal(error.value, 2n ** 60n);
          return true;
        },
      );
      assert.deepEqual(await client.sendCommand(["INCREX", "s:big"]), [
        2n ** 60n + 1n,
        1,
      ]);
      await client.sendCommand(["RPUSH", "s:list", "a"]);
      await assert.rejects(client.increx("s:list"), isWrongType);
    },
  },
]);
