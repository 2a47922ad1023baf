/**
 * RedisClient's extra connections for blocking commands and watch(): how
 * many it opens and keeps, the order in which calls wait for one, and how
 * timeouts and signals apply to blocking commands, against a private
 * redis-server.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type RedisClient } from "../mod.ts";
import { startServer, type TestServer } from "./_server.ts";
import { uniqueKey, until } from "./_support.ts";

/** Connections the server has accepted since it started. */
async function accepted(admin: RedisClient): Promise<number> {
  const info = await admin.infoSections("stats");
  return Number(info.stats?.total_connections_received);
}

/** Connections of the server blocked in `command` now. */
async function blockedIn(
  admin: RedisClient,
  command: string,
): Promise<number> {
  return (await admin.clientList()).filter((c) =>
    c.cmd === command && c.flags?.includes("b")
  ).length;
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === "TimeoutError";
}

describe("RedisClient extra connections", () => {
  let server: TestServer;
  let admin: RedisClient;
  const clients: RedisClient[] = [];

  async function open(
    options: Parameters<typeof connect>[0] & object = {},
  ): Promise<RedisClient> {
    const client = await connect({ port: server.port, ...options });
    clients.push(client);
    return client;
  }

  before(async () => {
    server = await startServer();
    admin = await connect({ port: server.port, clientName: "admin" });
  });

  after(async () => {
    for (const client of clients) client.disconnect();
    await admin?.close();
    await server?.stop();
  });

  it("RedisClient opens at most 32 extra connections by default; 300 blocking calls share them", async () => {
    const client = await open();
    const queue = uniqueKey("spares:default");
    const start = await accepted(admin);
    const pops = Array.from({ length: 300 }, () => client.blpop([queue], 0));
    await until(
      async () => await blockedIn(admin, "blpop") === 32,
      "32 BLPOPs",
    );
    assert.equal(await accepted(admin) - start, 32);
    for (let i = 0; i < 300; i++) await admin.rpush(queue, `job-${i}`);
    const results = await Promise.all(pops);
    assert.deepEqual(
      new Set(results.map((r) => r?.element)),
      new Set(Array.from({ length: 300 }, (_, i) => `job-${i}`)),
    );
    // They were handed on, not closed and opened again.
    assert.equal(await accepted(admin) - start, 32);
    assert.equal(await blockedIn(admin, "blpop"), 0);
  });

  it("RedisClient serves calls waiting for an extra connection in the order they came", async () => {
    const client = await open({ maxExtraConnections: 1 });
    const first = uniqueKey("spares:first");
    const order: string[] = [];
    const holder = client.blpop([first], 0).then((r) =>
      order.push("holder") && r
    );
    const waiting = ["a", "b", "c"].map((name) =>
      client.blpop([uniqueKey(`spares:${name}`)], 0.01).then(() => {
        order.push(name);
      })
    );
    await until(async () => await blockedIn(admin, "blpop") === 1, "BLPOP");
    await admin.rpush(first, "go");
    await holder;
    await Promise.all(waiting);
    assert.deepEqual(order, ["holder", "a", "b", "c"]);
  });

  it("RedisClient rejects a call waiting for an extra connection at its timeout or on its signal, and stays usable", async () => {
    const client = await open({ maxExtraConnections: 1 });
    const held = uniqueKey("spares:held");
    const holder = client.blpop([held], 0);
    await until(async () => await blockedIn(admin, "blpop") === 1, "BLPOP");
    await assert.rejects(
      client.withOptions({ timeout: 50 }).blpop([uniqueKey("spares:t")], 0),
      (error) =>
        isTimeout(error) &&
        /waiting for one of the client's 1 extra connections/.test(
          (error as Error).message,
        ),
    );
    const controller = new AbortController();
    const aborted = client.withOptions({ signal: controller.signal }).blpop(
      [uniqueKey("spares:a")],
      0,
    );
    controller.abort();
    await assert.rejects(
      aborted,
      (error) => error instanceof DOMException && error.name === "AbortError",
    );
    const watching = client.watch(uniqueKey("spares:w"), () => undefined, {
      signal: AbortSignal.timeout(30),
    });
    await assert.rejects(watching, isTimeout);
    await admin.rpush(held, "x");
    assert.deepEqual(await holder, { key: held, element: "x" });
    // The connection went back to the client for the next call.
    const later = uniqueKey("spares:later");
    await admin.rpush(later, "y");
    assert.deepEqual(await client.blpop([later], 1), {
      key: later,
      element: "y",
    });
    assert.equal(client.status, "ready");
  });

  it("RedisClient keeps idleExtraConnections idle connections and closes the others", async () => {
    for (const idle of [0, 2]) {
      const client = await open({
        idleExtraConnections: idle,
        clientName: `idle${idle}`,
      });
      const queue = uniqueKey("spares:idle");
      const pops = Array.from({ length: 5 }, () => client.blpop([queue], 0));
      await until(
        async () =>
          (await admin.clientList()).filter((c) =>
            c.name === `idle${idle}` && c.cmd === "blpop" &&
            c.flags?.includes("b")
          ).length === 5,
        "5 BLPOPs",
      );
      await admin.rpush(queue, "1", "2", "3", "4", "5");
      await Promise.all(pops);
      await until(
        async () =>
          (await admin.clientList()).filter((c) => c.name === `idle${idle}`)
            .length === 1 + idle,
        `${idle} idle extra connections`,
      );
    }
  });

  it("RedisClient bounds the connections of 400 concurrent watch() calls", async () => {
    const client = await open({ maxExtraConnections: 8 });
    const key = uniqueKey("spares:watch");
    await client.set(key, 0);
    const start = await accepted(admin);
    const runs = Array.from(
      { length: 400 },
      () =>
        client.watch(key, async (tx) => {
          const n = Number(await tx.get(key));
          return tx.multi().set(key, n + 1);
        }, { maxAttempts: 1000 }),
    );
    await Promise.all(runs);
    assert.equal(await client.get(key), "400");
    assert.ok(
      await accepted(admin) - start <= 8,
      `opened ${await accepted(admin) - start} connections`,
    );
  });
});

describe("RedisClient timeouts of blocking commands", () => {
  let server: TestServer;
  let admin: RedisClient;
  let client: RedisClient;

  before(async () => {
    server = await startServer();
    admin = await connect({ port: server.port });
    client = await connect({ port: server.port, commandTimeout: 300 });
  });

  after(async () => {
    client?.disconnect();
    await admin?.close();
    await server?.stop();
  });

  /** Resolves when the server's own 1 s BLPOP timeout has passed. */
  function oneSecond(): Promise<unknown> {
    return admin.duplicate().then(async (timer) => {
      try {
        return await timer.sendCommand(["BLPOP", uniqueKey("clock"), "1"]);
      } finally {
        timer.disconnect();
      }
    });
  }

  it("RedisClient gives a blocking command its block time on top of commandTimeout", async () => {
    const started = performance.now();
    assert.equal(await client.blpop([uniqueKey("bt:empty")], 1), null);
    assert.ok(performance.now() - started >= 900);
    assert.equal(
      await client.bzpopmin([uniqueKey("bt:z")], 0.5),
      null,
    );
    assert.equal(
      await client.xread([{ key: uniqueKey("bt:s"), id: "$" }], { block: 500 }),
      null,
    );
  });

  it("RedisClient sets no client deadline for a blocking command that blocks for ever", async () => {
    const queue = uniqueKey("bt:forever");
    const pop = client.blpop([queue], 0);
    let settled = false;
    pop.then(() => settled = true, () => settled = true);
    await oneSecond();
    assert.equal(settled, false);
    await admin.rpush(queue, "late");
    assert.deepEqual(await pop, { key: queue, element: "late" });
  });

  it("RedisClient lets a call's signal replace commandTimeout (the README's two Resilience snippets together)", async () => {
    const queue = uniqueKey("bt:signal");
    const pop = client.withOptions({ signal: AbortSignal.timeout(30_000) })
      .blpop([queue], 0);
    let settled = false;
    pop.then(() => settled = true, () => settled = true);
    await oneSecond();
    assert.equal(settled, false);
    await admin.rpush(queue, "job");
    assert.deepEqual(await pop, { key: queue, element: "job" });
  });

  it("RedisClient lets a call's timeout replace commandTimeout, for blocking commands too", async () => {
    await assert.rejects(
      client.withOptions({ timeout: 50 }).blpop([uniqueKey("bt:own")], 5),
      (error) =>
        isTimeout(error) && /"BLPOP" timed out after 50 ms/.test(
          (error as Error).message,
        ),
    );
    const slow = uniqueKey("bt:slow");
    const pop = client.withOptions({ timeout: 30_000 }).get(slow);
    assert.equal(await pop, null);
    assert.equal(
      await client.withOptions({ timeout: Infinity }).blpop(
        [uniqueKey("bt:inf")],
        0.5,
      ),
      null,
    );
  });

  it("RedisClient extends commandTimeout for a blocking command sent with sendCommand and for a pipeline holding one", async () => {
    assert.equal(
      await client.sendCommand(["BLPOP", uniqueKey("bt:raw"), "0.5"]),
      null,
    );
    const queue = uniqueKey("bt:pipe");
    const [popped, length] = await client.pipeline()
      .blpop([queue], 0.5)
      .llen(queue)
      .exec();
    assert.deepEqual([popped, length], [null, 0]);
  });
});
