/**
 * A pure, resumable RESP2/RESP3 decoder.
 *
 * @module
 */

import { ProtocolError, ReplyError } from "../errors.ts";
import { Push, type Reply, VerbatimString } from "./types.ts";
import { PartialBulk, PartialLine } from "./_partial.ts";
import * as parse from "./_parse.ts";

/**
 * Options of {@linkcode RespDecoder}: limits and value shapes.
 *
 * @example
 * ```ts
 * import { RespDecoder, type RespDecoderOptions } from "@respite/redis/resp";
 *
 * const options: RespDecoderOptions = { maxDepth: 16, bytes: true };
 * const decoder = new RespDecoder(options);
 * ```
 */
export interface RespDecoderOptions {
  /**
   * Largest bulk string, bulk error or verbatim string accepted, in bytes.
   * A larger declared length is a {@linkcode ProtocolError} before anything
   * is allocated.
   *
   * @default {536870912} (512 MiB, the largest value Redis stores)
   */
  maxBulkLength?: number;
  /**
   * Largest number of elements accepted in one array, set, map (pairs) or
   * push.
   *
   * @default {134217728} (2^27)
   */
  maxAggregateLength?: number;
  /**
   * Deepest nesting of aggregates accepted. Decoding never recurses, so this
   * bounds memory for hostile input rather than the call stack.
   *
   * @default {128}
   */
  maxDepth?: number;
  /**
   * Longest line accepted, in bytes: simple strings, simple errors and the
   * headers of every other type.
   *
   * @default {1048576} (1 MiB)
   */
  maxLineLength?: number;
  /**
   * Decode every string (bulk strings, simple strings and the text of
   * verbatim strings) to `Uint8Array` instead of UTF-8 text, for every reply
   * (see also {@linkcode RespDecoderOptions.bytesForNextReply}). Errors stay
   * {@linkcode ReplyError}s with text messages.
   *
   * @default {false}
   */
  bytes?: boolean;
  /**
   * How RESP3 verbatim strings (`=`) decode: `"string"` gives the text alone,
   * like RESP2 bulk strings; `"object"` gives a {@linkcode VerbatimString}
   * with its `format`.
   *
   * @default {"string"}
   */
  verbatim?: "string" | "object";
  /**
   * Called with the map of every RESP3 attribute (`|`) as soon as it is
   * decoded, right before the value it annotates. Without it attributes are
   * decoded and dropped; they never become a reply of their own.
   */
  onAttributes?: (attributes: Map<Reply, Reply>) => void;
  /**
   * Called once at the start of every top-level reply that is not a push or
   * an attribute, with its type byte (`0x2d` for `-`, `0x24` for `$`, ...);
   * returning `true` decodes that reply's strings as `Uint8Array` (as with
   * {@linkcode RespDecoderOptions.bytes}).
   * This is how the client gives one command raw bytes while its neighbours
   * get strings. Pushes use {@linkcode RespDecoderOptions.pushBytes}.
   */
  bytesForNextReply?: (type: number) => boolean;
  /**
   * Like {@linkcode RespDecoderOptions.bytesForNextReply}, with more to say:
   * called once at the start of every top-level reply that is not a push
   * or an attribute, it returns a combination of {@linkcode REPLY_BYTES}
   * (decode the reply's strings as `Uint8Array`) and {@linkcode REPLY_FLAT}
   * (decode its maps as flat `[key, value, ...]` arrays and its sets as
   * arrays, the RESP2 shapes, which cost less to build). When given,
   * `bytesForNextReply` is not called.
   */
  replyMode?: (type: number) => number;
  /**
   * Decode the strings of RESP3 pushes (`>`) as `Uint8Array`, so that
   * pub/sub payloads stay binary-safe whatever the other replies do.
   *
   * @default {the value of `bytes`}
   */
  pushBytes?: boolean;
}

/**
 * A flag of {@linkcode RespDecoderOptions.replyMode}: decode the reply's
 * strings as `Uint8Array`.
 *
 * @example
 * ```ts
 * import { REPLY_BYTES, RespDecoder } from "@respite/redis/resp";
 *
 * const decoder = new RespDecoder({ replyMode: () => REPLY_BYTES });
 * console.log(decoder.decode(new TextEncoder().encode("$2\r\nhi\r\n"))); // [Uint8Array [104, 105]]
 * ```
 */
export const REPLY_BYTES = 1;
/**
 * A flag of {@linkcode RespDecoderOptions.replyMode}: decode the reply's
 * maps as flat `[key, value, ...]` arrays and its sets as arrays.
 *
 * @example
 * ```ts
 * import { REPLY_FLAT, RespDecoder } from "@respite/redis/resp";
 *
 * const decoder = new RespDecoder({ replyMode: () => REPLY_FLAT });
 * console.log(decoder.decode(new TextEncoder().encode("%1\r\n+a\r\n:1\r\n"))); // [["a", 1]]
 * ```
 */
export const REPLY_FLAT = 2;

// V8 reads an imported binding through its module cell at every use, while
// it folds a module's own constants: copied into consts here, the type bytes
// compare as fast as literals in the hot loops (an imported one measured
// twice as slow in a tight loop, an imported function call 10% slower).
const {
  ARRAY,
  ATTRIBUTE,
  BIG_NUMBER,
  BOOLEAN,
  BULK,
  BULK_ERROR,
  bulkTooLong,
  capitalize,
  CR,
  decodeUtf8,
  DOUBLE,
  ERROR,
  INTEGER,
  LF,
  lineTooLong,
  MAP,
  NULL,
  parseBigNumber,
  parseBoolean,
  parseDouble,
  parseInteger,
  parseLength,
  PUSH,
  quoteBytes,
  SET,
  SIMPLE,
  textDecoder,
  typeName,
  VERBATIM,
} = parse;

// Decoder states between chunks.
const IDLE = 0;
const IN_LINE = 1; // a line (type byte included) is incomplete
const IN_BULK = 2; // a length-prefixed string or its CRLF is incomplete

interface Frame {
  type: number;
  /** Elements of an array, set or push (empty for maps). */
  items: Reply[];
  /** The map being filled, for maps and attributes; null otherwise. */
  map: Map<Reply, Reply> | null;
  /** The key waiting for its value, in a map. */
  key: Reply;
  /** Elements still to come (keys and values count one each). */
  remaining: number;
}

/**
 * Maps every byte to one UTF-16 code unit, so that byte offsets in a chunk
 * are character offsets in its decoded text; used for ASCII strings only.
 */
const latin1Decoder = new TextDecoder("latin1");
const fromCharCode = String.fromCharCode;
/**
 * Bytes of a chunk decoded to text at once for short ASCII strings, which
 * are then sliced out of it: one decoder call for many strings. Kept small
 * because an engine may keep the whole window alive as long as a slice of
 * it is referenced.
 */
const TEXT_WINDOW = 2048;
/** Strings longer than this are decoded on their own. */
const WINDOW_STRING_MAX = 256;
/**
 * A window is decoded only when at least this many bytes of the chunk are
 * left; closer to its end, short strings are built character by character.
 */
const WINDOW_WORTH = 128;

/**
 * Decodes a stream of RESP2 or RESP3 bytes into reply values.
 *
 * The decoder does no I/O: feed it chunks as they arrive and it returns the
 * replies completed by each chunk. A reply split across chunks is resumed
 * where it stopped; bulk strings are read by their declared length (so CR and
 * LF inside values are fine) and large ones are copied once, straight into a
 * buffer of their final size. Malformed input and broken limits throw a
 * {@linkcode ProtocolError}, after which the decoder must not be fed again.
 *
 * Error replies are returned as {@linkcode ReplyError} values, not thrown.
 *
 * @example Decode replies split across chunks
 * ```ts
 * import { RespDecoder } from "@respite/redis/resp";
 *
 * const decoder = new RespDecoder();
 * const bytes = new TextEncoder().encode("+OK\r\n$5\r\nhel");
 * console.log(decoder.decode(bytes)); // ["OK"]
 * console.log(decoder.decode(new TextEncoder().encode("lo\r\n:1\r\n"))); // ["hello", 1]
 * ```
 */
export class RespDecoder {
  #maxBulk: number;
  #maxAggregate: number;
  #maxDepth: number;
  #maxLine: number;
  #defaultBytes: boolean;
  #verbatimObject: boolean;
  #onAttributes: ((attributes: Map<Reply, Reply>) => void) | undefined;
  #bytesHook: ((type: number) => boolean) | undefined;
  #modeHook: ((type: number) => number) | undefined;
  #pushBytes: boolean;

  #stack: Frame[] = [];
  #bytes = false;
  /** Maps and sets of the current reply decode as arrays. */
  #flat = false;
  // The text window (see TEXT_WINDOW): the chunk, the bytes it covers, and
  // their text.
  #windowBuf: Uint8Array | undefined;
  #windowStart = 0;
  #windowEnd = 0;
  #windowText = "";
  /**
   * Every byte of the window became one character of its text (see
   * `#text`): any string inside it can be sliced out without a check.
   */
  #windowExact = false;
  /** A top-level attribute was decoded; the value it annotates is next. */
  #annotating = false;
  #state = IDLE;
  #failed: ProtocolError | undefined;
  // IN_LINE and IN_BULK: what the previous chunk left incomplete.
  #partialLine: PartialLine;
  #partialBulk = new PartialBulk();
  /** `readTarget` handed out a view since the last `decode`. */
  #targetGiven = false;

  /**
   * Creates a decoder.
   *
   * @param options Limits and value options.
   */
  constructor(options: RespDecoderOptions = {}) {
    this.#maxBulk = options.maxBulkLength ?? 512 * 1024 * 1024;
    this.#maxAggregate = options.maxAggregateLength ?? 2 ** 27;
    this.#maxDepth = options.maxDepth ?? 128;
    this.#maxLine = options.maxLineLength ?? 1024 * 1024;
    this.#defaultBytes = options.bytes ?? false;
    this.#verbatimObject = options.verbatim === "object";
    this.#onAttributes = options.onAttributes;
    this.#bytesHook = options.bytesForNextReply;
    this.#modeHook = options.replyMode;
    this.#pushBytes = options.pushBytes ?? this.#defaultBytes;
    this.#partialLine = new PartialLine(this.#maxLine);
  }

  /**
   * Whether the decoder holds part of a reply that is not complete yet.
   *
   * @example
   * ```ts
   * import { RespDecoder } from "@respite/redis/resp";
   *
   * const decoder = new RespDecoder();
   * decoder.decode(new TextEncoder().encode("*2\r\n:1\r\n"));
   * console.log(decoder.pending); // true
   * ```
   */
  get pending(): boolean {
    return this.#state !== IDLE || this.#stack.length > 0 ||
      this.#annotating;
  }

  /**
   * Where the next bytes go, while a large bulk string is incomplete: the
   * unfilled rest of the buffer it is being collected in, when at least
   * 64 KiB of it are still missing; otherwise `undefined`.
   *
   * A reader may read the next bytes from the socket straight into this
   * view and pass what it read (a view of the same memory, starting at the
   * view's first byte) to {@linkcode RespDecoder.decode}, which then takes
   * the bytes where they already are instead of copying them. The view is
   * valid only until the next `decode` call: reading into it after the
   * decoder has been given other bytes would overwrite them.
   *
   * @example Read a large value without copying it
   * ```ts
   * import { RespDecoder } from "@respite/redis/resp";
   *
   * const decoder = new RespDecoder({ bytes: true });
   * const body = new Uint8Array(200_000).fill(120);
   * decoder.decode(new TextEncoder().encode("$200000\r\nxx"));
   * const target = decoder.readTarget!; // 199,998 bytes
   * target.set(body.subarray(2)); // as a socket read would
   * decoder.decode(target);
   * const [value] = decoder.decode(new TextEncoder().encode("\r\n"));
   * console.log((value as Uint8Array).length); // 200000
   * ```
   */
  get readTarget(): Uint8Array | undefined {
    if (this.#state !== IN_BULK) return undefined;
    const target = this.#partialBulk.target;
    if (target !== undefined) this.#targetGiven = true;
    return target;
  }

  /**
   * The protocol error that stopped this decoder, if any. A failed decoder
   * throws it again on every `decode` call.
   *
   * @example
   * ```ts
   * import { RespDecoder } from "@respite/redis/resp";
   *
   * const decoder = new RespDecoder();
   * try {
   *   decoder.decode(new TextEncoder().encode("?\r\n"));
   * } catch {
   *   console.log(decoder.failure?.name); // "ProtocolError"
   * }
   * ```
   */
  get failure(): ProtocolError | undefined {
    return this.#failed;
  }

  /**
   * Feeds one chunk and returns the replies it completed, in order. When
   * the chunk holds a malformed reply, the replies before it are appended
   * to `out` before the error is thrown.
   *
   * @param chunk The next bytes from the server. The decoder may keep views
   *   of it, so do not reuse the buffer for other data afterwards.
   * @param out An array to append the replies to instead of a new one.
   * @returns The completed replies (the `out` array when given).
   * @throws {ProtocolError} The bytes are not valid RESP or break a limit.
   */
  decode(chunk: Uint8Array, out: Reply[] = []): Reply[] {
    if (this.#failed) throw this.#failed;
    if (chunk.length === 0) return out;
    try {
      this.#decode(chunk, out);
    } catch (error) {
      this.#targetGiven = false;
      this.#windowBuf = undefined;
      this.#windowText = "";
      this.#windowExact = false;
      if (error instanceof ProtocolError) {
        this.#failed = error;
        this.#stack = [];
        this.#partialLine.clear();
        this.#partialBulk.clear();
      }
      throw error;
    }
    this.#targetGiven = false;
    // Keep neither the chunk nor its text beyond this call.
    this.#windowBuf = undefined;
    this.#windowText = "";
    this.#windowExact = false;
    return out;
  }

  #decode(buf: Uint8Array, out: Reply[]): void {
    const end = buf.length;
    let pos = 0;
    let value: Reply;

    if (this.#state !== IDLE) {
      pos = this.#resume(buf, out);
      if (pos < 0) return;
    }

    while (pos < end) {
      const type = buf[pos]!;
      if (type === BULK && this.#stack.length > 0) {
        // Elements of an aggregate (LRANGE, HGETALL): take a run of
        // complete short bulk strings in one tight loop.
        pos = this.#bulkRun(buf, pos, end);
        if (pos >= end) break;
        if (buf[pos] !== BULK) continue;
      }
      // Headers are short: look for their LF by hand (cheaper than a call
      // to indexOf per reply and per element), then with indexOf.
      let lf = -1;
      const near = pos + 24 < end ? pos + 24 : end;
      for (let i = pos + 1; i < near; i++) {
        if (buf[i] === LF) {
          lf = i;
          break;
        }
      }
      if (lf < 0 && near < end) lf = buf.indexOf(LF, near);
      if (lf < 0) {
        this.#partialLine.start(buf, pos, end);
        this.#state = IN_LINE;
        return;
      }
      if (this.#stack.length === 0) {
        // A new top-level value: pick string or bytes mode for it.
        if (type === PUSH) {
          this.#bytes = this.#pushBytes;
          this.#flat = false;
        } else if (type === ATTRIBUTE) {
          this.#bytes = this.#defaultBytes;
          this.#flat = false;
        } else if (this.#modeHook !== undefined) {
          const mode = this.#modeHook(type);
          this.#bytes = (mode & REPLY_BYTES) !== 0;
          this.#flat = (mode & REPLY_FLAT) !== 0;
        } else {
          this.#bytes = this.#bytesHook === undefined
            ? this.#defaultBytes
            : this.#bytesHook(type);
          this.#flat = false;
        }
      }
      if (buf[lf - 1] !== CR || lf - 1 === pos) {
        throw new ProtocolError(
          `Invalid reply line ${quoteBytes(buf, pos, lf + 1)}: expected CRLF`,
        );
      }
      const start = pos + 1;
      const stop = lf - 1; // index of CR
      if (stop - pos > this.#maxLine) lineTooLong(stop - pos, this.#maxLine);
      pos = lf + 1;

      switch (type) {
        case BULK:
        case VERBATIM:
        case BULK_ERROR: {
          const length = parseLength(buf, start, stop, type);
          if (length < 0) {
            if (type !== BULK) {
              throw new ProtocolError(
                `Invalid length "-1" for ${typeName(type)}`,
              );
            }
            value = null;
            break;
          }
          if (length > this.#maxBulk) bulkTooLong(length, this.#maxBulk);
          if (end - pos >= length + 2) {
            const bodyEnd = pos + length;
            if (buf[bodyEnd] !== CR || buf[bodyEnd + 1] !== LF) {
              throw new ProtocolError(
                `Missing CRLF after ${typeName(type)} of ${length} bytes`,
              );
            }
            value = this.#finishString(type, buf, pos, bodyEnd);
            pos = bodyEnd + 2;
            break;
          }
          this.#partialBulk.start(type, length, this.#bytes, buf, pos, end);
          this.#state = IN_BULK;
          return;
        }
        case SIMPLE:
          value = this.#bytes
            ? buf.slice(start, stop)
            : stop - start === 2 && buf[start] === 0x4f &&
                buf[start + 1] === 0x4b
            ? "OK"
            : this.#text(buf, start, stop);
          break;
        case INTEGER:
          value = parseInteger(buf, start, stop);
          break;
        case ARRAY:
        case MAP:
        case SET:
        case PUSH:
        case ATTRIBUTE: {
          const length = parseLength(buf, start, stop, type);
          if (length < 0) {
            if (type !== ARRAY) {
              throw new ProtocolError(
                `Invalid length "-1" for ${typeName(type)}`,
              );
            }
            value = null;
            break;
          }
          if (length > this.#maxAggregate) {
            throw new ProtocolError(
              `${
                capitalize(typeName(type))
              } of ${length} elements exceeds the limit of ${this.#maxAggregate}`,
            );
          }
          const count = type === MAP || type === ATTRIBUTE
            ? length * 2
            : length;
          // Flat: maps as [key, value, ...] arrays and sets as arrays.
          const kind = this.#flat && (type === MAP || type === SET)
            ? ARRAY
            : type;
          if (count === 0) {
            value = this.#finishAggregate(kind, [], new Map());
            if (type === ATTRIBUTE) {
              if (this.#stack.length === 0) this.#annotating = true;
              continue;
            }
            break;
          }
          if (this.#stack.length >= this.#maxDepth) {
            throw new ProtocolError(
              `Reply nesting exceeds the depth limit of ${this.#maxDepth}`,
            );
          }
          this.#stack.push({
            type: kind,
            items: [],
            map: kind === MAP || kind === ATTRIBUTE ? new Map() : null,
            key: null,
            remaining: count,
          });
          continue;
        }
        case ERROR:
          value = new ReplyError(decodeUtf8(buf, start, stop));
          break;
        case NULL:
          if (stop !== start) {
            throw new ProtocolError(
              `Invalid null ${quoteBytes(buf, start - 1, stop + 2)}`,
            );
          }
          value = null;
          break;
        case BOOLEAN:
          value = parseBoolean(buf, start, stop);
          break;
        case DOUBLE:
          value = parseDouble(buf, start, stop);
          break;
        case BIG_NUMBER:
          value = parseBigNumber(buf, start, stop);
          break;
        default:
          throw new ProtocolError(
            `Unknown reply type byte ${quoteBytes(buf, start - 1, start)}`,
          );
      }
      if (this.#stack.length === 0) {
        // A top-level reply, the common case: no aggregate to fill.
        out.push(value);
        this.#annotating = false;
      } else {
        this.#deliver(value, out);
      }
    }
  }

  /**
   * Takes complete bulk strings of up to WINDOW_STRING_MAX bytes into the
   * open aggregate, without the general per-value dispatch, and returns
   * where it stopped. It leaves the frame's last element, anything that is
   * not such a string, anything incomplete and anything malformed to the
   * general path (which also reports the errors).
   */
  #bulkRun(buf: Uint8Array, pos: number, end: number): number {
    const frame = this.#stack[this.#stack.length - 1]!;
    const map = frame.map;
    const items = frame.items;
    const bytes = this.#bytes;
    const max = this.#maxBulk < WINDOW_STRING_MAX
      ? this.#maxBulk
      : WINDOW_STRING_MAX;
    let remaining = frame.remaining;
    // The text window, in locals: most strings are sliced out of it here.
    let exact = this.#windowExact && this.#windowBuf === buf;
    let windowStart = this.#windowStart;
    let windowEnd = this.#windowEnd;
    let windowText = this.#windowText;
    while (remaining > 1 && pos + 4 < end && buf[pos] === BULK) {
      // "$<digits>\r\n": at most three digits for a short string.
      let i = pos + 1;
      let length = buf[i]! - 0x30;
      if (length < 0 || length > 9) break;
      let c = buf[++i]!;
      if (c !== CR) {
        if (c < 0x30 || c > 0x39) break;
        length = length * 10 + c - 0x30;
        c = buf[++i]!;
        if (c !== CR) {
          if (c < 0x30 || c > 0x39) break;
          length = length * 10 + c - 0x30;
          c = buf[++i]!;
          if (c !== CR) break;
        }
      }
      const body = i + 2;
      const bodyEnd = body + length;
      if (
        length > max || bodyEnd + 2 > end || buf[i + 1] !== LF ||
        buf[bodyEnd] !== CR || buf[bodyEnd + 1] !== LF
      ) break;
      let value: Reply;
      if (bytes) value = buf.slice(body, bodyEnd);
      else if (exact && body >= windowStart && bodyEnd <= windowEnd) {
        value = windowText.slice(body - windowStart, bodyEnd - windowStart);
      } else {
        value = this.#text(buf, body, bodyEnd);
        if (this.#windowBuf === buf) {
          exact = this.#windowExact;
          windowStart = this.#windowStart;
          windowEnd = this.#windowEnd;
          windowText = this.#windowText;
        }
      }
      if (map === null) items.push(value);
      else if ((remaining & 1) === 0) frame.key = value;
      else map.set(frame.key, value);
      remaining--;
      pos = bodyEnd + 2;
    }
    frame.remaining = remaining;
    return pos;
  }

  /** Adds a complete value to the open aggregate, or to `out` at the top. */
  #deliver(value: Reply, out: Reply[]): void {
    const stack = this.#stack;
    while (true) {
      const frame = stack[stack.length - 1];
      if (frame === undefined) {
        out.push(value);
        this.#annotating = false;
        return;
      }
      const map = frame.map;
      if (map === null) frame.items.push(value);
      else if ((frame.remaining & 1) === 0) frame.key = value;
      else map.set(frame.key, value);
      if (--frame.remaining > 0) return;
      stack.pop();
      const type = frame.type;
      value = this.#finishAggregate(type, frame.items, map);
      // A finished attribute annotates the next value; it is not one itself.
      if (type === ATTRIBUTE) {
        if (stack.length === 0) this.#annotating = true;
        return;
      }
    }
  }

  #finishAggregate(
    type: number,
    items: Reply[],
    map: Map<Reply, Reply> | null,
  ): Reply {
    switch (type) {
      case ARRAY:
        return items;
      case SET:
        return new Set(items);
      case PUSH:
        return new Push(items);
      default:
        if (type === ATTRIBUTE) this.#onAttributes?.(map!);
        return map!;
    }
  }

  #finishString(
    type: number,
    buf: Uint8Array,
    start: number,
    stop: number,
  ): Reply {
    if (type === BULK) {
      return this.#bytes
        ? buf.slice(start, stop)
        : this.#text(buf, start, stop);
    }
    if (type === BULK_ERROR) {
      return new ReplyError(decodeUtf8(buf, start, stop));
    }
    // Verbatim: "fmt:" then the text.
    if (stop - start < 4 || buf[start + 3] !== 0x3a) {
      throw new ProtocolError(
        `Invalid verbatim string ${
          quoteBytes(buf, start, stop)
        }: expected a "fmt:" prefix`,
      );
    }
    if (this.#bytes) return buf.slice(start + 4, stop);
    const text = decodeUtf8(buf, start + 4, stop);
    return this.#verbatimObject
      ? new VerbatimString(decodeUtf8(buf, start, start + 3), text)
      : text;
  }

  /**
   * Decodes UTF-8 text. A short ASCII string is sliced out of the text of a
   * window of the chunk (decoded once for many strings, see TEXT_WINDOW);
   * other strings are decoded on their own.
   */
  #text(buf: Uint8Array, start: number, stop: number): string {
    const n = stop - start;
    if (n > WINDOW_STRING_MAX) return decodeUtf8(buf, start, stop);
    if (
      this.#windowExact && buf === this.#windowBuf &&
      start >= this.#windowStart && stop <= this.#windowEnd
    ) {
      const offset = this.#windowStart;
      return this.#windowText.slice(start - offset, stop - offset);
    }
    if (n <= 2) {
      if (n === 0) return "";
      const a = buf[start]!;
      if (n === 1) {
        return a < 0x80 ? fromCharCode(a) : decodeUtf8(buf, start, stop);
      }
      const b = buf[start + 1]!;
      return (a | b) < 0x80 ? fromCharCode(a, b) : decodeUtf8(buf, start, stop);
    }
    let high = 0;
    for (let i = start; i < stop; i++) high |= buf[i]!;
    if (high > 0x7f) return decodeUtf8(buf, start, stop);
    if (
      buf !== this.#windowBuf || start < this.#windowStart ||
      stop > this.#windowEnd
    ) {
      if (buf.length - start < WINDOW_WORTH) {
        // Near the end of the chunk (a lone small reply, say): too few
        // strings left to pay for a decoder call.
        let text = "";
        for (let i = start; i < stop; i++) text += fromCharCode(buf[i]!);
        return text;
      }
      const end = Math.min(buf.length, start + TEXT_WINDOW);
      let text = textDecoder.decode(buf.subarray(start, end));
      // As many characters as bytes: every byte became one character,
      // either ASCII or a lone invalid byte replaced by U+FFFD (a valid
      // multi-byte character, or an invalid run of several bytes, gives
      // fewer characters than bytes). A string inside the window then
      // decodes on its own to exactly its slice of the text.
      const exact = text.length === end - start;
      if (!exact) {
        // Map bytes one to one instead, so that offsets still match; only
        // ASCII strings are sliced out of such a window.
        text = latin1Decoder.decode(buf.subarray(start, end));
      }
      this.#windowBuf = buf;
      this.#windowStart = start;
      this.#windowEnd = end;
      this.#windowText = text;
      this.#windowExact = exact;
    }
    const offset = this.#windowStart;
    return this.#windowText.slice(start - offset, stop - offset);
  }

  // ---- partial elements -------------------------------------------------

  /**
   * Continues the element left incomplete by the previous chunk. Returns the
   * position after it, or -1 when this chunk did not complete it either.
   */
  #resume(buf: Uint8Array, out: Reply[]): number {
    if (this.#state === IN_LINE) {
      const take = this.#partialLine.append(buf);
      if (take < 0) return -1;
      // Decode the completed line on its own (the state must be IDLE so the
      // main loop parses it from scratch), then continue in `buf`: after a
      // header line only a bulk body can be left pending.
      const line = this.#partialLine.take();
      this.#state = IDLE;
      this.#decode(line, out);
      if (this.#state === IDLE) return take;
      const used = this.#resume(buf.subarray(take), out);
      return used < 0 ? -1 : take + used;
    }
    const partial = this.#partialBulk;
    const pos = partial.fill(buf, this.#targetGiven);
    if (pos < 0) return -1;
    this.#state = IDLE;
    const type = partial.type;
    const body = partial.take();
    this.#deliver(
      typeof body === "string"
        ? body
        : partial.owned && this.#bytes && type === BULK
        // Its own buffer, of its exact size: no copy.
        ? body
        : this.#finishString(type, body, 0, body.length),
      out,
    );
    return pos;
  }
}
