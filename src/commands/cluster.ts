/**
 * The cluster introspection and admin commands (CLUSTER INFO, READONLY, ...).
 *
 * @module
 */

import { type Command, command, type Key } from "./_define.ts";

/**
 * The cluster introspection and admin commands (CLUSTER INFO, READONLY, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.clusterInfo.name);
 * ```
 */
// deno-lint-ignore no-empty-interface
export interface ClusterCommands {}

/** The declarations of the cluster introspection and admin commands. */
export const clusterCommands: ClusterCommands = {};
