/**
 * Error classes raised by respite.
 *
 * @module
 */

/**
 * Base class of every error respite raises on its own behalf.
 *
 * @example Catch anything respite raised
 * ```ts
 * import { RedisError } from "@respite/redis";
 *
 * try {
 *   throw new RedisError("Something failed");
 * } catch (error) {
 *   console.log(error instanceof RedisError); // true
 * }
 * ```
 */
export class RedisError extends Error {
  /**
   * Creates an error with a message and an optional cause.
   *
   * @param message What failed.
   * @param options The standard error options, such as `cause`.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "RedisError";
  }
}

/**
 * An error reply sent by the server (`-ERR ...` or a RESP3 bulk error).
 *
 * The decoder produces it as a value; a command whose reply is a
 * `ReplyError` rejects with it, and only that command is affected.
 *
 * @example Inspect the error code
 * ```ts
 * import { ReplyError } from "@respite/redis";
 *
 * const error = new ReplyError(
 *   "WRONGTYPE Operation against a key holding the wrong kind of value",
 * );
 * console.log(error.code); // "WRONGTYPE"
 * ```
 */
export class ReplyError extends RedisError {
  /**
   * The first word of the server's message when it is an upper-case code,
   * such as `ERR`, `WRONGTYPE`, `MOVED`, `NOSCRIPT`; otherwise `"ERR"`.
   */
  readonly code: string;
  /**
   * The command that got this reply, such as `"GET"` or `"CLIENT SETNAME"`,
   * once the client matched the reply to it; the message then ends with
   * `(command "GET")`. `undefined` for an error from a bare decoder.
   */
  command: string | undefined;

  /**
   * Creates a reply error from the server's message text.
   *
   * @param message The error text as the server sent it, code included.
   * @param options The standard error options, such as `cause`.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ReplyError";
    this.code = replyErrorCode(message);
    this.command = undefined;
  }

  /**
   * Names the command that got this reply: sets `command` and appends
   * `(command "NAME")` to the message, once.
   *
   * @example
   * ```ts
   * import { ReplyError } from "@respite/redis";
   *
   * const error = new ReplyError("ERR syntax error").forCommand("SET");
   * console.log(error.message); // 'ERR syntax error (command "SET")'
   * ```
   *
   * @param command The command, upper case, with its subcommand if any.
   * @returns This error.
   */
  forCommand(command: string): this {
    if (this.command === undefined) {
      this.command = command;
      this.message += ` (command "${command}")`;
    }
    return this;
  }
}

function replyErrorCode(message: string): string {
  let end = 0;
  while (end < message.length) {
    const c = message.charCodeAt(end);
    // A-Z, 0-9 and _ make up the codes Redis and its modules use.
    if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95) end++;
    else break;
  }
  if (end === 0 || (end < message.length && message.charCodeAt(end) !== 32)) {
    return "ERR";
  }
  return message.slice(0, end);
}

/**
 * The server sent bytes that are not valid RESP, or a reply broke one of the
 * decoder's limits (size, length, nesting depth).
 *
 * After a protocol error the stream position is lost, so the connection that
 * produced it is closed and every pending command is rejected.
 *
 * @example
 * ```ts
 * import { ProtocolError, RespDecoder } from "@respite/redis/resp";
 *
 * try {
 *   new RespDecoder().decode(new TextEncoder().encode("?oops\r\n"));
 * } catch (error) {
 *   console.log(error instanceof ProtocolError); // true
 * }
 * ```
 */
export class ProtocolError extends RedisError {
  /**
   * Creates a protocol error.
   *
   * @param message What was wrong with the byte stream.
   * @param options The standard error options, such as `cause`.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ProtocolError";
  }
}

/**
 * The client could not connect, or the connection failed.
 *
 * @example
 * ```ts
 * import { ConnectionError, RedisError } from "@respite/redis";
 *
 * const error = new ConnectionError('Cannot connect to "127.0.0.1:6379": connection refused');
 * console.log(error instanceof RedisError); // true
 * ```
 */
export class ConnectionError extends RedisError {
  /**
   * Creates a connection error.
   *
   * @param message What failed, with the address (never a password).
   * @param options The standard error options, such as `cause`.
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ConnectionError";
  }
}

/**
 * The connection is closed, or closed while a command was pending.
 *
 * `written` tells whether the command had already been sent to the server
 * when the connection went away, in which case it may or may not have run.
 *
 * @example
 * ```ts
 * import { ConnectionClosedError } from "@respite/redis";
 *
 * const error = new ConnectionClosedError("Connection is closed");
 * console.log(error.name, error.written); // "ConnectionClosedError" false
 * ```
 */
export class ConnectionClosedError extends ConnectionError {
  /** Whether the command had been written to the socket before the close. */
  readonly written: boolean;

  /**
   * Creates a connection-closed error.
   *
   * @param message What closed and what it means for the command.
   * @param options The standard error options, plus `written`.
   */
  constructor(
    message: string,
    options?: ErrorOptions & { written?: boolean },
  ) {
    super(message, options);
    this.name = "ConnectionClosedError";
    this.written = options?.written ?? false;
  }
}

/**
 * A subscription with `overflow: "error"` received more messages than its
 * buffer holds while nobody read them. The subscription's iterator throws
 * it after the buffered messages, and the subscription is unsubscribed.
 *
 * @example
 * ```ts
 * import { SubscriptionOverflowError } from "@respite/redis";
 *
 * const error = new SubscriptionOverflowError("Subscription buffer overflowed", 1000);
 * console.log(error.name, error.limit); // "SubscriptionOverflowError" 1000
 * ```
 */
export class SubscriptionOverflowError extends RedisError {
  /** The buffer size that was exceeded. */
  readonly limit: number;

  /**
   * Creates an overflow error.
   *
   * @param message What overflowed.
   * @param limit The buffer size that was exceeded.
   */
  constructor(message: string, limit: number) {
    super(message);
    this.name = "SubscriptionOverflowError";
    this.limit = limit;
  }
}

/**
 * A transaction was refused as a whole: the server rejected one or more of
 * its commands while queueing them (an unknown command, a wrong number of
 * arguments, an ACL denial, out of memory), so `EXEC` discarded the
 * transaction with `EXECABORT` and nothing ran. `errors` holds the
 * rejection of each command at its position in the transaction
 * (`undefined` where the command was queued).
 *
 * @example
 * ```ts
 * import { connect, ExecAbortError } from "@respite/redis";
 *
 * await using client = await connect();
 * try {
 *   await client.multi().set("a", "1").sendCommand(["NOSUCHCOMMAND"]).exec();
 * } catch (error) {
 *   if (error instanceof ExecAbortError) console.log(error.errors[1]?.message);
 * }
 * ```
 */
export class ExecAbortError extends ReplyError {
  /** Each command's rejection at queue time, by position; `undefined` where it was queued. */
  readonly errors: readonly (ReplyError | undefined)[];

  /**
   * Creates the error from the server's `EXECABORT` message.
   *
   * @param message The `EXECABORT` message, code included.
   * @param errors The rejections by position in the transaction.
   * @param options The standard error options, such as `cause`.
   */
  constructor(
    message: string,
    errors: readonly (ReplyError | undefined)[],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "ExecAbortError";
    this.errors = errors;
  }
}

/**
 * An optimistic transaction did not run because a key it watched changed
 * (`EXEC` answered null). `RedisClient.watch` runs the transaction again
 * and throws this only when every attempt was aborted; `attempts` says how
 * many there were.
 *
 * @example
 * ```ts
 * import { WatchError } from "@respite/redis";
 *
 * const error = new WatchError('Transaction aborted 3 times: a watched key changed ("stock")', 3);
 * console.log(error.name, error.attempts); // "WatchError" 3
 * ```
 */
export class WatchError extends RedisError {
  /** How many times the transaction was tried. */
  readonly attempts: number;

  /**
   * Creates the error.
   *
   * @param message What was aborted and how often.
   * @param attempts How many times the transaction was tried.
   * @param options The standard error options, such as `cause`.
   */
  constructor(message: string, attempts: number, options?: ErrorOptions) {
    super(message, options);
    this.name = "WatchError";
    this.attempts = attempts;
  }
}

/**
 * A command of a pipeline or transaction got an error reply, reported by
 * `execOrThrow()` (`exec()` keeps such errors in place as values instead).
 * The other commands ran: `results` holds every result, errors in place,
 * and `index` the position of the first error, which is also the `cause`.
 *
 * @example
 * ```ts
 * import { connect, PipelineError } from "@respite/redis";
 *
 * await using client = await connect();
 * try {
 *   await client.pipeline().set("s", "x").incr("s").execOrThrow();
 * } catch (error) {
 *   if (error instanceof PipelineError) console.log(error.index, error.results);
 * }
 * ```
 */
export class PipelineError extends RedisError {
  /** The position of the first failed command. */
  readonly index: number;
  /** Every result in order, with each error reply in its place. */
  readonly results: readonly unknown[];

  /**
   * Creates the error.
   *
   * @param message Which command failed and why.
   * @param index The position of the first failed command.
   * @param results Every result, errors in place.
   * @param options The standard error options; `cause` is the first error.
   */
  constructor(
    message: string,
    index: number,
    results: readonly unknown[],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "PipelineError";
    this.index = index;
    this.results = results;
  }
}

/**
 * An integer reply is outside JavaScript's safe integer range
 * (±(2^53 - 1)), so the `number` a method resolves to could not hold it
 * exactly: the counters (`incr`, `incrby`, `decr`, `decrby`, `hincrby`,
 * `increx`) reject with this instead of rounding. The command did run: the
 * server holds the new value, and `value` is that exact value. For 64-bit
 * counters, send the command with `sendCommand`, which resolves to a
 * `bigint` beyond the safe range.
 *
 * Only that command fails, and the connection stays usable: a call rejects
 * with it, and in a pipeline or transaction it takes the command's place
 * among the results, as an error reply would.
 *
 * @example
 * ```ts
 * import { UnsafeIntegerError } from "@respite/redis";
 *
 * const error = new UnsafeIntegerError(
 *   'Reply "9007199254740993" of INCRBY is outside the safe integer range: use sendCommand for 64-bit counters',
 *   9007199254740993n,
 * );
 * console.log(error instanceof RangeError, error.value); // true 9007199254740993n
 * ```
 */
export class UnsafeIntegerError extends RangeError {
  /** The exact reply: the value the server now holds. */
  readonly value: bigint;

  /**
   * Creates the error.
   *
   * @param message Which command's reply was out of range, and its value.
   * @param value The exact reply.
   * @param options The standard error options, such as `cause`.
   */
  constructor(message: string, value: bigint, options?: ErrorOptions) {
    super(message, options);
    this.name = "UnsafeIntegerError";
    this.value = value;
  }
}
