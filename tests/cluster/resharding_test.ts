/**
 * ClusterRouter through a resharding under load: 100 callers keep GETting
 * known values, SETting and reading back their own keys, INCRing their own
 * counters and MGETting across slots while five slots move, key batch by
 * key batch, from one master to another. Some keys of a migrating slot are
 * on the source and some on the target (ASK, TRYAGAIN), then the slot is
 * the target's (MOVED). No error reaches a caller, every reply is right,
 * no INCR runs twice, every call settles, and the keys and the router's
 * map end up on the target.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { ClusterRouter } from "../../src/cluster/router.ts";
import { keySlot, type NodeAddress } from "../../src/cluster/slots.ts";
import {
  type ClusterNode,
  startCluster,
  type TestCluster,
} from "../_cluster.ts";
import { until } from "../_support.ts";
import { openRouter } from "./_router.ts";

const SLOTS = 5;
const KEYS_PER_SLOT = 200;
const CALLERS = 100;
/** Keys `MIGRATE`d at a time, with traffic in between. */
const BATCH = 40;

/** A slot to move: its hash tag and the keys it holds from the start. */
interface Moving {
  tag: string;
  slot: number;
  keys: string[];
}

interface Caller {
  /** Its own key, SET with rising versions and read back. */
  setKey: string;
  version: number;
  /** Its own counter. */
  counter: string;
  incrs: number;
}

/** `field:value` of an INFO section's `name:` line (0 when absent). */
function infoCount(info: unknown, name: string, field: string): number {
  const line = new RegExp(`^${name}:(.*?)\\r?$`, "m").exec(String(info))?.[1];
  const value = line?.split(",").find((part) => part.startsWith(`${field}=`));
  return value === undefined ? 0 : Number(value.slice(field.length + 1));
}

describe("ClusterRouter resharding", () => {
  let cluster: TestCluster;
  let router: ClusterRouter;

  before(async () => {
    cluster = await startCluster({ masters: 3, replicasPerMaster: 0 });
    router = await openRouter(cluster, {
      minRefreshInterval: 100,
      // Only the redirections move the map: no periodic refresh hides one.
      refreshInterval: Infinity,
    });
  });

  after(async () => {
    await router?.close();
    await cluster?.stop();
  });

  it("ClusterRouter keeps every reply right and every INCR once while five slots move under 100 callers", async () => {
    const [a, b, c] = cluster.masters() as [
      ClusterNode,
      ClusterNode,
      ClusterNode,
    ];
    const owner = (slot: number) => router.map.masterOf(slot)?.port;
    const run = Math.random().toString(36).slice(2, 8);

    // Five slots of A, and one of C that stays put.
    const moving: Moving[] = [];
    for (let n = 0; moving.length < SLOTS; n++) {
      const tag = `reshard${run}-${n}`;
      const slot = keySlot(tag);
      if (owner(slot) !== a.port || moving.some((m) => m.slot === slot)) {
        continue;
      }
      const keys = Array.from(
        { length: KEYS_PER_SLOT },
        (_, i) => `{${tag}}:${i}`,
      );
      moving.push({ tag, slot, keys });
    }
    let stayTag = `stay${run}`;
    for (let n = 0; owner(keySlot(stayTag)) !== c.port; n++) {
      stayTag = `stay${run}-${n}`;
    }
    const staying = Array.from({ length: 20 }, (_, i) => `{${stayTag}}:${i}`);
    const expected = new Map<string, string>();
    for (const key of [...moving.flatMap((m) => m.keys), ...staying]) {
      expected.set(key, `value of ${key}`);
    }
    const send = (...argv: string[]) =>
      router.send(argv, undefined, false, undefined, 0);
    // One MSET over all six slots: split by slot.
    assert.equal(await send("MSET", ...[...expected].flat()), "OK");

    const callers: Caller[] = Array.from({ length: CALLERS }, (_, i) => {
      const tag = moving[i % SLOTS]!.tag;
      return {
        setKey: `{${tag}}:set:${i}`,
        version: 0,
        counter: `{${tag}}:n:${i}`,
        incrs: 0,
      };
    });

    // MOVED seen by the router: each one goes through `topology.moved`.
    let movedSeen = 0;
    const topology = router.topology;
    const moved = topology.moved.bind(topology);
    topology.moved = (slot: number, address: NodeAddress) => {
      movedSeen++;
      moved(slot, address);
    };
    const statsOf = async (node: ClusterNode) => {
      const commandstats = await cluster.command(node, "INFO", "commandstats");
      const errorstats = await cluster.command(node, "INFO", "errorstats");
      return {
        asking: infoCount(commandstats, "cmdstat_asking", "calls"),
        ask: infoCount(errorstats, "errorstat_ASK", "count"),
        moved: infoCount(errorstats, "errorstat_MOVED", "count"),
        tryagain: infoCount(errorstats, "errorstat_TRYAGAIN", "count"),
      };
    };
    const [aBefore, bBefore] = [await statsOf(a), await statsOf(b)];

    const errors: string[] = [];
    const ops = { get: 0, set: 0, incr: 0, mget: 0 };
    let total = 0;
    let started = 0;
    let settled = 0;
    let running = true;
    const pick = <T>(items: readonly T[]): T =>
      items[Math.floor(Math.random() * items.length)]!;
    /** Sends, counting the call as started and settled. */
    const tracked = async (argv: string[]): Promise<unknown> => {
      started++;
      try {
        return await send(...argv);
      } finally {
        settled++;
      }
    };
    const loops = callers.map(async (caller, index) => {
      for (let i = index; running; i++) {
        try {
          switch (i % 4) {
            case 0: {
              const key = pick(pick(moving).keys);
              const value = await tracked(["GET", key]);
              if (value !== expected.get(key)) {
                errors.push(`GET ${key}: ${String(value)}`);
              }
              ops.get++;
              break;
            }
            case 1: {
              const value = `${caller.setKey}@${++caller.version}`;
              const reply = await tracked(["SET", caller.setKey, value]);
              const read = await tracked(["GET", caller.setKey]);
              if (reply !== "OK" || read !== value) {
                errors.push(
                  `SET ${caller.setKey} ${value}: ${String(reply)}, then ${
                    String(read)
                  }`,
                );
              }
              ops.set++;
              break;
            }
            case 2: {
              const reply = await tracked(["INCR", caller.counter]);
              if (reply !== caller.incrs + 1) {
                errors.push(
                  `INCR ${caller.counter}: ${
                    String(reply)
                  } after ${caller.incrs}`,
                );
              }
              caller.incrs++;
              ops.incr++;
              break;
            }
            default: {
              // One key of each moving slot, two more of one of them (a
              // multi-key part: TRYAGAIN while its keys are split), one of
              // the slot that stays, and one that does not exist.
              const twice = pick(moving).keys;
              const keys = [
                ...moving.map((m) => pick(m.keys)),
                pick(twice),
                pick(twice),
                pick(staying),
                `{${stayTag}}:missing`,
              ];
              const values = await tracked(["MGET", ...keys]);
              const want = keys.map((key) => expected.get(key) ?? null);
              if (JSON.stringify(values) !== JSON.stringify(want)) {
                errors.push(
                  `MGET ${keys.join(" ")}: ${JSON.stringify(values)}`,
                );
              }
              ops.mget++;
            }
          }
        } catch (error) {
          errors.push(`${caller.setKey}: ${String(error)}`);
          // Let the other callers run; this one has reported.
          return;
        }
        total++;
      }
    });

    /** Lets `n` more operations through before going on. */
    const traffic = (n: number) => {
      const target = total + n;
      return until(() => total >= target || errors.length > 0, "traffic");
    };

    const startedAt = performance.now();
    await traffic(500);
    for (const m of moving) {
      await cluster.beginSlotMigration(m.slot, a, b);
      await traffic(200);
      // Batch by batch: between two, the slot's keys are on both nodes.
      for (;;) {
        const batch = await cluster.command(
          a,
          "CLUSTER",
          "GETKEYSINSLOT",
          String(m.slot),
          String(BATCH),
        ) as string[];
        if (batch.length === 0) break;
        await cluster.migrateKeys(m.slot, a, b, batch);
        await traffic(100);
      }
      await cluster.endSlotMigration(m.slot, a, b);
      // A answers MOVED for it now, and the router learns from that.
      await until(
        () => owner(m.slot) === b.port || errors.length > 0,
        `slot ${m.slot} on B`,
      );
      await traffic(200);
      // A caller failed: stop here and show why.
      if (errors.length > 0) break;
    }
    running = false;
    await until(() => settled === started, "every call to settle");
    await Promise.all(loops);
    const elapsed = performance.now() - startedAt;

    assert.deepEqual(errors, []);
    const [aAfter, bAfter] = [await statsOf(a), await statsOf(b)];
    const asking = bAfter.asking - bBefore.asking;
    const askSent = aAfter.ask - aBefore.ask;
    const movedSent = aAfter.moved - aBefore.moved;
    const tryagain = aAfter.tryagain - aBefore.tryagain +
      bAfter.tryagain - bBefore.tryagain;
    assert.ok(askSent > 0 && asking > 0, "no ASK followed");
    assert.ok(movedSent > 0 && movedSeen > 0, "no MOVED followed");

    // Everything is on B, with its value; nothing of the slots is left on A.
    for (const m of moving) {
      assert.equal(owner(m.slot), b.port, `slot ${m.slot}`);
      assert.deepEqual(
        await cluster.command(b, "MGET", ...m.keys),
        m.keys.map((key) => expected.get(key)),
        `slot ${m.slot} on B`,
      );
      assert.equal(
        await cluster.command(a, "CLUSTER", "COUNTKEYSINSLOT", String(m.slot)),
        0,
        `slot ${m.slot} on A`,
      );
    }
    // No INCR ran twice (nor was lost), and each SET's last version stands.
    for (const caller of callers) {
      assert.equal(
        Number(await cluster.command(b, "GET", caller.counter)),
        caller.incrs,
        caller.counter,
      );
      assert.equal(
        await cluster.command(b, "GET", caller.setKey),
        caller.version === 0 ? null : `${caller.setKey}@${caller.version}`,
        caller.setKey,
      );
    }
    console.log(
      `resharding: ${SLOTS} slots moved in ${
        Math.round(elapsed)
      } ms under ${total} operations (${ops.get} GET, ${ops.set} SET+GET, ${ops.incr} INCR, ${ops.mget} MGET); ASKING on B ${asking}, ASK from A ${askSent}, MOVED from A ${movedSent}, MOVED followed by the router ${movedSeen}, TRYAGAIN ${tryagain}`,
    );
  });
});
