/**
 * Opens sockets on the runtime in use. This is the one place that tells
 * one runtime from another, and it loads only the module of the runtime in
 * use, on the first connection; everything outside `src/transport/` is
 * plain web platform code.
 *
 * @module
 */

import type { RespSocket, SocketOptions } from "./types.ts";

export type {
  Connector,
  RespSocket,
  SocketOptions,
  TlsOptions,
} from "./types.ts";
export { TlsHandshakeError } from "./types.ts";

/**
 * Opens a socket with the APIs of the runtime in use (Bun or Deno): the
 * default {@linkcode Connector}.
 *
 * @param options Where to connect.
 * @param signal Abandons the attempt and closes whatever it opened.
 * @returns The connected socket.
 * @throws {TypeError} The runtime has no supported socket API; pass a
 *   `connector`, or your own `{ readable, writable }` pair, to `connect`
 *   instead.
 */
export async function openSocket(
  options: SocketOptions,
  signal?: AbortSignal,
): Promise<RespSocket> {
  const runtime = globalThis as { Bun?: unknown; Deno?: unknown };
  if (runtime.Bun !== undefined) {
    const { openBunSocket } = await import("./bun.ts");
    return await openBunSocket(options, signal);
  }
  if (runtime.Deno !== undefined) {
    // TLS through node:tls: see the note in deno.ts.
    if (options.tls && options.path === undefined) {
      const { openNodeSocket } = await import("./node.ts");
      return await openNodeSocket(options, signal);
    }
    const { openDenoSocket } = await import("./deno.ts");
    return await openDenoSocket(options, signal);
  }
  throw new TypeError(
    'Cannot open a socket on this runtime: pass a "connector", or a { readable, writable } "socket", instead',
  );
}
