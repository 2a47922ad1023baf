import assert from "node:assert/strict";
import { type RedisClient, ReplyError } from "../../mod.ts";
import { testNewer } from "./_recorded.ts";
import { isWrongType, parity, testEncoding } from "./_helpers.ts";
import { cases } from "./arrays_cases.ts";

testEncoding("Array", cases);

// Redis 8.8 is the first server with arrays, and none of the servers built
// here has them: the replies below are written from the Redis 8.8 command
// reference (redis.io and the command JSON files of the 8.8 release),
// byte for byte as those reply types go over each protocol.

/** A bulk string. */
function bulk(text: string): string {
  return `$${new TextEncoder().encode(text).length}\r\n${text}\r\n`;
}

/** `addReplyNull` over RESP3 and over RESP2. */
const NULL3 = "_\r\n";
const NULL2 = "$-1\r\n";

/** An [index, value] pair of ARSCAN and ARGREP WITHVALUES. */
function pair(index: number | string, value: string): string {
  return `*2\r\n:${index}\r\n${bulk(value)}`;
}

/** A map reply: `%n` over RESP3, a flat array over RESP2. */
function map(protocol: 2 | 3, fields: [string, string][]): string {
  const head = protocol === 3
    ? `%${fields.length}\r\n`
    : `*${fields.length * 2}\r\n`;
  return head + fields.map(([name, value]) => bulk(name) + value).join("");
}

/** A double: `,` over RESP3, a bulk string over RESP2. */
function double(protocol: 2 | 3, text: string): string {
  return protocol === 3 ? `,${text}\r\n` : bulk(text);
}

const INFO_FIELDS: [string, string][] = [
  ["count", ":3\r\n"],
  ["len", ":101\r\n"],
  ["next-insert-index", ":0\r\n"],
  ["slices", ":1\r\n"],
  ["directory-size", ":1\r\n"],
  ["super-dir-entries", ":0\r\n"],
  ["slice-size", ":4096\r\n"],
];
const INFO = {
  count: 3,
  len: 101,
  nextInsertIndex: 0,
  slices: 1,
  directorySize: 1,
  superDirEntries: 0,
  sliceSize: 4096,
};

function infoFull(protocol: 2 | 3): string {
  return map(protocol, [
    ...INFO_FIELDS,
    ["dense-slices", ":1\r\n"],
    ["sparse-slices", ":0\r\n"],
    ["avg-dense-size", double(protocol, "8")],
    ["avg-dense-fill", double(protocol, "0.375")],
    ["avg-sparse-size", double(protocol, "0")],
  ]);
}

const WRONGTYPE =
  "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

const LOG: [number, string][] = [
  [0, "boot: ok"],
  [1, "warn: disk"],
  [2, "ERROR: cpu"],
  [3, "info: ready"],
  [4, "error: net"],
];

const FAR = 2n ** 60n;

async function rejects(
  call: Promise<unknown>,
  pattern: RegExp,
): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof ReplyError, `not a ReplyError: ${error}`);
    assert.match(error.message, pattern);
    return true;
  });
}

async function wrongType(call: Promise<unknown>): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    assert.ok(isWrongType(error), `not WRONGTYPE: ${error}`);
    return true;
  });
}

async function stringKey(client: RedisClient): Promise<void> {
  await client.set("str", "value");
}

testNewer("array", [
  {
    method: "arcount",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      { params: ["a"], argv: ["ARCOUNT", "a"], resp3: ":2\r\n", result: 2 },
      {
        params: ["missing"],
        argv: ["ARCOUNT", "missing"],
        resp3: ":0\r\n",
        result: 0,
      },
    ],
    live: async ({ client }) => {
      assert.equal(await client.armset("a", [[0, "x"], [1000, "y"]]), 2);
      assert.equal(await client.arcount("a"), 2);
      assert.equal(await client.arcount("missing"), 0);
      await stringKey(client);
      await wrongType(client.arcount("str"));
    },
  },
  {
    method: "ardel",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["a", 0, 5],
        argv: ["ARDEL", "a", 0, 5],
        resp3: ":1\r\n",
        result: 1,
      },
    ],
    live: async ({ client }) => {
      assert.equal(await client.arset("a", 0, "x", "y", "z"), 3);
      assert.equal(await client.ardel("a", 0, 5), 1);
      assert.equal(await client.arcount("a"), 2);
      assert.equal(await client.ardel("a", 0), 0);
      assert.equal(await client.ardel("missing", 0), 0);
      // Deleting the last elements deletes the key.
      assert.equal(await client.ardel("a", 1, 2), 2);
      assert.equal(await client.exists("a"), 0);
    },
  },
  {
    method: "ardelrange",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["a", [2, 4], [14, 10]],
        argv: ["ARDELRANGE", "a", 2, 4, 14, 10],
        resp3: ":8\r\n",
        result: 8,
      },
    ],
    live: async ({ client }) => {
      const values = Array.from({ length: 20 }, (_, i) => `v${i}`);
      assert.equal(await client.arset("a", 0, ...values), 20);
      assert.equal(await client.ardelrange("a", [2, 4], [14, 10]), 8);
      assert.equal(await client.arcount("a"), 12);
      assert.equal(await client.arget("a", 3), null);
      assert.equal(await client.arget("a", 15), "v15");
      assert.equal(await client.ardelrange("missing", [0, 9]), 0);
      assert.equal(await client.ardelrange("a", [0, 2n ** 64n - 2n]), 12);
      assert.equal(await client.exists("a"), 0);
    },
  },
  {
    method: "arget",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["a", 0],
        argv: ["ARGET", "a", 0],
        resp3: bulk("hello"),
        result: "hello",
      },
      {
        params: ["a", 999],
        argv: ["ARGET", "a", 999],
        resp3: NULL3,
        resp2: NULL2,
        result: null,
      },
      {
        params: ["str", 0],
        argv: ["ARGET", "str", 0],
        resp3: WRONGTYPE,
        error: /^WRONGTYPE/,
      },
    ],
    live: async ({ client }) => {
      assert.equal(await client.arset("a", 0, "hello"), 1);
      assert.equal(await client.arget("a", 0), "hello");
      assert.equal(await client.arget("a", 999), null);
      assert.equal(await client.arget("missing", 0), null);
      assert.equal(await client.arset("a", FAR, "far"), 1);
      assert.equal(await client.arget("a", FAR), "far");
      const bytes = await client.bytes.arget("a", 0);
      assert.deepEqual(bytes, new TextEncoder().encode("hello"));
      await stringKey(client);
      await wrongType(client.arget("str", 0));
    },
  },
  {
    method: "argetrange",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["a", 0, 3],
        argv: ["ARGETRANGE", "a", 0, 3],
        resp3: `*4\r\n${bulk("a")}${NULL3}${bulk("c")}${NULL3}`,
        resp2: `*4\r\n${bulk("a")}${NULL2}${bulk("c")}${NULL2}`,
        result: ["a", null, "c", null],
      },
      {
        params: ["a", 0, 1000000],
        argv: ["ARGETRANGE", "a", 0, 1000000],
        resp3: "-ERR range exceeds maximum of 1000000 items\r\n",
        error: /range exceeds maximum of 1000000 items/,
      },
    ],
    live: async (ctx) => {
      const result = await parity(ctx, async (client) => {
        await client.armset("a", [[0, "a"], [2, "c"]]);
        return [
          await client.argetrange("a", 0, 3),
          await client.argetrange("a", 3, 0),
          await client.argetrange("missing", 0, 1),
        ];
      });
      assert.deepEqual(result, [
        ["a", null, "c", null],
        [null, "c", null, "a"],
        [null, null],
      ]);
      // 1,000,000 positions at most.
      assert.equal(
        (await ctx.client.argetrange("a", 0, 999999)).length,
        1000000,
      );
      await rejects(
        ctx.client.argetrange("a", 0, 1000000),
        /range exceeds maximum/,
      );
    },
  },
  {
    method: "argrep",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["log", "-", "+", [{ match: "error" }], { nocase: true }],
        argv: ["ARGREP", "log", "-", "+", "MATCH", "error", "NOCASE"],
        resp3: "*2\r\n:2\r\n:4\r\n",
        result: [2, 4],
      },
      {
        params: ["log", 0, 4, [{ re: "(" }]],
        argv: ["ARGREP", "log", 0, 4, "RE", "("],
        resp3: "-ERR invalid regular expression: Missing ')'\r\n",
        error: /^ERR invalid regular expression/,
      },
    ],
    live: async ({ client }) => {
      assert.equal(await client.armset("log", LOG), 5);
      assert.deepEqual(
        await client.argrep("log", "-", "+", [{ match: "error" }], {
          nocase: true,
        }),
        [2, 4],
      );
      assert.deepEqual(
        await client.argrep("log", "-", "+", [{ match: "error" }]),
        [4],
      );
      assert.deepEqual(
        await client.argrep("log", 0, 4, [
          { glob: "warn:*" },
          { glob: "error:*" },
        ]),
        [1, 4],
      );
      assert.deepEqual(
        await client.argrep("log", 0, 4, [{ exact: "info: ready" }]),
        [3],
      );
      assert.deepEqual(
        await client.argrep("log", "+", "-", [{ match: "error" }], {
          nocase: true,
        }),
        [4, 2],
      );
      assert.deepEqual(
        await client.argrep("log", "-", "+", [{ match: "error" }], {
          nocase: true,
          limit: 1,
        }),
        [2],
      );
      assert.deepEqual(
        await client.argrep("log", "-", "+", [{ match: "e" }, {
          glob: "*net",
        }], { combine: "AND" }),
        [4],
      );
      assert.deepEqual(
        await client.argrep("log", "-", "+", [{ re: "^[a-z]+: (cpu|net)$" }], {
          nocase: true,
        }),
        [2, 4],
      );
      assert.deepEqual(
        await client.argrep("missing", "-", "+", [{ match: "x" }]),
        [],
      );
      await rejects(
        client.argrep("log", 0, 4, [{ re: "(" }]),
        /invalid regular expression/,
      );
    },
  },
  {
    method: "argrepWithValues",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["log", "-", "+", [{ match: "error" }], { nocase: true }],
        argv: [
          "ARGREP",
          "log",
          "-",
          "+",
          "MATCH",
          "error",
          "NOCASE",
          "WITHVALUES",
        ],
        resp3: `*2\r\n${pair(2, "ERROR: cpu")}${pair(4, "error: net")}`,
        result: [
          { index: 2, value: "ERROR: cpu" },
          { index: 4, value: "error: net" },
        ],
      },
      {
        params: ["missing", 0, 4, [{ exact: "x" }]],
        argv: ["ARGREP", "missing", 0, 4, "EXACT", "x", "WITHVALUES"],
        resp3: "*0\r\n",
        result: [],
      },
    ],
    live: async (ctx) => {
      const result = await parity(ctx, async (client) => {
        await client.armset("log", LOG);
        return [
          await client.argrepWithValues("log", "-", "+", [{
            match: "error",
          }], { nocase: true }),
          await client.argrepWithValues("log", 4, 0, [{ glob: "*i*" }], {
            limit: 2,
          }),
          await client.argrepWithValues("missing", "-", "+", [{
            exact: "x",
          }]),
        ];
      });
      assert.deepEqual(result, [
        [
          { index: 2, value: "ERROR: cpu" },
          { index: 4, value: "error: net" },
        ],
        [
          { index: 3, value: "info: ready" },
          { index: 1, value: "warn: disk" },
        ],
        [],
      ]);
    },
  },
  {
    method: "arinfo",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["a"],
        argv: ["ARINFO", "a"],
        resp3: map(3, INFO_FIELDS),
        resp2: map(2, INFO_FIELDS),
        result: INFO,
      },
      {
        params: ["missing"],
        argv: ["ARINFO", "missing"],
        resp3: "-ERR no such key\r\n",
        error: /^ERR no such key/,
      },
    ],
    live: async (ctx) => {
      const info = await parity(ctx, async (client) => {
        await client.armset("a", [[0, "a"], [1, "b"], [100, "c"]]);
        return await client.arinfo("a");
      });
      assert.equal(info.count, 3);
      assert.equal(info.len, 101);
      assert.equal(info.nextInsertIndex, 0);
      assert.equal(info.superDirEntries, 0);
      assert.ok(Number.isSafeInteger(info.sliceSize) && info.sliceSize > 0);
      assert.ok(Number.isSafeInteger(info.slices) && info.slices >= 1);
      assert.ok(
        Number.isSafeInteger(info.directorySize) && info.directorySize >= 1,
      );
      const { client } = ctx;
      await client.armset("a", [[0, "a"], [1, "b"], [100, "c"]]);
      assert.equal(await client.arinsert("a", "x"), 0);
      assert.equal((await client.arinfo("a")).nextInsertIndex, 1);
      await rejects(client.arinfo("missing"), /no such key/);
    },
  },
  {
    method: "arinfoFull",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["a"],
        argv: ["ARINFO", "a", "FULL"],
        resp3: infoFull(3),
        resp2: infoFull(2),
        result: {
          ...INFO,
          denseSlices: 1,
          sparseSlices: 0,
          avgDenseSize: 8,
          avgDenseFill: 0.375,
          avgSparseSize: 0,
        },
      },
    ],
    live: async (ctx) => {
      const info = await parity(ctx, async (client) => {
        await client.arset("a", 0, "a", "b", "c", "d");
        await client.arset("a", 100000, "far");
        return await client.arinfoFull("a");
      });
      assert.equal(info.count, 5);
      assert.equal(info.len, 100001);
      assert.equal(info.denseSlices + info.sparseSlices, info.slices);
      assert.ok(info.slices >= 2);
      for (
        const value of [
          info.avgDenseSize,
          info.avgDenseFill,
          info.avgSparseSize,
        ]
      ) {
        assert.equal(typeof value, "number");
        assert.ok(value >= 0);
      }
      assert.ok(info.avgDenseFill <= 1);
      await rejects(ctx.client.arinfoFull("missing"), /no such key/);
    },
  },
  {
    method: "arinsert",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["log", "b", "c"],
        argv: ["ARINSERT", "log", "b", "c"],
        resp3: ":2\r\n",
        result: 2,
      },
    ],
    live: async ({ client }) => {
      assert.equal(await client.arinsert("log", "first"), 0);
      assert.equal(await client.arinsert("log", "second", "third"), 2);
      assert.equal(await client.arget("log", 1), "second");
      assert.equal(await client.arnext("log"), 3);
      assert.equal(await client.arseek("log", 10), true);
      assert.equal(await client.arinsert("log", "x"), 10);
      assert.equal(await client.arseek("log", FAR), true);
      assert.equal(await client.arinsert("log", "far"), FAR);
      // ARSET does not move the cursor.
      assert.equal(await client.arset("other", 5, "x"), 1);
      assert.equal(await client.arinsert("other", "y"), 0);
    },
  },
  {
    method: "arlastitems",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["log", 2],
        argv: ["ARLASTITEMS", "log", 2],
        resp3: `*2\r\n${bulk("second")}${bulk("third")}`,
        result: ["second", "third"],
      },
      {
        params: ["log", 3, { rev: true }],
        argv: ["ARLASTITEMS", "log", 3, "REV"],
        resp3: `*3\r\n${bulk("third")}${NULL3}${bulk("first")}`,
        resp2: `*3\r\n${bulk("third")}${NULL2}${bulk("first")}`,
        result: ["third", null, "first"],
      },
    ],
    live: async (ctx) => {
      const result = await parity(ctx, async (client) => {
        await client.arinsert("log", "first", "second", "third");
        const before = [
          await client.arlastitems("log", 2),
          await client.arlastitems("log", 2, { rev: true }),
          await client.arlastitems("log", 10),
          await client.arlastitems("log", 0),
          await client.arlastitems("missing", 3),
        ];
        await client.ardel("log", 1);
        return [...before, await client.arlastitems("log", 3, { rev: true })];
      });
      assert.deepEqual(result, [
        ["second", "third"],
        ["third", "second"],
        ["first", "second", "third"],
        [],
        [],
        ["third", null, "first"],
      ]);
    },
  },
  {
    method: "arlen",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      { params: ["a"], argv: ["ARLEN", "a"], resp3: ":1001\r\n", result: 1001 },
      {
        params: ["far"],
        argv: ["ARLEN", "far"],
        resp3: ":1152921504606846977\r\n",
        result: 1152921504606846977n,
      },
    ],
    live: async ({ client }) => {
      assert.equal(await client.armset("a", [[0, "x"], [1000, "y"]]), 2);
      assert.equal(await client.arlen("a"), 1001);
      assert.equal(await client.arset("far", FAR, "x"), 1);
      assert.equal(await client.arlen("far"), FAR + 1n);
      assert.equal(await client.arlen("missing"), 0);
      await stringKey(client);
      await wrongType(client.arlen("str"));
    },
  },
  {
    method: "armget",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["a", 0, 5, 999],
        argv: ["ARMGET", "a", 0, 5, 999],
        resp3: `*3\r\n${bulk("10")}${bulk("20")}${NULL3}`,
        resp2: `*3\r\n${bulk("10")}${bulk("20")}${NULL2}`,
        result: ["10", "20", null],
      },
    ],
    live: async (ctx) => {
      const result = await parity(ctx, async (client) => {
        await client.armset("a", [[0, "10"], [5, "20"], [100, "30"]]);
        return [
          await client.armget("a", 0, 5, 100, 999),
          await client.armget("missing", 0, 1),
        ];
      });
      assert.deepEqual(result, [["10", "20", "30", null], [null, null]]);
    },
  },
  {
    method: "armset",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["a", [[0, "x"], [5, "y"]]],
        argv: ["ARMSET", "a", 0, "x", 5, "y"],
        resp3: ":2\r\n",
        result: 2,
      },
    ],
    live: async ({ client }) => {
      assert.equal(
        await client.armset("a", [[0, "10"], [5, "20"], [100, "30"]]),
        3,
      );
      assert.equal(await client.armset("a", { 0: "aa", 1: "b" }), 1);
      assert.equal(await client.armset("a", new Map([[FAR, "far"]])), 1);
      assert.deepEqual(
        await client.armget("a", 0, 1, 5, 100, FAR),
        ["aa", "b", "20", "30", "far"],
      );
      await stringKey(client);
      await wrongType(client.armset("str", [[0, "x"]]));
    },
  },
  {
    method: "arnext",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      { params: ["log"], argv: ["ARNEXT", "log"], resp3: ":3\r\n", result: 3 },
      {
        params: ["log"],
        argv: ["ARNEXT", "log"],
        resp3: NULL3,
        resp2: NULL2,
        result: null,
      },
    ],
    live: async ({ client }) => {
      assert.equal(await client.arnext("missing"), 0);
      assert.equal(await client.arset("log", 7, "x"), 1);
      assert.equal(await client.arnext("log"), 0);
      assert.equal(await client.arinsert("log", "a", "b", "c"), 2);
      assert.equal(await client.arnext("log"), 3);
      assert.equal(await client.arseek("log", FAR), true);
      assert.equal(await client.arnext("log"), FAR);
      // The cursor past the last index: no index left to insert at.
      assert.equal(await client.arseek("log", 2n ** 64n - 1n), true);
      assert.equal(await client.arnext("log"), null);
      await rejects(client.arinsert("log", "x"), /overflow/);
    },
  },
  {
    method: "arop",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["a", 0, 2, "SUM"],
        argv: ["AROP", "a", 0, 2, "SUM"],
        resp3: bulk("60"),
        result: 60,
      },
      {
        params: ["a", 0, 2, "MIN"],
        argv: ["AROP", "a", 0, 2, "MIN"],
        resp3: bulk("-1.5"),
        result: -1.5,
      },
      {
        params: ["a", 0, 2, "OR"],
        argv: ["AROP", "a", 0, 2, "OR"],
        resp3: ":255\r\n",
        result: 255,
      },
      {
        params: ["a", 0, 2, "XOR"],
        argv: ["AROP", "a", 0, 2, "XOR"],
        resp3: ":9007199254740993\r\n",
        result: 9007199254740993n,
      },
      {
        params: ["missing", 0, 2, "MAX"],
        argv: ["AROP", "missing", 0, 2, "MAX"],
        resp3: NULL3,
        resp2: NULL2,
        result: null,
      },
      {
        params: ["missing", 0, 2, "USED"],
        argv: ["AROP", "missing", 0, 2, "USED"],
        resp3: ":0\r\n",
        result: 0,
      },
    ],
    live: async (ctx) => {
      const result = await parity(ctx, async (client) => {
        await client.armset("n", [[0, "10"], [1, "20"], [5, "30"]]);
        await client.armset("bits", [[0, "255"], [1, "15"], [2, "240"]]);
        await client.armset("floats", [[0, "1.5"], [1, "2.25"], [2, "x"]]);
        await client.armset("big", [[0, "9007199254740993"], [1, "0"]]);
        await client.armset("text", [[0, "abc"]]);
        return [
          await client.arop("n", 0, 9, "SUM"),
          await client.arop("n", 9, 0, "MIN"),
          await client.arop("n", 0, 9, "MAX"),
          await client.arop("n", 0, 9, "USED"),
          await client.arop("bits", 0, 2, "AND"),
          await client.arop("bits", 0, 2, "OR"),
          await client.arop("bits", 0, 2, "XOR"),
          await client.arop("floats", 0, 2, "SUM"),
          await client.arop("floats", 0, 2, "OR"),
          await client.arop("big", 0, 1, "OR"),
          await client.arop("text", 0, 0, "SUM"),
          await client.arop("text", 0, 0, "AND"),
          await client.arop("missing", 0, 9, "SUM"),
          await client.arop("missing", 0, 9, "USED"),
        ];
      });
      assert.deepEqual(result, [
        60,
        10,
        30,
        3,
        0,
        255,
        0,
        3.75,
        3,
        9007199254740993n,
        null,
        null,
        null,
        0,
      ]);
    },
  },
  {
    method: "aropMatch",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["a", 0, 3, "hello"],
        argv: ["AROP", "a", 0, 3, "MATCH", "hello"],
        resp3: ":2\r\n",
        result: 2,
      },
    ],
    live: async ({ client }) => {
      await client.armset("a", [[0, "hello"], [1, "world"], [2, "hello"], [
        3,
        "foo",
      ]]);
      assert.equal(await client.aropMatch("a", 0, 3, "hello"), 2);
      assert.equal(await client.aropMatch("a", 3, 1, "hello"), 1);
      assert.equal(await client.aropMatch("a", 0, 3, "bar"), 0);
      assert.equal(await client.aropMatch("missing", 0, 3, "hello"), 0);
    },
  },
  {
    method: "arring",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["r", 3, "v3"],
        argv: ["ARRING", "r", 3, "v3"],
        resp3: ":0\r\n",
        result: 0,
      },
      {
        params: ["r2", 2, "a", "b", "c"],
        argv: ["ARRING", "r2", 2, "a", "b", "c"],
        resp3: ":0\r\n",
        result: 0,
      },
    ],
    live: async ({ client }) => {
      assert.equal(await client.arring("r", 3, "v0"), 0);
      assert.equal(await client.arring("r", 3, "v1"), 1);
      assert.equal(await client.arring("r", 3, "v2"), 2);
      assert.equal(await client.arring("r", 3, "v3"), 0);
      assert.equal(await client.arget("r", 0), "v3");
      assert.equal(await client.arcount("r"), 3);
      assert.deepEqual(await client.arlastitems("r", 3), ["v1", "v2", "v3"]);
      // Several values in one call: the index of the last one.
      assert.equal(await client.arring("r2", 2, "a", "b", "c"), 0);
      assert.deepEqual(await client.armget("r2", 0, 1), ["c", "b"]);
    },
  },
  {
    method: "arscan",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["a", 0, 10],
        argv: ["ARSCAN", "a", 0, 10],
        resp3: `*3\r\n${pair(0, "a")}${pair(5, "b")}${
          pair("1152921504606846976", "c")
        }`,
        result: [
          { index: 0, value: "a" },
          { index: 5, value: "b" },
          { index: 1152921504606846976n, value: "c" },
        ],
      },
      {
        params: ["missing", 0, 10, { limit: 2 }],
        argv: ["ARSCAN", "missing", 0, 10, "LIMIT", 2],
        resp3: "*0\r\n",
        result: [],
      },
    ],
    live: async (ctx) => {
      const result = await parity(ctx, async (client) => {
        await client.armset("a", [[0, "a"], [5, "b"], [9, "c"], [FAR, "d"]]);
        return [
          await client.arscan("a", 0, 10),
          await client.arscan("a", 0, 10, { limit: 2 }),
          await client.arscan("a", 10, 0),
          await client.arscan("a", 10, 2n ** 64n - 2n),
          await client.arscan("missing", 0, 10),
        ];
      });
      assert.deepEqual(result, [
        [
          { index: 0, value: "a" },
          { index: 5, value: "b" },
          { index: 9, value: "c" },
        ],
        [{ index: 0, value: "a" }, { index: 5, value: "b" }],
        [
          { index: 9, value: "c" },
          { index: 5, value: "b" },
          { index: 0, value: "a" },
        ],
        [{ index: FAR, value: "d" }],
        [],
      ]);
    },
  },
  {
    method: "arseek",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["log", 10],
        argv: ["ARSEEK", "log", 10],
        resp3: ":1\r\n",
        result: true,
      },
      {
        params: ["missing", 10],
        argv: ["ARSEEK", "missing", 10],
        resp3: ":0\r\n",
        result: false,
      },
    ],
    live: async ({ client }) => {
      assert.equal(await client.arseek("missing", 10), false);
      assert.equal(await client.exists("missing"), 0);
      assert.equal(await client.arinsert("log", "a", "b"), 1);
      assert.equal(await client.arseek("log", 10), true);
      assert.equal(await client.arinsert("log", "c"), 10);
      assert.equal(await client.arnext("log"), 11);
      assert.equal(await client.arseek("log", 0), true);
      assert.equal(await client.arinsert("log", "z"), 0);
      assert.equal(await client.arget("log", 0), "z");
    },
  },
  {
    method: "arset",
    recordedFrom: "the Redis 8.8 command reference",
    exchanges: [
      {
        params: ["a", 2, "a", "b", "c"],
        argv: ["ARSET", "a", 2, "a", "b", "c"],
        resp3: ":3\r\n",
        result: 3,
      },
      {
        params: ["str", 0, "x"],
        argv: ["ARSET", "str", 0, "x"],
        resp3: WRONGTYPE,
        error: /^WRONGTYPE/,
      },
    ],
    live: async ({ client }) => {
      assert.equal(await client.arset("a", 0, "hello"), 1);
      assert.equal(await client.arset("a", 2, "a", "b", "c"), 3);
      assert.equal(await client.arset("a", 0, "world", "x"), 1);
      assert.deepEqual(
        await client.argetrange("a", 0, 4),
        ["world", "x", "a", "b", "c"],
      );
      assert.equal(await client.type("a"), "array");
      // The values would run past the last index.
      await rejects(
        client.arset("a", 2n ** 64n - 2n, "x", "y"),
        /array index overflow/,
      );
      await stringKey(client);
      await wrongType(client.arset("str", 0, "x"));
    },
  },
]);
