/**
 * Connection commands.
 *
 * @module
 */

import type { Arg } from "../resp/types.ts";
import { type Command, command } from "./_define.ts";

/**
 * Connection commands.
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.ping.name);
 * ```
 */
export interface ConnectionCommands {
  /**
   * Checks the connection: the server answers `PONG`, or echoes `message`.
   * Available since Redis 1.0.
   *
   * @example
   * ```ts ignore
   * console.log(await client.ping()); // "PONG"
   * console.log(await client.ping("hi")); // "hi"
   * ```
   */
  ping: Command<[message?: Arg], string>;
  /**
   * Returns `message` as sent. Available since Redis 1.0.
   *
   * @example
   * ```ts ignore
   * console.log(await client.echo("hello")); // "hello"
   * ```
   */
  echo: Command<[message: Arg], string>;
}

/** The declarations of the connection commands. */
export const connectionCommands: ConnectionCommands = {
  ping: command({
    name: "PING",
    build: (message?: Arg): Arg[] =>
      message === undefined ? ["PING"] : ["PING", message],
    reply: (reply) => reply as string,
  }),
  echo: command({
    name: "ECHO",
    build: (message: Arg): Arg[] => ["ECHO", message],
    reply: (reply) => reply as string,
  }),
};
