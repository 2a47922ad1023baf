/**
 * Sockets on Deno: `Deno.connect` (TCP, Unix) and `Deno.startTls`.
 *
 * @module
 */

import type { RespSocket, SocketOptions } from "./types.ts";

/**
 * Opens a socket with Deno's APIs. Deno connections already expose web
 * streams, so they are used as they are.
 *
 * @param options Where to connect.
 * @returns The connected socket.
 */
export async function openDenoSocket(
  options: SocketOptions,
): Promise<RespSocket> {
  let conn: Deno.Conn;
  if (options.path !== undefined) {
    conn = await Deno.connect({ transport: "unix", path: options.path });
  } else {
    const hostname = options.hostname ?? "127.0.0.1";
    const tcp = await Deno.connect({ hostname, port: options.port ?? 6379 });
    tcp.setNoDelay(true);
    tcp.setKeepAlive(true);
    conn = tcp;
    if (options.tls) {
      const tls = options.tls === true ? {} : options.tls;
      try {
        conn = await Deno.startTls(tcp, {
          hostname: tls.serverName ?? hostname,
          ...(tls.caCerts ? { caCerts: tls.caCerts } : {}),
        });
        // The handshake runs lazily; complete it so a bad certificate fails
        // the connect rather than the first command.
        await (conn as Deno.TlsConn).handshake();
      } catch (error) {
        closeQuietly(conn);
        closeQuietly(tcp);
        throw error;
      }
    }
  }
  return {
    readable: conn.readable,
    writable: conn.writable,
    close: () => closeQuietly(conn),
  };
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // Already closed.
  }
}
