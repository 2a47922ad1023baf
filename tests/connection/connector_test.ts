/**
 * The `connector` option: every socket a client needs (its connection,
 * reconnects, extra connections for blocking commands and watch(), the
 * RESP2 subscriber, duplicate(), a pool's connections) comes from it; with
 * a single `socket`, what needs a second connection says so. Against a
 * private redis-server.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  connect,
  type Connector,
  type RedisClientEvent,
  RedisPool,
  type SocketOptions,
} from "../../mod.ts";
import { openSocket } from "../../src/transport/mod.ts";
import { nextEvent, uniqueKey, useAdmin } from "../_support.ts";

describe("connect with a connector", () => {
  const ctx = useAdmin();

  /** A connector that records what it was asked for. */
  function counting(): { connector: Connector; asked: SocketOptions[] } {
    const asked: SocketOptions[] = [];
    return {
      asked,
      connector: (options, signal) => {
        asked.push(options);
        assert.ok(signal instanceof AbortSignal);
        return openSocket(options, signal);
      },
    };
  }

  it("connect opens every connection of the client through the connector, and passes it no credentials", async () => {
    const { connector, asked } = counting();
    const client = await connect({
      port: ctx.server.port,
      protocol: 2,
      password: undefined,
      clientName: "via-connector",
      connector,
    });
    try {
      assert.equal(asked.length, 1);
      assert.deepEqual(Object.keys(asked[0]!).sort(), [
        "hostname",
        "path",
        "port",
        "tls",
      ]);
      assert.equal(asked[0]!.port, ctx.server.port);
      // A blocking command: an extra connection.
      const list = uniqueKey("connector:list");
      await client.rpush(list, "x");
      assert.deepEqual(await client.blpop([list], 1), {
        key: list,
        element: "x",
      });
      assert.equal(asked.length, 2);
      // watch(): the idle extra connection is reused.
      await client.watch(list, (tx) => tx.multi().rpush(list, "y"));
      assert.equal(asked.length, 2);
      // A RESP2 subscription: one more.
      await using sub = await client.subscribe(uniqueKey("connector:ch"));
      assert.ok(sub);
      assert.equal(asked.length, 3);
      // duplicate(): one more.
      const twin = await client.duplicate();
      assert.equal(asked.length, 4);
      await twin.close();
      // A reconnect: one more.
      const ready = nextEvent(client, "ready");
      await ctx.admin.clientKill({ id: await client.clientId() });
      await ready;
      assert.equal(await client.ping(), "PONG");
      assert.ok(asked.length >= 5);
    } finally {
      await client.close();
    }
  });

  it("RedisPool opens its connections through the connector", async () => {
    const { connector, asked } = counting();
    const pool = new RedisPool({
      connect: { port: ctx.server.port, connector },
      maxSize: 3,
    });
    try {
      await Promise.all([1, 2, 3].map(() => pool.use((c) => c.ping())));
      assert.ok(asked.length >= 1 && asked.length <= 3);
    } finally {
      await pool.close();
    }
  });

  it("connect refuses a connector together with a socket, and a connector that is not a function", async () => {
    const streams = new TransformStream<Uint8Array, Uint8Array>();
    await assert.rejects(
      connect({
        socket: streams,
        connector: (options, signal) => openSocket(options, signal),
      }),
      /"socket" and "connector" exclude each other/,
    );
    await assert.rejects(
      connect({ connector: "tcp" as unknown as Connector }),
      /Invalid option "connector" "tcp": expected a function/,
    );
  });

  it("a client with a single socket says that what needs a second connection cannot be done, and how to allow it", async () => {
    const socket = await openSocket({ port: ctx.server.port });
    const client = await connect({ socket, protocol: 3 });
    try {
      await assert.rejects(
        client.watch("k", () => undefined),
        /Cannot run "WATCH" on a connection of its own: the client was made with a single "socket"; pass a "connector" instead/,
      );
      await assert.rejects(
        client.duplicate(),
        /Cannot duplicate a client made with a single "socket": pass a "connector"/,
      );
      // A blocking command stays on the one connection.
      const list = uniqueKey("socket:list");
      await client.rpush(list, "v");
      assert.deepEqual(await client.blpop([list], 1), {
        key: list,
        element: "v",
      });
      // It cannot reconnect, and says so.
      const end = nextEvent(client, "end");
      await ctx.admin.clientKill({ id: await client.clientId() });
      const error = (await end as RedisClientEvent).error as Error;
      assert.match(
        error.message,
        /closed by the server \(a client made with a single "socket" cannot reconnect; pass a "connector" to let it\)/,
      );
      assert.equal(client.status, "closed");
    } finally {
      await client.close();
    }
  });

  it("a RESP2 client with a single socket says it cannot subscribe, and how to allow it", async () => {
    const socket = await openSocket({ port: ctx.server.port });
    const client = await connect({ socket, protocol: 2 });
    try {
      await assert.rejects(
        client.subscribe("news"),
        /Cannot subscribe over RESP2, which needs a second connection: the client was made with a single "socket"; pass a "connector" instead/,
      );
      assert.equal(await client.ping(), "PONG");
    } finally {
      await client.close();
    }
  });

  it("a connector's failure is a ConnectionError naming the address", async () => {
    await assert.rejects(
      connect({
        port: ctx.server.port,
        connector: () => Promise.reject(new Error("no route to the moon")),
      }),
      (error: unknown) => {
        assert.equal((error as Error).name, "ConnectionError");
        assert.match(
          (error as Error).message,
          new RegExp(
            `Cannot connect to "127.0.0.1:${ctx.server.port}": no route to the moon`,
          ),
        );
        return true;
      },
    );
  });
});
