/**
 * The extra connections of a client: opened on demand for work that must
 * have a connection nobody else uses meanwhile (blocking commands, WATCH,
 * pipelines with a blocking command), bounded, handed to waiting callers
 * first come first served, and kept idle for the next use.
 *
 * @module
 */

import { Queue } from "../_queue.ts";
import { commandLabel } from "../_args.ts";
import type { Arg } from "../resp/types.ts";
import {
  abortReason,
  type CallOptions,
  MAX_DELAY_MS,
  timedOut,
} from "./request.ts";

/** What the pool needs of an extra connection. */
export interface Spare {
  /** Closes at once. */
  disconnect(): unknown;
  /** Closes once what was sent is answered. */
  close(): Promise<void>;
}

/** What the pool needs of the connection it serves. */
export interface SpareHost<T extends Spare> {
  /** Opens an extra connection in the host's current state. */
  open(signal: AbortSignal): Promise<T>;
  /** Whether an extra connection can serve another call as it is. */
  usable(spare: T): boolean;
  /** The error for a call made while the host is closing or closed. */
  closedError(): Error | undefined;
  /** Whether the host is ready (extra connections are kept only then). */
  readonly ready: boolean;
  /** Extra connections open at most. */
  readonly maxExtra: number;
  /** Idle extra connections kept at most. */
  readonly idleExtra: number;
}

/**
 * A call waiting for an extra connection: it gets one handed over, or
 * `undefined` when it may open one of its own.
 */
interface SpareWaiter<T> {
  resolve(spare: T | undefined): void;
  reject(error: unknown): void;
}

/** The extra connections of one host (see the module docs). */
export class Spares<T extends Spare> {
  readonly #host: SpareHost<T>;
  /** Idle extra connections, the most recently used last. */
  #idle: T[] = [];
  /** Extra connections in use. */
  #busy = new Set<T>();
  /** Abandons the extra connections being opened when the host closes. */
  #abort = new AbortController();
  /** Extra connections open or opening, in use or idle. */
  #count = 0;
  /** Calls waiting for an extra connection, first come, first served. */
  #waiters = new Queue<SpareWaiter<T>>();

  /**
   * Creates the pool of `host`.
   *
   * @param host The connection whose extra connections these are.
   */
  constructor(host: SpareHost<T>) {
    this.#host = host;
  }

  /**
   * Runs `work` on an extra connection: an idle one, one opened on demand
   * while there are fewer than `maxExtra`, or the next one another call is
   * done with, callers being served in the order they came. `timeout`
   * (milliseconds, `undefined` for none) and the call's signal cover the
   * wait; `work` gets the call options for what is left of them.
   * Afterwards the connection is kept for the next use (up to `idleExtra`)
   * when it is ready and clean, and closed otherwise, and always after a
   * timeout or abort (the server may still be busy with what was cut
   * short).
   */
  async run<R>(
    work: (spare: T, call: CallOptions) => Promise<R>,
    call: CallOptions | undefined,
    timeout: number | undefined,
    argv: readonly Arg[],
  ): Promise<R> {
    const closed = this.#host.closedError();
    if (closed !== undefined) throw closed;
    const signal = call?.signal;
    if (signal?.aborted) throw abortReason(signal);
    const start = timeout === undefined ? 0 : performance.now();
    const spare = await this.#take(signal, timeout, argv);
    let left = Infinity;
    if (timeout !== undefined) {
      left = timeout - (performance.now() - start);
      if (left <= 0) {
        this.#giveBack(spare, true);
        throw timedOut(argv, timeout);
      }
    }
    let reusable = true;
    try {
      return await work(spare, { timeout: left, signal });
    } catch (error) {
      // Timed out or aborted: the server may still be blocking it.
      if (error instanceof DOMException || signal?.aborted) reusable = false;
      // The call's timeout, not what was left of it for the command.
      if (
        timeout !== undefined && error instanceof DOMException &&
        error.name === "TimeoutError" && error.message.startsWith("Command ")
      ) {
        throw timedOut(argv, timeout);
      }
      throw error;
    } finally {
      this.#giveBack(spare, reusable);
    }
  }

  /** Closes the idle connections (they are in a state the host left). */
  dropIdle(): void {
    for (const spare of this.#idle.splice(0)) this.#drop(spare);
  }

  /** Closes the idle connections gracefully (the host is closing). */
  closeIdle(): Promise<void>[] {
    const idle = this.#idle.splice(0);
    this.#count -= idle.length;
    return idle.map((spare) => spare.close());
  }

  /**
   * Closes every connection at once, those being opened included, and
   * rejects the waiting calls with `error` (the host closed for good).
   */
  end(error: Error): void {
    this.#abort.abort(error);
    for (const spare of this.#idle.splice(0)) spare.disconnect();
    for (const spare of this.#busy) spare.disconnect();
    this.#busy.clear();
    for (const waiter of this.#waiters.drain()) waiter.reject(error);
  }

  /**
   * An extra connection for one call: see {@linkcode Spares.run}. A wait
   * cut short by the timeout or the signal leaves the queue; a connection
   * opened for a call that gave up meanwhile goes to the next one.
   */
  async #take(
    signal: AbortSignal | undefined,
    timeout: number | undefined,
    argv: readonly Arg[],
  ): Promise<T> {
    const limit = this.#host.maxExtra;
    while (true) {
      let spare = this.#idle.pop();
      while (spare !== undefined && !this.#host.usable(spare)) {
        this.#drop(spare);
        spare = this.#idle.pop();
      }
      if (spare !== undefined) {
        this.#busy.add(spare);
        return spare;
      }
      if (this.#count < limit) {
        return await this.#racing(this.#open(), signal, timeout, argv);
      }
      const waiting = new Promise<T | undefined>((resolve, reject) => {
        this.#waiters.push({ resolve, reject });
      });
      const handed = await this.#racing(waiting, signal, timeout, argv, limit);
      if (handed !== undefined) return handed;
      const closed = this.#host.closedError();
      if (closed !== undefined) throw closed;
    }
  }

  /**
   * Waits for `pending` (a connection being opened, or a place in the
   * queue) within the call's timeout and signal. Should the call give up
   * first, what `pending` brings later goes back to the pool.
   */
  #racing<P extends T | undefined>(
    pending: Promise<P>,
    signal: AbortSignal | undefined,
    timeout: number | undefined,
    argv: readonly Arg[],
    waitingFor?: number,
  ): Promise<P> {
    if (signal === undefined && timeout === undefined) return pending;
    return new Promise<P>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let settled = false;
      const finish = () => {
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const giveUp = (error: unknown) => {
        if (settled) return;
        finish();
        // Whatever comes later is not this call's.
        pending.then((spare) => {
          if (spare !== undefined) this.#giveBack(spare, true);
          else this.#wakeWaiter();
        }, () => {});
        reject(error);
      };
      const onAbort = () => giveUp(abortReason(signal!));
      signal?.addEventListener("abort", onAbort, { once: true });
      if (timeout !== undefined) {
        timer = setTimeout(
          () =>
            giveUp(
              waitingFor === undefined
                ? timedOut(argv, timeout)
                : new DOMException(
                  `Command "${
                    commandLabel(argv)
                  }" timed out after ${timeout} ms waiting for one of the client's ${waitingFor} extra connections (see "maxExtraConnections")`,
                  "TimeoutError",
                ),
            ),
          Math.min(timeout, MAX_DELAY_MS),
        );
      }
      pending.then((value) => {
        if (settled) return;
        finish();
        resolve(value);
      }, (error) => {
        if (settled) return;
        finish();
        reject(error);
      });
    });
  }

  /** Opens an extra connection, counted from the start. */
  async #open(): Promise<T> {
    this.#count++;
    let spare: T;
    try {
      spare = await this.#host.open(this.#abort.signal);
    } catch (error) {
      this.#count--;
      this.#wakeWaiter();
      throw error;
    }
    // The host may have closed while the connection opened.
    const closed = this.#host.closedError();
    if (closed !== undefined) {
      this.#count--;
      spare.disconnect();
      throw closed;
    }
    this.#busy.add(spare);
    return spare;
  }

  /**
   * Takes back an extra connection after a call: to the next waiting call,
   * or idle, when it can serve another one; closed otherwise.
   */
  #giveBack(spare: T, reusable: boolean): void {
    this.#busy.delete(spare);
    if (reusable && this.#host.ready && this.#host.usable(spare)) {
      const waiter = this.#waiters.shift();
      if (waiter !== undefined) {
        // One that gave up meanwhile still takes it and passes it on (see
        // `#racing`).
        this.#busy.add(spare);
        waiter.resolve(spare);
        return;
      }
      if (this.#idle.length < this.#host.idleExtra) {
        this.#idle.push(spare);
        return;
      }
    }
    this.#drop(spare);
  }

  /** Closes an extra connection; a waiting call may open another. */
  #drop(spare: T): void {
    spare.disconnect();
    this.#count--;
    this.#wakeWaiter();
  }

  /** Lets the first waiting call open a connection of its own. */
  #wakeWaiter(): void {
    this.#waiters.shift()?.resolve(undefined);
  }
}
