/**
 * Test helper: a tiny byte-scripted fake Redis server, for what a real
 * server cannot be made to do (replies split mid-CRLF, interleaved pushes,
 * closing mid-reply, garbage bytes).
 *
 * Only `node:` builtins are used so that it runs under both `deno test` and
 * `bun test`.
 *
 * @module
 */

import * as net from "node:net";

/** One client connection accepted by a {@linkcode FakeServer}. */
export interface FakeConnection {
  /**
   * Resolves with the next chunk of bytes received from the client (bytes
   * left over by {@linkcode FakeConnection.readCommands} come first).
   * Rejects once the client closed and nothing is left.
   */
  received(): Promise<Uint8Array>;
  /**
   * Reads until `n` complete RESP commands were received and returns them
   * decoded as UTF-8 strings. Bytes after the `n`th command are kept.
   */
  readCommands(n: number): Promise<string[][]>;
  /** Writes bytes (strings as UTF-8); resolves once handed to the OS. */
  write(bytes: Uint8Array | string): Promise<void>;
  /** Graceful close (FIN); resolves once the FIN was sent. */
  end(): Promise<void>;
  /** Abrupt close. */
  destroy(): void;
}

/** A listening fake server. */
export interface FakeServer {
  port: number;
  host: "127.0.0.1";
  /** `redis://127.0.0.1:PORT` */
  url: string;
  /** Resolves with the next incoming connection (connections are queued). */
  accept(): Promise<FakeConnection>;
  /** Closes the listener and destroys every connection. */
  close(): Promise<void>;
}

const HOST = "127.0.0.1";
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);

/** A FIFO whose consumers wait for items; fails all waiters when closed. */
class AsyncQueue<T> {
  #items: T[] = [];
  #waiters: { resolve: (item: T) => void; reject: (error: Error) => void }[] =
    [];
  #error: Error | undefined;

  push(item: T): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve(item);
    else this.#items.push(item);
  }

  /** No more items will come: waiters (present and future) get `error`. */
  fail(error: Error): void {
    this.#error ??= error;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }

  next(): Promise<T> {
    if (this.#items.length > 0) return Promise.resolve(this.#items.shift()!);
    if (this.#error) return Promise.reject(this.#error);
    return new Promise((resolve, reject) => {
      this.#waiters.push({ resolve, reject });
    });
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

const CR = 13;
const LF = 10;

/** Index of the next CRLF at or after `from`, or -1. */
function findCrlf(buf: Uint8Array, from: number): number {
  for (let i = from; i + 1 < buf.length; i++) {
    if (buf[i] === CR && buf[i + 1] === LF) return i;
  }
  return -1;
}

function parseLength(line: string, what: string): number {
  if (!/^-?\d+$/.test(line)) {
    throw new Error(`fake server: bad ${what} ${JSON.stringify(line)}`);
  }
  return Number(line);
}

/**
 * Parses one command from the start of `buf`: a RESP array of bulk strings,
 * or an inline command line. Returns `undefined` if more bytes are needed;
 * `command` is `undefined` for an empty inline line (to be skipped).
 */
export function parseCommand(
  buf: Uint8Array,
): { command: string[] | undefined; consumed: number } | undefined {
  if (buf.length === 0) return undefined;
  if (buf[0] !== 0x2a /* * */) {
    const end = findCrlf(buf, 0);
    if (end < 0) return undefined;
    const words = decoder.decode(buf.subarray(0, end)).split(/[ \t]+/)
      .filter((word) => word !== "");
    return { command: words.length > 0 ? words : undefined, consumed: end + 2 };
  }
  let end = findCrlf(buf, 1);
  if (end < 0) return undefined;
  const count = parseLength(
    decoder.decode(buf.subarray(1, end)),
    "array length",
  );
  let pos = end + 2;
  const command: string[] = [];
  for (let i = 0; i < count; i++) {
    if (pos >= buf.length) return undefined;
    if (buf[pos] !== 0x24 /* $ */) {
      throw new Error(
        `fake server: expected a bulk string, got byte ${buf[pos]} at ${pos}`,
      );
    }
    end = findCrlf(buf, pos + 1);
    if (end < 0) return undefined;
    const length = parseLength(
      decoder.decode(buf.subarray(pos + 1, end)),
      "bulk length",
    );
    if (length < 0) throw new Error("fake server: null bulk in a command");
    const start = end + 2;
    if (start + length + 2 > buf.length) return undefined;
    if (buf[start + length] !== CR || buf[start + length + 1] !== LF) {
      throw new Error("fake server: bulk string not followed by CRLF");
    }
    command.push(decoder.decode(buf.subarray(start, start + length)));
    pos = start + length + 2;
  }
  return { command, consumed: pos };
}

class Connection implements FakeConnection {
  #socket: net.Socket;
  #chunks = new AsyncQueue<Uint8Array>();
  /** Bytes received but not yet handed out. */
  #pending: Uint8Array = EMPTY;
  readonly closed: Promise<void>;

  constructor(socket: net.Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Uint8Array) => {
      // Copy: the runtime may hand out views into a shared buffer.
      this.#chunks.push(new Uint8Array(chunk));
    });
    // Errors (e.g. ECONNRESET) end in "close"; never let them go unhandled.
    socket.on("error", () => {});
    this.closed = new Promise((resolve) => {
      socket.once("close", () => {
        this.#chunks.fail(new Error("fake server: connection closed"));
        resolve();
      });
    });
  }

  received(): Promise<Uint8Array> {
    if (this.#pending.length > 0) {
      const chunk = this.#pending;
      this.#pending = EMPTY;
      return Promise.resolve(chunk);
    }
    return this.#chunks.next();
  }

  async readCommands(n: number): Promise<string[][]> {
    const commands: string[][] = [];
    while (commands.length < n) {
      const parsed = parseCommand(this.#pending);
      if (parsed === undefined) {
        this.#pending = concat(this.#pending, await this.#chunks.next());
        continue;
      }
      this.#pending = this.#pending.subarray(parsed.consumed);
      if (parsed.command !== undefined) commands.push(parsed.command);
    }
    return commands;
  }

  write(bytes: Uint8Array | string): Promise<void> {
    const data = typeof bytes === "string" ? encoder.encode(bytes) : bytes;
    return new Promise((resolve, reject) => {
      this.#socket.write(data, (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  }

  end(): Promise<void> {
    const socket = this.#socket;
    return new Promise((resolve) => {
      if (socket.destroyed || socket.writableFinished) return resolve();
      socket.once("finish", () => resolve());
      socket.once("close", () => resolve());
      socket.end();
    });
  }

  destroy(): void {
    this.#socket.destroy();
  }
}

/** Starts a fake server listening on a free port of 127.0.0.1. */
export async function startFakeServer(): Promise<FakeServer> {
  const connections = new Set<Connection>();
  const incoming = new AsyncQueue<FakeConnection>();
  const listener = net.createServer((socket) => {
    const connection = new Connection(socket);
    connections.add(connection);
    connection.closed.then(() => connections.delete(connection));
    incoming.push(connection);
  });
  const port = await new Promise<number>((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(0, HOST, () => {
      listener.off("error", reject);
      const address = listener.address();
      if (address === null || typeof address === "string") {
        reject(new Error("fake server: could not read its port"));
      } else {
        resolve(address.port);
      }
    });
  });
  let closing: Promise<void> | undefined;
  return {
    port,
    host: HOST,
    url: `redis://${HOST}:${port}`,
    accept: () => incoming.next(),
    close(): Promise<void> {
      closing ??= (async () => {
        incoming.fail(new Error("fake server: closed"));
        const all = [...connections];
        for (const connection of all) connection.destroy();
        const listenerClosed = new Promise<void>((resolve) => {
          listener.close(() => resolve());
        });
        await Promise.all([
          listenerClosed,
          ...all.map((connection) => connection.closed),
        ]);
      })();
      return closing;
    },
  };
}

let nextClientId = 1;

function bulk(text: string): string {
  return `$${encoder.encode(text).length}\r\n${text}\r\n`;
}

/**
 * Reads the handshake's first commands, `HELLO` and the two
 * `CLIENT SETINFO`s written with it, and answers them like Redis 7.2 does:
 * a RESP3 map for `HELLO 3`, a flat RESP2 array for `HELLO 2` (`protocol`
 * is used when the HELLO names no version; any other version gets a
 * `-NOPROTO` error), then `+OK` twice. Returns the HELLO command. With
 * `clientInfo: false` (a client connected with that option), only HELLO
 * is read.
 */
export async function handshake(
  conn: FakeConnection,
  protocol: 2 | 3 = 3,
  { clientInfo = true }: { clientInfo?: boolean } = {},
): Promise<string[]> {
  const [command] = await conn.readCommands(1);
  if (command === undefined || command[0]?.toUpperCase() !== "HELLO") {
    throw new Error(
      `fake server: expected HELLO, got ${JSON.stringify(command)}`,
    );
  }
  const setinfo = clientInfo ? await conn.readCommands(2) : [];
  for (const sent of setinfo) {
    if (sent[0]?.toUpperCase() !== "CLIENT" || sent[1] !== "SETINFO") {
      throw new Error(
        `fake server: expected CLIENT SETINFO, got ${JSON.stringify(sent)}`,
      );
    }
  }
  const ok = "+OK\r\n".repeat(setinfo.length);
  const version = command[1] ?? String(protocol);
  if (version !== "2" && version !== "3") {
    await conn.write(
      "-NOPROTO sorry, this protocol version is not supported.\r\n" + ok,
    );
    return command;
  }
  await conn.write(helloReply(version === "3" ? 3 : 2) + ok);
  return command;
}

/** The HELLO reply of a Redis 7.2 master, in RESP3 or RESP2. */
export function helloReply(protocol: 2 | 3): string {
  const fields = [
    bulk("server") + bulk("redis"),
    bulk("version") + bulk("7.2.4"),
    bulk("proto") + `:${protocol}\r\n`,
    bulk("id") + `:${nextClientId++}\r\n`,
    bulk("mode") + bulk("standalone"),
    bulk("role") + bulk("master"),
    bulk("modules") + "*0\r\n",
  ];
  const header = protocol === 3
    ? `%${fields.length}\r\n`
    : `*${fields.length * 2}\r\n`;
  return header + fields.join("");
}
