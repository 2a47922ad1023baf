import assert from "node:assert/strict";
import { type BitopOperation, ReplyError } from "../../mod.ts";
import { serverHas } from "../_process.ts";
import { testNewer } from "./_recorded.ts";

/** Redis 8.2 added DIFF, DIFF1, ANDOR and ONE; Valkey has none of them. */
const HAS_NEW_OPERATIONS = { redis: "8.2.0" };
/** Valkey 8.0 made BITCOUNT's `end` optional; Redis has not. */
const HAS_OPEN_BITCOUNT = { valkey: "8.0.0" };

testNewer("bitmap", [
  {
    method: "bitop",
    recordedFrom:
      "the Redis 8.2 command reference (DIFF, DIFF1, ANDOR, ONE), and redis 7.4.1 for the refusal",
    exchanges: [
      {
        params: ["DIFF", "dest", "a", "b"],
        argv: ["BITOP", "DIFF", "dest", "a", "b"],
        resp3: ":1\r\n",
        result: 1,
      },
      {
        params: ["ANDOR", "TA", "LRB", "B:F", "B:A", "B:SF"],
        argv: ["BITOP", "ANDOR", "TA", "LRB", "B:F", "B:A", "B:SF"],
        resp3: ":3\r\n",
        result: 3,
      },
      {
        params: ["DIFF", "dest", "a", "b"],
        argv: ["BITOP", "DIFF", "dest", "a", "b"],
        resp3: "-ERR syntax error\r\n",
        error: /^ERR syntax error/,
      },
    ],
    live: async ({ client }) => {
      await client.set("{b}x", new Uint8Array([0b11110000]));
      await client.set("{b}y", new Uint8Array([0b00110000]));
      await client.set("{b}z", new Uint8Array([0b00001100, 0xff]));
      const operations: [BitopOperation, number][] = [
        ["DIFF", 0b11000000],
        ["DIFF1", 0b00001100],
        ["ANDOR", 0b00110000],
        ["ONE", 0b11001100],
      ];
      for (const [operation, first] of operations) {
        const call = client.bitop(operation, "{b}d", "{b}x", "{b}y", "{b}z");
        if (!serverHas(HAS_NEW_OPERATIONS)) {
          await assert.rejects(
            call,
            (error) =>
              error instanceof ReplyError && /syntax error/.test(error.message),
          );
          continue;
        }
        // The result is as long as the longest source.
        assert.equal(await call, 2, operation);
        const result = await client.bytes.get("{b}d");
        assert.equal(result?.[0], first, operation);
      }
      if (serverHas(HAS_NEW_OPERATIONS)) {
        // ONE of a single source copies it.
        assert.equal(await client.bitop("ONE", "{b}d", "{b}x"), 1);
        assert.deepEqual(
          await client.bytes.get("{b}d"),
          new Uint8Array([0b11110000]),
        );
      }
    },
  },
  {
    method: "bitcount",
    recordedFrom:
      "valkey 8.0.1 (a range without end), and redis 7.4.1 for the refusal",
    exchanges: [
      {
        params: ["bc", { start: 1 }],
        argv: ["BITCOUNT", "bc", 1],
        resp3: ":22\r\n",
        result: 22,
      },
      {
        params: ["bc", { start: 1 }],
        argv: ["BITCOUNT", "bc", 1],
        resp3: "-ERR syntax error\r\n",
        error: /^ERR syntax error/,
      },
    ],
    live: async ({ client }) => {
      await client.set("bc", "foobar");
      const call = client.bitcount("bc", { start: 1 });
      if (!serverHas(HAS_OPEN_BITCOUNT)) {
        await assert.rejects(
          call,
          (error) =>
            error instanceof ReplyError && /syntax error/.test(error.message),
        );
        return;
      }
      // "oobar": the bits from byte 1 to the end.
      assert.equal(await call, 22);
      assert.equal(await client.bitcount("bc", { start: -1 }), 4);
      assert.equal(await client.bitcount("bc", { start: 100 }), 0);
    },
  },
]);
