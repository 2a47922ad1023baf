/**
 * The geospatial commands (GEOADD, GEOSEARCH, ...).
 *
 * @module
 */

import { type Command, command, type Key } from "./_define.ts";

/**
 * The geospatial commands (GEOADD, GEOSEARCH, ...).
 *
 * @example
 * ```ts
 * import { commands } from "@respite/redis";
 *
 * console.log(commands.geoadd.name);
 * ```
 */
// deno-lint-ignore no-empty-interface
export interface GeoCommands {}

/** The declarations of the geospatial commands. */
export const geoCommands: GeoCommands = {};
