/**
 * connectCluster and RedisCluster, as mod.ts exports them, against real
 * clusters: the typed commands, the bytes view, pipelines and per-node
 * surfaces, the address map, closing, the example program; and, on a
 * cluster with replicas and a password, the events, disconnect() and what
 * inspect prints.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  connectCluster,
  ConnectionClosedError,
  ConnectionError,
  keySlot,
  type NodeAddress,
  type RedisCluster,
  RedisClusterEvent,
  type RedisClusterEventMap,
  type RedisClusterEventType,
  UnsafeIntegerError,
} from "../../mod.ts";
import { startCluster, type TestCluster } from "../_cluster.ts";
import { printed, runExample, uniqueKey, until } from "../_support.ts";

const PASSWORD = "s3cret-cluster-do-not-print";

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

  it("RedisCluster counters reject beyond the safe integer range with UnsafeIntegerError, in their own slot of a pipeline", async () => {
    const big = uniqueKey("big");
    const shardOf = (key: string) => client.slots.masterOf(keySlot(key))?.port;
    let small = uniqueKey("small");
    while (shardOf(small) === shardOf(big)) small = uniqueKey("small");
    await client.set(big, String(Number.MAX_SAFE_INTEGER));
    await assert.rejects(client.incr(big), (error: unknown) => {
      assert.ok(error instanceof UnsafeIntegerError);
      assert.equal(error.value, 2n ** 53n);
      return true;
    });
    // The server applied it; the client goes on.
    assert.equal(await client.get(big), "9007199254740992");
    // Keys on two shards: the pipeline is split by node and merged.
    const [unsafe, counted, value] = await client.pipeline().incr(big).incr(
      small,
    ).get(big).exec();
    assert.ok(unsafe instanceof UnsafeIntegerError);
    assert.equal(unsafe.value, 2n ** 53n + 1n);
    assert.equal(counted, 1);
    assert.equal(value, "9007199254740993");
    await client.del(big, small);
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

  it("RedisCluster.addEventListener types each listener's event by the event's name", () => {
    const nodes: (string | undefined)[] = [];
    const onAdded = (event: RedisClusterEventMap["node-added"]) => {
      nodes.push(event.node);
    };
    // No cast: the listener gets a RedisClusterEvent.
    client.addEventListener("node-added", (event) => nodes.push(event.node));
    client.addEventListener("node-added", onAdded);
    client.addEventListener("error", {
      handleEvent: (event) => nodes.push(String(event.error)),
    });
    client.removeEventListener("node-added", onAdded);
    // @ts-expect-error: there is no "node-add" event.
    client.addEventListener("node-add", () => {});
    const types: RedisClusterEventType[] = [
      "topology",
      "node-added",
      "node-removed",
      "ready",
      "error",
    ];
    assert.equal(types.length, 5);
    // Dispatched by hand: one listener left for "node-added".
    client.dispatchEvent(
      new RedisClusterEvent("node-added", client.slots, "127.0.0.1:1"),
    );
    assert.deepEqual(nodes, ["127.0.0.1:1"]);
    const error = new Error("lost");
    const event = new RedisClusterEvent(
      "error",
      client.slots,
      "127.0.0.1:2",
      error,
    );
    assert.equal(event.type, "error");
    assert.equal(event.error, error);
    assert.equal(event.map, client.slots);
  });

  it("examples/cluster.ts runs against the cluster", async () => {
    const result = await runExample("cluster.ts", [cluster.seeds[0]!]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /connected: 3 masters, 16384 of 16384 slots covered/,
    );
    assert.match(result.stdout, /GET -> hello/);
    assert.match(
      result.stdout,
      /MGET -> \[ ["']0["'], ["']1["'], ["']2["'], ["']3["'], ["']4["'], null \]/,
    );
    assert.match(result.stdout, /pipeline -> 1 1 hello/);
    assert.match(result.stdout, /multi -> 70 130/);
    assert.match(
      result.stdout,
      /multi over two slots -> A transaction over a cluster needs all its keys in one slot/,
    );
    assert.match(result.stdout, /message -> respite:cluster:news published/);
    assert.match(
      result.stdout,
      /smessage -> respite:cluster:orders spublished/,
    );
    assert.match(result.stdout, /DEL -> 10/);
    assert.match(
      result.stdout,
      /RedisCluster \{ nodes: 3, masters: 3, slotsCovered: 16384, connected: 3, closed: false \}/,
    );
  });
});

describe("RedisCluster events, disconnect and inspect", () => {
  let cluster: TestCluster;
  const clients: RedisCluster[] = [];

  before(async () => {
    cluster = await startCluster({
      masters: 3,
      replicasPerMaster: 1,
      nodeTimeout: 1000,
      args: ["--requirepass", PASSWORD],
    });
  });

  after(async () => {
    for (const client of clients) await client.disconnect();
    await cluster?.stop();
  });

  /** A client through `node` as the only seed, with the password in its URL. */
  async function open(
    node = cluster.masters()[0]!,
    refreshInterval?: number,
  ): Promise<RedisCluster> {
    const client = await connectCluster({
      nodes: [`redis://:${PASSWORD}@127.0.0.1:${node.port}`],
      ...(refreshInterval !== undefined ? { refreshInterval } : {}),
    });
    clients.push(client);
    return client;
  }

  /** A key served by `master`. */
  function keyOn(master: { port: number }, client: RedisCluster): string {
    for (;;) {
      const key = uniqueKey("on");
      if (client.slots.masterOf(keySlot(key))?.port === master.port) return key;
    }
  }

  it("a RedisCluster prints its node, master, slot and connection counts, and no password", async () => {
    const client = await open();
    const line =
      /^RedisCluster \{ nodes: 6, masters: 3, slotsCovered: 16384, connected: (\d+), closed: false \}$/;
    for (const text of printed(client)) {
      assert.match(text, line);
      assert.ok(!text.includes(PASSWORD), text);
    }
    // Every master in use: each has a connection.
    await Promise.all(
      cluster.masters().map((master) => client.get(keyOn(master, client))),
    );
    const connected = Number(line.exec(inspect(client))?.[1]);
    assert.ok(connected >= 3, inspect(client));
    await client.close();
    for (const text of printed(client)) {
      assert.match(text, /, closed: true \}$/);
      assert.ok(!text.includes(PASSWORD), text);
    }
    assert.equal(client.closed, true);
  });

  it("RedisCluster.disconnect rejects pending commands at once, a blocked BLPOP included", async () => {
    const client = await open();
    const list = uniqueKey("blocked");
    const owner = cluster.masters().find((master) =>
      master.port === client.slots.masterOf(keySlot(list))?.port
    )!;
    const blocked = client.blpop([list], 0);
    blocked.catch(() => {});
    await until(
      async () =>
        String(await cluster.command(owner, "CLIENT", "LIST")).includes(
          "cmd=blpop",
        ),
      "the BLPOP to block on its master",
    );
    const keys = Array.from({ length: 30 }, (_, i) => uniqueKey(`p${i}`));
    const pending = keys.map((key) => client.incr(key));
    for (const promise of pending) promise.catch(() => {});
    const started = performance.now();
    await client.disconnect();
    assert.equal(client.closed, true);
    for (const promise of [blocked, ...pending]) {
      await assert.rejects(promise, ConnectionClosedError);
    }
    assert.ok(performance.now() - started < 2000);
    await assert.rejects(
      client.get("k"),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message === "The cluster client is closed",
    );
  });

  it("RedisCluster dispatches ready on a node's first use, error with the node it lost, and node-removed and node-added as it leaves and comes back", async () => {
    const replica = cluster.replicas()[0]!;
    // The replica is the seed: the client has a connection to it.
    const client = await open(replica, 100);
    const events: RedisClusterEvent[] = [];
    for (
      const type of [
        "ready",
        "error",
        "node-added",
        "node-removed",
        "topology",
      ] as const
    ) {
      client.addEventListener(type, (event) => events.push(event));
    }
    const of = (type: RedisClusterEventType) =>
      events.filter((event) => event.type === type);
    const replicaNode = `127.0.0.1:${replica.port}`;

    // First use of each master: "ready" with its address.
    for (const master of cluster.masters()) {
      await client.set(keyOn(master, client), "1");
    }
    assert.deepEqual(
      of("ready").map((event) => event.node).sort(),
      cluster.masters().map((master) => `127.0.0.1:${master.port}`).sort(),
    );
    assert.deepEqual(of("error"), []);

    // The replica dies: "error" with it and what happened.
    await cluster.kill(replica);
    await until(() => of("error").length > 0, "an error event");
    const [error] = of("error");
    assert.equal(error!.node, replicaNode);
    assert.ok(error!.error instanceof ConnectionError, String(error!.error));
    assert.equal(error!.map, client.slots);

    // Once the cluster flags it failed, it leaves the slot map.
    await cluster.waitForAgreement();
    await until(
      () => of("node-removed").some((event) => event.node === replicaNode),
      "node-removed of the replica",
    );
    assert.ok(of("topology").length > 0);
    assert.ok(
      client.slots.shards.every((shard) =>
        shard.replicas.every((node) => node.port !== replica.port)
      ),
    );

    // Back again: "node-added".
    await cluster.restart(replica);
    await until(
      () => of("node-added").some((event) => event.node === replicaNode),
      "node-added of the replica",
    );
    assert.match(inspect(client), /^RedisCluster \{ nodes: 6, masters: 3, /);
    // No "node-added" or "node-removed" of any other node.
    assert.deepEqual(
      [...of("node-added"), ...of("node-removed")].map((event) => event.node),
      [replicaNode, replicaNode],
    );
  });
});
