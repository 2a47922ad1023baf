/**
 * Parsing of `redis://`, `rediss://` and `unix://` connection URLs.
 *
 * @module
 */

import type { SocketOptions } from "./transport/types.ts";

/**
 * What a connection URL can say: the address and the connection settings.
 *
 * @example
 * ```ts
 * import type { RedisUrlOptions } from "@respite/redis";
 *
 * const options: RedisUrlOptions = { hostname: "::1", port: 6380, db: 2 };
 * ```
 */
export interface RedisUrlOptions extends SocketOptions {
  /** ACL user name. */
  username?: string;
  /** Password (of `username`, or of the `default` user). */
  password?: string;
  /** Database index to SELECT. */
  db?: number;
  /** RESP protocol version. */
  protocol?: 2 | 3;
  /** Name given with CLIENT SETNAME. */
  clientName?: string;
}

/**
 * Parses a Redis connection URL.
 *
 * - `redis://[[user]:password@]host[:port][/db]` (IPv6 hosts in brackets,
 *   percent-encoded user and password)
 * - `rediss://...` the same over TLS
 * - `unix:///path/to/redis.sock?db=N&user=U&password=P`
 *
 * Query parameters `db`, `user` (or `username`), `password`, `protocol` (2 or
 * 3) and `name` (client name) are accepted by every form.
 *
 * @example
 * ```ts
 * import { parseRedisUrl } from "@respite/redis";
 *
 * const options = parseRedisUrl("redis://alice:s3cret@[::1]:6380/2");
 * console.log(options.hostname, options.port, options.username, options.db); // "::1" 6380 "alice" 2
 * ```
 *
 * @param url The URL.
 * @returns The options it describes.
 * @throws {TypeError} The URL is malformed or says something impossible; the
 *   message never contains the password.
 */
export function parseRedisUrl(url: string): RedisUrlOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`Invalid Redis URL "${redactUrl(url)}"`);
  }
  const fail = (what: string): never => {
    throw new TypeError(`Invalid Redis URL "${redactUrl(url)}": ${what}`);
  };
  const options: RedisUrlOptions = {};
  switch (parsed.protocol) {
    case "redis:":
    case "rediss:": {
      if (parsed.hostname === "") fail("missing host");
      options.hostname = parsed.hostname.startsWith("[")
        ? parsed.hostname.slice(1, -1)
        : parsed.hostname;
      if (parsed.port !== "") options.port = Number(parsed.port);
      if (parsed.protocol === "rediss:") options.tls = true;
      const path = parsed.pathname.replace(/^\/+/, "");
      if (path !== "") options.db = parseDb(path, fail);
      break;
    }
    case "unix:": {
      if (parsed.hostname !== "") {
        fail('expected "unix:///absolute/path" with an empty host');
      }
      const path = decodePart(parsed.pathname, fail, "path");
      if (path === "" || path === "/") fail("missing socket path");
      options.path = path;
      break;
    }
    default:
      fail(
        `unsupported scheme "${parsed.protocol}" (expected redis:, rediss: or unix:)`,
      );
  }
  if (parsed.username !== "") {
    options.username = decodePart(parsed.username, fail, "user name");
  }
  if (parsed.password !== "") {
    options.password = decodePart(parsed.password, fail, "password");
  }
  for (const [name, value] of parsed.searchParams) {
    switch (name) {
      case "db":
        options.db = parseDb(value, fail);
        break;
      case "user":
      case "username":
        options.username = value;
        break;
      case "password":
        options.password = value;
        break;
      case "protocol":
        if (value !== "2" && value !== "3") {
          fail(`protocol must be 2 or 3, got "${value}"`);
        }
        options.protocol = value === "2" ? 2 : 3;
        break;
      case "name":
      case "clientName":
        options.clientName = value;
        break;
      default:
        // A name that does not look like one may be a pasted secret.
        fail(
          /^[A-Za-z][\w-]{0,31}$/.test(name)
            ? `unknown parameter "${name}"`
            : "unknown parameter",
        );
    }
  }
  return options;
}

/**
 * Returns a URL with its password, and the value of every query parameter
 * other than `db` and `protocol`, replaced by `***`, for messages and
 * logs: a misspelled `?pasword=...` is hidden too. Works on malformed URLs
 * too.
 *
 * @example
 * ```ts
 * import { redactUrl } from "@respite/redis";
 *
 * console.log(redactUrl("redis://alice:s3cret@localhost/0")); // "redis://alice:***@localhost/0"
 * console.log(redactUrl("redis://localhost?pasword=s3cret&db=1")); // "redis://localhost?pasword=***&db=1"
 * ```
 *
 * @param url Any string that may be a URL with credentials.
 * @returns The same text without the password.
 */
export function redactUrl(url: string): string {
  let text = url;
  // Everything between "scheme://" and the last "@" is user information,
  // whatever characters a malformed password holds; keep only the user.
  const start = text.indexOf("://");
  const at = text.lastIndexOf("@");
  if (start >= 0 && at > start) {
    const info = text.slice(start + 3, at);
    const colon = info.indexOf(":");
    const user = colon < 0 ? "" : info.slice(0, colon + 1);
    text = `${text.slice(0, start + 3)}${user}***${text.slice(at)}`;
  }
  return text.replace(/([?&])([^&#]*)/g, (part, separator: string, pair) => {
    const eq = pair.indexOf("=");
    const name: string = eq < 0 ? pair : pair.slice(0, eq);
    if (/^(?:db|protocol)$/i.test(name)) return part;
    // A name that does not look like one may be a pasted secret.
    const shown = /^[A-Za-z][\w-]{0,31}$/.test(name) ? name : "***";
    return eq < 0 ? `${separator}${shown}` : `${separator}${shown}=***`;
  }).replace(/#.*$/, (hash) => hash === "" ? "" : "#***");
}

function parseDb(text: string, fail: (what: string) => never): number {
  if (!/^\d{1,9}$/.test(text)) fail(`database must be a number, got "${text}"`);
  return Number(text);
}

function decodePart(
  text: string,
  fail: (what: string) => never,
  what: string,
): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return fail(`malformed percent-encoding in the ${what}`);
  }
}
