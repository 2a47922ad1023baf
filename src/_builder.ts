/**
 * The command list shared by pipeline and transaction builders.
 *
 * @module
 */

import { BLOCKING, READONLY } from "./commands/_define.ts";
import {
  PipelineBatch,
  type Queued,
  sendBatch,
  TransactionBatch,
} from "./_batch.ts";
import type { CallOptions, RedisClient } from "./client.ts";
import type { PipelineOptions } from "./pipeline.ts";
import { PipelineError, ReplyError } from "./errors.ts";
import type { Transform } from "./_install.ts";
import type { Arg } from "./resp/types.ts";
import type { Script } from "./script.ts";
import type { Key } from "./commands/_define.ts";

/** Commands a pipeline or transaction cannot carry as plain commands. */
const NOT_IN_BATCH =
  /^(?:(?:p|s)?(?:un)?subscribe|monitor|sync|psync|multi|exec|discard|watch|unwatch|reset|quit)$/i;

/**
 * Throws the `TypeError` the encoder would, so that a batch is either
 * valid as a whole or rejected before anything is written.
 */
export function checkArgs(args: readonly Arg[]): void {
  if (!Array.isArray(args) || args.length === 0) {
    throw new TypeError("Cannot send an empty command");
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (typeof arg === "string" || typeof arg === "bigint") continue;
    if (typeof arg === "number") {
      if (Number.isNaN(arg)) {
        throw new TypeError(`Invalid argument at index ${i}: NaN`);
      }
      continue;
    }
    if (arg instanceof Uint8Array) continue;
    throw new TypeError(
      `Invalid argument at index ${i}: expected a string, number, bigint or Uint8Array, got ${
        arg === null ? "null" : typeof arg
      }`,
    );
  }
}

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
    checkArgs(argv);
    this.queued.push({ argv, transform, raw, flags, hidden: false });
    this.#visible++;
  }

  addRaw(args: readonly Arg[]): void {
    this.#open();
    checkArgs(args);
    const name = args[0];
    if (typeof name === "string" && NOT_IN_BATCH.test(name)) {
      throw new TypeError(
        `Cannot add "${name.toUpperCase()}" to a ${this.kind}${
          /^(?:multi|exec|discard|watch|unwatch)$/i.test(name)
            ? ": use client.multi() for transactions and client.watch() for optimistic locking"
            : ": its replies do not follow the one-reply-per-command rule"
        }`,
      );
    }
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
    checkArgs(argv);
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
   * Sends the commands on `client` as a pipeline or a transaction (by
   * `kind`) with the builder's options and the call's; the builder is then
   * spent. An empty pipeline resolves at once; an empty transaction still
   * runs MULTI and EXEC (which checks a WATCH).
   */
  exec(
    client: RedisClient,
    options: PipelineOptions,
    call: CallOptions | undefined,
  ): Promise<unknown[]> {
    let queued: Queued[];
    try {
      queued = this.take();
    } catch (error) {
      return Promise.reject(error);
    }
    const bytes = options.bytes ?? false;
    const merged = call === undefined ? options : { ...options, ...call };
    if (this.kind === "transaction") {
      return client[sendBatch](
        new TransactionBatch(queued, bytes),
        merged,
        false,
      );
    }
    if (queued.length === 0) return Promise.resolve([]);
    return client[sendBatch](
      new PipelineBatch(queued, bytes),
      merged,
      this.blocking,
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

  /** Whether a command would block the connection it runs on. */
  get blocking(): boolean {
    return this.queued.some((q) =>
      (q.flags & BLOCKING) !== 0 && blocks(q.argv)
    );
  }
}

/**
 * Whether a command flagged as blocking blocks with these arguments: XREAD
 * and XREADGROUP only with BLOCK.
 */
export function blocks(argv: readonly Arg[]): boolean {
  const name = argv[0];
  const upper = typeof name === "string" ? name.toUpperCase() : "";
  if (upper !== "XREAD" && upper !== "XREADGROUP") return true;
  return argv.some((arg) => typeof arg === "string" && /^block$/i.test(arg));
}

/**
 * Throws a `PipelineError` for the first error reply in
 * `results`.
 */
export function throwOnError(
  results: readonly unknown[],
  kind: "pipeline" | "transaction",
  commands: BatchCommands,
): void {
  const index = results.findIndex((result) => result instanceof ReplyError);
  if (index < 0) return;
  const error = results[index] as ReplyError;
  throw new PipelineError(
    `Command ${index + 1} of ${results.length} in the ${kind} ("${
      commands.nameAt(index)
    }") failed: ${error.message}`,
    index,
    results,
    { cause: error },
  );
}
