import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  encodeRecordKey,
  type Reply,
  ReplyError,
  UnsafeIntegerError,
} from "../../mod.ts";
import {
  calls,
  isWrongType,
  parity,
  testEncoding,
  useServer,
  utf8,
} from "./_helpers.ts";
import { cases } from "./hashes_cases.ts";

testEncoding("Hash", cases);

const BINARY = new Uint8Array([0xff, 0x00, 0xfe]);

/** An `assert.rejects` check: an UnsafeIntegerError of HINCRBY with `value`. */
function unsafe(value: bigint): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof UnsafeIntegerError, `not unsafe: ${error}`);
    assert.equal(error.value, value);
    assert.match(error.message, new RegExp(`^Reply "${value}" of HINCRBY `));
    return true;
  };
}

/** A raw HGETALL reply (RESP2 array or RESP3 map) as sorted hex pairs. */
function toPairs(reply: Reply): string[] {
  const items = reply instanceof Map ? [...reply].flat() : reply as Reply[];
  const hex = (bytes: Reply) =>
    [...(bytes as Uint8Array)].map((b) => b.toString(16).padStart(2, "0"))
      .join("");
  const out: string[] = [];
  for (let i = 0; i < items.length; i += 2) {
    out.push(`${hex(items[i]!)}=${hex(items[i + 1]!)}`);
  }
  return out.sort();
}

describe("hash commands against a server", () => {
  const ctx = useServer();

  it("client.hset adds fields and counts only new ones, client.hget reads them", async () => {
    const { client } = ctx;
    assert.equal(await client.hset("h:set", { name: "Ada", born: 1815 }), 2);
    assert.equal(
      await client.hset("h:set", [["name", "Grace"], ["city", "NYC"]]),
      1,
    );
    assert.equal(await client.hget("h:set", "name"), "Grace");
    assert.equal(await client.hget("h:set", "born"), "1815");
    assert.equal(await client.hget("h:set", "missing"), null);
    assert.equal(await client.hget("h:none", "name"), null);
  });

  it("client.hset takes one field and value as two arguments, in pipelines too", async () => {
    const { client } = ctx;
    assert.equal(await client.hset("h:pair", "name", "Ada"), 1);
    assert.equal(await client.hset("h:pair", "name", "Grace"), 0);
    assert.equal(await client.hset("h:pair", BINARY, 7), 1);
    const [added, all] = await client.pipeline()
      .hset("h:pair", "city", "NYC")
      .hgetall("h:pair")
      .execOrThrow();
    assert.equal(added, 1);
    assert.equal(all.name, "Grace");
    assert.equal(all.city, "NYC");
    assert.deepEqual(
      await client.bytes.hget("h:pair", BINARY),
      new TextEncoder().encode("7"),
    );
  });

  it("client.hmset resolves to OK and client.hmget keeps the order with null for missing fields", async () => {
    const { client } = ctx;
    assert.equal(await client.hmset("h:mset", { a: "1", b: "2" }), "OK");
    assert.deepEqual(await client.hmget("h:mset", "b", "x", "a"), [
      "2",
      null,
      "1",
    ]);
    assert.deepEqual(await client.hmget("h:none", "a"), [null]);
  });

  it("client.hgetall returns a record of fields, empty for a missing key", async () => {
    const { client } = ctx;
    await client.hset("h:all", { a: "1", b: "two", c: "" });
    assert.deepEqual(await client.hgetall("h:all"), {
      a: "1",
      b: "two",
      c: "",
    });
    assert.deepEqual(await client.hgetall("h:none"), {});
  });

  it("client.hgetall keeps a field named __proto__ as an own property", async () => {
    const { client } = ctx;
    await client.hset("h:proto", [["__proto__", "polluted"], ["a", "1"]]);
    const all = await client.hgetall("h:proto");
    assert.ok(Object.hasOwn(all, "__proto__"));
    assert.equal(all["__proto__"], "polluted");
    assert.equal(Object.getPrototypeOf(all), Object.prototype);
    assert.deepEqual(Object.keys(all).sort(), ["__proto__", "a"]);
    assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
  });

  it("client.hexists and client.hsetnx resolve to booleans", async () => {
    const { client } = ctx;
    assert.equal(await client.hsetnx("h:nx", "f", "first"), true);
    assert.equal(await client.hsetnx("h:nx", "f", "second"), false);
    assert.equal(await client.hget("h:nx", "f"), "first");
    assert.equal(await client.hexists("h:nx", "f"), true);
    assert.equal(await client.hexists("h:nx", "g"), false);
    assert.equal(await client.hexists("h:none", "f"), false);
  });

  it("client.hdel, client.hlen and client.hstrlen count fields and bytes", async () => {
    const { client } = ctx;
    await client.hset("h:del", { a: "1", b: "héllo", c: "3" });
    assert.equal(await client.hlen("h:del"), 3);
    assert.equal(await client.hstrlen("h:del", "b"), 6);
    assert.equal(await client.hstrlen("h:del", "zz"), 0);
    assert.equal(await client.hdel("h:del", "a", "c", "nope"), 2);
    assert.equal(await client.hlen("h:del"), 1);
    assert.equal(await client.hlen("h:none"), 0);
  });

  it("client.hkeys and client.hvals list fields and values", async () => {
    const { client } = ctx;
    await client.hset("h:kv", { a: "1", b: "2" });
    assert.deepEqual((await client.hkeys("h:kv")).sort(), ["a", "b"]);
    assert.deepEqual((await client.hvals("h:kv")).sort(), ["1", "2"]);
    assert.deepEqual(await client.hkeys("h:none"), []);
    assert.deepEqual(await client.hvals("h:none"), []);
  });

  it("client.hincrby returns numbers, and rejects with an UnsafeIntegerError outside the safe range", async () => {
    const { client } = ctx;
    assert.equal(await client.hincrby("h:incr", "n", 5), 5);
    assert.equal(await client.hincrby("h:incr", "n", -7), -2);
    assert.equal(await client.hincrby("h:incr", "n", 2n), 0);
    await client.hset("h:incr", { big: "9007199254740991" });
    await assert.rejects(
      client.hincrby("h:incr", "big", 2),
      (error: unknown) => {
        assert.ok(error instanceof UnsafeIntegerError);
        assert.ok(error instanceof RangeError);
        assert.equal(error.value, 9007199254740993n);
        assert.equal(
          error.message,
          'Reply "9007199254740993" of HINCRBY is outside the safe integer range: use sendCommand for 64-bit counters',
        );
        return true;
      },
    );
    // The server applied it; the raw reply of sendCommand is the bigint.
    assert.equal(await client.hget("h:incr", "big"), "9007199254740993");
    assert.equal(
      await client.sendCommand(["HINCRBY", "h:incr", "big", 0]),
      9007199254740993n,
    );
    // The connection goes on, and back in range it is a number again.
    assert.equal(
      await client.hincrby("h:incr", "big", -9007199254740993n),
      0,
    );
    await assert.rejects(
      client.hincrby("h:incr", "low", -(2n ** 60n)),
      unsafe(-(2n ** 60n)),
    );
  });

  it("client.hincrby rejects the same UnsafeIntegerError over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => [
      await client.hincrby("h", "f", 2n ** 60n).catch((error: unknown) => [
        (error as Error).name,
        (error as UnsafeIntegerError).value,
      ]),
      await client.hincrby("h", "g", 1),
    ]);
    assert.deepEqual(result, [["UnsafeIntegerError", 2n ** 60n], 1]);
  });

  it("an unsafe client.hincrby in a pipeline or a transaction is an UnsafeIntegerError in its own place", async () => {
    const { client } = ctx;
    await client.hset("h:slots", { big: "9007199254740991", small: "1" });
    const piped = await client.pipeline()
      .hincrby("h:slots", "big", 1)
      .hincrby("h:slots", "small", 1)
      .hget("h:slots", "big")
      .exec();
    assert.ok(unsafe(2n ** 53n)(piped[0]));
    assert.deepEqual(piped.slice(1), [2, "9007199254740992"]);
    const done = await client.multi()
      .hincrby("h:slots", "small", 1)
      .hincrby("h:slots", "big", 1)
      .hget("h:slots", "big")
      .exec();
    assert.equal(done[0], 3);
    assert.ok(unsafe(2n ** 53n + 1n)(done[1]));
    assert.equal(done[2], "9007199254740993");
  });

  it("client.bytes.hincrby returns a number, and rejects an unsafe value with an UnsafeIntegerError", async () => {
    const { client } = ctx;
    await client.hset("h:unsafe:bytes", {
      big: "9007199254740991",
      small: "1",
    });
    await assert.rejects(
      client.bytes.hincrby("h:unsafe:bytes", "big", 1),
      unsafe(2n ** 53n),
    );
    assert.equal(await client.bytes.hincrby("h:unsafe:bytes", "small", 1), 2);
    assert.deepEqual(
      await client.bytes.hget("h:unsafe:bytes", "big"),
      utf8("9007199254740992"),
    );
  });

  it("client.hincrbyfloat returns the new value as a number", async () => {
    const { client } = ctx;
    assert.equal(await client.hincrbyfloat("h:float", "x", 2.5), 2.5);
    assert.equal(await client.hincrbyfloat("h:float", "x", -1), 1.5);
    assert.equal(await client.hget("h:float", "x"), "1.5");
  });

  it("client.hincrby on a non-integer field rejects with the server's ReplyError", async () => {
    const { client } = ctx;
    await client.hset("h:notint", { f: "abc" });
    await assert.rejects(
      client.hincrby("h:notint", "f", 1),
      (error: unknown) =>
        error instanceof ReplyError && error.code === "ERR" &&
        /not an integer/.test(error.message),
    );
    await assert.rejects(
      client.hincrbyfloat("h:notint", "f", 1),
      (error: unknown) => error instanceof ReplyError && error.code === "ERR",
    );
  });

  it("client.hrandfield picks a field or resolves to null for a missing key", async () => {
    const { client } = ctx;
    await client.hset("h:rand", { a: "1", b: "2", c: "3" });
    const field = await client.hrandfield("h:rand");
    assert.ok(field !== null && ["a", "b", "c"].includes(field));
    assert.equal(await client.hrandfield("h:none"), null);
  });

  it("client.hrandfieldCount picks distinct fields, or exactly -count with repeats", async () => {
    const { client } = ctx;
    await client.hset("h:randc", { a: "1", b: "2", c: "3" });
    const two = await client.hrandfieldCount("h:randc", 2);
    assert.equal(two.length, 2);
    assert.equal(new Set(two).size, 2);
    assert.ok(two.every((f) => ["a", "b", "c"].includes(f)));
    assert.deepEqual((await client.hrandfieldCount("h:randc", 10)).sort(), [
      "a",
      "b",
      "c",
    ]);
    const repeated = await client.hrandfieldCount("h:randc", -7);
    assert.equal(repeated.length, 7);
    assert.ok(repeated.every((f) => ["a", "b", "c"].includes(f)));
    assert.deepEqual(await client.hrandfieldCount("h:none", 3), []);
  });

  it("client.hrandfieldWithValues returns { field, value } objects matching the hash", async () => {
    const { client } = ctx;
    const hash: Record<string, string> = { a: "1", b: "2", c: "3" };
    await client.hset("h:randv", hash);
    const entries = await client.hrandfieldWithValues("h:randv", -5);
    assert.equal(entries.length, 5);
    for (const { field, value } of entries) assert.equal(hash[field], value);
    const all = await client.hrandfieldWithValues("h:randv", 3);
    assert.deepEqual(
      all.sort((x, y) => x.field.localeCompare(y.field)),
      [
        { field: "a", value: "1" },
        { field: "b", value: "2" },
        { field: "c", value: "3" },
      ],
    );
    assert.deepEqual(await client.hrandfieldWithValues("h:none", 2), []);
  });

  it("client.hscan returns a cursor and { field, value } entries, and a bad cursor rejects with the server's ReplyError", async () => {
    const { client } = ctx;
    await client.hset("h:scan", { a1: "x", a2: "y", b1: "z" });
    const page = await client.hscan("h:scan", "0", { match: "a*" });
    assert.equal(page.cursor, "0");
    assert.deepEqual(
      page.entries.sort((x, y) => x.field.localeCompare(y.field)),
      [{ field: "a1", value: "x" }, { field: "a2", value: "y" }],
    );
    assert.deepEqual(await client.hscan("h:none", "0"), {
      cursor: "0",
      entries: [],
    });
    await assert.rejects(
      client.hscan("h:scan", "x1" as "0"),
      (error: unknown) => error instanceof ReplyError && error.code === "ERR",
    );
  });

  it("client.hscanIterator yields every field of a 1200-field hash", async () => {
    const { client } = ctx;
    const fields: Record<string, string> = {};
    for (let i = 0; i < 1200; i++) fields[`f${i}`] = `v${i}`;
    assert.equal(await client.hset("h:big", fields), 1200);
    const seen = new Map<string, string>();
    for await (const { field, value } of client.hscanIterator("h:big")) {
      seen.set(field, value);
    }
    assert.equal(seen.size, 1200);
    for (let i = 0; i < 1200; i++) assert.equal(seen.get(`f${i}`), `v${i}`);
    const matched = new Set<string>();
    for await (
      const { field } of client.hscanIterator("h:big", {
        match: "f11*",
        count: 50,
      })
    ) matched.add(field);
    // f11, f110..f119, f1100..f1199
    assert.equal(matched.size, 111);
  });

  it("client.hscanIterator stops without error when the loop breaks early", async () => {
    const { client } = ctx;
    const fields: Record<string, string> = {};
    for (let i = 0; i < 1100; i++) fields[`f${i}`] = "v";
    await client.hset("h:break", fields);
    await client.sendCommand(["CONFIG", "RESETSTAT"]);
    let count = 0;
    for await (const _ of client.hscanIterator("h:break", { count: 10 })) {
      if (++count === 3) break;
    }
    assert.equal(count, 3);
    assert.equal(await calls(client, "hscan"), 1);
    assert.equal(await client.hlen("h:break"), 1100);
  });

  it("hash commands on a string key reject with a WRONGTYPE ReplyError", async () => {
    const { client } = ctx;
    await client.sendCommand(["SET", "h:string", "text"]);
    await assert.rejects(client.hget("h:string", "f"), isWrongType);
    await assert.rejects(client.hset("h:string", { f: "v" }), isWrongType);
    await assert.rejects(client.hgetall("h:string"), isWrongType);
    await assert.rejects(
      client.hrandfieldWithValues("h:string", 1),
      isWrongType,
    );
    await assert.rejects(client.hincrby("h:string", "f", 1), isWrongType);
  });

  it("hash methods reject invalid arguments with a TypeError before sending", async () => {
    const { client } = ctx;
    await client.sendCommand(["CONFIG", "RESETSTAT"]);
    await assert.rejects(client.hset("h:typed", {}), TypeError);
    // A lone string where the fields go would otherwise be sent as its
    // characters' indexes and values.
    await assert.rejects(
      client.hset("h:typed", "field" as unknown as Record<string, string>),
      /Invalid HSET fields: expected a record, a Map or an array of \[field, value\] pairs, got string/,
    );
    await assert.rejects(
      client.xadd("h:typed", "*", "field" as unknown as Record<string, string>),
      TypeError,
    );
    await assert.rejects(client.hdel("h:typed"), TypeError);
    await assert.rejects(client.hmget("h:typed"), TypeError);
    await assert.rejects(client.hincrby("h:typed", "f", 0.5), TypeError);
    await assert.rejects(client.hincrbyfloat("h:typed", "f", NaN), TypeError);
    await assert.rejects(client.hrandfieldCount("h:typed", 1.5), TypeError);
    await assert.rejects(client.hscan("h:typed", "0", { count: 0 }), TypeError);
    for (const name of ["hset", "hdel", "hmget", "hincrby", "hscan", "xadd"]) {
      assert.equal(await calls(client, name), 0, name);
    }
    assert.equal(await calls(client, "hincrbyfloat"), 0);
    assert.equal(await calls(client, "hrandfield"), 0);
  });

  it("client.bytes hash methods deliver binary fields and values as Uint8Array", async () => {
    const { client } = ctx;
    const field = new Uint8Array([0xfe, 0x01]);
    await client.hset(
      "h:bytes",
      new Map<Uint8Array | string, Uint8Array>([["bin", BINARY], [
        field,
        BINARY,
      ]]),
    );
    const all = await client.bytes.hgetall("h:bytes");
    assert.ok(Object.hasOwn(all, "bin"));
    assert.deepEqual(all["bin"], BINARY);
    assert.equal(Object.keys(all).length, 2);
    assert.deepEqual(await client.bytes.hget("h:bytes", field), BINARY);
    assert.deepEqual(await client.bytes.hmget("h:bytes", "bin", "none"), [
      BINARY,
      null,
    ]);
    const keys = await client.bytes.hkeys("h:bytes");
    assert.ok(keys.every((key) => key instanceof Uint8Array));
    assert.ok(keys.some((key) => key.length === 2 && key[0] === 0xfe));
    assert.deepEqual(await client.bytes.hvals("h:bytes"), [BINARY, BINARY]);
    const random = await client.bytes.hrandfieldWithValues("h:bytes", 2);
    assert.equal(random.length, 2);
    for (const { field: f, value } of random) {
      assert.ok(f instanceof Uint8Array);
      assert.deepEqual(value, BINARY);
    }
    const page = await client.bytes.hscan("h:bytes", "0");
    assert.equal(page.cursor, "0");
    assert.equal(typeof page.cursor, "string");
    assert.deepEqual(page.entries.find((e) => e.field.length === 3), {
      field: utf8("bin"),
      value: BINARY,
    });
    assert.ok((await client.bytes.hrandfield("h:bytes")) instanceof Uint8Array);
    assert.equal(await client.bytes.hmset("h:bytes", { x: BINARY }), "OK");
    assert.equal(await client.bytes.hexists("h:bytes", "x"), true);
    assert.equal(await client.bytes.hincrbyfloat("h:bytes", "n", 1.5), 1.5);
    assert.equal(await client.bytes.hincrby("h:bytes", "i", 2), 2);
  });

  it("client.bytes.hgetall keeps every field whose name is not UTF-8, and hset copies them back byte for byte", async () => {
    const names = [
      new Uint8Array([0xff]),
      new Uint8Array([0xfe]),
      new Uint8Array([0xc3]), // a lead byte without its continuation
      utf8("é"), // the same lead byte, completed
      utf8("\ufffd"), // a real replacement character
      new Uint8Array([0x61, 0x80, 0x62]),
      utf8("plain"),
    ];
    for (const client of [ctx.resp2, ctx.resp3]) {
      await client.del("h:names", "h:copy");
      await client.hset(
        "h:names",
        new Map(names.map((name, i) => [name, new Uint8Array([i])])),
      );
      assert.equal(await client.hlen("h:names"), names.length);
      const all = await client.bytes.hgetall("h:names");
      assert.equal(Object.keys(all).length, names.length);
      assert.deepEqual(all["plain"], new Uint8Array([6]));
      assert.deepEqual(all["é"], new Uint8Array([3]));
      assert.deepEqual(all["\ufffd"], new Uint8Array([4]));
      for (const [key, value] of Object.entries(all)) {
        assert.deepEqual(encodeRecordKey(key), names[value[0]!]);
      }
      // The keys go back as the bytes they came from.
      await client.hset("h:copy", all);
      const copied = await client.sendCommand(["HGETALL", "h:copy"], {
        bytes: true,
      });
      const original = await client.sendCommand(["HGETALL", "h:names"], {
        bytes: true,
      });
      assert.deepEqual(toPairs(copied), toPairs(original));
    }
  });

  it("client.hgetall and client.hmget give the same results over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => {
      await client.hset("h:p", [["a", "1"], ["b", "2"], ["__proto__", "p"]]);
      return {
        all: await client.hgetall("h:p"),
        missing: await client.hgetall("h:none"),
        some: await client.hmget("h:p", "a", "zz"),
      };
    });
    assert.deepEqual(result.some, ["1", null]);
    assert.ok(Object.hasOwn(result.all, "__proto__"));
    assert.equal(result.all["b"], "2");
  });

  it("client.hrandfieldWithValues and client.hrandfieldCount give the same results over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => {
      await client.hset("h:p1", { only: "one" });
      return {
        withValues: await client.hrandfieldWithValues("h:p1", 1),
        repeated: await client.hrandfieldWithValues("h:p1", -2),
        fields: await client.hrandfieldCount("h:p1", 1),
        none: await client.hrandfieldWithValues("h:none", 1),
      };
    });
    assert.deepEqual(result, {
      withValues: [{ field: "only", value: "one" }],
      repeated: [
        { field: "only", value: "one" },
        { field: "only", value: "one" },
      ],
      fields: ["only"],
      none: [],
    });
  });

  it("client.hincrbyfloat, client.hincrby, client.hexists and client.hscan give the same results over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => {
      await client.hset("h:p2", { a: "1" });
      return {
        float: await client.hincrbyfloat("h:p2", "f", 0.25),
        int: await client.hincrby("h:p2", "a", 1),
        exists: await client.hexists("h:p2", "a"),
        nx: await client.hsetnx("h:p2", "a", "x"),
        scan: await client.hscan("h:p2", "0"),
        keys: await client.hkeys("h:p2"),
      };
    });
    assert.deepEqual(result, {
      float: 0.25,
      int: 2,
      exists: true,
      nx: false,
      scan: {
        cursor: "0",
        entries: [{ field: "a", value: "2" }, { field: "f", value: "0.25" }],
      },
      keys: ["a", "f"],
    });
  });
});
