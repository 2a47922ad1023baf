/**
 * The command list shared by pipeline and transaction builders.
 *
 * @module
 */

import { BLOCKING, CONNECTION_STATE, READONLY } from "./commands/_define.ts";
import { PipelineBatch, type Queued, TransactionBatch } from "./_batch.ts";
import type { CallOptions } from "./connection/request.ts";
import type { Sender } from "./sender.ts";
import { PipelineError, ReplyError, UnsafeIntegerError } from "./errors.ts";
import { checkArgv, commandLabel } from "./_args.ts";
import { checkCallOptions } from "./_options.ts";
import { blockTime, classify } from "./_session.ts";
import type { Transform } from "./_install.ts";
import type { Arg } from "./resp/types.ts";
import type { Script } from "./script.ts";
import type { Key } from "./commands/_define.ts";

/** The command list of one builder. */
export class BatchCommands {
  readonly kind: "pipeline" | "transaction";
  readonly queued: Queued[] = [];
  #state: "open" | "executed" | "discarded" = "open";
  /** The position of the `SCRIPT LOAD` of each script digest. */
  #loaders: Map<string, number> | undefined;
  #visible = 0;

  constructor(kind: "pipeline" | "transaction") {
    this.kind = kind;
  }

  /** The count of commands added (without hidden ones). */
  get length(): number {
    return this.#visible;
  }

  #open(): void {
    if (this.#state !== "open") {
      throw new TypeError(
        `Cannot add commands to a ${this.kind} that was already ${this.#state}`,
      );
    }
  }

  add(
    argv: Arg[],
    transform: Transform,
    raw: boolean,
    flags: number,
  ): void {
    this.#open();
    if ((flags & CONNECTION_STATE) !== 0) this.#checkState(argv);
    this.queued.push({ argv, transform, raw, flags, hidden: false });
    this.#visible++;
  }

  addRaw(args: readonly Arg[]): void {
    this.#open();
    checkArgv(args);
    this.#checkState(args);
    this.queued.push({
      argv: [...args],
      transform: undefined,
      raw: false,
      flags: 0,
      hidden: false,
    });
    this.#visible++;
  }

  addScript(
    script: Script<unknown>,
    keys: readonly Key[] | undefined,
    args: readonly Arg[] | undefined,
  ): void {
    this.#open();
    const argv = script.build(keys, args);
    checkArgv(argv);
    let loader = this.#loaders?.get(script.sha1);
    if (loader === undefined) {
      loader = this.queued.length;
      (this.#loaders ??= new Map()).set(script.sha1, loader);
      this.queued.push({
        argv: ["SCRIPT", "LOAD", script.source],
        transform: undefined,
        raw: false,
        flags: 0,
        hidden: true,
      });
    }
    this.queued.push({
      argv,
      transform: script.reply as Transform,
      raw: false,
      flags: script.readonly ? READONLY : 0,
      hidden: false,
      loader,
    });
    this.#visible++;
  }

  /**
   * Sends the commands through `sender` as a pipeline or a transaction (by
   * `kind`) with the builder's options and the call's; the builder is then
   * spent. An empty pipeline resolves at once; an empty transaction still
   * runs MULTI and EXEC (which checks a WATCH).
   */
  exec(
    sender: Sender,
    options: CallOptions & { bytes?: boolean },
    call: CallOptions | undefined,
  ): Promise<unknown[]> {
    let queued: Queued[];
    try {
      if (call !== undefined) {
        checkCallOptions(`${this.kind} exec option`, call);
      }
      queued = this.take();
    } catch (error) {
      return Promise.reject(error);
    }
    const bytes = options.bytes ?? false;
    const merged = call === undefined ? options : { ...options, ...call };
    if (this.kind === "transaction") {
      return sender.sendBatch(
        new TransactionBatch(queued, bytes),
        merged,
        undefined,
      );
    }
    if (queued.length === 0) return Promise.resolve([]);
    return sender.sendBatch(
      new PipelineBatch(queued, bytes),
      merged,
      this.blockTime,
    );
  }

  /** Hands the commands over for sending; the builder is then spent. */
  take(): Queued[] {
    if (this.#state !== "open") {
      throw new TypeError(
        `Cannot execute a ${this.kind} that was already ${this.#state}`,
      );
    }
    this.#state = "executed";
    return this.queued;
  }

  discard(): void {
    if (this.#state === "executed") {
      throw new TypeError(
        `Cannot discard a ${this.kind} that was already executed`,
      );
    }
    this.#state = "discarded";
    this.queued.length = 0;
    this.#visible = 0;
    this.#loaders = undefined;
  }

  /**
   * Throws for a command that a shared connection refuses (MULTI, the
   * SUBSCRIBE family, CLIENT REPLY, RESET, ...) or that changes the
   * connection's state (SELECT, AUTH, CLIENT SETNAME, HELLO with a
   * version, ...).
   */
  #checkState(argv: readonly Arg[]): void {
    const name = argv[0];
    if (typeof name === "string" && /^hello$/i.test(name) && argv.length > 1) {
      throw this.#stateful(argv);
    }
    const kind = classify(argv, 3, this.kind);
    if (kind instanceof TypeError) throw kind;
    if (kind !== undefined) throw this.#stateful(argv);
  }

  /** The error for a command that changes the connection's state. */
  #stateful(argv: readonly Arg[]): TypeError {
    return new TypeError(
      `Cannot add "${
        commandLabel(argv)
      }" to a ${this.kind}: it changes the connection's state, which the client tracks only for commands sent on their own (client.select(), client.clientSetname(), ...); or use client.duplicate() with the options you need`,
    );
  }

  /** The name of the visible command at `index`, for messages. */
  nameAt(index: number): string {
    let seen = 0;
    for (const q of this.queued) {
      if (q.hidden) continue;
      if (seen++ === index) {
        const name = q.argv[0];
        return typeof name === "string" ? name.toUpperCase() : "command";
      }
    }
    return "command";
  }

  /**
   * How long the commands block the connection they run on, together, in
   * milliseconds: `undefined` when none blocks, 0 when one blocks for ever.
   */
  get blockTime(): number | undefined {
    let total: number | undefined;
    for (const q of this.queued) {
      if ((q.flags & BLOCKING) === 0) continue;
      const ms = blockTime(q.argv);
      if (ms === undefined) continue;
      if (ms === 0) return 0;
      total = (total ?? 0) + ms;
    }
    return total;
  }
}

/**
 * Throws a `PipelineError` for the first error reply (or
 * `UnsafeIntegerError` of a counter) in `results`.
 */
export function throwOnError(
  results: readonly unknown[],
  kind: "pipeline" | "transaction",
  commands: BatchCommands,
): void {
  const index = results.findIndex((result) =>
    result instanceof ReplyError || result instanceof UnsafeIntegerError
  );
  if (index < 0) return;
  const error = results[index] as ReplyError | UnsafeIntegerError;
  throw new PipelineError(
    `Command ${index + 1} of ${results.length} in the ${kind} ("${
      commands.nameAt(index)
    }") failed: ${error.message}`,
    index,
    results,
    { cause: error },
  );
}
