/**
 * Topology: one refresh at a time, the order nodes are asked in, maps that
 * serve nothing skipped, event-driven refreshes rate limited, MOVED
 * applied at once; fetchSlotMap against a real cluster-enabled server and
 * its CLUSTER SLOTS fallback.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { fetchSlotMap, Topology } from "../../src/cluster/topology.ts";
import { type NodeAddress, SlotMap, SLOTS } from "../../src/cluster/slots.ts";
import { connect, ConnectionError, type RedisClient } from "../../mod.ts";
import { ReplyError } from "../../src/errors.ts";
import { startServer, type TestServer } from "../_server.ts";
import { until } from "../_support.ts";

const A = { host: "10.0.0.1", port: 7000 };
const B = { host: "10.0.0.2", port: 7001 };
const C = { host: "10.0.0.3", port: 7002 };
const SEED = { host: "seed.example", port: 7000 };

/** A map with every slot on `master`, and `replica` as its replica. */
function mapOf(master: NodeAddress, replica?: NodeAddress): SlotMap {
  return SlotMap.fromSlots([{
    start: 0,
    end: SLOTS - 1,
    master: { ...master, id: "m" },
    replicas: replica ? [{ ...replica, id: "r" }] : [],
  }], master);
}

const keep = <T>(_items: T[]): void => {};
const key = (address: NodeAddress) => `${address.host}:${address.port}`;

describe("Topology", () => {
  it("Topology.refresh runs one refresh at a time and swaps the map in", async () => {
    const asked: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => release = resolve);
    const topology = new Topology({
      seeds: [A],
      minInterval: 0,
      shuffle: keep,
      fetch: async (address) => {
        asked.push(key(address));
        await gate;
        return mapOf(A);
      },
    });
    const first = topology.refresh();
    const second = topology.refresh();
    assert.equal(first, second);
    assert.equal(topology.map, undefined);
    release();
    const map = await first;
    assert.equal(topology.map, map);
    assert.deepEqual(asked, ["10.0.0.1:7000"]);
  });

  it("Topology.refresh asks known masters, then replicas, then seeds, skipping failures and maps that serve nothing", async () => {
    const asked: string[] = [];
    let answer: (address: NodeAddress) => SlotMap = () => mapOf(A, B);
    const changes: SlotMap[] = [];
    const topology = new Topology({
      seeds: [SEED, A],
      minInterval: 0,
      shuffle: keep,
      onChange: (map) => changes.push(map),
      fetch: (address) => {
        asked.push(key(address));
        return Promise.resolve().then(() => answer(address));
      },
    });
    await topology.refresh();
    assert.deepEqual(asked, ["seed.example:7000"]);
    assert.equal(changes.length, 1);
    asked.length = 0;
    // The master fails, the replica serves no slot: the seeds are next
    // (A, already asked as the master, is not asked twice).
    answer = (address) => {
      if (key(address) === key(A)) {
        throw new ConnectionError('Cannot connect to "10.0.0.1:7000"');
      }
      if (key(address) === key(B)) {
        return SlotMap.fromSlots([], B);
      }
      return mapOf(C);
    };
    const map = await topology.refresh();
    assert.deepEqual(asked, [
      "10.0.0.1:7000",
      "10.0.0.2:7001",
      "seed.example:7000",
    ]);
    assert.deepEqual(map.masterOf(0), { ...C, id: "m" });
    assert.equal(changes.length, 2);
    // The same routes again: no change reported.
    await topology.refresh();
    assert.equal(changes.length, 2);
  });

  it("Topology.refresh rejects with the last error when no node gives a map", async () => {
    const topology = new Topology({
      seeds: [A, B],
      minInterval: 0,
      shuffle: keep,
      fetch: (address) =>
        Promise.reject(
          new ConnectionError(`Cannot connect to "${key(address)}"`),
        ),
    });
    await assert.rejects(
      topology.refresh(),
      (error: unknown) =>
        error instanceof ConnectionError &&
        error.message === 'Cannot connect to "10.0.0.2:7001"',
    );
    assert.equal(topology.map, undefined);
  });

  it("Topology.requestRefresh refreshes at once, or once the minimum interval is up", async () => {
    let fetched = 0;
    const topology = new Topology({
      seeds: [A],
      minInterval: 40,
      shuffle: keep,
      fetch: () => {
        fetched++;
        return Promise.resolve(mapOf(A));
      },
    });
    topology.requestRefresh();
    await until(() => fetched === 1, "the first refresh");
    const start = performance.now();
    // Three events within the interval make one refresh, after it.
    topology.requestRefresh();
    topology.requestRefresh();
    topology.requestRefresh();
    assert.equal(fetched, 1);
    await until(() => fetched === 2, "the delayed refresh");
    assert.ok(performance.now() - start >= 30);
    topology.close();
    topology.requestRefresh();
    assert.equal(fetched, 2);
  });

  it("Topology.moved routes the slot to the new master at once and asks for a refresh", async () => {
    let fetched = 0;
    const changes: SlotMap[] = [];
    const topology = new Topology({
      seeds: [A],
      minInterval: 0,
      shuffle: keep,
      onChange: (map) => changes.push(map),
      fetch: () => {
        fetched++;
        return Promise.resolve(mapOf(A));
      },
    });
    await topology.refresh();
    topology.moved(42, B);
    assert.deepEqual(topology.map?.masterOf(42), { ...B, id: "" });
    assert.deepEqual(topology.map?.masterOf(43), { ...A, id: "m" });
    assert.equal(changes.length, 2);
    await until(() => fetched === 2, "the refresh after MOVED");
    topology.close();
  });

  it("Topology.refresh keeps a MOVED's route over a map that still routes the slot to the node it left, until a map confirms it", async () => {
    // B took slot 42 over (a failover); the first node asked after the
    // MOVED has not heard of it yet.
    const moved = SlotMap.fromSlots([
      { start: 0, end: 41, master: { ...A, id: "a" }, replicas: [] },
      { start: 42, end: 42, master: { ...B, id: "b" }, replicas: [] },
      { start: 43, end: SLOTS - 1, master: { ...A, id: "a" }, replicas: [] },
    ], A);
    const answers = [mapOf(A), mapOf(A), moved];
    let fetched = 0;
    const routes: (number | undefined)[] = [];
    const topology = new Topology({
      seeds: [A],
      minInterval: 0,
      shuffle: keep,
      onChange: (map) => routes.push(map.masterOf(42)?.port),
      fetch: () => Promise.resolve(answers[fetched++] ?? moved),
    });
    await topology.refresh();
    topology.moved(42, B);
    await until(() => fetched === 3, "a refresh after the lagging map");
    await topology.refresh();
    assert.equal(topology.map?.masterOf(42)?.port, B.port);
    assert.equal(topology.map?.masterOf(41)?.port, A.port);
    // Never back on A: the lagging map changed nothing for slot 42.
    assert.deepEqual(routes, [A.port, B.port]);
    // Confirmed: no more refreshes of its own.
    assert.equal(fetched, 4);
    topology.close();
  });

  it("Topology.refresh lets maps win over a MOVED they contradict three times", async () => {
    let fetched = 0;
    const topology = new Topology({
      seeds: [A],
      minInterval: 0,
      shuffle: keep,
      fetch: () => {
        fetched++;
        return Promise.resolve(mapOf(A));
      },
    });
    await topology.refresh();
    topology.moved(42, B);
    assert.equal(topology.map?.masterOf(42)?.port, B.port);
    await until(
      () => topology.map?.masterOf(42)?.port === A.port,
      "the maps to win",
    );
    // The first map, then one after the MOVED and three more.
    assert.equal(fetched, 5);
    await topology.refresh();
    assert.equal(topology.map?.masterOf(42)?.port, A.port);
    assert.equal(fetched, 6);
    topology.close();
  });
});

describe("fetchSlotMap", () => {
  let server: TestServer;
  let client: RedisClient;

  before(async () => {
    server = await startServer({ args: ["--cluster-enabled", "yes"] });
    client = await connect({ port: server.port });
    await client.sendCommand(["CLUSTER", "ADDSLOTSRANGE", "0", "16383"]);
    await until(
      async () =>
        String(await client.sendCommand(["CLUSTER", "INFO"])).includes(
          "cluster_state:ok",
        ),
      "the one-node cluster to be ok",
    );
  });

  after(async () => {
    await client?.close();
    await server?.stop();
  });

  it("fetchSlotMap reads CLUSTER SHARDS of a one-node cluster", async () => {
    const asked = { host: "127.0.0.1", port: server.port };
    const map = await fetchSlotMap(client, asked, false);
    assert.equal(map.covered, SLOTS);
    assert.equal(map.shards.length, 1);
    assert.equal(map.masterOf(0)?.port, server.port);
    assert.equal(map.masterOf(16383)?.host, "127.0.0.1");
    assert.equal(map.masterOf(0)?.id.length, 40);
  });

  it("fetchSlotMap falls back to CLUSTER SLOTS when the server lacks CLUSTER SHARDS", async () => {
    const asked = { host: "127.0.0.1", port: server.port };
    const map = await fetchSlotMap(
      {
        clusterShards: () =>
          Promise.reject(
            new ReplyError(
              "ERR unknown subcommand 'SHARDS'. Try CLUSTER HELP.",
            ),
          ),
        clusterSlots: () => client.clusterSlots(),
      },
      asked,
      false,
    );
    assert.equal(map.covered, SLOTS);
    assert.equal(map.masterOf(100)?.port, server.port);
    // Other errors are the caller's.
    await assert.rejects(
      fetchSlotMap(
        {
          clusterShards: () => Promise.reject(new ReplyError("NOPERM no")),
          clusterSlots: () => client.clusterSlots(),
        },
        asked,
        false,
      ),
      (error: unknown) =>
        error instanceof ReplyError && error.code === "NOPERM",
    );
  });

  it("fetchSlotMap asks CLUSTER SLOTS too when the shards leave slots uncovered, as Redis 7.2 to 7.4 do after a failover", async () => {
    const asked = { host: "127.0.0.1", port: server.port };
    const shards = await client.clusterShards();
    const node = shards[0]!.nodes[0]!;
    // Redis 7.4.1 after a failover: the failed old master listed first in
    // the shard, and the shard without slots (redis/redis#13414).
    const broken = [{
      slots: [],
      nodes: [
        { ...node, id: "f".repeat(40), port: 1, health: "fail" as const },
        node,
      ],
    }];
    let slotsAsked = 0;
    const map = await fetchSlotMap(
      {
        clusterShards: () => Promise.resolve(broken),
        clusterSlots: () => {
          slotsAsked++;
          return client.clusterSlots();
        },
      },
      asked,
      false,
    );
    assert.equal(slotsAsked, 1);
    assert.equal(map.covered, SLOTS);
    assert.equal(map.masterOf(0)?.port, server.port);
    // Slots left uncovered otherwise (a change in progress) are not asked
    // about again: CLUSTER SLOTS may still show the old owner.
    const partial = await fetchSlotMap(
      {
        clusterShards: () =>
          Promise.resolve([{ slots: [{ start: 0, end: 100 }], nodes: [node] }]),
        clusterSlots: () => {
          slotsAsked++;
          return client.clusterSlots();
        },
      },
      asked,
      false,
    );
    assert.equal(partial.covered, 101);
    assert.equal(slotsAsked, 1);
    // A complete CLUSTER SHARDS needs no second question.
    await fetchSlotMap(
      {
        clusterShards: () => client.clusterShards(),
        clusterSlots: () => {
          slotsAsked++;
          return client.clusterSlots();
        },
      },
      asked,
      false,
    );
    assert.equal(slotsAsked, 1);
  });
});
