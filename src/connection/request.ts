/**
 * One command on its way: what a connection keeps per command in flight
 * (the argument vector, how to decode and transform the reply, the
 * promise to settle, the deadline), and the per-call options a caller
 * gives.
 *
 * @module
 */

import { commandLabel } from "../_args.ts";
import type { Arg, Reply } from "../resp/types.ts";

/**
 * Per-call options: a timeout and an abort signal. They work before and
 * after the command was written: the call rejects at once with a
 * `DOMException` (`"TimeoutError"`, or the signal's reason, by default an
 * `"AbortError"`), and the reply that arrives later is discarded without
 * disturbing the order of the other replies.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const value = await client.withOptions({ timeout: 500 }).get("key");
 * const controller = new AbortController();
 * const popped = client.withOptions({ signal: controller.signal }).blpop(["jobs"], 0);
 * controller.abort();
 * ```
 */
export interface CallOptions {
  /** Milliseconds until the call rejects with a `"TimeoutError"`. */
  timeout?: number;
  /** Rejects the call when aborted, with the signal's reason. */
  signal?: AbortSignal;
}

/** Receives the RESP3 attributes sent before a reply. */
export type AttributesHandler = (attributes: Map<Reply, Reply>) => void;

/** The options one request carries: the call's, and an attributes handler. */
export interface RequestOptions extends CallOptions {
  /** Receives the RESP3 attributes sent before this command's reply. */
  onAttributes?: AttributesHandler;
}

/** A declaration's reply transform, erased to the common shape. */
export type Transform = ((reply: Reply) => unknown) | undefined;

/** A command waiting for its reply. */
export interface Request {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  transform: Transform;
  bytes: boolean;
  onAttributes: AttributesHandler | undefined;
  /** The command, kept to send it again after a reconnect. */
  argv: readonly Arg[];
  /** Read-only: safe to send again (`retryReadOnly`). */
  readonly: boolean;
  /** Its reply may decode maps and sets in their RESP2 shapes (`FLAT_REPLY`). */
  flat: boolean;
  /** Sent by the connection's owner itself (handshake); never queued or resent. */
  internal: boolean;
  /** Settled early (timeout, abort, lost): its reply is discarded. */
  done: boolean;
  /** The command's timeout, when it has one. */
  ticket?: Ticket;
  /**
   * The command may get no reply at all (SUBSCRIBE in RESP3 answers with
   * pushes) or an error; a PING always follows it, so a reply that is not
   * an error belongs to the next command.
   */
  optional: boolean;
}

/**
 * A command's deadline. It lets go of the command as soon as the command
 * settles, so a long timeout does not keep finished commands in memory.
 */
export interface Ticket {
  at: number;
  ms: number;
  entry: Request | undefined;
}

/** The longest delay `setTimeout` takes; longer ones fire at once. */
export const MAX_DELAY_MS = 2 ** 31 - 1;

/** The reason an aborted signal rejects with. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ??
    new DOMException("The operation was aborted", "AbortError");
}

/** The `TimeoutError` of a command. */
export function timedOut(argv: readonly Arg[], ms: number): DOMException {
  return new DOMException(
    `Command "${commandLabel(argv)}" timed out after ${ms} ms`,
    "TimeoutError",
  );
}

/**
 * Settles a request before its reply (timeout, abort, a full offline
 * queue); the reply, if one comes, is then discarded in its turn.
 */
export function settle(entry: Request, error: unknown): void {
  if (entry.done) return;
  entry.done = true;
  if (entry.ticket !== undefined) entry.ticket.entry = undefined;
  entry.reject(error);
}

/** Settles `entry` when `signal` aborts; the listener goes when it settles. */
export function abortOn(entry: Request, signal: AbortSignal): void {
  const onAbort = () => settle(entry, abortReason(signal));
  signal.addEventListener("abort", onAbort, { once: true });
  const { resolve, reject } = entry;
  entry.resolve = (value) => {
    signal.removeEventListener("abort", onAbort);
    resolve(value);
  };
  entry.reject = (error) => {
    signal.removeEventListener("abort", onAbort);
    reject(error);
  };
}

const textDecoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Turns every `Uint8Array` in a reply into text. */
export function toText(reply: Reply): Reply {
  if (reply instanceof Uint8Array) return textDecoder.decode(reply);
  if (Array.isArray(reply)) return reply.map(toText);
  if (reply instanceof Map) {
    return new Map([...reply].map(([k, v]) => [toText(k), toText(v)]));
  }
  if (reply instanceof Set) return new Set([...reply].map(toText));
  return reply;
}
