/**
 * respite: a fast, binary-safe Redis client for Deno and Bun, on web
 * streams, with no dependencies.
 *
 * @example
 * ```ts ignore
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect("redis://127.0.0.1:6379");
 * await client.set("greeting", "hello", { ex: 60 });
 * console.log(await client.get("greeting")); // "hello"
 * ```
 *
 * @module
 */

export * from "./src/client.ts";
export * from "./src/errors.ts";
export * from "./src/url.ts";
export * from "./src/resp/types.ts";
export * from "./src/resp/encoder.ts";
export * from "./src/resp/decoder.ts";
export * from "./src/resp/decoder_stream.ts";
export type {
  RespSocket,
  SocketOptions,
  TlsOptions,
} from "./src/transport/types.ts";
export { commands } from "./src/commands/mod.ts";
export type { CommandMethods, Commands } from "./src/commands/mod.ts";
export type {
  Command,
  CommandParams,
  CommandResult,
  Key,
} from "./src/commands/_define.ts";
export type { ConnectionCommands } from "./src/commands/connection.ts";
export type {
  SetCondition,
  SetExpiry,
  SetOptions,
  StringCommands,
} from "./src/commands/strings.ts";
export type { ExpireOptions, KeyCommands } from "./src/commands/keys.ts";
