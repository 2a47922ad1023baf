/**
 * The bitmap commands (SETBIT, BITCOUNT, BITFIELD, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  checkInteger,
  checkKeys,
  checkNotEmpty,
  command,
  type Declarations,
  firstKey,
  int,
  type Key,
  keysFrom,
  list,
  num,
  optionKeys,
  READONLY,
} from "./_define.ts";

/**
 * The unit of the `start` and `end` offsets of `bitcount` and `bitpos`:
 * bytes (the default) or bits (Redis 7.0+).
 *
 * @example
 * ```ts
 * import type { BitUnit } from "@respite/redis";
 *
 * const unit: BitUnit = "bit";
 * ```
 */
export type BitUnit = "byte" | "bit";

/**
 * The range of `bitcount`: `start` and `end` both inclusive, negative
 * values counting from the end, in bytes unless `unit` says `"bit"`.
 * Without `end` (Valkey 8.0+, not in Redis) the range runs to the last
 * byte; `unit` needs `end`, and TypeScript rejects it alone.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.bitcount("visits", { start: 0, end: 15, unit: "bit" });
 * await client.bitcount("visits", { start: 2 }); // Valkey 8.0+
 * ```
 */
export type BitCountRange =
  | {
    /** The first byte to look at. */
    start: number;
    /** Absent: up to the last byte (Valkey 8.0+). */
    end?: never;
    /** Only with `end`. */
    unit?: never;
  }
  | {
    /** The first byte (or bit) to look at. */
    start: number;
    /** The last byte (or bit) to look at. */
    end: number;
    /** Whether `start` and `end` count bytes or bits (`BYTE`/`BIT`, Redis 7.0+). */
    unit?: BitUnit;
  };

/**
 * The range of `bitpos`: from `start` to the optional `end`, both
 * inclusive, negative values counting from the end, in bytes unless `unit`
 * says `"bit"`. `unit` needs `end`; TypeScript rejects it alone.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.bitpos("flags", 1, { start: 2 });
 * await client.bitpos("flags", 0, { start: 7, end: 15, unit: "bit" });
 * ```
 */
export type BitPosRange =
  | { start: number; end?: never; unit?: never }
  | { start: number; end: number; unit?: BitUnit };

/**
 * The operation of `bitop`: a bit of the result is set when it is set in
 * every source (`AND`), in at least one (`OR`), in an odd number of them
 * (`XOR`), not set in the single source (`NOT`); and, since Redis 8.2,
 * when it is set in the first source and in none of the others (`DIFF`),
 * in at least one of the others but not in the first (`DIFF1`), in the
 * first and in at least one of the others (`ANDOR`), or in exactly one
 * source (`ONE`).
 *
 * @example
 * ```ts
 * import type { BitopOperation } from "@respite/redis";
 *
 * const operation: BitopOperation = "XOR";
 * ```
 */
export type BitopOperation =
  | "AND"
  | "OR"
  | "XOR"
  | "NOT"
  | "DIFF"
  | "DIFF1"
  | "ANDOR"
  | "ONE";

/**
 * The integer type of a `bitfield` operation: `i` (signed, 1 to 64 bits)
 * or `u` (unsigned, 1 to 63 bits) followed by the width, e.g. `"u8"` or
 * `"i16"`.
 *
 * @example
 * ```ts
 * import type { BitfieldEncoding } from "@respite/redis";
 *
 * const encoding: BitfieldEncoding = "u8";
 * ```
 */
export type BitfieldEncoding = `i${number}` | `u${number}`;

/**
 * Where a `bitfield` integer starts: a bit offset, or `"#n"` for the n-th
 * integer of the operation's width (`"#2"` with `"u8"` is bit 16).
 *
 * @example
 * ```ts
 * import type { BitfieldOffset } from "@respite/redis";
 *
 * const offsets: BitfieldOffset[] = [0, "#3"];
 * ```
 */
export type BitfieldOffset = number | `#${number}`;

/**
 * What `bitfield` does when a later `set` or `incrby` overflows: wrap
 * around (the default), saturate at the limit, or fail (the operation
 * does nothing and its result is `null`).
 *
 * @example
 * ```ts
 * import type { BitfieldOverflow } from "@respite/redis";
 *
 * const overflow: BitfieldOverflow = "sat";
 * ```
 */
export type BitfieldOverflow = "wrap" | "sat" | "fail";

/**
 * The integer a `bitfield` `get` reads.
 *
 * @example
 * ```ts
 * import type { BitfieldGet } from "@respite/redis";
 *
 * const field: BitfieldGet = { encoding: "u8", offset: 0 };
 * ```
 */
export interface BitfieldGet {
  /** The integer type, such as `"u8"`. */
  encoding: BitfieldEncoding;
  /** Where the integer starts. */
  offset: BitfieldOffset;
}

/**
 * The integer a `bitfield` `set` writes, with its new value.
 *
 * @example
 * ```ts
 * import type { BitfieldSet } from "@respite/redis";
 *
 * const write: BitfieldSet = { encoding: "i16", offset: "#1", value: -5 };
 * ```
 */
export interface BitfieldSet {
  /** The integer type, such as `"i16"`. */
  encoding: BitfieldEncoding;
  /** Where the integer starts. */
  offset: BitfieldOffset;
  /** The value to store. */
  value: number | bigint;
}

/**
 * The integer a `bitfield` `incrby` changes, with the amount.
 *
 * @example
 * ```ts
 * import type { BitfieldIncrby } from "@respite/redis";
 *
 * const bump: BitfieldIncrby = { encoding: "u4", offset: 4, increment: 1 };
 * ```
 */
export interface BitfieldIncrby {
  /** The integer type, such as `"u4"`. */
  encoding: BitfieldEncoding;
  /** Where the integer starts. */
  offset: BitfieldOffset;
  /** The amount to add (negative to subtract). */
  increment: number | bigint;
}

/**
 * One operation of `bitfield`: exactly one of `get`, `set`, `incrby` and
 * `overflow`. `get`, `set` and `incrby` each add one entry to the result;
 * `overflow` changes how the following `set`/`incrby` operations handle
 * overflows and adds none.
 *
 * @example
 * ```ts
 * import type { BitfieldOperation } from "@respite/redis";
 *
 * const operations: BitfieldOperation[] = [
 *   { overflow: "fail" },
 *   { incrby: { encoding: "u8", offset: 0, increment: 10 } },
 *   { get: { encoding: "u8", offset: 0 } },
 * ];
 * ```
 */
export type BitfieldOperation =
  | { get: BitfieldGet; set?: never; incrby?: never; overflow?: never }
  | { set: BitfieldSet; get?: never; incrby?: never; overflow?: never }
  | { incrby: BitfieldIncrby; get?: never; set?: never; overflow?: never }
  | { overflow: BitfieldOverflow; get?: never; set?: never; incrby?: never };

/**
 * The one operation `bitfieldRo` allows: a `get`.
 *
 * @example
 * ```ts
 * import type { BitfieldRoOperation } from "@respite/redis";
 *
 * const read: BitfieldRoOperation = { get: { encoding: "i8", offset: "#0" } };
 * ```
 */
export interface BitfieldRoOperation {
  /** The integer to read. */
  get: BitfieldGet;
}

const OPERATIONS = [
  "AND",
  "OR",
  "XOR",
  "NOT",
  "DIFF",
  "DIFF1",
  "ANDOR",
  "ONE",
] as const;
const OVERFLOWS = ["wrap", "sat", "fail"] as const;
const UNITS = ["byte", "bit"] as const;

const BITCOUNT_KEYS = optionKeys<BitCountRange>({
  start: true,
  end: true,
  unit: true,
});
const BITPOS_KEYS = optionKeys<BitPosRange>({
  start: true,
  end: true,
  unit: true,
});
const OPERATION_KEYS = optionKeys<BitfieldOperation>({
  get: true,
  set: true,
  incrby: true,
  overflow: true,
});
const GET_KEYS = optionKeys<BitfieldGet>({ encoding: true, offset: true });
const SET_KEYS = optionKeys<BitfieldSet>({
  encoding: true,
  offset: true,
  value: true,
});
const INCRBY_KEYS = optionKeys<BitfieldIncrby>({
  encoding: true,
  offset: true,
  increment: true,
});

function checkOffset(
  command: string,
  name: string,
  value: number | bigint,
): void {
  if (
    typeof value === "bigint"
      ? value < 0n
      : !Number.isSafeInteger(value) || value < 0
  ) {
    throw new TypeError(
      `Invalid ${command} ${name} "${value}": expected a non-negative integer`,
    );
  }
}

function pushUnit(argv: Arg[], command: string, unit: BitUnit | undefined) {
  if (unit === undefined) return;
  if (!UNITS.includes(unit)) {
    throw new TypeError(
      `Invalid ${command} unit "${unit}": expected "byte" or "bit"`,
    );
  }
  argv.push(unit.toUpperCase());
}

function buildBitcount(key: Key, range?: BitCountRange): Arg[] {
  const argv: Arg[] = ["BITCOUNT", key];
  if (range === undefined) return argv;
  checkKeys("BITCOUNT option", range, BITCOUNT_KEYS);
  checkInteger("BITCOUNT", "start", range.start);
  if (range.end === undefined) {
    if (range.unit !== undefined) {
      throw new TypeError(`Invalid BITCOUNT range: "unit" needs "end"`);
    }
    argv.push(range.start);
    return argv;
  }
  checkInteger("BITCOUNT", "end", range.end);
  argv.push(range.start, range.end);
  pushUnit(argv, "BITCOUNT", range.unit);
  return argv;
}

function buildBitpos(key: Key, bit: 0 | 1, range?: BitPosRange): Arg[] {
  if (bit !== 0 && bit !== 1) {
    throw new TypeError(`Invalid BITPOS bit "${bit}": expected 0 or 1`);
  }
  const argv: Arg[] = ["BITPOS", key, bit];
  if (range === undefined) return argv;
  checkKeys("BITPOS option", range, BITPOS_KEYS);
  checkInteger("BITPOS", "start", range.start);
  argv.push(range.start);
  if (range.end === undefined) {
    if (range.unit !== undefined) {
      throw new TypeError(
        `Invalid BITPOS range: "unit" needs "end"`,
      );
    }
    return argv;
  }
  checkInteger("BITPOS", "end", range.end);
  argv.push(range.end);
  pushUnit(argv, "BITPOS", range.unit);
  return argv;
}

function buildBitop(
  operation: BitopOperation,
  destkey: Key,
  ...keys: Key[]
): Arg[] {
  const name = typeof operation === "string" ? operation.toUpperCase() : "";
  if (!(OPERATIONS as readonly string[]).includes(name)) {
    throw new TypeError(
      `Invalid BITOP operation "${operation}": expected "AND", "OR", "XOR", "NOT", "DIFF", "DIFF1", "ANDOR" or "ONE"`,
    );
  }
  checkNotEmpty("BITOP", "source key", keys);
  if (name === "NOT" && keys.length !== 1) {
    throw new TypeError(
      `Invalid BITOP NOT call: expected one source key, got ${keys.length}`,
    );
  }
  if (
    keys.length === 1 &&
    (name === "DIFF" || name === "DIFF1" || name === "ANDOR")
  ) {
    throw new TypeError(
      `Invalid BITOP ${name} call: expected at least two source keys, got 1`,
    );
  }
  return ["BITOP", name, destkey, ...keys];
}

function pushField(
  argv: Arg[],
  command: string,
  field: { encoding: BitfieldEncoding; offset: BitfieldOffset },
): void {
  const match = /^([iu])(\d+)$/.exec(String(field.encoding));
  const bits = match ? Number(match[2]) : 0;
  if (!match || bits < 1 || bits > (match[1] === "i" ? 64 : 63)) {
    throw new TypeError(
      `Invalid ${command} encoding "${field.encoding}": expected "i1" to "i64" or "u1" to "u63"`,
    );
  }
  const offset = field.offset;
  if (typeof offset === "string") {
    if (!/^#\d+$/.test(offset)) {
      throw new TypeError(
        `Invalid ${command} offset "${offset}": expected a non-negative integer or "#" and one`,
      );
    }
  } else {
    checkOffset(command, "offset", offset);
  }
  argv.push(field.encoding, offset);
}

function pushOperation(argv: Arg[], operation: BitfieldOperation): void {
  checkKeys("BITFIELD option", operation, OPERATION_KEYS);
  const names = (["get", "set", "incrby", "overflow"] as const).filter(
    (name) => operation[name] !== undefined,
  );
  if (names.length !== 1) {
    throw new TypeError(
      `Invalid BITFIELD operation: expected exactly one of "get", "set", "incrby" and "overflow", got ${
        names.length === 0
          ? "none"
          : names.map((name) => `"${name}"`).join(" and ")
      }`,
    );
  }
  if (operation.get !== undefined) {
    checkKeys("BITFIELD get option", operation.get, GET_KEYS);
    argv.push("GET");
    pushField(argv, "BITFIELD", operation.get);
  } else if (operation.set !== undefined) {
    checkKeys("BITFIELD set option", operation.set, SET_KEYS);
    argv.push("SET");
    pushField(argv, "BITFIELD", operation.set);
    checkInteger("BITFIELD", "value", operation.set.value);
    argv.push(operation.set.value);
  } else if (operation.incrby !== undefined) {
    checkKeys("BITFIELD incrby option", operation.incrby, INCRBY_KEYS);
    argv.push("INCRBY");
    pushField(argv, "BITFIELD", operation.incrby);
    checkInteger("BITFIELD", "increment", operation.incrby.increment);
    argv.push(operation.incrby.increment);
  } else {
    const overflow = operation.overflow;
    if (!(OVERFLOWS as readonly unknown[]).includes(overflow)) {
      throw new TypeError(
        `Invalid BITFIELD overflow "${overflow}": expected "wrap", "sat" or "fail"`,
      );
    }
    argv.push("OVERFLOW", String(overflow).toUpperCase());
  }
}

function buildBitfield(key: Key, ...operations: BitfieldOperation[]): Arg[] {
  checkNotEmpty("BITFIELD", "operation", operations);
  const argv: Arg[] = ["BITFIELD", key];
  for (const operation of operations) pushOperation(argv, operation);
  return argv;
}

function buildBitfieldRo(
  key: Key,
  ...operations: BitfieldRoOperation[]
): Arg[] {
  checkNotEmpty("BITFIELD_RO", "operation", operations);
  const argv: Arg[] = ["BITFIELD_RO", key];
  for (const operation of operations) {
    // Unknown keys fail here; "set" and the like (and non-objects) below.
    if (typeof operation === "object" && operation !== null) {
      checkKeys("BITFIELD_RO option", operation, OPERATION_KEYS);
    }
    if (operation?.get === undefined || Object.keys(operation).length !== 1) {
      throw new TypeError(
        `Invalid BITFIELD_RO operation: expected only "get"`,
      );
    }
    checkKeys("BITFIELD_RO get option", operation.get, GET_KEYS);
    argv.push("GET");
    pushField(argv, "BITFIELD_RO", operation.get);
  }
  return argv;
}

function bit(reply: Reply): 0 | 1 {
  return num(reply) === 1 ? 1 : 0;
}

/**
 * The bitmap commands (SETBIT, BITCOUNT, BITFIELD, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.setbit.name);
 * ```
 */
export interface BitmapCommands {
  /**
   * Counts the bits set to 1 in the string at `key`, optionally only in a
   * range of bytes or bits. Resolves to the count (0 for a missing key).
   * Available since Redis 2.6; `unit` since 7.0; a range without `end`
   * since Valkey 8.0 (not in Redis).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.set("b", "foobar");
   * console.log(await client.bitcount("b")); // 26
   * console.log(await client.bitcount("b", { start: 5, end: 30, unit: "bit" })); // 17
   * ```
   */
  bitcount(key: Key, range?: BitCountRange): Promise<number>;
  /**
   * Runs integer operations on arbitrary bit fields of the string at `key`,
   * in order. Resolves to one entry per `get`, `set` (the old value) and
   * `incrby` (the new value): a `bigint` when outside JavaScript's safe
   * integer range, `null` when the operation failed under
   * `{ overflow: "fail" }`. Available since Redis 3.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [old, next] = await client.bitfield(
   *   "counters",
   *   { set: { encoding: "u8", offset: "#0", value: 200 } },
   *   { overflow: "sat" },
   *   { incrby: { encoding: "u8", offset: "#0", increment: 100 } },
   * ); // [0, 255]
   * ```
   */
  bitfield(
    key: Key,
    ...operations: BitfieldOperation[]
  ): Promise<(number | bigint | null)[]>;
  /**
   * The read-only form of `bitfield`, allowing only `get` operations, so
   * it can run on replicas. Resolves to the values read, a `bigint` when
   * outside JavaScript's safe integer range. Available since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [a, b] = await client.bitfieldRo(
   *   "counters",
   *   { get: { encoding: "u8", offset: "#0" } },
   *   { get: { encoding: "i4", offset: 8 } },
   * );
   * ```
   */
  bitfieldRo(
    key: Key,
    ...operations: BitfieldRoOperation[]
  ): Promise<(number | bigint)[]>;
  /**
   * Combines the strings at the source keys bit by bit (`AND`, `OR`,
   * `XOR`, `NOT` of a single key, or one of the Redis 8.2 operations of
   * {@linkcode BitopOperation}) and stores the result at `destkey`.
   * Resolves to the length of the stored string. Available since Redis
   * 2.6; `DIFF`, `DIFF1`, `ANDOR` (two or more source keys) and `ONE`
   * since 8.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.bitop("AND", "both", "monday", "tuesday");
   * await client.bitop("NOT", "inverted", "monday");
   * await client.bitop("DIFF", "only-monday", "monday", "tuesday", "sunday");
   * ```
   */
  bitop(
    operation: BitopOperation,
    destkey: Key,
    ...keys: Key[]
  ): Promise<number>;
  /**
   * Finds the first bit set to `bit` in the string at `key`, optionally
   * within a range. Resolves to its position in bits from the start of the
   * string, or -1 when there is none. Available since Redis 2.8.7; `unit`
   * since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.set("b", new Uint8Array([0x00, 0xff]));
   * console.log(await client.bitpos("b", 1)); // 8
   * ```
   */
  bitpos(key: Key, bit: 0 | 1, range?: BitPosRange): Promise<number>;
  /**
   * Returns the bit at `offset` of the string at `key` (0 beyond its end
   * or for a missing key). Available since Redis 2.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.getbit("flags", 7)); // 0 or 1
   * ```
   */
  getbit(key: Key, offset: number): Promise<0 | 1>;
  /**
   * Sets the bit at `offset` of the string at `key` to `value`, growing the
   * string as needed. Resolves to the bit's previous value. Available since
   * Redis 2.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.setbit("flags", 7, 1)); // 0
   * ```
   */
  setbit(key: Key, offset: number, value: 0 | 1): Promise<0 | 1>;
}

/** The declarations of the bitmap commands. */
export const bitmapCommands: Declarations<BitmapCommands> = {
  bitcount: command({
    name: "BITCOUNT",
    build: buildBitcount,
    keys: firstKey,
    flags: READONLY,
    reply: num,
  }),
  bitfield: command({
    name: "BITFIELD",
    build: buildBitfield,
    keys: firstKey,
    reply: (reply) =>
      list(reply).map((item) => (item === null ? null : int(item))),
  }),
  bitfieldRo: command({
    name: "BITFIELD_RO",
    build: buildBitfieldRo,
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => list(reply).map(int),
  }),
  bitop: command({
    name: "BITOP",
    build: buildBitop,
    keys: keysFrom(2),
    reply: num,
  }),
  bitpos: command({
    name: "BITPOS",
    build: buildBitpos,
    keys: firstKey,
    flags: READONLY,
    reply: num,
  }),
  getbit: command({
    name: "GETBIT",
    build: (key: Key, offset: number): Arg[] => {
      checkOffset("GETBIT", "offset", offset);
      return ["GETBIT", key, offset];
    },
    keys: firstKey,
    flags: READONLY,
    reply: bit,
  }),
  setbit: command({
    name: "SETBIT",
    build: (key: Key, offset: number, value: 0 | 1): Arg[] => {
      checkOffset("SETBIT", "offset", offset);
      if (value !== 0 && value !== 1) {
        throw new TypeError(`Invalid SETBIT value "${value}": expected 0 or 1`);
      }
      return ["SETBIT", key, offset, value];
    },
    keys: firstKey,
    reply: bit,
  }),
};
