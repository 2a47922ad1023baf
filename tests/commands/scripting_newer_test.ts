import assert from "node:assert/strict";
import { ReplyError } from "../../mod.ts";
import { testNewer } from "./_recorded.ts";

const SHA = "e0e1f9fabfc9d4800c877a703b823ac0578ff8db"; // of "return 1"

testNewer("scripting", [
  {
    method: "scriptShow",
    recordedFrom: "valkey 8.0.1",
    exchanges: [
      {
        params: [SHA],
        argv: ["SCRIPT", "SHOW", SHA],
        resp3: "$8\r\nreturn 1\r\n",
        result: "return 1",
      },
      {
        params: ["ffffffffffffffffffffffffffffffffffffffff"],
        argv: ["SCRIPT", "SHOW", "ffffffffffffffffffffffffffffffffffffffff"],
        resp3: "-NOSCRIPT No matching script.\r\n",
        error: /^NOSCRIPT No matching script\./,
      },
    ],
    live: async ({ client, resp2 }) => {
      const script = "return redis.call('GET', KEYS[1])";
      const sha1 = await client.scriptLoad(script);
      assert.equal(await client.scriptShow(sha1), script);
      assert.equal(await resp2.scriptShow(sha1), script);
      assert.deepEqual(
        await client.bytes.scriptShow(sha1),
        new TextEncoder().encode(script),
      );
      await client.scriptFlush({ sync: true });
      await assert.rejects(client.scriptShow(sha1), (error: unknown) => {
        assert.ok(error instanceof ReplyError, `not a ReplyError: ${error}`);
        assert.equal(error.code, "NOSCRIPT");
        return true;
      });
    },
  },
]);
