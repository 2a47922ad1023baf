import { describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  type GeoCoordinates,
  type GeoSearchHit,
  type RedisClient,
  ReplyError,
} from "../../mod.ts";
import { commands } from "../../src/commands/mod.ts";
import {
  calls,
  isWrongType,
  parity,
  testEncoding,
  useServer,
  utf8,
} from "./_helpers.ts";
import { cases } from "./geo_cases.ts";

testEncoding("Geo", cases);

const BINARY = new Uint8Array([0xff, 0x00, 0xfe]);

const PALERMO = { longitude: 13.361389, latitude: 38.115556 };
const CATANIA = { longitude: 15.087269, latitude: 37.502669 };
const ROME = { longitude: 12.496366, latitude: 41.902782 };

/** Asserts that a stored position is within 1e-5 degrees of `expected`. */
function assertNear(
  actual: GeoCoordinates | null | undefined,
  expected: GeoCoordinates,
): void {
  assert.ok(actual, "expected a position");
  assert.equal(typeof actual.longitude, "number");
  assert.equal(typeof actual.latitude, "number");
  assert.ok(
    Math.abs(actual.longitude - expected.longitude) < 1e-5,
    `longitude ${actual.longitude} is not ${expected.longitude}`,
  );
  assert.ok(
    Math.abs(actual.latitude - expected.latitude) < 1e-5,
    `latitude ${actual.latitude} is not ${expected.latitude}`,
  );
}

/** Adds Palermo, Catania and Rome to `key`. */
async function addSicily(client: RedisClient, key: string): Promise<void> {
  await client.geoadd(key, [
    { ...PALERMO, member: "Palermo" },
    { ...CATANIA, member: "Catania" },
    { ...ROME, member: "Rome" },
  ]);
}

/** Members and scores of a sorted set, read without the sorted set family. */
async function zrangeWithScores(
  client: RedisClient,
  key: string,
): Promise<[string, number][]> {
  const reply = await client.sendCommand(["ZRANGE", key, 0, -1, "WITHSCORES"]);
  const items = (reply as unknown[]).flat();
  const out: [string, number][] = [];
  for (let i = 0; i < items.length; i += 2) {
    out.push([String(items[i]), Number(items[i + 1])]);
  }
  return out;
}

describe("geo commands against a server", () => {
  const ctx = useServer();

  it("client.geoadd adds members, with nx, xx and ch", async () => {
    const { client } = ctx;
    assert.equal(
      await client.geoadd("g:add", [
        { ...PALERMO, member: "Palermo" },
        { ...CATANIA, member: "Catania" },
      ]),
      2,
    );
    assert.equal(
      await client.geoadd("g:add", [{ ...ROME, member: "Palermo" }], {
        nx: true,
      }),
      0,
    );
    assertNear((await client.geopos("g:add", "Palermo"))[0], PALERMO);
    assert.equal(
      await client.geoadd("g:add", [{ ...ROME, member: "Rome" }], {
        xx: true,
      }),
      0,
    );
    assert.deepEqual(await client.geopos("g:add", "Rome"), [null]);
    assert.equal(
      await client.geoadd("g:add", [
        { ...ROME, member: "Palermo" },
        { ...ROME, member: "Rome" },
      ], { ch: true }),
      2,
    );
    assert.equal(
      await client.geoadd("g:add", [{ ...PALERMO, member: "Palermo" }], {
        xx: true,
        ch: true,
      }),
      1,
    );
    assertNear((await client.geopos("g:add", "Palermo"))[0], PALERMO);
  });

  it("client.geoadd rejects positions outside the indexable area with a ReplyError", async () => {
    await assert.rejects(
      ctx.client.geoadd("g:bad", [{ longitude: 0, latitude: 89, member: "x" }]),
      (error: unknown) =>
        error instanceof ReplyError && error.code === "ERR" &&
        /invalid longitude,latitude/.test(error.message),
    );
  });

  it("client.geopos resolves to numeric positions with null for missing members", async () => {
    const { client } = ctx;
    await addSicily(client, "g:pos");
    const [palermo, missing, catania] = await client.geopos(
      "g:pos",
      "Palermo",
      "Atlantis",
      "Catania",
    );
    assertNear(palermo, PALERMO);
    assert.equal(missing, null);
    assertNear(catania, CATANIA);
    assert.deepEqual(await client.geopos("g:none", "Palermo"), [null]);
  });

  it("client.geodist measures in each unit, null for a missing member", async () => {
    const { client } = ctx;
    await addSicily(client, "g:dist");
    const metres = await client.geodist("g:dist", "Palermo", "Catania");
    assert.equal(metres, 166274.1516);
    assert.equal(
      await client.geodist("g:dist", "Palermo", "Catania", "m"),
      metres,
    );
    assert.equal(
      await client.geodist("g:dist", "Palermo", "Catania", "km"),
      166.2742,
    );
    assert.equal(
      await client.geodist("g:dist", "Palermo", "Catania", "mi"),
      103.3182,
    );
    assert.equal(
      await client.geodist("g:dist", "Palermo", "Catania", "ft"),
      545518.8700,
    );
    assert.equal(await client.geodist("g:dist", "Palermo", "Palermo"), 0);
    assert.equal(await client.geodist("g:dist", "Palermo", "Atlantis"), null);
    assert.equal(await client.geodist("g:none", "a", "b"), null);
  });

  it("client.geohash resolves to geohash strings with null for missing members", async () => {
    const { client } = ctx;
    await addSicily(client, "g:hash");
    assert.deepEqual(
      await client.geohash("g:hash", "Palermo", "Atlantis", "Catania"),
      ["sqc8b49rny0", null, "sqdtr74hyu0"],
    );
  });

  it("client.geosearch finds members by radius or box around a member or a position", async () => {
    const { client } = ctx;
    await addSicily(client, "g:search");
    assert.deepEqual(
      await client.geosearch("g:search", { member: "Palermo" }, {
        radius: 200,
        unit: "km",
      }, { order: "ASC" }),
      ["Palermo", "Catania"],
    );
    assert.deepEqual(
      await client.geosearch(
        "g:search",
        { longitude: 15, latitude: 37 },
        { radius: 1000, unit: "km" },
        { order: "DESC" },
      ),
      ["Rome", "Palermo", "Catania"],
    );
    assert.deepEqual(
      await client.geosearch(
        "g:search",
        { longitude: 15, latitude: 37 },
        { radius: 1000, unit: "km" },
        { order: "ASC", count: { value: 2 } },
      ),
      ["Catania", "Palermo"],
    );
    const any = await client.geosearch(
      "g:search",
      { longitude: 15, latitude: 37 },
      { radius: 1000, unit: "km" },
      { count: { value: 1, any: true } },
    );
    assert.equal(any.length, 1);
    assert.deepEqual(
      await client.geosearch("g:search", { member: "Catania" }, {
        width: 400,
        height: 400,
        unit: "km",
      }, { order: "ASC" }),
      ["Catania", "Palermo"],
    );
    assert.deepEqual(
      await client.geosearch("g:search", { longitude: 0, latitude: 0 }, {
        radius: 10,
        unit: "mi",
      }),
      [],
    );
    assert.deepEqual(
      await client.geosearch("g:none", { longitude: 0, latitude: 0 }, {
        radius: 10,
        unit: "m",
      }),
      [],
    );
  });

  it("client.geosearchWith adds distance, hash and coordinates as asked", async () => {
    const { client } = ctx;
    await addSicily(client, "g:with");
    const all = await client.geosearchWith(
      "g:with",
      { longitude: 15, latitude: 37 },
      { radius: 200, unit: "km" },
      { withcoord: true, withdist: true, withhash: true, order: "ASC" },
    );
    assert.deepEqual(all.map((hit) => hit.member), ["Catania", "Palermo"]);
    assert.equal(all[0]!.distance, 56.4413);
    assert.equal(all[1]!.distance, 190.4424);
    assert.equal(all[0]!.hash, 3479447370796909);
    assert.equal(all[1]!.hash, 3479099956230698);
    assertNear(all[0]!.coordinates, CATANIA);
    assertNear(all[1]!.coordinates, PALERMO);

    const distOnly = await client.geosearchWith(
      "g:with",
      { member: "Palermo" },
      { width: 500, height: 500, unit: "km" },
      { withdist: true, order: "DESC", count: { value: 1 } },
    );
    assert.deepEqual(distOnly, [{ member: "Catania", distance: 166.2742 }]);

    const hashOnly = await client.geosearchWith(
      "g:with",
      { member: "Palermo" },
      { radius: 1, unit: "m" },
      { withhash: true },
    );
    assert.deepEqual(hashOnly, [{ member: "Palermo", hash: 3479099956230698 }]);

    const coordOnly: GeoSearchHit[] = await client.geosearchWith(
      "g:with",
      { member: "Rome" },
      { radius: 1, unit: "m" },
      { withcoord: true },
    );
    assert.deepEqual(Object.keys(coordOnly[0]!).sort(), [
      "coordinates",
      "member",
    ]);
    assertNear(coordOnly[0]!.coordinates, ROME);
  });

  it("client.geosearchstore stores positions, or distances with storedist", async () => {
    const { client } = ctx;
    await addSicily(client, "g:src");
    assert.equal(
      await client.geosearchstore("g:dst", "g:src", { member: "Palermo" }, {
        radius: 200,
        unit: "km",
      }),
      2,
    );
    assertNear((await client.geopos("g:dst", "Catania"))[0], CATANIA);
    assert.equal(
      await client.geosearchstore(
        "g:dst:dist",
        "g:src",
        { longitude: 15, latitude: 37 },
        { width: 2000, height: 2000, unit: "km" },
        { storedist: true, order: "ASC", count: { value: 2 } },
      ),
      2,
    );
    const stored = await zrangeWithScores(client, "g:dst:dist");
    assert.deepEqual(stored.map(([member]) => member), ["Catania", "Palermo"]);
    assert.ok(Math.abs(stored[0]![1] - 56.4413) < 1e-3);
    assert.equal(
      await client.geosearchstore("g:dst:none", "g:src", {
        longitude: 0,
        latitude: 0,
      }, { radius: 1, unit: "m" }),
      0,
    );
  });

  it("client.georadius and client.georadiusRo find members around a position", async () => {
    const { client } = ctx;
    await addSicily(client, "g:radius");
    assert.deepEqual(
      await client.georadius("g:radius", 15, 37, 200, "km", { order: "ASC" }),
      ["Catania", "Palermo"],
    );
    assert.deepEqual(
      await client.georadiusRo("g:radius", 15, 37, 1000, "km", {
        order: "DESC",
        count: { value: 1 },
      }),
      ["Rome"],
    );
    assert.deepEqual(
      await client.georadius("g:radius", 15, 37, 1, "m"),
      [],
    );
  });

  it("client.georadiusWith and client.georadiusRoWith add distance, hash and coordinates", async () => {
    const { client } = ctx;
    await addSicily(client, "g:radius:with");
    const hits = await client.georadiusWith(
      "g:radius:with",
      15,
      37,
      200,
      "km",
      { withdist: true, withhash: true, order: "ASC" },
    );
    assert.deepEqual(hits, [
      { member: "Catania", distance: 56.4413, hash: 3479447370796909 },
      { member: "Palermo", distance: 190.4424, hash: 3479099956230698 },
    ]);
    const ro = await client.georadiusRoWith(
      "g:radius:with",
      15,
      37,
      200,
      "km",
      { withcoord: true, order: "ASC", count: { value: 1 } },
    );
    assert.equal(ro.length, 1);
    assert.equal(ro[0]!.member, "Catania");
    assertNear(ro[0]!.coordinates, CATANIA);
  });

  it("client.georadiusStore stores positions, or distances with storedist", async () => {
    const { client } = ctx;
    await addSicily(client, "g:radius:src");
    assert.equal(
      await client.georadiusStore(
        "g:radius:src",
        15,
        37,
        200,
        "km",
        "g:radius:dst",
      ),
      2,
    );
    assertNear((await client.geopos("g:radius:dst", "Palermo"))[0], PALERMO);
    assert.equal(
      await client.georadiusStore(
        "g:radius:src",
        15,
        37,
        200,
        "km",
        "g:radius:dist",
        { storedist: true, order: "ASC", count: { value: 1 } },
      ),
      1,
    );
    const stored = await zrangeWithScores(client, "g:radius:dist");
    assert.equal(stored.length, 1);
    assert.equal(stored[0]![0], "Catania");
    assert.ok(Math.abs(stored[0]![1] - 56.4413) < 1e-3);
  });

  it("client.georadiusbymember and its Ro, With and Store forms search around a member", async () => {
    const { client } = ctx;
    await addSicily(client, "g:member");
    assert.deepEqual(
      await client.georadiusbymember("g:member", "Palermo", 200, "km", {
        order: "ASC",
      }),
      ["Palermo", "Catania"],
    );
    assert.deepEqual(
      await client.georadiusbymemberRo("g:member", "Rome", 1000, "km", {
        order: "DESC",
        count: { value: 2 },
      }),
      ["Catania", "Palermo"],
    );
    assert.deepEqual(
      await client.georadiusbymemberWith("g:member", "Palermo", 200, "km", {
        withdist: true,
        order: "ASC",
      }),
      [
        { member: "Palermo", distance: 0 },
        { member: "Catania", distance: 166.2742 },
      ],
    );
    const ro = await client.georadiusbymemberRoWith(
      "g:member",
      "Catania",
      1,
      "km",
      { withcoord: true, withhash: true },
    );
    assert.equal(ro.length, 1);
    assert.equal(ro[0]!.member, "Catania");
    assert.equal(ro[0]!.hash, 3479447370796909);
    assertNear(ro[0]!.coordinates, CATANIA);
    assert.equal(
      await client.georadiusbymemberStore(
        "g:member",
        "Palermo",
        200,
        "km",
        "g:member:dst",
        { storedist: true },
      ),
      2,
    );
    const stored = await zrangeWithScores(client, "g:member:dst");
    assert.deepEqual(stored.map(([member]) => member), ["Palermo", "Catania"]);
    assert.equal(stored[0]![1], 0);
    assert.equal(
      await client.georadiusbymemberStore(
        "g:member",
        "Rome",
        1,
        "m",
        "g:member:dst2",
      ),
      1,
    );
  });

  it("searching around a missing member rejects with the server's ReplyError", async () => {
    const { client } = ctx;
    await addSicily(client, "g:missing");
    await assert.rejects(
      client.geosearch("g:missing", { member: "Atlantis" }, {
        radius: 1,
        unit: "km",
      }),
      (error: unknown) =>
        error instanceof ReplyError && /could not decode/.test(error.message),
    );
    await assert.rejects(
      client.georadiusbymember("g:missing", "Atlantis", 1, "km"),
      ReplyError,
    );
  });

  it("geo methods on a list key reject with WRONGTYPE", async () => {
    const { client } = ctx;
    await client.rpush("g:list", "a");
    await assert.rejects(
      client.geoadd("g:list", [{ ...ROME, member: "Rome" }]),
      isWrongType,
    );
    await assert.rejects(client.geopos("g:list", "a"), isWrongType);
    await assert.rejects(client.geodist("g:list", "a", "b"), isWrongType);
    await assert.rejects(client.geohash("g:list", "a"), isWrongType);
    await assert.rejects(
      client.geosearch("g:list", { longitude: 0, latitude: 0 }, {
        radius: 1,
        unit: "m",
      }),
      isWrongType,
    );
    await assert.rejects(
      client.georadius("g:list", 0, 0, 1, "m"),
      isWrongType,
    );
  });

  it("geo methods reject invalid arguments with a TypeError before sending", async () => {
    const { client } = ctx;
    await client.sendCommand(["CONFIG", "RESETSTAT"]);
    await assert.rejects(client.geoadd("g:bad", []), TypeError);
    await assert.rejects(
      client.geoadd("g:bad", [{ longitude: NaN, latitude: 0, member: "x" }]),
      TypeError,
    );
    await assert.rejects(
      client.geodist("g:bad", "a", "b", "yards" as "m"),
      TypeError,
    );
    await assert.rejects(client.geopos("g:bad"), TypeError);
    await assert.rejects(
      client.geosearch("g:bad", { member: "a" }, { radius: -5, unit: "m" }),
      TypeError,
    );
    await assert.rejects(
      client.geosearchWith("g:bad", { member: "a" }, { radius: 5, unit: "m" }, {
        order: "ASC",
      } as unknown as { withdist: true }),
      TypeError,
    );
    await assert.rejects(
      client.georadius("g:bad", 0, 0, 1, "m", { count: { value: 0 } }),
      TypeError,
    );
    for (
      const name of ["geoadd", "geodist", "geopos", "geosearch", "georadius"]
    ) {
      assert.equal(await calls(client, name), 0, name);
    }
  });

  it("client.bytes geo methods deliver binary members as Uint8Array and numbers as numbers", async () => {
    const { client } = ctx;
    const key = new Uint8Array([0x67, 0xff]);
    assert.equal(
      await client.bytes.geoadd(key, [
        { ...PALERMO, member: BINARY },
        { ...CATANIA, member: "Catania" },
      ]),
      2,
    );
    assert.deepEqual(await client.bytes.geohash(key, BINARY, "none"), [
      utf8("sqc8b49rny0"),
      null,
    ]);
    const [position] = await client.bytes.geopos(key, BINARY);
    assertNear(position, PALERMO);
    assert.equal(
      await client.bytes.geodist(key, BINARY, "Catania"),
      166274.1516,
    );
    assert.deepEqual(
      await client.bytes.geosearch(key, { member: BINARY }, {
        radius: 1,
        unit: "km",
      }),
      [BINARY],
    );
    const hits = await client.bytes.geosearchWith(
      key,
      { longitude: 15, latitude: 37 },
      { radius: 200, unit: "km" },
      { withdist: true, withhash: true, withcoord: true, order: "DESC" },
    );
    assert.deepEqual(hits[0]!.member, BINARY);
    assert.equal(hits[0]!.distance, 190.4424);
    assert.equal(hits[0]!.hash, 3479099956230698);
    assertNear(hits[0]!.coordinates, PALERMO);
    assert.deepEqual(hits[1]!.member, utf8("Catania"));
    assert.deepEqual(
      await client.bytes.georadius(key, 15, 37, 200, "km", { order: "DESC" }),
      [BINARY, utf8("Catania")],
    );
    assert.deepEqual(
      await client.bytes.georadiusbymemberRo(key, BINARY, 1, "km"),
      [BINARY],
    );
    assert.deepEqual(
      await client.bytes.georadiusbymemberWith(key, BINARY, 1, "km", {
        withdist: true,
      }),
      [{ member: BINARY, distance: 0 }],
    );
    assert.deepEqual(
      await client.bytes.georadiusRoWith(key, 15, 37, 100, "km", {
        withdist: true,
      }),
      [{ member: utf8("Catania"), distance: 56.4413 }],
    );
    assert.equal(
      await client.bytes.geosearchstore("g:bytes:dst", key, {
        member: BINARY,
      }, { radius: 1, unit: "km" }),
      1,
    );
    assert.equal(
      await client.bytes.georadiusbymemberStore(
        key,
        BINARY,
        1,
        "km",
        "g:bytes:dst2",
      ),
      1,
    );
    assert.equal(
      await client.bytes.georadiusStore(key, 15, 37, 1, "km", "g:bytes:dst3"),
      0,
    );
  });

  it("geo methods give the same results over RESP2 and RESP3", async () => {
    const result = await parity(ctx, async (client) => {
      await addSicily(client, "p:geo");
      const center = { longitude: 15, latitude: 37 };
      const all = { withcoord: true, withdist: true, withhash: true } as const;
      return {
        geopos: await client.geopos("p:geo", "Palermo", "none", "Rome"),
        geodist: await client.geodist("p:geo", "Palermo", "Rome", "km"),
        geodistNone: await client.geodist("p:geo", "Palermo", "none"),
        geohash: await client.geohash("p:geo", "Rome", "none"),
        geosearch: await client.geosearch("p:geo", center, {
          radius: 1000,
          unit: "km",
        }, { order: "ASC" }),
        geosearchWith: await client.geosearchWith("p:geo", center, {
          width: 2000,
          height: 2000,
          unit: "km",
        }, { ...all, order: "ASC" }),
        georadiusWith: await client.georadiusWith("p:geo", 15, 37, 300, "km", {
          ...all,
          order: "DESC",
        }),
        georadiusRoWith: await client.georadiusRoWith(
          "p:geo",
          15,
          37,
          300,
          "km",
          { withcoord: true },
        ),
        georadiusbymemberWith: await client.georadiusbymemberWith(
          "p:geo",
          "Rome",
          1000,
          "mi",
          { ...all, order: "ASC", count: { value: 2 } },
        ),
        georadiusbymemberRoWith: await client.georadiusbymemberRoWith(
          "p:geo",
          "Rome",
          1000,
          "ft",
          { withdist: true },
        ),
        geosearchstore: await client.geosearchstore(
          "p:dst",
          "p:geo",
          {
            member: "Rome",
          },
          { radius: 1000, unit: "km" },
          { storedist: true },
        ),
      };
    });
    assert.equal(result.geosearchWith.length, 3);
    assert.equal(result.georadiusbymemberWith.length, 2);
    assert.deepEqual(result.geosearch, ["Catania", "Palermo", "Rome"]);
    assert.equal(result.geodistNone, null);
    assert.deepEqual(result.geohash, ["sr2ykk5t6k0", null]);
    assert.equal(result.geosearchstore, 3);
    assertNear(result.geosearchWith[2]!.coordinates, ROME);
  });
});

describe("geo command option keys", () => {
  /** `options` typed loosely, to pass keys the option types reject. */
  const loose = (options: unknown): never => options as never;
  /** Asserts that `build` throws a `TypeError` whose message matches. */
  const rejects = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (e) => e instanceof TypeError && message.test(e.message),
    );

  it("geo commands reject unknown option keys with a TypeError naming the key", () => {
    const member = [{ longitude: 1, latitude: 2, member: "m" }];
    const from = { member: "m" };
    const by = { radius: 1, unit: "km" } as const;
    // GEOADD.
    rejects(
      () => commands.geoadd.build("k", member, loose({ NX: true })),
      /^Unknown GEOADD option "NX": did you mean "nx"\?$/,
    );
    assert.deepEqual(
      commands.geoadd.build("k", member, { xx: true, ch: true }),
      [
        "GEOADD",
        "k",
        "XX",
        "CH",
        1,
        2,
        "m",
      ],
    );
    // GEOSEARCH: from, by, the options and their nested count.
    rejects(
      () => commands.geosearch.build("k", loose({ Member: "m" }), by),
      /^Unknown GEOSEARCH from option "Member": did you mean "member"\?$/,
    );
    rejects(
      () =>
        commands.geosearch.build("k", from, loose({ radius: 1, Unit: "km" })),
      /^Unknown GEOSEARCH by option "Unit": did you mean "unit"\?$/,
    );
    rejects(
      () => commands.geosearch.build("k", from, by, loose({ Order: "ASC" })),
      /^Unknown GEOSEARCH option "Order": did you mean "order"\?$/,
    );
    rejects(
      () =>
        commands.geosearch.build(
          "k",
          from,
          by,
          loose({ count: { value: 3, Any: true } }),
        ),
      /^Unknown GEOSEARCH count option "Any": did you mean "any"\?$/,
    );
    assert.deepEqual(
      commands.geosearch.build("k", from, by, {
        order: "ASC",
        count: { value: 3, any: true },
      }),
      [
        "GEOSEARCH",
        "k",
        "FROMMEMBER",
        "m",
        "BYRADIUS",
        1,
        "km",
        "ASC",
        "COUNT",
        3,
        "ANY",
      ],
    );
    assert.deepEqual(
      commands.geosearch.build("k", { longitude: 1, latitude: 2 }, {
        width: 3,
        height: 4,
        unit: "m",
      }),
      ["GEOSEARCH", "k", "FROMLONLAT", 1, 2, "BYBOX", 3, 4, "m"],
    );
    // GEOSEARCH with flags, and GEOSEARCHSTORE.
    rejects(
      () =>
        commands.geosearchWith.build("k", from, by, loose({ withDist: true })),
      /^Unknown GEOSEARCH option "withDist": did you mean "withdist"\?$/,
    );
    rejects(
      () =>
        commands.geosearchstore.build(
          "d",
          "k",
          from,
          by,
          loose({ storeDist: true }),
        ),
      /^Unknown GEOSEARCHSTORE option "storeDist": did you mean "storedist"\?$/,
    );
    rejects(
      () =>
        commands.geosearchstore.build(
          "d",
          "k",
          loose({ longitude: 1, Latitude: 2 }),
          by,
        ),
      /^Unknown GEOSEARCHSTORE from option "Latitude": did you mean "latitude"\?$/,
    );
    assert.deepEqual(
      commands.geosearchWith.build("k", from, by, {
        withdist: true,
        count: { value: 1 },
      }),
      [
        "GEOSEARCH",
        "k",
        "FROMMEMBER",
        "m",
        "BYRADIUS",
        1,
        "km",
        "WITHDIST",
        "COUNT",
        1,
      ],
    );
    assert.deepEqual(
      commands.geosearchstore.build("d", "k", from, by, { storedist: true }),
      [
        "GEOSEARCHSTORE",
        "d",
        "k",
        "FROMMEMBER",
        "m",
        "BYRADIUS",
        1,
        "km",
        "STOREDIST",
      ],
    );
    // GEORADIUS and GEORADIUSBYMEMBER, plain, STORE and With forms.
    rejects(
      () =>
        commands.georadius.build("k", 1, 2, 3, "km", loose({ ORDER: "ASC" })),
      /^Unknown GEORADIUS option "ORDER": did you mean "order"\?$/,
    );
    rejects(
      () =>
        commands.georadiusStore.build(
          "k",
          1,
          2,
          3,
          "km",
          "d",
          loose({ StoreDist: true }),
        ),
      /^Unknown GEORADIUS option "StoreDist": did you mean "storedist"\?$/,
    );
    rejects(
      () =>
        commands.georadiusbymemberRoWith.build(
          "k",
          "m",
          3,
          "km",
          loose({ withHash: true }),
        ),
      /^Unknown GEORADIUSBYMEMBER_RO option "withHash": did you mean "withhash"\?$/,
    );
    rejects(
      () =>
        commands.georadiusbymember.build(
          "k",
          "m",
          3,
          "km",
          loose({ count: { Value: 2 } }),
        ),
      /^Unknown GEORADIUSBYMEMBER count option "Value": did you mean "value"\?$/,
    );
    assert.deepEqual(
      commands.georadiusStore.build("k", 1, 2, 3, "km", "d", {
        order: "DESC",
        storedist: true,
      }),
      ["GEORADIUS", "k", 1, 2, 3, "km", "DESC", "STOREDIST", "d"],
    );
    assert.deepEqual(
      commands.georadiusbymemberRoWith.build("k", "m", 3, "km", {
        withhash: true,
      }),
      ["GEORADIUSBYMEMBER_RO", "k", "m", 3, "km", "WITHHASH"],
    );
  });
});
