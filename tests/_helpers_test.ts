import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as net from "node:net";
import * as tls from "node:tls";
import process from "node:process";
import { redisCli, startServer, type TestServer } from "./_server.ts";
import {
  type FakeServer,
  handshake,
  parseCommand,
  startFakeServer,
} from "./_fake_server.ts";
import { connectTcp } from "./_process.ts";

const decoder = new TextDecoder();

/** Sends `request` on a connected socket; resolves with the reply text once it contains `until`. */
function exchange(
  socket: net.Socket,
  request: string,
  until: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    const onData = (chunk: Uint8Array) => {
      text += decoder.decode(chunk);
      if (text.includes(until)) {
        cleanup();
        resolve(text);
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new Error(`closed before ${JSON.stringify(until)}; got ${text}`));
    };
    const cleanup = () => {
      socket.off("data", onData);
      socket.off("error", onError);
      socket.off("close", onClose);
    };
    socket.on("data", onData);
    socket.on("error", onError);
    socket.on("close", onClose);
    if (request !== "") socket.write(request);
  });
}

/** Destroys a socket and waits until it is fully closed. */
function closeSocket(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.closed) return resolve();
    socket.once("close", () => resolve());
    socket.destroy();
  });
}

const PING = "*1\r\n$4\r\nPING\r\n";

describe("startServer (plain)", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.stop();
  });

  it("answers PING through redis-cli on a private port", async () => {
    assert.equal(server.host, "127.0.0.1");
    assert.notEqual(server.port, 6379);
    assert.equal(server.url, `redis://127.0.0.1:${server.port}`);
    assert.ok(fs.statSync(server.dir).isDirectory());
    assert.equal(server.tlsPort, undefined);
    assert.equal(server.socketPath, undefined);
    assert.equal(await redisCli(server, "PING"), "PONG");
    assert.equal(await redisCli(server, "SET", "k", "v"), "OK");
    assert.equal(await redisCli(server, "GET", "k"), "v");
    assert.equal(await redisCli(server, "CONFIG", "GET", "save"), "save");
  });

  it("answers a raw RESP PING", async () => {
    const socket = await connectTcp(server.port);
    try {
      assert.equal(await exchange(socket, PING, "\r\n"), "+PONG\r\n");
    } finally {
      await closeSocket(socket);
    }
  });
});

describe("startServer (tls + unix)", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({ tls: true, unix: true });
  });
  after(async () => {
    await server?.stop();
  });

  it("exposes the ports, socket and CA", () => {
    assert.equal(typeof server.tlsPort, "number");
    assert.notEqual(server.tlsPort, server.port);
    assert.ok(server.socketPath?.startsWith(server.dir));
    assert.ok(fs.statSync(server.socketPath!).isSocket());
    assert.match(server.caCert ?? "", /-----BEGIN CERTIFICATE-----/);
  });

  for (const host of ["127.0.0.1", "localhost"]) {
    it(`serves TLS verified by caCert (${host})`, async () => {
      const socket = await new Promise<tls.TLSSocket>((resolve, reject) => {
        const s = tls.connect({
          host,
          port: server.tlsPort,
          ca: server.caCert,
          ...(host === "localhost" ? { servername: "localhost" } : {}),
        });
        s.once("secureConnect", () => {
          s.off("error", reject);
          resolve(s);
        });
        s.once("error", reject);
      });
      try {
        assert.equal(socket.authorized, true);
        assert.equal(await exchange(socket, PING, "\r\n"), "+PONG\r\n");
      } finally {
        await closeSocket(socket);
      }
    });
  }

  it("rejects TLS without the CA", async () => {
    await assert.rejects(
      new Promise<void>((resolve, reject) => {
        const s = tls.connect({ host: "127.0.0.1", port: server.tlsPort });
        s.once("secureConnect", () => {
          s.destroy();
          resolve();
        });
        s.once("error", (error) => {
          s.destroy();
          reject(error);
        });
      }),
    );
  });

  it("serves the unix socket", async () => {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.createConnection({ path: server.socketPath! });
      s.once("connect", () => {
        s.off("error", reject);
        resolve(s);
      });
      s.once("error", reject);
    });
    try {
      assert.equal(await exchange(socket, PING, "\r\n"), "+PONG\r\n");
    } finally {
      await closeSocket(socket);
    }
  });
});

describe("startServer (auth)", () => {
  let server: TestServer;
  before(async () => {
    server = await startServer({
      args: ["--requirepass", "pw"],
      aclUsers: ["user alice on >secret ~* +@all"],
    });
  });
  after(async () => {
    await server?.stop();
  });

  it("redisCli authenticates as default with the requirepass", async () => {
    assert.equal(await redisCli(server, "ACL", "WHOAMI"), "default");
  });

  it("knows the ACL users", async () => {
    assert.equal(
      await redisCli(
        server,
        "--user",
        "alice",
        "--pass",
        "secret",
        "ACL",
        "WHOAMI",
      ),
      "alice",
    );
  });

  it("needs auth on a raw connection", async () => {
    const socket = await connectTcp(server.port);
    try {
      assert.match(await exchange(socket, PING, "\r\n"), /^-NOAUTH/);
    } finally {
      await closeSocket(socket);
    }
  });
});

describe("TestServer lifecycle", () => {
  it("restart() comes back on the same ports", async () => {
    const server = await startServer({ unix: true });
    try {
      const { port, socketPath } = server;
      assert.equal(await redisCli(server, "SET", "k", "v"), "OK");
      await server.restart!();
      assert.equal(server.port, port);
      assert.equal(server.socketPath, socketPath);
      assert.equal(await redisCli(server, "PING"), "PONG");
      assert.equal(await redisCli(server, "EXISTS", "k"), "0");
    } finally {
      await server.stop();
    }
  });

  it("stop() ends the process and removes the dir", async () => {
    const server = await startServer();
    const pid = Number(
      await redisCli(server, "INFO", "server").then((info) =>
        /process_id:(\d+)/.exec(info)?.[1]
      ),
    );
    assert.ok(pid > 0);
    await server.stop();
    await server.stop(); // idempotent
    assert.equal(fs.existsSync(server.dir), false);
    await assert.rejects(connectTcp(server.port), { code: "ECONNREFUSED" });
    assert.throws(() => process.kill(pid, 0), { code: "ESRCH" });
  });

  it("reports a failing start with the log", async () => {
    await assert.rejects(
      startServer({ args: ["--no-such-option", "1"] }),
      /exited before it was ready[\s\S]*no-such-option/,
    );
  });
});

describe("fake server", () => {
  let fake: FakeServer;
  before(async () => {
    fake = await startFakeServer();
  });
  after(async () => {
    await fake?.close();
  });

  it("parses commands split across and packed into chunks", async () => {
    const client = await connectTcp(fake.port);
    try {
      const conn = await fake.accept();
      const pieces = [
        "*2\r\n$4\r\nEC",
        "HO\r\n$5\r\nhel",
        "lo\r",
        "\n*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\n",
        "é\r\n*1\r\n$4\r\nQU",
      ];
      const commands = conn.readCommands(3);
      for (const piece of pieces) {
        await new Promise<void>((resolve) =>
          client.write(piece, () => resolve())
        );
      }
      assert.deepEqual(await commands, [["ECHO", "hello"], ["PING"], [
        "SET",
        "k",
        "é",
      ]]);
      // The partial QUIT is kept; the next chunk continues it.
      client.write("IT\r\n");
      assert.deepEqual(await conn.readCommands(1), [["QUIT"]]);

      await conn.write("+PONG\r");
      const reply = exchange(client, "", "\n");
      await conn.write(new Uint8Array([0x0a]));
      assert.equal(await reply, "+PONG\r\n");
    } finally {
      await closeSocket(client);
    }
  });

  it("hands out raw chunks and sees the client close", async () => {
    const client = await connectTcp(fake.port);
    const conn = await fake.accept();
    client.write("garbage\x00");
    let bytes = "";
    while (bytes.length < 8) bytes += decoder.decode(await conn.received());
    assert.equal(bytes, "garbage\x00");
    await closeSocket(client);
    await assert.rejects(conn.received(), /closed/);
  });

  it("answers HELLO 3 and HELLO 2 and the two CLIENT SETINFOs like Redis 7.2", async () => {
    for (const version of ["3", "2"] as const) {
      const client = await connectTcp(fake.port);
      try {
        const conn = await fake.accept();
        const setinfo = (field: string, value: string) =>
          `*4\r\n$6\r\nCLIENT\r\n$7\r\nSETINFO\r\n$${field.length}\r\n${field}\r\n$${value.length}\r\n${value}\r\n`;
        const reply = exchange(
          client,
          `*2\r\n$5\r\nHELLO\r\n$1\r\n${version}\r\n` +
            setinfo("LIB-NAME", "respite") + setinfo("LIB-VER", "0.1.0"),
          "+OK\r\n+OK\r\n",
        );
        assert.deepEqual(await handshake(conn), ["HELLO", version]);
        const text = await reply;
        assert.ok(text.startsWith(version === "3" ? "%7\r\n" : "*14\r\n"));
        assert.ok(text.includes(`$5\r\nproto\r\n:${version}\r\n`));
        assert.ok(text.includes("$7\r\nversion\r\n$5\r\n7.2.4\r\n"));
        // Graceful close reaches the client as EOF.
        const eof = new Promise<void>((resolve) => client.once("end", resolve));
        await conn.end();
        await eof;
      } finally {
        await closeSocket(client);
      }
    }
  });

  it("destroy() drops the client, close() drops everything", async () => {
    const other = await startFakeServer();
    const a = await connectTcp(other.port);
    const b = await connectTcp(other.port);
    // Deno only notices the peer closing on a socket that is reading.
    a.on("data", () => {});
    b.on("data", () => {});
    try {
      const connA = await other.accept();
      await other.accept();
      const aClosed = new Promise<void>((resolve) =>
        a.once("close", () => resolve())
      );
      connA.destroy();
      await aClosed;
      const bClosed = new Promise<void>((resolve) =>
        b.once("close", () => resolve())
      );
      await other.close();
      await bClosed;
      await assert.rejects(other.accept(), /closed/);
      await assert.rejects(connectTcp(other.port), { code: "ECONNREFUSED" });
    } finally {
      await closeSocket(a);
      await closeSocket(b);
      await other.close();
    }
  });

  it("parseCommand handles inline and partial input", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    assert.deepEqual(parseCommand(enc("PING x\r\n")), {
      command: ["PING", "x"],
      consumed: 8,
    });
    assert.equal(parseCommand(enc("*1\r\n$4\r\nPIN")), undefined);
    assert.throws(() => parseCommand(enc("*1\r\n:4\r\n")), /bulk string/);
  });
});
