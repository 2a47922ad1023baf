/**
 * Connect attempts that are abandoned (timed out, or cut short by
 * disconnect) close their sockets on every runtime, TLS handshakes in
 * progress included, and a TLS handshake the server answers in plain text
 * fails as such. Uses a real TLS redis-server behind the fault proxy, and
 * bare TCP listeners for the servers no real one plays: one that never
 * answers, one that answers a TLS hello with a RESP error.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";
import {
  connect,
  ConnectionError,
  type RedisClientEvent,
  TlsHandshakeError,
} from "../mod.ts";
import { startServer, type TestServer } from "./_server.ts";
import { until } from "./_support.ts";

/** A TCP listener that accepts and then does what `onData` says. */
interface Listener {
  port: number;
  /** Sockets accepted and not closed yet. */
  readonly open: number;
  close(): Promise<void>;
}

function listen(
  onData?: (socket: net.Socket, data: Buffer) => void,
): Promise<Listener> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    // Read (and drop) whatever comes, so that the client's close is seen.
    socket.on("data", (data) => onData?.(socket, data));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        get open() {
          return sockets.size;
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === "TimeoutError";
}

describe("connect abandons attempts", () => {
  let silent: Listener;

  before(async () => {
    silent = await listen();
  });

  after(async () => {
    await silent?.close();
  });

  it("connect closes the socket of each of 20 TLS handshakes that time out", async () => {
    for (let i = 0; i < 20; i++) {
      await assert.rejects(
        connect({
          url: `rediss://127.0.0.1:${silent.port}`,
          connectTimeout: 50,
        }),
        (error) =>
          isTimeout(error) &&
          /while opening the TLS connection \(is it a TLS port\?\)/.test(
            (error as Error).message,
          ),
      );
    }
    await until(() => silent.open === 0, "every abandoned socket to close");
  });

  it("connect closes the socket of a plain connection whose handshake times out", async () => {
    for (let i = 0; i < 5; i++) {
      await assert.rejects(
        connect({ port: silent.port, connectTimeout: 50 }),
        (error) =>
          isTimeout(error) &&
          /^Connecting to "127\.0\.0\.1:\d+" timed out after 50 ms$/.test(
            (error as Error).message,
          ),
      );
    }
    await until(() => silent.open === 0, "every abandoned socket to close");
  });

  it("a process whose TLS connect timed out exits by itself", {
    timeout: 60_000,
  }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "respite-exit-"));
    try {
      const script = path.join(dir, "attempt.ts");
      const mod = new URL("../mod.ts", import.meta.url).href;
      fs.writeFileSync(
        script,
        `import { connect } from ${JSON.stringify(mod)};\n` +
          `try {\n` +
          `  await connect({ url: "rediss://127.0.0.1:${silent.port}", connectTimeout: 100 });\n` +
          `  console.log("connected");\n` +
          `} catch (error) {\n` +
          `  console.log((error as Error).name);\n` +
          `}\n`,
      );
      const runtime = (globalThis as { Deno?: unknown }).Deno !== undefined
        ? ["run", "-A", script]
        : [script];
      const child = spawn(process.execPath, runtime, {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout?.on("data", (chunk) => output += String(chunk));
      child.stderr?.on("data", (chunk) => output += String(chunk));
      const exited = await new Promise<number | null>((resolve) => {
        const guard = setTimeout(() => {
          child.kill("SIGKILL");
          resolve(null);
        }, 30_000);
        child.once("exit", (code) => {
          clearTimeout(guard);
          resolve(code);
        });
      });
      assert.equal(exited, 0, `the process did not exit by itself:\n${output}`);
      assert.match(output, /TimeoutError/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("connect reports a TLS hello answered in plain text as a failed TLS handshake", async () => {
    const plain = await listen((socket) => {
      socket.write("-ERR unknown command\r\n");
    });
    try {
      await assert.rejects(
        connect({ url: `rediss://127.0.0.1:${plain.port}` }),
        (error) => {
          assert.ok(error instanceof ConnectionError, String(error));
          assert.match(error.message, /: TLS handshake failed: /);
          assert.ok(error.cause instanceof TlsHandshakeError);
          return true;
        },
      );
      await until(() => plain.open === 0, "the socket to close");
    } finally {
      await plain.close();
    }
  });
});

/**
 * Forwards connections to `targetPort` until `silence()`, which cuts them
 * and makes it a server that accepts and never answers.
 */
function forwarder(targetPort: number): Promise<
  Listener & { silence(): void }
> {
  let silent = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => {});
    if (silent) {
      client.resume();
      return;
    }
    const upstream = net.connect(targetPort, "127.0.0.1");
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        get open() {
          return sockets.size;
        },
        silence() {
          silent = true;
          for (const socket of sockets) socket.destroy();
        },
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

describe("RedisClient reconnecting over TLS", () => {
  let server: TestServer;

  before(async () => {
    server = await startServer({ tls: true });
  });

  after(async () => {
    await server?.stop();
  });

  it("RedisClient closes each reconnect attempt whose TLS handshake times out, and disconnect closes the one in progress", async () => {
    const front = await forwarder(server.tlsPort!);
    try {
      const client = await connect({
        port: front.port,
        tls: { caCerts: [server.caCert!], serverName: "localhost" },
        connectTimeout: 100,
        reconnect: () => 20,
      });
      assert.equal(await client.ping(), "PONG");
      let attempts = 0;
      client.addEventListener("reconnecting", (event) => {
        attempts = (event as RedisClientEvent).attempt ?? 0;
      });
      front.silence();
      let most = 0;
      await until(() => {
        most = Math.max(most, front.open);
        return attempts >= 6;
      }, "six reconnect attempts");
      // The attempt in progress, and one just abandoned whose close the
      // server has yet to see.
      assert.ok(most <= 2, `${most} attempts were open at once`);
      await until(() => front.open === 1, "the attempt in progress");
      await client.disconnect();
      await until(() => front.open === 0, "the last attempt to close");
    } finally {
      await front.close();
    }
  });
});
