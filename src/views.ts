/**
 * The views of a command surface: the bytes view (`client.bytes`), whose
 * results carry raw `Uint8Array`s wherever the ordinary methods give
 * strings, and the views whose calls carry per-call options
 * (`client.withOptions(...)`). Both send through the surface's sender.
 *
 * @module
 */

import type { BytesMethods, CommandMethods } from "./commands/mod.ts";
import { installCommands } from "./_install.ts";
import { Pipeline } from "./pipeline.ts";
import { Transaction } from "./transaction.ts";
import type { Script } from "./script.ts";
import type { Binary, Cursor, Key } from "./commands/_define.ts";
import type { ScanOptions } from "./commands/keys.ts";
import { iterateScan, type ScanMatchOptions } from "./commands/_scan.ts";
import type { Subscription } from "./pubsub.ts";
import type { CallOptions } from "./connection/request.ts";
import type { Arg, Reply } from "./resp/types.ts";
import {
  type CommandOptions,
  runScriptOn,
  senderOf,
  type SubscribeArgs,
  subscribeTo,
  type Surface,
} from "./_surface.ts";

/**
 * The command methods of {@linkcode RedisBytesView}, generated from the
 * declarations table.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const value: Uint8Array | null = await client.bytes.get("key");
 * ```
 */
export interface RedisBytesView extends BytesMethods {}
/**
 * The bytes view of a {@linkcode RedisClient} (`client.bytes`): the same
 * command methods on the same connection, with strings in results delivered
 * as raw `Uint8Array`s. See {@linkcode Commander.bytes}.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const raw = await client.bytes.get("compressed"); // Uint8Array | null
 * const members = await client.bytes.smembers("blobs"); // Uint8Array[]
 * ```
 */
export class RedisBytesView {
  static {
    installCommands(
      RedisBytesView.prototype,
      "RedisBytesView",
      (self, argv, transform, _raw, flags) =>
        self.client[senderOf].send(argv, transform, true, self.options, flags),
      "reject",
    );
  }

  /**
   * The command surface whose connection this view uses (internal).
   *
   * @ignore
   */
  readonly client: Surface;
  /** The per-call options of this view's calls, if any. */
  readonly options: CallOptions | undefined;

  /**
   * Creates the view (internal: use {@linkcode Commander.bytes}).
   *
   * @param client The command surface whose connection to use.
   * @param options Per-call options for every call of the view.
   * @ignore
   */
  constructor(client: Surface, options?: CallOptions) {
    this.client = client;
    this.options = options;
  }

  /**
   * Sends any command and resolves with its raw reply, every string in it
   * as a `Uint8Array`; the same as `client.sendCommand(args, { bytes: true })`.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const raw = await client.bytes.sendCommand(["LRANGE", "blobs", 0, -1]);
   * ```
   *
   * @param args The command name and its arguments.
   * @returns The reply.
   */
  sendCommand(args: readonly Arg[]): Promise<Reply> {
    return this.client.sendCommand(args, { ...this.options, bytes: true });
  }

  /**
   * {@linkcode Commander.pipeline} with strings of the results as
   * `Uint8Array`s.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [a, b] = await client.bytes.pipeline().get("a").get("b").exec();
   * ```
   *
   * @returns An empty pipeline.
   */
  pipeline(): Pipeline<[], true> {
    return new Pipeline<[], true>(this.client[senderOf], {
      ...this.options,
      bytes: true,
    });
  }

  /**
   * {@linkcode Commander.multi} with strings of the results as
   * `Uint8Array`s.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [blob] = await client.bytes.multi().getdel("blob").exec();
   * ```
   *
   * @returns An empty transaction.
   */
  multi(): Transaction<[], true> {
    return new Transaction<[], true>(this.client[senderOf], {
      ...this.options,
      bytes: true,
    });
  }

  /**
   * {@linkcode Commander.runScript} with strings of the reply as
   * `Uint8Array`s.
   *
   * @example
   * ```ts
   * import { connect, defineScript } from "@respite/redis";
   *
   * await using client = await connect();
   * const getOr = defineScript("return redis.call('GET', KEYS[1]) or ARGV[1]", { keys: 1 });
   * const raw = await client.bytes.runScript(getOr, ["k"], ["default"]);
   * ```
   *
   * @param script The script.
   * @param keys Its keys (`KEYS`).
   * @param args Its other arguments (`ARGV`).
   * @returns The script's result.
   */
  runScript<R>(
    script: Script<R>,
    keys?: readonly Key[],
    args?: readonly Arg[],
  ): Promise<Binary<R>> {
    return runScriptOn(
      this.client,
      script,
      keys,
      args,
      true,
      this.options,
    ) as Promise<Binary<R>>;
  }

  /**
   * {@linkcode Commander.subscribe} with channel names and payloads as
   * `Uint8Array`s, byte for byte.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await using sub = await client.bytes.subscribe("images");
   * for await (const { message } of sub) console.log(message.length);
   * ```
   *
   * @param args The channels, or an array of channels and options.
   * @returns The subscription.
   */
  subscribe(
    ...args: SubscribeArgs<Uint8Array>
  ): Promise<Subscription<Uint8Array>> {
    return this.client[subscribeTo]("channel", args, true);
  }

  /**
   * {@linkcode Commander.psubscribe} with bytes.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await using sub = await client.bytes.psubscribe("images.*");
   * ```
   *
   * @param args The patterns, or an array of patterns and options.
   * @returns The subscription.
   */
  psubscribe(
    ...args: SubscribeArgs<Uint8Array>
  ): Promise<Subscription<Uint8Array>> {
    return this.client[subscribeTo]("pattern", args, true);
  }

  /**
   * {@linkcode Commander.ssubscribe} with bytes.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await using sub = await client.bytes.ssubscribe("blobs:{1}");
   * ```
   *
   * @param args The shard channels, or an array of them and options.
   * @returns The subscription.
   */
  ssubscribe(
    ...args: SubscribeArgs<Uint8Array>
  ): Promise<Subscription<Uint8Array>> {
    return this.client[subscribeTo]("shard", args, true);
  }

  /**
   * {@linkcode Commander.scanIterator} with keys as `Uint8Array`s.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for await (const key of client.bytes.scanIterator()) console.log(key);
   * ```
   *
   * @param options `match`, `count` and `type`.
   * @returns An async iterator of keys.
   */
  scanIterator(
    options?: ScanOptions,
  ): AsyncGenerator<Uint8Array, void, undefined> {
    return iterateScan((cursor: Cursor) =>
      this.scan(cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.keys,
      }))
    );
  }

  /**
   * {@linkcode Commander.hscanIterator} with fields and values as
   * `Uint8Array`s.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for await (const { field, value } of client.bytes.hscanIterator("h")) {}
   * ```
   *
   * @param key The hash.
   * @param options `match` and `count`.
   * @returns An async iterator of `{ field, value }` pairs.
   */
  hscanIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<{ field: Uint8Array; value: Uint8Array }, void, undefined> {
    return iterateScan((cursor: Cursor) =>
      this.hscan(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.entries,
      }))
    );
  }

  /**
   * {@linkcode Commander.hscanNoValuesIterator} with the fields as
   * `Uint8Array`s.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for await (const field of client.bytes.hscanNoValuesIterator("h")) {}
   * ```
   *
   * @param key The hash.
   * @param options `match` and `count`.
   * @returns An async iterator of field names.
   */
  hscanNoValuesIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<Uint8Array, void, undefined> {
    return iterateScan((cursor: Cursor) =>
      this.hscanNoValues(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.fields,
      }))
    );
  }

  /**
   * {@linkcode Commander.sscanIterator} with members as `Uint8Array`s.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for await (const member of client.bytes.sscanIterator("s")) {}
   * ```
   *
   * @param key The set.
   * @param options `match` and `count`.
   * @returns An async iterator of members.
   */
  sscanIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<Uint8Array, void, undefined> {
    return iterateScan((cursor: Cursor) =>
      this.sscan(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.members,
      }))
    );
  }

  /**
   * {@linkcode Commander.zscanIterator} with members as `Uint8Array`s.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for await (const { member, score } of client.bytes.zscanIterator("z")) {}
   * ```
   *
   * @param key The sorted set.
   * @param options `match` and `count`.
   * @returns An async iterator of `{ member, score }` pairs.
   */
  zscanIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<{ member: Uint8Array; score: number }, void, undefined> {
    return iterateScan((cursor: Cursor) =>
      this.zscan(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.members,
      }))
    );
  }

  /**
   * {@linkcode Commander.zscanNoScoresIterator} with the members as
   * `Uint8Array`s.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for await (const member of client.bytes.zscanNoScoresIterator("z")) {}
   * ```
   *
   * @param key The sorted set.
   * @param options `match` and `count`.
   * @returns An async iterator of members.
   */
  zscanNoScoresIterator(
    key: Key,
    options?: ScanMatchOptions,
  ): AsyncGenerator<Uint8Array, void, undefined> {
    return iterateScan((cursor: Cursor) =>
      this.zscanNoScores(key, cursor, options).then((page) => ({
        cursor: page.cursor,
        items: page.members,
      }))
    );
  }
}

/**
 * The command methods of {@linkcode RedisClientView}, generated from the
 * declarations table.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const value: string | null = await client.withOptions({ timeout: 100 }).get("k");
 * ```
 */
export interface RedisClientView extends CommandMethods {}
/**
 * A view of a {@linkcode RedisClient} whose calls carry per-call options
 * (a timeout, an abort signal); made by {@linkcode Commander.withOptions}.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const fast = client.withOptions({ timeout: 100 });
 * await fast.set("k", "v");
 * console.log(await fast.get("k"));
 * ```
 */
export class RedisClientView {
  static {
    installCommands(
      RedisClientView.prototype,
      "RedisClientView",
      (self, argv, transform, raw, flags) =>
        self.client[senderOf].send(argv, transform, raw, self.options, flags),
      "reject",
    );
  }

  /**
   * The command surface whose connection this view uses (internal).
   *
   * @ignore
   */
  readonly client: Surface;
  /** The per-call options of this view's calls. */
  readonly options: CallOptions;

  /**
   * Creates the view (internal: use {@linkcode Commander.withOptions}).
   *
   * @param client The command surface whose connection to use.
   * @param options Per-call options for every call of the view.
   * @ignore
   */
  constructor(client: Surface, options: CallOptions) {
    this.client = client;
    this.options = options;
  }

  /**
   * The bytes view with the same per-call options.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const raw = await client.withOptions({ timeout: 100 }).bytes.get("blob");
   * ```
   */
  get bytes(): RedisBytesView {
    return new RedisBytesView(this.client, this.options);
  }

  /**
   * {@linkcode Commander.sendCommand} with this view's options.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.withOptions({ timeout: 100 }).sendCommand(["PING"]);
   * ```
   *
   * @param args The command name and its arguments.
   * @param options More per-call options (`bytes`, `onAttributes`).
   * @returns The reply.
   */
  sendCommand(
    args: readonly Arg[],
    options?: CommandOptions,
  ): Promise<Reply> {
    return this.client.sendCommand(args, { ...this.options, ...options });
  }

  /**
   * {@linkcode Commander.pipeline} whose `exec()` carries this view's
   * options (one timeout or signal for the whole batch).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [n] = await client.withOptions({ timeout: 500 }).pipeline().incr("n").exec();
   * ```
   *
   * @returns An empty pipeline.
   */
  pipeline(): Pipeline<[], false> {
    return new Pipeline(this.client[senderOf], this.options);
  }

  /**
   * {@linkcode Commander.multi} whose `exec()` carries this view's
   * options.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.withOptions({ timeout: 500 }).multi().incr("a").incr("b").exec();
   * ```
   *
   * @returns An empty transaction.
   */
  multi(): Transaction<[], false> {
    return new Transaction(this.client[senderOf], this.options);
  }

  /**
   * {@linkcode Commander.runScript} with this view's options.
   *
   * @example
   * ```ts
   * import { connect, defineScript } from "@respite/redis";
   *
   * await using client = await connect();
   * const getOr = defineScript("return redis.call('GET', KEYS[1]) or ARGV[1]", { keys: 1 });
   * await client.withOptions({ timeout: 500 }).runScript(getOr, ["k"], ["default"]);
   * ```
   *
   * @param script The script.
   * @param keys Its keys (`KEYS`).
   * @param args Its other arguments (`ARGV`).
   * @returns The script's result.
   */
  runScript<R>(
    script: Script<R>,
    keys?: readonly Key[],
    args?: readonly Arg[],
  ): Promise<R> {
    return runScriptOn(
      this.client,
      script,
      keys,
      args,
      false,
      this.options,
    ) as Promise<R>;
  }
}
