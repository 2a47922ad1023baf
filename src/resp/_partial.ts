/**
 * The part of a reply that a chunk cut, kept by the decoder until the next
 * chunks complete it: a line (a simple string, a simple error or the header
 * of any other type), or the body of a bulk string, bulk error or verbatim
 * string and then its CRLF.
 *
 * @module
 */

import { ProtocolError } from "../errors.ts";
import {
  BULK,
  BULK_ERROR,
  checkPartialLine,
  CR,
  LF,
  lineTooLong,
  typeName,
} from "./_parse.ts";

const EMPTY = new Uint8Array(0);
/**
 * Text bulk strings up to this size that arrive in pieces are collected in
 * one scratch buffer kept by the decoder, instead of a new buffer each.
 */
const SCRATCH_MAX = 2 * 1024 * 1024;
/** Largest bulk buffer allocated from its header alone. */
const PREALLOCATE_MAX = 8 * 1024 * 1024;
/**
 * Text bulk strings longer than this are decoded piece by piece as they
 * arrive, with no scratch buffer of their full size; shorter ones are
 * collected into one buffer and decoded at once, which is faster (measured
 * 3x on Bun and on par in Deno for 1 MiB in four chunks).
 */
const STREAM_TEXT_MIN = PREALLOCATE_MAX + 1;
/**
 * `RespDecoder.readTarget` offers a bulk string's buffer only when at least
 * this many of its bytes are still missing.
 */
const READ_TARGET_MIN = 64 * 1024;

/** A line, type byte first, that arrives in pieces. */
export class PartialLine {
  #maxLine: number;
  #line: Uint8Array = EMPTY;
  #length = 0;

  /** @param maxLine The longest line accepted, CRLF excluded. */
  constructor(maxLine: number) {
    this.#maxLine = maxLine;
  }

  /** Keeps `buf[pos, end)`, the start of a line with no LF in its chunk. */
  start(buf: Uint8Array, pos: number, end: number): void {
    const length = end - pos;
    const content = length - (buf[end - 1] === CR ? 1 : 0);
    if (content > this.#maxLine) lineTooLong(content, this.#maxLine);
    checkPartialLine(buf, pos, end);
    const line = new Uint8Array(Math.max(64, length * 2));
    line.set(buf.subarray(pos, end));
    this.#line = line;
    this.#length = length;
  }

  /**
   * Appends the next chunk up to its first LF. Returns how many bytes of
   * `buf` completed the line (which {@linkcode PartialLine.take} then
   * gives), or -1 when all of `buf` did not.
   */
  append(buf: Uint8Array): number {
    const end = buf.length;
    const lf = buf.indexOf(LF);
    const take = lf < 0 ? end : lf + 1;
    const previous = this.#length;
    const total = previous + take;
    const content = lf >= 0 ? total - 2 : total - (buf[end - 1] === CR ? 1 : 0);
    if (content > this.#maxLine) lineTooLong(content, this.#maxLine);
    if (total > this.#line.length) {
      const grown = new Uint8Array(Math.max(total, this.#line.length * 2));
      grown.set(this.#line.subarray(0, this.#length));
      this.#line = grown;
    }
    this.#line.set(buf.subarray(0, take), this.#length);
    this.#length = total;
    if (lf >= 0) return take;
    // Only the new bytes and the previous last one (a CR that is no longer
    // last) need checking: rescanning all would be quadratic.
    checkPartialLine(this.#line, 0, total, previous - 1);
    return -1;
  }

  /** Gives the complete line, CRLF included, and lets go of it. */
  take(): Uint8Array {
    const line = this.#line.subarray(0, this.#length);
    this.#line = EMPTY;
    return line;
  }

  /** Lets go of the line. */
  clear(): void {
    this.#line = EMPTY;
  }
}

/**
 * The body of a bulk string, bulk error or verbatim string that arrives in
 * pieces, and then its CRLF. A body is copied once, straight into a buffer
 * of its final size (or read there, see {@linkcode PartialBulk.target});
 * very long text is decoded piece by piece instead.
 */
export class PartialBulk {
  /** The type byte of the string: `$`, `!` or `=`. */
  type = 0;
  /**
   * The body's buffer was allocated for this string alone (not the scratch
   * buffer, not a view of a chunk): a binary value can be handed out as it
   * is.
   */
  owned = false;
  #bulk: Uint8Array = EMPTY;
  #length = 0;
  #filled = 0;
  /**
   * Text of a large bulk string decoded piece by piece as it arrives (no
   * scratch buffer of the full size); undefined when filling `#bulk`.
   */
  #pieces: string[] | undefined;
  #streamDecoder: TextDecoder | undefined;
  /** Reused for text bulk strings that arrive in pieces (see SCRATCH_MAX). */
  #scratch: Uint8Array = EMPTY;
  #crlfSeen = 0;

  /**
   * Starts a string of `length` bytes whose body begins at `buf[pos]`, when
   * its chunk, which ends at `end`, does not hold all of it and its CRLF.
   *
   * @param bytes The string decodes to bytes, not to text.
   */
  start(
    type: number,
    length: number,
    bytes: boolean,
    buf: Uint8Array,
    pos: number,
    end: number,
  ): void {
    this.type = type;
    this.#length = length;
    this.#crlfSeen = 0;
    const available = end - pos;
    if (available >= length) {
      // The body is complete, only (part of) its CRLF is missing.
      this.#bulk = buf.subarray(pos, pos + length);
      this.owned = false;
      this.#filled = length;
      this.#checkCrlf(buf, pos + length, end);
      return;
    }
    if (type === BULK && !bytes && length >= STREAM_TEXT_MIN) {
      this.#streamDecoder ??= new TextDecoder("utf-8", { ignoreBOM: true });
      this.#pieces = [
        this.#streamDecoder.decode(buf.subarray(pos, end), { stream: true }),
      ];
      this.#filled = available;
      return;
    }
    // Text is decoded from the buffer and the buffer dropped, so one
    // scratch buffer serves every text string of up to SCRATCH_MAX bytes.
    const text = !bytes && type !== BULK_ERROR;
    if (text && length <= SCRATCH_MAX) {
      if (this.#scratch.length < length) {
        this.#scratch = new Uint8Array(Math.max(length, 64 * 1024));
      }
      const bulk = this.#scratch.subarray(0, length);
      bulk.set(buf.subarray(pos, end));
      this.#bulk = bulk;
      this.owned = false;
      this.#filled = available;
      return;
    }
    // Up to 8 MiB the buffer gets its final size at once; beyond, it grows
    // with the data, so a header alone cannot reserve maxBulkLength bytes.
    const bulk = new Uint8Array(
      length <= PREALLOCATE_MAX
        ? length
        : Math.min(length, Math.max(PREALLOCATE_MAX, available * 2)),
    );
    bulk.set(buf.subarray(pos, end));
    this.#bulk = bulk;
    this.owned = true;
    this.#filled = available;
  }

  /**
   * The unfilled rest of the body's buffer, when at least 64 KiB of it are
   * still missing; otherwise `undefined`.
   */
  get target(): Uint8Array | undefined {
    if (this.#pieces !== undefined) return undefined;
    const end = Math.min(this.#bulk.length, this.#length);
    if (end - this.#filled < READ_TARGET_MIN) return undefined;
    return this.#bulk.subarray(this.#filled, end);
  }

  /**
   * Takes the rest of the body and its CRLF from the start of the next
   * chunk. Returns the position after the CRLF, or -1 when `buf` did not
   * complete them.
   *
   * @param targetGiven {@linkcode PartialBulk.target} was handed out since
   *   the previous chunk: `buf` may have been read into it.
   */
  fill(buf: Uint8Array, targetGiven: boolean): number {
    const end = buf.length;
    let pos = 0;
    if (this.#filled < this.#length) {
      const take = Math.min(this.#length - this.#filled, end);
      const pieces = this.#pieces;
      if (pieces === undefined) {
        const bulk = this.#bulk;
        if (
          targetGiven && buf.buffer === bulk.buffer &&
          buf.byteOffset === bulk.byteOffset + this.#filled
        ) {
          // Read into the target: the bytes are in place already.
        } else {
          const needed = this.#filled + take;
          if (needed > bulk.length) {
            const grown = new Uint8Array(
              Math.min(
                this.#length,
                Math.max(needed, this.#bulk.length * 2),
              ),
            );
            grown.set(bulk.subarray(0, this.#filled));
            this.#bulk = grown;
          }
          this.#bulk.set(buf.subarray(0, take), this.#filled);
        }
      } else {
        pieces.push(
          this.#streamDecoder!.decode(buf.subarray(0, take), { stream: true }),
        );
      }
      this.#filled += take;
      pos = take;
      if (this.#filled < this.#length) return -1;
      if (pieces !== undefined) pieces.push(this.#streamDecoder!.decode());
    }
    pos = this.#checkCrlf(buf, pos, end);
    return this.#crlfSeen < 2 ? -1 : pos;
  }

  /**
   * Gives the complete body, its text when it was decoded piece by piece
   * and its bytes otherwise, and lets go of it.
   */
  take(): string | Uint8Array {
    const bulk = this.#bulk;
    const pieces = this.#pieces;
    this.#bulk = EMPTY;
    this.#pieces = undefined;
    return pieces !== undefined ? pieces.join("") : bulk;
  }

  /** Lets go of the body. */
  clear(): void {
    this.#bulk = EMPTY;
    this.#pieces = undefined;
  }

  /** Checks the CR/LF bytes present in `buf[from, end)` and counts them. */
  #checkCrlf(buf: Uint8Array, from: number, end: number): number {
    let pos = from;
    while (pos < end && this.#crlfSeen < 2) {
      const expected = this.#crlfSeen === 0 ? CR : LF;
      if (buf[pos] !== expected) {
        throw new ProtocolError(
          `Missing CRLF after ${typeName(this.type)} of ${this.#length} bytes`,
        );
      }
      this.#crlfSeen++;
      pos++;
    }
    return pos;
  }
}
