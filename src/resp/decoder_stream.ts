/**
 * A `TransformStream` from RESP bytes to batches of replies.
 *
 * @module
 */

import { ProtocolError } from "../errors.ts";
import { RespDecoder, type RespDecoderOptions } from "./decoder.ts";
import type { Reply } from "./types.ts";

/**
 * Options of {@linkcode RespDecoderStream}: those of the decoder.
 *
 * @example
 * ```ts
 * import { RespDecoderStream, type RespDecoderStreamOptions } from "@respite/redis/resp";
 *
 * const options: RespDecoderStreamOptions = { maxBulkLength: 1 << 20 };
 * const stream = new RespDecoderStream(options);
 * ```
 */
export type RespDecoderStreamOptions = RespDecoderOptions;

/**
 * Decodes a byte stream into replies, emitting one array of the replies that
 * each input chunk completed (never one enqueue per reply, and nothing for a
 * chunk that completed none).
 *
 * A malformed stream errors the readable side with a
 * {@linkcode ProtocolError}. Replies completed before the bad byte are not
 * lost: they are emitted first, {@linkcode RespDecoderStream.failure} is set
 * at once, and the stream errors on the next write or on close. A stream
 * that ends in the middle of a reply errors too.
 *
 * @example
 * ```ts
 * import { RespDecoderStream } from "@respite/redis/resp";
 *
 * const bytes = new TextEncoder().encode("+OK\r\n:42\r\n");
 * const replies = ReadableStream.from([bytes]).pipeThrough(
 *   new RespDecoderStream(),
 * );
 * for await (const batch of replies) console.log(batch); // ["OK", 42]
 * ```
 */
export class RespDecoderStream extends TransformStream<Uint8Array, Reply[]> {
  /** The decoder this stream feeds. */
  readonly decoder: RespDecoder;
  #state: { failure?: ProtocolError; chunks: number };

  /**
   * Creates a decoding stream.
   *
   * @param options Limits and value options of the underlying decoder.
   */
  constructor(options?: RespDecoderStreamOptions) {
    const decoder = new RespDecoder(options);
    const state: { failure?: ProtocolError; chunks: number } = { chunks: 0 };
    super({
      transform(chunk, controller) {
        state.chunks++;
        const replies: Reply[] = [];
        try {
          decoder.decode(chunk, replies);
        } catch (error) {
          if (!(error instanceof ProtocolError) || replies.length === 0) {
            throw error;
          }
          // Deliver what was complete before the bad byte; error later.
          state.failure = error;
        }
        if (replies.length > 0) controller.enqueue(replies);
      },
      flush() {
        if (state.failure) throw state.failure;
        if (decoder.pending) {
          throw new ProtocolError("The stream ended in the middle of a reply");
        }
      },
    });
    this.#state = state;
    this.decoder = decoder;
  }

  /**
   * The decoder's {@linkcode RespDecoder.readTarget}, when it is safe to
   * read into: only when every one of the `sent` chunks written to this
   * stream so far has been decoded. A chunk still on its way through the
   * stream would otherwise be copied over the bytes read into the target.
   *
   * A transport reads the next bytes into the returned view and writes
   * that view (or its first bytes) as its next chunk.
   *
   * @example
   * ```ts
   * import { RespDecoderStream } from "@respite/redis/resp";
   *
   * const stream = new RespDecoderStream();
   * console.log(stream.readTarget(0)); // undefined: no bulk string pending
   * ```
   *
   * @param sent The number of chunks the caller has written so far.
   * @returns The view to read into, or `undefined`.
   */
  readTarget(sent: number): Uint8Array | undefined {
    return sent === this.#state.chunks && !this.#state.failure
      ? this.decoder.readTarget
      : undefined;
  }

  /**
   * The protocol error met so far, if any. It is set as soon as the bad
   * byte is decoded, while the replies completed before it are still being
   * delivered.
   *
   * @example
   * ```ts
   * import { RespDecoderStream } from "@respite/redis/resp";
   *
   * const stream = new RespDecoderStream();
   * console.log(stream.failure); // undefined
   * ```
   */
  get failure(): ProtocolError | undefined {
    return this.#state.failure ?? this.decoder.failure;
  }
}
