/**
 * connectSentinel against a real deployment (1 master, 2 replicas, 3
 * sentinels with down-after-milliseconds 500 and failover-timeout 1000)
 * through a `SENTINEL FAILOVER` and a `kill -9` of the master, each under
 * 200 concurrent callers: every promise settles, no reply reaches the
 * wrong caller (each caller's ECHOs come back as sent), no written INCR
 * runs twice (each counter ends at most at its caller's replies plus its
 * INCRs lost while written), and the client is on the new master a
 * measured time after the sentinels announced it. Then Pub/Sub after a
 * failover, and a pool's connections.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectSentinel } from "../../src/sentinel/client.ts";
import { connect, type RedisClient } from "../../src/client.ts";
import { RedisPool } from "../../src/pool.ts";
import { ConnectionClosedError } from "../../src/errors.ts";
import { startSentinel, type TestSentinel } from "../_sentinel.ts";
import { uniqueKey, until } from "../_support.ts";

interface Caller {
  key: string;
  ok: number;
  lostWritten: number;
  errors: unknown[];
  /** An ECHO came back with another caller's text. */
  crossed: boolean;
}

describe("connectSentinel through failovers", () => {
  let deployment: TestSentinel;
  let client: RedisClient;

  before(async () => {
    // The settings: down-after-milliseconds 500, failover-timeout
    // 1000.
    deployment = await startSentinel({ downAfterMs: 500 });
    client = await connectSentinel({
      sentinels: deployment.sentinelUrls,
      name: deployment.name,
    });
  });

  after(async () => {
    await client?.close();
    await deployment?.stop();
  });

  /**
   * The time of the next `+switch-master`: the first of the sentinels to
   * announce it (the others learn it from that one, later).
   */
  async function nextSwitch(): Promise<{
    at: Promise<number>;
    close(): Promise<void>;
  }> {
    const watchers = await Promise.all(
      deployment.sentinels.filter((s) => s.alive).map((s) =>
        connect({ port: s.port, reconnect: false })
      ),
    );
    let resolve!: (at: number) => void;
    const at = new Promise<number>((r) => resolve = r);
    for (const watcher of watchers) {
      await watcher.subscribe(["+switch-master"], {
        listener: () => resolve(performance.now()),
      });
    }
    return {
      at,
      close: async () => {
        await Promise.all(watchers.map((watcher) => watcher.close()));
      },
    };
  }

  /**
   * 200 callers INCR their own counter and ECHO their own text while
   * `disrupt` runs; checks every call settled right, and returns the
   * figures of the move.
   */
  async function underLoad(disrupt: () => Promise<void>) {
    const callers: Caller[] = Array.from({ length: 200 }, () => ({
      key: uniqueKey("sentinel-load"),
      ok: 0,
      lostWritten: 0,
      errors: [],
      crossed: false,
    }));
    let running = true;
    let movedAt: number | undefined;
    client.addEventListener("failover", () => movedAt ??= performance.now(), {
      once: true,
    });
    const firstAfterMove: number[] = [];
    const loops = callers.map(async (caller, i) => {
      while (running) {
        try {
          await client.incr(caller.key);
          caller.ok++;
          if (movedAt !== undefined && firstAfterMove[i] === undefined) {
            firstAfterMove[i] = performance.now();
          }
          const text = `${caller.key}:${caller.ok}`;
          if (await client.echo(text) !== text) caller.crossed = true;
        } catch (error) {
          if (error instanceof ConnectionClosedError && error.written) {
            caller.lostWritten++;
          } else {
            caller.errors.push(error);
            return;
          }
        }
      }
    });
    await until(
      () => callers.every((caller) => caller.ok >= 5),
      "traffic from every caller",
    );
    const watch = await nextSwitch();
    const started = performance.now();
    await disrupt();
    const switchedAt = await watch.at;
    await watch.close();
    await until(
      () => firstAfterMove.filter((t) => t !== undefined).length === 200,
      "every caller answered after the move",
      30_000,
    );
    running = false;
    await Promise.all(loops);
    for (const caller of callers) {
      assert.deepEqual(caller.errors, [], caller.key);
      assert.equal(caller.crossed, false, `${caller.key}: a crossed reply`);
      // Not run twice: at most the replies plus the lost-while-written.
      // (Fewer is possible: writes the old master took after the
      // promotion are lost with it, as Sentinel documents.)
      const value = Number(await client.get(caller.key));
      assert.ok(
        value <= caller.ok + caller.lostWritten,
        `${caller.key}: ${value} after ${caller.ok} replies and ${caller.lostWritten} lost`,
      );
    }
    const master = await deployment.waitForMaster();
    assert.equal((await client.role()).role, "master");
    assert.equal(
      await deployment.command(master, "GET", callers[0]!.key),
      await client.get(callers[0]!.key),
    );
    const all = firstAfterMove.filter((t): t is number => t !== undefined);
    return {
      switchAfter: Math.round(switchedAt - started),
      movedAfterSwitch: movedAt === undefined
        ? undefined
        : Math.round(movedAt - switchedAt),
      allBackAfterSwitch: Math.round(Math.max(...all) - switchedAt),
      incrs: callers.reduce((n, c) => n + c.ok, 0),
      lostWritten: callers.reduce((n, c) => n + c.lostWritten, 0),
    };
  }

  it("a Sentinel client keeps 200 callers right through SENTINEL FAILOVER", async () => {
    const figures = await underLoad(async () => {
      await deployment.failover();
    });
    console.log("SENTINEL FAILOVER:", JSON.stringify(figures));
    assert.ok(figures.movedAfterSwitch !== undefined);
  });

  it("a Sentinel client keeps 200 callers right through a kill -9 of the master", async () => {
    const figures = await underLoad(async () => {
      await deployment.kill(deployment.master());
    });
    console.log("kill -9 of the master:", JSON.stringify(figures));
    await deployment.waitForMaster();
  });

  it("a Sentinel client's subscription receives every message published after it is back on the new master", async () => {
    const channel = uniqueKey("sentinel-news");
    const received: string[] = [];
    const subscriber = await connectSentinel({
      sentinels: deployment.sentinelUrls,
      name: deployment.name,
    });
    try {
      await subscriber.subscribe([channel], {
        listener: ({ message }) => received.push(message),
      });
      const ready = new Promise<void>((resolve) =>
        subscriber.addEventListener("ready", () => resolve(), { once: true })
      );
      const moved = new Promise<void>((resolve) =>
        subscriber.addEventListener("failover", () => resolve(), { once: true })
      );
      await deployment.failover();
      await moved;
      await ready;
      for (let i = 0; i < 100; i++) await client.publish(channel, `m${i}`);
      await until(() => received.length >= 100, "100 messages");
      assert.deepEqual(
        received,
        Array.from({ length: 100 }, (_, i) => `m${i}`),
      );
    } finally {
      await subscriber.close();
    }
  });

  it("RedisPool with sentinel options ends up with every connection on the new master", async () => {
    const clientName = uniqueKey("sentinel-pool").replaceAll(":", "-");
    const pool = new RedisPool({
      sentinel: {
        sentinels: deployment.sentinelUrls,
        name: deployment.name,
        clientName,
      },
      minSize: 4,
      maxSize: 4,
    });
    try {
      const leases = await Promise.all(
        Array.from({ length: 4 }, () => pool.acquire()),
      );
      for (const lease of leases) {
        assert.equal((await lease.role()).role, "master");
        await pool.release(lease);
      }
      const { to } = await deployment.failover();
      await until(async () => {
        const list = String(await deployment.command(to, "CLIENT", "LIST"));
        return list.split("\n").filter((line) =>
          line.includes(`name=${clientName}`)
        ).length === 4;
      }, "the pool's 4 connections on the new master");
      const again = await Promise.all(
        Array.from({ length: 4 }, () => pool.acquire()),
      );
      for (const lease of again) {
        assert.equal((await lease.role()).role, "master");
        await pool.release(lease);
      }
    } finally {
      await pool.close();
    }
  });
});
