/**
 * A pure, resumable RESP2/RESP3 decoder.
 *
 * @module
 */

import { ProtocolError, ReplyError } from "../errors.ts";
import { Push, type Reply, VerbatimString } from "./types.ts";

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

// Type bytes.
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

const CR = 13;
const LF = 10;

// Decoder states between chunks.
const IDLE = 0;
const IN_LINE = 1; // a line (type byte included) is incomplete
const IN_BULK = 2; // the body of a length-prefixed string is incomplete
const IN_CRLF = 3; // the CRLF after a complete bulk body is incomplete

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
const textDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
/**
 * Maps every byte to one UTF-16 code unit, so that byte offsets in a chunk
 * are character offsets in its decoded text; used for ASCII strings only.
 */
const latin1Decoder = new TextDecoder("latin1");
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
 * {@linkcode RespDecoder.readTarget} offers a bulk string's buffer only
 * when at least this many of its bytes are still missing.
 */
const READ_TARGET_MIN = 64 * 1024;
const DOUBLE_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

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
  // IN_LINE: the bytes of the incomplete line.
  #line: Uint8Array = EMPTY;
  #lineLength = 0;
  // IN_BULK / IN_CRLF: the type and body of the incomplete string.
  #bulkType = 0;
  #bulk: Uint8Array = EMPTY;
  #bulkLength = 0;
  #bulkFilled = 0;
  /**
   * Text of a large bulk string decoded piece by piece as it arrives (no
   * scratch buffer of the full size); undefined when filling `#bulk`.
   */
  #pieces: string[] | undefined;
  #streamDecoder: TextDecoder | undefined;
  /** Reused for text bulk strings that arrive in pieces (see SCRATCH_MAX). */
  #scratch: Uint8Array = EMPTY;
  #crlfSeen = 0;
  /** `readTarget` handed out a view since the last `decode`. */
  #targetGiven = false;
  /**
   * `#bulk` was allocated for this string alone (not the scratch buffer,
   * not a view of a chunk): a binary value can be handed out as it is.
   */
  #bulkOwned = false;

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
    if (this.#state !== IN_BULK || this.#pieces !== undefined) return undefined;
    const end = Math.min(this.#bulk.length, this.#bulkLength);
    if (end - this.#bulkFilled < READ_TARGET_MIN) return undefined;
    this.#targetGiven = true;
    return this.#bulk.subarray(this.#bulkFilled, end);
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
        this.#line = EMPTY;
        this.#bulk = EMPTY;
        this.#pieces = undefined;
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
        this.#startLine(buf, pos, end);
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
      if (stop - pos > this.#maxLine) this.#lineTooLong(stop - pos);
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
          if (length > this.#maxBulk) this.#bulkTooLong(length);
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
          this.#startBulk(type, length, buf, pos, end);
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

  #startLine(buf: Uint8Array, pos: number, end: number): void {
    const length = end - pos;
    const content = length - (buf[end - 1] === CR ? 1 : 0);
    if (content > this.#maxLine) this.#lineTooLong(content);
    this.#checkPartialLine(buf, pos, end);
    const line = new Uint8Array(Math.max(64, length * 2));
    line.set(buf.subarray(pos, end));
    this.#line = line;
    this.#lineLength = length;
    this.#state = IN_LINE;
  }

  #startBulk(
    type: number,
    length: number,
    buf: Uint8Array,
    pos: number,
    end: number,
  ): void {
    this.#bulkType = type;
    this.#bulkLength = length;
    this.#crlfSeen = 0;
    const available = end - pos;
    if (available >= length) {
      // The body is complete, only (part of) its CRLF is missing.
      this.#bulk = buf.subarray(pos, pos + length);
      this.#bulkOwned = false;
      this.#bulkFilled = length;
      this.#checkCrlf(buf, pos + length, end);
      this.#state = IN_CRLF;
      return;
    }
    if (type === BULK && !this.#bytes && length >= STREAM_TEXT_MIN) {
      this.#streamDecoder ??= new TextDecoder("utf-8", { ignoreBOM: true });
      this.#pieces = [
        this.#streamDecoder.decode(buf.subarray(pos, end), { stream: true }),
      ];
      this.#bulkFilled = available;
      this.#state = IN_BULK;
      return;
    }
    // Text is decoded from the buffer and the buffer dropped, so one
    // scratch buffer serves every text string of up to SCRATCH_MAX bytes.
    const text = !this.#bytes && type !== BULK_ERROR;
    if (text && length <= SCRATCH_MAX) {
      if (this.#scratch.length < length) {
        this.#scratch = new Uint8Array(Math.max(length, 64 * 1024));
      }
      const bulk = this.#scratch.subarray(0, length);
      bulk.set(buf.subarray(pos, end));
      this.#bulk = bulk;
      this.#bulkOwned = false;
      this.#bulkFilled = available;
      this.#state = IN_BULK;
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
    this.#bulkOwned = true;
    this.#bulkFilled = available;
    this.#state = IN_BULK;
  }

  /** Checks the CR/LF bytes present in `buf[from, end)` and counts them. */
  #checkCrlf(buf: Uint8Array, from: number, end: number): number {
    let pos = from;
    while (pos < end && this.#crlfSeen < 2) {
      const expected = this.#crlfSeen === 0 ? CR : LF;
      if (buf[pos] !== expected) {
        throw new ProtocolError(
          `Missing CRLF after ${
            typeName(this.#bulkType)
          } of ${this.#bulkLength} bytes`,
        );
      }
      this.#crlfSeen++;
      pos++;
    }
    return pos;
  }

  /**
   * Continues the element left incomplete by the previous chunk. Returns the
   * position after it, or -1 when this chunk did not complete it either.
   */
  #resume(buf: Uint8Array, out: Reply[]): number {
    const end = buf.length;
    if (this.#state === IN_LINE) {
      const lf = buf.indexOf(LF);
      const take = lf < 0 ? end : lf + 1;
      const previous = this.#lineLength;
      const total = previous + take;
      const content = lf >= 0
        ? total - 2
        : total - (buf[end - 1] === CR ? 1 : 0);
      if (content > this.#maxLine) this.#lineTooLong(content);
      if (total > this.#line.length) {
        const grown = new Uint8Array(Math.max(total, this.#line.length * 2));
        grown.set(this.#line.subarray(0, this.#lineLength));
        this.#line = grown;
      }
      this.#line.set(buf.subarray(0, take), this.#lineLength);
      this.#lineLength = total;
      if (lf < 0) {
        // Only the new bytes and the previous last one (a CR that is no
        // longer last) need checking: rescanning all would be quadratic.
        this.#checkPartialLine(this.#line, 0, total, previous - 1);
        return -1;
      }
      // Decode the completed line on its own (the state must be IDLE so the
      // main loop parses it from scratch), then continue in `buf`: after a
      // header line only a bulk body can be left pending.
      const line = this.#line.subarray(0, total);
      this.#line = EMPTY;
      this.#state = IDLE;
      this.#decode(line, out);
      if (this.#state === IDLE) return take;
      const used = this.#resume(buf.subarray(take), out);
      return used < 0 ? -1 : take + used;
    }

    let pos = 0;
    if (this.#state === IN_BULK) {
      const take = Math.min(this.#bulkLength - this.#bulkFilled, end);
      const pieces = this.#pieces;
      if (pieces === undefined) {
        const bulk = this.#bulk;
        if (
          this.#targetGiven && buf.buffer === bulk.buffer &&
          buf.byteOffset === bulk.byteOffset + this.#bulkFilled
        ) {
          // Read into readTarget: the bytes are in place already.
        } else {
          const needed = this.#bulkFilled + take;
          if (needed > bulk.length) {
            const grown = new Uint8Array(
              Math.min(
                this.#bulkLength,
                Math.max(needed, this.#bulk.length * 2),
              ),
            );
            grown.set(bulk.subarray(0, this.#bulkFilled));
            this.#bulk = grown;
          }
          this.#bulk.set(buf.subarray(0, take), this.#bulkFilled);
        }
      } else {
        pieces.push(
          this.#streamDecoder!.decode(buf.subarray(0, take), { stream: true }),
        );
      }
      this.#bulkFilled += take;
      pos = take;
      if (this.#bulkFilled < this.#bulkLength) return -1;
      if (pieces !== undefined) pieces.push(this.#streamDecoder!.decode());
      this.#state = IN_CRLF;
    }
    pos = this.#checkCrlf(buf, pos, end);
    if (this.#crlfSeen < 2) return -1;
    const bulk = this.#bulk;
    const pieces = this.#pieces;
    this.#bulk = EMPTY;
    this.#pieces = undefined;
    this.#state = IDLE;
    this.#deliver(
      pieces !== undefined
        ? pieces.join("")
        : this.#bulkOwned && this.#bytes && this.#bulkType === BULK
        // Its own buffer, of its exact size: no copy.
        ? bulk
        : this.#finishString(this.#bulkType, bulk, 0, bulk.length),
      out,
    );
    return pos;
  }

  #checkPartialLine(
    buf: Uint8Array,
    pos: number,
    end: number,
    from: number = pos,
  ): void {
    const type = buf[pos]!;
    if (!isKnownType(type)) {
      throw new ProtocolError(
        `Unknown reply type byte ${quoteBytes(buf, pos, pos + 1)}`,
      );
    }
    if (!hasNumericHeader(type)) return;
    // A header holds at most a sign and 20 digits, and then CR.
    let i = pos + 1;
    const sign = buf[i];
    if (
      i < end &&
      (sign === 0x2d ||
        (sign === 0x2b && (type === INTEGER || type === BIG_NUMBER)))
    ) i++;
    if (i < from) i = from;
    for (; i < end; i++) {
      const c = buf[i]!;
      if (c >= 0x30 && c <= 0x39) continue;
      if (c === CR && i === end - 1) break;
      throw new ProtocolError(
        `Invalid length or number in ${typeName(type)} header ${
          quoteBytes(buf, pos, end)
        }`,
      );
    }
    // Lengths have at most 15 digits (parseLength agrees); integers and big
    // numbers are bounded by the line limit only.
    if (type !== INTEGER && type !== BIG_NUMBER) {
      const digits = end - pos - 1 - (buf[end - 1] === CR ? 1 : 0) -
        (buf[pos + 1] === 0x2d ? 1 : 0);
      if (digits > 15) {
        throw new ProtocolError(
          `Invalid ${typeName(type)} length ${
            quoteBytes(buf, pos + 1, end)
          }: too many digits`,
        );
      }
    }
  }

  #lineTooLong(length: number): never {
    throw new ProtocolError(
      `Reply line of ${length} bytes exceeds the limit of ${this.#maxLine}`,
    );
  }

  #bulkTooLong(length: number): never {
    throw new ProtocolError(
      `Bulk string of ${length} bytes exceeds the limit of ${this.#maxBulk}`,
    );
  }
}

// ---- scalar parsing -------------------------------------------------------

function isKnownType(type: number): boolean {
  switch (type) {
    case SIMPLE:
    case ERROR:
    case INTEGER:
    case BULK:
    case ARRAY:
    case NULL:
    case BOOLEAN:
    case DOUBLE:
    case BIG_NUMBER:
    case BULK_ERROR:
    case VERBATIM:
    case MAP:
    case SET:
    case ATTRIBUTE:
    case PUSH:
      return true;
    default:
      return false;
  }
}

function hasNumericHeader(type: number): boolean {
  switch (type) {
    case INTEGER:
    case BULK:
    case ARRAY:
    case BULK_ERROR:
    case VERBATIM:
    case MAP:
    case SET:
    case ATTRIBUTE:
    case PUSH:
    case BIG_NUMBER:
      return true;
    default:
      return false;
  }
}

function typeName(type: number): string {
  switch (type) {
    case BULK:
      return "bulk string";
    case BULK_ERROR:
      return "bulk error";
    case VERBATIM:
      return "verbatim string";
    case ARRAY:
      return "array";
    case MAP:
      return "map";
    case SET:
      return "set";
    case PUSH:
      return "push";
    case ATTRIBUTE:
      return "attribute";
    case INTEGER:
      return "integer";
    case BIG_NUMBER:
      return "big number";
    default:
      return `type "${String.fromCharCode(type)}"`;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Parses a length: -1, or 0..2^53 digits. Anything else is malformed. */
function parseLength(
  buf: Uint8Array,
  start: number,
  stop: number,
  type: number,
): number {
  if (stop - start === 2 && buf[start] === 0x2d && buf[start + 1] === 0x31) {
    return -1;
  }
  if (stop === start || stop - start > 15) {
    throw new ProtocolError(
      `Invalid ${typeName(type)} length ${quoteBytes(buf, start, stop)}`,
    );
  }
  let n = 0;
  for (let i = start; i < stop; i++) {
    const d = buf[i]! - 0x30;
    if (d < 0 || d > 9) {
      throw new ProtocolError(
        `Invalid ${typeName(type)} length ${quoteBytes(buf, start, stop)}`,
      );
    }
    n = n * 10 + d;
  }
  return n;
}

function parseInteger(
  buf: Uint8Array,
  start: number,
  stop: number,
): number | bigint {
  let i = start;
  let negative = false;
  const first = buf[i];
  if (first === 0x2d) {
    negative = true;
    i++;
  } else if (first === 0x2b) {
    i++;
  }
  const digits = stop - i;
  if (digits <= 0) {
    throw new ProtocolError(`Invalid integer ${quoteBytes(buf, start, stop)}`);
  }
  if (digits <= 15) {
    let n = 0;
    for (; i < stop; i++) {
      const d = buf[i]! - 0x30;
      if (d < 0 || d > 9) {
        throw new ProtocolError(
          `Invalid integer ${quoteBytes(buf, start, stop)}`,
        );
      }
      n = n * 10 + d;
    }
    return negative ? 0 - n : n; // 0 - 0 is 0, not -0
  }
  const big = parseBigNumber(buf, start, stop);
  return big >= -9007199254740991n && big <= 9007199254740991n
    ? Number(big)
    : big;
}

function parseBigNumber(buf: Uint8Array, start: number, stop: number): bigint {
  const text = decodeLatin1(buf, start, stop);
  if (!/^[+-]?\d+$/.test(text)) {
    throw new ProtocolError(`Invalid big number "${text}"`);
  }
  return BigInt(text);
}

function parseBoolean(buf: Uint8Array, start: number, stop: number): boolean {
  if (stop - start === 1) {
    if (buf[start] === 0x74) return true; // t
    if (buf[start] === 0x66) return false; // f
  }
  throw new ProtocolError(`Invalid boolean ${quoteBytes(buf, start, stop)}`);
}

function parseDouble(buf: Uint8Array, start: number, stop: number): number {
  const text = decodeLatin1(buf, start, stop);
  switch (text) {
    case "inf":
    case "+inf":
      return Infinity;
    case "-inf":
      return -Infinity;
    case "nan":
    case "-nan":
      return NaN;
  }
  if (!DOUBLE_PATTERN.test(text)) {
    throw new ProtocolError(`Invalid double "${text}"`);
  }
  return Number(text);
}

// ---- text -----------------------------------------------------------------

const fromCharCode = String.fromCharCode;

function decodeUtf8(buf: Uint8Array, start: number, stop: number): string {
  return textDecoder.decode(buf.subarray(start, stop));
}

function decodeLatin1(buf: Uint8Array, start: number, stop: number): string {
  let text = "";
  for (let i = start; i < stop; i++) text += String.fromCharCode(buf[i]!);
  return text;
}

/** Quotes up to 32 bytes for an error message, escaping control bytes. */
function quoteBytes(buf: Uint8Array, start: number, stop: number): string {
  const from = Math.max(0, start);
  const to = Math.min(stop, from + 32);
  let text = "";
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c === CR) text += "\\r";
    else if (c === LF) text += "\\n";
    else if (c < 0x20 || c > 0x7e) {
      text += "\\x" + c.toString(16).padStart(2, "0");
    } else text += String.fromCharCode(c);
  }
  return `"${text}${stop - from > 32 ? "..." : ""}"`;
}
