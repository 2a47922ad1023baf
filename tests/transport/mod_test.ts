import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { openSocket } from "../../src/transport/mod.ts";
import { encodeCommand, RespDecoder } from "../../src/resp/mod.ts";
import { startServer, type TestServer } from "../_server.ts";

describe("openSocket", () => {
  let server: TestServer;

  before(async () => {
    server = await startServer({ tls: true, unix: true });
  });

  after(async () => {
    await server?.stop();
  });

  async function roundTrip(
    options: Parameters<typeof openSocket>[0],
    size: number,
  ): Promise<void> {
    const socket = await openSocket(options);
    const value = new Uint8Array(size).map((_, i) => (i * 31) & 0xff);
    const writer = socket.writable.getWriter();
    // One write far larger than a socket buffer: the transport must finish
    // it (partial writes, drain) before the next write starts.
    const set = encodeCommand(["SET", "big", value]);
    const get = encodeCommand(["GET", "big"]);
    await writer.write(set);
    await writer.write(get);
    const decoder = new RespDecoder({ bytes: true });
    const replies: unknown[] = [];
    const reader = socket.readable.getReader();
    while (replies.length < 2) {
      const { value: chunk, done } = await reader.read();
      if (done) break;
      decoder.decode(chunk, replies as never);
    }
    assert.equal(replies.length, 2);
    assert.equal(replies[0], "OK"); // simple strings stay strings
    assert.deepEqual(replies[1], value);
    reader.releaseLock();
    writer.releaseLock();
    socket.close();
    socket.close(); // closing twice is harmless
  }

  it("openSocket carries a 32 MiB write and read over TCP", async () => {
    await roundTrip({ hostname: "127.0.0.1", port: server.port }, 32 << 20);
  });

  it("openSocket carries a 4 MiB write and read over a unix socket", async () => {
    await roundTrip({ path: server.socketPath! }, 4 << 20);
  });

  it("openSocket carries a 4 MiB write and read over TLS", async () => {
    await roundTrip({
      hostname: "127.0.0.1",
      port: server.tlsPort!,
      tls: { caCerts: [server.caCert!] },
    }, 4 << 20);
  });
});
