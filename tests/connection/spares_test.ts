/**
 * Spares: the extra connections of a client, with a host whose
 * connections are plain objects, so that limits, order and reuse are
 * checked exactly (the client's tests check them against a real server).
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { type Spare, Spares } from "../../src/connection/spares.ts";
import { until } from "../_support.ts";

class FakeSpare implements Spare {
  static opened = 0;
  readonly id = ++FakeSpare.opened;
  clean = true;
  closed = false;
  disconnect(): void {
    this.closed = true;
  }
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

function host(options: { max?: number; idle?: number } = {}) {
  const state = { ready: true, closed: undefined as Error | undefined };
  const opened: FakeSpare[] = [];
  const spares = new Spares<FakeSpare>({
    open: () => {
      const spare = new FakeSpare();
      opened.push(spare);
      return Promise.resolve(spare);
    },
    usable: (spare) => spare.clean && !spare.closed,
    closedError: () => state.closed,
    get ready() {
      return state.ready;
    },
    maxExtra: options.max ?? 2,
    idleExtra: options.idle ?? 1,
  });
  return { spares, opened, state };
}

/** A promise and its resolver. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => resolve = r);
  return { promise, resolve };
}

describe("Spares", () => {
  it("Spares opens up to maxExtra connections and serves the calls beyond in the order they came", async () => {
    const { spares, opened } = host({ max: 2 });
    const gates = [deferred<void>(), deferred<void>()];
    const order: string[] = [];
    const busy = gates.map((gate, i) =>
      spares.run(
        async (spare) => {
          order.push(`start ${i} on ${spare.id}`);
          await gate.promise;
          return spare.id;
        },
        undefined,
        undefined,
        ["BLPOP"],
      )
    );
    const waiting = ["a", "b"].map((name) =>
      spares.run(
        (spare) => {
          order.push(`${name} on ${spare.id}`);
          return Promise.resolve(spare.id);
        },
        undefined,
        undefined,
        ["BLPOP"],
      )
    );
    await until(() => order.length === 2, "both connections in use");
    assert.equal(opened.length, 2);
    gates[1]!.resolve();
    gates[0]!.resolve();
    const ids = await Promise.all([...busy, ...waiting]);
    assert.equal(opened.length, 2);
    assert.deepEqual(ids.slice(0, 2), [opened[0]!.id, opened[1]!.id]);
    // "a" waited first, so it got the first connection given back.
    assert.deepEqual(order.slice(2), [
      `a on ${opened[1]!.id}`,
      `b on ${opened[0]!.id}`,
    ]);
  });

  it("Spares keeps idleExtra connections for the next call and closes the rest", async () => {
    const { spares, opened } = host({ max: 3, idle: 1 });
    const gate = deferred<void>();
    await Promise.all(
      [0, 1, 2].map(() =>
        spares.run(() => gate.promise, undefined, undefined, ["BLPOP"])
      ).concat([Promise.resolve().then(() => gate.resolve())]),
    );
    assert.equal(opened.filter((spare) => spare.closed).length, 2);
    const reused = await spares.run(
      (spare) => Promise.resolve(spare),
      undefined,
      undefined,
      ["BLPOP"],
    );
    assert.equal(reused.closed, false);
    assert.equal(opened.length, 3);
  });

  it("Spares closes a connection that is no longer usable instead of reusing it", async () => {
    const { spares, opened } = host();
    await spares.run(
      (spare) => {
        spare.clean = false;
        return Promise.resolve();
      },
      undefined,
      undefined,
      ["WATCH"],
    );
    assert.equal(opened[0]!.closed, true);
    const next = await spares.run(
      (spare) => Promise.resolve(spare),
      undefined,
      undefined,
      ["WATCH"],
    );
    assert.notEqual(next, opened[0]);
  });

  it("Spares times a wait for a connection out with a message naming maxExtraConnections", async () => {
    const { spares } = host({ max: 1 });
    const gate = deferred<void>();
    const holding = spares.run(() => gate.promise, undefined, undefined, [
      "BLPOP",
      "q",
      0,
    ]);
    await assert.rejects(
      spares.run(() => Promise.resolve(), undefined, 20, ["BLPOP", "q", 0]),
      (error: unknown) => {
        assert.ok(error instanceof DOMException);
        assert.equal(error.name, "TimeoutError");
        assert.match(error.message, /one of the client's 1 extra connections/);
        assert.match(error.message, /"maxExtraConnections"/);
        return true;
      },
    );
    gate.resolve();
    await holding;
  });

  it("Spares closes a connection whose call timed out or was aborted (the server may still be busy)", async () => {
    const { spares, opened } = host();
    const controller = new AbortController();
    let started = false;
    const aborted = spares.run(
      (_spare, call) =>
        new Promise((_, reject) => {
          started = true;
          call.signal!.addEventListener("abort", () =>
            reject(new DOMException("stopped", "AbortError")));
        }),
      { signal: controller.signal },
      undefined,
      ["BLPOP"],
    );
    await until(() => started, "the call to start");
    controller.abort();
    await assert.rejects(aborted, { name: "AbortError" });
    assert.equal(opened[0]!.closed, true);
  });

  it("Spares.end closes every connection and rejects the waiting calls", async () => {
    const { spares, opened, state } = host({ max: 1 });
    const gate = deferred<void>();
    let holds = false;
    const holding = spares.run(
      () => {
        holds = true;
        return gate.promise;
      },
      undefined,
      undefined,
      ["BLPOP"],
    );
    const waiting = spares.run(() => Promise.resolve(), undefined, undefined, [
      "BLPOP",
    ]);
    await until(() => holds, "the first call to hold the connection");
    const error = new Error("closed for good");
    state.closed = error;
    spares.end(error);
    await assert.rejects(waiting, /closed for good/);
    assert.equal(opened[0]!.closed, true);
    gate.resolve();
    await holding;
    await assert.rejects(
      spares.run(() => Promise.resolve(), undefined, undefined, ["BLPOP"]),
      /closed for good/,
    );
  });
});
