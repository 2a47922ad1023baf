// Decoder and encoder micro benchmarks over prepared byte buffers; no server.
//   deno run bench/decoder_bench.ts      bun bench/decoder_bench.ts
import { commands } from "../src/commands/mod.ts";
import { CommandEncoder, RespDecoder } from "../src/resp/mod.ts";
import type { Reply } from "../mod.ts";

const te = new TextEncoder();
const CHUNK = 64 * 1024;

function bulk(s: string): string {
  return `$${te.encode(s).length}\r\n${s}\r\n`;
}

const cases: { name: string; wire: Uint8Array; replies: number }[] = [];
{
  let s = "";
  for (let i = 0; i < 100_000; i++) {
    s += i % 3 === 0 ? "+OK\r\n" : i % 3 === 1 ? `:${i}\r\n` : bulk(`v${i}`);
  }
  cases.push({ name: "100k small replies", wire: te.encode(s), replies: 1e5 });
}
{
  let s = "*10000\r\n";
  for (let i = 0; i < 10_000; i++) s += bulk(`value:${i}`);
  cases.push({ name: "LRANGE 10k (array)", wire: te.encode(s), replies: 1 });
}
{
  let s = "%10000\r\n";
  for (let i = 0; i < 10_000; i++) s += bulk(`field:${i}`) + bulk(`value:${i}`);
  cases.push({
    name: "HGETALL 10k (RESP3 map)",
    wire: te.encode(s),
    replies: 1,
  });
}
{
  let s = "*20000\r\n";
  for (let i = 0; i < 10_000; i++) s += bulk(`field:${i}`) + bulk(`value:${i}`);
  cases.push({
    name: "HGETALL 10k (RESP2 array)",
    wire: te.encode(s),
    replies: 1,
  });
}
{
  const body = "x".repeat(1 << 20);
  cases.push({ name: "1 MiB bulk", wire: te.encode(bulk(body)), replies: 1 });
}

function chunks(wire: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < wire.length; i += CHUNK) {
    out.push(wire.subarray(i, i + CHUNK));
  }
  return out;
}

function time(fn: () => void, minMs = 400): number {
  for (let i = 0; i < 5; i++) fn(); // warm up
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn();
    runs++;
    elapsed = performance.now() - start;
  }
  return elapsed / runs;
}

const runtime = "Bun" in globalThis ? "Bun" : "Deno";
console.log(`decoder (${runtime}), input in ${CHUNK / 1024} KiB chunks`);
for (const { name, wire, replies } of cases) {
  const parts = chunks(wire);
  let sink: Reply[] = [];
  const ms = time(() => {
    const decoder = new RespDecoder();
    const out: Reply[] = [];
    for (const part of parts) decoder.decode(part, out);
    sink = out;
  });
  if (sink.length !== replies) throw new Error(`${name}: got ${sink.length}`);
  const mbs = wire.length / 1e6 / (ms / 1000);
  console.log(
    `  ${name.padEnd(34)} ${ms.toFixed(3).padStart(8)} ms  ${
      mbs.toFixed(0).padStart(6)
    } MB/s  ${(replies / (ms / 1000)).toFixed(0).padStart(10)} replies/s`,
  );
}

// The typed HGETALL on top: the decoded flat array turned into a record of
// 10,000 fields, as client.hgetall() returns it. Building an object with
// 10,000 keys is most of an HGETALL call. "same hash" reads one hash again
// and again, so the field names of the previous reply are reused; "other
// names" alternates between two hashes whose names differ at every
// position, so none is. The fields are counted once, after the timing:
// counting the keys of such an object costs about as much as building it.
{
  const hgetall = commands.hgetall.reply!;
  const same = chunks(
    cases.find((c) => c.name === "HGETALL 10k (RESP2 array)")!.wire,
  );
  let s = "*20000\r\n";
  for (let i = 0; i < 10_000; i++) s += bulk(`other:${i}`) + bulk(`value:${i}`);
  const other = chunks(te.encode(s));
  for (
    const [name, inputs] of [
      ["HGETALL 10k -> record, same hash", [same]],
      ["HGETALL 10k -> record, other names", [same, other]],
    ] as const
  ) {
    let last: unknown;
    let turn = 0;
    const ms = time(() => {
      const parts = inputs[turn++ % inputs.length]!;
      const decoder = new RespDecoder();
      const out: Reply[] = [];
      for (const part of parts) decoder.decode(part, out);
      last = hgetall(out[0]!);
    });
    const fields = Object.keys(last as Record<string, string>).length;
    if (fields !== 10_000) throw new Error(`${name}: ${fields} fields`);
    const bytes = inputs[0]!.reduce((n, part) => n + part.length, 0);
    console.log(
      `  ${name.padEnd(34)} ${ms.toFixed(3).padStart(8)} ms  ${
        (bytes / 1e6 / (ms / 1000)).toFixed(0).padStart(6)
      } MB/s  ${(1000 / ms).toFixed(0).padStart(10)} replies/s`,
    );
  }
}

console.log(`encoder (${runtime})`);
const encoder = new CommandEncoder();
const big = "x".repeat(1 << 20);
// The strings are made before the timing: building `key:${i}` in the loop
// costs more than encoding it in Bun (a rope that the first character read
// has to flatten), and that is the caller's cost, not the encoder's.
const keys = Array.from({ length: 100_000 }, (_, i) => `key:${i}`);
const values = Array.from({ length: 100_000 }, (_, i) => `value:${i}`);
for (const text of [...keys, ...values]) text.charCodeAt(0);
const kib = new Uint8Array(1024);
// Text of 500 and 50,000 characters: the lengths where UTF-8's worst case
// (3 bytes per character) would have one more digit.
const text500 = "y".repeat(500);
const text50k = "z".repeat(50_000);
for (
  const [name, args, count] of [
    ["100k GET key:N", (i: number) => ["GET", keys[i]!], 100_000],
    [
      "100k SET key:N value:N",
      (i: number) => ["SET", keys[i]!, values[i]!],
      100_000,
    ],
    ["1k SET with 1 KiB bytes", (i: number) => ["SET", keys[i]!, kib], 1_000],
    [
      "10k SET with 500-char string",
      (i: number) => ["SET", keys[i]!, text500],
      10_000,
    ],
    [
      "100 SET with 50,000-char string",
      (i: number) => ["SET", keys[i]!, text50k],
      100,
    ],
    ["10 SET with 1 MiB string", (i: number) => ["SET", keys[i]!, big], 10],
  ] as const
) {
  let bytes = 0;
  const ms = time(() => {
    for (let i = 0; i < count; i++) encoder.encode(args(i));
    bytes = encoder.flush().length;
  });
  console.log(
    `  ${name.padEnd(34)} ${ms.toFixed(3).padStart(8)} ms  ${
      (bytes / 1e6 / (ms / 1000)).toFixed(0).padStart(6)
    } MB/s  ${(count / (ms / 1000)).toFixed(0).padStart(10)} commands/s`,
  );
}
