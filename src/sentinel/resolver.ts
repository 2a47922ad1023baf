/**
 * Asks Redis Sentinel where a master group's master and replicas are,
 * following the Sentinel client guidelines: the sentinels are tried in
 * order, each with a short timeout; the one that answered moves to the
 * front; a sentinel that does not know the group (a null reply) or fails
 * is skipped for the next; sentinels learned from `SENTINEL SENTINELS`
 * join the list.
 *
 * @module
 */

import { connect, type RedisClient } from "../client.ts";
import type { ConnectOptions } from "../_connect_options.ts";
import { ConnectionError, RedisError } from "../errors.ts";
import type { Reply } from "../resp/types.ts";

/** A host and port. */
export interface SentinelAddress {
  /** Host name or IP address. */
  host: string;
  /** TCP port. */
  port: number;
}

/** Options of {@linkcode SentinelResolver}. */
export interface SentinelResolverOptions {
  /** The sentinels to ask, in order. */
  sentinels: readonly SentinelAddress[];
  /** The master group's name. */
  name: string;
  /**
   * The connection options of a sentinel (credentials, TLS, transport);
   * the address comes from the list.
   */
  connect: Omit<ConnectOptions, "url" | "hostname" | "port" | "path">;
  /** Milliseconds one sentinel has to connect and answer. @default {500} */
  timeout?: number;
}

/** A replica as `SENTINEL REPLICAS` reports it. */
export interface SentinelReplica extends SentinelAddress {
  /** Its flags: `slave`, and `s_down`, `o_down`, `disconnected`, ... */
  flags: string[];
}

/**
 * A Sentinel client could not get what it asked for: no sentinel answered
 * for the master group, or the node the sentinels named failed its ROLE
 * check.
 *
 * @example
 * ```ts
 * import { connectSentinel, SentinelError } from "@respite/redis";
 *
 * try {
 *   await connectSentinel({ sentinels: ["redis://10.0.0.1:26379"], name: "mymaster" });
 * } catch (error) {
 *   if (error instanceof SentinelError) console.error(error.message);
 * }
 * ```
 */
export class SentinelError extends RedisError {
  /**
   * Creates the error.
   *
   * @param message What failed.
   * @param options The standard error options (`cause`).
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "SentinelError";
  }
}

/** `host:port`, with brackets around an IPv6 host. */
export function hostPort(address: SentinelAddress): string {
  return address.host.includes(":")
    ? `[${address.host}]:${address.port}`
    : `${address.host}:${address.port}`;
}

/** The fields of a reply entry: a RESP3 map, or a RESP2 flat array. */
function fields(entry: Reply): Map<string, string> {
  const out = new Map<string, string>();
  if (entry instanceof Map) {
    for (const [key, value] of entry) out.set(String(key), String(value));
  } else if (Array.isArray(entry)) {
    for (let i = 0; i + 1 < entry.length; i += 2) {
      out.set(String(entry[i]), String(entry[i + 1]));
    }
  } else if (entry !== null && typeof entry === "object") {
    for (const [key, value] of Object.entries(entry)) {
      out.set(key, String(value));
    }
  }
  return out;
}

/** An address from `ip` and `port` fields, when both are valid. */
function addressOf(entry: Map<string, string>): SentinelAddress | undefined {
  const host = entry.get("ip");
  const port = Number(entry.get("port"));
  if (!host || !Number.isInteger(port) || port < 1 || port > 65535) {
    return undefined;
  }
  return { host, port };
}

/** Asks the sentinels (see the module docs). */
export class SentinelResolver {
  readonly #options: SentinelResolverOptions;
  /** The sentinels, the last one that answered first. */
  readonly #sentinels: SentinelAddress[];
  /** Connections to the sentinels asked so far, kept for reuse. */
  readonly #clients = new Map<string, Promise<RedisClient>>();
  #closed = false;

  /**
   * Creates a resolver; it connects to a sentinel on its first question.
   *
   * @param options The sentinels, the group and the connection options.
   */
  constructor(options: SentinelResolverOptions) {
    this.#options = options;
    this.#sentinels = [...options.sentinels];
  }

  /** The sentinels known now, in the order they are tried. */
  get sentinels(): readonly SentinelAddress[] {
    return this.#sentinels;
  }

  /**
   * The master's address, as the first sentinel that knows the group says.
   *
   * @returns The address.
   * @throws {SentinelError} No sentinel answered with one.
   */
  async master(): Promise<SentinelAddress> {
    return await this.#ask("GET-MASTER-ADDR-BY-NAME", (reply) => {
      if (!Array.isArray(reply) || reply.length < 2) return undefined;
      const port = Number(reply[1]);
      if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
      return { host: String(reply[0]), port };
    });
  }

  /**
   * The group's replicas, as the first sentinel that knows the group says.
   *
   * @returns The replicas with their flags.
   * @throws {SentinelError} No sentinel answered.
   */
  async replicas(): Promise<SentinelReplica[]> {
    return await this.#ask("REPLICAS", (reply) => {
      if (!Array.isArray(reply)) return undefined;
      const out: SentinelReplica[] = [];
      for (const entry of reply) {
        const map = fields(entry);
        const address = addressOf(map);
        if (address === undefined) continue;
        out.push({ ...address, flags: (map.get("flags") ?? "").split(",") });
      }
      return out;
    });
  }

  /**
   * A connection to a sentinel that knows the group (the same one the
   * resolver asks), for a subscription: the caller owns and closes it.
   *
   * @returns The client and the sentinel's address.
   * @throws {SentinelError} No sentinel could be reached.
   */
  async subscriber(): Promise<
    { client: RedisClient; address: SentinelAddress }
  > {
    let failure: unknown;
    for (const address of [...this.#sentinels]) {
      if (this.#closed) break;
      try {
        const client = await this.#open(address);
        return { client, address };
      } catch (error) {
        failure = error;
      }
    }
    throw this.#noSentinel(failure);
  }

  /**
   * Asks the sentinels in order `SENTINEL <question> <name>` until one
   * answers with something `read` accepts; that one moves to the front,
   * and the sentinels it knows join the list.
   */
  async #ask<T>(
    question: string,
    read: (reply: Reply) => T | undefined,
  ): Promise<T> {
    let failure: unknown;
    for (const address of [...this.#sentinels]) {
      if (this.#closed) break;
      try {
        const client = await this.#client(address);
        const reply = await client.sendCommand(
          ["SENTINEL", question, this.#options.name],
          { timeout: this.#options.timeout ?? 500 },
        ) as Reply;
        const value = read(reply);
        if (value === undefined) {
          failure = new SentinelError(
            `Sentinel "${
              hostPort(address)
            }" does not know the master group "${this.#options.name}"`,
          );
          continue;
        }
        this.#promote(address);
        this.#learn(client).catch(() => {});
        return value;
      } catch (error) {
        this.#forget(address);
        failure = error;
      }
    }
    throw this.#noSentinel(failure);
  }

  #noSentinel(failure: unknown): SentinelError {
    return new SentinelError(
      `No sentinel answered for the master group "${this.#options.name}" (tried ${
        this.#sentinels.map((address) => `"${hostPort(address)}"`).join(", ")
      })${failure instanceof Error ? `: ${failure.message}` : ""}`,
      failure === undefined ? {} : { cause: failure },
    );
  }

  /** The kept connection to `address`, or a new one. */
  #client(address: SentinelAddress): Promise<RedisClient> {
    const key = hostPort(address);
    const kept = this.#clients.get(key);
    if (kept !== undefined) {
      return kept.then((client) => {
        if (!client.closed) return client;
        // The sentinel closed it: a new one, kept in its place.
        if (this.#clients.get(key) === kept) this.#clients.delete(key);
        return this.#client(address);
      });
    }
    const client = this.#open(address);
    this.#clients.set(key, client);
    client.catch(() => {
      if (this.#clients.get(key) === client) this.#clients.delete(key);
    });
    return client;
  }

  /** A new connection to the sentinel at `address`. */
  async #open(address: SentinelAddress): Promise<RedisClient> {
    const timeout = this.#options.timeout ?? 500;
    try {
      return await connect({
        ...this.#options.connect,
        hostname: address.host,
        port: address.port,
        connectTimeout: timeout,
        reconnect: false,
      });
    } catch (error) {
      if (error instanceof ConnectionError || error instanceof RedisError) {
        throw error;
      }
      throw new ConnectionError(
        `Cannot reach sentinel "${hostPort(address)}"`,
        { cause: error },
      );
    }
  }

  /** The sentinel at `address` failed: its kept connection goes. */
  #forget(address: SentinelAddress): void {
    const key = hostPort(address);
    const kept = this.#clients.get(key);
    this.#clients.delete(key);
    kept?.then((client) => client.disconnect(), () => {}).catch(() => {});
  }

  /** Moves `address` to the front of the list. */
  #promote(address: SentinelAddress): void {
    const at = this.#sentinels.findIndex((known) =>
      known.host === address.host && known.port === address.port
    );
    if (at > 0) {
      this.#sentinels.splice(at, 1);
      this.#sentinels.unshift(address);
    }
  }

  /** Adds the sentinels that `client`'s sentinel knows to the list. */
  async #learn(client: RedisClient): Promise<void> {
    const reply = await client.sendCommand(
      ["SENTINEL", "SENTINELS", this.#options.name],
      { timeout: this.#options.timeout ?? 500 },
    ) as Reply;
    if (!Array.isArray(reply)) return;
    for (const entry of reply) {
      const address = addressOf(fields(entry));
      if (
        address !== undefined &&
        !this.#sentinels.some((known) =>
          known.host === address.host && known.port === address.port
        )
      ) {
        this.#sentinels.push(address);
      }
    }
  }

  /** Closes the kept connections; later questions fail. */
  close(): void {
    this.#closed = true;
    for (const address of [...this.#clients.keys()]) {
      const kept = this.#clients.get(address);
      this.#clients.delete(address);
      kept?.then((client) => client.disconnect(), () => {}).catch(() => {});
    }
  }
}
