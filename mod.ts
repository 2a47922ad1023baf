/**
 * respite: a fast, binary-safe Redis client for Deno, Bun, Node.js and
 * Cloudflare Workers, on web streams, with no dependencies; for one server
 * (`connect`) or a Redis Cluster (`connectCluster`).
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
export * from "./src/commander.ts";
export * from "./src/views.ts";
export * from "./src/errors.ts";
export * from "./src/pool.ts";
export * from "./src/url.ts";
export * from "./src/pipeline.ts";
export * from "./src/transaction.ts";
export * from "./src/script.ts";
export {
  connectCluster,
  RedisCluster,
  RedisClusterEvent,
} from "./src/cluster/client.ts";
export type {
  ClusterOptions,
  ClusterSeed,
  RedisClusterEventListener,
  RedisClusterEventMap,
  RedisClusterEventType,
} from "./src/cluster/client.ts";
export { keySlot } from "./src/cluster/slots.ts";
export { connectSentinel } from "./src/sentinel/client.ts";
export type { SentinelOptions, SentinelSeed } from "./src/sentinel/client.ts";
export { SentinelError } from "./src/sentinel/resolver.ts";
export type {
  NodeAddress,
  Shard,
  SlotMap,
  SlotNode,
} from "./src/cluster/slots.ts";
export { Subscription, SubscriptionDropEvent } from "./src/pubsub.ts";
export type { PubSubMessage, SubscriptionOptions } from "./src/pubsub.ts";
export * from "./src/resp/types.ts";
export * from "./src/resp/encoder.ts";
export * from "./src/resp/decoder.ts";
export * from "./src/resp/decoder_stream.ts";
export { decodeRecordKey, encodeRecordKey } from "./src/resp/_utf8.ts";
export type {
  Connector,
  RespSocket,
  SocketOptions,
  TlsOptions,
  TransportName,
} from "./src/transport/types.ts";
export { TlsHandshakeError } from "./src/transport/types.ts";
export { commands } from "./src/commands/mod.ts";
export type { MissingCommand } from "./src/_missing.ts";
export type {
  BytesMethods,
  CommandMethods,
  Commands,
} from "./src/commands/mod.ts";
export type { ScanMatchOptions } from "./src/commands/_scan.ts";
export type {
  Binary,
  Command,
  CommandParams,
  CommandResult,
  Cursor,
  Declarations,
  FieldValues,
  Key,
  KeyLocation,
  RoutePolicy,
  ServerVersions,
  StreamId,
} from "./src/commands/_define.ts";
export {
  BLOCKING,
  BYTES_REPLY,
  CONNECTION_STATE,
  FLAT_REPLY,
  keyPositions,
  READONLY,
} from "./src/commands/_define.ts";
export type * from "./src/commands/strings.ts";
export type * from "./src/commands/bitmaps.ts";
export type * from "./src/commands/hyperloglog.ts";
export type * from "./src/commands/keys.ts";
export type * from "./src/commands/hashes.ts";
export type * from "./src/commands/sets.ts";
export type * from "./src/commands/lists.ts";
export type * from "./src/commands/geo.ts";
export type * from "./src/commands/sorted_sets.ts";
export type * from "./src/commands/streams.ts";
export type * from "./src/commands/pubsub.ts";
export type * from "./src/commands/scripting.ts";
export type * from "./src/commands/server.ts";
export type * from "./src/commands/acl.ts";
export type * from "./src/commands/cluster.ts";
export type * from "./src/commands/connection.ts";
export type * from "./src/commands/arrays.ts";
