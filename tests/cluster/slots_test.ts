/**
 * keySlot against the server's own CLUSTER KEYSLOT, for text, Unicode,
 * binary keys and every shape of hash tag.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { keySlot, SLOTS } from "../../src/cluster/slots.ts";
import { connect, type RedisClient } from "../../mod.ts";
import type { Key } from "../../src/commands/_define.ts";
import { startServer, type TestServer } from "../_server.ts";

/** A deterministic pseudo-random generator (xorshift32). */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
}

const TAGGED: Key[] = [
  "{user:1}:name",
  "{user:1}:mail",
  "user:1",
  "{}",
  "{}user",
  "user{}",
  "{",
  "}",
  "}{",
  "}{a}",
  "{{a}}",
  "{a}{b}",
  "a{b}c{d}",
  "x{}{y}",
  "{ü}:tagged",
  "ü{tag}",
  "",
  "123456789",
  "foo",
  "bar",
  new Uint8Array([0x7b, 0xff, 0x00, 0x7d, 0x01]),
  new Uint8Array([0x7b, 0x7d, 0xfe]),
  new Uint8Array([0xff, 0x7b, 0x41, 0x7d]),
  new Uint8Array([]),
];

function randomKeys(count: number): Key[] {
  const next = random(0x5eed);
  const keys: Key[] = [];
  const alphabet = "abcxyz:{}_-0123456789ü€😀";
  for (let i = 0; i < count; i++) {
    const length = Math.floor(next() * 24);
    if (i % 3 === 0) {
      const bytes = new Uint8Array(length);
      for (let j = 0; j < length; j++) {
        // Braces often enough to make tags.
        bytes[j] = next() < 0.1
          ? (next() < 0.5 ? 0x7b : 0x7d)
          : Math.floor(next() * 256);
      }
      keys.push(bytes);
    } else {
      const chars = [...alphabet];
      let text = "";
      for (let j = 0; j < length; j++) {
        text += chars[Math.floor(next() * chars.length)];
      }
      keys.push(text);
    }
  }
  return keys;
}

describe("keySlot", () => {
  let server: TestServer;
  let client: RedisClient;

  before(async () => {
    server = await startServer({ args: ["--cluster-enabled", "yes"] });
    client = await connect({ port: server.port });
  });

  after(async () => {
    await client?.close();
    await server?.stop();
  });

  async function serverSlots(keys: readonly Key[]): Promise<number[]> {
    return await Promise.all(
      keys.map((key) =>
        client.sendCommand(["CLUSTER", "KEYSLOT", key]) as Promise<number>
      ),
    );
  }

  it("keySlot matches CLUSTER KEYSLOT for every shape of hash tag", async () => {
    assert.deepEqual(TAGGED.map(keySlot), await serverSlots(TAGGED));
  });

  it("keySlot matches CLUSTER KEYSLOT for 5000 random text, Unicode and binary keys", async () => {
    const keys = randomKeys(5000);
    const ours = keys.map(keySlot);
    assert.deepEqual(ours, await serverSlots(keys));
    // The keys spread over the slots: the check saw many of them.
    assert.ok(new Set(ours).size > 4000);
  });

  it("keySlot hashes a text key and its UTF-8 bytes alike", () => {
    for (const key of ["ü{€}", "😀", "plain", "{a}b"]) {
      assert.equal(keySlot(key), keySlot(new TextEncoder().encode(key)));
    }
  });

  it("keySlot gives the known CRC16/XMODEM slots and stays in range", () => {
    // CRC16/XMODEM("123456789") is 0x31C3.
    assert.equal(keySlot("123456789"), 0x31c3 % SLOTS);
    assert.equal(keySlot("foo"), 12182);
    assert.equal(keySlot("{user1}.following"), keySlot("{user1}.followers"));
    for (const key of randomKeys(1000)) {
      const slot = keySlot(key);
      assert.ok(Number.isInteger(slot) && slot >= 0 && slot < SLOTS);
    }
  });
});
