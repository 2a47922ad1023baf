/**
 * Connection: one socket, one write per tick, replies in order, pushes
 * routed aside, and the commands handed back to the owner when the socket
 * goes; over a pipe socket whose writes and replies the test controls.
 */
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Connection } from "../../src/connection/connection.ts";
import type { Request } from "../../src/connection/request.ts";
import { ProtocolError, ReplyError } from "../../mod.ts";
import type { Reply } from "../../src/resp/types.ts";
import { pipe } from "./_pipe.ts";

/** A request whose promise the test awaits. */
function request(argv: string[]): { entry: Request; done: Promise<unknown> } {
  let entry!: Request;
  const done = new Promise<unknown>((resolve, reject) => {
    entry = {
      resolve,
      reject,
      transform: undefined,
      bytes: false,
      onAttributes: undefined,
      optional: false,
      argv,
      readonly: false,
      flat: false,
      internal: false,
      done: false,
    };
  });
  return { entry, done };
}

/** The owner's side: what the connection reported lost. */
function owner(): {
  lost: { message: string; cause: unknown }[];
  onLost: (message: string, cause?: unknown) => void;
  whenLost: Promise<void>;
} {
  const lost: { message: string; cause: unknown }[] = [];
  let told!: () => void;
  const whenLost = new Promise<void>((resolve) => told = resolve);
  return {
    lost,
    onLost: (message, cause) => {
      lost.push({ message, cause });
      told();
    },
    whenLost,
  };
}

describe("Connection", () => {
  it("Connection writes the commands of one tick in one write and matches replies in order", async () => {
    const p = pipe();
    const o = owner();
    const connection = new Connection(p.socket, "pipe", {}, o.onLost);
    const a = connection.sendDirect(["SET", "k", "1"]);
    const b = connection.sendDirect(["INCR", "k"]);
    const c = connection.sendDirect(["GET", "k"]);
    assert.deepEqual(await p.nextWrite(), [
      ["SET", "k", "1"],
      ["INCR", "k"],
      ["GET", "k"],
    ]);
    assert.equal(connection.length, 3);
    await p.reply("+OK\r\n:2\r\n$1\r\n2\r\n");
    assert.deepEqual(await Promise.all([a, b, c]), ["OK", 2, "2"]);
    assert.equal(connection.length, 0);
    connection.detach();
    assert.equal(p.closed, true);
  });

  it("Connection writes an eager command at once and gathers the next ones behind it", async () => {
    const p = pipe();
    const connection = new Connection(p.socket, "pipe", {}, owner().onLost);
    const first = request(["GET", "a"]);
    connection.write(first.entry, true);
    const second = request(["GET", "b"]);
    const third = request(["GET", "c"]);
    connection.write(second.entry, true);
    connection.write(third.entry, true);
    assert.deepEqual(await p.nextWrite(), [["GET", "a"]]);
    assert.deepEqual(await p.nextWrite(), [["GET", "b"], ["GET", "c"]]);
    await p.reply("$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n");
    assert.deepEqual(
      await Promise.all([first.done, second.done, third.done]),
      ["a", "b", "c"],
    );
    connection.detach();
  });

  it("Connection gives an error reply to its own command only, naming the command", async () => {
    const p = pipe();
    const connection = new Connection(p.socket, "pipe", {}, owner().onLost);
    const bad = connection.sendDirect(["INCR", "text"]);
    const good = connection.sendDirect(["PING"]);
    await p.nextWrite();
    await p.reply("-ERR value is not an integer or out of range\r\n+PONG\r\n");
    await assert.rejects(bad, (error: unknown) => {
      assert.ok(error instanceof ReplyError);
      assert.equal(error.command, "INCR");
      return true;
    });
    assert.equal(await good, "PONG");
    connection.detach();
  });

  it("Connection routes pushes to its push router and never lets one take a command's place", async () => {
    const p = pipe();
    const pushes: Reply[][] = [];
    const connection = new Connection(p.socket, "pipe", {}, owner().onLost);
    connection.pushRouter = {
      route: (data) => {
        pushes.push(data);
        return true;
      },
    };
    const ping = connection.sendDirect(["PING"]);
    await p.nextWrite();
    await p.reply(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n+PONG\r\n");
    assert.equal(await ping, "PONG");
    assert.equal(pushes.length, 1);
    assert.deepEqual(
      pushes[0]!.map((part) => new TextDecoder().decode(part as Uint8Array)),
      ["message", "ch", "hi"],
    );
    connection.detach();
  });

  it("Connection.detach hands back the waiting commands, saying how many had been written", async () => {
    const p = pipe();
    const connection = new Connection(p.socket, "pipe", {}, owner().onLost);
    const written = request(["INCR", "a"]);
    connection.write(written.entry, true);
    // The first write is not done until the test reads it, so these two
    // wait in the encoder.
    const second = request(["INCR", "b"]);
    const third = request(["INCR", "c"]);
    connection.write(second.entry, true);
    connection.write(third.entry, true);
    await null;
    const { pending, written: count } = connection.detach();
    assert.deepEqual(pending.map((entry) => entry.argv), [
      ["INCR", "a"],
      ["INCR", "b"],
      ["INCR", "c"],
    ]);
    assert.equal(count, 1);
    assert.equal(connection.detached, true);
    // Nothing settled them: that is the owner's call.
    assert.equal(pending.every((entry) => !entry.done), true);
    assert.deepEqual(connection.detach(), { pending: [], written: 0 });
  });

  it("Connection tells its owner once when the server closes the socket", async () => {
    const p = pipe();
    const o = owner();
    const connection = new Connection(p.socket, "pipe", {}, o.onLost);
    const ping = connection.sendDirect(["PING"]);
    await p.nextWrite();
    await p.end();
    await o.whenLost;
    assert.equal(o.lost.length, 1);
    assert.match(o.lost[0]!.message, /"pipe" was closed by the server/);
    const { pending } = connection.detach();
    assert.deepEqual(pending.map((entry) => entry.argv), [["PING"]]);
    pending[0]!.reject(new Error("settled by the owner"));
    await assert.rejects(ping, /settled by the owner/);
    await connection.readLoop;
    assert.equal(o.lost.length, 1);
  });

  it("Connection reports a reply nobody asked for as a protocol error", async () => {
    const p = pipe();
    const o = owner();
    const connection = new Connection(p.socket, "pipe", {}, o.onLost);
    await p.reply("+OK\r\n");
    await o.whenLost;
    assert.match(o.lost[0]!.message, /closed after a protocol error/);
    assert.ok(o.lost[0]!.cause instanceof ProtocolError);
    connection.detach();
  });

  it("Connection.sendDirect rejects once the connection is detached", async () => {
    const p = pipe();
    const connection = new Connection(p.socket, "pipe", {}, owner().onLost);
    connection.detach();
    await assert.rejects(
      connection.sendDirect(["PING"]),
      /Connection to "pipe" is closed/,
    );
  });
});
