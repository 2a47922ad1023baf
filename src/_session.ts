/**
 * The state of a connection that commands can change (database, user,
 * name, tracking, ...): which commands change it and how, which commands a
 * shared connection must refuse because they break the pairing of
 * requests and replies, and the commands that restore the state on a new
 * connection.
 *
 * @module
 */

import { commandLabel } from "./_args.ts";
import type { Arg } from "./resp/types.ts";

/**
 * What a client re-applies on every connection it opens, besides the
 * options of `connect` (database, user, password and name live there).
 */
export interface Session {
  /** `READONLY` was sent (a cluster replica serves reads). */
  readonly?: boolean;
  /** `CLIENT NO-EVICT ON` was sent. */
  noEvict?: boolean;
  /** `CLIENT NO-TOUCH ON` was sent. */
  noTouch?: boolean;
  /** The `CLIENT TRACKING ON ...` command that is in force. */
  tracking?: readonly Arg[];
}

/** A change of connection state, applied once the server accepted it. */
export interface StateChange {
  /** Database, user, password or name, as `connect` options. */
  options?: {
    db?: number;
    username?: string | undefined;
    password?: string;
    clientName?: string;
  };
  /** The session fields that change. */
  session?: Partial<Session>;
}

/** Names that may need a look (cheap first test on `sendCommand`). */
export const SPECIAL =
  /^(?:multi|exec|discard|watch|unwatch|(?:p|s)?(?:un)?subscribe|monitor|sync|psync|replconf|quit|reset|select|auth|hello|client|readonly|readwrite)$/i;

const TRANSACTIONAL = /^(?:multi|exec|discard|watch|unwatch)$/i;
const PUBSUB = /^(?:p|s)?(?:un)?subscribe$/i;

/**
 * How a shared connection must treat a command: `undefined` for an
 * ordinary command, a `TypeError` for one it refuses, or the change of
 * state the command makes. `protocol` is the one the connection speaks;
 * `batch` names the pipeline or transaction the command is added to, for
 * the message.
 */
export function classify(
  argv: readonly Arg[],
  protocol: 2 | 3,
  batch?: "pipeline" | "transaction",
): StateChange | TypeError | undefined {
  const name = argv[0];
  if (typeof name !== "string" || !SPECIAL.test(name)) return undefined;
  const upper = name.toUpperCase();
  const label = commandLabel(argv);
  const refuse = (why: string) =>
    new TypeError(
      batch === undefined
        ? `Cannot send "${label}" on a shared connection: ${why}`
        : `Cannot add "${label}" to a ${batch}: ${why}`,
    );
  if (TRANSACTIONAL.test(upper)) {
    return refuse(
      "other callers' commands share the connection and would fall inside the transaction; use client.multi(), or client.watch() for WATCH",
    );
  }
  if (PUBSUB.test(upper)) {
    return refuse(
      "its replies do not follow the one-reply-per-command rule; use client.subscribe(), psubscribe() or ssubscribe()",
    );
  }
  const text = (i: number): string | undefined => {
    const arg = argv[i];
    return typeof arg === "string"
      ? arg
      : arg instanceof Uint8Array
      ? new TextDecoder().decode(arg)
      : typeof arg === "number" || typeof arg === "bigint"
      ? String(arg)
      : undefined;
  };
  switch (upper) {
    case "MONITOR":
    case "SYNC":
    case "PSYNC":
    case "REPLCONF":
      return refuse(
        "its replies do not follow the one-reply-per-command rule (it turns the connection into a stream for replication or monitoring)",
      );
    case "QUIT":
      return refuse(
        "the server would close the connection under the other callers; use client.close(), which waits for pending replies",
      );
    case "RESET":
      return refuse(
        "it would silently undo the database, user, name and protocol the client set up; use client.duplicate() for a fresh connection",
      );
    case "SELECT": {
      const db = Number(text(1));
      return Number.isSafeInteger(db) && db >= 0
        ? { options: { db } }
        : undefined;
    }
    case "AUTH": {
      if (argv.length === 2) {
        return { options: { username: undefined, password: text(1) ?? "" } };
      }
      if (argv.length === 3) {
        return { options: { username: text(1), password: text(2) ?? "" } };
      }
      return undefined;
    }
    case "READONLY":
      return { session: { readonly: true } };
    case "READWRITE":
      return { session: { readonly: false } };
    case "HELLO":
      return hello(argv, protocol, text, refuse);
    case "CLIENT":
      return client(argv, text, refuse);
  }
  return undefined;
}

function hello(
  argv: readonly Arg[],
  protocol: 2 | 3,
  text: (i: number) => string | undefined,
  refuse: (why: string) => TypeError,
): StateChange | TypeError | undefined {
  if (argv.length === 1) return undefined;
  const version = text(1);
  if (version !== String(protocol)) {
    return refuse(
      `the client speaks RESP${protocol} and decodes replies, subscriptions and reconnects by it; connect with { protocol: ${
        version === "2" ? 2 : 3
      } } instead of switching with HELLO ${version ?? ""}`.trimEnd(),
    );
  }
  const change: StateChange = {};
  for (let i = 2; i < argv.length; i++) {
    const word = text(i)?.toUpperCase();
    if (word === "AUTH" && i + 2 < argv.length) {
      change.options = {
        ...change.options,
        username: text(i + 1),
        password: text(i + 2) ?? "",
      };
      i += 2;
    } else if (word === "SETNAME" && i + 1 < argv.length) {
      change.options = { ...change.options, clientName: text(i + 1) ?? "" };
      i += 1;
    }
  }
  return change.options === undefined ? undefined : change;
}

function client(
  argv: readonly Arg[],
  text: (i: number) => string | undefined,
  refuse: (why: string) => TypeError,
): StateChange | TypeError | undefined {
  const sub = text(1)?.toUpperCase();
  const on = text(2)?.toUpperCase();
  switch (sub) {
    case "REPLY":
      return refuse(
        "CLIENT REPLY OFF and SKIP suppress replies, so replies would reach the wrong callers or never come",
      );
    case "SETNAME":
      return argv.length === 3
        ? { options: { clientName: text(2) ?? "" } }
        : undefined;
    case "NO-EVICT":
      return on === "ON" || on === "OFF"
        ? { session: { noEvict: on === "ON" } }
        : undefined;
    case "NO-TOUCH":
      return on === "ON" || on === "OFF"
        ? { session: { noTouch: on === "ON" } }
        : undefined;
    case "TRACKING":
      return on === "ON"
        ? { session: { tracking: [...argv] } }
        : on === "OFF"
        ? { session: { tracking: undefined } }
        : undefined;
  }
  return undefined;
}

/**
 * The commands that put a new connection into `session`'s state, in the
 * order to send them (after the handshake's HELLO, AUTH, SELECT, SETNAME).
 */
export function sessionSteps(session: Session | undefined): Arg[][] {
  if (session === undefined) return [];
  const steps: Arg[][] = [];
  if (session.readonly) steps.push(["READONLY"]);
  if (session.noEvict) steps.push(["CLIENT", "NO-EVICT", "ON"]);
  if (session.noTouch) steps.push(["CLIENT", "NO-TOUCH", "ON"]);
  if (session.tracking !== undefined) steps.push([...session.tracking]);
  return steps;
}

/** Seconds given as the argument at `index`, in milliseconds. */
function seconds(argv: readonly Arg[], index: number): number {
  return Number(argv[index]) * 1000;
}

/**
 * How long a command flagged as blocking blocks with these arguments, in
 * milliseconds: 0 for ever (a timeout of 0), `undefined` when it does not
 * block at all (XREAD and XREADGROUP without BLOCK) or the name is not one
 * of the blocking commands. A timeout that is not a number counts as 0;
 * the server refuses it anyway.
 */
export function blockTime(argv: readonly Arg[]): number | undefined {
  const name = argv[0];
  if (typeof name !== "string") return undefined;
  let ms: number;
  switch (name.toUpperCase()) {
    case "BLPOP":
    case "BRPOP":
    case "BRPOPLPUSH":
    case "BLMOVE":
    case "BZPOPMIN":
    case "BZPOPMAX":
      ms = seconds(argv, argv.length - 1);
      break;
    case "BLMPOP":
    case "BZMPOP":
      ms = seconds(argv, 1);
      break;
    case "BLMOVEM":
      // BLMOVEM source destination from to timeout [COUNT n | EXACTLY n] ...
      ms = seconds(argv, 5);
      break;
    case "XREAD":
    case "XREADGROUP": {
      const at = argv.findIndex((arg) =>
        typeof arg === "string" && /^block$/i.test(arg)
      );
      if (at < 0) return undefined;
      ms = Number(argv[at + 1]);
      break;
    }
    case "WAIT":
      ms = Number(argv[2]);
      break;
    case "WAITAOF":
      ms = Number(argv[3]);
      break;
    default:
      return undefined;
  }
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}
