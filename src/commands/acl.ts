/**
 * The ACL commands (ACL SETUSER, ACL WHOAMI, ...).
 *
 * @module
 */

import { type Command, command, type Key } from "./_define.ts";

/**
 * The ACL commands (ACL SETUSER, ACL WHOAMI, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.aclWhoami.name);
 * ```
 */
// deno-lint-ignore no-empty-interface
export interface AclCommands {}

/** The declarations of the ACL commands. */
export const aclCommands: AclCommands = {};
