import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  defaultExtraConnections,
  detectTransport,
  openSocket,
  type TransportName,
} from "../../src/transport/mod.ts";
import { connect } from "../../mod.ts";
import { encodeCommand, RespDecoder } from "../../src/resp/mod.ts";
import { redisCli, startServer, type TestServer } from "../_server.ts";

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
    assert.deepEqual(replies[0], new TextEncoder().encode("OK"));
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

  it("openSocket keeps every byte when the reader stops while a large reply arrives", async () => {
    const size = 32 << 20;
    const value = new Uint8Array(size).map((_, i) => (i * 7) & 0xff);
    const setter = await openSocket({
      hostname: "127.0.0.1",
      port: server.port,
    });
    const setWriter = setter.writable.getWriter();
    await setWriter.write(encodeCommand(["SET", "slow", value]));
    const setReader = setter.readable.getReader();
    await setReader.read(); // +OK
    setter.close();

    const socket = await openSocket({
      hostname: "127.0.0.1",
      port: server.port,
    });
    const writer = socket.writable.getWriter();
    await writer.write(encodeCommand(["GET", "slow"]));
    // Nobody reads while the server sends 32 MiB: the transport's buffer
    // fills and (on Bun) reading pauses, then resumes when reading starts.
    // Real round trips of another process keep this reader away meanwhile;
    // what is asserted is only that no byte is lost or reordered.
    for (let i = 0; i < 5; i++) {
      assert.equal(await redisCli(server, "PING"), "PONG");
    }
    const reader = socket.readable.getReader();
    const decoder = new RespDecoder({ bytes: true });
    const replies: unknown[] = [];
    while (replies.length < 1) {
      const { value: chunk, done } = await reader.read();
      if (done) break;
      decoder.decode(chunk, replies as never);
    }
    assert.deepEqual(replies[0], value);
    socket.close();
  });

  it("openSocket hands out chunks that later reads leave intact", async () => {
    const size = 4 << 20;
    const value = new Uint8Array(size).map((_, i) => (i * 13 + 5) & 0xff);
    const socket = await openSocket({
      hostname: "127.0.0.1",
      port: server.port,
    });
    const writer = socket.writable.getWriter();
    await writer.write(encodeCommand(["SET", "kept", value]));
    await writer.write(encodeCommand(["GET", "kept"]));
    const expected = new Uint8Array([
      ...new TextEncoder().encode(`+OK\r\n$${size}\r\n`),
      ...value,
      13,
      10,
    ]);
    // Every chunk is kept, undecoded, until the whole reply is in: a
    // transport that reused its read buffer for a chunk it had handed out
    // would show later bytes in earlier chunks.
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = socket.readable.getReader();
    while (total < expected.length) {
      const { value: chunk, done } = await reader.read();
      if (done) break;
      chunks.push(chunk);
      total += chunk.length;
    }
    assert.ok(chunks.length > 1, "the reply arrived in more than one chunk");
    const received = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      received.set(chunk, offset);
      offset += chunk.length;
    }
    assert.equal(total, expected.length);
    // The first differing byte, if any (a 4 MiB deepEqual diff is slow).
    assert.equal(received.findIndex((byte, i) => byte !== expected[i]), -1);
    socket.close();
  });

  it("openSocket hands out small chunks that later reads leave intact", async () => {
    const socket = await openSocket({
      hostname: "127.0.0.1",
      port: server.port,
    });
    const writer = socket.writable.getWriter();
    const reader = socket.readable.getReader();
    const encoder = new TextEncoder();
    // One small reply per read, thousands of them: many reads share a read
    // buffer, and more than one buffer is filled. Every chunk is kept.
    const kept: { chunks: Uint8Array[]; expected: Uint8Array }[] = [];
    for (let i = 0; i < 3000; i++) {
      const text = `reply-${i}-${"x".repeat(i % 97)}`;
      const expected = encoder.encode(`$${text.length}\r\n${text}\r\n`);
      await writer.write(encodeCommand(["ECHO", text]));
      const chunks: Uint8Array[] = [];
      let total = 0;
      while (total < expected.length) {
        const { value: chunk, done } = await reader.read();
        if (done) throw new Error("Socket closed early");
        chunks.push(chunk);
        total += chunk.length;
      }
      assert.equal(total, expected.length);
      kept.push({ chunks, expected });
    }
    for (const [i, { chunks, expected }] of kept.entries()) {
      const received = new Uint8Array(expected.length);
      let offset = 0;
      for (const chunk of chunks) {
        received.set(chunk, offset);
        offset += chunk.length;
      }
      assert.deepEqual(received, expected, `reply ${i}`);
    }
    socket.close();
  });

  it("openSocket ends the readable when closed while a read waits", async () => {
    const socket = await openSocket({
      hostname: "127.0.0.1",
      port: server.port,
    });
    const reader = socket.readable.getReader();
    const read = reader.read();
    socket.close();
    assert.deepEqual(await read, { value: undefined, done: true });
  });

  for (const transport of ["node", undefined] as const) {
    it(
      `connect with transport ${
        transport ?? "(the runtime's)"
      } runs commands over TCP, TLS and a unix socket`,
      async () => {
        const targets = [
          { port: server.port },
          {
            port: server.tlsPort!,
            tls: { caCerts: [server.caCert!], serverName: "localhost" },
          },
          { path: server.socketPath! },
        ];
        for (const target of targets) {
          const client = await connect({
            ...target,
            ...(transport ? { transport } : {}),
            reconnect: false,
          });
          try {
            const key = `transport:${transport}:${JSON.stringify(target.port)}`;
            await client.set(key, "value");
            assert.equal(await client.get(key), "value");
          } finally {
            await client.close();
          }
        }
      },
    );
  }

  it('openSocket with transport "node" carries a 4 MiB write and read over TCP on every runtime', async () => {
    await roundTrip(
      { hostname: "127.0.0.1", port: server.port, transport: "node" },
      4 << 20,
    );
  });

  it("openSocket rejects an unknown transport with a TypeError naming it", async () => {
    await assert.rejects(
      openSocket({
        port: server.port,
        transport: "quic" as unknown as TransportName,
      }),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message.includes('"transport": "quic" is not one of'),
    );
  });

  it('openSocket with transport "cloudflare" outside a Worker is a TypeError that says so', async () => {
    await assert.rejects(
      openSocket({ port: server.port, transport: "cloudflare" }),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message.includes("not a Cloudflare Worker"),
    );
  });

  it("openSocket refuses what Workers cannot do before it loads their module", async () => {
    await assert.rejects(
      openSocket({ path: "/tmp/redis.sock", transport: "cloudflare" }),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message.includes('Unix socket "/tmp/redis.sock"'),
    );
    await assert.rejects(
      openSocket({
        port: server.port,
        tls: { caCerts: ["pem"] },
        transport: "cloudflare",
      }),
      (error: unknown) =>
        error instanceof TypeError && error.message.includes('"caCerts"'),
    );
  });

  it("connect rejects an unknown transport, and one given with a socket, with a TypeError", async () => {
    await assert.rejects(
      connect({
        port: server.port,
        transport: "tcp" as unknown as TransportName,
      }),
      (error: unknown) =>
        error instanceof TypeError && error.message.includes('"transport"'),
    );
    const { readable, writable } = new TransformStream<Uint8Array>();
    await assert.rejects(
      connect({ socket: { readable, writable }, transport: "node" }),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message.includes('"transport" excludes "socket"'),
    );
  });

  it("detectTransport names the runtime running the tests", () => {
    const runtime = globalThis as { Bun?: unknown; Deno?: unknown };
    const expected = runtime.Bun !== undefined
      ? "bun"
      : runtime.Deno !== undefined
      ? "deno"
      : "node";
    assert.equal(detectTransport(), expected);
  });

  it("defaultExtraConnections allows 4 on Workers and 32 elsewhere", () => {
    assert.equal(defaultExtraConnections("cloudflare"), 4);
    assert.equal(defaultExtraConnections("node"), 32);
    assert.equal(defaultExtraConnections(), 32);
  });
});
