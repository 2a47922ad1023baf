/**
 * The bitmap commands (SETBIT, BITCOUNT, BITFIELD, ...).
 *
 * @module
 */

import { type Command, command, type Key } from "./_define.ts";

/**
 * The bitmap commands (SETBIT, BITCOUNT, BITFIELD, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.setbit.name);
 * ```
 */
// deno-lint-ignore no-empty-interface
export interface BitmapCommands {}

/** The declarations of the bitmap commands. */
export const bitmapCommands: BitmapCommands = {};
