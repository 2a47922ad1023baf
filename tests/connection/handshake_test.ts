/**
 * handshake: HELLO with AUTH, SETNAME and SELECT (or their RESP2 forms),
 * the tracked session's steps, the owner's steps, against private
 * redis-servers on a bare socket.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { Connection } from "../../src/connection/connection.ts";
import { handshake } from "../../src/connection/handshake.ts";
import { openSocket } from "../../src/transport/mod.ts";
import { ReplyError } from "../../mod.ts";
import { startServer, type TestServer } from "../_server.ts";

describe("handshake", () => {
  let server: TestServer;
  let locked: TestServer;
  const open: Connection[] = [];

  async function connection(port: number): Promise<Connection> {
    const socket = await openSocket({ port });
    const made = new Connection(socket, `127.0.0.1:${port}`, {}, () => {});
    open.push(made);
    return made;
  }

  before(async () => {
    server = await startServer();
    locked = await startServer({ args: ["--requirepass", "s3cret"] });
  });

  after(async () => {
    for (const made of open) made.detach();
    await server?.stop();
    await locked?.stop();
  });

  it("handshake sends HELLO 3 with SETNAME and SELECT and returns the server's info", async () => {
    const c = await connection(server.port);
    const { server: info, refused } = await handshake(
      c,
      { protocol: 3, clientName: "shaken", db: 2 },
      "test",
      undefined,
    );
    assert.equal(info.proto, 3);
    assert.equal(info.server, "redis");
    assert.match(String(info.version), /^\d+\.\d+/);
    assert.deepEqual(refused, []);
    assert.equal(await c.sendDirect(["CLIENT", "GETNAME"]), "shaken");
    const list = String(await c.sendDirect(["CLIENT", "INFO"]));
    assert.match(list, / db=2 /);
  });

  it("handshake speaks RESP2 when asked: AUTH, SELECT and CLIENT SETNAME", async () => {
    const c = await connection(locked.port);
    const { server: info } = await handshake(
      c,
      { protocol: 2, password: "s3cret", clientName: "two", db: 1 },
      "test",
      undefined,
    );
    assert.deepEqual(info, { proto: 2 });
    assert.equal(await c.sendDirect(["CLIENT", "GETNAME"]), "two");
  });

  it("handshake says a password is needed when the server wants one and none was given", async () => {
    const c = await connection(locked.port);
    await assert.rejects(
      handshake(c, { protocol: 3 }, "locked:1", undefined),
      (error: unknown) => {
        assert.ok(error instanceof ReplyError);
        assert.equal(error.code, "NOAUTH");
        assert.match(error.message, /"locked:1" requires a password/);
        return true;
      },
    );
  });

  it("handshake restores the session and returns the steps the server refused, without failing", async () => {
    const c = await connection(server.port);
    const { refused } = await handshake(c, { protocol: 3 }, "test", {
      noEvict: true,
      tracking: ["CLIENT", "TRACKING", "ON", "REDIRECT", 987654321],
    });
    assert.equal(refused.length, 1);
    assert.deepEqual(refused[0]!.step.slice(0, 3), [
      "CLIENT",
      "TRACKING",
      "ON",
    ]);
    assert.ok(refused[0]!.error instanceof ReplyError);
    const info = String(await c.sendDirect(["CLIENT", "INFO"]));
    assert.match(info, /flags=\S*e/);
  });

  it("handshake runs the owner's steps last, after the server info is known", async () => {
    const c = await connection(server.port);
    const seen: string[] = [];
    await handshake(
      c,
      { protocol: 3, clientName: "first" },
      "test",
      undefined,
      [
        async (send, info) => {
          seen.push(`proto ${info.proto}`);
          seen.push(String(await send(["CLIENT", "GETNAME"])));
        },
      ],
    );
    assert.deepEqual(seen, ["proto 3", "first"]);
  });
});
