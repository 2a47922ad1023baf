/**
 * The command declarations, as data: the table every command method is
 * generated from (`commands`), each command's key positions, flags, cluster
 * routing policy and first server versions, and the types that describe
 * them. Tools that route, proxy or inspect commands use this subpath; an
 * application needs only `@respite/redis`.
 *
 * @example
 * ```ts
 * import { commands, READONLY } from "@respite/redis/commands";
 *
 * const get = commands.get;
 * console.log(get.name, (get.flags & READONLY) !== 0); // "GET" true
 * console.log(get.build("user:1")); // ["GET", "user:1"]
 * ```
 *
 * @module
 */

import { type StringCommands, stringCommands } from "./strings.ts";
import { type BitmapCommands, bitmapCommands } from "./bitmaps.ts";
import {
  type HyperLogLogCommands,
  hyperLogLogCommands,
} from "./hyperloglog.ts";
import { type KeyCommands, keyCommands } from "./keys.ts";
import { type HashCommands, hashCommands } from "./hashes.ts";
import { type SetCommands, setCommands } from "./sets.ts";
import { type ListCommands, listCommands } from "./lists.ts";
import { type GeoCommands, geoCommands } from "./geo.ts";
import { type SortedSetCommands, sortedSetCommands } from "./sorted_sets.ts";
import { type StreamCommands, streamCommands } from "./streams.ts";
import { type PubSubCommands, pubSubCommands } from "./pubsub.ts";
import { type ScriptingCommands, scriptingCommands } from "./scripting.ts";
import { type ServerCommands, serverCommands } from "./server.ts";
import { type AclCommands, aclCommands } from "./acl.ts";
import { type ClusterCommands, clusterCommands } from "./cluster.ts";
import { type ConnectionCommands, connectionCommands } from "./connection.ts";
import { type ArrayCommands, arrayCommands } from "./arrays.ts";
import type {
  Binary,
  CommandParams,
  CommandResult,
  Declarations,
} from "./_define.ts";

export type {
  Command,
  CommandParams,
  CommandResult,
  Declarations,
  KeyLocation,
  RoutePolicy,
  ServerVersions,
} from "./_define.ts";
export {
  BLOCKING,
  BYTES_REPLY,
  CONNECTION_STATE,
  FLAT_REPLY,
  keyPositions,
  READONLY,
} from "./_define.ts";
export type {
  AclCommands,
  ArrayCommands,
  BitmapCommands,
  ClusterCommands,
  ConnectionCommands,
  GeoCommands,
  HashCommands,
  HyperLogLogCommands,
  KeyCommands,
  ListCommands,
  PubSubCommands,
  ScriptingCommands,
  ServerCommands,
  SetCommands,
  SortedSetCommands,
  StreamCommands,
  StringCommands,
};
/**
 * All command declarations by method name. The client's methods, and later
 * pipelines, transactions and cluster routing, are generated from this one
 * table.
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(Object.keys(commands).includes("set")); // true
 * ```
 */
export const commands: Commands = {
  ...stringCommands,
  ...bitmapCommands,
  ...hyperLogLogCommands,
  ...keyCommands,
  ...hashCommands,
  ...setCommands,
  ...listCommands,
  ...geoCommands,
  ...sortedSetCommands,
  ...streamCommands,
  ...pubSubCommands,
  ...scriptingCommands,
  ...serverCommands,
  ...aclCommands,
  ...clusterCommands,
  ...connectionCommands,
  ...arrayCommands,
};

/**
 * Every command declaration, by method name.
 *
 * @example
 * ```ts
 * import type { Commands } from "@respite/redis/commands";
 *
 * type Names = keyof Commands; // "get" | "set" | ...
 * ```
 */
export type Commands = Declarations<CommandMethods>;

/**
 * The command methods of a client: one per declaration, returning a promise
 * of the declaration's result. Each family's interface holds the
 * signatures and the documentation of its commands.
 *
 * @example
 * ```ts
 * import type { CommandMethods } from "@respite/redis";
 *
 * type Get = CommandMethods["get"]; // (key: Key) => Promise<string | null>
 * ```
 */
export interface CommandMethods
  extends
    StringCommands,
    BitmapCommands,
    HyperLogLogCommands,
    KeyCommands,
    HashCommands,
    SetCommands,
    ListCommands,
    GeoCommands,
    SortedSetCommands,
    StreamCommands,
    PubSubCommands,
    ScriptingCommands,
    ServerCommands,
    AclCommands,
    ClusterCommands,
    ConnectionCommands,
    ArrayCommands {}

/**
 * The command methods of the bytes view (`client.bytes`): the same methods
 * as {@linkcode CommandMethods}, resolving with {@linkcode Binary} results,
 * where strings arrive as raw `Uint8Array`s.
 *
 * @example
 * ```ts
 * import type { BytesMethods } from "@respite/redis";
 *
 * type Get = BytesMethods["get"]; // (key: Key) => Promise<Uint8Array | null>
 * ```
 */
export type BytesMethods = {
  [K in keyof Commands]: (
    ...params: CommandParams<Commands[K]>
  ) => Promise<Binary<CommandResult<Commands[K]>>>;
};
