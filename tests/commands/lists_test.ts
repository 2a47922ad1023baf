import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type RedisClient, ReplyError } from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import {
  calls,
  isWrongType,
  parity,
  type ServerContext,
  testEncoding,
  useServer,
  utf8,
} from "./_helpers.ts";
import { cases } from "./lists_cases.ts";

testEncoding("List", cases);

const BINARY = new Uint8Array([0xff, 0x00, 0xfe]);

/**
 * Whether a connection named `name` is blocked, according to CLIENT LIST.
 * (Blocking commands run on an extra connection of the client, which has
 * the client's name.)
 */
async function isBlocked(
  observer: RedisClient,
  name: string,
): Promise<boolean> {
  const text = String(await observer.sendCommand(["CLIENT", "LIST"]));
  return text.split("\n").some((line) => {
    const fields = new Map(
      line.trim().split(" ").map((pair) => {
        const at = pair.indexOf("=");
        return [pair.slice(0, at), pair.slice(at + 1)] as const;
      }),
    );
    return fields.get("name") === name &&
      (fields.get("flags") ?? "").includes("b");
  });
}

let blockers = 0;

/**
 * Runs `call` on a fresh connection, waits (polling CLIENT LIST on the
 * server) until that connection is blocked, then runs `unblock` on the
 * shared client and resolves with what `call` resolved to.
 */
async function whileBlocked<T>(
  ctx: ServerContext,
  call: (blocker: RedisClient) => Promise<T>,
  unblock: (client: RedisClient) => Promise<unknown>,
): Promise<T> {
  const name = `blocker-${++blockers}`;
  const blocker = await connect({
    port: ctx.server.port,
    protocol: 3,
    clientName: name,
  });
  try {
    const pending = call(blocker);
    pending.catch(() => {});
    const deadline = Date.now() + 5_000;
    while (!(await isBlocked(ctx.client, name))) {
      if (Date.now() > deadline) {
        throw new Error(`connection "${name}" never blocked`);
      }
    }
    await unblock(ctx.client);
    return await pending;
  } finally {
    blocker.disconnect();
  }
}

describe("list commands against a server", () => {
  const ctx = useServer();

  it("client.lpush and client.rpush resolve to the length, client.lrange and client.llen read the list", async () => {
    const { client } = ctx;
    assert.equal(await client.rpush("l:push", "b", "c"), 2);
    assert.equal(await client.lpush("l:push", "a", 0), 4);
    assert.equal(await client.rpush("l:push", 5), 5);
    assert.deepEqual(await client.lrange("l:push", 0, -1), [
      "0",
      "a",
      "b",
      "c",
      "5",
    ]);
    assert.deepEqual(await client.lrange("l:push", 1, 2), ["a", "b"]);
    assert.deepEqual(await client.lrange("l:push", 10, 20), []);
    assert.deepEqual(await client.lrange("l:none", 0, -1), []);
    assert.equal(await client.llen("l:push"), 5);
    assert.equal(await client.llen("l:none"), 0);
  });

  it("client.lpushx and client.rpushx push only onto existing lists", async () => {
    const { client } = ctx;
    assert.equal(await client.lpushx("l:x", "a"), 0);
    assert.equal(await client.rpushx("l:x", "a"), 0);
    assert.equal(await client.llen("l:x"), 0);
    await client.rpush("l:x", "m");
    assert.equal(await client.lpushx("l:x", "l", "k"), 3);
    assert.equal(await client.rpushx("l:x", "n", "o"), 5);
    assert.deepEqual(await client.lrange("l:x", 0, -1), [
      "k",
      "l",
      "m",
      "n",
      "o",
    ]);
  });

  it("client.lindex reads by index, null out of range or for a missing key", async () => {
    const { client } = ctx;
    await client.rpush("l:index", "a", "b", "c");
    assert.equal(await client.lindex("l:index", 0), "a");
    assert.equal(await client.lindex("l:index", -1), "c");
    assert.equal(await client.lindex("l:index", 3), null);
    assert.equal(await client.lindex("l:none", 0), null);
  });

  it("client.lset resolves to OK and rejects an out-of-range index with a ReplyError", async () => {
    const { client } = ctx;
    await client.rpush("l:set", "a", "b");
    assert.equal(await client.lset("l:set", -1, "B"), "OK");
    assert.deepEqual(await client.lrange("l:set", 0, -1), ["a", "B"]);
    await assert.rejects(
      client.lset("l:set", 5, "x"),
      (error: unknown) =>
        error instanceof ReplyError && error.code === "ERR" &&
        /out of range/.test(error.message),
    );
    await assert.rejects(
      client.lset("l:none", 0, "x"),
      (error: unknown) =>
        error instanceof ReplyError && /no such key/i.test(error.message),
    );
  });

  it("client.linsert inserts before and after the pivot, -1 without pivot, 0 without key", async () => {
    const { client } = ctx;
    await client.rpush("l:insert", "a", "c");
    assert.equal(await client.linsert("l:insert", "BEFORE", "c", "b"), 3);
    assert.equal(await client.linsert("l:insert", "AFTER", "c", "d"), 4);
    assert.equal(await client.linsert("l:insert", "AFTER", "zz", "e"), -1);
    assert.equal(await client.linsert("l:none", "BEFORE", "a", "b"), 0);
    assert.deepEqual(await client.lrange("l:insert", 0, -1), [
      "a",
      "b",
      "c",
      "d",
    ]);
  });

  it("client.lrem removes from the head, from the tail, or all occurrences", async () => {
    const { client } = ctx;
    await client.rpush("l:rem", "x", "a", "x", "b", "x", "c", "x");
    assert.equal(await client.lrem("l:rem", 1, "x"), 1);
    assert.deepEqual(await client.lrange("l:rem", 0, -1), [
      "a",
      "x",
      "b",
      "x",
      "c",
      "x",
    ]);
    assert.equal(await client.lrem("l:rem", -2, "x"), 2);
    assert.deepEqual(await client.lrange("l:rem", 0, -1), ["a", "x", "b", "c"]);
    assert.equal(await client.lrem("l:rem", 0, "x"), 1);
    assert.equal(await client.lrem("l:rem", 0, "x"), 0);
    assert.equal(await client.lrem("l:none", 0, "x"), 0);
  });

  it("client.ltrim keeps only the given range and resolves to OK", async () => {
    const { client } = ctx;
    await client.rpush("l:trim", "a", "b", "c", "d", "e");
    assert.equal(await client.ltrim("l:trim", 1, -2), "OK");
    assert.deepEqual(await client.lrange("l:trim", 0, -1), ["b", "c", "d"]);
    assert.equal(await client.ltrim("l:trim", 5, 10), "OK");
    assert.equal(await client.llen("l:trim"), 0);
  });

  it("client.lpop and client.rpop pop one element, null for a missing key", async () => {
    const { client } = ctx;
    await client.rpush("l:pop", "a", "b", "c");
    assert.equal(await client.lpop("l:pop"), "a");
    assert.equal(await client.rpop("l:pop"), "c");
    assert.equal(await client.lpop("l:pop"), "b");
    assert.equal(await client.lpop("l:pop"), null);
    assert.equal(await client.rpop("l:none"), null);
  });

  it("client.lpopCount and client.rpopCount pop up to count elements, null for a missing key", async () => {
    const { client } = ctx;
    await client.rpush("l:popn", "a", "b", "c", "d", "e");
    assert.deepEqual(await client.lpopCount("l:popn", 2), ["a", "b"]);
    assert.deepEqual(await client.rpopCount("l:popn", 2), ["e", "d"]);
    assert.deepEqual(await client.lpopCount("l:popn", 0), []);
    assert.deepEqual(await client.rpopCount("l:popn", 10), ["c"]);
    assert.equal(await client.lpopCount("l:popn", 2), null);
    assert.equal(await client.rpopCount("l:none", 2), null);
  });

  it("client.lpos finds the index with rank and maxlen, null without a match", async () => {
    const { client } = ctx;
    await client.rpush("l:pos", "a", "b", "c", "a", "b", "a");
    assert.equal(await client.lpos("l:pos", "a"), 0);
    assert.equal(await client.lpos("l:pos", "b"), 1);
    assert.equal(await client.lpos("l:pos", "a", { rank: 2 }), 3);
    assert.equal(await client.lpos("l:pos", "a", { rank: -1 }), 5);
    assert.equal(await client.lpos("l:pos", "c", { maxlen: 2 }), null);
    assert.equal(await client.lpos("l:pos", "c", { maxlen: 3 }), 2);
    assert.equal(await client.lpos("l:pos", "z"), null);
    assert.equal(await client.lpos("l:none", "a"), null);
  });

  it("client.lposCount finds several indexes, all of them with count 0", async () => {
    const { client } = ctx;
    await client.rpush("l:posn", "a", "b", "c", "a", "b", "a");
    assert.deepEqual(await client.lposCount("l:posn", "a", 0), [0, 3, 5]);
    assert.deepEqual(await client.lposCount("l:posn", "a", 2), [0, 3]);
    assert.deepEqual(
      await client.lposCount("l:posn", "a", 2, { rank: -1 }),
      [5, 3],
    );
    assert.deepEqual(
      await client.lposCount("l:posn", "a", 0, { rank: 2, maxlen: 4 }),
      [3],
    );
    assert.deepEqual(await client.lposCount("l:posn", "z", 0), []);
    assert.deepEqual(await client.lposCount("l:none", "a", 0), []);
  });

  it("client.lmove and client.rpoplpush move elements between and within lists", async () => {
    const { client } = ctx;
    await client.rpush("l:move:src", "a", "b", "c");
    assert.equal(
      await client.lmove("l:move:src", "l:move:dst", "LEFT", "RIGHT"),
      "a",
    );
    assert.equal(
      await client.lmove("l:move:src", "l:move:dst", "RIGHT", "LEFT"),
      "c",
    );
    assert.deepEqual(await client.lrange("l:move:dst", 0, -1), ["c", "a"]);
    assert.equal(
      await client.lmove("l:move:dst", "l:move:dst", "LEFT", "RIGHT"),
      "c",
    );
    assert.deepEqual(await client.lrange("l:move:dst", 0, -1), ["a", "c"]);
    assert.equal(await client.rpoplpush("l:move:src", "l:move:dst"), "b");
    assert.deepEqual(await client.lrange("l:move:dst", 0, -1), [
      "b",
      "a",
      "c",
    ]);
    assert.equal(await client.rpoplpush("l:move:src", "l:move:dst"), null);
    assert.equal(
      await client.lmove("l:none", "l:move:dst", "LEFT", "LEFT"),
      null,
    );
  });

  it("client.lmpop pops from the first non-empty list, null when all are empty", async () => {
    const { client } = ctx;
    await client.rpush("l:mpop:2", "a", "b", "c", "d");
    assert.deepEqual(await client.lmpop(["l:mpop:1", "l:mpop:2"], "LEFT"), {
      key: "l:mpop:2",
      elements: ["a"],
    });
    assert.deepEqual(
      await client.lmpop(["l:mpop:1", "l:mpop:2"], "RIGHT", { count: 2 }),
      { key: "l:mpop:2", elements: ["d", "c"] },
    );
    assert.deepEqual(
      await client.lmpop(["l:mpop:2"], "LEFT", { count: 10 }),
      { key: "l:mpop:2", elements: ["b"] },
    );
    assert.equal(await client.lmpop(["l:mpop:1", "l:mpop:2"], "LEFT"), null);
  });

  it("client.blpop resolves when another client pushes while it is blocked", async () => {
    const result = await whileBlocked(
      ctx,
      (blocker) => blocker.blpop(["l:bl:1", "l:bl:2"], 10),
      (client) => client.rpush("l:bl:2", "x", "y"),
    );
    assert.deepEqual(result, { key: "l:bl:2", element: "x" });
    assert.deepEqual(await ctx.client.lrange("l:bl:2", 0, -1), ["y"]);
  });

  it("client.brpop resolves with the tail when another client pushes while it is blocked", async () => {
    const result = await whileBlocked(
      ctx,
      (blocker) => blocker.brpop(["l:br"], 10),
      (client) => client.rpush("l:br", "x", "y"),
    );
    assert.deepEqual(result, { key: "l:br", element: "y" });
  });

  it("client.blmove resolves with the moved element when another client pushes", async () => {
    const result = await whileBlocked(
      ctx,
      (blocker) =>
        blocker.blmove("l:blm:src", "l:blm:dst", "RIGHT", "LEFT", 10),
      (client) => client.rpush("l:blm:src", "x", "y"),
    );
    assert.equal(result, "y");
    assert.deepEqual(await ctx.client.lrange("l:blm:dst", 0, -1), ["y"]);
  });

  it("client.brpoplpush resolves with the moved element when another client pushes", async () => {
    const result = await whileBlocked(
      ctx,
      (blocker) => blocker.brpoplpush("l:brpl:src", "l:brpl:dst", 10),
      (client) => client.rpush("l:brpl:src", "x"),
    );
    assert.equal(result, "x");
    assert.deepEqual(await ctx.client.lrange("l:brpl:dst", 0, -1), ["x"]);
  });

  it("client.blmpop resolves with up to count elements when another client pushes", async () => {
    const result = await whileBlocked(
      ctx,
      (blocker) =>
        blocker.blmpop(["l:blmp:1", "l:blmp:2"], "LEFT", 10, { count: 2 }),
      (client) => client.rpush("l:blmp:2", "a", "b", "c"),
    );
    assert.deepEqual(result, { key: "l:blmp:2", elements: ["a", "b"] });
  });

  it("the blocking list methods resolve to null after a short timeout", async () => {
    const { client } = ctx;
    assert.equal(await client.blpop(["l:empty:1", "l:empty:2"], 0.05), null);
    assert.equal(await client.brpop(["l:empty:1"], 0.05), null);
    assert.equal(
      await client.blmove("l:empty:1", "l:empty:2", "LEFT", "LEFT", 0.05),
      null,
    );
    assert.equal(await client.brpoplpush("l:empty:1", "l:empty:2", 0.05), null);
    assert.equal(
      await client.blmpop(["l:empty:1"], "RIGHT", 0.05, { count: 3 }),
      null,
    );
    assert.equal(await client.llen("l:empty:1"), 0);
    assert.equal(await client.llen("l:empty:2"), 0);
  });

  it("the blocking list methods resolve at once when a list has elements", async () => {
    const { client } = ctx;
    await client.rpush("l:ready", "a", "b", "c", "d", "e");
    assert.deepEqual(await client.blpop(["l:ready"], 0), {
      key: "l:ready",
      element: "a",
    });
    assert.deepEqual(await client.brpop(["l:ready"], 0), {
      key: "l:ready",
      element: "e",
    });
    assert.equal(
      await client.blmove("l:ready", "l:ready:dst", "LEFT", "RIGHT", 0),
      "b",
    );
    assert.equal(await client.brpoplpush("l:ready", "l:ready:dst", 0), "d");
    assert.deepEqual(await client.blmpop(["l:ready"], "LEFT", 0), {
      key: "l:ready",
      elements: ["c"],
    });
  });

  it("list methods on a string key reject with WRONGTYPE", async () => {
    const { client } = ctx;
    await client.sendCommand(["SET", "l:string", "v"]);
    await assert.rejects(client.lpush("l:string", "a"), isWrongType);
    await assert.rejects(client.rpush("l:string", "a"), isWrongType);
    await assert.rejects(client.lrange("l:string", 0, -1), isWrongType);
    await assert.rejects(client.llen("l:string"), isWrongType);
    await assert.rejects(client.lpop("l:string"), isWrongType);
    await assert.rejects(client.lpopCount("l:string", 2), isWrongType);
    await assert.rejects(client.lpos("l:string", "a"), isWrongType);
    await assert.rejects(client.lmpop(["l:string"], "LEFT"), isWrongType);
    await assert.rejects(client.blpop(["l:string"], 0.05), isWrongType);
    await assert.rejects(
      client.lmove("l:string", "l:other", "LEFT", "LEFT"),
      isWrongType,
    );
  });

  it("list methods reject invalid arguments with a TypeError before sending", async () => {
    const { client } = ctx;
    await client.sendCommand(["CONFIG", "RESETSTAT"]);
    await assert.rejects(client.lpush("l:bad"), TypeError);
    await assert.rejects(client.lrange("l:bad", 0, 1.5), TypeError);
    await assert.rejects(client.lpos("l:bad", "a", { rank: 0 }), TypeError);
    await assert.rejects(client.lpopCount("l:bad", -1), TypeError);
    await assert.rejects(client.blpop([], 1), TypeError);
    await assert.rejects(client.blpop(["l:bad"], -1), TypeError);
    await assert.rejects(
      client.lmpop(["l:bad"], "left" as "LEFT"),
      TypeError,
    );
    await assert.rejects(
      client.linsert("l:bad", "before" as "BEFORE", "a", "b"),
      TypeError,
    );
    for (
      const name of [
        "lpush",
        "lrange",
        "lpos",
        "lpop",
        "blpop",
        "lmpop",
        "linsert",
      ]
    ) {
      assert.equal(await calls(client, name), 0, name);
    }
  });

  it("client.bytes list methods deliver binary keys and elements as Uint8Array", async () => {
    const { client } = ctx;
    const key = new Uint8Array([0x6c, 0xff, 0x01]);
    assert.equal(await client.bytes.rpush(key, BINARY, "text", BINARY), 3);
    assert.deepEqual(await client.bytes.lrange(key, 0, -1), [
      BINARY,
      utf8("text"),
      BINARY,
    ]);
    assert.deepEqual(await client.bytes.lindex(key, 0), BINARY);
    assert.equal(await client.bytes.lpos(key, "text"), 1);
    assert.deepEqual(await client.bytes.lposCount(key, BINARY, 0), [0, 2]);
    assert.equal(await client.bytes.lset(key, 1, BINARY), "OK");
    assert.equal(await client.bytes.linsert(key, "AFTER", BINARY, "x"), 4);
    assert.deepEqual(await client.bytes.lpop(key), BINARY);
    assert.deepEqual(await client.bytes.lpopCount(key, 1), [utf8("x")]);
    assert.deepEqual(await client.bytes.rpopCount(key, 1), [BINARY]);
    assert.equal(await client.bytes.ltrim(key, 0, -1), "OK");
    assert.deepEqual(
      await client.bytes.lmove(key, "l:bytes:dst", "LEFT", "LEFT"),
      BINARY,
    );
    assert.deepEqual(
      await client.bytes.rpoplpush("l:bytes:dst", key),
      BINARY,
    );
    assert.deepEqual(await client.bytes.blpop([key], 0), {
      key,
      element: BINARY,
    });
    await client.bytes.rpush(key, BINARY, BINARY);
    assert.deepEqual(await client.bytes.lmpop([key], "LEFT", { count: 1 }), {
      key,
      elements: [BINARY],
    });
    assert.deepEqual(await client.bytes.blmpop([key], "RIGHT", 0), {
      key,
      elements: [BINARY],
    });
    await client.bytes.lpush(key, BINARY);
    assert.deepEqual(await client.bytes.brpop([key], 0), {
      key,
      element: BINARY,
    });
    await client.bytes.lpush(key, BINARY);
    assert.deepEqual(
      await client.bytes.blmove(key, key, "LEFT", "RIGHT", 0),
      BINARY,
    );
    assert.deepEqual(
      await client.bytes.brpoplpush(key, "l:bytes:dst", 0),
      BINARY,
    );
    assert.equal(await client.bytes.rpop(key), null);
    assert.equal(await client.bytes.lpushx(key, BINARY), 0);
    assert.equal(await client.bytes.rpushx("l:bytes:dst", BINARY), 2);
    assert.equal(await client.bytes.llen("l:bytes:dst"), 2);
    assert.equal(await client.bytes.lrem("l:bytes:dst", 0, BINARY), 2);
  });

  it("list methods give the same results over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => {
      await client.rpush("p:list", "a", "b", "c", "a", "d", "e", "f");
      return {
        lrange: await client.lrange("p:list", 0, -1),
        lindex: await client.lindex("p:list", 9),
        lpos: await client.lpos("p:list", "a", { rank: -1 }),
        lposNone: await client.lpos("p:list", "z"),
        lposCount: await client.lposCount("p:list", "a", 0),
        linsert: await client.linsert("p:list", "AFTER", "f", "g"),
        lset: await client.lset("p:list", 0, "A"),
        ltrim: await client.ltrim("p:list", 0, -1),
        lpopCount: await client.lpopCount("p:list", 2),
        rpopCount: await client.rpopCount("p:list", 1),
        popNone: await client.lpopCount("p:none", 2),
        lpop: await client.lpop("p:list"),
        lmove: await client.lmove("p:list", "p:dst", "RIGHT", "LEFT"),
        lmpop: await client.lmpop(["p:none", "p:list"], "LEFT", { count: 1 }),
        lmpopNone: await client.lmpop(["p:none"], "LEFT"),
        blpop: await client.blpop(["p:none", "p:list"], 0),
        blpopNone: await client.blpop(["p:none"], 0.01),
        brpop: await client.brpop(["p:dst"], 0),
        blmpop: await client.blmpop(["p:list"], "LEFT", 0, { count: 5 }),
        blmpopNone: await client.blmpop(["p:none"], "LEFT", 0.01),
        blmove: await client.blmove("p:none", "p:dst", "LEFT", "LEFT", 0.01),
        llen: await client.llen("p:list"),
      };
    });
    assert.deepEqual(result, {
      lrange: ["a", "b", "c", "a", "d", "e", "f"],
      lindex: null,
      lpos: 3,
      lposNone: null,
      lposCount: [0, 3],
      linsert: 8,
      lset: "OK",
      ltrim: "OK",
      lpopCount: ["A", "b"],
      rpopCount: ["g"],
      popNone: null,
      lpop: "c",
      lmove: "f",
      lmpop: { key: "p:list", elements: ["a"] },
      lmpopNone: null,
      blpop: { key: "p:list", element: "d" },
      blpopNone: null,
      brpop: { key: "p:dst", element: "f" },
      blmpop: { key: "p:list", elements: ["e"] },
      blmpopNone: null,
      blmove: null,
      llen: 0,
    });
  });
});

describe("list command option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;
  /** Asserts that `build` throws a `TypeError` whose message matches. */
  const rejects = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (e) => e instanceof TypeError && message.test(e.message),
    );

  it("list commands reject unknown option keys with a TypeError naming the key", () => {
    // LMPOP and BLMPOP.
    rejects(
      () => commands.lmpop.build(["a"], "LEFT", loose({ COUNT: 2 })),
      /^Unknown LMPOP option "COUNT": did you mean "count"\?$/,
    );
    rejects(
      () => commands.blmpop.build(["a"], "RIGHT", 1, loose({ cuont: 2 })),
      /^Unknown BLMPOP option "cuont": did you mean "count"\?$/,
    );
    assert.deepEqual(commands.lmpop.build(["a", "b"], "LEFT", { count: 2 }), [
      "LMPOP",
      2,
      "a",
      "b",
      "LEFT",
      "COUNT",
      2,
    ]);
    assert.deepEqual(commands.blmpop.build(["a"], "RIGHT", 1), [
      "BLMPOP",
      1,
      1,
      "a",
      "RIGHT",
    ]);
    // LPOS (with and without a count).
    rejects(
      () => commands.lpos.build("k", "a", loose({ RANK: 1 })),
      /^Unknown LPOS option "RANK": did you mean "rank"\?$/,
    );
    rejects(
      () => commands.lposCount.build("k", "a", 2, loose({ maxLen: 10 })),
      /^Unknown LPOS option "maxLen": did you mean "maxlen"\?$/,
    );
    rejects(
      () => commands.lposCount.build("k", "a", 2, loose({ count: 3 })),
      /^Unknown LPOS option "count"$/,
    );
    assert.deepEqual(
      commands.lposCount.build("k", "a", 2, { rank: -1, maxlen: 10 }),
      ["LPOS", "k", "a", "RANK", -1, "COUNT", 2, "MAXLEN", 10],
    );
    assert.deepEqual(commands.lpos.build("k", "a"), ["LPOS", "k", "a"]);
  });
});
