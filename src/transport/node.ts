/**
 * Sockets from `node:net` and `node:tls`, wrapped as web streams. Deno uses
 * them for TLS: a `Deno.TlsConn` closed while its handshake waits for a
 * silent server keeps its TCP connection open until the process exits,
 * whereas a `node:tls` socket closes at once.
 *
 * @module
 */

import {
  type RespSocket,
  type SocketOptions,
  TlsHandshakeError,
  type TlsOptions,
} from "./types.ts";

/** Error codes of failing to reach the server (not of TLS). */
const CONNECT_CODES =
  /^(?:ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|EAI_AGAIN|ENOENT|EACCES)$/;

// The builtins by names that bundlers do not follow: a Worker bundle that
// includes this module (never loaded there) must not need nodejs_compat.
const NODE_NET = ["node", "net"].join(":");
const NODE_TLS = ["node", "tls"].join(":");

/** Chunks buffered on the read side before the socket is paused. */
const READ_HIGH_WATER_MARK = 64;

// The few parts of the node:net / node:tls socket used here.
interface NodeSocket {
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean;
  pause(): void;
  resume(): void;
  destroy(): void;
  end(): void;
  setNoDelay(noDelay: boolean): void;
  setKeepAlive(enable: boolean, delay?: number): void;
  once(event: string, listener: (...args: never[]) => void): void;
  on(event: string, listener: (...args: never[]) => void): void;
  off(event: string, listener: (...args: never[]) => void): void;
  readonly destroyed: boolean;
}

interface NodeNet {
  connect(options: Record<string, unknown>): NodeSocket;
}

/**
 * Opens a socket with `node:net` (TCP, Unix) or `node:tls`, and adapts it
 * to web streams that respect backpressure both ways: reading pauses while
 * the consumer is behind, and a write resolves once the socket took the
 * bytes (so the caller may reuse them), after a `drain` when its buffer was
 * full. A TLS socket is handed over once its handshake succeeded, so a
 * certificate that does not verify fails the connect.
 *
 * @param options Where to connect.
 * @param signal Abandons the attempt: the socket, its TLS handshake perhaps
 *   still in progress, is destroyed, and the call rejects with the signal's
 *   reason.
 * @returns The connected socket.
 */
export async function openNodeSocket(
  options: SocketOptions,
  signal?: AbortSignal,
): Promise<RespSocket> {
  signal?.throwIfAborted();
  const hostname = options.hostname ?? "127.0.0.1";
  const secure = options.tls !== undefined && options.tls !== false &&
    options.path === undefined;
  let socket: NodeSocket;
  if (secure) {
    const tls: TlsOptions = typeof options.tls === "object" ? options.tls : {};
    const module = await import(NODE_TLS) as NodeNet;
    socket = module.connect({
      host: hostname,
      port: options.port ?? 6379,
      // The certificate is checked against the server name, or else the
      // host; SNI takes host names only.
      ...(tls.serverName !== undefined
        ? { servername: tls.serverName }
        : isIp(hostname)
        ? {}
        : { servername: hostname }),
      ...(tls.caCerts ? { ca: tls.caCerts } : {}),
      rejectUnauthorized: true,
    });
  } else {
    const module = await import(NODE_NET) as NodeNet;
    socket = module.connect(
      options.path !== undefined
        ? { path: options.path }
        : { host: hostname, port: options.port ?? 6379 },
    );
  }
  try {
    await new Promise<void>((resolve, reject) => {
      const ready = secure ? "secureConnect" : "connect";
      const cleanup = () => {
        socket.off(ready, done);
        socket.off("error", fail);
        signal?.removeEventListener("abort", aborted);
      };
      const done = () => {
        cleanup();
        resolve();
      };
      const fail = (error: Error) => {
        cleanup();
        const code = (error as { code?: unknown }).code;
        const reaching = typeof code === "string" && CONNECT_CODES.test(code);
        reject(
          secure && !reaching
            ? new TlsHandshakeError(error.message, { cause: error })
            : error,
        );
      };
      const aborted = () => {
        cleanup();
        reject(signal!.reason);
      };
      socket.once(ready, done);
      socket.once("error", fail);
      signal?.addEventListener("abort", aborted, { once: true });
    });
  } catch (error) {
    socket.destroy();
    throw error;
  }
  if (options.path === undefined) {
    socket.setNoDelay(true);
    socket.setKeepAlive(true);
  }
  return adapt(socket);
}

/** The socket as web streams. */
function adapt(socket: NodeSocket): RespSocket {
  let closed = false;
  let failure: Error | undefined;
  let paused = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const readable = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    pull() {
      if (paused) {
        paused = false;
        socket.resume();
      }
    },
    cancel() {
      socket.destroy();
    },
  }, { highWaterMark: READ_HIGH_WATER_MARK });
  const end = (error?: Error) => {
    if (closed) return;
    closed = true;
    failure = error ?? new Error("Socket closed");
    try {
      if (error) controller.error(error);
      else controller.close();
    } catch {
      // The reader already cancelled.
    }
  };
  socket.on("data", (chunk: Uint8Array) => {
    if (closed) return;
    // A plain view, not a Buffer: values sliced from it stay Uint8Arrays.
    controller.enqueue(
      new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    );
    if (!paused && (controller.desiredSize ?? 1) <= 0) {
      paused = true;
      socket.pause();
    }
  });
  socket.on("end", () => end());
  socket.on("error", (error: Error) => end(error));
  socket.on("close", () => end());
  const writable = new WritableStream<Uint8Array>({
    write(chunk) {
      if (closed) return Promise.reject(failure);
      return new Promise<void>((resolve, reject) => {
        // Resolves once the bytes went to the kernel: node keeps the chunk
        // until then, so the caller must not reuse it earlier.
        socket.write(chunk, (error) => error ? reject(error) : resolve());
      });
    },
    close() {
      socket.end();
    },
    abort() {
      socket.destroy();
    },
  });
  return {
    readable,
    writable,
    close() {
      socket.destroy();
      end();
    },
  };
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(":");
}
