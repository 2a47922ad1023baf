/**
 * Timeouts: one timer for every command deadline of a connection; the
 * client-wide ones expire in the order they were set, the others by time,
 * and a settled command's deadline lets go of it.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Timeouts } from "../../src/connection/deadlines.ts";
import type { Request } from "../../src/connection/request.ts";

function request(name: string, order: string[]): Request {
  return {
    resolve: () => order.push(`${name} resolved`),
    reject: (error) =>
      order.push(
        `${name} ${(error as DOMException).name}: ${(error as Error).message}`,
      ),
    transform: undefined,
    bytes: false,
    onAttributes: undefined,
    optional: false,
    argv: [name],
    readonly: false,
    flat: false,
    internal: false,
    done: false,
  };
}

/** Resolves once `entry` was rejected. */
function rejected(entry: Request): Promise<void> {
  return new Promise<void>((resolve) => {
    const reject = entry.reject;
    entry.reject = (error) => {
      reject(error);
      resolve();
    };
  });
}

describe("Timeouts", () => {
  it("Timeouts settles expired commands with a TimeoutError, earliest first", async () => {
    const order: string[] = [];
    const timeouts = new Timeouts();
    const last = request("LAST", order);
    const done = rejected(last);
    timeouts.add(last, 30, false);
    timeouts.add(request("FIRST", order), 5, false);
    timeouts.add(request("UNIFORM", order), 10, true);
    await done;
    assert.deepEqual(order, [
      'FIRST TimeoutError: Command "FIRST" timed out after 5 ms',
      'UNIFORM TimeoutError: Command "UNIFORM" timed out after 10 ms',
      'LAST TimeoutError: Command "LAST" timed out after 30 ms',
    ]);
  });

  it("Timeouts settles commands in deadline order across both kinds when its timer fires late", async () => {
    const order: string[] = [];
    const timeouts = new Timeouts();
    const last = request("LAST", order);
    const done = rejected(last);
    timeouts.add(request("OWN-2", order), 2, false);
    timeouts.add(request("UNIFORM-4", order), 4, true);
    timeouts.add(request("OWN-6", order), 6, false);
    timeouts.add(request("UNIFORM-8", order), 8, true);
    timeouts.add(last, 10, false);
    // Hold the event loop past every deadline, so one timer call finds
    // them all expired.
    const start = performance.now();
    while (performance.now() - start < 15) {
      // busy
    }
    await done;
    assert.deepEqual(order.map((line) => line.split(" ")[0]), [
      "OWN-2",
      "UNIFORM-4",
      "OWN-6",
      "UNIFORM-8",
      "LAST",
    ]);
  });

  it("Timeouts.release keeps the deadlines of commands still waiting and drops those of settled ones", async () => {
    const order: string[] = [];
    const timeouts = new Timeouts();
    const answered = request("ANSWERED", order);
    timeouts.add(answered, 5, true);
    // What a connection does when the reply arrives first.
    answered.ticket!.entry = undefined;
    const settled = request("SETTLED", order);
    timeouts.add(settled, 5, false);
    settled.done = true;
    const waiting = request("WAITING", order);
    const done = new Promise<void>((resolve) => {
      const reject = waiting.reject;
      waiting.reject = (error) => {
        reject(error);
        resolve();
      };
    });
    timeouts.add(waiting, 20, false);
    timeouts.release();
    await done;
    assert.deepEqual(order, [
      'WAITING TimeoutError: Command "WAITING" timed out after 20 ms',
    ]);
    assert.equal(answered.done, false);
  });
});
