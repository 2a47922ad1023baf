import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  connect,
  ConnectionClosedError,
  type Push,
  type RedisClient,
  ReplyError,
} from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import { cases } from "./connection_cases.ts";
import { testEncoding, useServer, utf8 } from "./_helpers.ts";
import { serverBuild } from "../_process.ts";

testEncoding("Connection", cases);

const PASSWORD = "conn-s3cret";

/** Polls CLIENT LIST until a client runs `command`; returns its ID. */
async function waitForCommand(
  client: RedisClient,
  command: string,
): Promise<number> {
  for (let attempt = 0; attempt < 10_000; attempt++) {
    const found = (await client.clientList()).find((c) => c.cmd === command);
    if (found) return Number(found.id);
  }
  throw new Error(`No client ran "${command}"`);
}

describe("Connection commands against redis-server", () => {
  const ctx = useServer({
    aclUsers: [
      "user default on nopass ~* &* +@all",
      `user alice on >${PASSWORD} ~* &* +@all`,
    ],
  });

  it("client.ping and client.echo answer, also in the bytes view", async () => {
    assert.equal(await ctx.client.ping(), "PONG");
    assert.equal(await ctx.client.ping("hi"), "hi");
    assert.equal(await ctx.resp2.ping(), "PONG");
    assert.equal(await ctx.client.echo("héllo"), "héllo");
    const raw = new Uint8Array([0xff, 0x00, 0xfe]);
    assert.deepEqual(await ctx.client.bytes.echo(raw), raw);
    assert.deepEqual(await ctx.client.bytes.ping(), utf8("PONG"));
  });

  it("client.auth switches the user and rejects a wrong password with WRONGPASS", async () => {
    await using other = await connect({ port: ctx.server.port });
    assert.equal(await other.auth("alice", PASSWORD), "OK");
    assert.equal(await other.sendCommand(["ACL", "WHOAMI"]), "alice");
    await assert.rejects(
      other.auth("alice", "wrong"),
      (error: unknown) =>
        error instanceof ReplyError && error.code === "WRONGPASS",
    );
    // A failed AUTH leaves the connection usable and authenticated as before.
    assert.equal(await other.sendCommand(["ACL", "WHOAMI"]), "alice");
  });

  it("client.select switches the database and rejects an index out of range", async () => {
    await using other = await connect({ port: ctx.server.port });
    assert.equal(await other.select(5), "OK");
    await other.set("select-key", "five");
    assert.equal(await ctx.client.get("select-key"), null);
    assert.equal(await other.clientInfo().then((c) => c.db), "5");
    await assert.rejects(other.select(100_000), ReplyError);
  });

  it("client.clientSetname, clientGetname, clientId, clientInfo and clientList agree", async () => {
    await using other = await connect({ port: ctx.server.port, protocol: 2 });
    assert.equal(await other.clientGetname(), null);
    assert.equal(await other.clientSetname("conn-test"), "OK");
    assert.equal(await other.clientGetname(), "conn-test");
    const id = await other.clientId();
    const info = await other.clientInfo();
    assert.equal(info.id, String(id));
    assert.equal(info.name, "conn-test");
    assert.match(info.addr!, /^127\.0\.0\.1:\d+$/);
    const listed = await ctx.client.clientList({ id: [id] });
    assert.equal(listed.length, 1);
    assert.equal(listed[0]!.name, "conn-test");
    const normal = await ctx.client.clientList({ type: "normal" });
    assert.ok(normal.some((c) => c.id === String(id)));
    assert.ok(normal.length >= 4);
  });

  it("client.bytes.clientInfo and clientGetname give bytes", async () => {
    await ctx.resp3.clientSetname("bytes-name");
    assert.deepEqual(await ctx.resp3.bytes.clientGetname(), utf8("bytes-name"));
    const info = await ctx.resp3.bytes.clientInfo();
    assert.deepEqual(info.name, utf8("bytes-name"));
    assert.deepEqual(info.db, utf8("2"));
  });

  it("client.hello describes the server over both protocols", async () => {
    const resp2 = await ctx.resp2.hello();
    const resp3 = await ctx.resp3.hello();
    assert.equal(resp2.proto, 2);
    assert.equal(resp3.proto, 3);
    for (const info of [resp2, resp3]) {
      // "redis" or "valkey", and the version the server binary reports.
      assert.equal(info.server, serverBuild().name);
      assert.equal(info.version, serverBuild().version);
      assert.equal(info.mode, "standalone");
      assert.equal(info.role, "master");
      assert.deepEqual(info.modules, []);
      assert.equal(typeof info.id, "number");
    }
    assert.deepEqual(Object.keys(resp2).sort(), Object.keys(resp3).sort());
  });

  it("client.hello refuses to switch the protocol and takes SETNAME in the protocol in use", async () => {
    await using other = await connect({ port: ctx.server.port, protocol: 2 });
    await assert.rejects(
      other.hello({ protover: 3 }),
      (error: unknown) =>
        error instanceof TypeError && /speaks RESP2/.test(error.message) &&
        /\{ protocol: 3 \}/.test(error.message),
    );
    await other.hset("hello-h", { a: "1" });
    const info = await other.hello({ protover: 2, setname: "renamed" });
    assert.equal(info.proto, 2);
    assert.deepEqual(await other.hgetall("hello-h"), { a: "1" });
    assert.equal(await other.clientGetname(), "renamed");
    await assert.rejects(
      other.hello({ protover: 2, auth: { username: "alice", password: "x" } }),
      (error: unknown) =>
        error instanceof ReplyError && error.code === "WRONGPASS",
    );
  });

  it("client.clientTracking delivers invalidations as pushes and clientTrackinginfo reports it", async () => {
    let resolveInvalidation!: (push: Push) => void;
    const invalidated = new Promise<Push>((resolve) => {
      resolveInvalidation = resolve;
    });
    await using tracked = await connect({
      port: ctx.server.port,
      onPush: (push) => {
        if (push.kind === "invalidate") resolveInvalidation(push);
      },
    });
    assert.deepEqual(await tracked.clientTrackinginfo(), {
      flags: ["off"],
      redirect: -1,
      prefixes: [],
    });
    assert.equal(await tracked.clientGetredir(), -1);
    assert.equal(await tracked.clientTracking(true), "OK");
    assert.equal(await tracked.clientGetredir(), 0);
    assert.deepEqual((await tracked.clientTrackinginfo()).flags, ["on"]);
    await tracked.get("tracked-key");
    await ctx.client.set("tracked-key", "changed");
    const push = await invalidated;
    assert.deepEqual(push.data[1], ["tracked-key"]);
    assert.equal(await tracked.clientTracking(false), "OK");
    assert.equal(await tracked.clientTracking(true, { optin: true }), "OK");
    assert.equal(await tracked.clientCaching("YES"), "OK");
    assert.deepEqual(
      (await tracked.clientTrackinginfo()).flags.sort(),
      ["caching-yes", "on", "optin"],
    );
    await assert.rejects(
      tracked.clientTracking(true, { optin: true, bcast: true }),
      ReplyError,
    );
  });

  it("client.clientUnblock releases a blocked client with a timeout or an error", async () => {
    await using blocked = await connect({ port: ctx.server.port });
    const pending = blocked.sendCommand(["BLPOP", "never-pushed", 0]);
    const id = await waitForCommand(ctx.client, "blpop");
    assert.equal(await ctx.client.clientUnblock(id), true);
    assert.equal(await pending, null);
    const failing = blocked.sendCommand(["BLPOP", "never-pushed", 0]);
    await waitForCommand(ctx.client, "blpop");
    assert.equal(await ctx.client.clientUnblock(id, "ERROR"), true);
    await assert.rejects(
      failing,
      (error: unknown) =>
        error instanceof ReplyError && error.code === "UNBLOCKED",
    );
    assert.equal(await ctx.client.clientUnblock(id), false);
  });

  it("client.clientPause holds writes until clientUnpause", async () => {
    await using writer = await connect({ port: ctx.server.port });
    assert.equal(await ctx.client.clientPause(60_000, { mode: "WRITE" }), "OK");
    const write = writer.set("paused-key", "v");
    await waitForCommand(ctx.client, "set");
    assert.equal(await ctx.client.clientUnpause(), "OK");
    assert.equal(await write, "OK");
    assert.equal(await ctx.client.get("paused-key"), "v");
  });

  it("client.clientKill closes the matching connection", async () => {
    const victim = await connect({ port: ctx.server.port, reconnect: false });
    const id = await victim.clientId();
    assert.equal(await ctx.client.clientKill({ id }), 1);
    await assert.rejects(victim.ping(), ConnectionClosedError);
    assert.equal(await ctx.client.clientKill({ id }), 0);
  });

  it("client.clientNoEvict and clientHelp answer", async () => {
    assert.equal(await ctx.client.clientNoEvict(true), "OK");
    assert.match((await ctx.client.clientInfo()).flags!, /e/);
    assert.equal(await ctx.client.clientNoEvict(false), "OK");
    const help = await ctx.client.clientHelp();
    assert.ok(help.some((line) => line.includes("SETNAME")));
  });

  it("connection methods reject invalid arguments before sending", async () => {
    await assert.rejects(ctx.client.select(-1), TypeError);
    await assert.rejects(ctx.client.clientKill({}), TypeError);
    assert.equal(await ctx.client.ping(), "PONG");
  });
});

describe("connection command option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;
  /** Asserts that `build` throws a `TypeError` whose message matches. */
  const rejects = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (e) => e instanceof TypeError && message.test(e.message),
    );

  it("connection commands reject unknown option keys with a TypeError naming the key", () => {
    // HELLO, and its nested auth.
    rejects(
      () => commands.hello.build(loose({ PROTOVER: 3 })),
      /^Unknown HELLO option "PROTOVER": did you mean "protover"\?$/,
    );
    rejects(
      () => commands.hello.build(loose({ protover: 3, setName: "w" })),
      /^Unknown HELLO option "setName": did you mean "setname"\?$/,
    );
    rejects(
      () =>
        commands.hello.build(
          loose({ protover: 3, auth: { userName: "a", password: "p" } }),
        ),
      /^Unknown HELLO auth option "userName": did you mean "username"\?$/,
    );
    assert.deepEqual(
      commands.hello.build({
        protover: 3,
        auth: { username: "a", password: "p" },
        setname: "w",
      }),
      ["HELLO", 3, "AUTH", "a", "p", "SETNAME", "w"],
    );
    assert.deepEqual(commands.hello.build({}), ["HELLO"]);
    // CLIENT KILL filters.
    rejects(
      () => commands.clientKill.build(loose({ ID: 5 })),
      /^Unknown CLIENT KILL filter "ID": did you mean "id"\?$/,
    );
    rejects(
      () => commands.clientKill.build(loose({ id: 5, skipMe: false })),
      /^Unknown CLIENT KILL filter "skipMe": did you mean "skipme"\?$/,
    );
    assert.deepEqual(
      commands.clientKill.build({
        id: 5,
        type: "normal",
        user: "u",
        addr: "a:1",
        laddr: "b:2",
        skipme: false,
      }),
      [
        "CLIENT",
        "KILL",
        "ID",
        5,
        "TYPE",
        "normal",
        "USER",
        "u",
        "ADDR",
        "a:1",
        "LADDR",
        "b:2",
        "SKIPME",
        "NO",
      ],
    );
    // CLIENT LIST.
    rejects(
      () => commands.clientList.build(loose({ TYPE: "normal" })),
      /^Unknown CLIENT LIST option "TYPE": did you mean "type"\?$/,
    );
    assert.deepEqual(commands.clientList.build({ id: [1, 2] }), [
      "CLIENT",
      "LIST",
      "ID",
      1,
      2,
    ]);
    assert.deepEqual(commands.clientList.build({ type: "pubsub" }), [
      "CLIENT",
      "LIST",
      "TYPE",
      "pubsub",
    ]);
    // CLIENT PAUSE.
    rejects(
      () => commands.clientPause.build(100, loose({ MODE: "WRITE" })),
      /^Unknown CLIENT PAUSE option "MODE": did you mean "mode"\?$/,
    );
    assert.deepEqual(commands.clientPause.build(100, { mode: "WRITE" }), [
      "CLIENT",
      "PAUSE",
      100,
      "WRITE",
    ]);
    // CLIENT TRACKING.
    rejects(
      () => commands.clientTracking.build(true, loose({ BCAST: true })),
      /^Unknown CLIENT TRACKING option "BCAST": did you mean "bcast"\?$/,
    );
    rejects(
      () => commands.clientTracking.build(true, loose({ prefix: ["a"] })),
      /^Unknown CLIENT TRACKING option "prefix": did you mean "prefixes"\?$/,
    );
    assert.deepEqual(
      commands.clientTracking.build(true, {
        redirect: 7,
        prefixes: ["a", "b"],
        bcast: true,
        noloop: true,
      }),
      [
        "CLIENT",
        "TRACKING",
        "ON",
        "REDIRECT",
        7,
        "PREFIX",
        "a",
        "PREFIX",
        "b",
        "BCAST",
        "NOLOOP",
      ],
    );
  });
});
