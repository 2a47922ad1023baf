/**
 * The declaration helper every command family uses, with the small key
 * position and reply helpers the declarations share.
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import { VerbatimString } from "../resp/types.ts";
import { decodeRecordKey } from "../resp/_utf8.ts";
import type { FieldNames } from "./_field_names.ts";

export { checkKeys, type KnownKeys, optionKeys } from "../_options.ts";

/**
 * A key: a string (sent as UTF-8) or raw bytes.
 *
 * @example
 * ```ts
 * import type { Key } from "@respite/redis";
 *
 * const keys: Key[] = ["user:1", new Uint8Array([0xff, 0x00])];
 * ```
 */
export type Key = string | Uint8Array;

/**
 * A SCAN-family cursor: the decimal text the server returned, passed back
 * as is. It stays a string in the bytes view. `"0"` starts and ends a scan;
 * the scan methods also take the number `0` to start one.
 *
 * @example
 * ```ts
 * import type { Cursor } from "@respite/redis";
 *
 * const start: Cursor = "0";
 * ```
 */
export type Cursor = `${number}`;

/**
 * A stream entry ID, `<milliseconds>-<sequence>`. It stays a string in the
 * bytes view.
 *
 * @example
 * ```ts
 * import type { StreamId } from "@respite/redis";
 *
 * const id: StreamId = "1700000000000-0";
 * ```
 */
export type StreamId = `${number}-${number}`;

export {
  BLOCKING,
  BYTES_REPLY,
  CONNECTION_STATE,
  FLAT_REPLY,
  READONLY,
} from "../_flags.ts";

/**
 * One Redis command, declared once as data: how a call's parameters become
 * the argument vector, where the keys are, and how the reply becomes the
 * result. The client, pipelines, transactions and cluster routing all
 * consume the same declaration.
 *
 * @typeParam P The parameters of the method.
 * @typeParam R The result of the method.
 *
 * @example Look at a declaration
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.get.name, commands.get.build("k")); // "GET" ["GET", "k"]
 * ```
 */
export interface Command<P extends unknown[], R> {
  /** The command name, with the subcommand if any (`"GET"`, `"CLIENT SETNAME"`). */
  readonly name: string;
  /**
   * Builds the whole argument vector, command name first. Throws a
   * `TypeError` for arguments that cannot form a valid command.
   */
  readonly build: (...params: P) => Arg[];
  /** Positions of the keys in the argument vector built by `build`. */
  readonly keys: (argv: readonly Arg[]) => number[];
  /**
   * {@linkcode READONLY}, {@linkcode BLOCKING}, {@linkcode BYTES_REPLY},
   * {@linkcode FLAT_REPLY} and {@linkcode CONNECTION_STATE} bits.
   */
  readonly flags: number;
  /**
   * Turns the reply into the result; identity when absent. It accepts the
   * RESP2 and the RESP3 shape of the reply, and in the bytes view
   * (`client.bytes`) `Uint8Array`s in place of strings.
   */
  readonly reply: ((reply: Reply) => R) | undefined;
}

/**
 * The parameters of a declaration.
 *
 * @example
 * ```ts
 * import type { CommandParams, Commands } from "@respite/redis";
 *
 * type GetParams = CommandParams<Commands["get"]>; // [key: Key]
 * ```
 */
export type CommandParams<C> = C extends Command<infer P, unknown> ? P
  : never;
/**
 * The result of a declaration.
 *
 * @example
 * ```ts
 * import type { CommandResult, Commands } from "@respite/redis";
 *
 * type GetResult = CommandResult<Commands["get"]>; // string | null
 * ```
 */
export type CommandResult<C> = C extends Command<never, infer R> ? R : never;

/**
 * The result type of a command in the bytes view (`client.bytes`): every
 * `string` becomes a `Uint8Array`, recursively through arrays and object
 * values. Literal string types (status words such as `"OK"` or type names
 * such as `"hash"`), cursors and stream IDs stay strings, and record keys
 * (hash fields of `hgetall`, for example) are text, decoded without loss
 * (see {@linkcode decodeRecordKey}).
 *
 * @typeParam T The result type in the ordinary (text) view.
 *
 * @example
 * ```ts
 * import type { Binary } from "@respite/redis";
 *
 * type A = Binary<string | null>; // Uint8Array | null
 * type B = Binary<{ member: string; score: number }[]>; // { member: Uint8Array; score: number }[]
 * type C = Binary<"OK">; // "OK"
 * ```
 */
export type Binary<T> = T extends string ? (string extends T ? Uint8Array : T)
  : T extends
    | number
    | bigint
    | boolean
    | null
    | undefined
    | Uint8Array
    | VerbatimString
    | Map<unknown, unknown>
    | Set<unknown>
    | Error ? T
  // Arrays element by element (which keeps recursive types such as Reply
  // finite), tuples position by position.
  : T extends readonly unknown[]
    ? number extends T["length"] ? (T extends unknown[] ? Binary<T[number]>[]
        : readonly Binary<T[number]>[])
    : { [K in keyof T]: Binary<T[K]> }
  : { [K in keyof T]: Binary<T[K]> };

/**
 * Declares a command.
 *
 * @param spec The declaration; `keys` defaults to none, `flags` to 0 and
 *   `reply` to the identity.
 * @returns The declaration.
 */
export function command<P extends unknown[], R>(spec: {
  name: string;
  build: (...params: P) => Arg[];
  keys?: (argv: readonly Arg[]) => number[];
  flags?: number;
  reply?: (reply: Reply) => R;
}): Command<P, R> {
  return {
    name: spec.name,
    build: spec.build,
    keys: spec.keys ?? noKeys,
    flags: spec.flags ?? 0,
    reply: spec.reply,
  };
}

// ---------------------------------------------------------------------------
// Key positions

/** No keys. */
export const noKeys = (): number[] => [];
/** The key is the first argument after the command name. */
export const firstKey = (): number[] => [1];
/** The key is the argument after the subcommand (`OBJECT ENCODING key`). */
export const secondKey = (): number[] => [2];
/** Every argument after the command name is a key. */
export const allKeys = (argv: readonly Arg[]): number[] =>
  range(1, argv.length, 1);

/**
 * Keys at fixed positions.
 *
 * @param positions Indices into the argument vector.
 * @returns The key finder.
 */
export function keysAt(...positions: number[]): () => number[] {
  return () => positions;
}

/**
 * Keys from `start` up to the end (less `last` trailing non-key arguments),
 * every `step` arguments (`MSET k v k v` is `keysFrom(1, 2)`, `BLPOP k k
 * timeout` is `keysFrom(1, 1, 1)`).
 *
 * @param start Index of the first key.
 * @param step Distance between keys.
 * @param last How many arguments at the end are not keys.
 * @returns The key finder.
 */
export function keysFrom(
  start: number,
  step = 1,
  last = 0,
): (argv: readonly Arg[]) => number[] {
  return (argv) => range(start, argv.length - last, step);
}

/**
 * Keys counted by a `numkeys` argument at `index`, following it
 * (`EVAL script numkeys k1 k2 arg`, `ZUNION numkeys k1 k2`), optionally
 * preceded by fixed keys (`ZUNIONSTORE dest numkeys k1 k2`).
 *
 * @param index Index of the `numkeys` argument.
 * @param fixed Indices of keys before it.
 * @returns The key finder.
 */
export function numkeysAt(
  index: number,
  ...fixed: number[]
): (argv: readonly Arg[]) => number[] {
  return (argv) => {
    const count = Number(argv[index]);
    return [...fixed, ...range(index + 1, index + 1 + count, 1)];
  };
}

function range(start: number, stop: number, step: number): number[] {
  const out: number[] = [];
  for (let i = start; i < stop; i += step) out.push(i);
  return out;
}

// ---------------------------------------------------------------------------
// Reply helpers. Data (values, members, fields) must pass through untouched
// so that the bytes view keeps them as `Uint8Array`; only numbers, status
// words, cursors, IDs and record keys are converted.

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * A reply as text: strings as they are, bytes decoded as UTF-8, numbers in
 * decimal.
 */
export function str(reply: Reply): string {
  if (typeof reply === "string") return reply;
  if (reply instanceof Uint8Array) return utf8.decode(reply);
  if (reply instanceof VerbatimString) return reply.text;
  return String(reply);
}

const utf8Encoder = new TextEncoder();

/**
 * For results parsed out of a text reply (CLIENT INFO, INFO, CLUSTER INFO):
 * a converter that returns parsed strings as they are, or as UTF-8 bytes
 * when the reply arrived as bytes (the bytes view), so that the result
 * follows {@linkcode Binary} in both views.
 */
export function sameKind(reply: Reply): (text: string) => string {
  return reply instanceof Uint8Array
    ? (text) => utf8Encoder.encode(text) as unknown as string
    : (text) => text;
}

/** {@linkcode str}, keeping `null`. */
export function strOrNull(reply: Reply): string | null {
  return reply === null ? null : str(reply);
}

/** `"OK"` (or another status word) as a literal type, also in the bytes view. */
export function ok(reply: Reply): "OK" {
  return str(reply) as "OK";
}

/**
 * A reply as a number: RESP3 doubles and integers as they are, RESP2 bulk
 * strings parsed (`inf`, `-inf`, `nan` included).
 */
export function num(reply: Reply): number {
  if (typeof reply === "number") return reply;
  if (typeof reply === "bigint") return Number(reply);
  const text = str(reply);
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
  return Number(text);
}

/** {@linkcode num}, keeping `null`. */
export function numOrNull(reply: Reply): number | null {
  return reply === null ? null : num(reply);
}

/**
 * An integer that may exceed 2^53: a `number` when it is a safe integer,
 * otherwise a `bigint`, so no precision is lost.
 */
export function int(reply: Reply): number | bigint {
  if (typeof reply === "number" || typeof reply === "bigint") return reply;
  const text = str(reply);
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}

/** Integer 1/0 (or RESP3 boolean) as a boolean. */
export function bool(reply: Reply): boolean {
  return reply === 1 || reply === true;
}

/** An array of strings (data: passed through untouched). */
export function strings(reply: Reply): string[] {
  return list(reply) as string[];
}

/** An array reply; a RESP3 set becomes an array and `null` an empty one. */
export function list(reply: Reply): Reply[] {
  if (Array.isArray(reply)) return reply;
  if (reply instanceof Set) return [...reply];
  if (reply === null) return [];
  if (reply instanceof Map) return [...reply].flat();
  throw new TypeError(`Unexpected reply ${describe(reply)}: expected an array`);
}

/**
 * A record key as text: strings as they are, bytes (the bytes view)
 * decoded without loss (see {@linkcode decodeRecordKey}), anything else as
 * {@linkcode str} gives it.
 */
function keyText(reply: Reply): string {
  if (typeof reply === "string") return reply;
  if (reply instanceof Uint8Array) return decodeRecordKey(reply);
  return str(reply);
}

/**
 * A map reply as a record: a RESP3 map, a RESP2 flat `[k, v, k, v]` array or
 * an array of `[k, v]` pairs. Keys are decoded as text, without loss in the
 * bytes view (see {@linkcode decodeRecordKey}); values pass through `value`
 * (untouched by default). With `names`, keys equal to those of the
 * previous record of the same size reuse its strings (see
 * {@linkcode FieldNames}).
 */
export function record<V = Reply>(
  reply: Reply,
  value?: (reply: Reply) => V,
  names?: FieldNames,
): Record<string, V> {
  const out: Record<string, V> = {};
  if (reply instanceof Map) {
    const shape = names?.shape(reply.size);
    let j = 0;
    for (const [k, v] of reply) {
      const key = keyText(k);
      put(
        out,
        shape === undefined ? key : shape.reuse(j++, key),
        value ? value(v) : v as V,
      );
    }
    shape?.done();
    return out;
  }
  const items = list(reply);
  if (items.length > 0 && Array.isArray(items[0])) {
    for (const [k, v] of pairs(items)) {
      put(out, keyText(k), value ? value(v) : v as V);
    }
    return out;
  }
  const shape = names?.shape(items.length >> 1);
  for (let i = 0, j = 0; i + 1 < items.length; i += 2, j++) {
    const k = items[i]!;
    const v = items[i + 1]!;
    const key = typeof k === "string" ? k : keyText(k);
    put(
      out,
      shape === undefined ? key : shape.reuse(j, key),
      value ? value(v) : v as V,
    );
  }
  shape?.done();
  return out;
}

/**
 * A map reply as `[key, value]` pairs, in order: a RESP3 map, a RESP2 flat
 * array or an array of pairs. Keys and values pass through untouched.
 */
export function pairs(reply: Reply): [Reply, Reply][] {
  if (reply instanceof Map) return [...reply];
  const items = list(reply);
  const out: [Reply, Reply][] = [];
  if (items.length > 0 && Array.isArray(items[0])) {
    for (const item of items) {
      const pair = item as Reply[];
      out.push([pair[0] ?? null, pair[1] ?? null]);
    }
    return out;
  }
  for (let i = 0; i + 1 < items.length; i += 2) {
    out.push([items[i]!, items[i + 1]!]);
  }
  return out;
}

/** Sets `record[key]`, safe for keys such as `"__proto__"`. */
export function put<V>(
  record: Record<string, V>,
  key: string,
  value: V,
): void {
  if (key === "__proto__") {
    Object.defineProperty(record, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    record[key] = value;
  }
}

/** The identity transform. */
export function identity<T>(reply: T): T {
  return reply;
}

function describe(reply: Reply): string {
  if (reply === null) return "null";
  if (Array.isArray(reply)) return "array";
  if (typeof reply === "object") return reply.constructor.name;
  return `"${String(reply)}"`;
}

// ---------------------------------------------------------------------------
// Argument helpers

/**
 * Field/value (or key/value) pairs: a record, a `Map` (for byte fields) or
 * an array of pairs; sent in iteration order.
 *
 * @example
 * ```ts ignore
 * await client.hset("user:1", { name: "Ada", born: 1815 });
 * await client.hset("blob", new Map([[new Uint8Array([1]), new Uint8Array([2])]]));
 * ```
 */
export type FieldValues =
  | Record<string, Arg>
  | Map<Key, Arg>
  | readonly (readonly [Key, Arg])[];

/**
 * Appends the pairs of `fields` to `argv`; a `TypeError` naming `command`
 * when there are none.
 */
export function pushFields(
  argv: Arg[],
  command: string,
  fields: FieldValues,
): Arg[] {
  const start = argv.length;
  if (
    typeof fields !== "object" || fields === null ||
    fields instanceof Uint8Array
  ) {
    // A string here would otherwise become its characters' indexes.
    throw new TypeError(
      `Invalid ${command} fields: expected a record, a Map or an array of [field, value] pairs, got ${
        fields === null
          ? "null"
          : fields instanceof Uint8Array
          ? "Uint8Array"
          : typeof fields
      }`,
    );
  }
  if (fields instanceof Map || Array.isArray(fields)) {
    for (const [field, value] of fields as Iterable<readonly [Key, Arg]>) {
      argv.push(field, value);
    }
  } else {
    for (const field in fields) {
      if (Object.hasOwn(fields, field)) {
        argv.push(field, (fields as Record<string, Arg>)[field]!);
      }
    }
  }
  if (argv.length === start) {
    throw new TypeError(
      `Invalid ${command} call: expected at least one field and value`,
    );
  }
  return argv;
}

/**
 * Throws a `TypeError` unless `value` is an integer (a safe `number` or a
 * `bigint`), naming the command and the argument.
 */
export function checkInteger(
  command: string,
  name: string,
  value: number | bigint,
): void {
  if (typeof value === "bigint") return;
  if (!Number.isSafeInteger(value)) {
    throw new TypeError(
      `Invalid ${command} ${name} "${value}": expected an integer`,
    );
  }
}

/**
 * Throws a `TypeError` unless `value` is an integer of at least `min`
 * (0: non-negative, 1: positive).
 */
export function checkCount(
  command: string,
  name: string,
  value: number,
  min: 0 | 1 = 0,
): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new TypeError(
      `Invalid ${command} ${name} "${value}": expected a ${
        min === 0 ? "non-negative" : "positive"
      } integer`,
    );
  }
}

/** `[command, ...keys]`, with a `TypeError` when there are no keys. */
export function keysCommand(command: string, keys: readonly Key[]): Arg[] {
  checkNotEmpty(command, "key", keys);
  return [command, ...keys];
}

/** `[command, key, ...members]`, with a `TypeError` when there are none. */
export function membersCommand(
  command: string,
  key: Key,
  members: readonly Arg[],
): Arg[] {
  checkNotEmpty(command, "member", members);
  return [command, key, ...members];
}

/** Throws a `TypeError` when a variadic argument list is empty. */
export function checkNotEmpty(
  command: string,
  name: string,
  items: readonly unknown[],
): void {
  if (items.length === 0) {
    throw new TypeError(
      `Invalid ${command} call: expected at least one ${name}`,
    );
  }
}

/**
 * Throws a `TypeError` when more than one of `names` is set in `options`.
 */
export function checkExclusive(
  command: string,
  options: object,
  names: readonly string[],
): void {
  const set = names.filter((name) =>
    (options as Record<string, unknown>)[name] !== undefined &&
    (options as Record<string, unknown>)[name] !== false
  );
  if (set.length > 1) {
    throw new TypeError(
      `Invalid ${command} options: ${
        set.map((name) => `"${name}"`).join(" and ")
      } exclude each other`,
    );
  }
}
