/**
 * Shared helpers for the command family tests: argument encoding tables
 * (no server) and a private server with RESP2/RESP3 clients.
 *
 * @module
 */

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { type Arg, connect, type RedisClient, ReplyError } from "../../mod.ts";
import { type Commands, commands } from "../../src/commands/mod.ts";
import {
  type ServerOptions,
  startServer,
  type TestServer,
} from "../_server.ts";

/**
 * One encoding case: `commands[method].build(...params)` must give `argv`
 * (numbers may be written as numbers or strings), or throw an error
 * matching `throws` (a `TypeError` unless `error` says otherwise).
 */
export interface CommandCase {
  method: keyof Commands;
  params: unknown[];
  argv?: Arg[];
  throws?: RegExp;
  /** Overrides the generated test name suffix. */
  name?: string;
}

const text = new TextDecoder();

/** An argument as the text the encoder would send (bytes as `bytes:...`). */
export function argText(arg: unknown): string {
  if (arg instanceof Uint8Array) return `bytes:${text.decode(arg)}`;
  if (typeof arg === "number") {
    if (arg === Infinity) return "inf";
    if (arg === -Infinity) return "-inf";
    return String(arg);
  }
  return String(arg);
}

/** Builds the argument vector of a case. */
export function buildCase(c: CommandCase): Arg[] {
  const declaration = commands[c.method] as unknown as {
    build: (...params: unknown[]) => Arg[];
  };
  return declaration.build(...c.params);
}

/** Registers one `it` per case, checking the built argument vector. */
export function testEncoding(family: string, cases: CommandCase[]): void {
  describe(`${family} commands: argument encoding`, () => {
    for (const c of cases) {
      if (c.throws) {
        it(
          `commands.${c.method} rejects ${
            c.name ?? JSON.stringify(
              c.params,
              (_, value) => typeof value === "bigint" ? `${value}n` : value,
            )
          } with a TypeError`,
          () => {
            assert.throws(() => buildCase(c), (error: unknown) => {
              assert.ok(
                error instanceof TypeError,
                `not a TypeError: ${error}`,
              );
              assert.match(error.message, c.throws!);
              return true;
            });
          },
        );
      } else {
        const expected = (c.argv ?? []).map(argText);
        it(
          `commands.${c.method} builds ${
            c.name ?? JSON.stringify(expected.join(" "))
          }`,
          () => {
            assert.deepEqual(buildCase(c).map(argText), expected);
          },
        );
      }
    }
  });
}

/** A private server with clients, set up by {@linkcode useServer}. */
export interface ServerContext {
  server: TestServer;
  /** A RESP3 client on database 0. */
  client: RedisClient;
  /** A RESP2 client on database 1 (for {@linkcode parity}). */
  resp2: RedisClient;
  /** A RESP3 client on database 2 (for {@linkcode parity}). */
  resp3: RedisClient;
}

/**
 * Starts a private server with clients before the tests of the enclosing
 * `describe` and stops it after them.
 */
export function useServer(options: ServerOptions = {}): ServerContext {
  const ctx = {} as ServerContext;
  before(async () => {
    ctx.server = await startServer(options);
    const port = ctx.server.port;
    ctx.client = await connect({ port, protocol: 3 });
    ctx.resp2 = await connect({ port, protocol: 2, db: 1 });
    ctx.resp3 = await connect({ port, protocol: 3, db: 2 });
  });
  after(async () => {
    ctx.client?.disconnect();
    ctx.resp2?.disconnect();
    ctx.resp3?.disconnect();
    await ctx.server?.stop();
  });
  return ctx;
}

/**
 * Runs `run` on a RESP2 client (database 1) and on a RESP3 client (database
 * 2), each database flushed first, asserts both give deeply equal results
 * and returns the result.
 */
export async function parity<T>(
  ctx: ServerContext,
  run: (client: RedisClient) => Promise<T>,
): Promise<T> {
  await ctx.resp2.sendCommand(["FLUSHDB"]);
  await ctx.resp3.sendCommand(["FLUSHDB"]);
  const resp2 = await run(ctx.resp2);
  const resp3 = await run(ctx.resp3);
  assert.deepEqual(resp2, resp3, "RESP2 and RESP3 results differ");
  return resp3;
}

/** UTF-8 bytes of a string. */
export function utf8(value: string): Uint8Array {
  return new TextEncoder().encode(value);
}

/** Whether `error` is a WRONGTYPE reply error. */
export function isWrongType(error: unknown): boolean {
  return error instanceof ReplyError && error.code === "WRONGTYPE";
}

/**
 * How often the server received `command` (run, rejected or failed), per
 * INFO commandstats.
 */
export async function calls(
  client: { sendCommand(args: string[]): Promise<unknown> },
  command: string,
): Promise<number> {
  const info = String(await client.sendCommand(["INFO", "commandstats"]));
  const match = new RegExp(
    `cmdstat_${command}:calls=(\\d+),.*rejected_calls=(\\d+),failed_calls=(\\d+)`,
  ).exec(info);
  return match ? Number(match[1]) + Number(match[2]) + Number(match[3]) : 0;
}
