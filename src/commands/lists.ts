/**
 * The list commands (LPUSH, LRANGE, BLPOP, ...).
 *
 * @module
 */

import { type Command, command, type Key } from "./_define.ts";

/**
 * The list commands (LPUSH, LRANGE, BLPOP, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.lpush.name);
 * ```
 */
// deno-lint-ignore no-empty-interface
export interface ListCommands {}

/** The declarations of the list commands. */
export const listCommands: ListCommands = {};
