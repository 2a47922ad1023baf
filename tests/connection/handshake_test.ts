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
import { connect, ReplyError } from "../../mod.ts";
import { startServer, type TestServer } from "../_server.ts";
import { serverBuild, serverHas } from "../_process.ts";
import {
  handshake as fakeHandshake,
  startFakeServer,
} from "../_fake_server.ts";
import { VERSION } from "../../src/_version.ts";

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
    assert.equal(info.name, serverBuild().name);
    assert.equal(info.version, serverBuild().version);
    assert.deepEqual(refused, []);
    assert.equal(await c.sendDirect(["CLIENT", "GETNAME"]), "shaken");
    const list = String(await c.sendDirect(["CLIENT", "INFO"]));
    assert.match(list, / db=2 /);
  });

  it("handshake speaks RESP2 when asked: AUTH, HELLO 2 for the server's info, SELECT and CLIENT SETNAME", async () => {
    const c = await connection(locked.port);
    const { server: info } = await handshake(
      c,
      { protocol: 2, password: "s3cret", clientName: "two", db: 1 },
      "test",
      undefined,
    );
    assert.equal(info.proto, 2);
    assert.equal(info.name, serverBuild().name);
    assert.equal(info.version, serverBuild().version);
    assert.equal(info.mode, "standalone");
    assert.equal(await c.sendDirect(["CLIENT", "GETNAME"]), "two");
    assert.match(String(await c.sendDirect(["CLIENT", "INFO"])), / db=1 /);
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
  const libInfo = { redis: "7.2.0", valkey: "7.2.4" };
  const running = `${serverBuild().name} ${serverBuild().version}`;
  if (serverHas(libInfo)) {
    it(`handshake reports lib-name respite and lib-ver to ${running} with CLIENT SETINFO`, async () => {
      const c = await connection(server.port);
      const { refused } = await handshake(
        c,
        { protocol: 3 },
        "test",
        undefined,
      );
      assert.deepEqual(refused, []);
      const info = String(await c.sendDirect(["CLIENT", "INFO"]));
      assert.match(info, / lib-name=respite lib-ver=(\S+)/);
      assert.equal(/ lib-ver=(\S+)/.exec(info)![1], VERSION);
      const tagged = await connection(server.port);
      await handshake(
        tagged,
        {
          protocol: 2,
          clientInfoTag: "orders-v2",
        },
        "test",
        undefined,
      );
      assert.match(
        String(await tagged.sendDirect(["CLIENT", "INFO"])),
        / lib-name=respite\(orders-v2\) lib-ver=/,
      );
    });
  } else {
    it(`handshake ignores the refused CLIENT SETINFO of ${running}, which lacks it`, async () => {
      for (const protocol of [3, 2] as const) {
        const c = await connection(server.port);
        const { server: info, refused } = await handshake(
          c,
          { protocol, clientInfoTag: "tag", db: 3 },
          "test",
          undefined,
        );
        assert.equal(info.proto, protocol);
        assert.deepEqual(refused, []);
        const text = String(await c.sendDirect(["CLIENT", "INFO"]));
        assert.match(text, / db=3 /);
        assert.doesNotMatch(text, /lib-name=/);
      }
    });
  }

  it("handshake sends no CLIENT SETINFO with clientInfo: false", async () => {
    const fake = await startFakeServer();
    try {
      const accepted = fake.accept();
      const connecting = connect({ url: fake.url, clientInfo: false });
      const conn = await accepted;
      await fakeHandshake(conn, 3, { clientInfo: false });
      const client = await connecting;
      const reply = client.get("k");
      assert.deepEqual(await conn.readCommands(1), [["GET", "k"]]);
      await conn.write("$1\r\nv\r\n");
      assert.equal(await reply, "v");
      client.disconnect();
    } finally {
      await fake.close();
    }
  });
});
