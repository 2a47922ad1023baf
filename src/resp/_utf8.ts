/**
 * Lossless text for byte strings that are not valid UTF-8, for record keys
 * of the bytes view.
 *
 * @module
 */

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * Decodes bytes as UTF-8 without losing any: valid UTF-8 becomes its text,
 * and each byte that is not part of a valid sequence becomes a lone
 * surrogate, U+DC80 to U+DCFF for the bytes 0x80 to 0xFF (Python's
 * "surrogateescape"). Text decoded from valid UTF-8 never holds a lone
 * surrogate, so different bytes always give different keys.
 *
 * The bytes view (`client.bytes`) names the keys of its records this way:
 * `client.bytes.hgetall` of a hash whose field names are not UTF-8 keeps
 * every field. The encoder sends such a key back as the bytes it came
 * from, so `client.hset(key, record)` copies it exactly;
 * {@linkcode encodeRecordKey} gives those bytes.
 *
 * @example
 * ```ts
 * import { decodeRecordKey } from "@respite/redis";
 *
 * console.log(decodeRecordKey(new Uint8Array([0x61, 0x62]))); // "ab"
 * console.log(decodeRecordKey(new Uint8Array([0xff])) === "\udcff"); // true
 * ```
 *
 * @param bytes The bytes.
 * @returns The key.
 */
export function decodeRecordKey(bytes: Uint8Array): string {
  const text = utf8.decode(bytes);
  // Only a replacement character can hide a byte that is not UTF-8.
  return text.includes("\ufffd") ? escapeDecode(bytes) : text;
}

/**
 * The bytes a record key stands for: its UTF-8 encoding, with each lone
 * surrogate U+DC80 to U+DCFF as the byte 0x80 to 0xFF it was decoded from
 * (see {@linkcode decodeRecordKey}). Other lone surrogates become U+FFFD,
 * as with `TextEncoder`.
 *
 * @example
 * ```ts
 * import { decodeRecordKey, encodeRecordKey } from "@respite/redis";
 *
 * const raw = new Uint8Array([0x66, 0xff, 0x00]);
 * console.log(encodeRecordKey(decodeRecordKey(raw))); // Uint8Array(3) [ 102, 255, 0 ]
 * ```
 *
 * @param key The key.
 * @returns Its bytes.
 */
export function encodeRecordKey(key: string): Uint8Array {
  const out = new Uint8Array(key.length * 3);
  return out.subarray(0, encodeEscaped(key, out, 0));
}

/**
 * Writes the bytes of `text` into `out` at `at` as {@linkcode
 * encodeRecordKey} does (room for 3 bytes per UTF-16 unit needed), and
 * returns the position after them.
 */
export function encodeEscaped(
  text: string,
  out: Uint8Array,
  at: number,
): number {
  let pos = at;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[pos++] = c;
    } else if (c < 0x800) {
      out[pos++] = 0xc0 | (c >> 6);
      out[pos++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out[pos++] = 0xf0 | (c >> 18);
        out[pos++] = 0x80 | ((c >> 12) & 0x3f);
        out[pos++] = 0x80 | ((c >> 6) & 0x3f);
        out[pos++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xdc80 && c <= 0xdcff) {
        out[pos++] = c - 0xdc00;
      } else {
        out[pos++] = 0xef;
        out[pos++] = 0xbf;
        out[pos++] = 0xbd;
      }
    } else {
      out[pos++] = 0xe0 | (c >> 12);
      out[pos++] = 0x80 | ((c >> 6) & 0x3f);
      out[pos++] = 0x80 | (c & 0x3f);
    }
  }
  return pos;
}

/** UTF-8 decoding with each byte outside a valid sequence escaped. */
function escapeDecode(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf
      ? 2
      : b >= 0xe0 && b <= 0xef
      ? 3
      : b >= 0xf0 && b <= 0xf4
      ? 4
      : 0;
    if (n > 0 && i + n <= bytes.length && valid(bytes, i, n)) {
      out += utf8.decode(bytes.subarray(i, i + n));
      i += n;
    } else {
      out += String.fromCharCode(0xdc00 + b);
      i++;
    }
  }
  return out;
}

/** Whether `bytes[i..i+n)` is one valid UTF-8 sequence (no surrogates). */
function valid(bytes: Uint8Array, i: number, n: number): boolean {
  const b0 = bytes[i]!;
  const b1 = bytes[i + 1]!;
  // The second byte's range depends on the first (RFC 3629).
  const lo = b0 === 0xe0 ? 0xa0 : b0 === 0xf0 ? 0x90 : 0x80;
  const hi = b0 === 0xed ? 0x9f : b0 === 0xf4 ? 0x8f : 0xbf;
  if (b1 < lo || b1 > hi) return false;
  for (let k = 2; k < n; k++) {
    const b = bytes[i + k]!;
    if (b < 0x80 || b > 0xbf) return false;
  }
  return true;
}
