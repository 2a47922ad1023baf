/**
 * Link: one logical connection. Its owner's handshake steps run on every
 * socket, reconnects included; when a socket is lost, the requests that may
 * be sent again go back to the owner when it asks for them (a router
 * re-routes them) instead of the offline queue; events and status.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Link } from "../../src/connection/link.ts";
import { openLink } from "../../src/connection/node.ts";
import type { Request } from "../../src/connection/request.ts";
import { resolveOptions } from "../../src/_connect_options.ts";
import { ConnectionClosedError } from "../../mod.ts";
import { until, useAdmin } from "../_support.ts";
import { pipe } from "./_pipe.ts";

describe("Link", () => {
  const ctx = useAdmin();

  it("Link runs its owner's handshake steps on the first socket and on every reconnect", async () => {
    let runs = 0;
    const link = await openLink(
      resolveOptions({ port: ctx.server.port, reconnect: () => 0 }),
      undefined,
      undefined,
      [async (send, info) => {
        runs++;
        assert.equal(info.proto, 3);
        await send(["CLIENT", "SETNAME", `stepped-${runs}`]);
      }],
    );
    try {
      assert.equal(runs, 1);
      assert.equal(
        await link.send(["CLIENT", "GETNAME"], undefined, false, undefined, 0),
        "stepped-1",
      );
      const events: string[] = [];
      link.events = (type) => events.push(type);
      await ctx.admin.clientKill({ user: "default", skipme: true });
      await until(() => events.includes("ready"), "the reconnect");
      assert.equal(runs, 2);
      assert.equal(
        await link.send(["CLIENT", "GETNAME"], undefined, false, undefined, 0),
        "stepped-2",
      );
      assert.deepEqual(events, ["error", "reconnecting", "connect", "ready"]);
    } finally {
      await link.close();
    }
    assert.equal(link.status, "closed");
  });

  it("Link fails to open when an owner's step throws, and closes its socket", async () => {
    await assert.rejects(
      openLink(
        resolveOptions({ port: ctx.server.port, clientName: "failed-step" }),
        undefined,
        undefined,
        [() => Promise.reject(new Error("not the node we want"))],
      ),
      /not the node we want/,
    );
    await until(
      async () =>
        !(await ctx.admin.clientList()).some((c) => c.name === "failed-step"),
      "the server to see the socket closed",
    );
  });

  it("Link.handBack takes the requests not yet written when the socket is lost, with their deadlines; written ones reject", async () => {
    const p = pipe();
    const link = new Link(p.socket, "pipe", {});
    const taken: Request[] = [];
    link.handBack = (requests) => taken.push(...requests);
    const written = link.send(["INCR", "a"], undefined, false, undefined, 0);
    // The first write is not done until the pipe is read, which it never
    // is: these two wait behind it.
    const second = link.send(["INCR", "b"], undefined, false, undefined, 0);
    const third = link.send(["GET", "c"], undefined, false, undefined, 0);
    // One the owner never answers: it keeps its deadline.
    const timed = link.send(["GET", "d"], undefined, false, { timeout: 30 }, 0);
    await p.end();
    await assert.rejects(written, (error: unknown) => {
      assert.ok(error instanceof ConnectionClosedError);
      assert.equal(error.written, true);
      return true;
    });
    assert.deepEqual(taken.map((request) => request.argv), [
      ["INCR", "b"],
      ["GET", "c"],
      ["GET", "d"],
    ]);
    await assert.rejects(timed, {
      name: "TimeoutError",
      message: 'Command "GET" timed out after 30 ms',
    });
    // The owner settles them, here as another node would answer.
    taken[0]!.resolve(7);
    taken[1]!.resolve("seven");
    assert.deepEqual(await Promise.all([second, third]), [7, "seven"]);
    assert.equal(link.status, "closed");
  });

  it("Link without handBack rejects the requests not yet written when it cannot reconnect", async () => {
    const p = pipe();
    const link = new Link(p.socket, "pipe", {});
    const written = link.send(["INCR", "a"], undefined, false, undefined, 0);
    const queued = link.send(["INCR", "b"], undefined, false, undefined, 0);
    await p.end();
    await assert.rejects(written, { name: "ConnectionClosedError" });
    await assert.rejects(queued, (error: unknown) => {
      assert.ok(error instanceof ConnectionClosedError);
      assert.equal(error.written, false);
      return true;
    });
  });
});
