import assert from "node:assert/strict";
import { ReplyError } from "../../mod.ts";
import { parity, utf8 } from "./_helpers.ts";
import { testNewer } from "./_recorded.ts";

testNewer("list", [
  {
    method: "lmovem",
    recordedFrom:
      "the Redis 8.10 command reference, and redis 7.4.1 for the unknown command",
    exchanges: [
      {
        params: ["src", "dst", "LEFT", "LEFT", { count: 2, order: "OBO" }],
        argv: ["LMOVEM", "src", "dst", "LEFT", "LEFT", "COUNT", 2, "OBO"],
        resp3: "*2\r\n$1\r\n2\r\n$1\r\n1\r\n",
        result: ["2", "1"],
      },
      {
        params: ["src", "dst", "LEFT", "LEFT", { exactly: 5, order: "BULK" }],
        argv: ["LMOVEM", "src", "dst", "LEFT", "LEFT", "EXACTLY", 5, "BULK"],
        resp3: "_\r\n",
        resp2: "*-1\r\n",
        result: null,
      },
      {
        params: ["src", "dst", "LEFT", "RIGHT"],
        argv: ["LMOVEM", "src", "dst", "LEFT", "RIGHT"],
        resp3: "*1\r\n$1\r\na\r\n",
        result: ["a"],
      },
      {
        params: ["none", "dst", "LEFT", "RIGHT"],
        argv: ["LMOVEM", "none", "dst", "LEFT", "RIGHT"],
        resp3: "*0\r\n",
        result: [],
      },
      {
        params: ["a", "b", "LEFT", "RIGHT"],
        argv: ["LMOVEM", "a", "b", "LEFT", "RIGHT"],
        resp3:
          "-ERR unknown command 'LMOVEM', with args beginning with: 'a' 'b' 'LEFT' 'RIGHT' \r\n",
        error: /^ERR unknown command 'LMOVEM'/,
      },
    ],
    live: async (ctx) => {
      const { client } = ctx;
      await client.rpush("{l}src", "1", "2", "3", "4", "5");
      // OBO pushes one element at a time: the block comes out reversed.
      assert.deepEqual(
        await client.lmovem("{l}src", "{l}dst", "LEFT", "LEFT", {
          count: 3,
          order: "OBO",
        }),
        ["3", "2", "1"],
      );
      assert.deepEqual(await client.lrange("{l}dst", 0, -1), ["3", "2", "1"]);
      assert.deepEqual(await client.lrange("{l}src", 0, -1), ["4", "5"]);
      // BULK keeps the source's order; COUNT moves what there is.
      assert.deepEqual(
        await client.lmovem("{l}src", "{l}dst", "LEFT", "LEFT", {
          count: 10,
          order: "BULK",
        }),
        ["4", "5"],
      );
      assert.deepEqual(await client.lrange("{l}dst", 0, -1), [
        "4",
        "5",
        "3",
        "2",
        "1",
      ]);
      assert.equal(await client.exists("{l}src"), false);
      // EXACTLY moves all or nothing.
      assert.equal(
        await client.lmovem("{l}dst", "{l}src", "RIGHT", "LEFT", {
          exactly: 6,
          order: "BULK",
        }),
        null,
      );
      assert.equal(await client.llen("{l}dst"), 5);
      assert.deepEqual(
        await client.lmovem("{l}dst", "{l}src", "RIGHT", "LEFT", {
          exactly: 2,
          order: "BULK",
        }),
        ["2", "1"],
      );
      assert.deepEqual(await client.lrange("{l}src", 0, -1), ["2", "1"]);
      // Without options one element moves, as an array.
      assert.deepEqual(
        await client.lmovem("{l}src", "{l}dst", "LEFT", "RIGHT"),
        ["2"],
      );
      assert.deepEqual(
        await client.lmovem("{l}none", "{l}dst", "LEFT", "RIGHT"),
        [],
      );
      const moved = await parity(ctx, async (c) => {
        await c.rpush("{l}a", "x", "y");
        return [
          await c.lmovem("{l}a", "{l}b", "RIGHT", "RIGHT", {
            count: 2,
            order: "OBO",
          }),
          await c.lmovem("{l}a", "{l}b", "RIGHT", "RIGHT", {
            exactly: 1,
            order: "OBO",
          }),
        ];
      });
      assert.deepEqual(moved, [["y", "x"], null]);
      await client.rpush("{l}bin", "v");
      assert.deepEqual(
        await client.bytes.lmovem("{l}bin", "{l}out", "LEFT", "RIGHT"),
        [utf8("v")],
      );
      await client.set("{l}str", "x");
      await assert.rejects(
        client.lmovem("{l}str", "{l}dst", "LEFT", "RIGHT"),
        (error) => error instanceof ReplyError && error.code === "WRONGTYPE",
      );
    },
  },
  {
    method: "blmovem",
    recordedFrom: "the Redis 8.10 command reference",
    exchanges: [
      {
        params: ["src", "dst", "LEFT", "RIGHT", 0, {
          count: 2,
          order: "BULK",
        }],
        argv: [
          "BLMOVEM",
          "src",
          "dst",
          "LEFT",
          "RIGHT",
          0,
          "COUNT",
          2,
          "BULK",
        ],
        resp3: "*2\r\n$1\r\n1\r\n$1\r\n2\r\n",
        result: ["1", "2"],
      },
      {
        params: ["src", "dst", "LEFT", "RIGHT", 0.1, {
          exactly: 3,
          order: "BULK",
        }],
        argv: [
          "BLMOVEM",
          "src",
          "dst",
          "LEFT",
          "RIGHT",
          0.1,
          "EXACTLY",
          3,
          "BULK",
        ],
        resp3: "_\r\n",
        resp2: "*-1\r\n",
        result: null,
      },
    ],
    live: async ({ client }) => {
      await client.rpush("{l}src", "1", "2", "3");
      assert.deepEqual(
        await client.blmovem("{l}src", "{l}dst", "LEFT", "RIGHT", 0, {
          count: 2,
          order: "BULK",
        }),
        ["1", "2"],
      );
      // Not enough elements for EXACTLY: it waits, then times out.
      assert.equal(
        await client.blmovem("{l}src", "{l}dst", "LEFT", "RIGHT", 0.05, {
          exactly: 2,
          order: "BULK",
        }),
        null,
      );
      assert.deepEqual(await client.lrange("{l}src", 0, -1), ["3"]);
      // A push wakes a waiting call (or comes first: the result is the same).
      const waiting = client.blmovem("{l}empty", "{l}got", "LEFT", "RIGHT", 0, {
        count: 5,
        order: "BULK",
      });
      await client.rpush("{l}empty", "a", "b");
      assert.deepEqual(await waiting, ["a", "b"]);
      assert.deepEqual(await client.lrange("{l}got", 0, -1), ["a", "b"]);
    },
  },
]);
