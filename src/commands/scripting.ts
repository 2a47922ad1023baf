/**
 * The scripting and function commands (EVAL, SCRIPT LOAD, FUNCTION LOAD, FCALL, ...).
 *
 * @module
 */

import { type Command, command, type Key } from "./_define.ts";

/**
 * The scripting and function commands (EVAL, SCRIPT LOAD, FUNCTION LOAD, FCALL, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.eval.name);
 * ```
 */
// deno-lint-ignore no-empty-interface
export interface ScriptingCommands {}

/** The declarations of the scripting and function commands. */
export const scriptingCommands: ScriptingCommands = {};
