import type { CommandCase } from "./_helpers.ts";

const bytes = new Uint8Array([0x62, 0x69, 0x6e]);
const paris = { longitude: 2.3522, latitude: 48.8566, member: "Paris" };
const berlin = { longitude: 13.405, latitude: 52.52, member: bytes };

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  // GEOADD
  {
    method: "geoadd",
    params: ["k1", [paris, berlin]],
    argv: ["GEOADD", "k1", 2.3522, 48.8566, "Paris", 13.405, 52.52, bytes],
  },
  {
    method: "geoadd",
    params: ["k1", [paris], { nx: true }],
    argv: ["GEOADD", "k1", "NX", 2.3522, 48.8566, "Paris"],
  },
  {
    method: "geoadd",
    params: ["k1", [paris], { xx: true, ch: true }],
    argv: ["GEOADD", "k1", "XX", "CH", 2.3522, 48.8566, "Paris"],
  },
  {
    method: "geoadd",
    params: ["k1", [paris], { ch: true }],
    argv: ["GEOADD", "k1", "CH", 2.3522, 48.8566, "Paris"],
  },
  {
    method: "geoadd",
    params: ["k1", []],
    throws: /Invalid GEOADD call: expected at least one member/,
  },
  {
    method: "geoadd",
    params: ["k1", [paris], { nx: true, xx: true }],
    throws: /Invalid GEOADD options: "nx" and "xx" exclude each other/,
  },
  {
    method: "geoadd",
    params: ["k1", [{ longitude: NaN, latitude: 1, member: "m" }]],
    throws: /Invalid GEOADD longitude "NaN": expected a finite number/,
  },
  {
    method: "geoadd",
    params: ["k1", [{ longitude: 1, latitude: Infinity, member: "m" }]],
    throws: /Invalid GEOADD latitude "Infinity"/,
  },
  // GEODIST
  {
    method: "geodist",
    params: ["k1", "a", "b"],
    argv: ["GEODIST", "k1", "a", "b"],
  },
  {
    method: "geodist",
    params: ["k1", "a", "b", "km"],
    argv: ["GEODIST", "k1", "a", "b", "km"],
  },
  {
    method: "geodist",
    params: ["k1", "a", "b", "KM"],
    throws: /Invalid GEODIST unit "KM": expected "m", "km", "mi" or "ft"/,
  },
  // GEOHASH / GEOPOS
  {
    method: "geohash",
    params: ["k1", "a", bytes],
    argv: ["GEOHASH", "k1", "a", bytes],
  },
  {
    method: "geohash",
    params: ["k1"],
    throws: /Invalid GEOHASH call: expected at least one member/,
  },
  { method: "geopos", params: ["k1", "a"], argv: ["GEOPOS", "k1", "a"] },
  {
    method: "geopos",
    params: ["k1"],
    throws: /Invalid GEOPOS call: expected at least one member/,
  },
  // GEORADIUS and its forms
  {
    method: "georadius",
    params: ["k1", 15, 37, 200, "km"],
    argv: ["GEORADIUS", "k1", 15, 37, 200, "km"],
  },
  {
    method: "georadius",
    params: ["k1", 15.5, -37.25, 0.5, "mi", {
      order: "DESC",
      count: { value: 2, any: true },
    }],
    argv: [
      "GEORADIUS",
      "k1",
      15.5,
      -37.25,
      0.5,
      "mi",
      "DESC",
      "COUNT",
      2,
      "ANY",
    ],
  },
  {
    method: "georadius",
    params: ["k1", 15, 37, -1, "km"],
    throws: /Invalid GEORADIUS radius "-1": expected a non-negative finite/,
  },
  {
    method: "georadius",
    params: ["k1", 15, 37, 1, "yd"],
    throws: /Invalid GEORADIUS unit "yd"/,
  },
  {
    method: "georadius",
    params: ["k1", 15, 37, 1, "km", { count: { value: 0 } }],
    throws: /Invalid GEORADIUS count "0": expected a positive integer/,
  },
  {
    method: "georadius",
    params: ["k1", 15, 37, 1, "km", { order: "asc" }],
    throws: /Invalid GEORADIUS order "asc": expected "ASC" or "DESC"/,
  },
  {
    method: "georadius",
    params: ["k1", 15, 37, 1, "km", { withdist: true }],
    throws:
      /Invalid GEORADIUS option "withdist": use the method ending in "With"/,
  },
  {
    method: "georadius",
    params: ["k1", NaN, 37, 1, "km"],
    throws: /Invalid GEORADIUS longitude "NaN"/,
  },
  {
    method: "georadiusStore",
    params: ["k1", 15, 37, 200, "km", "k2"],
    argv: ["GEORADIUS", "k1", 15, 37, 200, "km", "STORE", "k2"],
  },
  {
    method: "georadiusStore",
    params: ["k1", 15, 37, 200, "ft", "k2", {
      storedist: true,
      order: "ASC",
      count: { value: 5 },
    }],
    argv: [
      "GEORADIUS",
      "k1",
      15,
      37,
      200,
      "ft",
      "ASC",
      "COUNT",
      5,
      "STOREDIST",
      "k2",
    ],
  },
  {
    method: "georadiusStore",
    params: ["k1", 15, 37, 200, "km", "k2", { withcoord: true }],
    throws: /Invalid GEORADIUS option "withcoord"/,
  },
  {
    method: "georadiusWith",
    params: ["k1", 15, 37, 200, "km", {
      withcoord: true,
      withdist: true,
      withhash: true,
      order: "ASC",
      count: { value: 1 },
    }],
    argv: [
      "GEORADIUS",
      "k1",
      15,
      37,
      200,
      "km",
      "WITHCOORD",
      "WITHDIST",
      "WITHHASH",
      "ASC",
      "COUNT",
      1,
    ],
  },
  {
    method: "georadiusWith",
    params: ["k1", 15, 37, 200, "km", { withdist: true, withcoord: false }],
    argv: ["GEORADIUS", "k1", 15, 37, 200, "km", "WITHDIST"],
  },
  {
    method: "georadiusWith",
    params: ["k1", 15, 37, 200, "km", {}],
    throws:
      /Invalid GEORADIUS options: expected at least one of "withcoord", "withdist" and "withhash"/,
  },
  {
    method: "georadiusRo",
    params: ["k1", 15, 37, 200, "m", { count: { value: 3 } }],
    argv: ["GEORADIUS_RO", "k1", 15, 37, 200, "m", "COUNT", 3],
  },
  {
    method: "georadiusRoWith",
    params: ["k1", 15, 37, 200, "km", { withhash: true }],
    argv: ["GEORADIUS_RO", "k1", 15, 37, 200, "km", "WITHHASH"],
  },
  {
    method: "georadiusRoWith",
    params: ["k1", 15, 37, 200, "km", undefined],
    throws: /Invalid GEORADIUS_RO options: expected at least one of/,
  },
  // GEORADIUSBYMEMBER and its forms
  {
    method: "georadiusbymember",
    params: ["k1", "Paris", 100, "km"],
    argv: ["GEORADIUSBYMEMBER", "k1", "Paris", 100, "km"],
  },
  {
    method: "georadiusbymember",
    params: ["k1", bytes, 100, "km", { order: "ASC" }],
    argv: ["GEORADIUSBYMEMBER", "k1", bytes, 100, "km", "ASC"],
  },
  {
    method: "georadiusbymember",
    params: ["k1", "Paris", Infinity, "km"],
    throws: /Invalid GEORADIUSBYMEMBER radius "Infinity"/,
  },
  {
    method: "georadiusbymemberStore",
    params: ["k1", "STORE", 100, "km", "k2"],
    argv: ["GEORADIUSBYMEMBER", "k1", "STORE", 100, "km", "STORE", "k2"],
  },
  {
    method: "georadiusbymemberStore",
    params: ["k1", "Paris", 100, "km", "k2", { storedist: true }],
    argv: ["GEORADIUSBYMEMBER", "k1", "Paris", 100, "km", "STOREDIST", "k2"],
  },
  {
    method: "georadiusbymemberWith",
    params: ["k1", "Paris", 100, "km", { withdist: true, withhash: true }],
    argv: [
      "GEORADIUSBYMEMBER",
      "k1",
      "Paris",
      100,
      "km",
      "WITHDIST",
      "WITHHASH",
    ],
  },
  {
    method: "georadiusbymemberRo",
    params: ["k1", "Paris", 100, "km"],
    argv: ["GEORADIUSBYMEMBER_RO", "k1", "Paris", 100, "km"],
  },
  {
    method: "georadiusbymemberRoWith",
    params: ["k1", "Paris", 100, "km", {
      withcoord: true,
      count: { value: 2, any: true },
    }],
    argv: [
      "GEORADIUSBYMEMBER_RO",
      "k1",
      "Paris",
      100,
      "km",
      "WITHCOORD",
      "COUNT",
      2,
      "ANY",
    ],
  },
  // GEOSEARCH
  {
    method: "geosearch",
    params: ["k1", { member: "Paris" }, { radius: 500, unit: "km" }],
    argv: ["GEOSEARCH", "k1", "FROMMEMBER", "Paris", "BYRADIUS", 500, "km"],
  },
  {
    method: "geosearch",
    params: ["k1", { longitude: 2.35, latitude: 48.86 }, {
      width: 400,
      height: 200.5,
      unit: "mi",
    }, { order: "DESC", count: { value: 4, any: true } }],
    argv: [
      "GEOSEARCH",
      "k1",
      "FROMLONLAT",
      2.35,
      48.86,
      "BYBOX",
      400,
      200.5,
      "mi",
      "DESC",
      "COUNT",
      4,
      "ANY",
    ],
  },
  {
    method: "geosearch",
    params: ["k1", { member: "a", longitude: 1, latitude: 2 }, {
      radius: 1,
      unit: "m",
    }],
    throws:
      /Invalid GEOSEARCH from: "member" and "longitude"\/"latitude" exclude each other/,
  },
  {
    method: "geosearch",
    params: ["k1", { longitude: 1 }, { radius: 1, unit: "m" }],
    throws:
      /Invalid GEOSEARCH from: expected "member", or "longitude" and "latitude"/,
  },
  {
    method: "geosearch",
    params: ["k1", { member: "a" }, {
      radius: 1,
      width: 2,
      height: 2,
      unit: "m",
    }],
    throws:
      /Invalid GEOSEARCH by: "radius" and "width"\/"height" exclude each other/,
  },
  {
    method: "geosearch",
    params: ["k1", { member: "a" }, { width: 2, unit: "m" }],
    throws: /Invalid GEOSEARCH by: expected "radius", or "width" and "height"/,
  },
  {
    method: "geosearch",
    params: ["k1", { member: "a" }, { width: 2, height: -1, unit: "m" }],
    throws: /Invalid GEOSEARCH height "-1"/,
  },
  {
    method: "geosearch",
    params: ["k1", { member: "a" }, { radius: 2, unit: "miles" }],
    throws: /Invalid GEOSEARCH unit "miles"/,
  },
  {
    method: "geosearch",
    params: ["k1", { longitude: 1, latitude: NaN }, { radius: 2, unit: "m" }],
    throws: /Invalid GEOSEARCH latitude "NaN"/,
  },
  {
    method: "geosearchWith",
    params: ["k1", { member: bytes }, { radius: 5, unit: "km" }, {
      withcoord: true,
      withdist: true,
      withhash: true,
      order: "ASC",
    }],
    argv: [
      "GEOSEARCH",
      "k1",
      "FROMMEMBER",
      bytes,
      "BYRADIUS",
      5,
      "km",
      "WITHCOORD",
      "WITHDIST",
      "WITHHASH",
      "ASC",
    ],
  },
  {
    method: "geosearchWith",
    params: ["k1", { member: "a" }, { radius: 5, unit: "km" }, {
      order: "ASC",
    }],
    throws: /Invalid GEOSEARCH options: expected at least one of/,
  },
  // GEOSEARCHSTORE
  {
    method: "geosearchstore",
    params: ["k1", "k2", { member: "Paris" }, { radius: 500, unit: "km" }],
    argv: [
      "GEOSEARCHSTORE",
      "k1",
      "k2",
      "FROMMEMBER",
      "Paris",
      "BYRADIUS",
      500,
      "km",
    ],
  },
  {
    method: "geosearchstore",
    params: ["k1", "k2", { longitude: 1, latitude: 2 }, {
      width: 10,
      height: 20,
      unit: "ft",
    }, { order: "ASC", count: { value: 3 }, storedist: true }],
    argv: [
      "GEOSEARCHSTORE",
      "k1",
      "k2",
      "FROMLONLAT",
      1,
      2,
      "BYBOX",
      10,
      20,
      "ft",
      "ASC",
      "COUNT",
      3,
      "STOREDIST",
    ],
  },
  {
    method: "geosearchstore",
    params: ["k1", "k2", { member: "a" }, { radius: 1, unit: "m" }, {
      withdist: true,
    }],
    throws: /Invalid GEOSEARCHSTORE option "withdist"/,
  },
  // GEOSEARCH, GEOSEARCHSTORE BYPOLYGON (Valkey 9.0)
  {
    method: "geosearch",
    params: ["k1", {
      polygon: [
        { longitude: 1, latitude: 2 },
        { longitude: 3, latitude: 4 },
        { longitude: 5, latitude: 2 },
      ],
    }],
    argv: ["GEOSEARCH", "k1", "BYPOLYGON", 3, 1, 2, 3, 4, 5, 2],
  },
  {
    method: "geosearch",
    params: ["k1", {
      polygon: [
        { longitude: 1, latitude: 2 },
        { longitude: 3, latitude: 4 },
        { longitude: 5, latitude: 2 },
        { longitude: 3, latitude: 0.5 },
      ],
    }, { order: "DESC", count: { value: 2, any: true } }],
    argv: [
      "GEOSEARCH",
      "k1",
      "BYPOLYGON",
      4,
      1,
      2,
      3,
      4,
      5,
      2,
      3,
      0.5,
      "DESC",
      "COUNT",
      2,
      "ANY",
    ],
  },
  {
    method: "geosearch",
    params: ["k1", {
      polygon: [{ longitude: 1, latitude: 2 }, { longitude: 3, latitude: 4 }],
    }],
    throws: /^Invalid GEOSEARCH polygon: expected at least 3 vertices, got 2$/,
  },
  {
    method: "geosearch",
    params: ["k1", {
      polygon: [
        { longitude: 1, latitude: 2 },
        { longitude: NaN, latitude: 4 },
        { longitude: 5, latitude: 2 },
      ],
    }],
    throws: /^Invalid GEOSEARCH longitude "NaN": expected a finite number$/,
  },
  {
    method: "geosearch",
    params: ["k1", {
      polygon: [
        { longitude: 1, latitude: 2 },
        { longitude: 3, latitude: 4 },
        { longitude: 5, latitude: 2 },
      ],
    }, { withdist: true }],
    throws: /Invalid GEOSEARCH option "withdist"/,
  },
  {
    method: "geosearch",
    params: ["k1", {
      polygon: [
        { longitude: 1, latitude: 2 },
        { longitude: 3, latitude: 4 },
        { longitude: 5, latitude: 2 },
      ],
      member: "a",
    }],
    throws: /^Unknown GEOSEARCH area option "member"$/,
  },
  {
    method: "geosearchWith",
    params: ["k1", {
      polygon: [
        { longitude: 1, latitude: 2 },
        { longitude: 3, latitude: 4 },
        { longitude: 5, latitude: 2 },
      ],
    }, { withcoord: true, withdist: true, order: "ASC" }],
    argv: [
      "GEOSEARCH",
      "k1",
      "BYPOLYGON",
      3,
      1,
      2,
      3,
      4,
      5,
      2,
      "WITHCOORD",
      "WITHDIST",
      "ASC",
    ],
  },
  {
    method: "geosearchstore",
    params: ["k1", "k2", {
      polygon: [
        { longitude: 1, latitude: 2 },
        { longitude: 3, latitude: 4 },
        { longitude: 5, latitude: 2 },
      ],
    }, { storedist: true, count: { value: 5 } }],
    argv: [
      "GEOSEARCHSTORE",
      "k1",
      "k2",
      "BYPOLYGON",
      3,
      1,
      2,
      3,
      4,
      5,
      2,
      "COUNT",
      5,
      "STOREDIST",
    ],
  },
];
