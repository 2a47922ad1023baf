/**
 * The declaration helper every command family uses, with the small key
 * position and reply helpers the declarations share.
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import { VerbatimString } from "../resp/types.ts";
import { decodeRecordKey } from "../resp/_utf8.ts";
import { UnsafeIntegerError } from "../errors.ts";
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
 * import { commands } from "@respite/redis/commands";
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
  /**
   * Where the keys are in the argument vector built by `build`, as data
   * (see {@linkcode keyPositions}).
   */
  readonly keys: readonly KeyLocation[];
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
  /**
   * How a cluster routes the command and combines the replies, as data
   * (the request and response policy tips of `COMMAND INFO`). Absent: the
   * command goes to the node of its keys' slot, or to any node when it has
   * no keys.
   */
  readonly route?: RoutePolicy;
  /**
   * The first server versions that have the command, for commands newer
   * than Redis 7.0 (absent for the rest). Documentation only: the client
   * sends the command to any server, and a server without it answers
   * with a `ReplyError` (see `missingCommands` for asking the server).
   */
  readonly since?: ServerVersions;
}

/**
 * The first versions of Redis and of Valkey that have a command. A server
 * absent from the record does not have the command in any release.
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.waitaof.since); // { redis: "7.2.0", valkey: "7.2.4" }
 * console.log(commands.get.since); // undefined: Redis 7.0 has it
 * ```
 */
export interface ServerVersions {
  /** The first Redis version with the command, such as `"7.4.0"`. */
  readonly redis?: string;
  /** The first Valkey version with the command, such as `"8.1.0"`. */
  readonly valkey?: string;
}

/**
 * How a cluster routes a command and combines the replies of the nodes it
 * went to: the `request_policy` and `response_policy` command tips of the
 * server's `COMMAND INFO`, as plain (JSON-serialisable) data. A
 * declaration's `route` is one of these, or absent for the default (the
 * node of the keys' slot, or any node for a command without keys).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.dbsize.route); // { request: "all_shards", response: "agg_sum" }
 * console.log(commands.mget.route); // { request: "multi_shard" }
 * console.log(commands.get.route); // undefined
 * ```
 */
export interface RoutePolicy {
  /**
   * Where the command goes:
   *
   * - `"all_shards"`: to every master (`DBSIZE`, `KEYS`, `FLUSHALL`).
   * - `"all_nodes"`: to every node, replicas too (`CONFIG SET`,
   *   `SCRIPT LOAD`).
   * - `"multi_shard"`: split by the slots of its keys, one command per
   *   slot's node (`MGET`, `MSET`, `DEL`).
   * - `"special"`: the router has a rule of its own (`SCAN`).
   *
   * Absent: to the node of the keys' slot, or to any node without keys.
   */
  readonly request?: "all_shards" | "all_nodes" | "multi_shard" | "special";
  /**
   * How the replies of the nodes combine into one:
   *
   * - `"agg_sum"`, `"agg_min"`, `"agg_max"`: the sum, the least, the
   *   greatest of the integer replies (`DBSIZE`, `DEL`, `WAIT`).
   * - `"agg_logical_and"`, `"agg_logical_or"`: the integer (0/1) replies
   *   combined with AND, OR, element by element for arrays
   *   (`SCRIPT EXISTS`).
   * - `"all_succeeded"`: an error if any node failed, else one of the
   *   (equal) replies (`FLUSHALL`, `MSET`).
   * - `"one_succeeded"`: the first reply that is not an error, an error
   *   only when all failed (`SCRIPT KILL`).
   * - `"special"`: the router has a rule of its own (`INFO`).
   *
   * Absent: arrays concatenated, in no particular order for a command
   * without keys (`KEYS`), in the order of the caller's keys for
   * `"multi_shard"` (`MGET`).
   */
  readonly response?:
    | "agg_sum"
    | "agg_min"
    | "agg_max"
    | "agg_logical_and"
    | "agg_logical_or"
    | "all_succeeded"
    | "one_succeeded"
    | "special";
}

/**
 * The parameters of a declaration.
 *
 * @example
 * ```ts
 * import type { CommandParams, Commands } from "@respite/redis/commands";
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
 * import type { CommandResult, Commands } from "@respite/redis/commands";
 *
 * type GetResult = CommandResult<Commands["get"]>; // string | null
 * ```
 */
export type CommandResult<C> = C extends Command<never, infer R> ? R : never;

/**
 * The declarations of a family of command methods: for each method of `M`,
 * a {@linkcode Command} with the method's parameters and the result its
 * promise resolves to. A family's table implements its interface of method
 * signatures (where each command's documentation lives) this way.
 *
 * @typeParam M The method signatures.
 *
 * @example
 * ```ts
 * import type { Key } from "@respite/redis";
 * import type { Declarations } from "@respite/redis/commands";
 *
 * interface Counter {
 *   incr(key: Key): Promise<number>;
 * }
 * type CounterDeclarations = Declarations<Counter>;
 * // { readonly incr: Command<[key: Key], number> }
 * ```
 */
export type Declarations<M> = {
  readonly [K in keyof M]: M[K] extends (...params: infer P) => Promise<infer R>
    ? Command<P, R>
    : never;
};

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
 * @param spec The declaration; `keys` defaults to none, `flags` to 0,
 *   `reply` to the identity and `route` to the default routing (see
 *   {@linkcode RoutePolicy}).
 * @returns The declaration.
 *
 * @example
 * ```ts
 * import type { Arg } from "@respite/redis";
 * import { command, num, READONLY } from "./_define.ts";
 *
 * const dbsize = command({
 *   name: "DBSIZE",
 *   build: (): Arg[] => ["DBSIZE"],
 *   flags: READONLY,
 *   reply: num,
 *   route: { request: "all_shards", response: "agg_sum" },
 * });
 * ```
 */
export function command<P extends unknown[], R>(spec: {
  name: string;
  build: (...params: P) => Arg[];
  keys?: KeyLocation | readonly KeyLocation[];
  flags?: number;
  reply?: (reply: Reply) => R;
  route?: RoutePolicy;
  since?: ServerVersions;
}): Command<P, R> {
  return {
    name: spec.name,
    build: spec.build,
    keys: spec.keys === undefined
      ? noKeys
      : isLocationList(spec.keys)
      ? spec.keys
      : Object.freeze([spec.keys]),
    flags: spec.flags ?? 0,
    reply: spec.reply,
    // Always set (undefined by default): every declaration has one shape.
    route: spec.route === undefined ? undefined : Object.freeze(spec.route),
    since: spec.since === undefined ? undefined : Object.freeze(spec.since),
  };
}

function isLocationList(
  keys: KeyLocation | readonly KeyLocation[],
): keys is readonly KeyLocation[] {
  return Array.isArray(keys);
}

// ---------------------------------------------------------------------------
// Key positions, as data: a cluster router (or anything holding a raw
// argument vector) finds the keys with `keyPositions` without running any
// declaration code.

/**
 * Where one group of a command's keys is in its argument vector, as plain
 * (JSON-serialisable) data. {@linkcode keyPositions} interprets it; a
 * declaration's `keys` is a list of these.
 *
 * - `{ index }`: one key at `index`; a negative index counts from the end
 *   (`-1` is the last argument).
 * - `{ from, step, last }`: the keys from `from` up to the end less `last`
 *   trailing arguments, every `step` (`step` defaults to 1, `last` to 0).
 * - `{ numkeys, step }`: `argv[numkeys]` counts the keys that follow it,
 *   every `step` (default 1).
 * - `{ keyword, from, share, skip, otherwise }`: the keys follow the first
 *   `keyword` (ASCII case-insensitive) found searching from `from`; they
 *   are the first `1/share` of the arguments after it (default 1: all).
 *   While searching, an argument equal to a word of `skip` skips that many
 *   more arguments (option values that could look like the keyword).
 *   Without the keyword, `otherwise` applies (default: no keys).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.mset.keys); // [{ from: 1, step: 2 }]
 * console.log(commands.xread.keys); // [{ keyword: "STREAMS", from: 1, share: 2, skip: { BLOCK: 1, COUNT: 1 } }]
 * ```
 */
export type KeyLocation =
  | { readonly index: number }
  | {
    readonly from: number;
    readonly step?: number;
    readonly last?: number;
  }
  | { readonly numkeys: number; readonly step?: number }
  | {
    readonly keyword: string;
    readonly from: number;
    readonly share?: number;
    readonly skip?: Readonly<Record<string, number>>;
    readonly otherwise?: KeyLocation;
  };

/**
 * The positions of the keys in an argument vector (command name at 0), in
 * the order of `locations`. Positions outside the vector are left out, so a
 * short or malformed vector gives fewer keys, never an error: a `numkeys`
 * argument that is not a non-negative integer (`"abc"`, `-1`, `1.5`) counts
 * no keys, and a count larger than what follows it stops at the end.
 *
 * @param locations Where the keys are (a declaration's `keys`).
 * @param argv The whole argument vector.
 * @returns Indices into `argv`.
 *
 * @example
 * ```ts
 * import { commands, keyPositions } from "@respite/redis/commands";
 *
 * console.log(keyPositions(commands.mset.keys, ["MSET", "a", "1", "b", "2"])); // [1, 3]
 * ```
 */
export function keyPositions(
  locations: readonly KeyLocation[],
  argv: readonly Arg[],
): number[] {
  const out: number[] = [];
  for (let i = 0; i < locations.length; i++) {
    pushPositions(out, locations[i]!, argv);
  }
  return out;
}

function pushPositions(
  out: number[],
  location: KeyLocation,
  argv: readonly Arg[],
): void {
  const length = argv.length;
  if ("index" in location) {
    const at = location.index < 0 ? length + location.index : location.index;
    if (at > 0 && at < length) out.push(at);
  } else if ("numkeys" in location) {
    const at = location.numkeys;
    const count = at > 0 && at < length ? countOf(argv[at]!) : 0;
    const step = location.step ?? 1;
    const stop = Math.min(length, at + 1 + count * step);
    for (let i = at + 1; i < stop; i += step) out.push(i);
  } else if ("keyword" in location) {
    const skip = location.skip;
    let found = -1;
    for (let i = Math.max(location.from, 1); i < length; i++) {
      const arg = argv[i]!;
      if (sameWord(arg, location.keyword)) {
        found = i;
        break;
      }
      if (skip !== undefined) {
        for (const word in skip) {
          if (sameWord(arg, word)) {
            i += skip[word]!;
            break;
          }
        }
      }
    }
    if (found < 0) {
      if (location.otherwise !== undefined) {
        pushPositions(out, location.otherwise, argv);
      }
      return;
    }
    const rest = length - found - 1;
    const stop = found + 1 + Math.floor(rest / (location.share ?? 1));
    for (let i = found + 1; i < stop; i++) out.push(i);
  } else {
    const step = location.step ?? 1;
    const stop = length - (location.last ?? 0);
    for (let i = Math.max(location.from, 1); i < stop; i += step) out.push(i);
  }
}

/**
 * A `numkeys` argument as a count: a non-negative decimal integer (as a
 * number, bigint, text or bytes), else 0.
 */
function countOf(arg: Arg): number {
  if (typeof arg === "number") {
    return Number.isSafeInteger(arg) && arg >= 0 ? arg : 0;
  }
  if (typeof arg === "bigint") {
    return arg >= 0n && arg <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(arg)
      : 0;
  }
  const length = arg.length;
  if (length === 0 || length > 15) return 0;
  let count = 0;
  for (let i = 0; i < length; i++) {
    const digit = (typeof arg === "string" ? arg.charCodeAt(i) : arg[i]!) -
      0x30;
    if (digit < 0 || digit > 9) return 0;
    count = count * 10 + digit;
  }
  return count;
}

/**
 * Whether `arg` is `word` (ASCII letters, digits and punctuation), ignoring
 * the case of ASCII letters.
 */
function sameWord(arg: Arg, word: string): boolean {
  if (typeof arg !== "string" && !(arg instanceof Uint8Array)) return false;
  const length = word.length;
  if (arg.length !== length) return false;
  for (let i = 0; i < length; i++) {
    const a = typeof arg === "string" ? arg.charCodeAt(i) : arg[i]!;
    const b = word.charCodeAt(i);
    if (a === b) continue;
    const lower = a | 0x20;
    if (lower !== (b | 0x20) || lower < 0x61 || lower > 0x7a) return false;
  }
  return true;
}

/** No keys. */
export const noKeys: readonly KeyLocation[] = Object.freeze([]);
/** The key is the first argument after the command name. */
export const firstKey: KeyLocation = Object.freeze({ index: 1 });
/** The key is the argument after the subcommand (`OBJECT ENCODING key`). */
export const secondKey: KeyLocation = Object.freeze({ index: 2 });
/** Every argument after the command name is a key. */
export const allKeys: KeyLocation = Object.freeze({ from: 1 });

/**
 * Keys at fixed positions.
 *
 * @param positions Indices into the argument vector (negative from the end).
 * @returns The key locations.
 */
export function keysAt(...positions: number[]): readonly KeyLocation[] {
  return Object.freeze(positions.map((index) => Object.freeze({ index })));
}

/**
 * Keys from `start` up to the end (less `last` trailing non-key arguments),
 * every `step` arguments (`MSET k v k v` is `keysFrom(1, 2)`, `BLPOP k k
 * timeout` is `keysFrom(1, 1, 1)`).
 *
 * @param start Index of the first key.
 * @param step Distance between keys.
 * @param last How many arguments at the end are not keys.
 * @returns The key location.
 */
export function keysFrom(start: number, step = 1, last = 0): KeyLocation {
  const location: { from: number; step?: number; last?: number } = {
    from: start,
  };
  if (step !== 1) location.step = step;
  if (last !== 0) location.last = last;
  return Object.freeze(location);
}

/**
 * Keys counted by a `numkeys` argument at `index`, following it
 * (`EVAL script numkeys k1 k2 arg`, `ZUNION numkeys k1 k2`), optionally
 * preceded by fixed keys (`ZUNIONSTORE dest numkeys k1 k2`).
 *
 * @param index Index of the `numkeys` argument.
 * @param fixed Indices of keys before it.
 * @returns The key locations.
 */
export function numkeysAt(
  index: number,
  ...fixed: number[]
): readonly KeyLocation[] {
  return Object.freeze([
    ...keysAt(...fixed),
    Object.freeze({ numkeys: index }),
  ]);
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

/**
 * The reply transform of a counter (`INCR`, `HINCRBY`, ...): the integer
 * reply as a `number`, or an {@linkcode UnsafeIntegerError} that names
 * `command` and carries the exact value when the reply is outside the
 * safe integer range (a `bigint` from the decoder, or integer text beyond
 * 2^53), so that no precision is ever lost silently. The error is thrown
 * from the transform, so only the command's own result fails.
 *
 * @param command The command, as the message names it (`"INCRBY"`).
 * @returns The transform.
 */
export function safeInt(command: string): (reply: Reply) => number {
  return (reply) => safeNumber(command, reply);
}

/**
 * A number reply of `command` as {@linkcode num} gives it, except that an
 * integer outside the safe range throws an {@linkcode UnsafeIntegerError}
 * instead of being rounded. Fractions (RESP3 doubles, float text) pass.
 */
export function safeNumber(command: string, reply: Reply): number {
  // The decoder gives integers as numbers only when they are safe.
  if (typeof reply === "number") return reply;
  if (typeof reply === "bigint") throw unsafeInteger(command, reply);
  const value = num(reply);
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    const text = str(reply).trim();
    if (/^[+-]?[0-9]+$/.test(text)) {
      throw unsafeInteger(command, BigInt(text));
    }
  }
  return value;
}

function unsafeInteger(command: string, value: bigint): UnsafeIntegerError {
  return new UnsafeIntegerError(
    `Reply "${value}" of ${command} is outside the safe integer range: use sendCommand for 64-bit counters`,
    value,
  );
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
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
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
