/**
 * Sockets on Bun: `Bun.connect` wrapped as web streams.
 *
 * @module
 */

import {
  type RespSocket,
  type SocketOptions,
  TlsHandshakeError,
} from "./types.ts";

// The few parts of Bun's socket API used here, so the package type-checks
// without Bun's type definitions.
interface BunSocket {
  write(data: Uint8Array): number;
  end(): void;
  terminate(): void;
  pause(): void;
  resume(): void;
  setNoDelay(noDelay: boolean): boolean;
}

interface BunSocketHandler {
  binaryType: "uint8array";
  data(socket: BunSocket, data: Uint8Array): void;
  drain(socket: BunSocket): void;
  close(socket: BunSocket, error?: Error): void;
  error(socket: BunSocket, error: Error): void;
  end(socket: BunSocket): void;
  handshake?(
    socket: BunSocket,
    success: boolean,
    authorizationError: Error | null,
  ): void;
}

interface BunConnectOptions {
  hostname?: string;
  port?: number;
  unix?: string;
  tls?: boolean | {
    ca?: string[];
    serverName?: string;
    rejectUnauthorized: boolean;
  };
  socket: BunSocketHandler;
}

interface BunGlobal {
  connect(options: BunConnectOptions): Promise<BunSocket>;
}

/** Chunks buffered on the read side before the socket is paused. */
const READ_HIGH_WATER_MARK = 64;

/**
 * Opens a socket with `Bun.connect` and adapts it to web streams that respect
 * backpressure: partial writes are finished on `drain` before the next write
 * starts, and reading pauses while the consumer is behind.
 *
 * @param options Where to connect.
 * @param signal Abandons the attempt: the socket (its TLS handshake
 *   perhaps still in progress) is closed, and the call rejects with the
 *   signal's reason.
 * @returns The connected socket.
 */
export async function openBunSocket(
  options: SocketOptions,
  signal?: AbortSignal,
): Promise<RespSocket> {
  signal?.throwIfAborted();
  const bun = (globalThis as unknown as { Bun: BunGlobal }).Bun;

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  // Assigned once connected; handlers may run before that.
  let socket: BunSocket | undefined;
  let paused = false;
  let ended = false;
  let failure: Error | undefined;
  // The unwritten rest of the current write, and its completion.
  let rest: Uint8Array | undefined;
  let settle: { resolve(): void; reject(error: Error): void } | undefined;

  // TLS: Bun resolves `connect` before the handshake; wait for its verdict
  // so a bad certificate fails the connect, not the first command.
  let handshaken: { resolve(): void; reject(error: Error): void } | undefined;
  const handshake = new Promise<void>((resolve, reject) => {
    handshaken = { resolve, reject };
  });
  handshake.catch(() => {}); // awaited only for TLS

  const finish = (error?: Error) => {
    handshaken?.reject(
      new TlsHandshakeError(
        error?.message ?? "the connection closed during the handshake",
        error ? { cause: error } : {},
      ),
    );
    handshaken = undefined;
    if (ended) return;
    ended = true;
    failure = error ?? new Error("Socket closed");
    try {
      if (error) controller.error(error);
      else controller.close();
    } catch {
      // The reader already cancelled.
    }
    if (settle) {
      settle.reject(failure);
      settle = undefined;
      rest = undefined;
    }
  };

  const readable = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      pull() {
        if (paused && socket) {
          paused = false;
          socket.resume();
        }
      },
      cancel() {
        socket?.terminate();
      },
    },
    { highWaterMark: READ_HIGH_WATER_MARK },
  );

  const handler: BunSocketHandler = {
    binaryType: "uint8array",
    data(s, data) {
      if (ended) return;
      controller.enqueue(data);
      if (!paused && (controller.desiredSize ?? 1) <= 0) {
        paused = true;
        s.pause();
      }
    },
    drain(s) {
      if (!rest || !settle) return;
      const written = s.write(rest);
      if (written >= rest.length) {
        const done = settle;
        rest = undefined;
        settle = undefined;
        done.resolve();
      } else if (written > 0) {
        rest = rest.subarray(written);
      }
    },
    close(_s, error) {
      finish(error);
    },
    end() {
      finish();
    },
    error(_s, error) {
      finish(error);
    },
    handshake(_s, success, authorizationError) {
      if (success && !authorizationError) handshaken?.resolve();
      else {
        handshaken?.reject(
          new TlsHandshakeError(
            authorizationError?.message ?? "the server did not complete it",
            authorizationError ? { cause: authorizationError } : {},
          ),
        );
      }
      handshaken = undefined;
    },
  };

  const connectOptions: BunConnectOptions = options.path !== undefined
    ? { unix: options.path, socket: handler }
    : {
      hostname: options.hostname ?? "127.0.0.1",
      port: options.port ?? 6379,
      socket: handler,
    };
  if (options.tls && options.path === undefined) {
    const tls = options.tls === true ? {} : options.tls;
    connectOptions.tls = {
      rejectUnauthorized: true,
      ...(tls.caCerts ? { ca: tls.caCerts } : {}),
      ...(tls.serverName ? { serverName: tls.serverName } : {}),
    };
  }
  // Abandoned: the socket closes, now or as soon as it exists.
  const onAbort = () => {
    socket?.terminate();
    finish();
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    socket = await bun.connect(connectOptions);
    signal?.throwIfAborted();
    if (connectOptions.tls) await handshake;
    else handshaken = undefined;
    signal?.throwIfAborted();
  } catch (error) {
    onAbort();
    throw signal?.aborted ? signal.reason : error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  if (options.path === undefined) socket.setNoDelay(true);
  const connected = socket;

  const writable = new WritableStream<Uint8Array>({
    write(chunk) {
      if (ended) return Promise.reject(failure);
      const written = connected.write(chunk);
      if (written >= chunk.length) return;
      rest = chunk.subarray(Math.max(0, written));
      return new Promise<void>((resolve, reject) => {
        settle = { resolve, reject };
      });
    },
    close() {
      connected.end();
    },
    abort() {
      connected.terminate();
    },
  });

  return {
    readable,
    writable,
    close() {
      if (!ended) connected.terminate();
      finish();
    },
  };
}
