/**
 * The seam between the command surface and the connections: a `Sender`
 * takes built commands and batches and delivers their results. The
 * single-node client's is a `Link` (one logical connection with its extra
 * connections); a cluster router or a caching layer implements the same
 * interface, so the command surface over it stays the same.
 *
 * @module
 */

import type { Batch } from "./_batch.ts";
import type { Kind, Subscription, SubscriptionOptions } from "./pubsub.ts";
import type {
  CallOptions,
  RequestOptions,
  Transform,
} from "./connection/request.ts";
import type { Arg } from "./resp/types.ts";

/** Where the command surface sends what it builds (see the module docs). */
export interface Sender {
  /**
   * Sends one command and resolves with its reply, transformed; an error
   * reply rejects with a `ReplyError`. The sender routes it by its flags:
   * a blocking command to a connection of its own, one that changes the
   * connection's state through the state tracking.
   *
   * @param argv The argument vector.
   * @param transform The declaration's reply transform.
   * @param bytes Whether strings arrive as bytes.
   * @param call Per-call options (and an attributes handler).
   * @param flags The declaration's flags.
   */
  send(
    argv: readonly Arg[],
    transform: Transform,
    bytes: boolean,
    call: RequestOptions | undefined,
    flags: number,
  ): Promise<unknown>;

  /**
   * Sends a pipeline's or transaction's commands as one block and resolves
   * with the batch's results.
   *
   * @param batch The batch.
   * @param call The options of its `exec()`.
   * @param block How long its commands may block together, if they do.
   */
  sendBatch(
    batch: Batch,
    call: CallOptions | undefined,
    block: number | undefined,
  ): Promise<unknown[]>;

  /**
   * Runs `work` on a connection nobody else uses meanwhile (WATCH, a
   * blocking command), within the timeout a call of `argv` has.
   *
   * @param argv The command the work is for (messages, timeout).
   * @param call The call's options.
   * @param flags The command's flags.
   * @param work What to run, with a sender for that connection and the
   *   call options for what is left of the time.
   */
  dedicated<R>(
    argv: readonly Arg[],
    call: CallOptions | undefined,
    flags: number,
    work: (sender: Sender, call: CallOptions) => Promise<R>,
  ): Promise<R>;

  /**
   * Subscribes to channels, patterns or shard channels; resolves once the
   * server confirmed.
   *
   * @param kind What the names are.
   * @param names The names.
   * @param bytes Whether names and payloads arrive as bytes.
   * @param options The subscription's options.
   */
  subscribe<T extends string | Uint8Array>(
    kind: Kind,
    names: readonly (string | Uint8Array)[],
    bytes: boolean,
    options: SubscriptionOptions<T>,
  ): Promise<Subscription<T>>;
}
