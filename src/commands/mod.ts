/**
 * Every command declaration, by method name.
 *
 * @module
 */

import { type ConnectionCommands, connectionCommands } from "./connection.ts";
import { type KeyCommands, keyCommands } from "./keys.ts";
import { type StringCommands, stringCommands } from "./strings.ts";
import type { CommandParams, CommandResult } from "./_define.ts";

/**
 * All command declarations by method name. The client's methods, and later
 * pipelines, transactions and cluster routing, are generated from this one
 * table.
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(Object.keys(commands).includes("set")); // true
 * ```
 */
export const commands: Commands = {
  ...connectionCommands,
  ...stringCommands,
  ...keyCommands,
};

/**
 * Every command declaration, by method name.
 *
 * @example
 * ```ts
 * import type { Commands } from "@respite/redis";
 *
 * type Names = keyof Commands; // "get" | "set" | ...
 * ```
 */
export interface Commands
  extends ConnectionCommands, StringCommands, KeyCommands {}

/**
 * The command methods of a client: one per declaration, returning a promise
 * of the declaration's result.
 *
 * @example
 * ```ts
 * import type { CommandMethods } from "@respite/redis";
 *
 * type Get = CommandMethods["get"]; // (key: Key) => Promise<string | null>
 * ```
 */
export type CommandMethods = {
  [K in keyof Commands]: (
    ...params: CommandParams<Commands[K]>
  ) => Promise<CommandResult<Commands[K]>>;
};
