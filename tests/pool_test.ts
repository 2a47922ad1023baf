import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as net from "node:net";
import {
  connect,
  ConnectionError,
  PoolClosedError,
  type RedisClient,
  RedisPool,
} from "../mod.ts";
import { startServer, type TestServer } from "./_server.ts";

/** Polls `condition` until it holds; fails after `ms` with `what`. */
async function waitFor(
  condition: () => boolean,
  what: string,
  ms = 5_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Whether `promise` has settled, checked after pending callbacks ran. */
async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(() => settled = true, () => settled = true);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return settled;
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("RedisPool", () => {
  let server: TestServer;
  let admin: RedisClient;

  before(async () => {
    server = await startServer({});
    admin = await connect({ port: server.port });
  });

  after(async () => {
    await admin?.close();
    await server?.stop();
  });

  it("hands the same connection back after a release", async () => {
    await using pool = new RedisPool({ connect: server.url });
    const first = await pool.acquire();
    const id = await first.clientId();
    assert.equal(pool.size, 1);
    await pool.release(first);
    assert.equal(pool.idle, 1);
    const second = await pool.acquire();
    assert.equal(second, first);
    assert.equal(await second.clientId(), id);
    assert.equal(pool.size, 1);
    assert.equal(pool.idle, 0);
    await pool.release(second);
  });

  it("accepts connect options and checks the configured database", async () => {
    await using pool = new RedisPool({
      connect: { url: `${server.url}/2`, clientName: "pooled" },
    });
    const client = await pool.acquire();
    const info = await client.clientInfo();
    assert.equal(info.db, "2");
    assert.equal(info.name, "pooled");
    await pool.release(client);
    // Database 2 is the configured one, so the connection is kept.
    assert.equal(await pool.acquire(), client);
    await pool.release(client);
    assert.equal(client.closed, false);
  });

  it("enforces maxSize and serves waiters in order", async () => {
    await using pool = new RedisPool({ connect: server.url, maxSize: 2 });
    const a = await pool.acquire();
    const b = await pool.acquire();
    assert.notEqual(a, b);
    const order: string[] = [];
    const w1 = pool.acquire().then((c) => (order.push("w1"), c));
    const w2 = pool.acquire().then((c) => (order.push("w2"), c));
    const w3 = pool.acquire().then((c) => (order.push("w3"), c));
    assert.equal(pool.pending, 3);
    assert.equal(pool.size, 2);

    await pool.release(b);
    assert.equal(await w1, b);
    assert.equal(pool.pending, 2);
    await pool.release(a);
    assert.equal(await w2, a);
    await pool.release(b);
    assert.equal(await w3, b);
    assert.deepEqual(order, ["w1", "w2", "w3"]);
    assert.equal(pool.pending, 0);
    assert.equal(pool.size, 2);
    await pool.release(a);
    await pool.release(b);
    assert.equal(pool.idle, 2);
  });

  it("rejects with a TimeoutError after acquireTimeout", async () => {
    await using pool = new RedisPool({
      connect: server.url,
      maxSize: 1,
      acquireTimeout: 30,
    });
    const held = await pool.acquire();
    await assert.rejects(
      pool.acquire(),
      (error: unknown) =>
        error instanceof DOMException && error.name === "TimeoutError",
    );
    assert.equal(pool.pending, 0);
    // A per-call timeout overrides the pool's.
    await assert.rejects(
      pool.acquire({ timeout: 1 }),
      (error: unknown) =>
        error instanceof DOMException && error.name === "TimeoutError",
    );
    assert.equal(pool.pending, 0);
    await pool.release(held);
    assert.equal(pool.idle, 1);
    assert.equal(await pool.acquire(), held);
    await pool.release(held);
  });

  it("rejects with an AbortError on abort and leaves the queue", async () => {
    await using pool = new RedisPool({ connect: server.url, maxSize: 1 });
    const held = await pool.acquire();
    const controller = new AbortController();
    const aborted = pool.acquire({ signal: controller.signal });
    const next = pool.acquire();
    assert.equal(pool.pending, 2);
    controller.abort();
    await assert.rejects(
      aborted,
      (error: unknown) =>
        error instanceof DOMException && error.name === "AbortError",
    );
    assert.equal(pool.pending, 1);
    await pool.release(held);
    // The aborted waiter was skipped: the next one got the connection.
    assert.equal(await next, held);
    await pool.release(held);

    // An already aborted signal rejects at once, without queueing.
    await assert.rejects(
      pool.acquire({ signal: AbortSignal.abort() }),
      (error: unknown) =>
        error instanceof DOMException && error.name === "AbortError",
    );
    assert.equal(pool.pending, 0);
    assert.equal(pool.idle, 1);
  });

  it("opens minSize connections in the background", async () => {
    await using pool = new RedisPool({ connect: server.url, minSize: 3 });
    await waitFor(() => pool.idle === 3, "three idle connections");
    assert.equal(pool.size, 3);
    const clients = await Promise.all([
      pool.acquire(),
      pool.acquire(),
      pool.acquire(),
    ]);
    assert.equal(new Set(clients).size, 3);
    assert.equal(pool.size, 3);
    for (const client of clients) await pool.release(client);
  });

  it("replaces a discarded connection to keep minSize", async () => {
    await using pool = new RedisPool({ connect: server.url, minSize: 1 });
    const client = await pool.acquire();
    await client.disconnect();
    await pool.release(client);
    await waitFor(() => pool.idle === 1, "a replacement connection");
    const replacement = await pool.acquire();
    assert.notEqual(replacement, client);
    assert.equal(await replacement.ping(), "PONG");
    await pool.release(replacement);
  });

  it("closes idle connections above minSize after idleTimeout", async () => {
    await using pool = new RedisPool({
      connect: server.url,
      minSize: 1,
      maxSize: 4,
      idleTimeout: 20,
    });
    const clients = await Promise.all([
      pool.acquire(),
      pool.acquire(),
      pool.acquire(),
    ]);
    assert.equal(pool.size, 3);
    for (const client of clients) await pool.release(client);
    await waitFor(() => pool.size === 1, "the pool to shrink to minSize");
    assert.equal(pool.idle, 1);
    await waitFor(
      () => clients.filter((client) => client.closed).length === 2,
      "two connections to close",
    );
    const kept = clients.find((client) => !client.closed);
    assert.equal(await pool.acquire(), kept);
    await pool.release(kept!);
  });

  describe("does not reuse a connection released", () => {
    /** Acquires, spoils with `spoil`, releases; checks it was closed. */
    async function assertDiscarded(
      spoil: (client: RedisClient) => Promise<unknown>,
      options: { protocol?: 2 | 3 } = {},
    ): Promise<RedisClient> {
      await using pool = new RedisPool({
        connect: { url: server.url, ...options },
        maxSize: 1,
      });
      const client = await pool.acquire();
      await spoil(client);
      await pool.release(client);
      assert.equal(pool.idle, 0);
      assert.equal(pool.size, 0);
      await waitFor(() => client.closed, "the connection to close");
      const next = await pool.acquire();
      assert.notEqual(next, client);
      const info = await next.clientInfo();
      assert.equal(info.multi, "-1");
      assert.equal(info.db, "0");
      assert.equal(info.sub, "0");
      await pool.release(next);
      assert.equal(pool.idle, 1);
      return client;
    }

    it("in another database", async () => {
      await assertDiscarded((client) => client.select(5));
    });

    it("subscribed (RESP3, on the same connection)", async () => {
      await assertDiscarded(async (client) => {
        await client.subscribe("pool:channel");
        assert.equal((await client.clientInfo()).sub, "1");
      }, { protocol: 3 });
    });

    it("subscribed to patterns (RESP3)", async () => {
      await assertDiscarded(async (client) => {
        await client.psubscribe("pool:*");
      }, { protocol: 3 });
    });

    it("subscribed over RESP2 (on the client's extra subscriber connection)", async () => {
      await assertDiscarded(async (client) => {
        await client.subscribe("pool:resp2-channel");
        assert.equal(client.subscribed, true);
      }, { protocol: 2 });
    });

    it("killed by CLIENT KILL", async () => {
      await assertDiscarded(async (client) => {
        const id = await client.clientId();
        assert.equal(await admin.clientKill({ id }), 1);
      });
    });

    it("disconnected", async () => {
      await assertDiscarded((client) => client.disconnect());
    });

    it("closed", async () => {
      await assertDiscarded((client) => client.close());
    });

    it("with a command in flight, whose reply still arrives", async () => {
      let popped: Promise<unknown> | undefined;
      await assertDiscarded((client) => {
        // sendCommand keeps BLPOP on the client's own connection (typed
        // blocking methods would use an extra one).
        popped = client.sendCommand(["BLPOP", "pool:empty", "0.05"]);
        return Promise.resolve();
      });
      assert.equal(await popped, null);
    });
  });

  it("keeps a RESP2 connection that did nothing unusual", async () => {
    await using pool = new RedisPool({
      connect: { url: server.url, protocol: 2 },
    });
    const client = await pool.acquire();
    assert.equal(client.protocol, 2);
    await client.set("pool:resp2", "1");
    await pool.release(client);
    assert.equal(await pool.acquire(), client);
    await pool.release(client);
  });

  it("RedisPool.watch runs WATCH, the reads and EXEC on one leased connection", async () => {
    await using pool = new RedisPool({ connect: server.url, maxSize: 1 });
    await admin.set("pool:watched", "10");
    let seen: number | undefined;
    const results = await pool.watch("pool:watched", async (tx) => {
      seen = await tx.clientId();
      const value = Number(await tx.get("pool:watched"));
      return tx.multi().set("pool:watched", value + 5).get("pool:watched");
    });
    assert.deepEqual(results, ["OK", "15"]);
    // The transaction ran on the pooled connection, which is idle again.
    assert.equal(pool.idle, 1);
    const client = await pool.acquire();
    assert.equal(await client.clientId(), seen);
    // And it holds no WATCH: a change by another client does not abort it.
    await admin.set("pool:watched", "changed");
    assert.deepEqual(await client.multi().set("pool:watched", "mine").exec(), [
      "OK",
    ]);
    await pool.release(client);
  });

  it("RedisPool.watch unwatches when the function returns nothing", async () => {
    await using pool = new RedisPool({ connect: server.url, maxSize: 1 });
    const result = await pool.watch(["pool:a", "pool:b"], () => undefined);
    assert.equal(result, undefined);
    const client = await pool.acquire();
    await admin.set("pool:a", "changed");
    assert.deepEqual(await client.multi().set("pool:a", "mine").exec(), [
      "OK",
    ]);
    await pool.release(client);
  });

  it("reuses a spoiled connection when validate is false", async () => {
    await using pool = new RedisPool({
      connect: server.url,
      maxSize: 1,
      validate: false,
    });
    const client = await pool.acquire();
    await client.select(5);
    await pool.release(client);
    assert.equal(await pool.acquire(), client);
    // Closed connections are never reused, checked or not.
    await client.disconnect();
    await pool.release(client);
    const next = await pool.acquire();
    assert.notEqual(next, client);
    await pool.release(next);
  });

  it("rejects releasing twice or a connection from elsewhere", async () => {
    await using pool = new RedisPool({ connect: server.url });
    const client = await pool.acquire();
    await pool.release(client);
    await assert.rejects(pool.release(client), {
      name: "TypeError",
      message: "Cannot release a connection that was already released",
    });
    await assert.rejects(pool.release(admin), {
      name: "TypeError",
      message: "Cannot release a connection that is not from this pool",
    });
    assert.equal(pool.idle, 1);
  });

  it("releases a lease at the end of an await using block", async () => {
    await using pool = new RedisPool({ connect: server.url, maxSize: 1 });
    let leased: RedisClient | undefined;
    {
      await using lease = await pool.lease();
      leased = lease.client;
      assert.equal(await lease.client.ping(), "PONG");
      assert.equal(pool.idle, 0);
    }
    assert.equal(pool.idle, 1);
    assert.equal(await pool.acquire(), leased);
    await pool.release(leased);

    // release() first, then the block's end: released once.
    {
      await using lease = await pool.lease();
      await lease.release();
      assert.equal(pool.idle, 1);
    }
    assert.equal(pool.idle, 1);
  });

  it("releases a lease when the block throws", async () => {
    await using pool = new RedisPool({ connect: server.url });
    await assert.rejects(async () => {
      await using lease = await pool.lease();
      await lease.client.ping();
      throw new Error("boom");
    }, { message: "boom" });
    assert.equal(pool.idle, 1);
  });

  it("use() returns the result and releases, also on throw", async () => {
    await using pool = new RedisPool({ connect: server.url, maxSize: 1 });
    assert.equal(await pool.use((client) => client.ping()), "PONG");
    assert.equal(pool.idle, 1);
    await assert.rejects(
      pool.use(async (client) => {
        await client.ping();
        throw new Error("inside use");
      }),
      { message: "inside use" },
    );
    assert.equal(pool.idle, 1);
    assert.equal(pool.size, 1);
    assert.equal(await pool.use(() => 42), 42);
  });

  it("close() rejects waiters and later acquires", async () => {
    const pool = new RedisPool({ connect: server.url, maxSize: 1 });
    const held = await pool.acquire();
    const waiter = pool.acquire();
    assert.equal(pool.pending, 1);
    const closing = pool.close();
    assert.equal(pool.closed, true);
    await assert.rejects(waiter, {
      name: "PoolClosedError",
      message: "Pool was closed while waiting for a connection",
    });
    assert.equal(pool.pending, 0);
    await assert.rejects(pool.acquire(), {
      name: "PoolClosedError",
      message: "Pool is closed",
    });
    await assert.rejects(pool.lease(), PoolClosedError);
    await pool.release(held);
    await closing;
    assert.equal(held.closed, true);
  });

  it("close() closes idle connections now and leased ones on release", async () => {
    const pool = new RedisPool({ connect: server.url, maxSize: 2 });
    const idle = await pool.acquire();
    const held = await pool.acquire();
    await pool.release(idle);
    assert.equal(pool.idle, 1);

    const closing = pool.close();
    assert.equal(pool.idle, 0);
    await waitFor(() => idle.closed, "the idle connection to close");
    // The leased connection still works until it is released.
    assert.equal(await held.ping(), "PONG");
    assert.equal(await isSettled(closing), false);
    await pool.release(held);
    await closing;
    assert.equal(held.closed, true);
    assert.equal(pool.size, 0);
    assert.equal(pool.close(), closing);
  });

  it("close({ force: true }) closes leased connections at once; releasing them afterwards does nothing", async () => {
    const pool = new RedisPool({ connect: server.url, maxSize: 2 });
    const held = await pool.acquire();
    // On the leased connection itself (blpop() would use an extra one).
    const blocked = held.sendCommand([
      "BLPOP",
      `pool:force:${Math.random()}`,
      0,
    ]);
    await waitFor(() => held.pendingCount === 1, "BLPOP to be sent");
    await pool.close({ force: true });
    await assert.rejects(blocked, { name: "ConnectionClosedError" });
    assert.equal(held.closed, true);
    assert.equal(pool.size, 0);
    await pool.release(held);
    assert.equal(pool.closed, true);
  });

  it("close({ timeout }) waits for releases that long, then closes the leased connections", async () => {
    const pool = new RedisPool({ connect: server.url, maxSize: 2 });
    const returned = await pool.acquire();
    const kept = await pool.acquire();
    const closing = pool.close({ timeout: 50 });
    await pool.release(returned);
    await waitFor(() => returned.closed, "the released connection to close");
    assert.equal(await kept.ping(), "PONG");
    await closing;
    assert.equal(kept.closed, true);
    assert.equal(pool.size, 0);
    await pool.release(kept);
  });

  it("close() checks its options", async () => {
    const pool = new RedisPool({ connect: server.url });
    await assert.rejects(
      pool.close({ forse: true } as never),
      /Unknown pool close option "forse".*"force"/,
    );
    await assert.rejects(
      pool.close({ timeout: -1 }),
      /Invalid close option "timeout" "-1"/,
    );
    assert.equal(pool.closed, false);
    await pool.close();
  });

  it("runs 50 use() calls on 5 connections without sharing one", async () => {
    await using pool = new RedisPool({ connect: server.url, maxSize: 5 });
    const busy = new Set<number>();
    const seen = new Set<number>();
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        pool.use(async (client) => {
          const id = await client.clientId();
          assert.equal(busy.has(id), false, `connection ${id} is shared`);
          busy.add(id);
          seen.add(id);
          most = Math.max(most, busy.size, pool.size);
          await client.set(`pool:c:${id}`, String(i));
          await client.ping();
          assert.equal(await client.get(`pool:c:${id}`), String(i));
          busy.delete(id);
          return i;
        })),
    );
    assert.deepEqual(results, Array.from({ length: 50 }, (_, i) => i));
    assert.ok(most <= 5, `${most} connections at once`);
    assert.ok(seen.size <= 5, `${seen.size} connections used`);
    assert.equal(pool.size, seen.size);
    assert.equal(pool.pending, 0);
  });

  it("rejects each waiting acquire with the error of its failed connect", async () => {
    const port = await closedPort();
    await using pool = new RedisPool({ connect: { port }, maxSize: 1 });
    const results = await Promise.allSettled([pool.acquire(), pool.acquire()]);
    for (const result of results) {
      assert.equal(result.status, "rejected");
      assert.ok(result.reason instanceof ConnectionError);
    }
    assert.equal(pool.size, 0);
    assert.equal(pool.pending, 0);
  });

  it("close() stops retrying minSize connections that fail", async () => {
    const port = await closedPort();
    const pool = new RedisPool({ connect: { port }, minSize: 2 });
    await waitFor(() => pool.size === 0, "the first attempts to fail");
    await pool.close();
    assert.equal(pool.size, 0);
  });

  it("keeps the connection of an acquire aborted while connecting", async () => {
    await using pool = new RedisPool({ connect: server.url });
    const controller = new AbortController();
    const acquiring = pool.acquire({ signal: controller.signal });
    assert.equal(pool.size, 1);
    controller.abort();
    await assert.rejects(acquiring, { name: "AbortError" });
    await waitFor(() => pool.idle === 1, "the connection to become idle");
    assert.equal(pool.size, 1);
  });

  it("does not let its connections reconnect by themselves", async () => {
    await using pool = new RedisPool({ connect: server.url, minSize: 1 });
    await waitFor(() => pool.idle === 1, "an idle connection");
    const client = await pool.acquire();
    await admin.clientKill({ id: await client.clientId() });
    await waitFor(() => client.closed, "the killed connection to close");
    await assert.rejects(client.ping(), ConnectionError);
    await pool.release(client);
    await waitFor(() => pool.idle === 1, "a replacement connection");
    const replacement = await pool.acquire();
    assert.notEqual(replacement, client);
    await pool.release(replacement);
  });

  it("rejects invalid options", () => {
    assert.throws(() => new RedisPool({ maxSize: 0 }), TypeError);
    assert.throws(() => new RedisPool({ minSize: -1 }), TypeError);
    assert.throws(() => new RedisPool({ minSize: 3, maxSize: 2 }), TypeError);
    assert.throws(() => new RedisPool({ idleTimeout: -1 }), TypeError);
    assert.throws(() => new RedisPool({ acquireTimeout: NaN }), TypeError);
    assert.throws(() => new RedisPool({ connect: "http://x" }), TypeError);
    assert.throws(
      () =>
        new RedisPool({
          connect: { socket: new TransformStream<Uint8Array, Uint8Array>() },
        }),
      TypeError,
    );
  });
});
