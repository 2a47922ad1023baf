/**
 * Pipelines against real (private) redis-server processes, on RESP2 and
 * RESP3, and through the fault-injection proxy for losses and timeouts.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  connect,
  ConnectionClosedError,
  type ExecResults,
  type Pipeline,
  PipelineError,
  type RedisClient,
  ReplyError,
} from "../mod.ts";
import { calls, useServer } from "./commands/_helpers.ts";
import { nextEvent, uniqueKey, until, useProxies } from "./_support.ts";

const LONG = { timeout: 60_000 };

function key(prefix = "k"): string {
  return uniqueKey(`pl:${prefix}`);
}

/** Compile-time check that `T` is exactly `U`. */
type Equal<T, U> = (<V>() => V extends T ? 1 : 2) extends
  (<V>() => V extends U ? 1 : 2) ? true : false;
function assertType<T extends true>(_: T): void {}

/** The private server; `ctx.client` (RESP3, db 0) is the tests' ctx.client. */
const ctx = useServer();

for (const protocol of [2, 3] as const) {
  describe(`Pipeline over RESP${protocol}`, () => {
    let client: RedisClient;

    before(async () => {
      client = await connect({ port: ctx.server.port, protocol });
    });

    after(async () => {
      await client?.close();
    });

    it("Pipeline.exec resolves with typed results in order", async () => {
      const k = key();
      const h = key("h");
      const results = await client.pipeline()
        .set(k, "10")
        .incr(k)
        .get(k)
        .hset(h, { a: "1", b: "2" })
        .hgetall(h)
        .exists(k)
        .sendCommand(["ECHO", "raw"])
        .exec();
      assertType<
        Equal<
          typeof results,
          ExecResults<
            [
              string | null,
              number,
              string | null,
              number,
              Record<string, string>,
              boolean,
              import("../mod.ts").Reply,
            ]
          >
        >
      >(true);
      assert.deepEqual(results, [
        "OK",
        11,
        "11",
        2,
        { a: "1", b: "2" },
        true,
        "raw",
      ]);
    });

    it(
      "Pipeline.exec runs 10,000 commands with every result in place",
      LONG,
      async () => {
        const k = key("big");
        const pipeline: Pipeline<unknown[]> = client.pipeline();
        for (let i = 0; i < 5_000; i++) {
          pipeline.rpush(k, `v${i}`);
          pipeline.echo(`e${i}`);
        }
        assert.equal(pipeline.length, 10_000);
        const before = await calls(ctx.client, "rpush");
        const results = await pipeline.exec();
        assert.equal(results.length, 10_000);
        for (let i = 0; i < 5_000; i++) {
          assert.equal(results[2 * i], i + 1);
          assert.equal(results[2 * i + 1], `e${i}`);
        }
        assert.equal(await calls(ctx.client, "rpush") - before, 5_000);
        assert.equal(await ctx.client.llen(k), 5_000);
      },
    );

    it("Pipeline keeps an error reply in its place and runs the other commands", async () => {
      const s = key("s");
      const after = key("after");
      const results = await client.pipeline()
        .set(s, "text")
        .incr(s)
        .set(after, "1")
        .get(after)
        .exec();
      assert.equal(results[0], "OK");
      assert.ok(results[1] instanceof ReplyError);
      assert.equal(results[1].code, "ERR");
      assert.match(results[1].message, /not an integer/);
      assert.equal(results[2], "OK");
      assert.equal(results[3], "1");
      // The client goes on.
      assert.equal(await client.get(after), "1");
    });

    it("Pipeline.execOrThrow rejects with PipelineError naming the first failed command", async () => {
      const s = key("s");
      const l = key("l");
      await ctx.client.rpush(l, "x");
      await assert.rejects(
        client.pipeline().set(s, "1").get(l).incr(s).execOrThrow(),
        (error: unknown) => {
          assert.ok(error instanceof PipelineError);
          assert.equal(error.index, 1);
          assert.match(
            error.message,
            /^Command 2 of 3 in the pipeline \("GET"\) failed: WRONGTYPE/,
          );
          assert.ok(error.cause instanceof ReplyError);
          assert.equal(error.cause.code, "WRONGTYPE");
          assert.deepEqual(error.results.length, 3);
          assert.equal(error.results[0], "OK");
          assert.equal(error.results[2], 2);
          return true;
        },
      );
      assert.deepEqual(
        await client.pipeline().set(s, "5").incr(s).execOrThrow(),
        ["OK", 6],
      );
    });

    it(
      "Pipeline and 1,000 concurrent single commands interleave with every reply correct",
      LONG,
      async () => {
        const counter = key("counter");
        const singles: Promise<string>[] = [];
        const pipelines: Promise<unknown[]>[] = [];
        for (let i = 0; i < 1_000; i++) {
          singles.push(client.echo(`single-${i}`));
          if (i % 100 === 0) {
            const p = client.pipeline();
            for (let j = 0; j < 500; j++) p.echo(`p${i}-${j}`).incr(counter);
            pipelines.push(p.exec());
          }
        }
        // And one more pipeline issued while the others are in flight.
        const late = client.pipeline().echo("late").get(counter).exec();
        const [singleResults, pipelineResults, lateResult] = await Promise.all([
          Promise.all(singles),
          Promise.all(pipelines),
          late,
        ]);
        singleResults.forEach((value, i) => assert.equal(value, `single-${i}`));
        let expected = 0;
        pipelineResults.forEach((results, n) => {
          const i = n * 100;
          assert.equal(results.length, 1_000);
          for (let j = 0; j < 500; j++) {
            assert.equal(results[2 * j], `p${i}-${j}`);
            assert.equal(results[2 * j + 1], ++expected);
          }
        });
        assert.deepEqual(lateResult, ["late", String(expected)]);
      },
    );

    it("Pipeline from client.bytes delivers strings as Uint8Array", async () => {
      const k = key("bin");
      const value = new Uint8Array([0, 255, 13, 10, 128]);
      await client.set(k, value);
      const [raw, length] = await client.bytes.pipeline().get(k).strlen(k)
        .exec();
      assert.ok(raw instanceof Uint8Array);
      assert.deepEqual([...raw], [...value]);
      assert.equal(length, 5);
      // A text pipeline gives DUMP's payload as bytes too (BYTES_REPLY).
      const [dump, text] = await client.pipeline().dump(k).get(k).exec();
      assert.ok(dump instanceof Uint8Array);
      assert.equal(typeof text, "string");
    });

    it(
      "Pipeline with a blocking command runs on another connection",
      LONG,
      async () => {
        const list = key("list");
        const popping = client.pipeline().echo("before").blpop([list], 10)
          .exec();
        // The shared connection is not blocked meanwhile.
        assert.equal(await client.echo("free"), "free");
        await until(
          async () =>
            String(await ctx.client.sendCommand(["CLIENT", "LIST"])).includes(
              "cmd=blpop",
            ),
          "the BLPOP to block",
        );
        await ctx.client.rpush(list, "job");
        assert.deepEqual(await popping, ["before", {
          key: list,
          element: "job",
        }]);
      },
    );

    it("Pipeline.exec of an empty pipeline resolves with [] and sends nothing", async () => {
      const before = await client.pendingCount;
      assert.deepEqual(await client.pipeline().exec(), []);
      assert.equal(client.pendingCount, before);
    });
  });
}

describe("Pipeline builder", () => {
  let client: RedisClient;

  before(async () => {
    client = await connect({ port: ctx.server.port });
  });

  after(async () => {
    await client?.close();
  });

  it("Pipeline methods throw TypeError for invalid arguments at the call", () => {
    const pipeline = client.pipeline().set("a", "1");
    assert.throws(() => pipeline.set("a", "1", { ex: -1 } as never), TypeError);
    assert.throws(
      () => pipeline.sendCommand(["SET", "a", Number.NaN]),
      /^TypeError: SET: argument 2 must not be NaN$/,
    );
    assert.throws(
      () => pipeline.sendCommand(["SET", { a: 1 } as never, "x"]),
      TypeError,
    );
    assert.throws(() => pipeline.sendCommand([]), TypeError);
    assert.equal(pipeline.length, 1);
  });

  it("Pipeline.sendCommand refuses MULTI, WATCH, SUBSCRIBE and MONITOR", () => {
    const pipeline = client.pipeline();
    for (const name of ["MULTI", "exec", "WATCH", "unwatch", "DISCARD"]) {
      assert.throws(
        () => pipeline.sendCommand([name]),
        /^TypeError: Cannot add "[A-Z]+" to a pipeline: .*use client\.multi\(\)/,
      );
    }
    for (const name of ["SUBSCRIBE", "psubscribe", "MONITOR"]) {
      assert.throws(
        () => pipeline.sendCommand([name, "x"]),
        /one-reply-per-command/,
      );
    }
  });

  it("Pipeline runs once: exec again rejects and adding throws", async () => {
    const pipeline = client.pipeline().ping();
    assert.deepEqual(await pipeline.exec(), ["PONG"]);
    await assert.rejects(pipeline.exec(), /already executed/);
    assert.throws(() => pipeline.ping(), /already executed/);
  });

  it("RedisClient.sendCommand refuses MULTI, EXEC, DISCARD, WATCH and UNWATCH", async () => {
    for (const name of ["MULTI", "EXEC", "DISCARD", "WATCH", "UNWATCH"]) {
      await assert.rejects(
        client.sendCommand(name === "WATCH" ? [name, "k"] : [name]),
        (error: unknown) => {
          assert.ok(error instanceof TypeError);
          assert.match(error.message, /use client\.multi\(\)/);
          return true;
        },
      );
    }
    // Nothing was sent: the connection is not in a transaction.
    assert.equal((await client.clientInfo()).multi, "-1");
  });

  it("Pipeline typed in a loop collects every result", async () => {
    const pipeline: Pipeline<number[]> = client.pipeline();
    const k = key("loop");
    for (let i = 0; i < 10; i++) pipeline.incr(k);
    const results = await pipeline.exec();
    assert.deepEqual(results, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe("Pipeline under faults", () => {
  const proxied = useProxies(() => ctx.server.port);
  const viaProxy = proxied;

  it(
    "Pipeline.exec rejects with ConnectionClosedError saying 10,000 commands were written when the connection drops",
    LONG,
    async () => {
      const { proxy, client } = await viaProxy();
      const k = key("lost");
      proxy.stall("toClient");
      const pipeline: Pipeline<unknown[]> = client.pipeline();
      for (let i = 0; i < 10_000; i++) pipeline.rpush(k, i);
      const outcome = pipeline.exec().then(
        () => assert.fail("the pipeline resolved"),
        (error: unknown) => error,
      );
      await until(
        async () => (await ctx.client.llen(k)) === 10_000,
        "the pipeline to run",
      );
      const ready = nextEvent(client, "ready");
      await proxy.cut();
      proxy.resume();
      const error = await outcome;
      assert.ok(error instanceof ConnectionClosedError, String(error));
      assert.equal(error.written, true);
      assert.match(
        error.message,
        /the pipeline had been written \(all 10000 commands; 0 of 10000 replies had arrived\) and its commands may have run/,
      );
      await ready;
      // The client goes on, and no late reply reaches a later caller.
      assert.equal(await client.echo("after"), "after");
      assert.equal(await client.llen(k), 10_000);
    },
  );

  it(
    "Pipeline issued while reconnecting is sent whole once the client is ready",
    LONG,
    async () => {
      const { proxy, client } = await viaProxy();
      const k = key("offline");
      proxy.refuse(true);
      const reconnecting = nextEvent(client, "reconnecting");
      await proxy.cut();
      await reconnecting;
      const results = client.pipeline().rpush(k, "a").rpush(k, "b").lrange(
        k,
        0,
        -1,
      )
        .exec();
      assert.equal(await ctx.client.exists(k), false);
      proxy.refuse(false);
      assert.deepEqual(await results, [1, 2, ["a", "b"]]);
    },
  );

  it(
    "Pipeline larger than the free offline queue rejects whole and sends nothing",
    LONG,
    async () => {
      const { proxy, client } = await viaProxy({ offlineQueueSize: 3 });
      const k = key("full");
      proxy.refuse(true);
      const reconnecting = nextEvent(client, "reconnecting");
      await proxy.cut();
      await reconnecting;
      const single = client.rpush(k, "single");
      await assert.rejects(
        client.pipeline().rpush(k, "a").rpush(k, "b").rpush(k, "c").exec(),
        (error: unknown) => {
          assert.ok(error instanceof ConnectionClosedError);
          assert.equal(error.written, false);
          assert.match(
            error.message,
            /offline queue cannot take the pipeline's 3 commands \(1 of 3 taken\)/,
          );
          return true;
        },
      );
      proxy.refuse(false);
      assert.equal(await single, 1);
      assert.deepEqual(await ctx.client.lrange(k, 0, -1), ["single"]);
    },
  );

  it(
    "Pipeline.exec({ timeout }) rejects with TimeoutError and later replies go to their own callers",
    LONG,
    async () => {
      const { proxy, client } = await viaProxy();
      const k = key("slow");
      proxy.stall("toClient");
      const timed = client.pipeline().set(k, "1").get(k).exec({ timeout: 50 });
      const next = client.echo("next");
      await assert.rejects(timed, (error: unknown) => {
        assert.ok(error instanceof DOMException);
        assert.equal(error.name, "TimeoutError");
        assert.equal(
          error.message,
          "The pipeline of 2 commands timed out after 50 ms",
        );
        return true;
      });
      proxy.resume();
      assert.equal(await next, "next");
      assert.equal(await client.get(k), "1");
    },
  );

  it("Pipeline.exec with an aborted signal rejects at once and sends nothing", async () => {
    const { client } = await viaProxy();
    const k = key("aborted");
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      client.pipeline().set(k, "1").exec({ signal: controller.signal }),
      (error: unknown) =>
        error instanceof DOMException && error.name === "AbortError",
    );
    assert.equal(await client.exists(k), false);
    assert.equal(client.pendingCount, 0);
  });

  it("Pipeline aborted after it was written discards its replies", async () => {
    const { proxy, client } = await viaProxy();
    const k = key("abort-late");
    proxy.stall("toClient");
    const controller = new AbortController();
    const aborted = client.withOptions({ signal: controller.signal }).pipeline()
      .incr(k).incr(k).exec();
    const next = client.incr(k);
    await until(
      async () => (await ctx.client.get(k)) === "3",
      "the INCRs to run",
    );
    controller.abort();
    await assert.rejects(
      aborted,
      (error: unknown) =>
        error instanceof DOMException && error.name === "AbortError",
    );
    proxy.resume();
    assert.equal(await next, 3);
  });
});
