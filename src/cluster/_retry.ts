/**
 * The cluster client's retry schedule and its abortable delay, shared by
 * the router and the subscriptions.
 *
 * @module
 */

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
