/**
 * A `TransformStream` from RESP bytes to batches of replies.
 *
 * @module
 */

import { RespDecoder, type RespDecoderOptions } from "./decoder.ts";
import type { Reply } from "./types.ts";

/** Options of {@linkcode RespDecoderStream}: those of the decoder. */
export type RespDecoderStreamOptions = RespDecoderOptions;

/**
 * Decodes a byte stream into replies, emitting one array of the replies that
 * each input chunk completed (never one enqueue per reply, and nothing for a
 * chunk that completed none). A malformed stream errors the readable side
 * with a {@linkcode ProtocolError}.
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

  /**
   * Creates a decoding stream.
   *
   * @param options Limits and value options of the underlying decoder.
   */
  constructor(options?: RespDecoderStreamOptions) {
    const decoder = new RespDecoder(options);
    super({
      transform(chunk, controller) {
        const replies = decoder.decode(chunk);
        if (replies.length > 0) controller.enqueue(replies);
      },
    });
    this.decoder = decoder;
  }
}
