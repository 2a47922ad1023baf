/**
 * The flag bits of a command declaration ({@linkcode Command.flags}): what
 * the connection layer needs to know about a command besides its argument
 * vector (whether it only reads, blocks, has a binary reply, takes RESP2
 * shapes, changes the connection's state). They live below both the
 * declarations and the connection so that neither imports the other.
 *
 * @module
 */

/**
 * Flag bit of {@linkcode Command.flags}: the command only reads, so it is
 * safe to retry and may run on a replica.
 *
 * @example
 * ```ts
 * import { commands, READONLY } from "@respite/redis/commands";
 *
 * console.log((commands.get.flags & READONLY) !== 0); // true
 * ```
 */
export const READONLY = 1;
/**
 * Flag bit of {@linkcode Command.flags}: the command may block its
 * connection (BLPOP, XREAD with BLOCK, WAIT, ...).
 *
 * @example
 * ```ts
 * import { BLOCKING, commands } from "@respite/redis/commands";
 *
 * console.log((commands.get.flags & BLOCKING) !== 0); // false
 * ```
 */
export const BLOCKING = 2;
/**
 * Flag bit of {@linkcode Command.flags}: the reply is binary (DUMP,
 * FUNCTION DUMP), so its strings arrive as `Uint8Array` in every view.
 *
 * @example
 * ```ts
 * import { BYTES_REPLY, commands } from "@respite/redis/commands";
 *
 * console.log((commands.get.flags & BYTES_REPLY) !== 0); // false
 * ```
 */
export const BYTES_REPLY = 4;
/**
 * Flag bit of {@linkcode Command.flags}: the reply transform takes the
 * RESP2 shapes of the reply's maps (flat `[key, value, ...]` arrays) and
 * sets (arrays), so over RESP3 the client asks the decoder for those
 * shapes, which are cheaper to build than a `Map` or `Set` that the
 * transform would only walk (HGETALL, SMEMBERS, CONFIG GET, ...).
 *
 * @example
 * ```ts
 * import { commands, FLAT_REPLY } from "@respite/redis/commands";
 *
 * console.log((commands.hgetall.flags & FLAT_REPLY) !== 0); // true
 * ```
 */
export const FLAT_REPLY = 8;
/**
 * Flag bit of {@linkcode Command.flags}: the command changes the state of
 * its connection (SELECT, AUTH, HELLO, CLIENT SETNAME, CLIENT TRACKING,
 * CLIENT NO-EVICT, READONLY, READWRITE). A client tracks the change once
 * the server accepted it and applies it to every connection it opens
 * (reconnects, extra connections); pipelines and transactions refuse such
 * commands.
 *
 * @example
 * ```ts
 * import { commands, CONNECTION_STATE } from "@respite/redis/commands";
 *
 * console.log((commands.select.flags & CONNECTION_STATE) !== 0); // true
 * ```
 */
export const CONNECTION_STATE = 16;

/**
 * Internal flag bit: send the command on the shared connection as written,
 * even when it blocks (`sendCommand` of a blocking command); its block time
 * still extends the timeout. Never set on a declaration.
 */
export const AS_WRITTEN = 1 << 16;
