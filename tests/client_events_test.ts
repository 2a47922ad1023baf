/**
 * RedisClient events are typed by name: listeners get a RedisClientEvent
 * without a cast, and a misspelled name does not compile (checked by
 * `deno check`, which the check task runs on tests/). At run time, against
 * a private redis-server: the details arrive as typed.
 */
import { describe, it } from "node:test";
import { useAdmin } from "./_support.ts";
import assert from "node:assert/strict";
import {
  connect,
  type RedisClientEvent,
  type RedisClientEventListener,
} from "../mod.ts";

describe("RedisClient events", () => {
  const ctx = useAdmin();

  it("RedisClient.addEventListener gives each listener a typed RedisClientEvent", async () => {
    const client = await connect({ port: ctx.server.port, reconnect: () => 0 });
    try {
      const attempts: number[] = [];
      const errors: unknown[] = [];
      let readyAgain!: () => void;
      const ready = new Promise<void>((resolve) => readyAgain = resolve);
      client.addEventListener("reconnecting", (event) => {
        // No cast: `event` is a RedisClientEvent.
        attempts.push(event.attempt ?? -1);
      });
      const onError: RedisClientEventListener<"error"> = {
        handleEvent: (event) => errors.push(event.error),
      };
      client.addEventListener("error", onError);
      client.addEventListener("ready", () => readyAgain(), { once: true });
      // @ts-expect-error: there is no "reconect" event.
      client.addEventListener("reconect", () => {});
      await ctx.admin.clientKill({ id: await client.clientId() });
      await ready;
      assert.deepEqual(attempts, [1]);
      assert.equal(errors.length, 1);
      assert.equal((errors[0] as Error).name, "ConnectionClosedError");
      client.removeEventListener("error", onError);
      const seen: RedisClientEvent[] = [];
      const readyOnce = new Promise<void>((resolve) =>
        client.addEventListener("ready", (event) => {
          seen.push(event);
          resolve();
        }, { once: true })
      );
      await ctx.admin.clientKill({ id: await client.clientId() });
      await readyOnce;
      assert.equal(errors.length, 1);
      assert.equal(seen.length, 1);
      assert.equal(seen[0]!.type, "ready");
    } finally {
      await client.close();
    }
  });
});
