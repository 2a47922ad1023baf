import { describe, it } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import {
  Push,
  type Reply,
  REPLY_BYTES,
  REPLY_FLAT,
  RespDecoder,
  type RespDecoderOptions,
  VerbatimString,
} from "../../src/resp/mod.ts";
import { ProtocolError, ReplyError } from "../../src/errors.ts";
import { bytes } from "./_helpers.ts";

// ---- helpers ----------------------------------------------------------------

function concat(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let pos = 0;
  for (const part of parts) {
    out.set(part, pos);
    pos += part.length;
  }
  return out;
}

/** A length-prefixed element (`$`, `!`, `=`) whose length is computed. */
function blob(type: string, body: string | Uint8Array): Uint8Array {
  const data = typeof body === "string" ? bytes(body) : body;
  return concat(bytes(`${type}${data.length}\r\n`), data, bytes("\r\n"));
}

/** Every byte value 0..255 once. */
const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

/**
 * Turns a reply into plain data that `deepStrictEqual` compares exactly:
 * errors by name, message and code (never by stack), maps and sets as
 * ordered entry lists, and the respite classes tagged by `instanceof`.
 */
function normalize(value: Reply): unknown {
  if (value instanceof ReplyError) {
    return {
      ReplyError: {
        name: value.name,
        message: value.message,
        code: value.code,
      },
    };
  }
  if (value instanceof Push) {
    return { Push: { kind: value.kind, data: value.data.map(normalize) } };
  }
  if (value instanceof VerbatimString) {
    return { VerbatimString: { format: value.format, text: value.text } };
  }
  if (Array.isArray(value)) return value.map(normalize);
  if (value instanceof Map) {
    return {
      Map: [...value].map(([key, item]) => [normalize(key), normalize(item)]),
    };
  }
  if (value instanceof Set) return { Set: [...value].map(normalize) };
  return value;
}

function assertReplies(actual: Reply[], expected: Reply[], message?: string) {
  assert.deepStrictEqual(
    actual.map(normalize),
    expected.map(normalize),
    message,
  );
}

function decodeWhole(wire: Uint8Array, options?: RespDecoderOptions): Reply[] {
  const decoder = new RespDecoder(options);
  const out = decoder.decode(wire);
  assert.equal(decoder.pending, false, "pending after the whole input");
  return out;
}

function decodeChunks(
  chunks: Uint8Array[],
  options?: RespDecoderOptions,
): Reply[] {
  const decoder = new RespDecoder(options);
  const out: Reply[] = [];
  for (const chunk of chunks) decoder.decode(chunk, out);
  assert.equal(decoder.pending, false, "pending after the last chunk");
  return out;
}

function byteChunks(wire: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < wire.length; i++) chunks.push(wire.subarray(i, i + 1));
  return chunks;
}

function sizedChunks(wire: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < wire.length; i += size) {
    chunks.push(wire.subarray(i, i + size));
  }
  return chunks;
}

/** Runs `fn`, asserts it threw a ProtocolError matching `pattern`. */
function assertProtocolError(
  fn: () => unknown,
  pattern: RegExp,
): ProtocolError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(
    caught instanceof ProtocolError,
    `expected a ProtocolError, got ${String(caught)}`,
  );
  assert.equal(caught.name, "ProtocolError");
  assert.match(caught.message, pattern);
  return caught;
}

/** `depth` arrays nested in each other, the innermost holding `:1`. */
function nestedWire(depth: number): Uint8Array {
  return bytes("*1\r\n".repeat(depth) + ":1\r\n");
}

function nestedValue(depth: number): Reply {
  let value: Reply = 1;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

// ---- the wire table -----------------------------------------------------------

interface Case {
  name: string;
  wire: Uint8Array;
  expected: Reply;
  options?: RespDecoderOptions;
}

const LONG_UTF8 = "Grüße aus Köln — 日本語のテキスト 🎉🚀 ñandú";
const LONG_ASCII = "the quick brown fox jumps over the lazy dog";

const CASES: Case[] = [
  // Simple strings.
  { name: "a simple string", wire: bytes("+OK\r\n"), expected: "OK" },
  { name: "an empty simple string", wire: bytes("+\r\n"), expected: "" },
  {
    name: "a non-ASCII simple string",
    wire: bytes("+héllo wörld\r\n"),
    expected: "héllo wörld",
  },
  {
    name: "a simple string longer than 24 bytes",
    wire: bytes(`+${LONG_ASCII}\r\n`),
    expected: LONG_ASCII,
  },
  // Simple errors.
  {
    name: "a simple error with code ERR",
    wire: bytes("-ERR unknown command 'foo'\r\n"),
    expected: new ReplyError("ERR unknown command 'foo'"),
  },
  {
    name: "a simple error with code WRONGTYPE",
    wire: bytes(
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
    ),
    expected: new ReplyError(
      "WRONGTYPE Operation against a key holding the wrong kind of value",
    ),
  },
  {
    name: "a simple error with code MOVED",
    wire: bytes("-MOVED 3999 127.0.0.1:6381\r\n"),
    expected: new ReplyError("MOVED 3999 127.0.0.1:6381"),
  },
  {
    name: "a simple error without an upper-case code",
    wire: bytes("-something went wrong\r\n"),
    expected: new ReplyError("something went wrong"),
  },
  {
    name: "a simple error that is only a code",
    wire: bytes("-NOSCRIPT\r\n"),
    expected: new ReplyError("NOSCRIPT"),
  },
  // Bulk errors.
  {
    name: "a bulk error with a code",
    wire: blob("!", "SYNTAX invalid syntax"),
    expected: new ReplyError("SYNTAX invalid syntax"),
  },
  {
    name: "a bulk error without an upper-case code",
    wire: blob("!", "oops, lower case"),
    expected: new ReplyError("oops, lower case"),
  },
  {
    name: "a bulk error containing CRLF",
    wire: blob("!", "ERR line one\r\nline two"),
    expected: new ReplyError("ERR line one\r\nline two"),
  },
  // Integers.
  { name: "the integer 0", wire: bytes(":0\r\n"), expected: 0 },
  { name: "a positive integer", wire: bytes(":1000\r\n"), expected: 1000 },
  { name: "a negative integer", wire: bytes(":-42\r\n"), expected: -42 },
  { name: "an integer with a + sign", wire: bytes(":+7\r\n"), expected: 7 },
  {
    name: "a 15-digit integer",
    wire: bytes(":123456789012345\r\n"),
    expected: 123456789012345,
  },
  {
    name: "a 16-digit safe integer",
    wire: bytes(":1234567890123456\r\n"),
    expected: 1234567890123456,
  },
  {
    name: "the largest safe integer",
    wire: bytes(`:${Number.MAX_SAFE_INTEGER}\r\n`),
    expected: Number.MAX_SAFE_INTEGER,
  },
  {
    name: "the smallest safe integer",
    wire: bytes(`:${Number.MIN_SAFE_INTEGER}\r\n`),
    expected: Number.MIN_SAFE_INTEGER,
  },
  {
    name: "an integer just above the safe range as a bigint",
    wire: bytes(":9007199254740992\r\n"),
    expected: 9007199254740992n,
  },
  {
    name: "an integer just below the safe range as a bigint",
    wire: bytes(":-9007199254740992\r\n"),
    expected: -9007199254740992n,
  },
  {
    name: "the largest 64-bit integer as a bigint",
    wire: bytes(":9223372036854775807\r\n"),
    expected: 9223372036854775807n,
  },
  {
    name: "the smallest 64-bit integer as a bigint",
    wire: bytes(":-9223372036854775808\r\n"),
    expected: -9223372036854775808n,
  },
  // Bulk strings.
  { name: "a bulk string", wire: blob("$", "hello"), expected: "hello" },
  { name: "an empty bulk string", wire: blob("$", ""), expected: "" },
  {
    name: "a bulk string containing CR, LF and NUL",
    wire: blob("$", "a\r\nb\0c\r\n"),
    expected: "a\r\nb\0c\r\n",
  },
  {
    name: "a short non-ASCII bulk string",
    wire: blob("$", "héllo"),
    expected: "héllo",
  },
  {
    name: "a long non-ASCII bulk string",
    wire: blob("$", LONG_UTF8),
    expected: LONG_UTF8,
  },
  {
    name: "a bulk string of exactly 24 ASCII bytes",
    wire: blob("$", "abcdefghijklmnopqrstuvwx"),
    expected: "abcdefghijklmnopqrstuvwx",
  },
  {
    name: "a bulk string of 25 ASCII bytes",
    wire: blob("$", "abcdefghijklmnopqrstuvwxy"),
    expected: "abcdefghijklmnopqrstuvwxy",
  },
  {
    name: "a bulk string in bytes mode as a Uint8Array",
    wire: blob("$", "abc"),
    expected: bytes("abc"),
    options: { bytes: true },
  },
  {
    name: "an empty bulk string in bytes mode as an empty Uint8Array",
    wire: blob("$", ""),
    expected: new Uint8Array(0),
    options: { bytes: true },
  },
  {
    name: "a bulk string of all 256 byte values in bytes mode",
    wire: blob("$", ALL_BYTES),
    expected: ALL_BYTES,
    options: { bytes: true },
  },
  {
    name: "bulk and simple strings nested in an array in bytes mode",
    wire: concat(bytes("*3\r\n"), blob("$", "a"), bytes("+b\r\n:1\r\n")),
    expected: [bytes("a"), bytes("b"), 1],
    options: { bytes: true },
  },
  {
    name: "a simple string as a Uint8Array in bytes mode",
    wire: bytes("+OK\r\n"),
    expected: bytes("OK"),
    options: { bytes: true },
  },
  // Nulls.
  { name: "the RESP3 null", wire: bytes("_\r\n"), expected: null },
  {
    name: "the RESP2 null bulk string",
    wire: bytes("$-1\r\n"),
    expected: null,
  },
  { name: "the RESP2 null array", wire: bytes("*-1\r\n"), expected: null },
  {
    name: "the RESP2 null bulk string in bytes mode",
    wire: bytes("$-1\r\n"),
    expected: null,
    options: { bytes: true },
  },
  // Arrays.
  { name: "an empty array", wire: bytes("*0\r\n"), expected: [] },
  {
    name: "an array of mixed scalars",
    wire: concat(
      bytes("*5\r\n:1\r\n"),
      blob("$", "two"),
      bytes("+three\r\n#t\r\n_\r\n"),
    ),
    expected: [1, "two", "three", true, null],
  },
  {
    name: "nested arrays",
    wire: bytes("*3\r\n*2\r\n:1\r\n:2\r\n*0\r\n*1\r\n*1\r\n+deep\r\n"),
    expected: [[1, 2], [], [["deep"]]],
  },
  {
    name: "an array of nulls",
    wire: bytes("*3\r\n$-1\r\n*-1\r\n_\r\n"),
    expected: [null, null, null],
  },
  {
    name: "an array holding an error",
    wire: bytes("*2\r\n-ERR inner\r\n:1\r\n"),
    expected: [new ReplyError("ERR inner"), 1],
  },
  // Booleans.
  { name: "the boolean true", wire: bytes("#t\r\n"), expected: true },
  { name: "the boolean false", wire: bytes("#f\r\n"), expected: false },
  // Doubles.
  { name: "a double", wire: bytes(",3.14\r\n"), expected: 3.14 },
  { name: "a negative double", wire: bytes(",-1.5\r\n"), expected: -1.5 },
  { name: "an integral double", wire: bytes(",10\r\n"), expected: 10 },
  { name: "the double inf", wire: bytes(",inf\r\n"), expected: Infinity },
  { name: "the double -inf", wire: bytes(",-inf\r\n"), expected: -Infinity },
  { name: "the double nan", wire: bytes(",nan\r\n"), expected: NaN },
  {
    name: "a double with an exponent",
    wire: bytes(",1.5e10\r\n"),
    expected: 1.5e10,
  },
  {
    name: "a negative double with a negative upper-case exponent",
    wire: bytes(",-2E-3\r\n"),
    expected: -2e-3,
  },
  // Big numbers.
  {
    name: "a huge big number",
    wire: bytes("(3492890328409238509324850943850943825024385\r\n"),
    expected: 3492890328409238509324850943850943825024385n,
  },
  {
    name: "a negative big number",
    wire: bytes("(-3492890328409238509324850943850943825024385\r\n"),
    expected: -3492890328409238509324850943850943825024385n,
  },
  { name: "a small big number", wire: bytes("(12\r\n"), expected: 12n },
  // Verbatim strings.
  {
    name: "a verbatim string as a plain string by default",
    wire: blob("=", "txt:Some string"),
    expected: "Some string",
  },
  {
    name: "a verbatim txt string as a VerbatimString object",
    wire: blob("=", "txt:Some string"),
    expected: new VerbatimString("txt", "Some string"),
    options: { verbatim: "object" },
  },
  {
    name: "a verbatim mkd string with CRLF as a VerbatimString object",
    wire: blob("=", "mkd:# Title\r\n* item"),
    expected: new VerbatimString("mkd", "# Title\r\n* item"),
    options: { verbatim: "object" },
  },
  {
    name: "an empty verbatim string",
    wire: blob("=", "txt:"),
    expected: "",
  },
  {
    name: "a verbatim string as the bytes of its text in bytes mode",
    wire: blob("=", "txt:héllo"),
    expected: bytes("héllo"),
    options: { bytes: true },
  },
  // Maps.
  { name: "an empty map", wire: bytes("%0\r\n"), expected: new Map() },
  {
    name: "a map with string keys",
    wire: bytes("%2\r\n+first\r\n:1\r\n$6\r\nsecond\r\n:2\r\n"),
    expected: new Map<Reply, Reply>([["first", 1], ["second", 2]]),
  },
  {
    name: "a map with integer keys",
    wire: bytes("%2\r\n:1\r\n+one\r\n:-2\r\n+minus two\r\n"),
    expected: new Map<Reply, Reply>([[1, "one"], [-2, "minus two"]]),
  },
  {
    name: "a map with array keys and aggregate values",
    wire: bytes("%2\r\n*2\r\n:1\r\n:2\r\n~1\r\n#t\r\n*0\r\n%1\r\n+k\r\n_\r\n"),
    expected: new Map<Reply, Reply>([
      [[1, 2], new Set([true])],
      [[], new Map<Reply, Reply>([["k", null]])],
    ]),
  },
  // Sets.
  { name: "an empty set", wire: bytes("~0\r\n"), expected: new Set() },
  {
    name: "a set",
    wire: bytes("~3\r\n+a\r\n:1\r\n#f\r\n"),
    expected: new Set<Reply>(["a", 1, false]),
  },
  {
    name: "a set with duplicate members",
    wire: bytes("~3\r\n:1\r\n:2\r\n:1\r\n"),
    expected: new Set<Reply>([1, 2]),
  },
  // Attributes (dropped without onAttributes).
  {
    name: "a top-level attribute followed by its reply",
    wire: bytes(
      "|1\r\n+key-popularity\r\n%2\r\n$1\r\na\r\n,0.1923\r\n$1\r\nb\r\n,0.0012\r\n" +
        "*2\r\n:2039123\r\n:9543892\r\n",
    ),
    expected: [2039123, 9543892],
  },
  {
    name: "an attribute nested inside an array",
    wire: bytes("*2\r\n|1\r\n+ttl\r\n:3600\r\n+a\r\n+b\r\n"),
    expected: ["a", "b"],
  },
  {
    name: "an empty attribute followed by its reply",
    wire: bytes("|0\r\n+x\r\n"),
    expected: "x",
  },
  // Pushes.
  {
    name: "a push",
    wire: bytes(">3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n"),
    expected: new Push(["message", "news", "hello"]),
  },
  {
    name: "a push in bytes mode",
    wire: bytes(">3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n"),
    expected: new Push([bytes("message"), bytes("news"), bytes("hello")]),
    options: { bytes: true },
  },
  {
    name: "an empty push",
    wire: bytes(">0\r\n"),
    expected: new Push([]),
  },
];

describe("RespDecoder wire table", () => {
  for (const { name, wire, expected, options } of CASES) {
    it(`RespDecoder decodes ${name} fed whole`, () => {
      assertReplies(decodeWhole(wire, options), [expected]);
    });

    it(`RespDecoder decodes ${name} fed byte by byte`, () => {
      assertReplies(decodeChunks(byteChunks(wire), options), [expected]);
    });

    it(`RespDecoder decodes ${name} split into two chunks at every position`, () => {
      for (let at = 0; at <= wire.length; at++) {
        const chunks = [wire.subarray(0, at), wire.subarray(at)];
        assertReplies(
          decodeChunks(chunks, options),
          [expected],
          `split at byte ${at}`,
        );
      }
    });
  }

  // Group the cases by options to concatenate those that share a decoder.
  const groups = new Map<string, Case[]>();
  for (const entry of CASES) {
    const key = JSON.stringify(entry.options ?? {});
    const group = groups.get(key) ?? [];
    group.push(entry);
    groups.set(key, group);
  }
  for (const [key, group] of groups) {
    const wire = concat(...group.map((entry) => entry.wire));
    const expected = group.map((entry) => entry.expected);
    const options = group[0]?.options;

    it(`RespDecoder decodes every ${key} table case concatenated in one chunk in order`, () => {
      assertReplies(decodeWhole(wire, options), expected);
    });

    it(`RespDecoder decodes every ${key} table case concatenated and fed in uneven chunks`, () => {
      for (const size of [2, 3, 5, 7, 11, 64]) {
        assertReplies(
          decodeChunks(sizedChunks(wire, size), options),
          expected,
          `chunks of ${size} bytes`,
        );
      }
    });
  }
});

// ---- values and options -------------------------------------------------------

describe("RespDecoder values", () => {
  it("RespDecoder gives ReplyError values the class, name, message and code", () => {
    const [error] = decodeWhole(bytes("-MOVED 3999 127.0.0.1:6381\r\n"));
    assert.ok(error instanceof ReplyError);
    assert.equal(error.name, "ReplyError");
    assert.equal(error.message, "MOVED 3999 127.0.0.1:6381");
    assert.equal(error.code, "MOVED");
  });

  it("RespDecoder returns error replies as values instead of throwing", () => {
    const decoder = new RespDecoder();
    const out = decoder.decode(bytes("-ERR first\r\n+after\r\n"));
    assert.equal(out.length, 2);
    assert.ok(out[0] instanceof ReplyError);
    assert.equal(out[1], "after");
  });

  it("RespDecoder gives Push values their data and kind", () => {
    const [push] = decodeWhole(bytes(">2\r\n+invalidate\r\n*1\r\n+key\r\n"));
    assert.ok(push instanceof Push);
    assert.equal(push.kind, "invalidate");
    assert.deepStrictEqual(push.data, ["invalidate", ["key"]]);
  });

  it("RespDecoder gives VerbatimString values their format and text", () => {
    const [verbatim] = decodeWhole(blob("=", "mkd:**bold**"), {
      verbatim: "object",
    });
    assert.ok(verbatim instanceof VerbatimString);
    assert.equal(verbatim.format, "mkd");
    assert.equal(verbatim.text, "**bold**");
    assert.equal(String(verbatim), "**bold**");
  });

  it("RespDecoder decodes the double nan to NaN", () => {
    const [value] = decodeWhole(bytes(",nan\r\n"));
    assert.ok(typeof value === "number" && Number.isNaN(value));
  });

  it("RespDecoder appends to the out array it is given", () => {
    const decoder = new RespDecoder();
    const out: Reply[] = ["existing"];
    const returned = decoder.decode(bytes(":1\r\n:2\r\n"), out);
    assert.equal(returned, out);
    assert.deepStrictEqual(out, ["existing", 1, 2]);
  });

  it("RespDecoder returns an empty array for a chunk that completes nothing", () => {
    const decoder = new RespDecoder();
    assert.deepStrictEqual(decoder.decode(bytes("*2\r\n:1\r\n")), []);
    assert.deepStrictEqual(decoder.decode(new Uint8Array(0)), []);
    assert.deepStrictEqual(decoder.decode(bytes(":2\r\n")), [[1, 2]]);
  });

  it("RespDecoder bulk strings in bytes mode do not alias the input chunk", () => {
    const chunk = blob("$", "abc");
    const [value] = new RespDecoder({ bytes: true }).decode(chunk);
    chunk.fill(0x78);
    assert.deepStrictEqual(value, bytes("abc"));
  });
});

describe("RespDecoder onAttributes", () => {
  function recordingDecoder(events: unknown[]): RespDecoder {
    return new RespDecoder({
      onAttributes: (attributes) =>
        events.push(["attributes", normalize(attributes)]),
    });
  }

  const TOP_LEVEL = bytes(
    "|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.5\r\n*2\r\n:1\r\n:2\r\n",
  );
  const TOP_LEVEL_ATTRIBUTES = new Map<Reply, Reply>([
    ["key-popularity", new Map<Reply, Reply>([["a", 0.5]])],
  ]);
  // Index of the first byte after the attribute: the `*` of the reply.
  const TOP_LEVEL_REPLY_START = TOP_LEVEL.indexOf(0x2a);

  it("RespDecoder calls onAttributes for a top-level attribute before returning the reply", () => {
    const events: unknown[] = [];
    const decoder = recordingDecoder(events);
    for (const reply of decoder.decode(TOP_LEVEL)) {
      events.push(["reply", normalize(reply)]);
    }
    assert.deepStrictEqual(events, [
      ["attributes", normalize(TOP_LEVEL_ATTRIBUTES)],
      ["reply", [1, 2]],
    ]);
  });

  it("RespDecoder calls onAttributes as soon as a top-level attribute is complete", () => {
    const events: unknown[] = [];
    const decoder = recordingDecoder(events);
    for (let i = 0; i < TOP_LEVEL.length; i++) {
      for (const reply of decoder.decode(TOP_LEVEL.subarray(i, i + 1))) {
        events.push(["reply", normalize(reply)]);
      }
      // Once the attribute's last byte is in, the callback has run, even
      // though the annotated reply has not started yet.
      const attributeDone = i >= TOP_LEVEL_REPLY_START - 1;
      assert.equal(events.length >= 1, attributeDone, `after byte ${i}`);
    }
    assert.deepStrictEqual(events, [
      ["attributes", normalize(TOP_LEVEL_ATTRIBUTES)],
      ["reply", [1, 2]],
    ]);
  });

  it("RespDecoder calls onAttributes for an attribute nested in an array before returning the array", () => {
    const wire = bytes("*3\r\n:1\r\n|1\r\n+ttl\r\n:3600\r\n+a\r\n+b\r\n");
    for (const chunks of [[wire], byteChunks(wire)]) {
      const events: unknown[] = [];
      const decoder = recordingDecoder(events);
      for (const chunk of chunks) {
        for (const reply of decoder.decode(chunk)) {
          events.push(["reply", normalize(reply)]);
        }
      }
      assert.deepStrictEqual(events, [
        ["attributes", normalize(new Map<Reply, Reply>([["ttl", 3600]]))],
        ["reply", [1, "a", "b"]],
      ]);
    }
  });

  it("RespDecoder calls onAttributes once per attribute, with an empty Map for |0", () => {
    const events: unknown[] = [];
    const decoder = recordingDecoder(events);
    const out = decoder.decode(
      bytes("|0\r\n+x\r\n|1\r\n:1\r\n:2\r\n|1\r\n:3\r\n:4\r\n+y\r\n"),
    );
    assert.deepStrictEqual(out, ["x", "y"]);
    assert.deepStrictEqual(events, [
      ["attributes", { Map: [] }],
      ["attributes", { Map: [[1, 2]] }],
      ["attributes", { Map: [[3, 4]] }],
    ]);
  });

  it("RespDecoder passes onAttributes a real Map", () => {
    const received: Map<Reply, Reply>[] = [];
    const decoder = new RespDecoder({
      onAttributes: (attributes) => received.push(attributes),
    });
    decoder.decode(bytes("|1\r\n+k\r\n+v\r\n+OK\r\n"));
    assert.equal(received.length, 1);
    assert.ok(received[0] instanceof Map);
    assert.equal(received[0].get("k"), "v");
  });
});

describe("RespDecoder bytesForNextReply", () => {
  // Replies: simple, bulk, array with nested bulks, push, bulk, attribute +
  // bulk. The hook must not run for the push nor the attribute.
  const WIRE = concat(
    bytes("+OK\r\n"),
    blob("$", "abc"),
    bytes("*2\r\n"),
    blob("$", "a"),
    bytes("*1\r\n"),
    blob("$", "b"),
    bytes(">2\r\n"),
    blob("$", "message"),
    blob("$", "x"),
    blob("$", "z"),
    bytes("|1\r\n"),
    blob("$", "attr"),
    blob("$", "value"),
    blob("$", "annotated"),
  );
  const ANSWERS = [false, true, true, false, true];
  const EXPECTED: Reply[] = [
    "OK",
    bytes("abc"),
    [bytes("a"), [bytes("b")]],
    new Push(["message", "x"]),
    "z",
    bytes("annotated"),
  ];

  function run(chunks: Uint8Array[]): { out: Reply[]; calls: number } {
    let calls = 0;
    const decoder = new RespDecoder({
      bytesForNextReply: () => {
        const answer = ANSWERS[calls++];
        assert.ok(answer !== undefined, "bytesForNextReply called too often");
        return answer;
      },
    });
    const out: Reply[] = [];
    for (const chunk of chunks) decoder.decode(chunk, out);
    assert.equal(decoder.pending, false);
    return { out, calls };
  }

  it("RespDecoder bytesForNextReply switches bulk strings of just that reply to Uint8Array", () => {
    const { out, calls } = run([WIRE]);
    assert.equal(calls, ANSWERS.length);
    assertReplies(out, EXPECTED);
  });

  it("RespDecoder calls bytesForNextReply once per top-level non-push reply fed byte by byte", () => {
    const { out, calls } = run(byteChunks(WIRE));
    assert.equal(calls, ANSWERS.length);
    assertReplies(out, EXPECTED);
  });

  it("RespDecoder calls bytesForNextReply once per reply when split at every position", () => {
    for (let at = 0; at <= WIRE.length; at++) {
      const { out, calls } = run([WIRE.subarray(0, at), WIRE.subarray(at)]);
      assert.equal(calls, ANSWERS.length, `split at byte ${at}`);
      assertReplies(out, EXPECTED, `split at byte ${at}`);
    }
  });

  it("RespDecoder calls bytesForNextReply once when a bulk header line is split", () => {
    let calls = 0;
    const decoder = new RespDecoder({
      bytesForNextReply: () => {
        calls++;
        return true;
      },
    });
    assert.deepStrictEqual(decoder.decode(bytes("$1")), []);
    assert.deepStrictEqual(decoder.decode(bytes("0\r")), []);
    assert.deepStrictEqual(decoder.decode(bytes("\n0123")), []);
    assert.deepStrictEqual(decoder.decode(bytes("456789\r\n")), [
      bytes("0123456789"),
    ]);
    assert.equal(calls, 1);
  });

  it("RespDecoder does not call bytesForNextReply for pushes, which follow the bytes option", () => {
    let calls = 0;
    const decoder = new RespDecoder({
      bytes: true,
      bytesForNextReply: () => {
        calls++;
        return false;
      },
    });
    const out = decoder.decode(
      bytes(">2\r\n$7\r\nmessage\r\n$1\r\nx\r\n$1\r\ny\r\n"),
    );
    assert.equal(calls, 1);
    assertReplies(out, [new Push([bytes("message"), bytes("x")]), "y"]);
  });

  it("RespDecoder passes the type byte of each top-level reply to bytesForNextReply", () => {
    const types: string[] = [];
    const decoder = new RespDecoder({
      bytesForNextReply: (type) => {
        types.push(String.fromCharCode(type));
        return false;
      },
    });
    decoder.decode(
      bytes("-ERR x\r\n$1\r\na\r\n*1\r\n:1\r\n|1\r\n+k\r\n+v\r\n+OK\r\n"),
    );
    assert.deepEqual(types, ["-", "$", "*", "+"]);
  });

  it("RespDecoder decodes pushes as bytes with pushBytes while other replies stay text", () => {
    const decoder = new RespDecoder({ pushBytes: true });
    const out = decoder.decode(
      bytes(">2\r\n$7\r\nmessage\r\n+x\r\n$1\r\ny\r\n"),
    );
    assertReplies(out, [new Push([bytes("message"), bytes("x")]), "y"]);
    const text = new RespDecoder({ bytes: true, pushBytes: false }).decode(
      bytes(">1\r\n$1\r\nm\r\n$1\r\ny\r\n"),
    );
    assertReplies(text, [new Push(["m"]), bytes("y")]);
  });
});

describe("RespDecoder pending", () => {
  it("RespDecoder pending is false for a fresh decoder", () => {
    assert.equal(new RespDecoder().pending, false);
  });

  it("RespDecoder pending is true mid-reply and false between replies", () => {
    const decoder = new RespDecoder();
    const steps: [string, boolean][] = [
      ["*2\r\n", true],
      [":1\r\n", true],
      [":2\r\n", false],
      ["$5\r\nhel", true],
      ["lo", true],
      ["\r", true],
      ["\n", false],
      ["+OK", true],
      ["\r", true],
      ["\n+NEXT\r\n", false],
      ["%1\r\n+k\r\n", true],
      ["+v\r\n", false],
    ];
    for (const [chunk, pending] of steps) {
      decoder.decode(bytes(chunk));
      assert.equal(decoder.pending, pending, `after ${JSON.stringify(chunk)}`);
    }
  });

  it("RespDecoder pending is true after every byte of a reply but its last", () => {
    for (const { name, wire, options } of CASES) {
      const decoder = new RespDecoder(options);
      for (let i = 0; i < wire.length; i++) {
        decoder.decode(wire.subarray(i, i + 1));
        assert.equal(
          decoder.pending,
          i < wire.length - 1,
          `${name}, after byte ${i}`,
        );
      }
    }
  });
});

// ---- malformed input ------------------------------------------------------------

interface BadCase {
  name: string;
  wire: Uint8Array;
  pattern: RegExp;
}

const BAD_CASES: BadCase[] = [
  {
    name: "an unknown type byte",
    wire: bytes("?x\r\n"),
    pattern: /Unknown reply type byte "\?"/,
  },
  {
    name: "an inline command instead of a reply",
    wire: bytes("PING\r\n"),
    pattern: /Unknown reply type byte "P"/,
  },
  {
    name: "a non-numeric bulk length",
    wire: bytes("$abc\r\nabc\r\n"),
    pattern: /bulk string (length "abc"|header "\$a")/,
  },
  {
    name: "an empty bulk length",
    wire: bytes("$\r\n\r\n"),
    pattern: /bulk string/,
  },
  {
    name: "a non-numeric array length",
    wire: bytes("*x\r\n"),
    pattern: /array/,
  },
  {
    name: "the bulk length -2",
    wire: bytes("$-2\r\nab\r\n"),
    pattern: /Invalid bulk string length "-2"/,
  },
  {
    name: "the array length -5",
    wire: bytes("*-5\r\n"),
    pattern: /Invalid array length "-5"/,
  },
  {
    name: "the length -1 for a bulk error",
    wire: bytes("!-1\r\n"),
    pattern: /Invalid length "-1" for bulk error/,
  },
  {
    name: "the length -1 for a verbatim string",
    wire: bytes("=-1\r\n"),
    pattern: /Invalid length "-1" for verbatim string/,
  },
  {
    name: "the length -1 for a map",
    wire: bytes("%-1\r\n"),
    pattern: /Invalid length "-1" for map/,
  },
  {
    name: "the length -1 for a set",
    wire: bytes("~-1\r\n"),
    pattern: /Invalid length "-1" for set/,
  },
  {
    name: "the length -1 for a push",
    wire: bytes(">-1\r\n"),
    pattern: /Invalid length "-1" for push/,
  },
  {
    name: "the length -1 for an attribute",
    wire: bytes("|-1\r\n"),
    pattern: /Invalid length "-1" for attribute/,
  },
  {
    name: "a bulk body longer than declared",
    wire: bytes("$3\r\nabcd\r\n"),
    pattern: /Missing CRLF after bulk string of 3 bytes/,
  },
  {
    name: "a bulk body followed by CR and a wrong byte",
    wire: bytes("$3\r\nabc\rx"),
    pattern: /Missing CRLF after bulk string of 3 bytes/,
  },
  {
    name: "a verbatim body longer than declared",
    wire: bytes("=5\r\ntxt:ab\r\n"),
    pattern: /Missing CRLF after verbatim string of 5 bytes/,
  },
  {
    name: "a bare LF ending a simple string",
    wire: bytes("+OK\n"),
    pattern: /expected CRLF/,
  },
  {
    name: "a bare LF ending a bulk header",
    wire: bytes("$3\nabc\r\n"),
    pattern: /bulk string|expected CRLF/,
  },
  {
    name: "an invalid boolean",
    wire: bytes("#x\r\n"),
    pattern: /Invalid boolean "x"/,
  },
  {
    name: "a boolean spelled out",
    wire: bytes("#true\r\n"),
    pattern: /Invalid boolean "true"/,
  },
  {
    name: "an empty boolean",
    wire: bytes("#\r\n"),
    pattern: /Invalid boolean/,
  },
  {
    name: "an invalid double",
    wire: bytes(",abc\r\n"),
    pattern: /Invalid double "abc"/,
  },
  {
    name: "a double with two dots",
    wire: bytes(",1.2.3\r\n"),
    pattern: /Invalid double "1\.2\.3"/,
  },
  {
    name: "a double with a bare exponent",
    wire: bytes(",1e\r\n"),
    pattern: /Invalid double "1e"/,
  },
  {
    name: "an empty double",
    wire: bytes(",\r\n"),
    pattern: /Invalid double/,
  },
  {
    name: "an invalid big number",
    wire: bytes("(12a\r\n"),
    pattern: /big number/,
  },
  {
    name: "a big number with a fraction",
    wire: bytes("(1.5\r\n"),
    pattern: /big number/,
  },
  {
    name: "an empty big number",
    wire: bytes("(\r\n"),
    pattern: /big number/,
  },
  {
    name: "an invalid integer",
    wire: bytes(":12a\r\n"),
    pattern: /integer/,
  },
  {
    name: "an integer with a fraction",
    wire: bytes(":1.5\r\n"),
    pattern: /integer/,
  },
  {
    name: "an empty integer",
    wire: bytes(":\r\n"),
    pattern: /Invalid integer/,
  },
  {
    name: "an integer that is only a sign",
    wire: bytes(":-\r\n"),
    pattern: /Invalid integer/,
  },
  {
    name: "a verbatim string without a format prefix",
    wire: blob("=", "hello world"),
    pattern: /Invalid verbatim string "hello world": expected a "fmt:" prefix/,
  },
  {
    name: "a verbatim string shorter than its prefix",
    wire: blob("=", "txt"),
    pattern: /Invalid verbatim string "txt"/,
  },
  {
    name: "a null with a payload",
    wire: bytes("_x\r\n"),
    pattern: /Invalid null "_x\\r\\n"/,
  },
];

describe("RespDecoder malformed input", () => {
  for (const { name, wire, pattern } of BAD_CASES) {
    it(`RespDecoder throws a ProtocolError for ${name} fed whole`, () => {
      assertProtocolError(() => new RespDecoder().decode(wire), pattern);
    });

    it(`RespDecoder throws a ProtocolError for ${name} fed byte by byte`, () => {
      const decoder = new RespDecoder();
      assertProtocolError(() => {
        for (const chunk of byteChunks(wire)) decoder.decode(chunk);
      }, pattern);
    });

    it(`RespDecoder throws a ProtocolError for ${name} after a valid reply in the same chunk`, () => {
      assertProtocolError(
        () => new RespDecoder().decode(concat(bytes("+OK\r\n"), wire)),
        pattern,
      );
    });
  }

  it("RespDecoder throws for an unknown type byte as soon as it arrives", () => {
    assertProtocolError(
      () => new RespDecoder().decode(bytes("?")),
      /Unknown reply type byte "\?"/,
    );
    const decoder = new RespDecoder();
    decoder.decode(bytes("+OK\r\n"));
    assertProtocolError(
      () => decoder.decode(bytes("@")),
      /Unknown reply type byte "@"/,
    );
  });

  it("RespDecoder throws for a non-numeric length before its line ends", () => {
    assertProtocolError(
      () => new RespDecoder().decode(bytes("$12a")),
      /bulk string header "\$12a"/,
    );
    const decoder = new RespDecoder();
    decoder.decode(bytes("*1"));
    assertProtocolError(() => decoder.decode(bytes("x")), /array header/);
  });

  it("RespDecoder throws for an invalid integer before its line ends", () => {
    assertProtocolError(
      () => new RespDecoder().decode(bytes(":1x")),
      /integer header ":1x"/,
    );
  });

  it("RespDecoder throws for a length line without LF after its CR", () => {
    assertProtocolError(
      () => new RespDecoder().decode(bytes("$3\rabc")),
      /bulk string header/,
    );
  });

  it("RespDecoder throws for a missing CRLF after a bulk body as soon as the wrong byte arrives", () => {
    const decoder = new RespDecoder();
    assert.deepStrictEqual(decoder.decode(bytes("$3\r\nabc\r")), []);
    assertProtocolError(
      () => decoder.decode(bytes("x")),
      /Missing CRLF after bulk string of 3 bytes/,
    );
  });

  it("RespDecoder throws for a wrong byte after a bulk body completed in a later chunk", () => {
    const decoder = new RespDecoder();
    decoder.decode(bytes("$6\r\nab"));
    assertProtocolError(
      () => decoder.decode(bytes("cdefXY")),
      /Missing CRLF after bulk string of 6 bytes/,
    );
  });

  it("RespDecoder throws for a bare LF when the line end is split", () => {
    const decoder = new RespDecoder();
    decoder.decode(bytes("+OK"));
    assertProtocolError(() => decoder.decode(bytes("\n")), /expected CRLF/);
  });

  it("RespDecoder throws for a huge declared bulk length before the body arrives and without allocating", () => {
    // 2^40 bytes: allocating it would fail with a RangeError or exhaust
    // memory, so a ProtocolError here proves the check comes first.
    for (const type of ["$", "!", "="]) {
      assertProtocolError(
        () => new RespDecoder().decode(bytes(`${type}${2 ** 40}\r\n`)),
        /of 1099511627776 bytes exceeds the limit of 536870912/,
      );
    }
  });

  it("RespDecoder appends the replies completed before a malformed reply to out before throwing", () => {
    const decoder = new RespDecoder();
    const out: Reply[] = [];
    assertProtocolError(
      () => decoder.decode(bytes("+A\r\n*2\r\n:1\r\n:2\r\n#x\r\n+B\r\n"), out),
      /Invalid boolean "x"/,
    );
    assert.deepStrictEqual(out, ["A", [1, 2]]);
  });

  it("RespDecoder failure is undefined until a ProtocolError, then that error", () => {
    const decoder = new RespDecoder();
    decoder.decode(bytes("+OK\r\n$3\r\nab"));
    assert.equal(decoder.failure, undefined);
    const error = assertProtocolError(
      () => decoder.decode(bytes("cX")),
      /Missing CRLF/,
    );
    assert.equal(decoder.failure, error);
  });

  it("RespDecoder throws the same ProtocolError on every decode after a failure", () => {
    const decoder = new RespDecoder();
    const first = assertProtocolError(
      () => decoder.decode(bytes("+OK\r\n?")),
      /Unknown reply type/,
    );
    for (const chunk of ["+OK\r\n", "", ":1\r\n"]) {
      let again: unknown;
      try {
        decoder.decode(bytes(chunk));
      } catch (error) {
        again = error;
      }
      assert.equal(again, first, `decode(${JSON.stringify(chunk)})`);
    }
  });

  it("RespDecoder throws the same ProtocolError after a failure mid-bulk", () => {
    const decoder = new RespDecoder();
    decoder.decode(bytes("$3\r\nab"));
    const first = assertProtocolError(
      () => decoder.decode(bytes("cde")),
      /Missing CRLF/,
    );
    assert.throws(() => decoder.decode(bytes("\r\n")), (error) => {
      assert.equal(error, first);
      return true;
    });
  });
});

// ---- limits -------------------------------------------------------------------

describe("RespDecoder limits", () => {
  it("RespDecoder accepts a bulk string of exactly maxBulkLength bytes", () => {
    assert.deepStrictEqual(
      decodeWhole(blob("$", "hello"), { maxBulkLength: 5 }),
      ["hello"],
    );
  });

  it("RespDecoder rejects bulk strings, bulk errors and verbatim strings over maxBulkLength before their body", () => {
    for (const header of ["$6\r\n", "!6\r\n", "=10\r\n"]) {
      const decoder = new RespDecoder({ maxBulkLength: 5 });
      assertProtocolError(
        () => decoder.decode(bytes(header)),
        /bytes exceeds the limit of 5/,
      );
    }
  });

  it("RespDecoder rejects a bulk over maxBulkLength whose header arrives byte by byte", () => {
    const decoder = new RespDecoder({ maxBulkLength: 100 });
    assertProtocolError(() => {
      for (const chunk of byteChunks(bytes("$101\r\n"))) decoder.decode(chunk);
    }, /Bulk string of 101 bytes exceeds the limit of 100/);
  });

  it("RespDecoder accepts aggregates of exactly maxAggregateLength elements", () => {
    const options = { maxAggregateLength: 3 };
    assert.deepStrictEqual(
      decodeWhole(bytes("*3\r\n:1\r\n:2\r\n:3\r\n"), options),
      [[1, 2, 3]],
    );
    assertReplies(
      decodeWhole(bytes("%3\r\n:1\r\n:1\r\n:2\r\n:2\r\n:3\r\n:3\r\n"), options),
      [new Map<Reply, Reply>([[1, 1], [2, 2], [3, 3]])],
    );
  });

  it("RespDecoder rejects arrays, maps, sets, pushes and attributes over maxAggregateLength", () => {
    const cases: [string, RegExp][] = [
      ["*4\r\n", /Array of 4 elements exceeds the limit of 3/],
      ["%4\r\n", /Map of 4 elements exceeds the limit of 3/],
      ["~4\r\n", /Set of 4 elements exceeds the limit of 3/],
      [">4\r\n", /Push of 4 elements exceeds the limit of 3/],
      ["|4\r\n", /Attribute of 4 elements exceeds the limit of 3/],
    ];
    for (const [header, pattern] of cases) {
      assertProtocolError(
        () => new RespDecoder({ maxAggregateLength: 3 }).decode(bytes(header)),
        pattern,
      );
    }
  });

  it("RespDecoder rejects a huge declared array length with default limits", () => {
    assertProtocolError(
      () => new RespDecoder().decode(bytes(`*${2 ** 40}\r\n`)),
      /Array of 1099511627776 elements exceeds the limit of 134217728/,
    );
  });

  it("RespDecoder accepts 128 nested arrays with the default maxDepth", () => {
    assert.deepStrictEqual(decodeWhole(nestedWire(128)), [nestedValue(128)]);
  });

  it("RespDecoder rejects 129 nested arrays with the default maxDepth", () => {
    assertProtocolError(
      () => new RespDecoder().decode(nestedWire(129)),
      /depth limit of 128/,
    );
  });

  it("RespDecoder applies a custom maxDepth to every aggregate type", () => {
    const options = { maxDepth: 2 };
    assert.deepStrictEqual(decodeWhole(nestedWire(2), options), [
      nestedValue(2),
    ]);
    for (
      const wire of ["*1\r\n*1\r\n*1\r\n:1\r\n", "%1\r\n~1\r\n>1\r\n:1\r\n"]
    ) {
      assertProtocolError(
        () => new RespDecoder(options).decode(bytes(wire)),
        /depth limit of 2/,
      );
    }
  });

  it("RespDecoder accepts a simple string line well under maxLineLength", () => {
    const text = "x".repeat(50);
    assert.deepStrictEqual(
      decodeWhole(bytes(`+${text}\r\n`), { maxLineLength: 100 }),
      [text],
    );
  });

  it("RespDecoder rejects a simple string line longer than maxLineLength", () => {
    const wire = bytes(`+${"x".repeat(200)}\r\n`);
    assertProtocolError(
      () => new RespDecoder({ maxLineLength: 100 }).decode(wire),
      /exceeds the limit of 100/,
    );
  });

  it("RespDecoder rejects a long line arriving in many chunks before its CRLF", () => {
    const decoder = new RespDecoder({ maxLineLength: 100 });
    decoder.decode(bytes("+"));
    // 200 bytes and no CRLF yet: the limit is broken, do not wait for more.
    assertProtocolError(() => {
      for (let i = 0; i < 20; i++) decoder.decode(bytes("x".repeat(10)));
    }, /exceeds the limit of 100/);
  });

  it("RespDecoder rejects a line over the default 1 MiB limit arriving in many chunks", () => {
    const decoder = new RespDecoder();
    const piece = bytes("-".repeat(4096));
    decoder.decode(bytes("+"));
    assertProtocolError(() => {
      for (let i = 0; i < 300; i++) decoder.decode(piece);
    }, /exceeds the limit of 1048576/);
  });
});

// ---- large inputs and linear time ---------------------------------------------

// These tests assert no timings. They are sized so that a linear decoder
// finishes each in a small fraction of a second, while one that rescans or
// re-copies what it buffered (quadratic in the input) needs minutes: Bun's
// default 5 s per-test timeout fails it, and under Deno the run visibly
// stalls. (Before the fix, the 200 KB big number fed byte by byte took 11 s
// under Deno and 118 s under Bun.)
describe("RespDecoder large inputs", () => {
  const MIB = 1024 * 1024;

  function patternBytes(length: number): Uint8Array {
    const data = new Uint8Array(length);
    for (let i = 0; i < length; i++) data[i] = (i * 31 + 7) & 0xff;
    return data;
  }

  it("RespDecoder decodes a 1 MiB bulk string fed in 1000-byte chunks", () => {
    const body = patternBytes(MIB);
    const wire = blob("$", body);
    const out = decodeChunks(sizedChunks(wire, 1000), { bytes: true });
    assert.equal(out.length, 1);
    assert.deepStrictEqual(out[0], body);
  });

  it("RespDecoder decodes a 20 MiB bulk string fed in 64 KiB chunks, growing its buffer past 8 MiB", () => {
    const body = patternBytes(20 * MIB);
    const out = decodeChunks(sizedChunks(blob("$", body), 64 * 1024), {
      bytes: true,
    });
    assert.equal(out.length, 1);
    assert.deepStrictEqual(out[0], body);
  });

  it("RespDecoder decodes a 9 MiB text bulk string fed in 64 KiB chunks piece by piece, multi-byte characters across chunks included", () => {
    // 3-byte characters: 64 KiB chunks split many of them.
    const text = "a€".repeat(9 * MIB / 4) + "end";
    const wire = blob("$", new TextEncoder().encode(text));
    const out = decodeChunks(sizedChunks(wire, 64 * 1024), {});
    assert.equal(out.length, 1);
    assert.equal(out[0], text);
  });

  it("RespDecoder keeps each text and bytes bulk string intact when later ones arrive in pieces", () => {
    const te = new TextEncoder();
    const first = "α".repeat(100_000);
    const second = "b".repeat(150_000);
    const raw = patternBytes(120_000);
    const third = "c".repeat(90_000);
    let calls = 0;
    const decoder = new RespDecoder({
      // The third reply decodes as bytes; the others as text.
      replyMode: () => calls++ === 2 ? REPLY_BYTES : 0,
    });
    const wire = concat(
      blob("$", te.encode(first)),
      blob("$", te.encode(second)),
      blob("$", raw),
      blob("$", te.encode(third)),
    );
    const out: Reply[] = [];
    for (const chunk of sizedChunks(wire, 7_000)) decoder.decode(chunk, out);
    assert.equal(out.length, 4);
    assert.equal(out[0], first);
    assert.equal(out[1], second);
    assert.deepStrictEqual(out[2], raw);
    assert.equal(out[3], third);
  });

  it("RespDecoder decodes a 1 MiB text bulk string split inside multi-byte characters", () => {
    const text = "€".repeat(MIB / 3) + "x";
    const wire = blob("$", new TextEncoder().encode(text));
    for (const size of [1000, 65536, 65537]) {
      const out = decodeChunks(sizedChunks(wire, size), {});
      assert.equal(out[0], text);
    }
  });

  it("RespDecoder does not reserve a huge declared bulk length before its bytes arrive", () => {
    // 64 headers of 512 MiB each: reserving them up front would take 32 GiB.
    // Deno reports external (ArrayBuffer) memory; Bun reports 0 here.
    const before = process.memoryUsage().external;
    const decoders: RespDecoder[] = [];
    for (let i = 0; i < 64; i++) {
      const decoder = new RespDecoder({ bytes: true });
      assert.deepEqual(decoder.decode(bytes("$536870912\r\nxyz")), []);
      assert.equal(decoder.pending, true);
      decoders.push(decoder);
    }
    assert.equal(decoders.length, 64);
    const grown = process.memoryUsage().external - before;
    assert.ok(grown < 1024 * MIB, `external memory grew by ${grown} bytes`);
  });

  it("RespDecoder decodes a 1 MiB text bulk string fed in 1000-byte chunks", () => {
    const text = "0123456789abcdef".repeat(MIB / 16);
    const out = decodeChunks(sizedChunks(blob("$", text), 1000));
    assert.equal(out.length, 1);
    assert.ok(out[0] === text);
  });

  it("RespDecoder decodes a 1 MiB bulk string fed in 1-byte chunks", () => {
    const body = patternBytes(MIB);
    const wire = blob("$", body);
    const decoder = new RespDecoder({ bytes: true });
    const out: Reply[] = [];
    for (let i = 0; i < wire.length; i++) {
      decoder.decode(wire.subarray(i, i + 1), out);
    }
    assert.equal(out.length, 1);
    assert.deepStrictEqual(out[0], body);
  });

  it("RespDecoder decodes a 100k-element array fed in 7-byte chunks", () => {
    const count = 100_000;
    const parts: string[] = [`*${count}\r\n`];
    const expected: Reply[] = [];
    for (let i = 0; i < count; i++) {
      if (i % 2 === 0) {
        parts.push(`:${i}\r\n`);
        expected.push(i);
      } else {
        const text = `v${i}`;
        parts.push(`$${text.length}\r\n${text}\r\n`);
        expected.push(text);
      }
    }
    const out = decodeChunks(sizedChunks(bytes(parts.join("")), 7));
    assert.equal(out.length, 1);
    assert.deepStrictEqual(out[0], expected);
  });

  it("RespDecoder decodes 100k small replies in one chunk", () => {
    const count = 100_000;
    const out = decodeWhole(bytes("+OK\r\n".repeat(count)));
    assert.equal(out.length, count);
    assert.ok(out.every((reply) => reply === "OK"));
  });

  it("RespDecoder decodes a 200 KB simple string line fed in 100-byte pieces", () => {
    const text = "abcdefghij".repeat(20_000);
    const out = decodeChunks(sizedChunks(bytes(`+${text}\r\n`), 100));
    assert.equal(out.length, 1);
    assert.ok(out[0] === text);
  });

  it("RespDecoder decodes a 500 KB simple string line fed in 1-byte chunks", () => {
    const text = "z".repeat(500_000);
    const wire = bytes(`+${text}\r\n`);
    const decoder = new RespDecoder();
    const out: Reply[] = [];
    for (let i = 0; i < wire.length; i++) {
      decoder.decode(wire.subarray(i, i + 1), out);
    }
    assert.equal(out.length, 1);
    assert.ok(out[0] === text);
  });

  it("RespDecoder decodes a 200 KB big number line fed in 1-byte chunks", () => {
    const digits = "1234567890".repeat(20_000);
    const wire = bytes(`(-${digits}\r\n`);
    const decoder = new RespDecoder();
    const out: Reply[] = [];
    for (let i = 0; i < wire.length; i++) {
      decoder.decode(wire.subarray(i, i + 1), out);
    }
    assert.equal(out.length, 1);
    const value = out[0];
    assert.equal(typeof value, "bigint");
    assert.equal(String(value), `-${digits}`);
  });

  it("RespDecoder decodes a reply nested 128 deep without recursion problems", () => {
    const wire = concat(
      bytes("*2\r\n%1\r\n".repeat(64)),
      bytes("+leaf\r\n"),
      bytes(":0\r\n+v\r\n".repeat(64)),
    );
    let expected: Reply = "leaf";
    for (let i = 0; i < 64; i++) {
      expected = [new Map<Reply, Reply>([[expected, 0]]), "v"];
    }
    assertReplies(decodeWhole(wire), [expected]);
    assertReplies(decodeChunks(byteChunks(wire)), [expected]);
  });

  it("RespDecoder decodes many 128-deep replies in a row", () => {
    const count = 1000;
    const wire = concat(
      ...Array.from({ length: count }, () => nestedWire(128)),
    );
    const out = decodeChunks(sizedChunks(wire, 4096));
    assert.equal(out.length, count);
    assert.deepStrictEqual(out[count - 1], nestedValue(128));
  });
});

describe("RespDecoder split-independence", () => {
  function bothWays(wire: string, options?: RespDecoderOptions): Reply[] {
    const whole = decodeWhole(bytes(wire), options);
    const pieces = decodeChunks(byteChunks(bytes(wire)), options);
    assertReplies(pieces, whole, wire);
    return whole;
  }

  it("RespDecoder decodes long integers the same whole and split", () => {
    assert.deepEqual(bothWays(":0000000000000000000000000001\r\n"), [1]);
    assert.deepEqual(bothWays(":-1234567890123456789012345\r\n"), [
      -1234567890123456789012345n,
    ]);
  });

  it("RespDecoder rejects an over-long length the same whole and split", () => {
    const wire = bytes("$1234567890123456\r\n");
    assert.throws(() => new RespDecoder().decode(wire), ProtocolError);
    const decoder = new RespDecoder();
    assert.throws(() => {
      for (const chunk of byteChunks(wire)) decoder.decode(chunk);
    }, ProtocolError);
  });

  it("RespDecoder applies maxLineLength at the same byte whole and split", () => {
    const options = { maxLineLength: 10 };
    // "+" and 10 characters: 11 bytes of line content, one over the limit.
    const wire = bytes("+aaaaaaaaaa");
    assert.throws(() => new RespDecoder(options).decode(wire), ProtocolError);
    const decoder = new RespDecoder(options);
    const chunks = byteChunks(wire);
    chunks.slice(0, -1).forEach((chunk) => decoder.decode(chunk));
    assert.throws(() => decoder.decode(chunks.at(-1)!), ProtocolError);
    // Exactly at the limit is fine, also with the CRLF split off.
    assert.deepEqual(bothWays("+aaaaaaaaa\r\n", options), ["aaaaaaaaa"]);
  });

  it("RespDecoder never produces negative zero", () => {
    const [zero] = bothWays(":-0\r\n");
    assert.ok(Object.is(zero, 0));
  });
});

describe("RespDecoder replyMode", () => {
  it("RespDecoder with REPLY_FLAT decodes maps as flat arrays and sets as arrays, nested too", () => {
    const wire = bytes(
      "%2\r\n+a\r\n~2\r\n:1\r\n:2\r\n+b\r\n%1\r\n+c\r\n_\r\n" +
        "%0\r\n~0\r\n",
    );
    const decoder = new RespDecoder({ replyMode: () => REPLY_FLAT });
    assert.deepEqual(decoder.decode(wire), [
      ["a", [1, 2], "b", ["c", null]],
      [],
      [],
    ]);
  });

  it("RespDecoder asks replyMode once per top-level reply and applies it to that reply only", () => {
    const modes = [REPLY_FLAT, 0, REPLY_FLAT | REPLY_BYTES];
    const types: number[] = [];
    const decoder = new RespDecoder({
      replyMode: (type) => {
        types.push(type);
        return modes.shift() ?? 0;
      },
    });
    const out = decoder.decode(
      bytes("%1\r\n+k\r\n+v\r\n%1\r\n+k\r\n+v\r\n~1\r\n$1\r\nx\r\n"),
    );
    assert.deepEqual(types, [0x25, 0x25, 0x7e]);
    assert.deepEqual(out[0], ["k", "v"]);
    assert.ok(out[1] instanceof Map);
    assert.equal(out[1].get("k"), "v");
    assert.ok(Array.isArray(out[2]));
    assert.deepEqual(out[2], [new Uint8Array([0x78])]);
  });

  it("RespDecoder with REPLY_FLAT keeps attributes as maps and pushes as pushes", () => {
    const received: Map<Reply, Reply>[] = [];
    const decoder = new RespDecoder({
      replyMode: () => REPLY_FLAT,
      onAttributes: (attributes) => received.push(attributes),
    });
    const out = decoder.decode(
      bytes(
        "|1\r\n+ttl\r\n:5\r\n%1\r\n+k\r\n+v\r\n>2\r\n+a\r\n%1\r\n+x\r\n+y\r\n",
      ),
    );
    assert.equal(received.length, 1);
    assert.ok(received[0] instanceof Map);
    assert.deepEqual(out[0], ["k", "v"]);
    assert.ok(out[1] instanceof Push);
    assert.ok((out[1] as Push).data[1] instanceof Map);
  });

  it("RespDecoder with REPLY_FLAT still enforces the aggregate limit", () => {
    const decoder = new RespDecoder({
      replyMode: () => REPLY_FLAT,
      maxAggregateLength: 2,
    });
    assert.throws(
      () => decoder.decode(bytes("%3\r\n")),
      /Map of 3 elements exceeds the limit of 2/,
    );
  });
});

describe("RespDecoder text", () => {
  /** A RESP2 array of bulk strings. */
  function array(items: string[]): Uint8Array {
    const te = new TextEncoder();
    let wire = `*${items.length}\r\n`;
    for (const item of items) {
      wire += `$${te.encode(item).length}\r\n${item}\r\n`;
    }
    return te.encode(wire);
  }

  it("RespDecoder decodes many short ASCII strings across text windows", () => {
    const items = Array.from({ length: 3000 }, (_, i) => `value:${i}`);
    const wire = array(items);
    assert.deepEqual(new RespDecoder().decode(wire), [items]);
    // Split at odd places too.
    const decoder = new RespDecoder();
    const out: Reply[] = [];
    for (let i = 0; i < wire.length; i += 997) {
      decoder.decode(wire.subarray(i, i + 997), out);
    }
    assert.deepEqual(out, [items]);
  });

  it("RespDecoder decodes ASCII strings after multi-byte characters in the same window", () => {
    const items: string[] = [];
    for (let i = 0; i < 500; i++) {
      items.push(i % 7 === 0 ? `é${i}😀` : i % 11 === 0 ? "" : `ascii-${i}`);
    }
    items.push("x".repeat(300), "y".repeat(256), "z".repeat(257), "ab", "c");
    assert.deepEqual(new RespDecoder().decode(array(items)), [items]);
  });

  it("RespDecoder decodes invalid UTF-8 next to ASCII strings with replacement characters", () => {
    const wire = concat(
      bytes("*3\r\n$2\r\n"),
      new Uint8Array([0xc3, 0x28]),
      bytes("\r\n$5\r\nplain\r\n$3\r\n"),
      new Uint8Array([0xe2, 0x82, 0x41]),
      bytes("\r\n"),
    );
    const [items] = new RespDecoder().decode(wire) as [string[]];
    assert.equal(items[1], "plain");
    assert.equal(items[0], "\ufffd(");
    assert.equal(items[2], "\ufffdA");
  });

  it("RespDecoder decodes each string of a long array as on its own when windows hold lone invalid bytes, BOMs and cut sequences", () => {
    const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
    const pieces = [
      [0x80],
      [0xff, 0x61],
      [0x61, 0xc3],
      [0xef, 0xbb, 0xbf, 0x62],
      [0xe2, 0x82],
      [0xf0, 0x9f, 0x98],
      [0xc3, 0xa9],
      [0x63, 0x64, 0x65],
    ];
    const bodies: Uint8Array[] = [];
    for (let i = 0; i < 600; i++) {
      // Runs of ASCII between the odd ones, so windows of every kind.
      const odd = i % 13 === 0 ? pieces[(i / 13) % pieces.length]! : [];
      bodies.push(concat(bytes(`v${i}`), Uint8Array.from(odd)));
    }
    const wire = concat(
      bytes(`*${bodies.length}\r\n`),
      ...bodies.map((body) => blob("$", body)),
    );
    const expected = bodies.map((body) => utf8.decode(body));
    assert.deepEqual(new RespDecoder().decode(wire), [expected]);
    for (const size of [1, 7, 100, 2049]) {
      assert.deepEqual(
        decodeChunks(sizedChunks(wire, size)),
        [expected],
        `chunks of ${size}`,
      );
    }
  });
});

describe("RespDecoder readTarget", () => {
  const encoder = new TextEncoder();
  // A function, so that TypeScript does not narrow the getter's type
  // between calls.
  const targetOf = (decoder: RespDecoder) => decoder.readTarget;
  /** A body of `n` bytes of varied ASCII. */
  function body(n: number): Uint8Array {
    return new Uint8Array(n).map((_, i) => 0x21 + (i * 7) % 90);
  }

  it("RespDecoder.readTarget is the unfilled rest of a large bulk string's buffer, and bytes read into it are taken in place", () => {
    const decoder = new RespDecoder({ bytes: true });
    const value = body(300_000);
    assert.equal(targetOf(decoder), undefined);
    decoder.decode(
      concat(encoder.encode("$300000\r\n"), value.subarray(0, 1000)),
    );
    const target = targetOf(decoder);
    assert.ok(target);
    assert.equal(target.length, 299_000);
    // Two reads into the target, as a socket would deliver them.
    target.set(value.subarray(1000, 101_000));
    assert.deepEqual(decoder.decode(target.subarray(0, 100_000)), []);
    const rest = targetOf(decoder);
    assert.ok(rest);
    assert.equal(rest.length, 199_000);
    assert.equal(rest.byteOffset, target.byteOffset + 100_000);
    rest.set(value.subarray(101_000));
    assert.deepEqual(decoder.decode(rest), []);
    // Too little left to offer (only the CRLF is missing).
    assert.equal(targetOf(decoder), undefined);
    const [reply] = decoder.decode(encoder.encode("\r\n+OK\r\n"));
    assert.ok(reply instanceof Uint8Array);
    assert.deepEqual(reply, value);
    // The value is the very buffer the bytes were read into: no copy.
    assert.ok(reply.buffer === target.buffer);
    assert.equal(targetOf(decoder), undefined);
  });

  it("RespDecoder.readTarget works for text in the scratch buffer, and again for the next value", () => {
    const decoder = new RespDecoder();
    for (const size of [200_000, 150_000]) {
      const value = body(size);
      decoder.decode(
        concat(encoder.encode(`$${size}\r\n`), value.subarray(0, 10)),
      );
      const target = decoder.readTarget!;
      assert.equal(target.length, size - 10);
      target.set(value.subarray(10));
      assert.deepEqual(decoder.decode(target), []);
      assert.deepEqual(
        decoder.decode(encoder.encode("\r\n")),
        [new TextDecoder().decode(value)],
      );
    }
  });

  it("RespDecoder.readTarget is undefined for small, streamed or finished strings and between replies", () => {
    const decoder = new RespDecoder();
    decoder.decode(encoder.encode("$100000\r\n"));
    assert.ok(targetOf(decoder)); // 100,000 missing
    decoder.decode(body(40_000));
    assert.equal(targetOf(decoder), undefined); // 60,000 missing
    decoder.decode(concat(body(60_000), encoder.encode("\r\n")));
    assert.equal(targetOf(decoder), undefined);
    decoder.decode(encoder.encode("*2\r\n:1\r\n"));
    assert.equal(targetOf(decoder), undefined); // inside an array, no bulk
    decoder.decode(encoder.encode(":2\r\n"));
    // Text beyond 8 MiB is decoded piece by piece: no buffer to offer.
    decoder.decode(encoder.encode(`$${9 << 20}\r\nab`));
    assert.equal(targetOf(decoder), undefined);
  });

  it("RespDecoder.readTarget of a bulk string over 8 MiB covers only the part allocated so far", () => {
    const decoder = new RespDecoder({ bytes: true });
    const size = 9 << 20;
    decoder.decode(encoder.encode(`$${size}\r\n`));
    const target = decoder.readTarget!;
    assert.equal(target.length, 8 << 20);
  });

  it("RespDecoder copies a chunk that is not the target as usual, even after readTarget was asked", () => {
    const decoder = new RespDecoder({ bytes: true });
    const value = body(200_000);
    decoder.decode(concat(encoder.encode("$200000\r\n"), value.subarray(0, 5)));
    const target = decoder.readTarget!;
    assert.ok(target);
    // The reader used a buffer of its own after all.
    decoder.decode(value.slice(5, 100_000));
    // The target of before is stale now; a new one starts further on.
    assert.equal(targetOf(decoder)!.byteOffset, target.byteOffset + 99_995);
    const [reply] = decoder.decode(
      concat(value.subarray(100_000), encoder.encode("\r\n")),
    );
    assert.deepEqual(reply, value);
  });
});

describe("RespDecoder runs of short bulk strings in arrays", () => {
  // Lengths around every edge of the run: 0, one to three digits, the
  // largest short string (256) and the first that is not (257), four digits.
  const LENGTHS = [0, 1, 2, 9, 10, 99, 100, 255, 256, 257, 999, 1000, 4096];

  function runWire(): { wire: Uint8Array; expected: Reply[] } {
    const parts: Uint8Array[] = [];
    const items: Reply[] = [];
    let n = 0;
    for (const length of LENGTHS) {
      for (const text of ["a".repeat(length), "é".repeat(length >> 1)]) {
        parts.push(blob("$", text));
        items.push(text);
        n++;
      }
      parts.push(bytes("$-1\r\n:7\r\n"));
      items.push(null, 7);
      n += 2;
    }
    parts.push(blob("$", "last"));
    items.push("last");
    n++;
    const wire = concat(
      bytes(`*${n}\r\n`),
      ...parts,
      bytes("*3\r\n$1\r\nx\r\n*2\r\n$2\r\nyy\r\n$0\r\n\r\n$3\r\nzzz\r\n"),
      blob("$", "after"),
    );
    return { wire, expected: [items, ["x", ["yy", ""], "zzz"], "after"] };
  }

  it("RespDecoder decodes short, long, null and non-string elements alike in any chunking", () => {
    const { wire, expected } = runWire();
    assertReplies(decodeWhole(wire), expected);
    for (const size of [1, 2, 3, 5, 7, 13, 64, 1000]) {
      assertReplies(
        decodeChunks(sizedChunks(wire, size)),
        expected,
        `chunks of ${size}`,
      );
    }
  });

  it("RespDecoder decodes the same elements as bytes in bytes mode, not aliasing the chunk", () => {
    const { wire, expected } = runWire();
    const out = decodeWhole(wire, { bytes: true });
    const encoder = new TextEncoder();
    const asBytes = (value: Reply): Reply =>
      typeof value === "string"
        ? encoder.encode(value)
        : Array.isArray(value)
        ? value.map(asBytes)
        : value;
    assertReplies(out, expected.map(asBytes));
    const first = (out[0] as Reply[])[4] as Uint8Array; // "a"
    assert.equal(first.length, 1);
    wire.fill(0);
    assert.equal(first[0], 0x61, "the element is a copy, not a view");
  });

  it("RespDecoder throws for a missing CRLF after a short element body inside an array", () => {
    const wire = bytes("*3\r\n$1\r\na\r\n$2\r\nbbX\r\n$1\r\nc\r\n");
    assertProtocolError(() => decodeWhole(wire), /Missing CRLF after/);
  });

  it("RespDecoder throws for a short element header without LF inside an array", () => {
    const wire = bytes("*3\r\n$1\r\na\r\n$2\rXbb\r\n$1\r\nc\r\n");
    assertProtocolError(
      () => decodeWhole(wire),
      /Invalid bulk string length "2\\rXbb"/,
    );
  });

  it("RespDecoder applies maxBulkLength to short elements inside an array", () => {
    const wire = bytes("*3\r\n$3\r\nabc\r\n$4\r\nabcd\r\n$1\r\nc\r\n");
    assertProtocolError(
      () => decodeWhole(wire, { maxBulkLength: 3 }),
      /Bulk string of 4 bytes exceeds the limit of 3/,
    );
    assertReplies(decodeWhole(wire, { maxBulkLength: 4 }), [[
      "abc",
      "abcd",
      "c",
    ]]);
  });

  it("RespDecoder decodes a flat map of short strings in REPLY_FLAT mode like the array form", () => {
    const pairs: string[] = [];
    for (let i = 0; i < 500; i++) pairs.push(`field:${i}`, `value:${i}`);
    const body = pairs.map((text) => `$${text.length}\r\n${text}\r\n`).join("");
    const decoder = new RespDecoder({ replyMode: () => REPLY_FLAT });
    const out: Reply[] = [];
    for (const chunk of sizedChunks(bytes(`%500\r\n${body}`), 333)) {
      decoder.decode(chunk, out);
    }
    assert.deepStrictEqual(out, [pairs]);
  });
});

describe("RespDecoder runs of short bulk strings in maps", () => {
  function mapWire(): { wire: Uint8Array; expected: Reply[] } {
    const entries: [Reply, Reply][] = [];
    const parts: Uint8Array[] = [];
    for (let i = 0; i < 300; i++) {
      const key = `field:${i}`;
      // Values that break the run now and then: an integer, a null, a
      // long string, non-ASCII text; keys too, once.
      const value: Reply = i % 50 === 7
        ? i
        : i % 50 === 8
        ? null
        : i % 50 === 9
        ? "v".repeat(300)
        : i % 50 === 10
        ? `wert:${i}:ä`
        : `value:${i}`;
      parts.push(blob("$", key));
      parts.push(
        typeof value === "number"
          ? bytes(`:${value}\r\n`)
          : value === null
          ? bytes("_\r\n")
          : blob("$", value as string),
      );
      entries.push([key, value]);
    }
    parts.push(bytes(":42\r\n"), blob("$", "after an integer key"));
    entries.push([42, "after an integer key"]);
    const attribute = bytes("|1\r\n$3\r\nttl\r\n$2\r\n10\r\n");
    const wire = concat(
      bytes(`%${entries.length}\r\n`),
      ...parts,
      bytes("*2\r\n"),
      attribute,
      bytes("%1\r\n$1\r\na\r\n$1\r\nb\r\n"),
      blob("$", "tail"),
    );
    return {
      wire,
      expected: [new Map(entries), [new Map([["a", "b"]]), "tail"]],
    };
  }

  it("RespDecoder keeps keys and values of a map in place in any chunking", () => {
    const { wire, expected } = mapWire();
    assertReplies(decodeWhole(wire), expected);
    for (const size of [1, 3, 7, 64, 1000]) {
      assertReplies(
        decodeChunks(sizedChunks(wire, size)),
        expected,
        `chunks of ${size}`,
      );
    }
  });

  it("RespDecoder still reports a nested attribute of short strings", () => {
    const { wire } = mapWire();
    const seen: Map<Reply, Reply>[] = [];
    decodeWhole(wire, { onAttributes: (attributes) => seen.push(attributes) });
    assert.deepStrictEqual(seen, [new Map([["ttl", "10"]])]);
  });
});
