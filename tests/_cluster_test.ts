/**
 * Tests of the private Redis Cluster helper itself (`_cluster.ts`), against
 * real `redis-server` processes.
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import type * as net from "node:net";
import * as tls from "node:tls";
import process from "node:process";
import {
  type ClusterNode,
  keySlot,
  startCluster,
  type TestCluster,
} from "./_cluster.ts";
import { connectTcp } from "./_process.ts";

/** Cluster start-up and failovers outlast bun's default 5 s timeout. */
const LONG = { timeout: 60_000 };

/** Sends raw RESP on a fresh connection; resolves with the reply text once it contains `until`. */
function exchange(
  socket: net.Socket,
  request: string,
  until: RegExp,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = "";
    socket.on("data", (chunk: Uint8Array) => {
      text += new TextDecoder().decode(chunk);
      if (until.test(text)) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.once("error", reject);
    socket.once(
      "close",
      () => reject(new Error(`closed before ${until}; got ${text}`)),
    );
    socket.write(request);
  });
}

function connectTls(port: number, ca: string): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: "127.0.0.1", port, ca });
    socket.once("secureConnect", () => {
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

function resp(...args: string[]): string {
  return `*${args.length}\r\n` +
    args.map((arg) => `$${new TextEncoder().encode(arg).length}\r\n${arg}\r\n`)
      .join("");
}

/** [first, last, masterPort, ...replicaPorts] per range of CLUSTER SLOTS. */
async function slotRanges(
  cluster: TestCluster,
  node: ClusterNode,
): Promise<number[][]> {
  const slots = await cluster.command(node, "CLUSTER", "SLOTS") as [
    number,
    number,
    ...[string, number, string][],
  ][];
  return slots.map(([first, last, ...nodes]) => [
    first,
    last,
    ...nodes.map((n) => n[1]),
  ]).sort((a, b) => a[0]! - b[0]!);
}

/** Asserts that no process of `cluster` runs and its dir is gone. */
async function assertStopped(
  cluster: TestCluster,
  pids: number[],
): Promise<void> {
  for (const pid of pids) {
    assert.throws(() => process.kill(pid, 0), { code: "ESRCH" });
  }
  for (const node of cluster.nodes) {
    await assert.rejects(connectTcp(node.port), { code: "ECONNREFUSED" });
  }
  assert.equal(fs.existsSync(cluster.dir), false);
}

describe("startCluster (3 masters, 1 replica each)", () => {
  let cluster: TestCluster;
  before(async () => {
    cluster = await startCluster();
  }, LONG);
  after(async () => {
    await cluster?.stop();
  });

  it("covers all 16384 slots with 3 masters of one replica each", async () => {
    assert.equal(cluster.nodes.length, 6);
    const masters = cluster.masters();
    assert.equal(masters.length, 3);
    assert.equal(cluster.replicas().length, 3);
    assert.deepEqual(cluster.seeds, cluster.nodes.map((n) => n.url));
    for (const node of cluster.nodes) {
      assert.notEqual(node.port, 6379);
      assert.equal(node.url, `redis://127.0.0.1:${node.port}`);
      assert.match(node.id, /^[0-9a-f]{40}$/);
      assert.ok(node.alive && node.pid > 0);
      assert.equal(node.tlsPort, undefined);
    }
    for (const master of masters) {
      const [replica, ...more] = cluster.replicasOf(master);
      assert.deepEqual(more, []);
      assert.equal(replica?.masterId, master.id);
    }
    for (const node of cluster.nodes) {
      const ranges = await slotRanges(cluster, node);
      assert.equal(ranges.length, 3);
      let next = 0;
      for (const [first, last, masterPort, ...replicaPorts] of ranges) {
        assert.equal(first, next);
        next = last! + 1;
        const master = masters.find((m) => m.port === masterPort)!;
        assert.ok(master, `range ${first}-${last} served by a master`);
        assert.deepEqual(
          replicaPorts,
          cluster.replicasOf(master).map((r) => r.port),
        );
      }
      assert.equal(next, 16384);
      const info = await cluster.cli(node, "CLUSTER", "INFO");
      assert.match(info, /cluster_state:ok/);
      assert.match(info, /cluster_slots_ok:16384/);
      assert.match(info, /cluster_known_nodes:6/);
    }
  });

  it("keySlot() agrees with CLUSTER KEYSLOT", async () => {
    const node = cluster.nodes[0]!;
    for (
      const key of [
        "",
        "a",
        "foo",
        "{user1000}.following",
        "{}x",
        "{a",
        "a{}{b}",
        "é☃",
      ]
    ) {
      assert.equal(
        keySlot(key),
        await cluster.command(node, "CLUSTER", "KEYSLOT", key),
        key,
      );
    }
    assert.equal(keySlot("{user1000}.a"), keySlot("user1000"));
  });

  it("SET and GET through the slot owner; others redirect", async () => {
    const key = "owner-test";
    const owner = await cluster.slotOwner(keySlot(key));
    assert.equal(owner.role, "master");
    assert.equal(await cluster.command(owner, "SET", key, "v"), "OK");
    assert.equal(await cluster.command(owner, "GET", key), "v");
    const other = cluster.masters().find((m) => m !== owner)!;
    await assert.rejects(
      cluster.command(other, "GET", key),
      new RegExp(`MOVED ${keySlot(key)} 127.0.0.1:${owner.port}`),
    );
    assert.equal(await cluster.cli(other, "-c", "GET", key), "v");
  });

  it(
    "failover() swaps the roles of a replica and its master",
    LONG,
    async () => {
      const master = cluster.masters()[0]!;
      const replica = cluster.replicasOf(master)[0]!;
      await cluster.failover(replica);
      assert.equal(replica.role, "master");
      assert.equal(replica.masterId, undefined);
      assert.equal(master.role, "replica");
      assert.equal(master.masterId, replica.id);
      assert.deepEqual(cluster.replicasOf(replica), [master]);
      assert.match(
        await cluster.cli(replica, "INFO", "replication"),
        /role:master/,
      );
      assert.equal(cluster.masters().length, 3);
    },
  );

  it("moveSlot() moves a slot with its keys", LONG, async () => {
    const tag = "{moving}";
    const slot = keySlot(tag);
    const keys = Array.from({ length: 250 }, (_, i) => `${tag}${i}`);
    const from = await cluster.slotOwner(slot);
    const to = cluster.masters().find((m) => m !== from)!;
    assert.equal(
      await cluster.command(from, "MSET", ...keys.flatMap((k) => [k, k])),
      "OK",
    );
    await cluster.moveSlot(slot, from, to);
    assert.equal(await cluster.slotOwner(slot), to);
    const s = String(slot);
    assert.equal(
      await cluster.command(to, "CLUSTER", "COUNTKEYSINSLOT", s),
      250,
    );
    assert.equal(
      await cluster.command(from, "CLUSTER", "COUNTKEYSINSLOT", s),
      0,
    );
    assert.equal(await cluster.command(to, "GET", `${tag}7`), `${tag}7`);
    for (const node of cluster.nodes) {
      const ranges = await slotRanges(cluster, node);
      const range = ranges.find(([first, last]) =>
        first! <= slot && slot <= last!
      );
      assert.equal(range?.[2], to.port);
    }
  });

  it(
    "kill() a master: its replica takes over; restart() brings it back as a replica",
    LONG,
    async () => {
      const master = cluster.masters()[0]!;
      const replica = cluster.replicasOf(master)[0]!;
      const pid = master.pid;
      await cluster.kill(master);
      assert.equal(master.alive, false);
      assert.throws(() => process.kill(pid, 0), { code: "ESRCH" });
      await cluster.waitForAgreement();
      assert.equal(replica.role, "master");
      assert.ok(!cluster.masters().includes(master));
      await cluster.restart(master);
      assert.equal(master.alive, true);
      assert.notEqual(master.pid, pid);
      assert.equal(master.role, "replica");
      assert.equal(master.masterId, replica.id);
      assert.equal(cluster.masters().length, 3);
      assert.equal(cluster.replicas().length, 3);
    },
  );
});

describe("startCluster (1 master, no replicas)", () => {
  let cluster: TestCluster;
  before(async () => {
    cluster = await startCluster({ masters: 1, replicasPerMaster: 0 });
  }, LONG);
  after(async () => {
    await cluster?.stop();
  });

  it("serves every slot from one node", async () => {
    const [node, ...more] = cluster.nodes;
    assert.deepEqual(more, []);
    assert.deepEqual(cluster.masters(), [node]);
    assert.deepEqual(cluster.replicas(), []);
    assert.deepEqual(await slotRanges(cluster, node!), [[
      0,
      16383,
      node!.port,
    ]]);
    assert.equal(await cluster.slotOwner(12345), node);
    assert.equal(await cluster.cli(node!, "SET", "a", "1"), "OK");
    assert.equal(await cluster.cli(node!, "GET", "a"), "1");
  });

  it("stop() ends every process and removes the dir", async () => {
    const pids = cluster.nodes.map((n) => n.pid);
    await cluster.stop();
    await cluster.stop(); // idempotent
    await assertStopped(cluster, pids);
  });
});

describe("startCluster (tls)", () => {
  let cluster: TestCluster;
  before(async () => {
    cluster = await startCluster({ tls: true, masters: 2 });
  }, LONG);
  after(async () => {
    await cluster?.stop();
  });

  it("exposes TLS ports, rediss:// seeds and the CA", () => {
    assert.equal(cluster.nodes.length, 4);
    assert.match(cluster.caCert ?? "", /-----BEGIN CERTIFICATE-----/);
    assert.equal(fs.readFileSync(cluster.caFile!, "utf8"), cluster.caCert);
    for (const node of cluster.nodes) {
      assert.equal(typeof node.tlsPort, "number");
      assert.equal(node.tlsUrl, `rediss://127.0.0.1:${node.tlsPort}`);
    }
    assert.deepEqual(cluster.seeds, cluster.nodes.map((n) => n.tlsUrl));
  });

  it("answers PING over TLS, and CLUSTER SLOTS with TLS ports", async () => {
    for (const node of cluster.nodes) {
      const socket = await connectTls(node.tlsPort!, cluster.caCert!);
      assert.equal(socket.authorized, true);
      assert.equal(await exchange(socket, resp("PING"), /\r\n/), "+PONG\r\n");
    }
    const node = cluster.nodes[0]!;
    const socket = await connectTls(node.tlsPort!, cluster.caCert!);
    const slots = await exchange(
      socket,
      resp("CLUSTER", "SLOTS") + resp("PING"),
      /\+PONG\r\n$/,
    );
    for (const other of cluster.nodes) {
      assert.ok(slots.includes(`:${other.tlsPort}\r\n`), slots);
      assert.ok(!slots.includes(`:${other.port}\r\n`), slots);
    }
    // redis-cli over TLS too; later -p wins.
    assert.equal(
      await cluster.cli(
        node,
        "--tls",
        "--cacert",
        cluster.caFile!,
        "-p",
        String(node.tlsPort),
        "PING",
      ),
      "PONG",
    );
  });

  it("replicates over TLS", async () => {
    const key = "{tls}k";
    const owner = await cluster.slotOwner(keySlot(key));
    assert.equal(await cluster.command(owner, "SET", key, "v"), "OK");
    assert.equal(await cluster.command(owner, "WAIT", "1", "5000"), 1);
    const replica = cluster.replicasOf(owner)[0]!;
    assert.equal(await cluster.cli(replica, "READONLY"), "OK");
  });

  it("stop() ends every process and removes the dir", async () => {
    const pids = cluster.nodes.map((n) => n.pid);
    await cluster.stop();
    await assertStopped(cluster, pids);
  });
});

describe("startCluster failures", () => {
  it("reports a node that cannot start, with its log", async () => {
    await assert.rejects(
      startCluster({
        masters: 1,
        replicasPerMaster: 0,
        args: ["--no-such-option", "1"],
      }),
      /could not start the cluster[\s\S]*no-such-option/,
    );
  });

  it("rejects nonsense sizes", async () => {
    await assert.rejects(startCluster({ masters: 0 }), RangeError);
    await assert.rejects(startCluster({ replicasPerMaster: -1 }), RangeError);
  });
});
