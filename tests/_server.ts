/**
 * Test helper: starts private `redis-server` processes on free loopback
 * ports in a temporary directory, and stops them again.
 *
 * Only `node:` builtins are used so that the same helper runs under both
 * `deno test` and `bun test`. It never talks to any other Redis server.
 *
 * @module
 */

import {
  type ChildProcess,
  execFile,
  execFileSync,
  spawn,
} from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";

/** What kind of private server {@linkcode startServer} should start. */
export interface ServerOptions {
  /** Also serve TLS, with a self-signed CA and server cert made at test time. */
  tls?: boolean;
  /** Also listen on a unix socket in the temp dir. */
  unix?: boolean;
  /** Extra `redis-server` arguments, e.g. `["--requirepass", "pw"]`. */
  args?: string[];
  /**
   * ACL file lines such as `"user alice on >secret ~* +@all"`, written to a
   * file passed as `--aclfile`. If `args` has `--requirepass` and no line
   * defines `default`, a `default` user with that password is added.
   */
  aclUsers?: string[];
}

/** A running private `redis-server`. */
export interface TestServer {
  host: "127.0.0.1";
  /** Plain TCP port (always present). */
  port: number;
  /** TLS port, when started with `tls`. */
  tlsPort?: number;
  /** Unix socket path, when started with `unix`. */
  socketPath?: string;
  /** PEM text of the CA that signed the server cert, when started with `tls`. */
  caCert?: string;
  /** The temp dir holding the server's files. */
  dir: string;
  /** `redis://127.0.0.1:PORT` */
  url: string;
  /** Kills the process (SIGTERM, then SIGKILL), waits for it, removes `dir`. */
  stop(): Promise<void>;
  /** Stops the process and starts it again on the same ports and files. */
  restart?(): Promise<void>;
}

const HOST = "127.0.0.1";
const READY_LINE = "Ready to accept connections";
const START_TIMEOUT_MS = 10_000;
const STOP_GRACE_MS = 5_000;
const BIND_ATTEMPTS = 5;
const LOG_TAIL_LINES = 50;

/** Per-server facts kept out of the public interface. */
interface ServerSecrets {
  password?: string;
}
const secrets = new WeakMap<TestServer, ServerSecrets>();

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

/** Keeps the last lines a process wrote, for error messages. */
class LogTail {
  #lines: string[] = [];
  #partial = "";
  #onLine: ((line: string) => void) | undefined;

  constructor(onLine?: (line: string) => void) {
    this.#onLine = onLine;
  }

  push(text: string): void {
    const parts = (this.#partial + text).split("\n");
    this.#partial = parts.pop() ?? "";
    for (const raw of parts) {
      const line = raw.replace(/\r$/, "");
      this.#lines.push(line);
      if (this.#lines.length > LOG_TAIL_LINES) this.#lines.shift();
      this.#onLine?.(line);
    }
  }

  text(): string {
    const lines = this.#partial === ""
      ? this.#lines
      : [...this.#lines, this.#partial];
    return lines.join("\n");
  }
}

/** One running redis-server process (a server may have several over time). */
interface Running {
  child: ChildProcess;
  watchdog: Watchdog | undefined;
  /** Resolves once the process exited and its pipes closed. */
  closed: Promise<void>;
  isClosed: () => boolean;
  log: LogTail;
}

/** Thrown by {@linkcode launch} when a port could not be bound. */
class BindError extends Error {}

/**
 * Picks `count` distinct free loopback ports by listening on port 0 and
 * closing again. Another process may still grab a port before redis binds
 * it; {@linkcode startServer} retries in that case.
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

/** A helper process that cleans up if this process dies. */
interface Watchdog {
  child: ChildProcess;
  /** Resolves once the watchdog process is gone. */
  exited: Promise<void>;
}

/**
 * The watchdog's script: a line "disarm" on stdin makes it exit quietly;
 * EOF (this test process died without stopping the server: a crash, Ctrl-C,
 * or a runner that exits without an `exit` event, as `deno test` does)
 * makes it kill the server and remove its dir. It ignores the signals that
 * Ctrl-C or `timeout` send to the whole process group so that it outlives
 * the runtime long enough to clean up.
 */
const WATCHDOG_SCRIPT = 'trap "" INT TERM HUP; ' +
  'if read -r word && [ "$word" = disarm ]; then exit 0; fi; ' +
  'kill -KILL "$1" 2>/dev/null; rm -rf -- "$2"';

function spawnWatchdog(pid: number, dir: string): Watchdog | undefined {
  try {
    const child = spawn("sh", ["-c", WATCHDOG_SCRIPT, "sh", String(pid), dir], {
      stdio: ["pipe", "ignore", "ignore"],
    });
    // Resolved by events only: Deno's kill() sets `signalCode` at once.
    const exited = new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.once("error", () => resolve());
    });
    child.stdin?.on("error", () => {});
    unrefAll(child, child.stdin);
    return { child, exited };
  } catch {
    return undefined;
  }
}

/**
 * Disarms a watchdog: it reads "disarm" before any EOF, so it can never
 * act afterwards, whatever happens to the pipe.
 */
async function disarm(watchdog: Watchdog): Promise<void> {
  const { child, exited } = watchdog;
  refAll(child);
  const stdin = child.stdin;
  if (stdin && !stdin.destroyed && !stdin.writableEnded) {
    stdin.end("disarm\n");
  }
  await exited;
}

/**
 * Processes still running, with their temp dirs: killed and removed on
 * `exit` where the runtime emits it.
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
 * Starts one redis-server with `args` and resolves once it logged that it
 * is ready. Rejects with the log tail if it exits first or takes too long.
 */
function launch(args: string[], dir: string): Promise<Running> {
  installExitHook();
  return new Promise<Running>((resolve, reject) => {
    let settled = false;
    let ready = false;
    let exited = false;
    let timedOut = false;
    const log = new LogTail((line) => {
      if (!ready && line.includes(READY_LINE)) {
        ready = true;
        succeed();
      }
    });

    const child = spawn("redis-server", args, {
      stdio: ["ignore", "pipe", "pipe"],
    });
    live.set(child, dir);

    // Keep draining both pipes for the whole life of the process: redis
    // blocks once a pipe buffer fills up.
    child.stdout?.setEncoding("utf8");
    child.stderr?.setEncoding("utf8");
    child.stdout?.on("data", (text: string) => log.push(text));
    child.stderr?.on("data", (text: string) => log.push(text));

    const closed = new Promise<void>((resolveClosed) => {
      child.once("close", () => {
        exited = true;
        live.delete(child);
        resolveClosed();
      });
    });
    const running: Running = {
      child,
      watchdog: undefined,
      closed,
      isClosed: () => exited,
      log,
    };

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
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.pid !== undefined) {
        running.watchdog = spawnWatchdog(child.pid, dir);
      }
      // A server left running must never keep the runtime alive.
      unrefAll(child, child.stdout, child.stderr);
      resolve(running);
    }
  });
}

/** Stops one process: SIGTERM, SIGKILL after a grace period; waits for it. */
async function terminate(running: Running): Promise<void> {
  const { child, watchdog } = running;
  if (watchdog !== undefined) {
    // Disarm first, so it can never kill a reused pid.
    running.watchdog = undefined;
    await disarm(watchdog);
  }
  if (running.isClosed()) return;
  refAll(child, child.stdout, child.stderr);
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
  try {
    await running.closed;
  } finally {
    clearTimeout(timer);
  }
}

function openssl(args: string[], cwd: string): void {
  try {
    execFileSync("openssl", args, {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const stderr = (error as { stderr?: { toString(): string } }).stderr;
    throw new Error(
      `openssl ${args.join(" ")} failed: ${
        stderr?.toString() ?? String(error)
      }`,
    );
  }
}

interface TlsFiles {
  caFile: string;
  certFile: string;
  keyFile: string;
  caCert: string;
}

/** Makes a CA and a server cert for 127.0.0.1 / localhost signed by it. */
function makeCertificates(dir: string): TlsFiles {
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
    "server.key",
    "-out",
    "server.csr",
    "-subj",
    "/CN=localhost",
  ], dir);
  fs.writeFileSync(
    path.join(dir, "server.ext"),
    [
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature,keyEncipherment",
      "extendedKeyUsage=serverAuth",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "",
    ].join("\n"),
  );
  openssl([
    "x509",
    "-req",
    "-in",
    "server.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-out",
    "server.crt",
    "-days",
    "2",
    "-extfile",
    "server.ext",
  ], dir);
  const caFile = path.join(dir, "ca.crt");
  return {
    caFile,
    certFile: path.join(dir, "server.crt"),
    keyFile: path.join(dir, "server.key"),
    caCert: fs.readFileSync(caFile, "utf8"),
  };
}

/**
 * Starts a private redis-server in a fresh temp dir and resolves once it is
 * ready to accept connections. Always `stop()` it (e.g. in an `after` hook).
 */
export async function startServer(
  options: ServerOptions = {},
): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "respite-"));
  try {
    const tlsFiles = options.tls ? makeCertificates(dir) : undefined;
    const socketPath = options.unix ? path.join(dir, "redis.sock") : undefined;
    const extra = options.args ?? [];
    const passwordIndex = extra.lastIndexOf("--requirepass");
    const password = passwordIndex >= 0 ? extra[passwordIndex + 1] : undefined;

    const fixedArgs = [
      "--save",
      "",
      "--appendonly",
      "no",
      "--bind",
      HOST,
      "--dir",
      dir,
      "--logfile",
      "",
      "--daemonize",
      "no",
    ];
    if (socketPath !== undefined) {
      fixedArgs.push("--unixsocket", socketPath, "--unixsocketperm", "700");
    }
    if (options.aclUsers !== undefined) {
      const aclFile = path.join(dir, "users.acl");
      const lines = [...options.aclUsers];
      // With an ACL file redis ignores --requirepass and makes `default`
      // a nopass user unless the file defines it: keep the password.
      if (
        password !== undefined &&
        !lines.some((line) => /^\s*user\s+default(\s|$)/.test(line))
      ) {
        lines.unshift(`user default on >${password} ~* &* +@all`);
      }
      fs.writeFileSync(aclFile, lines.join("\n") + "\n");
      fixedArgs.push("--aclfile", aclFile);
    }

    for (let attempt = 1;; attempt++) {
      const [port, tlsPort] = await freePorts(tlsFiles ? 2 : 1);
      if (port === undefined) throw new Error("no free port found");
      const args = ["--port", String(port), ...fixedArgs];
      if (tlsFiles !== undefined && tlsPort !== undefined) {
        args.push(
          "--tls-port",
          String(tlsPort),
          "--tls-cert-file",
          tlsFiles.certFile,
          "--tls-key-file",
          tlsFiles.keyFile,
          "--tls-ca-cert-file",
          tlsFiles.caFile,
          "--tls-auth-clients",
          "no",
        );
      }
      args.push(...extra);

      let running: Running;
      try {
        running = await launch(args, dir);
      } catch (error) {
        if (error instanceof BindError && attempt < BIND_ATTEMPTS) continue;
        throw error;
      }
      return makeServer(running, args, {
        dir,
        port,
        tlsPort: tlsFiles ? tlsPort : undefined,
        socketPath,
        caCert: tlsFiles?.caCert,
        password,
      });
    }
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function makeServer(
  first: Running,
  args: string[],
  facts: {
    dir: string;
    port: number;
    tlsPort: number | undefined;
    socketPath: string | undefined;
    caCert: string | undefined;
    password: string | undefined;
  },
): TestServer {
  let current: Running | undefined = first;
  let stopped = false;
  let stopping: Promise<void> | undefined;

  const server: TestServer = {
    host: HOST,
    port: facts.port,
    dir: facts.dir,
    url: `redis://${HOST}:${facts.port}`,
    stop(): Promise<void> {
      stopping ??= (async () => {
        stopped = true;
        const running = current;
        current = undefined;
        try {
          if (running !== undefined) await terminate(running);
        } finally {
          fs.rmSync(facts.dir, { recursive: true, force: true });
        }
      })();
      return stopping;
    },
    async restart(): Promise<void> {
      if (stopped) throw new Error("restart() after stop()");
      const running = current;
      current = undefined;
      if (running !== undefined) await terminate(running);
      const next = await launch(args, facts.dir);
      if (stopped) {
        // stop() was called while restarting.
        await terminate(next);
        return;
      }
      current = next;
    },
  };
  if (facts.tlsPort !== undefined) server.tlsPort = facts.tlsPort;
  if (facts.socketPath !== undefined) server.socketPath = facts.socketPath;
  if (facts.caCert !== undefined) server.caCert = facts.caCert;
  secrets.set(
    server,
    facts.password !== undefined ? { password: facts.password } : {},
  );
  return server;
}

/**
 * Runs `redis-cli -h 127.0.0.1 -p <port> ...args` against `server` (with the
 * `--requirepass` password given in its options, if any) and resolves with
 * its trimmed stdout. Error replies also come back as stdout text, as
 * redis-cli prints them (e.g. `"ERR unknown command ..."`).
 */
export function redisCli(
  server: TestServer,
  ...args: string[]
): Promise<string> {
  const password = secrets.get(server)?.password;
  const cliArgs = [
    "-h",
    server.host,
    "-p",
    String(server.port),
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
