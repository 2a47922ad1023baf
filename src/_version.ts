/**
 * The package version, sent to the server in the handshake
 * (`CLIENT SETINFO LIB-VER`). A test keeps it equal to `deno.json`'s.
 *
 * @module
 */

/** The version of `@respite/redis`. */
export const VERSION = "0.1.0";
