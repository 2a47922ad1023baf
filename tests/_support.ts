/**
 * Helpers the client tests share: waiting for a condition on the server's
 * side, keys that no other test uses, client events, and clients connected
 * through the fault-injection proxy.
 */

import { after, before } from "node:test";
import { execFile } from "node:child_process";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import {
  connect,
  type ConnectOptions,
  type RedisClient,
  type RedisClientEventType,
} from "../mod.ts";
import { type FaultProxy, startProxy } from "./_proxy.ts";
import { startServer, type TestServer } from "./_server.ts";

/**
 * Polls `check` every 5 ms until it holds; throws after `ms` naming `what`.
 * For conditions the tests cannot be told about (a command has reached the
 * server, a connection shows up in CLIENT LIST), never as a fixed sleep.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 15_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let counter = 0;

/** A key no other test uses: `<prefix>:<counter>:<random>`. */
export function uniqueKey(prefix: string): string {
  return `${prefix}:${++counter}:${Math.random().toString(36).slice(2)}`;
}

/** Resolves with the next `type` event of `client` (listening from now). */
export function nextEvent(
  client: RedisClient,
  type: RedisClientEventType,
): Promise<Event> {
  return new Promise((resolve) =>
    client.addEventListener(type, resolve, { once: true })
  );
}

/**
 * Clients that reach the server at `targetPort()` through a fault proxy of
 * their own, reconnecting every 10 ms; everything is closed after the tests
 * of the enclosing `describe`.
 */
export function useProxies(
  targetPort: () => number,
): (
  options?: ConnectOptions,
) => Promise<{ proxy: FaultProxy; client: RedisClient }> {
  const proxies: FaultProxy[] = [];
  const clients: RedisClient[] = [];
  after(async () => {
    for (const client of clients) client.disconnect();
    for (const proxy of proxies) await proxy.close();
  });
  return async (options = {}) => {
    const proxy = await startProxy({ targetPort: targetPort() });
    proxies.push(proxy);
    const client = await connect({
      port: proxy.port,
      reconnect: () => 10,
      ...options,
    });
    clients.push(client);
    return { proxy, client };
  };
}

/** A private server and a client on it for the test's own checks. */
export interface AdminContext {
  server: TestServer;
  /** A plain client for looking at the server (CLIENT LIST, CLIENT KILL). */
  admin: RedisClient;
}

/**
 * Starts a private server and an admin client before the tests of the
 * enclosing `describe`, and closes both after them.
 */
export function useAdmin(): AdminContext {
  const ctx = {} as AdminContext;
  before(async () => {
    ctx.server = await startServer();
    ctx.admin = await connect({ port: ctx.server.port });
  });
  after(async () => {
    await ctx.admin?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

/**
 * Runs `file` with `args` (60 s at most) and resolves with its exit code
 * and output; rejects when it could not be run.
 */
export function runProcess(
  file: string,
  args: readonly string[],
  options: { cwd?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { ...options, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (error as { code?: unknown }).code : 0;
        if (typeof code !== "number") {
          reject(error);
          return;
        }
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * Runs `examples/<name>` with `args` on the runtime running the tests, as
 * a user would, and resolves with its exit code and output.
 */
export function runExample(
  name: string,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = fileURLToPath(
    new URL(`../examples/${name}`, import.meta.url),
  );
  return runProcess(
    process.execPath,
    "Deno" in globalThis ? ["run", "-A", file, ...args] : [file, ...args],
  );
}

/** What each runtime's printers show for `value`. */
export function printed(value: unknown): string[] {
  const shown = [inspect(value)];
  const deno = (globalThis as {
    Deno?: { inspect(value: unknown): string };
  }).Deno;
  if (deno !== undefined) shown.push(deno.inspect(value));
  return shown;
}
