import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect } from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import { useServer, utf8 } from "./_helpers.ts";

const text = new TextDecoder();

describe("SCAN iterators against redis-server", () => {
  const ctx = useServer();

  it("client.scanIterator yields every key once across pages, filtered by match and type", async () => {
    const args: string[] = [];
    for (let i = 0; i < 1500; i++) args.push(`it:${i}`, String(i));
    await ctx.client.sendCommand(["MSET", ...args]);
    await ctx.client.sendCommand(["HSET", "it:hash", "f", "v"]);
    await ctx.client.sendCommand(["SET", "other", "x"]);
    const seen = new Set<string>();
    let yielded = 0;
    for await (
      const key of ctx.client.scanIterator({ match: "it:*", count: 100 })
    ) {
      seen.add(key);
      yielded++;
    }
    assert.equal(seen.size, 1501);
    assert.ok(yielded >= 1501);
    assert.ok(!seen.has("other"));
    const hashes: string[] = [];
    for await (
      const key of ctx.client.scanIterator({ type: "hash", count: 500 })
    ) {
      hashes.push(key);
    }
    assert.deepEqual(hashes, ["it:hash"]);
  });

  it("client.scanIterator stops fetching when the loop breaks", async () => {
    await using db5 = await connect({ port: ctx.server.port, db: 5 });
    const args: string[] = [];
    for (let i = 0; i < 500; i++) args.push(`brk:${i}`, "v");
    await db5.sendCommand(["MSET", ...args]);
    const before = await commandCalls(ctx.client, "scan");
    let taken = 0;
    for await (const _ of db5.scanIterator({ count: 50 })) {
      if (++taken === 3) break;
    }
    assert.equal(taken, 3);
    // Only the first page was fetched.
    assert.equal(await commandCalls(ctx.client, "scan"), before + 1);
    assert.equal(await db5.ping(), "PONG");
  });

  it("client.scanIterator on an empty database yields nothing", async () => {
    const keys: string[] = [];
    for await (const key of ctx.resp2.scanIterator()) keys.push(key);
    assert.deepEqual(keys, []);
  });

  it("client.bytes.scanIterator yields binary keys as bytes", async () => {
    const key = new Uint8Array([0xff, 0x00, 0x62, 0x69, 0x6e]);
    await ctx.resp3.sendCommand(["SET", key, "v"]);
    const keys: Uint8Array[] = [];
    for await (const k of ctx.resp3.bytes.scanIterator()) keys.push(k);
    assert.deepEqual(keys, [key]);
  });

  it("client.hscanIterator, sscanIterator and zscanIterator yield items, in bytes too", async () => {
    await ctx.client.sendCommand(["HSET", "scan-h", "a", "1", "b", "2"]);
    await ctx.client.sendCommand(["SADD", "scan-s", "x", "y"]);
    await ctx.client.sendCommand(["ZADD", "scan-z", "1.5", "m", "inf", "n"]);
    const fields: Record<string, string> = {};
    for await (const { field, value } of ctx.client.hscanIterator("scan-h")) {
      fields[field] = value;
    }
    assert.deepEqual(fields, { a: "1", b: "2" });
    const members: string[] = [];
    for await (const member of ctx.client.sscanIterator("scan-s")) {
      members.push(member);
    }
    assert.deepEqual(members.sort(), ["x", "y"]);
    const scored: { member: string; score: number }[] = [];
    for await (const entry of ctx.client.zscanIterator("scan-z")) {
      scored.push(entry);
    }
    assert.deepEqual(scored, [
      { member: "m", score: 1.5 },
      { member: "n", score: Infinity },
    ]);
    const raw: string[] = [];
    for await (
      const { field, value } of ctx.client.bytes.hscanIterator("scan-h")
    ) {
      assert.ok(field instanceof Uint8Array && value instanceof Uint8Array);
      raw.push(`${text.decode(field)}=${text.decode(value)}`);
    }
    assert.deepEqual(raw.sort(), ["a=1", "b=2"]);
    for await (const member of ctx.client.bytes.sscanIterator("scan-s")) {
      assert.ok(member instanceof Uint8Array);
    }
    for await (
      const { member, score } of ctx.client.bytes.zscanIterator("scan-z")
    ) {
      assert.ok(member instanceof Uint8Array);
      assert.equal(typeof score, "number");
    }
    assert.deepEqual(
      await ctx.client.bytes.sendCommand(["GET", "missing"]),
      null,
    );
    assert.deepEqual(
      await ctx.client.bytes.sendCommand(["ECHO", "e"]),
      utf8("e"),
    );
  });

  it("client.scan, hscan, sscan and zscan take the number 0 as the first cursor", async () => {
    await using db6 = await connect({ port: ctx.server.port, db: 6 });
    await db6.set("zero:k", "v");
    await db6.hset("zero:h", { f: "v" });
    await db6.sadd("zero:s", "m");
    await db6.zadd("zero:z", [{ score: 1, member: "m" }]);
    const page = await db6.scan(0, { count: 100 });
    assert.equal(page.cursor, "0");
    assert.deepEqual(page.keys.sort(), [
      "zero:h",
      "zero:k",
      "zero:s",
      "zero:z",
    ]);
    assert.deepEqual((await db6.hscan("zero:h", 0)).entries, [
      { field: "f", value: "v" },
    ]);
    assert.deepEqual((await db6.sscan("zero:s", 0)).members, ["m"]);
    assert.deepEqual((await db6.zscan("zero:z", 0)).members, [
      { member: "m", score: 1 },
    ]);
    await db6.flushdb();
  });

  it("client.scan rejects a bad count before sending", async () => {
    await assert.rejects(ctx.client.scan("0", { count: 0 }), TypeError);
    await assert.rejects(
      ctx.client.scanIterator({ count: -1 }).next(),
      TypeError,
    );
  });
});

/** How many times the server ran `command` so far (INFO commandstats). */
async function commandCalls(
  client: { sendCommand(args: string[]): Promise<unknown> },
  command: string,
): Promise<number> {
  const info = String(await client.sendCommand(["INFO", "commandstats"]));
  const match = new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info);
  return match ? Number(match[1]) : 0;
}

describe("SCAN-family option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;
  /** Asserts that `build` throws a `TypeError` whose message matches. */
  const rejects = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (e) => e instanceof TypeError && message.test(e.message),
    );

  it("SCAN-family commands reject unknown option keys with a TypeError naming the key", () => {
    rejects(
      () => commands.scan.build("0", loose({ COUNT: 10 })),
      /^Unknown SCAN option "COUNT": did you mean "count"\?$/,
    );
    rejects(
      () => commands.sscan.build("s", "0", loose({ MATCH: "a*" })),
      /^Unknown SSCAN option "MATCH": did you mean "match"\?$/,
    );
    rejects(
      () => commands.hscan.build("h", "0", loose({ Count: 5 })),
      /^Unknown HSCAN option "Count": did you mean "count"\?$/,
    );
    rejects(
      () => commands.zscan.build("z", "0", loose({ type: "zset" })),
      /^Unknown ZSCAN option "type"$/,
    );
    rejects(
      () => commands.hscan.build("h", "0", loose("a*")),
      /^Invalid HSCAN options: expected an object, got string$/,
    );
    assert.deepEqual(
      commands.scan.build("0", { match: "a*", count: 10, type: "hash" }),
      ["SCAN", "0", "MATCH", "a*", "COUNT", 10, "TYPE", "hash"],
    );
    assert.deepEqual(
      commands.hscan.build("h", "0", { match: "a*", count: 5 }),
      [
        "HSCAN",
        "h",
        "0",
        "MATCH",
        "a*",
        "COUNT",
        5,
      ],
    );
    assert.deepEqual(commands.sscan.build("s", "0"), ["SSCAN", "s", "0"]);
    assert.deepEqual(commands.zscan.build("z", "0", {}), ["ZSCAN", "z", "0"]);
  });
});
