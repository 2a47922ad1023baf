import assert from "node:assert/strict";
import { ReplyError } from "../../mod.ts";
import { testNewer } from "./_recorded.ts";

testNewer("generic", [
  {
    method: "waitaof",
    recordedFrom: "redis 7.4.1",
    exchanges: [
      {
        params: [0, 0, 0],
        argv: ["WAITAOF", 0, 0, 0],
        resp3: "*2\r\n:0\r\n:0\r\n",
        result: [0, 0],
      },
      {
        params: [1, 0, 0],
        argv: ["WAITAOF", 1, 0, 0],
        resp3:
          "-ERR WAITAOF cannot be used when numlocal is set but appendonly is disabled.\r\n",
        error: /^ERR WAITAOF cannot be used when numlocal is set/,
      },
    ],
    live: async ({ client }) => {
      await client.set("k", "v");
      assert.deepEqual(await client.waitaof(0, 0, 0), [0, 0]);
      await assert.rejects(
        client.waitaof(1, 0, 0),
        (error) =>
          error instanceof ReplyError && /appendonly/.test(error.message),
      );
    },
  },
  {
    // TYPE is older than Redis 7.0; its new reply is the vector set type.
    method: "type",
    recordedFrom: "the Redis 8.0 command reference",
    exchanges: [
      {
        params: ["vs"],
        argv: ["TYPE", "vs"],
        resp3: "+vectorset\r\n",
        result: "vectorset",
      },
      {
        params: ["missing"],
        argv: ["TYPE", "missing"],
        resp3: "+none\r\n",
        result: "none",
      },
    ],
    live: async ({ client }) => {
      await client.set("k", "v");
      assert.equal(await client.type("k"), "string");
      assert.equal(await client.type("missing"), "none");
      // Vector sets: Redis 8.0+ (VADD key VALUES dim v... element).
      const added = await client.sendCommand(
        ["VADD", "vs", "VALUES", "2", "1", "0", "a"],
      ).then(
        (reply) => reply,
        (error) => {
          assert.ok(error instanceof ReplyError, `not a ReplyError: ${error}`);
          assert.match(error.message, /unknown command/);
          return undefined;
        },
      );
      if (added !== undefined) {
        assert.equal(await client.type("vs"), "vectorset");
      }
    },
  },
]);
