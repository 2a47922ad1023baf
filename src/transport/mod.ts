/**
 * Opens sockets on the runtime in use. This is the one place that tells Deno
 * from Bun; everything outside `src/transport/` is plain web platform code.
 *
 * @module
 */

import { openBunSocket } from "./bun.ts";
import { openDenoSocket } from "./deno.ts";
import { openNodeSocket } from "./node.ts";
import type { RespSocket, SocketOptions } from "./types.ts";

export type { RespSocket, SocketOptions, TlsOptions } from "./types.ts";
export { TlsHandshakeError } from "./types.ts";

/**
 * Opens a socket with the APIs of the runtime in use (Bun or Deno).
 *
 * @param options Where to connect.
 * @param signal Abandons the attempt and closes whatever it opened.
 * @returns The connected socket.
 * @throws {TypeError} The runtime has no supported socket API; pass your own
 *   `{ readable, writable }` pair to `connect` instead.
 */
export function openSocket(
  options: SocketOptions,
  signal?: AbortSignal,
): Promise<RespSocket> {
  const runtime = globalThis as { Bun?: unknown; Deno?: unknown };
  if (runtime.Bun !== undefined) return openBunSocket(options, signal);
  if (runtime.Deno !== undefined) {
    // TLS through node:tls: see the note in deno.ts.
    return options.tls && options.path === undefined
      ? openNodeSocket(options, signal)
      : openDenoSocket(options, signal);
  }
  return Promise.reject(
    new TypeError(
      "Cannot open a socket on this runtime: pass a { readable, writable } socket instead",
    ),
  );
}
