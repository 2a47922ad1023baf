/**
 * The stream commands (XADD, XRANGE, XREADGROUP, XINFO, ...).
 *
 * @module
 */

import { type Command, command, type Key } from "./_define.ts";

/**
 * The stream commands (XADD, XRANGE, XREADGROUP, XINFO, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.xadd.name);
 * ```
 */
// deno-lint-ignore no-empty-interface
export interface StreamCommands {}

/** The declarations of the stream commands. */
export const streamCommands: StreamCommands = {};
