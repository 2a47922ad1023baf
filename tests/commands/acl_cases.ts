import type { CommandCase } from "./_helpers.ts";

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [];
