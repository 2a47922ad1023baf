/**
 * connectCluster and RedisCluster against a real 3-master cluster: the
 * typed commands, the bytes view, pipelines and per-node surfaces, the
 * address map, and closing.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectCluster, type RedisCluster } from "../../src/cluster/client.ts";
import type { NodeAddress } from "../../src/cluster/slots.ts";
import { startCluster, type TestCluster } from "../_cluster.ts";
import { uniqueKey } from "../_support.ts";

describe("RedisCluster", () => {
  let cluster: TestCluster;
  let client: RedisCluster;

  before(async () => {
    cluster = await startCluster({ masters: 3, replicasPerMaster: 0 });
    client = await connectCluster({ nodes: [cluster.seeds[1]!] });
  });

  after(async () => {
    await client?.close();
    await cluster?.stop();
  });

  it("RedisCluster runs typed commands on every shard, multi-key ones split", async () => {
    const keys = Array.from({ length: 50 }, (_, i) => uniqueKey(`typed${i}`));
    for (const key of keys) await client.set(key, key, { ex: 60 });
    assert.deepEqual(await client.mget(...keys), keys);
    const hash = uniqueKey("hash");
    await client.hset(hash, { a: "1", b: "2" });
    assert.deepEqual(await client.hgetall(hash), { a: "1", b: "2" });
    assert.equal(await client.incrby(uniqueKey("n"), 5), 5);
    assert.equal(await client.del(...keys), 50);
    assert.equal(client.slots.covered, 16384);
  });

  it("RedisCluster.bytes and pipeline() work over the cluster", async () => {
    const key = uniqueKey("bytes");
    const value = new Uint8Array([0, 255, 13, 10, 128]);
    await client.set(key, value);
    assert.deepEqual(await client.bytes.get(key), value);
    const other = uniqueKey("other");
    const results = await client.pipeline().set(other, "x").get(other).get(
      key,
    ).exec();
    assert.deepEqual(results, ["OK", "x", "\u0000\uFFFD\r\n\uFFFD"]);
  });

  it("RedisCluster.nodes gives one surface per master", async () => {
    const masters = await client.nodes();
    assert.equal(masters.length, 3);
    const ports = await Promise.all(
      masters.map(async (node) =>
        /tcp_port:(\d+)/.exec(await node.info("server"))?.[1]
      ),
    );
    assert.deepEqual(
      ports.map(Number).sort(),
      cluster.masters().map((node) => node.port).sort(),
    );
    assert.deepEqual(await client.nodes("replica"), []);
  });

  it("connectCluster connects to each node through nodeAddressMap", async () => {
    const asked: NodeAddress[] = [];
    const mapped = await connectCluster({
      nodes: [{ hostname: "127.0.0.1", port: cluster.nodes[0]!.port }],
      nodeAddressMap: (address) => {
        asked.push(address);
        return address;
      },
    });
    try {
      const keys = Array.from({ length: 30 }, (_, i) => uniqueKey(`map${i}`));
      await Promise.all(keys.map((key) => mapped.set(key, "1")));
      const ports = new Set(asked.map((address) => address.port));
      assert.deepEqual(
        [...ports].sort(),
        cluster.masters().map((node) => node.port).sort(),
      );
    } finally {
      await mapped.close();
    }
  });

  it("connectCluster refuses bad seeds with a TypeError, and a closed client refuses commands", async () => {
    await assert.rejects(
      connectCluster({ nodes: [] }),
      (error: unknown) =>
        error instanceof TypeError && error.message.includes('"nodes"'),
    );
    await assert.rejects(
      connectCluster({ nodes: [`${cluster.seeds[0]}/2`] }),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message ===
          'Invalid option "db" "2": a cluster has database 0 only',
    );
    await assert.rejects(
      connectCluster({ nodes: ["unix:///tmp/redis.sock"] }),
      (error: unknown) =>
        error instanceof TypeError && error.message.includes("Unix socket"),
    );
    const closing = await connectCluster({ nodes: cluster.seeds });
    await closing.close();
    await assert.rejects(
      closing.get("k"),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message === "The cluster client is closed",
    );
  });

  it("RedisCluster.scanIterator yields each of 100,000 keys on three masters exactly once", async () => {
    const prefix = uniqueKey("scan");
    const total = 100_000;
    for (let start = 0; start < total; start += 10_000) {
      const args: string[] = [];
      for (let i = start; i < start + 10_000; i++) {
        args.push(`${prefix}:${i}`, "v");
      }
      await client.sendCommand(["MSET", ...args]);
    }
    const seen = new Map<string, number>();
    for await (
      const key of client.scanIterator({ match: `${prefix}:*`, count: 1000 })
    ) {
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    assert.equal(seen.size, total);
    assert.ok([...seen.values()].every((count) => count === 1));
    await client.sendCommand(["UNLINK", ...seen.keys()]);
  });
});
