/**
 * The handshake of a new connection: `HELLO` (with `AUTH` and `SETNAME`)
 * and `SELECT`, written at once, or their RESP2 forms when the server has
 * no `HELLO`; then the steps that restore the tracked session (READONLY,
 * CLIENT TRACKING, ...), then any steps the owner adds (a ROLE check, say).
 *
 * @module
 */

import { ReplyError } from "../errors.ts";
import type { ConnectOptions } from "../_connect_options.ts";
import { type Session, sessionSteps } from "../_session.ts";
import type { Arg, Reply } from "../resp/types.ts";
import type { Connection } from "./connection.ts";
import { VERSION } from "../_version.ts";

/** The library name the handshake reports with `CLIENT SETINFO`. */
const LIB_NAME = "respite";

/**
 * What the server said about itself in the handshake: the fields of its
 * `HELLO` reply. A server without HELLO (before Redis 6) reports only
 * `proto`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const { name, version, mode } = client.server; // "valkey", "8.0.1", "standalone"
 * ```
 */
export interface ServerInfo {
  /**
   * The server software in lower case: `"redis"` or `"valkey"` (from
   * HELLO's `server` field).
   */
  name?: string;
  /** HELLO's own `server` field, as the server spelt it. */
  server?: string;
  /**
   * The server version, such as `"7.0.15"`. Valkey reports its own version
   * (`"8.0.1"`), not the Redis version it is compatible with.
   */
  version?: string;
  /** The protocol in use. */
  proto: 2 | 3;
  /** The client id of this connection. */
  id?: number;
  /** `standalone`, `sentinel` or `cluster`. */
  mode?: string;
  /** `master` or `replica`. */
  role?: string;
  /** Every other field of the HELLO reply. */
  [field: string]: Reply | undefined;
}

/**
 * A step an owner adds to every handshake of its connections, after the
 * standard ones (a replica's `READONLY`, a `ROLE` check): it sends through
 * `send` and throws to fail the connection.
 */
export type HandshakeStep = (
  send: (argv: readonly Arg[]) => Promise<unknown>,
  server: ServerInfo,
) => Promise<void>;

/** A session step the server refused; the session no longer has it. */
export interface RefusedStep {
  step: Arg[];
  error: ReplyError;
}

/** What a handshake found. */
export interface HandshakeResult {
  server: ServerInfo;
  /** Session steps the server refused (the connection is still good). */
  refused: RefusedStep[];
}

/**
 * Runs the handshake on `connection`. A server that wants a password
 * nobody gave gets a message saying so.
 *
 * @param connection The new connection.
 * @param options The connection options (protocol, credentials, db, name).
 * @param address A label for messages.
 * @param session The tracked session to restore.
 * @param steps The owner's own steps, run last.
 * @returns The server's info and the session steps it refused.
 */
export async function handshake(
  connection: Connection,
  options: ConnectOptions,
  address: string,
  session: Session | undefined,
  steps: readonly HandshakeStep[] = [],
): Promise<HandshakeResult> {
  let server: ServerInfo;
  try {
    server = await hello(connection, options);
  } catch (error) {
    if (
      error instanceof ReplyError && error.code === "NOAUTH" &&
      options.password === undefined
    ) {
      throw new ReplyError(
        `NOAUTH The server at "${address}" requires a password and none was given: set "password" (and "username" for an ACL user) in the options or the URL`,
        { cause: error },
      );
    }
    throw error;
  }
  const refused = await restore(connection, session);
  const send = (argv: readonly Arg[]) => connection.sendDirect(argv);
  for (const step of steps) await step(send, server);
  return { server, refused };
}

/**
 * HELLO (with AUTH and SETNAME), CLIENT SETINFO and SELECT, written at
 * once, or their RESP2 forms.
 */
async function hello(
  connection: Connection,
  options: ConnectOptions,
): Promise<ServerInfo> {
  if ((options.protocol ?? 3) !== 3) {
    return await resp2(connection, options, false);
  }
  const hello: Arg[] = ["HELLO", 3];
  if (options.password !== undefined) {
    hello.push("AUTH", options.username ?? "default", options.password);
  }
  if (options.clientName) hello.push("SETNAME", options.clientName);
  const helloReply = connection.sendDirect(hello);
  const libInfo = sendClientInfo(connection, options);
  const select = options.db
    ? connection.sendDirect(["SELECT", options.db])
    : undefined;
  let info: unknown;
  try {
    info = await helloReply;
  } catch (error) {
    await select?.catch(() => {});
    if (
      error instanceof ReplyError &&
      (error.code === "NOPROTO" || /unknown command/i.test(error.message))
    ) {
      return await resp2(connection, options, true);
    }
    throw error;
  }
  await libInfo;
  await select;
  return toServerInfo(info, 3);
}

/**
 * The RESP2 handshake: AUTH, SELECT and CLIENT SETNAME, with a bare
 * `HELLO 2` for the server's name, version and mode (a server without
 * HELLO, or a user not allowed it, answers with an error, which is
 * ignored) and CLIENT SETINFO unless the RESP3 attempt sent it already.
 */
async function resp2(
  connection: Connection,
  options: ConnectOptions,
  infoSent: boolean,
): Promise<ServerInfo> {
  const steps: Promise<unknown>[] = [];
  if (options.password !== undefined) {
    steps.push(connection.sendDirect(
      options.username === undefined
        ? ["AUTH", options.password]
        : ["AUTH", options.username, options.password],
    ));
  }
  const helloReply = connection.sendDirect(["HELLO", 2]).catch(() => {});
  if (!infoSent) steps.push(sendClientInfo(connection, options));
  if (options.db) steps.push(connection.sendDirect(["SELECT", options.db]));
  if (options.clientName) {
    steps.push(
      connection.sendDirect(["CLIENT", "SETNAME", options.clientName]),
    );
  }
  await Promise.all(steps);
  return toServerInfo(await helloReply, 2);
}

/**
 * Sends `CLIENT SETINFO LIB-NAME` and `LIB-VER` (unless the options turn
 * them off); resolves once both are answered, errors included: a server
 * before Redis 7.2 does not know the subcommand.
 */
function sendClientInfo(
  connection: Connection,
  options: ConnectOptions,
): Promise<unknown> {
  if (options.clientInfo === false) return Promise.resolve();
  const tag = options.clientInfoTag;
  const name = tag === undefined ? LIB_NAME : `${LIB_NAME}(${tag})`;
  const ignore = () => {};
  return Promise.all([
    connection.sendDirect(["CLIENT", "SETINFO", "LIB-NAME", name]).catch(
      ignore,
    ),
    connection.sendDirect(["CLIENT", "SETINFO", "LIB-VER", VERSION]).catch(
      ignore,
    ),
  ]);
}

/**
 * Sends the steps that restore the session's state (READONLY, CLIENT
 * TRACKING, ...). One the server refuses now (a REDIRECT to a client that
 * is gone, say) is returned, and the connection is still good; any other
 * failure fails the handshake.
 */
async function restore(
  connection: Connection,
  session: Session | undefined,
): Promise<RefusedStep[]> {
  const steps = sessionSteps(session);
  if (steps.length === 0) return [];
  const results = await Promise.allSettled(
    steps.map((step) => connection.sendDirect(step)),
  );
  const refused: RefusedStep[] = [];
  for (let i = 0; i < results.length; i++) {
    const result = results[i]!;
    if (result.status === "fulfilled") continue;
    const error = result.reason;
    if (!(error instanceof ReplyError)) throw error;
    refused.push({ step: steps[i]!, error });
  }
  return refused;
}

function toServerInfo(reply: unknown, proto: 2 | 3): ServerInfo {
  const info: ServerInfo = { proto };
  if (reply instanceof Map) {
    for (const [key, value] of reply) info[String(key)] = value;
  } else if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) {
      info[String(reply[i])] = reply[i + 1];
    }
  }
  info.proto = proto;
  if (typeof info.server === "string") info.name = info.server.toLowerCase();
  return info;
}
