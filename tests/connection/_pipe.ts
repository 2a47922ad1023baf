/**
 * A socket made of two in-memory streams, for what a real server cannot
 * do on cue: the test reads exactly what the client wrote, chunk by chunk,
 * decides when a write completes (a write waits until the test reads it),
 * and writes the server's bytes itself.
 */
import { RespDecoder } from "../../src/resp/mod.ts";
import type { RespSocket } from "../../src/transport/types.ts";

/** The two ends of a pipe socket. */
export interface Pipe {
  /** The client's end. */
  socket: RespSocket;
  /** Reads the next chunk the client wrote, decoded as commands. */
  nextWrite(): Promise<string[][]>;
  /** Sends bytes to the client. */
  reply(text: string): Promise<void>;
  /** Ends the server's side (the server closed the connection). */
  end(): Promise<void>;
  /** Whether the client closed its end. */
  readonly closed: boolean;
}

/** A pipe socket: see the module docs. */
export function pipe(): Pipe {
  const toServer = new TransformStream<Uint8Array, Uint8Array>(
    undefined,
    { highWaterMark: 0 },
  );
  const toClient = new TransformStream<Uint8Array, Uint8Array>();
  const reader = toServer.readable.getReader();
  const writer = toClient.writable.getWriter();
  const decoder = new RespDecoder();
  const encoder = new TextEncoder();
  let closed = false;
  return {
    socket: {
      readable: toClient.readable,
      writable: toServer.writable,
      close() {
        closed = true;
        writer.close().catch(() => {});
        reader.cancel().catch(() => {});
      },
    },
    async nextWrite() {
      const { value, done } = await reader.read();
      if (done) throw new Error("the client closed the socket");
      return decoder.decode(value).map((command) =>
        (command as string[]).map(String)
      );
    },
    reply: (text) => writer.write(encoder.encode(text)),
    end: () => writer.close(),
    get closed() {
      return closed;
    },
  };
}
