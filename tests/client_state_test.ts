/**
 * The connection state RedisClient tracks (database, user, name, tracking,
 * no-evict) across its extra connections, reconnects and duplicates, and
 * the raw commands it refuses because they break the pairing of requests
 * and replies, against private redis-server processes.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type RedisClient, ReplyError } from "../mod.ts";
import { startServer, type TestServer } from "./_server.ts";
import { nextEvent, uniqueKey, until } from "./_support.ts";
import { calls } from "./commands/_helpers.ts";

/** Kills the client's connection from `admin` and waits for its reconnect. */
async function killAndWait(
  admin: RedisClient,
  client: RedisClient,
): Promise<void> {
  const ready = nextEvent(client, "ready");
  const killed = await admin.clientKill({ id: await client.clientId() });
  assert.equal(killed, 1);
  await ready;
}

describe("RedisClient connection state", () => {
  let server: TestServer;
  let admin: RedisClient;
  let db3: RedisClient;
  const clients: RedisClient[] = [];

  /** A client of this suite, closed after it. */
  async function open(
    options: Parameters<typeof connect>[0] & object = {},
  ): Promise<RedisClient> {
    const client = await connect({
      port: server.port,
      reconnect: () => 10,
      ...options,
    });
    clients.push(client);
    return client;
  }

  before(async () => {
    server = await startServer({
      aclUsers: [
        "user default on nopass ~* &* +@all",
        "user alice on >alice-pw ~* &* +@all",
      ],
    });
    admin = await connect({ port: server.port });
    db3 = await connect({ port: server.port, db: 3 });
  });

  after(async () => {
    for (const client of clients) client.disconnect();
    await admin?.close();
    await db3?.close();
    await server?.stop();
  });

  it("RedisClient.select applies the database to blocking commands, also on an extra connection opened before", async () => {
    const client = await open();
    const queue = uniqueKey("select:queue");
    // An idle extra connection in database 0 is left behind.
    assert.equal(await client.blpop([queue], 0.01), null);
    assert.equal(await client.select(3), "OK");
    await db3.rpush(queue, "in-3");
    assert.deepEqual(await client.blpop([queue], 5), {
      key: queue,
      element: "in-3",
    });
    // Several at once, each on an extra connection of its own.
    await db3.rpush(queue, "a", "b", "c");
    const popped = await Promise.all([
      client.blpop([queue], 5),
      client.blpop([queue], 5),
      client.blpop([queue], 5),
    ]);
    assert.deepEqual(popped.map((p) => p?.element).sort(), ["a", "b", "c"]);
  });

  it("RedisClient.select applies the database to watch()", async () => {
    const client = await open();
    const key = uniqueKey("select:watch");
    await client.watch(key, () => undefined);
    await client.select(3);
    await client.set(key, "10");
    const results = await client.watch(key, async (tx) => {
      const value = Number(await tx.get(key));
      return tx.multi().set(key, String(value + 1));
    });
    assert.deepEqual(results, ["OK"]);
    assert.equal(await db3.get(key), "11");
    assert.equal(await admin.exists(key), false);
  });

  it("RedisClient.select survives a reconnect and carries over to duplicate()", async () => {
    const client = await open();
    const key = uniqueKey("select:reconnect");
    await client.select(3);
    await client.set(key, "three");
    await killAndWait(admin, client);
    assert.equal(await client.get(key), "three");
    assert.equal((await client.clientInfo()).db, "3");
    await using copy = await client.duplicate();
    assert.equal(await copy.get(key), "three");
    await using other = await client.duplicate({ db: 0 });
    assert.equal(await other.get(key), null);
  });

  it("RedisClient.select that the server refuses changes nothing", async () => {
    const client = await open({ db: 3 });
    const queue = uniqueKey("select:refused");
    await assert.rejects(
      client.select(100_000),
      (error) => error instanceof ReplyError && error.command === "SELECT",
    );
    await db3.rpush(queue, "still-3");
    assert.deepEqual(await client.blpop([queue], 5), {
      key: queue,
      element: "still-3",
    });
  });

  it("RedisClient.sendCommand SELECT is tracked like client.select", async () => {
    const client = await open();
    const key = uniqueKey("select:raw");
    await db3.set(key, "raw");
    assert.equal(await client.sendCommand(["select", "3"]), "OK");
    await killAndWait(admin, client);
    assert.equal(await client.get(key), "raw");
    await db3.rpush(key + ":q", "x");
    assert.deepEqual(await client.blpop([key + ":q"], 5), {
      key: key + ":q",
      element: "x",
    });
  });

  it("RedisClient.clientSetname names reconnects and extra connections", async () => {
    const client = await open({ clientName: "before" });
    await client.clientSetname("after");
    await killAndWait(admin, client);
    assert.equal(await client.clientGetname(), "after");
    const queue = uniqueKey("name:queue");
    const blocked = client.blpop([queue], 5);
    await until(
      async () =>
        (await admin.clientList()).some((c) =>
          c.cmd === "blpop" && c.name === "after"
        ),
      'a BLPOP from a connection named "after"',
    );
    await admin.rpush(queue, "x");
    assert.deepEqual(await blocked, { key: queue, element: "x" });
  });

  it("RedisClient.auth re-authenticates reconnects and extra connections as the new user", async () => {
    const client = await open();
    assert.equal(await client.aclWhoami(), "default");
    assert.equal(await client.auth("alice", "alice-pw"), "OK");
    await killAndWait(admin, client);
    assert.equal(await client.aclWhoami(), "alice");
    const seen = await client.watch(uniqueKey("auth"), async (tx) => {
      assert.equal(await tx.aclWhoami(), "alice");
      return undefined;
    });
    assert.equal(seen, undefined);
    // A failed AUTH leaves the user as it was.
    await assert.rejects(client.auth("alice", "wrong"), ReplyError);
    await killAndWait(admin, client);
    assert.equal(await client.aclWhoami(), "alice");
  });

  it("RedisClient.clientNoEvict and clientTracking are applied again after a reconnect", async () => {
    const client = await open();
    await client.clientNoEvict(true);
    await client.clientTracking(true, { bcast: true, prefixes: ["t:"] });
    await killAndWait(admin, client);
    assert.match((await client.clientInfo()).flags ?? "", /e/);
    const tracking = await client.clientTrackinginfo();
    assert.deepEqual(tracking.flags.sort(), ["bcast", "on"]);
    assert.deepEqual(tracking.prefixes, ["t:"]);
    await client.clientTracking(false);
    await client.clientNoEvict(false);
    await killAndWait(admin, client);
    assert.deepEqual((await client.clientTrackinginfo()).flags, ["off"]);
    assert.doesNotMatch((await client.clientInfo()).flags ?? "", /e/);
  });

  it("RedisClient reports a tracked state it cannot restore with an error event and carries on", async () => {
    const client = await open({ protocol: 2 });
    const helper = await open({ protocol: 2 });
    const redirect = await helper.clientId();
    await client.clientTracking(true, { redirect });
    helper.disconnect();
    await until(
      async () =>
        !(await admin.clientList()).some((c) => c.id === `${redirect}`),
      "the redirect target to go",
    );
    const errors: unknown[] = [];
    client.addEventListener("error", (event) => {
      errors.push((event as Event & { error?: unknown }).error);
    });
    await killAndWait(admin, client);
    const restore = errors.find((error) =>
      error instanceof Error &&
      /could not restore "CLIENT TRACKING"/.test(error.message)
    );
    assert.ok(restore instanceof Error, String(errors));
    assert.ok((restore as Error).cause instanceof ReplyError);
    assert.equal(await client.ping(), "PONG");
    assert.deepEqual((await client.clientTrackinginfo()).flags, ["off"]);
  });

  it("RedisClient.hello refuses another protocol and keeps the one in use", async () => {
    const client = await open();
    await assert.rejects(
      client.hello({ protover: 2 }),
      (error) =>
        error instanceof TypeError && /speaks RESP3/.test(error.message),
    );
    await assert.rejects(client.sendCommand(["HELLO", "2"]), TypeError);
    const info = await client.hello({ protover: 3, setname: "hello-name" });
    assert.equal(info.proto, 3);
    await killAndWait(admin, client);
    assert.equal(client.protocol, 3);
    assert.equal(await client.clientGetname(), "hello-name");
  });
});

describe("RedisClient connection state on a cluster node", () => {
  let server: TestServer;
  let admin: RedisClient;

  before(async () => {
    server = await startServer({
      args: ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"],
    });
    admin = await connect({ port: server.port });
  });

  after(async () => {
    await admin?.close();
    await server?.stop();
  });

  it("RedisClient.readonly and readwrite are applied again after a reconnect and on extra connections", async () => {
    await using client = await connect({
      port: server.port,
      reconnect: () => 10,
    });
    assert.equal(await client.readonly(), "OK");
    await killAndWait(admin, client);
    assert.match((await client.clientInfo()).flags ?? "", /r/);
    // WAIT runs on an extra connection, kept idle afterwards.
    assert.equal(await client.wait(0, 1), 0);
    const readonly = (await admin.clientList()).filter((c) =>
      c.flags?.includes("r")
    );
    assert.equal(readonly.length, 2);
    await using copy = await client.duplicate();
    assert.match((await copy.clientInfo()).flags ?? "", /r/);
    assert.equal(await client.readwrite(), "OK");
    await killAndWait(admin, client);
    assert.doesNotMatch((await client.clientInfo()).flags ?? "", /r/);
  });
});

describe("RedisClient.sendCommand refusals", () => {
  let server: TestServer;
  let client: RedisClient;

  before(async () => {
    server = await startServer();
    client = await connect({ port: server.port });
  });

  after(async () => {
    await client?.close();
    await server?.stop();
  });

  const refused: [args: string[], label: string, stat: string, why: RegExp][] =
    [
      [["CLIENT", "REPLY", "OFF"], "CLIENT REPLY", "client|reply", /suppress/],
      [["CLIENT", "REPLY", "SKIP"], "CLIENT REPLY", "client|reply", /suppress/],
      [["client", "reply", "on"], "CLIENT REPLY", "client|reply", /suppress/],
      [["MONITOR"], "MONITOR", "monitor", /one-reply-per-command/],
      [["SUBSCRIBE", "c"], "SUBSCRIBE", "subscribe", /client\.subscribe\(\)/],
      [["PSUBSCRIBE", "c*"], "PSUBSCRIBE", "psubscribe", /psubscribe\(\)/],
      [["SSUBSCRIBE", "c"], "SSUBSCRIBE", "ssubscribe", /ssubscribe\(\)/],
      [["UNSUBSCRIBE"], "UNSUBSCRIBE", "unsubscribe", /one-reply-per/],
      [["PUNSUBSCRIBE"], "PUNSUBSCRIBE", "punsubscribe", /one-reply-per/],
      [["SUNSUBSCRIBE"], "SUNSUBSCRIBE", "sunsubscribe", /one-reply-per/],
      [["QUIT"], "QUIT", "quit", /client\.close\(\)/],
      [["SYNC"], "SYNC", "sync", /one-reply-per-command/],
      [["PSYNC", "?", "-1"], "PSYNC", "psync", /one-reply-per-command/],
      [["REPLCONF", "ack", "1"], "REPLCONF", "replconf", /one-reply-per/],
      [["RESET"], "RESET", "reset", /undo the database, user, name/],
      [["HELLO", "2"], "HELLO", "hello", /speaks RESP3/],
      [["MULTI"], "MULTI", "multi", /client\.multi\(\)/],
      [["EXEC"], "EXEC", "exec", /client\.multi\(\)/],
      [["DISCARD"], "DISCARD", "discard", /client\.multi\(\)/],
      [["WATCH", "k"], "WATCH", "watch", /client\.watch\(\)/],
      [["UNWATCH"], "UNWATCH", "unwatch", /client\.watch\(\)/],
    ];
  for (const [args, label, stat, why] of refused) {
    it(`RedisClient.sendCommand refuses ${args.join(" ")} with a TypeError and sends nothing`, async () => {
      const before = await calls(client, stat);
      await assert.rejects(
        client.sendCommand(args),
        (error) =>
          error instanceof TypeError &&
          error.message.startsWith(
            `Cannot send "${label}" on a shared connection: `,
          ) && why.test(error.message),
      );
      // Replies still reach their own callers.
      const [a, b] = await Promise.all([client.echo("a"), client.echo("b")]);
      assert.deepEqual([a, b], ["a", "b"]);
      assert.equal(await calls(client, stat), before);
    });
  }

  it("RedisClient.sendCommand still takes HELLO with the protocol in use, and HELLO alone", async () => {
    const info = await client.sendCommand(["HELLO", "3"]);
    assert.ok(info instanceof Map);
    assert.ok(await client.sendCommand(["HELLO"]) instanceof Map);
    assert.equal(await client.ping(), "PONG");
  });

  it("Pipeline and Transaction refuse commands that change or break the connection's state", () => {
    for (const batch of [client.pipeline(), client.multi()]) {
      assert.throws(() => batch.select(1), /changes the connection's state/);
      assert.throws(
        () => batch.clientSetname("x"),
        /changes the connection's state/,
      );
      assert.throws(
        () => batch.auth("user", "password"),
        /changes the connection's state/,
      );
      assert.throws(
        () => batch.sendCommand(["SELECT", "1"]),
        /changes the connection's state/,
      );
      assert.throws(
        () => batch.sendCommand(["HELLO", "3"]),
        /changes the connection's state/,
      );
      assert.throws(
        () => batch.sendCommand(["CLIENT", "REPLY", "OFF"]),
        /suppress replies/,
      );
      assert.throws(
        () => batch.sendCommand(["REPLCONF", "x", "y"]),
        /one-reply-per-command/,
      );
      assert.equal(batch.length, 0);
    }
  });
});
