/**
 * A pool of exclusive connections, for the work that cannot share one:
 * transactions with WATCH, blocking commands, long-running scripts.
 *
 * @module
 */

import { connect, type ConnectOptions, type RedisClient } from "./client.ts";

export type {
  AcquireOptions,
  PoolCloseOptions,
  PoolOptions,
} from "./_pool_options.ts";
import { describeAddress, resolveOptions } from "./_connect_options.ts";
import { summarize } from "./_inspect.ts";
import { checkKeys } from "./_options.ts";
import {
  ACQUIRE_KEYS,
  type AcquireOptions,
  checkCount,
  checkTimeout,
  CLOSE_KEYS,
  POOL_KEYS,
  type PoolCloseOptions,
  type PoolOptions,
} from "./_pool_options.ts";
import { RedisError } from "./errors.ts";
import { watchLoop } from "./watch.ts";
import { sentinelConnectOptions } from "./sentinel/client.ts";
import type { SentinelSource } from "./sentinel/source.ts";
import { senderOf } from "./_surface.ts";
import type { WatchFunction } from "./commander.ts";
import type { Key } from "./commands/_define.ts";
import type { ExecResults } from "./pipeline.ts";
import type { WatchOptions } from "./transaction.ts";

/**
 * A leased connection from {@linkcode RedisPool.lease}: returned to the pool
 * by `release()` or at the end of an `await using` block, whichever comes
 * first (the second does nothing).
 *
 * @example
 * ```ts
 * import { RedisPool } from "@respite/redis";
 *
 * await using pool = new RedisPool();
 * await using lease = await pool.lease();
 * await lease.client.blpop(["jobs"], 5);
 * ```
 */
export interface PoolLease extends AsyncDisposable {
  /** The leased connection; do not use it after the lease is released. */
  readonly client: RedisClient;
  /**
   * Returns the connection to the pool; resolves once it is idle again or
   * closed. Calling it again does nothing.
   */
  release(): Promise<void>;
}

/**
 * {@linkcode RedisPool.acquire} was called on a closed pool, or the pool
 * was closed while the call waited.
 *
 * @example
 * ```ts
 * import { PoolClosedError, RedisPool } from "@respite/redis";
 *
 * const pool = new RedisPool();
 * await pool.close();
 * try {
 *   await pool.acquire();
 * } catch (error) {
 *   if (error instanceof PoolClosedError) console.log("shutting down");
 * }
 * ```
 */
export class PoolClosedError extends RedisError {
  /**
   * Creates a pool-closed error.
   *
   * @param message What the closed pool could not do.
   * @param options The standard error options, such as `cause`.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PoolClosedError";
  }
}

interface Waiter {
  resolve(client: RedisClient): void;
  reject(error: unknown): void;
  /** Clears the waiter's timer and abort listener. */
  cleanup(): void;
}

const RETRY_BASE_MS = 100;
const RETRY_MAX_MS = 5_000;
/** The longest delay `setTimeout` takes. */

/**
 * A pool of connections to one Redis server, each lent to one user at a
 * time: for transactions with WATCH, blocking commands and long-running
 * scripts, which need a connection of their own. Ordinary commands are
 * better off sharing one auto-pipelined client.
 *
 * A connection is taken with {@linkcode RedisPool.acquire} (an idle one,
 * a new one while there are fewer than `maxSize`, or the next one released,
 * in the order the callers asked) and given back with
 * {@linkcode RedisPool.release}; {@linkcode RedisPool.lease} and
 * {@linkcode RedisPool.use} give it back on their own. A connection given
 * back in a state the next user must not inherit is closed, not reused;
 * see {@linkcode PoolOptions.validate}.
 *
 * @example
 * ```ts
 * import { RedisPool } from "@respite/redis";
 *
 * await using pool = new RedisPool({
 *   connect: "redis://127.0.0.1:6379",
 *   maxSize: 5,
 * });
 *
 * // A blocking command on a connection of its own.
 * const job = await pool.use((client) => client.blpop(["jobs"], 5));
 *
 * // A WATCH transaction on a pooled connection.
 * await pool.watch("balance", async (tx) => {
 *   const balance = Number(await tx.get("balance"));
 *   return tx.multi().set("balance", balance + 10);
 * });
 * ```
 *
 * @priority 1
 */
export class RedisPool {
  static {
    summarize(RedisPool, "RedisPool", (pool) => ({
      address: describeAddress(pool.#target),
      db: pool.#db,
      size: pool.size,
      idle: pool.idle,
      leased: pool.#leased.size,
      waiting: pool.pending,
      max: pool.#maxSize,
      closed: pool.closed,
    }));
  }

  #target: ConnectOptions;
  /** The Sentinel source of the connections, with `sentinel`. */
  #sentinel: SentinelSource | undefined;
  #db: number;
  #minSize: number;
  #maxSize: number;
  #idleTimeout: number;
  #acquireTimeout: number;
  #validate: boolean;

  /** Idle connections, the most recently released last. */
  #idle: RedisClient[] = [];
  #idleTimers = new Map<RedisClient, ReturnType<typeof setTimeout>>();
  #leased = new Set<RedisClient>();
  /** Leased connections that close() closed; their release does nothing. */
  #forced = new WeakSet<RedisClient>();
  /** Connections being checked after a release. */
  #checking = new Set<RedisClient>();
  /** Connections being opened. */
  #opening = 0;
  #waiters: Waiter[] = [];
  /** Closes of discarded connections that have not finished. */
  #closes = new Set<Promise<void>>();

  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #failures = 0;

  #closed = false;
  #closing: Promise<void> | undefined;
  #drained: (() => void) | undefined;

  /**
   * Creates the pool and starts opening `minSize` connections in the
   * background; nothing else is opened until it is needed.
   *
   * @example
   * ```ts
   * import { RedisPool } from "@respite/redis";
   *
   * const pool = new RedisPool({ connect: { port: 6380, db: 2 }, minSize: 1 });
   * ```
   *
   * @param options Where to connect, the pool's limits and timeouts.
   * @throws {TypeError} An option is invalid, or `connect` is a malformed
   *   URL or has a `socket`.
   */
  constructor(options: PoolOptions = {}) {
    checkKeys("pool option", options, POOL_KEYS);
    if (options.sentinel !== undefined && options.connect !== undefined) {
      throw new TypeError(
        'Invalid pool options: "sentinel" and "connect" exclude each other (the sentinels give the address)',
      );
    }
    const target = options.connect;
    if (typeof target === "object" && target?.socket !== undefined) {
      throw new TypeError(
        'Invalid pool option "connect": a pool cannot use "socket", it opens many connections',
      );
    }
    // Checked now, so that a bad URL or option fails here and not at the
    // first acquire.
    let resolved: ConnectOptions;
    if (options.sentinel !== undefined) {
      const sentinel = sentinelConnectOptions(options.sentinel);
      resolved = sentinel.connect;
      this.#sentinel = sentinel.source;
    } else {
      resolved = resolveOptions(target);
    }
    // A lease must not continue silently on a new connection that lost its
    // WATCH, MULTI or blocking state: the pool replaces dropped connections.
    if (resolved.reconnect === undefined) resolved.reconnect = false;
    this.#target = resolved;
    this.#db = resolved.db ?? 0;
    this.#minSize = checkCount("minSize", options.minSize ?? 0, 0);
    this.#maxSize = checkCount("maxSize", options.maxSize ?? 10, 1);
    if (this.#minSize > this.#maxSize) {
      throw new TypeError(
        `Invalid pool option "minSize" "${this.#minSize}": more than "maxSize" "${this.#maxSize}"`,
      );
    }
    this.#idleTimeout = checkTimeout(
      'pool option "idleTimeout"',
      options.idleTimeout ?? 30_000,
    );
    this.#acquireTimeout = checkTimeout(
      'pool option "acquireTimeout"',
      options.acquireTimeout ?? 10_000,
    );
    if (
      options.validate !== undefined && typeof options.validate !== "boolean"
    ) {
      throw new TypeError(
        `Invalid pool option "validate": expected a boolean, got ${typeof options
          .validate}`,
      );
    }
    this.#validate = options.validate ?? true;
    this.#dispatch();
  }

  /**
   * Connections open or opening: leased, idle and being checked after a
   * release together.
   *
   * @example
   * ```ts
   * import { RedisPool } from "@respite/redis";
   *
   * await using pool = new RedisPool();
   * console.log(pool.size, pool.idle, pool.pending); // 3 1 0
   * ```
   */
  get size(): number {
    return this.#idle.length + this.#leased.size + this.#checking.size +
      this.#opening;
  }

  /**
   * Connections waiting in the pool to be acquired.
   *
   * @example
   * ```ts
   * import { RedisPool } from "@respite/redis";
   *
   * await using pool = new RedisPool();
   * console.log(pool.idle); // 1
   * ```
   */
  get idle(): number {
    return this.#idle.length;
  }

  /**
   * Callers of {@linkcode RedisPool.acquire} waiting for a connection.
   *
   * @example
   * ```ts
   * import { RedisPool } from "@respite/redis";
   *
   * await using pool = new RedisPool();
   * console.log(pool.pending); // 0
   * ```
   */
  get pending(): number {
    return this.#waiters.length;
  }

  /**
   * Whether {@linkcode RedisPool.close} was called.
   *
   * @example
   * ```ts
   * import { RedisPool } from "@respite/redis";
   *
   * await using pool = new RedisPool();
   * await pool.close();
   * console.log(pool.closed); // true
   * ```
   */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Takes a connection for the caller's exclusive use: an idle one, a new
   * one while the pool has fewer than `maxSize`, or else the next one
   * released, callers being served in the order they asked. Give it back
   * with {@linkcode RedisPool.release}, or use {@linkcode RedisPool.lease}
   * or {@linkcode RedisPool.use}, which do.
   *
   * @example
   * ```ts
   * import { RedisPool } from "@respite/redis";
   *
   * await using pool = new RedisPool();
   * const client = await pool.acquire({ timeout: 2000 });
   * try {
   *   await client.blmove("jobs", "working", "LEFT", "RIGHT", 5);
   * } finally {
   *   await pool.release(client);
   * }
   * ```
   *
   * @param options An abort signal, and a timeout instead of the pool's.
   * @returns The connection.
   * @throws {DOMException} `TimeoutError` when no connection came within the
   *   timeout; the signal's reason (`AbortError`) when it was aborted.
   * @throws {PoolClosedError} The pool is closed or was closed meanwhile.
   * @throws {ConnectionError} Opening the connection this call waited for
   *   failed (or any other error of {@linkcode connect}).
   */
  acquire(options: AcquireOptions = {}): Promise<RedisClient> {
    if (this.#closed) {
      return Promise.reject(new PoolClosedError("Pool is closed"));
    }
    const { signal } = options;
    let timeout: number;
    try {
      checkKeys("acquire option", options, ACQUIRE_KEYS);
      timeout = options.timeout === undefined
        ? this.#acquireTimeout
        : checkTimeout('acquire option "timeout"', options.timeout);
    } catch (error) {
      return Promise.reject(error);
    }
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<RedisClient>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let onAbort: (() => void) | undefined;
      const waiter: Waiter = {
        resolve,
        reject,
        cleanup: () => {
          clearTimeout(timer);
          if (onAbort) signal?.removeEventListener("abort", onAbort);
        },
      };
      this.#waiters.push(waiter);
      this.#dispatch();
      if (!this.#waiters.includes(waiter)) return;
      const leave = (error: unknown): void => {
        const at = this.#waiters.indexOf(waiter);
        if (at === -1) return;
        this.#waiters.splice(at, 1);
        waiter.cleanup();
        reject(error);
      };
      if (timeout !== Infinity) {
        timer = setTimeout(
          () =>
            leave(
              new DOMException(
                `Timed out after ${timeout} ms waiting for a connection from the pool`,
                "TimeoutError",
              ),
            ),
          timeout,
        );
      }
      if (signal) {
        onAbort = () => leave(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
      }
    });
  }

  /**
   * Gives back a connection from {@linkcode RedisPool.acquire}. It is
   * checked (see {@linkcode PoolOptions.validate}) and then handed to the
   * next waiting caller or kept idle; a connection that fails the check,
   * is closed, or still has commands in flight is closed instead (the
   * replies of those commands still arrive) and replaced as needed. Do not
   * use the connection after releasing it.
   *
   * @example
   * ```ts
   * import { RedisPool } from "@respite/redis";
   *
   * await using pool = new RedisPool();
   * const client = await pool.acquire();
   * try {
   *   await client.blpop(["jobs"], 1);
   *   // ...
   * } finally {
   *   await pool.release(client);
   * }
   * ```
   *
   * @param client The connection to give back.
   * @returns Resolves once the connection is idle, handed on, or closed.
   * @throws {TypeError} The connection is not leased from this pool (never
   *   was, or was released already).
   */
  release(client: RedisClient): Promise<void> {
    // Closed by close({ force }) or its timeout: nothing left to do.
    if (this.#forced.delete(client)) return Promise.resolve();
    if (!this.#leased.delete(client)) {
      const known = this.#checking.has(client) ||
        this.#idle.includes(client);
      return Promise.reject(
        new TypeError(
          known
            ? "Cannot release a connection that was already released"
            : "Cannot release a connection that is not from this pool",
        ),
      );
    }
    this.#checking.add(client);
    return this.#check(client).then((good) => {
      this.#checking.delete(client);
      if (good && !this.#closed) this.#giveBack(client);
      else this.#discard(client);
      this.#dispatch();
      this.#settle();
    });
  }

  /**
   * Acquires a connection as a lease that `await using` gives back at the
   * end of the block (or `release()` earlier).
   *
   * @example
   * ```ts
   * import { RedisPool } from "@respite/redis";
   *
   * await using pool = new RedisPool();
   * {
   *   await using lease = await pool.lease();
   *   await lease.client.set("stock", 10);
   *   // ...
   * } // released here, even when the block throws
   * ```
   *
   * @param options An abort signal, and a timeout instead of the pool's.
   * @returns The lease.
   * @throws {DOMException} As {@linkcode RedisPool.acquire}.
   * @throws {PoolClosedError} As {@linkcode RedisPool.acquire}.
   */
  async lease(options?: AcquireOptions): Promise<PoolLease> {
    const client = await this.acquire(options);
    let released: Promise<void> | undefined;
    const release = (): Promise<void> => released ??= this.release(client);
    return { client, release, [Symbol.asyncDispose]: release };
  }

  /**
   * Acquires a connection, runs `fn` with it, and gives it back however
   * `fn` ends.
   *
   * @example
   * ```ts
   * import { RedisPool } from "@respite/redis";
   *
   * await using pool = new RedisPool();
   * const popped = await pool.use((client) => client.brpop(["queue"], 1));
   * ```
   *
   * @typeParam T What `fn` resolves with.
   * @param fn The work to do on the connection.
   * @param options An abort signal, and a timeout instead of the pool's.
   * @returns What `fn` resolved with.
   * @throws What `fn` threw, or as {@linkcode RedisPool.acquire}.
   */
  async use<T>(
    fn: (client: RedisClient) => T | PromiseLike<T>,
    options?: AcquireOptions,
  ): Promise<T> {
    const client = await this.acquire(options);
    try {
      return await fn(client);
    } finally {
      await this.release(client);
    }
  }

  /**
   * Optimistic locking on a pooled connection: {@linkcode RedisClient.watch}
   * with the WATCH, the reads of `fn` and the transaction on one leased
   * connection, given back afterwards.
   *
   * @example
   * ```ts
   * import { RedisPool } from "@respite/redis";
   *
   * await using pool = new RedisPool();
   * const results = await pool.watch("stock:42", async (tx) => {
   *   const stock = Number(await tx.get("stock:42"));
   *   if (stock === 0) return;
   *   return tx.multi().decr("stock:42").rpush("orders", "42");
   * });
   * ```
   *
   * @param keys The key or keys to watch.
   * @param fn Reads through `tx` and returns the transaction to run
   *   (`tx.multi()...`), or nothing.
   * @param options `maxAttempts`, and an abort signal (also for acquiring).
   * @returns The transaction's results, or `undefined` when `fn` returned
   *   nothing.
   * @throws {WatchError} A watched key changed before every attempt.
   */
  watch<T extends unknown[], B extends boolean = false>(
    keys: Key | readonly Key[],
    fn: WatchFunction<T, B>,
    options?: WatchOptions,
  ): Promise<ExecResults<T> | undefined> {
    const signal = options?.signal;
    return this.use(
      (client) => watchLoop(client, client[senderOf], keys, fn, options),
      signal === undefined ? undefined : { signal },
    );
  }

  /**
   * Closes the pool: waiting and later {@linkcode RedisPool.acquire} calls
   * reject with {@linkcode PoolClosedError}, idle connections close now
   * and leased ones when they are released. Resolves once every connection
   * is closed, so after every lease has been released; with `force`, or
   * once `timeout` ran out, the leased connections are closed at once
   * instead (their pending commands reject, and releasing them does
   * nothing).
   *
   * @example
   * ```ts
   * import { RedisPool } from "@respite/redis";
   *
   * await using pool = new RedisPool();
   * await pool.close();
   * await pool.close({ timeout: 5_000 });
   * ```
   *
   * @param options `force` and `timeout`.
   * @returns Resolves when every connection of the pool is closed.
   * @throws {TypeError} An option is unknown or invalid.
   */
  close(options: PoolCloseOptions = {}): Promise<void> {
    let timeout: number;
    try {
      checkKeys("pool close option", options, CLOSE_KEYS);
      timeout = options.timeout === undefined
        ? Infinity
        : checkTimeout('close option "timeout"', options.timeout);
    } catch (error) {
      return Promise.reject(error);
    }
    if (options.force) this.#closeLeases();
    if (this.#closing) return this.#closing;
    this.#closed = true;
    this.#sentinel?.close();
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    for (const waiter of this.#waiters.splice(0)) {
      waiter.cleanup();
      waiter.reject(
        new PoolClosedError("Pool was closed while waiting for a connection"),
      );
    }
    for (const client of this.#idle.splice(0)) this.#discard(client);
    const drained = new Promise<void>((resolve) => this.#drained = resolve);
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (timeout !== Infinity && !options.force) {
      timer = setTimeout(() => this.#closeLeases(), timeout);
    }
    this.#closing = drained.then(async () => {
      clearTimeout(timer);
      while (this.#closes.size > 0) await Promise.all(this.#closes);
    });
    this.#settle();
    return this.#closing;
  }

  /**
   * Closes the leased connections at once (`close` with `force`, or its
   * timeout ran out); releasing them later does nothing.
   */
  #closeLeases(): void {
    for (const client of this.#leased) {
      this.#forced.add(client);
      const closing = client.disconnect().catch(() => {});
      this.#closes.add(closing);
      closing.then(() => this.#closes.delete(closing));
    }
    this.#leased.clear();
    this.#settle();
  }

  /**
   * Closes the pool, for `await using`; see {@linkcode RedisPool.close}.
   *
   * @example
   * ```ts
   * import { RedisPool } from "@respite/redis";
   *
   * await using pool = new RedisPool({ connect: "redis://127.0.0.1:6379" });
   * ```
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Whether a released connection may be reused. */
  async #check(client: RedisClient): Promise<boolean> {
    if (
      this.#closed || client.status !== "ready" || client.pendingCount > 0 ||
      client.subscribed
    ) {
      return false;
    }
    if (!this.#validate) return true;
    try {
      // No WATCH can be left over: sendCommand refuses WATCH and MULTI,
      // and watch() ends with EXEC or UNWATCH.
      const fields = await client.clientInfo();
      return fields.multi === "-1" &&
        fields.db !== undefined && Number(fields.db) === this.#db &&
        !subscribed(fields.sub) && !subscribed(fields.psub) &&
        !subscribed(fields.ssub) &&
        (fields.resp === undefined ||
          Number(fields.resp) === client.protocol) &&
        !client.closed;
    } catch {
      return false;
    }
  }

  /** Hands a connection to the first waiter, or keeps it idle. */
  #giveBack(client: RedisClient): void {
    const waiter = this.#waiters.shift();
    if (waiter) {
      this.#lend(waiter, client);
      return;
    }
    this.#idle.push(client);
    if (this.#idleTimeout !== Infinity) {
      this.#idleTimers.set(
        client,
        setTimeout(() => this.#idleExpired(client), this.#idleTimeout),
      );
    }
  }

  #lend(waiter: Waiter, client: RedisClient): void {
    waiter.cleanup();
    this.#leased.add(client);
    waiter.resolve(client);
  }

  #idleExpired(client: RedisClient): void {
    this.#idleTimers.delete(client);
    const at = this.#idle.indexOf(client);
    if (at === -1) return;
    if (this.size > this.#minSize || client.closed) {
      this.#idle.splice(at, 1);
      this.#discard(client);
      this.#dispatch();
    }
  }

  /** A connection closed: if idle, it leaves the pool and is replaced. */
  #ended(client: RedisClient): void {
    const at = this.#idle.indexOf(client);
    if (at === -1 || this.#closed) return;
    this.#idle.splice(at, 1);
    this.#discard(client);
    this.#dispatch();
  }

  /** The most recently released idle connection that is still open. */
  #takeIdle(): RedisClient | undefined {
    for (;;) {
      const client = this.#idle.pop();
      if (client === undefined) return undefined;
      const timer = this.#idleTimers.get(client);
      if (timer !== undefined) {
        clearTimeout(timer);
        this.#idleTimers.delete(client);
      }
      if (!client.closed) return client;
      this.#discard(client);
    }
  }

  /** Closes a connection that leaves the pool. */
  #discard(client: RedisClient): void {
    const timer = this.#idleTimers.get(client);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.#idleTimers.delete(client);
    }
    const closing = client.close().catch(() => {});
    this.#closes.add(closing);
    closing.then(() => this.#closes.delete(closing));
  }

  /** Serves waiters, opens what they need, keeps `minSize` open. */
  #dispatch(): void {
    if (this.#closed) return;
    while (this.#waiters.length > 0) {
      const client = this.#takeIdle();
      if (client === undefined) break;
      this.#lend(this.#waiters.shift()!, client);
    }
    while (
      this.#waiters.length > this.#opening && this.size < this.#maxSize
    ) {
      this.#open();
    }
    if (this.#retryTimer === undefined) {
      while (this.size < this.#minSize) this.#open();
    }
  }

  #open(): void {
    this.#opening++;
    connect(this.#target).then(
      (client) => {
        this.#opening--;
        this.#failures = 0;
        // An idle connection that closes (its server went away, or a
        // Sentinel failover moved the master) is replaced at once.
        client.addEventListener("end", () => this.#ended(client), {
          once: true,
        });
        if (this.#closed) this.#discard(client);
        else this.#giveBack(client);
        this.#dispatch();
        this.#settle();
      },
      (error: unknown) => {
        this.#opening--;
        this.#failures++;
        // A waiter that counted on this connection learns why it failed.
        if (this.#waiters.length > this.#opening) {
          const waiter = this.#waiters.shift()!;
          waiter.cleanup();
          waiter.reject(error);
        }
        if (
          !this.#closed && this.size < this.#minSize &&
          this.#retryTimer === undefined
        ) {
          const delay = Math.min(
            RETRY_BASE_MS * 2 ** (this.#failures - 1),
            RETRY_MAX_MS,
          );
          this.#retryTimer = setTimeout(() => {
            this.#retryTimer = undefined;
            this.#dispatch();
          }, delay);
        }
        this.#dispatch();
        this.#settle();
      },
    );
  }

  /** Resolves `close()` once nothing is leased, checked or opening. */
  #settle(): void {
    if (this.#drained && this.size === 0) {
      this.#drained();
      this.#drained = undefined;
    }
  }
}

function subscribed(count: string | undefined): boolean {
  return count !== undefined && Number(count) !== 0;
}
