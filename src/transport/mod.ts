/**
 * Opens sockets on the runtime in use. This is the one place that tells
 * one runtime from another, and it loads only the module of the runtime in
 * use, on the first connection; everything outside `src/transport/` is
 * plain web platform code.
 *
 * @module
 */

import type { RespSocket, SocketOptions, TransportName } from "./types.ts";

export type {
  Connector,
  RespSocket,
  SocketOptions,
  TlsOptions,
  TransportName,
} from "./types.ts";
export { TlsHandshakeError } from "./types.ts";

const TRANSPORTS: readonly TransportName[] = [
  "bun",
  "deno",
  "node",
  "cloudflare",
];

/**
 * The transport of the runtime in use, or `undefined` when respite has
 * none for it. Bun and Deno both report a `process.versions.node`, and so
 * do Workers (with `nodejs_compat`, or any recent compatibility date), so
 * they are told apart first.
 */
export function detectTransport(): TransportName | undefined {
  const runtime = globalThis as {
    Bun?: unknown;
    Deno?: unknown;
    navigator?: { userAgent?: unknown };
    process?: { versions?: { node?: unknown } };
  };
  if (runtime.Bun !== undefined) return "bun";
  if (runtime.Deno !== undefined) return "deno";
  if (runtime.navigator?.userAgent === "Cloudflare-Workers") {
    return "cloudflare";
  }
  if (typeof runtime.process?.versions?.node === "string") return "node";
  return undefined;
}

/**
 * How many extra connections a client opens at most unless told
 * otherwise: 4 on Cloudflare Workers, which let one request hold 6
 * connections open at once (the main connection and one left for the
 * request's own `fetch`), 32 elsewhere.
 *
 * @param transport The transport the client was told to use, if any.
 */
export function defaultExtraConnections(transport?: TransportName): number {
  return (transport ?? detectTransport()) === "cloudflare" ? 4 : 32;
}

/**
 * Opens a socket with the APIs of the runtime in use (Bun, Deno, Node.js
 * or Cloudflare Workers), or of the transport `options.transport` names:
 * the default {@linkcode Connector}.
 *
 * @param options Where to connect.
 * @param signal Abandons the attempt and closes whatever it opened.
 * @returns The connected socket.
 * @throws {TypeError} The runtime has no supported socket API; pass a
 *   `connector`, or your own `{ readable, writable }` pair, to `connect`
 *   instead. Or `options.transport` names no transport, or one this
 *   runtime cannot load, or asks for what that transport cannot do.
 */
export async function openSocket(
  options: SocketOptions,
  signal?: AbortSignal,
): Promise<RespSocket> {
  const forced = options.transport;
  if (forced !== undefined && !TRANSPORTS.includes(forced)) {
    throw new TypeError(
      `Invalid option "transport": "${String(forced)}" is not one of ${
        TRANSPORTS.map((name) => `"${name}"`).join(", ")
      }`,
    );
  }
  const transport = forced ?? detectTransport();
  switch (transport) {
    case "bun": {
      const { openBunSocket } = await load(transport, () => import("./bun.ts"));
      return await openBunSocket(options, signal);
    }
    case "deno": {
      // TLS through node:tls: see the note in deno.ts.
      if (options.tls && options.path === undefined) {
        const { openNodeSocket } = await load(
          transport,
          () => import("./node.ts"),
        );
        return await openNodeSocket(options, signal);
      }
      const { openDenoSocket } = await load(
        transport,
        () => import("./deno.ts"),
      );
      return await openDenoSocket(options, signal);
    }
    case "node": {
      const { openNodeSocket } = await load(
        transport,
        () => import("./node.ts"),
      );
      return await openNodeSocket(options, signal);
    }
    case "cloudflare": {
      const { openCloudflareSocket } = await load(
        transport,
        () => import("./cloudflare.ts"),
      );
      return await openCloudflareSocket(options, signal);
    }
    default:
      throw new TypeError(
        'Cannot open a socket on this runtime: pass a "connector", or a { readable, writable } "socket", instead',
      );
  }
}

/** The module of `transport`, or a TypeError when this runtime lacks it. */
async function load<T>(
  transport: TransportName,
  importer: () => Promise<T>,
): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    throw new TypeError(
      `Cannot load the "${transport}" transport on this runtime: ${
        error instanceof Error ? error.message : String(error)
      }`,
      { cause: error },
    );
  }
}
