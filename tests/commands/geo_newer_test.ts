import assert from "node:assert/strict";
import { type GeoSearchPolygon, ReplyError } from "../../mod.ts";
import { serverHas } from "../_process.ts";
import { testNewer } from "./_recorded.ts";

/** Valkey 9.0 added BYPOLYGON; Redis has no release with it. */
const HAS_POLYGON = { valkey: "9.0.0" };

/** The polygon of the Valkey command reference's GEOSEARCH examples. */
const SICILY: GeoSearchPolygon = {
  polygon: [
    { longitude: 12.41098696654226, latitude: 38.05033923003755 },
    { longitude: 15.107936245794182, latitude: 38.00616649901906 },
    { longitude: 18.148439288534455, latitude: 38.63804787603499 },
    { longitude: 17.80831874257693, latitude: 39.50316813110968 },
    { longitude: 12.458468633214036, latitude: 38.57719533463012 },
  ],
};

const SICILY_ARGS = [
  "BYPOLYGON",
  5,
  12.41098696654226,
  38.05033923003755,
  15.107936245794182,
  38.00616649901906,
  18.148439288534455,
  38.63804787603499,
  17.80831874257693,
  39.50316813110968,
  12.458468633214036,
  38.57719533463012,
];

function isSyntaxError(error: unknown): boolean {
  return error instanceof ReplyError && /syntax error/.test(error.message);
}

async function addSicily(
  client: {
    geoadd(
      key: string,
      members: { longitude: number; latitude: number; member: string }[],
    ): Promise<number>;
  },
): Promise<void> {
  await client.geoadd("{g}Sicily", [
    { longitude: 13.361389, latitude: 38.115556, member: "Palermo" },
    { longitude: 15.087269, latitude: 37.502669, member: "Catania" },
    { longitude: 12.758489, latitude: 38.788135, member: "edge1" },
    { longitude: 17.24151, latitude: 38.788135, member: "edge2" },
  ]);
}

testNewer("geo", [
  {
    method: "geosearch",
    recordedFrom:
      "the Valkey 9.0 command reference (BYPOLYGON), and valkey 8.0.1 for the refusal",
    exchanges: [
      {
        params: ["Sicily", SICILY],
        argv: ["GEOSEARCH", "Sicily", ...SICILY_ARGS],
        resp3: "*2\r\n$7\r\nPalermo\r\n$5\r\nedge2\r\n",
        result: ["Palermo", "edge2"],
      },
      {
        params: ["Sicily", SICILY],
        argv: ["GEOSEARCH", "Sicily", ...SICILY_ARGS],
        resp3: "-ERR syntax error\r\n",
        error: /^ERR syntax error/,
      },
    ],
    live: async ({ client }) => {
      await addSicily(client);
      const call = client.geosearch("{g}Sicily", SICILY);
      if (!serverHas(HAS_POLYGON)) {
        await assert.rejects(call, isSyntaxError);
        return;
      }
      assert.deepEqual((await call).sort(), ["Palermo", "edge2"]);
      assert.deepEqual(
        await client.geosearch("{g}Sicily", SICILY, {
          order: "DESC",
          count: { value: 1 },
        }),
        ["edge2"],
      );
    },
  },
  {
    method: "geosearchWith",
    recordedFrom:
      "the Valkey 9.0 command reference (BYPOLYGON), and valkey 8.0.1 for the refusal",
    exchanges: [
      {
        params: ["Sicily", SICILY, {
          withcoord: true,
          withdist: true,
          order: "ASC",
        }],
        argv: [
          "GEOSEARCH",
          "Sicily",
          ...SICILY_ARGS,
          "WITHCOORD",
          "WITHDIST",
          "ASC",
        ],
        resp3: "*2\r\n" +
          "*3\r\n$7\r\nPalermo\r\n$11\r\n166482.0159\r\n" +
          "*2\r\n,13.36138933897018433\r\n,38.11555639549629859\r\n" +
          "*3\r\n$5\r\nedge2\r\n$11\r\n180861.7725\r\n" +
          "*2\r\n,17.24151045083999634\r\n,38.78813451624225195\r\n",
        resp2: "*2\r\n" +
          "*3\r\n$7\r\nPalermo\r\n$11\r\n166482.0159\r\n" +
          "*2\r\n$20\r\n13.36138933897018433\r\n$20\r\n38.11555639549629859\r\n" +
          "*3\r\n$5\r\nedge2\r\n$11\r\n180861.7725\r\n" +
          "*2\r\n$20\r\n17.24151045083999634\r\n$20\r\n38.78813451624225195\r\n",
        result: [
          {
            member: "Palermo",
            distance: 166482.0159,
            coordinates: {
              longitude: 13.36138933897018433,
              latitude: 38.11555639549629859,
            },
          },
          {
            member: "edge2",
            distance: 180861.7725,
            coordinates: {
              longitude: 17.24151045083999634,
              latitude: 38.78813451624225195,
            },
          },
        ],
      },
      {
        params: ["Sicily", SICILY, { withdist: true }],
        argv: ["GEOSEARCH", "Sicily", ...SICILY_ARGS, "WITHDIST"],
        resp3: "-ERR syntax error\r\n",
        error: /^ERR syntax error/,
      },
    ],
    live: async ({ client }) => {
      await addSicily(client);
      const call = client.geosearchWith("{g}Sicily", SICILY, {
        withdist: true,
        withcoord: true,
        order: "ASC",
      });
      if (!serverHas(HAS_POLYGON)) {
        await assert.rejects(call, isSyntaxError);
        return;
      }
      const hits = await call;
      assert.deepEqual(hits.map((hit) => hit.member), ["Palermo", "edge2"]);
      // Distances from the polygon's centre, in metres.
      assert.ok(hits[0]!.distance! > 100_000 && hits[0]!.distance! < 300_000);
      assert.ok(hits[0]!.distance! <= hits[1]!.distance!);
      assert.ok(Math.abs(hits[1]!.coordinates!.longitude - 17.24151) < 1e-5);
    },
  },
  {
    method: "geosearchstore",
    recordedFrom:
      "the Valkey 9.0 command reference (BYPOLYGON), and valkey 8.0.1 for the refusal",
    exchanges: [
      {
        params: ["found", "Sicily", SICILY],
        argv: ["GEOSEARCHSTORE", "found", "Sicily", ...SICILY_ARGS],
        resp3: ":2\r\n",
        result: 2,
      },
      {
        params: ["found", "Sicily", SICILY, { storedist: true }],
        argv: [
          "GEOSEARCHSTORE",
          "found",
          "Sicily",
          ...SICILY_ARGS,
          "STOREDIST",
        ],
        resp3: "-ERR syntax error\r\n",
        error: /^ERR syntax error/,
      },
    ],
    live: async ({ client }) => {
      await addSicily(client);
      const call = client.geosearchstore("{g}found", "{g}Sicily", SICILY);
      if (!serverHas(HAS_POLYGON)) {
        await assert.rejects(call, isSyntaxError);
        assert.equal(await client.exists("{g}found"), false);
        return;
      }
      assert.equal(await call, 2);
      assert.deepEqual((await client.zrange("{g}found", 0, -1)).sort(), [
        "Palermo",
        "edge2",
      ]);
    },
  },
]);
