import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { ReplyError } from "../../mod.ts";
import { parity, testEncoding, useServer } from "./_helpers.ts";
import { cases } from "./hyperloglog_cases.ts";

testEncoding("HyperLogLog", cases);

const BINARY = new Uint8Array([0xff, 0x00, 0xfe]);

describe("HyperLogLog commands against a server", () => {
  const ctx = useServer();

  it("client.pfadd reports whether the estimate changed and client.pfcount estimates", async () => {
    const { client } = ctx;
    assert.equal(await client.pfadd("h:a", "x", "y", "z"), true);
    assert.equal(await client.pfadd("h:a", "x"), false);
    assert.equal(await client.pfadd("h:a", BINARY, 42), true);
    assert.equal(await client.pfcount("h:a"), 5);
    assert.equal(await client.pfcount("h:missing"), 0);
    assert.equal(await client.pfadd("h:empty"), true);
    assert.equal(await client.pfadd("h:empty"), false);
    assert.equal(await client.pfcount("h:empty"), 0);
    await client.pfadd("h:b", "z", "w");
    assert.equal(await client.pfcount("h:a", "h:b"), 6);
    await assert.rejects(client.pfcount(), TypeError);
  });

  it("client.pfmerge stores the union of HyperLogLogs", async () => {
    const { client } = ctx;
    await client.pfadd("h:m1", "a", "b");
    await client.pfadd("h:m2", "b", "c");
    assert.equal(await client.pfmerge("h:merged", "h:m1", "h:m2"), "OK");
    assert.equal(await client.pfcount("h:merged"), 3);
    assert.equal(await client.pfmerge("h:alone"), "OK");
    assert.equal(await client.pfcount("h:alone"), 0);
  });

  it("client.pfdebug reports the encoding, decodes, reads registers and converts to dense", async () => {
    const { client } = ctx;
    await client.pfadd("h:dbg", "a", "b", "c");
    assert.equal(await client.pfdebug("ENCODING", "h:dbg"), "sparse");
    const decoded = await client.pfdebug("DECODE", "h:dbg");
    assert.equal(typeof decoded, "string");
    assert.match(decoded as string, /v:\d+,\d+/);
    assert.equal(await client.pfdebug("TODENSE", "h:dbg"), true);
    assert.equal(await client.pfdebug("TODENSE", "h:dbg"), false);
    assert.equal(await client.pfdebug("ENCODING", "h:dbg"), "dense");
    const registers = await client.pfdebug("GETREG", "h:dbg") as number[];
    assert.equal(registers.length, 16384);
    assert.ok(registers.every((value) => typeof value === "number"));
    assert.equal(registers.filter((value) => value > 0).length, 3);
    await assert.rejects(
      client.pfdebug("DECODE", "h:dbg"),
      (error: unknown) => {
        assert.ok(error instanceof ReplyError);
        assert.match(error.message, /not sparse/);
        return true;
      },
    );
    await assert.rejects(
      client.pfdebug("ENCODING", "h:nothing"),
      (error: unknown) => {
        assert.ok(error instanceof ReplyError);
        assert.match(error.message, /does not exist/);
        return true;
      },
    );
    // @ts-expect-error: not a PFDEBUG subcommand
    await assert.rejects(client.pfdebug("SIMD", "h:dbg"), TypeError);
  });

  it("client.pfselftest passes", async () => {
    assert.equal(await ctx.client.pfselftest(), "OK");
  });

  it("HyperLogLog commands reject other types and invalid values with ReplyErrors", async () => {
    const { client } = ctx;
    await client.sendCommand(["RPUSH", "h:list", "a"]);
    const wrongType = (error: unknown) =>
      error instanceof ReplyError && error.code === "WRONGTYPE";
    await assert.rejects(client.pfadd("h:list", "a"), wrongType);
    await assert.rejects(client.pfcount("h:list"), wrongType);
    await assert.rejects(client.pfmerge("h:list", "h:a"), wrongType);
    await client.set("h:string", "not a hyperloglog");
    await assert.rejects(client.pfcount("h:string"), (error: unknown) => {
      assert.ok(error instanceof ReplyError);
      assert.equal(error.code, "WRONGTYPE");
      assert.match(error.message, /not a valid HyperLogLog/);
      return true;
    });
  });

  it("client.bytes keeps HyperLogLog results as booleans, numbers and status words", async () => {
    const bytes = ctx.client.bytes;
    assert.equal(await bytes.pfadd("h:bin", BINARY), true);
    assert.equal(await bytes.pfcount("h:bin"), 1);
    assert.equal(await bytes.pfmerge("h:bin2", "h:bin"), "OK");
    const encoding = await bytes.pfdebug("ENCODING", "h:bin2");
    assert.deepEqual(encoding, new TextEncoder().encode("sparse"));
    assert.equal(await bytes.pfdebug("TODENSE", "h:bin2"), true);
    const registers = await bytes.pfdebug("GETREG", "h:bin2") as number[];
    assert.equal(registers.length, 16384);
  });

  it("HyperLogLog commands give the same results over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => {
      const added = await client.pfadd("a", "x", "y");
      const again = await client.pfadd("a", "y");
      await client.pfadd("b", "z");
      const merged = await client.pfmerge("c", "a", "b");
      const count = await client.pfcount("c");
      const encoding = await client.pfdebug("ENCODING", "c");
      const dense = await client.pfdebug("TODENSE", "c");
      const registers = await client.pfdebug("GETREG", "c") as number[];
      return {
        added,
        again,
        merged,
        count,
        encoding,
        dense,
        set: registers.filter((value) => value > 0).length,
      };
    });
    assert.deepEqual(result, {
      added: true,
      again: false,
      merged: "OK",
      count: 3,
      encoding: "sparse",
      dense: true,
      set: 3,
    });
  });
});
