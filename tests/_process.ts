/**
 * Test helper plumbing shared by `_server.ts` (one private `redis-server`),
 * `_cluster.ts` (private Redis Clusters) and `_sentinel.ts` (private Redis
 * Sentinel deployments): free loopback ports, the arguments every private
 * server gets, launching `redis-server` and waiting until it is ready
 * (retrying on ports taken meanwhile), stopping it, a watchdog process and
 * an exit hook that clean up after a test runner that dies, a private CA
 * with a certificate, log tails, `redis-cli`, a plain loopback connection
 * and a tiny RESP2 client of its own.
 *
 * Only `node:` builtins are used so that it runs under `deno test`,
 * `bun test` and `node --test`. It never talks to a server it did not start.
 *
 * @module
 */

import {
  type ChildProcess,
  execFile,
  execFileSync,
  spawn,
} from "node:child_process";
import { Buffer } from "node:buffer";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import process from "node:process";

/** The loopback address every private server binds and is reached on. */
export const HOST = "127.0.0.1";

const READY_LINE = "Ready to accept connections";

/**
 * The server binary every private server runs: `RESPITE_REDIS_SERVER` (a
 * path to a newer `redis-server` or a `valkey-server`, say), else
 * `redis-server` on the PATH.
 */
export const SERVER_BINARY = process.env.RESPITE_REDIS_SERVER || "redis-server";

/** What {@linkcode SERVER_BINARY} says about itself. */
export interface ServerBuild {
  /** `"redis"` or `"valkey"` (lower case, as HELLO reports it). */
  name: string;
  /** Such as `"7.0.15"`; unstable builds say `"255.255.255"`. */
  version: string;
}

let build: ServerBuild | undefined;

/**
 * The name and version of {@linkcode SERVER_BINARY}, from its `--version`
 * line (`Redis server v=7.0.15 ...`), read once. Synchronous, so that a
 * test file can name its tests after the server that runs them.
 */
export function serverBuild(): ServerBuild {
  if (build !== undefined) return build;
  const line = execFileSync(SERVER_BINARY, ["--version"], {
    encoding: "utf8",
  });
  const match = /^(\S+) server v=(\d+\.\d+\.\d+)/.exec(line);
  if (match === null) {
    throw new Error(
      `Cannot tell the name and version of "${SERVER_BINARY}" from "${line.trim()}"`,
    );
  }
  build = { name: match[1]!.toLowerCase(), version: match[2]! };
  return build;
}

/** -1, 0 or 1 as version `a` is older than, equal to or newer than `b`. */
export function compareVersions(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/**
 * Whether the test server has a command first shipped in `since` (the
 * `since` of its declaration; absent: in Redis 7.0, so in every server the
 * tests run).
 */
export function serverHas(
  since: { readonly redis?: string; readonly valkey?: string } | undefined,
): boolean {
  if (since === undefined) return true;
  const { name, version } = serverBuild();
  const first = name === "valkey" ? since.valkey : since.redis;
  return first !== undefined && compareVersions(version, first) >= 0;
}
const START_TIMEOUT_MS = 10_000;
const BIND_ATTEMPTS = 5;
const LOG_TAIL_LINES = 50;

// ---------------------------------------------------------------------------
// Handles

/** Something with the Node-style `ref()`/`unref()` handle methods. */
interface Refable {
  ref?: () => unknown;
  unref?: () => unknown;
}

function unrefAll(...handles: unknown[]): void {
  for (const handle of handles) {
    if (typeof handle === "object" && handle !== null) {
      (handle as Refable).unref?.();
    }
  }
}

function refAll(...handles: unknown[]): void {
  for (const handle of handles) {
    if (typeof handle === "object" && handle !== null) {
      (handle as Refable).ref?.();
    }
  }
}

// ---------------------------------------------------------------------------
// Ports

/** Thrown by {@linkcode launch} when a port could not be bound. */
class BindError extends Error {}

/**
 * Picks `count` distinct free loopback ports by listening on port 0 (all at
 * once) and closing again. Another process may still grab one before redis
 * binds it; {@linkcode withFreePorts} retries with fresh ports then.
 */
async function freePorts(count: number): Promise<number[]> {
  const servers: net.Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = net.createServer();
      servers.push(server);
      ports.push(
        await new Promise<number>((resolve, reject) => {
          server.once("error", reject);
          server.listen(0, HOST, () => {
            const address = server.address();
            if (address === null || typeof address === "string") {
              reject(new Error("could not read the probe listener's port"));
            } else {
              resolve(address.port);
            }
          });
        }),
      );
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) =>
      new Promise<void>((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
      })
    ));
  }
}

/**
 * Calls `start` with `count` distinct free loopback ports and resolves with
 * its result. While `start` rejects because {@linkcode launch} could not
 * bind a port (another process took it after it was picked), it is called
 * again with fresh ports, up to 5 times in all; other errors pass through.
 */
export async function withFreePorts<T>(
  count: number,
  start: (ports: number[]) => Promise<T>,
): Promise<T> {
  for (let attempt = 1;; attempt++) {
    const ports = await freePorts(count);
    try {
      return await start(ports);
    } catch (error) {
      if (!(error instanceof BindError) || attempt >= BIND_ATTEMPTS) {
        throw error;
      }
    }
  }
}

/**
 * Connects a plain TCP socket to `port` on loopback; resolves once it is
 * connected and rejects with the socket's error (e.g. `ECONNREFUSED` once a
 * server is gone).
 */
export function connectTcp(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host: HOST, port });
    socket.once("connect", () => {
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

// ---------------------------------------------------------------------------
// Logs

/** Keeps the last 50 lines a process wrote, for error messages. */
export class LogTail {
  #lines: string[] = [];
  #partial = "";
  /** Called with each complete line ({@linkcode launch} sets it). */
  onLine: ((line: string) => void) | undefined;

  /** Adds text as written (lines may be split across calls). */
  push(text: string): void {
    const parts = (this.#partial + text).split("\n");
    this.#partial = parts.pop() ?? "";
    for (const raw of parts) {
      const line = raw.replace(/\r$/, "");
      this.#lines.push(line);
      if (this.#lines.length > LOG_TAIL_LINES) this.#lines.shift();
      this.onLine?.(line);
    }
  }

  /** The kept lines, and an unfinished last line, joined by newlines. */
  text(): string {
    return [...this.#lines, ...(this.#partial ? [this.#partial] : [])]
      .join("\n");
  }
}

// ---------------------------------------------------------------------------
// Clean-up when the test runner dies

/**
 * Processes still running, with the temp dir each belongs to: killed and
 * removed on `exit` where the runtime emits it.
 */
const live = new Map<ChildProcess, string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Best effort: `deno test` never emits `exit`; the watchdog covers that.
  process.on("exit", () => {
    for (const [child, dir] of live) {
      try {
        child.kill("SIGKILL");
        fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        // already gone
      }
    }
  });
}

/**
 * The watchdog's script: lines `pid N` / `drop N` keep the list of PIDs to
 * kill, `disarm` makes it exit quietly; EOF (this test process died without
 * stopping its servers: a crash, Ctrl-C, or a runner that exits without an
 * `exit` event, as `deno test` does) makes it SIGKILL the listed PIDs and
 * remove the dir. It ignores the signals that Ctrl-C or `timeout` send to
 * the process group so that it outlives the runtime long enough to clean up.
 */
const WATCHDOG_SCRIPT = `trap "" INT TERM HUP
pids=""
while read -r word arg; do
  case "$word" in
    pid) pids="$pids $arg" ;;
    drop) keep=""; for p in $pids; do [ "$p" = "$arg" ] || keep="$keep $p"; done; pids=$keep ;;
    disarm) exit 0 ;;
  esac
done
[ -n "$pids" ] && kill -KILL $pids 2>/dev/null
rm -rf -- "$1"`;

/**
 * A helper process that SIGKILLs the processes {@linkcode launch}ed with it
 * and removes their temp dir if this test process dies without stopping
 * them. {@linkcode launch} adds each PID and drops it once the process is
 * gone, so a reused PID is never killed. Always {@linkcode Watchdog.disarm}
 * it after stopping everything.
 */
export class Watchdog {
  #child: ChildProcess | undefined;
  #exited: Promise<void> = Promise.resolve();

  /** Starts the watchdog for the temp dir `dir`. */
  constructor(dir: string) {
    try {
      const child = spawn("sh", ["-c", WATCHDOG_SCRIPT, "sh", dir], {
        stdio: ["pipe", "ignore", "ignore"],
      });
      // Resolved by events only: Deno's kill() sets `signalCode` at once.
      this.#exited = new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.once("error", () => resolve());
      });
      child.stdin?.on("error", () => {});
      unrefAll(child, child.stdin);
      this.#child = child;
    } catch {
      // No watchdog: the exit hook and stop() still clean up.
    }
  }

  #send(line: string): void {
    const stdin = this.#child?.stdin;
    if (stdin && !stdin.destroyed && !stdin.writableEnded) stdin.write(line);
  }

  /** Adds `pid` to the processes to kill. */
  add(pid: number): void {
    this.#send(`pid ${pid}\n`);
  }

  /** Removes `pid` (a process that is gone) from the processes to kill. */
  drop(pid: number): void {
    this.#send(`drop ${pid}\n`);
  }

  /**
   * Makes it exit without acting, and waits for that: it reads "disarm"
   * before any EOF, so it can never act afterwards.
   */
  async disarm(): Promise<void> {
    const child = this.#child;
    if (child === undefined) return;
    this.#child = undefined;
    refAll(child);
    const stdin = child.stdin;
    if (stdin && !stdin.destroyed && !stdin.writableEnded) {
      stdin.end("disarm\n");
    }
    await this.#exited;
  }
}

// ---------------------------------------------------------------------------
// redis-server processes

/** The certificate files made by {@linkcode makeCertificates}. */
export interface TlsFiles {
  /** Path of the CA's PEM file. */
  caFile: string;
  /** Path of the certificate's PEM file. */
  certFile: string;
  /** Path of the certificate's private key. */
  keyFile: string;
  /** PEM text of the CA. */
  caCert: string;
}

/**
 * The arguments every private redis-server gets: `port` on loopback, `dir`
 * as its working dir, nothing saved, the log on stdout, not daemonized. With
 * `tls`, it also serves TLS on `tls.port` with `tls.files`, not asking
 * clients for certificates.
 */
export function baseArgs(
  port: number,
  dir: string,
  tls?: { port: number; files: TlsFiles },
): string[] {
  const args = [
    "--port",
    String(port),
    "--bind",
    HOST,
    "--dir",
    dir,
    "--logfile",
    "",
    "--daemonize",
    "no",
    "--save",
    "",
    "--appendonly",
    "no",
  ];
  if (tls !== undefined) {
    args.push(
      "--tls-port",
      String(tls.port),
      "--tls-cert-file",
      tls.files.certFile,
      "--tls-key-file",
      tls.files.keyFile,
      "--tls-ca-cert-file",
      tls.files.caFile,
      "--tls-auth-clients",
      "no",
    );
  }
  return args;
}

/** One running redis-server process (a server may have several over time). */
export interface Running {
  child: ChildProcess;
  pid: number;
  /** Resolves once the process exited and its pipes closed. */
  closed: Promise<void>;
  /** True once `closed` has resolved. */
  isClosed: () => boolean;
  /** What it wrote on stdout and stderr. */
  log: LogTail;
}

/** Where {@linkcode launch} keeps a process's files and log. */
export interface LaunchOptions {
  /** The temp dir to remove if this test process exits without stopping it. */
  dir: string;
  /** Kills the process if this test process dies; gets its PID at once. */
  watchdog: Watchdog;
  /** Where its output goes (e.g. one per node, over restarts); else a new one. */
  log?: LogTail;
  /**
   * The text of the log line that means "ready". Default `"Ready to accept
   * connections"`, which a redis 7.0 sentinel never logs: `_sentinel.ts`
   * waits for `"Sentinel ID is"` (logged once it listens) instead.
   */
  readyLine?: string;
}

/**
 * Starts one redis-server with `args` and resolves once it logged that it
 * is ready. Rejects with the log tail if it exits first or takes more than
 * 10 s; a failure to bind a port rejects in a way that
 * {@linkcode withFreePorts} retries. The process never keeps the runtime
 * alive.
 */
export function launch(
  args: string[],
  { dir, watchdog, log = new LogTail(), readyLine = READY_LINE }: LaunchOptions,
): Promise<Running> {
  installExitHook();
  return new Promise<Running>((resolve, reject) => {
    let settled = false;
    let exited = false;
    let timedOut = false;
    const child = spawn(SERVER_BINARY, args, {
      stdio: ["ignore", "pipe", "pipe"],
    });
    live.set(child, dir);
    const pid = child.pid;
    if (pid !== undefined) watchdog.add(pid);

    // Keep draining both pipes for the whole life of the process: redis
    // blocks once a pipe buffer fills up.
    log.onLine = (line) => {
      if (line.includes(readyLine)) succeed();
    };
    const onText = (text: string) => log.push(text);
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    child.stdout?.on("data", onText);
    child.stderr?.on("data", onText);

    const closed = new Promise<void>((resolveClosed) => {
      child.once("close", () => {
        exited = true;
        live.delete(child);
        if (pid !== undefined) watchdog.drop(pid);
        resolveClosed();
      });
    });

    const timer = setTimeout(() => {
      // Reported by the exit handler once the process is gone.
      timedOut = true;
      child.kill("SIGKILL");
    }, START_TIMEOUT_MS);

    child.once("error", (error) => {
      fail(new Error(`could not run redis-server: ${error.message}`));
    });
    child.once("exit", (code, signal) => {
      if (settled) return;
      // Wait for the pipes to drain so that the log tail is complete.
      closed.then(() => {
        if (timedOut) {
          fail(
            new Error(
              `redis-server did not become ready within ${START_TIMEOUT_MS} ms`,
            ),
          );
          return;
        }
        const message =
          `redis-server exited before it was ready (code ${code}, signal ${signal})`;
        fail(
          /Address already in use/i.test(log.text())
            ? new BindError(message)
            : new Error(message),
        );
      });
    });

    function fail(error: Error): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const shown = args.map((arg) => arg === "" ? '""' : arg).join(" ");
      error.message += `\nargs: ${shown}\n--- log tail ---\n${log.text()}`;
      reject(error);
    }

    function succeed(): void {
      if (settled || pid === undefined) return;
      settled = true;
      clearTimeout(timer);
      // A server left running must never keep the runtime alive.
      unrefAll(child, child.stdout, child.stderr);
      resolve({ child, pid, closed, isClosed: () => exited, log });
    }
  });
}

/**
 * Stops one process and waits until it is gone and its pipes closed: with
 * `graceMs` > 0 SIGTERM, then SIGKILL after `graceMs`; with 0, SIGKILL at
 * once (a crash).
 */
export async function stopProcess(
  running: Running,
  graceMs: number,
): Promise<void> {
  if (running.isClosed()) return;
  const { child } = running;
  refAll(child, child.stdout, child.stderr);
  if (graceMs <= 0) {
    child.kill("SIGKILL");
    await running.closed;
    return;
  }
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  try {
    await running.closed;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs `redis-cli -h 127.0.0.1 -p <port> ...args` (with `-a password` if
 * given) and resolves with its trimmed stdout. Error replies also come back
 * as stdout text, as redis-cli prints them (e.g. `"ERR unknown command
 * ..."`); a failing or hanging (10 s) redis-cli rejects.
 */
export function runRedisCli(
  port: number,
  password: string | undefined,
  args: string[],
): Promise<string> {
  const cliArgs = [
    "-h",
    HOST,
    "-p",
    String(port),
    "--no-auth-warning",
    ...(password !== undefined ? ["-a", password] : []),
    ...args,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      "redis-cli",
      cliArgs,
      { encoding: "utf8", timeout: 10_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `redis-cli ${
                args.join(" ")
              } failed: ${error.message}\n${stderr}${stdout}`,
            ),
          );
        } else {
          resolve(stdout.trim());
        }
      },
    );
  });
}

// ---------------------------------------------------------------------------
// A tiny RESP2 client, so that helpers depend on nothing under test

/** An error reply (e.g. `-NOAUTH ...`), as a value of {@linkcode Reply}. */
export class ReplyError extends Error {}

/** A RESP2 reply: strings, integers, null, error replies and arrays. */
export type Reply = string | number | null | ReplyError | Reply[];

/** Where {@linkcode respExchange} connects, and how it authenticates. */
export interface RespEndpoint {
  /** The loopback port. */
  port: number;
  /** Sent as `AUTH username password` (with a `password`). */
  username?: string;
  /** Sent as `AUTH password` (or with the `username`) before the commands. */
  password?: string;
}

const RESP_TIMEOUT_MS = 5_000;

function encodeCommand(args: string[]): string {
  let out = `*${args.length}\r\n`;
  for (const arg of args) {
    out += `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`;
  }
  return out;
}

/** Parses one reply at `pos`: the reply and the next position, or undefined. */
function parseReply(buf: Buffer, pos: number): [Reply, number] | undefined {
  const end = buf.indexOf("\r\n", pos);
  if (end < 0) return undefined;
  const type = buf[pos];
  const line = buf.toString("utf8", pos + 1, end);
  switch (type) {
    case 0x2b: // +
      return [line, end + 2];
    case 0x2d: // -
      return [new ReplyError(line), end + 2];
    case 0x3a: // :
      return [Number(line), end + 2];
    case 0x24: { // $
      const length = Number(line);
      if (length < 0) return [null, end + 2];
      if (buf.length < end + 2 + length + 2) return undefined;
      return [
        buf.toString("utf8", end + 2, end + 2 + length),
        end + 4 + length,
      ];
    }
    case 0x2a: { // *
      const count = Number(line);
      if (count < 0) return [null, end + 2];
      const items: Reply[] = [];
      let next = end + 2;
      for (let i = 0; i < count; i++) {
        const parsed = parseReply(buf, next);
        if (parsed === undefined) return undefined;
        items.push(parsed[0]);
        next = parsed[1];
      }
      return [items, next];
    }
    default:
      throw new Error(`unexpected RESP type byte ${type}`);
  }
}

/**
 * Sends `commands` pipelined on a fresh loopback connection (after `AUTH`
 * if the endpoint has a password) and resolves with their replies, error
 * replies as {@linkcode ReplyError} values. Rejects if `AUTH` is refused,
 * the connection fails or closes first, or no reply came within 5 s.
 */
export function respExchange(
  endpoint: RespEndpoint,
  commands: string[][],
): Promise<Reply[]> {
  const auth = endpoint.password === undefined
    ? []
    : endpoint.username === undefined
    ? [["AUTH", endpoint.password]]
    : [["AUTH", endpoint.username, endpoint.password]];
  const all = [...auth, ...commands];
  return new Promise((resolve, reject) => {
    const socket = net.createConnection({ host: HOST, port: endpoint.port });
    const replies: Reply[] = [];
    let buf: Buffer = Buffer.alloc(0);
    let pos = 0;
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const authReply = auth.length > 0 ? replies.shift() : undefined;
      if (error === undefined && authReply instanceof ReplyError) {
        error = authReply;
      }
      if (error !== undefined) {
        error.message += ` (${HOST}:${endpoint.port}: ${
          commands.map((c) => c.join(" ")).join("; ")
        })`;
        reject(error);
      } else {
        resolve(replies);
      }
    };
    const timer = setTimeout(
      () => finish(new Error(`no reply within ${RESP_TIMEOUT_MS} ms`)),
      RESP_TIMEOUT_MS,
    );
    socket.once("connect", () => {
      socket.write(all.map(encodeCommand).join(""));
    });
    socket.on("data", (chunk: Buffer) => {
      buf = pos < buf.length
        ? Buffer.concat([buf.subarray(pos), chunk])
        : chunk;
      pos = 0;
      try {
        while (replies.length < all.length) {
          const parsed = parseReply(buf, pos);
          if (parsed === undefined) break;
          replies.push(parsed[0]);
          pos = parsed[1];
        }
      } catch (error) {
        return finish(error as Error);
      }
      if (replies.length === all.length) finish();
    });
    socket.on("error", (error) => finish(error));
    socket.on("close", () => finish(new Error("connection closed")));
  });
}

/**
 * Sends one command with {@linkcode respExchange} and resolves with its
 * reply; rejects on an error reply, with the command and port in the
 * message.
 */
export async function respCall(
  endpoint: RespEndpoint,
  ...args: string[]
): Promise<Reply> {
  const [reply] = await respExchange(endpoint, [args]);
  if (reply instanceof ReplyError) {
    throw new Error(`${args.join(" ")} on :${endpoint.port}: ${reply.message}`);
  }
  return reply ?? null;
}

/** A process of a test deployment, as the helpers keep it. */
export interface ProcessState {
  running: Running | undefined;
  node: { alive: boolean };
}

/**
 * SIGKILLs every process of a deployment (by PID) and waits for them,
 * disarms its watchdog and removes its root dir.
 */
export async function stopAll(
  states: readonly ProcessState[],
  watchdog: Watchdog,
  rootDir: string,
): Promise<void> {
  try {
    await Promise.all(states.map(async (state) => {
      const running = state.running;
      state.running = undefined;
      state.node.alive = false;
      if (running !== undefined) await stopProcess(running, 0);
    }));
    await watchdog.disarm();
  } finally {
    fs.rmSync(rootDir, { recursive: true, force: true });
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------
// TLS

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync("openssl", args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: { toString(): string } }).stderr;
    throw new Error(
      `openssl ${args.join(" ")} failed: ${
        stderr?.toString() ?? String(error)
      }`,
    );
  }
}

/**
 * Makes, in `dir`, a CA (`ca.crt`) and one cert (`redis.crt`, `redis.key`)
 * for 127.0.0.1 / localhost signed by it, good for both ends of a
 * connection (serverAuth and clientAuth): cluster nodes also present it as
 * a client cert on the cluster bus, where redis always asks for one.
 */
export function makeCertificates(dir: string): TlsFiles {
  const ecKey = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
  openssl([
    "req",
    "-x509",
    "-new",
    "-nodes",
    ...ecKey,
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
    "-days",
    "2",
    "-subj",
    "/CN=respite test CA",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign",
  ], dir);
  openssl([
    "req",
    "-new",
    "-nodes",
    ...ecKey,
    "-keyout",
    "redis.key",
    "-out",
    "redis.csr",
    "-subj",
    "/CN=localhost",
  ], dir);
  fs.writeFileSync(
    path.join(dir, "redis.ext"),
    [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth,clientAuth",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "",
    ].join("\n"),
  );
  openssl([
    "x509",
    "-req",
    "-in",
    "redis.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "redis.crt",
    "-days",
    "2",
    "-extfile",
    "redis.ext",
  ], dir);
  const caFile = path.join(dir, "ca.crt");
  return {
    caFile,
    certFile: path.join(dir, "redis.crt"),
    keyFile: path.join(dir, "redis.key"),
    caCert: fs.readFileSync(caFile, "utf8"),
  };
}
