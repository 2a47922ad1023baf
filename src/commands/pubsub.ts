/**
 * The pub/sub publishing and introspection commands (PUBLISH, PUBSUB CHANNELS, ...).
 *
 * @module
 */

import { type Command, command, type Key } from "./_define.ts";

/**
 * The pub/sub publishing and introspection commands (PUBLISH, PUBSUB CHANNELS, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.publish.name);
 * ```
 */
// deno-lint-ignore no-empty-interface
export interface PubSubCommands {}

/** The declarations of the pub/sub publishing and introspection commands. */
export const pubSubCommands: PubSubCommands = {};
