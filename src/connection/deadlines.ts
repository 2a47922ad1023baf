/**
 * Command deadlines: one timer per logical connection serves every command
 * timeout, with the timeouts that share the client-wide duration kept in
 * the order they were set and the others in a binary min-heap.
 *
 * @module
 */

import { Queue } from "../_queue.ts";
import {
  MAX_DELAY_MS,
  type Request,
  settle,
  type Ticket,
  timedOut,
} from "./request.ts";

interface Slot<T> {
  at: number;
  item: T;
}

/** Items ordered by the time they expire. */
class Deadlines<T> {
  #heap: Slot<T>[] = [];

  /** The number of items. */
  get size(): number {
    return this.#heap.length;
  }

  /** The earliest expiry time, or `undefined` when empty. */
  get next(): number | undefined {
    return this.#heap[0]?.at;
  }

  /** Adds `item`, expiring at `at`. */
  add(at: number, item: T): void {
    const heap = this.#heap;
    heap.push({ at, item });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= heap[i]!.at) break;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  /** Removes and returns the items expired at `now`, earliest first. */
  expire(now: number): T[] {
    const out: T[] = [];
    while (this.#heap.length > 0 && this.#heap[0]!.at <= now) {
      out.push(this.#pop());
    }
    return out;
  }

  #pop(): T {
    const heap = this.#heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && heap[left]!.at < heap[smallest]!.at) {
          smallest = left;
        }
        if (right < heap.length && heap[right]!.at < heap[smallest]!.at) {
          smallest = right;
        }
        if (smallest === i) break;
        [heap[smallest], heap[i]] = [heap[i]!, heap[smallest]!];
        i = smallest;
      }
    }
    return top.item;
  }
}

/**
 * The deadlines of the commands of one logical connection, across its
 * sockets: a command keeps its deadline while it waits in the offline
 * queue and after it is sent again. An expired command is settled with a
 * `TimeoutError`; its reply, if one comes, is discarded in its turn.
 */
export class Timeouts {
  /** Deadlines of commands with the client-wide timeout, in order. */
  #uniform = new Queue<Ticket>();
  /** Deadlines of commands with a timeout of their own. */
  #others = new Deadlines<Ticket>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;

  /**
   * Gives a command (or a batch, on its last command) a deadline in
   * `timeout` milliseconds. With `uniform` (the client's commandTimeout),
   * deadlines expire in the order they were set.
   */
  add(entry: Request, timeout: number, uniform: boolean): void {
    const ticket: Ticket = {
      at: performance.now() + timeout,
      ms: timeout,
      entry,
    };
    entry.ticket = ticket;
    if (uniform) this.#uniform.push(ticket);
    else this.#others.add(ticket.at, ticket);
    this.#arm();
  }

  /**
   * Drops the deadlines of settled commands (the connection closed for
   * good). Those of commands still waiting elsewhere, handed back to the
   * connection's owner, stay, and so does the timer for them; with none,
   * no timer is left to keep the process alive.
   */
  release(): void {
    const live = (ticket: Ticket) =>
      ticket.entry !== undefined && !ticket.entry.done;
    const uniform = this.#uniform.drain().filter(live);
    for (const ticket of uniform) this.#uniform.push(ticket);
    const others = this.#others.expire(Infinity).filter(live);
    for (const ticket of others) this.#others.add(ticket.at, ticket);
    if (uniform.length > 0 || others.length > 0) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  /** Arms the timer for the earliest command deadline. */
  #arm(): void {
    const uniform = this.#uniform.at(0)?.at;
    const other = this.#others.next;
    const next = uniform === undefined
      ? other
      : other === undefined
      ? uniform
      : Math.min(uniform, other);
    if (next === undefined || next >= this.#timerAt) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = next;
    this.#timer = setTimeout(
      this.#expire,
      Math.min(MAX_DELAY_MS, Math.max(0, next - performance.now())),
    );
  }

  #expire = (): void => {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = performance.now();
    const uniform = this.#uniform;
    const others = this.#others.expire(now);
    // Earliest first across both, when the timer fired late for several.
    let i = 0;
    while ((uniform.at(0)?.at ?? Infinity) <= now) {
      const ticket = uniform.shift()!;
      while (i < others.length && others[i]!.at <= ticket.at) {
        this.#timeOut(others[i++]!);
      }
      this.#timeOut(ticket);
    }
    while (i < others.length) this.#timeOut(others[i++]!);
    this.#arm();
  };

  #timeOut(ticket: Ticket): void {
    const entry = ticket.entry;
    if (entry === undefined || entry.done) return;
    settle(entry, timedOut(entry.argv, ticket.ms));
  }
}
