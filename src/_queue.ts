/**
 * A FIFO queue with O(1) push, shift and indexed access.
 *
 * @module
 */

/** A growable ring buffer. */
export class Queue<T> {
  #items: (T | undefined)[] = new Array(64);
  #head = 0;
  #size = 0;

  /** The number of queued items. */
  get length(): number {
    return this.#size;
  }

  /** Appends an item. */
  push(item: T): void {
    const items = this.#items;
    if (this.#size === items.length) {
      const grown: (T | undefined)[] = new Array(items.length * 2);
      for (let i = 0; i < this.#size; i++) {
        grown[i] = items[(this.#head + i) & (items.length - 1)];
      }
      this.#items = grown;
      this.#head = 0;
    }
    this.#items[(this.#head + this.#size) & (this.#items.length - 1)] = item;
    this.#size++;
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head] = undefined;
    this.#head = (this.#head + 1) & (this.#items.length - 1);
    this.#size--;
    return item;
  }

  /** The item at `index` from the oldest, or `undefined`. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.#size) return undefined;
    return this.#items[(this.#head + index) & (this.#items.length - 1)];
  }

  /** Removes and returns every item, oldest first. */
  drain(): T[] {
    const all: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) {
      all.push(item);
    }
    return all;
  }
}
