/**
 * Opening the socket of a connection attempt: the caller's own socket, the
 * caller's `connector`, or the runtime's transport; with a time limit that
 * closes the socket wherever it is, and failures as `ConnectionError`s.
 *
 * @module
 */

import {
  ConnectionClosedError,
  ConnectionError,
  RedisError,
} from "../errors.ts";
import type { ConnectOptions } from "../_connect_options.ts";
import { openSocket } from "../transport/mod.ts";
import type { RespSocket } from "../transport/types.ts";
import { MAX_DELAY_MS } from "./request.ts";

/**
 * The time limit of a (re)connect attempt: after `ms` milliseconds
 * (`Infinity`: never) `expired` rejects with `error()` and `controller`
 * aborts with it, which closes the socket the attempt is opening.
 */
export function attemptDeadline(
  ms: number,
  error: () => DOMException,
  controller: AbortController,
): { expired: Promise<never>; clear(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    if (ms === Infinity) return;
    timer = setTimeout(() => {
      const reason = error();
      controller.abort(reason);
      reject(reason);
    }, Math.min(ms, MAX_DELAY_MS));
  });
  expired.catch(() => {});
  return { expired, clear: () => clearTimeout(timer) };
}

/** The `TimeoutError` of a (re)connect attempt that ran out of time. */
export function attemptTimedOut(
  verb: "Connecting" | "Reconnecting",
  address: string,
  options: ConnectOptions,
  ms: number,
  opened: boolean,
): DOMException {
  return new DOMException(
    `${verb} to "${address}" timed out after ${ms} ms${
      opened
        ? ""
        : options.tls
        ? " while opening the TLS connection (is it a TLS port?)"
        : " while opening the connection"
    }`,
    "TimeoutError",
  );
}

/**
 * The socket of `options`: the caller's own, or one opened by the caller's
 * `connector` or the runtime's transport (abandoned when `signal` aborts),
 * with a failure to open it as a {@linkcode ConnectionError}.
 */
export async function openOrWrap(
  options: ConnectOptions,
  address: string,
  signal: AbortSignal,
): Promise<RespSocket> {
  const own = options.socket;
  if (own) {
    const socket: RespSocket = {
      readable: own.readable,
      writable: own.writable,
      close: () => {
        try {
          own.close?.();
        } catch {
          // Already closed.
        }
      },
    };
    if (own.setReadTarget) {
      socket.setReadTarget = own.setReadTarget.bind(own);
    }
    return socket;
  }
  try {
    const connector = options.connector;
    return connector === undefined
      ? await openSocket(options, signal)
      : await connector(
        {
          hostname: options.hostname,
          port: options.port,
          path: options.path,
          tls: options.tls,
        },
        signal,
      );
  } catch (error) {
    if (
      signal.aborted || error instanceof RedisError ||
      error instanceof TypeError
    ) {
      throw error;
    }
    throw new ConnectionError(
      `Cannot connect to "${address}": ${describeCause(error)}`,
      { cause: error },
    );
  }
}

/**
 * `error` as a {@linkcode ConnectionError}: as it is when it is one,
 * otherwise wrapped with `message` and the error as its `cause`.
 */
export function asConnectionError(
  message: string,
  error: unknown,
): ConnectionError {
  // A timeout says on its own what timed out.
  if (error instanceof DOMException && error.name === "TimeoutError") {
    return new ConnectionError(error.message, { cause: error });
  }
  let reason: string;
  if (error instanceof ConnectionClosedError && error.cause === undefined) {
    reason = "the server closed the connection during the handshake";
  } else if (error instanceof ConnectionError && error.cause !== undefined) {
    reason = describeCause(error.cause);
  } else {
    reason = describeCause(error);
  }
  return new ConnectionError(`${message}: ${reason}`, { cause: error });
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (code === "ECONNREFUSED" || error.name === "ConnectionRefused") {
      return "connection refused";
    }
    return error.message;
  }
  return String(error);
}
