/**
 * Checks of argument vectors before they are encoded, with messages that
 * name the command and, for a typed method, the parameter at fault.
 *
 * @module
 */

import type { Arg } from "./resp/types.ts";

/** Commands whose second word is a subcommand (`CLIENT SETNAME`). */
const CONTAINERS = new Set([
  "ACL",
  "CLIENT",
  "CLUSTER",
  "COMMAND",
  "CONFIG",
  "FUNCTION",
  "LATENCY",
  "MEMORY",
  "MODULE",
  "OBJECT",
  "PUBSUB",
  "SCRIPT",
  "SLOWLOG",
  "XGROUP",
  "XINFO",
]);

/**
 * The command of an argument vector for messages: its name in upper case,
 * with the subcommand of a container command (`"CLIENT SETNAME"`).
 */
export function commandLabel(argv: readonly unknown[]): string {
  const name = argv[0];
  if (typeof name !== "string") return "command";
  const upper = name.toUpperCase();
  const sub = argv[1];
  return CONTAINERS.has(upper) && typeof sub === "string"
    ? `${upper} ${sub.toUpperCase()}`
    : upper;
}

/**
 * The index of the first argument the encoder cannot take (not a string,
 * number, bigint or `Uint8Array`, or `NaN`), or -1 when all are fine.
 */
export function invalidArg(argv: readonly unknown[]): number {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (typeof arg === "string") continue;
    if (typeof arg === "number") {
      if (arg !== arg) return i; // NaN
      continue;
    }
    if (typeof arg === "bigint" || arg instanceof Uint8Array) continue;
    return i;
  }
  return -1;
}

/** What a value is, for messages: its type, never its content. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "number") return "NaN";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    const name = (value as { constructor?: { name?: string } }).constructor
      ?.name;
    return name === undefined || name === "Object" ? "an object" : name;
  }
  return typeof value === "function" ? "a function" : `a ${typeof value}`;
}

/**
 * The `TypeError` for `argv[index]`: `SET: value must be a string, number,
 * bigint or Uint8Array, got undefined`. `what` names the parameter it came
 * from (`"value"`), or is absent (then `"argument 2"`); with `within`, the
 * value sits inside that parameter (an element of an array, a value of a
 * record).
 */
export function argError(
  argv: readonly unknown[],
  index: number,
  what?: string,
  within = false,
): TypeError {
  const label = commandLabel(argv);
  if (index === 0) {
    return new TypeError(
      `Invalid command name: expected a string, got ${describeValue(argv[0])}`,
    );
  }
  const value = argv[index];
  const subject = what ?? `argument ${index}`;
  if (typeof value === "number") {
    return new TypeError(
      within
        ? `${label}: ${subject} must not hold NaN`
        : `${label}: ${subject} must not be NaN`,
    );
  }
  return new TypeError(
    within
      ? `${label}: ${subject} must hold only strings, numbers, bigints or Uint8Arrays, got ${
        describeValue(value)
      }`
      : `${label}: ${subject} must be a string, number, bigint or Uint8Array, got ${
        describeValue(value)
      }`,
  );
}

/**
 * The `TypeError` for an invalid argument of a typed method: finds the
 * parameter of `params` that holds the bad value (the value itself, or an
 * element or property of it) and names it after the parameter of `build`.
 */
export function paramError(
  build: (...params: never[]) => unknown,
  params: readonly unknown[],
  argv: readonly unknown[],
  index: number,
): TypeError {
  const bad = argv[index];
  const names = paramNames(build);
  const same = (value: unknown): boolean =>
    value === bad || (bad !== bad && value !== value);
  for (let i = 0; i < params.length; i++) {
    const name = names.at(Math.min(i, names.length - 1));
    const param = params[i];
    const rest = name?.startsWith("...") ?? false;
    const label = rest ? name!.slice(3) : name;
    // A generic `...params` says nothing: name the position instead.
    if (label === undefined || label === "params") break;
    if (i >= names.length && !rest) break;
    if (same(param)) return argError(argv, index, label, rest);
    if (holds(param, same)) return argError(argv, index, label, true);
  }
  return argError(argv, index);
}

/** Whether `value` (an array, a `Map` or a record) holds a matching value. */
function holds(value: unknown, same: (value: unknown) => boolean): boolean {
  if (typeof value !== "object" || value === null) return false;
  if (value instanceof Uint8Array) return false;
  const items: Iterable<unknown> = Array.isArray(value)
    ? value
    : value instanceof Map
    ? [...value.keys(), ...value.values()]
    : Object.values(value);
  for (const item of items) {
    if (same(item)) return true;
    // One level down: pairs `[field, value]`, `{ member, score }` objects.
    if (typeof item === "object" && item !== null) {
      const inner = Array.isArray(item) ? item : Object.values(item);
      if (inner.some(same)) return true;
    }
  }
  return false;
}

const namesCache = new WeakMap<object, string[]>();

/**
 * The parameter names of a function from its source: `["key", "value",
 * "options"]`, `"...members"` for a rest parameter, and an empty list when
 * the source does not show them (a bound or minified function).
 */
export function paramNames(fn: (...params: never[]) => unknown): string[] {
  let names = namesCache.get(fn);
  if (names !== undefined) return names;
  names = parseParams(Function.prototype.toString.call(fn));
  namesCache.set(fn, names);
  return names;
}

function parseParams(source: string): string[] {
  const open = source.indexOf("(");
  const arrow = source.indexOf("=>");
  // `key => ...`: a single parameter without parentheses.
  if (arrow >= 0 && (open < 0 || open > arrow)) {
    const single = source.slice(0, arrow).trim().replace(/^async\s+/, "");
    return /^[\w$]+$/.test(single) ? [single] : [];
  }
  if (open < 0) return [];
  const out: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < source.length; i++) {
    const c = source[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    else if (c === "," && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    } else if (c === ")" && depth === 0) {
      out.push(source.slice(start, i));
      break;
    }
  }
  const names: string[] = [];
  for (const part of out) {
    const text = part.trim();
    if (text === "") continue;
    const match = /^(\.\.\.)?\s*([\w$]+)\s*(?:=|$)/.exec(text);
    if (match === null) return [];
    names.push((match[1] ?? "") + match[2]);
  }
  return names;
}

/**
 * Throws the `TypeError` for the first argument of `argv` the encoder
 * cannot take (see {@linkcode argError}); used for raw commands.
 */
export function checkArgv(argv: readonly Arg[]): void {
  if (!Array.isArray(argv)) {
    throw new TypeError(
      `Invalid command: expected an array such as ["GET", "key"], got ${
        describeValue(argv)
      }`,
    );
  }
  if (argv.length === 0) throw new TypeError("Cannot send an empty command");
  const index = invalidArg(argv);
  if (index >= 0) throw argError(argv, index);
}
