/**
 * Reuse of the field names of recent records (HGETALL, stream entries).
 *
 * @module
 */

/** Records with more fields than this are not remembered. */
const SHAPE_MAX = 32_768;
/** The most field names remembered, over all shapes. */
const NAMES_MAX = 32_768;
/** Longer names are not remembered. */
const NAME_LENGTH_MAX = 64;
/** The most shapes (field counts) remembered at once. */
const SHAPES_MAX = 32;
/** The most records of one shape built without reuse after a miss. */
const PAUSE_MAX = 64;

/**
 * The names remembered for records of one size, with how often they have
 * recently matched.
 */
export class Shape {
  /** The name at each position of the last record checked. */
  readonly slots: (string | undefined)[];
  /** Names of the record in progress that matched. */
  #hits = 0;
  /** Records of this shape still to build without reuse. */
  #pause = 0;
  /** The pause after the next record that mostly misses. */
  #backoff = 1;

  constructor(count: number) {
    this.slots = new Array<string | undefined>(count).fill(undefined);
  }

  /** Whether the next record of this shape should skip reuse. */
  paused(): boolean {
    if (this.#pause === 0) return false;
    this.#pause--;
    return true;
  }

  /**
   * `name`, or the equal string remembered at `index`; a different name
   * (when short enough) is remembered there instead.
   */
  reuse(index: number, name: string): string {
    const known = this.slots[index];
    if (known === name) {
      this.#hits++;
      return known;
    }
    if (name.length <= NAME_LENGTH_MAX) this.slots[index] = name;
    return name;
  }

  /**
   * Ends a record. When fewer than half its names matched, the next
   * records of this size skip reuse (1, then 2, 4, ... up to
   * {@linkcode PAUSE_MAX} of them): remembering names that do not come
   * back costs more than it saves.
   */
  done(): void {
    if (this.#hits * 2 < this.slots.length) {
      this.#pause = this.#backoff;
      if (this.#backoff < PAUSE_MAX) this.#backoff *= 2;
    } else {
      this.#backoff = 1;
    }
    this.#hits = 0;
  }
}

/**
 * The field names of the last record of each size (field count) that a
 * reply transform built, kept by position.
 *
 * Making a property key of a string the engine has not used as a key yet
 * costs a hash and a string table lookup, every time: for a record of
 * 10,000 fresh names that is more than half of the time spent building it.
 * Records of one kind usually repeat their names in the same order (hashes
 * written by the same code, a hash read again, the entries of a stream), so
 * a name equal to the one at the same position last time is replaced by
 * that earlier string, which is a key already. A name that differs takes
 * the position. The record is the same either way; only the work differs.
 * Where names do not repeat, reuse pauses (see {@linkcode Shape.done}).
 *
 * Bounded: at most {@linkcode SHAPES_MAX} sizes and {@linkcode NAMES_MAX}
 * names of up to {@linkcode NAME_LENGTH_MAX} characters are kept, so at
 * most about 2 M characters stay alive after their records are gone.
 */
export class FieldNames {
  #shapes = new Map<number, Shape>();
  #kept = 0;

  /**
   * The shape for the next record of `count` fields, or `undefined` when
   * that record should be built without reuse.
   */
  shape(count: number): Shape | undefined {
    let shape = this.#shapes.get(count);
    if (shape !== undefined) return shape.paused() ? undefined : shape;
    if (count === 0 || count > SHAPE_MAX) return undefined;
    if (
      this.#shapes.size >= SHAPES_MAX || this.#kept + count > NAMES_MAX
    ) {
      this.#shapes.clear();
      this.#kept = 0;
    }
    shape = new Shape(count);
    this.#shapes.set(count, shape);
    this.#kept += count;
    return shape;
  }

  /** The names remembered for records of `count` fields, if any. */
  peek(count: number): readonly (string | undefined)[] | undefined {
    return this.#shapes.get(count)?.slots;
  }
}
