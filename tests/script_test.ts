import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  connect,
  defineScript,
  ExecAbortError,
  PipelineError,
  type RedisClient,
  ReplyError,
  Script,
} from "../mod.ts";
import { startServer, type TestServer } from "./_server.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The byte length of `text` in UTF-8. */
function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** A valid Lua source of exactly `bytes` UTF-8 bytes, ending with `tail`. */
function luaOfLength(bytes: number, tail = ""): string {
  // "return ''" is 9 bytes.
  const fill = bytes - 9 - byteLength(tail);
  assert.ok(fill >= 0, `cannot make a ${bytes}-byte source`);
  const source = `return '${"x".repeat(fill)}${tail}'`;
  assert.equal(byteLength(source), bytes);
  return source;
}

/** SHA-1 of the UTF-8 bytes of `text`, by node:crypto. */
function referenceSha1(text: string): string {
  return createHash("sha1").update(encoder.encode(text)).digest("hex");
}

/** One command's counters from INFO commandstats. */
interface CommandStat {
  calls: number;
  failed: number;
  rejected: number;
}

/**
 * The counters of INFO commandstats by command name (`evalsha`,
 * `script|load`, ...); commands never called since CONFIG RESETSTAT are
 * absent.
 */
async function commandStats(
  client: RedisClient,
): Promise<Record<string, CommandStat>> {
  const info = await client.infoSections("commandstats");
  const section = info.commandstats ?? {};
  const stats: Record<string, CommandStat> = {};
  for (const [field, value] of Object.entries(section)) {
    assert.ok(field.startsWith("cmdstat_"), `unexpected field ${field}`);
    const counters: Record<string, number> = {};
    for (const part of value.split(",")) {
      const [name, count] = part.split("=");
      counters[name!] = Number(count);
    }
    stats[field.slice("cmdstat_".length)] = {
      calls: counters.calls ?? NaN,
      failed: counters.failed_calls ?? NaN,
      rejected: counters.rejected_calls ?? NaN,
    };
  }
  return stats;
}

/** The counters of `name`, zero when it was not called. */
function stat(stats: Record<string, CommandStat>, name: string): CommandStat {
  return stats[name] ?? { calls: 0, failed: 0, rejected: 0 };
}

/** Asserts the calls and failures of the script-running commands. */
function assertScriptCalls(
  stats: Record<string, CommandStat>,
  expected: Record<string, [calls: number, failed: number]>,
): void {
  const names = [
    "eval",
    "evalsha",
    "eval_ro",
    "evalsha_ro",
    "script|load",
  ];
  const actual: Record<string, [number, number]> = {};
  const wanted: Record<string, [number, number]> = {};
  for (const name of names) {
    const { calls, failed, rejected } = stat(stats, name);
    assert.equal(rejected, 0, `${name} rejected_calls`);
    actual[name] = [calls, failed];
    wanted[name] = expected[name] ?? [0, 0];
  }
  assert.deepStrictEqual(actual, wanted);
}

/** Asserts that `value` is a `ReplyError` with `code` and a matching message. */
function assertReplyError(
  value: unknown,
  code: string,
  message: RegExp,
): asserts value is ReplyError {
  assert.ok(
    value instanceof ReplyError,
    `expected a ReplyError, got ${String(value)}`,
  );
  assert.equal(value.code, code);
  assert.match(value.message, message);
}

/** Resolves on the client's next "ready" event. */
function nextReady(client: RedisClient): Promise<void> {
  return new Promise((resolve) => {
    client.addEventListener("ready", () => resolve(), { once: true });
  });
}

const INCRBY = "return redis.call('INCRBY', KEYS[1], ARGV[1])";
const COMPILE_ERROR = /Error compiling script/;

describe("defineScript and Script", () => {
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

  it("Script.sha1 equals the known SHA-1 test vectors", () => {
    const vectors: [string, string][] = [
      ["abc", "a9993e364706816aba3e25717850c26c9cd0d89d"],
      [
        "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
      ],
      [
        "The quick brown fox jumps over the lazy dog",
        "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12",
      ],
      [
        "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn" +
        "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "a49b2446a02c645bf419f995b67091253a04a259",
      ],
      ["a".repeat(1_000_000), "34aa973cd4c4daa4f61eeb2bdbad27316534016f"],
      ["return 1", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db"],
    ];
    for (const [source, digest] of vectors) {
      assert.equal(
        defineScript(source).sha1,
        digest,
        `SHA-1 of ${source.length} chars`,
      );
    }
  });

  it("Script.sha1 equals node:crypto's SHA-1 of the UTF-8 source for every length up to 200 bytes", () => {
    for (let n = 1; n <= 200; n++) {
      const ascii = "r".repeat(n);
      assert.equal(defineScript(ascii).sha1, referenceSha1(ascii), `${n}`);
      // Multi-byte characters (2, 3 and 4 bytes) across block boundaries.
      const mixed = "é✓🎉x".repeat(n).slice(0, n);
      assert.equal(
        defineScript(mixed).sha1,
        referenceSha1(mixed),
        `mixed ${n}`,
      );
    }
  });

  it("Script.sha1 equals the digest the server's SCRIPT LOAD returns", async () => {
    const sources = [
      "return 1",
      "return 'héllo wörld — ✓ 日本語 🎉'",
      "return KEYS[1] .. ARGV[1] -- ünïcödé comment",
      luaOfLength(55),
      luaOfLength(56),
      luaOfLength(57),
      luaOfLength(63),
      luaOfLength(64),
      luaOfLength(65),
      luaOfLength(119),
      luaOfLength(120),
      luaOfLength(128),
      // 55 characters but 56 bytes, and 56 characters but 57 bytes.
      luaOfLength(56, "é"),
      luaOfLength(57, "é"),
      luaOfLength(64, "🎉"),
      luaOfLength(10_000, "日本語".repeat(100)),
      "return 'a\u0000b'",
      "local x = 1\r\nreturn x",
    ];
    for (const source of sources) {
      const script = defineScript(source);
      const loaded = await client.scriptLoad(source);
      assert.equal(
        script.sha1,
        loaded,
        `${byteLength(source)}-byte source ${
          JSON.stringify(source.slice(0, 40))
        }`,
      );
      assert.match(script.sha1, /^[0-9a-f]{40}$/);
    }
    assert.equal(
      defineScript("return 1").sha1,
      "e0e1f9fabfc9d4800c877a703b823ac0578ff8db",
    );
  });

  it("Script.sha1 of a lone surrogate matches the U+FFFD the server receives", async () => {
    const script = defineScript("return '\uD83D'");
    assert.equal(script.sha1, await client.scriptLoad(script.source));
    assert.equal(await client.runScript(script), "\uFFFD");
  });

  it("defineScript throws a TypeError for an empty source or an invalid key count", () => {
    assert.throws(() => defineScript(""), TypeError);
    assert.throws(() => new Script(""), TypeError);
    assert.throws(() => defineScript(1 as unknown as string), TypeError);
    assert.throws(() => defineScript("return 1", { keys: -1 }), TypeError);
    assert.throws(() => defineScript("return 1", { keys: 1.5 }), TypeError);
    assert.throws(
      () => defineScript("return 1", { keys: NaN }),
      TypeError,
    );
  });

  it("defineScript keeps the source and options on the Script", () => {
    const reply = (r: unknown) => Number(r);
    const script = defineScript("return 1", {
      keys: 2,
      readonly: true,
      reply,
    });
    assert.ok(script instanceof Script);
    assert.equal(script.source, "return 1");
    assert.equal(script.keys, 2);
    assert.equal(script.readonly, true);
    assert.equal(script.reply, reply);
    const plain = defineScript("return 2");
    assert.equal(plain.keys, undefined);
    assert.equal(plain.readonly, false);
    assert.equal(plain.reply, undefined);
  });

  it("Script.build gives EVALSHA or EVAL argument vectors, _RO when readonly", () => {
    const script = defineScript(INCRBY, { keys: 1 });
    assert.deepStrictEqual(script.build(["k"], [5]), [
      "EVALSHA",
      script.sha1,
      1,
      "k",
      5,
    ]);
    assert.deepStrictEqual(script.build(["k"], ["a", "b"], true), [
      "EVAL",
      INCRBY,
      1,
      "k",
      "a",
      "b",
    ]);
    const ro = defineScript("return 1", { readonly: true });
    assert.deepStrictEqual(ro.build(), ["EVALSHA_RO", ro.sha1, 0]);
    assert.deepStrictEqual(ro.build([], [], true), ["EVAL_RO", "return 1", 0]);
    assert.deepStrictEqual(ro.build(["a", "b"], [1]), [
      "EVALSHA_RO",
      ro.sha1,
      2,
      "a",
      "b",
      1,
    ]);
  });

  it("Script.build throws a TypeError for the wrong number of keys or non-array arguments", () => {
    const script = defineScript(INCRBY, { keys: 1 });
    assert.throws(() => script.build([], [1]), TypeError);
    assert.throws(() => script.build(["a", "b"], [1]), TypeError);
    assert.throws(
      () => script.build("k" as unknown as string[], [1]),
      TypeError,
    );
    assert.throws(
      () => script.build(["k"], 1 as unknown as number[]),
      TypeError,
    );
    const none = defineScript("return 1", { keys: 0 });
    assert.deepStrictEqual(none.build(), ["EVALSHA", none.sha1, 0]);
    assert.throws(() => none.build(["k"]), TypeError);
  });
});

for (const protocol of [2, 3] as const) {
  describe(`RedisClient.runScript over RESP${protocol}`, () => {
    let server: TestServer;
    let client: RedisClient;
    const key = (name: string) => `script:p${protocol}:${name}`;

    before(async () => {
      server = await startServer();
      client = await connect({ port: server.port, protocol });
    });

    after(async () => {
      await client?.close();
      await server?.stop();
    });

    it("RedisClient.runScript sends EVALSHA when the script is cached", async () => {
      const script = defineScript(INCRBY, { keys: 1 });
      assert.equal(await client.scriptLoad(INCRBY), script.sha1);
      await client.configResetstat();
      assert.equal(await client.runScript(script, [key("cached")], [5]), 5);
      assertScriptCalls(await commandStats(client), { evalsha: [1, 0] });
      assert.equal(await client.get(key("cached")), "5");
    });

    it("RedisClient.runScript loads the script again after SCRIPT FLUSH and runs it by digest", async () => {
      const script = defineScript(INCRBY, { keys: 1 });
      await client.runScript(script, [key("flush")], [1]);
      assert.equal(await client.scriptFlush(), "OK");
      assert.deepStrictEqual(await client.scriptExists(script.sha1), [false]);
      await client.configResetstat();

      assert.equal(await client.runScript(script, [key("flush")], [10]), 11);
      assertScriptCalls(await commandStats(client), {
        evalsha: [2, 1],
        "script|load": [1, 0],
      });
      assert.deepStrictEqual(await client.scriptExists(script.sha1), [true]);

      // Cached again: the next call needs no load.
      assert.equal(await client.runScript(script, [key("flush")], [100]), 111);
      assertScriptCalls(await commandStats(client), {
        evalsha: [3, 1],
        "script|load": [1, 0],
      });
    });

    it("RedisClient.runScript sends one SCRIPT LOAD for 1,000 concurrent calls after SCRIPT FLUSH", async () => {
      const script = defineScript(INCRBY, { keys: 1 });
      await client.runScript(script, [key("herd")], [0]);
      await client.scriptFlush();
      await client.configResetstat();
      const results = await Promise.all(
        Array.from(
          { length: 1000 },
          () => client.runScript(script, [key("herd")], [1]),
        ),
      );
      assert.equal(results.length, 1000);
      assert.equal(new Set(results).size, 1000);
      assert.equal(await client.get(key("herd")), "1000");
      // Every call met NOSCRIPT once (all were in flight before the first
      // reply); then one load, and each ran by digest.
      assertScriptCalls(await commandStats(client), {
        evalsha: [2000, 1000],
        "script|load": [1, 0],
      });
    });

    it("RedisClient.runScript returns arrays and nil as decoded values", async () => {
      const table = defineScript("return {KEYS[1], ARGV[1], 3, false}");
      assert.deepStrictEqual(
        await client.runScript(table, [key("t")], ["a"]),
        [key("t"), "a", 3, null],
      );
      const nil = defineScript("return redis.call('GET', KEYS[1])", {
        keys: 1,
      });
      assert.equal(await client.runScript(nil, [key("missing")]), null);
    });

    it("RedisClient.runScript rejects with a ReplyError when the script fails to compile", async () => {
      const bad = defineScript("return +");
      await client.configResetstat();
      await assert.rejects(client.runScript(bad), (error: unknown) => {
        assertReplyError(error, "ERR", COMPILE_ERROR);
        return true;
      });
      // The load reports the compile error; nothing runs the source.
      assertScriptCalls(await commandStats(client), {
        evalsha: [1, 1],
        "script|load": [1, 1],
      });
    });

    it("RedisClient.runScript rejects with the ReplyError a script raises, without a retry", async () => {
      const raise = defineScript(
        "return redis.error_reply('MYERR boom ' .. ARGV[1])",
      );
      const wrongType = defineScript(
        "return redis.call('LPUSH', KEYS[1], 'x')",
        { keys: 1 },
      );
      await client.scriptLoad(raise.source);
      await client.scriptLoad(wrongType.source);
      await client.set(key("string"), "v");
      await client.configResetstat();

      await assert.rejects(client.runScript(raise, [], ["now"]), (error) => {
        assertReplyError(error, "MYERR", /^MYERR boom now/);
        return true;
      });
      await assert.rejects(
        client.runScript(wrongType, [key("string")]),
        (error) => {
          assertReplyError(error, "WRONGTYPE", /wrong kind of value/);
          return true;
        },
      );
      assertScriptCalls(await commandStats(client), { evalsha: [2, 2] });
      assert.equal(await client.get(key("string")), "v");
    });

    it("RedisClient.runScript does not run a script again when the script itself returns a NOSCRIPT error", async () => {
      const fake = defineScript(
        "redis.call('INCR', KEYS[1]) return redis.error_reply('NOSCRIPT fake')",
        { keys: 1 },
      );
      await client.scriptLoad(fake.source);
      await client.configResetstat();
      await assert.rejects(client.runScript(fake, [key("fake")]), (error) => {
        assertReplyError(error, "NOSCRIPT", /^NOSCRIPT fake/);
        return true;
      });
      assert.equal(await client.get(key("fake")), "1");
      assertScriptCalls(await commandStats(client), { evalsha: [1, 1] });
    });

    it("RedisClient.runScript rejects with a TypeError before sending when the key count is wrong", async () => {
      const script = defineScript(INCRBY, { keys: 1 });
      await client.configResetstat();
      await assert.rejects(client.runScript(script, [], [1]), TypeError);
      await assert.rejects(
        client.runScript(script, [key("a"), key("b")], [1]),
        TypeError,
      );
      await assert.rejects(
        client.bytes.runScript(script, [], [1]),
        TypeError,
      );
      await assert.rejects(
        client.withOptions({ timeout: 10_000 }).runScript(script, [], [1]),
        TypeError,
      );
      assertScriptCalls(await commandStats(client), {});
      assert.equal(await client.exists(key("a")), false);
    });

    it("RedisClient.runScript sends a readonly script as EVALSHA_RO, and again after loading it", async () => {
      const script = defineScript("return redis.call('GET', KEYS[1])", {
        keys: 1,
        readonly: true,
      });
      await client.set(key("ro"), "value");
      await client.scriptFlush();
      await client.configResetstat();

      assert.equal(await client.runScript(script, [key("ro")]), "value");
      assertScriptCalls(await commandStats(client), {
        evalsha_ro: [2, 1],
        "script|load": [1, 0],
      });
      assert.equal(await client.runScript(script, [key("ro")]), "value");
      assertScriptCalls(await commandStats(client), {
        evalsha_ro: [3, 1],
        "script|load": [1, 0],
      });
    });

    it("RedisClient.runScript rejects with a ReplyError when a readonly script writes", async () => {
      const script = defineScript(
        "return redis.call('SET', KEYS[1], 'x')",
        { keys: 1, readonly: true },
      );
      await client.scriptLoad(script.source);
      await client.configResetstat();
      await assert.rejects(client.runScript(script, [key("ro-write")]), (e) => {
        assertReplyError(e, "ERR", /Write commands are not allowed/);
        return true;
      });
      assertScriptCalls(await commandStats(client), { evalsha_ro: [1, 1] });
      assert.equal(await client.exists(key("ro-write")), false);

      // And after loading it again.
      await client.scriptFlush();
      await assert.rejects(client.runScript(script, [key("ro-write")]), (e) => {
        assertReplyError(e, "ERR", /Write commands are not allowed/);
        return true;
      });
      assert.equal(await client.exists(key("ro-write")), false);
    });

    it("RedisClient.runScript applies the reply transform, also after the EVAL fallback", async () => {
      const seen: unknown[] = [];
      const script = defineScript(INCRBY, {
        keys: 1,
        reply: (r) => {
          seen.push(r);
          return Number(r) * 2;
        },
      });
      const doubled: number = await client.runScript(
        script,
        [key("double")],
        [3],
      );
      assert.equal(doubled, 6);
      await client.scriptFlush();
      assert.equal(await client.runScript(script, [key("double")], [1]), 8);
      assert.equal(
        await client.withOptions({ timeout: 10_000 }).runScript(
          script,
          [key("double")],
          [1],
        ),
        10,
      );
      // The transform ran once per call, never on the NOSCRIPT error.
      assert.deepStrictEqual(seen, [3, 4, 5]);
    });

    it("RedisClient.bytes.runScript resolves strings as Uint8Array", async () => {
      const script = defineScript("return ARGV[1]");
      const text = "bytes ✓ \u0000\u00ff";
      const raw = await client.bytes.runScript(script, [], [text]);
      assert.ok(raw instanceof Uint8Array);
      assert.equal(decoder.decode(raw), text);
      assert.equal(await client.runScript(script, [], [text]), text);

      const binary = new Uint8Array([0, 255, 128, 10, 13]);
      const back = await client.bytes.runScript(script, [], [binary]);
      assert.ok(back instanceof Uint8Array);
      assert.deepStrictEqual([...back], [...binary]);

      // The transform gets the bytes.
      const length = defineScript("return ARGV[1]", {
        reply: (r) => (r as Uint8Array).length,
      });
      assert.equal(await client.bytes.runScript(length, [], [text]), 13);

      // After the fallback too.
      await client.scriptFlush();
      const again = await client.bytes.runScript(script, [], ["é"]);
      assert.ok(again instanceof Uint8Array);
      assert.deepStrictEqual([...again], [0xc3, 0xa9]);
    });

    it("RedisClient.withOptions(...).runScript loads the script again after SCRIPT FLUSH", async () => {
      const script = defineScript(INCRBY, { keys: 1 });
      await client.scriptFlush();
      await client.configResetstat();
      const view = client.withOptions({ timeout: 10_000 });
      assert.equal(await view.runScript(script, [key("view")], [7]), 7);
      assertScriptCalls(await commandStats(client), {
        evalsha: [2, 1],
        "script|load": [1, 0],
      });
    });
  });

  describe(`Pipeline.runScript and Transaction.runScript over RESP${protocol}`, () => {
    let server: TestServer;
    let client: RedisClient;
    const key = (name: string) => `batch:p${protocol}:${name}`;

    before(async () => {
      server = await startServer();
      client = await connect({ port: server.port, protocol });
    });

    after(async () => {
      await client?.close();
      await server?.stop();
    });

    for (const kind of ["pipeline", "multi"] as const) {
      const make = () =>
        kind === "pipeline" ? client.pipeline() : client.multi();
      const label = kind === "pipeline" ? "Pipeline" : "Transaction";

      it(`${label}.runScript loads the script once after SCRIPT FLUSH and keeps the results in order`, async () => {
        const script = defineScript(INCRBY, { keys: 1 });
        const k = key(`order-${kind}`);
        await client.scriptFlush();
        await client.configResetstat();
        const batch = make()
          .runScript(script, [k], [1])
          .get(k)
          .runScript(script, [k], [1]);
        assert.equal(batch.length, 3);
        const results = await batch.exec();
        assert.equal(results.length, 3);
        assert.deepStrictEqual(results, [1, "1", 2]);
        assertScriptCalls(await commandStats(client), {
          "script|load": [1, 0],
          evalsha: [2, 0],
        });
        assert.deepStrictEqual(await client.scriptExists(script.sha1), [
          true,
        ]);
      });

      it(`${label}.runScript runs two different scripts with a readonly one as EVALSHA_RO`, async () => {
        const incr = defineScript(INCRBY, { keys: 1 });
        const read = defineScript("return redis.call('GET', KEYS[1])", {
          keys: 1,
          readonly: true,
        });
        const k = key(`two-${kind}`);
        await client.scriptFlush();
        await client.configResetstat();
        const results = await make()
          .runScript(read, [k])
          .runScript(incr, [k], [4])
          .runScript(read, [k])
          .exec();
        assert.deepStrictEqual(results, [null, 4, "4"]);
        assertScriptCalls(await commandStats(client), {
          "script|load": [2, 0],
          evalsha: [1, 0],
          evalsha_ro: [2, 0],
        });
      });

      it(`${label}.runScript applies the reply transform`, async () => {
        const script = defineScript(INCRBY, {
          keys: 1,
          reply: (r) => Number(r) * 2,
        });
        const k = key(`transform-${kind}`);
        await client.scriptFlush();
        const results = await make()
          .runScript(script, [k], [1])
          .get(k)
          .runScript(script, [k], [2])
          .exec();
        assert.deepStrictEqual(results, [2, "1", 6]);
      });

      it(`${label}.runScript on the bytes view resolves strings as Uint8Array`, async () => {
        const script = defineScript("return ARGV[1]");
        await client.scriptFlush();
        const batch = kind === "pipeline"
          ? client.bytes.pipeline()
          : client.bytes.multi();
        const results = await batch
          .runScript(script, [], ["é✓"])
          .runScript(script, [], [7])
          .exec();
        assert.equal(results.length, 2);
        const [first, second] = results;
        assert.ok(first instanceof Uint8Array);
        assert.equal(decoder.decode(first), "é✓");
        assert.ok(second instanceof Uint8Array);
        assert.equal(decoder.decode(second), "7");
      });

      it(`${label}.runScript gives the compile error in place of a script that does not compile`, async () => {
        const bad = defineScript("return +");
        const good = defineScript(INCRBY, { keys: 1 });
        const k = key(`compile-${kind}`);
        await client.scriptFlush();
        const results = await make()
          .set(k, "v")
          .runScript(bad)
          .get(k)
          .runScript(good, [key(`compile-n-${kind}`)], [2])
          .runScript(bad)
          .exec();
        assert.equal(results.length, 5);
        assert.equal(results[0], "OK");
        assertReplyError(results[1], "ERR", COMPILE_ERROR);
        assert.equal(results[2], "v");
        assert.equal(results[3], 2);
        assertReplyError(results[4], "ERR", COMPILE_ERROR);
      });

      it(`${label}.runScript keeps a script's error in place and the other results`, async () => {
        const raise = defineScript("return redis.error_reply('MYERR boom')");
        const wrongType = defineScript(
          "return redis.call('LPUSH', KEYS[1], 'x')",
          { keys: 1 },
        );
        const k = key(`error-${kind}`);
        await client.set(k, "string");
        const results = await make()
          .runScript(raise)
          .incr(key(`error-n-${kind}`))
          .runScript(wrongType, [k])
          .get(k)
          .exec();
        assert.equal(results.length, 4);
        assertReplyError(results[0], "MYERR", /^MYERR boom/);
        assert.equal(results[1], 1);
        assertReplyError(results[2], "WRONGTYPE", /wrong kind of value/);
        assert.equal(results[3], "string");
      });

      it(`${label}.runScript keeps a readonly script's write error in place`, async () => {
        const write = defineScript("return redis.call('SET', KEYS[1], 'x')", {
          keys: 1,
          readonly: true,
        });
        const k = key(`ro-write-${kind}`);
        const results = await make().runScript(write, [k]).exists(k).exec();
        assertReplyError(results[0], "ERR", /Write commands are not allowed/);
        assert.equal(results[1], false);
      });

      it(`${label}.runScript throws a TypeError synchronously for the wrong number of keys`, async () => {
        const script = defineScript(INCRBY, { keys: 1 });
        const batch = make();
        assert.throws(() => batch.runScript(script, [], [1]), TypeError);
        assert.throws(
          () => batch.runScript(script, [key("a"), key("b")], [1]),
          TypeError,
        );
        assert.throws(
          () => batch.runScript(script, key("a") as unknown as string[], [1]),
          TypeError,
        );
        // Nothing was left behind, not even the hidden SCRIPT LOAD.
        assert.equal(batch.length, 0);
        const k = key(`keys-${kind}`);
        await client.scriptFlush();
        await client.configResetstat();
        const results = await batch.runScript(script, [k], [3]).exec();
        assert.deepStrictEqual(results, [3]);
        assertScriptCalls(await commandStats(client), {
          "script|load": [1, 0],
          evalsha: [1, 0],
        });
      });
    }

    it("Transaction.runScript runs atomically with the other commands", async () => {
      const script = defineScript(
        "redis.call('SET', KEYS[1], ARGV[1]) return redis.call('GET', KEYS[1])",
        { keys: 1 },
      );
      const k = key("atomic");
      await client.scriptFlush();
      const results = await client.multi()
        .del(k)
        .runScript(script, [k], ["set-by-script"])
        .append(k, "!")
        .exec();
      assert.deepStrictEqual(results, [0, "set-by-script", 14]);
      assert.equal(await client.get(k), "set-by-script!");
    });

    for (const kind of ["pipeline", "multi"] as const) {
      const label = kind === "pipeline" ? "Pipeline" : "Transaction";
      it(`${label}.execOrThrow rejects with a PipelineError at a failed script's index`, async () => {
        const raise = defineScript("return redis.error_reply('MYERR boom')");
        const ok = defineScript("return 'fine'");
        await client.scriptFlush();
        const batch = kind === "pipeline" ? client.pipeline() : client.multi();
        await assert.rejects(
          batch.runScript(ok).runScript(raise).ping().execOrThrow(),
          (error: unknown) => {
            assert.ok(error instanceof PipelineError);
            assert.equal(error.index, 1);
            assert.equal(error.results.length, 3);
            assert.equal(error.results[0], "fine");
            assertReplyError(error.results[1], "MYERR", /^MYERR boom/);
            assert.equal(error.results[2], "PONG");
            return true;
          },
        );
      });
    }
  });

  describe(`Function and EVAL commands over RESP${protocol}`, () => {
    let server: TestServer;
    let client: RedisClient;
    const key = (name: string) => `fn:p${protocol}:${name}`;
    const LIBRARY = [
      "#!lua name=respite_test_lib",
      "redis.register_function('rt_incr', function(keys, args)",
      "  return redis.call('INCRBY', keys[1], args[1])",
      "end)",
      "redis.register_function{function_name='rt_get',",
      "  callback=function(keys, args) return redis.call('GET', keys[1]) end,",
      "  flags={'no-writes'}}",
    ].join("\n");

    before(async () => {
      server = await startServer();
      client = await connect({ port: server.port, protocol });
    });

    after(async () => {
      await client?.close();
      await server?.stop();
    });

    it("RedisClient.functionLoad loads a library that fcall and fcallRo call", async () => {
      await client.functionFlush();
      assert.equal(await client.functionLoad(LIBRARY), "respite_test_lib");
      const k = key("counter");
      assert.equal(await client.fcall("rt_incr", [k], [3]), 3);
      assert.equal(await client.fcall("rt_incr", [k], [4]), 7);
      assert.equal(await client.fcallRo("rt_get", [k]), "7");
      assert.equal(await client.fcall("rt_get", [k]), "7");
      assert.equal(await client.fcallRo("rt_get", [key("none")]), null);
      const raw = await client.bytes.fcallRo("rt_get", [k]);
      assert.ok(raw instanceof Uint8Array);
      assert.equal(decoder.decode(raw), "7");
      const [library] = await client.functionList({
        libraryname: "respite_test_lib",
      });
      assert.equal(library?.libraryName, "respite_test_lib");
      const names = library?.functions.map((fn) => fn.name).sort();
      assert.deepStrictEqual(names, ["rt_get", "rt_incr"]);
      const get = library?.functions.find((fn) => fn.name === "rt_get");
      assert.deepStrictEqual(get?.flags, ["no-writes"]);
    });

    it("RedisClient.fcallRo rejects with a ReplyError for a function without no-writes", async () => {
      await client.functionLoad(LIBRARY, { replace: true });
      const k = key("ro");
      await assert.rejects(client.fcallRo("rt_incr", [k], [1]), (error) => {
        assertReplyError(error, "ERR", /write flag using \*_ro command/);
        return true;
      });
      assert.equal(await client.exists(k), false);
    });

    it("RedisClient.fcall rejects with a ReplyError for an unknown function", async () => {
      await assert.rejects(client.fcall("rt_nope", []), (error) => {
        assertReplyError(error, "ERR", /Function not found/);
        return true;
      });
    });

    it("RedisClient.functionLoad rejects an existing library unless replace is set", async () => {
      await client.functionLoad(LIBRARY, { replace: true });
      await assert.rejects(client.functionLoad(LIBRARY), (error) => {
        assertReplyError(error, "ERR", /already exists/);
        return true;
      });
      assert.equal(
        await client.functionLoad(LIBRARY, { replace: true }),
        "respite_test_lib",
      );
    });

    for (const kind of ["pipeline", "multi"] as const) {
      const label = kind === "pipeline" ? "Pipeline" : "Transaction";
      it(`${label}.fcall and ${label}.fcallRo call library functions in order`, async () => {
        await client.functionLoad(LIBRARY, { replace: true });
        const k = key(`batch-${kind}`);
        const batch = kind === "pipeline" ? client.pipeline() : client.multi();
        const results = await batch
          .fcall("rt_incr", [k], [2])
          .fcallRo("rt_get", [k])
          .fcall("rt_incr", [k], [5])
          .fcallRo("rt_incr", [k], [100])
          .get(k)
          .exec();
        assert.equal(results.length, 5);
        assert.equal(results[0], 2);
        assert.equal(results[1], "2");
        assert.equal(results[2], 7);
        assertReplyError(results[3], "ERR", /write flag using \*_ro command/);
        assert.equal(results[4], "7");
      });
    }

    it("RedisClient.functionDelete and RedisClient.functionFlush remove libraries", async () => {
      await client.functionLoad(LIBRARY, { replace: true });
      assert.equal(await client.functionDelete("respite_test_lib"), "OK");
      await assert.rejects(client.fcall("rt_incr", [key("gone")], [1]), (e) => {
        assertReplyError(e, "ERR", /Function not found/);
        return true;
      });
      await assert.rejects(client.functionDelete("respite_test_lib"), (e) => {
        assertReplyError(e, "ERR", /Library not found/);
        return true;
      });
      await client.functionLoad(LIBRARY);
      assert.equal((await client.functionList()).length, 1);
      assert.equal(await client.functionFlush({ sync: true }), "OK");
      assert.deepStrictEqual(await client.functionList(), []);
      assert.equal(await client.exists(key("gone")), false);
    });

    it("RedisClient.evalRo and RedisClient.evalshaRo run read-only scripts and reject writes", async () => {
      const k = key("ro-eval");
      await client.set(k, "seen");
      const read = "return redis.call('GET', KEYS[1])";
      const write = "return redis.call('SET', KEYS[1], 'x')";
      assert.equal(await client.evalRo(read, [k]), "seen");
      await assert.rejects(client.evalRo(write, [key("ro-eval-w")]), (e) => {
        assertReplyError(e, "ERR", /Write commands are not allowed/);
        return true;
      });
      const sha1 = await client.scriptLoad(read);
      assert.equal(sha1, defineScript(read).sha1);
      await client.configResetstat();
      assert.equal(await client.evalshaRo(sha1, [k]), "seen");
      assertScriptCalls(await commandStats(client), { evalsha_ro: [1, 0] });
      const writeSha = await client.scriptLoad(write);
      await assert.rejects(client.evalshaRo(writeSha, [key("ro-eval-w")]), (
        e,
      ) => {
        assertReplyError(e, "ERR", /Write commands are not allowed/);
        return true;
      });
      assert.equal(await client.exists(key("ro-eval-w")), false);
    });

    it("RedisClient.eval and RedisClient.evalsha run scripts; evalsha rejects with NOSCRIPT when not cached", async () => {
      const k = key("eval");
      assert.equal(await client.eval(INCRBY, [k], [2]), 2);
      const sha1 = defineScript(INCRBY).sha1;
      assert.equal(await client.evalsha(sha1, [k], [3]), 5);
      assert.equal(await client.scriptFlush({ sync: true }), "OK");
      await assert.rejects(client.evalsha(sha1, [k], [3]), (error) => {
        assertReplyError(error, "NOSCRIPT", /No matching script/);
        return true;
      });
      await assert.rejects(client.evalshaRo(sha1, [k]), (error) => {
        assertReplyError(error, "NOSCRIPT", /No matching script/);
        return true;
      });
      assert.equal(await client.get(k), "5");
    });

    it("RedisClient.scriptExists tells cached from unknown digests in order", async () => {
      const cached = defineScript("return 'cached'");
      const unknown = defineScript("return 'unknown'");
      await client.scriptFlush();
      assert.equal(await client.scriptLoad(cached.source), cached.sha1);
      assert.deepStrictEqual(
        await client.scriptExists(unknown.sha1, cached.sha1, unknown.sha1),
        [false, true, false],
      );
      await client.scriptFlush({ async: true });
      assert.deepStrictEqual(await client.scriptExists(cached.sha1), [false]);
    });
  });

  describe(`RedisClient.runScript across a server restart over RESP${protocol}`, () => {
    let server: TestServer;
    let client: RedisClient;
    const key = (name: string) => `restart:p${protocol}:${name}`;

    before(async () => {
      server = await startServer();
      client = await connect({
        port: server.port,
        protocol,
        reconnect: () => 20,
      });
    });

    after(async () => {
      await client?.close();
      await server?.stop();
    });

    it("RedisClient.runScript loads the script again after a server restart", {
      timeout: 60_000,
    }, async () => {
      const script = defineScript(INCRBY, { keys: 1 });
      assert.equal(await client.runScript(script, [key("n")], [1]), 1);
      assert.deepStrictEqual(await client.scriptExists(script.sha1), [true]);

      const ready = nextReady(client);
      await server.restart!();
      await ready;
      assert.equal(client.status, "ready");
      assert.deepStrictEqual(await client.scriptExists(script.sha1), [false]);
      await client.configResetstat();

      // The restarted server has no data: the counter starts over.
      assert.equal(await client.runScript(script, [key("n")], [5]), 5);
      assertScriptCalls(await commandStats(client), {
        evalsha: [2, 1],
        "script|load": [1, 0],
      });
      assert.deepStrictEqual(await client.scriptExists(script.sha1), [true]);
    });

    it(
      "Pipeline.runScript and Transaction.runScript never meet NOSCRIPT after a server restart",
      {
        timeout: 60_000,
      },
      async () => {
        const script = defineScript(INCRBY, {
          keys: 1,
          reply: (r) => Number(r) * 10,
        });
        await client.runScript(script, [key("warm")], [1]);

        const ready = nextReady(client);
        await server.restart!();
        await ready;
        await client.configResetstat();

        const k = key("batch");
        const piped = await client.pipeline()
          .runScript(script, [k], [1])
          .get(k)
          .exec();
        assert.deepStrictEqual(piped, [10, "1"]);
        await client.scriptFlush();
        const multi = await client.multi()
          .runScript(script, [k], [1])
          .get(k)
          .exec();
        assert.deepStrictEqual(multi, [20, "2"]);
        assertScriptCalls(await commandStats(client), {
          "script|load": [2, 0],
          evalsha: [2, 0],
        });
      },
    );
  });
}

describe("Transaction.runScript for a user who may not SCRIPT LOAD", () => {
  let server: TestServer;
  let admin: RedisClient;
  let runner: RedisClient;

  before(async () => {
    server = await startServer({
      aclUsers: [
        "user default on nopass ~* &* +@all",
        "user runner on >runner-pw ~* &* +@all -script|load",
      ],
    });
    admin = await connect({ port: server.port });
    runner = await connect({
      port: server.port,
      username: "runner",
      password: "runner-pw",
    });
  });

  after(async () => {
    await runner?.close();
    await admin?.close();
    await server?.stop();
  });

  it("ExecAbortError shows the refused hidden SCRIPT LOAD at the script call's place", async () => {
    const script = defineScript("return 42");
    await admin.scriptLoad(script.source);
    // Single calls and pipelines still work for this user.
    assert.equal(await runner.runScript(script), 42);
    const [inPipeline] = await runner.pipeline().runScript(script).exec();
    assert.equal(inPipeline, 42);
    await assert.rejects(
      runner.multi().incr("acl:x").runScript(script).exec(),
      (error: unknown) => {
        assert.ok(error instanceof ExecAbortError, String(error));
        assert.equal(error.errors.length, 2);
        assert.equal(error.errors[0], undefined);
        assert.equal(error.errors[1]?.code, "NOPERM");
        return true;
      },
    );
    assert.equal(await admin.exists("acl:x"), false);
  });
});
