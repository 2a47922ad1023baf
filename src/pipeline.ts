/**
 * Pipelines: a batch of commands written at once, with every result in its
 * place.
 *
 * @module
 */

import { installCommands } from "./_install.ts";
import { BatchCommands, throwOnError } from "./_builder.ts";
import type { CommandMethods } from "./commands/mod.ts";
import type { Binary, CommandResult, Key } from "./commands/_define.ts";
import type { ReplyError, UnsafeIntegerError } from "./errors.ts";
import type { Arg, Reply } from "./resp/types.ts";
import type { Script } from "./script.ts";
import type { CallOptions } from "./connection/request.ts";
import type { Sender } from "./sender.ts";

/**
 * The result of command `C` in a text (`B = false`) or bytes
 * (`B = true`) builder.
 *
 * @example
 * ```ts
 * import type { BatchResult } from "@respite/redis";
 * import type { Commands } from "@respite/redis/commands";
 *
 * type Text = BatchResult<Commands["get"], false>; // string | null
 * type Raw = BatchResult<Commands["get"], true>; // Uint8Array | null
 * ```
 */
export type BatchResult<C, B extends boolean> = B extends true
  ? Binary<CommandResult<C>>
  : CommandResult<C>;

/**
 * What `exec()` of a pipeline or transaction resolves with: the result of
 * each command in order, or the `ReplyError` the server answered it with;
 * a numeric result may also be the `UnsafeIntegerError` of a counter whose
 * reply is outside the safe integer range (the command ran: the exact
 * value is in the error).
 *
 * @typeParam T The results of the commands added.
 *
 * @example
 * ```ts
 * import type { ExecResults, ReplyError } from "@respite/redis";
 *
 * type R = ExecResults<[string | null, number]>;
 * // [string | null | ReplyError, number | ReplyError | UnsafeIntegerError]
 * ```
 */
export type ExecResults<T extends unknown[]> = {
  -readonly [I in keyof T]:
    | T[I]
    | ReplyError
    | (T[I] extends number | readonly [number, number] ? UnsafeIntegerError
      : never);
};

/**
 * The command methods of a {@linkcode Pipeline} whose strings arrive as
 * bytes when `B` is `true`: one per method of {@linkcode CommandMethods},
 * with the same parameters (the general signature of an overloaded method
 * such as `set`). Each adds its command and returns the pipeline it is
 * called on, with the command's result type appended to the results so
 * far (`T`).
 *
 * The methods take `T` from the builder they are called on (their `this`:
 * anything whose `execOrThrow()` resolves with `T`, a pipeline or a
 * transaction, so that a builder typed as either still chains). One set of methods thus serves every pipeline, whatever it
 * holds, which keeps type-checking a long chain cheap.
 *
 * @typeParam B Whether strings arrive as bytes.
 *
 * @example
 * ```ts
 * import type { PipelineCommands } from "@respite/redis";
 *
 * type Incr = PipelineCommands<false>["incr"];
 * // <T extends unknown[]>(this: { execOrThrow(): Promise<T> }, key: Key)
 * //   => Pipeline<[...T, number], false>
 * ```
 */
export type PipelineCommands<B extends boolean = false> = {
  [K in keyof CommandMethods]: CommandMethods[K] extends
    (...params: infer P) => Promise<infer R> ? <T extends unknown[]>(
      this: { execOrThrow(options?: CallOptions): Promise<T> },
      ...params: P
    ) => Pipeline<[...T, B extends true ? Binary<R> : R], B>
    : never;
};

/**
 * Options of a {@linkcode Pipeline} (and of a `Transaction`): the per-call
 * options of its `exec()`, and whether strings arrive as bytes.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const pipeline = client.withOptions({ timeout: 1000 }).pipeline();
 * ```
 */
export interface PipelineOptions extends CallOptions {
  /** Deliver strings of the results as `Uint8Array`s, like `client.bytes`. @default {false} */
  bytes?: boolean;
}

/**
 * The command methods of {@linkcode Pipeline}: {@linkcode PipelineCommands}.
 *
 * `T` is declared covariant (`out`): a pipeline holding `[number]` is a
 * `Pipeline<unknown[]>`. `B` is invariant (`in out`): a bytes pipeline is
 * no text pipeline. Declaring them spares the type checker measuring the
 * variance through every command method.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [value, length] = await client.pipeline().get("k").strlen("k").exec();
 * ```
 */
export interface Pipeline<
  out T extends unknown[] = unknown[],
  in out B extends boolean = false,
> extends PipelineCommands<B> {}
/**
 * A batch of commands sent together: every command method of the client,
 * chainable, plus `sendCommand` and `runScript`; `exec()` writes the whole
 * batch in one write and resolves with the results in order, typed as a
 * tuple. A command the server answers with an error does not fail the
 * batch: its `ReplyError` stays in its place (`execOrThrow()` rejects
 * instead). A pipeline is not atomic: other clients' commands may run
 * between its commands (use {@linkcode RedisClient.multi} for that), but on
 * this client its commands are written together and nothing else is
 * written between them.
 *
 * Pipelines share the client's connection with its other commands; replies
 * go to their callers whatever is interleaved. A pipeline holding a
 * blocking command (BLPOP, XREAD with BLOCK, ...) runs on one of the
 * client's extra connections instead, like a blocking command alone.
 *
 * Invalid arguments throw a `TypeError` from the method that adds the
 * command, so a batch is never sent in part. A builder is executed once.
 *
 * @typeParam T The results of the commands added so far.
 * @typeParam B Whether strings arrive as bytes (`client.bytes.pipeline()`).
 *
 * @example
 * ```ts
 * import { connect, type Pipeline } from "@respite/redis";
 *
 * await using client = await connect();
 * const [ok, n, value] = await client.pipeline()
 *   .set("visits", 10)
 *   .incr("visits")
 *   .get("visits")
 *   .exec(); // ["OK", 11, "11"]
 *
 * // In a loop, type the builder by what it holds:
 * const batch: Pipeline<number[]> = client.pipeline();
 * for (const key of ["a", "b", "c"]) batch.incr(key);
 * const counts = await batch.exec();
 * ```
 */
export class Pipeline<
  out T extends unknown[] = unknown[],
  in out B extends boolean = false,
> {
  static {
    installCommands(
      Pipeline.prototype,
      "Pipeline",
      (self, argv, transform, raw, flags) => {
        self.#commands.add(argv, transform, raw, flags);
        return self;
      },
      "throw",
    );
  }

  /**
   * Where the pipeline is sent (internal).
   *
   * @ignore
   */
  readonly sender: Sender;
  readonly #commands = new BatchCommands("pipeline");
  readonly #options: PipelineOptions;

  /**
   * Creates an empty pipeline (internal: use `client.pipeline()`).
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
   * The number of commands added.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log(client.pipeline().get("a").get("b").length); // 2
   * ```
   */
  get length(): number {
    return this.#commands.length;
  }

  /**
   * Adds any command; its raw reply is the result.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [reply] = await client.pipeline().sendCommand(["OBJECT", "ENCODING", "k"]).exec();
   * ```
   *
   * @param args The command name and its arguments.
   * @returns The pipeline.
   * @throws {TypeError} Invalid arguments, or a command that cannot be
   *   pipelined (SUBSCRIBE, MONITOR, MULTI, WATCH, ...).
   */
  sendCommand(args: readonly Arg[]): Pipeline<[...T, Reply], B> {
    this.#commands.addRaw(args);
    return this as unknown as Pipeline<[...T, Reply], B>;
  }

  /**
   * Adds a call of a script made with `defineScript`. The script is loaded
   * (`SCRIPT LOAD`, hidden from the results) ahead of its first call in the
   * pipeline, and called with `EVALSHA`.
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
   * const [n] = await client.pipeline().runScript(incrCapped, ["hits"], [100]).exec();
   * ```
   *
   * @param script The script.
   * @param keys Its keys (`KEYS`).
   * @param args Its other arguments (`ARGV`).
   * @returns The pipeline.
   */
  runScript<R>(
    script: Script<R>,
    keys?: readonly Key[],
    args?: readonly Arg[],
  ): Pipeline<[...T, B extends true ? Binary<R> : R], B> {
    this.#commands.addScript(script, keys, args);
    return this as unknown as Pipeline<
      [...T, B extends true ? Binary<R> : R],
      B
    >;
  }

  /**
   * Sends the pipeline and resolves with every result in order; error
   * replies stay in place as `ReplyError` values. When the connection is
   * lost before all replies arrived, rejects with `ConnectionClosedError`
   * saying whether the batch had been written (`written`) and how many
   * replies had arrived. A timeout or abort rejects with a `DOMException`
   * and discards the replies still to come.
   *
   * @example
   * ```ts
   * import { connect, ReplyError } from "@respite/redis";
   *
   * await using client = await connect();
   * const [a, b] = await client.pipeline().incr("n").hgetall("h").exec();
   * if (a instanceof ReplyError) console.error(a.code);
   * ```
   *
   * @param options A timeout and an abort signal for the batch.
   * @returns The results.
   */
  exec(options?: CallOptions): Promise<ExecResults<T>> {
    return this.#commands.exec(this.sender, this.#options, options) as Promise<
      ExecResults<T>
    >;
  }

  /**
   * Like `exec()`, but rejects with a {@linkcode PipelineError} when any
   * command got an error reply (the others ran; the error carries every
   * result).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [ok, n] = await client.pipeline().set("n", 1).incr("n").execOrThrow();
   * ```
   *
   * @param options A timeout and an abort signal for the batch.
   * @returns The results.
   */
  async execOrThrow(options?: CallOptions): Promise<T> {
    const results = await this.exec(options);
    throwOnError(results, "pipeline", this.#commands);
    return results as T;
  }
}
