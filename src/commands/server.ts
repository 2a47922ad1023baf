/**
 * The server and admin commands (INFO, CONFIG GET, COMMAND, MEMORY, ...).
 *
 * @module
 */

import { type Command, command, type Key } from "./_define.ts";

/**
 * The server and admin commands (INFO, CONFIG GET, COMMAND, MEMORY, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.info.name);
 * ```
 */
// deno-lint-ignore no-empty-interface
export interface ServerCommands {}

/** The declarations of the server and admin commands. */
export const serverCommands: ServerCommands = {};
