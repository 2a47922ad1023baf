/**
 * The HyperLogLog commands (PFADD, PFCOUNT, PFMERGE, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  allKeys,
  bool,
  checkNotEmpty,
  command,
  type Declarations,
  firstKey,
  type Key,
  num,
  ok,
  READONLY,
  secondKey,
} from "./_define.ts";

/**
 * The subcommand of `pfdebug`: `"GETREG"` (the registers, converting the
 * value to the dense encoding first), `"DECODE"` (a text dump of a sparse
 * value), `"ENCODING"` (`"sparse"` or `"dense"`) or `"TODENSE"` (convert
 * to the dense encoding).
 *
 * @example
 * ```ts
 * import type { PfDebugSubcommand } from "@respite/redis";
 *
 * const subcommand: PfDebugSubcommand = "ENCODING";
 * ```
 */
export type PfDebugSubcommand = "GETREG" | "DECODE" | "ENCODING" | "TODENSE";

/**
 * The result of `pfdebug`, by subcommand: `GETREG` gives the register
 * values (`number[]`), `DECODE` and `ENCODING` give text (`"sparse"` or
 * `"dense"` for `ENCODING`), and `TODENSE` gives `true` when the value was
 * converted and `false` when it was already dense.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const encoding = await client.pfdebug("ENCODING", "visitors") as string;
 * ```
 */
export type PfDebugResult = number[] | string | boolean;

const SUBCOMMANDS = ["GETREG", "DECODE", "ENCODING", "TODENSE"] as const;

function buildPfDebug(subcommand: PfDebugSubcommand, key: Key): Arg[] {
  const name = typeof subcommand === "string" ? subcommand.toUpperCase() : "";
  if (!(SUBCOMMANDS as readonly string[]).includes(name)) {
    throw new TypeError(
      `Invalid PFDEBUG subcommand "${subcommand}": expected "GETREG", "DECODE", "ENCODING" or "TODENSE"`,
    );
  }
  return ["PFDEBUG", name, key];
}

function pfDebugReply(reply: Reply): PfDebugResult {
  if (Array.isArray(reply)) return reply.map(num);
  if (typeof reply === "number" || typeof reply === "boolean") {
    return bool(reply);
  }
  return reply as string;
}

/**
 * The HyperLogLog commands (PFADD, PFCOUNT, PFMERGE, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.pfadd.name);
 * ```
 */
export interface HyperLogLogCommands {
  /**
   * Adds the elements to the HyperLogLog at `key`, creating it when
   * missing (also with no elements). Resolves to `true` when the estimated
   * cardinality changed or the key was created, `false` otherwise.
   * Available since Redis 2.8.9.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.pfadd("visitors", "alice", "bob"); // true
   * await client.pfadd("visitors", "alice"); // false
   * ```
   */
  pfadd(key: Key, ...elements: Arg[]): Promise<boolean>;
  /**
   * Returns the estimated number of distinct elements added to the
   * HyperLogLogs at the keys (of their union when there are several; 0 for
   * missing keys). Available since Redis 2.8.9.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.pfcount("visitors")); // 2
   * console.log(await client.pfcount("visitors:mon", "visitors:tue"));
   * ```
   */
  pfcount(...keys: Key[]): Promise<number>;
  /**
   * Inspects or converts the internal representation of the HyperLogLog at
   * `key`, for debugging; see {@linkcode PfDebugResult} for the result of
   * each subcommand. Available since Redis 2.8.9.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.pfdebug("ENCODING", "visitors")); // "sparse"
   * console.log(await client.pfdebug("TODENSE", "visitors")); // true
   * ```
   */
  pfdebug(subcommand: PfDebugSubcommand, key: Key): Promise<PfDebugResult>;
  /**
   * Stores at `destkey` the union of the HyperLogLogs at the source keys
   * and at `destkey` itself. Resolves to `"OK"`. Available since Redis
   * 2.8.9.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.pfmerge("visitors:week", "visitors:mon", "visitors:tue");
   * ```
   */
  pfmerge(destkey: Key, ...sourcekeys: Key[]): Promise<"OK">;
  /**
   * Runs the server's internal HyperLogLog self-test, which takes a moment.
   * Resolves to `"OK"` when it passes (a failure is a `ReplyError`).
   * Available since Redis 2.8.9.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(await client.pfselftest()); // "OK"
   * ```
   */
  pfselftest(): Promise<"OK">;
}

/** The declarations of the HyperLogLog commands. */
export const hyperLogLogCommands: Declarations<HyperLogLogCommands> = {
  pfadd: command({
    name: "PFADD",
    build: (key: Key, ...elements: Arg[]): Arg[] => ["PFADD", key, ...elements],
    keys: firstKey,
    reply: bool,
  }),
  pfcount: command({
    name: "PFCOUNT",
    build: (...keys: Key[]): Arg[] => {
      checkNotEmpty("PFCOUNT", "key", keys);
      return ["PFCOUNT", ...keys];
    },
    keys: allKeys,
    flags: READONLY,
    reply: num,
  }),
  pfdebug: command({
    name: "PFDEBUG",
    build: buildPfDebug,
    keys: secondKey,
    reply: pfDebugReply,
  }),
  pfmerge: command({
    name: "PFMERGE",
    build: (destkey: Key, ...sourcekeys: Key[]): Arg[] => [
      "PFMERGE",
      destkey,
      ...sourcekeys,
    ],
    keys: allKeys,
    reply: ok,
  }),
  pfselftest: command({
    name: "PFSELFTEST",
    build: (): Arg[] => ["PFSELFTEST"],
    reply: ok,
  }),
};
