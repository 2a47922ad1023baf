/**
 * Transactions (MULTI/EXEC) and optimistic locking (WATCH) against real
 * (private) redis-server processes, on RESP2 and RESP3, and through the
 * fault-injection proxy for connection losses part-way.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  connect,
  ConnectionClosedError,
  type ConnectOptions,
  ExecAbortError,
  PipelineError,
  type RedisClient,
  ReplyError,
  WatchError,
} from "../mod.ts";
import { useServer } from "./commands/_helpers.ts";
import { nextEvent, uniqueKey, until, useProxies } from "./_support.ts";

const LONG = { timeout: 60_000 };

function key(prefix = "k"): string {
  return uniqueKey(`tx:${prefix}`);
}

/** A promise and its resolver. */
function signal<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => resolve = r);
  return { promise, resolve };
}

/** The private server; `ctx.client` (RESP3, db 0) is the tests' ctx.client. */
const ctx = useServer();

for (const protocol of [2, 3] as const) {
  describe(`Transaction over RESP${protocol}`, () => {
    let client: RedisClient;

    before(async () => {
      client = await connect({ port: ctx.server.port, protocol });
    });

    after(async () => {
      await client?.close();
    });

    it("Transaction.exec runs the commands atomically and resolves with typed results", async () => {
      const k = key();
      const h = key("h");
      const results = await client.multi()
        .set(k, "1")
        .incrby(k, 9)
        .hset(h, { f: "v" })
        .hgetall(h)
        .zadd(key("z"), [{ score: 1.5, member: "m" }])
        .get(k)
        .exec();
      const [ok, n, added, record, zadded, value] = results;
      assert.equal(ok, "OK");
      assert.equal(n, 10);
      assert.equal(added, 1);
      assert.deepEqual(record, { f: "v" });
      assert.equal(zadded, 1);
      assert.equal(value, "10");
    });

    it("Transaction keeps a command's runtime error in place and commits the others", async () => {
      const s = key("s");
      const other = key("o");
      const results = await client.multi().set(s, "x").incr(s).set(other, "1")
        .exec();
      assert.equal(results[0], "OK");
      assert.ok(results[1] instanceof ReplyError);
      assert.match(results[1].message, /not an integer/);
      assert.equal(results[2], "OK");
      assert.equal(await ctx.client.get(other), "1");
      await assert.rejects(
        client.multi().set(s, "x").incr(s).execOrThrow(),
        (error: unknown) => {
          assert.ok(error instanceof PipelineError);
          assert.equal(error.index, 1);
          assert.match(
            error.message,
            /^Command 2 of 2 in the transaction \("INCR"\) failed: ERR/,
          );
          return true;
        },
      );
    });

    it("Transaction.exec rejects with ExecAbortError carrying each queue-time error, and nothing runs", async () => {
      const a = key("a");
      const b = key("b");
      await assert.rejects(
        client.multi()
          .set(a, "1")
          .sendCommand(["NOSUCHCOMMAND", "x"])
          .sendCommand(["SET", b])
          .incr(a)
          .exec(),
        (error: unknown) => {
          assert.ok(error instanceof ExecAbortError, String(error));
          assert.ok(error instanceof ReplyError);
          assert.equal(error.code, "EXECABORT");
          assert.equal(error.errors.length, 4);
          assert.equal(error.errors[0], undefined);
          assert.match(error.errors[1]!.message, /unknown command/);
          assert.match(error.errors[2]!.message, /wrong number of arguments/);
          assert.equal(error.errors[3], undefined);
          return true;
        },
      );
      assert.equal(await ctx.client.existsCount(a, b), 0);
      // The connection is not left inside MULTI.
      assert.equal(await client.set(a, "after"), "OK");
      assert.equal(await ctx.client.get(a), "after");
    });

    it("Transaction.discard sends nothing and the transaction cannot run after", async () => {
      const k = key("d");
      const tx = client.multi().set(k, "1");
      assert.equal(tx.length, 1);
      tx.discard();
      await assert.rejects(tx.exec(), /already discarded/);
      assert.throws(() => tx.get(k), /already discarded/);
      assert.equal(await ctx.client.exists(k), false);
      assert.equal((await client.clientInfo()).multi, "-1");
    });

    it(
      "Transaction interleaved with 1,000 single commands keeps every reply with its caller",
      LONG,
      async () => {
        const counter = key("c");
        const singles: Promise<string>[] = [];
        const transactions: Promise<unknown[]>[] = [];
        for (let i = 0; i < 1_000; i++) {
          singles.push(client.echo(`single-${i}`));
          if (i % 100 === 0) {
            const tx = client.multi();
            for (let j = 0; j < 100; j++) tx.incr(counter);
            transactions.push(tx.exec());
          }
        }
        const [echoes, results] = await Promise.all([
          Promise.all(singles),
          Promise.all(transactions),
        ]);
        echoes.forEach((value, i) => assert.equal(value, `single-${i}`));
        results.forEach((values, n) => {
          assert.deepEqual(
            values,
            Array.from({ length: 100 }, (_, j) => n * 100 + j + 1),
          );
        });
      },
    );

    it("Transaction gives DUMP's payload as bytes in a text transaction, and strings as bytes from client.bytes", async () => {
      const k = key("bin");
      await client.set(k, new Uint8Array([1, 2, 255]));
      const [dump, text] = await client.multi().dump(k).get(k).exec();
      assert.ok(dump instanceof Uint8Array);
      assert.equal(typeof text, "string");
      const [raw] = await client.bytes.multi().get(k).exec();
      assert.ok(raw instanceof Uint8Array);
      assert.deepEqual([...raw], [1, 2, 255]);
    });

    it("Transaction of nothing runs MULTI and EXEC and resolves with []", async () => {
      assert.deepEqual(await client.multi().exec(), []);
    });
  });

  describe(`RedisClient.watch over RESP${protocol}`, () => {
    let client: RedisClient;

    before(async () => {
      client = await connect({ port: ctx.server.port, protocol });
    });

    after(async () => {
      await client?.close();
    });

    it("RedisClient.watch runs the transaction on a connection of its own", async () => {
      const k = key("w");
      await ctx.client.set(k, "5");
      let txId: number | undefined;
      const results = await client.watch(k, async (tx) => {
        txId = await tx.clientId();
        const value = Number(await tx.get(k));
        return tx.multi().set(k, value * 2).get(k);
      });
      assert.deepEqual(results, ["OK", "10"]);
      assert.notEqual(txId, await client.clientId());
    });

    it("RedisClient.watch retries when a watched key changed before EXEC", async () => {
      const k = key("race");
      await ctx.client.set(k, "0");
      const aRead = signal();
      const bDone = signal();
      const attemptsA: number[] = [];
      const attemptsB: number[] = [];
      const a = client.watch(k, async (tx, attempt) => {
        attemptsA.push(attempt);
        const value = Number(await tx.get(k));
        if (attempt === 1) {
          aRead.resolve();
          await bDone.promise;
        }
        return tx.multi().set(k, value + 1);
      });
      await aRead.promise;
      // B increments in between, on another client.
      const other = await connect({ port: ctx.server.port, protocol });
      try {
        await other.watch(k, async (tx, attempt) => {
          attemptsB.push(attempt);
          const value = Number(await tx.get(k));
          return tx.multi().set(k, value + 1);
        });
      } finally {
        await other.close();
      }
      bDone.resolve();
      assert.deepEqual(await a, ["OK"]);
      assert.deepEqual(attemptsA, [1, 2]);
      assert.deepEqual(attemptsB, [1]);
      // Both increments survived.
      assert.equal(await ctx.client.get(k), "2");
    });

    it(
      "RedisClient.watch: two concurrent watchers incrementing one key lose no increment",
      LONG,
      async () => {
        const k = key("concurrent");
        await ctx.client.set(k, "0");
        const other = await connect({ port: ctx.server.port, protocol });
        let attempts = 0;
        const increments = 200;
        const worker = async (c: RedisClient) => {
          for (let i = 0; i < increments; i++) {
            await c.watch(k, async (tx) => {
              attempts++;
              const value = Number(await tx.get(k));
              // Widen the window between the read and EXEC.
              await tx.ping();
              return tx.multi().set(k, value + 1);
            }, { maxAttempts: 1_000 });
          }
        };
        try {
          await Promise.all([worker(client), worker(other)]);
        } finally {
          await other.close();
        }
        assert.equal(await ctx.client.get(k), String(2 * increments));
        assert.ok(attempts >= 2 * increments);
      },
    );

    it("RedisClient.watch gives up with WatchError after maxAttempts", async () => {
      const k = key("busy");
      await ctx.client.set(k, "0");
      let calls = 0;
      await assert.rejects(
        client.watch(k, async (tx) => {
          calls++;
          await tx.get(k);
          await ctx.client.incr(k); // someone else changes it every time
          return tx.multi().set(k, "mine");
        }, { maxAttempts: 3 }),
        (error: unknown) => {
          assert.ok(error instanceof WatchError, String(error));
          assert.equal(error.attempts, 3);
          assert.match(
            error.message,
            /^Transaction aborted 3 times: a watched key changed before each EXEC \("tx:busy:/,
          );
          return true;
        },
      );
      assert.equal(calls, 3);
      assert.equal(await ctx.client.get(k), "3");
    });

    it("RedisClient.watch resolves undefined and unwatches when the function returns nothing", async () => {
      const k = key("none");
      const k2 = key("none2");
      let first: number | undefined;
      const result = await client.watch(k, async (tx) => {
        first = await tx.clientId();
      });
      assert.equal(result, undefined);
      await ctx.client.set(k, "changed");
      // The same connection, no longer watching k: one attempt suffices.
      let second: number | undefined;
      const results = await client.watch(k2, async (tx) => {
        second = await tx.clientId();
        return tx.multi().set(k2, "1");
      }, { maxAttempts: 1 });
      assert.deepEqual(results, ["OK"]);
      assert.equal(second, first);
    });

    it("RedisClient.watch rethrows what the function throws and unwatches", async () => {
      const k = key("throws");
      const k2 = key("throws2");
      let first: number | undefined;
      await assert.rejects(
        client.watch(k, async (tx) => {
          first = await tx.clientId();
          throw new RangeError("no stock");
        }),
        RangeError,
      );
      await ctx.client.set(k, "changed");
      let second: number | undefined;
      assert.deepEqual(
        await client.watch(k2, async (tx) => {
          second = await tx.clientId();
          return tx.multi().set(k2, "1");
        }, { maxAttempts: 1 }),
        ["OK"],
      );
      assert.equal(second, first);
    });

    it("RedisClient.watch rejects a result that is not a transaction of tx", async () => {
      const k = key("wrong");
      await assert.rejects(
        client.watch(k, () => client.multi().set(k, "1")),
        /Invalid watch\(\) result: expected a transaction made with tx\.multi\(\)/,
      );
      assert.equal(await ctx.client.exists(k), false);
    });

    it("RedisClient.watch checks its arguments and honours an aborted signal", async () => {
      await assert.rejects(client.watch([], () => undefined), TypeError);
      await assert.rejects(
        client.watch("k", () => undefined, { maxAttempts: 0 }),
        /Invalid maxAttempts "0"/,
      );
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(
        client.watch("k", () => undefined, { signal: controller.signal }),
        (error: unknown) =>
          error instanceof DOMException && error.name === "AbortError",
      );
    });

    it("RedisClient.watch works with a bytes transaction", async () => {
      const k = key("wb");
      await ctx.client.set(k, "abc");
      const results = await client.watch(k, async (tx) => {
        const value = await tx.bytes.get(k);
        return tx.bytes.multi().set(k, value!).append(k, "d").get(k);
      });
      assert.ok(results !== undefined);
      assert.ok(results[2] instanceof Uint8Array);
      assert.equal(new TextDecoder().decode(results[2]), "abcd");
    });
  });
}

describe("Transaction under faults", () => {
  const proxied = useProxies(() => ctx.server.port);
  const viaProxy = (options: ConnectOptions = {}) =>
    proxied({ clientName: "tx-faults", ...options });

  /** The `multi` field of the proxied connection in CLIENT LIST. */
  async function queuedOnServer(): Promise<number> {
    const list = String(await ctx.client.sendCommand(["CLIENT", "LIST"]));
    const line = list.split("\n").find((l) => l.includes("name=tx-faults"));
    const match = line === undefined ? null : / multi=(-?\d+)/.exec(line);
    return match ? Number(match[1]) : -1;
  }

  it(
    "Transaction cut part-way rejects with written: true, runs nothing, and no later command lands in a MULTI",
    LONG,
    async () => {
      const { proxy, client } = await viaProxy();
      const prefix = key("partial");
      const after = key("after");
      // Slow the bytes to the server down (about 60 KB in 4-byte pieces)
      // so that the cut falls inside the block.
      proxy.fragment(4);
      const tx = client.multi();
      for (let i = 0; i < 1_000; i++) tx.set(`${prefix}:${i}`, "x");
      const outcome = tx.exec().then(
        () => assert.fail("the transaction resolved"),
        (error: unknown) => error,
      );
      await until(async () => (await queuedOnServer()) > 0, "MULTI to start");
      // Far from the end of the block when cut.
      assert.ok((await queuedOnServer()) < 500);
      const ready = nextEvent(client, "ready");
      await proxy.cut();
      proxy.fragment(undefined);
      const error = await outcome;
      assert.ok(error instanceof ConnectionClosedError, String(error));
      assert.equal(error.written, true);
      assert.match(
        error.message,
        /the transaction had been written \(1000 commands\) and may have committed/,
      );
      await ready;
      // A later caller's command runs at once, outside any transaction.
      assert.equal(await client.set(after, "1"), "OK");
      assert.equal(await ctx.client.get(after), "1");
      assert.equal((await client.clientInfo()).multi, "-1");
      // The unfinished transaction was discarded by the server.
      assert.equal(await ctx.client.exists(`${prefix}:0`), false);
    },
  );

  it(
    "Transaction issued while reconnecting is sent whole once the client is ready",
    LONG,
    async () => {
      const { proxy, client } = await viaProxy();
      const k = key("offline");
      proxy.refuse(true);
      const reconnecting = nextEvent(client, "reconnecting");
      await proxy.cut();
      await reconnecting;
      const before = client.incr(k);
      const tx = client.multi().incr(k).incr(k).exec();
      const afterwards = client.incr(k);
      proxy.refuse(false);
      assert.equal(await before, 1);
      assert.deepEqual(await tx, [2, 3]);
      assert.equal(await afterwards, 4);
    },
  );

  it(
    "Transaction.exec({ timeout }) rejects with TimeoutError; the block still ends with EXEC",
    LONG,
    async () => {
      const { proxy, client } = await viaProxy();
      const k = key("slow");
      proxy.stall("toClient");
      const timed = client.multi().set(k, "1").incr(k).exec({ timeout: 50 });
      const next = client.get(k);
      await assert.rejects(timed, (error: unknown) => {
        assert.ok(error instanceof DOMException);
        assert.equal(error.name, "TimeoutError");
        assert.equal(
          error.message,
          "The transaction of 2 commands timed out after 50 ms",
        );
        return true;
      });
      proxy.resume();
      // The GET after the block got its own reply, not QUEUED.
      assert.equal(await next, "2");
      assert.equal((await client.clientInfo()).multi, "-1");
    },
  );
});
