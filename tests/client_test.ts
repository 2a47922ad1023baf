import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { serverBuild } from "./_process.ts";
import { helloReply } from "./_fake_server.ts";
import { Duplex } from "node:stream";
import * as net from "node:net";
import {
  connect,
  ConnectionClosedError,
  ConnectionError,
  type RedisClient,
  ReplyError,
  UnsafeIntegerError,
} from "../mod.ts";
import { redisCli, startServer, type TestServer } from "./_server.ts";

const PASSWORD = "s3cret-pa$$";
const ODD_PASSWORD = "p@ss:w/rd%?#";

describe("connect", () => {
  let server: TestServer;
  let v6: TestServer;

  before(async () => {
    server = await startServer({
      tls: true,
      unix: true,
      args: ["--enable-debug-command", "yes"],
      aclUsers: [
        "user default on nopass ~* &* +@all",
        `user alice on >${PASSWORD} ~* &* +@all`,
        `user bob on >${ODD_PASSWORD} ~* &* +@all`,
      ],
    });
    v6 = await startServer({ args: ["--bind", "127.0.0.1", "::1"] });
  });

  after(async () => {
    await server?.stop();
    await v6?.stop();
  });

  it("connect accepts a redis:// URL with a database", async () => {
    await using client = await connect(`redis://127.0.0.1:${server.port}/2`);
    await client.set("url-db", "two");
    assert.equal(await redisCli(server, "-n", "2", "GET", "url-db"), "two");
    assert.equal(await redisCli(server, "-n", "0", "EXISTS", "url-db"), "0");
  });

  it("connect accepts an IPv6 host in brackets", async () => {
    await using client = await connect(`redis://[::1]:${v6.port}`);
    assert.equal(await client.ping(), "PONG");
    const info = await client.sendCommand(["CLIENT", "INFO"]);
    assert.match(String(info), /laddr=\[?::1\]?:/);
  });

  it("connect accepts a unix:// URL with a database and credentials", async () => {
    await using client = await connect(
      `unix://${server.socketPath}?db=3&user=alice&password=${
        encodeURIComponent(PASSWORD)
      }`,
    );
    assert.equal(await client.sendCommand(["ACL", "WHOAMI"]), "alice");
    await client.set("unix-db", "three");
    assert.equal(await redisCli(server, "-n", "3", "GET", "unix-db"), "three");
  });

  it("connect verifies TLS certificates against the given CA", async () => {
    await using client = await connect({
      hostname: "127.0.0.1",
      port: server.tlsPort,
      tls: { caCerts: [server.caCert!] },
    });
    assert.equal(await client.echo("over tls"), "over tls");
  });

  it("RedisClient carries large values intact over TLS and a unix socket", async () => {
    const binary = new Uint8Array((3 << 20) + 5).map((_, i) => (i * 7) & 0xff);
    const text = "ü".repeat(700_000) + "end";
    for (
      const options of [
        {
          hostname: "127.0.0.1",
          port: server.tlsPort,
          tls: { caCerts: [server.caCert!] },
        },
        { path: server.socketPath },
      ]
    ) {
      await using client = await connect(options);
      await client.set("large:bin", binary);
      await client.set("large:text", text);
      const [bin, got, echoed] = await Promise.all([
        client.bytes.get("large:bin"),
        client.get("large:text"),
        Promise.all(Array.from({ length: 20 }, (_, i) => client.echo(`${i}`))),
      ]);
      assert.ok(bin instanceof Uint8Array);
      assert.equal(bin.length, binary.length);
      assert.equal(bin.findIndex((byte, i) => byte !== binary[i]), -1);
      assert.ok(got === text, "the text value came back changed");
      assert.deepEqual(echoed, Array.from({ length: 20 }, (_, i) => `${i}`));
    }
  });

  it("connect verifies the certificate against the server name", async () => {
    await using client = await connect({
      hostname: "127.0.0.1",
      port: server.tlsPort,
      tls: { caCerts: [server.caCert!], serverName: "localhost" },
    });
    assert.equal(await client.ping(), "PONG");
    await assert.rejects(
      connect({
        hostname: "127.0.0.1",
        port: server.tlsPort,
        tls: { caCerts: [server.caCert!], serverName: "not-the-server" },
      }),
      ConnectionError,
    );
  });

  it("connect rejects a self-signed TLS certificate by default", async () => {
    await assert.rejects(
      connect(`rediss://127.0.0.1:${server.tlsPort}`),
      (error: unknown) => {
        assert.ok(error instanceof ConnectionError, String(error));
        assert.match(error.message, /Cannot connect to "127\.0\.0\.1:\d+"/);
        return true;
      },
    );
  });

  it("connect authenticates an ACL user with a password and a database", async () => {
    for (const protocol of [2, 3] as const) {
      await using client = await connect({
        url: `redis://alice:${
          encodeURIComponent(PASSWORD)
        }@127.0.0.1:${server.port}/4`,
        protocol,
        clientName: `acl-${protocol}`,
      });
      assert.equal(client.protocol, protocol);
      assert.equal(await client.sendCommand(["ACL", "WHOAMI"]), "alice");
      const info = String(await client.sendCommand(["CLIENT", "INFO"]));
      assert.match(info, / db=4 /);
      assert.match(info, new RegExp(` name=acl-${protocol} `));
    }
  });

  it("connect decodes percent-encoded credentials", async () => {
    const url = `redis://bob:${
      encodeURIComponent(ODD_PASSWORD)
    }@127.0.0.1:${server.port}`;
    await using client = await connect(url);
    assert.equal(await client.sendCommand(["ACL", "WHOAMI"]), "bob");
  });

  it("connect rejects a wrong password without revealing it", async () => {
    const secret = "definitely-wrong-secret";
    for (const protocol of [2, 3] as const) {
      await assert.rejects(
        connect({
          url: `redis://alice:${secret}@127.0.0.1:${server.port}`,
          protocol,
        }),
        (error: unknown) => {
          assert.ok(error instanceof ReplyError, String(error));
          assert.equal(error.code, "WRONGPASS");
          assert.ok(!error.message.includes(secret));
          assert.ok(!String(error.stack).includes(secret));
          return true;
        },
      );
    }
  });

  it("connect rejects a malformed URL with a TypeError that hides the password", async () => {
    await assert.rejects(
      connect("redis://alice:topsecret@127.0.0.1:notaport"),
      (error: unknown) => {
        assert.ok(error instanceof TypeError);
        assert.ok(!error.message.includes("topsecret"), error.message);
        return true;
      },
    );
  });

  it("connect reports a refused connection as a ConnectionError", async () => {
    const port = await closedPort();
    await assert.rejects(
      connect({ port }),
      (error: unknown) => {
        assert.ok(error instanceof ConnectionError, String(error));
        assert.equal(error.name, "ConnectionError");
        assert.match(error.message, new RegExp(`"127\\.0\\.0\\.1:${port}"`));
        return true;
      },
    );
  });

  it("RedisClient disconnect ends a caller-supplied socket that has no close", async () => {
    const { socket, streams } = await nodeSocketStreams(server.port);
    const client = await connect({ socket: streams });
    assert.equal(await client.ping(), "PONG");
    await client.disconnect(); // resolves although nothing closed the socket
    assert.equal(client.closed, true);
    socket.destroy();
  });

  it("connect uses a caller-supplied readable/writable pair", async () => {
    const { socket, streams } = await nodeSocketStreams(server.port);
    const client = await connect({
      socket: { ...streams, close: () => socket.destroy() },
    });
    assert.equal(await client.echo("byo"), "byo");
    await client.close();
    assert.equal(client.closed, true);
  });
});

describe("RedisClient", () => {
  let server: TestServer;
  let client: RedisClient;
  let resp2: RedisClient;

  before(async () => {
    server = await startServer({ args: ["--enable-debug-command", "yes"] });
    client = await connect(server.url);
    resp2 = await connect({ url: server.url, protocol: 2 });
  });

  after(async () => {
    await client?.close();
    await resp2?.close();
    await server?.stop();
  });

  it("RedisClient speaks RESP3 by default and RESP2 on request", async () => {
    assert.equal(client.protocol, 3);
    assert.equal(client.server.name, serverBuild().name);
    assert.equal(client.server.version, serverBuild().version);
    assert.equal(client.server.mode, "standalone");
    assert.equal(resp2.server.name, serverBuild().name);
    assert.equal(resp2.server.version, serverBuild().version);
    assert.equal(resp2.protocol, 2);
    for (const c of [client, resp2]) {
      assert.equal(await c.set("proto", "same"), "OK");
      assert.equal(await c.get("proto"), "same");
      assert.equal(await c.get("missing-key"), null);
    }
  });

  it("RedisClient typed methods cover the day-one commands", async () => {
    assert.equal(await client.ping(), "PONG");
    assert.equal(await client.ping("hey"), "hey");
    assert.equal(await client.echo("échø"), "échø");
    assert.equal(await client.set("s", "1", { ex: 100 }), "OK");
    assert.equal(await client.ttl("s"), 100);
    assert.equal(await client.set("s", "2", { nx: true }), null);
    assert.equal(await client.set("s", "4", { keepttl: true }), "OK");
    assert.equal(await client.ttl("s"), 100);
    assert.equal(await client.set("s", "3", { xx: true, get: true }), "4");
    assert.equal(await client.ttl("s"), -1);
    assert.equal(await client.set("s", "5", { px: 50_000 }), "OK");
    assert.ok((await client.ttl("s")) <= 50);
    assert.equal(await client.incr("counter-1"), 1);
    assert.equal(await client.incr("counter-1"), 2);
    assert.equal(await client.existsCount("s", "counter-1", "nope"), 2);
    assert.equal(await client.exists("s"), true);
    assert.equal(await client.exists("nope"), false);
    assert.equal(await client.expire("counter-1", 10), true);
    assert.equal(await client.expire("counter-1", 5, { gt: true }), false);
    assert.equal(await client.expire("nope", 10), false);
    assert.equal(await client.ttl("nope"), -2);
    assert.equal(await client.del("s", "counter-1", "nope"), 2);
  });

  it("RedisClient rejects impossible option combinations with a TypeError", async () => {
    await assert.rejects(
      // @ts-expect-error: ex and px exclude each other
      client.set("k", "v", { ex: 1, px: 1 }),
      TypeError,
    );
    await assert.rejects(
      // @ts-expect-error: nx and xx exclude each other
      client.set("k", "v", { nx: true, xx: true }),
      TypeError,
    );
    await assert.rejects(client.set("k", "v", { ex: 0 }), TypeError);
    await assert.rejects(client.del(), TypeError);
    assert.equal(await client.ping(), "PONG");
  });

  it("RedisClient incr rejects with an UnsafeIntegerError beyond the safe integer range", async () => {
    await client.set("big", "9007199254740992");
    await assert.rejects(client.incr("big"), (error: unknown) => {
      assert.ok(error instanceof UnsafeIntegerError);
      assert.equal(error.value, 9007199254740993n);
      return true;
    });
    assert.equal(await client.get("big"), "9007199254740993");
  });

  it("RedisClient round-trips all 256 byte values in keys and values", async () => {
    const bytes = new Uint8Array(256).map((_, i) => i);
    for (const c of [client, resp2]) {
      assert.equal(await c.set(bytes, bytes), "OK");
      const back = await c.sendCommand(["GET", bytes], { bytes: true });
      assert.deepEqual(back, bytes);
      // Only the command asked for bytes; its neighbours get strings.
      const [a, b, d] = await Promise.all([
        c.echo("text"),
        c.sendCommand(["GET", bytes], { bytes: true }),
        c.echo("more"),
      ]);
      assert.equal(a, "text");
      assert.deepEqual(b, bytes);
      assert.equal(d, "more");
    }
  });

  it("RedisClient keeps large values intact across overlapping batches", async () => {
    // Large batches reuse the encoder's buffer once written; values written
    // while earlier batches are in flight must not be corrupted.
    const values = Array.from(
      { length: 12 },
      (_, i) => String.fromCharCode(97 + i).repeat((1 << 20) + i * 4099) + "é",
    );
    for (let round = 0; round < 3; round++) {
      const writes = values.map((value, i) => client.set(`large:${i}`, value));
      // A second wave issued while the first is being written.
      await Promise.resolve();
      const more = values.map((value, i) =>
        client.set(`large:b${i}`, value.toUpperCase())
      );
      await Promise.all([...writes, ...more]);
      const read = await Promise.all(
        values.flatMap((_, i) => [
          client.get(`large:${i}`),
          client.get(`large:b${i}`),
        ]),
      );
      values.forEach((value, i) => {
        assert.equal(read[2 * i], value);
        assert.equal(read[2 * i + 1], value.toUpperCase());
      });
    }
  });

  it("RedisClient keeps 10k concurrent INCRs in order with an exact count", async () => {
    await client.del("incr-10k");
    const results = await Promise.all(
      Array.from({ length: 10_000 }, () => client.incr("incr-10k")),
    );
    assert.deepEqual(results, Array.from({ length: 10_000 }, (_, i) => i + 1));
    assert.equal(await client.get("incr-10k"), "10000");
  });

  it("RedisClient rejects only the failing command with a ReplyError", async () => {
    await client.set("a-string", "x");
    const [before, failed, afterwards] = await Promise.allSettled([
      client.echo("before"),
      client.sendCommand(["LPUSH", "a-string", "y"]),
      client.echo("after"),
    ]);
    assert.deepEqual(before, { status: "fulfilled", value: "before" });
    assert.equal(failed.status, "rejected");
    const error = (failed as PromiseRejectedResult).reason;
    assert.ok(error instanceof ReplyError);
    assert.equal(error.name, "ReplyError");
    assert.equal(error.code, "WRONGTYPE");
    assert.deepEqual(afterwards, { status: "fulfilled", value: "after" });
    assert.equal(await client.get("a-string"), "x");
  });

  it("RedisClient decodes every RESP3 type a real server sends", async () => {
    const debug = (type: string) =>
      client.sendCommand(["DEBUG", "PROTOCOL", type]);
    assert.equal(await debug("string"), "Hello World");
    assert.equal(await debug("integer"), 12345);
    assert.equal(await debug("double"), 3.141);
    assert.equal(await debug("bignum"), 1234567999999999999999999999999999999n);
    assert.equal(await debug("null"), null);
    assert.equal(await debug("true"), true);
    assert.equal(await debug("false"), false);
    assert.deepEqual(await debug("array"), [0, 1, 2]);
    assert.deepEqual(await debug("set"), new Set([0, 1, 2]));
    assert.deepEqual(
      await debug("map"),
      new Map([[0, false], [1, true], [2, false]]),
    );
    assert.equal(await debug("verbatim"), "This is a verbatim\nstring");
  });

  it("RedisClient hands RESP3 attributes to the command that asked", async () => {
    const seen: Map<unknown, unknown>[] = [];
    const reply = await client.sendCommand(["DEBUG", "PROTOCOL", "attrib"], {
      onAttributes: (attributes) => seen.push(attributes),
    });
    assert.equal(reply, "Some real reply following the attribute");
    assert.equal(seen.length, 1);
    assert.deepEqual(
      seen[0],
      new Map([["key-popularity", ["key:123", 90]]]),
    );
  });

  it("RedisClient answers RESP2 commands with RESP2 shapes", async () => {
    const debug = (type: string) =>
      resp2.sendCommand(["DEBUG", "PROTOCOL", type]);
    assert.equal(await debug("null"), null);
    assert.equal(await debug("true"), 1);
    assert.deepEqual(await debug("map"), [0, 0, 1, 1, 2, 0]);
  });

  it("RedisClient refuses subscribe-style commands in sendCommand", async () => {
    await assert.rejects(client.sendCommand(["SUBSCRIBE", "ch"]), TypeError);
    await assert.rejects(client.sendCommand(["monitor"]), TypeError);
    assert.equal(await client.ping(), "PONG");
  });

  it("RedisClient rejects invalid arguments without sending anything", async () => {
    await assert.rejects(
      client.sendCommand(["SET", "k", undefined as unknown as string]),
      TypeError,
    );
    await assert.rejects(client.sendCommand(["SET", "k", NaN]), TypeError);
    assert.equal(await client.echo("still in sync"), "still in sync");
  });

  it("RedisClient settles every pending command when its own connection is killed", async () => {
    const victim = await connect(server.url);
    const id = victim.server.id;
    assert.equal(typeof id, "number");
    const before = Array.from({ length: 500 }, (_, i) => victim.echo(`b${i}`));
    const kill = victim.sendCommand([
      "CLIENT",
      "KILL",
      "ID",
      String(id),
      "SKIPME",
      "no",
    ]);
    const afterKill = Array.from(
      { length: 500 },
      (_, i) => victim.echo(`a${i}`),
    );
    const settled = await Promise.allSettled([...before, kill, ...afterKill]);
    assert.equal(settled.length, 1001);
    // Replies that arrived went to the right caller; the rest rejected with
    // ConnectionClosedError, flagged as written.
    for (let i = 0; i < 500; i++) {
      assert.deepEqual(settled[i], { status: "fulfilled", value: `b${i}` });
    }
    assert.deepEqual(settled[500], { status: "fulfilled", value: 1 });
    for (const result of settled.slice(501)) {
      assert.equal(result.status, "rejected");
      const error = (result as PromiseRejectedResult).reason;
      assert.ok(error instanceof ConnectionClosedError, String(error));
      assert.equal(error.written, true);
    }
    await victim.disconnect();
    assert.equal(victim.closed, true);
    await assert.rejects(victim.ping(), ConnectionClosedError);
  });

  it("RedisClient rejects every written command when another client kills it, then reconnects", async () => {
    const victim = await connect(server.url);
    await victim.sendCommand(["CLIENT", "SETNAME", "victim"]);
    const blocked = victim.sendCommand(["BLPOP", "never-pushed", "0"]);
    const queued = Array.from({ length: 100 }, () => victim.ping());
    const settling = Promise.allSettled([blocked, ...queued]);
    assert.equal(
      await redisCli(server, "CLIENT", "KILL", "ID", String(victim.server.id)),
      "1",
    );
    const settled = await settling;
    for (const result of settled) {
      assert.equal(result.status, "rejected");
      assert.ok(
        (result as PromiseRejectedResult).reason instanceof
          ConnectionClosedError,
      );
    }
    // Every command had been written, so none was sent again; the client
    // reconnects and the next command waits for that.
    assert.equal(await victim.get("x"), null);
    assert.equal(victim.status, "ready");
    await victim.disconnect();
  });

  it("RedisClient runs blocking commands on connections of their own while 1000 other commands complete", async () => {
    await using c = await connect(server.url);
    const popped = c.blpop(["blocking-list"], 0);
    const second = c.brpop(["blocking-list-2"], 0);
    const echoes = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => c.echo(`b${i}`)),
    );
    assert.deepEqual(echoes, Array.from({ length: 1000 }, (_, i) => `b${i}`));
    assert.equal(await c.rpush("blocking-list-2", "y"), 1);
    assert.deepEqual(await second, { key: "blocking-list-2", element: "y" });
    assert.equal(await c.rpush("blocking-list", "x"), 1);
    assert.deepEqual(await popped, { key: "blocking-list", element: "x" });
    // XREAD without BLOCK does not block: it runs on the shared connection.
    assert.equal(await c.xread([{ key: "no-stream", id: "0" }]), null);
  });

  it("RedisClient rejects an aborted blocking command at once and keeps working", async () => {
    await using c = await connect(server.url);
    const controller = new AbortController();
    const pending = c.withOptions({ signal: controller.signal }).blpop(
      ["never-filled"],
      0,
    );
    const timed = c.withOptions({ timeout: 50 }).blpop(["never-filled"], 0);
    controller.abort();
    await assert.rejects(
      pending,
      (error: unknown) =>
        error instanceof DOMException && error.name === "AbortError",
    );
    await assert.rejects(
      timed,
      (error: unknown) =>
        error instanceof DOMException && error.name === "TimeoutError",
    );
    assert.equal(await c.ping(), "PONG");
    assert.equal(await c.rpush("never-filled", "z"), 1);
    assert.deepEqual(await c.blpop(["never-filled"], 1), {
      key: "never-filled",
      element: "z",
    });
  });

  it("RedisClient close waits for pending replies", async () => {
    const c = await connect(server.url);
    const pending = Array.from({ length: 1000 }, (_, i) => c.echo(`p${i}`));
    const closing = c.close();
    await assert.rejects(c.ping(), ConnectionClosedError);
    await closing;
    const values = await Promise.all(pending);
    assert.equal(values[999], "p999");
    assert.equal(c.closed, true);
    await assert.rejects(c.ping(), ConnectionClosedError);
  });

  it("RedisClient disconnect rejects pending commands at once", async () => {
    const c = await connect(server.url);
    const pending = c.sendCommand(["BLPOP", "nothing-here", "0"]);
    // The batch is handed to the socket in the microtask that the first
    // command queued, so one turn later BLPOP counts as written.
    await Promise.resolve();
    const sent = assert.rejects(pending, (error: unknown) => {
      assert.ok(error instanceof ConnectionClosedError);
      assert.equal(error.written, true);
      return true;
    });
    const notSent = assert.rejects(c.ping(), (error: unknown) => {
      assert.ok(error instanceof ConnectionClosedError);
      assert.equal(error.written, false);
      return true;
    });
    await c.disconnect();
    await sent;
    await notSent;
  });

  it("RedisClient closes on await using", async () => {
    let escaped: RedisClient | undefined;
    {
      await using c = await connect(server.url);
      escaped = c;
      assert.equal(await c.ping(), "PONG");
    }
    assert.equal(escaped.closed, true);
  });

  for (const protocol of [2, 3] as const) {
    it(`RedisClient gives each of 2,000 concurrent callers its own replies, errors included, over RESP${protocol}`, async () => {
      const c = protocol === 3 ? client : resp2;
      const prefix = `batch${protocol}`;
      await c.set(`${prefix}:text`, "not a number");
      const workers = 2_000;
      const rounds = 5;
      const wrong: string[] = [];
      await Promise.all(
        Array.from({ length: workers }, async (_, w) => {
          for (let r = 0; r < rounds; r++) {
            const value = `w${w}r${r}`;
            await c.set(`${prefix}:${w}`, value);
            const got = await c.get(`${prefix}:${w}`);
            if (got !== value) wrong.push(`${value} got ${got}`);
            if (w % 7 === r) {
              // An error reply in the middle of a batch goes to its caller.
              await assert.rejects(
                c.incr(`${prefix}:text`),
                (error: unknown) =>
                  error instanceof ReplyError && error.code === "ERR",
              );
            }
            const n = await c.incr(`${prefix}:n:${w}`);
            if (n !== r + 1) wrong.push(`counter ${w} got ${n}`);
          }
        }),
      );
      assert.deepEqual(wrong, []);
    });
  }
});

/** A node:net socket as a web-stream pair, as a runtime-neutral stand-in. */
async function nodeSocketStreams(port: number): Promise<{
  socket: net.Socket;
  streams: {
    readable: ReadableStream<Uint8Array>;
    writable: WritableStream<Uint8Array>;
  };
}> {
  const socket = net.connect(port, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", resolve);
    socket.once("error", reject);
  });
  const { readable, writable } = Duplex.toWeb(socket);
  return {
    socket,
    streams: {
      readable: readable as ReadableStream<Uint8Array>,
      writable: writable as WritableStream<Uint8Array>,
    },
  };
}

async function closedPort(): Promise<number> {
  const listener = net.createServer();
  await new Promise<void>((resolve) =>
    listener.listen(0, "127.0.0.1", resolve)
  );
  const { port } = listener.address() as net.AddressInfo;
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  return port;
}

describe("RedisClient large values", () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });

  after(async () => {
    await server?.stop();
  });

  /**
   * A node:net connection as a socket with `setReadTarget`: when the client
   * offers a target, the next "read" copies the bytes received so far into
   * it (as a socket read into that memory would) and produces a view of it.
   */
  async function targetSocket(port: number) {
    const conn = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve, reject) => {
      conn.once("connect", resolve);
      conn.once("error", reject);
    });
    const queue: Uint8Array[] = [];
    let wake: (() => void) | undefined;
    let ended = false;
    conn.on("data", (data: Uint8Array) => {
      queue.push(new Uint8Array(data));
      wake?.();
    });
    conn.on("close", () => {
      ended = true;
      wake?.();
    });
    let produced = 0;
    let target: ((produced: number) => Uint8Array | undefined) | undefined;
    const stats = { reads: 0, targeted: 0, targetedBytes: 0 };
    const readable = new ReadableStream<Uint8Array>({
      async pull(controller) {
        while (queue.length === 0 && !ended) {
          await new Promise<void>((resolve) => wake = resolve);
        }
        if (queue.length === 0) {
          controller.close();
          return;
        }
        const into = target?.(produced);
        produced++;
        stats.reads++;
        if (into === undefined) {
          controller.enqueue(queue.shift()!);
          return;
        }
        let n = 0;
        while (n < into.length && queue.length > 0) {
          const head = queue[0]!;
          const take = Math.min(head.length, into.length - n);
          into.set(head.subarray(0, take), n);
          n += take;
          if (take === head.length) queue.shift();
          else queue[0] = head.subarray(take);
        }
        stats.targeted++;
        stats.targetedBytes += n;
        controller.enqueue(into.subarray(0, n));
      },
    }, { highWaterMark: 0 });
    const writable = new WritableStream<Uint8Array>({
      write: (chunk) =>
        new Promise<void>((resolve, reject) =>
          conn.write(chunk, (error) => error ? reject(error) : resolve())
        ),
    });
    return {
      socket: {
        readable,
        writable,
        close: () => conn.destroy(),
        setReadTarget: (
          provide: (produced: number) => Uint8Array | undefined,
        ) => {
          target = provide;
        },
      },
      stats,
    };
  }

  it("RedisClient reads large values straight into their buffers through setReadTarget, with other replies around them", async () => {
    const { socket, stats } = await targetSocket(server.port);
    const client = await connect({ socket });
    // Binary values (their own buffer), text under 2 MiB (the decoder's
    // scratch buffer) and text over 2 MiB (a buffer of its own).
    const sizes = [100_000, 1 << 20, (3 << 20) + 7];
    const binary = sizes.map((n, k) =>
      new Uint8Array(n).map((_, i) => (i * (31 + k)) & 0xff)
    );
    const text = sizes.map((n, k) => "é".repeat(k) + "x".repeat(n - 2 * k));
    await Promise.all(sizes.map((_, k) => client.set(`bin:${k}`, binary[k]!)));
    await Promise.all(sizes.map((_, k) => client.set(`text:${k}`, text[k]!)));
    for (let round = 0; round < 3; round++) {
      const echoes = Array.from(
        { length: 50 },
        (_, i) => client.echo(`e${round}:${i}`),
      );
      const [bins, texts, echoed] = await Promise.all([
        Promise.all(sizes.map((_, k) => client.bytes.get(`bin:${k}`))),
        Promise.all(sizes.map((_, k) => client.get(`text:${k}`))),
        Promise.all(echoes),
      ]);
      for (let k = 0; k < sizes.length; k++) {
        const got = bins[k]!;
        assert.ok(got instanceof Uint8Array);
        assert.equal(got.length, sizes[k]);
        assert.equal(got.findIndex((byte, i) => byte !== binary[k]![i]), -1);
        assert.ok(texts[k] === text[k], `text value ${k} differs`);
      }
      assert.deepEqual(echoed, echoes.map((_, i) => `e${round}:${i}`));
    }
    // Most of the bytes went straight into place.
    assert.ok(stats.targeted > 0, JSON.stringify(stats));
    assert.ok(stats.targetedBytes > 3 * (4 << 20), JSON.stringify(stats));
    await client.close();
  });
});

describe("RedisClient large reply batches", () => {
  /**
   * A socket scripted by the test: `reply` feeds the client bytes as one
   * chunk, and every write is logged (as `write <text>`) in `log`, which the
   * test's own reply callbacks append to as well.
   */
  function scriptedSocket() {
    const log: string[] = [];
    let feed!: ReadableStreamDefaultController<Uint8Array>;
    const written: string[] = [];
    let wake: (() => void) | undefined;
    const text = new TextDecoder();
    const socket = {
      readable: new ReadableStream<Uint8Array>({
        start(controller) {
          feed = controller;
        },
      }),
      writable: new WritableStream<Uint8Array>({
        write(chunk) {
          const bytes = text.decode(chunk);
          log.push(`write ${bytes}`);
          written.push(bytes);
          wake?.();
        },
      }),
      close: () => {
        try {
          feed.close();
        } catch {
          // Already closed.
        }
      },
    };
    return {
      socket,
      log,
      reply: (bytes: string) => feed.enqueue(new TextEncoder().encode(bytes)),
      /** Resolves once the bytes written so far contain `needle`. */
      writtenWith,
      /**
       * Connects over RESP2 on the socket, answering the handshake (HELLO 2
       * and the two CLIENT SETINFOs), and empties the logs.
       */
      async open(): Promise<RedisClient> {
        const connecting = connect({ socket, protocol: 2 });
        await writtenWith("LIB-VER");
        feed.enqueue(
          new TextEncoder().encode(helloReply(2) + "+OK\r\n+OK\r\n"),
        );
        const client = await connecting;
        log.length = 0;
        written.length = 0;
        return client;
      },
    };
    async function writtenWith(needle: string): Promise<void> {
      while (!written.join("").includes(needle)) {
        await new Promise<void>((resolve) => wake = resolve);
      }
    }
  }

  const bulk = (text: string) => `$${text.length}\r\n${text}\r\n`;

  it("RedisClient writes the commands its callers issue during a large reply batch before dispatching the rest", async () => {
    const { log, reply, writtenWith, open } = scriptedSocket();
    const client = await open();
    const count = 300;
    const followUps: Promise<unknown>[] = [];
    const first = Array.from(
      { length: count },
      (_, i) =>
        client.echo(`m${i}`).then((value) => {
          log.push(`reply ${i}`);
          followUps.push(client.echo(`next${i}`));
          return value;
        }),
    );
    await writtenWith(bulk(`m${count - 1}`));
    // All replies in one chunk: the decoder hands them over as one batch.
    reply(first.map((_, i) => bulk(`m${i}`)).join(""));
    assert.deepEqual(
      await Promise.all(first),
      first.map((_, i) => `m${i}`),
    );
    const writeOf = (needle: string) =>
      log.findIndex((entry) =>
        entry.startsWith("write ") && entry.includes(bulk(needle))
      );
    // The callers of the first slice had their commands written, together,
    // before the replies after that slice were dispatched.
    const early = writeOf("next0");
    assert.ok(early >= 0, "next0 was not written");
    assert.equal(writeOf("next127"), early);
    assert.ok(early < log.indexOf("reply 128"), log.slice(0, 4).join(" | "));
    assert.ok(writeOf("next299") > log.indexOf("reply 299"));
    reply(followUps.map((_, i) => bulk(`next${i}`)).join(""));
    assert.deepEqual(
      await Promise.all(followUps),
      followUps.map((_, i) => `next${i}`),
    );
    client.disconnect();
  });

  it("RedisClient close during a large reply batch still delivers every reply of the batch", async () => {
    const { reply, writtenWith, open } = scriptedSocket();
    const client = await open();
    let closing: Promise<void> | undefined;
    const all = Array.from(
      { length: 400 },
      (_, i) =>
        client.echo(`v${i}`).then((value) => {
          if (i === 0) closing = client.close();
          return value;
        }),
    );
    await writtenWith(bulk("v399"));
    reply(all.map((_, i) => bulk(`v${i}`)).join(""));
    assert.deepEqual(await Promise.all(all), all.map((_, i) => `v${i}`));
    assert.ok(closing);
    await closing;
    assert.equal(client.closed, true);
  });

  it("RedisClient disconnect during a large reply batch settles the rest of the batch as closed, with no reply misdelivered", async () => {
    const { reply, writtenWith, open } = scriptedSocket();
    const client = await open();
    const all = Array.from(
      { length: 400 },
      (_, i) =>
        client.echo(`v${i}`).then((value) => {
          if (i === 10) client.disconnect();
          return value;
        }),
    );
    await writtenWith(bulk("v399"));
    reply(all.map((_, i) => bulk(`v${i}`)).join(""));
    const settled = await Promise.allSettled(all);
    let fulfilled = 0;
    settled.forEach((result, i) => {
      if (result.status === "fulfilled") {
        fulfilled++;
        assert.equal(result.value, `v${i}`);
      } else {
        assert.ok(result.reason instanceof ConnectionClosedError);
        assert.equal(result.reason.written, true);
      }
    });
    // The first slice was dispatched before the disconnect; what came
    // after it was not.
    assert.ok(fulfilled >= 11 && fulfilled < 400, `${fulfilled} fulfilled`);
    assert.equal(settled[0]!.status, "fulfilled");
    assert.equal(settled[399]!.status, "rejected");
    assert.equal(client.closed, true);
  });
});
