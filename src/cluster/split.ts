/**
 * Multi-key commands over slots: an argument vector split into one command
 * per slot (MGET, MSET, DEL, UNLINK, EXISTS, TOUCH), and their replies
 * merged back into the one reply the caller expects.
 *
 * @module
 */

import { type KeyLocation, keyPositions } from "../commands/_define.ts";
import type { Arg } from "../resp/types.ts";
import { argSlot } from "./slots.ts";

/** One slot's part of a split command. */
export interface SlotPart {
  /** The slot of its keys. */
  readonly slot: number;
  /** The command for those keys: the original prefix, then their arguments. */
  readonly argv: Arg[];
  /** Which of the original keys (by their order) it holds, in order. */
  readonly keys: number[];
}

/**
 * Splits a multi-key command by the slots of its keys. Each key takes the
 * arguments up to the next key with it (MSET's value); the arguments
 * before the first key are repeated in every part. A command whose keys
 * all share a slot gives one part, the command as it is.
 *
 * @param argv The command.
 * @param locations Where its keys are (a range with a fixed step).
 * @returns The parts, in the order their first key comes; empty without
 *   keys.
 */
export function splitBySlot(
  argv: readonly Arg[],
  locations: readonly KeyLocation[],
): SlotPart[] {
  const positions = keyPositions(locations, argv);
  if (positions.length === 0) return [];
  const slots = positions.map((position) => argSlot(argv[position]!));
  const first = slots[0]!;
  if (slots.every((slot) => slot === first)) {
    return [{ slot: first, argv: [...argv], keys: positions.map((_, i) => i) }];
  }
  const prefix = argv.slice(0, positions[0]);
  const parts = new Map<
    number,
    { slot: number; argv: Arg[]; keys: number[] }
  >();
  for (let i = 0; i < positions.length; i++) {
    const start = positions[i]!;
    const end = i + 1 < positions.length ? positions[i + 1]! : argv.length;
    const slot = slots[i]!;
    let part = parts.get(slot);
    if (part === undefined) {
      part = { slot, argv: [...prefix], keys: [] };
      parts.set(slot, part);
    }
    for (let j = start; j < end; j++) part.argv.push(argv[j]!);
    part.keys.push(i);
  }
  return [...parts.values()];
}

/**
 * The caller's reply from the parts' replies, in the order of the parts:
 * numbers summed (`"agg_sum"`: DEL, EXISTS, TOUCH, UNLINK), one reply per
 * key put back in the keys' order (MGET), or the first reply when all must
 * succeed (MSET's `"OK"`).
 *
 * @param parts The parts as {@linkcode splitBySlot} made them.
 * @param replies Their replies, each already checked for errors.
 * @param response How they combine: `"agg_sum"`, `"all_succeeded"`, or
 *   `undefined` for one reply per key.
 * @param keyCount How many keys the whole command had.
 * @returns The merged reply.
 */
export function mergeParts(
  parts: readonly SlotPart[],
  replies: readonly unknown[],
  response: string | undefined,
  keyCount: number,
): unknown {
  if (response === "agg_sum") {
    let sum = 0;
    for (const reply of replies) sum += Number(reply);
    return sum;
  }
  if (response === "all_succeeded") return replies[0];
  const merged: unknown[] = new Array(keyCount);
  parts.forEach((part, index) => {
    const values = replies[index] as readonly unknown[];
    part.keys.forEach((key, i) => {
      merged[key] = values[i];
    });
  });
  return merged;
}
