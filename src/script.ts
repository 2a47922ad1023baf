/**
 * Lua scripts defined once and run by their SHA1 digest.
 *
 * @module
 */

import { sha1Hex } from "./_sha1.ts";
import type { Key } from "./commands/_define.ts";
import type { Arg, Reply } from "./resp/types.ts";

/**
 * Options of {@linkcode defineScript}.
 *
 * @typeParam R The result type.
 *
 * @example
 * ```ts
 * import type { ScriptOptions } from "@respite/redis";
 *
 * const options: ScriptOptions<number> = {
 *   keys: 1,
 *   reply: (reply) => Number(reply),
 * };
 * ```
 */
export interface ScriptOptions<R> {
  /**
   * How many keys the script takes (its `KEYS` table); a call with another
   * number of keys throws a `TypeError` before anything is sent. Any
   * number is accepted when absent.
   */
  keys?: number;
  /**
   * Run the script as read-only (`EVALSHA_RO`, `EVAL_RO`): the server
   * rejects any write it tries, and the call may run on a replica.
   *
   * @default {false}
   */
  readonly?: boolean;
  /**
   * Turns the script's reply into the result. The reply is the decoded
   * value (in the bytes view with `Uint8Array`s in place of strings).
   */
  reply?: (reply: Reply) => R;
}

/**
 * A Lua script with its SHA1 digest, made by {@linkcode defineScript}. Run
 * it with `runScript` on a client, a pipeline or a transaction: it is sent
 * as `EVALSHA`, so the server compiles it once and the source travels only
 * when the server does not have it yet.
 *
 * @typeParam R The result type.
 *
 * @example
 * ```ts
 * import { connect, defineScript } from "@respite/redis";
 *
 * await using client = await connect();
 * const getOr = defineScript("return redis.call('GET', KEYS[1]) or ARGV[1]", { keys: 1 });
 * console.log(getOr.sha1); // 40 hex digits
 * const value = await client.runScript(getOr, ["config:mode"], ["default"]);
 * ```
 */
export class Script<R = Reply> {
  /** The Lua source. */
  readonly source: string;
  /** The SHA1 digest of the source (lower-case hex), as the server computes it. */
  readonly sha1: string;
  /** How many keys the script takes, when declared. */
  readonly keys: number | undefined;
  /** Whether the script runs as read-only. */
  readonly readonly: boolean;
  /** The reply transform, when declared. */
  readonly reply: ((reply: Reply) => R) | undefined;

  /**
   * Defines a script; the same as {@linkcode defineScript}.
   *
   * @param source The Lua source.
   * @param options The key count, read-only flag and reply transform.
   */
  constructor(source: string, options: ScriptOptions<R> = {}) {
    if (typeof source !== "string" || source.length === 0) {
      throw new TypeError("Invalid script: expected non-empty Lua source");
    }
    const keys = options.keys;
    if (keys !== undefined && !(Number.isInteger(keys) && keys >= 0)) {
      throw new TypeError(
        `Invalid script key count "${keys}": expected a non-negative integer`,
      );
    }
    this.source = source;
    this.sha1 = sha1Hex(source);
    this.keys = keys;
    this.readonly = options.readonly ?? false;
    this.reply = options.reply;
  }

  /**
   * The argument vector that runs the script: `EVALSHA` (or `EVALSHA_RO`)
   * by digest, or with `bySource` `EVAL` (or `EVAL_RO`) with the source.
   *
   * @example
   * ```ts
   * import { defineScript } from "@respite/redis";
   *
   * const script = defineScript("return KEYS[1]", { keys: 1 });
   * console.log(script.build(["k"])); // ["EVALSHA", "<sha1>", 1, "k"]
   * ```
   *
   * @param keys The keys (`KEYS`).
   * @param args The other arguments (`ARGV`).
   * @param bySource Send the source instead of the digest.
   * @returns The argument vector.
   * @throws {TypeError} The number of keys differs from the declared one.
   */
  build(
    keys: readonly Key[] = [],
    args: readonly Arg[] = [],
    bySource = false,
  ): Arg[] {
    if (!Array.isArray(keys)) {
      throw new TypeError("Invalid script keys: expected an array");
    }
    if (!Array.isArray(args)) {
      throw new TypeError("Invalid script args: expected an array");
    }
    if (this.keys !== undefined && keys.length !== this.keys) {
      throw new TypeError(
        `Invalid script call: expected ${this.keys} key${
          this.keys === 1 ? "" : "s"
        }, got ${keys.length}`,
      );
    }
    const name = bySource
      ? (this.readonly ? "EVAL_RO" : "EVAL")
      : (this.readonly ? "EVALSHA_RO" : "EVALSHA");
    return [
      name,
      bySource ? this.source : this.sha1,
      keys.length,
      ...keys,
      ...args,
    ];
  }
}

/**
 * Defines a Lua script to run by digest. `client.runScript(script, keys,
 * args)` sends `EVALSHA`, and when the server answers `NOSCRIPT` (its
 * script cache was flushed, or the server restarted) sends the source with
 * `EVAL`, which runs it and caches it again. Pipelines and transactions
 * load the script ahead of its first call in the same batch, so a call
 * inside them never meets `NOSCRIPT`, and a transaction stays atomic.
 *
 * @example
 * ```ts
 * import { connect, defineScript } from "@respite/redis";
 *
 * const incrCapped = defineScript(
 *   `local v = redis.call('INCR', KEYS[1])
 *    if v > tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) return tonumber(ARGV[1]) end
 *    return v`,
 *   { keys: 1, reply: (reply) => Number(reply) },
 * );
 * await using client = await connect();
 * const n: number = await client.runScript(incrCapped, ["hits"], [100]);
 * const [a, b] = await client.pipeline()
 *   .runScript(incrCapped, ["hits"], [100])
 *   .get("hits")
 *   .exec();
 * ```
 *
 * @typeParam R The result type (the decoded reply without `reply`).
 * @param source The Lua source.
 * @param options The key count, read-only flag and reply transform.
 * @returns The script.
 * @throws {TypeError} The source is empty or the key count is invalid.
 */
export function defineScript<R = Reply>(
  source: string,
  options?: ScriptOptions<R>,
): Script<R> {
  return new Script(source, options);
}
