/**
 * Test helper: bundles the test Worker the way wrangler does, writes a
 * workerd config for it, and runs workerd on free loopback ports.
 *
 * The tools are dev-only and live in `.tools/node_modules`, installed by
 * `npm install --prefix .tools`; they are never dependencies of respite.
 * Only `node:` builtins are used, like the other test helpers.
 *
 * @module
 */

import { type ChildProcess, execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import process from "node:process";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TOOLS = path.join(ROOT, ".tools", "node_modules");

/** workerd's package for this platform, as npm installs it. */
function workerdPackage(): string {
  const os = { linux: "linux", darwin: "darwin", win32: "windows" }[
    process.platform as string
  ];
  const arch = { x64: "64", arm64: "arm64" }[process.arch as string];
  return `@cloudflare/workerd-${os ?? process.platform}-${
    arch ?? process.arch
  }`;
}

/** Where the tools are, or an error that says how to install them. */
export function findTools(): { workerd: string; esbuild: string } {
  const workerd = path.join(
    TOOLS,
    workerdPackage(),
    "bin",
    process.platform === "win32" ? "workerd.exe" : "workerd",
  );
  const esbuild = path.join(TOOLS, ".bin", "esbuild");
  for (const [name, file] of [["workerd", workerd], ["esbuild", esbuild]]) {
    if (!fs.existsSync(file!)) {
      throw new Error(
        `${name} is missing (looked for ${file}): run "npm install --prefix .tools" in ${ROOT} to install the tools of the Workers tests`,
      );
    }
  }
  return { workerd, esbuild };
}

/** The compatibility date of the test Worker (no compatibility flags). */
export const COMPATIBILITY_DATE = "2026-11-01";

/**
 * Bundles `entry` into `outfile` as wrangler does for a module Worker:
 * ESM for the browser platform with the `workerd` and `worker` export
 * conditions, and `cloudflare:*` left to workerd. Unlike wrangler, it does
 * not mark `node:*` external: a bundle that needed a `node:` module fails
 * here. Resolves with esbuild's warnings.
 */
export function bundleWorker(
  esbuild: string,
  entry: string,
  outfile: string,
): Promise<string> {
  const args = [
    entry,
    "--bundle",
    "--format=esm",
    "--platform=browser",
    "--target=es2022",
    "--conditions=workerd,worker,browser",
    "--external:cloudflare:*",
    `--outfile=${outfile}`,
    "--log-level=warning",
  ];
  return new Promise((resolve, reject) => {
    execFile(
      esbuild,
      args,
      { encoding: "utf8", timeout: 60_000 },
      (error, _stdout, stderr) => {
        if (error) {
          reject(new Error(`esbuild failed: ${error.message}\n${stderr}`));
        } else {
          resolve(stderr);
        }
      },
    );
  });
}

/** A capnp string literal. */
function text(value: string): string {
  return JSON.stringify(value);
}

/**
 * The workerd config: the bundle (`worker.js` next to the config) served
 * on two sockets, `http` and `trusting`, both on a free loopback port.
 * Their Workers differ only in their `globalOutbound`, the network that
 * `connect()` from `cloudflare:sockets` goes through: both may reach
 * loopback and private addresses; `internet` trusts the public roots only,
 * like Workers in production, and `internet-trusting-test-ca` also trusts
 * `ca.crt` (the private test CA; only workerd can be told to).
 */
export function workerdConfig(example?: { redisUrl: string }): string {
  const network = (trusted: boolean) =>
    `network = (allow = ["local", "private"], tlsOptions = (trustBrowserCas = true${
      trusted ? `, trustedCertificates = [embed "ca.crt"]` : ""
    }))`;
  const worker = (outbound: string) =>
    `(
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = ${text(COMPATIBILITY_DATE)},
  globalOutbound = ${text(outbound)},
)`;
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .mainWorker),
    (name = "trusting", worker = .trustingWorker),${
    example ? `\n    (name = "example", worker = .exampleWorker),` : ""
  }
    (name = "internet", ${network(false)}),
    (name = "internet-trusting-test-ca", ${network(true)}),
  ],
  sockets = [
    (name = "http", address = "127.0.0.1:0", http = (), service = "main"),
    (name = "trusting", address = "127.0.0.1:0", http = (), service = "trusting"),${
    example
      ? `\n    (name = "example", address = "127.0.0.1:0", http = (), service = "example"),`
      : ""
  }
  ],
);

const mainWorker :Workerd.Worker = ${worker("internet")};

const trustingWorker :Workerd.Worker = ${worker("internet-trusting-test-ca")};
${
    example
      ? `
const exampleWorker :Workerd.Worker = (
  modules = [(name = "example.js", esModule = embed "example.js")],
  compatibilityDate = ${text(COMPATIBILITY_DATE)},
  bindings = [(name = "REDIS_URL", text = ${text(example.redisUrl)})],
  globalOutbound = "internet",
);
`
      : ""
  }`;
}

/** A running workerd. */
export interface Workerd {
  /** The port of each socket by name (`http`, `trusting`). */
  ports: Record<string, number>;
  /** `http://127.0.0.1:<port>` of the socket `name`. */
  url(name?: string): string;
  /** What workerd wrote to stdout and stderr so far (the last lines). */
  log(): string;
  /** SIGTERM, SIGKILL after a grace period; waits for the process. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 3_000;
const LOG_LIMIT = 20_000;

/**
 * A shell that kills `pid` ($1) and removes the temporary directory ($2)
 * when its stdin reaches EOF before "disarm": when this test process dies
 * without stopping workerd (`deno test` emits no `exit` event), neither
 * outlives it.
 */
const WATCHDOG_SCRIPT = 'trap "" INT TERM HUP; ' +
  'if read -r word && [ "$word" = disarm ]; then exit 0; fi; ' +
  'kill -KILL "$1" 2>/dev/null; rm -rf -- "$2"';

interface Handle {
  ref?: () => unknown;
  unref?: () => unknown;
}

function setRef(on: boolean, ...handles: unknown[]): void {
  for (const handle of handles) {
    if (typeof handle === "object" && handle !== null) {
      const h = handle as Handle;
      if (on) h.ref?.();
      else h.unref?.();
    }
  }
}

/**
 * Runs `workerd serve config.capnp` in `dir`. workerd reports the port of
 * each socket on a control pipe once it listens; this then polls
 * `GET /health` on the sockets of `probed` (all by default) until workerd
 * answers it. Should this process die first, a watchdog kills workerd and
 * removes `dir`.
 */
export async function startWorkerd(
  workerd: string,
  dir: string,
  sockets: readonly string[],
  probed: readonly string[] = sockets,
): Promise<Workerd> {
  const child = spawn(
    workerd,
    ["serve", path.join(dir, "config.capnp"), "--control-fd=3"],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe", "pipe"] },
  );
  let log = "";
  const record = (chunk: string) => {
    log = (log + chunk).slice(-LOG_LIMIT);
  };
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8");
  child.stdout?.on("data", record);
  child.stderr?.on("data", record);
  const exited = new Promise<void>((resolve) => {
    child.once("close", () => resolve());
  });
  let exitCode: string | undefined;
  child.once("exit", (code, signal) => {
    exitCode = `code ${code}, signal ${signal}`;
  });
  const watchdog = child.pid === undefined ? undefined : spawn(
    "sh",
    ["-c", WATCHDOG_SCRIPT, "sh", String(child.pid), dir],
    { stdio: ["pipe", "ignore", "ignore"] },
  );
  watchdog?.stdin?.on("error", () => {});
  const watchdogExited = new Promise<void>((resolve) => {
    if (watchdog === undefined) return resolve();
    watchdog.once("exit", () => resolve());
    watchdog.once("error", () => resolve());
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    stopping ??= (async () => {
      setRef(true, child, watchdog);
      // Disarm first, so that it can never kill a reused pid.
      if (watchdog?.stdin && !watchdog.stdin.writableEnded) {
        watchdog.stdin.end("disarm\n");
      }
      await watchdogExited;
      if (exitCode === undefined) {
        // An unfinished request (a socket nothing answers) keeps workerd
        // from exiting on SIGTERM: SIGKILL it after the grace period.
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
        await exited;
        clearTimeout(timer);
      }
      await exited;
    })();

  try {
    const ports = await listening(child, sockets, () => exitCode, () => log);
    const url = (name = "http") => `http://127.0.0.1:${ports[name]}`;
    const end = Date.now() + START_TIMEOUT_MS;
    for (const name of probed) {
      while (!(await healthy(url(name)))) {
        if (exitCode !== undefined || Date.now() > end) {
          throw new Error(
            `workerd did not answer on socket "${name}" (${
              exitCode ?? "still running"
            })\n--- workerd log ---\n${log}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    setRef(false, child, child.stdout, child.stderr, child.stdio[3], watchdog);
    setRef(false, watchdog?.stdin);
    return { ports, url, log: () => log, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Whether workerd answers `GET /health` at `base`. */
async function healthy(base: string): Promise<boolean> {
  try {
    const response = await fetch(`${base}/health`, {
      signal: AbortSignal.timeout(2_000),
    });
    const body = await response.text();
    return response.ok && body === "ok";
  } catch {
    return false;
  }
}

/**
 * The ports workerd reports on its control pipe (`{"event":"listen",
 * "socket":"http","port":N}` lines) for every socket in `sockets`.
 */
function listening(
  child: ChildProcess,
  sockets: readonly string[],
  exitCode: () => string | undefined,
  log: () => string,
): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const ports: Record<string, number> = {};
    const control = child.stdio[3] as Readable | null;
    let partial = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`${why}\n--- workerd log ---\n${log()}`));
    };
    const timer = setTimeout(
      () => fail(`workerd did not listen within ${START_TIMEOUT_MS} ms`),
      START_TIMEOUT_MS,
    );
    child.once("error", (error) => fail(`cannot run workerd: ${error}`));
    child.once("close", () => {
      fail(`workerd exited before it listened (${exitCode()})`);
    });
    if (control === null) return fail("workerd has no control pipe");
    control.setEncoding("utf8");
    control.on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        let event: { event?: string; socket?: string; port?: number };
        try {
          event = JSON.parse(line);
        } catch {
          continue;
        }
        if (event.event === "listen" && event.socket !== undefined) {
          ports[event.socket] = Number(event.port);
        }
      }
      if (sockets.every((name) => ports[name] !== undefined)) {
        clearTimeout(timer);
        resolve(ports);
      }
    });
  });
}

/** A fresh temporary directory for one run's bundle and config. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "respite-workerd-"));
}

/** The test Worker's entry point. */
export const WORKER_ENTRY = fileURLToPath(
  new URL("./worker.ts", import.meta.url),
);
