/**
 * The runtime-neutral socket shape every transport returns.
 *
 * @module
 */

/**
 * A duplex byte stream to a Redis server: what every transport returns and
 * what a caller may bring instead of an address (for example a Cloudflare
 * Workers socket, or a test double).
 *
 * @example Bring your own streams
 * ```ts
 * import type { RespSocket } from "@respite/redis";
 *
 * function fromPair(
 *   readable: ReadableStream<Uint8Array>,
 *   writable: WritableStream<Uint8Array>,
 * ): RespSocket {
 *   return { readable, writable, close() {} };
 * }
 * ```
 */
export interface RespSocket {
  /** Bytes from the server. */
  readonly readable: ReadableStream<Uint8Array>;
  /** Bytes to the server; one `write` per batch of commands. */
  readonly writable: WritableStream<Uint8Array>;
  /** Closes the connection at once. Must not throw when already closed. */
  close(): void;
  /**
   * Optional: takes a function the transport calls before each read with
   * the number of chunks its `readable` has produced so far. When that
   * returns a view, the transport reads into the view and produces the
   * bytes read as a view of it (its first bytes), instead of using a buffer
   * of its own: the client passes the unfilled part of a large value's
   * buffer, so the value is read straight into place. `undefined` means
   * the transport's own buffer.
   */
  setReadTarget?(
    target: (produced: number) => Uint8Array | undefined,
  ): void;
}

/**
 * TLS settings for {@linkcode SocketOptions.tls}. Certificates are always
 * verified against the system roots, or against `caCerts` when given.
 *
 * @example
 * ```ts
 * import type { TlsOptions } from "@respite/redis";
 *
 * const tls: TlsOptions = { caCerts: ["-----BEGIN CERTIFICATE-----..."], serverName: "localhost" };
 * ```
 */
export interface TlsOptions {
  /** PEM certificates of the authorities to trust instead of the system's. */
  caCerts?: string[];
  /** The name to verify the server certificate against (and send as SNI); defaults to the hostname. */
  serverName?: string;
}

/**
 * Where and how to open a socket.
 *
 * @example
 * ```ts
 * import type { SocketOptions } from "@respite/redis";
 *
 * const local: SocketOptions = { hostname: "127.0.0.1", port: 6379 };
 * const unix: SocketOptions = { path: "/run/redis/redis.sock" };
 * ```
 */
export interface SocketOptions {
  /** Host name or IP address (IPv6 without brackets). @default {"127.0.0.1"} */
  hostname?: string;
  /** TCP port. @default {6379} */
  port?: number;
  /** Path of a Unix domain socket; takes precedence over hostname and port. */
  path?: string;
  /** Use TLS: `true` for the defaults, or the settings to use. */
  tls?: boolean | TlsOptions;
  /**
   * The transport to open the socket with, instead of the runtime's own:
   * for example `"node"` to use `node:net` on Deno or Bun. The module of
   * any other transport is never loaded.
   */
  transport?: TransportName;
}

/**
 * The socket APIs respite has a transport for: `Bun.connect`,
 * `Deno.connect`, `node:net`/`node:tls`, and `connect()` from
 * `cloudflare:sockets`.
 *
 * @example Use node:net on Deno
 * ```ts
 * import type { TransportName } from "@respite/redis";
 *
 * const transport: TransportName = "node";
 * ```
 */
export type TransportName = "bun" | "deno" | "node" | "cloudflare";

/**
 * Opens a socket to the address in `options`: what a client uses for its
 * connection, its reconnects and every extra connection (blocking
 * commands, `watch()`, the RESP2 subscriber, `duplicate()`, a pool). The
 * runtime's own transport is the default; pass one as the `connector`
 * option to open sockets another way (a proxy, a test double, a runtime
 * respite has no transport for). It must close whatever it opened when
 * `signal` aborts, and reject with an error that says what failed.
 *
 * @example A connector that counts the sockets it opens (on Deno)
 * ```ts
 * import { connect, type Connector } from "@respite/redis";
 *
 * let opened = 0;
 * const counting: Connector = async (options, signal) => {
 *   const { hostname = "127.0.0.1", port = 6379 } = options;
 *   const conn = await Deno.connect({ hostname, port, signal });
 *   opened++;
 *   return {
 *     readable: conn.readable,
 *     writable: conn.writable,
 *     close() {
 *       try {
 *         conn.close();
 *       } catch {
 *         // already closed
 *       }
 *     },
 *   };
 * };
 * await using client = await connect({ port: 6379, connector: counting });
 * console.log(opened); // 1
 * ```
 */
export type Connector = (
  options: SocketOptions,
  signal: AbortSignal,
) => Promise<RespSocket>;

/**
 * The TLS handshake of a new socket failed: the certificate did not verify,
 * or the server does not speak TLS on that port. Transports throw it; the
 * client reports it as a `ConnectionError` whose `cause` this is.
 *
 * @example
 * ```ts
 * import { TlsHandshakeError } from "@respite/redis";
 *
 * const error = new TlsHandshakeError("invalid peer certificate: UnknownIssuer");
 * console.log(error.message); // "TLS handshake failed: invalid peer certificate: UnknownIssuer"
 * ```
 */
export class TlsHandshakeError extends Error {
  /**
   * Creates the error.
   *
   * @param reason What the TLS library reported.
   * @param options The standard error options, such as `cause`.
   */
  constructor(reason: string, options?: ErrorOptions) {
    super(`TLS handshake failed: ${reason}`, options);
    this.name = "TlsHandshakeError";
  }
}
