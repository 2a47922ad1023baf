/**
 * The geospatial commands (GEOADD, GEOSEARCH, ...).
 *
 * @module
 */

import type { Arg, Reply } from "../resp/types.ts";
import {
  checkKeys,
  checkNotEmpty,
  command,
  type Declarations,
  firstKey,
  type Key,
  keysAt,
  list,
  num,
  numOrNull,
  optionKeys,
  READONLY,
} from "./_define.ts";

/**
 * A distance unit: metres, kilometres, miles or feet.
 *
 * @example
 * ```ts
 * import { connect, type GeoUnit } from "@respite/redis";
 *
 * await using client = await connect();
 * const unit: GeoUnit = "km";
 * await client.geodist("cities", "Paris", "Berlin", unit);
 * ```
 */
export type GeoUnit = "m" | "km" | "mi" | "ft";

/**
 * A position on Earth in degrees: longitude first (-180 to 180), then
 * latitude (about -85.05 to 85.05, the range the index can store).
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * const [paris] = await client.geopos("cities", "Paris");
 * if (paris) console.log(paris.longitude, paris.latitude);
 * ```
 */
export interface GeoCoordinates {
  /** Degrees east of Greenwich, -180 to 180. */
  longitude: number;
  /** Degrees north of the equator, about -85.05 to 85.05. */
  latitude: number;
}

/**
 * A member of a geospatial index with its position, as `geoadd` takes it.
 *
 * @example
 * ```ts
 * import { connect, type GeoMember } from "@respite/redis";
 *
 * await using client = await connect();
 * const paris: GeoMember = { longitude: 2.3522, latitude: 48.8566, member: "Paris" };
 * await client.geoadd("cities", [paris]);
 * ```
 */
export interface GeoMember extends GeoCoordinates {
  /** The member's name. */
  member: Arg;
}

/**
 * Options of `geoadd`: `nx` (only add new members) or `xx` (only update
 * existing ones), not both, and `ch`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.geoadd("cities", [{ longitude: 13.405, latitude: 52.52, member: "Berlin" }], {
 *   xx: true,
 *   ch: true,
 * });
 * ```
 */
export type GeoAddOptions =
  & (
    | { nx: true; xx?: never }
    | { xx: true; nx?: never }
    | { nx?: never; xx?: never }
  )
  & {
    /** Count changed positions as well as added members in the result. */
    ch?: boolean;
  };

/**
 * The centre of a search: an existing member, or a longitude and latitude.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.geosearch("cities", { member: "Paris" }, { radius: 500, unit: "km" });
 * await client.geosearch("cities", { longitude: 2.35, latitude: 48.86 }, { radius: 5, unit: "km" });
 * ```
 */
export type GeoSearchFrom =
  | { member: Arg; longitude?: never; latitude?: never }
  | { longitude: number; latitude: number; member?: never };

/**
 * The area of a search: a circle (`radius`) or an axis-aligned box
 * (`width` and `height`) around the centre, in `unit`.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.geosearch("cities", { member: "Paris" }, { width: 400, height: 200, unit: "km" });
 * ```
 */
export type GeoSearchBy =
  | { radius: number; unit: GeoUnit; width?: never; height?: never }
  | { width: number; height: number; unit: GeoUnit; radius?: never };

/**
 * The area of a polygon search (`BYPOLYGON`, Valkey 9.0+): the members
 * inside the polygon with these vertices. The search's centre, from which
 * `order` sorts and `withdist` measures (in metres), is the polygon's
 * centre.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.geosearch("cities", {
 *   polygon: [
 *     { longitude: 12.4, latitude: 38.0 },
 *     { longitude: 15.1, latitude: 38.0 },
 *     { longitude: 13.8, latitude: 39.5 },
 *   ],
 * });
 * ```
 */
export interface GeoSearchPolygon {
  /** The vertices, in order around the polygon (3 or more). */
  polygon: readonly GeoCoordinates[];
}

/**
 * The parameters of `geosearch`: a centre and a circle or box around it,
 * or (Valkey 9.0+) a polygon; then the options.
 *
 * @example
 * ```ts
 * import type { GeoSearchParams } from "@respite/redis";
 *
 * const params: GeoSearchParams = ["cities", { member: "Paris" }, { radius: 50, unit: "km" }];
 * ```
 */
export type GeoSearchParams =
  | [
    key: Key,
    from: GeoSearchFrom,
    by: GeoSearchBy,
    options?: GeoSearchOptions,
  ]
  | [key: Key, area: GeoSearchPolygon, options?: GeoSearchOptions];

/**
 * The parameters of `geosearchWith`: those of `geosearch` with
 * {@linkcode GeoSearchWithOptions}.
 *
 * @example
 * ```ts
 * import type { GeoSearchWithParams } from "@respite/redis";
 *
 * const params: GeoSearchWithParams = [
 *   "cities",
 *   { member: "Paris" },
 *   { radius: 50, unit: "km" },
 *   { withdist: true },
 * ];
 * ```
 */
export type GeoSearchWithParams =
  | [
    key: Key,
    from: GeoSearchFrom,
    by: GeoSearchBy,
    options: GeoSearchWithOptions,
  ]
  | [key: Key, area: GeoSearchPolygon, options: GeoSearchWithOptions];

/**
 * The parameters of `geosearchstore`: a destination and a source key, then
 * the area of `geosearch` and {@linkcode GeoStoreOptions}.
 *
 * @example
 * ```ts
 * import type { GeoSearchStoreParams } from "@respite/redis";
 *
 * const params: GeoSearchStoreParams = ["near", "cities", { member: "Paris" }, { radius: 50, unit: "km" }];
 * ```
 */
export type GeoSearchStoreParams =
  | [
    destination: Key,
    source: Key,
    from: GeoSearchFrom,
    by: GeoSearchBy,
    options?: GeoStoreOptions,
  ]
  | [
    destination: Key,
    source: Key,
    area: GeoSearchPolygon,
    options?: GeoStoreOptions,
  ];

/**
 * Options shared by the geospatial searches: the sort order by distance
 * and a limit.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.geosearch("cities", { member: "Paris" }, { radius: 1000, unit: "km" }, {
 *   order: "ASC",
 *   count: { value: 3 },
 * });
 * ```
 */
export interface GeoSearchOptions {
  /** Sort by distance from the centre, nearest (`"ASC"`) or farthest first. */
  order?: "ASC" | "DESC";
  /**
   * Return at most `value` matches (a positive integer). With `any: true`
   * (Redis 6.2+) the search stops as soon as it found enough, so the
   * matches are not necessarily the nearest.
   */
  count?: { value: number; any?: boolean };
}

/**
 * Options of the `...With` searches (`geosearchWith`, `georadiusWith`,
 * ...): at least one of `withcoord`, `withdist` and `withhash`, plus the
 * order and limit of {@linkcode GeoSearchOptions}.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.geosearchWith("cities", { member: "Paris" }, { radius: 1000, unit: "km" }, {
 *   withdist: true,
 *   withcoord: true,
 * });
 * ```
 */
export type GeoSearchWithOptions =
  & GeoSearchOptions
  & (
    | { withcoord: true; withdist?: boolean; withhash?: boolean }
    | { withdist: true; withcoord?: boolean; withhash?: boolean }
    | { withhash: true; withcoord?: boolean; withdist?: boolean }
  );

/**
 * Options of `geosearchstore`, `georadiusStore` and
 * `georadiusbymemberStore`: with `storedist: true` the destination's scores
 * are the distances from the centre (in the search's unit) instead of the
 * positions.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * await client.geosearchstore("near", "cities", { member: "Paris" }, { radius: 500, unit: "km" }, {
 *   storedist: true,
 * });
 * ```
 */
export interface GeoStoreOptions extends GeoSearchOptions {
  /** Store distances instead of positions (`STOREDIST`). */
  storedist?: boolean;
}

/**
 * One match of a `...With` search: the member, plus what the options asked
 * for.
 *
 * @example
 * ```ts
 * import { connect } from "@respite/redis";
 *
 * await using client = await connect();
 * for (const hit of await client.geosearchWith(
 *   "cities",
 *   { member: "Paris" },
 *   { radius: 1000, unit: "km" },
 *   { withdist: true },
 * )) {
 *   console.log(hit.member, hit.distance);
 * }
 * ```
 */
export interface GeoSearchHit {
  /** The member's name. */
  member: string;
  /**
   * Distance from the centre in the search's unit, in metres for a
   * polygon (`withdist`).
   */
  distance?: number;
  /** The 52-bit geohash score of the member (`withhash`). */
  hash?: number;
  /** The member's position (`withcoord`). */
  coordinates?: GeoCoordinates;
}

const UNITS: readonly string[] = ["m", "km", "mi", "ft"];

function checkUnit(name: string, unit: string): void {
  if (!UNITS.includes(unit)) {
    throw new TypeError(
      `Invalid ${name} unit "${unit}": expected "m", "km", "mi" or "ft"`,
    );
  }
}

function checkFinite(name: string, what: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new TypeError(
      `Invalid ${name} ${what} "${value}": expected a finite number`,
    );
  }
}

function checkDistance(name: string, what: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new TypeError(
      `Invalid ${name} ${what} "${value}": expected a non-negative finite number`,
    );
  }
}

const GEOADD_KEYS = optionKeys<GeoAddOptions>({
  nx: true,
  xx: true,
  ch: true,
});
const FROM_KEYS = optionKeys<GeoSearchFrom>({
  member: true,
  longitude: true,
  latitude: true,
});
const BY_KEYS = optionKeys<GeoSearchBy>({
  radius: true,
  width: true,
  height: true,
  unit: true,
});
const SEARCH_KEYS = optionKeys<GeoSearchOptions>({ order: true, count: true });
const COUNT_KEYS = optionKeys<GeoSearchOptions["count"]>({
  value: true,
  any: true,
});
const WITH_KEYS = optionKeys<GeoSearchWithOptions>({
  order: true,
  count: true,
  withcoord: true,
  withdist: true,
  withhash: true,
});
const STORE_KEYS = optionKeys<GeoStoreOptions>({
  order: true,
  count: true,
  storedist: true,
});

function buildGeoadd(
  key: Key,
  members: GeoMember[],
  options?: GeoAddOptions,
): Arg[] {
  checkNotEmpty("GEOADD", "member", members);
  const argv: Arg[] = ["GEOADD", key];
  if (options !== undefined) checkKeys("GEOADD option", options, GEOADD_KEYS);
  if (options?.nx && options.xx) {
    throw new TypeError(
      'Invalid GEOADD options: "nx" and "xx" exclude each other',
    );
  }
  if (options?.nx) argv.push("NX");
  if (options?.xx) argv.push("XX");
  if (options?.ch) argv.push("CH");
  for (const { longitude, latitude, member } of members) {
    checkFinite("GEOADD", "longitude", longitude);
    checkFinite("GEOADD", "latitude", latitude);
    argv.push(longitude, latitude, member);
  }
  return argv;
}

/** Appends `FROMMEMBER`/`FROMLONLAT` and `BYRADIUS`/`BYBOX`. */
function pushArea(
  argv: Arg[],
  name: string,
  from: GeoSearchFrom,
  by: GeoSearchBy,
): void {
  checkKeys(`${name} from option`, from, FROM_KEYS);
  checkKeys(`${name} by option`, by, BY_KEYS);
  if (from.member !== undefined) {
    if (from.longitude !== undefined || from.latitude !== undefined) {
      throw new TypeError(
        `Invalid ${name} from: "member" and "longitude"/"latitude" exclude each other`,
      );
    }
    argv.push("FROMMEMBER", from.member);
  } else {
    if (from.longitude === undefined || from.latitude === undefined) {
      throw new TypeError(
        `Invalid ${name} from: expected "member", or "longitude" and "latitude"`,
      );
    }
    checkFinite(name, "longitude", from.longitude as number);
    checkFinite(name, "latitude", from.latitude as number);
    argv.push("FROMLONLAT", from.longitude as number, from.latitude as number);
  }
  if (by.radius !== undefined) {
    if (by.width !== undefined || by.height !== undefined) {
      throw new TypeError(
        `Invalid ${name} by: "radius" and "width"/"height" exclude each other`,
      );
    }
    checkDistance(name, "radius", by.radius);
    checkUnit(name, by.unit);
    argv.push("BYRADIUS", by.radius, by.unit);
  } else {
    if (by.width === undefined || by.height === undefined) {
      throw new TypeError(
        `Invalid ${name} by: expected "radius", or "width" and "height"`,
      );
    }
    checkDistance(name, "width", by.width as number);
    checkDistance(name, "height", by.height as number);
    checkUnit(name, by.unit);
    argv.push("BYBOX", by.width as number, by.height as number, by.unit);
  }
}

const POLYGON_KEYS = optionKeys<GeoSearchPolygon>({ polygon: true });

function isPolygon(area: object): area is GeoSearchPolygon {
  return typeof area === "object" && area !== null && "polygon" in area;
}

/** Appends `BYPOLYGON n lon lat ...`. */
function pushPolygon(argv: Arg[], name: string, area: GeoSearchPolygon): void {
  checkKeys(`${name} area option`, area, POLYGON_KEYS);
  const vertices = area.polygon;
  if (!Array.isArray(vertices) || vertices.length < 3) {
    throw new TypeError(
      `Invalid ${name} polygon: expected at least 3 vertices, got ${
        Array.isArray(vertices) ? vertices.length : typeof vertices
      }`,
    );
  }
  argv.push("BYPOLYGON", vertices.length);
  for (const { longitude, latitude } of vertices) {
    checkFinite(name, "longitude", longitude);
    checkFinite(name, "latitude", latitude);
    argv.push(longitude, latitude);
  }
}

/**
 * Appends the area of a search, a polygon or a centre and a circle or box,
 * and returns the options: the parameter after the polygon, or after
 * `by`.
 */
function pushShape<O>(
  argv: Arg[],
  name: string,
  area: GeoSearchFrom | GeoSearchPolygon,
  by: GeoSearchBy | O,
  options: O,
): O {
  if (isPolygon(area)) {
    pushPolygon(argv, name, area);
    return by as O;
  }
  pushArea(argv, name, area, by as GeoSearchBy);
  return options;
}

/** Appends `ASC`/`DESC` and `COUNT n [ANY]`. */
function pushOrderCount(
  argv: Arg[],
  name: string,
  options: GeoSearchOptions | undefined,
): void {
  if (options === undefined) return;
  if (options.order !== undefined) {
    if (options.order !== "ASC" && options.order !== "DESC") {
      throw new TypeError(
        `Invalid ${name} order "${options.order}": expected "ASC" or "DESC"`,
      );
    }
    argv.push(options.order);
  }
  if (options.count !== undefined) {
    checkKeys(`${name} count option`, options.count, COUNT_KEYS);
    const { value, any } = options.count;
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(
        `Invalid ${name} count "${value}": expected a positive integer`,
      );
    }
    argv.push("COUNT", value);
    if (any) argv.push("ANY");
  }
}

const WITH_FLAGS = ["withcoord", "withdist", "withhash"] as const;

/** Appends `WITHCOORD`, `WITHDIST` and `WITHHASH`; at least one must be set. */
function pushWith(
  argv: Arg[],
  name: string,
  options: GeoSearchWithOptions | undefined,
): void {
  const set = WITH_FLAGS.filter((flag) => options?.[flag] === true);
  if (set.length === 0) {
    throw new TypeError(
      `Invalid ${name} options: expected at least one of "withcoord", "withdist" and "withhash"`,
    );
  }
  for (const flag of set) argv.push(flag.toUpperCase());
}

/** Options sent without a `with` flag must not carry one. */
function checkNoWith(name: string, options: object | undefined): void {
  for (const flag of WITH_FLAGS) {
    if ((options as Record<string, unknown> | undefined)?.[flag]) {
      throw new TypeError(
        `Invalid ${name} option "${flag}": use the method ending in "With" instead`,
      );
    }
  }
}

function pushRadius(
  argv: Arg[],
  name: string,
  radius: number,
  unit: GeoUnit,
): Arg[] {
  checkDistance(name, "radius", radius);
  checkUnit(name, unit);
  argv.push(radius, unit);
  return argv;
}

function pushStore(
  argv: Arg[],
  name: string,
  destination: Key,
  options: GeoStoreOptions | undefined,
): Arg[] {
  checkNoWith(name, options);
  if (options !== undefined) checkKeys(`${name} option`, options, STORE_KEYS);
  pushOrderCount(argv, name, options);
  argv.push(options?.storedist ? "STOREDIST" : "STORE", destination);
  return argv;
}

function buildGeoradius(
  name: "GEORADIUS" | "GEORADIUS_RO",
  key: Key,
  longitude: number,
  latitude: number,
  radius: number,
  unit: GeoUnit,
): Arg[] {
  checkFinite(name, "longitude", longitude);
  checkFinite(name, "latitude", latitude);
  return pushRadius([name, key, longitude, latitude], name, radius, unit);
}

function buildByMember(
  name: "GEORADIUSBYMEMBER" | "GEORADIUSBYMEMBER_RO",
  key: Key,
  member: Arg,
  radius: number,
  unit: GeoUnit,
): Arg[] {
  return pushRadius([name, key, member], name, radius, unit);
}

function plain(
  argv: Arg[],
  name: string,
  options: GeoSearchOptions | undefined,
): Arg[] {
  checkNoWith(name, options);
  if (options !== undefined) checkKeys(`${name} option`, options, SEARCH_KEYS);
  pushOrderCount(argv, name, options);
  return argv;
}

function withOptions(
  argv: Arg[],
  name: string,
  options: GeoSearchWithOptions,
): Arg[] {
  if (options !== undefined) checkKeys(`${name} option`, options, WITH_KEYS);
  pushWith(argv, name, options);
  pushOrderCount(argv, name, options);
  return argv;
}

function toCoordinates(reply: Reply): GeoCoordinates {
  const [longitude, latitude] = list(reply);
  return { longitude: num(longitude!), latitude: num(latitude!) };
}

/**
 * A `WITH...` search reply: each match is `[member, dist?, hash?, coord?]`,
 * told apart by their types (distance as a string, hash as an integer,
 * coordinates as an array), so the options need not be known.
 */
function toHits(reply: Reply): GeoSearchHit[] {
  return list(reply).map((item) => {
    if (!Array.isArray(item)) return { member: item as string };
    const hit: GeoSearchHit = { member: item[0] as string };
    for (let i = 1; i < item.length; i++) {
      const part = item[i]!;
      if (Array.isArray(part)) hit.coordinates = toCoordinates(part);
      else if (typeof part === "number" || typeof part === "bigint") {
        hit.hash = Number(part);
      } else hit.distance = num(part);
    }
    return hit;
  });
}

/** The keys of a GEORADIUS/GEORADIUSBYMEMBER with STORE: the source and the last argument. */
const storeKeys = keysAt(1, -1);

/**
 * The geospatial commands (GEOADD, GEOSEARCH, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis/commands";
 *
 * console.log(commands.geoadd.name);
 * ```
 */
export interface GeoCommands {
  /**
   * Adds members at the given positions to a geospatial index (a sorted
   * set), or moves existing ones. Resolves to how many members were added
   * (with `ch`, added or moved). Available since Redis 3.2; `nx`, `xx` and
   * `ch` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.geoadd("cities", [
   *   { longitude: 2.3522, latitude: 48.8566, member: "Paris" },
   *   { longitude: 13.405, latitude: 52.52, member: "Berlin" },
   * ]);
   * ```
   */
  geoadd(
    key: Key,
    members: GeoMember[],
    options?: GeoAddOptions,
  ): Promise<number>;
  /**
   * Measures the distance between two members, in metres unless `unit`
   * says otherwise. Resolves to the distance, or `null` when a member is
   * missing. Available since Redis 3.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const km = await client.geodist("cities", "Paris", "Berlin", "km");
   * ```
   */
  geodist(
    key: Key,
    member1: Arg,
    member2: Arg,
    unit?: GeoUnit,
  ): Promise<number | null>;
  /**
   * Resolves to the 11-character geohash of each member, `null` for the
   * missing ones. Available since Redis 3.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [hash] = await client.geohash("cities", "Paris"); // "u09tvw0f6s0"
   * ```
   */
  geohash(key: Key, ...members: Arg[]): Promise<(string | null)[]>;
  /**
   * Resolves to the position of each member, `null` for the missing ones.
   * Available since Redis 3.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const [paris] = await client.geopos("cities", "Paris");
   * ```
   */
  geopos(key: Key, ...members: Arg[]): Promise<(GeoCoordinates | null)[]>;
  /**
   * Finds the members within `radius` of a position. Resolves to their
   * names. Deprecated in favour of `geosearch`. Available since Redis 3.2;
   * `count.any` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const near = await client.georadius("cities", 2.35, 48.86, 500, "km");
   * ```
   */
  georadius(
    key: Key,
    longitude: number,
    latitude: number,
    radius: number,
    unit: GeoUnit,
    options?: GeoSearchOptions,
  ): Promise<string[]>;
  /**
   * Finds the members within `radius` of a position and stores them in the
   * sorted set `destination` (scores are positions, or distances with
   * `storedist`). Resolves to how many were stored. Deprecated in favour of
   * `geosearchstore`. Available since Redis 3.2; `count.any` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.georadiusStore("cities", 2.35, 48.86, 500, "km", "near", { storedist: true });
   * ```
   */
  georadiusStore(
    key: Key,
    longitude: number,
    latitude: number,
    radius: number,
    unit: GeoUnit,
    destination: Key,
    options?: GeoStoreOptions,
  ): Promise<number>;
  /**
   * Finds the members within `radius` of a position, with their distance,
   * geohash score and/or position as the options ask. Deprecated in favour
   * of `geosearchWith`. Available since Redis 3.2; `count.any` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const near = await client.georadiusWith("cities", 2.35, 48.86, 500, "km", { withdist: true });
   * ```
   */
  georadiusWith(
    key: Key,
    longitude: number,
    latitude: number,
    radius: number,
    unit: GeoUnit,
    options: GeoSearchWithOptions,
  ): Promise<GeoSearchHit[]>;
  /**
   * The read-only `georadius`, which replicas accept. Resolves to the
   * members' names. Deprecated in favour of `geosearch`. Available since
   * Redis 3.2.10; `count.any` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const near = await client.georadiusRo("cities", 2.35, 48.86, 500, "km");
   * ```
   */
  georadiusRo(
    key: Key,
    longitude: number,
    latitude: number,
    radius: number,
    unit: GeoUnit,
    options?: GeoSearchOptions,
  ): Promise<string[]>;
  /**
   * The read-only `georadiusWith`, which replicas accept. Deprecated in
   * favour of `geosearchWith`. Available since Redis 3.2.10; `count.any`
   * since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.georadiusRoWith("cities", 2.35, 48.86, 500, "km", { withcoord: true });
   * ```
   */
  georadiusRoWith(
    key: Key,
    longitude: number,
    latitude: number,
    radius: number,
    unit: GeoUnit,
    options: GeoSearchWithOptions,
  ): Promise<GeoSearchHit[]>;
  /**
   * Finds the members within `radius` of an existing member (itself
   * included). Resolves to their names. Deprecated in favour of
   * `geosearch`. Available since Redis 3.2; `count.any` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const near = await client.georadiusbymember("cities", "Paris", 500, "km");
   * ```
   */
  georadiusbymember(
    key: Key,
    member: Arg,
    radius: number,
    unit: GeoUnit,
    options?: GeoSearchOptions,
  ): Promise<string[]>;
  /**
   * Finds the members within `radius` of an existing member and stores them
   * in the sorted set `destination` (scores are positions, or distances
   * with `storedist`). Resolves to how many were stored. Deprecated in
   * favour of `geosearchstore`. Available since Redis 3.2; `count.any`
   * since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.georadiusbymemberStore("cities", "Paris", 500, "km", "near");
   * ```
   */
  georadiusbymemberStore(
    key: Key,
    member: Arg,
    radius: number,
    unit: GeoUnit,
    destination: Key,
    options?: GeoStoreOptions,
  ): Promise<number>;
  /**
   * Finds the members within `radius` of an existing member, with their
   * distance, geohash score and/or position as the options ask. Deprecated
   * in favour of `geosearchWith`. Available since Redis 3.2; `count.any`
   * since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.georadiusbymemberWith("cities", "Paris", 500, "km", { withdist: true });
   * ```
   */
  georadiusbymemberWith(
    key: Key,
    member: Arg,
    radius: number,
    unit: GeoUnit,
    options: GeoSearchWithOptions,
  ): Promise<GeoSearchHit[]>;
  /**
   * The read-only `georadiusbymember`, which replicas accept. Resolves to
   * the members' names. Deprecated in favour of `geosearch`. Available
   * since Redis 3.2.10; `count.any` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.georadiusbymemberRo("cities", "Paris", 500, "km");
   * ```
   */
  georadiusbymemberRo(
    key: Key,
    member: Arg,
    radius: number,
    unit: GeoUnit,
    options?: GeoSearchOptions,
  ): Promise<string[]>;
  /**
   * The read-only `georadiusbymemberWith`, which replicas accept.
   * Deprecated in favour of `geosearchWith`. Available since Redis 3.2.10;
   * `count.any` since 6.2.
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.georadiusbymemberRoWith("cities", "Paris", 500, "km", { withhash: true });
   * ```
   */
  georadiusbymemberRoWith(
    key: Key,
    member: Arg,
    radius: number,
    unit: GeoUnit,
    options: GeoSearchWithOptions,
  ): Promise<GeoSearchHit[]>;
  /**
   * Finds the members inside a circle or box around a member or a
   * position, or inside a polygon. Resolves to their names (unsorted
   * unless `order` is given). Available since Redis 6.2; polygons since
   * Valkey 9.0 (not in Redis).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const near = await client.geosearch(
   *   "cities",
   *   { longitude: 2.35, latitude: 48.86 },
   *   { radius: 500, unit: "km" },
   *   { order: "ASC", count: { value: 5 } },
   * );
   * const polygon = [
   *   { longitude: 2.2, latitude: 48.8 },
   *   { longitude: 2.5, latitude: 48.8 },
   *   { longitude: 2.5, latitude: 48.9 },
   *   { longitude: 2.2, latitude: 48.9 },
   * ];
   * const inside = await client.geosearch("cities", { polygon });
   * ```
   */
  geosearch(...params: GeoSearchParams): Promise<string[]>;
  /**
   * Finds the members inside a circle or box around a member or a
   * position, or inside a polygon, with their distance, geohash score
   * and/or position as the options ask. Available since Redis 6.2;
   * polygons since Valkey 9.0 (not in Redis).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * const hits = await client.geosearchWith(
   *   "cities",
   *   { member: "Paris" },
   *   { width: 1000, height: 600, unit: "km" },
   *   { withdist: true, order: "ASC" },
   * );
   * ```
   */
  geosearchWith(...params: GeoSearchWithParams): Promise<GeoSearchHit[]>;
  /**
   * Finds the members inside a circle or box, or a polygon, of `source`
   * and stores them in the sorted set `destination` (scores are
   * positions, or distances with `storedist`). Resolves to how many were
   * stored. Available since Redis 6.2; polygons since Valkey 9.0 (not in
   * Redis).
   *
   * @example
   * ```ts
   * import { connect } from "@respite/redis";
   *
   * await using client = await connect();
   * await client.geosearchstore("near", "cities", { member: "Paris" }, { radius: 500, unit: "km" });
   * ```
   */
  geosearchstore(...params: GeoSearchStoreParams): Promise<number>;
}

/** The declarations of the geospatial commands. */
export const geoCommands: Declarations<GeoCommands> = {
  geoadd: command({
    name: "GEOADD",
    build: buildGeoadd,
    keys: firstKey,
    reply: (reply) => reply as number,
  }),
  geodist: command({
    name: "GEODIST",
    build: (key: Key, member1: Arg, member2: Arg, unit?: GeoUnit): Arg[] => {
      const argv: Arg[] = ["GEODIST", key, member1, member2];
      if (unit !== undefined) {
        checkUnit("GEODIST", unit);
        argv.push(unit);
      }
      return argv;
    },
    keys: firstKey,
    flags: READONLY,
    reply: numOrNull,
  }),
  geohash: command({
    name: "GEOHASH",
    build: (key: Key, ...members: Arg[]): Arg[] => {
      checkNotEmpty("GEOHASH", "member", members);
      return ["GEOHASH", key, ...members];
    },
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => list(reply) as (string | null)[],
  }),
  geopos: command({
    name: "GEOPOS",
    build: (key: Key, ...members: Arg[]): Arg[] => {
      checkNotEmpty("GEOPOS", "member", members);
      return ["GEOPOS", key, ...members];
    },
    keys: firstKey,
    flags: READONLY,
    reply: (reply) =>
      list(reply).map((item) => item === null ? null : toCoordinates(item)),
  }),
  georadius: command({
    name: "GEORADIUS",
    build: (
      key: Key,
      longitude: number,
      latitude: number,
      radius: number,
      unit: GeoUnit,
      options?: GeoSearchOptions,
    ): Arg[] =>
      plain(
        buildGeoradius("GEORADIUS", key, longitude, latitude, radius, unit),
        "GEORADIUS",
        options,
      ),
    keys: firstKey,
    reply: (reply) => list(reply) as string[],
  }),
  georadiusStore: command({
    name: "GEORADIUS",
    build: (
      key: Key,
      longitude: number,
      latitude: number,
      radius: number,
      unit: GeoUnit,
      destination: Key,
      options?: GeoStoreOptions,
    ): Arg[] =>
      pushStore(
        buildGeoradius("GEORADIUS", key, longitude, latitude, radius, unit),
        "GEORADIUS",
        destination,
        options,
      ),
    keys: storeKeys,
    reply: (reply) => reply as number,
  }),
  georadiusWith: command({
    name: "GEORADIUS",
    build: (
      key: Key,
      longitude: number,
      latitude: number,
      radius: number,
      unit: GeoUnit,
      options: GeoSearchWithOptions,
    ): Arg[] =>
      withOptions(
        buildGeoradius("GEORADIUS", key, longitude, latitude, radius, unit),
        "GEORADIUS",
        options,
      ),
    keys: firstKey,
    reply: toHits,
  }),
  georadiusRo: command({
    name: "GEORADIUS_RO",
    build: (
      key: Key,
      longitude: number,
      latitude: number,
      radius: number,
      unit: GeoUnit,
      options?: GeoSearchOptions,
    ): Arg[] =>
      plain(
        buildGeoradius("GEORADIUS_RO", key, longitude, latitude, radius, unit),
        "GEORADIUS_RO",
        options,
      ),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => list(reply) as string[],
  }),
  georadiusRoWith: command({
    name: "GEORADIUS_RO",
    build: (
      key: Key,
      longitude: number,
      latitude: number,
      radius: number,
      unit: GeoUnit,
      options: GeoSearchWithOptions,
    ): Arg[] =>
      withOptions(
        buildGeoradius("GEORADIUS_RO", key, longitude, latitude, radius, unit),
        "GEORADIUS_RO",
        options,
      ),
    keys: firstKey,
    flags: READONLY,
    reply: toHits,
  }),
  georadiusbymember: command({
    name: "GEORADIUSBYMEMBER",
    build: (
      key: Key,
      member: Arg,
      radius: number,
      unit: GeoUnit,
      options?: GeoSearchOptions,
    ): Arg[] =>
      plain(
        buildByMember("GEORADIUSBYMEMBER", key, member, radius, unit),
        "GEORADIUSBYMEMBER",
        options,
      ),
    keys: firstKey,
    reply: (reply) => list(reply) as string[],
  }),
  georadiusbymemberStore: command({
    name: "GEORADIUSBYMEMBER",
    build: (
      key: Key,
      member: Arg,
      radius: number,
      unit: GeoUnit,
      destination: Key,
      options?: GeoStoreOptions,
    ): Arg[] =>
      pushStore(
        buildByMember("GEORADIUSBYMEMBER", key, member, radius, unit),
        "GEORADIUSBYMEMBER",
        destination,
        options,
      ),
    keys: storeKeys,
    reply: (reply) => reply as number,
  }),
  georadiusbymemberWith: command({
    name: "GEORADIUSBYMEMBER",
    build: (
      key: Key,
      member: Arg,
      radius: number,
      unit: GeoUnit,
      options: GeoSearchWithOptions,
    ): Arg[] =>
      withOptions(
        buildByMember("GEORADIUSBYMEMBER", key, member, radius, unit),
        "GEORADIUSBYMEMBER",
        options,
      ),
    keys: firstKey,
    reply: toHits,
  }),
  georadiusbymemberRo: command({
    name: "GEORADIUSBYMEMBER_RO",
    build: (
      key: Key,
      member: Arg,
      radius: number,
      unit: GeoUnit,
      options?: GeoSearchOptions,
    ): Arg[] =>
      plain(
        buildByMember("GEORADIUSBYMEMBER_RO", key, member, radius, unit),
        "GEORADIUSBYMEMBER_RO",
        options,
      ),
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => list(reply) as string[],
  }),
  georadiusbymemberRoWith: command({
    name: "GEORADIUSBYMEMBER_RO",
    build: (
      key: Key,
      member: Arg,
      radius: number,
      unit: GeoUnit,
      options: GeoSearchWithOptions,
    ): Arg[] =>
      withOptions(
        buildByMember("GEORADIUSBYMEMBER_RO", key, member, radius, unit),
        "GEORADIUSBYMEMBER_RO",
        options,
      ),
    keys: firstKey,
    flags: READONLY,
    reply: toHits,
  }),
  geosearch: command({
    name: "GEOSEARCH",
    build: (...params: GeoSearchParams): Arg[] => {
      const [key, area, by, options] = params;
      const argv: Arg[] = ["GEOSEARCH", key];
      return plain(
        argv,
        "GEOSEARCH",
        pushShape(argv, "GEOSEARCH", area, by, options),
      );
    },
    keys: firstKey,
    flags: READONLY,
    reply: (reply) => list(reply) as string[],
  }),
  geosearchWith: command({
    name: "GEOSEARCH",
    build: (...params: GeoSearchWithParams): Arg[] => {
      const [key, area, by, options] = params;
      const argv: Arg[] = ["GEOSEARCH", key];
      return withOptions(
        argv,
        "GEOSEARCH",
        pushShape(argv, "GEOSEARCH", area, by, options!),
      );
    },
    keys: firstKey,
    flags: READONLY,
    reply: toHits,
  }),
  geosearchstore: command({
    name: "GEOSEARCHSTORE",
    build: (...params: GeoSearchStoreParams): Arg[] => {
      const [destination, source, area, by, shapeOptions] = params;
      const argv: Arg[] = ["GEOSEARCHSTORE", destination, source];
      const options = pushShape(
        argv,
        "GEOSEARCHSTORE",
        area,
        by,
        shapeOptions,
      );
      checkNoWith("GEOSEARCHSTORE", options);
      if (options !== undefined) {
        checkKeys("GEOSEARCHSTORE option", options, STORE_KEYS);
      }
      pushOrderCount(argv, "GEOSEARCHSTORE", options);
      if (options?.storedist) argv.push("STOREDIST");
      return argv;
    },
    keys: keysAt(1, 2),
    reply: (reply) => reply as number,
  }),
};
