import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ReplyError } from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import { isWrongType, parity, testEncoding, useServer } from "./_helpers.ts";
import { cases } from "./bitmaps_cases.ts";

testEncoding("Bitmap", cases);

const BINARY = new Uint8Array([0xff, 0x00, 0xfe]);

describe("Bitmap commands against a server", () => {
  const ctx = useServer();

  it("client.setbit and client.getbit flip single bits and return 0 or 1", async () => {
    const { client } = ctx;
    assert.equal(await client.setbit("b:flags", 7, 1), 0);
    assert.equal(await client.setbit("b:flags", 7, 1), 1);
    assert.equal(await client.getbit("b:flags", 7), 1);
    assert.equal(await client.getbit("b:flags", 6), 0);
    assert.equal(await client.getbit("b:flags", 1000), 0);
    assert.equal(await client.getbit("b:missing", 0), 0);
    assert.equal(await client.setbit("b:flags", 7, 0), 1);
    assert.deepEqual(await client.bytes.get("b:flags"), new Uint8Array([0]));
    await assert.rejects(client.setbit("b:flags", 0, 2 as 0), TypeError);
    await assert.rejects(client.getbit("b:flags", -1), TypeError);
  });

  it("client.bitcount counts set bits in byte and bit ranges", async () => {
    const { client } = ctx;
    await client.set("b:foobar", "foobar");
    assert.equal(await client.bitcount("b:foobar"), 26);
    assert.equal(await client.bitcount("b:foobar", { start: 0, end: 0 }), 4);
    assert.equal(await client.bitcount("b:foobar", { start: 1, end: 1 }), 6);
    assert.equal(
      await client.bitcount("b:foobar", { start: 1, end: 1, unit: "byte" }),
      6,
    );
    assert.equal(
      await client.bitcount("b:foobar", { start: 5, end: 30, unit: "bit" }),
      17,
    );
    assert.equal(await client.bitcount("b:missing"), 0);
  });

  it("client.bitpos finds the first set or clear bit, with ranges and units", async () => {
    const { client } = ctx;
    await client.set("b:pos", new Uint8Array([0xff, 0xf0, 0x00]));
    assert.equal(await client.bitpos("b:pos", 0), 12);
    assert.equal(await client.bitpos("b:pos", 1), 0);
    assert.equal(await client.bitpos("b:pos", 1, { start: 2 }), -1);
    assert.equal(await client.bitpos("b:pos", 1, { start: 1, end: -1 }), 8);
    assert.equal(
      await client.bitpos("b:pos", 1, { start: 7, end: 15, unit: "bit" }),
      7,
    );
    assert.equal(
      await client.bitpos("b:pos", 0, { start: 0, end: 1, unit: "byte" }),
      12,
    );
    assert.equal(await client.bitpos("b:missing", 1), -1);
    assert.equal(await client.bitpos("b:missing", 0), 0);
    // @ts-expect-error: "unit" needs "end"
    const call = client.bitpos("b:pos", 1, { start: 0, unit: "bit" });
    await assert.rejects(call, TypeError);
  });

  it("client.bitop combines strings with AND, OR, XOR and NOT", async () => {
    const { client } = ctx;
    await client.set("b:x", new Uint8Array([0b1100]));
    await client.set("b:y", new Uint8Array([0b1010]));
    assert.equal(await client.bitop("AND", "b:and", "b:x", "b:y"), 1);
    assert.deepEqual(await client.bytes.get("b:and"), new Uint8Array([0b1000]));
    assert.equal(await client.bitop("OR", "b:or", "b:x", "b:y"), 1);
    assert.deepEqual(await client.bytes.get("b:or"), new Uint8Array([0b1110]));
    assert.equal(await client.bitop("XOR", "b:xor", "b:x", "b:y"), 1);
    assert.deepEqual(await client.bytes.get("b:xor"), new Uint8Array([0b0110]));
    assert.equal(await client.bitop("NOT", "b:not", "b:x"), 1);
    assert.deepEqual(
      await client.bytes.get("b:not"),
      new Uint8Array([0b11110011]),
    );
    await assert.rejects(client.bitop("NOT", "b:not", "b:x", "b:y"), TypeError);
    await assert.rejects(client.bitop("AND", "b:and"), TypeError);
  });

  it("client.bitfield runs get, set, incrby and overflow operations in order", async () => {
    const { client } = ctx;
    assert.deepEqual(
      await client.bitfield(
        "b:bf",
        { set: { encoding: "u8", offset: "#0", value: 200 } },
        { get: { encoding: "u8", offset: 0 } },
        { overflow: "sat" },
        { incrby: { encoding: "u8", offset: "#0", increment: 100 } },
        { overflow: "fail" },
        { incrby: { encoding: "u8", offset: "#0", increment: 1 } },
        { overflow: "wrap" },
        { incrby: { encoding: "u8", offset: "#0", increment: 1 } },
        { set: { encoding: "i4", offset: 8, value: -3 } },
        { get: { encoding: "i4", offset: 8 } },
      ),
      [0, 200, 255, null, 0, 0, -3],
    );
    assert.deepEqual(await client.bytes.get("b:bf"), new Uint8Array([0, 0xd0]));
    assert.deepEqual(
      await client.bitfieldRo(
        "b:bf",
        { get: { encoding: "u8", offset: "#1" } },
        { get: { encoding: "i4", offset: 8 } },
      ),
      [0xd0, -3],
    );
  });

  it("client.bitfield and client.bitfieldRo give 64-bit values as bigints", async () => {
    const { client } = ctx;
    const big = 2n ** 62n + 1n;
    assert.deepEqual(
      await client.bitfield(
        "b:wide",
        { set: { encoding: "i64", offset: 0, value: big } },
        { incrby: { encoding: "i64", offset: 0, increment: 1 } },
        { get: { encoding: "u63", offset: 1 } },
        { get: { encoding: "u8", offset: 0 } },
      ),
      [0, big + 1n, big + 1n, 0x40],
    );
    assert.deepEqual(
      await client.bitfieldRo("b:wide", {
        get: { encoding: "i64", offset: 0 },
      }),
      [big + 1n],
    );
    await client.bitfield("b:wide", {
      set: { encoding: "i64", offset: 0, value: -(2n ** 63n) },
    });
    assert.deepEqual(
      await client.bitfieldRo("b:wide", {
        get: { encoding: "i64", offset: 0 },
      }),
      [-(2n ** 63n)],
    );
  });

  it("client.bitfield rejects invalid operations with a TypeError before sending", async () => {
    const { client } = ctx;
    const call = client.bitfield("b:bad", {
      // @ts-expect-error: one operation per object
      get: { encoding: "u8", offset: 0 },
      overflow: "sat",
    });
    assert.equal(client.pendingCount, 0);
    await assert.rejects(call, TypeError);
    await assert.rejects(
      // @ts-expect-error: an encoding starts with "i" or "u"
      client.bitfield("b:bad", { get: { encoding: "q8", offset: 0 } }),
      TypeError,
    );
    await assert.rejects(client.bitfield("b:bad"), TypeError);
    assert.equal(await client.get("b:bad"), null);
  });

  it("bitmap commands reject a too large offset and other types with ReplyErrors", async () => {
    const { client } = ctx;
    await assert.rejects(
      client.setbit("b:huge", 2 ** 32, 1),
      (error: unknown) => {
        assert.ok(error instanceof ReplyError);
        assert.match(
          error.message,
          /bit offset is not an integer or out of range/,
        );
        return true;
      },
    );
    await assert.rejects(
      client.bitfield("b:huge", { get: { encoding: "u8", offset: 2 ** 40 } }),
      ReplyError,
    );
    await client.sendCommand(["RPUSH", "b:list", "a"]);
    await assert.rejects(client.getbit("b:list", 0), isWrongType);
    await assert.rejects(client.setbit("b:list", 0, 1), isWrongType);
    await assert.rejects(client.bitcount("b:list"), isWrongType);
    await assert.rejects(client.bitpos("b:list", 1), isWrongType);
    await assert.rejects(
      client.bitfieldRo("b:list", { get: { encoding: "u8", offset: 0 } }),
      isWrongType,
    );
    await assert.rejects(client.bitop("AND", "b:d", "b:list"), isWrongType);
  });

  it("client.bytes keeps binary bitmaps intact and numbers as numbers", async () => {
    const { client } = ctx;
    await client.set("b:bin", BINARY);
    const bytes = client.bytes;
    assert.equal(await bytes.bitcount("b:bin"), 15);
    assert.equal(await bytes.bitpos("b:bin", 0), 8);
    assert.equal(await bytes.getbit("b:bin", 0), 1);
    assert.equal(await bytes.setbit("b:bin", 23, 1), 0);
    assert.deepEqual(
      await bytes.bitfield("b:bin", { get: { encoding: "u8", offset: "#2" } }),
      [0xff],
    );
    assert.equal(await bytes.bitop("NOT", "b:binnot", "b:bin"), 3);
    assert.deepEqual(await bytes.get("b:binnot"), new Uint8Array([0, 0xff, 0]));
  });

  it("bitmap commands give the same results over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => [
      await client.setbit("p", 3, 1),
      await client.getbit("p", 3),
      await client.bitcount("p", { start: 0, end: -1, unit: "bit" }),
      await client.bitpos("p", 1),
      await client.bitop("OR", "q", "p", "p"),
      await client.bitfield(
        "f",
        { overflow: "fail" },
        { incrby: { encoding: "i8", offset: 0, increment: 200 } },
        { set: { encoding: "u63", offset: 8, value: 2n ** 62n } },
        { get: { encoding: "u63", offset: 8 } },
      ),
      await client.bitfieldRo("f", { get: { encoding: "u8", offset: 0 } }),
    ]);
    assert.deepEqual(result, [0, 1, 1, 3, 1, [null, 0, 2n ** 62n], [0]]);
  });
});

describe("bitmap command option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;
  /** Asserts that `build` throws a `TypeError` whose message matches. */
  const rejects = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (e) => e instanceof TypeError && message.test(e.message),
    );

  it("bitmap commands reject unknown option keys with a TypeError naming the key", () => {
    // BITCOUNT and BITPOS ranges.
    rejects(
      () =>
        commands.bitcount.build("k", loose({ start: 0, end: 1, Unit: "bit" })),
      /^Unknown BITCOUNT option "Unit": did you mean "unit"\?$/,
    );
    rejects(
      () => commands.bitpos.build("k", 1, loose({ start: 0, END: 5 })),
      /^Unknown BITPOS option "END": did you mean "end"\?$/,
    );
    assert.deepEqual(
      commands.bitcount.build("k", { start: 0, end: 1, unit: "bit" }),
      ["BITCOUNT", "k", 0, 1, "BIT"],
    );
    assert.deepEqual(
      commands.bitpos.build("k", 1, { start: 0, end: 5, unit: "byte" }),
      ["BITPOS", "k", 1, 0, 5, "BYTE"],
    );
    // BITFIELD operations and their nested get, set and incrby.
    rejects(
      () =>
        commands.bitfield.build(
          "k",
          loose({ Get: { encoding: "u8", offset: 0 } }),
        ),
      /^Unknown BITFIELD option "Get": did you mean "get"\?$/,
    );
    rejects(
      () =>
        commands.bitfield.build(
          "k",
          loose({ get: { encoding: "u8", ofset: 0 } }),
        ),
      /^Unknown BITFIELD get option "ofset": did you mean "offset"\?$/,
    );
    rejects(
      () =>
        commands.bitfield.build(
          "k",
          loose({ set: { encoding: "u8", offset: 0, Value: 1 } }),
        ),
      /^Unknown BITFIELD set option "Value": did you mean "value"\?$/,
    );
    rejects(
      () =>
        commands.bitfield.build(
          "k",
          loose({ incrby: { encoding: "u8", offset: 0, Increment: 1 } }),
        ),
      /^Unknown BITFIELD incrby option "Increment": did you mean "increment"\?$/,
    );
    assert.deepEqual(
      commands.bitfield.build(
        "k",
        { overflow: "sat" },
        { set: { encoding: "u8", offset: 0, value: 1 } },
        { incrby: { encoding: "i4", offset: "#1", increment: 2 } },
        { get: { encoding: "u8", offset: 0 } },
      ),
      [
        "BITFIELD",
        "k",
        "OVERFLOW",
        "SAT",
        "SET",
        "u8",
        0,
        1,
        "INCRBY",
        "i4",
        "#1",
        2,
        "GET",
        "u8",
        0,
      ],
    );
    // BITFIELD_RO and its nested get.
    rejects(
      () =>
        commands.bitfieldRo.build(
          "k",
          loose({ GET: { encoding: "u8", offset: 0 } }),
        ),
      /^Unknown BITFIELD_RO option "GET": did you mean "get"\?$/,
    );
    rejects(
      () =>
        commands.bitfieldRo.build(
          "k",
          loose({ get: { Encoding: "u8", offset: 0 } }),
        ),
      /^Unknown BITFIELD_RO get option "Encoding": did you mean "encoding"\?$/,
    );
    assert.deepEqual(
      commands.bitfieldRo.build("k", { get: { encoding: "u8", offset: 0 } }),
      ["BITFIELD_RO", "k", "GET", "u8", 0],
    );
  });
});
