/**
 * RedisCluster with readFrom "replica" against 3 masters with a replica
 * each: read-only commands land on replicas (INFO commandstats), writes
 * on masters; watch() pins its slot's master.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectCluster, type RedisCluster } from "../../src/cluster/client.ts";
import {
  commandCalls as calls,
  movedErrors,
  startCluster,
  type TestCluster,
} from "../_cluster.ts";
import { uniqueKey } from "../_support.ts";

describe("RedisCluster readFrom", () => {
  let cluster: TestCluster;
  let client: RedisCluster;

  before(async () => {
    cluster = await startCluster({ masters: 3, replicasPerMaster: 1 });
    client = await connectCluster({
      nodes: cluster.seeds,
      readFrom: "replica",
    });
  });

  after(async () => {
    await client?.close();
    await cluster?.stop();
  });

  it('RedisCluster with readFrom "replica" reads on replicas and writes on masters', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => uniqueKey(`ro${i}`));
    const movedBefore = await Promise.all(
      cluster.nodes.map((node) => movedErrors(cluster, node)),
    );
    const setsBefore = await Promise.all(
      cluster.masters().map((node) => calls(cluster, node, "set")),
    );
    await Promise.all(keys.map((key) => client.set(key, key)));
    const setsAfter = await Promise.all(
      cluster.masters().map((node) => calls(cluster, node, "set")),
    );
    // Every SET ran on a master (replicas run them too, replicated, so
    // their own counts say nothing).
    assert.equal(
      setsAfter.reduce((n, v, i) => n + v - setsBefore[i]!, 0),
      keys.length,
    );
    const before = await Promise.all(
      cluster.nodes.map((node) => calls(cluster, node, "get")),
    );
    // Replication is asynchronous: read until every replica has the keys.
    for (const key of keys) {
      let value: string | null = null;
      for (let i = 0; i < 100 && value === null; i++) {
        value = await client.get(key);
      }
      assert.equal(value, key);
    }
    const after = await Promise.all(
      cluster.nodes.map((node) => calls(cluster, node, "get")),
    );
    // No node bounced a command with MOVED: each went where it belonged.
    assert.deepEqual(
      await Promise.all(
        cluster.nodes.map((node) => movedErrors(cluster, node)),
      ),
      movedBefore,
    );
    const gets = cluster.nodes.map((node, i) => ({
      role: node.role,
      gets: after[i]! - before[i]!,
    }));
    assert.ok(
      gets.filter((node) => node.role === "replica").every((node) =>
        node.gets > 0
      ),
      JSON.stringify(gets),
    );
    assert.ok(
      gets.filter((node) => node.role === "master").every((node) =>
        node.gets === 0
      ),
      JSON.stringify(gets),
    );
  });

  it("RedisCluster.watch retries on its slot's master when a watched key changes", async () => {
    const key = `{${uniqueKey("watch")}}:n`;
    await client.set(key, "1");
    let runs = 0;
    const results = await client.watch(key, async (tx) => {
      runs++;
      const value = Number(await tx.get(key));
      // A write from elsewhere during the first run aborts its EXEC.
      if (runs === 1) await client.set(key, "10");
      return tx.multi().set(key, String(value + 1));
    });
    assert.equal(runs, 2);
    assert.deepEqual(results, ["OK"]);
    assert.equal(await client.sendCommand(["GET", key]), "11");
  });
});
