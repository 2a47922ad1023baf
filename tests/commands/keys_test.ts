import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type RedisClient, ReplyError } from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import { startServer, type TestServer } from "../_server.ts";
import { parity, testEncoding, useServer, utf8 } from "./_helpers.ts";
import { cases } from "./keys_cases.ts";

testEncoding("Keys", cases);

const binary = new Uint8Array([0xff, 0x00, 0xfe]);

/** Asserts that `promise` rejects with a ReplyError whose code is `code`. */
async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  message?: RegExp,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ReplyError, `not a ReplyError: ${error}`);
    assert.equal(error.code, code);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describe("key commands against a private server", () => {
  const ctx = useServer();

  it("client.del, client.unlink, client.exists, client.existsCount and client.touch count keys", async () => {
    const { client } = ctx;
    await client.sendCommand(["MSET", "d1", "1", "d2", "2", "d3", "3"]);
    assert.equal(await client.exists("d1"), true);
    assert.equal(await client.exists("nope"), false);
    assert.equal(await client.existsCount("d1", "d2", "d1", "nope"), 3);
    assert.equal(await client.touch("d1", "d2", "nope"), 2);
    assert.equal(await client.del("d1", "nope"), 1);
    assert.equal(await client.unlink("d2", "d3", "nope"), 2);
    assert.equal(await client.existsCount("d1", "d2", "d3"), 0);
  });

  it("client.expire, client.pexpire and the time-to-live readers follow the 7.0 conditions", async () => {
    const { client } = ctx;
    await client.set("e1", "v");
    assert.equal(await client.ttl("e1"), -1);
    assert.equal(await client.pttl("e1"), -1);
    assert.equal(await client.expiretime("e1"), -1);
    assert.equal(await client.pexpiretime("e1"), -1);
    assert.equal(await client.ttl("nope"), -2);
    assert.equal(await client.pttl("nope"), -2);
    assert.equal(await client.expiretime("nope"), -2);
    assert.equal(await client.pexpiretime("nope"), -2);

    // xx needs an existing expiry, nx needs none.
    assert.equal(await client.expire("e1", 100, { xx: true }), false);
    assert.equal(await client.expire("e1", 100, { nx: true }), true);
    assert.equal(await client.expire("e1", 200, { nx: true }), false);
    assert.equal(await client.expire("e1", 50, { gt: true }), false);
    assert.equal(await client.expire("e1", 200, { xx: true, gt: true }), true);
    assert.equal(await client.ttl("e1"), 200);
    assert.equal(await client.pexpire("e1", 500_000, { lt: true }), false);
    assert.equal(await client.pexpire("e1", 150_000, { lt: true }), true);
    const pttl = await client.pttl("e1");
    assert.ok(pttl > 100_000 && pttl <= 150_000, `pttl ${pttl}`);
    assert.equal(await client.expire("nope", 10), false);
    assert.equal(await client.persist("e1"), true);
    assert.equal(await client.persist("e1"), false);
    assert.equal(await client.ttl("e1"), -1);
  });

  it("client.expireat and client.pexpireat set absolute expiries that expiretime reads back", async () => {
    const { client } = ctx;
    await client.set("e2", "v");
    const at = Math.floor(Date.now() / 1000) + 1000;
    assert.equal(await client.expireat("e2", at), true);
    assert.equal(await client.expiretime("e2"), at);
    assert.equal(await client.pexpiretime("e2"), at * 1000);
    assert.equal(await client.expireat("e2", at + 10, { lt: true }), false);
    assert.equal(
      await client.pexpireat("e2", at * 1000 + 5000, { gt: true }),
      true,
    );
    assert.equal(await client.pexpiretime("e2"), at * 1000 + 5000);
    assert.equal(await client.pexpireat("e2", at * 1000, { nx: true }), false);
    // A time in the past deletes the key.
    assert.equal(await client.expireat("e2", 1), true);
    assert.equal(await client.exists("e2"), false);
  });

  it("client.expire rejects non-integer times and conflicting conditions with a TypeError before sending", async () => {
    const { client } = ctx;
    await assert.rejects(client.expire("e3", 1.5), TypeError);
    await assert.rejects(client.pexpireat("e3", NaN), TypeError);
    await assert.rejects(
      // @ts-expect-error: gt and lt exclude each other
      client.expire("e3", 10, { gt: true, lt: true }),
      TypeError,
    );
    await assert.rejects(
      // @ts-expect-error: nx excludes xx
      client.pexpire("e3", 10, { nx: true, xx: true }),
      TypeError,
    );
    await assert.rejects(client.del(), TypeError);
    await assert.rejects(client.existsCount(), TypeError);
    assert.equal(await client.exists("e3"), false);
  });

  it("client.type names every value type and none for a missing key", async () => {
    const { client } = ctx;
    await client.set("t:string", "v");
    await client.sendCommand(["RPUSH", "t:list", "a"]);
    await client.sendCommand(["SADD", "t:set", "a"]);
    await client.sendCommand(["ZADD", "t:zset", "1", "a"]);
    await client.sendCommand(["HSET", "t:hash", "f", "v"]);
    await client.sendCommand(["XADD", "t:stream", "*", "f", "v"]);
    const types = await Promise.all(
      ["string", "list", "set", "zset", "hash", "stream", "none"].map((t) =>
        client.type(`t:${t}`)
      ),
    );
    assert.deepEqual(types, [
      "string",
      "list",
      "set",
      "zset",
      "hash",
      "stream",
      "none",
    ]);
    assert.equal(await client.bytes.type("t:hash"), "hash");
  });

  it("client.keys, client.randomkey and client.scan list the keys of the database", async () => {
    const { client } = ctx;
    await client.sendCommand(["FLUSHDB"]);
    assert.equal(await client.randomkey(), null);
    assert.deepEqual(await client.keys("*"), []);
    await client.sendCommand([
      "MSET",
      "user:1",
      "a",
      "user:2",
      "b",
      "other",
      "c",
    ]);
    assert.deepEqual((await client.keys("user:*")).sort(), [
      "user:1",
      "user:2",
    ]);
    const random = await client.randomkey();
    assert.ok(
      random !== null && ["user:1", "user:2", "other"].includes(random),
      `randomkey ${random}`,
    );
    const seen: string[] = [];
    let cursor = "0" as `${number}`;
    do {
      const page = await client.scan(cursor, { match: "user:*", count: 1 });
      cursor = page.cursor;
      seen.push(...page.keys);
    } while (cursor !== "0");
    assert.deepEqual([...new Set(seen)].sort(), ["user:1", "user:2"]);
    await client.sendCommand(["HSET", "user:h", "f", "v"]);
    const hashes: string[] = [];
    for await (const key of client.scanIterator({ type: "hash" })) {
      hashes.push(key);
    }
    assert.deepEqual(hashes, ["user:h"]);
  });

  it("client.rename and client.renamenx rename keys, client.move moves them between databases", async () => {
    const { client } = ctx;
    await client.set("r1", "one");
    await client.set("r2", "two");
    assert.equal(await client.rename("r1", "r3"), "OK");
    assert.equal(await client.get("r3"), "one");
    assert.equal(await client.renamenx("r3", "r2"), false);
    assert.equal(await client.renamenx("r3", "r4"), true);
    assert.equal(await client.exists("r3"), false);
    await rejectsWith(client.rename("missing", "r5"), "ERR", /no such key/);

    assert.equal(await client.move("r4", 7), true);
    assert.equal(await client.exists("r4"), false);
    await using other = await connect({ port: ctx.server.port, db: 7 });
    assert.equal(await other.get("r4"), "one");
    await other.set("r2", "taken");
    assert.equal(await client.move("r2", 7), false);
    assert.equal(await client.move("missing", 7), false);
    await assert.rejects(client.move("r2", -1), TypeError);
  });

  it("client.copy copies within a database and into another one with db and replace", async () => {
    const { client } = ctx;
    await client.sendCommand(["HSET", "c:src", "f", "v"]);
    assert.equal(await client.copy("c:src", "c:dst"), true);
    assert.equal(await client.type("c:dst"), "hash");
    assert.equal(await client.copy("c:src", "c:dst"), false);
    assert.equal(await client.copy("c:missing", "c:other"), false);

    await using db3 = await connect({ port: ctx.server.port, db: 3 });
    await db3.set("c:dst", "old");
    assert.equal(await client.copy("c:src", "c:dst", { db: 3 }), false);
    assert.equal(
      await client.copy("c:src", "c:dst", { db: 3, replace: true }),
      true,
    );
    assert.equal(await db3.type("c:dst"), "hash");
    assert.deepEqual(
      await db3.sendCommand(["HGETALL", "c:dst"]),
      new Map([["f", "v"]]),
    );
    assert.equal(await client.exists("c:src"), true);
  });

  it("client.dump and client.restore round-trip binary values with ttl and replace", async () => {
    const { client } = ctx;
    await client.set("dr:bin", binary);
    const payload = await client.dump("dr:bin");
    assert.ok(payload instanceof Uint8Array, "dump gives bytes");
    assert.equal(await client.dump("dr:missing"), null);
    assert.deepEqual(await client.bytes.dump("dr:bin"), payload);

    assert.equal(await client.restore("dr:copy", 0, payload), "OK");
    assert.deepEqual(await client.bytes.get("dr:copy"), binary);
    assert.equal(await client.ttl("dr:copy"), -1);
    await rejectsWith(client.restore("dr:copy", 0, payload), "BUSYKEY");
    assert.equal(
      await client.restore("dr:copy", 60_000, payload, { replace: true }),
      "OK",
    );
    const pttl = await client.pttl("dr:copy");
    assert.ok(pttl > 0 && pttl <= 60_000, `pttl ${pttl}`);

    const at = Date.now() + 3_600_000;
    assert.equal(
      await client.restore("dr:abs", at, payload, { absttl: true }),
      "OK",
    );
    assert.equal(await client.pexpiretime("dr:abs"), at);

    assert.equal(
      await client.restore("dr:idle", 0, payload, { idletime: 1000 }),
      "OK",
    );
    const idle = await client.objectIdletime("dr:idle");
    assert.ok(idle !== null && idle >= 1000, `idletime ${idle}`);

    // A whole list with a binary member.
    await client.sendCommand(["RPUSH", "dr:list", binary, "b"]);
    const listPayload = await client.dump("dr:list");
    assert.ok(listPayload !== null);
    await client.restore("dr:list2", 0, listPayload);
    assert.deepEqual(
      await client.sendCommand(["LRANGE", "dr:list2", "0", "-1"], {
        bytes: true,
      }),
      [binary, utf8("b")],
    );

    await rejectsWith(
      client.restore("dr:bad", 0, new Uint8Array([1, 2, 3])),
      "ERR",
      /payload/i,
    );
  });

  it("client.restore rejects impossible options with a TypeError before sending", async () => {
    const { client } = ctx;
    const payload = new Uint8Array([0]);
    await assert.rejects(
      // @ts-expect-error: idletime and freq exclude each other
      client.restore("dr:x", 0, payload, { idletime: 1, freq: 1 }),
      TypeError,
    );
    await assert.rejects(client.restore("dr:x", -5, payload), TypeError);
    assert.equal(await client.exists("dr:x"), false);
  });

  it("client.objectEncoding, client.objectRefcount, client.objectIdletime and client.objectHelp describe values", async () => {
    const { client } = ctx;
    await client.set("o:int", "12345");
    await client.set("o:str", "hello");
    await client.sendCommand(["RPUSH", "o:list", "a", "b"]);
    assert.equal(await client.objectEncoding("o:int"), "int");
    assert.equal(await client.objectEncoding("o:str"), "embstr");
    await client.sendCommand(["HSET", "o:hash", "f", "v"]);
    assert.equal(await client.objectEncoding("o:hash"), "listpack");
    assert.ok(
      ["quicklist", "listpack"].includes(
        (await client.objectEncoding("o:list")) ?? "",
      ),
    );
    assert.equal(await client.objectEncoding("o:missing"), null);
    assert.deepEqual(
      await client.bytes.objectEncoding("o:str"),
      utf8("embstr"),
    );
    const refcount = await client.objectRefcount("o:list");
    assert.equal(typeof refcount, "number");
    assert.ok(refcount !== null && refcount >= 1);
    assert.equal(await client.objectRefcount("o:missing"), null);
    assert.equal(typeof (await client.objectIdletime("o:list")), "number");
    assert.equal(await client.objectIdletime("o:missing"), null);
    // Without an LFU policy the server refuses FREQ.
    await rejectsWith(client.objectFreq("o:list"), "ERR", /LFU/);
    const help = await client.objectHelp();
    assert.ok(
      help.some((line) => line.startsWith("ENCODING")),
      help.join("\n"),
    );
  });

  it("client.sort, client.sortRo and client.sortStore sort with by, limit, get, order and alpha", async () => {
    const { client } = ctx;
    await client.sendCommand(["RPUSH", "s:ids", "3", "1", "2"]);
    await client.sendCommand([
      "MSET",
      "s:w_1",
      "30",
      "s:w_2",
      "10",
      "s:w_3",
      "20",
      "s:n_1",
      "one",
      "s:n_3",
      "three",
    ]);
    assert.deepEqual(await client.sort("s:ids"), ["1", "2", "3"]);
    assert.deepEqual(await client.sort("s:ids", { order: "DESC" }), [
      "3",
      "2",
      "1",
    ]);
    assert.deepEqual(await client.sort("s:ids", { by: "s:w_*" }), [
      "2",
      "3",
      "1",
    ]);
    assert.deepEqual(
      await client.sort("s:ids", {
        by: "s:w_*",
        get: ["#", "s:n_*"],
        limit: { offset: 0, count: 2 },
      }),
      ["2", null, "3", "three"],
    );
    assert.deepEqual(await client.sortRo("s:ids", { by: "nosort" }), [
      "3",
      "1",
      "2",
    ]);
    await client.sendCommand(["SADD", "s:words", "pear", "apple", "fig"]);
    assert.deepEqual(await client.sortRo("s:words", { alpha: true }), [
      "apple",
      "fig",
      "pear",
    ]);
    assert.equal(
      await client.sortStore("s:words", "s:sorted", {
        alpha: true,
        order: "DESC",
      }),
      3,
    );
    assert.deepEqual(
      await client.sendCommand(["LRANGE", "s:sorted", "0", "-1"]),
      ["pear", "fig", "apple"],
    );
    assert.deepEqual(await client.sort("s:missing"), []);
    // Non-numeric elements without alpha, and sorting a hash.
    await rejectsWith(client.sort("s:words"), "ERR", /double/);
    await client.sendCommand(["HSET", "s:hash", "f", "v"]);
    await rejectsWith(client.sort("s:hash"), "WRONGTYPE");
    await rejectsWith(client.sortRo("s:hash"), "WRONGTYPE");
    await assert.rejects(
      // @ts-expect-error: not an order
      client.sort("s:ids", { order: "up" }),
      TypeError,
    );
  });

  it("client.wait resolves to 0 on a server without replicas", async () => {
    const { client } = ctx;
    await client.set("w1", "v");
    assert.equal(await client.wait(0, 0), 0);
    assert.equal(await client.wait(1, 20), 0);
    await assert.rejects(client.wait(-1, 0), TypeError);
  });

  it("client.bytes returns binary keys and sorted values as Uint8Array", async () => {
    const { client } = ctx;
    await client.sendCommand(["FLUSHDB"]);
    const key = new Uint8Array([0x6b, 0xff, 0x00, 0xfe]);
    await client.set(key, binary);
    assert.deepEqual(await client.bytes.keys("k*"), [key]);
    assert.deepEqual(await client.bytes.randomkey(), key);
    const page = await client.bytes.scan("0", { count: 100 });
    assert.equal(page.cursor, "0");
    assert.deepEqual(page.keys, [key]);
    assert.equal(await client.bytes.exists(key), true);
    assert.equal(await client.bytes.type(key), "string");

    await client.sendCommand(["RPUSH", "bs:list", binary, utf8("a")]);
    assert.deepEqual(await client.bytes.sort("bs:list", { alpha: true }), [
      utf8("a"),
      binary,
    ]);
    assert.deepEqual(
      await client.bytes.sortRo("bs:list", {
        alpha: true,
        get: ["#", "nope:*"],
      }),
      [utf8("a"), null, binary, null],
    );
    const encoding = await client.objectEncoding("bs:list");
    assert.ok(encoding !== null);
    assert.deepEqual(
      await client.bytes.objectEncoding("bs:list"),
      utf8(encoding),
    );
    assert.equal(await client.bytes.rename(key, "bs:renamed"), "OK");
    const payload = await client.bytes.dump("bs:renamed");
    assert.ok(payload instanceof Uint8Array);
    assert.equal(await client.bytes.restore("bs:back", 0, payload), "OK");
    assert.deepEqual(await client.bytes.get("bs:back"), binary);
  });

  it("client methods give the same results over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => {
      await client.set("p:a", "1");
      await client.sendCommand(["RPUSH", "p:list", "3", "1", "2"]);
      await client.sendCommand(["SADD", "p:set", "b", "a"]);
      await client.expire("p:a", 100);
      const payload = await client.dump("p:list");
      assert.ok(payload !== null);
      return {
        exists: await client.exists("p:a"),
        existsCount: await client.existsCount("p:a", "p:list", "p:none"),
        ttl: await client.ttl("p:a"),
        expiretime: await client.expiretime("p:none"),
        type: await client.type("p:set"),
        keys: (await client.keys("p:*")).sort(),
        scan: (await client.scan("0", { count: 100 })).keys.sort(),
        randomkey: typeof (await client.randomkey()),
        sort: await client.sort("p:list"),
        sortRo: await client.sortRo("p:set", { alpha: true, get: ["#", "x*"] }),
        sortStore: await client.sortStore("p:list", "p:sorted"),
        copy: await client.copy("p:list", "p:copy"),
        restore: await client.restore("p:restored", 0, payload, {
          replace: true,
        }),
        dump: await client.dump("p:a"),
        encoding: await client.objectEncoding("p:list"),
        refcount: await client.objectRefcount("p:list"),
        idletimeMissing: await client.objectIdletime("p:none"),
        help: await client.objectHelp(),
        renamenx: await client.renamenx("p:copy", "p:list"),
        persist: await client.persist("p:a"),
        touch: await client.touch("p:a", "p:none"),
        wait: await client.wait(0, 0),
        unlink: await client.unlink("p:copy"),
        del: await client.del("p:a", "p:list"),
      };
    });
    assert.equal(result.existsCount, 2);
    assert.deepEqual(result.sortRo, ["a", null, "b", null]);
    assert.equal(result.type, "set");
    assert.equal(result.restore, "OK");
    assert.ok(result.dump instanceof Uint8Array);
  });
});

describe("client.objectFreq on a server with an LFU policy", () => {
  const ctx = useServer({ args: ["--maxmemory-policy", "allkeys-lfu"] });

  it("client.objectFreq reads the counter restore set, and null for a missing key", async () => {
    const { client } = ctx;
    await client.set("f:src", "v");
    const payload = await client.dump("f:src");
    assert.ok(payload !== null);
    assert.equal(
      await client.restore("f:hot", 0, payload, { freq: 100 }),
      "OK",
    );
    assert.equal(await client.objectFreq("f:hot"), 100);
    assert.equal(await client.objectFreq("f:missing"), null);
    // Under LFU the server does not track idle time.
    await rejectsWith(client.objectIdletime("f:hot"), "ERR", /LFU/);
    await assert.rejects(
      client.restore("f:x", 0, payload, { freq: 256 }),
      TypeError,
    );
    const [resp2, resp3] = [
      await ctx.resp2.objectFreq("f:none"),
      await ctx.resp3.objectFreq("f:none"),
    ];
    assert.equal(resp2, null);
    assert.equal(resp3, null);
  });
});

describe("client.migrate between two private servers", () => {
  const ctx = useServer();
  let target: TestServer;
  let remote: RedisClient;

  before(async () => {
    target = await startServer({
      args: ["--requirepass", "pw"],
      aclUsers: ["user mover on >secret ~* +@all"],
    });
    remote = await connect({ port: target.port, password: "pw" });
  });

  after(async () => {
    remote?.disconnect();
    await target?.stop();
  });

  it("client.migrate surfaces the target's authentication error as a ReplyError (before any migrate authenticated the cached connection)", async () => {
    const { client } = ctx;
    await client.set("m:5", "v");
    await rejectsWith(
      client.migrate("127.0.0.1", target.port, ["m:5"], 0, 5000),
      "ERR",
      /NOAUTH/,
    );
    assert.equal(await client.exists("m:5"), true);
    await assert.rejects(
      client.migrate("127.0.0.1", target.port, [], 0, 5000),
      TypeError,
    );
    await assert.rejects(
      client.migrate("127.0.0.1", target.port, ["m:5"], 0, 5000, {
        auth: "pw",
        // @ts-expect-error: auth and auth2 exclude each other
        auth2: { username: "mover", password: "secret" },
      }),
      TypeError,
    );
  });

  it("client.migrate moves several keys with auth and keeps them with copy", async () => {
    const { client } = ctx;
    await client.set("m:1", binary);
    await client.sendCommand(["HSET", "m:2", "f", "v"]);
    assert.equal(
      await client.migrate("127.0.0.1", target.port, ["m:1", "m:2"], 0, 5000, {
        auth: "pw",
      }),
      "OK",
    );
    assert.equal(await client.existsCount("m:1", "m:2"), 0);
    assert.deepEqual(await remote.bytes.get("m:1"), binary);
    assert.equal(await remote.type("m:2"), "hash");

    await client.set("m:3", "three");
    assert.equal(
      await client.migrate("127.0.0.1", target.port, ["m:3"], 4, 5000, {
        copy: true,
        auth2: { username: "mover", password: "secret" },
      }),
      "OK",
    );
    assert.equal(await client.get("m:3"), "three");
    await using db4 = await connect({
      port: target.port,
      password: "pw",
      db: 4,
    });
    assert.equal(await db4.get("m:3"), "three");
  });

  it("client.migrate resolves to NOKEY when no key exists and needs replace to overwrite", async () => {
    const { client } = ctx;
    assert.equal(
      await client.migrate("127.0.0.1", target.port, ["m:none"], 0, 5000, {
        auth: "pw",
      }),
      "NOKEY",
    );
    await remote.set("m:4", "old");
    await client.set("m:4", "new");
    await rejectsWith(
      client.migrate("127.0.0.1", target.port, ["m:4"], 0, 5000, {
        auth: "pw",
      }),
      "ERR",
      /BUSYKEY/,
    );
    assert.equal(
      await client.migrate("127.0.0.1", target.port, ["m:4"], 0, 5000, {
        auth: "pw",
        replace: true,
      }),
      "OK",
    );
    assert.equal(await remote.get("m:4"), "new");
  });
});

describe("key command option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;
  /** Asserts that `build` throws a `TypeError` whose message matches. */
  const rejects = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (e) => e instanceof TypeError && message.test(e.message),
    );

  it("key commands reject unknown option keys with a TypeError naming the key", () => {
    // EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT.
    rejects(
      () => commands.expire.build("k", 10, loose({ NX: true })),
      /^Unknown EXPIRE option "NX": did you mean "nx"\?$/,
    );
    rejects(
      () => commands.pexpire.build("k", 10, loose({ xx: true, gT: true })),
      /^Unknown PEXPIRE option "gT": did you mean "gt"\?$/,
    );
    rejects(
      () => commands.expireat.build("k", 10, loose({ LT: true })),
      /^Unknown EXPIREAT option "LT": did you mean "lt"\?$/,
    );
    rejects(
      () => commands.pexpireat.build("k", 10, loose({ Xx: true })),
      /^Unknown PEXPIREAT option "Xx": did you mean "xx"\?$/,
    );
    assert.deepEqual(commands.expire.build("k", 10, { xx: true, gt: true }), [
      "EXPIRE",
      "k",
      10,
      "XX",
      "GT",
    ]);
    assert.deepEqual(commands.expire.build("k", 10), ["EXPIRE", "k", 10]);
    // COPY.
    rejects(
      () => commands.copy.build("a", "b", loose({ DB: 1 })),
      /^Unknown COPY option "DB": did you mean "db"\?$/,
    );
    assert.deepEqual(commands.copy.build("a", "b", { db: 1, replace: true }), [
      "COPY",
      "a",
      "b",
      "DB",
      1,
      "REPLACE",
    ]);
    assert.deepEqual(commands.copy.build("a", "b"), ["COPY", "a", "b"]);
    // RESTORE.
    const payload = new Uint8Array([1, 2, 3]);
    rejects(
      () => commands.restore.build("k", 0, payload, loose({ idleTime: 5 })),
      /^Unknown RESTORE option "idleTime": did you mean "idletime"\?$/,
    );
    rejects(
      () => commands.restore.build("k", 0, payload, loose({ absTTL: true })),
      /^Unknown RESTORE option "absTTL": did you mean "absttl"\?$/,
    );
    assert.deepEqual(
      commands.restore.build("k", 0, payload, {
        replace: true,
        absttl: true,
        idletime: 5,
      }),
      ["RESTORE", "k", 0, payload, "REPLACE", "ABSTTL", "IDLETIME", 5],
    );
    // MIGRATE, and its nested auth2.
    rejects(
      () =>
        commands.migrate.build(
          "h",
          6379,
          ["a"],
          0,
          5000,
          loose({ COPY: true }),
        ),
      /^Unknown MIGRATE option "COPY": did you mean "copy"\?$/,
    );
    rejects(
      () =>
        commands.migrate.build(
          "h",
          6379,
          ["a"],
          0,
          5000,
          loose({ auth2: { userName: "u", password: "p" } }),
        ),
      /^Unknown MIGRATE auth2 option "userName": did you mean "username"\?$/,
    );
    rejects(
      () =>
        commands.migrate.build(
          "h",
          6379,
          ["a"],
          0,
          5000,
          loose({ auth2: { username: "u", pass: "p" } }),
        ),
      /^Unknown MIGRATE auth2 option "pass": did you mean "password"\?$/,
    );
    assert.deepEqual(
      commands.migrate.build("h", 6379, ["a", "b"], 0, 5000, {
        copy: true,
        auth2: { username: "u", password: "p" },
      }),
      [
        "MIGRATE",
        "h",
        6379,
        "",
        0,
        5000,
        "COPY",
        "AUTH2",
        "u",
        "p",
        "KEYS",
        "a",
        "b",
      ],
    );
    // SORT, SORT_RO, SORT ... STORE, and their nested limit.
    rejects(
      () => commands.sort.build("k", loose({ ORDER: "DESC" })),
      /^Unknown SORT option "ORDER": did you mean "order"\?$/,
    );
    rejects(
      () => commands.sortRo.build("k", loose({ Alpha: true })),
      /^Unknown SORT_RO option "Alpha": did you mean "alpha"\?$/,
    );
    rejects(
      () =>
        commands.sortStore.build(
          "k",
          "d",
          loose({ limit: { Offset: 0, count: 5 } }),
        ),
      /^Unknown SORT limit option "Offset": did you mean "offset"\?$/,
    );
    rejects(
      () => commands.sortRo.build("k", loose({ limit: { offset: 0, cnt: 5 } })),
      /^Unknown SORT_RO limit option "cnt"$/,
    );
    assert.deepEqual(
      commands.sort.build("k", {
        by: "w_*",
        limit: { offset: 0, count: 5 },
        get: ["#"],
        order: "DESC",
        alpha: true,
      }),
      ["SORT", "k", "BY", "w_*", "LIMIT", 0, 5, "GET", "#", "DESC", "ALPHA"],
    );
    assert.deepEqual(
      commands.sortStore.build("k", "d", { limit: { offset: 1, count: 2 } }),
      ["SORT", "k", "LIMIT", 1, 2, "STORE", "d"],
    );
    // SCAN: the shared match/count plus type.
    rejects(
      () => commands.scan.build("0", loose({ TYPE: "hash" })),
      /^Unknown SCAN option "TYPE": did you mean "type"\?$/,
    );
    rejects(
      () => commands.scan.build("0", loose({ Match: "a*" })),
      /^Unknown SCAN option "Match": did you mean "match"\?$/,
    );
    assert.deepEqual(
      commands.scan.build("0", { match: "a*", count: 10, type: "hash" }),
      ["SCAN", "0", "MATCH", "a*", "COUNT", 10, "TYPE", "hash"],
    );
    assert.deepEqual(commands.scan.build("0"), ["SCAN", "0"]);
  });
});
