/**
 * Classic Pub/Sub over RedisCluster: messages published through any
 * master reach the subscription, and the subscription moves to another
 * master when the node carrying it dies.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectCluster, type RedisCluster } from "../../src/cluster/client.ts";
import { startCluster, type TestCluster } from "../_cluster.ts";
import { uniqueKey, until } from "../_support.ts";

describe("RedisCluster subscriptions", () => {
  let cluster: TestCluster;
  let client: RedisCluster;
  let publisher: RedisCluster;

  before(async () => {
    cluster = await startCluster({
      masters: 3,
      replicasPerMaster: 1,
      args: ["--cluster-require-full-coverage", "no"],
    });
    client = await connectCluster({ nodes: cluster.seeds });
    publisher = await connectCluster({ nodes: cluster.seeds });
  });

  after(async () => {
    await client?.close();
    await publisher?.close();
    await cluster?.stop();
  });

  /** The master whose connections hold a subscription, from CLIENT LIST. */
  async function carrier() {
    for (const node of cluster.masters()) {
      const list = String(await cluster.command(node, "CLIENT", "LIST"));
      if (/ sub=[1-9]/.test(list)) return node;
    }
    return undefined;
  }

  it("RedisCluster.subscribe receives what every master publishes", async () => {
    const channel = uniqueKey("news");
    const received: string[] = [];
    const subscription = await client.subscribe([channel], {
      listener: ({ message }) => received.push(message),
    });
    try {
      // Through each master: a classic channel reaches every node (over
      // the cluster bus, so in no set order across nodes).
      for (const [i, node] of cluster.masters().entries()) {
        await cluster.command(node, "PUBLISH", channel, `node${i}`);
      }
      await until(() => received.length === 3, "a message from each master");
      assert.deepEqual([...received].sort(), ["node0", "node1", "node2"]);
      // Through the cluster client: in the order published.
      for (let i = 0; i < 100; i++) await publisher.publish(channel, `m${i}`);
      await until(() => received.length === 103, "100 more messages");
      assert.deepEqual(
        received.slice(3),
        Array.from({ length: 100 }, (_, i) => `m${i}`),
      );
    } finally {
      await subscription.unsubscribe();
    }
  });

  it("RedisCluster.subscribe moves to another master when the node carrying it dies", async () => {
    const channel = uniqueKey("moving");
    const received: string[] = [];
    const subscription = await client.subscribe([channel], {
      listener: ({ message }) => received.push(message),
    });
    try {
      await publisher.publish(channel, "before");
      await until(() => received.includes("before"), "the first message");
      const node = await carrier();
      assert.ok(node !== undefined, "a master carries the subscription");
      await cluster.kill(node);
      // Published until it arrives: the subscription is back somewhere.
      await until(
        async () => {
          await publisher.publish(channel, "after");
          return received.includes("after");
        },
        "a message after the move",
        20_000,
      );
      const moved = await carrier();
      assert.ok(moved !== undefined && moved.port !== node.port);
      assert.equal(received[0], "before");
      assert.ok(received.slice(1).every((message) => message === "after"));
    } finally {
      await subscription.unsubscribe();
    }
  });

  it("RedisCluster.ssubscribe is refused with a TypeError for now", async () => {
    await assert.rejects(
      client.ssubscribe("shard-channel"),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message.includes("not supported yet"),
    );
  });
});
