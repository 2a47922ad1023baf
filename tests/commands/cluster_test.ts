import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  type ClusterSetSlotAction,
  connect,
  type RedisClient,
  ReplyError,
} from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import { startServer } from "../_server.ts";
import { cases } from "./cluster_cases.ts";
import { parity, type ServerContext, testEncoding, utf8 } from "./_helpers.ts";

testEncoding("Cluster", cases);

const CLUSTER_ARGS = [
  "--cluster-enabled",
  "yes",
  "--cluster-config-file",
  "nodes.conf",
  // A lone node learns its own address only from peers: announce it.
  "--cluster-announce-ip",
  "127.0.0.1",
  // Replicas sync at once instead of after the default 5 s delay.
  "--repl-diskless-sync-delay",
  "0",
];

const text = new TextDecoder();

/**
 * Options of the tests that wait for gossip or replication: longer than
 * Bun's default of 5 s per test.
 */
const SLOW = { timeout: 30_000 };

/**
 * Polls `probe` until it gives a value other than `undefined`/`false`, or
 * fails after 20 s. Cluster state spreads by gossip, so there is nothing to
 * await but the state itself.
 */
async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Asserts that `promise` rejects with a `ReplyError` matching `message`. */
async function rejectsWith(
  promise: Promise<unknown>,
  code: string,
  message: RegExp,
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ReplyError, `not a ReplyError: ${error}`);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  });
}

/**
 * A private cluster-enabled server with a RESP3 client and, for
 * {@linkcode parity}, a RESP2 and a RESP3 client, all on database 0 (the
 * only one in cluster mode).
 */
function useClusterNode(): ServerContext {
  const ctx = {} as ServerContext;
  before(async () => {
    ctx.server = await startServer({ args: CLUSTER_ARGS });
    const port = ctx.server.port;
    ctx.client = await connect({ port, protocol: 3 });
    ctx.resp2 = await connect({ port, protocol: 2 });
    ctx.resp3 = await connect({ port, protocol: 3 });
  });
  after(async () => {
    ctx.client?.disconnect();
    ctx.resp2?.disconnect();
    ctx.resp3?.disconnect();
    await ctx.server?.stop();
  });
  return ctx;
}

describe("cluster commands against a one-node cluster", () => {
  const ctx = useClusterNode();

  it(
    "client.clusterAddslotsrange assigns every slot, after which the cluster state turns ok",
    SLOW,
    async () => {
      assert.equal((await ctx.client.clusterInfo()).cluster_state, "fail");
      assert.equal(
        await ctx.client.clusterAddslotsrange([{ start: 0, end: 16383 }]),
        "OK",
      );
      await waitFor(
        "cluster_state ok",
        async () => (await ctx.client.clusterInfo()).cluster_state === "ok",
      );
    },
  );

  it("client.clusterInfo parses the fields, integers as numbers", async () => {
    const info = await ctx.client.clusterInfo();
    assert.equal(info.cluster_state, "ok");
    assert.equal(info.cluster_slots_assigned, 16384);
    assert.equal(info.cluster_slots_ok, 16384);
    assert.equal(info.cluster_slots_fail, 0);
    assert.equal(info.cluster_known_nodes, 1);
    assert.equal(info.cluster_size, 1);
    assert.equal(typeof info.cluster_current_epoch, "number");
    assert.equal(
      typeof info.total_cluster_links_buffer_limit_exceeded,
      "number",
    );
    for (const [field, value] of Object.entries(info)) {
      if (field !== "cluster_state") {
        assert.equal(typeof value, "number", field);
      }
    }
  });

  it("client.clusterMyid returns the ID that client.clusterNodes marks as myself", async () => {
    const id = await ctx.client.clusterMyid();
    assert.match(id, /^[0-9a-f]{40}$/);
    const nodes = await ctx.client.clusterNodes();
    const lines = nodes.trim().split("\n");
    assert.equal(lines.length, 1);
    const [nodeId, address, flags, master, , , , link, slots] = lines[0]!
      .split(" ");
    assert.equal(nodeId, id);
    assert.ok(address?.startsWith(`127.0.0.1:${ctx.server.port}@`), address);
    assert.equal(flags, "myself,master");
    assert.equal(master, "-");
    assert.equal(link, "connected");
    assert.equal(slots, "0-16383");
  });

  it("client.clusterSlots maps slots 0-16383 to this node", async () => {
    assert.deepEqual(await ctx.client.clusterSlots(), [{
      start: 0,
      end: 16383,
      master: {
        host: "127.0.0.1",
        port: ctx.server.port,
        id: await ctx.client.clusterMyid(),
        metadata: {},
      },
      replicas: [],
    }]);
  });

  it("client.clusterShards describes one shard with this node as master", async () => {
    assert.deepEqual(await ctx.client.clusterShards(), [{
      slots: [{ start: 0, end: 16383 }],
      nodes: [{
        id: await ctx.client.clusterMyid(),
        port: ctx.server.port,
        ip: "127.0.0.1",
        endpoint: "127.0.0.1",
        role: "master",
        replicationOffset: 0,
        health: "online",
      }],
    }]);
  });

  it("client.clusterKeyslot computes the slot of a key, honouring hash tags", async () => {
    assert.equal(await ctx.client.clusterKeyslot("foo"), 12182);
    assert.equal(
      await ctx.client.clusterKeyslot("{user1}.name"),
      await ctx.client.clusterKeyslot("{user1}.email"),
    );
    const slot = await ctx.client.clusterKeyslot(new Uint8Array([0xff, 0x00]));
    assert.ok(Number.isInteger(slot) && slot >= 0 && slot < 16384);
  });

  it("client.clusterCountkeysinslot and client.clusterGetkeysinslot see the keys of a slot", async () => {
    const slot = await ctx.client.clusterKeyslot("{tag}a");
    assert.equal(await ctx.client.clusterCountkeysinslot(slot), 0);
    assert.deepEqual(await ctx.client.clusterGetkeysinslot(slot, 10), []);
    await ctx.client.set("{tag}a", "1");
    await ctx.client.set("{tag}b", "2");
    await ctx.client.set("{tag}c", "3");
    assert.equal(await ctx.client.clusterCountkeysinslot(slot), 3);
    assert.deepEqual(
      (await ctx.client.clusterGetkeysinslot(slot, 10)).sort(),
      ["{tag}a", "{tag}b", "{tag}c"],
    );
    assert.equal((await ctx.client.clusterGetkeysinslot(slot, 2)).length, 2);
    assert.deepEqual(await ctx.client.clusterGetkeysinslot(slot, 0), []);
  });

  it("client.clusterLinks is empty while the node is alone", async () => {
    assert.deepEqual(await ctx.client.clusterLinks(), []);
  });

  it("client.clusterHelp returns the help lines", async () => {
    const lines = await ctx.client.clusterHelp();
    assert.ok(lines.some((line) => line.startsWith("SLOTS")), lines[0]);
  });

  it("client.clusterBumpepoch bumps the epoch once, then reports it unchanged", async () => {
    const first = await ctx.client.clusterBumpepoch();
    assert.equal(first.bumped, true);
    assert.ok(first.epoch >= 1);
    assert.deepEqual(await ctx.client.clusterBumpepoch(), {
      bumped: false,
      epoch: first.epoch,
    });
    assert.equal(
      (await ctx.client.clusterInfo()).cluster_my_epoch,
      first.epoch,
    );
  });

  it("client.clusterSaveconfig writes the node's config file", async () => {
    const file = path.join(ctx.server.dir, "nodes.conf");
    fs.rmSync(file, { force: true });
    assert.equal(await ctx.client.clusterSaveconfig(), "OK");
    const saved = fs.readFileSync(file, "utf8");
    assert.ok(saved.includes(await ctx.client.clusterMyid()), saved);
  });

  it("client.asking, client.readonly and client.readwrite resolve to OK", async () => {
    assert.equal(await ctx.client.asking(), "OK");
    assert.equal(await ctx.client.readonly(), "OK");
    assert.equal(await ctx.client.readwrite(), "OK");
  });

  it("client.clusterCountFailureReports counts reports and rejects an unknown node", async () => {
    const id = await ctx.client.clusterMyid();
    assert.equal(await ctx.client.clusterCountFailureReports(id), 0);
    await rejectsWith(
      ctx.client.clusterCountFailureReports("0".repeat(40)),
      "ERR",
      /Unknown node/,
    );
    await rejectsWith(
      ctx.client.clusterReplicas("0".repeat(40)),
      "ERR",
      /Unknown node/,
    );
    await rejectsWith(
      ctx.client.clusterSlaves("0".repeat(40)),
      "ERR",
      /Unknown node/,
    );
    assert.deepEqual(await ctx.client.clusterReplicas(id), []);
  });

  it("client.clusterSetslot keeps or clears the state of an owned slot and rejects what it cannot do", async () => {
    const id = await ctx.client.clusterMyid();
    assert.equal(await ctx.client.clusterSetslot(42, { stable: true }), "OK");
    assert.equal(await ctx.client.clusterSetslot(42, { node: id }), "OK");
    await rejectsWith(
      ctx.client.clusterSetslot(42, { importing: id }),
      "ERR",
      /already the owner/,
    );
    await rejectsWith(
      ctx.client.clusterSetslot(42, { migrating: "0".repeat(40) }),
      "ERR",
      /don't know about node/,
    );
  });

  it("cluster admin commands reject what a lone master holding keys cannot do", async () => {
    const id = await ctx.client.clusterMyid();
    await ctx.client.set("admin:key", "1");
    await rejectsWith(ctx.client.clusterFailover(), "ERR", /replica/);
    await rejectsWith(ctx.client.clusterForget(id), "ERR", /forget myself/);
    await rejectsWith(ctx.client.clusterReplicate(id), "ERR", /myself/);
    await rejectsWith(ctx.client.clusterReset(), "ERR", /containing keys/);
    await rejectsWith(
      ctx.client.clusterReset({ hard: true }),
      "ERR",
      /containing keys/,
    );
    await rejectsWith(
      ctx.client.clusterFlushslots(),
      "ERR",
      /DB must be empty/,
    );
    await rejectsWith(ctx.client.clusterAddslots(7), "ERR", /busy/);
    await rejectsWith(
      ctx.client.clusterAddslotsrange([{ start: 7, end: 8 }]),
      "ERR",
      /busy/,
    );
    await rejectsWith(
      ctx.client.clusterSetConfigEpoch(99),
      "ERR",
      /config epoch/i,
    );
    await rejectsWith(
      ctx.client.clusterMeet("not-an-address", 7000),
      "ERR",
      /Invalid node address/,
    );
    assert.equal((await ctx.client.clusterInfo()).cluster_state, "ok");
  });

  it("cluster commands reject invalid arguments with a TypeError before sending", async () => {
    await assert.rejects(ctx.client.clusterAddslots(), TypeError);
    await assert.rejects(ctx.client.clusterDelslots(16384), TypeError);
    await assert.rejects(
      ctx.client.clusterDelslotsrange([{ start: 9, end: 1 }]),
      TypeError,
    );
    await assert.rejects(ctx.client.clusterGetkeysinslot(0, -1), TypeError);
    await assert.rejects(ctx.client.clusterCountkeysinslot(1.5), TypeError);
    await assert.rejects(
      ctx.client.clusterSetslot(1, {} as ClusterSetSlotAction),
      TypeError,
    );
    await assert.rejects(
      ctx.client.clusterFailover({ force: true, takeover: true } as never),
      TypeError,
    );
    await assert.rejects(ctx.client.clusterMeet("127.0.0.1", 65536), TypeError);
    // Nothing was sent: the slots are all still assigned.
    assert.equal(
      (await ctx.client.clusterInfo()).cluster_slots_assigned,
      16384,
    );
  });

  it("client.bytes returns cluster IDs, hosts, text and keys as bytes, status words and numbers as is", async () => {
    const id = await ctx.client.clusterMyid();
    assert.deepEqual(await ctx.client.bytes.clusterMyid(), utf8(id));
    const nodes = await ctx.client.bytes.clusterNodes();
    assert.ok(nodes instanceof Uint8Array);
    assert.ok(text.decode(nodes).startsWith(`${id} 127.0.0.1:`));
    const info = await ctx.client.bytes.clusterInfo();
    assert.equal(info.cluster_state, "ok");
    assert.equal(info.cluster_slots_assigned, 16384);
    const [range] = await ctx.client.bytes.clusterSlots();
    assert.deepEqual(range?.master.host, utf8("127.0.0.1"));
    assert.deepEqual(range?.master.id, utf8(id));
    assert.equal(range?.master.port, ctx.server.port);
    const [shard] = await ctx.client.bytes.clusterShards();
    assert.equal(shard?.nodes[0]?.role, "master");
    assert.equal(shard?.nodes[0]?.health, "online");
    assert.deepEqual(shard?.nodes[0]?.id, utf8(id));
    const binary = new Uint8Array([0xff, 0x00, 0xfe]);
    await ctx.client.set(binary, "v");
    const slot = await ctx.client.clusterKeyslot(binary);
    assert.deepEqual(await ctx.client.bytes.clusterGetkeysinslot(slot, 5), [
      binary,
    ]);
    const help = await ctx.client.bytes.clusterHelp();
    assert.ok(help[0] instanceof Uint8Array);
    assert.deepEqual(await ctx.client.bytes.clusterBumpepoch(), {
      bumped: false,
      epoch: (await ctx.client.clusterInfo()).cluster_my_epoch,
    });
  });

  it("client.clusterInfo, clusterSlots, clusterShards and clusterLinks give the same result on RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client: RedisClient) => ({
      info: await client.clusterInfo(),
      slots: await client.clusterSlots(),
      shards: await client.clusterShards(),
      links: await client.clusterLinks(),
      nodes: await client.clusterNodes(),
      myid: await client.clusterMyid(),
      keyslot: await client.clusterKeyslot("foo"),
    }));
    assert.equal(result.info.cluster_state, "ok");
    assert.equal(result.slots.length, 1);
    assert.equal(result.shards[0]?.nodes.length, 1);
  });
});

describe("cluster commands against a two-node cluster", () => {
  const c = useClusterNode();
  const d = useClusterNode();
  let cId = "";
  let dId = "";

  before(async () => {
    cId = await c.client.clusterMyid();
    dId = await d.client.clusterMyid();
  });

  it("client.clusterSetConfigEpoch sets the epoch of a node that is alone, once", async () => {
    assert.equal(await c.client.clusterSetConfigEpoch(5), "OK");
    assert.equal(await d.client.clusterSetConfigEpoch(3n), "OK");
    const info = await c.client.clusterInfo();
    assert.equal(info.cluster_my_epoch, 5);
    assert.equal(info.cluster_current_epoch, 5);
    assert.equal((await d.client.clusterInfo()).cluster_my_epoch, 3);
    await rejectsWith(
      c.client.clusterSetConfigEpoch(6),
      "ERR",
      /config epoch/i,
    );
  });

  it(
    "client.clusterAddslots, clusterDelslots, clusterAddslotsrange, clusterDelslotsrange and clusterFlushslots change the node's slots",
    SLOW,
    async () => {
      const assigned = async () =>
        (await c.client.clusterInfo()).cluster_slots_assigned;
      assert.equal(await assigned(), 0);
      assert.equal(await c.client.clusterAddslots(0, 1, 2), "OK");
      assert.equal(await assigned(), 3);
      await rejectsWith(c.client.clusterAddslots(1), "ERR", /busy/);
      assert.equal(await c.client.clusterDelslots(1), "OK");
      assert.equal(await assigned(), 2);
      await rejectsWith(
        c.client.clusterDelslots(1),
        "ERR",
        /already unassigned/,
      );
      assert.equal(
        await c.client.clusterDelslotsrange([{ start: 0, end: 0 }, {
          start: 2,
          end: 2,
        }]),
        "OK",
      );
      assert.equal(await assigned(), 0);
      assert.equal(
        await c.client.clusterAddslotsrange([{ start: 0, end: 99 }, {
          start: 200,
          end: 299,
        }]),
        "OK",
      );
      assert.equal(await assigned(), 200);
      assert.deepEqual(
        (await c.client.clusterShards())[0]?.slots,
        [{ start: 0, end: 99 }, { start: 200, end: 299 }],
      );
      assert.equal(await c.client.clusterFlushslots(), "OK");
      assert.equal(await assigned(), 0);
      assert.equal(
        await c.client.clusterAddslotsrange([{ start: 0, end: 16383 }]),
        "OK",
      );
      await waitFor(
        "cluster_state ok",
        async () => (await c.client.clusterInfo()).cluster_state === "ok",
      );
    },
  );

  it(
    "client.clusterMeet joins a second node and client.clusterLinks describes the bus links",
    SLOW,
    async () => {
      const start = Date.now();
      assert.equal(
        await c.client.clusterMeet("127.0.0.1", d.server.port),
        "OK",
      );
      await waitFor("both nodes to know each other", async () => {
        const [cNodes, dNodes] = [
          await c.client.clusterNodes(),
          await d.client.clusterNodes(),
        ];
        return cNodes.includes(dId) && dNodes.includes(cId) &&
          !cNodes.includes("handshake") && !dNodes.includes("handshake");
      });
      const links = await waitFor("links in both directions", async () => {
        const links = await c.client.clusterLinks();
        return links.some((link) => link.direction === "to") &&
          links.some((link) => link.direction === "from") && links;
      });
      for (const link of links) {
        assert.equal(link.node, dId);
        assert.ok(link.createTime >= start - 1000, String(link.createTime));
        assert.ok(["", "r", "w", "rw"].includes(link.events), link.events);
        assert.equal(typeof link.sendBufferAllocated, "number");
        assert.equal(typeof link.sendBufferUsed, "number");
      }
      assert.equal((await c.client.clusterInfo()).cluster_known_nodes, 2);
    },
  );

  it("client.clusterLinks gives the same links on RESP2 and RESP3", async () => {
    const links = await parity(
      c,
      async (client: RedisClient) =>
        (await client.clusterLinks()).map((
          { direction, node, createTime },
        ) => ({
          direction,
          node,
          createTime,
        })).sort((a, b) => a.direction.localeCompare(b.direction)),
    );
    assert.deepEqual(links.map((link) => link.direction), ["from", "to"]);
  });

  it(
    "client.clusterReplicate makes a replica that clusterReplicas, clusterSlaves, clusterShards and clusterSlots show",
    SLOW,
    async () => {
      assert.equal(await d.client.clusterReplicate(cId), "OK");
      const replicas = await waitFor("the replica to be listed", async () => {
        const lines = await c.client.clusterReplicas(cId);
        return lines.length === 1 && lines;
      });
      assert.ok(replicas[0]?.startsWith(`${dId} 127.0.0.1:${d.server.port}`));
      assert.ok(replicas[0]?.includes(` slave ${cId} `), replicas[0]);
      // The ping-sent and pong-received times move between two calls.
      const timeless = (line: string) =>
        line.split(" ").map((field, i) => (i === 4 || i === 5 ? "*" : field))
          .join(" ");
      assert.deepEqual(
        (await c.client.clusterSlaves(cId)).map(timeless),
        replicas.map(timeless),
      );
      const bytes = await c.client.bytes.clusterReplicas(cId);
      assert.ok(bytes[0] instanceof Uint8Array);
      assert.deepEqual(
        bytes.map((line) => timeless(new TextDecoder().decode(line))),
        replicas.map(timeless),
      );
      assert.equal(await c.client.clusterCountFailureReports(dId), 0);

      // CLUSTER SLOTS lists a replica once its replication offset is not 0:
      // a write moves it on (else the master's next ping does, in 10 s).
      await c.client.set("foo", "bar");
      const range = await waitFor("the replica in CLUSTER SLOTS", async () => {
        const [range] = await c.client.clusterSlots();
        return range?.replicas.length === 1 && range;
      });
      assert.deepEqual(range.replicas, [{
        host: "127.0.0.1",
        port: d.server.port,
        id: dId,
        metadata: {},
      }]);
      // Valkey 8.0 groups CLUSTER SHARDS by shard ID, which the replica
      // takes from its master by gossip some time after CLUSTER REPLICATE
      // (until then it shows as a shard of its own): wait for one shard.
      const shard = await waitFor(
        "the replica in its master's shard",
        async () => {
          const shards = await c.client.clusterShards();
          return shards.length === 1 && shards[0];
        },
      );
      assert.deepEqual(
        shard.nodes.map((node) => [node.id, node.role]).sort(),
        [[cId, "master"], [dId, "replica"]].sort(),
      );
    },
  );

  it("client.clusterSlots and client.clusterShards give the same result on RESP2 and RESP3 with a replica", async () => {
    const result = await parity(c, async (client: RedisClient) => ({
      slots: await client.clusterSlots(),
      shards: (await client.clusterShards()).map((shard) => ({
        slots: shard.slots,
        // Offsets move with replication pings; compare the rest.
        nodes: shard.nodes.map(({ replicationOffset: _, ...node }) => node)
          .sort((a, b) => a.role.localeCompare(b.role)),
      })),
    }));
    assert.equal(result.slots[0]?.replicas.length, 1);
    assert.equal(result.shards[0]?.nodes.length, 2);
  });

  it(
    "client.readonly lets a replica serve reads until client.readwrite",
    SLOW,
    async () => {
      await c.client.set("foo", "bar");
      await rejectsWith(d.client.get("foo"), "MOVED", /12182/);
      assert.equal(await d.client.readonly(), "OK");
      assert.equal(
        await waitFor(
          "the replica to have the key",
          async () => (await d.client.get("foo")) ?? undefined,
        ),
        "bar",
      );
      assert.equal(await d.client.readwrite(), "OK");
      await rejectsWith(d.client.get("foo"), "MOVED", /12182/);
    },
  );

  it(
    "client.clusterFailover with takeover makes the replica the master",
    SLOW,
    async () => {
      assert.equal(await d.client.clusterFailover({ takeover: true }), "OK");
      await waitFor("the old master to become a replica", async () => {
        const lines = await d.client.clusterReplicas(dId);
        return lines.length === 1 && lines[0]!.startsWith(cId);
      });
      const [shard] = await d.client.clusterShards();
      assert.equal(
        shard?.nodes.find((node) => node.id === dId)?.role,
        "master",
      );
      await rejectsWith(d.client.clusterFailover(), "ERR", /replica/);
    },
  );

  it(
    "client.clusterForget drops a node and client.clusterReset returns one to a fresh state",
    SLOW,
    async () => {
      await waitFor(
        "the old master to see itself as a replica",
        async () => (await c.client.clusterNodes()).includes("myself,slave"),
      );
      assert.equal(await d.client.clusterForget(cId), "OK");
      assert.equal((await d.client.clusterInfo()).cluster_known_nodes, 1);
      assert.ok(!(await d.client.clusterNodes()).includes(cId));

      assert.equal(await c.client.clusterReset({ hard: true }), "OK");
      const newId = await c.client.clusterMyid();
      assert.notEqual(newId, cId);
      const info = await c.client.clusterInfo();
      assert.equal(info.cluster_known_nodes, 1);
      assert.equal(info.cluster_slots_assigned, 0);
      assert.equal(info.cluster_my_epoch, 0);
      assert.equal(await c.client.clusterReset({ soft: true }), "OK");
      assert.equal(await c.client.clusterMyid(), newId);
    },
  );
});

describe("cluster command option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;
  /** Asserts that `build` throws a `TypeError` whose message matches. */
  const rejects = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (e) => e instanceof TypeError && message.test(e.message),
    );

  it("cluster commands reject unknown option keys with a TypeError naming the key", () => {
    // The slot ranges of CLUSTER ADDSLOTSRANGE and DELSLOTSRANGE.
    rejects(
      () => commands.clusterAddslotsrange.build(loose([{ start: 0, END: 5 }])),
      /^Unknown CLUSTER ADDSLOTSRANGE slot range "END": did you mean "end"\?$/,
    );
    rejects(
      () =>
        commands.clusterDelslotsrange.build(
          loose([{ start: 0, end: 5 }, { start: 7, end: 9, Start: 8 }]),
        ),
      /^Unknown CLUSTER DELSLOTSRANGE slot range "Start": did you mean "start"\?$/,
    );
    assert.deepEqual(
      commands.clusterAddslotsrange.build([
        { start: 0, end: 5 },
        { start: 10, end: 10 },
      ]),
      ["CLUSTER", "ADDSLOTSRANGE", 0, 5, 10, 10],
    );
    // The CLUSTER SETSLOT action.
    rejects(
      () => commands.clusterSetslot.build(42, loose({ Node: "abc" })),
      /^Unknown CLUSTER SETSLOT action "Node": did you mean "node"\?$/,
    );
    rejects(
      () =>
        commands.clusterSetslot.build(
          42,
          loose({ node: "abc", STABLE: true }),
        ),
      /^Unknown CLUSTER SETSLOT action "STABLE": did you mean "stable"\?$/,
    );
    assert.deepEqual(commands.clusterSetslot.build(42, { importing: "abc" }), [
      "CLUSTER",
      "SETSLOT",
      42,
      "IMPORTING",
      "abc",
    ]);
    assert.deepEqual(commands.clusterSetslot.build(42, { stable: true }), [
      "CLUSTER",
      "SETSLOT",
      42,
      "STABLE",
    ]);
    // CLUSTER FAILOVER and CLUSTER RESET.
    rejects(
      () => commands.clusterFailover.build(loose({ FORCE: true })),
      /^Unknown CLUSTER FAILOVER option "FORCE": did you mean "force"\?$/,
    );
    assert.deepEqual(commands.clusterFailover.build({ takeover: true }), [
      "CLUSTER",
      "FAILOVER",
      "TAKEOVER",
    ]);
    rejects(
      () => commands.clusterReset.build(loose({ HARD: true })),
      /^Unknown CLUSTER RESET option "HARD": did you mean "hard"\?$/,
    );
    assert.deepEqual(commands.clusterReset.build({ soft: true }), [
      "CLUSTER",
      "RESET",
      "SOFT",
    ]);
    assert.deepEqual(commands.clusterReset.build({}), ["CLUSTER", "RESET"]);
  });
});
