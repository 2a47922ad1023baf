/**
 * ClusterRouter through a master's death under load: 90 callers keep
 * INCRing their own counters on every shard while one master is killed
 * with SIGKILL and its replica takes over. Every call settles; no reply
 * reaches the wrong caller (each caller sees its counter rise by one each
 * time); no INCR runs twice (each counter ends between the replies its
 * caller got and those plus the ones lost while written); the other
 * shards never stop; the dead shard comes back.
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

  it("ClusterRouter keeps every call settled, in order and run once while a master dies and its replica takes over", async () => {
    const masters = cluster.masters();
    const victim = masters[0]!;
    const callers: Caller[] = [];
    // 30 callers per shard.
    for (const master of masters) {
      while (callers.filter((c) => c.port === master.port).length < 30) {
        const key = uniqueKey("failover");
        const owner = router.map.masterOf(keySlot(key));
        if (owner?.port !== master.port) continue;
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
    }
    let running = true;
    const loops = callers.map(async (caller) => {
      let last = 0;
      while (running) {
        try {
          const value = Number(
            await router.send(
              ["INCR", caller.key],
              undefined,
              false,
              undefined,
              0,
            ),
          );
          // Lost-while-written INCRs may have run: the value may jump by
          // those, never go back or repeat.
          if (value <= last || value > last + 1 + caller.lostWritten) {
            caller.inOrder = false;
          }
          last = value;
          caller.ok++;
          caller.times.push(performance.now());
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
    // The cluster surface over the same router reports the change.
    const events: string[] = [];
    const surface = new RedisCluster(router);
    for (const type of ["topology", "node-removed", "node-added"] as const) {
      surface.addEventListener(type, (event) => {
        events.push(`${type} ${(event as RedisClusterEvent).node ?? ""}`);
      });
    }
    const killedAt = performance.now();
    await cluster.kill(victim);
    await cluster.waitForAgreement(30_000);
    const agreedAt = performance.now();
    // The dead shard's callers get replies again.
    const victims = callers.filter((caller) => caller.port === victim.port);
    const okAtAgreement = victims.map((caller) => caller.ok);
    await until(
      () => victims.every((caller, i) => caller.ok > okAtAgreement[i]!),
      "the dead shard's callers to be answered again",
      15_000,
    );
    const recoveredAt = performance.now();
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
      const value = Number(
        await router.send(["GET", caller.key], undefined, false, undefined, 0),
      );
      assert.ok(
        value >= caller.ok && value <= caller.ok + caller.lostWritten,
        `${caller.key}: ${value} after ${caller.ok} replies and ${caller.lostWritten} lost`,
      );
    }
    // The other shards never stopped: a reply in every 100 ms from the
    // kill to the agreement.
    const others = callers.filter((caller) => caller.port !== victim.port);
    for (let t = killedAt; t + 100 <= agreedAt; t += 100) {
      const served = others.some((caller) =>
        caller.times.some((time) => time >= t && time < t + 100)
      );
      assert.ok(served, `no reply on the other shards in ${t - killedAt} ms`);
    }
    console.log(
      `failover: agreement ${
        Math.round(agreedAt - killedAt)
      } ms after the kill, dead shard answered again ${
        Math.round(recoveredAt - agreedAt)
      } ms after that; ${callers.reduce((n, c) => n + c.ok, 0)} INCRs, ${
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
