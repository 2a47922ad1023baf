import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type Key, type RedisClient, ReplyError } from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import { cases } from "./scripting_cases.ts";
import { parity, testEncoding, useServer, utf8 } from "./_helpers.ts";

testEncoding("Scripting", cases);

const LIB = [
  "#!lua name=testlib",
  "redis.register_function{function_name='peek', callback=function(keys, args)",
  "  return redis.call('GET', keys[1]) end, flags={'no-writes'},",
  "  description='reads a key'}",
  "redis.register_function('put', function(keys, args)",
  "  return redis.call('SET', keys[1], args[1]) end)",
].join("\n");

const OTHER_LIB = [
  "#!lua name=otherlib",
  "redis.register_function('echo', function(keys, args) return args[1] end)",
].join("\n");

const SPIN_LIB = [
  "#!lua name=spinlib",
  "redis.register_function{function_name='spin', callback=function()",
  "  while true do end end, flags={'no-writes'}}",
].join("\n");

/** Hex SHA1 of a script, as the server computes it. */
async function sha1(text: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-1",
    new TextEncoder().encode(text),
  );
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/** Asserts that `promise` rejects with a `ReplyError` of `code`. */
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

describe("scripting commands against a server", () => {
  const ctx = useServer();

  it("client.eval maps nested tables, integers, strings, status and nil", async () => {
    const result = await ctx.client.eval(
      "return {1, 'two', {3, {'four', 5}}, redis.status_reply('FINE'), 3.99, false}",
    );
    assert.deepEqual(result, [1, "two", [3, ["four", 5]], "FINE", 3, null]);
    assert.equal(await ctx.client.eval("return nil"), null);
    assert.equal(await ctx.client.eval("return true"), 1);
    assert.equal(await ctx.client.eval("return 'x' .. 1"), "x1");
  });

  it("client.eval passes keys as KEYS and args as ARGV", async () => {
    const result = await ctx.client.eval(
      "redis.call('SET', KEYS[1], ARGV[1]); return {KEYS[2], ARGV[2], #KEYS, #ARGV, redis.call('GET', KEYS[1])}",
      ["ev:k1", "ev:k2"],
      ["v1", 42],
    );
    assert.deepEqual(result, ["ev:k2", "42", 2, 2, "v1"]);
    assert.equal(await ctx.client.get("ev:k1"), "v1");
  });

  it("client.eval rejects script errors and wrong types with a ReplyError", async () => {
    await rejectsWith(
      ctx.client.eval("return {err = 'MYERR something failed'}"),
      "MYERR",
      /something failed/,
    );
    await rejectsWith(ctx.client.eval("return {"), "ERR", /compiling script/);
    await ctx.client.set("ev:str", "text");
    await rejectsWith(
      ctx.client.eval("return redis.call('LPUSH', KEYS[1], 'a')", ["ev:str"]),
      "WRONGTYPE",
    );
  });

  it("client.eval rejects keys or args that are not arrays with a TypeError", async () => {
    await assert.rejects(
      ctx.client.eval("return 1", "ev:k" as unknown as Key[]),
      TypeError,
    );
    await assert.rejects(
      ctx.client.fcall("f", [], 1 as unknown as []),
      TypeError,
    );
  });

  it("client.evalRo reads keys and refuses a write with a ReplyError", async () => {
    await ctx.client.set("ro:k", "value");
    assert.equal(
      await ctx.client.evalRo("return redis.call('GET', KEYS[1])", ["ro:k"]),
      "value",
    );
    await rejectsWith(
      ctx.client.evalRo("return redis.call('SET', KEYS[1], 'x')", ["ro:k"]),
      "ERR",
      /Write commands are not allowed from read-only scripts/,
    );
    assert.equal(await ctx.client.get("ro:k"), "value");
  });

  it("client.scriptLoad returns the SHA1 that client.evalsha and evalshaRo run", async () => {
    const script = "return {KEYS[1], ARGV[1], redis.call('EXISTS', KEYS[1])}";
    const digest = await ctx.client.scriptLoad(script);
    assert.equal(digest, await sha1(script));
    assert.deepEqual(
      await ctx.client.evalsha(digest, ["sha:k"], ["a"]),
      ["sha:k", "a", 0],
    );
    assert.deepEqual(
      await ctx.client.evalshaRo(digest, ["sha:k"], ["b"]),
      ["sha:k", "b", 0],
    );
  });

  it("client.evalshaRo refuses a cached script that writes", async () => {
    const digest = await ctx.client.scriptLoad(
      "return redis.call('SET', KEYS[1], 'x')",
    );
    await rejectsWith(
      ctx.client.evalshaRo(digest, ["sha:w"]),
      "ERR",
      /Write commands are not allowed/,
    );
  });

  it("client.scriptExists tells cached digests from unknown ones", async () => {
    const digest = await ctx.client.scriptLoad("return 'exists'");
    assert.deepEqual(
      await ctx.client.scriptExists(digest, "0".repeat(40), digest),
      [true, false, true],
    );
    await assert.rejects(ctx.client.scriptExists(), TypeError);
  });

  it("client.scriptFlush empties the cache, after which client.evalsha rejects with NOSCRIPT", async () => {
    const script = "return 'flushed'";
    const digest = await ctx.client.scriptLoad(script);
    assert.equal(await ctx.client.evalsha(digest), "flushed");
    assert.equal(await ctx.client.scriptFlush(), "OK");
    assert.deepEqual(await ctx.client.scriptExists(digest), [false]);
    await rejectsWith(ctx.client.evalsha(digest), "NOSCRIPT");
    await ctx.client.scriptLoad(script);
    assert.equal(await ctx.client.scriptFlush({ sync: true }), "OK");
    await rejectsWith(ctx.client.evalshaRo(digest), "NOSCRIPT");
    await ctx.client.scriptLoad(script);
    assert.equal(await ctx.client.scriptFlush({ async: true }), "OK");
    assert.deepEqual(await ctx.client.scriptExists(digest), [false]);
  });

  it("client.scriptKill and client.functionKill reject with NOTBUSY when nothing runs", async () => {
    await rejectsWith(ctx.client.scriptKill(), "NOTBUSY");
    await rejectsWith(ctx.client.functionKill(), "NOTBUSY");
  });

  it("client.scriptHelp and client.functionHelp return the help lines", async () => {
    const script = await ctx.client.scriptHelp();
    assert.ok(script.some((line) => line.startsWith("EXISTS")), script[0]);
    const functions = await ctx.client.functionHelp();
    assert.ok(functions.some((line) => line.startsWith("LOAD")), functions[0]);
  });

  it("client.functionLoad loads a library that client.fcall and fcallRo call", async () => {
    await ctx.client.functionFlush();
    assert.equal(await ctx.client.functionLoad(LIB), "testlib");
    assert.equal(await ctx.client.fcall("put", ["fn:k"], ["stored"]), "OK");
    assert.equal(await ctx.client.fcall("peek", ["fn:k"]), "stored");
    assert.equal(await ctx.client.fcallRo("peek", ["fn:k"]), "stored");
    await rejectsWith(
      ctx.client.fcallRo("put", ["fn:k"], ["x"]),
      "ERR",
      /write flag/,
    );
    await rejectsWith(ctx.client.fcall("missing"), "ERR", /Function not found/);
  });

  it("client.functionLoad rejects an existing library unless replace is set", async () => {
    await ctx.client.functionFlush();
    await ctx.client.functionLoad(LIB);
    await rejectsWith(
      ctx.client.functionLoad(LIB),
      "ERR",
      /already exists/,
    );
    assert.equal(
      await ctx.client.functionLoad(LIB, { replace: true }),
      "testlib",
    );
    await rejectsWith(
      ctx.client.functionLoad("#!lua name=broken\nreturn {"),
      "ERR",
    );
  });

  it("client.functionList describes libraries, filtered by libraryname, with code on request", async () => {
    await ctx.client.functionFlush();
    await ctx.client.functionLoad(LIB);
    await ctx.client.functionLoad(OTHER_LIB);
    const all = await ctx.client.functionList();
    assert.deepEqual(
      all.map((library) => library.libraryName).sort(),
      ["otherlib", "testlib"],
    );
    const [library] = await ctx.client.functionList({ libraryname: "test*" });
    assert.ok(library);
    assert.equal(library.libraryName, "testlib");
    assert.equal(library.engine, "LUA");
    assert.equal(library.libraryCode, undefined);
    assert.deepEqual(
      [...library.functions].sort((a, b) => a.name.localeCompare(b.name)),
      [
        { name: "peek", description: "reads a key", flags: ["no-writes"] },
        { name: "put", description: null, flags: [] },
      ],
    );
    const withCode = await ctx.client.functionList({
      libraryname: "other*",
      withcode: true,
    });
    assert.equal(withCode.length, 1);
    assert.equal(withCode[0]?.libraryCode, OTHER_LIB);
    assert.deepEqual(
      await ctx.client.functionList({ libraryname: "none*" }),
      [],
    );
  });

  it("client.functionStats counts libraries and functions per engine", async () => {
    await ctx.client.functionFlush({ sync: true });
    assert.deepEqual(await ctx.client.functionStats(), {
      runningScript: null,
      engines: { LUA: { librariesCount: 0, functionsCount: 0 } },
    });
    await ctx.client.functionLoad(LIB);
    await ctx.client.functionLoad(OTHER_LIB);
    assert.deepEqual(await ctx.client.functionStats(), {
      runningScript: null,
      engines: { LUA: { librariesCount: 2, functionsCount: 3 } },
    });
  });

  it("client.functionDelete removes one library and rejects an unknown name", async () => {
    await ctx.client.functionFlush();
    await ctx.client.functionLoad(LIB);
    await ctx.client.functionLoad(OTHER_LIB);
    assert.equal(await ctx.client.functionDelete("otherlib"), "OK");
    assert.deepEqual(
      (await ctx.client.functionList()).map((l) => l.libraryName),
      ["testlib"],
    );
    await rejectsWith(
      ctx.client.functionDelete("otherlib"),
      "ERR",
      /Library not found/,
    );
  });

  it("client.functionFlush removes every library, sync and async", async () => {
    await ctx.client.functionLoad(OTHER_LIB, { replace: true });
    assert.equal(await ctx.client.functionFlush({ async: true }), "OK");
    assert.deepEqual(await ctx.client.functionList(), []);
    await ctx.client.functionLoad(OTHER_LIB);
    assert.equal(await ctx.client.functionFlush({ sync: true }), "OK");
    assert.deepEqual(await ctx.client.functionList(), []);
  });

  it("client.functionDump and client.functionRestore round trip with each policy", async () => {
    await ctx.client.functionFlush();
    await ctx.client.functionLoad(LIB);
    const payload = await ctx.client.functionDump();
    assert.ok(payload instanceof Uint8Array);
    assert.ok(payload.length > 0);
    const viaBytes = await ctx.client.bytes.functionDump();
    assert.ok(viaBytes instanceof Uint8Array);
    assert.deepEqual(viaBytes, payload);

    await ctx.client.functionFlush();
    assert.equal(await ctx.client.functionRestore(payload), "OK");
    assert.equal(await ctx.client.fcall("put", ["dump:k"], ["back"]), "OK");
    assert.equal(await ctx.client.fcall("peek", ["dump:k"]), "back");

    // APPEND (the default policy) refuses a library that exists already.
    await rejectsWith(
      ctx.client.functionRestore(payload, { policy: "APPEND" }),
      "ERR",
      /already exists/,
    );
    assert.equal(
      await ctx.client.functionRestore(payload, { policy: "REPLACE" }),
      "OK",
    );
    await ctx.client.functionLoad(OTHER_LIB);
    assert.equal(
      await ctx.client.functionRestore(payload, { policy: "FLUSH" }),
      "OK",
    );
    assert.deepEqual(
      (await ctx.client.functionList()).map((l) => l.libraryName),
      ["testlib"],
    );
    await rejectsWith(
      ctx.client.functionRestore(new Uint8Array([1, 2, 3])),
      "ERR",
      /payload/,
    );
    await assert.rejects(
      ctx.client.functionRestore(payload, {
        policy: "MERGE" as "FLUSH",
      }),
      TypeError,
    );
  });

  it("client.functionStats shows a running function that client.functionKill stops", async () => {
    await ctx.client.sendCommand(["CONFIG", "SET", "busy-reply-threshold", 20]);
    await ctx.client.functionLoad(SPIN_LIB, { replace: true });
    const runner = await connect({ port: ctx.server.port });
    try {
      const call = runner.fcall("spin", ["spin:k"], ["arg"]);
      const outcome = call.then(() => null, (error: unknown) => error);
      let stats = await ctx.client.functionStats();
      while (stats.runningScript === null) {
        stats = await ctx.client.functionStats();
      }
      assert.equal(stats.runningScript.name, "spin");
      assert.deepEqual(stats.runningScript.command, [
        "FCALL",
        "spin",
        "1",
        "spin:k",
        "arg",
      ]);
      assert.equal(typeof stats.runningScript.durationMs, "number");
      assert.ok(stats.runningScript.durationMs >= 0);
      assert.equal(await ctx.client.functionKill(), "OK");
      const error = await outcome;
      assert.ok(error instanceof ReplyError, `not a ReplyError: ${error}`);
      assert.match(error.message, /killed/i);
    } finally {
      runner.disconnect();
      await ctx.client.functionDelete("spinlib");
    }
  });

  it("client.scriptKill stops a running script", async () => {
    await ctx.client.sendCommand(["CONFIG", "SET", "busy-reply-threshold", 20]);
    const runner = await connect({ port: ctx.server.port });
    try {
      const outcome = runner.eval("while true do end").then(
        () => null,
        (error: unknown) => error,
      );
      // NOTBUSY until the runner's script has started.
      let killed = false;
      while (!killed) {
        try {
          assert.equal(await ctx.client.scriptKill(), "OK");
          killed = true;
        } catch (error) {
          if (!(error instanceof ReplyError) || error.code !== "NOTBUSY") {
            throw error;
          }
        }
      }
      const error = await outcome;
      assert.ok(error instanceof ReplyError, `not a ReplyError: ${error}`);
      assert.match(error.message, /killed/i);
    } finally {
      runner.disconnect();
    }
  });

  it("client.bytes.eval returns binary strings as Uint8Array", async () => {
    const binary = new Uint8Array([0xff, 0x00, 0xfe]);
    const result = await ctx.client.bytes.eval(
      "redis.call('SET', KEYS[1], ARGV[1]); return {redis.call('GET', KEYS[1]), 7, {ARGV[1]}}",
      [binary],
      [binary],
    );
    assert.deepEqual(result, [binary, 7, [binary]]);
    assert.deepEqual(await ctx.client.bytes.get(binary), binary);
    const digest = await ctx.client.scriptLoad("return ARGV[1]");
    assert.deepEqual(
      await ctx.client.bytes.evalsha(digest, [], [binary]),
      binary,
    );
    assert.deepEqual(
      await ctx.client.bytes.scriptLoad("return ARGV[1]"),
      utf8(digest),
    );
  });

  it("client.bytes.functionList keeps flags as strings and code as bytes", async () => {
    await ctx.client.functionFlush();
    await ctx.client.functionLoad(LIB);
    const [library] = await ctx.client.bytes.functionList({ withcode: true });
    assert.ok(library);
    assert.deepEqual(library.libraryName, utf8("testlib"));
    assert.deepEqual(library.libraryCode, utf8(LIB));
    const peek = library.functions.find((fn) =>
      new TextDecoder().decode(fn.name) === "peek"
    );
    assert.deepEqual(peek?.flags, ["no-writes"]);
    assert.deepEqual(peek?.description, utf8("reads a key"));
    const stats = await ctx.client.bytes.functionStats();
    assert.deepEqual(stats.engines.LUA, {
      librariesCount: 1,
      functionsCount: 2,
    });
    assert.deepEqual(
      await ctx.client.bytes.fcall("peek", ["missing:key"]),
      null,
    );
  });

  it("client.functionList and client.functionStats give the same result on RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client: RedisClient) => {
      await client.functionFlush();
      await client.functionLoad(LIB);
      await client.functionLoad(OTHER_LIB);
      return {
        list: (await client.functionList({ withcode: true })).sort((a, b) =>
          a.libraryName.localeCompare(b.libraryName)
        ).map((library) => ({
          ...library,
          functions: [...library.functions].sort((a, b) =>
            a.name.localeCompare(b.name)
          ),
        })),
        stats: await client.functionStats(),
      };
    });
    assert.equal(result.list.length, 2);
    assert.equal(result.stats.engines.LUA?.functionsCount, 3);
  });

  it("client.eval and client.fcall give the same nested arrays, integers and strings on RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client: RedisClient) => {
      await client.functionLoad(LIB, { replace: true });
      await client.set("par:k", "v");
      return [
        await client.eval(
          "return {1, 'a', {2, {'b', -3}}, redis.call('GET', KEYS[1]), redis.status_reply('OK')}",
          ["par:k"],
        ),
        await client.evalRo("return redis.call('EXISTS', KEYS[1])", ["par:k"]),
        await client.fcall("peek", ["par:k"]),
        await client.scriptExists("0".repeat(40)),
      ];
    });
    assert.deepEqual(result, [[1, "a", [2, ["b", -3]], "v", "OK"], 1, "v", [
      false,
    ]]);
  });

  it("client.eval returns RESP3-only types richer on RESP3, as documented", async () => {
    const script =
      "return {{double = 3.5}, {map = {a = 1}}, {set = {x = true}}}";
    assert.deepEqual(await ctx.resp2.eval(script), ["3.5", ["a", 1], ["x"]]);
    assert.deepEqual(await ctx.resp3.eval(script), [
      3.5,
      new Map([["a", 1]]),
      new Set(["x"]),
    ]);
  });
});

describe("scripting command option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;
  /** Asserts that `build` throws a `TypeError` whose message matches. */
  const rejects = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (e) => e instanceof TypeError && message.test(e.message),
    );

  it("scripting commands reject unknown option keys with a TypeError naming the key", () => {
    // SCRIPT FLUSH and FUNCTION FLUSH share a builder; each names itself.
    rejects(
      () => commands.scriptFlush.build(loose({ ASYNC: true })),
      /^Unknown SCRIPT FLUSH option "ASYNC": did you mean "async"\?$/,
    );
    rejects(
      () => commands.functionFlush.build(loose({ Sync: true })),
      /^Unknown FUNCTION FLUSH option "Sync": did you mean "sync"\?$/,
    );
    assert.deepEqual(commands.scriptFlush.build({ async: true }), [
      "SCRIPT",
      "FLUSH",
      "ASYNC",
    ]);
    assert.deepEqual(commands.functionFlush.build({ sync: true }), [
      "FUNCTION",
      "FLUSH",
      "SYNC",
    ]);
    // FUNCTION LOAD.
    rejects(
      () => commands.functionLoad.build(LIB, loose({ REPLACE: true })),
      /^Unknown FUNCTION LOAD option "REPLACE": did you mean "replace"\?$/,
    );
    assert.deepEqual(commands.functionLoad.build(LIB, { replace: true }), [
      "FUNCTION",
      "LOAD",
      "REPLACE",
      LIB,
    ]);
    assert.deepEqual(commands.functionLoad.build(LIB, {}), [
      "FUNCTION",
      "LOAD",
      LIB,
    ]);
    // FUNCTION LIST.
    rejects(
      () => commands.functionList.build(loose({ libraryName: "my*" })),
      /^Unknown FUNCTION LIST option "libraryName": did you mean "libraryname"\?$/,
    );
    rejects(
      () => commands.functionList.build(loose({ withCode: true })),
      /^Unknown FUNCTION LIST option "withCode": did you mean "withcode"\?$/,
    );
    assert.deepEqual(
      commands.functionList.build({ libraryname: "my*", withcode: true }),
      ["FUNCTION", "LIST", "LIBRARYNAME", "my*", "WITHCODE"],
    );
    // FUNCTION RESTORE.
    const payload = new Uint8Array([1, 2, 3]);
    rejects(
      () => commands.functionRestore.build(payload, loose({ POLICY: "FLUSH" })),
      /^Unknown FUNCTION RESTORE option "POLICY": did you mean "policy"\?$/,
    );
    assert.deepEqual(
      commands.functionRestore.build(payload, { policy: "REPLACE" }),
      ["FUNCTION", "RESTORE", payload, "REPLACE"],
    );
  });
});
