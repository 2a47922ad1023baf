/**
 * Every command declaration, by method name.
 *
 * @module
 */

import { connectionCommands } from "./connection.ts";
import { keyCommands } from "./keys.ts";
import { stringCommands } from "./strings.ts";
import type { CommandParams, CommandResult } from "./_define.ts";

/**
 * All command declarations by method name. The client's methods, and later
 * pipelines, transactions and cluster routing, are generated from this one
 * table.
 */
export const commands = {
  ...connectionCommands,
  ...stringCommands,
  ...keyCommands,
};

/** The declarations table type. */
export type Commands = typeof commands;

/**
 * The command methods of a client: one per declaration, returning a promise
 * of the declaration's result.
 */
export type CommandMethods = {
  [K in keyof Commands]: (
    ...params: CommandParams<Commands[K]>
  ) => Promise<CommandResult<Commands[K]>>;
};
