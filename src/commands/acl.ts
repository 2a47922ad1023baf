/**
 * The ACL commands (ACL SETUSER, ACL WHOAMI, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  checkKeys,
  checkNotEmpty,
  command,
  type Declarations,
  list,
  num,
  ok,
  optionKeys,
  put,
  record,
  str,
  strings,
} from "./_define.ts";

/**
 * A user flag as `aclGetuser` reports it. `allkeys`, `allchannels` and
 * `allcommands` only appear on servers before 7.0.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const user = await client.aclGetuser("alice");
 * console.log(user?.flags.includes("on")); // true
 * ```
 */
export type AclUserFlag =
  | "on"
  | "off"
  | "nopass"
  | "skip-sanitize-payload"
  | "sanitize-payload"
  | "allkeys"
  | "allchannels"
  | "allcommands";

/**
 * One selector of a user (Redis 7.0+): a further set of command, key and
 * channel permissions (and database permissions, Valkey 9.1+), in ACL
 * rule syntax. Fields that newer servers add appear too, with camel-cased
 * names and their values as the server sent them.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const user = await client.aclGetuser("alice");
 * console.log(user?.selectors[0]); // { commands: "-@all +set", keys: "~x*", channels: "" }
 * ```
 */
export interface AclSelector {
  /** The command permissions, such as `"-@all +get"`. */
  commands: string;
  /** The key patterns, such as `"~k*"` or `"%R~cache:*"`. */
  keys: string;
  /** The channel patterns, such as `"&news:*"`. */
  channels: string;
  /** The database permissions, such as `"db=0,1"` (Valkey 9.1+). */
  databases?: string;
}

/**
 * A user as `aclGetuser` describes it (the Redis 7.0 format): its flags,
 * password hashes, and the permissions of its root selector plus any
 * further selectors. Fields that newer servers add appear too, with
 * camel-cased names and their values as the server sent them.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const user = await client.aclGetuser("alice");
 * if (user) console.log(user.flags, user.commands, user.keys);
 * ```
 */
export interface AclUser extends AclSelector {
  /** The user's flags. */
  flags: AclUserFlag[];
  /** SHA-256 hashes of the user's passwords, in hex. */
  passwords: string[];
  /** The further selectors (Redis 7.0+). */
  selectors: AclSelector[];
}

/**
 * What `aclDryrun` resolves to: whether the user may run the command, and
 * if not, the server's explanation.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const result = await client.aclDryrun("alice", "set", "k", "v");
 * if (!result.allowed) console.log(result.reason);
 * ```
 */
export type AclDryrunResult =
  | { allowed: true }
  | { allowed: false; reason: string };

/**
 * Why an ACL log entry was recorded: a denied command, key or channel, a
 * failed authentication, a denied database (`"database"`, Valkey 9.1+),
 * or a TLS client certificate that names no user (`"tls-cert"`, Redis 8.6+
 * and Valkey 9.0+).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [entry] = await client.aclLog({ count: 1 });
 * if (entry?.reason === "auth") console.log("failed login as", entry.username);
 * ```
 */
export type AclLogReason =
  | "command"
  | "key"
  | "channel"
  | "auth"
  | "database"
  | "tls-cert";

/**
 * One entry of `aclLog`: similar denials are grouped in one entry and
 * counted. Fields that newer servers add appear too, with camel-cased
 * names and their values as the server sent them.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for (const e of await client.aclLog()) console.log(e.username, e.reason, e.object, e.count);
 * ```
 */
export interface AclLogEntry {
  /** How many times this denial happened. */
  count: number;
  /** Why it was denied. */
  reason: AclLogReason;
  /**
   * Where the command ran: `"toplevel"`, `"multi"`, `"lua"`, `"module"`,
   * or `"script"` (Valkey 9.1+, for scripts of any engine).
   */
  context: "toplevel" | "multi" | "lua" | "module" | "script";
  /**
   * The denied command, key, channel or database, or `"AUTH"` (the user
   * name for `"tls-cert"`).
   */
  object: string;
  /** The user the denial concerns. */
  username: string;
  /** Seconds since the latest occurrence. */
  ageSeconds: number;
  /** The client, in `CLIENT LIST` format. */
  clientInfo: string;
  /** The entry's unique ID (Redis 7.2+). */
  entryId?: number;
  /** When the entry was created, in Unix milliseconds (Redis 7.2+). */
  timestampCreated?: number;
  /** When the entry was last updated, in Unix milliseconds (Redis 7.2+). */
  timestampLastUpdated?: number;
}

/**
 * Options of `aclLog`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.aclLog({ count: 5 });
 * ```
 */
export interface AclLogOptions {
  /** How many of the newest entries to return (the server's default is 10). */
  count?: number;
}

const ACL_LOG_KEYS = optionKeys<AclLogOptions>({ count: true });

/** `timestamp-last-updated` -> `timestampLastUpdated`. */
function camelCase(name: string): string {
  return name.replace(
    /[-_.]+([^-_.])/g,
    (_, letter: string) => letter.toUpperCase(),
  );
}

/**
 * Copies the fields of `fields` not in `known` to `out` with camel-cased
 * names and their values as sent: what a newer server adds reaches the
 * caller instead of being dropped.
 */
function putOthers(
  out: object,
  fields: Record<string, Reply>,
  known: ReadonlySet<string>,
): void {
  for (const name in fields) {
    if (!known.has(name)) {
      put(out as Record<string, Reply>, camelCase(name), fields[name]!);
    }
  }
}

const SELECTOR_FIELDS: ReadonlySet<string> = new Set([
  "commands",
  "keys",
  "channels",
  "databases",
]);

const USER_FIELDS: ReadonlySet<string> = new Set([
  ...SELECTOR_FIELDS,
  "flags",
  "passwords",
  "selectors",
]);

function toSelector(fields: Record<string, Reply>): AclSelector {
  const selector: AclSelector = {
    commands: (fields.commands ?? "") as string,
    keys: (fields.keys ?? "") as string,
    channels: (fields.channels ?? "") as string,
  };
  if (fields.databases !== undefined) {
    selector.databases = fields.databases as string;
  }
  return selector;
}

function toUser(reply: Reply): AclUser | null {
  if (reply === null) return null;
  const fields = record(reply);
  const user: AclUser = {
    flags: list(fields.flags ?? null).map((flag) => str(flag) as AclUserFlag),
    passwords: list(fields.passwords ?? null) as string[],
    ...toSelector(fields),
    selectors: list(fields.selectors ?? null).map((item) => {
      const selectorFields = record(item);
      const selector = toSelector(selectorFields);
      putOthers(selector, selectorFields, SELECTOR_FIELDS);
      return selector;
    }),
  };
  putOthers(user, fields, USER_FIELDS);
  return user;
}

const LOG_FIELDS: ReadonlySet<string> = new Set([
  "count",
  "reason",
  "context",
  "object",
  "username",
  "age-seconds",
  "client-info",
  "entry-id",
  "timestamp-created",
  "timestamp-last-updated",
]);

function toLogEntry(reply: Reply): AclLogEntry {
  const fields = record(reply);
  const entry: AclLogEntry = {
    count: num(fields.count ?? 0),
    reason: str(fields.reason ?? "") as AclLogReason,
    context: str(fields.context ?? "") as AclLogEntry["context"],
    object: (fields.object ?? "") as string,
    username: (fields.username ?? "") as string,
    ageSeconds: num(fields["age-seconds"] ?? 0),
    clientInfo: (fields["client-info"] ?? "") as string,
  };
  if (fields["entry-id"] !== undefined) {
    entry.entryId = num(fields["entry-id"]);
  }
  if (fields["timestamp-created"] !== undefined) {
    entry.timestampCreated = num(fields["timestamp-created"]);
  }
  if (fields["timestamp-last-updated"] !== undefined) {
    entry.timestampLastUpdated = num(fields["timestamp-last-updated"]);
  }
  putOthers(entry, fields, LOG_FIELDS);
  return entry;
}

function positiveInteger(command: string, name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(
      `Invalid ${command} ${name} "${value}": expected a positive integer`,
    );
  }
}

/**
 * The ACL commands (ACL SETUSER, ACL WHOAMI, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.aclWhoami.name);
 * ```
 */
export interface AclCommands {
  /**
   * Lists the ACL categories, or with `category` the commands in it.
   * Available since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.aclCat(); // ["keyspace", "read", "write", ...]
   * await client.aclCat("hyperloglog"); // ["pfadd", "pfcount", ...]
   * ```
   */
  aclCat(category?: string): Promise<string[]>;
  /**
   * Deletes users and closes their connections. Resolves to the number of
   * users deleted. Available since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.aclDeluser("alice", "bob"); // 2
   * ```
   */
  aclDeluser(...usernames: string[]): Promise<number>;
  /**
   * Checks, without running it, whether `username` may run the command
   * with these arguments. Resolves to `{ allowed: true }`, or to
   * `{ allowed: false, reason }` with the server's explanation. Available
   * since Redis 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const result = await client.aclDryrun("alice", "set", "k", "v");
   * if (!result.allowed) console.log(result.reason);
   * ```
   */
  aclDryrun(
    username: string,
    command: string,
    ...args: Arg[]
  ): Promise<AclDryrunResult>;
  /**
   * Generates a random password of `bits` bits (256 by default) as hex.
   * Available since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const password = await client.aclGenpass(); // 64 hex digits
   * ```
   */
  aclGenpass(bits?: number): Promise<string>;
  /**
   * Describes the user `username`, or `null` when there is no such user.
   * Available since Redis 6.0; selectors and rule-format key and channel
   * patterns since 7.0; `databases` since Valkey 9.1.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const user = await client.aclGetuser("alice");
   * console.log(user?.flags, user?.commands, user?.keys);
   * ```
   */
  aclGetuser(username: string): Promise<AclUser | null>;
  /**
   * Returns the server's help text for the ACL subcommands, one line per
   * entry. Available since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * console.log((await client.aclHelp()).join("\n"));
   * ```
   */
  aclHelp(): Promise<string[]>;
  /**
   * Lists every user as an ACL file line (`"user default on nopass ~* &*
   * +@all"`). Available since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const line of await client.aclList()) console.log(line);
   * ```
   */
  aclList(): Promise<string[]>;
  /**
   * Replaces the users with those of the server's ACL file; fails, keeping
   * the current users, when the file has errors or the server has no ACL
   * file. Resolves to `"OK"`. Available since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.aclLoad();
   * ```
   */
  aclLoad(): Promise<"OK">;
  /**
   * Returns the newest entries of the log of denied commands and failed
   * logins, newest first. `aclLogReset` empties the log. Available since
   * Redis 6.0; `entryId`, `timestampCreated` and `timestampLastUpdated`
   * since 7.2 (and Valkey 7.2).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * for (const e of await client.aclLog({ count: 5 })) console.log(e.username, e.reason);
   * ```
   */
  aclLog(options?: AclLogOptions): Promise<AclLogEntry[]>;
  /**
   * Empties the ACL log (`ACL LOG RESET`). Resolves to `"OK"`. Available
   * since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.aclLogReset();
   * ```
   */
  aclLogReset(): Promise<"OK">;
  /**
   * Writes the current users to the server's ACL file; fails when the
   * server has no ACL file. Resolves to `"OK"`. Available since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.aclSave();
   * ```
   */
  aclSave(): Promise<"OK">;
  /**
   * Creates the user `username` or changes it, applying the ACL rules in
   * order (`"on"`, `">password"`, `"~pattern"`, `"+@read"`, `"(+set
   * ~x*)"`, ...). Resolves to `"OK"`. Available since Redis 6.0; channel
   * patterns since 6.2, selectors and key permissions since 7.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.aclSetuser("alice", "on", ">s3cret", "~cache:*", "+get", "+set");
   * ```
   */
  aclSetuser(username: string, ...rules: string[]): Promise<"OK">;
  /**
   * Lists the user names. Available since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.aclUsers(); // ["alice", "default"]
   * ```
   */
  aclUsers(): Promise<string[]>;
  /**
   * Returns the name of the user the connection is authenticated as.
   * Available since Redis 6.0.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.aclWhoami(); // "default"
   * ```
   */
  aclWhoami(): Promise<string>;
}

/** The declarations of the ACL commands. */
export const aclCommands: Declarations<AclCommands> = {
  aclCat: command({
    name: "ACL CAT",
    build: (category?: string): Arg[] =>
      category === undefined ? ["ACL", "CAT"] : ["ACL", "CAT", category],
    reply: strings,
  }),
  aclDeluser: command({
    name: "ACL DELUSER",
    build: (...usernames: string[]): Arg[] => {
      checkNotEmpty("ACL DELUSER", "user name", usernames);
      return ["ACL", "DELUSER", ...usernames];
    },
    reply: num,
    // Redis 7.2 tips: every node keeps its own users.
    route: { request: "all_nodes", response: "all_succeeded" },
  }),
  aclDryrun: command({
    name: "ACL DRYRUN",
    build: (username: string, command: string, ...args: Arg[]): Arg[] => [
      "ACL",
      "DRYRUN",
      username,
      command,
      ...args,
    ],
    reply: (reply): AclDryrunResult =>
      str(reply) === "OK"
        ? { allowed: true }
        : { allowed: false, reason: reply as string },
  }),
  aclGenpass: command({
    name: "ACL GENPASS",
    build: (bits?: number): Arg[] => {
      if (bits === undefined) return ["ACL", "GENPASS"];
      positiveInteger("ACL GENPASS", "bits", bits);
      return ["ACL", "GENPASS", bits];
    },
    reply: (reply) => reply as string,
  }),
  aclGetuser: command({
    name: "ACL GETUSER",
    build: (username: string): Arg[] => ["ACL", "GETUSER", username],
    reply: toUser,
  }),
  aclHelp: command({
    name: "ACL HELP",
    build: (): Arg[] => ["ACL", "HELP"],
    reply: strings,
  }),
  aclList: command({
    name: "ACL LIST",
    build: (): Arg[] => ["ACL", "LIST"],
    reply: strings,
  }),
  aclLoad: command({
    name: "ACL LOAD",
    build: (): Arg[] => ["ACL", "LOAD"],
    reply: ok,
  }),
  aclLog: command({
    name: "ACL LOG",
    build: (options?: AclLogOptions): Arg[] => {
      if (options === undefined) return ["ACL", "LOG"];
      checkKeys("ACL LOG option", options, ACL_LOG_KEYS);
      const count = options.count;
      if (count === undefined) return ["ACL", "LOG"];
      if (!Number.isSafeInteger(count) || count < 0) {
        throw new TypeError(
          `Invalid ACL LOG count "${count}": expected a non-negative integer`,
        );
      }
      return ["ACL", "LOG", count];
    },
    reply: (reply) => list(reply).map(toLogEntry),
  }),
  aclLogReset: command({
    name: "ACL LOG",
    build: (): Arg[] => ["ACL", "LOG", "RESET"],
    reply: ok,
  }),
  aclSave: command({
    name: "ACL SAVE",
    build: (): Arg[] => ["ACL", "SAVE"],
    reply: ok,
    // Redis 7.2 tips: every node keeps its own users.
    route: { request: "all_nodes", response: "all_succeeded" },
  }),
  aclSetuser: command({
    name: "ACL SETUSER",
    build: (username: string, ...rules: string[]): Arg[] => [
      "ACL",
      "SETUSER",
      username,
      ...rules,
    ],
    reply: ok,
    // Redis 7.2 tips: every node keeps its own users.
    route: { request: "all_nodes", response: "all_succeeded" },
  }),
  aclUsers: command({
    name: "ACL USERS",
    build: (): Arg[] => ["ACL", "USERS"],
    reply: strings,
  }),
  aclWhoami: command({
    name: "ACL WHOAMI",
    build: (): Arg[] => ["ACL", "WHOAMI"],
    reply: (reply) => reply as string,
  }),
};
