import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, ReplyError } from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import { serverHas } from "../_process.ts";
import { testNewer } from "./_recorded.ts";

/** ACL LOG's `entry-id` and timestamps: Redis 7.2 (so Valkey 7.2.4). */
const HAS_LOG_IDS = { redis: "7.2.0", valkey: "7.2.4" };
/** ACL GETUSER's `databases`: Valkey 9.1 (not in Redis). */
const HAS_DATABASES = { valkey: "9.1.0" };

const CLIENT_INFO =
  "id=35 addr=127.0.0.1:43828 laddr=127.0.0.1:7460 fd=12 name= age=0 idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=284 qbuf-free=16118 argv-mem=8 multi-mem=0 rbs=16408 rbp=16408 obl=160 oll=0 omem=0 tot-mem=33632 events=r cmd=get user=erin redir=-1 resp=3 lib-name= lib-ver=";

/** An ACL LOG entry's fields as redis 7.4.1 sent them, in a RESP3 map. */
const LOG_FIELDS_RESP3 = "$5\r\ncount\r\n:1\r\n" +
  "$6\r\nreason\r\n$3\r\nkey\r\n" +
  "$7\r\ncontext\r\n$8\r\ntoplevel\r\n" +
  "$6\r\nobject\r\n$5\r\nother\r\n" +
  "$8\r\nusername\r\n$4\r\nerin\r\n" +
  "$11\r\nage-seconds\r\n,0\r\n" +
  `$11\r\nclient-info\r\n$${CLIENT_INFO.length}\r\n${CLIENT_INFO}\r\n` +
  "$8\r\nentry-id\r\n:4\r\n" +
  "$17\r\ntimestamp-created\r\n:1796480205779\r\n" +
  "$22\r\ntimestamp-last-updated\r\n:1796480205779\r\n";

const GETUSER_RESP3 = "%6\r\n$5\r\nflags\r\n~2\r\n$2\r\non\r\n" +
  "$16\r\nsanitize-payload\r\n$9\r\npasswords\r\n*1\r\n$64\r\n" +
  "30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4\r\n" +
  "$8\r\ncommands\r\n$10\r\n-@all +get\r\n$4\r\nkeys\r\n$3\r\n~k*\r\n" +
  "$8\r\nchannels\r\n$3\r\n&ch\r\n$9\r\nselectors\r\n*1\r\n%3\r\n" +
  "$8\r\ncommands\r\n$10\r\n-@all +set\r\n$4\r\nkeys\r\n$3\r\n~x*\r\n" +
  "$8\r\nchannels\r\n$0\r\n\r\n";

/** `GETUSER_RESP3` in RESP2 shapes (maps and sets as arrays). */
const GETUSER_RESP2 = GETUSER_RESP3.replace("%6", "*12").replace("~2", "*2")
  .replace("%3", "*6");

async function sha256(value: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(value),
  );
  return [...new Uint8Array(digest)].map((byte) =>
    byte.toString(16).padStart(2, "0")
  ).join("");
}

testNewer("ACL", [
  {
    method: "aclLog",
    recordedFrom: "redis 7.4.1 (valkey 8.0.1 sends the same fields)",
    exchanges: [
      {
        params: [{ count: 1 }],
        argv: ["ACL", "LOG", 1],
        resp3: `*1\r\n%10\r\n${LOG_FIELDS_RESP3}`,
        // The same entry in RESP2 shapes: a flat array, the age as text.
        resp2: `*1\r\n*20\r\n${
          LOG_FIELDS_RESP3.replace(",0\r\n", "$1\r\n0\r\n")
        }`,
        result: [{
          count: 1,
          reason: "key",
          context: "toplevel",
          object: "other",
          username: "erin",
          ageSeconds: 0,
          clientInfo: CLIENT_INFO,
          entryId: 4,
          timestampCreated: 1796480205779,
          timestampLastUpdated: 1796480205779,
        }],
      },
    ],
    live: async ({ client, server }) => {
      await client.aclLogReset();
      // +@all, so the handshake's CLIENT SETINFO (Redis 7.2+) is allowed and
      // only the key is denied.
      await client.aclSetuser("erin", "reset", "on", ">pw", "~k*", "+@all");
      const before = Date.now();
      {
        await using erin = await connect({
          port: server.port,
          username: "erin",
          password: "pw",
        });
        await assert.rejects(
          erin.get("other"),
          (error) => error instanceof ReplyError && error.code === "NOPERM",
        );
      }
      const after = Date.now();
      const [entry, ...rest] = await client.aclLog();
      assert.deepEqual(rest, []);
      assert.ok(entry);
      assert.equal(entry.reason, "key");
      assert.equal(entry.object, "other");
      assert.equal(entry.username, "erin");
      assert.equal(entry.context, "toplevel");
      assert.equal(entry.count, 1);
      if (serverHas(HAS_LOG_IDS)) {
        assert.ok(Number.isSafeInteger(entry.entryId) && entry.entryId! >= 0);
        assert.ok(
          entry.timestampCreated! >= before - 1000 &&
            entry.timestampCreated! <= after + 1000,
          `timestampCreated ${entry.timestampCreated}`,
        );
        assert.ok(entry.timestampLastUpdated! >= entry.timestampCreated!);
        const [bytes] = await client.bytes.aclLog({ count: 1 });
        assert.equal(bytes?.entryId, entry.entryId);
        assert.equal(bytes?.timestampCreated, entry.timestampCreated);
      } else {
        assert.equal(entry.entryId, undefined);
        assert.equal(entry.timestampCreated, undefined);
        assert.equal(entry.timestampLastUpdated, undefined);
      }
      await client.aclDeluser("erin");
      await client.aclLogReset();
    },
  },
  {
    method: "aclGetuser",
    recordedFrom:
      "redis 7.4.1, and valkey 9.1's command JSON (reply schema) for databases",
    exchanges: [
      {
        params: ["alice"],
        argv: ["ACL", "GETUSER", "alice"],
        resp3: GETUSER_RESP3,
        resp2: GETUSER_RESP2,
        result: {
          flags: ["on", "sanitize-payload"],
          passwords: [
            "30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4",
          ],
          commands: "-@all +get",
          keys: "~k*",
          channels: "&ch",
          selectors: [{ commands: "-@all +set", keys: "~x*", channels: "" }],
        },
      },
      {
        params: ["nobody"],
        argv: ["ACL", "GETUSER", "nobody"],
        resp3: "_\r\n",
        resp2: "$-1\r\n",
        result: null,
      },
      {
        params: ["dora"],
        argv: ["ACL", "GETUSER", "dora"],
        resp3: "%7\r\n$5\r\nflags\r\n~1\r\n$2\r\non\r\n" +
          "$9\r\npasswords\r\n*0\r\n" +
          "$8\r\ncommands\r\n$10\r\n-@all +get\r\n" +
          "$4\r\nkeys\r\n$3\r\n~k*\r\n$8\r\nchannels\r\n$0\r\n\r\n" +
          "$9\r\ndatabases\r\n$6\r\ndb=0,1\r\n" +
          "$9\r\nselectors\r\n*1\r\n%4\r\n" +
          "$8\r\ncommands\r\n$10\r\n-@all +set\r\n$4\r\nkeys\r\n$3\r\n~x*\r\n" +
          "$8\r\nchannels\r\n$0\r\n\r\n$9\r\ndatabases\r\n$4\r\ndb=2\r\n",
        resp2: "*14\r\n$5\r\nflags\r\n*1\r\n$2\r\non\r\n" +
          "$9\r\npasswords\r\n*0\r\n" +
          "$8\r\ncommands\r\n$10\r\n-@all +get\r\n" +
          "$4\r\nkeys\r\n$3\r\n~k*\r\n$8\r\nchannels\r\n$0\r\n\r\n" +
          "$9\r\ndatabases\r\n$6\r\ndb=0,1\r\n" +
          "$9\r\nselectors\r\n*1\r\n*8\r\n" +
          "$8\r\ncommands\r\n$10\r\n-@all +set\r\n$4\r\nkeys\r\n$3\r\n~x*\r\n" +
          "$8\r\nchannels\r\n$0\r\n\r\n$9\r\ndatabases\r\n$4\r\ndb=2\r\n",
        result: {
          flags: ["on"],
          passwords: [],
          commands: "-@all +get",
          keys: "~k*",
          channels: "",
          databases: "db=0,1",
          selectors: [{
            commands: "-@all +set",
            keys: "~x*",
            channels: "",
            databases: "db=2",
          }],
        },
      },
    ],
    live: async ({ client }) => {
      await client.aclSetuser(
        "alice",
        "reset",
        "on",
        ">pw",
        "~k*",
        "&ch",
        "+get",
        "(+set ~x*)",
      );
      const user = await client.aclGetuser("alice");
      assert.ok(user);
      // What every server since 7.0 reports; newer ones add flags (Redis
      // 7.2's sanitize-payload by default) and fields (Valkey 9.1's
      // databases).
      assert.ok(user.flags.includes("on"));
      assert.deepEqual(user.passwords, [await sha256("pw")]);
      assert.equal(user.commands, "-@all +get");
      assert.equal(user.keys, "~k*");
      assert.equal(user.channels, "&ch");
      assert.equal(user.selectors.length, 1);
      assert.equal(user.selectors[0]!.commands, "-@all +set");
      assert.equal(user.selectors[0]!.keys, "~x*");
      if (serverHas(HAS_DATABASES)) {
        assert.equal(typeof user.databases, "string");
      } else {
        assert.equal(user.databases, undefined);
        assert.equal("databases" in user.selectors[0]!, false);
      }
      await client.aclDeluser("alice");
    },
  },
]);

describe("ACL replies with fields a newer server adds", () => {
  it("commands.aclLog keeps unknown fields under camel-cased names", () => {
    const reply = new Map<string, unknown>([
      ["count", 2],
      ["reason", "database"],
      ["context", "script"],
      ["object", "3"],
      ["username", "dora"],
      ["age-seconds", 1.5],
      ["client-info", "id=1"],
      ["entry-id", 7],
      ["timestamp-created", 1],
      ["timestamp-last-updated", 2],
      ["new-field", "x"],
      ["db", 3],
    ]);
    const [entry] = commands.aclLog.reply!([reply as never]);
    assert.deepEqual(entry, {
      count: 2,
      reason: "database",
      context: "script",
      object: "3",
      username: "dora",
      ageSeconds: 1.5,
      clientInfo: "id=1",
      entryId: 7,
      timestampCreated: 1,
      timestampLastUpdated: 2,
      newField: "x",
      db: 3,
    });
    // RESP2: the same entry as a flat array.
    const [flat] = commands.aclLog.reply!([[...reply].flat() as never]);
    assert.deepEqual(flat, entry);
  });

  it("commands.aclGetuser keeps unknown fields of the user and its selectors", () => {
    const user = commands.aclGetuser.reply!(
      new Map<string, unknown>([
        ["flags", new Set(["on"])],
        ["passwords", []],
        ["commands", "+@all"],
        ["keys", "~*"],
        ["channels", "&*"],
        ["roles", ["admin"]],
        [
          "selectors",
          [
            new Map([["commands", "+get"], ["keys", "~a"], ["channels", ""], [
              "max-db",
              "2",
            ]]),
          ],
        ],
      ]) as never,
    );
    assert.deepEqual(user, {
      flags: ["on"],
      passwords: [],
      commands: "+@all",
      keys: "~*",
      channels: "&*",
      roles: ["admin"],
      selectors: [{ commands: "+get", keys: "~a", channels: "", maxDb: "2" }],
    });
  });
});
