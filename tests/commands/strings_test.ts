import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  connect,
  type LcsIdxResult,
  PipelineError,
  ReplyError,
  UnsafeIntegerError,
} from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import {
  isWrongType,
  parity,
  testEncoding,
  useServer,
  utf8,
} from "./_helpers.ts";
import { cases } from "./strings_cases.ts";
import {
  type FakeServer,
  handshake,
  startFakeServer,
} from "../_fake_server.ts";

testEncoding("String", cases);

const BINARY = new Uint8Array([0xff, 0x00, 0xfe]);
const TWO_TO_60 = 2n ** 60n;
/** The largest safe integer: one more is out of a counter's range. */
const MAX = Number.MAX_SAFE_INTEGER;

/** An `assert.rejects` check: an UnsafeIntegerError of `command` with `value`. */
function unsafe(command: string, value: bigint): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof UnsafeIntegerError, `not unsafe: ${error}`);
    assert.equal(error.value, value);
    assert.match(error.message, new RegExp(`^Reply "${value}" of ${command} `));
    return true;
  };
}

/** An error as `[name, value]`, for comparing across protocols. */
function describeError(error: unknown): [string, unknown] {
  return [(error as Error).name, (error as UnsafeIntegerError).value];
}

describe("String commands against a server", () => {
  const ctx = useServer();

  it("client.set and client.get keep set's options and results", async () => {
    const { client } = ctx;
    assert.equal(await client.set("s:set", "one"), "OK");
    assert.equal(await client.get("s:set"), "one");
    assert.equal(await client.set("s:set", "two", { nx: true }), null);
    assert.equal(
      await client.set("s:set", "two", { xx: true, get: true }),
      "one",
    );
    assert.equal(await client.set("s:set", "three", { px: 60_000 }), "OK");
    assert.equal(await client.set("s:set", "four", { keepttl: true }), "OK");
    const pttl = await client.sendCommand(["PTTL", "s:set"]) as number;
    assert.ok(pttl > 0 && pttl <= 60_000, `pttl ${pttl}`);
    assert.equal(await client.get("s:missing"), null);
  });

  it("client.incr, client.incrby, client.decr and client.decrby count with numbers up to the safe range", async () => {
    const { client } = ctx;
    assert.equal(await client.incr("s:n"), 1);
    assert.equal(await client.incrby("s:n", 9), 10);
    assert.equal(await client.decr("s:n"), 9);
    assert.equal(await client.decrby("s:n", 19), -10);
    assert.equal(await client.incrby("s:n", 10n), 0, "a bigint increment");
    assert.equal(await client.incrby("s:edge", MAX), MAX);
    assert.equal(await client.decrby("s:low", MAX), -MAX);
  });

  it("client.incrby beyond 2^53 rejects with an UnsafeIntegerError carrying the exact value, after the server applied it", async () => {
    const { client } = ctx;
    assert.equal(await client.incrby("s:unsafe", MAX), MAX);
    await assert.rejects(client.incrby("s:unsafe", 2), (error: unknown) => {
      assert.ok(error instanceof UnsafeIntegerError);
      assert.ok(error instanceof RangeError);
      assert.equal(error.name, "UnsafeIntegerError");
      assert.equal(error.value, 2n ** 53n + 1n);
      assert.equal(
        error.message,
        'Reply "9007199254740993" of INCRBY is outside the safe integer range: use sendCommand for 64-bit counters',
      );
      return true;
    });
    // The server did apply it, and the connection goes on.
    assert.equal(await client.get("s:unsafe"), "9007199254740993");
    assert.equal(
      await client.sendCommand(["INCRBY", "s:unsafe", 0]),
      2n ** 53n + 1n,
      "sendCommand gives the raw bigint",
    );
    assert.equal(await client.ping(), "PONG");
    // Each counter names itself; 2^53 itself is not safe.
    await client.set("s:unsafe", String(MAX));
    await assert.rejects(client.incr("s:unsafe"), unsafe("INCR", 2n ** 53n));
    await client.set("s:unsafe", String(-MAX));
    await assert.rejects(client.decr("s:unsafe"), unsafe("DECR", -(2n ** 53n)));
    await assert.rejects(
      client.decrby("s:unsafe", TWO_TO_60),
      unsafe("DECRBY", -(2n ** 53n) - TWO_TO_60),
    );
    // Back in the safe range it is a number again.
    assert.equal(
      await client.incrby("s:unsafe", 2n ** 53n + TWO_TO_60 + 5n),
      5,
    );
  });

  it("client.incrby rejects the same UnsafeIntegerError over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => [
      await client.incrby("s:big", TWO_TO_60).catch(describeError),
      await client.decrby("s:neg", TWO_TO_60).catch(describeError),
      await client.incr("s:small"),
    ]);
    assert.deepEqual(result, [
      ["UnsafeIntegerError", TWO_TO_60],
      ["UnsafeIntegerError", -TWO_TO_60],
      1,
    ]);
  });

  it("an unsafe counter rejects only its own call among calls in flight together", async () => {
    const { client } = ctx;
    await client.set("s:flight", String(MAX));
    const [unsafeCall, other, read] = await Promise.allSettled([
      client.incr("s:flight"),
      client.incr("s:flight:other"),
      client.get("s:flight"),
    ]);
    assert.equal(unsafeCall.status, "rejected");
    assert.ok(unsafe("INCR", 2n ** 53n)(unsafeCall.reason));
    assert.deepEqual(other, { status: "fulfilled", value: 1 });
    assert.deepEqual(read, { status: "fulfilled", value: "9007199254740992" });
  });

  it("an unsafe counter in a pipeline is an UnsafeIntegerError in its own place", async () => {
    const { client } = ctx;
    const results = await client.pipeline()
      .set("s:pipe", String(MAX))
      .incrby("s:pipe", 2)
      .get("s:pipe")
      .incr("s:pipe:other")
      .exec();
    assert.equal(results.length, 4);
    assert.equal(results[0], "OK");
    assert.ok(unsafe("INCRBY", 2n ** 53n + 1n)(results[1]));
    assert.equal(results[2], "9007199254740993");
    assert.equal(results[3], 1);
    await assert.rejects(
      client.pipeline().incr("s:pipe:other").incr("s:pipe").execOrThrow(),
      (error: unknown) => {
        assert.ok(error instanceof PipelineError);
        assert.equal(error.index, 1);
        assert.ok(unsafe("INCR", 2n ** 53n + 2n)(error.cause));
        assert.equal(error.results[0], 2);
        return true;
      },
    );
    assert.equal(await client.get("s:pipe"), "9007199254740994");
  });

  it("an unsafe counter in a transaction is an UnsafeIntegerError in its own place, the others committed", async () => {
    const { client } = ctx;
    const results = await client.multi()
      .set("s:tx", String(MAX))
      .incr("s:tx")
      .decrby("s:tx", 1)
      .get("s:tx")
      .exec();
    assert.equal(results.length, 4);
    assert.equal(results[0], "OK");
    assert.ok(unsafe("INCR", 2n ** 53n)(results[1]));
    assert.equal(results[2], MAX);
    assert.equal(results[3], String(MAX));
    assert.equal(await client.incr("s:tx:next"), 1);
  });

  it("client.bytes counters are numbers, and reject an unsafe value the same way", async () => {
    const { client } = ctx;
    assert.equal(await client.bytes.incr("s:bytes"), 1);
    await client.bytes.set("s:bytes", String(MAX));
    await assert.rejects(
      client.bytes.incrby("s:bytes", 1n),
      unsafe("INCRBY", 2n ** 53n),
    );
    assert.deepEqual(
      await client.bytes.get("s:bytes"),
      utf8("9007199254740992"),
    );
    assert.equal(await client.bytes.decr("s:bytes"), MAX);
  });

  it("an unsafe counter in a bytes pipeline is an UnsafeIntegerError in its own place", async () => {
    const { client } = ctx;
    await client.set("s:bytes:pipe", String(MAX));
    const results = await client.bytes.pipeline()
      .incr("s:bytes:pipe")
      .get("s:bytes:pipe")
      .exec();
    assert.ok(unsafe("INCR", 2n ** 53n)(results[0]));
    assert.deepEqual(results[1], utf8("9007199254740992"));
  });

  it("client.incrbyfloat adds fractions and returns a number", async () => {
    const { client } = ctx;
    assert.equal(await client.incrbyfloat("s:f", 0.5), 0.5);
    assert.equal(await client.incrbyfloat("s:f", -2), -1.5);
    await client.set("s:f2", "5.0e3");
    assert.equal(await client.incrbyfloat("s:f2", 200), 5200);
    const both = await parity(ctx, (client) => client.incrbyfloat("f", 10.25));
    assert.equal(both, 10.25);
  });

  it("client.incr rejects a non-integer value with a ReplyError", async () => {
    const { client } = ctx;
    await client.set("s:text", "abc");
    await assert.rejects(client.incr("s:text"), (error: unknown) => {
      assert.ok(error instanceof ReplyError);
      assert.equal(error.code, "ERR");
      assert.match(error.message, /not an integer/);
      return true;
    });
    await assert.rejects(client.incrbyfloat("s:text", 1), ReplyError);
  });

  it("string commands on a list reject with WRONGTYPE", async () => {
    const { client } = ctx;
    await client.sendCommand(["RPUSH", "s:list", "a"]);
    await assert.rejects(client.get("s:list"), isWrongType);
    await assert.rejects(client.incr("s:list"), isWrongType);
    await assert.rejects(client.append("s:list", "x"), isWrongType);
    await assert.rejects(client.getrange("s:list", 0, 1), isWrongType);
    await assert.rejects(client.strlen("s:list"), isWrongType);
    await assert.rejects(client.lcs("s:list", "s:set"), (error: unknown) => {
      assert.ok(error instanceof ReplyError);
      assert.match(error.message, /must contain string values/);
      return true;
    });
    assert.deepEqual(await client.mget("s:list"), [null]);
  });

  it("client.append, client.strlen, client.setrange, client.getrange and client.substr edit byte ranges", async () => {
    const { client } = ctx;
    assert.equal(await client.append("s:text2", "Hello"), 5);
    assert.equal(await client.append("s:text2", " world"), 11);
    assert.equal(await client.strlen("s:text2"), 11);
    assert.equal(await client.strlen("s:nothing"), 0);
    assert.equal(await client.getrange("s:text2", -5, -1), "world");
    assert.equal(await client.substr("s:text2", 0, 4), "Hello");
    assert.equal(await client.getrange("s:nothing", 0, -1), "");
    assert.equal(await client.setrange("s:text2", 6, "Redis"), 11);
    assert.equal(await client.get("s:text2"), "Hello Redis");
    assert.equal(await client.setrange("s:pad", 3, "x"), 4);
    assert.equal(await client.get("s:pad"), "\0\0\0x");
  });

  it("client.getdel, client.getset and client.getex read and change keys", async () => {
    const { client } = ctx;
    await client.set("s:gd", "v");
    assert.equal(await client.getdel("s:gd"), "v");
    assert.equal(await client.getdel("s:gd"), null);
    assert.equal(await client.getset("s:gs", "1"), null);
    assert.equal(await client.getset("s:gs", "2"), "1");
    assert.equal(await client.getex("s:gs"), "2");
    assert.equal(await client.getex("s:gs", { ex: 100 }), "2");
    assert.equal(await client.ttl("s:gs"), 100);
    assert.equal(await client.getex("s:gs", { persist: true }), "2");
    assert.equal(await client.ttl("s:gs"), -1);
    assert.equal(await client.getex("s:gs", { px: 50_000 }), "2");
    const pttl = await client.sendCommand(["PTTL", "s:gs"]) as number;
    assert.ok(pttl > 40_000 && pttl <= 50_000, `pttl ${pttl}`);
    const at = Math.floor(Date.now() / 1000) + 1000;
    await client.getex("s:gs", { exat: at });
    assert.equal(await client.sendCommand(["EXPIRETIME", "s:gs"]), at);
    await client.getex("s:gs", { pxat: at * 1000 + 500 });
    assert.equal(
      await client.sendCommand(["PEXPIRETIME", "s:gs"]),
      at * 1000 + 500,
    );
    assert.equal(await client.getex("s:none", { ex: 5 }), null);
  });

  it("client.getex rejects two expiries with a TypeError before sending", async () => {
    const { client } = ctx;
    await client.set("s:gx", "v");
    // @ts-expect-error: "ex" and "persist" exclude each other
    const call = client.getex("s:gx", { ex: 10, persist: true });
    assert.equal(client.pendingCount, 0);
    await assert.rejects(call, TypeError);
    assert.equal(await client.ttl("s:gx"), -1);
  });

  it("client.set rejects impossible options with a TypeError", async () => {
    const { client } = ctx;
    // @ts-expect-error: "nx" and "xx" exclude each other
    const both = client.set("s:bad", "v", { nx: true, xx: true });
    await assert.rejects(both, TypeError);
    // @ts-expect-error: "ex" and "px" exclude each other
    const twice = client.set("s:bad", "v", { ex: 1, px: 1 });
    await assert.rejects(twice, TypeError);
    assert.equal(await client.get("s:bad"), null);
  });

  it("client.setex, client.psetex and client.setnx set values with conditions and expiries", async () => {
    const { client } = ctx;
    assert.equal(await client.setex("s:ex", 100, "v"), "OK");
    assert.equal(await client.ttl("s:ex"), 100);
    assert.equal(await client.psetex("s:pex", 100_000, "v"), "OK");
    const pttl = await client.sendCommand(["PTTL", "s:pex"]) as number;
    assert.ok(pttl > 90_000 && pttl <= 100_000, `pttl ${pttl}`);
    assert.equal(await client.setnx("s:nx", "first"), true);
    assert.equal(await client.setnx("s:nx", "second"), false);
    assert.equal(await client.get("s:nx"), "first");
    await assert.rejects(client.setex("s:ex", 0, "v"), TypeError);
  });

  it("client.mset, client.msetnx and client.mget work on several keys", async () => {
    const { client } = ctx;
    assert.equal(await client.mset({ "s:m1": "a", "s:m2": 2 }), "OK");
    assert.equal(
      await client.mset(new Map([["s:m3", "c"]])),
      "OK",
    );
    assert.deepEqual(await client.mget("s:m1", "s:m2", "s:m3", "s:m4"), [
      "a",
      "2",
      "c",
      null,
    ]);
    assert.equal(await client.msetnx([["s:m4", "d"], ["s:m1", "x"]]), false);
    assert.equal(await client.get("s:m4"), null);
    assert.equal(await client.msetnx({ "s:m4": "d", "s:m5": "e" }), true);
    assert.deepEqual(await client.mget("s:m4", "s:m5"), ["d", "e"]);
    await assert.rejects(client.mget(), TypeError);
    await assert.rejects(client.mset({}), TypeError);
  });

  it("client.lcs, client.lcsLen and client.lcsIdx find the longest common subsequence", async () => {
    const { client } = ctx;
    await client.mset({ "s:a": "ohmytext", "s:b": "mynewtext" });
    assert.equal(await client.lcs("s:a", "s:b"), "mytext");
    assert.equal(await client.lcsLen("s:a", "s:b"), 6);
    assert.equal(await client.lcs("s:a", "s:nothing"), "");
    const expected: LcsIdxResult = {
      matches: [
        { a: { start: 4, end: 7 }, b: { start: 5, end: 8 } },
        { a: { start: 2, end: 3 }, b: { start: 0, end: 1 } },
      ],
      len: 6,
    };
    assert.deepEqual(await client.lcsIdx("s:a", "s:b"), expected);
    assert.deepEqual(
      await client.lcsIdx("s:a", "s:b", { minmatchlen: 4, withmatchlen: true }),
      {
        matches: [{
          a: { start: 4, end: 7 },
          b: { start: 5, end: 8 },
          length: 4,
        }],
        len: 6,
      },
    );
  });

  it("client.lcsIdx, client.mget and client.msetnx give the same results over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => {
      await client.mset({ a: "ohmytext", b: "mynewtext" });
      return {
        idx: await client.lcsIdx("a", "b", { withmatchlen: true }),
        len: await client.lcsLen("a", "b"),
        lcs: await client.lcs("a", "b"),
        mget: await client.mget("a", "nothing"),
        msetnx: await client.msetnx({ c: 1 }),
        setnx: await client.setnx("c", 2),
        getex: await client.getex("a", { ex: 100 }),
        range: await client.getrange("a", 0, 1),
        append: await client.append("c", "0"),
      };
    });
    assert.deepEqual(result, {
      idx: {
        matches: [
          { a: { start: 4, end: 7 }, b: { start: 5, end: 8 }, length: 4 },
          { a: { start: 2, end: 3 }, b: { start: 0, end: 1 }, length: 2 },
        ],
        len: 6,
      },
      len: 6,
      lcs: "mytext",
      mget: ["ohmytext", null],
      msetnx: true,
      setnx: false,
      getex: "ohmytext",
      range: "oh",
      append: 2,
    });
  });

  it("client.bytes.get, getrange, getdel, getex, getset, mget and lcs deliver binary values as bytes", async () => {
    const { client } = ctx;
    await client.set("s:bin", BINARY);
    const bytes = client.bytes;
    assert.deepEqual(await bytes.get("s:bin"), BINARY);
    assert.deepEqual(await bytes.getrange("s:bin", 1, 2), BINARY.subarray(1));
    assert.deepEqual(await bytes.substr("s:bin", 0, 0), BINARY.subarray(0, 1));
    assert.deepEqual(await bytes.getex("s:bin"), BINARY);
    assert.deepEqual(await bytes.mget("s:bin", "s:none"), [BINARY, null]);
    assert.deepEqual(await bytes.lcs("s:bin", "s:bin"), BINARY);
    assert.deepEqual(
      await bytes.getset("s:bin", utf8("next")),
      BINARY,
    );
    await client.set("s:bin", BINARY);
    assert.deepEqual(await bytes.getdel("s:bin"), BINARY);
    assert.equal(await bytes.get("s:bin"), null);
    // Status words and numbers keep their types in the bytes view.
    assert.equal(await bytes.mset({ "s:bin2": BINARY }), "OK");
    assert.equal(await bytes.setex("s:bin3", 10, BINARY), "OK");
    assert.equal(await bytes.strlen("s:bin2"), 3);
    assert.equal(await bytes.incrby("s:bigb", 5), 5);
    await assert.rejects(
      bytes.incrby("s:bigb", TWO_TO_60),
      unsafe("INCRBY", TWO_TO_60 + 5n),
    );
    assert.equal(await bytes.incrbyfloat("s:fb", 1.5), 1.5);
    assert.equal(await bytes.msetnx({ "s:bin2": "x" }), false);
    assert.deepEqual(await bytes.lcsIdx("s:bin2", "s:bin3"), {
      matches: [{ a: { start: 0, end: 2 }, b: { start: 0, end: 2 } }],
      len: 3,
    });
    // A binary key works too.
    await client.set(BINARY, "under a binary key");
    assert.equal(await client.get(BINARY), "under a binary key");
  });
});

describe("INCREX replies beyond 2^53, played back by a fake server", () => {
  let fake: FakeServer;
  before(async () => {
    fake = await startFakeServer();
  });
  after(async () => {
    await fake?.close();
  });

  for (const protocol of [2, 3] as const) {
    it(`client.increx rejects an unsafe integer with an UnsafeIntegerError over RESP${protocol}, and the connection goes on`, async () => {
      const accepted = fake.accept();
      const connecting = connect({ url: fake.url, protocol, reconnect: false });
      const conn = await accepted;
      await handshake(conn, protocol);
      const client = await connecting;
      try {
        const big = client.increx("big", { byint: TWO_TO_60 });
        const next = client.incr("small");
        assert.deepEqual(await conn.readCommands(2), [
          ["INCREX", "big", "BYINT", String(TWO_TO_60)],
          ["INCR", "small"],
        ]);
        await conn.write(
          "*2\r\n:1152921504606846977\r\n:1152921504606846976\r\n:1\r\n",
        );
        await assert.rejects(big, unsafe("INCREX", TWO_TO_60 + 1n));
        assert.equal(await next, 1, "the next reply goes to its caller");
        // Integer text beyond 2^53 (as a float reply could be) is not rounded.
        const text = client.increx("f", { byfloat: 0.5 });
        await conn.readCommands(1);
        await conn.write(
          "*2\r\n$16\r\n9007199254740993\r\n$3\r\n0.5\r\n",
        );
        await assert.rejects(text, unsafe("INCREX", 2n ** 53n + 1n));
        // Floats and safe integers are numbers.
        const float = client.increx("f", { byfloat: 0.5 });
        await conn.readCommands(1);
        await conn.write(
          protocol === 3
            ? "*2\r\n,1.5\r\n,0.5\r\n"
            : "*2\r\n$3\r\n1.5\r\n$3\r\n0.5\r\n",
        );
        assert.deepEqual(await float, [1.5, 0.5]);
        const safe = client.increx("c", { byint: MAX });
        await conn.readCommands(1);
        await conn.write("*2\r\n:-9007199254740991\r\n:9007199254740991\r\n");
        assert.deepEqual(await safe, [-MAX, MAX]);
      } finally {
        client.disconnect();
        conn.destroy();
      }
    });
  }
});

describe("string command option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;
  /** Asserts that `build` throws a `TypeError` whose message matches. */
  const rejects = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (e) => e instanceof TypeError && message.test(e.message),
    );

  it("string commands reject unknown option keys with a TypeError naming the key", () => {
    // SET.
    assert.throws(
      () => commands.set.build("k", "v", { EX: 10 } as never),
      (e) => e instanceof TypeError && /"EX".*"ex"/.test(e.message),
    );
    rejects(
      () => commands.set.build("k", "v", loose({ ex: 10, NX: true })),
      /^Unknown SET option "NX": did you mean "nx"\?$/,
    );
    rejects(
      () => commands.set.build("k", "v", loose(null)),
      /^Invalid SET options: expected an object, got null$/,
    );
    assert.deepEqual(commands.set.build("k", "v", { ex: 10, nx: true }), [
      "SET",
      "k",
      "v",
      "EX",
      10,
      "NX",
    ]);
    assert.deepEqual(commands.set.build("k", "v"), ["SET", "k", "v"]);
    // GETEX.
    rejects(
      () => commands.getex.build("k", loose({ PERSIST: true })),
      /^Unknown GETEX option "PERSIST": did you mean "persist"\?$/,
    );
    rejects(
      () => commands.getex.build("k", loose({ keepttl: true })),
      /^Unknown GETEX option "keepttl"$/,
    );
    assert.deepEqual(commands.getex.build("k", { ex: 5 }), [
      "GETEX",
      "k",
      "EX",
      5,
    ]);
    assert.deepEqual(commands.getex.build("k", { persist: true }), [
      "GETEX",
      "k",
      "PERSIST",
    ]);
    assert.deepEqual(commands.getex.build("k"), ["GETEX", "k"]);
    // LCS ... IDX.
    rejects(
      () => commands.lcsIdx.build("a", "b", loose({ minMatchLen: 4 })),
      /^Unknown LCS option "minMatchLen": did you mean "minmatchlen"\?$/,
    );
    rejects(
      () => commands.lcsIdx.build("a", "b", loose({ withmatchlne: true })),
      /^Unknown LCS option "withmatchlne": did you mean "withmatchlen"\?$/,
    );
    assert.deepEqual(
      commands.lcsIdx.build("a", "b", { minmatchlen: 4, withmatchlen: true }),
      ["LCS", "a", "b", "IDX", "MINMATCHLEN", 4, "WITHMATCHLEN"],
    );
    assert.deepEqual(commands.lcsIdx.build("a", "b"), ["LCS", "a", "b", "IDX"]);
  });
});
