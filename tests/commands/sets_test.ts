import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ReplyError } from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import {
  calls,
  isWrongType,
  parity,
  testEncoding,
  useServer,
  utf8,
} from "./_helpers.ts";
import { cases } from "./sets_cases.ts";

testEncoding("Set", cases);

const BINARY = new Uint8Array([0xff, 0x00, 0xfe]);

const sorted = (items: string[]): string[] => [...items].sort();

describe("set commands against a server", () => {
  const ctx = useServer();

  it("client.sadd and client.srem count changed members, client.scard counts them all", async () => {
    const { client } = ctx;
    assert.equal(await client.sadd("s:add", "a", "b", "c"), 3);
    assert.equal(await client.sadd("s:add", "c", "d", 5), 2);
    assert.equal(await client.scard("s:add"), 5);
    assert.equal(await client.srem("s:add", "a", "5", "zz"), 2);
    assert.equal(await client.scard("s:add"), 3);
    assert.equal(await client.scard("s:none"), 0);
    assert.equal(await client.srem("s:none", "a"), 0);
  });

  it("client.smembers lists members as an array, empty for a missing key", async () => {
    const { client } = ctx;
    await client.sadd("s:members", "x", "y", "z");
    const members = await client.smembers("s:members");
    assert.ok(Array.isArray(members));
    assert.deepEqual(sorted(members), ["x", "y", "z"]);
    assert.deepEqual(await client.smembers("s:none"), []);
  });

  it("client.sismember and client.smismember resolve to booleans", async () => {
    const { client } = ctx;
    await client.sadd("s:is", "a", "b");
    assert.equal(await client.sismember("s:is", "a"), true);
    assert.equal(await client.sismember("s:is", "q"), false);
    assert.equal(await client.sismember("s:none", "a"), false);
    assert.deepEqual(await client.smismember("s:is", "b", "q", "a"), [
      true,
      false,
      true,
    ]);
    assert.deepEqual(await client.smismember("s:none", "a"), [false]);
  });

  it("client.sdiff, client.sinter and client.sunion combine sets", async () => {
    const { client } = ctx;
    await client.sadd("{s}1", "a", "b", "c", "d");
    await client.sadd("{s}2", "c", "d", "e");
    await client.sadd("{s}3", "d", "f");
    assert.deepEqual(sorted(await client.sdiff("{s}1", "{s}2", "{s}3")), [
      "a",
      "b",
    ]);
    assert.deepEqual(sorted(await client.sinter("{s}1", "{s}2")), ["c", "d"]);
    assert.deepEqual(await client.sinter("{s}1", "{s}2", "{s}3"), ["d"]);
    assert.deepEqual(sorted(await client.sunion("{s}2", "{s}3")), [
      "c",
      "d",
      "e",
      "f",
    ]);
    assert.deepEqual(await client.sinter("{s}1", "{s}none"), []);
  });

  it("client.sdiffstore, client.sinterstore and client.sunionstore store the result and count it", async () => {
    const { client } = ctx;
    await client.sadd("{st}1", "a", "b", "c");
    await client.sadd("{st}2", "b", "c", "d");
    assert.equal(await client.sdiffstore("{st}d", "{st}1", "{st}2"), 1);
    assert.deepEqual(await client.smembers("{st}d"), ["a"]);
    assert.equal(await client.sinterstore("{st}i", "{st}1", "{st}2"), 2);
    assert.deepEqual(sorted(await client.smembers("{st}i")), ["b", "c"]);
    assert.equal(await client.sunionstore("{st}u", "{st}1", "{st}2"), 4);
    assert.equal(await client.scard("{st}u"), 4);
    assert.equal(await client.sinterstore("{st}u", "{st}1", "{st}none"), 0);
    assert.equal(await client.scard("{st}u"), 0);
  });

  it("client.sintercard counts the intersection and stops at limit", async () => {
    const { client } = ctx;
    await client.sadd("{sc}1", "a", "b", "c", "d");
    await client.sadd("{sc}2", "a", "b", "c", "e");
    assert.equal(await client.sintercard(["{sc}1", "{sc}2"]), 3);
    assert.equal(await client.sintercard(["{sc}1", "{sc}2"], { limit: 2 }), 2);
    assert.equal(await client.sintercard(["{sc}1", "{sc}2"], { limit: 0 }), 3);
    assert.equal(await client.sintercard(["{sc}1"]), 4);
    assert.equal(await client.sintercard(["{sc}1", "{sc}none"]), 0);
  });

  it("client.smove moves a member and resolves to a boolean", async () => {
    const { client } = ctx;
    await client.sadd("{mv}src", "a", "b");
    assert.equal(await client.smove("{mv}src", "{mv}dst", "a"), true);
    assert.equal(await client.smove("{mv}src", "{mv}dst", "zz"), false);
    assert.deepEqual(await client.smembers("{mv}src"), ["b"]);
    assert.deepEqual(await client.smembers("{mv}dst"), ["a"]);
  });

  it("client.spop removes one member, or resolves to null for a missing key", async () => {
    const { client } = ctx;
    await client.sadd("s:pop", "a", "b");
    const popped = await client.spop("s:pop");
    assert.ok(popped === "a" || popped === "b");
    assert.deepEqual(await client.smembers("s:pop"), [
      popped === "a" ? "b" : "a",
    ]);
    assert.equal(await client.spop("s:none"), null);
  });

  it("client.spopCount removes up to count members, empty for a missing key", async () => {
    const { client } = ctx;
    await client.sadd("s:popc", "a", "b", "c", "d");
    const two = await client.spopCount("s:popc", 2);
    assert.equal(two.length, 2);
    assert.equal(await client.scard("s:popc"), 2);
    const rest = await client.spopCount("s:popc", 10);
    assert.deepEqual(sorted([...two, ...rest]), ["a", "b", "c", "d"]);
    assert.deepEqual(await client.spopCount("s:popc", 1), []);
    assert.deepEqual(await client.spopCount("s:none", 3), []);
  });

  it("client.srandmember picks a member, or resolves to null for a missing key", async () => {
    const { client } = ctx;
    await client.sadd("s:rand", "a", "b", "c");
    const member = await client.srandmember("s:rand");
    assert.ok(member !== null && ["a", "b", "c"].includes(member));
    assert.equal(await client.scard("s:rand"), 3);
    assert.equal(await client.srandmember("s:none"), null);
  });

  it("client.srandmemberCount picks distinct members, or exactly -count with repeats", async () => {
    const { client } = ctx;
    await client.sadd("s:randc", "a", "b", "c");
    const two = await client.srandmemberCount("s:randc", 2);
    assert.equal(new Set(two).size, 2);
    assert.deepEqual(sorted(await client.srandmemberCount("s:randc", 9)), [
      "a",
      "b",
      "c",
    ]);
    const repeated = await client.srandmemberCount("s:randc", -6);
    assert.equal(repeated.length, 6);
    assert.ok(repeated.every((m) => ["a", "b", "c"].includes(m)));
    assert.deepEqual(await client.srandmemberCount("s:none", 2), []);
  });

  it("client.sscan returns a cursor and members, and a bad cursor rejects with the server's ReplyError", async () => {
    const { client } = ctx;
    await client.sadd("s:scan", "a1", "a2", "b1");
    const page = await client.sscan("s:scan", "0", { match: "a*" });
    assert.equal(page.cursor, "0");
    assert.deepEqual(sorted(page.members), ["a1", "a2"]);
    assert.deepEqual(await client.sscan("s:none", "0"), {
      cursor: "0",
      members: [],
    });
    await assert.rejects(
      client.sscan("s:scan", "x1" as "0"),
      (error: unknown) =>
        error instanceof ReplyError && error.code === "ERR" &&
        /cursor/.test(error.message),
    );
  });

  it("client.sscanIterator yields every member of a 1200-member set", async () => {
    const { client } = ctx;
    const members = Array.from({ length: 1200 }, (_, i) => `m${i}`);
    assert.equal(await client.sadd("s:big", ...members), 1200);
    const seen = new Set<string>();
    for await (const member of client.sscanIterator("s:big")) seen.add(member);
    assert.deepEqual(seen, new Set(members));
    const matched = new Set<string>();
    for await (
      const member of client.sscanIterator("s:big", {
        match: "m11*",
        count: 50,
      })
    ) matched.add(member);
    // m11, m110..m119, m1100..m1199
    assert.equal(matched.size, 111);
  });

  it("client.sscanIterator stops without error when the loop breaks early", async () => {
    const { client } = ctx;
    const members = Array.from({ length: 1100 }, (_, i) => `m${i}`);
    await client.sadd("s:break", ...members);
    await client.sendCommand(["CONFIG", "RESETSTAT"]);
    let count = 0;
    for await (const _ of client.sscanIterator("s:break", { count: 10 })) {
      if (++count === 3) break;
    }
    assert.equal(count, 3);
    assert.equal(await calls(client, "sscan"), 1);
    assert.equal(await client.scard("s:break"), 1100);
  });

  it("set commands on a string key reject with a WRONGTYPE ReplyError", async () => {
    const { client } = ctx;
    await client.sendCommand(["SET", "s:string", "text"]);
    await assert.rejects(client.sadd("s:string", "a"), isWrongType);
    await assert.rejects(client.smembers("s:string"), isWrongType);
    await assert.rejects(client.sinter("s:string", "s:none"), isWrongType);
    await assert.rejects(client.spopCount("s:string", 1), isWrongType);
    await assert.rejects(client.smismember("s:string", "a"), isWrongType);
  });

  it("set methods reject invalid arguments with a TypeError before sending", async () => {
    const { client } = ctx;
    await client.sendCommand(["CONFIG", "RESETSTAT"]);
    await assert.rejects(client.sadd("s:typed"), TypeError);
    await assert.rejects(client.srem("s:typed"), TypeError);
    await assert.rejects(client.sunion(), TypeError);
    await assert.rejects(client.sinterstore("s:typed"), TypeError);
    await assert.rejects(client.sintercard([]), TypeError);
    await assert.rejects(
      client.sintercard(["s:typed"], { limit: -1 }),
      TypeError,
    );
    await assert.rejects(client.spopCount("s:typed", -1), TypeError);
    await assert.rejects(client.srandmemberCount("s:typed", 0.5), TypeError);
    const names = ["sadd", "srem", "sunion", "sinterstore", "sintercard"];
    for (const name of [...names, "spop", "srandmember"]) {
      assert.equal(await calls(client, name), 0, name);
    }
  });

  it("client.bytes set methods deliver binary members as Uint8Array", async () => {
    const { client } = ctx;
    await client.sadd("{b}1", BINARY, "text");
    await client.sadd("{b}2", BINARY);
    const members = await client.bytes.smembers("{b}1");
    assert.equal(members.length, 2);
    assert.ok(members.every((m) => m instanceof Uint8Array));
    assert.ok(members.some((m) => m.length === 3 && m[0] === 0xff));
    assert.ok(members.some((m) => new TextDecoder().decode(m) === "text"));
    assert.deepEqual(await client.bytes.sinter("{b}1", "{b}2"), [BINARY]);
    assert.deepEqual(await client.bytes.sdiff("{b}1", "{b}2"), [utf8("text")]);
    assert.equal((await client.bytes.sunion("{b}1", "{b}2")).length, 2);
    assert.equal(await client.bytes.sismember("{b}1", BINARY), true);
    assert.deepEqual(await client.bytes.smismember("{b}1", BINARY, "no"), [
      true,
      false,
    ]);
    assert.deepEqual(await client.bytes.spop("{b}2"), BINARY);
    await client.sadd("{b}2", BINARY);
    assert.deepEqual(await client.bytes.srandmember("{b}2"), BINARY);
    assert.deepEqual(await client.bytes.srandmemberCount("{b}2", 1), [BINARY]);
    assert.deepEqual(await client.bytes.spopCount("{b}2", 5), [BINARY]);
    const page = await client.bytes.sscan("{b}1", "0");
    assert.equal(page.cursor, "0");
    assert.equal(typeof page.cursor, "string");
    assert.ok(page.members.some((m) => m.length === 3 && m[2] === 0xfe));
    const scanned: Uint8Array[] = [];
    for await (const m of client.bytes.sscanIterator("{b}1")) scanned.push(m);
    assert.equal(scanned.length, 2);
  });

  it("client.smembers, client.sinter, client.sunion and client.sdiff give the same results over RESP2 and RESP3", async () => {
    // Integer members make an intset, whose order is deterministic.
    const result = await parity(ctx, async (client) => {
      await client.sadd("{p}1", 3, 1, 2);
      await client.sadd("{p}2", 2, 3, 4);
      return {
        members: await client.smembers("{p}1"),
        inter: await client.sinter("{p}1", "{p}2"),
        union: await client.sunion("{p}1", "{p}2"),
        diff: await client.sdiff("{p}1", "{p}2"),
        none: await client.smembers("{p}none"),
      };
    });
    assert.deepEqual(result, {
      members: ["1", "2", "3"],
      inter: ["2", "3"],
      union: ["1", "2", "3", "4"],
      diff: ["1"],
      none: [],
    });
  });

  it("client.smismember, client.sismember, client.spopCount and client.srandmemberCount give the same results over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => {
      await client.sadd("{q}1", 1, 2);
      await client.sadd("{q}2", 7);
      return {
        mis: await client.smismember("{q}1", 1, 5, 2),
        is: await client.sismember("{q}1", 2),
        rand: await client.srandmemberCount("{q}2", 3),
        randRepeated: await client.srandmemberCount("{q}2", -2),
        pop: await client.spopCount("{q}2", 3),
        popNone: await client.spopCount("{q}none", 3),
        popOne: await client.spop("{q}none"),
        card: await client.sintercard(["{q}1"], { limit: 1 }),
        scan: await client.sscan("{q}1", "0"),
      };
    });
    assert.deepEqual(result, {
      mis: [true, false, true],
      is: true,
      rand: ["7"],
      randRepeated: ["7", "7"],
      pop: ["7"],
      popNone: [],
      popOne: null,
      card: 1,
      scan: { cursor: "0", members: ["1", "2"] },
    });
  });
});

describe("set command option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;
  /** Asserts that `build` throws a `TypeError` whose message matches. */
  const rejects = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (e) => e instanceof TypeError && message.test(e.message),
    );

  it("set commands reject unknown option keys with a TypeError naming the key", () => {
    // SINTERCARD.
    rejects(
      () => commands.sintercard.build(["a", "b"], loose({ LIMIT: 5 })),
      /^Unknown SINTERCARD option "LIMIT": did you mean "limit"\?$/,
    );
    assert.deepEqual(commands.sintercard.build(["a", "b"], { limit: 5 }), [
      "SINTERCARD",
      2,
      "a",
      "b",
      "LIMIT",
      5,
    ]);
    assert.deepEqual(commands.sintercard.build(["a", "b"]), [
      "SINTERCARD",
      2,
      "a",
      "b",
    ]);
    // SSCAN (the shared match/count options).
    rejects(
      () => commands.sscan.build("s", "0", loose({ MATCH: "a*" })),
      /^Unknown SSCAN option "MATCH": did you mean "match"\?$/,
    );
    assert.deepEqual(
      commands.sscan.build("s", "0", { match: "a*", count: 5 }),
      [
        "SSCAN",
        "s",
        "0",
        "MATCH",
        "a*",
        "COUNT",
        5,
      ],
    );
  });
});
