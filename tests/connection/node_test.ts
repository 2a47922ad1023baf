/**
 * NodeSender: one server's connections behind the Sender interface. A
 * blocking command goes to an extra connection unless sent as written; a
 * change of connection state retires the idle extra connections; a RESP2
 * subscription gets a subscriber connection of its own. Against a private
 * redis-server.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { openNode } from "../../src/connection/node.ts";
import { resolveOptions } from "../../src/_connect_options.ts";
import { AS_WRITTEN, BLOCKING, CONNECTION_STATE } from "../../src/_flags.ts";
import { uniqueKey, until, useAdmin } from "../_support.ts";

describe("NodeSender", () => {
  const ctx = useAdmin();

  /** Connections of the server blocked in BLPOP now. */
  async function blocked(): Promise<number> {
    return (await ctx.admin.clientList()).filter((c) =>
      c.cmd === "blpop" && c.flags?.includes("b")
    ).length;
  }

  it("NodeSender sends a blocking command on an extra connection, and one sent as written on the shared one", async () => {
    const node = await openNode(
      resolveOptions({ port: ctx.server.port }),
      undefined,
    );
    try {
      const list = uniqueKey("node:list");
      const aside = node.send(
        ["BLPOP", list, 0],
        undefined,
        false,
        undefined,
        BLOCKING,
      );
      await until(async () => await blocked() === 1, "BLPOP to block");
      // The shared connection is free meanwhile.
      assert.equal(node.link.pendingCount, 0);
      assert.equal(
        await node.send(["PING"], undefined, false, undefined, 0),
        "PONG",
      );
      await ctx.admin.rpush(list, "a");
      assert.deepEqual(await aside, [list, "a"]);

      const inline = node.send(
        ["BLPOP", list, 0],
        undefined,
        false,
        undefined,
        BLOCKING | AS_WRITTEN,
      );
      await until(async () => await blocked() === 1, "BLPOP to block");
      assert.equal(node.link.pendingCount, 1);
      await ctx.admin.rpush(list, "b");
      assert.deepEqual(await inline, [list, "b"]);
    } finally {
      await node.close();
    }
  });

  it("NodeSender closes its idle extra connections when the connection state changes", async () => {
    const node = await openNode(
      resolveOptions({ port: ctx.server.port, clientName: "node-state" }),
      undefined,
    );
    try {
      const list = uniqueKey("node:state");
      await ctx.admin.rpush(list, "x");
      await node.send(
        ["BLPOP", list, 1],
        undefined,
        false,
        undefined,
        BLOCKING,
      );
      const named = async () =>
        (await ctx.admin.clientList()).filter((c) => c.name === "node-state")
          .length;
      assert.equal(await named(), 2); // the link and one idle extra
      await node.send(
        ["SELECT", 1],
        undefined,
        false,
        undefined,
        CONNECTION_STATE,
      );
      await until(async () => await named() === 1, "the idle extra to close");
      assert.equal(node.link.options?.db, 1);
    } finally {
      await node.close();
    }
  });

  it("NodeSender subscribes over RESP2 on a subscriber connection and closes it with the link", async () => {
    const node = await openNode(
      resolveOptions({
        port: ctx.server.port,
        protocol: 2,
        clientName: "node-sub",
      }),
      undefined,
    );
    const channel = uniqueKey("node:ch");
    const subscription = await node.subscribe("channel", [channel], false, {});
    assert.equal(node.subscribed, true);
    const subscribers = async () =>
      (await ctx.admin.clientList()).filter((c) =>
        c.name === "node-sub" && c.flags?.includes("P")
      ).length;
    assert.equal(await subscribers(), 1);
    await ctx.admin.publish(channel, "hello");
    const iterator = subscription[Symbol.asyncIterator]();
    assert.equal((await iterator.next()).value?.message, "hello");
    await node.close();
    await until(
      async () => await subscribers() === 0,
      "the subscriber to close",
    );
    assert.equal((await iterator.next()).done, true);
  });
});
