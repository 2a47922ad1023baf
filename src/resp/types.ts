/**
 * The JavaScript values that RESP2 and RESP3 replies decode to.
 *
 * @module
 */

import type { ReplyError } from "../errors.ts";

/**
 * A RESP3 verbatim string (`=`), kept as an object only when the decoder is
 * asked for it with `verbatim: "object"`; by default verbatim strings decode
 * to plain strings so that RESP2 and RESP3 give the same shapes.
 *
 * @example
 * ```ts
 * import { VerbatimString } from "@respite/redis/resp";
 *
 * const info = new VerbatimString("txt", "# Server");
 * console.log(info.format, `${info}`); // "txt" "# Server"
 * ```
 */
export class VerbatimString {
  /** The three-letter format, such as `txt` or `mkd`. */
  readonly format: string;
  /** The text after the `fmt:` prefix. */
  readonly text: string;

  /**
   * Creates a verbatim string.
   *
   * @param format The three-letter format, such as `txt` or `mkd`.
   * @param text The text itself.
   */
  constructor(format: string, text: string) {
    this.format = format;
    this.text = text;
  }

  /**
   * Returns the text without its format.
   *
   * @returns The text.
   */
  toString(): string {
    return this.text;
  }
}

/**
 * An out-of-band RESP3 push (`>`), such as a pub/sub message or a client-side
 * caching invalidation. The client routes pushes away from the reply queue,
 * so a push never answers a command.
 *
 * @example
 * ```ts
 * import { Push } from "@respite/redis/resp";
 *
 * const push = new Push(["message", "news", "hello"]);
 * console.log(push.kind, push.data.length); // "message" 3
 * ```
 */
export class Push {
  /** The elements of the push, the kind first. */
  readonly data: Reply[];

  /**
   * Creates a push value.
   *
   * @param data The elements of the push, the kind first.
   */
  constructor(data: Reply[]) {
    this.data = data;
  }

  /**
   * The first element as a string (`message`, `pmessage`, `invalidate`, ...),
   * or `""` when the push is empty.
   */
  get kind(): string {
    const first = this.data[0];
    if (typeof first === "string") return first;
    if (first instanceof Uint8Array) {
      return new TextDecoder("utf-8", { ignoreBOM: true }).decode(first);
    }
    return "";
  }
}

/**
 * Any decoded reply value.
 *
 * | RESP | value |
 * |---|---|
 * | simple string, bulk string, verbatim string | `string` (bulk as `Uint8Array` in bytes mode) |
 * | integer | `number`, or `bigint` outside the safe integer range |
 * | double | `number` |
 * | big number | `bigint` |
 * | boolean | `boolean` |
 * | null and RESP2 null bulk/array | `null` |
 * | array | `Reply[]` |
 * | map | `Map<Reply, Reply>` |
 * | set | `Set<Reply>` |
 * | simple error, bulk error | `ReplyError` |
 * | push | `Push` |
 *
 * @example
 * ```ts
 * import type { Reply } from "@respite/redis/resp";
 *
 * function describe(reply: Reply): string {
 *   return Array.isArray(reply) ? `array of ${reply.length}` : typeof reply;
 * }
 * console.log(describe(["a", 1])); // "array of 2"
 * ```
 */
export type Reply =
  | string
  | number
  | bigint
  | boolean
  | null
  | Uint8Array
  | ReplyError
  | VerbatimString
  | Push
  | Reply[]
  | Map<Reply, Reply>
  | Set<Reply>;

/**
 * One command argument. Strings are sent as UTF-8, numbers and bigints in
 * decimal (`Infinity` as `inf`), `Uint8Array`s byte for byte.
 *
 * @example
 * ```ts
 * import type { Arg } from "@respite/redis/resp";
 *
 * const args: Arg[] = ["SET", "key", new Uint8Array([0, 255]), 42];
 * console.log(args.length); // 4
 * ```
 */
export type Arg = string | number | bigint | Uint8Array;
