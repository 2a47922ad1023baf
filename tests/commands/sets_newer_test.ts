import assert from "node:assert/strict";
import { ReplyError } from "../../mod.ts";
import { parity } from "./_helpers.ts";
import { testNewer } from "./_recorded.ts";

testNewer("set", [
  {
    method: "sunioncard",
    recordedFrom:
      "the Redis 8.10 command reference, and redis 7.4.1 for the unknown command",
    exchanges: [
      {
        params: [["key1", "key2"]],
        argv: ["SUNIONCARD", 2, "key1", "key2"],
        resp3: ":5\r\n",
        result: 5,
      },
      {
        params: [["key1", "key2"], { limit: 3 }],
        argv: ["SUNIONCARD", 2, "key1", "key2", "LIMIT", 3],
        resp3: ":3\r\n",
        result: 3,
      },
      {
        params: [["key1", "key2"]],
        argv: ["SUNIONCARD", 2, "key1", "key2"],
        resp3:
          "-ERR unknown command 'SUNIONCARD', with args beginning with: '2' 'key1' 'key2' \r\n",
        error: /^ERR unknown command 'SUNIONCARD'/,
      },
    ],
    live: async (ctx) => {
      const counts = await parity(ctx, async (client) => {
        await client.sadd("{s}1", "a", "b", "c");
        await client.sadd("{s}2", "c", "d", "e");
        return [
          await client.sunioncard(["{s}1", "{s}2"]),
          await client.sunioncard(["{s}1", "{s}2"], { limit: 3 }),
          await client.sunioncard(["{s}1", "{s}2", "{s}none"], { limit: 0 }),
          await client.sunioncard(["{s}none"]),
        ];
      });
      assert.deepEqual(counts, [5, 3, 5, 0]);
      const { client } = ctx;
      await client.sadd("{s}1", "a", "b", "c");
      await client.sadd("{s}2", "c", "d", "e");
      // An estimate (HyperLogLog, about 0.81% standard error).
      const approx = await client.sunioncard(["{s}1", "{s}2"], {
        approx: true,
      });
      assert.ok(approx >= 4 && approx <= 6, `estimate ${approx} for 5`);
      await client.set("{s}str", "x");
      await assert.rejects(
        client.sunioncard(["{s}1", "{s}str"]),
        (error) => error instanceof ReplyError && error.code === "WRONGTYPE",
      );
    },
  },
  {
    method: "sdiffcard",
    recordedFrom:
      "the Redis 8.10 command reference, and redis 7.4.1 for the unknown command",
    exchanges: [
      {
        params: [["key1", "key2"]],
        argv: ["SDIFFCARD", 2, "key1", "key2"],
        resp3: ":2\r\n",
        result: 2,
      },
      {
        params: [["key1", "key2"], { limit: 1 }],
        argv: ["SDIFFCARD", 2, "key1", "key2", "LIMIT", 1],
        resp3: ":1\r\n",
        result: 1,
      },
      {
        params: [["key1", "key2"], { limit: 1 }],
        argv: ["SDIFFCARD", 2, "key1", "key2", "LIMIT", 1],
        resp3:
          "-ERR unknown command 'SDIFFCARD', with args beginning with: '2' 'key1' 'key2' 'LIMIT' '1' \r\n",
        error: /^ERR unknown command 'SDIFFCARD'/,
      },
    ],
    live: async (ctx) => {
      const counts = await parity(ctx, async (client) => {
        await client.sadd("{s}1", "a", "b", "c");
        await client.sadd("{s}2", "c", "d", "e");
        return [
          await client.sdiffcard(["{s}1", "{s}2"]),
          await client.sdiffcard(["{s}1", "{s}2"], { limit: 1 }),
          await client.sdiffcard(["{s}2", "{s}1"]),
          await client.sdiffcard(["{s}1"]),
          await client.sdiffcard(["{s}none", "{s}1"]),
        ];
      });
      assert.deepEqual(counts, [2, 1, 2, 3, 0]);
    },
  },
]);
