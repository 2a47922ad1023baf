import { describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  type AclSelector,
  type AclUser,
  connect,
  ReplyError,
} from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import { parity, testEncoding, useServer, utf8 } from "./_helpers.ts";
import { cases } from "./acl_cases.ts";

testEncoding("ACL", cases);

const text = new TextDecoder();

function replyError(pattern: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof ReplyError, `not a ReplyError: ${error}`);
    assert.match(error.message, pattern);
    return true;
  };
}

/**
 * The flags a server reports beyond the user's own rules left out: Redis
 * 7.2 and Valkey mark every user `sanitize-payload` unless told otherwise.
 */
function ownFlags(flags: readonly string[] | undefined): string[] | undefined {
  return flags?.filter((flag) => flag !== "sanitize-payload");
}

/**
 * The fields of `aclGetuser` that every server since Redis 7.0 reports,
 * without the default flags: newer servers add fields (Valkey 9.1's
 * `databases`), which the client keeps.
 */
function core(user: AclUser | null) {
  if (user === null) return null;
  const selector = ({ commands, keys, channels }: AclSelector) => ({
    commands,
    keys,
    channels,
  });
  return {
    flags: ownFlags(user.flags),
    passwords: user.passwords,
    ...selector(user),
    selectors: user.selectors.map(selector),
  };
}

async function sha256(value: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(value),
  );
  return [...new Uint8Array(digest)].map((byte) =>
    byte.toString(16).padStart(2, "0")
  ).join("");
}

describe("ACL commands against a server", () => {
  const ctx = useServer({ aclUsers: ["user default on nopass ~* &* +@all"] });

  it("client.aclSetuser creates a user that client.aclGetuser describes", async () => {
    const { client } = ctx;
    assert.equal(
      await client.aclSetuser(
        "alice",
        "on",
        ">pw",
        "~k*",
        "+get",
        "(+set ~x*)",
      ),
      "OK",
    );
    assert.deepEqual(core(await client.aclGetuser("alice")), {
      flags: ["on"],
      passwords: [await sha256("pw")],
      commands: "-@all +get",
      keys: "~k*",
      channels: "",
      selectors: [{ commands: "-@all +set", keys: "~x*", channels: "" }],
    });
    assert.equal(await client.aclSetuser("alice", "nopass", "&news:*"), "OK");
    const changed = await client.aclGetuser("alice");
    assert.deepEqual(ownFlags(changed?.flags), ["on", "nopass"]);
    assert.deepEqual(changed?.passwords, []);
    assert.equal(changed?.channels, "&news:*");
    assert.equal(await client.aclGetuser("nobody"), null);
    await assert.rejects(
      client.aclSetuser("alice", "no-such-rule"),
      replyError(/Syntax error/),
    );
    assert.equal(await client.aclSetuser("empty"), "OK");
    assert.deepEqual(ownFlags((await client.aclGetuser("empty"))?.flags), [
      "off",
    ]);
    assert.equal(await client.aclDeluser("alice", "empty", "nobody"), 2);
  });

  it("client.aclGetuser gives the same description over RESP2 and RESP3", async () => {
    const user = await parity(ctx, async (client) => {
      await client.aclSetuser(
        "parity",
        "reset",
        "on",
        ">a",
        ">b",
        "%R~r*",
        "+@read",
        "(+set ~w*)",
      );
      return await client.aclGetuser("parity");
    });
    assert.deepEqual(user?.flags, ["on", "sanitize-payload"]);
    assert.equal(user?.passwords.length, 2);
    assert.equal(user?.keys, "%R~r*");
    assert.equal(user?.selectors.length, 1);
    await ctx.client.aclDeluser("parity");
  });

  it("client.aclUsers, aclList and aclWhoami describe the users and the connection", async () => {
    const { client } = ctx;
    await client.aclSetuser("bob", "on", ">pw", "~*", "+@all");
    assert.deepEqual(await client.aclUsers(), ["bob", "default"]);
    const lines = await client.aclList();
    assert.equal(lines.length, 2);
    // Redis 7.2+ and Valkey list the default sanitize-payload flag too.
    assert.ok(
      lines.some((line) => /^user bob on (sanitize-payload )?#/.test(line)),
    );
    assert.equal(await client.aclWhoami(), "default");
    await using bob = await connect({
      port: ctx.server.port,
      username: "bob",
      password: "pw",
    });
    assert.equal(await bob.aclWhoami(), "bob");
    assert.deepEqual(await client.bytes.aclWhoami(), utf8("default"));
    assert.deepEqual(await client.bytes.aclUsers(), [
      utf8("bob"),
      utf8("default"),
    ]);
    assert.equal(await client.aclDeluser("bob"), 1);
  });

  it("client.bytes.aclGetuser keeps flags as text and delivers the rest as bytes", async () => {
    const { client } = ctx;
    await client.aclSetuser("carol", "on", ">pw", "~k*", "+get");
    const user = await client.bytes.aclGetuser("carol");
    assert.deepEqual(ownFlags(user?.flags), ["on"]);
    assert.deepEqual(user?.passwords, [utf8(await sha256("pw"))]);
    assert.deepEqual(user?.keys, utf8("~k*"));
    await client.aclDeluser("carol");
  });

  it("client.aclDryrun tells whether a user may run a command", async () => {
    const { client } = ctx;
    await client.aclSetuser("dave", "on", "nopass", "~k*", "+get");
    assert.deepEqual(await client.aclDryrun("dave", "get", "k1"), {
      allowed: true,
    });
    const denied = await client.aclDryrun("dave", "set", "k1", "v");
    assert.equal(denied.allowed, false);
    assert.match(!denied.allowed ? denied.reason : "", /no permissions/);
    const key = await client.aclDryrun("dave", "get", "other");
    assert.match(!key.allowed ? key.reason : "", /'other' key/);
    const bytes = await client.bytes.aclDryrun("dave", "set", "k1", "v");
    assert.ok(!bytes.allowed && bytes.reason instanceof Uint8Array);
    assert.deepEqual(await client.bytes.aclDryrun("dave", "get", "k1"), {
      allowed: true,
    });
    await assert.rejects(
      client.aclDryrun("nobody", "get", "k1"),
      replyError(/User 'nobody' not found/),
    );
    await client.aclDeluser("dave");
  });

  it("client.aclLog lists denials and failed logins and client.aclLogReset empties it", async () => {
    const { client } = ctx;
    assert.equal(await client.aclLogReset(), "OK");
    assert.deepEqual(await client.aclLog(), []);
    await client.aclSetuser("erin", "on", ">pw", "~k*", "+get");
    {
      await using erin = await connect({
        port: ctx.server.port,
        username: "erin",
        password: "pw",
      });
      await assert.rejects(erin.sendCommand(["GET", "other"]), /NOPERM/);
      await assert.rejects(erin.sendCommand(["DEL", "k1"]), /NOPERM/);
    }
    {
      await using other = await connect({ port: ctx.server.port });
      await assert.rejects(
        other.sendCommand(["AUTH", "erin", "wrong"]),
        replyError(/WRONGPASS/),
      );
    }
    // Since Redis 7.2 the handshake's CLIENT SETINFO is a command erin may
    // not run either: left out, it is not what this test denies.
    const entries = (await client.aclLog()).filter((entry) =>
      entry.object !== "client|setinfo"
    );
    assert.deepEqual(
      entries.map(({ reason, object, username, context, count }) => ({
        reason,
        object,
        username,
        context,
        count,
      })),
      [
        {
          reason: "auth",
          object: "AUTH",
          username: "erin",
          context: "toplevel",
          count: 1,
        },
        {
          reason: "command",
          object: "del",
          username: "erin",
          context: "toplevel",
          count: 1,
        },
        {
          reason: "key",
          object: "other",
          username: "erin",
          context: "toplevel",
          count: 1,
        },
      ],
    );
    for (const entry of entries) {
      assert.ok(entry.ageSeconds >= 0 && entry.ageSeconds < 60);
      assert.match(entry.clientInfo, /^id=\d+ addr=127\.0\.0\.1:\d+ /);
    }
    assert.equal((await client.aclLog({ count: 1 })).length, 1);
    // The newest entry is the failed login, whatever the handshake added.
    const bytes = await client.bytes.aclLog({ count: 1 });
    assert.equal(bytes[0]?.reason, "auth");
    assert.deepEqual(bytes[0]?.username, utf8("erin"));
    assert.equal(typeof bytes[0]?.ageSeconds, "number");
    assert.equal(await client.aclLogReset(), "OK");
    assert.deepEqual(await client.aclLog(), []);
    await client.aclDeluser("erin");
  });

  it("client.aclLog gives the same entries over RESP2 and RESP3", async () => {
    const { client } = ctx;
    await client.aclLogReset();
    await client.aclSetuser("frank", "on", ">pw", "~k*", "+get");
    await assert.rejects(
      client.sendCommand(["AUTH", "frank", "no"]),
      replyError(/WRONGPASS/),
    );
    const entries = await parity(
      ctx,
      async (c) =>
        (await c.aclLog()).map((
          {
            ageSeconds,
            clientInfo,
            entryId,
            timestampCreated,
            timestampLastUpdated,
            ...rest
          },
        ) => {
          // Redis 7.2+ and Valkey add the entry's ID and timestamps.
          assert.ok(entryId === undefined || Number.isSafeInteger(entryId));
          assert.equal(typeof timestampCreated, typeof entryId);
          assert.equal(typeof timestampLastUpdated, typeof entryId);
          return {
            ...rest,
            age: typeof ageSeconds,
            client: /^id=\d+ /.test(clientInfo),
          };
        }),
    );
    assert.deepEqual(entries, [{
      count: 1,
      reason: "auth",
      context: "toplevel",
      object: "AUTH",
      username: "frank",
      age: "number",
      client: true,
    }]);
    await client.aclDeluser("frank");
    await client.aclLogReset();
  });

  it("client.aclCat lists categories and the commands of one", async () => {
    const { client } = ctx;
    const categories = await client.aclCat();
    assert.ok(categories.includes("keyspace"));
    assert.ok(categories.includes("dangerous"));
    const hll = await client.aclCat("hyperloglog");
    assert.ok(hll.includes("pfadd"));
    await assert.rejects(
      client.aclCat("no-such-category"),
      replyError(/Unknown category/),
    );
  });

  it("client.aclGenpass generates random hex passwords of the requested size", async () => {
    const { client } = ctx;
    const first = await client.aclGenpass();
    assert.match(first, /^[0-9a-f]{64}$/);
    assert.notEqual(await client.aclGenpass(), first);
    assert.match(await client.aclGenpass(32), /^[0-9a-f]{8}$/);
    assert.match(await client.aclGenpass(5), /^[0-9a-f]{2}$/);
    await assert.rejects(client.aclGenpass(5000), ReplyError);
    await assert.rejects(client.aclGenpass(0), TypeError);
    assert.ok((await client.bytes.aclGenpass()) instanceof Uint8Array);
  });

  it("client.aclSave writes the ACL file and client.aclLoad reads it back", async () => {
    const { client } = ctx;
    const file = path.join(ctx.server.dir, "users.acl");
    await client.aclSetuser("gina", "on", ">pw", "~g*", "+get");
    assert.equal(await client.aclSave(), "OK");
    // Redis 7.2+ and Valkey write the default sanitize-payload flag too.
    assert.match(
      fs.readFileSync(file, "utf8"),
      /^user gina on (sanitize-payload )?#/m,
    );

    await client.aclDeluser("gina");
    assert.equal(await client.aclGetuser("gina"), null);
    assert.equal(await client.aclLoad(), "OK");
    assert.equal((await client.aclGetuser("gina"))?.keys, "~g*");

    const saved = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, saved + "user broken on +no-such-command\n");
    await assert.rejects(client.aclLoad(), ReplyError);
    assert.notEqual(await client.aclGetuser("gina"), null);
    fs.writeFileSync(file, saved);
    await client.aclDeluser("gina");
    assert.equal(await client.aclSave(), "OK");
  });

  it("client.aclHelp lists the ACL subcommands", async () => {
    const help = await ctx.client.aclHelp();
    assert.ok(help.some((line) => line.startsWith("GETUSER")));
    const bytes = await ctx.client.bytes.aclHelp();
    assert.ok(bytes.some((line) => text.decode(line).startsWith("WHOAMI")));
  });

  it("ACL methods reject invalid arguments before sending", async () => {
    const { client } = ctx;
    await assert.rejects(client.aclDeluser(), TypeError);
    await assert.rejects(client.aclGenpass(-8), TypeError);
    await assert.rejects(client.aclLog({ count: 1.5 }), TypeError);
  });
});

describe("ACL command option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;

  it("ACL commands reject unknown option keys with a TypeError naming the key", () => {
    assert.throws(
      () => commands.aclLog.build(loose({ COUNT: 5 })),
      (e) =>
        e instanceof TypeError &&
        /^Unknown ACL LOG option "COUNT": did you mean "count"\?$/.test(
          e.message,
        ),
    );
    assert.throws(
      () => commands.aclLog.build(loose({ reset: true })),
      (e) =>
        e instanceof TypeError &&
        /^Unknown ACL LOG option "reset"$/.test(e.message),
    );
    assert.deepEqual(commands.aclLog.build({ count: 5 }), ["ACL", "LOG", 5]);
    assert.deepEqual(commands.aclLog.build({}), ["ACL", "LOG"]);
    assert.deepEqual(commands.aclLog.build(), ["ACL", "LOG"]);
  });
});
