/**
 * The RESP2/RESP3 codec on its own: encode commands, decode replies, with no
 * I/O and no dependency on a runtime.
 *
 * @example
 * ```ts
 * import { encodeCommand, RespDecoder } from "@respite/redis/resp";
 *
 * const request = encodeCommand(["PING"]);
 * const [reply] = new RespDecoder().decode(new TextEncoder().encode("+PONG\r\n"));
 * console.log(request.length, reply); // 14 "PONG"
 * ```
 *
 * @module
 */

export * from "./types.ts";
export * from "./encoder.ts";
export * from "./decoder.ts";
export * from "./decoder_stream.ts";
export { ProtocolError, RedisError, ReplyError } from "../errors.ts";
