/**
 * readFrom "nearest": the choice of Latencies over fake nodes with a fake
 * clock (the lowest smoothed round trip wins, an unmeasured shard goes to
 * its master, a failed node is left out until measured again), then a
 * real cluster of one master and one replica where CLIENT PAUSE makes one
 * node slow and INFO commandstats shows where the reads landed.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connectCluster, RedisCluster } from "../../src/cluster/client.ts";
import { Latencies } from "../../src/cluster/latency.ts";
import type { ClusterRouter } from "../../src/cluster/router.ts";
import type { Shard, SlotNode } from "../../src/cluster/slots.ts";
import {
  type ClusterNode,
  commandCalls as calls,
  movedErrors,
  startCluster,
  type TestCluster,
} from "../_cluster.ts";
import { uniqueKey, until } from "../_support.ts";
import { openRouter } from "./_router.ts";

function node(port: number): SlotNode {
  return { host: "10.0.0.1", port, id: `node${port}` };
}

const MASTER = node(7000);
const R1 = node(7001);
const R2 = node(7002);
const SHARD: Shard = {
  master: MASTER,
  replicas: [R1, R2],
  ranges: [{ start: 0, end: 16383 }],
};

/** One PING a fake node has not answered yet. */
interface Waiting {
  resolve(): void;
  reject(error: unknown): void;
  /** Settles once the measurement has taken the reply in. */
  settled: Promise<unknown>;
}

/** What the test makes a node's PING do, and at which time (ms). */
type Reply = number | "fail" | { timeout: number };

/** Latencies over fake nodes whose PINGs the test answers, and its clock. */
function fakeNodes(options: { tolerance?: number; smoothing?: number } = {}) {
  let clock = 0;
  const waiting = new Map<number, Waiting>();
  let pings = 0;
  const latencies = new Latencies({
    connect: (address) =>
      Promise.resolve({
        send: () => {
          pings++;
          let resolve!: () => void;
          let reject!: (error: unknown) => void;
          const reply = new Promise<unknown>((ok, fail) => {
            resolve = () => ok("PONG");
            reject = fail;
          });
          waiting.set(address.port, {
            resolve,
            reject,
            settled: reply.catch(() => {}),
          });
          return reply;
        },
      }),
    now: () => clock,
    tolerance: options.tolerance ?? 0,
    ...(options.smoothing !== undefined
      ? { smoothing: options.smoothing }
      : {}),
  });
  return {
    latencies,
    waiting,
    get pings() {
      return pings;
    },
    set clock(value: number) {
      clock = value;
    },
    get clock() {
      return clock;
    },
    /**
     * Answers the waiting PING of `port` at `at` ms after the round began
     * (`"fail"`: a connection error, `{ timeout }`: a call timeout).
     */
    async answer(port: number, at: Reply, start: number): Promise<void> {
      const ping = waiting.get(port);
      assert.ok(ping, `no PING waiting on ${port}`);
      waiting.delete(port);
      if (at === "fail") {
        ping.reject(new Error("connection lost"));
      } else if (typeof at === "number") {
        clock = start + at;
        ping.resolve();
      } else {
        clock = start + at.timeout;
        ping.reject(new DOMException("The call timed out", "TimeoutError"));
      }
      // The measurement's own reaction runs first: it has the reply now.
      await ping.settled;
    },
    /**
     * Starts measuring `shards` with the clock at `start`, and answers
     * each node's PING as `replies` says, in the order of their times.
     * Ports without a reply stay unanswered, so the returned `done` may
     * not settle yet.
     */
    async start(
      replies: Record<number, Reply>,
      shards: readonly Shard[] = [SHARD],
      start = clock,
    ): Promise<{ done: Promise<void> }> {
      clock = start;
      const before = pings;
      const done = latencies.measure(shards);
      const expected = Object.keys(replies).length;
      await until(() => pings - before >= expected, "the PINGs");
      const order = Object.entries(replies).sort(([, a], [, b]) =>
        time(a) - time(b)
      );
      for (const [port, reply] of order) {
        await this.answer(Number(port), reply, start);
      }
      return { done };
    },
    /** {@linkcode start}, with every node answered, to its end. */
    async round(
      replies: Record<number, Reply>,
      shards: readonly Shard[] = [SHARD],
      start = clock,
    ): Promise<void> {
      await (await this.start(replies, shards, start)).done;
    },
  };
}

function time(reply: Reply): number {
  return reply === "fail"
    ? -1
    : typeof reply === "number"
    ? reply
    : reply.timeout;
}

describe("Latencies", () => {
  it("Latencies sends an unmeasured shard's reads to its master", async () => {
    const fake = fakeNodes();
    assert.equal(fake.latencies.nearest(SHARD), MASTER);
    // Measurements under way change nothing yet.
    const done = fake.latencies.measure([SHARD]);
    await until(() => fake.waiting.size === 3, "the PINGs");
    assert.equal(fake.latencies.nearest(SHARD), MASTER);
    assert.equal(fake.latencies.get(R1), undefined);
    for (const port of [7000, 7001, 7002]) {
      await fake.answer(port, "fail", 0);
    }
    await done;
    // Every node failed: the master again.
    assert.equal(fake.latencies.nearest(SHARD), MASTER);
    // A shard with no known master and no measured replica: none.
    assert.equal(
      fake.latencies.nearest({ ...SHARD, master: undefined }),
      undefined,
    );
  });

  it("Latencies picks the node with the lowest smoothed round trip, a faster one counting at once", async () => {
    const fake = fakeNodes();
    await fake.round({ 7000: 9, 7001: 3, 7002: 5 });
    assert.equal(fake.latencies.get(MASTER), 9);
    assert.equal(fake.latencies.get(R1), 3);
    assert.equal(fake.latencies.nearest(SHARD), R1);
    // Smoothed by half: R1 (3 + 11) / 2 = 7, R2 (5 + 5) / 2 = 5.
    await fake.round({ 7000: 9, 7001: 11, 7002: 5 }, [SHARD], 100);
    assert.equal(fake.latencies.get(R1), 7);
    assert.equal(fake.latencies.get(R2), 5);
    assert.equal(fake.latencies.nearest(SHARD), R2);
    // The master is a candidate like any replica; a faster round trip
    // replaces the smoothed time (a stall that is over counts no more).
    await fake.round({ 7000: 1, 7001: 7, 7002: 9 }, [SHARD], 200);
    assert.equal(fake.latencies.get(MASTER), 1);
    assert.equal(fake.latencies.get(R1), 7);
    assert.equal(fake.latencies.get(R2), 7);
    assert.equal(fake.latencies.nearest(SHARD), MASTER);
  });

  it("Latencies leaves a node whose PING failed out until a PING answers again", async () => {
    const fake = fakeNodes({ smoothing: 1 });
    await fake.round({ 7000: 9, 7001: 3, 7002: 5 });
    assert.equal(fake.latencies.nearest(SHARD), R1);
    await fake.round({ 7000: 9, 7001: "fail", 7002: 5 }, [SHARD], 100);
    assert.equal(fake.latencies.get(R1), undefined);
    assert.equal(fake.latencies.nearest(SHARD), R2);
    await fake.round({ 7000: 9, 7001: 2, 7002: 5 }, [SHARD], 200);
    assert.equal(fake.latencies.get(R1), 2);
    assert.equal(fake.latencies.nearest(SHARD), R1);
  });

  it("Latencies counts a PING that timed out as slow, not as failed", async () => {
    const fake = fakeNodes({ smoothing: 1 });
    await fake.round({ 7000: 9, 7001: { timeout: 50 }, 7002: 5 });
    assert.equal(fake.latencies.get(R1), 50);
    assert.equal(fake.latencies.nearest(SHARD), R2);
    // The only node measured wins, however slow.
    await fake.round({ 7000: "fail", 7001: { timeout: 50 }, 7002: "fail" });
    assert.equal(fake.latencies.nearest(SHARD), R1);
  });

  it("Latencies counts a node with a PING still in flight as at least as slow as it has waited", async () => {
    const fake = fakeNodes();
    await fake.round({ 7000: 9, 7001: 3, 7002: 5 });
    // R1 does not answer this round's PING.
    const stalled = await fake.start({ 7000: 9, 7002: 5 }, [SHARD], 100);
    assert.equal(fake.latencies.nearest(SHARD), R1);
    assert.equal(fake.pings, 6);
    // The next round sends R1 no second PING, and finds it 50 ms late.
    const next = await fake.start({ 7000: 9, 7002: 5 }, [SHARD], 150);
    assert.equal(fake.pings, 8);
    assert.equal(fake.latencies.get(R1), 50);
    assert.equal(fake.latencies.nearest(SHARD), R2);
    // Its answer, 60 ms late, is smoothed in.
    await fake.answer(7001, 60, 100);
    await stalled.done;
    await next.done;
    assert.equal(fake.latencies.get(R1), 55);
  });

  it("Latencies spreads reads over the nodes within the tolerance of the nearest", async () => {
    const fake = fakeNodes({ tolerance: 1, smoothing: 1 });
    await fake.round({ 7000: 3, 7001: 3.5, 7002: 4.5 });
    const seen = new Map<number, number>();
    for (let i = 0; i < 400; i++) {
      const port = fake.latencies.nearest(SHARD)!.port;
      seen.set(port, (seen.get(port) ?? 0) + 1);
    }
    assert.ok((seen.get(7000) ?? 0) > 100, JSON.stringify([...seen]));
    assert.ok((seen.get(7001) ?? 0) > 100, JSON.stringify([...seen]));
    assert.equal(seen.get(7002), undefined);
  });

  it("Latencies forgets the nodes of shards gone or without slots", async () => {
    const fake = fakeNodes();
    await fake.round({ 7000: 9, 7001: 3, 7002: 5 });
    const other: Shard = {
      master: node(7003),
      replicas: [],
      ranges: [{ start: 0, end: 16383 }],
    };
    const empty: Shard = { master: MASTER, replicas: [R1, R2], ranges: [] };
    await fake.round({ 7003: 1 }, [other, empty], 100);
    assert.equal(fake.latencies.get(MASTER), undefined);
    assert.equal(fake.latencies.get(R1), undefined);
    assert.equal(fake.latencies.get(node(7003)), 1);
    assert.equal(fake.latencies.nearest(SHARD), MASTER);
  });

  it("Latencies ignores replies after close and measures nothing more", async () => {
    const fake = fakeNodes();
    const done = fake.latencies.measure([SHARD]);
    await until(() => fake.waiting.size === 3, "the PINGs");
    fake.latencies.close();
    await fake.answer(7001, 1, 0);
    await fake.answer(7000, "fail", 0);
    await fake.answer(7002, 2, 0);
    await done;
    assert.equal(fake.latencies.get(R1), undefined);
    assert.equal(fake.latencies.nearest(SHARD), MASTER);
    await fake.latencies.measure([SHARD]);
    assert.equal(fake.pings, 3);
  });

  it("Latencies refuses a smoothing or tolerance out of range", () => {
    const connect = () => Promise.reject(new Error("unused"));
    assert.throws(() => new Latencies({ connect, smoothing: 0 }), {
      name: "TypeError",
      message:
        'Invalid option "smoothing" "0": expected a number above 0 and at most 1',
    });
    assert.throws(() => new Latencies({ connect, tolerance: -1 }), {
      name: "TypeError",
      message:
        'Invalid option "tolerance" "-1": expected a finite number of milliseconds, 0 or more',
    });
  });
});

describe('RedisCluster readFrom "nearest"', () => {
  let cluster: TestCluster;
  let router: ClusterRouter;
  let client: RedisCluster;
  let master: ClusterNode;
  let replica: ClusterNode;

  before(async () => {
    cluster = await startCluster({ masters: 1, replicasPerMaster: 1 });
    master = cluster.masters()[0]!;
    replica = cluster.replicasOf(master)[0]!;
    router = await openRouter(cluster, {
      readFrom: "nearest",
      refreshInterval: Infinity,
    });
    client = new RedisCluster(router);
  });

  after(async () => {
    await client?.close();
    await cluster?.stop();
  });

  /**
   * Writes `keys` (checking every SET ran on the master and none was sent
   * to the replica), reads each once, and resolves with how many GETs
   * each node ran.
   */
  async function writeAndRead(
    keys: readonly string[],
  ): Promise<{ master: number; replica: number }> {
    const sets = await calls(cluster, master, "set");
    const moved = await movedErrors(cluster, replica);
    await Promise.all(keys.map((key) => client.set(key, key)));
    assert.equal(await calls(cluster, master, "set"), sets + keys.length);
    assert.equal(await movedErrors(cluster, replica), moved);
    const before = {
      master: await calls(cluster, master, "get"),
      replica: await calls(cluster, replica, "get"),
    };
    for (const key of keys) {
      // Replication lags: the replica may not have the key yet.
      const value = await client.get(key);
      assert.ok(value === key || value === null, String(value));
    }
    return {
      master: await calls(cluster, master, "get") - before.master,
      replica: await calls(cluster, replica, "get") - before.replica,
    };
  }

  it('RedisCluster with readFrom "nearest" reads on the node that answers PING fastest, and writes on the master', async () => {
    const keys = (phase: string) =>
      Array.from({ length: 40 }, (_, i) => uniqueKey(`${phase}${i}`));
    await router.measureLatency();

    // The master stalls while it is measured: reads go to the replica.
    await cluster.command(master, "CLIENT", "PAUSE", "300", "ALL");
    await router.measureLatency();
    assert.deepEqual(await writeAndRead(keys("slowmaster")), {
      master: 0,
      replica: 40,
    });

    // Now the replica stalls: reads go back to the master.
    await cluster.command(replica, "CLIENT", "PAUSE", "300", "ALL");
    await router.measureLatency();
    assert.deepEqual(await writeAndRead(keys("slowreplica")), {
      master: 40,
      replica: 0,
    });
  });

  it('ClusterRouter with readFrom "nearest" measures every node when it opens and every refreshInterval', async () => {
    const pings = async () => {
      const [onMaster, onReplica] = await Promise.all(
        [master, replica].map((node) => calls(cluster, node, "ping")),
      );
      return { master: onMaster!, replica: onReplica! };
    };
    /** Waits until both nodes ran `count` PINGs more than `since`. */
    const pinged = (
      since: { master: number; replica: number },
      count: number,
    ) =>
      until(async () => {
        const now = await pings();
        return now.master >= since.master + count &&
          now.replica >= since.replica + count;
      }, `${count} PINGs on both nodes`);

    // Opened, with no periodic refresh: one PING on each node.
    let before = await pings();
    const opened = await openRouter(cluster, {
      readFrom: "nearest",
      refreshInterval: Infinity,
    });
    try {
      await pinged(before, 1);
    } finally {
      await opened.close();
    }
    // A router reading from the masters sends none.
    before = await pings();
    const masters = await openRouter(cluster, { refreshInterval: 50 });
    const refreshes = async () =>
      await calls(cluster, master, "cluster\\|shards") +
      await calls(cluster, replica, "cluster\\|shards");
    try {
      const refreshed = await refreshes();
      await until(
        async () => await refreshes() >= refreshed + 2,
        "two periodic refreshes",
      );
      await masters.measureLatency();
      assert.deepEqual(await pings(), before);
    } finally {
      await masters.close();
    }
    // Every refreshInterval, one more.
    before = await pings();
    const periodic = await openRouter(cluster, {
      readFrom: "nearest",
      refreshInterval: 50,
    });
    try {
      await pinged(before, 4);
    } finally {
      await periodic.close();
    }
  });

  it('connectCluster accepts readFrom "nearest" and names it among the valid values', async () => {
    const nearest = await connectCluster({
      nodes: cluster.seeds,
      readFrom: "nearest",
    });
    try {
      const key = uniqueKey("nearest");
      await nearest.set(key, "1");
      const value = await nearest.get(key);
      assert.ok(value === "1" || value === null, String(value));
    } finally {
      await nearest.close();
    }
    await assert.rejects(
      connectCluster({
        nodes: cluster.seeds,
        readFrom: "closest" as "nearest",
      }),
      {
        name: "TypeError",
        message:
          'Invalid option "readFrom" "closest": expected "master", "replica", "preferReplica" or "nearest"',
      },
    );
  });
});
