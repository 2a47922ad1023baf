/**
 * The batches that pipelines and transactions send: one entry per command
 * in the connection's FIFO, and one promise for the whole batch.
 *
 * @module
 */

import {
  ConnectionClosedError,
  ExecAbortError,
  ProtocolError,
  ReplyError,
  UnsafeIntegerError,
  WatchError,
} from "./errors.ts";
import { FLAT_REPLY, READONLY } from "./_flags.ts";
import {
  type Request,
  type Ticket,
  toText,
  type Transform,
} from "./connection/request.ts";
import { commandLabel } from "./_args.ts";
import type { Arg, Reply } from "./resp/types.ts";

/** A command added to a pipeline or transaction builder. */
export interface Queued {
  argv: Arg[];
  transform: Transform;
  /** The reply is binary (`BYTES_REPLY`): bytes in every view. */
  raw: boolean;
  flags: number;
  /** Added by the builder itself (`SCRIPT LOAD`): it has no result. */
  hidden: boolean;
  /** For a script call: the position of the `SCRIPT LOAD` that loads it. */
  loader?: number;
}

/** One command of a batch in the client's FIFO. */
export class BatchEntry implements Request {
  readonly batch: Batch;
  readonly index: number;
  readonly argv: readonly Arg[];
  readonly transform: Transform;
  readonly bytes: boolean;
  readonly readonly: boolean;
  readonly flat: boolean;
  readonly onAttributes = undefined;
  readonly internal = false;
  readonly optional = false;
  done = false;
  ticket?: Ticket;

  constructor(
    batch: Batch,
    index: number,
    argv: readonly Arg[],
    transform: Transform,
    bytes: boolean,
    flags: number,
  ) {
    this.batch = batch;
    this.index = index;
    this.argv = argv;
    this.transform = transform;
    this.bytes = bytes;
    this.readonly = (flags & READONLY) !== 0;
    this.flat = (flags & FLAT_REPLY) !== 0;
  }

  /** The reply arrived (transformed). */
  resolve(value: unknown): void {
    this.batch.reply(this.index, value);
  }

  /**
   * An error reply arrived or the reply was an integer outside the safe
   * range (kept as a value in its place), another transform failed, or the
   * client settled the command early (`done`: a timeout or a full offline
   * queue), which fails the whole batch.
   */
  reject(error: unknown): void {
    if (
      !this.done &&
      (error instanceof ReplyError || error instanceof UnsafeIntegerError)
    ) {
      this.batch.reply(this.index, error);
    } else {
      this.batch.fail(error);
    }
  }
}

/** A pipeline's or transaction's commands on their way, with one promise. */
export abstract class Batch {
  /** The entries, in the order they are written. */
  readonly entries: BatchEntry[] = [];
  /** Resolves with the results of the commands the caller added. */
  readonly promise: Promise<unknown[]>;
  /** What the caller added, in order (one per entry). */
  readonly queued: readonly Queued[];
  /** The count of queued commands that are not hidden. */
  protected readonly visible: number;
  /** Replies received so far. */
  protected arrived = 0;
  /** The batch's own timeout, for the message. */
  timeoutMs: number | undefined;
  /** Called once when the batch settles (removes an abort listener). */
  cleanup: (() => void) | undefined;
  #settled = false;
  #resolve!: (results: unknown[]) => void;
  #reject!: (error: unknown) => void;

  constructor(queued: readonly Queued[]) {
    this.queued = queued;
    let visible = 0;
    for (const q of queued) if (!q.hidden) visible++;
    this.visible = visible;
    this.promise = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
  }

  /** `"pipeline"` or `"transaction"`, for messages. */
  abstract readonly kind: "pipeline" | "transaction";

  /** The reply of `entries[index]`; error replies as `ReplyError` values. */
  abstract reply(index: number, value: unknown): void;

  /** Whether the batch has settled. */
  get settled(): boolean {
    return this.#settled;
  }

  /** Resolves the batch. */
  protected finish(results: unknown[]): void {
    if (this.#settled) return;
    this.#settle();
    this.#resolve(results);
  }

  /**
   * Rejects the batch: the replies still to come are discarded, and
   * commands not yet written are not sent.
   */
  fail(error: unknown): void {
    if (this.#settled) return;
    this.#settle();
    if (
      error instanceof DOMException && error.name === "TimeoutError" &&
      this.timeoutMs !== undefined
    ) {
      error = new DOMException(
        `The ${this.kind} of ${this.visible} command${
          this.visible === 1 ? "" : "s"
        } timed out after ${this.timeoutMs} ms`,
        "TimeoutError",
      );
    }
    this.#reject(error);
  }

  /**
   * The connection went away: rejects with a {@linkcode ConnectionClosedError}
   * that says whether (and how much of) the batch had been written.
   */
  lost(message: string, written: boolean, cause: unknown): void {
    if (this.#settled) return;
    const n = this.visible;
    const commands = `${n} command${n === 1 ? "" : "s"}`;
    let detail: string;
    if (!written) {
      detail = `the ${this.kind} had not been written (${commands}, none sent)`;
    } else if (this.kind === "pipeline") {
      detail = `the pipeline had been written (all ${commands}; ${
        Math.min(this.arrived, this.entries.length)
      } of ${this.entries.length} replies had arrived) and its commands may have run`;
    } else {
      detail =
        `the transaction had been written (${commands}) and may have committed`;
    }
    this.fail(
      new ConnectionClosedError(
        `${message}: ${detail}`,
        cause === undefined ? { written } : { cause, written },
      ),
    );
  }

  #settle(): void {
    this.#settled = true;
    for (const entry of this.entries) {
      entry.done = true;
      if (entry.ticket !== undefined) entry.ticket.entry = undefined;
    }
    this.cleanup?.();
    this.cleanup = undefined;
  }

  /**
   * A script call that failed with NOSCRIPT because its `SCRIPT LOAD`
   * failed (a compile error) reports the load's error instead.
   */
  protected scriptError(position: number, value: unknown): unknown {
    const loader = this.queued[position]?.loader;
    if (
      loader === undefined || !(value instanceof ReplyError) ||
      !value.message.startsWith("NOSCRIPT No matching script")
    ) {
      return value;
    }
    const loadError = this.loadErrors?.get(loader);
    return loadError ?? value;
  }

  /** Errors of the hidden `SCRIPT LOAD`s, by position. */
  protected loadErrors: Map<number, ReplyError> | undefined;
}

/** A pipeline: each command's reply in its place, errors as values. */
export class PipelineBatch extends Batch {
  readonly kind = "pipeline";
  readonly #results: unknown[];
  readonly #slots: number[];

  constructor(queued: readonly Queued[], bytes: boolean) {
    super(queued);
    this.#results = new Array(this.visible);
    this.#slots = new Array(queued.length);
    let slot = 0;
    for (let i = 0; i < queued.length; i++) {
      const q = queued[i]!;
      this.#slots[i] = q.hidden ? -1 : slot++;
      this.entries.push(
        new BatchEntry(
          this,
          i,
          q.argv,
          q.transform,
          q.raw || bytes,
          q.flags,
        ),
      );
    }
  }

  reply(index: number, value: unknown): void {
    const slot = this.#slots[index]!;
    if (slot >= 0) {
      this.#results[slot] = value;
    } else if (value instanceof ReplyError) {
      (this.loadErrors ??= new Map()).set(index, value);
    }
    if (++this.arrived < this.entries.length) return;
    if (this.loadErrors !== undefined) {
      for (let i = 0; i < this.queued.length; i++) {
        const s = this.#slots[i]!;
        if (s >= 0) this.#results[s] = this.scriptError(i, this.#results[s]);
      }
    }
    this.finish(this.#results);
  }
}

/**
 * A transaction: MULTI, the commands, EXEC. The commands' replies are
 * `QUEUED` or a rejection; EXEC's reply holds the results.
 */
export class TransactionBatch extends Batch {
  readonly kind = "transaction";
  /** Strings of EXEC's reply arrive as bytes (the bytes view, or DUMP). */
  readonly #execBytes: boolean;
  readonly #bytes: boolean;
  #multiError: ReplyError | undefined;
  #queueErrors: (ReplyError | undefined)[] | undefined;

  constructor(queued: readonly Queued[], bytes: boolean) {
    super(queued);
    this.#bytes = bytes;
    this.#execBytes = bytes || queued.some((q) => q.raw);
    this.entries.push(new BatchEntry(this, 0, ["MULTI"], undefined, false, 0));
    for (let i = 0; i < queued.length; i++) {
      this.entries.push(
        new BatchEntry(this, i + 1, queued[i]!.argv, undefined, false, 0),
      );
    }
    // EXEC's reply holds every result: RESP2 shapes only when every
    // command takes them. Never READONLY: a transaction is not resent.
    const flat = queued.every((q) => q.hidden || (q.flags & FLAT_REPLY) !== 0);
    this.entries.push(
      new BatchEntry(
        this,
        queued.length + 1,
        ["EXEC"],
        undefined,
        this.#execBytes,
        flat ? FLAT_REPLY : 0,
      ),
    );
  }

  /**
   * The same transaction as a new batch, to send again elsewhere: for a
   * cluster, after every command of this one was refused with a
   * redirection (EXECABORT: nothing ran).
   */
  again(): TransactionBatch {
    return new TransactionBatch(this.queued, this.#bytes);
  }

  reply(index: number, value: unknown): void {
    this.arrived++;
    const last = this.entries.length - 1;
    if (index === 0) {
      if (value instanceof ReplyError) this.#multiError = value;
      return;
    }
    if (index < last) {
      if (value instanceof ReplyError) {
        (this.#queueErrors ??= new Array(this.queued.length))[index - 1] =
          value;
      }
      return;
    }
    this.#exec(value);
  }

  #exec(value: unknown): void {
    if (value instanceof ReplyError) {
      if (value.code === "EXECABORT") {
        const errors: (ReplyError | undefined)[] = [];
        for (let i = 0; i < this.queued.length; i++) {
          const q = this.queued[i]!;
          if (q.hidden) continue;
          // A refused hidden SCRIPT LOAD shows at the calls that needed it.
          errors.push(
            this.#queueErrors?.[i] ??
              (q.loader === undefined
                ? undefined
                : this.#queueErrors?.[q.loader]),
          );
        }
        const abort = new ExecAbortError(value.message, errors);
        abort.command = value.command;
        this.fail(abort);
      } else {
        // MULTI itself failed, so EXEC had no transaction.
        this.fail(this.#multiError ?? value);
      }
      return;
    }
    if (value === null) {
      this.fail(
        new WatchError(
          "Transaction aborted: a watched key changed, so EXEC ran nothing",
          1,
        ),
      );
      return;
    }
    if (!Array.isArray(value) || value.length !== this.queued.length) {
      this.fail(
        new ProtocolError(
          `Unexpected EXEC reply: expected an array of ${this.queued.length} results`,
        ),
      );
      return;
    }
    const results: unknown[] = [];
    try {
      for (let i = 0; i < value.length; i++) {
        const q = this.queued[i]!;
        let reply = value[i] as Reply;
        if (q.hidden) {
          if (reply instanceof ReplyError) {
            (this.loadErrors ??= new Map()).set(i, reply);
          }
          continue;
        }
        if (reply instanceof ReplyError) {
          reply.forCommand(commandLabel(q.argv));
        } else {
          if (this.#execBytes && !this.#bytes && !q.raw) reply = toText(reply);
          if (q.transform !== undefined) {
            try {
              reply = q.transform(reply) as Reply;
            } catch (error) {
              // An unsafe counter stays in its place; the others ran.
              if (!(error instanceof UnsafeIntegerError)) throw error;
              reply = error as unknown as Reply;
            }
          }
        }
        results.push(reply);
      }
      if (this.loadErrors !== undefined) {
        let slot = 0;
        for (let i = 0; i < this.queued.length; i++) {
          if (this.queued[i]!.hidden) continue;
          results[slot] = this.scriptError(i, results[slot]);
          slot++;
        }
      }
    } catch (error) {
      this.fail(error);
      return;
    }
    this.finish(results);
  }
}
