import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Reply } from "../../mod.ts";
import { record } from "../../src/commands/_define.ts";
import { FieldNames } from "../../src/commands/_field_names.ts";
import { parity, useServer } from "./_helpers.ts";

const utf8 = new TextEncoder();

/** A RESP2-style flat reply of these field names, each value its index. */
function flat(names: string[]): string[] {
  return names.flatMap((name, i) => [name, String(i)]);
}

/** A fresh copy of `text`, not the literal's string. */
function fresh(text: string): string {
  return text.split("").join("");
}

/** Small deterministic generator (xorshift). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

describe("FieldNames", () => {
  it("FieldNames remembers the names of a record by position", () => {
    const names = new FieldNames();
    record(flat(["a", "b", "c"]), undefined, names);
    assert.deepEqual(names.peek(3), ["a", "b", "c"]);
    // Each size has its own names.
    record(flat(["p", "q"]), undefined, names);
    assert.deepEqual(names.peek(2), ["p", "q"]);
    assert.deepEqual(names.peek(3), ["a", "b", "c"]);
    assert.equal(names.peek(4), undefined);
  });

  it("FieldNames replaces the names that changed and keeps the rest", () => {
    const names = new FieldNames();
    const shape = names.shape(3)!;
    assert.equal(shape.reuse(0, "a"), "a");
    assert.equal(shape.reuse(1, "b"), "b");
    assert.equal(shape.reuse(2, "c"), "c");
    shape.done();
    assert.equal(names.shape(3), undefined); // all missed: one record paused
    const again = names.shape(3)!;
    assert.equal(again.reuse(0, fresh("a")), "a");
    assert.equal(again.reuse(1, "x"), "x");
    assert.equal(again.reuse(2, fresh("c")), "c");
    again.done();
    assert.deepEqual(names.peek(3), ["a", "x", "c"]);
    // Two of three matched: no pause.
    assert.equal(names.shape(3), again);
  });

  it("FieldNames pauses reuse for 1, 2, 4, ... up to 64 records of a size whose names keep changing", () => {
    const names = new FieldNames();
    const pauses: number[] = [];
    for (let round = 0; round < 10; round++) {
      let paused = 0;
      let shape = names.shape(2);
      while (shape === undefined) {
        paused++;
        shape = names.shape(2);
      }
      pauses.push(paused);
      shape.reuse(0, `a${round}`);
      shape.reuse(1, `b${round}`);
      shape.done();
    }
    assert.deepEqual(pauses, [0, 1, 2, 4, 8, 16, 32, 64, 64, 64]);
    // A record that matches again ends the pauses.
    let shape = names.shape(2);
    while (shape === undefined) shape = names.shape(2);
    assert.equal(shape.reuse(0, "a9"), "a9");
    assert.equal(shape.reuse(1, "b9"), "b9");
    shape.done();
    assert.notEqual(names.shape(2), undefined);
  });

  it("FieldNames keeps the names of RESP3 maps and of byte keys", () => {
    const names = new FieldNames();
    const map = new Map<Reply, Reply>([["k1", "v1"], [utf8.encode("k2"), 2]]);
    assert.deepEqual(record(map, undefined, names), { k1: "v1", k2: 2 });
    assert.deepEqual(names.peek(2), ["k1", "k2"]);
    names.shape(2); // the paused record
    const bytes = [utf8.encode("k1"), "1", utf8.encode("k3"), "3"];
    assert.deepEqual(record(bytes, undefined, names), { k1: "1", k3: "3" });
    assert.deepEqual(names.peek(2), ["k1", "k3"]);
  });

  it("FieldNames does not remember names longer than 64 characters", () => {
    const names = new FieldNames();
    const shape = names.shape(2)!;
    const long = "n".repeat(65);
    assert.equal(shape.reuse(0, long), long);
    assert.equal(shape.reuse(1, "m".repeat(64)), "m".repeat(64));
    assert.deepEqual(names.peek(2), [undefined, "m".repeat(64)]);
  });

  it("FieldNames forgets every size when a 33rd one arrives", () => {
    const names = new FieldNames();
    for (let count = 1; count <= 32; count++) {
      const fields = Array.from({ length: count }, (_, i) => `f${i}`);
      record(flat(fields), undefined, names);
    }
    assert.deepEqual(names.peek(1), ["f0"]);
    assert.equal(names.peek(32)?.[31], "f31");
    const fields = Array.from({ length: 33 }, (_, i) => `g${i}`);
    record(flat(fields), undefined, names);
    assert.equal(names.peek(33)?.[32], "g32");
    assert.equal(names.peek(1), undefined);
    assert.equal(names.peek(32), undefined);
  });

  it("FieldNames keeps at most 32,768 names over all sizes", () => {
    const names = new FieldNames();
    assert.equal(names.shape(32_769), undefined);
    assert.equal(names.peek(32_769), undefined);
    assert.equal(names.shape(0), undefined);
    const big = names.shape(32_768)!;
    assert.equal(big.slots.length, 32_768);
    big.reuse(0, "kept");
    assert.equal(names.peek(32_768)?.[0], "kept");
    // One more name does not fit: the big size is dropped for the new one.
    assert.deepEqual(names.shape(1)?.slots, [undefined]);
    assert.equal(names.peek(32_768), undefined);
  });

  it("record with FieldNames gives the same records as without, whatever the order and overlap", () => {
    const names = new FieldNames();
    const next = random(7);
    const pool = [
      "id",
      "name",
      "email",
      "__proto__",
      "constructor",
      "toString",
      "0",
      "1",
      "é",
      "",
      "n".repeat(70),
    ];
    for (let round = 0; round < 2000; round++) {
      const count = 1 + Math.floor(next() * 6);
      const fields: string[] = [];
      for (let i = 0; i < count; i++) {
        fields.push(fresh(pool[Math.floor(next() * pool.length)]!));
      }
      const reply = flat(fields);
      const expected = record(reply);
      const got = record(reply, undefined, names);
      assert.deepEqual(got, expected, `round ${round}: ${fields.join(",")}`);
      assert.deepEqual(Object.keys(got), Object.keys(expected));
      assert.equal(Object.getPrototypeOf(got), Object.prototype);
    }
  });
});

describe("FieldNames in replies against redis-server", () => {
  const ctx = useServer();

  it("client.hgetall gives each hash its own fields when consecutive hashes share names and sizes", async () => {
    const results = await parity(ctx, async (client) => {
      await client.hset("h1", { a: "1", b: "2", c: "3" });
      await client.hset("h2", { c: "4", b: "5", a: "6" });
      await client.hset("h3", { a: "7", x: "8", c: "9" });
      await client.hset("h4", { a: "10", b: "11" });
      const out = [];
      for (const key of ["h1", "h2", "h3", "h1", "h4", "h3"]) {
        out.push(await client.hgetall(key));
      }
      return out;
    });
    assert.deepEqual(results, [
      { a: "1", b: "2", c: "3" },
      { c: "4", b: "5", a: "6" },
      { a: "7", x: "8", c: "9" },
      { a: "1", b: "2", c: "3" },
      { a: "10", b: "11" },
      { a: "7", x: "8", c: "9" },
    ]);
    assert.deepEqual(Object.keys(results[1]!), ["c", "b", "a"]);
  });

  it("client.xrange gives each entry its own fields when entries share names", async () => {
    const entries = await parity(ctx, async (client) => {
      await client.xadd("s", "1-1", { t: "20", h: "50" });
      await client.xadd("s", "1-2", { h: "51", t: "21" });
      await client.xadd("s", "1-3", { t: "22", p: "1000" });
      await client.xadd("s", "1-4", { t: "23" });
      return await client.xrange("s", "-", "+");
    });
    assert.deepEqual(entries.map((e) => e.fields), [
      { t: "20", h: "50" },
      { h: "51", t: "21" },
      { t: "22", p: "1000" },
      { t: "23" },
    ]);
  });
});
