/**
 * Test helper: a TCP fault-injection proxy that sits between a client and
 * a (private) Redis server and can cut, refuse, stall or fragment the
 * traffic on demand, for the resilience tests.
 *
 * Bytes are always forwarded in order, in both directions; a stall holds
 * them (it never drops them). Only `node:` builtins are used so that it
 * runs under both `deno test` and `bun test`. Its handles are unref'd, so
 * a proxy that a test forgot to close never keeps the runtime alive.
 *
 * @module
 */

import * as net from "node:net";
import { setImmediate } from "node:timers";

/** Which way traffic flows through a {@linkcode FaultProxy}. */
export type Direction = "both" | "toClient" | "toServer";

/** Where a {@linkcode FaultProxy} forwards its connections. */
export interface ProxyOptions {
  /** Port of the server to forward to. */
  targetPort: number;
  /** Host of the server to forward to. @default {"127.0.0.1"} */
  targetHost?: string;
}

/** A running fault-injection proxy, made by {@linkcode startProxy}. */
export interface FaultProxy {
  host: "127.0.0.1";
  /** The port the proxy listens on. */
  port: number;
  /** `redis://127.0.0.1:PORT`: connect here to go through the proxy. */
  url: string;
  /**
   * Client connections currently forwarded: accepted, not refused, and
   * neither closed by the client nor destroyed by the proxy (connections
   * destroyed by {@linkcode FaultProxy.cut} stop counting at once).
   */
  readonly connections: number;
  /** Client connections accepted and forwarded so far (refused ones excluded). */
  readonly accepted: number;
  /** Client connections destroyed on arrival while {@linkcode FaultProxy.refuse} was on. */
  readonly refused: number;
  /**
   * Simulates a network cut: destroys every live connection on both sides
   * (client and server). New connections are still accepted. Resolves once
   * every destroyed socket has closed; `connections` is 0 at once.
   */
  cut(): Promise<void>;
  /**
   * While on, incoming connections are destroyed as soon as they arrive
   * (the client sees its connection closed or reset right away), as if the
   * server were unreachable. Live connections are left alone.
   */
  refuse(on: boolean): void;
  /**
   * Holds the bytes (and end-of-stream) flowing in `direction` ("both" by
   * default) until {@linkcode FaultProxy.resume}: nothing is dropped, and
   * held bytes are delivered in order on resume. Also applies to
   * connections accepted while stalled. Stalls add up: `stall("toClient")`
   * then `stall("toServer")` stalls both ways. `"toClient"` alone lets
   * commands reach the server while their replies wait at the proxy.
   */
  stall(direction?: Direction): void;
  /** Lifts the stall in `direction` ("both" by default) and delivers what was held. */
  resume(direction?: Direction): void;
  /**
   * Splits every forwarded chunk into pieces of at most `size` bytes, each
   * written separately once the previous one was handed to the OS and the
   * event loop turned, so that the receiver sees many small reads.
   * `undefined` turns it off. This is slow (about 1 s per 100 KB with
   * size 1), and a receiver may still read a few pieces at once: with size
   * 1, Bun clients read single bytes, Deno clients reads of up to ~60 bytes
   * (Deno polls sockets only every so many event loop ticks).
   */
  fragment(size: number | undefined): void;
  /**
   * Resolves once `connections >= n`; rejects after `timeoutMs` (10 s by
   * default) or when the proxy is closed first.
   */
  waitForConnections(n: number, timeoutMs?: number): Promise<void>;
  /** Stops listening and destroys every connection; resolves once all closed. */
  close(): Promise<void>;
}

const HOST = "127.0.0.1";
const WAIT_TIMEOUT_MS = 10_000;
/** Above this many held bytes a direction stops reading its source. */
const HIGH_WATER = 1024 * 1024;
/** Reading resumes once the held bytes drop to this. */
const LOW_WATER = 256 * 1024;

/** Something with the Node-style `unref()` handle method. */
interface Refable {
  unref?: () => unknown;
}

function unref(handle: unknown): void {
  (handle as Refable).unref?.();
}

/** Resolves once `socket` emitted "close" (at once if it already has). */
function whenClosed(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.closed) return resolve();
    socket.once("close", () => resolve());
  });
}

/** The proxy-wide switches that every connection consults. */
interface Switches {
  stalled: { toClient: boolean; toServer: boolean };
  fragmentSize: number | undefined;
}

/** One direction of a connection pair: reads `source`, writes `dest`. */
class Pipe {
  readonly #pair: Pair;
  readonly #source: net.Socket;
  readonly #dest: net.Socket;
  readonly #direction: "toClient" | "toServer";
  readonly #switches: Switches;
  /** Bytes read from `source` and not yet written to `dest`, in order. */
  #held: Uint8Array[] = [];
  #heldBytes = 0;
  #sourcePaused = false;
  /** `source` ended: end `dest` once everything held was written. */
  #ended = false;
  #endForwarded = false;
  #pumping = false;

  constructor(
    pair: Pair,
    source: net.Socket,
    dest: net.Socket,
    direction: "toClient" | "toServer",
    switches: Switches,
  ) {
    this.#pair = pair;
    this.#source = source;
    this.#dest = dest;
    this.#direction = direction;
    this.#switches = switches;
    source.on("data", (chunk: Uint8Array) => {
      // Copy: the runtime may hand out views into a shared buffer.
      this.#held.push(new Uint8Array(chunk));
      this.#heldBytes += chunk.length;
      if (this.#heldBytes > HIGH_WATER && !this.#sourcePaused) {
        this.#sourcePaused = true;
        source.pause();
      }
      this.pump();
    });
    source.on("end", () => {
      this.#ended = true;
      this.pump();
    });
  }

  /** Whether `source` ended (a FIN arrived) rather than being cut. */
  get ended(): boolean {
    return this.#ended;
  }

  #canFlow(): boolean {
    return !this.#pair.dead &&
      !this.#switches.stalled[this.#direction] &&
      (this.#direction === "toClient" || this.#pair.upstreamConnected);
  }

  /**
   * Writes what is held to `dest`, in order, while the direction may flow.
   * Only one pump runs at a time per direction, which keeps bytes ordered.
   */
  async pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#canFlow()) {
        const chunk = this.#held[0];
        if (chunk === undefined) {
          if (this.#ended && !this.#endForwarded) {
            this.#endForwarded = true;
            this.#dest.end();
          }
          break;
        }
        const size = this.#switches.fragmentSize;
        let piece = chunk;
        if (size !== undefined && chunk.length > size) {
          piece = chunk.subarray(0, size);
          this.#held[0] = chunk.subarray(size);
        } else {
          this.#held.shift();
        }
        this.#heldBytes -= piece.length;
        if (this.#sourcePaused && this.#heldBytes <= LOW_WATER) {
          this.#sourcePaused = false;
          this.#source.resume();
        }
        if (size !== undefined) {
          // One piece at a time, and a turn of the event loop after each,
          // so that the receiver gets a chance to read before the next.
          await Promise.race([
            new Promise<void>((resolve) => {
              this.#dest.write(piece, () => setImmediate(resolve));
            }),
            this.#pair.dying,
          ]);
        } else if (!this.#dest.write(piece)) {
          await Promise.race([
            new Promise<void>((resolve) => this.#dest.once("drain", resolve)),
            this.#pair.dying,
          ]);
        }
      }
    } catch {
      // A socket refused the write (it is going away): cut the pair.
      this.#pair.destroy();
    } finally {
      this.#pumping = false;
    }
  }
}

/** A client connection and its connection to the target server. */
class Pair {
  readonly client: net.Socket;
  readonly upstream: net.Socket;
  upstreamConnected = false;
  /** Set once the proxy destroyed the pair (cut, close, or an error). */
  dead = false;
  /** Resolves when the pair is destroyed, to unblock waiting pumps. */
  readonly dying: Promise<void>;
  /** Resolves once both sockets closed. */
  readonly closed: Promise<void>;
  readonly #toServer: Pipe;
  readonly #toClient: Pipe;
  #die!: () => void;

  constructor(
    client: net.Socket,
    options: Required<ProxyOptions>,
    switches: Switches,
  ) {
    this.client = client;
    this.dying = new Promise((resolve) => (this.#die = resolve));
    const upstream = net.createConnection({
      host: options.targetHost,
      port: options.targetPort,
      allowHalfOpen: true,
    });
    this.upstream = upstream;
    for (const socket of [client, upstream]) {
      // Errors (ECONNRESET, ECONNREFUSED, ...) cut the pair; never unhandled.
      socket.on("error", () => this.destroy());
      unref(socket);
    }
    client.setNoDelay(true);
    this.#toServer = new Pipe(this, client, upstream, "toServer", switches);
    this.#toClient = new Pipe(this, upstream, client, "toClient", switches);
    upstream.once("connect", () => {
      upstream.setNoDelay(true);
      this.upstreamConnected = true;
      this.#toServer.pump();
    });
    // A side that closes without having sent its FIN went away abruptly:
    // pass that on. After a FIN, the half-close is forwarded by the pipe.
    client.once("close", () => {
      if (!this.#toServer.ended) this.destroy();
    });
    upstream.once("close", () => {
      if (!this.#toClient.ended) this.destroy();
    });
    this.closed = Promise.all([whenClosed(client), whenClosed(upstream)])
      .then(() => {});
  }

  /** Delivers what may flow now (after a resume). */
  pump(): void {
    this.#toServer.pump();
    this.#toClient.pump();
  }

  /** Destroys both sides at once. */
  destroy(): void {
    if (this.dead) return;
    this.dead = true;
    this.#die();
    this.client.destroy();
    this.upstream.destroy();
  }
}

interface Waiter {
  n: number;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Starts a fault-injection proxy on a free port of 127.0.0.1 that forwards
 * every connection to `targetHost:targetPort`. Always `close()` it (e.g. in
 * an `after` hook).
 */
export async function startProxy(options: ProxyOptions): Promise<FaultProxy> {
  const target: Required<ProxyOptions> = {
    targetPort: options.targetPort,
    targetHost: options.targetHost ?? HOST,
  };
  const switches: Switches = {
    stalled: { toClient: false, toServer: false },
    fragmentSize: undefined,
  };
  /** Pairs that count as live connections. */
  const live = new Set<Pair>();
  /** Every pair not yet fully closed, live or not (e.g. half-closed). */
  const pairs = new Set<Pair>();
  /** Resolve once each refused or forwarded socket closed. */
  const open = new Set<Promise<void>>();
  const waiters = new Set<Waiter>();
  let refusing = false;
  let closed = false;
  let accepted = 0;
  let refused = 0;

  function track(closing: Promise<void>): void {
    open.add(closing);
    closing.then(() => open.delete(closing));
  }

  function notify(): void {
    for (const waiter of waiters) {
      if (live.size >= waiter.n) {
        waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve();
      }
    }
  }

  const listener = net.createServer({ allowHalfOpen: true }, (client) => {
    if (closed || refusing) {
      client.on("error", () => {});
      if (!closed) refused++;
      track(whenClosed(client));
      client.destroy();
      return;
    }
    accepted++;
    const pair = new Pair(client, target, switches);
    live.add(pair);
    pairs.add(pair);
    track(pair.closed);
    pair.closed.then(() => pairs.delete(pair));
    const forget = () => live.delete(pair);
    client.once("close", forget);
    pair.dying.then(forget);
    notify();
  });
  // A listener error after it started (rare) must not go unhandled.
  listener.on("error", () => {});

  const port = await new Promise<number>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    listener.once("error", onError);
    listener.listen(0, HOST, () => {
      listener.off("error", onError);
      const address = listener.address();
      if (address === null || typeof address === "string") {
        reject(new Error("proxy: could not read its port"));
      } else {
        resolve(address.port);
      }
    });
  });
  unref(listener);

  /** Destroys every pair; resolves once their sockets closed. */
  function cutAll(): Promise<void> {
    const cut = [...pairs];
    live.clear();
    for (const pair of cut) pair.destroy();
    return Promise.all(cut.map((pair) => pair.closed)).then(() => {});
  }

  function directions(direction: Direction): ("toClient" | "toServer")[] {
    switch (direction) {
      case "both":
        return ["toClient", "toServer"];
      case "toClient":
      case "toServer":
        return [direction];
      default:
        throw new TypeError(`proxy: unknown direction ${String(direction)}`);
    }
  }

  let closing: Promise<void> | undefined;

  return {
    host: HOST,
    port,
    url: `redis://${HOST}:${port}`,
    get connections() {
      return live.size;
    },
    get accepted() {
      return accepted;
    },
    get refused() {
      return refused;
    },
    cut: cutAll,
    refuse(on: boolean): void {
      refusing = on;
    },
    stall(direction: Direction = "both"): void {
      for (const way of directions(direction)) switches.stalled[way] = true;
    },
    resume(direction: Direction = "both"): void {
      for (const way of directions(direction)) switches.stalled[way] = false;
      for (const pair of pairs) pair.pump();
    },
    fragment(size: number | undefined): void {
      if (size !== undefined && !(Number.isInteger(size) && size >= 1)) {
        throw new RangeError(
          `proxy: fragment size must be a positive integer, got ${size}`,
        );
      }
      switches.fragmentSize = size;
    },
    waitForConnections(
      n: number,
      timeoutMs: number = WAIT_TIMEOUT_MS,
    ): Promise<void> {
      if (live.size >= n) return Promise.resolve();
      if (closed) {
        return Promise.reject(
          new Error("proxy: waitForConnections after close()"),
        );
      }
      return new Promise((resolve, reject) => {
        const waiter: Waiter = {
          n,
          resolve,
          reject,
          timer: setTimeout(() => {
            waiters.delete(waiter);
            reject(
              new Error(
                `proxy: waited ${timeoutMs} ms for ${n} connection(s), ` +
                  `have ${live.size} (accepted ${accepted}, refused ${refused})`,
              ),
            );
          }, timeoutMs),
        };
        waiters.add(waiter);
      });
    },
    close(): Promise<void> {
      closing ??= (async () => {
        closed = true;
        for (const waiter of waiters) {
          clearTimeout(waiter.timer);
          waiter.reject(
            new Error("proxy: closed while waiting for connections"),
          );
        }
        waiters.clear();
        const listenerClosed = new Promise<void>((resolve) => {
          listener.close(() => resolve());
        });
        await cutAll();
        await Promise.all([listenerClosed, ...open]);
      })();
      return closing;
    },
  };
}
