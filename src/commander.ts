/**
 * The typed command surface: one method per command declaration, plus
 * `sendCommand`, the scan iterators, `runScript`, `pipeline()`, `multi()`,
 * `watch()` and the subscriptions, over any {@linkcode Sender}. The bytes
 * view and the views with per-call options are views of the same
 * surface. A single-node client is a `Commander` over one link; a cluster
 * client will be one over its router.
 *
 * @module
 */

import type { CommandMethods } from "./commands/mod.ts";
import { installCommands } from "./_install.ts";
import { AS_WRITTEN, BLOCKING, CONNECTION_STATE } from "./_flags.ts";
import { checkArgv } from "./_args.ts";
import { blockTime, SPECIAL } from "./_session.ts";
import { checkCallOptions, checkKeys, optionKeys } from "./_options.ts";
import { type ExecResults, Pipeline } from "./pipeline.ts";
import { Transaction, type WatchOptions } from "./transaction.ts";
import { watchArgs, watchLoop } from "./watch.ts";
import type { Script } from "./script.ts";
import type { Key } from "./commands/_define.ts";
import type { ScanOptions } from "./commands/keys.ts";
import { iterateScan, type ScanMatchOptions } from "./commands/_scan.ts";
import type { Kind, Subscription, SubscriptionOptions } from "./pubsub.ts";
import type { CallOptions } from "./connection/request.ts";
import type { Arg, Reply } from "./resp/types.ts";
import type { Sender } from "./sender.ts";
import {
  type CommandOptions,
  loadScript,
  runScriptOn,
  senderOf,
  type SubscribeArgs,
  subscribeTo,
} from "./_surface.ts";
import { RedisBytesView, RedisClientView } from "./views.ts";
import { findMissing, type MissingCommand } from "./_missing.ts";

export type { CommandOptions, SubscribeArgs } from "./_surface.ts";

/**
 * The function of {@linkcode Commander.watch}: reads through `tx` (the
 * connection that holds the WATCH) and returns the transaction to run,
 * made with `tx.multi()`, or nothing to stop without running one.
 *
 * @typeParam T The results of the transaction.
 * @typeParam B Whether strings arrive as bytes.
 *
 * @example
 * ```ts
 * import type { WatchFunction } from "@respite/redis";
 *
 * const fn: WatchFunction<[string | null, number]> = async (tx) => {
 *   const n = Number(await tx.get("n"));
 *   return tx.multi().set("n", n * 2).strlen("n");
 * };
 * ```
 */
export type WatchFunction<T extends unknown[], B extends boolean = false> = (
  tx: Commander,
  attempt: number,
) =>
  | Transaction<T, B>
  | undefined
  | void
  | Promise<Transaction<T, B> | undefined | void>;

/** The keys of {@linkcode CommandOptions}. */
const COMMAND_KEYS = optionKeys<CommandOptions>({
  timeout: true,
  signal: true,
  bytes: true,
  onAttributes: true,
});
const SUBSCRIPTION_KEYS = optionKeys<SubscriptionOptions<string>>({
  listener: true,
  bufferSize: true,
  overflow: true,
});

/**
 * The typed command methods of {@linkcode Commander}, generated from the
 * declarations table.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const value: string | null = await client.get("key");
 * ```
 */
export interface Commander extends CommandMethods {}
/**
 * The command surface of a client: every command method, generated from
 * the declarations, plus `sendCommand`, the scan iterators, `runScript`,
 * `pipeline()`, `multi()`, `watch()` and the subscriptions, over the
 * connections of its sender. {@linkcode RedisClient} is one; so is the
 * `tx` that {@linkcode Commander.watch} hands to its function.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.set("greeting", "hello", { ex: 60 });
 * console.log(await client.get("greeting")); // "hello"
 * ```
 */
export class Commander extends EventTarget {
  static {
    installCommands(
      Commander.prototype,
      "RedisClient",
      (self, argv, transform, raw, flags) =>
        self.#sender.send(argv, transform, raw, undefined, flags),
      "reject",
    );
  }

  readonly #sender: Sender;
  #bytesView: RedisBytesView | undefined;
  /** `SCRIPT LOAD`s in progress, by digest. */
  #scriptLoads = new Map<string, Promise<void>>();

  /**
   * Creates the surface over `sender` (internal: use `connect`).
   *
   * @param sender Where the commands go.
   * @ignore
   */
  constructor(sender: Sender) {
    super();
    this.#sender = sender;
  }

  /**
   * The sender of this surface (internal).
   *
   * @ignore
   */
  get [senderOf](): Sender {
    return this.#sender;
  }

  /**
   * A view of this client whose calls carry `options`: a timeout and an
   * abort signal (see {@linkcode CallOptions}). The view has every command
   * method, `sendCommand` and a `bytes` view, all on this client's
   * connection; creating one is cheap.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const value = await client.withOptions({ timeout: 200 }).get("key");
   * const signal = AbortSignal.timeout(1000);
   * const raw = await client.withOptions({ signal }).bytes.get("blob");
   * ```
   *
   * @param options The per-call options.
   * @returns The view.
   * @throws {TypeError} An option is unknown or invalid (a timeout that is
   *   not a positive number or `Infinity`).
   */
  withOptions(options: CallOptions): RedisClientView {
    checkCallOptions("call option", options);
    return new RedisClientView(this, options);
  }

  /**
   * The bytes view of this client: every command method, on the same
   * connection, resolving with raw `Uint8Array`s wherever the ordinary
   * method gives a string (values, members, fields, keys, text). Numbers,
   * booleans, status words such as `"OK"`, cursors and stream IDs keep their
   * types, and record keys are text decoded without loss (see
   * {@linkcode decodeRecordKey}). The result types are
   * {@linkcode Binary} of the ordinary ones.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.set("image", new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
   * const png = await client.bytes.get("image"); // Uint8Array | null
   * const fields = await client.bytes.hgetall("h"); // Record<string, Uint8Array>
   * ```
   */
  get bytes(): RedisBytesView {
    return this.#bytesView ??= new RedisBytesView(this);
  }

  /**
   * Iterates over the keys of the database with `SCAN`, one key at a time,
   * fetching pages as needed. Breaking out of the loop stops the scan. As
   * with `SCAN`, a key may be yielded more than once and keys added or
   * removed during the scan may or may not be seen.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for await (const key of client.scanIterator({ match: "session:*", count: 500 })) {
   *   console.log(key);
   * }
   * ```
   *
   * @param options `match`, `count` and `type`.
   * @returns An async iterator of keys.
   */
  scanIterator(options?: ScanOptions): AsyncGenerator<string, void, undefined> {
    return iterateScan((cursor) =>
      this.scan(cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.keys,
      }))
    );
  }

  /**
   * Iterates over the fields and values of the hash at `key` with `HSCAN`,
   * one pair at a time. Breaking out of the loop stops the scan.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for await (const { field, value } of client.hscanIterator("user:1")) {
   *   console.log(field, value);
   * }
   * ```
   *
   * @param key The hash.
   * @param options `match` and `count`.
   * @returns An async iterator of `{ field, value }` pairs.
   */
  hscanIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<{ field: string; value: string }, void, undefined> {
    return iterateScan((cursor) =>
      this.hscan(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.entries,
      }))
    );
  }

  /**
   * Iterates over the field names of the hash at `key` with
   * `HSCAN ... NOVALUES` (Redis 7.4, Valkey 8.0), one field at a time,
   * without transferring the values. Breaking out of the loop stops the
   * scan.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for await (const field of client.hscanNoValuesIterator("user:1")) {
   *   console.log(field);
   * }
   * ```
   *
   * @param key The hash.
   * @param options `match` and `count`.
   * @returns An async iterator of field names.
   */
  hscanNoValuesIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<string, void, undefined> {
    return iterateScan((cursor) =>
      this.hscanNoValues(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.fields,
      }))
    );
  }

  /**
   * Iterates over the members of the set at `key` with `SSCAN`, one member
   * at a time. Breaking out of the loop stops the scan.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for await (const tag of client.sscanIterator("tags", { match: "a*" })) {
   *   console.log(tag);
   * }
   * ```
   *
   * @param key The set.
   * @param options `match` and `count`.
   * @returns An async iterator of members.
   */
  sscanIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<string, void, undefined> {
    return iterateScan((cursor) =>
      this.sscan(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.members,
      }))
    );
  }

  /**
   * Iterates over the members and scores of the sorted set at `key` with
   * `ZSCAN`, one member at a time. Breaking out of the loop stops the scan.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for await (const { member, score } of client.zscanIterator("board")) {
   *   console.log(member, score);
   * }
   * ```
   *
   * @param key The sorted set.
   * @param options `match` and `count`.
   * @returns An async iterator of `{ member, score }` pairs.
   */
  zscanIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<{ member: string; score: number }, void, undefined> {
    return iterateScan((cursor) =>
      this.zscan(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.members,
      }))
    );
  }

  /**
   * Iterates over the members of the sorted set at `key` with
   * `ZSCAN ... NOSCORES` (Valkey 8.0), one member at a time, without
   * transferring the scores. Breaking out of the loop stops the scan.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for await (const member of client.zscanNoScoresIterator("board")) {
   *   console.log(member);
   * }
   * ```
   *
   * @param key The sorted set.
   * @param options `match` and `count`.
   * @returns An async iterator of members.
   */
  zscanNoScoresIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<string, void, undefined> {
    return iterateScan((cursor) =>
      this.zscanNoScores(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.members,
      }))
    );
  }

  /**
   * Sends any command and resolves with its raw reply; the escape hatch for
   * commands without a method. An error reply rejects with
   * {@linkcode ReplyError} and leaves the connection usable.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.sendCommand(["HSET", "user:1", "name", "Ada"]);
   * const name = await client.sendCommand(["HGET", "user:1", "name"]);
   * const bytes = await client.sendCommand(["GET", "blob"], { bytes: true });
   * ```
   *
   * @param args The command name and its arguments.
   * @param options Per-call options.
   * @returns The reply.
   */
  sendCommand(args: readonly Arg[], options?: CommandOptions): Promise<Reply> {
    try {
      checkArgv(args);
      if (options !== undefined) {
        checkCallOptions("sendCommand option", options, COMMAND_KEYS);
      }
    } catch (error) {
      return Promise.reject(error);
    }
    const name = args[0];
    let flags = 0;
    if (typeof name === "string") {
      // Refused commands and changes of connection state: the sender
      // classifies them.
      if (SPECIAL.test(name)) flags |= CONNECTION_STATE;
      // Blocking commands stay on this connection, as written; their block
      // time extends the client's commandTimeout.
      if (blockTime(args) !== undefined) flags |= BLOCKING | AS_WRITTEN;
    }
    return this.#sender.send(
      args,
      undefined,
      options?.bytes ?? false,
      options,
      flags,
    ) as Promise<Reply>;
  }

  /**
   * Asks the server which command methods it lacks: the ones whose command
   * (or subcommand) is not in its command table, because the server is
   * older than the command (see each declaration's `since`), or the
   * command was renamed away or disabled. The client never refuses a call
   * by version: a missing command rejects with the server's
   * {@linkcode ReplyError}. Two round trips (`COMMAND LIST` and
   * `COMMAND INFO` of the commands with subcommands). The command table
   * does not tell options: a method for a newer option of a command the
   * server has (`hscanNoValues` sends HSCAN ... NOVALUES) is not listed,
   * and the server refuses the option with a `ReplyError`.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const missing = await client.missingCommands();
   * if (missing.some((m) => m.method === "hexpire")) {
   *   console.log("this server cannot expire hash fields");
   * }
   * ```
   *
   * @returns The missing methods, with their commands and first versions.
   */
  missingCommands(): Promise<MissingCommand[]> {
    return findMissing((argv) => this.sendCommand(argv));
  }

  /**
   * Loads `script` into the server's script cache with one `SCRIPT LOAD`
   * at a time per script: callers that need it while it loads wait for
   * the same load (internal, see `runScript`).
   *
   * @ignore
   */
  [loadScript](script: Script<unknown>): Promise<void> {
    let loading = this.#scriptLoads.get(script.sha1);
    if (loading === undefined) {
      loading = this.#sender.send(
        ["SCRIPT", "LOAD", script.source],
        undefined,
        false,
        undefined,
        0,
      ).then(() => {}).finally(() => this.#scriptLoads.delete(script.sha1));
      this.#scriptLoads.set(script.sha1, loading);
    }
    return loading;
  }

  /**
   * A pipeline of commands, sent together by its `exec()`: every command
   * method, chainable, with the results typed as a tuple. See
   * {@linkcode Pipeline}.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [ok, n] = await client.pipeline().set("n", 1).incr("n").exec();
   * ```
   *
   * @returns An empty pipeline on this client.
   */
  pipeline(): Pipeline<[], false> {
    return new Pipeline(this.#sender);
  }

  /**
   * A transaction (MULTI ... EXEC), sent as one block by its `exec()`. See
   * {@linkcode Transaction}; for optimistic locking with WATCH, see
   * {@linkcode Commander.watch}.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [a, b] = await client.multi().incr("a").incr("b").exec();
   * ```
   *
   * @returns An empty transaction on this client.
   */
  multi(): Transaction<[], false> {
    return new Transaction(this.#sender);
  }

  /**
   * Runs a script made with {@linkcode defineScript}: `EVALSHA`, and `EVAL`
   * with the source when the server answers `NOSCRIPT` (its script cache
   * was flushed or the server restarted). Read-only scripts use
   * `EVALSHA_RO`/`EVAL_RO`.
   *
   * @example
   * ```ts
   * import { connect, defineScript } from "@respite/redis";
   *
   * await using client = await connect();
   * const getOr = defineScript("return redis.call('GET', KEYS[1]) or ARGV[1]", { keys: 1 });
   * const mode = await client.runScript(getOr, ["config:mode"], ["default"]);
   * ```
   *
   * @param script The script.
   * @param keys Its keys (`KEYS`).
   * @param args Its other arguments (`ARGV`).
   * @returns The script's result.
   */
  runScript<R>(
    script: Script<R>,
    keys?: readonly Key[],
    args?: readonly Arg[],
  ): Promise<R> {
    return runScriptOn(this, script, keys, args, false, undefined) as Promise<
      R
    >;
  }

  /**
   * Optimistic locking: runs `fn` on a connection of its own after
   * `WATCH keys`, and executes the transaction `fn` returns (made with
   * `tx.multi()`). When a watched key changed in between, EXEC runs nothing
   * and `watch` starts over (WATCH, `fn`, EXEC), up to `maxAttempts` times,
   * then rejects with {@linkcode WatchError}. When `fn` returns nothing,
   * the keys are unwatched and `watch` resolves with `undefined`.
   *
   * WATCH belongs to a connection, and any command on it between WATCH and
   * EXEC would count; so `fn` gets `tx`, the command surface of an extra
   * connection of this client that no other caller uses meanwhile (kept
   * for the next use afterwards, like the connections of blocking
   * commands). Read through `tx`, not through this client.
   * `RedisPool.watch` does the same on a pooled connection.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const results = await client.watch("stock:42", async (tx) => {
   *   const stock = Number(await tx.get("stock:42"));
   *   if (stock === 0) return; // nothing to do: resolves undefined
   *   return tx.multi().decr("stock:42").rpush("orders", "42");
   * }, { maxAttempts: 10 });
   * ```
   *
   * @param keys The key or keys to watch.
   * @param fn Reads through `tx` and returns the transaction to run, or
   *   nothing; it gets the attempt number (from 1) too.
   * @param options `maxAttempts` (default 16) and an abort `signal`.
   * @returns The transaction's results, or `undefined` when `fn` returned
   *   nothing.
   */
  watch<T extends unknown[], B extends boolean = false>(
    keys: Key | readonly Key[],
    fn: WatchFunction<T, B>,
    options?: WatchOptions,
  ): Promise<ExecResults<T> | undefined> {
    let list: Key[];
    try {
      list = watchArgs(keys, options);
    } catch (error) {
      return Promise.reject(error);
    }
    const signal = options?.signal;
    // The wait for a connection is bounded like a command: by the signal,
    // or else by the client's commandTimeout.
    return this.#sender.dedicated(
      ["WATCH", ...list],
      signal === undefined ? undefined : { signal },
      0,
      (sender) => watchLoop(new Commander(sender), sender, list, fn, options),
    );
  }

  /**
   * Subscribes to channels and resolves, once the server confirmed, with a
   * {@linkcode Subscription}: iterate it with `for await`, or pass a
   * `listener`. Leaving the loop, `unsubscribe()` or `await using`
   * unsubscribes exactly these channels; other subscriptions of the client
   * stay. Over RESP3 the subscription shares the client's connection and
   * other commands keep working; over RESP2 the client opens one extra
   * connection for all its subscriptions. Available since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await using sub = await client.subscribe("news", "alerts");
   * for await (const { channel, message } of sub) console.log(channel, message);
   *
   * const counted = await client.subscribe(["ticks"], {
   *   listener: (message) => console.log(message.message),
   * });
   * ```
   *
   * @param args The channels, or an array of channels and options.
   * @returns The subscription.
   */
  subscribe(...args: SubscribeArgs<string>): Promise<Subscription<string>> {
    return this[subscribeTo]("channel", args, false);
  }

  /**
   * Subscribes to glob-style patterns (`news.*`); messages carry the
   * `pattern` that matched and `kind: "pmessage"`. Otherwise like
   * {@linkcode Commander.subscribe}. Available since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await using sub = await client.psubscribe("news.*");
   * for await (const { pattern, channel, message } of sub) {
   *   console.log(pattern, channel, message);
   * }
   * ```
   *
   * @param args The patterns, or an array of patterns and options.
   * @returns The subscription.
   */
  psubscribe(...args: SubscribeArgs<string>): Promise<Subscription<string>> {
    return this[subscribeTo]("pattern", args, false);
  }

  /**
   * Subscribes to shard channels (published with `spublish`); messages have
   * `kind: "smessage"`. Otherwise like {@linkcode Commander.subscribe}.
   * Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await using sub = await client.ssubscribe("orders:{eu}");
   * for await (const { message } of sub) console.log(message);
   * ```
   *
   * @param args The shard channels, or an array of them and options.
   * @returns The subscription.
   */
  ssubscribe(...args: SubscribeArgs<string>): Promise<Subscription<string>> {
    return this[subscribeTo]("shard", args, false);
  }

  /**
   * Subscribes through the sender (internal).
   *
   * @ignore
   */
  [subscribeTo]<T extends string | Uint8Array>(
    kind: Kind,
    args: SubscribeArgs<T>,
    bytes: boolean,
  ): Promise<Subscription<T>> {
    let names: readonly Key[];
    let options: SubscriptionOptions<T> = {};
    if (Array.isArray(args[0])) {
      names = args[0];
      options = (args[1] ?? {}) as SubscriptionOptions<T>;
      try {
        checkKeys("subscription option", options, SUBSCRIPTION_KEYS);
      } catch (error) {
        return Promise.reject(error);
      }
    } else {
      names = args as Key[];
    }
    return this.#sender.subscribe(kind, names, bytes, options);
  }
}
