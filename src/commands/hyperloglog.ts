/**
 * The HyperLogLog commands (PFADD, PFCOUNT, PFMERGE, ...).
 *
 * @module
 */

import { type Command, command, type Key } from "./_define.ts";

/**
 * The HyperLogLog commands (PFADD, PFCOUNT, PFMERGE, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.pfadd.name);
 * ```
 */
// deno-lint-ignore no-empty-interface
export interface HyperLogLogCommands {}

/** The declarations of the HyperLogLog commands. */
export const hyperLogLogCommands: HyperLogLogCommands = {};
