/**
 * What console.log and inspect print for a client, a pool and a
 * subscription: a one-line summary, never a password, on Deno (its own
 * inspect and node:util's) and on Bun (node:util's). Against a private
 * redis-server that wants a password.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import { connect, RedisPool } from "../mod.ts";
import { startServer, type TestServer } from "./_server.ts";
import { printed } from "./_support.ts";

const PASSWORD = "s3cret-do-not-print";

describe("inspect", () => {
  let server: TestServer;

  before(async () => {
    server = await startServer({ args: ["--requirepass", PASSWORD] });
  });

  after(async () => {
    await server?.stop();
  });

  it("a RedisClient prints its status, address, db, protocol and pending commands, and no password", async () => {
    const client = await connect(
      `redis://:${PASSWORD}@127.0.0.1:${server.port}/2`,
    );
    try {
      for (const text of printed(client)) {
        assert.equal(
          text,
          `RedisClient { status: "ready", address: "127.0.0.1:${server.port}", db: 2, protocol: 3, pending: 0 }`,
        );
      }
      const pending = client.ping();
      assert.match(inspect(client), /pending: 1 \}$/);
      await pending;
      await client.close();
      assert.match(inspect(client), /^RedisClient \{ status: "closed", /);
    } finally {
      client.disconnect();
    }
  });

  it("a RedisPool prints its address and counts, and a Subscription its names and buffer", async () => {
    const pool = new RedisPool({
      connect: { port: server.port, password: PASSWORD },
      maxSize: 4,
    });
    try {
      await pool.use(async (client) => {
        for (const text of printed(pool)) {
          assert.equal(
            text,
            `RedisPool { address: "127.0.0.1:${server.port}", db: 0, size: 1, idle: 0, leased: 1, waiting: 0, max: 4, closed: false }`,
          );
        }
        const sub = await client.subscribe("news", "alerts");
        for (const text of printed(sub)) {
          assert.equal(
            text,
            'Subscription { kind: "channel", names: "news, alerts", active: true, buffered: 0, dropped: 0 }',
          );
        }
        await sub.unsubscribe();
        assert.match(inspect(sub), /active: false/);
        for (const text of [...printed(pool), ...printed(client)]) {
          assert.equal(text.includes(PASSWORD), false);
        }
      });
    } finally {
      await pool.close();
    }
  });
});
