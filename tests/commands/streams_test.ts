import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect, type RedisClient, ReplyError } from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import type { StreamInfoFull } from "../../src/commands/streams.ts";
import { parity, testEncoding, useServer, utf8 } from "./_helpers.ts";
import { cases } from "./streams_cases.ts";

testEncoding("Stream", cases);

const BINARY = new Uint8Array([0xff, 0x00, 0xfe]);

/** Resolves once `check` holds, polling the server; fails after 10 s. */
async function until(
  what: string,
  check: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
  }
}

/**
 * Whether a connection named `name` is blocked, according to CLIENT LIST
 * (blocking commands run on an extra connection with the client's name).
 */
async function isBlocked(client: RedisClient, name: string): Promise<boolean> {
  const text = String(await client.sendCommand(["CLIENT", "LIST"]));
  return text.split("\n").some((line) =>
    line.includes(` name=${name} `) && /\bflags=\w*b/.test(line)
  );
}

/** Adds three entries with explicit IDs and a group `g` reading from 0. */
async function seedGroup(client: RedisClient, key: string): Promise<void> {
  await client.xgroupCreate(key, "g", "0", { mkstream: true });
  await client.xadd(key, "1-1", { n: "1" });
  await client.xadd(key, "2-1", { n: "2" });
  await client.xadd(key, "3-1", { n: "3" });
}

/** `xinfoStreamFull` without the fields that depend on the clock. */
function timeless(info: StreamInfoFull) {
  return {
    ...info,
    groups: info.groups.map((group) => ({
      ...group,
      pending: group.pending.map(({ deliveryTime: _, ...rest }) => rest),
      consumers: group.consumers.map((
        { seenTime: _, activeTime: __, pending, ...rest },
      ) => ({
        ...rest,
        pending: pending.map(({ deliveryTime: _, ...entry }) => entry),
      })),
    })),
  };
}

describe("stream commands against redis-server", () => {
  const ctx = useServer();

  it("client.xadd appends entries with explicit and server-made IDs", async () => {
    const { client } = ctx;
    assert.equal(await client.xadd("add:1", "1-1", { a: "1", b: 2 }), "1-1");
    assert.equal(await client.xadd("add:1", "5-*", [["c", "3"]]), "5-0");
    const id = await client.xadd("add:1", "*", new Map([["d", "4"]]));
    assert.match(String(id), /^\d+-\d+$/);
    assert.equal(await client.xlen("add:1"), 3);
    assert.equal(await client.xlen("add:missing"), 0);
    assert.deepEqual(await client.xrange("add:1", "-", "5-0"), [
      {
        id: "1-1",
        fields: { a: "1", b: "2" },
        fieldList: ["a", "1", "b", "2"],
      },
      { id: "5-0", fields: { c: "3" }, fieldList: ["c", "3"] },
    ]);
  });

  it("client.xadd with nomkstream resolves to null for a missing stream", async () => {
    const { client } = ctx;
    assert.equal(
      await client.xadd("add:none", "*", { a: 1 }, { nomkstream: true }),
      null,
    );
    assert.equal(await client.xlen("add:none"), 0);
    await client.xadd("add:none", "1-1", { a: 1 });
    assert.equal(
      await client.xadd("add:none", "2-1", { a: 2 }, { nomkstream: true }),
      "2-1",
    );
  });

  it("client.xadd trims with maxlen and minid while adding", async () => {
    const { client } = ctx;
    for (let i = 1; i <= 5; i++) await client.xadd("trim:1", `${i}-1`, { i });
    await client.xadd("trim:1", "6-1", { i: 6 }, {
      maxlen: { threshold: 3 },
    });
    assert.deepEqual(
      (await client.xrange("trim:1", "-", "+")).map((e) => e.id),
      ["4-1", "5-1", "6-1"],
    );
    await client.xadd("trim:1", "7-1", { i: 7 }, {
      minid: { threshold: "6-0" },
    });
    assert.deepEqual(
      (await client.xrange("trim:1", "-", "+")).map((e) => e.id),
      ["6-1", "7-1"],
    );
    // Approximate trimming with a limit is accepted (and may keep more).
    const id = await client.xadd("trim:1", "8-1", { i: 8 }, {
      maxlen: { approx: true, threshold: 1, limit: 10 },
    });
    assert.equal(id, "8-1");
    assert.ok(await client.xlen("trim:1") >= 1);
  });

  it("client.xtrim removes entries by maxlen and by minid", async () => {
    const { client } = ctx;
    for (let i = 1; i <= 6; i++) await client.xadd("trim:2", `${i}-0`, { i });
    assert.equal(await client.xtrim("trim:2", { maxlen: { threshold: 4 } }), 2);
    assert.equal(
      await client.xtrim("trim:2", { minid: { threshold: "5-0" } }),
      2,
    );
    assert.equal(
      await client.xtrim("trim:2", {
        minid: { approx: true, threshold: "6-0", limit: 100 },
      }),
      0,
    );
    assert.equal(await client.xlen("trim:2"), 2);
    assert.equal(
      await client.xtrim("trim:missing", { maxlen: { threshold: 0 } }),
      0,
    );
  });

  it("client.xrange and client.xrevrange read ranges with count and exclusive bounds", async () => {
    const { client } = ctx;
    for (let i = 1; i <= 4; i++) {
      await client.xadd("range:1", `${i}-0`, { i, sq: i * i });
    }
    assert.deepEqual(
      await client.xrange("range:1", "(1-0", "3", { count: 5 }),
      [
        {
          id: "2-0",
          fields: { i: "2", sq: "4" },
          fieldList: ["i", "2", "sq", "4"],
        },
        {
          id: "3-0",
          fields: { i: "3", sq: "9" },
          fieldList: ["i", "3", "sq", "9"],
        },
      ],
    );
    assert.deepEqual(
      (await client.xrange("range:1", "-", "+", { count: 1 })).map((e) => e.id),
      ["1-0"],
    );
    assert.deepEqual(
      (await client.xrevrange("range:1", "+", "-")).map((e) => e.id),
      ["4-0", "3-0", "2-0", "1-0"],
    );
    assert.deepEqual(
      await client.xrevrange("range:1", "+", "(3-0", { count: 1 }),
      [{
        id: "4-0",
        fields: { i: "4", sq: "16" },
        fieldList: ["i", "4", "sq", "16"],
      }],
    );
    assert.deepEqual(await client.xrange("range:missing", "-", "+"), []);
  });

  it("client.xdel deletes entries and counts them", async () => {
    const { client } = ctx;
    await client.xadd("del:1", "1-0", { a: 1 });
    await client.xadd("del:1", "2-0", { a: 2 });
    assert.equal(await client.xdel("del:1", "1-0", "9-0"), 1);
    assert.deepEqual(
      (await client.xrange("del:1", "-", "+")).map((e) => e.id),
      ["2-0"],
    );
  });

  it("client.xsetid sets the last ID and the 7.0 counters", async () => {
    const { client } = ctx;
    await client.xadd("setid:1", "3-0", { a: 1 });
    assert.equal(await client.xsetid("setid:1", "10-0"), "OK");
    assert.equal(
      await client.xsetid("setid:1", "20-0", {
        entriesadded: 7,
        maxdeletedid: "2-0",
      }),
      "OK",
    );
    const info = await client.xinfoStream("setid:1");
    assert.equal(info.lastGeneratedId, "20-0");
    assert.equal(info.entriesAdded, 7);
    assert.equal(info.maxDeletedEntryId, "2-0");
    assert.equal(
      await client.xadd("setid:1", "*", { b: 2 }).then((id) => {
        return id !== null && Number(id.split("-")[0]) >= 20;
      }),
      true,
    );
  });

  it("client.xread reads several streams in request order and null when nothing is new", async () => {
    const { client } = ctx;
    await client.xadd("read:b", "1-0", { from: "b" });
    await client.xadd("read:a", "1-0", { from: "a" });
    await client.xadd("read:a", "2-0", { from: "a2" });
    assert.deepEqual(
      await client.xread([
        { key: "read:b", id: "0" },
        { key: "read:none", id: "0" },
        { key: "read:a", id: "1-0" },
      ]),
      [
        {
          key: "read:b",
          entries: [{
            id: "1-0",
            fields: { from: "b" },
            fieldList: ["from", "b"],
          }],
        },
        {
          key: "read:a",
          entries: [{
            id: "2-0",
            fields: { from: "a2" },
            fieldList: ["from", "a2"],
          }],
        },
      ],
    );
    assert.deepEqual(
      await client.xread([{ key: "read:a", id: "0" }], { count: 1 }),
      [{
        key: "read:a",
        entries: [{
          id: "1-0",
          fields: { from: "a" },
          fieldList: ["from", "a"],
        }],
      }],
    );
    assert.equal(await client.xread([{ key: "read:a", id: "2-0" }]), null);
    assert.equal(
      await client.xread([{ key: "read:a", id: "$" }], { block: 1 }),
      null,
    );
  });

  it("client.xread with block waits until another client adds an entry", async () => {
    const { client } = ctx;
    const reader = await connect({
      port: ctx.server.port,
      protocol: 3,
      clientName: "xread-reader",
    });
    try {
      const pending = reader.xread([{ key: "block:1", id: "$" }], {
        block: 0,
      });
      await until(
        "the XREAD to block",
        () => isBlocked(client, "xread-reader"),
      );
      assert.equal(
        await client.xadd("block:1", "7-7", { hello: "world" }),
        "7-7",
      );
      assert.deepEqual(await pending, [
        {
          key: "block:1",
          entries: [{
            id: "7-7",
            fields: { hello: "world" },
            fieldList: ["hello", "world"],
          }],
        },
      ]);
    } finally {
      reader.disconnect();
    }
  });

  it("client.xreadgroup with block waits until another client adds an entry", async () => {
    const { client } = ctx;
    await client.xgroupCreate("block:2", "g", "$", { mkstream: true });
    const reader = await connect({
      port: ctx.server.port,
      protocol: 2,
      clientName: "xreadgroup-reader",
    });
    try {
      const pending = reader.xreadgroup("g", "alice", [
        { key: "block:2", id: ">" },
      ], { block: 0 });
      await until(
        "the XREADGROUP to block",
        () => isBlocked(client, "xreadgroup-reader"),
      );
      await client.xadd("block:2", "1-0", { job: "x" });
      assert.deepEqual(await pending, [
        {
          key: "block:2",
          entries: [{
            id: "1-0",
            fields: { job: "x" },
            fieldList: ["job", "x"],
          }],
        },
      ]);
    } finally {
      reader.disconnect();
    }
  });

  it("client.xreadgroup, xack and xpending track delivered entries", async () => {
    const { client } = ctx;
    await seedGroup(client, "group:1");
    assert.equal(
      await client.xgroupCreateconsumer("group:1", "g", "alice"),
      true,
    );
    assert.equal(
      await client.xgroupCreateconsumer("group:1", "g", "alice"),
      false,
    );
    assert.deepEqual(
      await client.xreadgroup("g", "alice", [{ key: "group:1", id: ">" }], {
        count: 2,
      }),
      [{
        key: "group:1",
        entries: [
          { id: "1-1", fields: { n: "1" }, fieldList: ["n", "1"] },
          { id: "2-1", fields: { n: "2" }, fieldList: ["n", "2"] },
        ],
      }],
    );
    assert.deepEqual(await client.xpending("group:1", "g"), {
      count: 2,
      minId: "1-1",
      maxId: "2-1",
      consumers: [{ name: "alice", pending: 2 }],
    });
    const range = await client.xpendingRange("group:1", "g", {
      start: "-",
      end: "+",
      count: 10,
    });
    assert.deepEqual(
      range.map(({ idle: _, ...rest }) => rest),
      [
        { id: "1-1", consumer: "alice", deliveries: 1 },
        { id: "2-1", consumer: "alice", deliveries: 1 },
      ],
    );
    assert.ok(range.every((entry) => entry.idle >= 0));
    assert.deepEqual(
      await client.xpendingRange("group:1", "g", {
        start: "(1-1",
        end: "+",
        count: 10,
        consumer: "alice",
        idle: 0,
      }).then((entries) => entries.map((entry) => entry.id)),
      ["2-1"],
    );
    assert.deepEqual(
      await client.xpendingRange("group:1", "g", {
        start: "-",
        end: "+",
        count: 10,
        consumer: "bob",
      }),
      [],
    );
    // NOACK delivers without adding to the pending list.
    assert.deepEqual(
      await client.xreadgroup("g", "bob", [{ key: "group:1", id: ">" }], {
        noack: true,
      }),
      [{
        key: "group:1",
        entries: [{ id: "3-1", fields: { n: "3" }, fieldList: ["n", "3"] }],
      }],
    );
    assert.equal(
      await client.xreadgroup("g", "bob", [{ key: "group:1", id: ">" }]),
      null,
    );
    assert.equal(await client.xack("group:1", "g", "1-1", "9-9"), 1);
    const summary = await client.xpending("group:1", "g");
    assert.equal(summary.count, 1);
    assert.equal(summary.minId, "2-1");
    assert.equal(await client.xack("group:1", "g", "2-1"), 1);
    assert.deepEqual(await client.xpending("group:1", "g"), {
      count: 0,
      minId: null,
      maxId: null,
      consumers: [],
    });
  });

  it("client.xclaim and client.xautoclaim move pending entries; deleted ones show as null or deleted IDs", async () => {
    const { client } = ctx;
    await seedGroup(client, "claim:1");
    await client.xreadgroup("g", "alice", [{ key: "claim:1", id: ">" }]);
    assert.deepEqual(
      await client.xclaim("claim:1", "g", "bob", 0, ["1-1"], { retrycount: 5 }),
      [{ id: "1-1", fields: { n: "1" }, fieldList: ["n", "1"] }],
    );
    assert.deepEqual(
      await client.xclaimJustId("claim:1", "g", "carol", 0, ["2-1"], {
        idle: 0,
      }),
      ["2-1"],
    );
    // An entry not idle long enough is not claimed.
    assert.deepEqual(
      await client.xclaim("claim:1", "g", "bob", 3_600_000, ["3-1"]),
      [],
    );
    const range = await client.xpendingRange("claim:1", "g", {
      start: "-",
      end: "+",
      count: 10,
    });
    assert.deepEqual(
      range.map(({ id, consumer, deliveries }) => ({
        id,
        consumer,
        deliveries,
      })),
      [
        { id: "1-1", consumer: "bob", deliveries: 5 },
        { id: "2-1", consumer: "carol", deliveries: 1 },
        { id: "3-1", consumer: "alice", deliveries: 1 },
      ],
    );
    assert.deepEqual(
      await client.xautoclaim("claim:1", "g", "dave", 0, "0", { count: 2 }),
      {
        nextId: "3-1",
        entries: [
          { id: "1-1", fields: { n: "1" }, fieldList: ["n", "1"] },
          { id: "2-1", fields: { n: "2" }, fieldList: ["n", "2"] },
        ],
        deletedIds: [],
      },
    );
    assert.deepEqual(
      await client.xautoclaimJustId("claim:1", "g", "dave", 0, "3-1"),
      { nextId: "0-0", ids: ["3-1"], deletedIds: [] },
    );
    // dave now has all three pending; delete one from the stream.
    await client.xdel("claim:1", "2-1");
    assert.deepEqual(
      await client.xreadgroup("g", "dave", [{ key: "claim:1", id: "0" }]),
      [{
        key: "claim:1",
        entries: [
          { id: "1-1", fields: { n: "1" }, fieldList: ["n", "1"] },
          { id: "2-1", fields: null, fieldList: null },
          { id: "3-1", fields: { n: "3" }, fieldList: ["n", "3"] },
        ],
      }],
    );
    assert.deepEqual(
      await client.xautoclaim("claim:1", "g", "erin", 0, "0"),
      {
        nextId: "0-0",
        entries: [
          { id: "1-1", fields: { n: "1" }, fieldList: ["n", "1"] },
          { id: "3-1", fields: { n: "3" }, fieldList: ["n", "3"] },
        ],
        deletedIds: ["2-1"],
      },
    );
    // FORCE claims an ID that exists but was never delivered to the group.
    await client.xadd("claim:1", "4-1", { n: "4" });
    assert.deepEqual(
      await client.xclaimJustId("claim:1", "g", "erin", 0, ["4-1"], {
        force: true,
        lastid: "4-1",
      }),
      ["4-1"],
    );
    assert.equal(
      (await client.xinfoGroups("claim:1"))[0]?.lastDeliveredId,
      "4-1",
    );
  });

  it("client.xgroup* manage groups and consumers; client.xinfoGroups and xinfoConsumers describe them", async () => {
    const { client } = ctx;
    await seedGroup(client, "xgroup:1");
    assert.equal(await client.xgroupCreate("xgroup:1", "late", "$"), "OK");
    await client.xreadgroup("g", "alice", [{ key: "xgroup:1", id: ">" }], {
      count: 2,
    });
    await client.xgroupCreateconsumer("xgroup:1", "g", "bob");
    assert.deepEqual(await client.xinfoGroups("xgroup:1"), [
      {
        name: "g",
        consumers: 2,
        pending: 2,
        lastDeliveredId: "2-1",
        entriesRead: 2,
        lag: 1,
      },
      {
        name: "late",
        consumers: 0,
        pending: 0,
        lastDeliveredId: "3-1",
        entriesRead: null,
        lag: 0,
      },
    ]);
    const consumers = await client.xinfoConsumers("xgroup:1", "g");
    assert.deepEqual(
      consumers.map(({ name, pending }) => ({ name, pending })),
      [{ name: "alice", pending: 2 }, { name: "bob", pending: 0 }],
    );
    assert.ok(consumers.every((consumer) => consumer.idle >= 0));
    assert.equal(await client.xgroupDelconsumer("xgroup:1", "g", "alice"), 2);
    assert.equal(await client.xgroupDelconsumer("xgroup:1", "g", "nobody"), 0);
    assert.equal(
      await client.xgroupSetid("xgroup:1", "g", "0", { entriesread: 0 }),
      "OK",
    );
    const [group] = await client.xinfoGroups("xgroup:1");
    assert.equal(group?.lastDeliveredId, "0-0");
    assert.equal(group?.entriesRead, 0);
    assert.equal(await client.xgroupSetid("xgroup:1", "late", "$"), "OK");
    assert.equal(await client.xgroupDestroy("xgroup:1", "late"), true);
    assert.equal(await client.xgroupDestroy("xgroup:1", "late"), false);
    assert.deepEqual(
      (await client.xinfoGroups("xgroup:1")).map((g) => g.name),
      ["g"],
    );
  });

  it("client.xinfoStream and client.xinfoStreamFull describe a stream", async () => {
    const { client } = ctx;
    await seedGroup(client, "info:1");
    await client.xdel("info:1", "2-1");
    await client.xreadgroup("g", "alice", [{ key: "info:1", id: ">" }], {
      count: 1,
    });
    assert.deepEqual(await client.xinfoStream("info:1"), {
      length: 2,
      radixTreeKeys: 1,
      radixTreeNodes: 2,
      lastGeneratedId: "3-1",
      maxDeletedEntryId: "2-1",
      entriesAdded: 3,
      recordedFirstEntryId: "1-1",
      groups: 1,
      firstEntry: { id: "1-1", fields: { n: "1" }, fieldList: ["n", "1"] },
      lastEntry: { id: "3-1", fields: { n: "3" }, fieldList: ["n", "3"] },
    });
    const full = await client.xinfoStreamFull("info:1", { count: 1 });
    assert.deepEqual(timeless(full), {
      length: 2,
      radixTreeKeys: 1,
      radixTreeNodes: 2,
      lastGeneratedId: "3-1",
      maxDeletedEntryId: "2-1",
      entriesAdded: 3,
      recordedFirstEntryId: "1-1",
      entries: [{ id: "1-1", fields: { n: "1" }, fieldList: ["n", "1"] }],
      groups: [{
        name: "g",
        lastDeliveredId: "1-1",
        // A deletion inside the stream makes the counters unknown.
        entriesRead: null,
        lag: null,
        pelCount: 1,
        pending: [{ id: "1-1", consumer: "alice", deliveries: 1 }],
        consumers: [{
          name: "alice",
          pelCount: 1,
          pending: [{ id: "1-1", deliveries: 1 }],
        }],
      }],
    });
    const group = full.groups[0]!;
    assert.ok(group.pending[0]!.deliveryTime > 1_600_000_000_000);
    assert.ok(group.consumers[0]!.seenTime > 1_600_000_000_000);
    assert.equal((await client.xinfoStreamFull("info:1")).entries.length, 2);
    // An emptied stream has no first or last entry.
    await client.xtrim("info:1", { maxlen: { threshold: 0 } });
    const empty = await client.xinfoStream("info:1");
    assert.equal(empty.firstEntry, null);
    assert.equal(empty.lastEntry, null);
    assert.equal(empty.length, 0);
  });

  it("client.xgroupHelp and client.xinfoHelp list their subcommands", async () => {
    const { client } = ctx;
    const xgroup = await client.xgroupHelp();
    assert.ok(xgroup.some((line) => line.startsWith("CREATECONSUMER")));
    const xinfo = await client.xinfoHelp();
    assert.ok(xinfo.some((line) => line.startsWith("STREAM")));
  });

  it("stream commands reject a key of another type with WRONGTYPE", async () => {
    const { client } = ctx;
    await client.set("wrong:1", "text");
    for (
      const attempt of [
        () => client.xadd("wrong:1", "*", { a: 1 }),
        () => client.xrange("wrong:1", "-", "+"),
        () => client.xlen("wrong:1"),
        () => client.xread([{ key: "wrong:1", id: "0" }]),
        () => client.xinfoStream("wrong:1"),
      ]
    ) {
      await assert.rejects(attempt(), (error: unknown) => {
        assert.ok(error instanceof ReplyError);
        assert.equal(error.code, "WRONGTYPE");
        return true;
      });
    }
  });

  it("stream commands surface server errors as ReplyError", async () => {
    const { client } = ctx;
    await client.xadd("err:1", "5-0", { a: 1 });
    await assert.rejects(client.xadd("err:1", "1-0", { a: 1 }), ReplyError);
    await assert.rejects(
      client.xgroupCreate("err:missing", "g", "$"),
      ReplyError,
    );
    await client.xgroupCreate("err:1", "g", "$");
    await assert.rejects(
      client.xgroupCreate("err:1", "g", "$"),
      (error: unknown) =>
        error instanceof ReplyError && error.code === "BUSYGROUP",
    );
    await assert.rejects(
      client.xreadgroup("nogroup", "c", [{ key: "err:1", id: ">" }]),
      (error: unknown) =>
        error instanceof ReplyError && error.code === "NOGROUP",
    );
    await assert.rejects(client.xinfoStream("err:missing"), ReplyError);
    await assert.rejects(
      client.xrange("err:1", "not-an-id", "+"),
      ReplyError,
    );
  });

  it("stream commands reject invalid arguments with a TypeError before sending", async () => {
    const { client } = ctx;
    await assert.rejects(client.xadd("type:1", "*", {}), TypeError);
    await assert.rejects(client.xread([]), TypeError);
    await assert.rejects(
      client.xrange("type:1", "-", "+", { count: -1 }),
      TypeError,
    );
    // The unions make these type errors too.
    const both = { idle: 1, time: 2 };
    await assert.rejects(
      // @ts-expect-error: "idle" and "time" exclude each other
      client.xclaim("type:1", "g", "c", 0, ["1-1"], both),
      TypeError,
    );
    const exactWithLimit = { maxlen: { threshold: 5, limit: 1 } };
    await assert.rejects(
      // @ts-expect-error: "limit" needs "approx: true"
      client.xtrim("type:1", exactWithLimit),
      TypeError,
    );
    const bothStrategies = {
      maxlen: { threshold: 1 },
      minid: { threshold: "1-1" },
    };
    await assert.rejects(
      // @ts-expect-error: "maxlen" and "minid" exclude each other
      client.xadd("type:1", "*", { a: 1 }, bothStrategies),
      TypeError,
    );
    assert.equal(await client.xlen("type:1"), 0);
  });

  it("client.bytes stream methods keep binary field values and give text IDs", async () => {
    const { client } = ctx;
    await client.xgroupCreate("bytes:1", "g", "0", { mkstream: true });
    const id = await client.bytes.xadd("bytes:1", "1-1", [["f", BINARY]]);
    assert.equal(id, "1-1");
    await client.xadd("bytes:1", "2-1", new Map([["g", BINARY]]));
    assert.deepEqual(await client.bytes.xrange("bytes:1", "-", "1-1"), [
      { id: "1-1", fields: { f: BINARY }, fieldList: [utf8("f"), BINARY] },
    ]);
    assert.deepEqual(await client.bytes.xrevrange("bytes:1", "+", "2-1"), [
      { id: "2-1", fields: { g: BINARY }, fieldList: [utf8("g"), BINARY] },
    ]);
    assert.deepEqual(
      await client.bytes.xread([{ key: "bytes:1", id: "1-1" }]),
      [{
        key: utf8("bytes:1"),
        entries: [{
          id: "2-1",
          fields: { g: BINARY },
          fieldList: [utf8("g"), BINARY],
        }],
      }],
    );
    assert.deepEqual(
      await client.bytes.xreadgroup(
        "g",
        BINARY,
        [{ key: "bytes:1", id: ">" }],
        {
          count: 1,
        },
      ),
      [{
        key: utf8("bytes:1"),
        entries: [{
          id: "1-1",
          fields: { f: BINARY },
          fieldList: [utf8("f"), BINARY],
        }],
      }],
    );
    assert.deepEqual(await client.bytes.xpending("bytes:1", "g"), {
      count: 1,
      minId: "1-1",
      maxId: "1-1",
      consumers: [{ name: BINARY, pending: 1 }],
    });
    const [pending] = await client.bytes.xpendingRange("bytes:1", "g", {
      start: "-",
      end: "+",
      count: 1,
    });
    assert.equal(pending?.id, "1-1");
    assert.deepEqual(pending?.consumer, BINARY);
    assert.deepEqual(
      await client.bytes.xclaim("bytes:1", "g", "c", 0, ["1-1"]),
      [{ id: "1-1", fields: { f: BINARY }, fieldList: [utf8("f"), BINARY] }],
    );
    assert.deepEqual(
      await client.bytes.xautoclaim("bytes:1", "g", "d", 0, "0"),
      {
        nextId: "0-0",
        entries: [{
          id: "1-1",
          fields: { f: BINARY },
          fieldList: [utf8("f"), BINARY],
        }],
        deletedIds: [],
      },
    );
    assert.deepEqual(
      await client.bytes.xautoclaimJustId("bytes:1", "g", "d", 0, "0"),
      { nextId: "0-0", ids: ["1-1"], deletedIds: [] },
    );
    const info = await client.bytes.xinfoStream("bytes:1");
    assert.equal(info.lastGeneratedId, "2-1");
    assert.equal(info.length, 2);
    assert.deepEqual(info.firstEntry, {
      id: "1-1",
      fields: { f: BINARY },
      fieldList: [utf8("f"), BINARY],
    });
    const full = await client.bytes.xinfoStreamFull("bytes:1");
    assert.deepEqual(full.entries[1], {
      id: "2-1",
      fields: { g: BINARY },
      fieldList: [utf8("g"), BINARY],
    });
    assert.deepEqual(full.groups[0]?.name, utf8("g"));
    assert.equal(full.groups[0]?.lastDeliveredId, "1-1");
    assert.deepEqual(
      (await client.bytes.xinfoGroups("bytes:1"))[0]?.name,
      utf8("g"),
    );
    assert.deepEqual(
      (await client.bytes.xinfoConsumers("bytes:1", "g")).map((c) => c.name),
      [utf8("c"), utf8("d"), BINARY],
    );
    assert.deepEqual(
      await client.bytes.xclaimJustId("bytes:1", "g", "c", 0, ["1-1"]),
      ["1-1"],
    );
    assert.equal(await client.bytes.xgroupCreate("bytes:1", "h", "$"), "OK");
    assert.equal(await client.bytes.xsetid("bytes:1", "9-9"), "OK");
    assert.equal(await client.bytes.xgroupSetid("bytes:1", "h", "0"), "OK");
    assert.ok(
      (await client.bytes.xgroupHelp())[0] instanceof Uint8Array,
    );
  });

  it("stream replies are the same over RESP2 and RESP3: xrange, xread, xreadgroup, xpending", async () => {
    const result = await parity(ctx, async (client) => {
      await seedGroup(client, "p:1");
      await client.xadd("p:2", "1-0", { other: "x" });
      const range = await client.xrange("p:1", "-", "+");
      const reverse = await client.xrevrange("p:1", "+", "-", { count: 2 });
      const read = await client.xread([
        { key: "p:2", id: "0" },
        { key: "p:1", id: "1-1" },
      ]);
      const none = await client.xread([{ key: "p:1", id: "3-1" }]);
      const group = await client.xreadgroup("g", "alice", [
        { key: "p:1", id: ">" },
      ]);
      await client.xdel("p:1", "2-1");
      const history = await client.xreadgroup("g", "alice", [
        { key: "p:1", id: "0" },
      ]);
      const summary = await client.xpending("p:1", "g");
      const pending = (await client.xpendingRange("p:1", "g", {
        start: "-",
        end: "+",
        count: 10,
      })).map(({ idle: _, ...rest }) => rest);
      const claimed = await client.xclaim("p:1", "g", "bob", 0, ["1-1"]);
      const justIds = await client.xclaimJustId("p:1", "g", "bob", 0, [
        "3-1",
      ]);
      const auto = await client.xautoclaim("p:1", "g", "carol", 0, "0");
      const autoIds = await client.xautoclaimJustId("p:1", "g", "dave", 0, "0");
      return {
        range,
        reverse,
        read,
        none,
        group,
        history,
        summary,
        pending,
        claimed,
        justIds,
        auto,
        autoIds,
      };
    });
    assert.equal(result.range.length, 3);
    assert.deepEqual(result.read?.map((r) => r.key), ["p:2", "p:1"]);
    assert.equal(result.none, null);
    assert.equal(result.history?.[0]?.entries[1]?.fields, null);
    assert.equal(result.summary.count, 3);
    assert.deepEqual(result.auto.deletedIds, ["2-1"]);
  });

  it("stream entries that repeat a field name keep every field and value in fieldList, in every reading command and view", async () => {
    const result = await parity(ctx, async (client) => {
      await client.xadd("dup:1", "1-1", [["tag", "a"], ["tag", "b"], [
        "n",
        "1",
      ]]);
      await client.xgroupCreate("dup:1", "g", "0");
      return {
        range: await client.xrange("dup:1", "-", "+"),
        rev: await client.xrevrange("dup:1", "+", "-"),
        read: await client.xread([{ key: "dup:1", id: "0" }]),
        group: await client.xreadgroup("g", "c", [{ key: "dup:1", id: ">" }]),
        info: (await client.xinfoStream("dup:1")).firstEntry,
        bytes: await client.bytes.xrange("dup:1", "-", "+"),
      };
    });
    const entry = {
      id: "1-1",
      fields: { tag: "b", n: "1" },
      fieldList: ["tag", "a", "tag", "b", "n", "1"],
    };
    assert.deepEqual(result.range, [entry]);
    assert.deepEqual(result.rev, [entry]);
    assert.deepEqual(result.read, [{ key: "dup:1", entries: [entry] }]);
    assert.deepEqual(result.group, [{ key: "dup:1", entries: [entry] }]);
    assert.deepEqual(result.info, entry);
    assert.deepEqual(result.bytes, [{
      id: "1-1",
      fields: { tag: utf8("b"), n: utf8("1") },
      fieldList: ["tag", "a", "tag", "b", "n", "1"].map(utf8),
    }]);
  });

  it("client.bytes stream entries keep field names that are not UTF-8", async () => {
    const { client } = ctx;
    const names = [new Uint8Array([0xff]), new Uint8Array([0xfe])];
    await client.xadd(
      "dup:bytes",
      "1-1",
      names.map((name, i) => [name, i] as const),
    );
    const [entry] = await client.bytes.xrange("dup:bytes", "-", "+");
    assert.equal(Object.keys(entry!.fields).length, 2);
    assert.deepEqual(entry!.fieldList, [
      names[0],
      utf8("0"),
      names[1],
      utf8("1"),
    ]);
  });

  it("stream replies are the same over RESP2 and RESP3: xinfoStream, xinfoStreamFull, xinfoGroups, xinfoConsumers", async () => {
    const result = await parity(ctx, async (client) => {
      await seedGroup(client, "pi:1");
      await client.xreadgroup("g", "alice", [{ key: "pi:1", id: ">" }], {
        count: 2,
      });
      await client.xdel("pi:1", "3-1");
      const stream = await client.xinfoStream("pi:1");
      const full = timeless(await client.xinfoStreamFull("pi:1"));
      const groups = await client.xinfoGroups("pi:1");
      const consumers = (await client.xinfoConsumers("pi:1", "g")).map((
        { idle: _, inactive: __, ...rest },
      ) => rest);
      return { stream, full, groups, consumers };
    });
    assert.equal(result.stream.lastGeneratedId, "3-1");
    assert.equal(result.full.groups[0]?.pending.length, 2);
    assert.equal(result.groups[0]?.lag, null);
    assert.deepEqual(result.consumers, [{ name: "alice", pending: 2 }]);
  });
});

describe("stream command option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;
  /** Asserts that `build` throws a `TypeError` whose message matches. */
  const rejects = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (e) => e instanceof TypeError && message.test(e.message),
    );

  it("stream commands reject unknown option keys with a TypeError naming the key", () => {
    const fields = { f: "v" };
    // XADD: the options, and the nested maxlen/minid thresholds.
    rejects(
      () => commands.xadd.build("s", "*", fields, loose({ NOMKSTREAM: true })),
      /^Unknown XADD option "NOMKSTREAM": did you mean "nomkstream"\?$/,
    );
    rejects(
      () =>
        commands.xadd.build(
          "s",
          "*",
          fields,
          loose({ MAXLEN: { threshold: 5 } }),
        ),
      /XADD option "MAXLEN".*"maxlen"/,
    );
    rejects(
      () =>
        commands.xadd.build(
          "s",
          "*",
          fields,
          loose({ maxlen: { aprox: true, threshold: 5 } }),
        ),
      /^Unknown XADD maxlen option "aprox": did you mean "approx"\?$/,
    );
    rejects(
      () =>
        commands.xadd.build(
          "s",
          "*",
          fields,
          loose({ minid: { Threshold: "1-1" } }),
        ),
      /XADD minid option "Threshold".*"threshold"/,
    );
    rejects(
      () => commands.xadd.build("s", "*", fields, loose({ maxlen: 1000 })),
      /XADD maxlen options: expected an object, got number/,
    );
    assert.deepEqual(
      commands.xadd.build("s", "*", fields, {
        nomkstream: true,
        maxlen: { approx: true, threshold: 100, limit: 10 },
      }),
      [
        "XADD",
        "s",
        "NOMKSTREAM",
        "MAXLEN",
        "~",
        100,
        "LIMIT",
        10,
        "*",
        "f",
        "v",
      ],
    );
    assert.deepEqual(
      commands.xadd.build("s", "1-1", fields, {
        minid: { threshold: "1-0" },
      }),
      ["XADD", "s", "MINID", "1-0", "1-1", "f", "v"],
    );
    assert.deepEqual(commands.xadd.build("s", "*", fields, {}), [
      "XADD",
      "s",
      "*",
      "f",
      "v",
    ]);
    // XTRIM: the trim, and the nested thresholds.
    rejects(
      () => commands.xtrim.build("s", loose({ MINID: { threshold: "1-1" } })),
      /^Unknown XTRIM option "MINID": did you mean "minid"\?$/,
    );
    rejects(
      () =>
        commands.xtrim.build(
          "s",
          loose({ maxlen: { approx: true, threshold: 5, LIMIT: 2 } }),
        ),
      /^Unknown XTRIM maxlen option "LIMIT": did you mean "limit"\?$/,
    );
    assert.deepEqual(
      commands.xtrim.build("s", {
        minid: { approx: true, threshold: "1-1", limit: 2 },
      }),
      ["XTRIM", "s", "MINID", "~", "1-1", "LIMIT", 2],
    );
    // XRANGE and XREVRANGE.
    rejects(
      () => commands.xrange.build("s", "-", "+", loose({ COUNT: 1 })),
      /^Unknown XRANGE option "COUNT": did you mean "count"\?$/,
    );
    rejects(
      () => commands.xrevrange.build("s", "+", "-", loose({ cnt: 1 })),
      /^Unknown XREVRANGE option "cnt"$/,
    );
    assert.deepEqual(commands.xrange.build("s", "-", "+", { count: 2 }), [
      "XRANGE",
      "s",
      "-",
      "+",
      "COUNT",
      2,
    ]);
    assert.deepEqual(commands.xrevrange.build("s", "+", "-", { count: 2 }), [
      "XREVRANGE",
      "s",
      "+",
      "-",
      "COUNT",
      2,
    ]);
    // XREAD and XREADGROUP: the options and each stream cursor.
    const cursors = [{ key: "a", id: "0" }, { key: "b", id: "$" }];
    rejects(
      () => commands.xread.build(cursors, loose({ Block: 0 })),
      /^Unknown XREAD option "Block": did you mean "block"\?$/,
    );
    rejects(
      () => commands.xread.build(cursors, loose({ noack: true })),
      /^Unknown XREAD option "noack"$/,
    );
    rejects(
      () => commands.xread.build(loose([{ key: "a", ID: "0" }])),
      /^Unknown XREAD stream cursor "ID": did you mean "id"\?$/,
    );
    assert.deepEqual(
      commands.xread.build(cursors, { count: 5, block: 100 }),
      ["XREAD", "COUNT", 5, "BLOCK", 100, "STREAMS", "a", "b", "0", "$"],
    );
    assert.deepEqual(commands.xread.build(cursors), [
      "XREAD",
      "STREAMS",
      "a",
      "b",
      "0",
      "$",
    ]);
    rejects(
      () =>
        commands.xreadgroup.build("g", "c", cursors, loose({ NOACK: true })),
      /^Unknown XREADGROUP option "NOACK": did you mean "noack"\?$/,
    );
    rejects(
      () => commands.xreadgroup.build("g", "c", loose([{ Key: "a", id: ">" }])),
      /^Unknown XREADGROUP stream cursor "Key": did you mean "key"\?$/,
    );
    assert.deepEqual(
      commands.xreadgroup.build("g", "c", [{ key: "a", id: ">" }], {
        count: 1,
        block: 0,
        noack: true,
      }),
      [
        "XREADGROUP",
        "GROUP",
        "g",
        "c",
        "COUNT",
        1,
        "BLOCK",
        0,
        "NOACK",
        "STREAMS",
        "a",
        ">",
      ],
    );
    // XCLAIM (both forms) and XAUTOCLAIM (both forms).
    rejects(
      () =>
        commands.xclaim.build(
          "s",
          "g",
          "c",
          0,
          ["1-1"],
          loose({ retryCount: 3 }),
        ),
      /^Unknown XCLAIM option "retryCount": did you mean "retrycount"\?$/,
    );
    rejects(
      () =>
        commands.xclaimJustId.build(
          "s",
          "g",
          "c",
          0,
          ["1-1"],
          loose({ LASTID: "1-1" }),
        ),
      /^Unknown XCLAIM option "LASTID": did you mean "lastid"\?$/,
    );
    assert.deepEqual(
      commands.xclaimJustId.build("s", "g", "c", 10, ["1-1"], {
        idle: 5,
        retrycount: 2,
        force: true,
        lastid: "1-1",
      }),
      [
        "XCLAIM",
        "s",
        "g",
        "c",
        10,
        "1-1",
        "IDLE",
        5,
        "RETRYCOUNT",
        2,
        "FORCE",
        "JUSTID",
        "LASTID",
        "1-1",
      ],
    );
    rejects(
      () =>
        commands.xautoclaim.build("s", "g", "c", 0, "0", loose({ Count: 5 })),
      /^Unknown XAUTOCLAIM option "Count": did you mean "count"\?$/,
    );
    rejects(
      () =>
        commands.xautoclaimJustId.build(
          "s",
          "g",
          "c",
          0,
          "0",
          loose({ justid: true }),
        ),
      /^Unknown XAUTOCLAIM option "justid"$/,
    );
    assert.deepEqual(
      commands.xautoclaimJustId.build("s", "g", "c", 0, "0", { count: 5 }),
      ["XAUTOCLAIM", "s", "g", "c", 0, "0", "COUNT", 5, "JUSTID"],
    );
    // XPENDING (range form).
    rejects(
      () =>
        commands.xpendingRange.build(
          "s",
          "g",
          loose({ start: "-", end: "+", count: 10, Consumer: "c" }),
        ),
      /^Unknown XPENDING option "Consumer": did you mean "consumer"\?$/,
    );
    assert.deepEqual(
      commands.xpendingRange.build("s", "g", {
        start: "-",
        end: "+",
        count: 10,
        idle: 100,
        consumer: "c",
      }),
      ["XPENDING", "s", "g", "IDLE", 100, "-", "+", 10, "c"],
    );
    // XGROUP CREATE, XGROUP SETID, XINFO STREAM FULL, XSETID.
    rejects(
      () =>
        commands.xgroupCreate.build("s", "g", "$", loose({ MKSTREAM: true })),
      /^Unknown XGROUP CREATE option "MKSTREAM": did you mean "mkstream"\?$/,
    );
    assert.deepEqual(
      commands.xgroupCreate.build("s", "g", "$", {
        mkstream: true,
        entriesread: 3,
      }),
      ["XGROUP", "CREATE", "s", "g", "$", "MKSTREAM", "ENTRIESREAD", 3],
    );
    rejects(
      () =>
        commands.xgroupSetid.build("s", "g", "0", loose({ entriesRead: 0 })),
      /^Unknown XGROUP SETID option "entriesRead": did you mean "entriesread"\?$/,
    );
    assert.deepEqual(
      commands.xgroupSetid.build("s", "g", "0", { entriesread: 0 }),
      ["XGROUP", "SETID", "s", "g", "0", "ENTRIESREAD", 0],
    );
    rejects(
      () => commands.xinfoStreamFull.build("s", loose({ COUNT: 0 })),
      /^Unknown XINFO STREAM option "COUNT": did you mean "count"\?$/,
    );
    assert.deepEqual(commands.xinfoStreamFull.build("s", { count: 0 }), [
      "XINFO",
      "STREAM",
      "s",
      "FULL",
      "COUNT",
      0,
    ]);
    rejects(
      () => commands.xsetid.build("s", "5-0", loose({ entriesAdded: 5 })),
      /^Unknown XSETID option "entriesAdded": did you mean "entriesadded"\?$/,
    );
    assert.deepEqual(
      commands.xsetid.build("s", "5-0", {
        entriesadded: 5,
        maxdeletedid: "2-0",
      }),
      ["XSETID", "s", "5-0", "ENTRIESADDED", 5, "MAXDELETEDID", "2-0"],
    );
  });
});
