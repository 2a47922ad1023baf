/**
 * splitBySlot and mergeParts: multi-key commands split by slot with each
 * key's arguments, and their replies merged back in the caller's order.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mergeParts, splitBySlot } from "../../src/cluster/split.ts";
import { keySlot } from "../../src/cluster/slots.ts";
import { commands } from "../../src/commands/mod.ts";

// "a" and "b" hash to different slots; "{a}x" shares "a"'s slot.
const A = keySlot("a");
const B = keySlot("b");

describe("splitBySlot", () => {
  it("splitBySlot leaves a command whose keys share a slot whole", () => {
    const argv = ["MGET", "a", "{a}x"];
    assert.notEqual(A, B);
    assert.deepEqual(splitBySlot(argv, commands.mget.keys), [
      { slot: A, argv, keys: [0, 1] },
    ]);
  });

  it("splitBySlot groups keys by slot in the order their first key comes, values with their keys", () => {
    const argv = ["MSET", "a", "1", "b", "2", "{a}x", "3"];
    assert.deepEqual(splitBySlot(argv, commands.mset.keys), [
      { slot: A, argv: ["MSET", "a", "1", "{a}x", "3"], keys: [0, 2] },
      { slot: B, argv: ["MSET", "b", "2"], keys: [1] },
    ]);
    const bytes = new Uint8Array([0x61]); // "a" as bytes
    assert.deepEqual(
      splitBySlot(["DEL", "b", bytes], commands.del.keys).map((part) =>
        part.slot
      ),
      [B, A],
    );
    assert.deepEqual(splitBySlot(["PING"], []), []);
  });
});

describe("mergeParts", () => {
  it("mergeParts puts one reply per key back in the keys' order", () => {
    const parts = splitBySlot(
      ["MGET", "a", "b", "{a}x", "b"],
      commands.mget.keys,
    );
    assert.deepEqual(
      mergeParts(parts, [["va", "vax"], ["vb", "vb2"]], undefined, 4),
      ["va", "vb", "vax", "vb2"],
    );
  });

  it("mergeParts sums counts and keeps the reply of commands that must all succeed", () => {
    const parts = splitBySlot(["DEL", "a", "b"], commands.del.keys);
    assert.equal(mergeParts(parts, [1, 1], "agg_sum", 2), 2);
    assert.equal(mergeParts(parts, ["OK", "OK"], "all_succeeded", 2), "OK");
  });
});
