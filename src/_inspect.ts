/**
 * What `console.log` and `inspect` print for the client's objects: a one-line
 * summary (`RedisClient { status: "ready", address: "127.0.0.1:6379", ... }`)
 * instead of every method, on Deno (`Deno.customInspect`) and on Bun and
 * Node (`util.inspect.custom`), both registered through `Symbol.for`, so no
 * runtime module is imported. Summaries never hold a password.
 *
 * @module
 */

const DENO_INSPECT = Symbol.for("Deno.customInspect");
const NODE_INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** A value of a summary: text is quoted, the rest printed as is. */
export type SummaryValue = string | number | boolean | undefined;

/**
 * Makes the instances of `target` print as `name { key: value, ... }`, with
 * the fields `describe` gives for the instance.
 */
export function summarize<T extends object>(
  target: { prototype: T },
  name: string,
  describe: (self: T) => Record<string, SummaryValue>,
): void {
  const show = function (this: T): string {
    return summary(name, describe(this));
  };
  for (const key of [DENO_INSPECT, NODE_INSPECT]) {
    Object.defineProperty(target.prototype, key, {
      value: show,
      configurable: true,
      writable: true,
    });
  }
}

/** `name { key: value, ... }`. */
export function summary(
  name: string,
  fields: Record<string, SummaryValue>,
): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(
      `${key}: ${typeof value === "string" ? JSON.stringify(value) : value}`,
    );
  }
  return `${name} { ${parts.join(", ")} }`;
}

/** Names for a summary: the first few, bytes shown by their length. */
export function describeNames(names: readonly (string | Uint8Array)[]): string {
  const shown = names.slice(0, 5).map((name) =>
    typeof name === "string" ? name : `<${name.length} bytes>`
  );
  return shown.join(", ") +
    (names.length > 5 ? `, and ${names.length - 5} more` : "");
}
