/**
 * Tests of commands newer than the CI server (Redis 7.0): each command's
 * argument vectors and reply parsing are checked against recorded replies
 * played back by a fake server, over RESP3 and RESP2; and, when the test
 * server (`RESPITE_REDIS_SERVER`, else `redis-server`) has the command,
 * against that server for real. The test name says which parts ran.
 *
 * @module
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type Arg, connect, type RedisClient, ReplyError } from "../../mod.ts";
import { BLOCKING, type Commands, commands } from "../../src/commands/mod.ts";
import {
  type FakeConnection,
  type FakeServer,
  handshake,
  startFakeServer,
} from "../_fake_server.ts";
import { serverBuild, serverHas } from "../_process.ts";
import { blockTime } from "../../src/_session.ts";
import { type ServerContext, useServer } from "./_helpers.ts";

/** One call and the server's recorded answer. */
export interface Exchange {
  /** The method's parameters. */
  params: unknown[];
  /** The argument vector the client must send (numbers as numbers or text). */
  argv: Arg[];
  /** The server's reply, byte for byte, over RESP3. */
  resp3: string;
  /** The reply over RESP2; the RESP3 bytes when absent (the same reply). */
  resp2?: string;
  /** What the call resolves to (over both protocols). */
  result?: unknown;
  /** Or: the call rejects with a `ReplyError` whose message matches. */
  error?: RegExp;
}

/** The recorded-reply and real-server checks of one command. */
export interface NewerCase {
  method: keyof Commands;
  /**
   * Where the replies were recorded: a server build (`"redis 7.4.1"`), or
   * `"the Redis 8.4 command reference"` when no such server could be built
   * here.
   */
  recordedFrom: string;
  exchanges: Exchange[];
  /**
   * Assertions against a real server that has the command: the test
   * server, when the declaration's `since` says it has it. (A command a
   * standalone server refuses, such as a cluster-only one, asserts the
   * refusal.)
   */
  live: (ctx: ServerContext) => Promise<void>;
}

const text = new TextDecoder();

/** Parameters as JSON, bigints as their digits. */
function show(params: unknown[]): string {
  return JSON.stringify(
    params,
    (_, value) => typeof value === "bigint" ? `${value}n` : value,
  );
}

/** An argument as the fake server decodes it. */
function sentText(arg: Arg): string {
  if (arg instanceof Uint8Array) return text.decode(arg);
  return String(arg);
}

function method(
  client: RedisClient,
  name: keyof Commands,
): (...params: unknown[]) => Promise<unknown> {
  const fn = (client as unknown as Record<string, unknown>)[name];
  assert.equal(typeof fn, "function", `client.${name} is not a method`);
  return (fn as (...params: unknown[]) => Promise<unknown>).bind(client);
}

async function playBack(
  fake: FakeServer,
  c: NewerCase,
  protocol: 2 | 3,
): Promise<void> {
  const accepted = fake.accept();
  const connecting = connect({ url: fake.url, protocol, reconnect: false });
  const conn: FakeConnection = await accepted;
  await handshake(conn, protocol);
  const client = await connecting;
  // A blocking call (one with a block time) goes on an extra connection of
  // the client's, which stays open for the next one.
  const flagged = (commands[c.method].flags & BLOCKING) !== 0;
  let extra: FakeConnection | undefined;
  try {
    for (const exchange of c.exchanges) {
      const call = method(client, c.method)(...exchange.params);
      const blocking = flagged && blockTime(exchange.argv) !== undefined;
      if (blocking && extra === undefined) {
        extra = await fake.accept();
        await handshake(extra, protocol);
      }
      const on = blocking ? extra! : conn;
      const [sent] = await on.readCommands(1);
      assert.deepEqual(
        sent,
        exchange.argv.map(sentText),
        `${c.method}(${show(exchange.params)}) sent other arguments`,
      );
      await on.write(
        protocol === 3 ? exchange.resp3 : exchange.resp2 ?? exchange.resp3,
      );
      if (exchange.error !== undefined) {
        await assert.rejects(call, (error: unknown) => {
          assert.ok(error instanceof ReplyError, `not a ReplyError: ${error}`);
          assert.match(error.message, exchange.error!);
          return true;
        });
      } else {
        assert.deepEqual(
          await call,
          exchange.result,
          `${c.method} over RESP${protocol}`,
        );
      }
    }
  } finally {
    client.disconnect();
    conn.destroy();
    extra?.destroy();
  }
}

/**
 * Registers one test per case: the recorded replies over RESP3 and RESP2,
 * then the live checks when the test server has the command.
 */
export function testNewer(family: string, cases: NewerCase[]): void {
  const build = serverBuild();
  const running = `${build.name} ${build.version}`;
  const declarations = commands as unknown as Record<
    string,
    { since?: { redis?: string; valkey?: string } }
  >;
  const isLive = (c: NewerCase) => serverHas(declarations[c.method]?.since);
  describe(`${family} commands newer than Redis 7.0`, () => {
    let fake: FakeServer;
    before(async () => {
      fake = await startFakeServer();
    });
    after(async () => {
      await fake?.close();
    });
    // A real server only when some case runs against it.
    const ctx = cases.some(isLive) ? useServer() : undefined;
    for (const c of cases) {
      const live = isLive(c);
      const name =
        `commands.${c.method} parses the replies recorded from ${c.recordedFrom}${
          live
            ? ` and against ${running}`
            : ` (${running} lacks it: recorded replies only)`
        }`;
      it(name, async () => {
        assert.ok(c.exchanges.length > 0, "no recorded exchange");
        await playBack(fake, c, 3);
        await playBack(fake, c, 2);
        if (live) {
          await ctx!.client.sendCommand(["FLUSHALL"]);
          await c.live(ctx!);
        }
      });
    }
  });
}
