/**
 * ClusterRouter against a real 3-master cluster: commands reach the master
 * of their key's slot, MOVED after a slot moved is followed and patches
 * the map, ASK during a migration is followed without changing it.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { ClusterRouter } from "../../src/cluster/router.ts";
import { commandSlot } from "../../src/cluster/routing.ts";
import { Commander } from "../../src/commander.ts";
import { keySlot } from "../../src/cluster/slots.ts";
import { commandCalls, startCluster, type TestCluster } from "../_cluster.ts";
import { uniqueKey, until } from "../_support.ts";
import { openRouter } from "./_router.ts";
import { ReplyError } from "../../src/errors.ts";

describe("ClusterRouter", () => {
  let cluster: TestCluster;
  let router: ClusterRouter;

  before(async () => {
    cluster = await startCluster({ masters: 3, replicasPerMaster: 0 });
    router = await openRouter(cluster, {
      minRefreshInterval: 50,
    });
  });

  after(async () => {
    await router?.close();
    await cluster?.stop();
  });

  const send = (...argv: string[]) =>
    router.send(argv, undefined, false, undefined, 0);

  it("commandSlot finds the first key by the declarations, and none for keyless commands", () => {
    assert.equal(commandSlot(["GET", "foo"]), keySlot("foo"));
    assert.equal(commandSlot(["get", "{user:1}:a"]), keySlot("user:1"));
    assert.equal(commandSlot(["MSET", "a", "1", "b", "2"]), keySlot("a"));
    assert.equal(
      commandSlot(["XREAD", "COUNT", "1", "STREAMS", "s1", "0"]),
      keySlot("s1"),
    );
    assert.equal(commandSlot(["OBJECT", "ENCODING", "k"]), keySlot("k"));
    assert.equal(commandSlot(["PING"]), undefined);
    assert.equal(commandSlot(["NOSUCHCOMMAND", "k"]), undefined);
  });

  it("ClusterRouter sends each command to the master of its key's slot", async () => {
    const keys = Array.from({ length: 300 }, (_, i) => uniqueKey(`route${i}`));
    await Promise.all(keys.map((key) => send("SET", key, `v:${key}`)));
    const values = await Promise.all(keys.map((key) => send("GET", key)));
    assert.deepEqual(values, keys.map((key) => `v:${key}`));
    // Each key is on the node that owns its slot, as the cluster sees it.
    for (const key of keys.slice(0, 30)) {
      const owner = await cluster.slotOwner(keySlot(key));
      assert.equal(await cluster.command(owner, "GET", key), `v:${key}`);
      assert.equal(router.map.masterOf(keySlot(key))?.port, owner.port);
    }
    assert.equal(await send("PING"), "PONG");
  });

  it("ClusterRouter follows MOVED after a slot moved, and patches its map", async () => {
    const key = uniqueKey("moved");
    const slot = keySlot(key);
    await send("SET", key, "before");
    const from = await cluster.slotOwner(slot);
    const to = cluster.masters().find((node) => node.port !== from.port)!;
    await cluster.moveSlot(slot, from, to);
    assert.equal(router.map.masterOf(slot)?.port, from.port);
    assert.equal(await send("GET", key), "before");
    assert.equal(router.map.masterOf(slot)?.port, to.port);
    await send("SET", key, "after");
    assert.equal(await cluster.command(to, "GET", key), "after");
  });

  it("ClusterRouter follows ASK during a migration without changing its map", async () => {
    const key = uniqueKey("ask");
    const slot = keySlot(key);
    await send("SET", key, "migrating");
    const from = await cluster.slotOwner(slot);
    const to = cluster.masters().find((node) => node.port !== from.port)!;
    await cluster.beginSlotMigration(slot, from, to);
    try {
      assert.equal(await cluster.migrateKeys(slot, from, to, [key]), 1);
      // The source answers ASK: the router asks the target, once.
      assert.equal(await send("GET", key), "migrating");
      assert.equal(router.map.masterOf(slot)?.port, from.port);
      // A new key of the slot while migrating: the source does not have
      // it, so ASK sends it to the target as well.
      await send("SET", `{${key}}:fresh`, "new");
    } finally {
      // Other tests' keys may share the slot: they move too.
      await cluster.migrateKeys(slot, from, to);
      await cluster.endSlotMigration(slot, from, to);
    }
    assert.equal(await cluster.command(to, "GET", `{${key}}:fresh`), "new");
    assert.equal(await send("GET", key), "migrating");
    assert.equal(router.map.masterOf(slot)?.port, to.port);
  });

  it("ClusterRouter splits MSET, MGET, DEL and EXISTS over slots and merges in the caller's order", async () => {
    const keys = Array.from({ length: 200 }, (_, i) => uniqueKey(`split${i}`));
    assert.ok(new Set(keys.map(keySlot)).size > 150);
    const surface = new Commander(router);
    assert.equal(
      await send("MSET", ...keys.flatMap((key) => [key, `v:${key}`])),
      "OK",
    );
    assert.deepEqual(
      await surface.mget(...keys, "missing{x}"),
      [...keys.map((key) => `v:${key}`), null],
    );
    assert.equal(await send("EXISTS", ...keys, ...keys.slice(0, 10)), 210);
    assert.equal(await surface.del(...keys.slice(0, 50)), 50);
    assert.equal(await send("UNLINK", ...keys.slice(0, 60)), 10);
    assert.equal(await surface.existsCount(...keys), 140);
    // MSETNX must stay atomic: the server's CROSSSLOT, unchanged.
    await assert.rejects(
      send("MSETNX", keys[0]!, "1", keys[1]!, "2"),
      (error: unknown) =>
        error instanceof Error && /^CROSSSLOT/.test(error.message),
    );
  });

  /** The calls of `command` on every master so far, from commandstats. */
  async function callsOnMasters(command: string) {
    return await Promise.all(
      cluster.masters().map((master) => commandCalls(cluster, master, command)),
    );
  }

  it("ClusterRouter sends DBSIZE and KEYS to every master and combines the replies, and PING to one master", async () => {
    const prefix = uniqueKey("fan");
    const keys = Array.from({ length: 30 }, (_, i) => `${prefix}:${i}`);
    await send("MSET", ...keys.flatMap((key) => [key, "1"]));
    let total = 0;
    for (const master of cluster.masters()) {
      total += Number(await cluster.command(master, "DBSIZE"));
    }
    const surface = new Commander(router);
    assert.equal(await surface.dbsize(), total);
    assert.deepEqual(
      (await surface.keys(`${prefix}:*`)).sort(),
      [...keys].sort(),
    );
    const before = await callsOnMasters("ping");
    assert.equal(await send("PING"), "PONG");
    const after = await callsOnMasters("ping");
    assert.deepEqual(
      after.map((calls, i) => calls - before[i]!).sort(),
      [0, 0, 1],
    );
  });

  it("ClusterRouter.sendBatch runs a pipeline of 10,000 mixed commands on every node, results in the caller's order", async () => {
    const surface = new Commander(router);
    const keys = Array.from({ length: 2500 }, (_, i) => uniqueKey(`pipe${i}`));
    const pipeline = surface.pipeline();
    for (const key of keys) {
      pipeline.set(key, key).get(key).incr(`${key}:n`).incr(key);
    }
    const results = await pipeline.exec();
    assert.equal(results.length, 10_000);
    keys.forEach((key, i) => {
      assert.equal(results[4 * i], "OK");
      assert.equal(results[4 * i + 1], key);
      assert.equal(results[4 * i + 2], 1);
      // INCR of text: the error in its place, the rest ran.
      const error: unknown = results[4 * i + 3];
      assert.ok(error instanceof ReplyError && error.code === "ERR");
    });
    const owners = new Set(
      keys.map((key) => router.map.masterOf(keySlot(key))?.port),
    );
    assert.equal(owners.size, 3);
  });

  it("ClusterRouter splits MSET, MGET, EXISTS, TOUCH, DEL and UNLINK of 10,000 keys by slot and merges them in the caller's order", async () => {
    const surface = new Commander(router);
    const prefix = uniqueKey("split");
    const keys = Array.from({ length: 10_000 }, (_, i) => `${prefix}:${i}`);
    const slots = new Set(keys.map((key) => keySlot(key)));
    assert.ok(slots.size > 5000, `${slots.size} slots`);
    await surface.mset(Object.fromEntries(keys.map((key) => [key, `v${key}`])));
    // Every key on its slot's master, as the cluster sees it.
    for (const key of keys.slice(0, 20)) {
      const owner = await cluster.slotOwner(keySlot(key));
      assert.equal(await cluster.command(owner, "GET", key), `v${key}`);
    }
    const missing = `${prefix}:missing`;
    const asked = [...keys.slice(5000), missing, ...keys.slice(0, 5000)];
    assert.deepEqual(
      await surface.mget(...asked),
      asked.map((key) => (key === missing ? null : `v${key}`)),
    );
    assert.equal(await surface.existsCount(...asked), 10_000);
    assert.equal(await surface.touch(...asked), 10_000);
    assert.equal(await surface.del(...keys.slice(0, 5000), missing), 5000);
    assert.equal(await surface.unlink(...keys), 5000);
    assert.equal(await surface.existsCount(...keys), 0);
  });

  it("ClusterRouter.sendBatch keeps the order of one node's commands when some of them are split or sent on their own", async () => {
    const surface = new Commander(router);
    const tag = uniqueKey("order");
    const [a, b] = [`{${tag}}:a`, `{${tag}}:b`];
    const other = uniqueKey("elsewhere");
    const results = await surface.pipeline()
      .set(a, "1")
      .mget(a, b) // one slot, but a command with a split policy
      .ping()
      .set(a, "2")
      .get(a)
      .mget(a, other) // two slots: split
      .exec();
    assert.deepEqual(results, ["OK", ["1", null], "PONG", "OK", "2", [
      "2",
      null,
    ]]);
  });

  it("ClusterRouter.sendBatch follows MOVED and ASK for each command of a pipeline written as one batch per node", async () => {
    const surface = new Commander(router);
    const tag = uniqueKey("moving");
    const slot = keySlot(tag);
    const keys = Array.from({ length: 20 }, (_, i) => `{${tag}}:${i}`);
    await surface.mset(Object.fromEntries(keys.map((key) => [key, key])));
    const from = await cluster.slotOwner(slot);
    const to = cluster.masters().find((node) => node.port !== from.port)!;
    // The slot moves behind the router's back: every GET meets MOVED.
    await cluster.moveSlot(slot, from, to);
    const moved = surface.pipeline();
    for (const key of keys) moved.get(key);
    assert.deepEqual(await moved.exec(), keys);
    assert.equal(router.map.masterOf(slot)?.port, to.port);
    // Half the keys migrate back: those meet ASK, the rest are served.
    await cluster.beginSlotMigration(slot, to, from);
    try {
      await cluster.migrateKeys(slot, to, from, keys.slice(0, 10));
      const asking = await callsOnMasters("asking");
      const asked = surface.pipeline();
      for (const key of keys) asked.get(key);
      assert.deepEqual(await asked.exec(), keys);
      const now = await callsOnMasters("asking");
      assert.equal(
        now.reduce((sum, calls, i) => sum + calls - asking[i]!, 0),
        10,
      );
    } finally {
      await cluster.migrateKeys(slot, to, from);
      await cluster.endSlotMigration(slot, to, from);
    }
  });

  it("ClusterRouter.sendBatch refuses, in a pipeline, a command for every node before sending anything", async () => {
    const surface = new Commander(router);
    const key = uniqueKey("refused");
    await assert.rejects(
      surface.pipeline().set(key, "1").dbsize().exec(),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message ===
          'Cannot send "DBSIZE" in a pipeline over a cluster: it goes to every node; send it on its own',
    );
    assert.equal(await send("EXISTS", key), 0);
  });

  it("ClusterRouter.sendBatch runs a transaction whole on its slot's master, and is refused across slots", async () => {
    const surface = new Commander(router);
    const tag = uniqueKey("tx");
    const results = await surface.multi()
      .set(`{${tag}}:a`, "1")
      .incr(`{${tag}}:a`)
      .get(`{${tag}}:a`)
      .exec();
    assert.deepEqual(results, ["OK", 2, "2"]);
    const a = uniqueKey("txa");
    let b = uniqueKey("txb");
    while (keySlot(b) === keySlot(a)) b = uniqueKey("txb");
    await assert.rejects(
      surface.multi().set(a, "1").set(b, "2").exec(),
      (error: unknown) =>
        error instanceof TypeError &&
        error.message.startsWith(
          `A transaction over a cluster needs all its keys in one slot: "${a}" is in slot ${
            keySlot(a)
          } and "${b}" in slot ${keySlot(b)}`,
        ),
    );
    assert.equal(await send("EXISTS", a), 0);
  });

  it("ClusterRouter finds a slot move no command ran into by its periodic refresh", async () => {
    const watcher = await ClusterRouter.open({
      seeds: [{ host: "127.0.0.1", port: cluster.nodes[0]!.port }],
      refreshInterval: 50,
    });
    try {
      const slot = keySlot(uniqueKey("periodic"));
      const from = await cluster.slotOwner(slot);
      const to = cluster.masters().find((node) => node.port !== from.port)!;
      assert.equal(watcher.map.masterOf(slot)?.port, from.port);
      await cluster.moveSlot(slot, from, to);
      await until(
        () => watcher.map.masterOf(slot)?.port === to.port,
        "the periodic refresh to see the move",
      );
    } finally {
      await watcher.close();
    }
  });

  it("ClusterRouter.sendBatch sends a transaction whole to the new owner after a MOVED", async () => {
    const surface = new Commander(router);
    const tag = uniqueKey("txmoved");
    const key = `{${tag}}:n`;
    await surface.set(key, "1");
    const slot = keySlot(key);
    const from = await cluster.slotOwner(slot);
    const to = cluster.masters().find((node) => node.port !== from.port)!;
    await cluster.moveSlot(slot, from, to);
    assert.equal(router.map.masterOf(slot)?.port, from.port);
    const results = await surface.multi().incr(key).get(key).exec();
    assert.deepEqual(results, [2, "2"]);
    assert.equal(router.map.masterOf(slot)?.port, to.port);
    assert.equal(await cluster.command(to, "GET", key), "2");
  });

  it("ClusterRouter sends FLUSHALL and FLUSHDB to every master, and all must succeed", async () => {
    const surface = new Commander(router);
    const keys = Array.from({ length: 300 }, (_, i) => uniqueKey(`flush${i}`));
    await surface.mset(Object.fromEntries(keys.map((key) => [key, "1"])));
    for (const master of cluster.masters()) {
      assert.ok(Number(await cluster.command(master, "DBSIZE")) > 0);
    }
    assert.equal(await surface.flushdb(), "OK");
    for (const master of cluster.masters()) {
      assert.equal(Number(await cluster.command(master, "DBSIZE")), 0);
    }
    await surface.mset(Object.fromEntries(keys.map((key) => [key, "1"])));
    assert.equal(await surface.flushall(), "OK");
    assert.equal(await surface.dbsize(), 0);
  });
});
