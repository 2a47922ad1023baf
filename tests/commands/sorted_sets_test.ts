import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type RedisClient, ReplyError } from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import {
  calls,
  isWrongType,
  parity,
  testEncoding,
  useServer,
  utf8,
} from "./_helpers.ts";
import { cases } from "./sorted_sets_cases.ts";

testEncoding("Sorted set", cases);

const BINARY = new Uint8Array([0xff, 0x00, 0xfe]);
const BINARY2 = new Uint8Array([0x80, 0x01]);

/**
 * Resolves once CLIENT LIST shows the connection named `name` blocked in
 * `command`; polls with round trips only, no timers.
 */
async function blockedIn(
  observer: RedisClient,
  name: string,
  command: string,
): Promise<void> {
  for (let attempt = 0; attempt < 100_000; attempt++) {
    const clients = String(await observer.sendCommand(["CLIENT", "LIST"]));
    const line = clients.split("\n").find((l) => l.includes(` name=${name} `));
    if (
      line !== undefined && line.includes(` cmd=${command} `) &&
      /flags=\w*b/.test(line)
    ) {
      return;
    }
  }
  throw new Error(`Client "${name}" never blocked in ${command}`);
}

const members = (
  ...pairs: [string, number][]
): { member: string; score: number }[] =>
  pairs.map(([member, score]) => ({ member, score }));

describe("sorted set commands against a server", () => {
  const ctx = useServer();

  it("client.zadd adds members, with nx/xx/gt/lt conditions and ch", async () => {
    const { client } = ctx;
    const m = (score: number, member: string) => ({ score, member });
    assert.equal(await client.zadd("z:add", [m(1, "a"), m(2, "b")]), 2);
    assert.equal(await client.zadd("z:add", [m(5, "a"), m(3, "c")]), 1);
    assert.equal(await client.zscore("z:add", "a"), 5);
    assert.equal(
      await client.zadd("z:add", [m(9, "a"), m(4, "d")], { nx: true }),
      1,
    );
    assert.equal(await client.zscore("z:add", "a"), 5);
    assert.equal(
      await client.zadd("z:add", [m(6, "a"), m(7, "e")], { xx: true }),
      0,
    );
    assert.equal(await client.zscore("z:add", "e"), null);
    assert.equal(await client.zscore("z:add", "a"), 6);
    assert.equal(
      await client.zadd("z:add", [m(1, "a"), m(10, "b")], {
        gt: true,
        ch: true,
      }),
      1,
    );
    assert.deepEqual(await client.zmscore("z:add", "a", "b"), [6, 10]);
    assert.equal(
      await client.zadd("z:add", [m(0, "a"), m(20, "b"), m(0, "f")], {
        lt: true,
        ch: true,
      }),
      2,
    );
    assert.deepEqual(await client.zmscore("z:add", "a", "b", "f", "zz"), [
      0,
      10,
      0,
      null,
    ]);
    assert.equal(await client.zcard("z:add"), 5);
    assert.equal(await client.zcard("z:none"), 0);
  });

  it("client.zadd stores infinite and fractional scores", async () => {
    const { client } = ctx;
    await client.zadd("z:inf", [
      { score: Infinity, member: "top" },
      { score: -Infinity, member: "bottom" },
      { score: 0.1, member: "tenth" },
    ]);
    assert.deepEqual(await client.zmscore("z:inf", "top", "bottom", "tenth"), [
      Infinity,
      -Infinity,
      0.1,
    ]);
  });

  it("client.zaddIncr increments a score and resolves to null when a condition blocks it", async () => {
    const { client } = ctx;
    assert.equal(
      await client.zaddIncr("z:incr", { score: 1.5, member: "a" }),
      1.5,
    );
    assert.equal(
      await client.zaddIncr("z:incr", { score: 2, member: "a" }),
      3.5,
    );
    assert.equal(
      await client.zaddIncr("z:incr", { score: 1, member: "a" }, { nx: true }),
      null,
    );
    assert.equal(
      await client.zaddIncr("z:incr", { score: 1, member: "b" }, { xx: true }),
      null,
    );
    assert.equal(
      await client.zaddIncr("z:incr", { score: -1, member: "a" }, { gt: true }),
      null,
    );
    assert.equal(
      await client.zaddIncr("z:incr", { score: -1, member: "a" }, { lt: true }),
      2.5,
    );
    assert.equal(await client.zincrby("z:incr", 0.25, "a"), 2.75);
    assert.equal(await client.zincrby("z:incr", -5, "new"), -5);
    assert.equal(await client.zincrby("z:incr", Infinity, "a"), Infinity);
  });

  it("client.zadd and client.zrange reject invalid arguments with a TypeError before sending", async () => {
    const { client } = ctx;
    const zadds = await calls(client, "zadd");
    const zranges = await calls(client, "zrange");
    await assert.rejects(
      client.zadd("z:bad", [{ score: 1, member: "a" }], {
        nx: true,
        gt: true,
      } as never),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message ===
          'Invalid ZADD options: "nx" and "gt" exclude each other',
    );
    await assert.rejects(client.zadd("z:bad", []), TypeError);
    await assert.rejects(
      client.zadd("z:bad", [{ score: NaN, member: "a" }]),
      TypeError,
    );
    await assert.rejects(
      client.zrange("z:bad", 0, -1, {
        limit: { offset: 0, count: 1 },
      } as never),
      TypeError,
    );
    await assert.rejects(
      client.zrange("z:bad", "a" as never, "b" as never, { by: "LEX" }),
      TypeError,
    );
    await assert.rejects(client.zpopmin("z:bad", -1), TypeError);
    await assert.rejects(client.bzpopmin([], 0), TypeError);
    assert.equal(await calls(client, "zadd"), zadds);
    assert.equal(await calls(client, "zrange"), zranges);
    assert.equal(await client.zcard("z:bad"), 0);
  });

  it("client.zrange reads ranges of ranks, scores and lex values, reversed and paged", async () => {
    const { client } = ctx;
    await client.zadd("z:range", [
      { score: 1, member: "a" },
      { score: 2, member: "b" },
      { score: 3, member: "c" },
      { score: 4, member: "d" },
    ]);
    assert.deepEqual(await client.zrange("z:range", 0, -1), [
      "a",
      "b",
      "c",
      "d",
    ]);
    assert.deepEqual(await client.zrange("z:range", 0, 1, { rev: true }), [
      "d",
      "c",
    ]);
    assert.deepEqual(
      await client.zrange("z:range", "(1", Infinity, { by: "SCORE" }),
      ["b", "c", "d"],
    );
    assert.deepEqual(
      await client.zrange("z:range", "+inf", "-inf", {
        by: "SCORE",
        rev: true,
        limit: { offset: 1, count: 2 },
      }),
      ["c", "b"],
    );
    assert.deepEqual(
      await client.zrange("z:range", "[b", "(d", { by: "LEX" }),
      ["b", "c"],
    );
    assert.deepEqual(
      await client.zrange("z:range", "+", "-", {
        by: "LEX",
        rev: true,
        limit: { offset: 0, count: 1 },
      }),
      ["d"],
    );
    assert.deepEqual(await client.zrange("z:none", 0, -1), []);
    assert.deepEqual(
      await client.zrangeWithScores("z:range", 2, 5, { by: "SCORE" }),
      members(["b", 2], ["c", 3], ["d", 4]),
    );
    assert.deepEqual(
      await client.zrangeWithScores("z:range", 0, 0, { rev: true }),
      members(["d", 4]),
    );
  });

  it("client.zrangebyscore, client.zrevrangebyscore, client.zrevrange and their WithScores variants read ranges", async () => {
    const { client } = ctx;
    await client.zadd("z:legacy", [
      { score: 1, member: "a" },
      { score: 2.5, member: "b" },
      { score: 3, member: "c" },
    ]);
    assert.deepEqual(await client.zrangebyscore("z:legacy", "-inf", "(3"), [
      "a",
      "b",
    ]);
    assert.deepEqual(
      await client.zrangebyscore("z:legacy", 0, 10, {
        limit: { offset: 1, count: 1 },
      }),
      ["b"],
    );
    assert.deepEqual(
      await client.zrangebyscoreWithScores("z:legacy", 2, "+inf"),
      members(["b", 2.5], ["c", 3]),
    );
    assert.deepEqual(await client.zrevrangebyscore("z:legacy", "+inf", 2), [
      "c",
      "b",
    ]);
    assert.deepEqual(
      await client.zrevrangebyscoreWithScores("z:legacy", 3, "(1", {
        limit: { offset: 0, count: 1 },
      }),
      members(["c", 3]),
    );
    assert.deepEqual(await client.zrevrange("z:legacy", 0, 1), ["c", "b"]);
    assert.deepEqual(
      await client.zrevrangeWithScores("z:legacy", -1, -1),
      members(["a", 1]),
    );
    assert.equal(await client.zcount("z:legacy", "(1", 3), 2);
    assert.equal(await client.zcount("z:legacy", -Infinity, Infinity), 3);
  });

  it("client.zrangebylex, client.zrevrangebylex and client.zlexcount read lex ranges", async () => {
    const { client } = ctx;
    await client.zadd(
      "z:lex",
      ["apple", "banana", "cherry", "date"].map((member) => ({
        score: 0,
        member,
      })),
    );
    assert.deepEqual(await client.zrangebylex("z:lex", "[b", "(d"), [
      "banana",
      "cherry",
    ]);
    assert.deepEqual(
      await client.zrangebylex("z:lex", "-", "+", {
        limit: { offset: 1, count: 2 },
      }),
      ["banana", "cherry"],
    );
    assert.deepEqual(await client.zrevrangebylex("z:lex", "+", "[c"), [
      "date",
      "cherry",
    ]);
    assert.deepEqual(
      await client.zrevrangebylex("z:lex", "+", "-", {
        limit: { offset: 0, count: 1 },
      }),
      ["date"],
    );
    assert.equal(await client.zlexcount("z:lex", "-", "+"), 4);
    assert.equal(await client.zlexcount("z:lex", "(apple", "[cherry"), 2);
    assert.equal(await client.zlexcount("z:lex", utf8("[c"), utf8("+")), 2);
  });

  it("client.zrangestore stores ranges of ranks, scores and lex values", async () => {
    const { client } = ctx;
    await client.zadd("{z}src", [
      { score: 1, member: "a" },
      { score: 2, member: "b" },
      { score: 3, member: "c" },
    ]);
    assert.equal(await client.zrangestore("{z}dst", "{z}src", 0, 1), 2);
    assert.deepEqual(await client.zrange("{z}dst", 0, -1), ["a", "b"]);
    assert.equal(
      await client.zrangestore("{z}dst", "{z}src", "+inf", "(1", {
        by: "SCORE",
        rev: true,
        limit: { offset: 0, count: 1 },
      }),
      1,
    );
    assert.deepEqual(
      await client.zrangeWithScores("{z}dst", 0, -1),
      members(["c", 3]),
    );
    assert.equal(
      await client.zrangestore("{z}dst", "{z}src", "[b", "+", { by: "LEX" }),
      2,
    );
    assert.equal(await client.zrangestore("{z}dst", "{z}none", 0, -1), 0);
    assert.equal(await client.zcard("{z}dst"), 0);
  });

  it("client.zrank, client.zrevrank and client.zscore resolve to null for missing members", async () => {
    const { client } = ctx;
    await client.zadd("z:rank", [
      { score: 10, member: "a" },
      { score: 20, member: "b" },
      { score: 30, member: "c" },
    ]);
    assert.equal(await client.zrank("z:rank", "a"), 0);
    assert.equal(await client.zrank("z:rank", "c"), 2);
    assert.equal(await client.zrevrank("z:rank", "c"), 0);
    assert.equal(await client.zrevrank("z:rank", "a"), 2);
    assert.equal(await client.zrank("z:rank", "zz"), null);
    assert.equal(await client.zrevrank("z:none", "a"), null);
    assert.equal(await client.zscore("z:rank", "b"), 20);
    assert.equal(await client.zscore("z:rank", "zz"), null);
    assert.deepEqual(await client.zmscore("z:none", "a"), [null]);
  });

  it("client.zrem and client.zremrangebylex/byrank/byscore remove members", async () => {
    const { client } = ctx;
    const load = () =>
      client.zadd(
        "z:rem",
        ["a", "b", "c", "d", "e"].map((member, i) => ({ score: i, member })),
      );
    await load();
    assert.equal(await client.zrem("z:rem", "a", "zz", "b"), 2);
    assert.equal(await client.zremrangebyrank("z:rem", 0, -2), 2);
    assert.deepEqual(await client.zrange("z:rem", 0, -1), ["e"]);
    await load();
    assert.equal(await client.zremrangebyscore("z:rem", "(1", 3), 2);
    assert.deepEqual(await client.zrange("z:rem", 0, -1), ["a", "b", "e"]);
    await client.zadd(
      "z:remlex",
      ["a", "b", "c"].map((member) => ({ score: 0, member })),
    );
    assert.equal(await client.zremrangebylex("z:remlex", "[a", "(c"), 2);
    assert.deepEqual(await client.zrange("z:remlex", 0, -1), ["c"]);
    assert.equal(await client.zrem("z:none", "a"), 0);
  });

  it("client.zunion, client.zinter and client.zdiff combine sets with weights and aggregate", async () => {
    const { client } = ctx;
    await client.zadd("{c}1", [
      { score: 1, member: "a" },
      { score: 2, member: "b" },
      { score: 3, member: "c" },
    ]);
    await client.zadd("{c}2", [
      { score: 10, member: "b" },
      { score: 20, member: "c" },
      { score: 30, member: "d" },
    ]);
    assert.deepEqual(await client.zunion(["{c}1", "{c}2"]), [
      "a",
      "b",
      "c",
      "d",
    ]);
    assert.deepEqual(
      await client.zunionWithScores(["{c}1", "{c}2"], {
        weights: [2, 0.5],
        aggregate: "MAX",
      }),
      members(["a", 2], ["b", 5], ["c", 10], ["d", 15]),
    );
    assert.deepEqual(await client.zinter(["{c}1", "{c}2"]), ["b", "c"]);
    assert.deepEqual(
      await client.zinterWithScores(["{c}1", "{c}2"], { aggregate: "MIN" }),
      members(["b", 2], ["c", 3]),
    );
    assert.deepEqual(await client.zdiff("{c}1", "{c}2"), ["a"]);
    assert.deepEqual(
      await client.zdiffWithScores("{c}2", "{c}1"),
      members(["d", 30]),
    );
    assert.equal(await client.zintercard(["{c}1", "{c}2"]), 2);
    assert.equal(await client.zintercard(["{c}1", "{c}2"], { limit: 1 }), 1);
    assert.equal(
      await client.zunionstore("{c}u", ["{c}1", "{c}2"], {
        weights: [1, -1],
      }),
      4,
    );
    assert.deepEqual(
      await client.zrangeWithScores("{c}u", 0, -1),
      members(["d", -30], ["c", -17], ["b", -8], ["a", 1]),
    );
    assert.equal(
      await client.zinterstore("{c}i", ["{c}1", "{c}2"], { aggregate: "MAX" }),
      2,
    );
    assert.deepEqual(
      await client.zrangeWithScores("{c}i", 0, -1),
      members(["b", 10], ["c", 20]),
    );
    assert.equal(await client.zdiffstore("{c}d", "{c}1", "{c}2"), 1);
    assert.deepEqual(await client.zrange("{c}d", 0, -1), ["a"]);
  });

  it("client.zpopmin, client.zpopmax and client.zmpop pop members, empty or null when there are none", async () => {
    const { client } = ctx;
    await client.zadd(
      "z:pop",
      ["a", "b", "c", "d", "e"].map((member, i) => ({ score: i, member })),
    );
    assert.deepEqual(await client.zpopmin("z:pop"), members(["a", 0]));
    assert.deepEqual(
      await client.zpopmax("z:pop", 2),
      members(["e", 4], ["d", 3]),
    );
    assert.deepEqual(await client.zpopmin("z:pop", 0), []);
    assert.deepEqual(await client.zpopmin("z:none"), []);
    assert.deepEqual(await client.zpopmax("z:none", 3), []);
    assert.deepEqual(await client.zmpop(["z:none", "z:pop"], "MIN"), {
      key: "z:pop",
      members: members(["b", 1]),
    });
    assert.deepEqual(
      await client.zmpop(["z:pop"], "MAX", { count: 5 }),
      { key: "z:pop", members: members(["c", 2]) },
    );
    assert.equal(await client.zmpop(["z:pop", "z:none"], "MIN"), null);
    assert.equal(await client.zcard("z:pop"), 0);
  });

  it("client.zrandmember, client.zrandmemberCount and client.zrandmemberWithScores pick members", async () => {
    const { client } = ctx;
    await client.zadd("z:rand", [
      { score: 1, member: "a" },
      { score: 2, member: "b" },
      { score: 3, member: "c" },
    ]);
    assert.ok(["a", "b", "c"].includes((await client.zrandmember("z:rand"))!));
    assert.equal(await client.zrandmember("z:none"), null);
    const distinct = await client.zrandmemberCount("z:rand", 10);
    assert.deepEqual([...distinct].sort(), ["a", "b", "c"]);
    const repeated = await client.zrandmemberCount("z:rand", -7);
    assert.equal(repeated.length, 7);
    assert.ok(repeated.every((m) => ["a", "b", "c"].includes(m)));
    assert.deepEqual(await client.zrandmemberCount("z:none", 2), []);
    const scored = await client.zrandmemberWithScores("z:rand", 3);
    assert.deepEqual(
      [...scored].sort((x, y) => x.score - y.score),
      members(["a", 1], ["b", 2], ["c", 3]),
    );
  });

  it("client.zrangeWithScores gives the same numeric scores on RESP2 and RESP3, infinities and fractions included", async () => {
    const result = await parity(ctx, async (client) => {
      await client.zadd("z:parity", [
        { score: -Infinity, member: "floor" },
        { score: -0.5, member: "minus-half" },
        { score: 0.1, member: "tenth" },
        { score: 1e-7, member: "tiny" },
        { score: 3.14159, member: "pi" },
        { score: 1e20, member: "huge" },
        { score: Infinity, member: "ceiling" },
      ]);
      return {
        all: await client.zrangeWithScores("z:parity", 0, -1),
        byScore: await client.zrangeWithScores("z:parity", "(0", "+inf", {
          by: "SCORE",
          rev: false,
          limit: { offset: 0, count: 2 },
        }),
        rev: await client.zrevrangeWithScores("z:parity", 0, 1),
        byScoreLegacy: await client.zrangebyscoreWithScores(
          "z:parity",
          "-inf",
          -0.5,
        ),
        revByScore: await client.zrevrangebyscoreWithScores(
          "z:parity",
          "+inf",
          1e20,
        ),
      };
    });
    assert.deepEqual(result, {
      all: members(
        ["floor", -Infinity],
        ["minus-half", -0.5],
        ["tiny", 1e-7],
        ["tenth", 0.1],
        ["pi", 3.14159],
        ["huge", 1e20],
        ["ceiling", Infinity],
      ),
      byScore: members(["tiny", 1e-7], ["tenth", 0.1]),
      rev: members(["ceiling", Infinity], ["huge", 1e20]),
      byScoreLegacy: members(["floor", -Infinity], ["minus-half", -0.5]),
      revByScore: members(["ceiling", Infinity], ["huge", 1e20]),
    });
  });

  it("client.zpopmin, client.zmpop, client.bzpopmin and the score commands give the same results on RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => {
      await client.zadd("{p}1", [
        { score: 1.5, member: "a" },
        { score: 2, member: "b" },
        { score: Infinity, member: "c" },
        { score: -Infinity, member: "d" },
        { score: 0, member: "e" },
        { score: 7, member: "f" },
      ]);
      await client.zadd("{p}2", [
        { score: 0.25, member: "a" },
        { score: 9, member: "x" },
      ]);
      await client.zadd("{p}3", [{ score: 4.5, member: "only" }]);
      return {
        zscore: await client.zscore("{p}1", "c"),
        zmscore: await client.zmscore("{p}1", "a", "d", "nope"),
        zincrby: await client.zincrby("{p}2", 0.5, "a"),
        zaddIncr: await client.zaddIncr("{p}2", { score: 1, member: "x" }),
        zaddIncrNull: await client.zaddIncr(
          "{p}2",
          { score: 1, member: "x" },
          { nx: true },
        ),
        zrank: await client.zrank("{p}1", "a"),
        zunion: await client.zunionWithScores(["{p}1", "{p}2"]),
        zinter: await client.zinterWithScores(["{p}1", "{p}2"]),
        zdiff: await client.zdiffWithScores("{p}2", "{p}1"),
        zrandmember: await client.zrandmemberWithScores("{p}3", 1),
        zrandmemberNegative: await client.zrandmemberWithScores("{p}3", -2),
        zscan: await client.zscan("{p}3", "0"),
        zpopminOne: await client.zpopmin("{p}1"),
        zpopminTwo: await client.zpopmin("{p}1", 2),
        zpopmax: await client.zpopmax("{p}1"),
        zmpop: await client.zmpop(["{p}none", "{p}1"], "MAX", { count: 1 }),
        bzpopmin: await client.bzpopmin(["{p}none", "{p}1"], 1),
        bzpopmax: await client.bzpopmax(["{p}2"], 1),
        bzmpop: await client.bzmpop(["{p}2"], "MIN", 1, { count: 5 }),
        zpopminEmpty: await client.zpopmin("{p}none"),
        zmpopNull: await client.zmpop(["{p}none"], "MIN"),
      };
    });
    assert.deepEqual(result, {
      zscore: Infinity,
      zmscore: [1.5, -Infinity, null],
      zincrby: 0.75,
      zaddIncr: 10,
      zaddIncrNull: null,
      zrank: 2,
      zunion: members(
        ["d", -Infinity],
        ["e", 0],
        ["b", 2],
        ["a", 2.25],
        ["f", 7],
        ["x", 10],
        ["c", Infinity],
      ),
      zinter: members(["a", 2.25]),
      zdiff: members(["x", 10]),
      zrandmember: members(["only", 4.5]),
      zrandmemberNegative: members(["only", 4.5], ["only", 4.5]),
      zscan: { cursor: "0", members: members(["only", 4.5]) },
      zpopminOne: members(["d", -Infinity]),
      zpopminTwo: members(["e", 0], ["a", 1.5]),
      zpopmax: members(["c", Infinity]),
      zmpop: { key: "{p}1", members: members(["f", 7]) },
      bzpopmin: { key: "{p}1", member: "b", score: 2 },
      bzpopmax: { key: "{p}2", member: "x", score: 10 },
      bzmpop: { key: "{p}2", members: members(["a", 0.75]) },
      zpopminEmpty: [],
      zmpopNull: null,
    });
  });

  it("client.zscanIterator yields each of 1200 members once with numeric scores", async () => {
    const { client } = ctx;
    const count = 1200;
    const all = Array.from({ length: count }, (_, i) => ({
      score: i / 4,
      member: `m${i}`,
    }));
    await client.zadd("z:scan", all);
    const seen = new Map<string, number>();
    for await (const { member, score } of client.zscanIterator("z:scan")) {
      assert.ok(!seen.has(member), `${member} seen twice`);
      assert.equal(typeof score, "number");
      seen.set(member, score);
    }
    assert.equal(seen.size, count);
    for (const { member, score } of all) assert.equal(seen.get(member), score);
    const matched: string[] = [];
    for await (
      const { member } of client.zscanIterator("z:scan", {
        match: "m11??",
        count: 500,
      })
    ) {
      matched.push(member);
    }
    assert.equal(matched.length, 100);
  });

  it("client.zscanIterator stops scanning when the loop breaks", async () => {
    const { client } = ctx;
    await client.zadd(
      "z:scanbreak",
      Array.from({ length: 1000 }, (_, i) => ({ score: i, member: `m${i}` })),
    );
    const before = await calls(client, "zscan");
    let taken = 0;
    for await (const _ of client.zscanIterator("z:scanbreak")) {
      taken++;
      if (taken === 3) break;
    }
    assert.equal(taken, 3);
    assert.equal(await calls(client, "zscan"), before + 1);
  });

  it("client.bzpopmin and client.bzpopmax wait until another client adds a member", async () => {
    const blocker = await connect({
      port: ctx.server.port,
      clientName: "zs-bzpop",
    });
    try {
      const min = blocker.bzpopmin(["z:bmin1", "z:bmin2"], 0);
      await blockedIn(ctx.client, "zs-bzpop", "bzpopmin");
      await ctx.client.zadd("z:bmin2", [
        { score: 2.5, member: "x" },
        { score: 1, member: "y" },
      ]);
      assert.deepEqual(await min, { key: "z:bmin2", member: "y", score: 1 });

      const max = blocker.bzpopmax(["z:bmax"], 0);
      await blockedIn(ctx.client, "zs-bzpop", "bzpopmax");
      await ctx.client.zadd("z:bmax", [
        { score: -Infinity, member: "low" },
        { score: Infinity, member: "high" },
      ]);
      assert.deepEqual(await max, {
        key: "z:bmax",
        member: "high",
        score: Infinity,
      });
    } finally {
      blocker.disconnect();
    }
  });

  it("client.bzmpop waits until another client adds members", async () => {
    const blocker = await connect({
      port: ctx.server.port,
      protocol: 2,
      clientName: "zs-bzmpop",
    });
    try {
      const popped = blocker.bzmpop(["z:bm1", "z:bm2"], "MAX", 0, {
        count: 2,
      });
      await blockedIn(ctx.client, "zs-bzmpop", "bzmpop");
      await ctx.client.zadd("z:bm1", [
        { score: 1, member: "a" },
        { score: 2, member: "b" },
        { score: 3.5, member: "c" },
      ]);
      assert.deepEqual(await popped, {
        key: "z:bm1",
        members: members(["c", 3.5], ["b", 2]),
      });
    } finally {
      blocker.disconnect();
    }
  });

  it("client.bzpopmin, client.bzpopmax and client.bzmpop resolve to null on timeout", async () => {
    const { client } = ctx;
    assert.equal(await client.bzpopmin(["z:empty1", "z:empty2"], 0.05), null);
    assert.equal(await client.bzpopmax(["z:empty1"], 0.05), null);
    assert.equal(await client.bzmpop(["z:empty1"], "MIN", 0.05), null);
    assert.equal(await client.ping(), "PONG");
  });

  it("client.zadd, client.zrange and client.bzpopmin reject a non-sorted-set key with WRONGTYPE", async () => {
    const { client } = ctx;
    await client.set("z:string", "text");
    await assert.rejects(
      client.zadd("z:string", [{ score: 1, member: "a" }]),
      isWrongType,
    );
    await assert.rejects(client.zrange("z:string", 0, -1), isWrongType);
    await assert.rejects(client.zscore("z:string", "a"), isWrongType);
    await assert.rejects(client.bzpopmin(["z:string"], 0.01), isWrongType);
    await assert.rejects(
      client.zunionstore("z:dest", ["z:string"]),
      isWrongType,
    );
  });

  it("client.zincrby surfaces a server-side error as a ReplyError, as does the ZADD combination the TypeError prevents", async () => {
    const { client } = ctx;
    await client.zadd("z:nan", [{ score: Infinity, member: "a" }]);
    await assert.rejects(
      client.zincrby("z:nan", -Infinity, "a"),
      (error: unknown) =>
        error instanceof ReplyError && error.code === "ERR" &&
        /not a number/i.test(error.message),
    );
    assert.equal(await client.zscore("z:nan", "a"), Infinity);
    await assert.rejects(
      client.sendCommand(["ZADD", "z:nan", "NX", "GT", 1, "a"]),
      (error: unknown) =>
        error instanceof ReplyError && /not compatible/.test(error.message),
    );
    await assert.rejects(
      client.sendCommand(["ZRANGE", "z:nan", 0, -1, "LIMIT", 0, 1]),
      ReplyError,
    );
  });

  it("client.bytes returns binary members and keys as Uint8Array with numeric scores", async () => {
    const { client } = ctx;
    const key = new Uint8Array([0x7a, 0xff, 0x01]);
    const load = () =>
      client.zadd(key, [
        { score: 1.5, member: BINARY },
        { score: -Infinity, member: BINARY2 },
      ]);
    await load();
    const { bytes } = client;
    assert.deepEqual(await bytes.zrange(key, 0, -1), [BINARY2, BINARY]);
    assert.deepEqual(await bytes.zrangeWithScores(key, 0, -1), [
      { member: BINARY2, score: -Infinity },
      { member: BINARY, score: 1.5 },
    ]);
    assert.deepEqual(await bytes.zrangebyscoreWithScores(key, 0, "+inf"), [
      { member: BINARY, score: 1.5 },
    ]);
    assert.deepEqual(await bytes.zunionWithScores([key]), [
      { member: BINARY2, score: -Infinity },
      { member: BINARY, score: 1.5 },
    ]);
    assert.equal(await bytes.zscore(key, BINARY), 1.5);
    assert.deepEqual(await bytes.zmscore(key, BINARY, BINARY2), [
      1.5,
      -Infinity,
    ]);
    assert.equal(await bytes.zrank(key, BINARY), 1);
    assert.equal(await bytes.zcard(key), 2);
    const random = await bytes.zrandmember(key);
    assert.ok(random instanceof Uint8Array);
    assert.ok(
      [BINARY, BINARY2].some((b) => b.join() === random.join()),
      `unexpected ${random}`,
    );
    const page = await bytes.zscan(key, "0");
    assert.equal(page.cursor, "0");
    assert.deepEqual(
      [...page.members].sort((a, b) => a.score - b.score),
      [{ member: BINARY2, score: -Infinity }, { member: BINARY, score: 1.5 }],
    );
    const scanned: { member: Uint8Array; score: number }[] = [];
    for await (const item of bytes.zscanIterator(key)) scanned.push(item);
    assert.equal(scanned.length, 2);
    assert.ok(scanned.every((item) => item.member instanceof Uint8Array));
    assert.deepEqual(await bytes.zpopmin(key), [
      { member: BINARY2, score: -Infinity },
    ]);
    assert.deepEqual(await bytes.bzpopmax([key], 1), {
      key,
      member: BINARY,
      score: 1.5,
    });
    await load();
    assert.deepEqual(await bytes.zmpop([key], "MIN", { count: 2 }), {
      key,
      members: [
        { member: BINARY2, score: -Infinity },
        { member: BINARY, score: 1.5 },
      ],
    });
    await load();
    assert.deepEqual(await bytes.bzmpop([key], "MAX", 1), {
      key,
      members: [{ member: BINARY, score: 1.5 }],
    });
    assert.equal(
      await bytes.zaddIncr(key, { score: 1, member: BINARY2 }),
      -Infinity,
    );
  });
});

describe("sorted set command option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;
  /** Asserts that `build` throws a `TypeError` whose message matches. */
  const rejects = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (e) => e instanceof TypeError && message.test(e.message),
    );

  it("sorted set commands reject unknown option keys with a TypeError naming the key", () => {
    const member = [{ score: 1, member: "a" }];
    // ZADD, and ZADD ... INCR (no "ch").
    rejects(
      () => commands.zadd.build("k", member, loose({ CH: true })),
      /^Unknown ZADD option "CH": did you mean "ch"\?$/,
    );
    rejects(
      () =>
        commands.zaddIncr.build(
          "k",
          { score: 2, member: "a" },
          loose({ ch: true }),
        ),
      /^Unknown ZADD option "ch"$/,
    );
    rejects(
      () =>
        commands.zaddIncr.build(
          "k",
          { score: 2, member: "a" },
          loose({ NX: true }),
        ),
      /^Unknown ZADD option "NX": did you mean "nx"\?$/,
    );
    assert.deepEqual(
      commands.zadd.build("k", member, { xx: true, gt: true, ch: true }),
      ["ZADD", "k", "XX", "GT", "CH", 1, "a"],
    );
    assert.deepEqual(
      commands.zaddIncr.build("k", { score: 2, member: "a" }, { nx: true }),
      ["ZADD", "k", "NX", "INCR", 2, "a"],
    );
    // ZRANGE, ZRANGESTORE, and their nested limit.
    rejects(
      () => commands.zrange.build("k", 0, 1, loose({ REV: true })),
      /^Unknown ZRANGE option "REV": did you mean "rev"\?$/,
    );
    rejects(
      () =>
        commands.zrangeWithScores.build(
          "k",
          0,
          10,
          loose({ by: "SCORE", limit: { offset: 0, Count: 5 } }),
        ),
      /^Unknown ZRANGE limit option "Count": did you mean "count"\?$/,
    );
    rejects(
      () => commands.zrangestore.build("d", "k", 0, 1, loose({ Rev: true })),
      /^Unknown ZRANGESTORE option "Rev": did you mean "rev"\?$/,
    );
    assert.deepEqual(
      commands.zrange.build("k", "(1", "+inf", {
        by: "SCORE",
        rev: true,
        limit: { offset: 0, count: 5 },
      }),
      ["ZRANGE", "k", "(1", "+inf", "BYSCORE", "REV", "LIMIT", 0, 5],
    );
    assert.deepEqual(commands.zrange.build("k", 0, -1), ["ZRANGE", "k", 0, -1]);
    // ZRANGEBYSCORE, ZREVRANGEBYLEX and the like, and their nested limit.
    rejects(
      () =>
        commands.zrangebyscore.build(
          "k",
          0,
          10,
          loose({ LIMIT: { offset: 0, count: 1 } }),
        ),
      /^Unknown ZRANGEBYSCORE option "LIMIT": did you mean "limit"\?$/,
    );
    rejects(
      () =>
        commands.zrevrangebylex.build(
          "k",
          "+",
          "-",
          loose({ limit: { ofset: 0, count: 1 } }),
        ),
      /^Unknown ZREVRANGEBYLEX limit option "ofset": did you mean "offset"\?$/,
    );
    rejects(
      () =>
        commands.zrevrangebyscoreWithScores.build(
          "k",
          10,
          0,
          loose({ rev: true }),
        ),
      /^Unknown ZREVRANGEBYSCORE option "rev"$/,
    );
    assert.deepEqual(
      commands.zrangebyscore.build("k", 0, 10, {
        limit: { offset: 1, count: 2 },
      }),
      ["ZRANGEBYSCORE", "k", 0, 10, "LIMIT", 1, 2],
    );
    assert.deepEqual(
      commands.zrangebylex.build("k", "-", "+", {
        limit: { offset: 0, count: 3 },
      }),
      ["ZRANGEBYLEX", "k", "-", "+", "LIMIT", 0, 3],
    );
    // ZUNION, ZINTER and their STORE forms.
    rejects(
      () =>
        commands.zunionstore.build("d", ["a", "b"], loose({ weight: [1, 2] })),
      /^Unknown ZUNIONSTORE option "weight": did you mean "weights"\?$/,
    );
    rejects(
      () => commands.zinter.build(["a"], loose({ Aggregate: "MAX" })),
      /^Unknown ZINTER option "Aggregate": did you mean "aggregate"\?$/,
    );
    assert.deepEqual(
      commands.zunionstore.build("d", ["a", "b"], {
        weights: [1, 2],
        aggregate: "MAX",
      }),
      ["ZUNIONSTORE", "d", 2, "a", "b", "WEIGHTS", 1, 2, "AGGREGATE", "MAX"],
    );
    assert.deepEqual(commands.zinterWithScores.build(["a"]), [
      "ZINTER",
      1,
      "a",
      "WITHSCORES",
    ]);
    // ZINTERCARD.
    rejects(
      () => commands.zintercard.build(["a", "b"], loose({ Limit: 3 })),
      /^Unknown ZINTERCARD option "Limit": did you mean "limit"\?$/,
    );
    assert.deepEqual(commands.zintercard.build(["a", "b"], { limit: 3 }), [
      "ZINTERCARD",
      2,
      "a",
      "b",
      "LIMIT",
      3,
    ]);
    // ZMPOP and BZMPOP.
    rejects(
      () => commands.zmpop.build(["a"], "MIN", loose({ COUNT: 2 })),
      /^Unknown ZMPOP option "COUNT": did you mean "count"\?$/,
    );
    rejects(
      () => commands.bzmpop.build(["a"], "MAX", 1, loose({ Count: 2 })),
      /^Unknown BZMPOP option "Count": did you mean "count"\?$/,
    );
    assert.deepEqual(commands.zmpop.build(["a"], "MIN", { count: 2 }), [
      "ZMPOP",
      1,
      "a",
      "MIN",
      "COUNT",
      2,
    ]);
    // ZSCAN (the shared match/count options).
    rejects(
      () => commands.zscan.build("k", "0", loose({ type: "zset" })),
      /^Unknown ZSCAN option "type"$/,
    );
    assert.deepEqual(commands.zscan.build("k", "0", { count: 5 }), [
      "ZSCAN",
      "k",
      "0",
      "COUNT",
      5,
    ]);
  });
});
