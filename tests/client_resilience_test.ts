/**
 * Resilience of RedisClient against real (private) redis-server processes
 * and the fault-injection proxy: server restarts, killed connections,
 * stalled replies, timeouts, aborts, the offline queue, written commands
 * and the client's events.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  connect,
  ConnectionClosedError,
  type RedisClient,
  type RedisClientEvent,
  type RedisClientEventType,
  RedisError,
} from "../mod.ts";
import { startServer, type TestServer } from "./_server.ts";
import { uniqueKey, until, useProxies } from "./_support.ts";
import { calls } from "./commands/_helpers.ts";
import { startProxy } from "./_proxy.ts";

const LONG = { timeout: 60_000 };

/** Rejects (failing the test) when `promise` takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`gave up after ${ms} ms waiting for ${what}`)),
      ms,
    );
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** Resolves with the next `type` event of `client` (registered at once). */
function nextEvent(
  client: RedisClient,
  type: RedisClientEventType,
  ms = 15_000,
): Promise<RedisClientEvent> {
  return within(
    new Promise<RedisClientEvent>((resolve) => {
      client.addEventListener(
        type,
        (event) => resolve(event as RedisClientEvent),
        { once: true },
      );
    }),
    ms,
    `the "${type}" event`,
  );
}

function isClosedError(error: unknown): error is ConnectionClosedError {
  return error instanceof ConnectionClosedError;
}

function isDomError(name: string) {
  return (error: unknown): boolean =>
    error instanceof DOMException && error.name === name;
}

// ---------------------------------------------------------------------------

describe("RedisClient across a server restart", () => {
  let server: TestServer;

  before(async () => {
    server = await startServer();
  });

  after(async () => {
    await server?.stop();
  });

  it(
    "RedisClient settles every in-flight command correctly when the server restarts under 10,000 commands",
    LONG,
    async () => {
      const client = await connect({ port: server.port });
      try {
        const events: string[] = [];
        for (const type of ["error", "reconnecting", "ready"] as const) {
          client.addEventListener(type, () => events.push(type));
        }
        let fulfilled = 0;
        let rejected = 0;
        // Each outcome is captured at once: no rejection goes unhandled.
        const track = (p: Promise<string>) =>
          p.then(
            (value): PromiseSettledResult<string> => {
              fulfilled++;
              return { status: "fulfilled", value };
            },
            (reason): PromiseSettledResult<string> => {
              rejected++;
              return { status: "rejected", reason };
            },
          );
        const promises: Promise<PromiseSettledResult<string>>[] = [];
        const expected: string[] = [];
        const issue = (n: number) => {
          for (let i = 0; i < n; i++) {
            const message = "m" + expected.length;
            expected.push(message);
            promises.push(track(client.echo(message)));
          }
        };
        issue(10_000);

        let issuedAtError = -1;
        let settledAtError = -1;
        let errorAt = 0;
        client.addEventListener("error", () => {
          errorAt = performance.now();
          issuedAtError = expected.length;
          settledAtError = fulfilled + rejected;
        }, { once: true });
        const reconnecting = nextEvent(client, "reconnecting", 30_000);
        const ready = nextEvent(client, "ready", 30_000);

        const killAt = performance.now();
        const restarting = server.restart!();
        // Keep commands coming until the client notices the loss (capped),
        // so that some are surely written when the server goes away.
        let extra = 0;
        while (client.status === "ready" && extra < 200_000) {
          issue(1_000);
          extra += 1_000;
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        await restarting;
        const reconnectingEvent = await reconnecting;
        await ready;
        const readyAt = performance.now();

        const results = await within(
          Promise.all(promises),
          30_000,
          "every command to settle",
        );
        const reasons = new Map<string, number>();
        for (let i = 0; i < results.length; i++) {
          const result = results[i]!;
          if (result.status === "fulfilled") {
            assert.equal(result.value, expected[i], `reply of command ${i}`);
          } else {
            const error = result.reason;
            assert.ok(
              isClosedError(error),
              `command ${i} rejected with ${String(error)}`,
            );
            const label = `written=${error.written}`;
            reasons.set(label, (reasons.get(label) ?? 0) + 1);
          }
        }
        assert.equal(fulfilled + rejected, promises.length);
        assert.equal(reconnectingEvent.attempt, 1);
        assert.deepEqual(events.slice(0, 2), ["error", "reconnecting"]);
        assert.equal(events.at(-1), "ready");
        assert.equal(client.status, "ready");
        assert.equal(await client.echo("after"), "after");
        const k = uniqueKey("after-restart");
        assert.equal(await client.set(k, "v"), "OK");
        assert.equal(await client.get(k), "v");
        console.log(
          `[restart figures] issued=${promises.length} ` +
            `(10000 up front + ${extra} while restarting) ` +
            `settledBeforeLossNoticed=${settledAtError} ` +
            `inFlightWhenLossNoticed=${issuedAtError - settledAtError} ` +
            `issuedAfterLoss=${promises.length - issuedAtError} ` +
            `fulfilled=${fulfilled} rejected=${rejected} ` +
            `rejectedBy=${JSON.stringify(Object.fromEntries(reasons))} ` +
            `restartCall->ready=${(readyAt - killAt).toFixed(1)}ms ` +
            `lossNoticed->ready=${(readyAt - errorAt).toFixed(1)}ms ` +
            `reconnectingEvents=${
              events.filter((e) => e === "reconnecting").length
            }`,
        );
      } finally {
        client.disconnect();
      }
    },
  );

  it(
    "RedisClient rejects 10,000 written commands whose replies die with a restarted server",
    LONG,
    async () => {
      const proxy = await startProxy({ targetPort: server.port });
      const client = await connect({ port: proxy.port, reconnect: () => 20 });
      const admin = await connect({ port: server.port });
      try {
        const echoCalls = async () => {
          const info = String(
            await admin.sendCommand(["INFO", "commandstats"]),
          );
          return Number(/cmdstat_echo:calls=(\d+)/.exec(info)?.[1] ?? 0);
        };
        const before = await echoCalls();
        // The server runs every command; the replies wait at the proxy.
        proxy.stall("toClient");
        let fulfilled = 0;
        let rejected = 0;
        const outcomes: Promise<PromiseSettledResult<string>>[] = [];
        for (let i = 0; i < 10_000; i++) {
          outcomes.push(
            client.echo("m" + i).then(
              (value): PromiseSettledResult<string> => {
                fulfilled++;
                return { status: "fulfilled", value };
              },
              (reason): PromiseSettledResult<string> => {
                rejected++;
                return { status: "rejected", reason };
              },
            ),
          );
        }
        await until(
          async () => (await echoCalls()) - before >= 10_000,
          "the server to run the 10,000 commands",
        );
        assert.equal(fulfilled + rejected, 0);
        assert.equal(client.pendingCount, 10_000);
        admin.disconnect();
        const ready = nextEvent(client, "ready", 30_000);
        const killAt = performance.now();
        await server.restart!();
        // The held replies are lost with the connection.
        await proxy.cut();
        proxy.resume();
        await ready;
        const readyAt = performance.now();
        const results = await within(
          Promise.all(outcomes),
          30_000,
          "every command to settle",
        );
        let writtenRejections = 0;
        for (let i = 0; i < results.length; i++) {
          const result = results[i]!;
          if (result.status === "fulfilled") {
            assert.equal(result.value, "m" + i, `reply of command ${i}`);
          } else {
            assert.ok(isClosedError(result.reason), String(result.reason));
            if (result.reason.written) writtenRejections++;
          }
        }
        assert.equal(writtenRejections, 10_000);
        assert.equal(client.status, "ready");
        assert.equal(await client.echo("after"), "after");
        console.log(
          `[stalled restart figures] inFlightAtKill=10000 fulfilled=${fulfilled} ` +
            `rejected=${rejected} (written=true: ${writtenRejections}) ` +
            `restartCall->ready=${(readyAt - killAt).toFixed(1)}ms`,
        );
      } finally {
        proxy.resume();
        client.disconnect();
        admin.disconnect();
        await proxy.close();
      }
    },
  );
});

// ---------------------------------------------------------------------------

for (const protocol of [3, 2] as const) {
  describe(`RedisClient subscriptions across CLIENT KILL over RESP${protocol}`, () => {
    let server: TestServer;
    let admin: RedisClient;

    before(async () => {
      server = await startServer();
      admin = await connect({ port: server.port });
    });

    after(async () => {
      admin?.disconnect();
      await server?.stop();
    });

    async function numsub(channel: string): Promise<number> {
      const reply = await admin.sendCommand(["PUBSUB", "NUMSUB", channel]);
      return Number((reply as unknown[])[1]);
    }

    it(
      `RedisClient reconnects after CLIENT KILL and restores its subscriptions (RESP${protocol})`,
      LONG,
      async () => {
        const client = await connect({
          port: server.port,
          protocol,
          reconnect: () => 20,
        });
        try {
          const channel = uniqueKey("ch");
          const sub = await client.subscribe(channel);
          const iterator = sub[Symbol.asyncIterator]();
          assert.equal(await admin.publish(channel, "before"), 1);
          assert.deepEqual(
            (await within(iterator.next(), 10_000, "before")).value,
            {
              kind: "message",
              channel,
              message: "before",
            },
          );

          const ready = nextEvent(client, "ready");
          // SKIPME yes (the default): admin keeps its own connection. Over
          // RESP2 the subscriber connection is of type pubsub.
          const killedNormal = Number(
            await admin.sendCommand(["CLIENT", "KILL", "TYPE", "normal"]),
          );
          const killedPubsub = Number(
            await admin.sendCommand(["CLIENT", "KILL", "TYPE", "pubsub"]),
          );
          if (protocol === 3) {
            assert.equal(killedNormal + killedPubsub, 1);
          } else {
            assert.equal(killedNormal, 1);
            assert.equal(killedPubsub, 1);
          }
          await ready;
          assert.equal(client.status, "ready");
          await until(
            async () => (await numsub(channel)) === 1,
            "the subscription to be restored",
          );
          assert.equal(await admin.publish(channel, "after"), 1);
          const next = await within(iterator.next(), 10_000, "after");
          assert.equal(next.done, false);
          assert.deepEqual(next.value, {
            kind: "message",
            channel,
            message: "after",
          });
          // Ordinary commands work again too.
          assert.equal(await client.ping(), "PONG");
          await sub.unsubscribe();
          await until(
            async () => (await numsub(channel)) === 0,
            "the unsubscribe",
          );
        } finally {
          client.disconnect();
        }
      },
    );
  });
}

// ---------------------------------------------------------------------------

describe("RedisClient through a fault-injection proxy", () => {
  let server: TestServer;
  let admin: RedisClient;

  before(async () => {
    server = await startServer();
    admin = await connect({ port: server.port });
  });

  /**
   * A fresh proxy to the server and a client through it; both are closed
   * after the tests, before the server stops.
   */
  const viaProxy = useProxies(() => server.port);

  after(async () => {
    admin?.disconnect();
    await server?.stop();
  });

  // -- 3. timeouts ----------------------------------------------------------

  it("RedisClient.withOptions({ timeout }) rejects a stalled call with TimeoutError and keeps the FIFO", async () => {
    const { proxy, client } = await viaProxy();
    const a = uniqueKey("a");
    const b = uniqueKey("b");
    await admin.set(a, "value-a");
    await admin.set(b, "value-b");
    proxy.stall("toClient");
    try {
      const late = client.withOptions({ timeout: 100 }).get(a);
      await assert.rejects(late, (error: unknown) => {
        assert.ok(isDomError("TimeoutError")(error), String(error));
        assert.match((error as DOMException).message, /GET/);
        return true;
      });
      const next = client.get(b);
      proxy.resume("toClient");
      assert.equal(await within(next, 10_000, "GET b"), "value-b");
    } finally {
      proxy.resume();
    }
    assert.equal(await client.get(a), "value-a");
    assert.equal(client.status, "ready");
  });

  it("RedisClient applies ConnectOptions.commandTimeout unless a call sets its own", async () => {
    const { proxy, client } = await viaProxy({ commandTimeout: 100 });
    const a = uniqueKey("a");
    const b = uniqueKey("b");
    await admin.set(a, "value-a");
    await admin.set(b, "value-b");
    proxy.stall("toClient");
    try {
      const timedOut = client.get(a);
      const patient = client.withOptions({ timeout: 30_000 }).get(b);
      await assert.rejects(timedOut, isDomError("TimeoutError"));
      const after = client.get(a);
      proxy.resume("toClient");
      assert.equal(await within(patient, 10_000, "patient GET"), "value-b");
      assert.equal(await within(after, 10_000, "GET after"), "value-a");
    } finally {
      proxy.resume();
    }
    assert.throws(() => client.withOptions({ timeout: -1 }), TypeError);
  });

  // -- 4. aborts ------------------------------------------------------------

  it("RedisClient.withOptions({ signal }) rejects an already-aborted call at once and sends nothing", async () => {
    const { client } = await viaProxy();
    const k = uniqueKey("never");
    const before = await calls(admin, "setex");
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      client.withOptions({ signal: controller.signal }).set(k, "x", { ex: 60 }),
      isDomError("AbortError"),
    );
    const reason = new Error("my reason");
    const custom = new AbortController();
    custom.abort(reason);
    await assert.rejects(
      client.withOptions({ signal: custom.signal }).setex(k, 60, "x"),
      (error: unknown) => error === reason,
    );
    // A command after them on the same connection has run: theirs did not.
    assert.equal(await client.ping(), "PONG");
    assert.equal(await admin.exists(k), false);
    assert.equal(await calls(admin, "setex"), before);
  });

  it("RedisClient.withOptions({ signal }) rejects a written call on abort and discards its late reply", async () => {
    const { proxy, client } = await viaProxy();
    const counter = uniqueKey("abort-counter");
    const b = uniqueKey("b");
    await admin.set(b, "value-b");
    proxy.stall("toClient");
    try {
      const controller = new AbortController();
      const aborted = client.withOptions({ signal: controller.signal }).incr(
        counter,
      );
      // The INCR reached the server; its reply waits at the proxy.
      await until(async () => (await admin.get(counter)) === "1", "the INCR");
      controller.abort();
      await assert.rejects(aborted, isDomError("AbortError"));
      const next = client.get(b);
      proxy.resume("toClient");
      assert.equal(await within(next, 10_000, "GET b"), "value-b");
    } finally {
      proxy.resume();
    }
    assert.equal(await client.incr(counter), 2);
  });

  // -- 5. offline queue -----------------------------------------------------

  it("RedisClient queues commands while reconnecting, rejects beyond offlineQueueSize, and sends the rest in order", async () => {
    const { proxy, client } = await viaProxy({ offlineQueueSize: 5 });
    const list = uniqueKey("order");
    proxy.refuse(true);
    const reconnecting = nextEvent(client, "reconnecting");
    await proxy.cut();
    await reconnecting;
    assert.equal(client.status, "reconnecting");
    const queued = [1, 2, 3, 4, 5].map((i) => client.rpush(list, String(i)));
    await assert.rejects(client.get(list), (error: unknown) => {
      assert.ok(isClosedError(error), String(error));
      assert.match(error.message, /offline queue is full \(5 commands\)/);
      assert.equal(error.written, false);
      return true;
    });
    // Still refusing: nothing of the queue was sent.
    assert.equal(client.status, "reconnecting");
    assert.equal(client.pendingCount, 5);
    assert.equal(await admin.exists(list), false);
    const ready = nextEvent(client, "ready");
    proxy.refuse(false);
    await ready;
    assert.deepEqual(
      await within(Promise.all(queued), 10_000, "the queued commands"),
      [1, 2, 3, 4, 5],
    );
    assert.deepEqual(await admin.lrange(list, 0, -1), [
      "1",
      "2",
      "3",
      "4",
      "5",
    ]);
  });

  it("RedisClient with offlineQueueSize 0 rejects commands at once while reconnecting", async () => {
    const { proxy, client } = await viaProxy({ offlineQueueSize: 0 });
    proxy.refuse(true);
    const reconnecting = nextEvent(client, "reconnecting");
    await proxy.cut();
    await reconnecting;
    await assert.rejects(client.ping(), /offline queue is off/);
    const ready = nextEvent(client, "ready");
    proxy.refuse(false);
    await ready;
    assert.equal(await client.ping(), "PONG");
  });

  it("RedisClient closes for good when the reconnect strategy gives up", async () => {
    const { proxy, client } = await viaProxy({
      reconnect: (attempt) => attempt > 3 ? false : 10,
    });
    const attempts: number[] = [];
    client.addEventListener("reconnecting", (event) => {
      attempts.push((event as RedisClientEvent).attempt!);
    });
    proxy.refuse(true);
    const end = nextEvent(client, "end");
    const reconnecting = nextEvent(client, "reconnecting");
    await proxy.cut();
    await reconnecting;
    const queued = client.get(uniqueKey("q"));
    const endEvent = await end;
    await assert.rejects(queued, (error: unknown) => {
      assert.ok(isClosedError(error), String(error));
      assert.equal(error.written, false);
      return true;
    });
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.ok(isClosedError(endEvent.error), String(endEvent.error));
    assert.match(
      (endEvent.error as Error).message,
      /reconnecting gave up after 3 attempts/,
    );
    assert.equal(client.status, "closed");
    assert.equal(client.closed, true);
    await assert.rejects(client.ping(), ConnectionClosedError);
    proxy.refuse(false);
  });

  it("RedisClient with reconnect: false closes on a cut and rejects pending commands", async () => {
    const { proxy, client } = await viaProxy({ reconnect: false });
    const end = nextEvent(client, "end");
    proxy.stall("toClient");
    const pending = client.ping();
    await proxy.cut();
    proxy.resume();
    await end;
    await assert.rejects(pending, ConnectionClosedError);
    assert.equal(client.status, "closed");
    await assert.rejects(client.ping(), ConnectionClosedError);
  });

  // -- 6. written commands --------------------------------------------------

  it("RedisClient never resends written SET/INCR after a cut: they reject with written === true", async () => {
    const { proxy, client } = await viaProxy();
    const counter = uniqueKey("counter");
    const written = uniqueKey("written");
    await admin.set(counter, "10");
    proxy.stall("toClient");
    let outcomes: Promise<PromiseSettledResult<unknown>[]>;
    try {
      outcomes = Promise.allSettled([
        client.set(written, "1"),
        client.incr(counter),
      ]);
      await until(
        async () => (await admin.get(counter)) === "11",
        "the INCR to run",
      );
      const ready = nextEvent(client, "ready");
      await proxy.cut();
      proxy.resume();
      await ready;
    } finally {
      proxy.resume();
    }
    for (const result of await outcomes) {
      assert.equal(result.status, "rejected");
      const error = (result as PromiseRejectedResult).reason;
      assert.ok(isClosedError(error), String(error));
      assert.equal(error.written, true);
    }
    assert.equal(await client.get(counter), "11");
    assert.equal(await admin.get(written), "1");
    assert.equal(await client.incr(counter), 12);
  });

  it("RedisClient with retryReadOnly resends a written GET after reconnecting", async () => {
    const { proxy, client } = await viaProxy({ retryReadOnly: true });
    const value = uniqueKey("ro");
    const marker = uniqueKey("marker");
    await admin.set(value, "read-me");
    proxy.stall("toClient");
    let read: Promise<string | null>;
    let write: Promise<PromiseSettledResult<unknown>>;
    try {
      read = client.get(value);
      write = client.incr(marker).then(
        (value) => ({ status: "fulfilled", value }),
        (reason) => ({ status: "rejected", reason }),
      );
      // The INCR after the GET ran, so the GET was written and ran too.
      await until(async () => (await admin.get(marker)) === "1", "the INCR");
      const ready = nextEvent(client, "ready");
      await proxy.cut();
      proxy.resume();
      await ready;
    } finally {
      proxy.resume();
    }
    assert.equal(await within(read, 10_000, "the resent GET"), "read-me");
    const result = await write;
    assert.equal(result.status, "rejected");
    const error = (result as PromiseRejectedResult).reason;
    assert.ok(isClosedError(error), String(error));
    assert.equal(error.written, true);
    assert.equal(await admin.get(marker), "1");
  });

  // -- 7. events ------------------------------------------------------------

  it("RedisClient emits error, reconnecting, connect, ready on a cut and end on close()", async () => {
    const { proxy, client } = await viaProxy();
    const seen: RedisClientEvent[] = [];
    for (
      const type of [
        "connect",
        "ready",
        "error",
        "reconnecting",
        "end",
      ] as const
    ) {
      client.addEventListener(type, (e) => seen.push(e as RedisClientEvent));
    }
    const ready = nextEvent(client, "ready");
    await proxy.cut();
    await ready;
    assert.deepEqual(seen.map((e) => e.type), [
      "error",
      "reconnecting",
      "connect",
      "ready",
    ]);
    const [error, reconnecting] = seen;
    assert.ok(isClosedError(error!.error), String(error!.error));
    assert.equal(reconnecting!.attempt, 1);
    assert.equal(reconnecting!.delay, 10);
    assert.ok(reconnecting!.error instanceof RedisError);
    assert.equal(client.status, "ready");
    assert.equal(await client.ping(), "PONG");

    seen.length = 0;
    await client.close();
    assert.deepEqual(seen.map((e) => e.type), ["end"]);
    assert.equal(seen[0]!.error, undefined);
    assert.equal(client.status, "closed");
  });

  it("RedisClient survives an error event with no listener", async () => {
    const { proxy, client } = await viaProxy();
    const ready = nextEvent(client, "ready");
    await proxy.cut();
    await ready;
    assert.equal(await client.ping(), "PONG");
  });

  it("RedisClient.status is reconnecting while the proxy refuses and ready after", async () => {
    const { proxy, client } = await viaProxy();
    assert.equal(client.status, "ready");
    proxy.refuse(true);
    const second = new Promise<void>((resolve) => {
      const onReconnecting = (event: Event) => {
        if ((event as RedisClientEvent).attempt === 2) {
          client.removeEventListener("reconnecting", onReconnecting);
          resolve();
        }
      };
      client.addEventListener("reconnecting", onReconnecting);
    });
    await proxy.cut();
    await within(second, 15_000, "the second attempt");
    assert.equal(client.status, "reconnecting");
    const ready = nextEvent(client, "ready");
    proxy.refuse(false);
    await ready;
    assert.equal(client.status, "ready");
  });

  // -- 8. duplicate ---------------------------------------------------------

  it("RedisClient.duplicate opens a second connection with the same db and clientName", async () => {
    await using client = await connect({
      port: server.port,
      db: 3,
      clientName: "dup-name",
    });
    await using dup = await client.duplicate();
    assert.notEqual(
      await dup.sendCommand(["CLIENT", "ID"]),
      await client.sendCommand(["CLIENT", "ID"]),
    );
    assert.equal(await dup.sendCommand(["CLIENT", "GETNAME"]), "dup-name");
    assert.match(String(await dup.sendCommand(["CLIENT", "INFO"])), / db=3 /);
    const k = uniqueKey("dup");
    await dup.set(k, "shared");
    assert.equal(await client.get(k), "shared");
    assert.equal(await admin.exists(k), false); // admin is on db 0
    await using renamed = await client.duplicate({ clientName: "other" });
    assert.equal(await renamed.sendCommand(["CLIENT", "GETNAME"]), "other");
    assert.match(
      String(await renamed.sendCommand(["CLIENT", "INFO"])),
      / db=3 /,
    );
    // Closing the duplicate leaves the original alone.
    await dup.close();
    assert.equal(await client.ping(), "PONG");
  });
});
