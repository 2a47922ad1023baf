/**
 * What the command surface and its views share: the per-call option types
 * of `sendCommand` and the subscriptions, and running scripts with one
 * `SCRIPT LOAD` at a time.
 *
 * @module
 */

import type { Transform } from "./_install.ts";
import { READONLY } from "./_flags.ts";
import type { Key } from "./commands/_define.ts";
import type { Kind, Subscription, SubscriptionOptions } from "./pubsub.ts";
import { ReplyError } from "./errors.ts";
import type { CallOptions } from "./connection/request.ts";
import type { Arg, Reply } from "./resp/types.ts";
import type { Script } from "./script.ts";
import type { Sender } from "./sender.ts";

/**
 * Options of one {@linkcode Commander.sendCommand} call.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const raw = await client.sendCommand(["GET", "image"], { bytes: true });
 * ```
 */
export interface CommandOptions extends CallOptions {
  /** Return every string of this reply (bulk, simple and verbatim) as a `Uint8Array`. @default {false} */
  bytes?: boolean;
  /** Receives the RESP3 attributes sent before this command's reply. */
  onAttributes?: (attributes: Map<Reply, Reply>) => void;
}

/**
 * The arguments of `subscribe`, `psubscribe` and `ssubscribe`: the names,
 * or an array of names and options.
 *
 * @typeParam T `string`, or `Uint8Array` in the bytes view.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.subscribe("a", "b");
 * await client.subscribe(["a", "b"], { bufferSize: 100 });
 * ```
 */
export type SubscribeArgs<T extends string | Uint8Array> =
  | Key[]
  | [names: readonly Key[], options?: SubscriptionOptions<T>];

/** The sender of a commander (module-private). */
export const senderOf = Symbol("senderOf");
/** Loads a script into the server's cache (module-private). */
export const loadScript = Symbol("loadScript");
/** Subscribes through the sender (module-private, used by the bytes view). */
export const subscribeTo = Symbol("subscribeTo");

/** Whether an error is the server's own NOSCRIPT. */
function isNoScript(error: unknown): boolean {
  return error instanceof ReplyError &&
    error.message.startsWith("NOSCRIPT No matching script");
}

/**
 * Runs a script by digest. When the server answers `NOSCRIPT` (its script
 * cache was flushed, or it restarted), the script is loaded with one
 * `SCRIPT LOAD` per command surface that every caller meeting `NOSCRIPT`
 * meanwhile waits for, and then run by digest again; should that meet
 * `NOSCRIPT` once more (another flush in between), it runs by source.
 */
export function runScriptOn(
  commander: Surface,
  script: Script<unknown>,
  keys: readonly Key[] | undefined,
  args: readonly Arg[] | undefined,
  bytes: boolean,
  call: CallOptions | undefined,
): Promise<unknown> {
  let argv: Arg[];
  try {
    argv = script.build(keys, args);
  } catch (error) {
    return Promise.reject(error);
  }
  const sender = commander[senderOf];
  const transform = script.reply as Transform;
  const flags = script.readonly ? READONLY : 0;
  return sender.send(argv, transform, bytes, call, flags).catch(
    async (error) => {
      // The server's own NOSCRIPT, not an error the script returned.
      if (!isNoScript(error)) throw error;
      await commander[loadScript](script);
      try {
        return await sender.send(argv, transform, bytes, call, flags);
      } catch (again) {
        if (!isNoScript(again)) throw again;
        return sender.send(
          script.build(keys, args, true),
          transform,
          bytes,
          call,
          flags,
        );
      }
    },
  );
}

/** What the views of a command surface use of it (internal). */
export interface Surface {
  /** Where its commands go. */
  readonly [senderOf]: Sender;
  /** Loads a script with one `SCRIPT LOAD` at a time per script. */
  [loadScript](script: Script<unknown>): Promise<void>;
  /** Subscribes through its sender. */
  [subscribeTo]<T extends string | Uint8Array>(
    kind: Kind,
    args: SubscribeArgs<T>,
    bytes: boolean,
  ): Promise<Subscription<T>>;
  /** Sends any command. */
  sendCommand(args: readonly Arg[], options?: CommandOptions): Promise<Reply>;
}
