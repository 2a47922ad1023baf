/**
 * Checks of option objects: every key must be one the options type has, so
 * a misspelled option (`{ EX: 10 }` for `{ ex: 10 }`) fails loudly instead
 * of being ignored.
 *
 * @module
 */

/** The keys an options object may have. */
export type KnownKeys = ReadonlySet<string>;

/** Every key of every member of a union type. */
type AllKeys<T> = T extends unknown ? keyof T : never;

/**
 * The key set of the options type `T`. The compiler checks that the list is
 * complete and has nothing else: pass every key of `T` (of every member of
 * a union), each set to `true`.
 */
export function optionKeys<T>(
  keys: { readonly [K in AllKeys<NonNullable<T>> & string]-?: true },
): KnownKeys {
  return new Set(Object.keys(keys));
}

/**
 * Throws a `TypeError` unless `options` is an object whose own and
 * inherited enumerable keys are all in `known`. `what` names the options
 * in the message: `Unknown SET option "EX": did you mean "ex"?`. Values
 * are never part of the message.
 */
export function checkKeys(
  what: string,
  options: unknown,
  known: KnownKeys,
): void {
  if (
    typeof options !== "object" || options === null || Array.isArray(options)
  ) {
    throw new TypeError(
      `Invalid ${what}s: expected an object, got ${
        options === null
          ? "null"
          : Array.isArray(options)
          ? "an array"
          : typeof options
      }`,
    );
  }
  for (const key in options) {
    if (!known.has(key)) throw unknownKey(what, key, known);
  }
}

/** The `TypeError` for an unknown key, with the closest known one. */
export function unknownKey(
  what: string,
  key: string,
  known: Iterable<string>,
): TypeError {
  const near = closest(key, known);
  return new TypeError(
    `Unknown ${what} "${key}"${
      near === undefined ? "" : `: did you mean "${near}"?`
    }`,
  );
}

/**
 * The known key `key` most likely stands for: the same word in another
 * case, one at most two edits away (one for short keys), or else one
 * that holds it.
 */
export function closest(
  key: string,
  known: Iterable<string>,
): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  let within: string | undefined;
  for (const candidate of known) {
    const other = candidate.toLowerCase();
    if (other === lower) return candidate;
    // A part of a longer name: "ca" for "caCerts", "depth" for "maxDepth".
    if (lower.length >= 2 && other.includes(lower)) within ??= candidate;
    const distance = editDistance(lower, other);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.min(key.length, best?.length ?? 0) <= 4 ? 1 : 2;
  return bestDistance <= allowed ? best : within;
}

/** Levenshtein distance, with a swap of two neighbours counted as one. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return Infinity;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        rows[i - 1]![j]! + 1,
        rows[i]![j - 1]! + 1,
        rows[i - 1]![j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = value;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The keys of per-call options (`CallOptions`). */
export const CALL_KEYS: KnownKeys = optionKeys<
  { timeout?: number; signal?: AbortSignal }
>({ timeout: true, signal: true });

/**
 * Checks per-call options (`what` names them in messages, such as `"call
 * option"`): known keys, a timeout that is a positive number of
 * milliseconds or `Infinity`, and an `AbortSignal`.
 */
export function checkCallOptions(
  what: string,
  options: { timeout?: number; signal?: AbortSignal },
  known: KnownKeys = CALL_KEYS,
): void {
  checkKeys(what, options, known);
  const { timeout, signal } = options;
  if (timeout !== undefined && !(typeof timeout === "number" && timeout > 0)) {
    throw new TypeError(
      `Invalid timeout "${timeout}": expected a positive number of milliseconds, or Infinity`,
    );
  }
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new TypeError(`Invalid ${what} "signal": expected an AbortSignal`);
  }
}
