/**
 * The cluster client's retry schedule and its abortable delay, shared by
 * the router and the subscriptions.
 *
 * @module
 */

import { type CallOptions, timedOut } from "../connection/request.ts";
import type { Arg } from "../resp/types.ts";
import { commandLabel } from "../_args.ts";
import { ConnectionClosedError, ConnectionError } from "../errors.ts";

/**
 * Whether `error` says the command never reached a node (so it may be
 * sent again): a connection error, but for a lost connection on which the
 * command had been written.
 */
export function unsent(error: unknown): boolean {
  return error instanceof ConnectionError &&
    !(error instanceof ConnectionClosedError && error.written);
}

/**
 * A command whose node could not be reached, or whose connection was lost
 * before it was written, is sent again after a refresh of the topology,
 * this many times at most, after these delays (about 10 s in all: long
 * enough for a replica to take over a failed master).
 */
export const LOST_RETRIES = 30;
/** The delays between those attempts (the last one repeats). */
export const LOST_DELAY_MS = [20, 50, 100, 200, 300, 400];

/** Backoff before retrying TRYAGAIN, CLUSTERDOWN or LOADING. */
export const RETRY_DELAY_MS = [10, 20, 50, 100, 200, 400];

/** The `n`th delay (from 0) of `schedule`, its last one after the end. */
export function nth(schedule: readonly number[], n: number): number {
  return schedule[Math.min(n, schedule.length - 1)]!;
}

/** When a command's retries must end, and the timeout that says so. */
export interface Deadline {
  /** `performance.now()` then. */
  at: number;
  /** The command's timeout, in ms, for the message. */
  limit: number;
}

/**
 * The deadline of a command's retries: its timeout (the call's, or the
 * client's `commandTimeout`) from now, or none.
 */
export function deadlineOf(
  call: CallOptions | undefined,
  commandTimeout: number | undefined,
): Deadline | undefined {
  const limit = call?.timeout ?? commandTimeout;
  return limit === undefined
    ? undefined
    : { at: performance.now() + limit, limit };
}

/**
 * The options of a retry after `wait` ms: the time left before `deadline`
 * as its timeout.
 *
 * @throws {DOMException} A `TimeoutError` when no time is left.
 */
export function retryCall<C extends CallOptions>(
  deadline: Deadline | undefined,
  wait: number,
  call: C | undefined,
  argv: readonly Arg[],
): C | undefined {
  if (deadline === undefined) return call;
  const left = Math.floor(deadline.at - performance.now() - wait);
  if (left <= 0) throw timedOut(argv, deadline.limit);
  return { ...call!, timeout: left };
}

/**
 * Resolves after `ms` milliseconds, or rejects with the signal's reason
 * when it aborts first.
 */
export function delay(
  ms: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", aborted);
      resolve();
    }, ms);
    const aborted = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", aborted, { once: true });
  });
}

/** The error of a command that cannot wait for the topology. */
export function queueFull(
  argv: readonly Arg[],
  limit: number,
  cause: unknown,
): ConnectionClosedError {
  return new ConnectionClosedError(
    `Command "${
      commandLabel(argv)
    }" cannot wait for the cluster's topology: the offline queue is full (${limit} commands wait; see offlineQueueSize)`,
    { cause, written: false },
  );
}
