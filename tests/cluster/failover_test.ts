/**
 * ClusterRouter through failovers under load: 200 callers keep INCRing
 * (and reading) their own counters on every shard while one shard's
 * replica takes over with CLUSTER FAILOVER, then another shard's master is
 * killed with SIGKILL. Every call settles; no reply reaches the wrong
 * caller (each caller sees its counter rise by one each time); no INCR
 * runs twice (each counter ends between the replies its caller got and
 * those plus the ones lost while written); the other shards answer in
 * every 100 ms; each shard comes back.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ClusterRouter } from "../../src/cluster/router.ts";
import {
  RedisCluster,
  type RedisClusterEvent,
} from "../../src/cluster/client.ts";
import { keySlot } from "../../src/cluster/slots.ts";
import { ConnectionClosedError } from "../../src/errors.ts";
import { startCluster, type TestCluster } from "../_cluster.ts";
import { uniqueKey, until } from "../_support.ts";
import { openRouter } from "./_router.ts";

interface Caller {
  key: string;
  /** The port of the master serving the key before the kill. */
  port: number;
  ok: number;
  /** INCRs lost after they were written: they may have run. */
  lostWritten: number;
  /** Anything else that rejected. */
  errors: unknown[];
  /** Each reply was the previous one plus one. */
  inOrder: boolean;
  /** When each INCR succeeded (performance.now()). */
  times: number[];
}

describe("ClusterRouter failover", () => {
  let cluster: TestCluster;
  let router: ClusterRouter;

  before(async () => {
    // With full coverage required (the default), the whole cluster answers
    // CLUSTERDOWN from the moment the master is flagged failed until its
    // replica takes over: the server, not the client, would stop the other
    // shards then.
    cluster = await startCluster({
      masters: 3,
      replicasPerMaster: 1,
      args: ["--cluster-require-full-coverage", "no"],
    });
    router = await openRouter(cluster, {
      minRefreshInterval: 100,
    });
  });

  after(async () => {
    await router?.close();
    await cluster?.stop();
  });

  it("ClusterRouter keeps 200 callers settled, in order and run once through a CLUSTER FAILOVER on one shard and the death of another shard's master", async () => {
    const masters = cluster.masters();
    const callers: Caller[] = [];
    // 200 callers over the three shards.
    for (let i = 0; callers.length < 200; i++) {
      const master = masters[i % masters.length]!;
      let key = uniqueKey("failover");
      while (router.map.masterOf(keySlot(key))?.port !== master.port) {
        key = uniqueKey("failover");
      }
      callers.push({
        key,
        port: master.port,
        ok: 0,
        lostWritten: 0,
        errors: [],
        inOrder: true,
        times: [],
      });
    }
    let running = true;
    const send = (...argv: string[]) =>
      router.send(argv, undefined, false, undefined, 0);
    // Mixed traffic: each INCR is followed by a GET (a read) of its key.
    const loops = callers.map(async (caller) => {
      let last = 0;
      while (running) {
        try {
          const value = Number(await send("INCR", caller.key));
          // Lost-while-written INCRs may have run: the value may jump by
          // those, never go back or repeat.
          if (value <= last || value > last + 1 + caller.lostWritten) {
            caller.inOrder = false;
          }
          last = value;
          caller.ok++;
          caller.times.push(performance.now());
          if (Number(await send("GET", caller.key)) < value) {
            caller.inOrder = false;
          }
        } catch (error) {
          if (error instanceof ConnectionClosedError && error.written) {
            caller.lostWritten++;
          } else {
            caller.errors.push(error);
            // Let the other callers run; this one reports its error.
            return;
          }
        }
      }
    });
    // Traffic flows on every shard first.
    await until(
      () => callers.every((caller) => caller.ok >= 5),
      "traffic on every shard",
    );
    const flowing = performance.now();
    await until(
      () => performance.now() - flowing > 500,
      "half a second of traffic",
    );
    // The cluster surface over the same router reports the changes.
    const events: string[] = [];
    const surface = new RedisCluster(router);
    for (const type of ["topology", "node-removed", "node-added"] as const) {
      surface.addEventListener(type, (event) => {
        events.push(`${type} ${(event as RedisClusterEvent).node ?? ""}`);
      });
    }

    /**
     * Runs `disrupt` on the shard of `port`; then checks that the other
     * shards answered in every 100 ms meanwhile, and waits until the
     * shard's callers are answered again. Returns the figures.
     */
    async function through(port: number, disrupt: () => Promise<void>) {
      const started = performance.now();
      await disrupt();
      const agreedAt = performance.now();
      const shard = callers.filter((caller) => caller.port === port);
      const okAtAgreement = shard.map((caller) => caller.ok);
      await until(
        () => shard.every((caller, i) => caller.ok > okAtAgreement[i]!),
        "the shard's callers to be answered again",
        15_000,
      );
      const recoveredAt = performance.now();
      const others = callers.filter((caller) => caller.port !== port);
      const perWindow: number[] = [];
      for (let t = started; t + 100 <= agreedAt; t += 100) {
        let served = 0;
        for (const caller of others) {
          for (const time of caller.times) {
            if (time >= t && time < t + 100) served++;
          }
        }
        perWindow.push(served);
      }
      // Before: the same windows over up to a second before the disruption.
      const before: number[] = [];
      for (
        let t = Math.max(started - 1000, flowing);
        t + 100 <= started;
        t += 100
      ) {
        let served = 0;
        for (const caller of others) {
          for (const time of caller.times) {
            if (time >= t && time < t + 100) served++;
          }
        }
        before.push(served);
      }
      const sorted = [...perWindow].sort((a, b) => a - b);
      const figures = {
        serverDone: Math.round(agreedAt - started),
        backAfter: Math.round(recoveredAt - agreedAt),
        windows: perWindow.length,
        min: sorted[0] ?? 0,
        median: sorted[Math.floor(sorted.length / 2)] ?? 0,
        medianBefore: [...before].sort((a, b) => a - b)[before.length >> 1] ??
          0,
      };
      for (const [i, served] of perWindow.entries()) {
        assert.ok(served > 0, `no reply on the other shards in window ${i}`);
      }
      return figures;
    }

    // 1. A graceful failover: one shard's replica takes over.
    const first = masters[1]!;
    const promoted = cluster.replicasOf(first)[0]!;
    const graceful = await through(
      first.port,
      () => cluster.failover(promoted),
    );
    for (const caller of callers) {
      if (caller.port === first.port) caller.port = promoted.port;
    }
    // 2. Another shard's master dies.
    const victim = masters[0]!;
    const killed = await through(victim.port, async () => {
      await cluster.kill(victim);
      await cluster.waitForAgreement(30_000);
    });
    running = false;
    await Promise.all(loops);
    assert.ok(events.includes("topology "), events.join(", "));
    await until(
      async () => {
        await router.topology.refresh();
        return events.includes(`node-removed 127.0.0.1:${victim.port}`);
      },
      "the dead master to leave the map",
    );

    for (const caller of callers) {
      assert.deepEqual(caller.errors, [], caller.key);
      assert.ok(caller.inOrder, `${caller.key}: replies out of order`);
    }
    // No INCR ran twice: each counter holds the replies its caller got,
    // plus at most the INCRs lost while written.
    for (const caller of callers) {
      const value = Number(await send("GET", caller.key));
      assert.ok(
        value >= caller.ok && value <= caller.ok + caller.lostWritten,
        `${caller.key}: ${value} after ${caller.ok} replies and ${caller.lostWritten} lost`,
      );
    }
    // The graceful failover loses nothing written.
    assert.equal(
      callers.filter((c) => c.port === promoted.port)
        .reduce((n, c) => n + c.lostWritten, 0),
      0,
    );
    const describe = (name: string, f: typeof graceful) =>
      `${name}: server side done in ${f.serverDone} ms, the shard answered again ${f.backAfter} ms after that; the other shards served min ${f.min}, median ${f.median} replies per 100 ms over ${f.windows} windows (median ${f.medianBefore} before)`;
    console.log(
      `${describe("CLUSTER FAILOVER", graceful)}\n${
        describe("kill -9", killed)
      }\n${callers.reduce((n, c) => n + c.ok, 0)} INCRs (each with a GET), ${
        callers.reduce((n, c) => n + c.lostWritten, 0)
      } lost while written`,
    );
  });

  it("RedisCluster.scanIterator goes on at the new master when the master it scans dies", async () => {
    const client = new RedisCluster(router);
    const prefix = uniqueKey("scan-failover");
    const total = 30_000;
    const args: string[] = [];
    for (let i = 0; i < total; i++) args.push(`${prefix}:${i}`, "v");
    await client.sendCommand(["MSET", ...args]);
    // Once the scan is well into a shard that has a live replica, that
    // shard's master dies.
    const seen = new Map<string, number>();
    let killed = false;
    let inShard = 0;
    let current: number | undefined;
    for await (
      const key of client.scanIterator({ match: `${prefix}:*`, count: 100 })
    ) {
      seen.set(key, (seen.get(key) ?? 0) + 1);
      if (killed) continue;
      const port = router.map.masterOf(keySlot(key))?.port;
      inShard = port === current ? inShard + 1 : 1;
      current = port;
      const master = cluster.nodes.find((node) => node.port === port);
      if (
        inShard === 500 && master !== undefined &&
        cluster.replicasOf(master).length > 0
      ) {
        killed = true;
        await cluster.kill(master);
      }
    }
    assert.ok(killed);
    assert.equal(seen.size, total);
    assert.ok([...seen.values()].every((count) => count === 1));
  });
});
