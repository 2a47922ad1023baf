/**
 * Sockets on Cloudflare Workers: `connect()` from `cloudflare:sockets`.
 *
 * That module exists only in workerd, so it is imported by a name no
 * bundler or type checker follows: a Worker bundle keeps the import for
 * workerd to resolve, and no other runtime ever loads it.
 *
 * @module
 */

import {
  type RespSocket,
  type SocketOptions,
  TlsHandshakeError,
} from "./types.ts";

/** The parts of a `cloudflare:sockets` socket used here. */
interface WorkersSocket {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
  readonly opened: Promise<unknown>;
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

interface WorkersSockets {
  connect(
    address: { hostname: string; port: number },
    options: { secureTransport: "on" | "off"; allowHalfOpen: boolean },
  ): WorkersSocket;
}

/** The module's name, out of sight of bundlers and type checkers. */
const SOCKETS_MODULE = ["cloudflare", "sockets"].join(":");

let sockets: Promise<WorkersSockets> | undefined;

/**
 * Opens a TCP socket, or a TLS one when `options.tls` is set, with
 * `connect()` from `cloudflare:sockets`, and waits until it is open, so a
 * refused connection or a certificate that does not verify fails the
 * connect. Certificates are verified against the public roots and the
 * hostname: Workers can neither trust another CA nor check another name.
 * workerd reports both failures alike ("proxy request failed, cannot
 * connect to the specified address"), so a failure is a
 * {@linkcode TlsHandshakeError} only when the runtime's error names TLS.
 *
 * @param options Where to connect.
 * @param signal Abandons the attempt: the socket is closed and the call
 *   rejects with the signal's reason.
 * @returns The connected socket.
 * @throws {TypeError} For what Workers cannot do: a Unix socket path, TLS
 *   `caCerts`, or a TLS `serverName` other than the hostname; or when
 *   `cloudflare:sockets` is missing (not a Worker).
 */
export async function openCloudflareSocket(
  options: SocketOptions,
  signal?: AbortSignal,
): Promise<RespSocket> {
  signal?.throwIfAborted();
  if (options.path !== undefined) {
    throw new TypeError(
      `Cannot connect to the Unix socket "${options.path}" on Cloudflare Workers: they open TCP connections only`,
    );
  }
  const hostname = options.hostname ?? "127.0.0.1";
  const tls = options.tls;
  if (typeof tls === "object" && tls !== null) {
    if (tls.caCerts !== undefined) {
      throw new TypeError(
        'Invalid TLS option "caCerts" on Cloudflare Workers: they verify certificates against the public roots only',
      );
    }
    if (tls.serverName !== undefined && tls.serverName !== hostname) {
      throw new TypeError(
        `Invalid TLS option "serverName" "${tls.serverName}" on Cloudflare Workers: they verify the certificate against the hostname "${hostname}" only`,
      );
    }
  }
  const secure = tls !== undefined && tls !== false;
  const { connect } = await loadSockets();
  signal?.throwIfAborted();
  const socket = connect(
    { hostname, port: options.port ?? 6379 },
    { secureTransport: secure ? "on" : "off", allowHalfOpen: false },
  );
  const closeQuietly = () => {
    socket.close().catch(() => {});
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const aborted = () => reject(signal!.reason);
      signal?.addEventListener("abort", aborted, { once: true });
      socket.opened.then(
        () => {
          signal?.removeEventListener("abort", aborted);
          resolve();
        },
        (error: unknown) => {
          signal?.removeEventListener("abort", aborted);
          reject(
            secure && tlsFailure(error)
              ? new TlsHandshakeError(
                error instanceof Error ? error.message : String(error),
                { cause: error },
              )
              : error,
          );
        },
      );
    });
  } catch (error) {
    closeQuietly();
    throw error;
  }
  // A rejected `closed` is reported by the streams; keep it unhandled-free.
  socket.closed.catch(() => {});
  return {
    readable: socket.readable,
    writable: socket.writable,
    close: closeQuietly,
  };
}

function loadSockets(): Promise<WorkersSockets> {
  sockets ??= (import(SOCKETS_MODULE) as Promise<WorkersSockets>).catch(
    (error: unknown) => {
      sockets = undefined;
      throw new TypeError(
        `Cannot use the "cloudflare" transport: "${SOCKETS_MODULE}" is not available (not a Cloudflare Worker)`,
        { cause: error },
      );
    },
  );
  return sockets;
}

/**
 * Whether `error` says that the TLS handshake failed. workerd tells a
 * Worker only "proxy request failed, cannot connect to the specified
 * address" both when nothing listens and when the certificate does not
 * verify, so only an error that names TLS counts as a handshake failure.
 */
function tlsFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /\b(tls|ssl|certificate|handshake)\b/i.test(message);
}
