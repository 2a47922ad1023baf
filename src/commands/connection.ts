/**
 * Connection commands.
 *
 * @module
 */

import type { Arg } from "../resp/types.ts";
import { command } from "./_define.ts";

/** Connection commands: the declarations behind the client's methods. */
export const connectionCommands = {
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
  ping: command({
    name: "PING",
    build: (message?: Arg): Arg[] =>
      message === undefined ? ["PING"] : ["PING", message],
    reply: (reply) => reply as string,
  }),
  /**
   * Returns `message` as sent. Available since Redis 1.0.
   *
   * @example
   * ```ts ignore
   * console.log(await client.echo("hello")); // "hello"
   * ```
   */
  echo: command({
    name: "ECHO",
    build: (message: Arg): Arg[] => ["ECHO", message],
    reply: (reply) => reply as string,
  }),
};
