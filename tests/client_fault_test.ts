import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { VERSION } from "../src/_version.ts";
import {
  connect,
  ConnectionClosedError,
  ProtocolError,
  type Push,
  type RedisClient,
} from "../mod.ts";
import {
  type FakeConnection,
  type FakeServer,
  handshake,
  startFakeServer,
} from "./_fake_server.ts";

describe("RedisClient against a byte-scripted server", () => {
  let fake: FakeServer;

  before(async () => {
    fake = await startFakeServer();
  });

  after(async () => {
    await fake?.close();
  });

  async function open(
    options: { onPush?: (push: Push) => void; limits?: object } = {},
  ): Promise<{ client: RedisClient; conn: FakeConnection }> {
    const accepted = fake.accept();
    // These tests are about a connection that ends: no reconnecting.
    const connecting = connect({ url: fake.url, reconnect: false, ...options });
    const conn = await accepted;
    await handshake(conn, 3);
    return { client: await connecting, conn };
  }

  it("RedisClient resolves a reply split in the middle of its CRLF", async () => {
    const { client, conn } = await open();
    const reply = client.get("k");
    assert.deepEqual(await conn.readCommands(1), [["GET", "k"]]);
    await conn.write("$5\r\nhello\r");
    await conn.write("\n");
    assert.equal(await reply, "hello");
    await client.disconnect();
  });

  it("RedisClient routes pushes interleaved between replies away from the FIFO", async () => {
    const pushes: Push[] = [];
    const { client, conn } = await open({ onPush: (p) => pushes.push(p) });
    const replies = Promise.all([
      client.echo("one"),
      client.echo("two"),
      client.echo("three"),
    ]);
    await conn.readCommands(3);
    await conn.write(
      "$3\r\none\r\n" +
        ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n" +
        "$3\r\ntwo\r\n>2\r\n$10\r\ninvalidate\r\n*1\r\n$1\r\nk\r\n",
    );
    await conn.write("$5\r\nthr");
    await conn.write("ee\r\n");
    assert.deepEqual(await replies, ["one", "two", "three"]);
    assert.deepEqual(pushes.map((p) => p.kind), ["message", "invalidate"]);
    assert.deepEqual(pushes[0]?.data, ["message", "ch", "hi"]);
    await client.disconnect();
  });

  /** Every command rejected with a ConnectionClosedError, `written: true`. */
  function assertClosedAfterWrite(results: PromiseSettledResult<unknown>[]) {
    for (const result of results) {
      assert.equal(result.status, "rejected");
      const error = (result as PromiseRejectedResult).reason;
      assert.ok(error instanceof ConnectionClosedError, String(error));
      assert.equal(error.written, true);
    }
  }

  it("RedisClient rejects every pending command when the socket closes mid-reply", async () => {
    const { client, conn } = await open();
    const first = client.get("a");
    const second = client.get("b");
    const settled = Promise.allSettled([first, second]);
    await conn.readCommands(2);
    await conn.write("$10\r\nhel");
    conn.destroy();
    assertClosedAfterWrite(await settled);
    assert.equal(client.closed, true);
    await assert.rejects(client.ping(), ConnectionClosedError);
  });

  /** A binary value of `n` bytes, with CR and LF among them. */
  function largeValue(n: number): Uint8Array {
    return new Uint8Array(n).map((_, i) => (i * 13 + (i >> 9)) & 0xff);
  }

  it("RedisClient takes a large value that arrives in pieces, and the replies after it", async () => {
    const { client, conn } = await open();
    const value = largeValue(300_000);
    const got = client.bytes.get("big");
    const text = client.get("text");
    const set = client.set("k", "v");
    await conn.readCommands(3);
    // Pieces written one after the other: the client decodes each before
    // the next arrives (in Deno, the later ones are read straight into the
    // value's buffer).
    await conn.write(
      concat(new TextEncoder().encode("$300000\r\n"), value.subarray(0, 1000)),
    );
    await conn.write(value.subarray(1000, 101_000));
    await conn.write(value.subarray(101_000, 251_000));
    await conn.write(value.subarray(251_000));
    const body = "é".repeat(100_000);
    const bytes = new TextEncoder().encode(body);
    await conn.write(`\r\n$${bytes.length}\r\n`);
    await conn.write(bytes.subarray(0, 100_001)); // splits a character
    await conn.write(bytes.subarray(100_001));
    await conn.write("\r\n+OK\r\n");
    const received = await got;
    assert.ok(received instanceof Uint8Array);
    assert.equal(received.length, value.length);
    assert.equal(received.findIndex((byte, i) => byte !== value[i]), -1);
    assert.ok((await text) === body);
    assert.equal(await set, "OK");
    await client.disconnect();
  });

  it("RedisClient discards a large value that comes after its command timed out, and the next reply reaches its own caller", async () => {
    const { client, conn } = await open();
    const late = client.withOptions({ timeout: 20 }).bytes.get("big");
    await assert.rejects(late, (error: unknown) => {
      assert.ok(error instanceof DOMException);
      assert.equal(error.name, "TimeoutError");
      return true;
    });
    const next = client.get("small");
    await conn.readCommands(2);
    const value = largeValue(200_000);
    await conn.write(
      concat(new TextEncoder().encode("$200000\r\n"), value.subarray(0, 10)),
    );
    await conn.write(value.subarray(10, 120_000));
    await conn.write(
      concat(
        value.subarray(120_000),
        new TextEncoder().encode("\r\n$5\r\nsmall\r\n"),
      ),
    );
    assert.equal(await next, "small");
    await client.disconnect();
  });

  it("RedisClient rejects the command whose large value is cut off, and the ones behind it", async () => {
    const { client, conn } = await open();
    const first = client.bytes.get("big");
    const second = client.ping();
    const settled = Promise.allSettled([first, second]);
    await conn.readCommands(2);
    const value = largeValue(500_000);
    await conn.write(
      concat(new TextEncoder().encode("$500000\r\n"), value.subarray(0, 100)),
    );
    await conn.write(value.subarray(100, 200_000));
    conn.destroy();
    assertClosedAfterWrite(await settled);
    assert.equal(client.closed, true);
  });

  it("RedisClient closes with a ProtocolError cause on garbage bytes", async () => {
    const { client, conn } = await open();
    const settled = Promise.allSettled([client.get("a"), client.get("b")]);
    await conn.readCommands(2);
    await conn.write("+OK\r\n?garbage\r\n");
    const [first, second] = await settled;
    assert.deepEqual(first, { status: "fulfilled", value: "OK" });
    assert.equal(second?.status, "rejected");
    const error = (second as PromiseRejectedResult).reason;
    assert.ok(error instanceof ConnectionClosedError);
    assert.ok(error.cause instanceof ProtocolError);
    assert.match(error.message, /protocol error/);
    await assert.rejects(client.ping(), ConnectionClosedError);
  });

  it("RedisClient treats a reply nobody asked for as a protocol error", async () => {
    const { client, conn } = await open();
    const closed = new Promise<void>((resolve) => {
      conn.received().then(() => resolve(), () => resolve());
    });
    await conn.write("+UNSOLICITED\r\n");
    await closed;
    await assert.rejects(client.ping(), (error: unknown) => {
      assert.ok(error instanceof ConnectionClosedError);
      return true;
    });
    assert.equal(client.closed, true);
  });

  it("RedisClient enforces reply limits and closes the connection", async () => {
    const { client, conn } = await open({ limits: { maxBulkLength: 10 } });
    const reply = client.get("big");
    await conn.readCommands(1);
    await conn.write("$11\r\n");
    await assert.rejects(reply, (error: unknown) => {
      assert.ok(error instanceof ConnectionClosedError);
      assert.ok(error.cause instanceof ProtocolError);
      assert.match(String(error.cause.message), /exceeds the limit of 10/);
      return true;
    });
  });

  it("connect times out when the server never answers the handshake", async () => {
    const accepted = fake.accept();
    const connecting = connect({ url: fake.url, connectTimeout: 100 });
    const conn = await accepted;
    await assert.rejects(connecting, (error: unknown) => {
      assert.ok(error instanceof DOMException);
      assert.equal(error.name, "TimeoutError");
      return true;
    });
    // The half-open connection is closed, not leaked.
    await assert.rejects(
      (async () => {
        while (true) await conn.received();
      })(),
    );
  });

  it("connect falls back to RESP2 when the server does not know HELLO", async () => {
    const accepted = fake.accept();
    const connecting = connect({
      url: `redis://user:pw@127.0.0.1:${fake.port}/5`,
      clientName: "old",
    });
    const conn = await accepted;
    assert.deepEqual(await conn.readCommands(4), [
      ["HELLO", "3", "AUTH", "user", "pw", "SETNAME", "old"],
      ["CLIENT", "SETINFO", "LIB-NAME", "respite"],
      ["CLIENT", "SETINFO", "LIB-VER", VERSION],
      ["SELECT", "5"],
    ]);
    await conn.write(
      "-ERR unknown command 'HELLO'\r\n" +
        "-NOAUTH Authentication required.\r\n".repeat(3),
    );
    // The RESP2 handshake: the CLIENT SETINFOs are not sent again, and the
    // bare HELLO 2 (for the server's name and version) may fail.
    assert.deepEqual(await conn.readCommands(4), [
      ["AUTH", "user", "pw"],
      ["HELLO", "2"],
      ["SELECT", "5"],
      ["CLIENT", "SETNAME", "old"],
    ]);
    await conn.write("+OK\r\n-ERR unknown command 'HELLO'\r\n+OK\r\n+OK\r\n");
    const client = await connecting;
    assert.equal(client.protocol, 2);
    assert.deepEqual(client.server, { proto: 2 });
    const reply = client.get("k");
    await conn.readCommands(1);
    await conn.write("$1\r\nv\r\n");
    assert.equal(await reply, "v");
    await client.disconnect();
  });
});

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
