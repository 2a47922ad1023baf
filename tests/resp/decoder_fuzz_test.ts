import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type Reply, RespDecoder } from "../../src/resp/mod.ts";
import { ProtocolError } from "../../src/errors.ts";
import { random } from "./_helpers.ts";

// Seeded, reproducible fuzzing of the decoder: valid streams generated from
// random value trees must decode to those values under any chunking; mutated
// streams must end in values or a ProtocolError, never another exception.

const encoder = new TextEncoder();

/** Generates wire text and the value it must decode to (strings mode). */
function generate(
  next: () => number,
  depth: number,
): { wire: string; value: unknown } {
  const pick = Math.floor(next() * (depth > 3 ? 8 : 12));
  const word = () => {
    const length = Math.floor(next() * 12);
    let text = "";
    for (let i = 0; i < length; i++) {
      // Printable ASCII plus CR, LF and a non-ASCII letter inside bulks.
      const r = next();
      text += r < 0.05 ? "\r" : r < 0.1 ? "\n" : r < 0.15 ? "é" : String
        .fromCharCode(32 + Math.floor(next() * 95));
    }
    return text;
  };
  switch (pick) {
    case 0: {
      const text = word().replace(/[\r\n]/g, "");
      return { wire: `+${text}\r\n`, value: text };
    }
    case 1: {
      const n = Math.floor((next() - 0.5) * 2 ** 40);
      return { wire: `:${n}\r\n`, value: n };
    }
    case 2: {
      const text = word();
      return {
        wire: `$${encoder.encode(text).length}\r\n${text}\r\n`,
        value: text,
      };
    }
    case 3:
      return { wire: "_\r\n", value: null };
    case 4: {
      const b = next() < 0.5;
      return { wire: `#${b ? "t" : "f"}\r\n`, value: b };
    }
    case 5: {
      const d = Math.round((next() - 0.5) * 1e6) / 1000;
      return { wire: `,${d}\r\n`, value: d };
    }
    case 6: {
      const n = BigInt(Math.floor(next() * 1e9)) ** 3n;
      return { wire: `(${n}\r\n`, value: n };
    }
    case 7:
      return { wire: "$-1\r\n", value: null };
    default: {
      const count = Math.floor(next() * 5);
      const items = Array.from(
        { length: count },
        () => generate(next, depth + 1),
      );
      const wire = items.map((item) => item.wire).join("");
      if (pick === 8 || pick === 9) {
        return {
          wire: `*${count}\r\n${wire}`,
          value: items.map((i) => i.value),
        };
      }
      if (pick === 10) {
        return {
          wire: `~${count}\r\n${wire}`,
          value: new Set(items.map((i) => i.value)),
        };
      }
      // A map of count pairs: keys are the even items.
      const pairs = Array.from({ length: count }, () => [
        generate(next, depth + 1),
        generate(next, depth + 1),
      ]);
      return {
        wire: `%${count}\r\n${
          pairs.map(([k, v]) => k!.wire + v!.wire).join("")
        }`,
        value: new Map(pairs.map(([k, v]) => [k!.value, v!.value])),
      };
    }
  }
}

/**
 * Maps and sets as entry lists in insertion order (fixed by the wire), so
 * the comparison does not depend on how an assert library matches
 * structurally equal object keys (Bun's does not, for several such keys).
 */
function canonical(value: unknown): unknown {
  if (value instanceof Map) {
    return {
      map: [...value].map(([k, v]) => [canonical(k), canonical(v)]),
    };
  }
  if (value instanceof Set) return { set: [...value].map(canonical) };
  if (Array.isArray(value)) return value.map(canonical);
  return value;
}

function chunked(
  bytes: Uint8Array,
  next: () => number,
): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const size = next() < 0.3 ? 1 : 1 + Math.floor(next() * 40);
    chunks.push(bytes.subarray(pos, pos + size));
    pos += size;
  }
  return chunks;
}

describe("RespDecoder fuzz", () => {
  it("RespDecoder decodes 30k generated streams the same under random chunkings", () => {
    const next = random(0x5eed);
    for (let n = 0; n < 30_000; n++) {
      const cases = Array.from(
        { length: 1 + Math.floor(next() * 3) },
        () => generate(next, 0),
      );
      const wire = encoder.encode(cases.map((c) => c.wire).join(""));
      const decoder = new RespDecoder();
      const out: Reply[] = [];
      for (const chunk of chunked(wire, next)) decoder.decode(chunk, out);
      assert.deepStrictEqual(
        canonical(out),
        canonical(cases.map((c) => c.value)),
        `case ${n}: ${JSON.stringify(cases.map((c) => c.wire))}`,
      );
      assert.equal(decoder.pending, false);
    }
  });

  it("RespDecoder ends 30k mutated streams in values or a ProtocolError", () => {
    const next = random(0xbad5eed);
    let protocolErrors = 0;
    for (let n = 0; n < 30_000; n++) {
      const wire = Array.from(encoder.encode(generate(next, 0).wire));
      const mutations = 1 + Math.floor(next() * 3);
      for (let m = 0; m < mutations; m++) {
        const at = Math.floor(next() * (wire.length + 1));
        const r = next();
        const byte = next() < 0.5
          ? Math.floor(next() * 256)
          : "+-:$*_#,(!=%~|>\r\n0123456789-".charCodeAt(
            Math.floor(next() * 28),
          );
        if (r < 0.4) wire[at] = byte;
        else if (r < 0.7) wire.splice(at, 0, byte);
        else if (r < 0.9) wire.splice(at, 1);
        else wire.length = at; // truncate
      }
      const bytes = new Uint8Array(wire);
      const decoder = new RespDecoder({
        maxBulkLength: 1 << 20,
        maxAggregateLength: 1 << 16,
        maxDepth: 16,
      });
      try {
        for (const chunk of chunked(bytes, next)) decoder.decode(chunk);
      } catch (error) {
        if (!(error instanceof ProtocolError)) {
          assert.fail(
            `case ${n}: ${
              JSON.stringify(String.fromCharCode(...bytes))
            } threw ${error}`,
          );
        }
        protocolErrors++;
      }
    }
    // The mutations must actually produce malformed input.
    assert.ok(protocolErrors > 3000, `only ${protocolErrors} protocol errors`);
  });
});
