/**
 * Transactions: MULTI ... EXEC, sent as one block.
 *
 * @module
 */

import { installCommands } from "./_install.ts";
import { BatchCommands, throwOnError } from "./_builder.ts";
import type { CommandMethods } from "./commands/mod.ts";
import type { Binary, Key } from "./commands/_define.ts";
import type { ExecResults, PipelineOptions } from "./pipeline.ts";
import type { Arg, Reply } from "./resp/types.ts";
import type { Script } from "./script.ts";
import type { CallOptions } from "./connection/request.ts";
import type { Sender } from "./sender.ts";

/**
 * The command methods of a {@linkcode Transaction} whose strings arrive as
 * bytes when `B` is `true`: one per method of {@linkcode CommandMethods},
 * with the same parameters (the general signature of an overloaded method
 * such as `set`). Each queues its command and returns the transaction it
 * is called on, with the command's result type appended to the results so
 * far (`T`).
 *
 * Like {@linkcode PipelineCommands}, the methods take `T` from the builder
 * they are called on (their `this`), so one set of methods serves every
 * transaction.
 *
 * @typeParam B Whether strings arrive as bytes.
 *
 * @example
 * ```ts
 * import type { TransactionCommands } from "@respite/redis";
 *
 * type Incr = TransactionCommands<false>["incr"];
 * // <T extends unknown[]>(this: { execOrThrow(): Promise<T> }, key: Key)
 * //   => Transaction<[...T, number], false>
 * ```
 */
export type TransactionCommands<B extends boolean = false> = {
  [K in keyof CommandMethods]: CommandMethods[K] extends
    (...params: infer P) => Promise<infer R> ? <T extends unknown[]>(
      this: { execOrThrow(options?: CallOptions): Promise<T> },
      ...params: P
    ) => Transaction<[...T, B extends true ? Binary<R> : R], B>
    : never;
};

/**
 * The command methods of {@linkcode Transaction}:
 * {@linkcode TransactionCommands}. `T` is covariant (`out`) and `B`
 * invariant (`in out`), as for {@linkcode Pipeline}.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [a, b] = await client.multi().incr("a").incr("b").exec();
 * ```
 */
export interface Transaction<
  out T extends unknown[] = unknown[],
  in out B extends boolean = false,
> extends TransactionCommands<B> {}
/**
 * A transaction: the client's command methods, chainable, plus
 * `sendCommand` and `runScript`; `exec()` sends `MULTI`, the commands and
 * `EXEC` as one block, so the server runs them atomically and no other
 * caller's command can fall inside the transaction. Nothing is sent before
 * `exec()`; `discard()` drops the commands.
 *
 * - A command the server refuses while queueing (unknown command, wrong
 *   arity, ACL) aborts the whole transaction: `exec()` rejects with
 *   {@linkcode ExecAbortError}, which holds each refusal in its place, and
 *   nothing ran.
 * - A command that fails while running (WRONGTYPE, for example) does not
 *   undo the others: its `ReplyError` stays in its place in the results
 *   (`execOrThrow()` rejects with a {@linkcode PipelineError} instead).
 * - Inside {@linkcode RedisClient.watch}, EXEC runs nothing when a watched
 *   key changed; `exec()` then rejects with {@linkcode WatchError} and
 *   `watch()` tries again.
 *
 * If the connection drops, the block either had not been written (it is
 * sent after the reconnect, whole) or had been (`exec()` rejects with
 * `ConnectionClosedError`, `written: true`: it may have committed). Either
 * way the server discards an unfinished MULTI with the connection, so no
 * later command lands inside it.
 *
 * @typeParam T The results of the commands queued so far.
 * @typeParam B Whether strings arrive as bytes (`client.bytes.multi()`).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [debited, credited] = await client.multi()
 *   .decrby("balance:alice", 30)
 *   .incrby("balance:bob", 30)
 *   .exec(); // [70, 130]
 * ```
 */
export class Transaction<
  out T extends unknown[] = unknown[],
  in out B extends boolean = false,
> {
  static {
    installCommands(
      Transaction.prototype,
      "Transaction",
      (self, argv, transform, raw, flags) => {
        self.#commands.add(argv, transform, raw, flags);
        return self;
      },
      "throw",
    );
  }

  /**
   * Where the transaction is sent (internal).
   *
   * @ignore
   */
  readonly sender: Sender;
  readonly #commands = new BatchCommands("transaction");
  readonly #options: PipelineOptions;

  /**
   * Creates an empty transaction (internal: use `client.multi()`).
   *
   * @param sender Where to send it.
   * @ignore
   * @param options Per-call options for `exec()`, and `bytes`.
   */
  constructor(sender: Sender, options: PipelineOptions = {}) {
    this.sender = sender;
    this.#options = options;
  }

  /**
   * The number of commands queued.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(client.multi().incr("a").length); // 1
   * ```
   */
  get length(): number {
    return this.#commands.length;
  }

  /**
   * Queues any command; its raw reply is the result.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.multi().sendCommand(["SET", "k", "v"]).exec();
   * ```
   *
   * @param args The command name and its arguments.
   * @returns The transaction.
   * @throws {TypeError} Invalid arguments, or a command that cannot be
   *   part of a transaction (SUBSCRIBE, MULTI, WATCH, ...).
   */
  sendCommand(args: readonly Arg[]): Transaction<[...T, Reply], B> {
    this.#commands.addRaw(args);
    return this as unknown as Transaction<[...T, Reply], B>;
  }

  /**
   * Queues a call of a script made with `defineScript`. The script is
   * loaded (`SCRIPT LOAD`, hidden from the results) inside the same
   * transaction ahead of its first call, so the call cannot fail with
   * `NOSCRIPT` and the transaction stays atomic.
   *
   * @example
   * ```ts
   * import { connect, defineScript } from "@respite/redis";
   *
   * await using client = await connect();
   * const incrCapped = defineScript(
   *   "return math.min(redis.call('INCR', KEYS[1]), tonumber(ARGV[1]))",
   *   { keys: 1 },
   * );
   * const [n] = await client.multi().runScript(incrCapped, ["hits"], [100]).exec();
   * ```
   *
   * @param script The script.
   * @param keys Its keys (`KEYS`).
   * @param args Its other arguments (`ARGV`).
   * @returns The transaction.
   */
  runScript<R>(
    script: Script<R>,
    keys?: readonly Key[],
    args?: readonly Arg[],
  ): Transaction<[...T, B extends true ? Binary<R> : R], B> {
    this.#commands.addScript(script, keys, args);
    return this as unknown as Transaction<
      [...T, B extends true ? Binary<R> : R],
      B
    >;
  }

  /**
   * Drops the queued commands without sending anything; the transaction
   * cannot be executed afterwards.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const tx = client.multi().del("a");
   * tx.discard();
   * ```
   */
  discard(): void {
    this.#commands.discard();
  }

  /**
   * Sends the transaction and resolves with every result in order; a
   * command that failed while running keeps its `ReplyError` in place.
   * Rejects with {@linkcode ExecAbortError} when the server refused a
   * command while queueing (nothing ran), with {@linkcode WatchError} when
   * a watched key changed (nothing ran), and with `ConnectionClosedError`
   * or a `DOMException` (timeout, abort) otherwise.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [ok, n] = await client.multi().set("n", 1).incr("n").exec();
   * ```
   *
   * @param options A timeout and an abort signal for the transaction.
   * @returns The results.
   */
  exec(options?: CallOptions): Promise<ExecResults<T>> {
    return this.#commands.exec(this.sender, this.#options, options) as Promise<
      ExecResults<T>
    >;
  }

  /**
   * Like `exec()`, but also rejects with a {@linkcode PipelineError} when
   * a command failed while running (the others ran; the error carries
   * every result).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [n] = await client.multi().incr("n").execOrThrow();
   * ```
   *
   * @param options A timeout and an abort signal for the transaction.
   * @returns The results.
   */
  async execOrThrow(options?: CallOptions): Promise<T> {
    const results = await this.exec(options);
    throwOnError(results, "transaction", this.#commands);
    return results as T;
  }
}

/**
 * Options of {@linkcode RedisClient.watch}.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.watch("k", (tx) => tx.multi().incr("k"), {
 *   maxAttempts: 5,
 *   signal: AbortSignal.timeout(1000),
 * });
 * ```
 */
export interface WatchOptions {
  /**
   * How many times to run the transaction before giving up with
   * `WatchError` when a watched key keeps changing.
   *
   * @default {16}
   */
  maxAttempts?: number;
  /** Stops between attempts and aborts the commands in flight. */
  signal?: AbortSignal;
}
