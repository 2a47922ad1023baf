/**
 * Test helper: starts private `redis-server` processes on free loopback
 * ports in a temporary directory, and stops them again.
 *
 * Only `node:` builtins are used so that the same helper runs under both
 * `deno test` and `bun test`. It never talks to any other Redis server.
 *
 * @module
 */

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  baseArgs,
  HOST,
  launch,
  makeCertificates,
  type Running,
  runRedisCli,
  stopProcess,
  Watchdog,
  withFreePorts,
} from "./_process.ts";

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

const STOP_GRACE_MS = 5_000;

/** Per-server facts kept out of the public interface. */
interface ServerSecrets {
  password?: string;
}
const secrets = new WeakMap<TestServer, ServerSecrets>();

/**
 * Starts a private redis-server in a fresh temp dir and resolves once it is
 * ready to accept connections. Always `stop()` it (e.g. in an `after` hook).
 */
export async function startServer(
  options: ServerOptions = {},
): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "respite-"));
  const watchdog = new Watchdog(dir);
  try {
    const tlsFiles = options.tls ? makeCertificates(dir) : undefined;
    const socketPath = options.unix ? path.join(dir, "redis.sock") : undefined;
    const extra = options.args ?? [];
    const passwordIndex = extra.lastIndexOf("--requirepass");
    const password = passwordIndex >= 0 ? extra[passwordIndex + 1] : undefined;

    const moreArgs: string[] = [];
    if (socketPath !== undefined) {
      moreArgs.push("--unixsocket", socketPath, "--unixsocketperm", "700");
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
      moreArgs.push("--aclfile", aclFile);
    }

    return await withFreePorts(tlsFiles ? 2 : 1, async ([port, tlsPort]) => {
      if (port === undefined) throw new Error("no free port found");
      const tls = tlsFiles !== undefined && tlsPort !== undefined
        ? { port: tlsPort, files: tlsFiles }
        : undefined;
      const args = [...baseArgs(port, dir, tls), ...moreArgs, ...extra];
      const running = await launch(args, { dir, watchdog });
      return makeServer(running, args, watchdog, {
        dir,
        port,
        tlsPort: tls?.port,
        socketPath,
        caCert: tlsFiles?.caCert,
        password,
      });
    });
  } catch (error) {
    await watchdog.disarm();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function makeServer(
  first: Running,
  args: string[],
  watchdog: Watchdog,
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
          if (running !== undefined) {
            await stopProcess(running, STOP_GRACE_MS);
          }
          await watchdog.disarm();
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
      if (running !== undefined) await stopProcess(running, STOP_GRACE_MS);
      const next = await launch(args, { dir: facts.dir, watchdog });
      if (stopped) {
        // stop() was called while restarting.
        await stopProcess(next, STOP_GRACE_MS);
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
  return runRedisCli(server.port, secrets.get(server)?.password, args);
}
