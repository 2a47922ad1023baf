/**
 * A binary min-heap of deadlines: one timer per client serves every
 * command timeout.
 *
 * @module
 */

interface Slot<T> {
  at: number;
  item: T;
}

/** Items ordered by the time they expire. */
export class Deadlines<T> {
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

  /** Removes everything. */
  clear(): void {
    this.#heap = [];
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
