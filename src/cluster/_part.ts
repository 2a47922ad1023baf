/**
 * The part of a cluster pipeline that goes to one node: its commands are
 * written there as one batch (one write, one promise), and each reply goes
 * to its place in the caller's pipeline. A command the node redirects
 * (MOVED, ASK, TRYAGAIN, ...) is handed back to be routed on its own, and
 * so is every command of a part that was never written.
 *
 * @module
 */

import { Batch, BatchEntry } from "../_batch.ts";
import { ReplyError } from "../errors.ts";
import { unsent } from "./_retry.ts";
import { FLAT_REPLY, READONLY } from "../_flags.ts";
import type { CallOptions } from "../connection/request.ts";
import type { Sender } from "../sender.ts";
import type { NodeAddress, SlotMap } from "./slots.ts";

/** Error codes that a command routed on its own gets past. */
const REDIRECTED = new Set([
  "MOVED",
  "ASK",
  "TRYAGAIN",
  "CLUSTERDOWN",
  "LOADING",
]);

/** One node's share of a cluster pipeline (see the module docs). */
export class PartBatch extends Batch {
  readonly kind = "pipeline";
  readonly #parent: Batch;
  readonly #indices: readonly number[];
  readonly #alone: (index: number) => void;
  readonly #replied: boolean[];

  /**
   * Creates the part of `parent` made of its entries at `indices`.
   *
   * @param parent The caller's pipeline.
   * @param indices The positions of this part's commands in it.
   * @param alone Routes the command at a position of `parent` on its own.
   */
  constructor(
    parent: Batch,
    indices: readonly number[],
    alone: (index: number) => void,
  ) {
    super(indices.map((index) => parent.queued[index]!));
    this.#parent = parent;
    this.#indices = indices;
    this.#alone = alone;
    this.#replied = new Array(indices.length).fill(false);
    for (let i = 0; i < indices.length; i++) {
      const entry = parent.entries[indices[i]!]!;
      this.entries.push(
        new BatchEntry(
          this,
          i,
          entry.argv,
          entry.transform,
          entry.bytes,
          (entry.readonly ? READONLY : 0) | (entry.flat ? FLAT_REPLY : 0),
        ),
      );
    }
  }

  reply(index: number, value: unknown): void {
    this.#replied[index] = true;
    const position = this.#indices[index]!;
    if (value instanceof ReplyError && REDIRECTED.has(value.code)) {
      if (!this.#parent.settled) this.#alone(position);
    } else {
      this.#parent.reply(position, value);
    }
    if (++this.arrived === this.entries.length) this.finish([]);
  }

  override fail(error: unknown): void {
    if (this.settled) return;
    super.fail(error);
    if (unsent(error)) {
      // Never written: each command is routed again on its own.
      for (let i = 0; i < this.#indices.length; i++) {
        if (!this.#replied[i] && !this.#parent.settled) {
          this.#alone(this.#indices[i]!);
        }
      }
      return;
    }
    this.#parent.timeoutMs ??= this.timeoutMs;
    this.#parent.fail(error);
  }
}

/**
 * Sends `batch` as one part per master, each command to the master of its
 * slot in `map`, when every one of those masters has an open connection.
 *
 * @param batch The caller's pipeline.
 * @param slots Each command's slot.
 * @param call The options of the pipeline's `exec()`.
 * @param map The slot map.
 * @param open The open connection of a node, if it has one.
 * @param alone Routes the command at a position of `batch` on its own.
 * @returns Whether the parts were sent (otherwise nothing was).
 */
export function sendByNode(
  batch: Batch,
  slots: readonly number[],
  call: CallOptions | undefined,
  map: SlotMap,
  open: (address: NodeAddress) => Pick<Sender, "sendBatch"> | undefined,
  alone: (index: number) => void,
): boolean {
  const groups = new Map<NodeAddress, number[]>();
  const nodes = new Map<NodeAddress, Pick<Sender, "sendBatch">>();
  for (let i = 0; i < slots.length; i++) {
    const master = map.masterOf(slots[i]!);
    if (master === undefined) return false;
    const group = groups.get(master);
    if (group !== undefined) {
      group.push(i);
      continue;
    }
    const node = open(master);
    if (node === undefined) return false;
    groups.set(master, [i]);
    nodes.set(master, node);
  }
  for (const [master, indices] of groups) {
    nodes.get(master)!.sendBatch(
      new PartBatch(batch, indices, alone),
      call,
      undefined,
    ).catch(() => {});
  }
  return true;
}
