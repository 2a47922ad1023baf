import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { decodeRecordKey, encodeRecordKey } from "../../mod.ts";
import { CommandEncoder, encodeCommand } from "../../src/resp/mod.ts";

const utf8 = new TextEncoder();

/** A deterministic generator of byte strings (xorshift32). */
function randomBytes(seed: number): () => Uint8Array {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  return () => {
    const out = new Uint8Array(next() % 12);
    for (let i = 0; i < out.length; i++) {
      // Mostly bytes of multi-byte sequences, where the edge cases are.
      out[i] = next() % 4 === 0 ? next() % 0x80 : 0x80 + next() % 0x80;
    }
    return out;
  };
}

describe("decodeRecordKey and encodeRecordKey", () => {
  it("decodeRecordKey gives valid UTF-8 its text, U+FFFD included", () => {
    for (const text of ["", "field", "é", "日本", "😀", "\ufffd", "a\u0000b"]) {
      assert.equal(decodeRecordKey(utf8.encode(text)), text);
      assert.deepEqual(encodeRecordKey(text), utf8.encode(text));
    }
  });

  it("decodeRecordKey turns each byte outside a valid sequence into U+DC80 to U+DCFF", () => {
    for (let b = 0x80; b <= 0xff; b++) {
      const key = decodeRecordKey(new Uint8Array([b]));
      assert.equal(key, String.fromCharCode(0xdc00 + b));
      assert.deepEqual(encodeRecordKey(key), new Uint8Array([b]));
    }
    // Overlong, surrogate and out-of-range sequences are not valid UTF-8.
    for (
      const bytes of [
        [0xc0, 0x80],
        [0xe0, 0x80, 0x80],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
        [0xe2, 0x82],
      ]
    ) {
      const key = decodeRecordKey(new Uint8Array(bytes));
      assert.equal(key.isWellFormed(), false);
      assert.deepEqual(encodeRecordKey(key), new Uint8Array(bytes));
    }
  });

  it("decodeRecordKey gives 20,000 random byte strings distinct keys that encodeRecordKey turns back into the same bytes", () => {
    const next = randomBytes(0x5eed);
    const seen = new Map<string, string>();
    for (let i = 0; i < 20_000; i++) {
      const bytes = next();
      const key = decodeRecordKey(bytes);
      assert.deepEqual(encodeRecordKey(key), bytes);
      const hex = [...bytes].join(",");
      const before = seen.get(key);
      assert.ok(before === undefined || before === hex, `${before} vs ${hex}`);
      seen.set(key, hex);
    }
  });

  it("CommandEncoder sends a string holding escaped bytes as those bytes, and other text as UTF-8", () => {
    const raw = new Uint8Array([0x66, 0xff, 0xc3, 0x00, 0xe9]);
    const key = decodeRecordKey(raw);
    assert.deepEqual(encodeCommand(["GET", key]), encodeCommand(["GET", raw]));
    const long = "x".repeat(100) + key;
    const longBytes = new Uint8Array([...utf8.encode("x".repeat(100)), ...raw]);
    const encoder = new CommandEncoder();
    encoder.encode(["SET", long, "é"]);
    assert.deepEqual(
      encoder.flush(),
      encodeCommand(["SET", longBytes, utf8.encode("é")]),
    );
    // A lone surrogate that no byte stands for becomes U+FFFD, as before.
    assert.deepEqual(
      encodeCommand(["GET", "\ud800"]),
      encodeCommand(["GET", "\ufffd"]),
    );
  });
});
