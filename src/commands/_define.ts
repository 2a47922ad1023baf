/**
 * The declaration helper every command family uses.
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";

/**
 * A key: a string (sent as UTF-8) or raw bytes.
 *
 * @example
 * ```ts
 * import type { Key } from "@respite/redis";
 *
 * const keys: Key[] = ["user:1", new Uint8Array([0xff, 0x00])];
 * ```
 */
export type Key = string | Uint8Array;

/** Flag bits of a command declaration. */
export const READONLY = 1;
/** The command may block the connection (BLPOP, XREAD BLOCK, WAIT, ...). */
export const BLOCKING = 2;

/**
 * One Redis command, declared once as data: how a call's parameters become
 * the argument vector, where the keys are, and how the reply becomes the
 * result. The client, pipelines, transactions and cluster routing all
 * consume the same declaration.
 *
 * @typeParam P The parameters of the method.
 * @typeParam R The result of the method.
 *
 * @example Look at a declaration
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.get.name, commands.get.build("k")); // "GET" ["GET", "k"]
 * ```
 */
export interface Command<P extends unknown[], R> {
  /** The command name, with the subcommand if any (`"GET"`, `"CLIENT SETNAME"`). */
  readonly name: string;
  /** Builds the whole argument vector, command name first. */
  readonly build: (...params: P) => Arg[];
  /** Positions of the keys in the argument vector built by `build`. */
  readonly keys: (argv: readonly Arg[]) => number[];
  /** `READONLY`, `BLOCKING` bits. */
  readonly flags: number;
  /** Turns the reply into the result; identity when absent. */
  readonly reply: ((reply: Reply) => R) | undefined;
}

/**
 * The parameters of a declaration.
 *
 * @example
 * ```ts
 * import type { CommandParams, Commands } from "@respite/redis";
 *
 * type GetParams = CommandParams<Commands["get"]>; // [key: Key]
 * ```
 */
export type CommandParams<C> = C extends Command<infer P, unknown> ? P
  : never;
/**
 * The result of a declaration.
 *
 * @example
 * ```ts
 * import type { CommandResult, Commands } from "@respite/redis";
 *
 * type GetResult = CommandResult<Commands["get"]>; // string | null
 * ```
 */
export type CommandResult<C> = C extends Command<never, infer R> ? R : never;

/**
 * Declares a command.
 *
 * @param spec The declaration without defaults.
 * @returns The declaration.
 */
export function command<P extends unknown[], R>(spec: {
  name: string;
  build: (...params: P) => Arg[];
  keys?: (argv: readonly Arg[]) => number[];
  flags?: number;
  reply?: (reply: Reply) => R;
}): Command<P, R> {
  return {
    name: spec.name,
    build: spec.build,
    keys: spec.keys ?? noKeys,
    flags: spec.flags ?? 0,
    reply: spec.reply,
  };
}

/** No keys. */
export const noKeys = (): number[] => [];
/** The key is the first argument after the command name. */
export const firstKey = (): number[] => [1];
/** Every argument after the command name is a key. */
export const allKeys = (argv: readonly Arg[]): number[] =>
  Array.from({ length: argv.length - 1 }, (_, i) => i + 1);

/** Reply transform: integer 1/0 to boolean. */
export const toBoolean = (reply: Reply): boolean => reply === 1;
