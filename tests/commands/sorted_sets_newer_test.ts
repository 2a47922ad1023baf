import assert from "node:assert/strict";
import { ReplyError } from "../../mod.ts";
import { serverHas } from "../_process.ts";
import { parity } from "./_helpers.ts";
import { testNewer } from "./_recorded.ts";

/** Redis 8.8 added `AGGREGATE COUNT`; Valkey has no release with it. */
const HAS_COUNT_AGGREGATE = { redis: "8.8.0" };

function isSyntaxError(error: unknown): boolean {
  return error instanceof ReplyError && /syntax error/.test(error.message);
}

testNewer("sorted set", [
  {
    method: "zrankWithScore",
    recordedFrom: "redis 7.4.1 (valkey 8.0.1 sends the same bytes)",
    exchanges: [
      {
        params: ["z", "b"],
        argv: ["ZRANK", "z", "b", "WITHSCORE"],
        resp3: "*2\r\n:1\r\n,2\r\n",
        resp2: "*2\r\n:1\r\n$1\r\n2\r\n",
        result: { rank: 1, score: 2 },
      },
      {
        params: ["z", "a"],
        argv: ["ZRANK", "z", "a", "WITHSCORE"],
        resp3: "*2\r\n:0\r\n,1.5\r\n",
        resp2: "*2\r\n:0\r\n$3\r\n1.5\r\n",
        result: { rank: 0, score: 1.5 },
      },
      {
        params: ["z", "a"],
        argv: ["ZRANK", "z", "a", "WITHSCORE"],
        resp3: "*2\r\n:0\r\n,inf\r\n",
        resp2: "*2\r\n:0\r\n$3\r\ninf\r\n",
        result: { rank: 0, score: Infinity },
      },
      {
        params: ["z", "zz"],
        argv: ["ZRANK", "z", "zz", "WITHSCORE"],
        resp3: "_\r\n",
        resp2: "*-1\r\n",
        result: null,
      },
      {
        params: ["z", "a"],
        argv: ["ZRANK", "z", "a", "WITHSCORE"],
        resp3:
          "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
        error: /^WRONGTYPE /,
      },
    ],
    live: async (ctx) => {
      const ranks = await parity(ctx, async (client) => {
        await client.zadd("z", [
          { score: 1.5, member: "a" },
          { score: 2, member: "b" },
          { score: Infinity, member: "c" },
        ]);
        return [
          await client.zrankWithScore("z", "a"),
          await client.zrankWithScore("z", "c"),
          await client.zrankWithScore("z", "zz"),
          await client.zrankWithScore("none", "a"),
        ];
      });
      assert.deepEqual(ranks, [
        { rank: 0, score: 1.5 },
        { rank: 2, score: Infinity },
        null,
        null,
      ]);
      const { client } = ctx;
      await client.set("s", "x");
      await assert.rejects(
        client.zrankWithScore("s", "a"),
        (error) => error instanceof ReplyError && error.code === "WRONGTYPE",
      );
      await client.zadd("bin", [{ score: 3, member: "m" }]);
      assert.deepEqual(await client.bytes.zrankWithScore("bin", "m"), {
        rank: 0,
        score: 3,
      });
    },
  },
  {
    method: "zrevrankWithScore",
    recordedFrom: "redis 7.4.1 (valkey 8.0.1 sends the same bytes)",
    exchanges: [
      {
        params: ["z", "a"],
        argv: ["ZREVRANK", "z", "a", "WITHSCORE"],
        resp3: "*2\r\n:2\r\n,1.5\r\n",
        resp2: "*2\r\n:2\r\n$3\r\n1.5\r\n",
        result: { rank: 2, score: 1.5 },
      },
      {
        params: ["z", "zz"],
        argv: ["ZREVRANK", "z", "zz", "WITHSCORE"],
        resp3: "_\r\n",
        resp2: "*-1\r\n",
        result: null,
      },
    ],
    live: async (ctx) => {
      const ranks = await parity(ctx, async (client) => {
        await client.zadd("z", [
          { score: 1.5, member: "a" },
          { score: 2, member: "b" },
          { score: -Infinity, member: "c" },
        ]);
        return [
          await client.zrevrankWithScore("z", "a"),
          await client.zrevrankWithScore("z", "b"),
          await client.zrevrankWithScore("z", "c"),
          await client.zrevrankWithScore("z", "zz"),
        ];
      });
      assert.deepEqual(ranks, [
        { rank: 1, score: 1.5 },
        { rank: 0, score: 2 },
        { rank: 2, score: -Infinity },
        null,
      ]);
    },
  },
  {
    method: "zunionWithScores",
    recordedFrom:
      "the Redis 8.8 command reference (AGGREGATE COUNT), and redis 7.4.1 for the refusal",
    exchanges: [
      {
        params: [["z1", "z2"], { aggregate: "COUNT" }],
        argv: ["ZUNION", 2, "z1", "z2", "AGGREGATE", "COUNT", "WITHSCORES"],
        resp3:
          "*3\r\n*2\r\n$5\r\nthree\r\n,1\r\n*2\r\n$3\r\none\r\n,2\r\n*2\r\n$3\r\ntwo\r\n,2\r\n",
        resp2:
          "*6\r\n$5\r\nthree\r\n$1\r\n1\r\n$3\r\none\r\n$1\r\n2\r\n$3\r\ntwo\r\n$1\r\n2\r\n",
        result: [
          { member: "three", score: 1 },
          { member: "one", score: 2 },
          { member: "two", score: 2 },
        ],
      },
      {
        params: [["z1", "z2"], { aggregate: "COUNT" }],
        argv: ["ZUNION", 2, "z1", "z2", "AGGREGATE", "COUNT", "WITHSCORES"],
        resp3: "-ERR syntax error\r\n",
        error: /^ERR syntax error/,
      },
    ],
    live: async (ctx) => {
      const { client } = ctx;
      await client.zadd("{z}1", [
        { score: 1, member: "one" },
        { score: 2, member: "two" },
      ]);
      await client.zadd("{z}2", [
        { score: 1, member: "one" },
        { score: 2, member: "two" },
        { score: 3, member: "three" },
      ]);
      const call = client.zunionWithScores(["{z}1", "{z}2"], {
        aggregate: "COUNT",
      });
      if (!serverHas(HAS_COUNT_AGGREGATE)) {
        await assert.rejects(call, isSyntaxError);
        return;
      }
      assert.deepEqual(await call, [
        { member: "three", score: 1 },
        { member: "one", score: 2 },
        { member: "two", score: 2 },
      ]);
      assert.deepEqual(
        await client.zunion(["{z}1", "{z}2"], { aggregate: "COUNT" }),
        ["three", "one", "two"],
      );
      assert.deepEqual(
        await client.zinterWithScores(["{z}1", "{z}2"], {
          aggregate: "COUNT",
        }),
        [{ member: "one", score: 2 }, { member: "two", score: 2 }],
      );
    },
  },
  {
    method: "zinterstore",
    recordedFrom:
      "the Redis 8.8 command reference (AGGREGATE COUNT), and redis 7.4.1 for the refusal",
    exchanges: [
      {
        params: ["out", ["z1", "z2"], { aggregate: "COUNT" }],
        argv: ["ZINTERSTORE", "out", 2, "z1", "z2", "AGGREGATE", "COUNT"],
        resp3: ":2\r\n",
        result: 2,
      },
      {
        params: ["out", ["z1", "z2"], { aggregate: "COUNT" }],
        argv: ["ZINTERSTORE", "out", 2, "z1", "z2", "AGGREGATE", "COUNT"],
        resp3: "-ERR syntax error\r\n",
        error: /^ERR syntax error/,
      },
    ],
    live: async (ctx) => {
      const { client } = ctx;
      await client.zadd("{z}1", [
        { score: 5, member: "one" },
        { score: 7, member: "two" },
      ]);
      await client.zadd("{z}2", [
        { score: 1, member: "one" },
        { score: 3, member: "three" },
      ]);
      const call = client.zinterstore("{z}out", ["{z}1", "{z}2"], {
        aggregate: "COUNT",
      });
      if (!serverHas(HAS_COUNT_AGGREGATE)) {
        await assert.rejects(call, isSyntaxError);
        assert.equal(await client.exists("{z}out"), false);
        return;
      }
      assert.equal(await call, 1);
      assert.deepEqual(await client.zrangeWithScores("{z}out", 0, -1), [
        { member: "one", score: 2 },
      ]);
      assert.equal(
        await client.zunionstore("{z}out", ["{z}1", "{z}2"], {
          aggregate: "COUNT",
        }),
        3,
      );
      assert.deepEqual(await client.zrangeWithScores("{z}out", 0, -1), [
        { member: "three", score: 1 },
        { member: "two", score: 1 },
        { member: "one", score: 2 },
      ]);
    },
  },
  {
    method: "zscanNoScores",
    recordedFrom: "valkey 8.0.1, and redis 7.4.1 for the refusal",
    exchanges: [
      {
        params: ["z", 0],
        argv: ["ZSCAN", "z", 0, "NOSCORES"],
        resp3: "*2\r\n$1\r\n0\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n",
        result: { cursor: "0", members: ["a", "b"] },
      },
      {
        params: ["z", 0],
        argv: ["ZSCAN", "z", 0, "NOSCORES"],
        resp3: "-ERR syntax error\r\n",
        error: /^ERR syntax error/,
      },
    ],
    live: async (ctx) => {
      const members = await parity(ctx, async (client) => {
        await client.zadd("z", [
          { score: 1, member: "a" },
          { score: 2.5, member: "b" },
          { score: 3, member: "c" },
        ]);
        const found: string[] = [];
        let cursor: "0" | `${number}` = "0";
        do {
          const page = await client.zscanNoScores("z", cursor, { count: 1 });
          cursor = page.cursor;
          found.push(...page.members);
        } while (cursor !== "0");
        return found.sort();
      });
      assert.deepEqual(members, ["a", "b", "c"]);
      const { client } = ctx;
      await client.zadd("z", [{ score: 1, member: "a" }]);
      assert.deepEqual(
        await client.zscanNoScores("z", 0, { match: "a*" }),
        { cursor: "0", members: ["a"] },
      );
      assert.deepEqual(await client.zscanNoScores("none", 0), {
        cursor: "0",
        members: [],
      });
      // The iterator runs the cursor loop, also in the bytes view.
      const big = Array.from({ length: 300 }, (_, i) => ({
        score: i,
        member: `m${i}`,
      }));
      await client.zadd("big", big);
      const iterated: string[] = [];
      for await (
        const member of client.zscanNoScoresIterator("big", { count: 20 })
      ) {
        iterated.push(member);
      }
      assert.deepEqual(iterated.sort(), big.map((m) => m.member).sort());
      const raw: Uint8Array[] = [];
      for await (const member of client.bytes.zscanNoScoresIterator("big")) {
        raw.push(member);
      }
      assert.equal(raw.length, 300);
      assert.ok(raw.every((member) => member instanceof Uint8Array));
    },
  },
]);
