/**
 * client.missingCommands(): the declared command methods the connected
 * server lacks, asked of the server.
 */
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect } from "../mod.ts";
import { commands } from "../src/commands/mod.ts";
import { startServer, type TestServer } from "./_server.ts";
import { serverBuild, serverHas } from "./_process.ts";
import { handshake, startFakeServer } from "./_fake_server.ts";

const running = `${serverBuild().name} ${serverBuild().version}`;

/**
 * The methods whose declared `since` says the test server lacks their
 * command (not only an option of it: `hscanNoValues` sends HSCAN, which
 * the server has).
 */
function newerThanServer(except: string[] = []): string[] {
  const declared = Object.entries(commands);
  const here = new Set(
    declared.filter(([, d]) => serverHas(d.since)).map(([, d]) => d.name),
  );
  return declared
    .filter(([, d]) => !here.has(d.name) && !except.includes(d.name))
    .map(([method]) => method)
    .sort();
}

describe("client.missingCommands", () => {
  let server: TestServer;
  let renamed: TestServer;

  before(async () => {
    server = await startServer();
    renamed = await startServer({
      args: ["--rename-command", "FLUSHALL", "", "--rename-command", "LCS", ""],
    });
  });

  after(async () => {
    await server?.stop();
    await renamed?.stop();
  });

  it(`client.missingCommands lists exactly the methods newer than ${running}, with their since`, async () => {
    await using client = await connect({ port: server.port });
    const missing = await client.missingCommands();
    assert.deepEqual(missing.map((m) => m.method), newerThanServer());
    for (const { method, command, since } of missing) {
      assert.equal(command, commands[method].name);
      assert.deepEqual(since, commands[method].since);
    }
    // Every call of a listed method is refused by the server, not by the
    // client.
    const sample = missing.find((m) => !m.command.includes(" "));
    if (sample !== undefined) {
      await assert.rejects(
        client.sendCommand([sample.command, "k"]),
        /unknown command/i,
      );
    }
  });

  it("client.missingCommands lists a command the server renamed away, over RESP2 too", async () => {
    for (const protocol of [3, 2] as const) {
      await using client = await connect({ port: renamed.port, protocol });
      const missing = (await client.missingCommands()).map((m) => m.method);
      assert.ok(missing.includes("flushall"), "flushall not listed");
      assert.ok(missing.includes("lcs"), "lcs not listed");
      assert.ok(!missing.includes("get"), "get listed");
      assert.deepEqual(
        missing.filter((m) =>
          !["flushall", "lcs", "lcsIdx", "lcsLen"].includes(m)
        ),
        newerThanServer(["FLUSHALL", "LCS"]),
      );
    }
  });

  it("client.missingCommands falls back to COMMAND on a server without COMMAND LIST and keeps the subcommands of present containers", async () => {
    const fake = await startFakeServer();
    try {
      const accepted = fake.accept();
      const connecting = connect({ url: fake.url });
      const conn = await accepted;
      await handshake(conn);
      await using client = await connecting;
      const result = client.missingCommands();
      assert.deepEqual(await conn.readCommands(1), [["COMMAND", "LIST"]]);
      await conn.write("-ERR unknown subcommand 'LIST'.\r\n");
      assert.deepEqual(await conn.readCommands(1), [["COMMAND"]]);
      // Redis 6.2's COMMAND: entries of 7 elements, no subcommands.
      const entry = (name: string) =>
        `*7\r\n$${name.length}\r\n${name}\r\n:2\r\n*0\r\n:1\r\n:1\r\n:1\r\n*0\r\n`;
      await conn.write(
        `*3\r\n${entry("get")}${entry("client")}${entry("set")}`,
      );
      assert.deepEqual(await conn.readCommands(1), [[
        "COMMAND",
        "INFO",
        "client",
      ]]);
      await conn.write(`*1\r\n${entry("client")}`);
      const missing = (await result).map((m) => m.method);
      assert.ok(!missing.includes("get"));
      assert.ok(!missing.includes("set"));
      assert.ok(!missing.includes("clientSetinfo"), "subcommand of CLIENT");
      assert.ok(missing.includes("hexpire"));
      assert.ok(missing.includes("clusterInfo"), "CLUSTER is absent");
      assert.equal(
        missing.length,
        Object.keys(commands).length - 2 -
          Object.values(commands).filter((d) => d.name.startsWith("CLIENT "))
            .length,
      );
    } finally {
      await fake.close();
    }
  });
});
