/**
 * SlotMap: built aside from CLUSTER SHARDS or CLUSTER SLOTS replies, with
 * the endpoint rules, checked, and patched by MOVED without changing the
 * map in use; parseSlot takes only slots the protocol allows.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  parseSlot,
  type ShardsNode,
  SlotMap,
  SLOTS,
} from "../../src/cluster/slots.ts";
import { ProtocolError } from "../../src/errors.ts";

const ASKED = { host: "10.0.0.9", port: 7000 };

function node(
  id: string,
  endpoint: string | null,
  port: number,
  role = "master",
  health = "online",
): ShardsNode {
  return { id, endpoint, port, tlsPort: port + 1000, role, health };
}

const SHARDS = [
  {
    slots: [{ start: 0, end: 5460 }],
    nodes: [
      node("a", "10.0.0.1", 7000),
      node("a2", "10.0.0.2", 7001, "replica"),
    ],
  },
  {
    slots: [{ start: 5461, end: 10922 }],
    nodes: [
      node("b", "", 7002),
      node("b2", "10.0.0.4", 7003, "replica", "failed"),
      node("b3", "?", 7004, "replica"),
    ],
  },
  {
    slots: [{ start: 10923, end: 16000 }, { start: 16001, end: 16383 }],
    nodes: [node("c", null, 7005), node("c2", "10.0.0.6", 7006, "replica")],
  },
];

describe("SlotMap", () => {
  it("SlotMap.fromShards routes every slot to its master, with the endpoint rules", () => {
    const map = SlotMap.fromShards(SHARDS, ASKED);
    assert.equal(map.covered, SLOTS);
    assert.deepEqual(map.masterOf(0), {
      host: "10.0.0.1",
      port: 7000,
      id: "a",
    });
    assert.deepEqual(map.masterOf(5460)?.id, "a");
    // "" and null mean the address that was asked.
    assert.deepEqual(map.masterOf(5461), {
      host: "10.0.0.9",
      port: 7002,
      id: "b",
    });
    assert.deepEqual(map.masterOf(16383), {
      host: "10.0.0.9",
      port: 7005,
      id: "c",
    });
    // A failed replica and one at "?" are left out.
    assert.deepEqual(map.shardOf(6000)?.replicas, []);
    assert.deepEqual(map.shardOf(0)?.replicas, [
      { host: "10.0.0.2", port: 7001, id: "a2" },
    ]);
  });

  it('SlotMap.fromShards leaves out a master that failed over ("fail", no slots) and failed replicas', () => {
    const map = SlotMap.fromShards([
      {
        slots: [{ start: 0, end: 16383 }],
        nodes: [
          node("new", "10.0.0.2", 7001),
          node("r", "10.0.0.3", 7002, "replica", "fail"),
        ],
      },
      { slots: [], nodes: [node("old", "10.0.0.1", 7000, "master", "fail")] },
    ], ASKED);
    assert.equal(map.masterOf(0)?.id, "new");
    assert.deepEqual(map.shardOf(0)?.replicas, []);
    assert.equal(map.shards[1]?.master, undefined);
  });

  it("SlotMap.fromShards takes the promoted master over the failed one listed in the same shard, in either order (Redis 7.2+, Valkey)", () => {
    for (const order of ["failed first", "failed last"]) {
      const failed = node("old", "10.0.0.1", 7000, "master", "fail");
      const promoted = node("new", "10.0.0.2", 7001);
      const map = SlotMap.fromShards([
        {
          slots: [{ start: 0, end: 16383 }],
          nodes: order === "failed first"
            ? [failed, promoted]
            : [promoted, failed],
        },
      ], ASKED);
      assert.equal(map.masterOf(0)?.id, "new", order);
      assert.equal(map.masterOf(16383)?.port, 7001, order);
    }
    // A failed master alone with its slots still names the owner.
    const alone = SlotMap.fromShards([
      {
        slots: [{ start: 0, end: 16383 }],
        nodes: [node("old", "10.0.0.1", 7000, "master", "fail")],
      },
    ], ASKED);
    assert.equal(alone.masterOf(0)?.id, "old");
  });

  it("SlotMap.fromShards takes the TLS ports on a TLS cluster", () => {
    const map = SlotMap.fromShards(SHARDS, ASKED, true);
    assert.equal(map.masterOf(0)?.port, 8000);
    assert.equal(map.shardOf(0)?.replicas[0]?.port, 8001);
  });

  it('SlotMap.fromShards leaves slots no shard claims uncovered, and a master at "?" without an address', () => {
    const map = SlotMap.fromShards([SHARDS[0]!], ASKED);
    assert.equal(map.covered, 5461);
    assert.equal(map.shardOf(5461), undefined);
    assert.equal(map.masterOf(16383), undefined);
    // A master at "?" keeps its slots, with no master to send to.
    const unknown = SlotMap.fromShards([{
      slots: [{ start: 0, end: 9 }],
      nodes: [node("x", "?", 7000)],
    }], ASKED);
    assert.equal(unknown.covered, 10);
    assert.equal(unknown.masterOf(0), undefined);
  });

  it("SlotMap.fromSlots makes one shard of the ranges of one master", () => {
    const master = { host: "10.0.0.1", port: 7000, id: "a" };
    const map = SlotMap.fromSlots(
      [
        { start: 0, end: 99, master, replicas: [] },
        {
          start: 100,
          end: 16383,
          master: { host: "", port: 7001, id: "b" },
          replicas: [{ host: "?", port: 1, id: "b2" }, {
            host: "10.0.0.3",
            port: 7002,
            id: "b3",
          }],
        },
        { start: 50, end: 49 + 0, master, replicas: [] },
      ].slice(0, 2),
      ASKED,
    );
    assert.equal(map.shards.length, 2);
    assert.equal(map.covered, SLOTS);
    assert.deepEqual(map.masterOf(100), {
      host: "10.0.0.9",
      port: 7001,
      id: "b",
    });
    assert.deepEqual(map.shardOf(100)?.replicas.map((n) => n.id), ["b3"]);
    const two = SlotMap.fromSlots([
      { start: 0, end: 9, master, replicas: [] },
      { start: 20, end: 29, master, replicas: [] },
    ], ASKED);
    assert.equal(two.shards.length, 1);
    assert.deepEqual(two.shards[0]?.ranges, [{ start: 0, end: 9 }, {
      start: 20,
      end: 29,
    }]);
  });

  it("SlotMap refuses slots out of range, reversed ranges and slots claimed twice with a ProtocolError", () => {
    const master = { host: "h", port: 1, id: "a" };
    const cases: [number, number, string][] = [
      [0, SLOTS, 'slot "16384" is not from 0 to 16383'],
      [-1, 5, 'slot "-1" is not from 0 to 16383'],
      [Number.NaN, 5, 'slot "NaN" is not from 0 to 16383'],
      [1.5, 5, 'slot "1.5" is not from 0 to 16383'],
      [10, 9, 'slot range "10-9" ends before it starts'],
    ];
    for (const [start, end, message] of cases) {
      assert.throws(
        () => SlotMap.fromSlots([{ start, end, master, replicas: [] }], ASKED),
        (error: unknown) =>
          error instanceof ProtocolError &&
          error.message === `Invalid cluster topology: ${message}`,
        `${start}-${end}`,
      );
    }
    assert.throws(
      () =>
        SlotMap.fromShards([SHARDS[0]!, {
          slots: [{ start: 5000, end: 6000 }],
          nodes: [node("z", "h2", 1)],
        }], ASKED),
      (error: unknown) =>
        error instanceof ProtocolError &&
        error.message.includes('slot "5000" is claimed by two shards'),
    );
  });

  it("SlotMap.moved patches one slot in a new map and leaves the map in use alone", () => {
    const map = SlotMap.fromShards(SHARDS, ASKED);
    const patched = map.moved(0, { host: "10.0.0.9", port: 7002 });
    assert.equal(patched.masterOf(0)?.id, "b");
    assert.equal(patched.masterOf(1)?.id, "a");
    assert.equal(map.masterOf(0)?.id, "a");
    assert.ok(!patched.sameRoutes(map));
    assert.ok(map.sameRoutes(SlotMap.fromShards(SHARDS, ASKED)));
    // An address that masters no shard: a shard of its own until a refresh.
    const elsewhere = map.moved(42, { host: "10.0.0.50", port: 7100 });
    assert.deepEqual(elsewhere.masterOf(42), {
      host: "10.0.0.50",
      port: 7100,
      id: "",
    });
    assert.equal(elsewhere.shards.length, map.shards.length + 1);
    assert.throws(() => map.moved(SLOTS, ASKED), ProtocolError);
  });
});

describe("parseSlot", () => {
  it("parseSlot takes decimal slots from 0 to 16383 and nothing else", () => {
    assert.equal(parseSlot("0"), 0);
    assert.equal(parseSlot("16383"), 16383);
    assert.equal(parseSlot("3999"), 3999);
    for (
      const text of [
        "16384",
        "-1",
        "1e3",
        "0x10",
        " 12",
        "12 ",
        "",
        "abc",
        "__proto__",
        "constructor",
        "99999999999",
        "1.0",
      ]
    ) {
      assert.equal(parseSlot(text), undefined, JSON.stringify(text));
    }
  });
});
