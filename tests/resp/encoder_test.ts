import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type Arg,
  CommandEncoder,
  encodeCommand,
  type Reply,
  RespDecoder,
} from "../../src/resp/mod.ts";
import { bytes, random } from "./_helpers.ts";

// ---- helpers ----------------------------------------------------------------

/** Bytes from a string of code points 0..255 (one byte per character). */
function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

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

/** What a command's arguments must look like on the wire, one by one. */
function argBytes(arg: Arg): Uint8Array {
  if (arg instanceof Uint8Array) return arg;
  if (typeof arg === "string") return bytes(arg);
  if (arg === Infinity) return bytes("inf");
  if (arg === -Infinity) return bytes("-inf");
  return bytes(String(arg));
}

/**
 * A test-local encoder built on `TextEncoder.encode`, independent of the
 * encoder's `encodeInto` and header fix-up code.
 */
function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function reference(args: readonly Arg[]): Uint8Array {
  const parts = [bytes(`*${args.length}\r\n`)];
  for (const arg of args) {
    const data = argBytes(arg);
    parts.push(bytes(`$${data.length}\r\n`), data, bytes("\r\n"));
  }
  return concat(...parts);
}

/** Decodes encoded commands back with RespDecoder in bytes mode. */
function decodeCommands(wire: Uint8Array): Reply[] {
  const decoder = new RespDecoder({ bytes: true });
  const out = decoder.decode(wire);
  assert.equal(decoder.pending, false, "encoded bytes end mid-reply");
  return out;
}

const ALL_BYTES = Uint8Array.from({ length: 256 }, (_, i) => i);

/** Expects a TypeError whose message matches `pattern`. */
function assertTypeError(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof TypeError, `expected a TypeError: ${error}`);
    assert.match(error.message, pattern);
    return true;
  });
}

// ---- encodeCommand ------------------------------------------------------------

describe("encodeCommand exact bytes", () => {
  it("encodeCommand encodes a one-word command", () => {
    assert.deepStrictEqual(
      encodeCommand(["PING"]),
      bytes("*1\r\n$4\r\nPING\r\n"),
    );
  });

  it("encodeCommand encodes string arguments as bulk strings", () => {
    assert.deepStrictEqual(
      encodeCommand(["SET", "key", "value"]),
      bytes("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n"),
    );
  });

  it("encodeCommand encodes an empty string argument", () => {
    assert.deepStrictEqual(
      encodeCommand(["SET", "k", ""]),
      bytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n"),
    );
  });

  it("encodeCommand encodes integers in decimal", () => {
    assert.deepStrictEqual(
      encodeCommand(["X", 0, 7, 42, 1000, -1, -250]),
      bytes(
        "*7\r\n$1\r\nX\r\n$1\r\n0\r\n$1\r\n7\r\n$2\r\n42\r\n$4\r\n1000\r\n" +
          "$2\r\n-1\r\n$4\r\n-250\r\n",
      ),
    );
  });

  it("encodeCommand encodes the largest and smallest safe integers", () => {
    assert.deepStrictEqual(
      encodeCommand([Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER]),
      bytes("*2\r\n$16\r\n9007199254740991\r\n$17\r\n-9007199254740991\r\n"),
    );
  });

  it("encodeCommand encodes floats in decimal", () => {
    assert.deepStrictEqual(
      encodeCommand(["INCRBYFLOAT", "k", 3.14, -0.5, 1.5]),
      bytes(
        "*5\r\n$11\r\nINCRBYFLOAT\r\n$1\r\nk\r\n$4\r\n3.14\r\n" +
          "$4\r\n-0.5\r\n$3\r\n1.5\r\n",
      ),
    );
  });

  it("encodeCommand encodes Infinity as inf and -Infinity as -inf", () => {
    assert.deepStrictEqual(
      encodeCommand(["ZRANGEBYSCORE", "z", -Infinity, Infinity]),
      bytes(
        "*4\r\n$13\r\nZRANGEBYSCORE\r\n$1\r\nz\r\n$4\r\n-inf\r\n$3\r\ninf\r\n",
      ),
    );
  });

  it("encodeCommand encodes bigints in decimal", () => {
    assert.deepStrictEqual(
      encodeCommand([0n, -5n, 2n ** 64n, -(2n ** 70n)]),
      bytes(
        "*4\r\n$1\r\n0\r\n$2\r\n-5\r\n$20\r\n18446744073709551616\r\n" +
          "$23\r\n-1180591620717411303424\r\n",
      ),
    );
  });

  it("encodeCommand encodes a Uint8Array with all 256 byte values as is", () => {
    assert.deepStrictEqual(
      encodeCommand(["SET", ALL_BYTES]),
      concat(
        bytes("*2\r\n$3\r\nSET\r\n$256\r\n"),
        ALL_BYTES,
        bytes("\r\n"),
      ),
    );
  });

  it("encodeCommand encodes an empty Uint8Array", () => {
    assert.deepStrictEqual(
      encodeCommand(["SET", new Uint8Array(0)]),
      bytes("*2\r\n$3\r\nSET\r\n$0\r\n\r\n"),
    );
  });

  it("encodeCommand encodes only the viewed bytes of a Uint8Array subarray", () => {
    const backing = bytes("xxhelloyy");
    assert.deepStrictEqual(
      encodeCommand([backing.subarray(2, 7)]),
      bytes("*1\r\n$5\r\nhello\r\n"),
    );
  });

  it("encodeCommand copies Uint8Array arguments", () => {
    const arg = bytes("abc");
    const encoded = encodeCommand([arg]);
    arg.fill(0);
    assert.deepStrictEqual(encoded, bytes("*1\r\n$3\r\nabc\r\n"));
  });

  it("encodeCommand encodes strings containing CR, LF and NUL by length", () => {
    assert.deepStrictEqual(
      encodeCommand(["SET", "a\r\nb\0c", "\r\n"]),
      bytes("*3\r\n$3\r\nSET\r\n$6\r\na\r\nb\0c\r\n$2\r\n\r\n\r\n"),
    );
  });

  it("encodeCommand encodes short non-ASCII strings as UTF-8", () => {
    assert.deepStrictEqual(
      encodeCommand(["é", "日本", "🎉", "aé"]),
      latin1(
        "*4\r\n$2\r\n\xc3\xa9\r\n$6\r\n\xe6\x97\xa5\xe6\x9c\xac\r\n" +
          "$4\r\n\xf0\x9f\x8e\x89\r\n$3\r\na\xc3\xa9\r\n",
      ),
    );
  });

  it("encodeCommand encodes a lone surrogate as U+FFFD", () => {
    assert.deepStrictEqual(
      encodeCommand(["a\ud800"]),
      latin1("*1\r\n$4\r\na\xef\xbf\xbd\r\n"),
    );
  });

  it("encodeCommand encodes ASCII strings of 63, 64 and 65 characters", () => {
    for (const length of [63, 64, 65]) {
      const text = "k".repeat(length);
      assert.deepStrictEqual(
        encodeCommand([text]),
        bytes(`*1\r\n$${length}\r\n${text}\r\n`),
        `length ${length}`,
      );
    }
  });

  it("encodeCommand encodes a command of more than 100 arguments", () => {
    const args = Array.from({ length: 150 }, (_, i) => `a${i}`);
    assert.deepStrictEqual(encodeCommand(args), reference(args));
    assert.deepStrictEqual(
      encodeCommand(args).subarray(0, 6),
      bytes("*150\r\n"),
    );
  });
});

describe("encodeCommand large integers", () => {
  it("encodeCommand writes integers from 1e21 up in full, not in exponent form", () => {
    const text = new TextDecoder().decode(encodeCommand(["X", 1e21, -2e22]));
    assert.equal(
      text,
      "*3\r\n$1\r\nX\r\n$22\r\n1000000000000000000000\r\n$24\r\n-20000000000000000000000\r\n",
    );
  });
});

describe("encodeCommand header fix-up", () => {
  // Long strings are encoded after room for the header of an ASCII string
  // (one byte per UTF-16 unit) and moved forward when their UTF-8 length
  // has more digits. These lengths cross every digit change of the UTF-16
  // length (10, 100, 1000, 10000) and of a UTF-8 length of 2 or 3 bytes per
  // unit (at n = 4, 5, 34, 50, 334, 500, 3334 and 5000).
  const LENGTHS = [
    ...Array.from({ length: 80 }, (_, i) => i + 1),
    ...Array.from({ length: 16 }, (_, i) => i + 95),
    ...Array.from({ length: 26 }, (_, i) => i + 320),
    ...Array.from({ length: 8 }, (_, i) => i + 496),
    ...Array.from({ length: 8 }, (_, i) => i + 996),
    ...Array.from({ length: 26 }, (_, i) => i + 3320),
    ...Array.from({ length: 8 }, (_, i) => i + 4996),
    ...Array.from({ length: 8 }, (_, i) => i + 9996),
  ];

  const SHAPES: [string, (n: number) => string][] = [
    ["ASCII characters", (n) => "a".repeat(n)],
    ["2-byte characters", (n) => "é".repeat(n)],
    ["3-byte characters", (n) => "日".repeat(n)],
    ["4-byte emoji", (n) => "🎉".repeat(n >> 1) + (n & 1 ? "x" : "")],
    ["ASCII then one 2-byte character", (n) => "a".repeat(n - 1) + "é"],
    ["one 3-byte character then ASCII", (n) => "日" + "a".repeat(n - 1)],
    ["ASCII then an emoji", (n) => "b".repeat(Math.max(0, n - 2)) + "🚀"],
    [
      "a mix of 1- to 4-byte characters",
      (n) => "aé日🎉".repeat(Math.ceil(n / 5)).slice(0, n),
    ],
  ];

  for (const [shape, make] of SHAPES) {
    it(`encodeCommand encodes strings of ${shape} at lengths around digit changes`, () => {
      for (const n of LENGTHS) {
        const text = make(n);
        const args = ["SET", text, "tail"];
        assert.deepStrictEqual(
          encodeCommand(args),
          reference(args),
          `${shape}, ${text.length} UTF-16 units`,
        );
      }
    });

    it(`CommandEncoder encodes strings of ${shape} after earlier commands in the buffer`, () => {
      const encoder = new CommandEncoder(16);
      const expected: Uint8Array[] = [];
      for (const n of LENGTHS) {
        const args = ["SET", make(n)];
        encoder.encode(args);
        expected.push(reference(args));
      }
      assert.deepStrictEqual(encoder.flush(), concat(...expected));
    });
  }
});

describe("encodeCommand round trip", () => {
  it("encodeCommand output decodes with RespDecoder to the argument bytes", () => {
    const args: Arg[] = [
      "SET",
      "",
      "héllo wörld 🎉",
      "x".repeat(1000),
      "Grüße ".repeat(100),
      "a\r\nb\0c",
      ALL_BYTES,
      new Uint8Array(0),
      0,
      -17,
      3.25,
      Infinity,
      -Infinity,
      123456789012345678901234567890n,
    ];
    assert.deepStrictEqual(decodeCommands(encodeCommand(args)), [
      args.map(argBytes),
    ]);
  });

  it("encodeCommand output of random commands decodes back to their arguments", () => {
    const next = random(42);
    const pieces = ["a", "Z", "é", "日", "🎉", "\r", "\n", "\0", " ", "ü"];
    for (let round = 0; round < 300; round++) {
      const count = 1 + Math.floor(next() * 8);
      const args: Arg[] = [];
      for (let i = 0; i < count; i++) {
        const kind = Math.floor(next() * 5);
        const size = Math.floor(next() * (next() < 0.1 ? 500 : 40));
        if (kind === 0) {
          let text = "";
          for (let j = 0; j < size; j++) {
            text += pieces[Math.floor(next() * pieces.length)];
          }
          args.push(text);
        } else if (kind === 1) {
          args.push(Uint8Array.from({ length: size }, () => next() * 256));
        } else if (kind === 2) {
          args.push(Math.floor((next() - 0.5) * 2 ** 40));
        } else if (kind === 3) {
          args.push((next() - 0.5) * 1e6);
        } else {
          args.push(BigInt(Math.floor(next() * 2 ** 40)) * 10n ** 20n);
        }
      }
      const encoded = encodeCommand(args);
      assert.deepStrictEqual(encoded, reference(args), `round ${round}`);
      assert.deepStrictEqual(decodeCommands(encoded), [args.map(argBytes)]);
    }
  });
});

describe("encodeCommand invalid arguments", () => {
  const BAD: [string, unknown, RegExp][] = [
    ["NaN", NaN, /index 1: NaN/],
    ["undefined", undefined, /index 1.*got undefined/],
    ["null", null, /index 1.*got null/],
    ["a boolean", true, /index 1.*got boolean/],
    ["a plain object", { a: 1 }, /index 1.*got Object/],
    ["an array", ["nested"], /index 1.*got Array/],
    ["a Date", new Date(0), /index 1.*got Date/],
    ["a symbol", Symbol("s"), /index 1.*got symbol/],
    ["a function", () => 1, /index 1.*got function/],
    ["an ArrayBuffer", new ArrayBuffer(4), /index 1.*got ArrayBuffer/],
    ["a null-prototype object", Object.create(null), /index 1.*got object/],
  ];

  for (const [name, value, pattern] of BAD) {
    it(`encodeCommand throws a TypeError for ${name}`, () => {
      assertTypeError(
        () => encodeCommand(["SET", value as Arg, "x"]),
        pattern,
      );
    });
  }

  it("encodeCommand throws a TypeError for an empty command", () => {
    assertTypeError(() => encodeCommand([]), /empty command/);
  });

  it("encodeCommand names the index of the bad argument", () => {
    assertTypeError(
      () => encodeCommand(["A", "B", "C", undefined as unknown as Arg]),
      /index 3/,
    );
  });
});

// ---- CommandEncoder ------------------------------------------------------------

describe("CommandEncoder", () => {
  const COMMANDS: Arg[][] = [
    ["PING"],
    ["SET", "key", "value"],
    ["GET", "key"],
    ["HSET", "h", "field", 1, "other", 2.5],
    ["SET", "bin", ALL_BYTES],
    ["ECHO", "héllo 🎉 ".repeat(20)],
    ["INCRBY", "n", -3n],
    ["ZADD", "z", Infinity, "m"],
    ["SET", "empty", ""],
  ];

  it("CommandEncoder batches commands into one flush equal to the concatenated encodeCommand outputs", () => {
    const encoder = new CommandEncoder();
    for (const command of COMMANDS) encoder.encode(command);
    const expected = concat(...COMMANDS.map(encodeCommand));
    assert.equal(encoder.length, expected.length);
    assert.deepStrictEqual(encoder.flush(), expected);
    assert.equal(encoder.length, 0);
  });

  it("CommandEncoder batches decode back to every command in order", () => {
    const encoder = new CommandEncoder();
    for (const command of COMMANDS) encoder.encode(command);
    assert.deepStrictEqual(
      decodeCommands(encoder.flush()),
      COMMANDS.map((command) => command.map(argBytes)),
    );
  });

  it("CommandEncoder flush returns an empty array when nothing was encoded", () => {
    const encoder = new CommandEncoder();
    assert.deepStrictEqual(encoder.flush(), new Uint8Array(0));
    encoder.encode(["PING"]);
    encoder.flush();
    assert.deepStrictEqual(encoder.flush(), new Uint8Array(0));
  });

  it("CommandEncoder length counts the bytes encoded since the last flush", () => {
    const encoder = new CommandEncoder();
    assert.equal(encoder.length, 0);
    encoder.encode(["PING"]);
    assert.equal(encoder.length, 14);
    encoder.encode(["GET", "k"]);
    assert.equal(encoder.length, 14 + encodeCommand(["GET", "k"]).length);
  });

  it("CommandEncoder grows past a tiny initial capacity", () => {
    const encoder = new CommandEncoder(8);
    const expected: Uint8Array[] = [];
    for (let i = 0; i < 200; i++) {
      const command: Arg[] = ["SET", `key:${i}`, "v".repeat(i * 7), i];
      encoder.encode(command);
      expected.push(encodeCommand(command));
    }
    encoder.encode(["SET", "big", new Uint8Array(100_000).fill(0x61)]);
    expected.push(
      encodeCommand(["SET", "big", new Uint8Array(100_000).fill(0x61)]),
    );
    assert.deepStrictEqual(encoder.flush(), concat(...expected));
  });

  it("CommandEncoder works with an initial capacity of 0", () => {
    const encoder = new CommandEncoder(0);
    encoder.encode(["PING"]);
    encoder.encode(["ECHO", "é".repeat(100)]);
    assert.deepStrictEqual(
      encoder.flush(),
      concat(encodeCommand(["PING"]), encodeCommand(["ECHO", "é".repeat(100)])),
    );
  });

  it("CommandEncoder leaves its buffer unchanged when a command throws", () => {
    const encoder = new CommandEncoder();
    encoder.encode(["SET", "good", "1"]);
    const length = encoder.length;
    assertTypeError(
      () => encoder.encode(["SET", "bad", NaN]),
      /index 2: NaN/,
    );
    assert.equal(encoder.length, length);
    assert.deepStrictEqual(
      encoder.flush(),
      encodeCommand(["SET", "good", "1"]),
    );
  });

  it("CommandEncoder leaves its buffer unchanged when a command throws after growing it", () => {
    const encoder = new CommandEncoder(8);
    encoder.encode(["SET", "good", "1"]);
    assertTypeError(
      () =>
        encoder.encode([
          "SET",
          "x".repeat(10_000),
          "é".repeat(5_000),
          null as unknown as Arg,
        ]),
      /index 3.*got null/,
    );
    assertTypeError(() => encoder.encode([]), /empty command/);
    encoder.encode(["GET", "after"]);
    assert.deepStrictEqual(
      encoder.flush(),
      concat(
        encodeCommand(["SET", "good", "1"]),
        encodeCommand(["GET", "after"]),
      ),
    );
  });

  it("CommandEncoder never modifies a flushed small batch on later encodes", () => {
    const encoder = new CommandEncoder(64);
    encoder.encode(["SET", "first", "value"]);
    const flushed = encoder.flush();
    const copy = flushed.slice();
    for (let i = 0; i < 100; i++) {
      encoder.encode(["SET", `k${i}`, "z".repeat(i)]);
    }
    encoder.flush();
    encoder.encode(["DEL", "again"]);
    assert.deepStrictEqual(flushed, copy);
  });

  it("CommandEncoder never modifies a flushed big batch (over 64 KiB) on later encodes", () => {
    const encoder = new CommandEncoder(1024);
    const expected: Uint8Array[] = [];
    for (let i = 0; i < 2000; i++) {
      const command: Arg[] = ["SET", `key:${i}`, "é".repeat(i % 50), i];
      encoder.encode(command);
      expected.push(encodeCommand(command));
    }
    assert.ok(encoder.length > 64 * 1024);
    const flushed = encoder.flush();
    assert.deepStrictEqual(flushed, concat(...expected));
    const copy = flushed.slice();
    // Encode more than the first batch held, then flush again.
    const later: Uint8Array[] = [];
    for (let i = 0; i < 3000; i++) {
      const command: Arg[] = ["GET", `other:${i}`, "q".repeat(i % 70)];
      encoder.encode(command);
      later.push(encodeCommand(command));
    }
    assert.deepStrictEqual(encoder.flush(), concat(...later));
    assert.deepStrictEqual(flushed, copy);
  });

  it("CommandEncoder flushes a single command bigger than 64 KiB", () => {
    const encoder = new CommandEncoder();
    const value = "ü".repeat(50_000);
    encoder.encode(["SET", "k", value]);
    const flushed = encoder.flush();
    assert.deepStrictEqual(flushed, reference(["SET", "k", value]));
    encoder.encode(["PING"]);
    assert.deepStrictEqual(encoder.flush(), encodeCommand(["PING"]));
    assert.deepStrictEqual(flushed, reference(["SET", "k", value]));
  });

  it("CommandEncoder keeps working across many small and big flushes", () => {
    const encoder = new CommandEncoder(32);
    const next = random(7);
    for (let round = 0; round < 50; round++) {
      const expected: Uint8Array[] = [];
      const count = next() < 0.3 ? 1500 : 1 + Math.floor(next() * 20);
      for (let i = 0; i < count; i++) {
        const command: Arg[] = ["SET", `r${round}:${i}`, "v".repeat(i % 90)];
        encoder.encode(command);
        expected.push(encodeCommand(command));
      }
      assert.deepStrictEqual(
        encoder.flush(),
        concat(...expected),
        `round ${round}`,
      );
    }
  });

  it("CommandEncoder.release reuses a written large buffer without changing output", () => {
    const encoder = new CommandEncoder();
    const big = "y".repeat(200_000);
    encoder.encode(["SET", "a", big]);
    const first = encoder.flush();
    const copy = first.slice();
    encoder.encode(["PING"]); // queued while `first` was being written
    encoder.release(first);
    encoder.encode(["SET", "b", big]);
    const second = encoder.flush();
    assert.equal(second.buffer, first.buffer); // the buffer was reused
    const expected = new Uint8Array([
      ...encodeCommand(["PING"]),
      ...encodeCommand(["SET", "b", big]),
    ]);
    assert.deepEqual(second, expected);
    assert.notDeepEqual(first, copy); // reused, so the old view changed
  });

  it("CommandEncoder takes turns with two buffers for small batches once they are released", () => {
    const encoder = new CommandEncoder();
    encoder.encode(["GET", "a"]);
    const first = encoder.flush(); // a copy: nothing was released yet
    encoder.release(first);
    const batches: Uint8Array[] = [];
    for (let i = 0; i < 6; i++) {
      encoder.encode(["SET", `k${i}`, "v".repeat(i)]);
      const batch = encoder.flush();
      assert.deepEqual(batch, encodeCommand(["SET", `k${i}`, "v".repeat(i)]));
      batches.push(batch);
      encoder.release(batch);
    }
    const buffers = batches.map((batch) => batch.buffer);
    assert.notEqual(buffers[0], buffers[1]);
    for (let i = 2; i < buffers.length; i++) {
      assert.equal(buffers[i], buffers[i - 2], `batch ${i}`);
    }
  });

  it("CommandEncoder never changes a batch that was not released, in any order of flushes and releases", () => {
    const next = random(11);
    for (let seed = 0; seed < 12; seed++) {
      const encoder = new CommandEncoder(seed % 2 ? 64 : 16 * 1024);
      const out: { bytes: Uint8Array; copy: Uint8Array }[] = [];
      let expected: Uint8Array[] = [];
      for (let step = 0; step < 400; step++) {
        const roll = next();
        if (roll < 0.5) {
          // Mostly small commands, now and then one of 40-120 KiB.
          const size = next() < 0.05
            ? 40_000 + Math.floor(next() * 80_000)
            : Math.floor(next() * 200);
          const command: Arg[] = ["SET", `s${seed}:${step}`, "w".repeat(size)];
          encoder.encode(command);
          expected.push(encodeCommand(command));
        } else if (roll < 0.8) {
          const bytes = encoder.flush();
          assert.deepEqual(bytes, concat(...expected), `step ${step}`);
          expected = [];
          out.push({ bytes, copy: bytes.slice() });
        } else if (out.length > 0) {
          // Release one batch still out, not always the oldest.
          const at = Math.floor(next() * out.length);
          encoder.release(out.splice(at, 1)[0]!.bytes);
        }
        if (out.length > 6) encoder.release(out.shift()!.bytes);
        for (const { bytes, copy } of out) {
          assert.ok(
            same(bytes, copy),
            `a batch still out changed at step ${step} (seed ${seed})`,
          );
        }
      }
    }
  });

  it("CommandEncoder reuses a released large buffer after small batches in between", () => {
    const encoder = new CommandEncoder();
    const big = "z".repeat(300_000);
    encoder.encode(["SET", "a", big]);
    const first = encoder.flush();
    encoder.release(first);
    for (let i = 0; i < 3; i++) {
      encoder.encode(["GET", `small${i}`]);
      encoder.release(encoder.flush());
    }
    encoder.encode(["SET", "b", big]);
    const second = encoder.flush();
    assert.equal(second.buffer, first.buffer);
    assert.deepEqual(second, encodeCommand(["SET", "b", big]));
  });

  it("CommandEncoder.release ignores small copied-out batches", () => {
    const encoder = new CommandEncoder();
    encoder.encode(["GET", "k"]);
    const small = encoder.flush();
    encoder.release(small);
    encoder.encode(["GET", "j"]);
    assert.deepEqual(encoder.flush(), encodeCommand(["GET", "j"]));
    assert.deepEqual(small, encodeCommand(["GET", "k"]));
  });
});
