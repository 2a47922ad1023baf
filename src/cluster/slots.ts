/**
 * Redis Cluster hash slots: CRC16 (XMODEM) of a key's bytes, or of its hash
 * tag, modulo 16384.
 *
 * @module
 */

import type { Key } from "../commands/_define.ts";

/** The number of hash slots of a Redis Cluster. */
export const SLOTS = 16384;

/** CRC16/XMODEM (polynomial 0x1021, initial 0), one entry per byte. */
const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
    }
    table[byte] = crc & 0xffff;
  }
  return table;
})();

const utf8 = new TextEncoder();
const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }

/**
 * The hash slot of `key`, as `CLUSTER KEYSLOT` computes it: CRC16/XMODEM of
 * the key's bytes (a string as UTF-8) modulo 16384. When the key holds a
 * `{`, and a `}` after it with at least one byte between them, only those
 * bytes are hashed (the hash tag), so `{user:1}:name` and `{user:1}:mail`
 * share a slot.
 *
 * @example
 * ```ts ignore
 * import { keySlot } from "./slots.ts";
 *
 * console.log(keySlot("foo")); // 12182
 * console.log(keySlot("{user:1}:name") === keySlot("user:1")); // true
 * ```
 *
 * @param key The key, as text or bytes.
 * @returns The slot, from 0 to 16383.
 */
export function keySlot(key: Key): number {
  if (typeof key === "string") {
    // ASCII text hashes its char codes as they are: no encoding needed.
    let ascii = true;
    for (let i = 0; i < key.length; i++) {
      if (key.charCodeAt(i) > 0x7f) {
        ascii = false;
        break;
      }
    }
    if (!ascii) return bytesSlot(utf8.encode(key));
    let start = 0;
    let end = key.length;
    const open = key.indexOf("{");
    if (open >= 0) {
      const close = key.indexOf("}", open + 1);
      if (close > open + 1) {
        start = open + 1;
        end = close;
      }
    }
    let crc = 0;
    for (let i = start; i < end; i++) {
      crc = ((crc << 8) & 0xffff) ^
        TABLE[((crc >> 8) ^ key.charCodeAt(i)) & 0xff]!;
    }
    return crc & (SLOTS - 1);
  }
  return bytesSlot(key);
}

function bytesSlot(bytes: Uint8Array): number {
  let start = 0;
  let end = bytes.length;
  const open = bytes.indexOf(OPEN);
  if (open >= 0) {
    const close = bytes.indexOf(CLOSE, open + 1);
    if (close > open + 1) {
      start = open + 1;
      end = close;
    }
  }
  let crc = 0;
  for (let i = start; i < end; i++) {
    crc = ((crc << 8) & 0xffff) ^ TABLE[((crc >> 8) ^ bytes[i]!) & 0xff]!;
  }
  return crc & (SLOTS - 1);
}
