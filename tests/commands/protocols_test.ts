import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type Arg, type RedisClient, UnsafeIntegerError } from "../../mod.ts";
import { type Command, commands, FLAT_REPLY } from "../../src/commands/mod.ts";
import { parity, useServer } from "./_helpers.ts";

const BINARY = new Uint8Array([0xff, 0x00, 0xfe, 0x0d, 0x0a]);

/** One representative workload across the command families. */
async function workload(client: RedisClient): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  // Strings and keys.
  out.set = await client.set("s", "v", { ex: 100 });
  out.setGet = await client.set("s", "w", { get: true });
  // Beyond 2^53 a counter rejects, with the exact value on the error.
  out.incrBig = await client.incrby("n", 2n ** 60n).catch((error: unknown) =>
    error instanceof UnsafeIntegerError ? error.value : error
  );
  out.incrbyfloat = await client.incrbyfloat("f", 1.5);
  out.mget = await client.mget("s", "missing", "n");
  out.exists = await client.exists("s");
  out.existsCount = await client.existsCount("s", "n", "missing");
  out.type = await client.type("s");
  out.expire = await client.expire("s", 50, { lt: true });
  out.objectEncoding = await client.objectEncoding("n");
  // Hashes.
  out.hset = await client.hset(
    "h",
    new Map([["a", "1"], ["b", "2"], ["__proto__", "p"]]),
  );
  out.hgetall = await client.hgetall("h");
  out.hincrby = await client.hincrby("h", "a", 10);
  out.hrandfieldWithValues = await client.hrandfieldWithValues("h1", 1);
  out.hmget = await client.hmget("h", "a", "zz");
  // Lists.
  out.rpush = await client.rpush("l", "x", "y", "z");
  out.lrange = await client.lrange("l", 0, -1);
  out.lpopCount = await client.lpopCount("l", 2);
  out.lpos = await client.lpos("l", "z");
  out.blpop = await client.blpop(["l"], 1);
  out.lmpop = await client.lmpop(["l", "l2"], "LEFT");
  // Sets.
  out.sadd = await client.sadd("set", "1", "2", "3");
  out.smembers = (await client.smembers("set")).sort();
  out.sismember = await client.sismember("set", "2");
  out.smismember = await client.smismember("set", "1", "9");
  out.sintercard = await client.sintercard(["set"], { limit: 2 });
  // Sorted sets.
  out.zadd = await client.zadd("z", [
    { score: 1.5, member: "a" },
    { score: Infinity, member: "b" },
    { score: -2, member: "c" },
  ]);
  out.zrangeWithScores = await client.zrangeWithScores("z", 0, -1);
  out.zrange = await client.zrange("z", "-inf", "+inf", { by: "SCORE" });
  out.zscore = await client.zscore("z", "b");
  out.zmscore = await client.zmscore("z", "a", "nope");
  out.zpopmin = await client.zpopmin("z");
  out.zunionWithScores = await client.zunionWithScores(["z", "z2"]);
  out.zrandmemberWithScores = await client.zrandmemberWithScores("z1", 1);
  // Streams.
  out.xadd = await client.xadd("x", "1-1", { f: "1", g: "2" });
  await client.xadd("x", "2-1", { f: "3" });
  out.xrange = await client.xrange("x", "-", "+");
  out.xread = await client.xread([{ key: "x", id: "0" }], { count: 1 });
  out.xgroupCreate = await client.xgroupCreate("x", "grp", "0");
  out.xreadgroup = await client.xreadgroup("grp", "c1", [{
    key: "x",
    id: ">",
  }]);
  out.xpending = await client.xpending("x", "grp");
  out.xinfoGroups = (await client.xinfoGroups("x")).map((g) => ({
    ...g,
  }));
  // Geo.
  out.geoadd = await client.geoadd("geo", [
    { longitude: 13.361389, latitude: 38.115556, member: "Palermo" },
    { longitude: 15.087269, latitude: 37.502669, member: "Catania" },
  ]);
  out.geodist = await client.geodist("geo", "Palermo", "Catania", "km");
  out.geopos = await client.geopos("geo", "Palermo", "Nowhere");
  out.geosearchWith = await client.geosearchWith(
    "geo",
    { longitude: 15, latitude: 37 },
    { radius: 200, unit: "km" },
    { withdist: true, withcoord: true, withhash: true, order: "ASC" },
  );
  // HyperLogLog and bitmaps.
  out.pfadd = await client.pfadd("hll", "a", "b");
  out.pfcount = await client.pfcount("hll");
  out.bitfield = await client.bitfield(
    "bf",
    { set: { encoding: "i64", offset: 0, value: -(2n ** 62n) } },
    { get: { encoding: "i64", offset: 0 } },
  );
  // Scripting and server.
  out.eval = await client.eval(
    "return {1, 'two', {3, 'four'}, redis.call('GET', KEYS[1])}",
    ["s"],
  );
  out.configGet = await client.configGet("maxmemory-policy", "hz");
  out.scan = await client.scan("0", { match: "s*", count: 1000 });
  return out;
}

const utf8 = new TextDecoder();
/**
 * Strings that stay strings in the bytes view because their types are
 * literal unions: status words, type names, role names, flags, ACL
 * categories, key-spec words, cursors and stream IDs.
 */
const LITERAL = new RegExp(
  "^(?:OK|string|list|set|zset|hash|stream|none|master|on|off|nopass|key|" +
    "sanitize-payload|skip-sanitize-payload|" +
    "readonly|write|fast|denyoom|index|range|RO|RW|access|update|no-writes|" +
    "@[a-z]+|\\d+|\\d+-\\d+)$",
);

/**
 * Walks a text-view result and the bytes-view result of the same calls:
 * every text string must be bytes in the bytes view unless it is a literal
 * (status word, type name, cursor, stream ID); numbers, booleans, nulls and
 * record keys must match exactly.
 */
function compareViews(
  text: unknown,
  bytes: unknown,
  path: string,
  problems: string[],
  sameValues = true,
): void {
  if (typeof text === "string") {
    if (bytes instanceof Uint8Array) {
      if (sameValues && utf8.decode(bytes) !== text) {
        problems.push(`${path}: different text`);
      }
    } else if (bytes !== text || !LITERAL.test(text)) {
      problems.push(`${path}: "${text}" is not bytes in the bytes view`);
    }
    return;
  }
  if (Array.isArray(text)) {
    if (!Array.isArray(bytes) || bytes.length !== text.length) {
      problems.push(`${path}: array shape differs`);
      return;
    }
    text.forEach((item, i) =>
      compareViews(item, bytes[i], `${path}[${i}]`, problems, sameValues)
    );
    return;
  }
  if (text instanceof Uint8Array) {
    if (!(bytes instanceof Uint8Array)) problems.push(`${path}: bytes lost`);
    return;
  }
  if (typeof text === "object" && text !== null) {
    if (typeof bytes !== "object" || bytes === null) {
      problems.push(`${path}: object shape differs`);
      return;
    }
    const keys = Object.keys(text).sort();
    if (JSON.stringify(keys) !== JSON.stringify(Object.keys(bytes).sort())) {
      problems.push(`${path}: record keys differ`);
      return;
    }
    for (const key of keys) {
      compareViews(
        (text as Record<string, unknown>)[key],
        (bytes as Record<string, unknown>)[key],
        `${path}.${key}`,
        problems,
        sameValues,
      );
    }
    return;
  }
  if (
    sameValues ? !Object.is(text, bytes) : typeof text !== typeof bytes
  ) {
    problems.push(`${path}: ${String(text)} became ${String(bytes)}`);
  }
}

/** Introspection and admin commands with structured results. */
async function adminWorkload(
  client: RedisClient,
): Promise<Record<string, unknown>> {
  await client.xadd("ax", "1-1", { f: "v" });
  await client.xgroupCreate("ax", "g", "0");
  await client.xreadgroup("g", "c", [{ key: "ax", id: ">" }]);
  await client.set("a1", "ohmytext");
  await client.set("a2", "mynewtext");
  await client.functionLoad(
    "#!lua name=alib\nredis.register_function{function_name='af', " +
      "callback=function(keys, args) return 1 end, flags={'no-writes'}}",
    { replace: true },
  );
  return {
    hello: await client.hello(),
    clientInfo: await client.clientInfo(),
    clientTrackinginfo: await client.clientTrackinginfo(),
    configGet: await client.configGet("maxmemory*"),
    infoSections: await client.infoSections("server"),
    memoryStats: await client.memoryStats(),
    xinfoStream: await client.xinfoStream("ax"),
    xinfoStreamFull: await client.xinfoStreamFull("ax"),
    xinfoGroups: await client.xinfoGroups("ax"),
    xinfoConsumers: await client.xinfoConsumers("ax", "g"),
    xpendingRange: await client.xpendingRange("ax", "g", {
      start: "-",
      end: "+",
      count: 10,
    }),
    functionList: await client.functionList({ withcode: true }),
    functionStats: await client.functionStats(),
    aclGetuser: await client.aclGetuser("default"),
    aclList: await client.aclList(),
    commandInfo: await client.commandInfo("get", "xadd"),
    commandDocs: await client.commandDocs("get"),
    role: await client.role(),
    time: await client.time(),
    lcsIdx: await client.lcsIdx("a1", "a2", { withmatchlen: true }),
    objectEncoding: await client.objectEncoding("a1"),
  };
}

describe("typed results over RESP2 and RESP3", () => {
  const ctx = useServer();

  it("a representative command set gives identical results over both protocols", async () => {
    const result = await parity(ctx, workload);
    // Spot checks that the shared shape is the normalised one.
    assert.deepEqual(
      result.hgetall,
      Object.defineProperty(
        { a: "1", b: "2" },
        "__proto__",
        { value: "p", enumerable: true, writable: true, configurable: true },
      ),
    );
    assert.equal(result.incrBig, 2n ** 60n);
    assert.deepEqual(result.zrangeWithScores, [
      { member: "c", score: -2 },
      { member: "a", score: 1.5 },
      { member: "b", score: Infinity },
    ]);
    assert.equal(result.exists, true);
    assert.deepEqual(result.smismember, [true, false]);
    assert.deepEqual(result.xrange, [
      {
        id: "1-1",
        fields: { f: "1", g: "2" },
        fieldList: ["f", "1", "g", "2"],
      },
      { id: "2-1", fields: { f: "3" }, fieldList: ["f", "3"] },
    ]);
    assert.deepEqual(result.configGet, {
      "maxmemory-policy": "noeviction",
      hz: "10",
    });
  });

  it("the bytes view turns exactly the data strings of a representative command set into bytes", async () => {
    await ctx.resp3.sendCommand(["FLUSHDB"]);
    const text = await workload(ctx.resp3);
    await ctx.resp3.sendCommand(["FLUSHDB"]);
    // The bytes view has the same methods with Binary<R> results.
    const bytes = await workload(ctx.resp3.bytes as unknown as RedisClient);
    const problems: string[] = [];
    compareViews(text, bytes, "$", problems);
    assert.deepEqual(problems, []);
  });

  it("the bytes view turns exactly the data strings of introspection results into bytes", async () => {
    await ctx.resp3.sendCommand(["FLUSHDB"]);
    const text = await adminWorkload(ctx.resp3);
    await ctx.resp3.sendCommand(["FLUSHDB"]);
    const bytes = await adminWorkload(
      ctx.resp3.bytes as unknown as RedisClient,
    );
    const problems: string[] = [];
    // Times, IDs and counters differ between the runs: compare kinds only.
    compareViews(text, bytes, "$", problems, false);
    assert.deepEqual(problems, []);
  });

  it("the bytes view gives identical results over both protocols", async () => {
    const result = await parity(ctx, async (client) => {
      await client.set("b", BINARY);
      await client.hset("bh", { f: BINARY });
      await client.rpush("bl", BINARY, "t");
      await client.zadd("bz", [{ score: 2, member: BINARY }]);
      await client.xadd("bx", "1-1", { f: BINARY });
      return {
        get: await client.bytes.get("b"),
        hgetall: await client.bytes.hgetall("bh"),
        lrange: await client.bytes.lrange("bl", 0, -1),
        zrangeWithScores: await client.bytes.zrangeWithScores("bz", 0, -1),
        xrange: await client.bytes.xrange("bx", "-", "+"),
        type: await client.bytes.type("b"),
        set: await client.bytes.set("b2", "x"),
      };
    });
    assert.deepEqual(result, {
      get: BINARY,
      hgetall: { f: BINARY },
      lrange: [BINARY, new TextEncoder().encode("t")],
      zrangeWithScores: [{ member: BINARY, score: 2 }],
      xrange: [{
        id: "1-1",
        fields: { f: BINARY },
        fieldList: [new TextEncoder().encode("f"), BINARY],
      }],
      type: "string",
      set: new TextEncoder().encode("OK"),
    });
  });
});

describe("FLAT_REPLY", () => {
  const ctx = useServer();

  it("FLAT_REPLY declarations give over RESP3 what their transform makes of the map or set reply", async () => {
    const client = ctx.resp3;
    await client.sendCommand(["FLUSHDB"]);
    await client.hset(
      "fh",
      new Map([["a", "1"], ["__proto__", "p"], ["3", "x"]]),
    );
    await client.sadd("fs1", "a", "b", "c");
    await client.sadd("fs2", "b", "c", "d");
    const cases: [keyof typeof commands, Arg[]][] = [
      ["hgetall", ["fh"]],
      ["smembers", ["fs1"]],
      ["sinter", ["fs1", "fs2"]],
      ["sunion", ["fs1", "fs2"]],
      ["sdiff", ["fs1", "fs2"]],
      ["configGet", ["maxmemory*"]],
    ];
    const flagged = Object.entries(commands)
      .filter(([, declaration]) => (declaration.flags & FLAT_REPLY) !== 0)
      .map(([name]) => name)
      .sort();
    // Every flagged declaration is checked here.
    assert.deepEqual(flagged, cases.map(([name]) => name).sort());
    for (const [name, params] of cases) {
      const declaration = commands[name] as unknown as Command<
        unknown[],
        unknown
      >;
      const argv = declaration.build(...params);
      const raw = await client.sendCommand(argv);
      // The raw RESP3 reply is a Map or Set; the typed call decodes flat.
      assert.ok(raw instanceof Map || raw instanceof Set, name);
      const method = (client as unknown as Record<
        string,
        (...args: unknown[]) => Promise<unknown>
      >)[name]!;
      const typed = await method.call(client, ...params);
      assert.deepEqual(typed, declaration.reply!(raw), name);
    }
  });
});
