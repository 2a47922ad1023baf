/**
 * Which command methods the connected server lacks, asked of the server
 * itself (`COMMAND LIST` and `COMMAND INFO`), not guessed from versions:
 * a command renamed away or disabled shows up too.
 *
 * @module
 */

import { type Commands, commands } from "./commands/mod.ts";
import type { ServerVersions } from "./commands/_define.ts";
import { ReplyError } from "./errors.ts";
import type { Arg, Reply } from "./resp/types.ts";

/**
 * A command method whose command the server does not have: calling it
 * rejects with the server's `ReplyError` (unknown command or subcommand).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for (const { method, command, since } of await client.missingCommands()) {
 *   console.log(`${method} (${command}) needs`, since);
 * }
 * ```
 */
export interface MissingCommand {
  /** The method name, such as `"hexpire"`. */
  method: keyof Commands;
  /** The command, such as `"HEXPIRE"` or `"CLIENT SETINFO"`. */
  command: string;
  /** The first server versions that have it, when known. */
  since: ServerVersions | undefined;
}

type Send = (argv: readonly Arg[]) => Promise<Reply>;

/** The names of `entries` (COMMAND or COMMAND INFO replies), lower case. */
function names(entries: Reply): Set<string> {
  const found = new Set<string>();
  if (!Array.isArray(entries)) return found;
  for (const entry of entries) {
    const name = Array.isArray(entry) ? entry[0] : entry;
    if (typeof name === "string") found.add(name.toLowerCase());
  }
  return found;
}

/**
 * Finds the declared commands the server lacks. One `COMMAND LIST` (a
 * full `COMMAND` before Redis 7.0) for the commands, and one
 * `COMMAND INFO` of the container commands (CLIENT, CLUSTER, ...) for
 * their subcommands; a server before 7.0 lists no subcommands, so theirs
 * count as present when the container is.
 *
 * @param send Sends one command and resolves with its reply.
 * @returns The missing methods, in method name order.
 */
export async function findMissing(send: Send): Promise<MissingCommand[]> {
  let present: Set<string>;
  try {
    present = names(await send(["COMMAND", "LIST"]));
  } catch (error) {
    if (!(error instanceof ReplyError)) throw error;
    present = names(await send(["COMMAND"]));
  }
  const declared = Object.entries(commands) as [
    keyof Commands,
    { name: string; since?: ServerVersions },
  ][];
  const containers = new Set<string>();
  for (const [, { name }] of declared) {
    const space = name.indexOf(" ");
    if (space < 0) continue;
    const container = name.slice(0, space).toLowerCase();
    if (present.has(container)) containers.add(container);
  }
  let subcommands: Set<string> | undefined;
  if (containers.size > 0) {
    const info = await send(["COMMAND", "INFO", ...containers]);
    subcommands = new Set();
    for (const entry of Array.isArray(info) ? info : []) {
      const subs = Array.isArray(entry) ? entry[9] : undefined;
      // Redis 6.x answers without the subcommands element.
      if (subs === undefined) {
        subcommands = undefined;
        break;
      }
      for (const sub of names(subs)) subcommands.add(sub);
    }
  }
  const missing: MissingCommand[] = [];
  for (const [method, { name, since }] of declared) {
    const lower = name.toLowerCase();
    const space = lower.indexOf(" ");
    const has = space < 0
      ? present.has(lower)
      : present.has(lower.slice(0, space)) &&
        (subcommands === undefined ||
          subcommands.has(lower.replace(" ", "|")));
    if (!has) missing.push({ method, command: name, since });
  }
  return missing.sort((a, b) => a.method < b.method ? -1 : 1);
}
