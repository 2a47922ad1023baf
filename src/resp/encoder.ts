/**
 * Encodes commands as RESP arrays of bulk strings.
 *
 * @module
 */

import type { Arg } from "./types.ts";
import { encodeEscaped } from "./_utf8.ts";

const textEncoder = new TextEncoder();
const INITIAL_CAPACITY = 16 * 1024;
const SMALL_BATCH = 64 * 1024;
/** Largest buffer `release` takes back, so one huge batch is not kept. */
const MAX_RECYCLED = 8 * 1024 * 1024;

/**
 * Appends commands to one growing buffer, so a batch of commands becomes a
 * single `Uint8Array` for a single write without per-command allocations or
 * re-copying the batch.
 *
 * @example Batch two commands into one write
 * ```ts
 * import { CommandEncoder } from "@respite/redis/resp";
 *
 * const encoder = new CommandEncoder();
 * encoder.encode(["SET", "a", 1]);
 * encoder.encode(["GET", "a"]);
 * const bytes = encoder.flush();
 * console.log(new TextDecoder().decode(bytes).startsWith("*3\r\n$3\r\nSET")); // true
 * ```
 */
export class CommandEncoder {
  #buf: Uint8Array;
  #pos = 0;
  #initial: number;
  /** The small batch handed out by `flush` as a view of a whole buffer. */
  #lent: Uint8Array | undefined;
  /** That view's buffer, reused once the view is released. */
  #lentBuffer: Uint8Array | undefined;
  /** A released buffer, the next one `flush` switches to. */
  #spare: Uint8Array | undefined;
  /** Whether `release` was ever called: only then are batches lent. */
  #recycling = false;

  /**
   * Creates an encoder.
   *
   * @param initialCapacity The starting buffer size in bytes.
   */
  constructor(initialCapacity: number = INITIAL_CAPACITY) {
    this.#initial = initialCapacity;
    this.#buf = new Uint8Array(initialCapacity);
  }

  /**
   * The number of bytes encoded since the last flush.
   *
   * @example
   * ```ts
   * import { CommandEncoder } from "@respite/redis/resp";
   *
   * const encoder = new CommandEncoder();
   * encoder.encode(["PING"]);
   * console.log(encoder.length); // 14
   * ```
   */
  get length(): number {
    return this.#pos;
  }

  /**
   * Appends one command.
   *
   * @param args The command name and its arguments.
   * @throws {TypeError} An argument is not a string, number, bigint or
   *   `Uint8Array`, or is `NaN`; the buffer is left as it was.
   */
  encode(args: readonly Arg[]): void {
    const start = this.#pos;
    try {
      this.#encode(args);
    } catch (error) {
      this.#pos = start;
      throw error;
    }
  }

  #encode(args: readonly Arg[]): void {
    const count = args.length;
    if (count === 0) throw new TypeError("Cannot encode an empty command");
    this.#ensure(16);
    this.#pos = writeHeader(this.#buf, this.#pos, 0x2a, count);
    for (let i = 0; i < count; i++) {
      const arg = args[i];
      if (typeof arg === "string") {
        this.#writeString(arg);
      } else if (arg instanceof Uint8Array) {
        const length = arg.length;
        this.#ensure(length + 24);
        const buf = this.#buf;
        let pos = writeHeader(buf, this.#pos, 0x24, length);
        buf.set(arg, pos);
        pos += length;
        buf[pos++] = 13;
        buf[pos++] = 10;
        this.#pos = pos;
      } else if (typeof arg === "number") {
        this.#writeAscii(numberToArg(arg, i));
      } else if (typeof arg === "bigint") {
        this.#writeAscii(arg.toString());
      } else {
        throw new TypeError(
          `Invalid argument at index ${i}: expected a string, number, bigint or Uint8Array, got ${
            describe(arg)
          }`,
        );
      }
    }
  }

  /** Writes a string that holds lone surrogates (see `#writeString`). */
  #writeEscaped(text: string): void {
    const body = new Uint8Array(text.length * 3);
    const length = encodeEscaped(text, body, 0);
    this.#ensure(length + 24);
    const buf = this.#buf;
    let pos = writeHeader(buf, this.#pos, 0x24, length);
    buf.set(body.subarray(0, length), pos);
    pos += length;
    buf[pos++] = 13;
    buf[pos++] = 10;
    this.#pos = pos;
  }

  /**
   * Returns everything encoded since the last flush and starts over. The
   * returned bytes are the caller's: the encoder never writes to them again
   * unless they are given back with `release`.
   *
   * @returns The encoded commands, or an empty array when there are none.
   */
  flush(): Uint8Array {
    const length = this.#pos;
    this.#pos = 0;
    const buf = this.#buf;
    if (length <= SMALL_BATCH) {
      // Once the caller releases what it was given, a small batch is a
      // view of the buffer, which is then swapped for the spare one; the
      // view's `release` makes it the spare again. Two buffers take turns,
      // with no allocation per flush (a copy costs one, about 0.75 µs in
      // Deno). Otherwise, and while the view is still out, it is a copy.
      if (!this.#recycling || length === 0 || this.#lent !== undefined) {
        return buf.slice(0, length);
      }
      const view = buf.subarray(0, length);
      this.#lent = view;
      this.#lentBuffer = buf;
      this.#buf = this.#spare ?? new Uint8Array(this.#initial);
      this.#spare = undefined;
      return view;
    }
    // Large ones are handed over whole (no copy) and the encoder starts a
    // fresh buffer, so one huge batch does not pin a huge buffer forever.
    this.#buf = this.#spare ?? new Uint8Array(this.#initial);
    this.#spare = undefined;
    return buf.subarray(0, length);
  }

  /**
   * Gives the bytes of an earlier `flush` back once they have been written
   * and nothing refers to them any more, so their buffer is reused instead
   * of allocating a new one. Optional: without it, small batches are copies
   * and large buffers are simply garbage-collected. After a first call,
   * small batches are views of the encoder's buffer, which is reused only
   * once that view is released; a batch not released is never changed.
   *
   * @example
   * ```ts
   * import { CommandEncoder } from "@respite/redis/resp";
   *
   * const encoder = new CommandEncoder();
   * encoder.encode(["SET", "k", "x".repeat(100_000)]);
   * const bytes = encoder.flush();
   * // ... after the socket has written `bytes`:
   * encoder.release(bytes);
   * ```
   *
   * @param bytes What `flush` returned, after it was written.
   */
  release(bytes: Uint8Array): void {
    this.#recycling = true;
    if (bytes === this.#lent) {
      this.#spare = this.#lentBuffer;
      this.#lent = this.#lentBuffer = undefined;
      return;
    }
    // Other small batches were copies. Checked before `.buffer`, which
    // costs an allocation in JavaScriptCore for a small typed array (7% of a
    // sequential round trip on Bun).
    if (bytes.length <= SMALL_BATCH) return;
    const buffer = bytes.buffer;
    if (
      !(buffer instanceof ArrayBuffer) || bytes.byteOffset !== 0 ||
      buffer.byteLength > MAX_RECYCLED ||
      buffer.byteLength <= this.#buf.length
    ) return;
    const reused = new Uint8Array(buffer);
    reused.set(this.#buf.subarray(0, this.#pos));
    this.#buf = reused;
  }

  /** Makes room for `extra` bytes at `#pos`, keeping `keep` bytes past it. */
  #ensure(extra: number, keep: number = 0): void {
    const needed = this.#pos + extra;
    if (needed <= this.#buf.length) return;
    const spare = this.#spare;
    let grown: Uint8Array;
    if (spare !== undefined && spare.length >= needed) {
      // The two buffers swap roles: a large one released earlier is reused.
      grown = spare;
      this.#spare = this.#buf;
    } else {
      // At least 64: doubling a zero-length buffer would never grow it.
      let capacity = Math.max(this.#buf.length * 2, 64);
      while (capacity < needed) capacity *= 2;
      grown = new Uint8Array(capacity);
    }
    grown.set(this.#buf.subarray(0, this.#pos + keep));
    this.#buf = grown;
  }

  #writeAscii(text: string): void {
    const length = text.length;
    this.#ensure(length + 24);
    const buf = this.#buf;
    let pos = writeHeader(buf, this.#pos, 0x24, length);
    for (let i = 0; i < length; i++) buf[pos++] = text.charCodeAt(i);
    buf[pos++] = 13;
    buf[pos++] = 10;
    this.#pos = pos;
  }

  #writeString(text: string): void {
    const length = text.length;
    if (length < 64) {
      // Short strings: write ASCII directly, fall back on the first
      // non-ASCII character.
      this.#ensure(length + 24);
      const buf = this.#buf;
      const start = writeHeader(buf, this.#pos, 0x24, length);
      let pos = start;
      for (let i = 0; i < length; i++) {
        const c = text.charCodeAt(i);
        if (c > 0x7f) {
          pos = -1;
          break;
        }
        buf[pos++] = c;
      }
      if (pos >= 0) {
        buf[pos++] = 13;
        buf[pos++] = 10;
        this.#pos = pos;
        return;
      }
    }
    // Most text is ASCII, one byte per UTF-16 code unit: reserve the header
    // for exactly `length` bytes and encode after it, into room for a little
    // more (UTF-8 takes up to 3 bytes per unit); grow only if the text needs
    // more. Only text whose UTF-8 length has more digits than `length` then
    // moves its body to make room for the wider header.
    const reserved = 3 + digitCount(length);
    let room = length + (length >>> 3) + 16;
    this.#ensure(reserved + room + 2);
    const bodyStart = this.#pos + reserved;
    let read = 0;
    let written = 0;
    while (true) {
      const result = textEncoder.encodeInto(
        read === 0 ? text : text.slice(read),
        this.#buf.subarray(bodyStart + written, bodyStart + room),
      );
      read += result.read;
      written += result.written;
      if (read >= length) break;
      room = written + (length - read) * 3;
      this.#ensure(reserved + room + 2, reserved + written);
    }
    // Text that is not all ASCII may hold lone surrogates, which never come
    // from valid UTF-8: they stand for the bytes a record key of the bytes
    // view was decoded from, and those bytes are sent instead (see
    // decodeRecordKey). Nothing was committed yet: start over.
    if (written !== length && !text.isWellFormed()) {
      this.#writeEscaped(text);
      return;
    }
    const width = 3 + digitCount(written);
    if (width !== reserved) {
      this.#ensure(width + written + 2, reserved + written);
      const from = this.#pos + reserved;
      this.#buf.copyWithin(this.#pos + width, from, from + written);
    }
    const buf = this.#buf;
    const headerEnd = writeHeader(buf, this.#pos, 0x24, written);
    let pos = headerEnd + written;
    buf[pos++] = 13;
    buf[pos++] = 10;
    this.#pos = pos;
  }
}

/**
 * Encodes one command as a RESP array of bulk strings.
 *
 * Every argument is sent as a bulk string, so values may contain any bytes
 * (CR, LF, NUL, invalid UTF-8). Commands are never sent inline.
 *
 * @example
 * ```ts
 * import { encodeCommand } from "@respite/redis/resp";
 *
 * const bytes = encodeCommand(["GET", "key"]);
 * console.log(new TextDecoder().decode(bytes)); // "*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n"
 * ```
 *
 * @param args The command name and its arguments.
 * @returns The encoded command.
 * @throws {TypeError} An argument has an unsupported type or is `NaN`.
 */
export function encodeCommand(args: readonly Arg[]): Uint8Array {
  const encoder = new CommandEncoder(256);
  encoder.encode(args);
  return encoder.flush();
}

function numberToArg(value: number, index: number): string {
  if (Number.isFinite(value)) {
    // String(1e21) is "1e+21", which Redis rejects where it expects an
    // integer; write large integers out in full.
    return Number.isInteger(value) && Math.abs(value) >= 1e21
      ? BigInt(value).toString()
      : String(value);
  }
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  throw new TypeError(`Invalid argument at index ${index}: NaN`);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") {
    return value.constructor?.name ?? "object";
  }
  return typeof value;
}

function digitCount(n: number): number {
  let digits = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    digits++;
  }
  return digits;
}

/** Writes `<type><n>\r\n` at `pos` and returns the position after it. */
function writeHeader(
  buf: Uint8Array,
  pos: number,
  type: number,
  n: number,
): number {
  buf[pos++] = type;
  if (n < 10) {
    buf[pos++] = 0x30 + n;
  } else if (n < 100) {
    buf[pos++] = 0x30 + ((n / 10) | 0);
    buf[pos++] = 0x30 + (n % 10);
  } else {
    const digits = String(n);
    for (let i = 0; i < digits.length; i++) {
      buf[pos++] = digits.charCodeAt(i);
    }
  }
  buf[pos++] = 13;
  buf[pos++] = 10;
  return pos;
}
