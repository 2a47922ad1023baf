import { describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import {
  Push,
  type Reply,
  RespDecoder,
  type RespDecoderOptions,
  VerbatimString,
} from "../../src/resp/mod.ts";
import { ProtocolError, ReplyError } from "../../src/errors.ts";
import { bytes, random } from "./_helpers.ts";

// Seeded, reproducible fuzzing of the decoder. Three categories of streams,
// each fed in random chunkings (one chunk, 1-byte chunks, small and large
// random chunks) to a new decoder with random options and, in a fraction of
// the cases, small limits:
//
// - generated: valid streams built from random value trees must decode to
//   those values, or, when they break a limit, to the values before the
//   offending reply and then a ProtocolError naming a limit;
// - mutated: generated streams with bytes replaced, inserted, deleted,
//   duplicated or cut must end in values or a ProtocolError, and the same
//   outcome whether fed whole or chunked;
// - random: pure random bytes, random lines behind valid type bytes and
//   soups of RESP tokens, with the same checks as mutated streams.
//
// Any other exception (a TypeError, a RangeError, a stack overflow) fails
// with the category, the case index and the seed. Every case has its own
// PRNG seeded from (seed, category, index), so one case replays alone:
//
//   RESPITE_FUZZ_CASES   total number of streams (default 60000; the
//                        `fuzz` and `fuzz:bun` tasks run 1000000)
//   RESPITE_FUZZ_SEED    base seed (default 0x5eed)
//   RESPITE_FUZZ_REPLAY  "category:index" runs that case only, printing it

const env = process.env;
const TOTAL = parseCount(env.RESPITE_FUZZ_CASES, 60_000);
const SEED = parseCount(env.RESPITE_FUZZ_SEED, 0x5eed) >>> 0;
const REPLAY = env.RESPITE_FUZZ_REPLAY;
const SEED_TEXT = `0x${SEED.toString(16)}`;
/** Cases per `it`: about half a second, well inside Bun's 5 s default. */
const BLOCK = 10_000;

function parseCount(text: string | undefined, fallback: number): number {
  if (text === undefined || text === "") return fallback;
  const n = Number(text.replaceAll("_", ""));
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new Error(`Not a count or seed: ${JSON.stringify(text)}`);
  }
  return n;
}

// ---- bytes ------------------------------------------------------------------

const CR = 13;
const LF = 10;
const SIMPLE = 0x2b; // +
const ERROR = 0x2d; // -
const INTEGER = 0x3a; // :
const BULK = 0x24; // $
const ARRAY = 0x2a; // *
const NULL = 0x5f; // _
const BOOLEAN = 0x23; // #
const DOUBLE = 0x2c; // ,
const BIG_NUMBER = 0x28; // (
const BULK_ERROR = 0x21; // !
const VERBATIM = 0x3d; // =
const MAP = 0x25; // %
const SET = 0x7e; // ~
const ATTRIBUTE = 0x7c; // |
const PUSH = 0x3e; // >
const TYPES = "+-:$*_#,(!=%~|>";
const AGGREGATES = [ARRAY, SET, PUSH, MAP];

/** Bytes of a string of char codes below 256 (one byte each). */
function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

function text(data: Uint8Array): string {
  let out = "";
  for (const byte of data) out += String.fromCharCode(byte);
  return out;
}

/** An append-only byte buffer. */
class Writer {
  buf = new Uint8Array(256);
  length = 0;
  #room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const grown = new Uint8Array(
      Math.max(this.buf.length * 2, this.length + n),
    );
    grown.set(this.buf.subarray(0, this.length));
    this.buf = grown;
  }
  byte(b: number): void {
    this.#room(1);
    this.buf[this.length++] = b;
  }
  bytes(data: Uint8Array): void {
    this.#room(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
  }
  latin1(text: string): void {
    this.#room(text.length);
    for (let i = 0; i < text.length; i++) {
      this.buf[this.length++] = text.charCodeAt(i);
    }
  }
  done(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** A short printable rendering of bytes for failure messages. */
function quote(data: Uint8Array, max = 400): string {
  const shown = text(data.subarray(0, max));
  return JSON.stringify(shown) +
    (data.length > max ? ` (${data.length} bytes in all)` : "");
}

// ---- randomness ---------------------------------------------------------------

type Next = () => number;

const CATEGORIES = ["generated", "mutated", "random"] as const;
type Category = typeof CATEGORIES[number];

/** The seed of one case: a murmur3-style mix of seed, category and index. */
function caseSeed(category: Category, index: number): number {
  let h = SEED ^ Math.imul(CATEGORIES.indexOf(category) + 1, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ index;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

function int(next: Next, n: number): number {
  return Math.floor(next() * n);
}

function pick<T>(next: Next, items: readonly T[]): T {
  return items[int(next, items.length)]!;
}

/** Mostly small, sometimes larger lengths. */
function smallLength(next: Next): number {
  const r = next();
  return r < 0.7 ? int(next, 8) : r < 0.95 ? int(next, 24) : int(next, 100);
}

/**
 * Random string content: printable ASCII with CR, LF (unless for a line),
 * 2- and 4-byte UTF-8 and raw bytes that may be invalid UTF-8.
 */
function content(next: Next, length: number, line: boolean): Uint8Array {
  const w = new Writer();
  // (Draws the same numbers either way, so case numbers stay valid.)
  const bom = next() < 0.02;
  if (bom) w.latin1("\xef\xbb\xbf"); // U+FEFF
  for (let i = 0; i < length; i++) {
    const r = next();
    if (r < 0.06 && !line) w.byte(r < 0.03 ? CR : LF);
    else if (r < 0.1) w.latin1("\xc3\xa9"); // é
    else if (r < 0.12) w.latin1("\xf0\x9f\x98\x80"); // an emoji
    else if (r < 0.15) {
      const b = int(next, 256);
      w.byte(line && (b === CR || b === LF) ? 0x20 : b);
    } else w.byte(32 + int(next, 95));
  }
  return w.done();
}

function digits(next: Next, count: number): string {
  let out = "";
  for (let i = 0; i < count; i++) {
    out += String.fromCharCode(0x30 + int(next, 10));
  }
  return out;
}

// ---- value trees ------------------------------------------------------------

/** One RESP element, with what follows its type byte on the first line. */
interface Node {
  type: number;
  /** The rest of the first line: a value, or a length for `$ ! = * ~ > % |`. */
  head: Uint8Array;
  /** Bodies of bulk strings, bulk errors and verbatim strings. */
  body?: Uint8Array;
  /** Elements of aggregates; keys and values alternate in maps. */
  items?: Node[];
  /** An attribute sent right before this element. */
  attributes?: Node;
}

function line(type: number, head: string | Uint8Array): Node {
  return { type, head: typeof head === "string" ? latin1(head) : head };
}

function blob(type: number, body: Uint8Array): Node {
  return { type, head: latin1(String(body.length)), body };
}

function aggregate(type: number, items: Node[]): Node {
  const count = type === MAP || type === ATTRIBUTE
    ? items.length / 2
    : items.length;
  return { type, head: latin1(String(count)), items };
}

function genScalar(next: Next): Node {
  switch (int(next, 13)) {
    case 0:
      return line(SIMPLE, content(next, smallLength(next), true));
    case 1: {
      const code = pick(next, ["ERR ", "WRONGTYPE ", "MOVED ", "", "err "]);
      return line(ERROR, code + text(content(next, smallLength(next), true)));
    }
    case 2: {
      const sign = pick(next, ["", "", "-", "+"]);
      const n = next() < 0.8 ? 1 + int(next, 6) : 1 + int(next, 22);
      return line(INTEGER, sign + digits(next, n));
    }
    case 3:
      return blob(BULK, content(next, smallLength(next), false));
    case 4:
      return line(BULK, "-1");
    case 5:
      return blob(BULK_ERROR, content(next, smallLength(next), false));
    case 6: {
      const format = pick(next, ["txt", "mkd", "xyz"]);
      const body = content(next, smallLength(next), false);
      const data = new Uint8Array(4 + body.length);
      data.set(latin1(format + ":"));
      data.set(body, 4);
      return blob(VERBATIM, data);
    }
    case 7:
      return line(NULL, "");
    case 8:
      return line(BOOLEAN, next() < 0.5 ? "t" : "f");
    case 9:
      return line(DOUBLE, genDouble(next));
    case 10: {
      const sign = pick(next, ["", "", "-", "+"]);
      return line(BIG_NUMBER, sign + digits(next, 1 + int(next, 40)));
    }
    case 11:
      return line(ARRAY, "-1");
    default:
      return line(INTEGER, String(int(next, 1000)));
  }
}

function genDouble(next: Next): string {
  const r = next();
  if (r < 0.1) return pick(next, ["inf", "-inf", "+inf", "nan", "-nan"]);
  const sign = pick(next, ["", "", "-", "+"]);
  let mantissa: string;
  const m = next();
  if (m < 0.4) mantissa = digits(next, 1 + int(next, 6));
  else if (m < 0.8) {
    mantissa = digits(next, 1 + int(next, 6)) + "." +
      digits(next, int(next, 6));
  } else mantissa = "." + digits(next, 1 + int(next, 6));
  const exponent = next() < 0.2
    ? pick(next, ["e", "E"]) + pick(next, ["", "-", "+"]) +
      digits(next, 1 + int(next, 3))
    : "";
  return sign + mantissa + exponent;
}

function genNode(next: Next, depth: number): Node {
  let node: Node;
  const r = next();
  if (depth === 0 && r < 0.0006) {
    // Large strings (around 64 KiB) that arrive in many chunks; half of
    // them end inside a UTF-8 sequence, which must still decode to a
    // replacement character.
    const w = new Writer();
    w.bytes(content(next, 58_000 + int(next, 4_000), false));
    if (next() < 0.5) {
      w.latin1(pick(next, ["\xe2\x82", "\xf0\x9f\x98", "\xc3"]));
    }
    node = blob(BULK, w.done());
  } else if (r < 0.002) {
    // A chain of nested aggregates around a scalar, deeper than tight
    // depth limits.
    node = genScalar(next);
    const levels = 4 + int(next, 9);
    for (let i = 0; i < levels; i++) {
      const type = pick(next, AGGREGATES);
      node = aggregate(type, type === MAP ? [genScalar(next), node] : [node]);
    }
  } else if (r < 0.005) {
    // Around a 256-byte line limit (the type byte counts).
    const length = 250 + int(next, 12);
    node = line(SIMPLE, content(next, length, true).subarray(0, length));
  } else if (r < 0.008) {
    // Around a 4096-byte bulk limit.
    const length = 4090 + int(next, 12);
    node = blob(BULK, content(next, length, false).subarray(0, length));
  } else if (r < 0.0085 && depth < 2) {
    // Around a 1000-element aggregate limit.
    const count = 995 + int(next, 10);
    const items = Array.from(
      { length: count },
      (_, i) => line(INTEGER, String(i)),
    );
    node = aggregate(next() < 0.5 ? ARRAY : SET, items);
  } else if (depth <= 3 && next() < 0.3) {
    const type = pick(next, AGGREGATES);
    const count = int(next, 5);
    const items = Array.from(
      { length: type === MAP ? 2 * count : count },
      () => genNode(next, depth + 1),
    );
    node = aggregate(type, items);
  } else {
    node = genScalar(next);
  }
  if (next() < 0.03) {
    const pairs = int(next, 3);
    node.attributes = aggregate(
      ATTRIBUTE,
      Array.from({ length: 2 * pairs }, () => genNode(next, depth + 1)),
    );
  }
  return node;
}

function write(node: Node, w: Writer): void {
  if (node.attributes) write(node.attributes, w);
  w.byte(node.type);
  w.bytes(node.head);
  w.byte(CR);
  w.byte(LF);
  if (node.body) {
    w.bytes(node.body);
    w.byte(CR);
    w.byte(LF);
  }
  if (node.items) { for (const item of node.items) write(item, w); }
}

// ---- expected values ----------------------------------------------------------

/** Correct UTF-8 decoding: replacement characters, and U+FEFF kept. */
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * The value `node` decodes to. Maps and sets are built for real, so equal
 * keys collapse exactly as in the decoder. Attributes are appended to
 * `attributes` in the order the decoder completes them.
 */
function expected(
  node: Node,
  spec: Spec,
  bytesMode: boolean,
  attributes: Reply[],
  withAttributes = true,
): Reply {
  if (withAttributes && node.attributes) {
    attributes.push(expected(node.attributes, spec, bytesMode, attributes));
  }
  const head = node.head;
  switch (node.type) {
    case SIMPLE:
      return bytesMode ? head.slice() : utf8.decode(head);
    case ERROR:
      return new ReplyError(utf8.decode(head));
    case INTEGER: {
      const big = BigInt(text(head));
      return big >= BigInt(Number.MIN_SAFE_INTEGER) &&
          big <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(big)
        : big;
    }
    case BULK:
      if (!node.body) return null;
      return bytesMode ? node.body.slice() : utf8.decode(node.body);
    case BULK_ERROR:
      return new ReplyError(utf8.decode(node.body!));
    case VERBATIM: {
      const body = node.body!;
      if (bytesMode) return body.slice(4);
      const value = utf8.decode(body.subarray(4));
      return spec.verbatimObject
        ? new VerbatimString(utf8.decode(body.subarray(0, 3)), value)
        : value;
    }
    case NULL:
      return null;
    case BOOLEAN:
      return head[0] === 0x74;
    case DOUBLE: {
      const t = text(head);
      if (t === "inf" || t === "+inf") return Infinity;
      if (t === "-inf") return -Infinity;
      if (t === "nan" || t === "-nan") return NaN;
      return Number(t);
    }
    case BIG_NUMBER:
      return BigInt(text(head));
  }
  const items = node.items;
  if (!items) return null; // *-1
  const values = items.map((item) =>
    expected(item, spec, bytesMode, attributes)
  );
  switch (node.type) {
    case ARRAY:
      return values;
    case SET:
      return new Set(values);
    case PUSH:
      return new Push(values);
    default: {
      const map = new Map<Reply, Reply>();
      for (let i = 0; i < values.length; i += 2) {
        map.set(values[i]!, values[i + 1]!);
      }
      return map;
    }
  }
}

/** Whether decoding `node` at nesting `level` breaks one of the limits. */
function breaksLimit(node: Node, level: number, limits: Limits): boolean {
  if (node.attributes && breaksLimit(node.attributes, level, limits)) {
    return true;
  }
  if (1 + node.head.length > limits.maxLineLength) return true;
  if (node.body && node.body.length > limits.maxBulkLength) return true;
  const items = node.items;
  if (!items) return false;
  const count = node.type === MAP || node.type === ATTRIBUTE
    ? items.length / 2
    : items.length;
  if (count > limits.maxAggregateLength) return true;
  if (count > 0 && level >= limits.maxDepth) return true;
  return items.some((item) => breaksLimit(item, level + 1, limits));
}

/**
 * An exact text form of a reply for comparisons: distinguishes strings from
 * bytes, -0 from 0, bigints from numbers, and lists maps and sets in order.
 */
function repr(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
      return String(value);
  }
  if (value === null) return "null";
  if (value instanceof Uint8Array) {
    let hex = "";
    for (const b of value) hex += b.toString(16).padStart(2, "0");
    return `<${hex}>`;
  }
  if (value instanceof ReplyError) {
    return `Error(${JSON.stringify(value.message)}, ${value.code})`;
  }
  if (value instanceof VerbatimString) {
    return `Verbatim(${JSON.stringify(value.format)}, ${
      JSON.stringify(value.text)
    })`;
  }
  if (value instanceof Push) return `Push${repr(value.data)}`;
  if (Array.isArray(value)) return `[${value.map(repr).join(", ")}]`;
  if (value instanceof Map) {
    return `Map{${
      [...value].map(([k, v]) => `${repr(k)} => ${repr(v)}`).join(", ")
    }}`;
  }
  if (value instanceof Set) return `Set{${[...value].map(repr).join(", ")}}`;
  return `?${String(value)}`;
}

// ---- decoder options ----------------------------------------------------------

interface Limits {
  maxDepth: number;
  maxBulkLength: number;
  maxAggregateLength: number;
  maxLineLength: number;
}

const DEFAULT_LIMITS: Limits = {
  maxDepth: 128,
  maxBulkLength: 512 * 1024 * 1024,
  maxAggregateLength: 2 ** 27,
  maxLineLength: 1024 * 1024,
};

/** The options of one case. */
interface Spec {
  /** The limits in force (defaults where `given` has none). */
  limits: Limits;
  /** The limits passed to the decoder. */
  given: Partial<Limits>;
  bytes: boolean;
  verbatimObject: boolean;
  pushBytes: boolean | undefined;
  /** Salt of the `bytesForNextReply` hook, when there is one. */
  hookSalt: number | undefined;
  recordAttributes: boolean;
}

function randomSpec(next: Next): Spec {
  const limits = { ...DEFAULT_LIMITS };
  const given: Partial<Limits> = {};
  if (next() < 0.35) {
    // Small limits: the ones a client might pick, or tiny ones.
    const tiny = next() < 0.3;
    if (next() < 0.6) {
      limits.maxDepth = given.maxDepth = tiny ? int(next, 4) : 8;
    }
    if (next() < 0.6) {
      limits.maxBulkLength = given.maxBulkLength = tiny
        ? pick(next, [0, 5, 16])
        : 4096;
    }
    if (next() < 0.6) {
      limits.maxAggregateLength = given.maxAggregateLength = tiny
        ? pick(next, [0, 1, 3])
        : 1000;
    }
    if (next() < 0.6) {
      limits.maxLineLength = given.maxLineLength = tiny
        ? pick(next, [1, 4, 24])
        : 256;
    }
  }
  return {
    limits,
    given,
    bytes: next() < 0.25,
    verbatimObject: next() < 0.5,
    pushBytes: next() < 0.3 ? next() < 0.5 : undefined,
    hookSalt: next() < 0.3 ? int(next, 2 ** 31) : undefined,
    recordAttributes: next() < 0.7,
  };
}

/** The `bytesForNextReply` hook of a spec: a fixed pick per type byte. */
function hook(salt: number, type: number): boolean {
  return ((Math.imul(type, 0x9e3779b1) ^ salt) >>> 7 & 1) === 1;
}

function optionsOf(spec: Spec, attributes: Reply[]): RespDecoderOptions {
  const options: RespDecoderOptions = { ...spec.given };
  if (spec.bytes) options.bytes = true;
  if (spec.verbatimObject) options.verbatim = "object";
  if (spec.pushBytes !== undefined) options.pushBytes = spec.pushBytes;
  const salt = spec.hookSalt;
  if (salt !== undefined) options.bytesForNextReply = (t) => hook(salt, t);
  if (spec.recordAttributes) options.onAttributes = (m) => attributes.push(m);
  return options;
}

/** Whether a top-level reply of this type decodes its strings as bytes. */
function topLevelBytes(spec: Spec, type: number): boolean {
  if (type === PUSH) return spec.pushBytes ?? spec.bytes;
  return spec.hookSalt === undefined ? spec.bytes : hook(spec.hookSalt, type);
}

// ---- feeding ------------------------------------------------------------------

/** Splits `data` into chunks by one of several strategies. */
function chunked(data: Uint8Array, next: Next): Uint8Array[] {
  const strategy = next();
  if (strategy < 0.1) return [data];
  const chunks: Uint8Array[] = [];
  let pos = 0;
  while (pos < data.length) {
    let size: number;
    if (strategy < 0.2) size = 1;
    else if (strategy < 0.85) {
      size = next() < 0.3 ? 1 : 1 + int(next, 40);
    } else size = 1 + int(next, 4096);
    const empty = next() < 0.05;
    if (empty) chunks.push(data.subarray(pos, pos));
    chunks.push(data.subarray(pos, pos + size));
    pos += size;
  }
  return chunks;
}

interface Outcome {
  values: Reply[];
  error: ProtocolError | undefined;
  attributes: Reply[];
  pending: boolean;
}

/** An exception other than a ProtocolError out of the decoder. */
class DecoderCrash extends Error {
  override name = "DecoderCrash";
}

const ONE_BYTE = latin1("+");

/** Feeds `chunks` to a new decoder until they end or it throws. */
function feed(chunks: Uint8Array[], spec: Spec): Outcome {
  const attributes: Reply[] = [];
  const decoder = new RespDecoder(optionsOf(spec, attributes));
  const values: Reply[] = [];
  for (const chunk of chunks) {
    stats.bytesFed += chunk.length;
    try {
      decoder.decode(chunk, values);
    } catch (error) {
      if (!(error instanceof ProtocolError)) {
        throw new DecoderCrash(
          `the decoder threw ${
            error instanceof Error ? `${error.name}: ${error.message}` : error
          }`,
          { cause: error },
        );
      }
      // A failed decoder stays failed, with the same error.
      assert.equal(decoder.failure, error);
      assert.throws(() => decoder.decode(ONE_BYTE), (e) => e === error);
      return { values, error, attributes, pending: false };
    }
  }
  return { values, error: undefined, attributes, pending: decoder.pending };
}

function describeOutcome(outcome: Outcome): string {
  return [
    `values ${repr(outcome.values)}`,
    // Messages may differ: a chunked line can fail its partial check first.
    outcome.error ? "a ProtocolError" : "no error",
    `attributes ${repr(outcome.attributes)}`,
    `pending ${outcome.pending}`,
  ].join("\n");
}

// ---- cases --------------------------------------------------------------------

const stats = {
  cases: { generated: 0, mutated: 0, random: 0 } as Record<Category, number>,
  protocolErrors: { generated: 0, mutated: 0, random: 0 } as Record<
    Category,
    number
  >,
  /** Generated streams that broke a (small) limit, as predicted. */
  limitErrors: 0,
  tightCases: 0,
  bytesFed: 0,
  largestStream: 0,
  slowestCase: { ms: 0, name: "" },
};

interface CaseInput {
  stream: Uint8Array;
  chunks: Uint8Array[];
}

/** What the case being run feeds, for its failure message. */
let current: CaseInput | undefined;

/** `current`, read through a call (assignments elsewhere narrow it). */
function currentInput(): CaseInput | undefined {
  return current;
}

function generatedCase(next: Next): void {
  const spec = randomSpec(next);
  const units = Array.from(
    { length: 1 + int(next, 3) },
    () => genNode(next, 0),
  );
  const w = new Writer();
  for (const unit of units) write(unit, w);
  const stream = w.done();
  const chunks = chunked(stream, next);
  current = { stream, chunks };

  const attributes: Reply[] = [];
  const values = units.map((unit) => {
    // Top-level attributes decode in the default mode, pushes in pushBytes
    // mode, other replies as the hook says.
    if (unit.attributes) {
      attributes.push(expected(unit.attributes, spec, spec.bytes, attributes));
    }
    return expected(
      unit,
      spec,
      topLevelBytes(spec, unit.type),
      attributes,
      false,
    );
  });
  const broken = units.findIndex((unit) => breaksLimit(unit, 0, spec.limits));
  const outcome = feed(chunks, spec);
  if (broken < 0) {
    assert.equal(outcome.error, undefined, "a valid stream failed");
    assert.equal(repr(outcome.values), repr(values));
    if (spec.recordAttributes) {
      assert.equal(repr(outcome.attributes), repr(attributes));
    }
    assert.equal(outcome.pending, false);
  } else {
    assert.ok(
      outcome.error,
      `reply ${broken} breaks a limit of ${JSON.stringify(spec.given)}`,
    );
    assert.match(outcome.error.message, /limit/);
    assert.equal(repr(outcome.values), repr(values.slice(0, broken)));
    stats.limitErrors++;
  }
}

const TOKENS = [
  "\r\n",
  "\r",
  "\n",
  "0",
  "1",
  "9",
  "-1",
  "-",
  "+",
  "t",
  "inf",
  ".",
  "e",
  "txt:",
  "OK",
  "\x00",
  "\xff",
  "\xc3",
  "*1\r\n",
  "*2\r\n",
  "%1\r\n",
  "~1\r\n",
  ">2\r\n",
  "|1\r\n",
  "$3\r\nabc\r\n",
  "=8\r\ntxt:abcd\r\n",
  "!3\r\nERR\r\n",
  ":1\r\n",
  "+OK\r\n",
  "-ERR x\r\n",
  "_\r\n",
  "#t\r\n",
  ",1.5\r\n",
  "(123\r\n",
  "$-1\r\n",
  "*-1\r\n",
  "*0\r\n",
  "%0\r\n",
  "|0\r\n",
  "$0\r\n\r\n",
  "$999999999999\r\n",
  "*4294967296\r\n",
  "$9999999999999999\r\n",
  ":99999999999999999999999\r\n",
];

/** The bytes of 1 to 3 generated replies. */
function generatedStream(next: Next): Uint8Array {
  const w = new Writer();
  for (let n = 1 + int(next, 3); n > 0; n--) write(genNode(next, 0), w);
  return w.done();
}

function mutate(data: Uint8Array, next: Next): Uint8Array {
  const wire = Array.from(data);
  const count = 1 + int(next, 4);
  for (let m = 0; m < count; m++) {
    const at = int(next, wire.length + 1);
    const r = next();
    const byte = next() < 0.5
      ? int(next, 256)
      : "+-:$*_#,(!=%~|>\r\n0123456789-".charCodeAt(int(next, 28));
    if (r < 0.25) wire[at] = byte;
    else if (r < 0.45) wire.splice(at, 0, byte);
    else if (r < 0.6) wire.splice(at, 1 + int(next, 3));
    else if (r < 0.67) wire.length = at; // truncate
    else if (r < 0.8) {
      // Duplicate a slice somewhere else.
      const from = int(next, wire.length + 1);
      const slice = wire.slice(from, from + 1 + int(next, 16));
      wire.splice(at, 0, ...slice);
    } else if (r < 0.9) {
      wire.splice(at, 0, ...latin1(pick(next, TOKENS)));
    } else {
      // Change the next digit: lengths that lie.
      let i = at;
      while (i < wire.length && (wire[i]! < 0x30 || wire[i]! > 0x39)) i++;
      if (i < wire.length) {
        if (next() < 0.5) wire[i] = 0x30 + int(next, 10);
        else wire.splice(i, 0, ...latin1(digits(next, 1 + int(next, 12))));
      }
    }
  }
  return Uint8Array.from(wire);
}

function randomStream(next: Next): Uint8Array {
  const w = new Writer();
  const kind = next();
  if (kind < 1 / 3) {
    // Pure random bytes.
    const length = next() < 0.9 ? int(next, 32) : int(next, 512);
    for (let i = 0; i < length; i++) w.byte(int(next, 256));
  } else if (kind < 2 / 3) {
    // Lines behind (mostly) valid type bytes, random headers and bodies.
    const lines = 1 + int(next, 6);
    for (let n = 0; n < lines; n++) {
      const type = next() < 0.9
        ? TYPES.charCodeAt(int(next, TYPES.length))
        : int(next, 256);
      w.byte(type);
      const h = next();
      let declared = -1;
      if (h < 0.35) {
        const d = digits(next, int(next, 4));
        declared = d === "" ? -1 : Number(d);
        w.latin1(d);
      } else if (h < 0.45) w.latin1(digits(next, 1 + int(next, 20)));
      else if (h < 0.55) w.latin1(pick(next, ["-1", "-", "+", "-0", "+1"]));
      else if (h < 0.65) {
        w.latin1(pick(next, ["t", "f", "inf", "nan", "1.5", ".", "1e", "x"]));
      } else if (h < 0.8) {
        const length = int(next, 10);
        for (let i = 0; i < length; i++) w.byte(32 + int(next, 95));
      } else {
        const length = int(next, 5);
        for (let i = 0; i < length; i++) w.byte(int(next, 256));
      }
      w.latin1(next() < 0.85 ? "\r\n" : pick(next, ["\r", "\n", "", "\n\r"]));
      if ("$!=".includes(String.fromCharCode(type)) && next() < 0.8) {
        const length = declared >= 0 && declared <= 64 && next() < 0.8
          ? declared
          : int(next, 12);
        for (let i = 0; i < length; i++) w.byte(int(next, 256));
        if (next() < 0.85) w.latin1("\r\n");
      }
    }
  } else {
    // A soup of RESP tokens.
    const tokens = 1 + int(next, 30);
    for (let n = 0; n < tokens; n++) w.latin1(pick(next, TOKENS));
  }
  return w.done();
}

/**
 * Arbitrary streams: values or a ProtocolError, and the same outcome whole
 * or chunked (values, error or not, attributes, pending).
 */
function differentialCase(
  category: Category,
  stream: Uint8Array,
  next: Next,
): void {
  const spec = randomSpec(next);
  const chunks = chunked(stream, next);
  current = { stream, chunks };
  const whole = feed([stream], spec);
  const split = feed(chunks, spec);
  const a = describeOutcome(whole);
  const b = describeOutcome(split);
  assert.equal(
    b,
    a,
    `chunked and whole decoding disagree (errors: ${split.error?.message}; ` +
      `${whole.error?.message})`,
  );
  if (whole.error) stats.protocolErrors[category]++;
}

function runCase(category: Category, index: number): void {
  const seed = caseSeed(category, index);
  const next = random(seed);
  const started = performance.now();
  current = undefined;
  try {
    if (category === "generated") generatedCase(next);
    else {
      const stream = category === "mutated"
        ? mutate(generatedStream(next), next)
        : randomStream(next);
      differentialCase(category, stream, next);
    }
  } catch (error) {
    const input = currentInput();
    const shown = input
      ? `\ninput ${quote(input.stream)}\nchunk sizes ${
        JSON.stringify(input.chunks.slice(0, 60).map((c) => c.length))
      }`
      : "";
    throw new Error(
      `${category} case ${index} (seed ${SEED_TEXT}; replay with ` +
        `RESPITE_FUZZ_SEED=${SEED_TEXT} ` +
        `RESPITE_FUZZ_REPLAY=${category}:${index}): ` +
        `${error instanceof Error ? error.message : error}${shown}`,
      { cause: error },
    );
  }
  const ms = performance.now() - started;
  if (ms > stats.slowestCase.ms) {
    stats.slowestCase = { ms, name: `${category}:${index}` };
  }
  stats.cases[category]++;
  const input = currentInput();
  if (input) {
    stats.largestStream = Math.max(stats.largestStream, input.stream.length);
  }
}

// ---- the suite ----------------------------------------------------------------

const runtime = globalThis as {
  Bun?: { gc(force: boolean): void };
  gc?: () => void;
};
/** Whether memory can be measured after a full garbage collection. */
const canCollect = runtime.Bun !== undefined || runtime.gc !== undefined;

/**
 * Process memory, after a full garbage collection where the runtime offers
 * one (Bun, or Deno with --v8-flags=--expose-gc). RSS is coarse: freed
 * memory the allocator keeps counts too, and without a collection so does
 * garbage (Bun's RSS swings by hundreds of MiB over a million streams).
 */
function memory(): { rss: number; heap: number } {
  if (runtime.Bun) runtime.Bun.gc(true);
  else runtime.gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed };
}

const before = memory();
let rssPeak = before.rss;
/** Heap in use after the first block, once everything is warmed up. */
let heapWarm: number | undefined;

/** Cases per category: 40% generated, 40% mutated, the rest random. */
const counts: Record<Category, number> = {
  generated: Math.floor(TOTAL * 0.4),
  mutated: Math.floor(TOTAL * 0.4),
  random: TOTAL - 2 * Math.floor(TOTAL * 0.4),
};

const titles: Record<Category, string> = {
  generated: "decodes generated streams as expected under random chunkings",
  mutated: "ends mutated streams in values or a ProtocolError, chunked or not",
  random: "ends random bytes and RESP token soups in values or a ProtocolError",
};

describe("RespDecoder fuzz", () => {
  if (REPLAY !== undefined) {
    const [category, index] = REPLAY.split(":") as [Category, string];
    it(`RespDecoder fuzz replays ${REPLAY}`, () => {
      assert.ok(CATEGORIES.includes(category), `unknown category ${category}`);
      // Print the case's input whatever the outcome.
      try {
        runCase(category, Number(index));
      } finally {
        if (current) {
          console.log(`input ${quote(current.stream, Infinity)}`);
          console.log(
            `chunk sizes ${
              JSON.stringify(current.chunks.map((c) => c.length))
            }`,
          );
        }
      }
    });
    return;
  }

  for (const category of CATEGORIES) {
    const count = counts[category];
    for (let start = 0; start < count; start += BLOCK) {
      const end = Math.min(count, start + BLOCK);
      it(`RespDecoder ${titles[category]} (${category} ${start}..${end - 1})`, () => {
        for (let i = start; i < end; i++) runCase(category, i);
        const now = memory();
        rssPeak = Math.max(rssPeak, now.rss);
        heapWarm ??= now.heap;
      });
    }
  }

  it("RespDecoder fuzz ran every case within bounded time and memory", () => {
    const ran = stats.cases.generated + stats.cases.mutated +
      stats.cases.random;
    const after = memory();
    rssPeak = Math.max(rssPeak, after.rss);
    const mib = (n: number) => `${(n / 2 ** 20).toFixed(0)} MiB`;
    console.log(
      `decoder fuzz (seed ${SEED_TEXT}): ${ran} streams: ` +
        CATEGORIES.map((c) =>
          `${c} ${stats.cases[c]} (${
            c === "generated"
              ? `${stats.limitErrors} limit errors`
              : `${stats.protocolErrors[c]} protocol errors`
          })`
        ).join(", ") +
        `; ${mib(stats.bytesFed)} fed, largest stream ${stats.largestStream} ` +
        `bytes, slowest case ${stats.slowestCase.name} ` +
        `${stats.slowestCase.ms.toFixed(1)} ms; rss ${mib(before.rss)} -> ` +
        `${mib(after.rss)} (peak ${mib(rssPeak)}), heap ` +
        `${mib(heapWarm ?? before.heap)} -> ${mib(after.heap)}` +
        (canCollect ? " after full collections" : " (no forced collection)"),
    );
    assert.equal(ran, TOTAL);
    if (TOTAL >= 10_000) {
      // The categories must exercise what they are for.
      assert.ok(stats.limitErrors > counts.generated * 0.01);
      assert.ok(stats.protocolErrors.mutated > counts.mutated * 0.3);
      assert.ok(stats.protocolErrors.random > counts.random * 0.5);
    }
    // No pathological case: a hang or a quadratic blow-up would show here
    // long before the test runner's timeout (GC pauses stay far below).
    assert.ok(stats.slowestCase.ms < 2000, "a case took over 2 s");
    // Every stream had a decoder of its own, dropped after it: memory must
    // not grow with the number of streams. Coarse (see memory()): the peak
    // where collections are forced, else the end of the run, and a wide
    // margin.
    const grown = (canCollect ? rssPeak : after.rss) - before.rss;
    assert.ok(grown < 512 * 2 ** 20, `rss grew by ${mib(grown)}`);
    if (canCollect && heapWarm !== undefined) {
      // Live objects after a full collection: nothing may pile up.
      const heapGrown = after.heap - heapWarm;
      assert.ok(heapGrown < 64 * 2 ** 20, `heap grew by ${mib(heapGrown)}`);
    }
  });
});

// ---- hostile input ------------------------------------------------------------

/** Feeds `data` in chunks of `size` bytes; the error and bytes fed before it. */
function feedUntilError(
  data: Uint8Array,
  size: number,
  options: RespDecoderOptions = {},
): { error: unknown; fed: number; values: Reply[] } {
  const decoder = new RespDecoder(options);
  const values: Reply[] = [];
  let fed = 0;
  try {
    for (let pos = 0; pos < data.length; pos += size) {
      const chunk = data.subarray(pos, pos + size);
      fed += chunk.length;
      decoder.decode(chunk, values);
    }
  } catch (error) {
    return { error, fed, values };
  }
  return { error: undefined, fed, values };
}

function repeat(unit: string, times: number): Uint8Array {
  return latin1(unit.repeat(times));
}

describe("RespDecoder hostile input", () => {
  const NESTED = 100_000;

  it("RespDecoder rejects 100k nested aggregates at the depth limit, without recursion", () => {
    for (const unit of ["*1\r\n", "%1\r\n", "~1\r\n", ">1\r\n", "|1\r\n"]) {
      const data = repeat(unit, NESTED);
      for (
        const [options, depth] of [[{}, 128], [{ maxDepth: 8 }, 8]] as const
      ) {
        for (const size of [data.length, 1, 7, 4096]) {
          const { error, fed } = feedUntilError(data, size, options);
          const label = `${
            JSON.stringify(unit)
          } x ${NESTED} in ${size}-byte chunks`;
          assert.ok(error instanceof ProtocolError, `${label}: ${error}`);
          assert.match(error.message, new RegExp(`depth limit of ${depth}\\b`));
          // Rejected as soon as the limit is crossed: memory is bounded by
          // the limit, not by the input.
          if (size < data.length) {
            assert.ok(fed <= (depth + 1) * unit.length + size, label);
          }
        }
      }
    }
  });

  it("RespDecoder decodes 100k nested arrays, sets and pushes under a high depth limit", () => {
    for (const unit of ["*1\r\n", "~1\r\n", ">1\r\n"]) {
      const data = latin1(unit.repeat(NESTED) + ":7\r\n");
      for (const size of [data.length, 1, 13]) {
        const { error, values } = feedUntilError(data, size, {
          maxDepth: NESTED + 1,
        });
        assert.equal(error, undefined, `${unit}: ${error}`);
        assert.equal(values.length, 1);
        // Walk down iteratively (a recursive assert would overflow).
        let value: Reply = values[0]!;
        let depth = 0;
        while (typeof value !== "number") {
          const items: Reply[] = Array.isArray(value)
            ? value
            : value instanceof Set
            ? [...value]
            : (value as Push).data;
          assert.equal(items.length, 1);
          value = items[0]!;
          depth++;
        }
        assert.equal(depth, NESTED);
        assert.equal(value, 7);
      }
    }
  });

  it("RespDecoder rejects huge declared lengths before allocating", () => {
    const headers = [
      "$999999999999\r\n",
      "$999999999999999\r\n",
      "$9999999999999999\r\n",
      "$536870913\r\n",
      "!999999999999\r\n",
      "=999999999999\r\n",
      "*4294967296\r\n",
      "*134217729\r\n",
      "%4294967296\r\n",
      "%134217729\r\n",
      "~4294967296\r\n",
      ">4294967296\r\n",
      "|4294967296\r\n",
      "*999999999999999\r\n",
      "*99999999999999999999\r\n",
    ];
    for (const header of headers) {
      for (const tail of ["", "abc", "abc\r\n:1\r\n"]) {
        const data = latin1(header + tail);
        for (const size of [data.length, 1, 3]) {
          for (
            const options of [{}, { bytes: true }, { maxBulkLength: 4096 }]
          ) {
            const { error } = feedUntilError(data, size, options);
            assert.ok(
              error instanceof ProtocolError,
              `${
                JSON.stringify(header + tail)
              } in ${size}-byte chunks: ${error}`,
            );
            assert.match(
              error.message,
              /exceeds the limit|too many digits|Invalid .*length/,
            );
          }
        }
      }
    }
  });

  it("RespDecoder accepts lengths at the limits and rejects one more", () => {
    const limits = {
      maxBulkLength: 4096,
      maxAggregateLength: 1000,
      maxLineLength: 256,
      maxDepth: 8,
    };
    const at = [
      `$4096\r\n${"x".repeat(4096)}\r\n`,
      `*1000\r\n${":1\r\n".repeat(1000)}`,
      `%1000\r\n${":1\r\n".repeat(2000)}`,
      `+${"a".repeat(255)}\r\n`,
      `${"*1\r\n".repeat(8)}:1\r\n`,
    ];
    const over = [
      `$4097\r\n${"x".repeat(4097)}\r\n`,
      `*1001\r\n${":1\r\n".repeat(1001)}`,
      `%1001\r\n${":1\r\n".repeat(2002)}`,
      `+${"a".repeat(256)}\r\n`,
      `${"*1\r\n".repeat(9)}:1\r\n`,
    ];
    for (const size of [1, 5, 100_000]) {
      for (const wire of at) {
        const { error, values } = feedUntilError(latin1(wire), size, limits);
        assert.equal(error, undefined, `${wire.slice(0, 12)}: ${error}`);
        assert.equal(values.length, 1);
      }
      for (const wire of over) {
        const { error } = feedUntilError(latin1(wire), size, limits);
        assert.ok(error instanceof ProtocolError, wire.slice(0, 12));
        assert.match(error.message, /limit/);
      }
    }
  });

  it("RespDecoder buffers at most a line limit of a line that never ends", () => {
    const cases: [string, RespDecoderOptions, number][] = [
      ["+", { maxLineLength: 256 }, 256],
      ["-", { maxLineLength: 256 }, 256],
      [":", { maxLineLength: 256 }, 256],
      ["(", { maxLineLength: 256 }, 256],
      ["+", {}, 1024 * 1024],
    ];
    for (const [type, options, limit] of cases) {
      const fill = type === ":" || type === "(" ? "1" : "a";
      const data = latin1(type + fill.repeat(2 * limit));
      for (const size of limit > 4096 ? [4096, data.length] : [1, 10, 4096]) {
        const { error, fed } = feedUntilError(data, size, options);
        assert.ok(error instanceof ProtocolError, `${type}: ${error}`);
        assert.match(error.message, /exceeds the limit/);
        assert.ok(fed <= limit + 1 + size, `${type}: fed ${fed}`);
      }
    }
    // Length headers hold 15 digits at most, whatever the line limit.
    for (const type of "$*%~>|!=") {
      const data = latin1(type + "9".repeat(10_000));
      const { error, fed } = feedUntilError(data, 1);
      assert.ok(error instanceof ProtocolError, `${type}: ${error}`);
      assert.ok(fed <= 17, `${type}: fed ${fed}`);
    }
  });

  it("RespDecoder accepts an empty chunk anywhere, even after a pending CR", () => {
    // "+abc\r" then an empty chunk: the pending CR is counted as content.
    const decoder = new RespDecoder({ maxLineLength: 4 });
    const out = decoder.decode(bytes("+abc\r"));
    decoder.decode(new Uint8Array(0), out);
    decoder.decode(bytes("\n"), out);
    assert.deepStrictEqual(out, ["abc"]);
  });

  it("RespDecoder keeps a leading U+FEFF in strings", () => {
    const big = "\ufeff" + "a".repeat(9 * 1024 * 1024);
    const wire = `$5\r\n\ufeffhi\r\n+\ufeffhi\r\n=9\r\ntxt:\ufeffhi\r\n` +
      `-\ufeffERR x\r\n$${bytes(big).length}\r\n${big}\r\n`;
    const data = bytes(wire);
    // Whole, and split so the large bulk (over 8 MiB) takes the streaming
    // text path.
    for (const split of [data.length, 100]) {
      const decoder = new RespDecoder();
      const out = decoder.decode(data.subarray(0, split));
      decoder.decode(data.subarray(split), out);
      assert.deepStrictEqual(out.slice(0, 3), [
        "\ufeffhi",
        "\ufeffhi",
        "\ufeffhi",
      ]);
      assert.equal((out[3] as ReplyError).message, "\ufeffERR x");
      assert.equal(out[4], big);
    }
  });
});
