/**
 * Pub/Sub subscriptions: channels, patterns and shard channels as async
 * iterables (or listener callbacks) with bounded buffers.
 *
 * @module
 */

import { Queue } from "./_queue.ts";
import { describeNames, summarize } from "./_inspect.ts";
import type { Key } from "./commands/_define.ts";
import { SubscriptionOverflowError } from "./errors.ts";
import type { Arg, Reply } from "./resp/types.ts";

/**
 * One Pub/Sub message: `kind` says whether it came through a channel
 * (`"message"`), a pattern (`"pmessage"`, with the `pattern` that matched)
 * or a shard channel (`"smessage"`). `T` is `string`, or `Uint8Array` for
 * subscriptions made through `client.bytes`.
 *
 * @typeParam T The type of channel names and payloads.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await using sub = await client.psubscribe("news.*");
 * for await (const { kind, channel, pattern, message } of sub) {
 *   console.log(kind, channel, pattern, message);
 * }
 * ```
 */
export interface PubSubMessage<T extends string | Uint8Array = string> {
  /** `"message"`, `"pmessage"` or `"smessage"`. */
  kind: "message" | "pmessage" | "smessage";
  /** The channel the message was published to. */
  channel: T;
  /** The pattern that matched the channel (pattern subscriptions only). */
  pattern?: T;
  /** The payload. */
  message: T;
}

/**
 * Options of `subscribe`, `psubscribe` and `ssubscribe`.
 *
 * @typeParam T The type of channel names and payloads.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const sub = await client.subscribe(["news"], { bufferSize: 100, overflow: "error" });
 * ```
 */
export interface SubscriptionOptions<T extends string | Uint8Array = string> {
  /**
   * Receive each message through this callback instead of iterating.
   * Messages are then not buffered; an error thrown by the callback is
   * ignored.
   */
  listener?: (message: PubSubMessage<T>) => void;
  /**
   * How many unread messages the subscription keeps for its iterator.
   *
   * @default {10000}
   */
  bufferSize?: number;
  /**
   * What happens when a message arrives while the buffer is full:
   * `"drop-oldest"` discards the oldest unread message and counts it in
   * `dropped`; `"error"` ends the subscription, and its iterator throws a
   * {@linkcode SubscriptionOverflowError} after the buffered messages.
   *
   * @default {"drop-oldest"}
   */
  overflow?: "drop-oldest" | "error";
}

/** What a subscription listens to. */
export type Kind = "channel" | "pattern" | "shard";

/** A subscription as the hub sees it. */
interface Routed {
  readonly kind: Kind;
  readonly routingKeys: readonly string[];
  [deliver](incoming: Incoming): void;
  [finish](error?: unknown): void;
}

const COMMANDS: Record<Kind, [subscribe: string, unsubscribe: string]> = {
  channel: ["SUBSCRIBE", "UNSUBSCRIBE"],
  pattern: ["PSUBSCRIBE", "PUNSUBSCRIBE"],
  shard: ["SSUBSCRIBE", "SUNSUBSCRIBE"],
};

const DEFAULT_BUFFER = 10_000;

/** Delivers a message to a subscription (module-private). */
const deliver = Symbol("deliver");
/** Ends a subscription (module-private). */
const finish = Symbol("finish");

/** One routed message, decoded to text at most once for all subscribers. */
class Incoming {
  readonly kind: "message" | "pmessage" | "smessage";
  readonly channel: Uint8Array;
  readonly pattern: Uint8Array | undefined;
  readonly payload: Uint8Array;
  #text: PubSubMessage<string> | undefined;
  #bytes: PubSubMessage<Uint8Array> | undefined;

  constructor(
    kind: "message" | "pmessage" | "smessage",
    channel: Uint8Array,
    pattern: Uint8Array | undefined,
    payload: Uint8Array,
  ) {
    this.kind = kind;
    this.channel = channel;
    this.pattern = pattern;
    this.payload = payload;
  }

  text(): PubSubMessage<string> {
    if (this.#text) return { ...this.#text };
    const message: PubSubMessage<string> = this.pattern
      ? {
        kind: this.kind,
        pattern: utf8.decode(this.pattern),
        channel: utf8.decode(this.channel),
        message: utf8.decode(this.payload),
      }
      : {
        kind: this.kind,
        channel: utf8.decode(this.channel),
        message: utf8.decode(this.payload),
      };
    this.#text = message;
    return { ...message };
  }

  bytes(): PubSubMessage<Uint8Array> {
    if (this.#bytes) return { ...this.#bytes };
    const message: PubSubMessage<Uint8Array> = this.pattern
      ? {
        kind: this.kind,
        pattern: this.pattern,
        channel: this.channel,
        message: this.payload,
      }
      : { kind: this.kind, channel: this.channel, message: this.payload };
    this.#bytes = message;
    return { ...message };
  }
}

const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Dispatched by a {@linkcode Subscription} (`"drop"`) when its buffer is
 * full and it starts discarding the oldest unread messages
 * (`overflow: "drop-oldest"`): once per burst, that is, again only after
 * the reader has caught up and emptied the buffer. `dropped` counts every
 * message discarded so far. As with any `EventTarget`, an exception in a
 * listener is reported by the runtime as uncaught; it never stops the
 * delivery of messages.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await using sub = await client.subscribe("news");
 * sub.addEventListener("drop", (event) => {
 *   console.warn(`falling behind: ${event.dropped} messages lost so far`);
 * });
 * ```
 */
export class SubscriptionDropEvent extends Event {
  /** Messages the subscription has discarded so far. */
  readonly dropped: number;

  /**
   * Creates the event.
   *
   * @param dropped Messages discarded so far.
   */
  constructor(dropped: number) {
    super("drop");
    this.dropped = dropped;
  }
}

/**
 * An active subscription to channels, patterns or shard channels, made by
 * `client.subscribe`, `psubscribe` or `ssubscribe`. Iterate it with
 * `for await`, or pass a `listener` when subscribing.
 *
 * Leaving the loop (`break`, `return`, an exception), calling
 * `unsubscribe()` or `await using` unsubscribes exactly this subscription's
 * channels; other subscriptions on the same client, even to the same
 * channels, keep receiving.
 *
 * Unread messages wait in a bounded buffer (see
 * {@linkcode SubscriptionOptions.bufferSize} and
 * {@linkcode SubscriptionOptions.overflow}), so memory stays bounded when
 * nobody reads. When the connection closes, the iterator ends: it throws
 * the {@linkcode ConnectionClosedError} after the buffered messages, or just
 * finishes after `client.close()`.
 *
 * @typeParam T `string`, or `Uint8Array` for subscriptions made through
 *   `client.bytes`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await using sub = await client.subscribe("news", "alerts");
 * for await (const { channel, message } of sub) {
 *   console.log(channel, message);
 *   if (message === "stop") break; // unsubscribes "news" and "alerts"
 * }
 * ```
 */
export class Subscription<T extends string | Uint8Array = string>
  extends EventTarget
  implements AsyncIterable<PubSubMessage<T>>, AsyncDisposable {
  static {
    summarize(Subscription, "Subscription", (sub) => ({
      kind: sub.kind,
      names: describeNames(sub.names),
      active: sub.#active,
      buffered: sub.#buffer.length,
      dropped: sub.#dropped,
    }));
  }

  /** Whether this subscription is to channels, patterns or shard channels. */
  readonly kind: "channel" | "pattern" | "shard";
  /** The channels (or patterns) of this subscription, as given. */
  readonly names: readonly Key[];
  #hub: PubSubHub;
  #keys: string[];
  #bytes: boolean;
  #listener: ((message: PubSubMessage<T>) => void) | undefined;
  #limit: number;
  #overflow: "drop-oldest" | "error";
  #buffer = new Queue<PubSubMessage<T>>();
  #dropped = 0;
  /** Dropping since the buffer was last empty: one event per burst. */
  #dropping = false;
  #waiting:
    | {
      resolve(result: IteratorResult<PubSubMessage<T>>): void;
      reject(error: unknown): void;
    }
    | undefined;
  #active = true;
  #ended = false;
  #error: unknown;
  #iterating = false;

  /**
   * Creates a subscription; use `client.subscribe` and its siblings.
   *
   * @param hub The client's Pub/Sub router.
   * @param kind What the names are.
   * @param names The channels or patterns.
   * @param keys Their routing keys.
   * @param bytes Whether messages carry bytes.
   * @param options Listener and buffer options.
   */
  constructor(
    hub: PubSubHub,
    kind: Kind,
    names: readonly Key[],
    keys: string[],
    bytes: boolean,
    options: SubscriptionOptions<T>,
  ) {
    super();
    const limit = options.bufferSize ?? DEFAULT_BUFFER;
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new TypeError(
        `Invalid subscription bufferSize "${limit}": expected a positive integer`,
      );
    }
    const overflow = options.overflow ?? "drop-oldest";
    if (overflow !== "drop-oldest" && overflow !== "error") {
      throw new TypeError(
        `Invalid subscription overflow "${overflow}": expected "drop-oldest" or "error"`,
      );
    }
    this.#hub = hub;
    this.kind = kind;
    this.names = names;
    this.#keys = keys;
    this.#bytes = bytes;
    this.#listener = options.listener;
    this.#limit = limit;
    this.#overflow = overflow;
  }

  /**
   * How many messages were discarded because the buffer was full (with
   * `overflow: "drop-oldest"`).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await using sub = await client.subscribe("news");
   * if (sub.dropped > 0) console.warn(`lost ${sub.dropped} messages`);
   * ```
   */
  get dropped(): number {
    return this.#dropped;
  }

  /**
   * Listens for `"drop"`: the buffer overflowed and the subscription
   * started discarding messages (see {@linkcode SubscriptionDropEvent}).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await using sub = await client.subscribe("news");
   * sub.addEventListener("drop", (event) => console.warn(event.dropped));
   * ```
   *
   * @param type `"drop"`.
   * @param listener The listener.
   * @param options The standard listener options.
   */
  override addEventListener(
    type: "drop",
    listener:
      | ((event: SubscriptionDropEvent) => void)
      | { handleEvent(event: SubscriptionDropEvent): void }
      | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(
      type,
      listener as EventListenerOrEventListenerObject | null,
      options,
    );
  }

  /**
   * Stops a `"drop"` listener.
   *
   * @example
   * ```ts
   * import { connect, type SubscriptionDropEvent } from "@respite/redis";
   *
   * await using client = await connect();
   * await using sub = await client.subscribe("news");
   * const onDrop = (event: SubscriptionDropEvent) => console.warn(event.dropped);
   * sub.addEventListener("drop", onDrop);
   * sub.removeEventListener("drop", onDrop);
   * ```
   *
   * @param type `"drop"`.
   * @param listener The listener.
   * @param options The standard options.
   */
  override removeEventListener(
    type: "drop",
    listener:
      | ((event: SubscriptionDropEvent) => void)
      | { handleEvent(event: SubscriptionDropEvent): void }
      | null,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(
      type,
      listener as EventListenerOrEventListenerObject | null,
      options,
    );
  }

  /**
   * Whether the subscription still receives messages (it has not been
   * unsubscribed, overflowed or closed with its connection).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await using sub = await client.subscribe("news");
   * await sub.unsubscribe();
   * console.log(sub.active); // false
   * ```
   */
  get active(): boolean {
    return this.#active;
  }

  /**
   * The routing keys of this subscription (internal).
   *
   * @ignore
   */
  get routingKeys(): readonly string[] {
    return this.#keys;
  }

  /**
   * Unsubscribes this subscription's channels (those no other subscription
   * of the client still needs) and ends its iterator once the buffered
   * messages are read. Calling it again does nothing.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const sub = await client.subscribe("news");
   * await sub.unsubscribe();
   * ```
   *
   * @returns Resolves when the server confirmed.
   */
  unsubscribe(): Promise<void> {
    return this.#hub.unsubscribe(this);
  }

  /**
   * Unsubscribes, for `await using`.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await using sub = await client.subscribe("news");
   * ```
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.unsubscribe();
  }

  /**
   * Iterates over the messages. A subscription has one iterator, and none
   * when it was made with a `listener`. Leaving the loop unsubscribes.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await using sub = await client.subscribe("news");
   * for await (const message of sub) console.log(message.message);
   * ```
   *
   * @returns The iterator.
   */
  [Symbol.asyncIterator](): AsyncIterator<PubSubMessage<T>> {
    if (this.#listener) {
      throw new TypeError(
        "Cannot iterate a subscription that has a listener",
      );
    }
    if (this.#iterating) {
      throw new TypeError("The subscription is already being iterated");
    }
    this.#iterating = true;
    return {
      next: () => this.#next(),
      return: async () => {
        await this.unsubscribe().catch(() => {});
        return { value: undefined, done: true };
      },
    };
  }

  #next(): Promise<IteratorResult<PubSubMessage<T>>> {
    const message = this.#buffer.shift();
    if (message !== undefined) {
      // Caught up: the next overflow is a new burst.
      if (this.#buffer.length === 0) this.#dropping = false;
      return Promise.resolve({ value: message, done: false });
    }
    if (this.#ended) {
      if (this.#error !== undefined) {
        const error = this.#error;
        this.#error = undefined;
        return Promise.reject(error);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    if (this.#waiting) {
      return Promise.reject(
        new TypeError("The subscription's previous next() is still pending"),
      );
    }
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
    });
  }

  /**
   * Delivers a routed message (internal).
   *
   * @ignore
   */
  [deliver](incoming: Incoming): void {
    if (!this.#active) return;
    const message =
      (this.#bytes ? incoming.bytes() : incoming.text()) as PubSubMessage<T>;
    if (this.#listener) {
      try {
        this.#listener(message);
      } catch {
        // A failing listener must not break routing.
      }
      return;
    }
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      waiting.resolve({ value: message, done: false });
      return;
    }
    if (this.#buffer.length < this.#limit) {
      this.#buffer.push(message);
      return;
    }
    if (this.#overflow === "drop-oldest") {
      this.#buffer.shift();
      this.#buffer.push(message);
      this.#dropped++;
      if (!this.#dropping) {
        this.#dropping = true;
        this.dispatchEvent(new SubscriptionDropEvent(this.#dropped));
      }
      return;
    }
    this.#dropped++;
    this[finish](
      new SubscriptionOverflowError(
        `Subscription buffer of ${this.#limit} messages overflowed`,
        this.#limit,
      ),
    );
    this.#hub.unsubscribe(this).catch(() => {});
  }

  /**
   * Stops the subscription; the iterator ends after the buffered messages,
   * with `error` if given (internal).
   *
   * @ignore
   */
  [finish](error?: unknown): void {
    this.#active = false;
    if (this.#ended) return;
    this.#ended = true;
    this.#error = error;
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = undefined;
      if (error === undefined) {
        waiting.resolve({ value: undefined, done: true });
      } else {
        this.#error = undefined;
        waiting.reject(error);
      }
    }
  }
}

/**
 * The connection a hub sends its (un)subscribe commands on: `command`
 * sends `argv` (or nothing) followed by a PING and resolves with the PING's
 * reply, after every confirmation of `argv` was routed; it rejects when the
 * command itself was refused.
 */
export interface PubSubTransport {
  command(argv: Arg[] | undefined): Promise<void>;
}

const KINDS = new Map<string, "message" | "pmessage" | "smessage" | "ack">([
  ["message", "message"],
  ["pmessage", "pmessage"],
  ["smessage", "smessage"],
  ["subscribe", "ack"],
  ["unsubscribe", "ack"],
  ["psubscribe", "ack"],
  ["punsubscribe", "ack"],
  ["ssubscribe", "ack"],
  ["sunsubscribe", "ack"],
]);

/** The routing key of a name: its UTF-8 bytes as a binary string. */
function routingKey(name: Key | Reply): string {
  const bytes = typeof name === "string"
    ? encoder.encode(name)
    : name instanceof Uint8Array
    ? name
    : encoder.encode(String(name));
  let key = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    key += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return key;
}

function asBytes(reply: Reply | undefined): Uint8Array {
  if (reply instanceof Uint8Array) return reply;
  return encoder.encode(typeof reply === "string" ? reply : String(reply));
}

/**
 * Routes a client's Pub/Sub messages to its subscriptions and keeps the
 * server's subscriptions in step with them (reference counts per name).
 * Internal to the client.
 */
export class PubSubHub {
  #routes: Record<Kind, Map<string, Set<Routed>>> = {
    channel: new Map(),
    pattern: new Map(),
    shard: new Map(),
  };
  #open: () => Promise<PubSubTransport>;
  #transport: Promise<PubSubTransport> | undefined;

  /**
   * Creates a hub.
   *
   * @param open Opens (or returns) the connection for subscriptions.
   */
  constructor(open: () => Promise<PubSubTransport>) {
    this.#open = open;
  }

  /** Whether any subscription is active. */
  get active(): boolean {
    return this.#routes.channel.size > 0 || this.#routes.pattern.size > 0 ||
      this.#routes.shard.size > 0;
  }

  #connection(): Promise<PubSubTransport> {
    if (!this.#transport) {
      this.#transport = this.#open();
      this.#transport.catch(() => this.#transport = undefined);
    }
    return this.#transport;
  }

  /** Subscribes a new subscription to `names`. */
  async subscribe<T extends string | Uint8Array>(
    kind: Kind,
    names: readonly Key[],
    bytes: boolean,
    options: SubscriptionOptions<T>,
  ): Promise<Subscription<T>> {
    if (names.length === 0) {
      throw new TypeError(
        `Invalid ${COMMANDS[kind][0]} call: expected at least one ${
          kind === "pattern" ? "pattern" : "channel"
        }`,
      );
    }
    const keys = [...new Set(names.map(routingKey))];
    const subscription = new Subscription<T>(
      this,
      kind,
      names,
      keys,
      bytes,
      options,
    );
    const routes = this.#routes[kind];
    const fresh: Key[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < names.length; i++) {
      const key = routingKey(names[i]!);
      if (seen.has(key)) continue;
      seen.add(key);
      let set = routes.get(key);
      if (!set) {
        set = new Set();
        routes.set(key, set);
        fresh.push(names[i]!);
      }
      set.add(subscription);
    }
    try {
      const transport = await this.#connection();
      await transport.command(
        fresh.length > 0 ? [COMMANDS[kind][0], ...fresh] : undefined,
      );
    } catch (error) {
      this.#remove(subscription);
      subscription[finish]();
      throw error;
    }
    return subscription;
  }

  /** Unsubscribes one subscription. */
  async unsubscribe(
    subscription: Routed,
  ): Promise<void> {
    const gone = this.#remove(subscription);
    subscription[finish]();
    if (gone.length === 0 || !this.#transport) return;
    const transport = await this.#transport;
    await transport.command([
      COMMANDS[subscription.kind][1],
      ...gone.map(binaryName),
    ]);
  }

  /** Removes a subscription from the routes; returns names now unused. */
  #remove(subscription: Routed): string[] {
    const routes = this.#routes[subscription.kind];
    const gone: string[] = [];
    for (const key of subscription.routingKeys) {
      const set = routes.get(key);
      if (!set?.delete(subscription)) continue;
      if (set.size === 0) {
        routes.delete(key);
        gone.push(key);
      }
    }
    return gone;
  }

  /**
   * Routes a push (RESP3) or a push-like array (RESP2 subscriber
   * connection); returns whether it was a Pub/Sub message or confirmation.
   */
  route(data: Reply[]): boolean {
    const kind = KINDS.get(
      data[0] instanceof Uint8Array
        ? routingKey(data[0])
        : typeof data[0] === "string"
        ? data[0]
        : "",
    );
    if (kind === undefined) return false;
    if (kind === "ack") return true;
    let set: Set<Routed> | undefined;
    let incoming: Incoming;
    if (kind === "pmessage") {
      set = this.#routes.pattern.get(routingKey(data[1] ?? ""));
      incoming = new Incoming(
        kind,
        asBytes(data[2]),
        asBytes(data[1]),
        asBytes(data[3]),
      );
    } else {
      set = this.#routes[kind === "message" ? "channel" : "shard"].get(
        routingKey(data[1] ?? ""),
      );
      incoming = new Incoming(
        kind,
        asBytes(data[1]),
        undefined,
        asBytes(data[2]),
      );
    }
    if (set) {
      for (const subscription of set) {
        subscription[deliver](incoming);
      }
    }
    return true;
  }

  /**
   * Whether an active subscription of `kind` uses the name `name` (as it
   * came in a push).
   */
  uses(kind: Kind, name: Reply | undefined): boolean {
    return this.#routes[kind].has(routingKey(name ?? ""));
  }

  /** The names that active subscriptions of `kind` use, as bytes. */
  names(kind: Kind): Uint8Array[] {
    return [...this.#routes[kind].keys()].map(binaryName);
  }

  /**
   * Subscribes `transport` (a new connection) to every name that active
   * subscriptions use, one command per kind, so that after a reconnect the
   * subscriptions and their iterators carry on.
   *
   * @param transport The new connection.
   * @param kinds The kinds to subscribe again (all by default).
   */
  async restore(
    transport: PubSubTransport,
    kinds: readonly Kind[] = ["channel", "pattern", "shard"],
  ): Promise<void> {
    for (const kind of kinds) {
      const keys = [...this.#routes[kind].keys()];
      if (keys.length === 0) continue;
      await transport.command([COMMANDS[kind][0], ...keys.map(binaryName)]);
    }
  }

  /**
   * Ends every subscription (with `error` after a failure) and forgets the
   * connection.
   */
  end(error?: unknown): void {
    for (const routes of Object.values(this.#routes)) {
      const subscriptions = new Set<Routed>();
      for (const set of routes.values()) {
        for (const subscription of set) subscriptions.add(subscription);
      }
      routes.clear();
      for (const subscription of subscriptions) subscription[finish](error);
    }
    this.#transport = undefined;
  }
}

/** A routing key back to the bytes of the name. */
function binaryName(key: string): Uint8Array {
  const bytes = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i++) bytes[i] = key.charCodeAt(i);
  return bytes;
}
