/**
 * The wire-level pieces of the RESP decoder that hold no state: the type
 * bytes, the parsing of header lengths and scalar values, the checks of an
 * incomplete header line, and the text of protocol errors.
 *
 * @module
 */

import { ProtocolError } from "../errors.ts";

// Type bytes.
export const SIMPLE = 0x2b; // +
export const ERROR = 0x2d; // -
export const INTEGER = 0x3a; // :
export const BULK = 0x24; // $
export const ARRAY = 0x2a; // *
export const NULL = 0x5f; // _
export const BOOLEAN = 0x23; // #
export const DOUBLE = 0x2c; // ,
export const BIG_NUMBER = 0x28; // (
export const BULK_ERROR = 0x21; // !
export const VERBATIM = 0x3d; // =
export const MAP = 0x25; // %
export const SET = 0x7e; // ~
export const ATTRIBUTE = 0x7c; // |
export const PUSH = 0x3e; // >

export const CR = 13;
export const LF = 10;

/** Decodes whole UTF-8 strings, a leading BOM kept as text. */
export const textDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
const DOUBLE_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

// ---- header lines ---------------------------------------------------------

/**
 * Checks the start of a line that a chunk cut, `buf[pos, end)` (its type
 * byte first), as far as it goes: a known type byte and, in a header, only
 * a sign, digits and a last CR. Bytes before `from` were checked already.
 */
export function checkPartialLine(
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

/** Throws the error for a line of `length` bytes, over the limit `max`. */
export function lineTooLong(length: number, max: number): never {
  throw new ProtocolError(
    `Reply line of ${length} bytes exceeds the limit of ${max}`,
  );
}

/** Throws the error for a bulk string of `length` bytes, over `max`. */
export function bulkTooLong(length: number, max: number): never {
  throw new ProtocolError(
    `Bulk string of ${length} bytes exceeds the limit of ${max}`,
  );
}

// ---- scalar parsing -------------------------------------------------------

/** Whether `type` is a RESP2 or RESP3 type byte. */
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

/** Whether the line of `type` holds a length or a number. */
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

/** The name of a type in error messages: "bulk string", "map", ... */
export function typeName(type: number): string {
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

/** `text` with its first character upper-cased. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Parses a length: -1, or 0..2^53 digits. Anything else is malformed. */
export function parseLength(
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

/** Parses an integer: a number when safe, a bigint beyond. */
export function parseInteger(
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

/** Parses a big number. */
export function parseBigNumber(
  buf: Uint8Array,
  start: number,
  stop: number,
): bigint {
  const text = decodeLatin1(buf, start, stop);
  if (!/^[+-]?\d+$/.test(text)) {
    throw new ProtocolError(`Invalid big number "${text}"`);
  }
  return BigInt(text);
}

/** Parses a boolean: `t` or `f`. */
export function parseBoolean(
  buf: Uint8Array,
  start: number,
  stop: number,
): boolean {
  if (stop - start === 1) {
    if (buf[start] === 0x74) return true; // t
    if (buf[start] === 0x66) return false; // f
  }
  throw new ProtocolError(`Invalid boolean ${quoteBytes(buf, start, stop)}`);
}

/** Parses a double, `inf`, `-inf` and `nan` included. */
export function parseDouble(
  buf: Uint8Array,
  start: number,
  stop: number,
): number {
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

/** Decodes `buf[start, stop)` as UTF-8. */
export function decodeUtf8(
  buf: Uint8Array,
  start: number,
  stop: number,
): string {
  return textDecoder.decode(buf.subarray(start, stop));
}

/** Decodes `buf[start, stop)` one character per byte. */
function decodeLatin1(buf: Uint8Array, start: number, stop: number): string {
  let text = "";
  for (let i = start; i < stop; i++) text += String.fromCharCode(buf[i]!);
  return text;
}

/** Quotes up to 32 bytes for an error message, escaping control bytes. */
export function quoteBytes(
  buf: Uint8Array,
  start: number,
  stop: number,
): string {
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
