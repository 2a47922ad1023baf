/**
 * The pub/sub publishing and introspection commands (PUBLISH, PUBSUB CHANNELS, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import { command, type Declarations, list, num, record } from "./_define.ts";

const counts = (reply: Reply): Record<string, number> => record(reply, num);
const names = (reply: Reply): string[] => list(reply) as string[];

function withPattern(argv: Arg[], pattern: Arg | undefined): Arg[] {
  if (pattern !== undefined) argv.push(pattern);
  return argv;
}

/**
 * The pub/sub publishing and introspection commands (PUBLISH, PUBSUB CHANNELS, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.publish.name);
 * ```
 */
export interface PubSubCommands {
  /**
   * Sends `message` to the subscribers of `channel`. Resolves to the number
   * of clients that received it (in a cluster, only those on this node).
   * Available since Redis 2.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const receivers = await client.publish("news", "hello");
   * ```
   */
  publish(channel: Arg, message: Arg): Promise<number>;
  /**
   * Lists the channels with at least one subscriber (pattern subscriptions
   * not counted), optionally only those matching a glob-style `pattern`.
   * Resolves to the channel names. Available since Redis 2.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const channels = await client.pubsubChannels("news.*");
   * ```
   */
  pubsubChannels(pattern?: Arg): Promise<string[]>;
  /**
   * Lists the PUBSUB subcommands. Resolves to the lines of the help text.
   * Available since Redis 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.pubsubHelp()).join("\n"));
   * ```
   */
  pubsubHelp(): Promise<string[]>;
  /**
   * Counts the distinct patterns clients are subscribed to. Resolves to
   * that number. Available since Redis 2.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const patterns = await client.pubsubNumpat();
   * ```
   */
  pubsubNumpat(): Promise<number>;
  /**
   * Counts the subscribers of each channel (pattern subscriptions not
   * counted). Resolves to a record from channel name to count; no channels
   * give an empty record. Available since Redis 2.8.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const { news, sport } = await client.pubsubNumsub("news", "sport");
   * ```
   */
  pubsubNumsub(...channels: Arg[]): Promise<Record<string, number>>;
  /**
   * Lists the shard channels with at least one subscriber, optionally only
   * those matching a glob-style `pattern`. Resolves to the shard channel
   * names. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const channels = await client.pubsubShardchannels("orders:*");
   * ```
   */
  pubsubShardchannels(pattern?: Arg): Promise<string[]>;
  /**
   * Counts the subscribers of each shard channel. Resolves to a record from
   * shard channel name to count. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const counts = await client.pubsubShardnumsub("orders:1", "orders:2");
   * ```
   */
  pubsubShardnumsub(...shardchannels: Arg[]): Promise<Record<string, number>>;
  /**
   * Sends `message` to the subscribers of the shard channel `shardchannel`
   * (the shard is chosen by the channel's hash slot). Resolves to the number
   * of clients that received it. Available since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const receivers = await client.spublish("orders:1", "created");
   * ```
   */
  spublish(shardchannel: Arg, message: Arg): Promise<number>;
}

/** The declarations of the pub/sub publishing and introspection commands. */
export const pubSubCommands: Declarations<PubSubCommands> = {
  publish: command({
    name: "PUBLISH",
    build: (channel: Arg, message: Arg): Arg[] => ["PUBLISH", channel, message],
    reply: num,
  }),
  pubsubChannels: command({
    name: "PUBSUB CHANNELS",
    build: (pattern?: Arg): Arg[] =>
      withPattern(["PUBSUB", "CHANNELS"], pattern),
    reply: names,
  }),
  pubsubHelp: command({
    name: "PUBSUB HELP",
    build: (): Arg[] => ["PUBSUB", "HELP"],
    reply: names,
  }),
  pubsubNumpat: command({
    name: "PUBSUB NUMPAT",
    build: (): Arg[] => ["PUBSUB", "NUMPAT"],
    reply: num,
  }),
  pubsubNumsub: command({
    name: "PUBSUB NUMSUB",
    build: (...channels: Arg[]): Arg[] => ["PUBSUB", "NUMSUB", ...channels],
    reply: counts,
  }),
  pubsubShardchannels: command({
    name: "PUBSUB SHARDCHANNELS",
    build: (pattern?: Arg): Arg[] =>
      withPattern(["PUBSUB", "SHARDCHANNELS"], pattern),
    reply: names,
  }),
  pubsubShardnumsub: command({
    name: "PUBSUB SHARDNUMSUB",
    build: (...shardchannels: Arg[]): Arg[] => [
      "PUBSUB",
      "SHARDNUMSUB",
      ...shardchannels,
    ],
    reply: counts,
  }),
  // COMMAND GETKEYS reports no key for SPUBLISH (its channel is flagged
  // not_key), so the declaration has none either.
  spublish: command({
    name: "SPUBLISH",
    build: (shardchannel: Arg, message: Arg): Arg[] => [
      "SPUBLISH",
      shardchannel,
      message,
    ],
    reply: num,
  }),
};
