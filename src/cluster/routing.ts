/**
 * How the cluster routes each command, from the declarations: where its
 * keys are, and its routing policy (fan-out and how replies combine).
 *
 * @module
 */

import { commands } from "../commands/mod.ts";
import {
  type KeyLocation,
  keyPositions,
  type RoutePolicy,
} from "../commands/_define.ts";
import type { Arg } from "../resp/types.ts";
import { argSlot } from "./slots.ts";

/** Where a command's keys are and how it is routed, by its name. */
export interface CommandRouting {
  readonly keys: readonly KeyLocation[];
  readonly route: RoutePolicy | undefined;
}

/**
 * Routing by command name (`"GET"`, `"CONFIG SET"`), from the declarations;
 * the first declaration of a name wins, or the first with a route.
 * Commands that must stay atomic across their keys (MSETNX, MSETEX) have
 * no route, so they get CROSSSLOT from the server rather than being split.
 */
const ROUTING = new Map<string, CommandRouting>();
/** Container commands (CONFIG, SCRIPT, ...): routing by subcommand. */
const SUBCOMMANDS = new Map<string, Map<string, CommandRouting>>();
for (const declaration of Object.values(commands)) {
  const [name = "", sub] = declaration.name.toUpperCase().split(" ");
  let table = ROUTING;
  if (sub !== undefined) {
    table = SUBCOMMANDS.get(name) ?? new Map();
    SUBCOMMANDS.set(name, table);
  }
  const key = sub ?? name;
  // A routed declaration of a name wins (EXISTS: existsCount over exists).
  const known = table.get(key);
  if (known !== undefined && (known.route || !declaration.route)) continue;
  table.set(key, {
    keys: declaration.keys,
    route: declaration.route,
  });
}

// PING goes to one node, as a connection check (its tips send it to every
// master); `nodes()` reaches the others. So it may be pipelined too.
ROUTING.set("PING", {
  keys: ROUTING.get("PING")?.keys ?? [],
  route: undefined,
});

// WATCH has no declaration (watch() sends it): its keys follow the name.
if (!ROUTING.has("WATCH")) {
  ROUTING.set("WATCH", { keys: [{ from: 1 }], route: undefined });
}
// A channel routes like a key: SPUBLISH must reach its slot's master, and
// PUBLISH (which any node would take) keeps one channel's messages on one
// node, so they arrive in the order they were published.
for (const name of ["PUBLISH", "SPUBLISH"]) {
  ROUTING.set(name, {
    keys: [{ index: 1 }],
    route: ROUTING.get(name)?.route,
  });
}

/** The routing of `argv`'s command, or `undefined` when unknown. */
export function routingOf(argv: readonly Arg[]): CommandRouting | undefined {
  const name = argv[0];
  if (typeof name !== "string") return undefined;
  // Most commands come upper case from the declarations: no new string.
  const upper = ROUTING.has(name) || SUBCOMMANDS.has(name)
    ? name
    : name.toUpperCase();
  const subcommands = SUBCOMMANDS.get(upper);
  if (subcommands !== undefined) {
    const sub = argv[1];
    if (typeof sub === "string") {
      const found = subcommands.get(sub) ?? subcommands.get(sub.toUpperCase());
      if (found !== undefined) return found;
    }
  }
  return ROUTING.get(upper);
}

/** The slot of a command's first key, or `undefined` without keys. */
export function commandSlot(
  argv: readonly Arg[],
  routing = routingOf(argv),
): number | undefined {
  if (routing === undefined) return undefined;
  const location = routing.keys[0];
  if (location === undefined) return undefined;
  // Most commands: the first key at a fixed index (no array to build).
  if ("index" in location) {
    const at = location.index < 0
      ? argv.length + location.index
      : location.index;
    if (at > 0 && at < argv.length) return argSlot(argv[at]!);
  }
  const first = keyPositions(routing.keys, argv)[0];
  if (first === undefined) return undefined;
  return argSlot(argv[first]!);
}

/**
 * The replies of a command sent to several nodes, combined as its
 * response policy says: summed, the smallest or largest, and-ed or or-ed
 * (element by element for arrays, such as WAITAOF's `[local, replicas]`),
 * the first when all had to succeed or one did, or the arrays joined
 * (KEYS).
 */
export function aggregate(
  replies: readonly unknown[],
  response: RoutePolicy["response"],
): unknown {
  switch (response) {
    case "agg_sum":
      return combineAll(replies, (a, b) => a + b);
    case "agg_min":
      return combineAll(replies, Math.min);
    case "agg_max":
      return combineAll(replies, Math.max);
    case "agg_logical_and":
      return combineAll(replies, (a, b) => a && b ? 1 : 0);
    case "agg_logical_or":
      return combineAll(replies, (a, b) => a || b ? 1 : 0);
    case "all_succeeded":
    case "one_succeeded":
      return replies[0];
    default:
      return replies.every(Array.isArray) ? replies.flat() : replies[0];
  }
}

/** Numeric replies folded with `combine`, element by element for arrays. */
function combineAll(
  replies: readonly unknown[],
  combine: (a: number, b: number) => number,
): unknown {
  if (replies.length === 0) return 0;
  const [first, ...rest] = replies;
  if (Array.isArray(first)) {
    return first.map((value, i) =>
      rest.reduce(
        (acc: number, reply) => combine(acc, Number((reply as unknown[])[i])),
        Number(value),
      )
    );
  }
  return rest.reduce(
    (acc: number, reply) => combine(acc, Number(reply)),
    Number(first),
  );
}

/** Whether `argv` is `SCRIPT LOAD` (which runScript hides in pipelines). */
export function isScriptLoad(argv: readonly Arg[]): boolean {
  return typeof argv[0] === "string" && argv[0].toUpperCase() === "SCRIPT" &&
    typeof argv[1] === "string" && argv[1].toUpperCase() === "LOAD";
}
