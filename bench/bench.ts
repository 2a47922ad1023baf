/**
 * Throughput benchmark: respite against npm:redis (node-redis), ioredis,
 * Valkey GLIDE, Bun's built-in RedisClient (under Bun) and redis-benchmark
 * as the limit.
 *
 * Runs on Deno (`deno run -A bench/bench.ts`, or `deno task bench`), on Bun
 * (`bun bench/bench.ts`, or `deno task bench:bun`) and on Node.js 24 or
 * later (`node bench/bench.ts`: Node strips the types). It starts a private
 * redis-server on a free port and stops it at the end.
 *
 * The peer clients live in bench/node_modules (`npm install --prefix bench`);
 * every runtime resolves them from there with bare specifiers: Bun and Node
 * as usual, Deno because bench/package.json makes it use that node_modules
 * directory.
 *
 * Run with `--help` for the options. bench/ab.ts imports its helpers to
 * compare two respite source trees (`--respite-root`).
 *
 * @module
 */

import { type ChildProcess, execFile, spawn } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { connect as netConnect, createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve as resolvePath } from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type ChartInput, renderChart } from "./chart.ts";

// ---------------------------------------------------------------------------
// Options

export interface Counts {
  /** Workload 1: SETs, then as many GETs, one at a time. */
  seq: number;
  /** Workload 2: GETs in total. */
  concurrent: number;
  /** Workload 2: workers, each awaiting its own GETs one after another. */
  inflight: number;
  /** Workload 7: GETs per lock-step batch (its total is `concurrent`). */
  batch: number;
  /** Workload 3: pipelines per run. */
  pipelines: number;
  /** Workload 3: SETs per pipeline. */
  pipelineSize: number;
  /** Workload 4: SET + GET pairs. */
  bigPairs: number;
  /** Workload 4: value size in bytes. */
  bigSize: number;
  /** Workload 5: list length. */
  listLen: number;
  /** Workload 5: LRANGE calls. */
  listCalls: number;
  /** Workload 6: hash fields. */
  hashLen: number;
  /** Workload 6: HGETALL calls. */
  hashCalls: number;
}

export const FULL: Counts = {
  seq: 20_000,
  // As many commands as redis-benchmark gets: runs of 100,000 took 40-70 ms
  // and their medians swung by a third between identical runs.
  concurrent: 500_000,
  inflight: 500,
  batch: 500,
  pipelines: 500,
  pipelineSize: 1000,
  bigPairs: 200,
  bigSize: 1024 * 1024,
  listLen: 10_000,
  listCalls: 300,
  hashLen: 10_000,
  hashCalls: 300,
};

export const QUICK: Counts = {
  ...FULL,
  seq: 2_000,
  concurrent: 20_000,
  pipelines: 20,
  bigPairs: 20,
  listCalls: 30,
  hashCalls: 30,
};

export const COUNT_FLAGS: Record<string, keyof Counts> = {
  "--seq": "seq",
  "--concurrent": "concurrent",
  "--inflight": "inflight",
  "--batch": "batch",
  "--pipelines": "pipelines",
  "--pipeline-size": "pipelineSize",
  "--big-pairs": "bigPairs",
  "--big-size": "bigSize",
  "--list-len": "listLen",
  "--list-calls": "listCalls",
  "--hash-len": "hashLen",
  "--hash-calls": "hashCalls",
};

const CLIENT_IDS = ["respite", "redis", "ioredis", "glide", "bun"] as const;
export type ClientId = typeof CLIENT_IDS[number];
const COLUMN: Record<ClientId, string> = {
  respite: "respite",
  redis: "npm:redis",
  ioredis: "ioredis",
  glide: "GLIDE",
  bun: "bun native",
};
/** The peers: every client but respite. */
const PEER_IDS = ["redis", "ioredis", "glide", "bun"] as const;
/** The peers installed from npm into bench/node_modules, by package. */
const NPM_PACKAGE: Partial<Record<ClientId, string>> = {
  redis: "redis",
  ioredis: "ioredis",
  glide: "@valkey/valkey-glide",
};

interface Options {
  counts: Counts;
  quick: boolean;
  runs: number;
  warmup: boolean;
  json: string | undefined;
  /** Also draw the results as an SVG chart into this file (bench/chart.ts). */
  svg: string | undefined;
  clients: Set<ClientId>;
  redisBenchmark: boolean;
  /** Also run the one-at-a-time workloads on a bare socket. */
  floor: boolean;
  workloads: Set<number> | undefined;
  install: boolean;
  /** Run each client in a child process of its own (the default). */
  isolate: boolean;
  /** Child mode: serve workloads for this client over stdin/stdout. */
  serve: ClientId | undefined;
  /** Child mode: the parent's server. */
  port: number | undefined;
  /** The arguments that set counts and client flags, for child processes. */
  passOn: string[];
}

const HELP = `Usage: deno run -A bench/bench.ts [options]
       bun bench/bench.ts [options]
       node bench/bench.ts [options]        (Node.js 24 or later)

  --quick             smaller counts, for a fast run
  --runs N            measured runs per client and workload; median is shown (3)
  --only LIST         comma list of: respite, redis (or node-redis), ioredis,
                      glide (or valkey-glide), bun, peers (= redis,ioredis,
                      glide,bun), redis-benchmark (or rb)
  --skip LIST         the same names, left out
  --workloads LIST    comma list of workload numbers 1-7 (all)
  --json FILE         also write the results as JSON to FILE
  --svg FILE          also draw the results as an SVG chart to FILE (the
                      README's chart; bench/chart.ts draws it from JSON too)
  --no-warmup         skip the warm-up pass
  --no-floor          skip the runtime floor (workloads 1, 4, 5 and 6 on a
                      bare socket, no client)
  --no-install        do not run npm install when bench/node_modules is missing
  --in-process        run every client in this process instead of one child
                      process per client (the default: a client then never
                      pays for another's heap, timers or sockets)
  --redis-auto-pipeline
                      workload 3 with node-redis: same-tick calls + Promise.all
                      instead of multi().execAsPipeline()
  --ioredis-auto-pipeline
                      ioredis with enableAutoPipelining (off by default)
  --respite-root DIR  load respite from DIR/mod.ts instead of ../mod.ts
  --seq N             workload 1: SETs then GETs, one at a time (${FULL.seq})
  --concurrent N      workloads 2 and 7: GETs in total (${FULL.concurrent})
  --inflight N        workload 2: concurrent workers (${FULL.inflight})
  --batch N           workload 7: GETs per lock-step batch (${FULL.batch})
  --pipelines N       workload 3: pipelines (${FULL.pipelines})
  --pipeline-size N   workload 3: SETs per pipeline (${FULL.pipelineSize})
  --big-pairs N       workload 4: SET + GET pairs (${FULL.bigPairs})
  --big-size N        workload 4: value bytes (${FULL.bigSize})
  --list-len N        workload 5: list length (${FULL.listLen})
  --list-calls N      workload 5: LRANGE calls (${FULL.listCalls})
  --hash-len N        workload 6: hash fields (${FULL.hashLen})
  --hash-calls N      workload 6: HGETALL calls (${FULL.hashCalls})
`;

/** Prints `message` and exits with status 2 (bad command line). */
export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** The positive integer `value` of `flag`, or exit saying what is wrong. */
export function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) {
    fail(`${flag} needs a positive integer, got ${value ?? "nothing"}`);
  }
  return n;
}

/** The workload numbers of `--workloads` (1 to 7). */
export function workloadList(flag: string, value: string): Set<number> {
  const set = new Set<number>();
  for (const part of value.split(",")) {
    const n = positiveInt(flag, part.trim());
    if (n > 7) fail("--workloads takes numbers from 1 to 7");
    set.add(n);
  }
  return set;
}

/**
 * Walks a command line: `--flag value` and `--flag=value` alike, the count
 * flags (`COUNT_FLAGS`) into `counts` and `passOn`, every other flag to
 * `handle`, which reads its value with `value()` and returns false for a
 * flag it does not know.
 */
export function eachFlag(
  args: readonly string[],
  counts: Counts,
  passOn: string[],
  help: string,
  handle: (flag: string, value: () => string) => boolean,
): void {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = args[++i];
      if (next === undefined) fail(`${flag} needs a value`);
      return next;
    };
    const count = COUNT_FLAGS[flag];
    if (count !== undefined) {
      counts[count] = positiveInt(flag, value());
      passOn.push(flag, String(counts[count]));
      continue;
    }
    if (flag === "-h" || flag === "--help") {
      console.log(help);
      process.exit(0);
    }
    if (!handle(flag, value)) {
      fail(`Unknown option ${JSON.stringify(arg)}\n\n${help}`);
    }
  }
}

/** The peers' other names, as `--only` and `--skip` take them. */
const CLIENT_ALIASES = new Map<string, string>([
  ["node-redis", "redis"],
  ["npm:redis", "redis"],
  ["valkey-glide", "glide"],
  ["@valkey/valkey-glide", "glide"],
]);

/**
 * The clients of a comma list (`--only`, `--skip`): their `ids`, "peers"
 * for every one of `peers`, the npm names of node-redis and GLIDE, and
 * `aliases`; exits with `help` on a name it does not know.
 */
export function clientNames<Id extends string>(
  list: string,
  ids: readonly Id[],
  peers: readonly Id[],
  help: string,
  aliases: ReadonlyMap<string, Id> = new Map(),
): Set<Id> {
  const out = new Set<Id>();
  for (const raw of list.split(",")) {
    const name = raw.trim().toLowerCase();
    if (name === "") continue;
    const alias = CLIENT_ALIASES.get(name) ?? aliases.get(name);
    if (name === "peers") {
      for (const id of peers) out.add(id);
    } else if (alias !== undefined) {
      out.add(alias as Id);
    } else if ((ids as readonly string[]).includes(name)) {
      out.add(name as Id);
    } else {
      fail(`Unknown client ${JSON.stringify(raw)}\n\n${help}`);
    }
  }
  return out;
}

/**
 * `--only LIST` and `--skip LIST` over the clients `ids` (names as
 * `clientNames` takes them): `flag` handles the two flags, `wanted` tells
 * whether a client is left in once the command line is read.
 */
export function clientChoice<Id extends string>(
  ids: readonly Id[],
  peers: readonly Id[],
  help: string,
  aliases?: ReadonlyMap<string, Id>,
): {
  flag(flag: string, value: () => string): boolean;
  wanted(id: Id): boolean;
} {
  let only: Set<Id> | undefined;
  const skip = new Set<Id>();
  const names = (list: string) => clientNames(list, ids, peers, help, aliases);
  return {
    flag(flag, value) {
      if (flag === "--only") only = names(value());
      else if (flag === "--skip") {
        for (const id of names(value())) skip.add(id);
      } else return false;
      return true;
    },
    wanted: (id) => (only === undefined || only.has(id)) && !skip.has(id),
  };
}

/**
 * The flags the bench scripts share: `--quick` (which the caller reads
 * first), `--json FILE`, `--no-warmup` and, where `options` has `runs`,
 * `--runs N`. False for any other flag.
 */
export function commonFlag(
  flag: string,
  value: () => string,
  options: { json: string | undefined; warmup: boolean; runs?: number },
): boolean {
  switch (flag) {
    case "--quick":
      return true;
    case "--runs":
      if (options.runs === undefined) return false;
      options.runs = positiveInt(flag, value());
      return true;
    case "--json":
      options.json = value();
      return true;
    case "--no-warmup":
      options.warmup = false;
      return true;
  }
  return false;
}

/** The options bench.ts and cluster.ts share, as they start. */
export function baseOptions<C>(counts: C, quick: boolean): {
  counts: C;
  quick: boolean;
  runs: number;
  warmup: boolean;
  json: string | undefined;
} {
  return { counts, quick, runs: 3, warmup: true, json: undefined };
}

function parseArgs(args: readonly string[]): Options {
  const quick = args.includes("--quick");
  const counts: Counts = { ...(quick ? QUICK : FULL) };
  const options: Options = {
    ...baseOptions(counts, quick),
    svg: undefined,
    clients: new Set(CLIENT_IDS),
    redisBenchmark: true,
    floor: true,
    workloads: undefined,
    install: true,
    isolate: true,
    serve: undefined,
    port: undefined,
    passOn: quick ? ["--quick"] : [],
  };
  const choice = clientChoice<ClientId | "rb">(
    [...CLIENT_IDS, "rb"],
    PEER_IDS,
    HELP,
    new Map([["redis-benchmark", "rb"]]),
  );
  eachFlag(args, counts, options.passOn, HELP, (flag, value) => {
    if (commonFlag(flag, value, options) || choice.flag(flag, value)) {
      return true;
    }
    switch (flag) {
      case "--workloads":
        options.workloads = workloadList(flag, value());
        break;
      case "--no-floor":
        options.floor = false;
        break;
      case "--svg":
        options.svg = value();
        break;
      case "--no-install":
        options.install = false;
        break;
      case "--in-process":
        options.isolate = false;
        break;
      case "--serve": {
        const id = value() as ClientId;
        if (!(CLIENT_IDS as readonly string[]).includes(id)) {
          fail(`--serve takes a client name, got ${id}`);
        }
        options.serve = id;
        break;
      }
      case "--port":
        options.port = positiveInt(flag, value());
        break;
      case "--redis-auto-pipeline":
        NODE_REDIS_MULTI = false;
        options.passOn.push(flag);
        break;
      case "--ioredis-auto-pipeline":
        IOREDIS_AUTO = true;
        options.passOn.push(flag);
        break;
      case "--respite-root":
        RESPITE_ROOT = resolvePath(value());
        options.passOn.push(flag, RESPITE_ROOT);
        break;
      default:
        return false;
    }
    return true;
  });
  options.clients = new Set(CLIENT_IDS.filter(choice.wanted));
  options.redisBenchmark = choice.wanted("rb");
  return options;
}

// ---------------------------------------------------------------------------
// Runtime

interface DenoGlobal {
  version: { deno: string };
}
interface BunGlobal {
  version: string;
  RedisClient?: new (url: string, options?: object) => BunRedis;
}

const runtimeGlobals = globalThis as { Deno?: DenoGlobal; Bun?: BunGlobal };
const bunGlobal = runtimeGlobals.Bun;

/**
 * The runtime in use. Bun and Deno both report a `process.versions.node`
 * as well, so they are told apart first.
 */
export const RUNTIME_KIND: "bun" | "deno" | "node" = bunGlobal !== undefined
  ? "bun"
  : runtimeGlobals.Deno !== undefined
  ? "deno"
  : typeof process.versions.node === "string"
  ? "node"
  : fail("Runs on Deno, Bun or Node.js only");

export const RUNTIME = RUNTIME_KIND === "bun"
  ? `Bun ${bunGlobal?.version}`
  : RUNTIME_KIND === "deno"
  ? `Deno ${runtimeGlobals.Deno?.version.deno}`
  : `Node ${process.version}`;

/** The socket API of the runtime's floor, for the notes. */
const FLOOR_API =
  { bun: "Bun.connect", deno: "Deno.connect", node: "node:net" }[
    RUNTIME_KIND
  ];

export const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));

// ---------------------------------------------------------------------------
// The runtime's floor for round trips

interface FloorConn {
  /**
   * Writes `bytes` (all of them, however many writes that takes) and
   * resolves once `replyBytes` bytes came back.
   */
  roundTrip(bytes: Uint8Array, replyBytes: number): Promise<void>;
  close(): void;
}

/**
 * The most bytes a bare Deno or Node socket reads at once (Bun picks its
 * own).
 */
const FLOOR_READ_MAX = 2 * 1024 * 1024;

/** A bare TCP connection with the runtime's own API: no client at all. */
async function floorConnection(port: number): Promise<FloorConn> {
  const runtime = globalThis as {
    Deno?: {
      connect(options: { hostname: string; port: number }): Promise<{
        setNoDelay(on: boolean): void;
        write(bytes: Uint8Array): Promise<number>;
        read(buffer: Uint8Array): Promise<number | null>;
        close(): void;
      }>;
    };
    Bun?: {
      connect(options: {
        hostname: string;
        port: number;
        socket: {
          binaryType: "uint8array";
          data(socket: unknown, data: Uint8Array): void;
          drain(socket: unknown): void;
          close(): void;
          error(): void;
        };
      }): Promise<{
        setNoDelay(on: boolean): void;
        write(bytes: Uint8Array): number;
        end(): void;
      }>;
    };
  };
  if (runtime.Bun) {
    let expected = 0;
    let received = 0;
    let done: (() => void) | undefined;
    // The unwritten rest of a large write, finished on drain.
    let rest: Uint8Array | undefined;
    const write = (s: { write(bytes: Uint8Array): number }) => {
      if (rest === undefined) return;
      const n = s.write(rest);
      rest = n >= rest.length ? undefined : rest.subarray(Math.max(0, n));
    };
    const socket = await runtime.Bun.connect({
      hostname: "127.0.0.1",
      port,
      socket: {
        binaryType: "uint8array",
        data(_socket, data) {
          received += data.length;
          if (received >= expected) done?.();
        },
        drain(s) {
          write(s as { write(bytes: Uint8Array): number });
        },
        close() {},
        error() {},
      },
    });
    socket.setNoDelay(true);
    return {
      roundTrip(bytes, replyBytes) {
        expected = replyBytes;
        received = 0;
        const reply = new Promise<void>((resolve) => done = resolve);
        rest = bytes;
        write(socket);
        return reply;
      },
      close: () => socket.end(),
    };
  }
  if (runtime.Deno) {
    const conn = await runtime.Deno.connect({ hostname: "127.0.0.1", port });
    conn.setNoDelay(true);
    let buffer = new Uint8Array(64 * 1024);
    return {
      async roundTrip(bytes, replyBytes) {
        for (let off = 0; off < bytes.length;) {
          off += await conn.write(bytes.subarray(off));
        }
        // Room for the whole reply, as a client reading a large value
        // straight into its buffer would have.
        if (replyBytes > buffer.length && buffer.length < FLOOR_READ_MAX) {
          buffer = new Uint8Array(Math.min(replyBytes, FLOOR_READ_MAX));
        }
        let received = 0;
        while (received < replyBytes) {
          const n = await conn.read(buffer);
          if (n === null) throw new Error("Connection closed");
          received += n;
        }
      },
      close: () => conn.close(),
    };
  }
  if (RUNTIME_KIND === "node") return await nodeFloorConnection(port);
  throw new Error("No Deno, Bun or Node socket API");
}

/**
 * The bare `node:net` socket of the Node floor: its cheapest read path,
 * `onread`, which reads into a buffer of the caller's, reused, instead of
 * a new Buffer per read and a `data` event. Writes go to `write()`, which
 * queues what the kernel does not take at once.
 */
async function nodeFloorConnection(port: number): Promise<FloorConn> {
  let expected = 0;
  let received = 0;
  let done: (() => void) | undefined;
  let failed: ((error: Error) => void) | undefined;
  let buffer = new Uint8Array(64 * 1024);
  const socket = netConnect({
    host: "127.0.0.1",
    port,
    onread: {
      // Asked for before every read: room for the whole reply, as a client
      // reading a large value straight into its buffer would have.
      buffer() {
        const want = Math.min(expected - received, FLOOR_READ_MAX);
        if (want > buffer.length) buffer = new Uint8Array(want);
        return buffer;
      },
      callback(bytes) {
        received += bytes;
        if (received >= expected) done?.();
        return true;
      },
    },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => {
      socket.off("error", reject);
      resolve();
    });
    socket.once("error", reject);
  });
  socket.on("error", (error) => failed?.(error));
  socket.setNoDelay(true);
  return {
    roundTrip(bytes, replyBytes) {
      expected = replyBytes;
      received = 0;
      const reply = new Promise<void>((resolve, reject) => {
        done = resolve;
        failed = reject;
      });
      socket.write(bytes);
      return reply;
    },
    close: () => socket.destroy(),
  };
}

/** One kind of request of a floor run: its bytes, and its reply's length. */
interface FloorStep {
  bytes: Uint8Array;
  replyBytes: number;
}

/**
 * A workload without a client: hand-encoded commands on a bare socket, one
 * after another, each awaiting its whole reply as bytes (nothing decoded).
 * What no client on this runtime can beat. Each of `rounds` runs `steps` in
 * order (or, with `phases`, each step `rounds` times before the next);
 * resolves to `units` per second, `units` counted per round.
 */
async function socketFloor(
  port: number,
  steps: readonly FloorStep[],
  rounds: number,
  units: number,
  phases = false,
): Promise<number> {
  const conn = await floorConnection(port);
  try {
    const warm = Math.max(1, Math.min(200, Math.round(rounds / 10)));
    const run = async (count: number) => {
      if (phases) {
        for (const step of steps) {
          for (let i = 0; i < count; i++) {
            await conn.roundTrip(step.bytes, step.replyBytes);
          }
        }
        return;
      }
      for (let i = 0; i < count; i++) {
        for (const step of steps) {
          await conn.roundTrip(step.bytes, step.replyBytes);
        }
      }
    };
    await run(warm);
    const start = performance.now();
    await run(rounds);
    return (units * rounds) / ((performance.now() - start) / 1000);
  } finally {
    conn.close();
  }
}

/** `command` as RESP bytes. */
function encodeFloorCommand(command: readonly string[]): Uint8Array {
  let text = `*${command.length}\r\n`;
  for (const arg of command) text += bulkText(arg);
  return new TextEncoder().encode(text);
}

/** `text` as a RESP bulk string (ASCII text only: length in characters). */
function bulkText(text: string): string {
  return `$${text.length}\r\n${text}\r\n`;
}

/** The length of `items` as a RESP2 array reply of bulk strings. */
function arrayReplyLength(items: readonly string[]): number {
  let length = `*${items.length}\r\n`.length;
  for (const item of items) length += bulkText(item).length;
  return length;
}

// ---------------------------------------------------------------------------
// The private redis-server

export interface Server {
  port: number;
  version: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null
        ? address.port
        : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startServer(): Promise<Server> {
  let port = await freePort();
  while (port === 6379 || port === 0) port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "respite-bench-"));
  const child: ChildProcess = spawn("redis-server", [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    dir,
    "--logfile",
    "",
  ], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const version = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`redis-server did not start in 10 s:\n${log}`));
    }, 10_000);
    const onData = (chunk: Uint8Array | string) => {
      log += String(chunk);
      if (log.includes("Ready to accept connections")) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        resolve(/version=([\d.]+)/.exec(log)?.[1] ?? "?");
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Uint8Array | string) => {
      log += String(chunk);
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(
        new Error(`Could not start redis-server: ${error.message}`, {
          cause: error,
        }),
      );
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${log}`));
    });
  });
  // Keep draining its output so that a full pipe never blocks the server.
  child.stdout?.resume();
  let stopped: Promise<void> | undefined;
  return {
    port,
    version,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) {
          done();
          return;
        }
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        child.once("exit", () => {
          clearTimeout(timer);
          done();
        });
        child.kill("SIGTERM");
      });
      return stopped;
    },
  };
}

/**
 * Sends commands on a raw socket and waits for their replies. Only for the
 * set-up, whose commands all answer with one line (`+OK`, `:n`, `-ERR`).
 */
function rawCommands(port: number, commands: readonly string[][]) {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const command of commands) {
    let head = `*${command.length}\r\n`;
    for (const arg of command) {
      head += `$${encoder.encode(arg).length}\r\n${arg}\r\n`;
    }
    parts.push(encoder.encode(head));
  }
  return new Promise<void>((resolve, reject) => {
    const socket = new Socket();
    let pending = commands.length;
    let text = "";
    socket.once("error", reject);
    socket.on("data", (chunk: Uint8Array) => {
      text += new TextDecoder().decode(chunk);
      let end: number;
      while ((end = text.indexOf("\r\n")) >= 0) {
        const line = text.slice(0, end);
        text = text.slice(end + 2);
        if (line.startsWith("-")) {
          socket.destroy();
          reject(new Error(`Set-up command failed: ${line}`));
          return;
        }
        if (--pending === 0) {
          socket.end();
          resolve();
        }
      }
    });
    socket.connect(port, "127.0.0.1", () => {
      for (const part of parts) socket.write(part);
    });
  });
}

// ---------------------------------------------------------------------------
// Clients

/** What the workloads need from a client. */
/**
 * A peer client's module, imported by a specifier in a variable (so that no
 * type check or bundler goes looking for it). A CommonJS package's exports
 * are named ones or its default's: the module itself when it has `name`,
 * else its default export.
 */
export async function peerModule<T>(
  specifier: string,
  name: keyof T,
): Promise<Partial<T> | undefined> {
  const loaded = await import(specifier) as Partial<T> & {
    default?: Partial<T>;
  };
  return loaded[name] !== undefined ? loaded : loaded.default;
}

/** Sends a SET per key in the same tick and awaits them all. */
export async function sameTickSets(
  set: (key: string, value: string) => Promise<unknown>,
  keys: readonly string[],
  value: string,
): Promise<void> {
  const replies: Promise<unknown>[] = [];
  for (const key of keys) replies.push(set(key, value));
  await Promise.all(replies);
}

export interface BenchClient {
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<unknown>;
  /** Sends one SET per key in one pipeline, and waits for all replies. */
  pipelineSet(keys: readonly string[], value: string): Promise<void>;
  /** LRANGE key 0 -1; resolves to the number of elements. */
  lrange(key: string): Promise<number>;
  /**
   * HGETALL key; resolves to the reply as the client gives it. The workload
   * counts the fields of the last reply only, so that counting the keys of
   * a 10k-field object (about 0.8 ms in Deno) is not timed as the client's.
   */
  hgetall(key: string): Promise<unknown>;
  close(): Promise<void>;
  /** How this client runs workload 3, for the notes. */
  pipelineNote: string;
}

function lengthOf(reply: unknown): number {
  if (Array.isArray(reply)) return reply.length;
  return -1;
}

/**
 * Fields in an HGETALL reply: a Map, a flat array, an array of
 * `{ field, value }` (GLIDE) or a plain object.
 */
function fieldsOf(reply: unknown): number {
  if (reply instanceof Map) return reply.size;
  if (Array.isArray(reply)) {
    const head: unknown = reply[0];
    return typeof head === "object" && head !== null
      ? reply.length
      : reply.length / 2;
  }
  if (typeof reply === "object" && reply !== null) {
    return Object.keys(reply).length;
  }
  return -1;
}

// respite ------------------------------------------------------------------

interface RespitePipeline {
  set(key: string, value: string): RespitePipeline;
  exec(): Promise<unknown[]>;
}
interface RespiteClient {
  pipeline(): RespitePipeline;
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<unknown>;
  lrange(key: string, start: number, stop: number): Promise<unknown>;
  hgetall(key: string): Promise<unknown>;
  close(): Promise<void>;
}
interface RespiteModule {
  connect(
    options: { hostname: string; port: number },
  ): Promise<RespiteClient>;
}

/** The source tree respite is loaded from: `--respite-root`, or `..`. */
let RESPITE_ROOT = join(BENCH_DIR, "..");

/** respite from `root` (by default `--respite-root`, else this tree). */
export async function respiteClient(
  port: number,
  root: string = RESPITE_ROOT,
): Promise<BenchClient> {
  // A computed specifier: the bench still loads (and type-checks) while
  // mod.ts is missing or unfinished.
  const file = join(root, "mod.ts");
  const mod = await import(pathToFileURL(file).href) as Partial<RespiteModule>;
  if (typeof mod.connect !== "function") {
    throw new Error(`${file} does not export connect()`);
  }
  const client = await mod.connect({ hostname: "127.0.0.1", port });
  return {
    set: (key, value) => client.set(key, value),
    get: (key) => client.get(key),
    async pipelineSet(keys, value) {
      const pipeline = client.pipeline();
      for (const key of keys) pipeline.set(key, value);
      await pipeline.exec();
    },
    // The typed methods users call: hgetall gives a record, like peers.
    lrange: async (key) => lengthOf(await client.lrange(key, 0, -1)),
    hgetall: (key) => client.hgetall(key),
    close: () => client.close(),
    pipelineNote: "pipeline().exec()",
  };
}

// node-redis ---------------------------------------------------------------

interface NodeRedisMulti {
  set(key: string, value: string): NodeRedisMulti;
  execAsPipeline(): Promise<unknown[]>;
}
interface NodeRedisClient {
  on(event: "error", listener: (error: unknown) => void): NodeRedisClient;
  connect(): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<unknown>;
  lRange(key: string, start: number, stop: number): Promise<unknown>;
  hGetAll(key: string): Promise<unknown>;
  multi(): NodeRedisMulti;
  close?(): Promise<void>;
  quit?(): Promise<unknown>;
}
interface NodeRedisModule {
  createClient(
    options: { socket: { host: string; port: number } },
  ): NodeRedisClient;
}

/**
 * Workload 3 with node-redis uses `multi().execAsPipeline()`, its fastest
 * way here (2-4× its same-tick auto-pipelining of 1000 separate calls);
 * `--redis-auto-pipeline` measures the latter instead.
 */
let NODE_REDIS_MULTI = true;

async function nodeRedisClient(port: number): Promise<BenchClient> {
  const specifier = "redis";
  const mod = await import(specifier) as Partial<NodeRedisModule>;
  if (typeof mod.createClient !== "function") {
    throw new Error("redis does not export createClient()");
  }
  const client = mod.createClient({ socket: { host: "127.0.0.1", port } });
  client.on("error", (error) => console.error("npm:redis error:", error));
  await client.connect();
  return {
    set: (key, value) => client.set(key, value),
    get: (key) => client.get(key),
    pipelineSet: NODE_REDIS_MULTI
      ? async (keys, value) => {
        const multi = client.multi();
        for (const key of keys) multi.set(key, value);
        await multi.execAsPipeline();
      }
      : (keys, value) =>
        sameTickSets((key, v) => client.set(key, v), keys, value),
    lrange: async (key) => lengthOf(await client.lRange(key, 0, -1)),
    hgetall: (key) => client.hGetAll(key),
    async close() {
      if (client.close) await client.close();
      else await client.quit?.();
    },
    pipelineNote: NODE_REDIS_MULTI
      ? "multi().execAsPipeline()"
      : "same-tick calls + Promise.all (auto-pipelined)",
  };
}

// ioredis ------------------------------------------------------------------

interface IoRedisPipeline {
  set(key: string, value: string): IoRedisPipeline;
  exec(): Promise<[Error | null, unknown][] | null>;
}
interface IoRedisClient {
  on(event: "error", listener: (error: unknown) => void): IoRedisClient;
  connect(): Promise<void>;
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<unknown>;
  lrange(key: string, start: number, stop: number): Promise<unknown>;
  hgetall(key: string): Promise<unknown>;
  pipeline(): IoRedisPipeline;
  quit(): Promise<unknown>;
}
interface IoRedisModule {
  default: new (options: {
    host: string;
    port: number;
    lazyConnect: boolean;
    enableAutoPipelining: boolean;
  }) => IoRedisClient;
}

/** `--ioredis-auto-pipeline` turns on ioredis's opt-in auto-pipelining. */
let IOREDIS_AUTO = false;

async function ioRedisClient(port: number): Promise<BenchClient> {
  const specifier = "ioredis";
  const mod = await import(specifier) as Partial<IoRedisModule>;
  const Redis = mod.default;
  if (typeof Redis !== "function") {
    throw new Error("ioredis has no default export");
  }
  const client = new Redis({
    host: "127.0.0.1",
    port,
    lazyConnect: true,
    enableAutoPipelining: IOREDIS_AUTO,
  });
  client.on("error", (error) => console.error("ioredis error:", error));
  await client.connect();
  return {
    set: (key, value) => client.set(key, value),
    get: (key) => client.get(key),
    async pipelineSet(keys, value) {
      const pipeline = client.pipeline();
      for (const key of keys) pipeline.set(key, value);
      const results = await pipeline.exec();
      const error = results?.find(([e]) => e !== null)?.[0];
      if (error) throw error;
    },
    lrange: async (key) => lengthOf(await client.lrange(key, 0, -1)),
    hgetall: (key) => client.hgetall(key),
    async close() {
      await client.quit();
    },
    pipelineNote: IOREDIS_AUTO
      ? "pipeline().exec(), enableAutoPipelining on"
      : "pipeline().exec()",
  };
}

// Valkey GLIDE -------------------------------------------------------------

interface GlideBatch {
  set(key: string, value: string): GlideBatch;
}
interface GlideClient {
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<unknown>;
  lrange(key: string, start: number, end: number): Promise<unknown>;
  hgetall(key: string): Promise<unknown>;
  exec(batch: GlideBatch, raiseOnError: boolean): Promise<unknown[] | null>;
  close(): void;
}
interface GlideModule {
  GlideClient: {
    createClient(options: {
      addresses: { host: string; port: number }[];
      requestTimeout: number;
    }): Promise<GlideClient>;
  };
  /** A batch: atomic (MULTI/EXEC) when `isAtomic`, else a pipeline. */
  Batch: new (isAtomic: boolean) => GlideBatch;
}

/**
 * Valkey GLIDE: a Rust core (redis-rs, tokio) in a native Node-API addon,
 * from a platform package such as `@valkey/valkey-glide-linux-x64-gnu`.
 * Its commands go to the core as protobuf messages and come back through
 * the addon; HGETALL gives an array of `{ field, value }`.
 */
async function glideClient(port: number): Promise<BenchClient> {
  const mod = await peerModule<GlideModule>(
    "@valkey/valkey-glide",
    "GlideClient",
  );
  const Glide = mod?.GlideClient;
  const Batch = mod?.Batch;
  if (Glide === undefined || typeof Batch !== "function") {
    throw new Error("@valkey/valkey-glide exports no GlideClient or Batch");
  }
  const client = await Glide.createClient({
    addresses: [{ host: "127.0.0.1", port }],
    // The default, 250 ms, is a deadline for one command; a 2-core machine
    // busy with the other processes can miss it on 1 MiB values.
    requestTimeout: 10_000,
  });
  return {
    set: (key, value) => client.set(key, value),
    get: (key) => client.get(key),
    async pipelineSet(keys, value) {
      const batch = new Batch(false);
      for (const key of keys) batch.set(key, value);
      await client.exec(batch, true);
    },
    lrange: async (key) => lengthOf(await client.lrange(key, 0, -1)),
    hgetall: (key) => client.hgetall(key),
    close() {
      client.close();
      return Promise.resolve();
    },
    pipelineNote: "exec(new Batch(false)) (a non-atomic batch)",
  };
}

// Bun's RedisClient --------------------------------------------------------

interface BunRedis {
  connect(): Promise<void>;
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<unknown>;
  lrange(key: string, start: number, stop: number): Promise<unknown>;
  hgetall(key: string): Promise<unknown>;
  close(): void;
}

async function bunClient(port: number): Promise<BenchClient> {
  const RedisClient = bunGlobal?.RedisClient;
  if (RedisClient === undefined) {
    throw new Error("Bun.RedisClient is not available");
  }
  const client = new RedisClient(`redis://127.0.0.1:${port}`);
  await client.connect();
  return {
    set: (key, value) => client.set(key, value),
    get: (key) => client.get(key),
    async pipelineSet(keys, value) {
      const replies: Promise<unknown>[] = [];
      for (const key of keys) replies.push(client.set(key, value));
      await Promise.all(replies);
    },
    lrange: async (key) => lengthOf(await client.lrange(key, 0, -1)),
    hgetall: (key) => client.hgetall(key),
    close() {
      client.close();
      return Promise.resolve();
    },
    pipelineNote: "same-tick calls + Promise.all (auto-pipelined)",
  };
}

const FACTORIES: Record<ClientId, (port: number) => Promise<BenchClient>> = {
  respite: respiteClient,
  redis: nodeRedisClient,
  ioredis: ioRedisClient,
  glide: glideClient,
  bun: bunClient,
};

// ---------------------------------------------------------------------------
// Peer installation

/** Whether bench/node_modules has the npm peer `id` (all of them without). */
function peersInstalled(id?: ClientId): boolean {
  const packages = id === undefined
    ? Object.values(NPM_PACKAGE)
    : [NPM_PACKAGE[id]].filter((name) => name !== undefined);
  return packages.every((name) =>
    existsSync(join(BENCH_DIR, "node_modules", name, "package.json"))
  );
}

const INSTALL_COMMAND = "npm install --prefix bench";

function npmInstall(): Promise<boolean> {
  console.error(
    `bench/node_modules lacks a peer; running: npm install --prefix ${BENCH_DIR}`,
  );
  return new Promise((resolve) => {
    const child = spawn("npm", ["install", "--prefix", BENCH_DIR], {
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("error", () => resolve(false));
    child.once("exit", (code) => resolve(code === 0));
  });
}

// ---------------------------------------------------------------------------
// Workloads

export interface Workload {
  id: number;
  title: string;
  unit: string;
  /** Runs at the given scale (1 = the full count; warm-up uses less). */
  run(client: BenchClient, scale: number): Promise<number>;
  /** redis-benchmark mirroring the workload; undefined when none does. */
  redisBenchmark?: (port: number) => Promise<number>;
  /**
   * A workload whose redis-benchmark runs the same command: when that one
   * ran first, its runs are reused instead of measured again.
   */
  redisBenchmarkOf?: number;
  /**
   * The workload on a bare socket (see `socketFloor`), for the one-at-a-time
   * workloads; undefined for the others.
   */
  floor?: (port: number) => Promise<number>;
}

const KEY = "bench:key";
const SMALL = "xxx"; // redis-benchmark's default value: 3 bytes
const LIST = "bench:list";
const HASH = "bench:hash";
const BIG_KEY = "bench:big";

export function scaled(count: number, scale: number): number {
  return Math.max(1, Math.round(count * scale));
}

export function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`Wrong reply: ${what}`);
}

function bigValue(size: number): string {
  const pattern = "0123456789abcdefghijklmnopqrstuvwxyz";
  return pattern.repeat(Math.ceil(size / pattern.length)).slice(0, size);
}

/**
 * The workloads in the order they run and print: 7 beside 2, whose GETs it
 * sends in another shape.
 */
export function workloads(counts: Counts): Workload[] {
  const pipeKeys = Array.from(
    { length: counts.pipelineSize },
    (_, i) => `bench:pipe:${i}`,
  );
  const big = bigValue(counts.bigSize);
  return [
    {
      id: 1,
      title: `sequential SET+GET (${counts.seq} each)`,
      unit: "ops/s",
      async run(client, scale) {
        const n = scaled(counts.seq, scale);
        for (let i = 0; i < n; i++) await client.set(KEY, SMALL);
        let last: unknown;
        for (let i = 0; i < n; i++) last = await client.get(KEY);
        check(last === SMALL, "GET");
        return 2 * n;
      },
      async redisBenchmark(port) {
        const rps = await redisBenchmark(port, [
          ...["-n", String(counts.seq), "-P", "1", "-t", "set,get"],
        ]);
        return harmonic(rps, "SET", "GET") * 2;
      },
      floor: (port) =>
        socketFloor(
          port,
          [
            {
              bytes: encodeFloorCommand(["SET", "key:__rand_int__", SMALL]),
              replyBytes: "+OK\r\n".length,
            },
            {
              bytes: encodeFloorCommand(["GET", "key:__rand_int__"]),
              replyBytes: bulkText(SMALL).length,
            },
          ],
          counts.seq,
          2,
          true,
        ),
    },
    {
      id: 2,
      title: `GET, ${counts.inflight} in flight (${counts.concurrent})`,
      unit: "ops/s",
      async run(client, scale) {
        const n = scaled(counts.concurrent, scale);
        let remaining = n;
        let wrong = 0;
        const worker = async () => {
          while (remaining > 0) {
            remaining--;
            if (await client.get(KEY) !== SMALL) wrong++;
          }
        };
        const workers: Promise<void>[] = [];
        for (let i = 0; i < counts.inflight; i++) workers.push(worker());
        await Promise.all(workers);
        check(wrong === 0, "GET");
        return n;
      },
      redisBenchmark: (port) =>
        redisBenchmarkGets(port, counts.concurrent, counts.inflight),
    },
    {
      id: 7,
      title: `GET, lock-step batches of ${counts.batch} (${counts.concurrent})`,
      unit: "ops/s",
      // redis-benchmark -P's own shape: send a batch, await all of it, repeat.
      async run(client, scale) {
        const n = scaled(counts.concurrent, scale);
        const keys = new Array<string>(counts.batch).fill(KEY);
        let wrong = 0;
        for (let done = 0; done < n; done += keys.length) {
          const batch = n - done < keys.length ? keys.slice(0, n - done) : keys;
          const replies = await Promise.all(batch.map((k) => client.get(k)));
          for (const reply of replies) if (reply !== SMALL) wrong++;
        }
        check(wrong === 0, "GET");
        return n;
      },
      redisBenchmark: (port) =>
        redisBenchmarkGets(port, counts.concurrent, counts.batch),
      ...(counts.batch === counts.inflight ? { redisBenchmarkOf: 2 } : {}),
    },
    {
      id: 3,
      title: `pipelined SET (${counts.pipelines} × ${counts.pipelineSize})`,
      unit: "ops/s",
      async run(client, scale) {
        const n = scaled(counts.pipelines, scale);
        for (let i = 0; i < n; i++) await client.pipelineSet(pipeKeys, SMALL);
        return n * pipeKeys.length;
      },
      async redisBenchmark(port) {
        const rps = await redisBenchmark(port, [
          "-n",
          String(Math.max(counts.pipelines * counts.pipelineSize, 500_000)),
          "-P",
          String(counts.pipelineSize),
          "-t",
          "set",
        ]);
        return rps.get("SET") ?? NaN;
      },
    },
    {
      id: 4,
      title: `${sizeLabel(counts.bigSize)} SET+GET pairs (${counts.bigPairs})`,
      unit: "pairs/s",
      async run(client, scale) {
        const n = scaled(counts.bigPairs, scale);
        let last: unknown;
        for (let i = 0; i < n; i++) {
          await client.set(BIG_KEY, big);
          last = await client.get(BIG_KEY);
        }
        check(last === big, "big GET");
        return n;
      },
      async redisBenchmark(port) {
        const rps = await redisBenchmark(port, [
          "-n",
          String(Math.max(counts.bigPairs, 100)),
          "-P",
          "1",
          "-d",
          String(counts.bigSize),
          "-t",
          "set,get",
        ]);
        return harmonic(rps, "SET", "GET");
      },
      floor: (port) =>
        socketFloor(
          port,
          [
            {
              bytes: encodeFloorCommand(["SET", BIG_KEY, big]),
              replyBytes: "+OK\r\n".length,
            },
            {
              bytes: encodeFloorCommand(["GET", BIG_KEY]),
              replyBytes: bulkText(big).length,
            },
          ],
          counts.bigPairs,
          1,
        ),
    },
    {
      id: 5,
      title: `LRANGE 0 -1, ${counts.listLen} items (${counts.listCalls})`,
      unit: "calls/s",
      async run(client, scale) {
        const n = scaled(counts.listCalls, scale);
        let last = 0;
        for (let i = 0; i < n; i++) last = await client.lrange(LIST);
        check(last === counts.listLen, `LRANGE length ${last}`);
        return n;
      },
      async redisBenchmark(port) {
        const rps = await redisBenchmark(port, [
          "-n",
          String(Math.max(counts.listCalls, 300)),
          "LRANGE",
          LIST,
          "0",
          "-1",
        ]);
        return first(rps);
      },
      floor: (port) =>
        socketFloor(
          port,
          [{
            bytes: encodeFloorCommand(["LRANGE", LIST, "0", "-1"]),
            replyBytes: arrayReplyLength(listItems(counts)),
          }],
          counts.listCalls,
          1,
        ),
    },
    {
      id: 6,
      title: `HGETALL, ${counts.hashLen} fields (${counts.hashCalls})`,
      unit: "calls/s",
      async run(client, scale) {
        const n = scaled(counts.hashCalls, scale);
        let last: unknown;
        for (let i = 0; i < n; i++) last = await client.hgetall(HASH);
        const fields = fieldsOf(last);
        check(fields === counts.hashLen, `HGETALL fields ${fields}`);
        return n;
      },
      async redisBenchmark(port) {
        const rps = await redisBenchmark(port, [
          "-n",
          String(Math.max(counts.hashCalls, 300)),
          "HGETALL",
          HASH,
        ]);
        return first(rps);
      },
      floor: (port) =>
        socketFloor(
          port,
          [{
            bytes: encodeFloorCommand(["HGETALL", HASH]),
            replyBytes: arrayReplyLength(hashFields(counts).flat()),
          }],
          counts.hashCalls,
          1,
        ),
    },
  ];
}

function sizeLabel(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}

/** The list's items, in order. */
function listItems(counts: Counts): string[] {
  return Array.from({ length: counts.listLen }, (_, i) => `value:${i}`);
}

/** The hash's fields, as `[field, value]` pairs. */
function hashFields(counts: Counts): [string, string][] {
  return Array.from(
    { length: counts.hashLen },
    (_, i) => [`field:${i}`, `value:${i}`],
  );
}

/** Loads the list, the hash and the keys every workload reads. */
export async function setUp(port: number, counts: Counts): Promise<void> {
  const commands: string[][] = [
    ["FLUSHALL"],
    ["SET", KEY, SMALL],
    // What redis-benchmark's GET reads when no -r is given.
    ["SET", "key:__rand_int__", SMALL],
  ];
  const chunk = 1000;
  const items = listItems(counts);
  for (let start = 0; start < items.length; start += chunk) {
    commands.push(["RPUSH", LIST, ...items.slice(start, start + chunk)]);
  }
  const fields = hashFields(counts);
  for (let start = 0; start < fields.length; start += chunk) {
    commands.push(["HSET", HASH, ...fields.slice(start, start + chunk).flat()]);
  }
  await rawCommands(port, commands);
}

// ---------------------------------------------------------------------------
// redis-benchmark

let redisBenchmarkMissing = false;

/** redis-benchmark's command line: `args` on `clients` connections, CSV. */
export function redisBenchmarkArgs(
  port: number,
  args: readonly string[],
  clients = 1,
): string[] {
  return ["-h", "127.0.0.1", "-p", String(port), "-c", String(clients), "--csv"]
    .concat(args);
}

/**
 * Runs redis-benchmark on `clients` connections (one unless told);
 * resolves to rps by test name.
 */
export function redisBenchmark(
  port: number,
  args: readonly string[],
  clients = 1,
): Promise<Map<string, number>> {
  const full = redisBenchmarkArgs(port, args, clients);
  return new Promise((resolve, reject) => {
    execFile(
      "redis-benchmark",
      full,
      { maxBuffer: 1 << 20 },
      (error, stdout) => {
        if (error) {
          reject(error);
          return;
        }
        const rps = new Map<string, number>();
        for (const line of String(stdout).split("\n")) {
          const cells = [...line.matchAll(/"([^"]*)"/g)].map((m) => m[1]);
          const name = cells[0];
          const value = Number(cells[1]);
          if (name !== undefined && name !== "test" && Number.isFinite(value)) {
            rps.set(name, value);
          }
        }
        if (rps.size === 0) {
          reject(new Error(`No results from redis-benchmark:\n${stdout}`));
        } else {
          resolve(rps);
        }
      },
    );
  });
}

/** GETs with `pipeline` in flight (workloads 2 and 7); resolves to GET/s. */
async function redisBenchmarkGets(
  port: number,
  total: number,
  pipeline: number,
): Promise<number> {
  const rps = await redisBenchmark(port, [
    "-n",
    String(Math.max(total, 500_000)),
    "-P",
    String(pipeline),
    "-t",
    "get",
  ]);
  return rps.get("GET") ?? NaN;
}

/** Rate of doing one of each: 1 / (1/a + 1/b). */
function harmonic(rps: Map<string, number>, a: string, b: string): number {
  const x = rps.get(a);
  const y = rps.get(b);
  if (x === undefined || y === undefined) return NaN;
  return 1 / (1 / x + 1 / y);
}

function first(rps: Map<string, number>): number {
  for (const value of rps.values()) return value;
  return NaN;
}

// ---------------------------------------------------------------------------
// Measuring

type Column = ClientId | "redis-benchmark";

interface Cell {
  /** Median rate, NaN when the client failed. */
  median: number;
  /** Each measured run's rate. */
  runs: number[];
  error?: string;
  /** The workload whose runs these are (`Workload.redisBenchmarkOf`). */
  sameAs?: number;
}

interface Row {
  workload: number;
  title: string;
  unit: string;
  cells: Partial<Record<Column, Cell>>;
  /** The workload on a bare socket, where it has one (`Workload.floor`). */
  floor?: Cell;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  if (sorted.length % 2 === 1) return sorted[mid] ?? NaN;
  return ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

export function log(message: string): void {
  console.error(message);
}

/** One progress line: the median, then every run. */
function logCell(name: string, cell: Cell | undefined, unit: string): void {
  const runs = cell?.runs.map((r) => formatRate(r)).join(", ") ?? "";
  const tail = cell?.error !== undefined
    ? `  (${cell.error})`
    : cell?.sameAs !== undefined
    ? `  (workload ${cell.sameAs}'s runs)`
    : `  [${runs}]`;
  log(
    `  ${name.padEnd(16)} ${
      formatRate(cell?.median).padStart(14)
    } ${unit}${tail}`,
  );
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function measure(
  workload: Workload,
  client: BenchClient,
): Promise<number> {
  const start = performance.now();
  const ops = await workload.run(client, 1);
  const seconds = (performance.now() - start) / 1000;
  return ops / seconds;
}

/** Where a client runs the workloads: here, or in a child process. */
export interface Runner {
  /** A warm-up run at `scale`. */
  warm(workload: Workload, scale: number): Promise<void>;
  /** A measured run: operations per second. */
  measure(workload: Workload): Promise<number>;
  close(): Promise<void>;
  pipelineNote: string;
}

function localRunner(client: BenchClient): Runner {
  return {
    async warm(workload, scale) {
      await workload.run(client, scale);
    },
    measure: (workload) => measure(workload, client),
    close: () => client.close(),
    pipelineNote: client.pipelineNote,
  };
}

/**
 * A client in a child process of the same runtime, running this script with
 * `--serve` and `passOn` (counts and client flags): it takes one JSON request
 * per line on stdin and answers with one JSON line on stdout. `label` names
 * it in errors.
 */
export async function childRunner(
  id: ClientId,
  port: number,
  passOn: readonly string[],
  label: string = COLUMN[id],
): Promise<Runner> {
  const self = fileURLToPath(import.meta.url);
  // Bun and Node run the script as it is; Node (24 or later) strips its
  // types without being asked.
  const command = RUNTIME_KIND === "deno" ? ["run", "-A", self] : [self];
  const child = spawn(process.execPath, [
    ...command,
    "--serve",
    id,
    "--port",
    String(port),
    ...passOn,
  ], { stdio: ["pipe", "pipe", "inherit"] });
  const waiting: ((line: string) => void)[] = [];
  let buffered = "";
  let exited: Error | undefined;
  child.stdout!.on("data", (chunk: Uint8Array) => {
    buffered += new TextDecoder().decode(chunk);
    let newline: number;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      waiting.shift()?.(line);
    }
  });
  child.once("exit", (code) => {
    exited = new Error(`the ${label} child process exited (${code})`);
    for (const resolve of waiting.splice(0)) resolve("");
  });
  const next = (): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      if (exited) return reject(exited);
      waiting.push((line) => {
        if (line === "") return reject(exited ?? new Error("no answer"));
        resolve(JSON.parse(line) as Record<string, unknown>);
      });
    });
  const ask = async (request: object): Promise<number> => {
    child.stdin!.write(JSON.stringify(request) + "\n");
    const answer = await next();
    if (typeof answer.error === "string") throw new Error(answer.error);
    return answer.value as number;
  };
  const hello = await next();
  if (typeof hello.error === "string") throw new Error(hello.error);
  return {
    async warm(workload, scale) {
      await ask({ workload: workload.id, scale });
    },
    measure: (workload) => ask({ workload: workload.id, measure: true }),
    async close() {
      child.stdin!.end();
      if (!exited) await new Promise((resolve) => child.once("exit", resolve));
    },
    pipelineNote: String(hello.pipelineNote),
  };
}

/** Child mode: serves workload requests for one client until stdin ends. */
async function serve(id: ClientId, port: number, counts: Counts) {
  const answer = (value: object) => console.log(JSON.stringify(value));
  let client: BenchClient;
  try {
    client = await FACTORIES[id](port);
  } catch (error) {
    answer({ error: errorText(error) });
    return;
  }
  answer({ pipelineNote: client.pipelineNote });
  const byId = new Map(workloads(counts).map((w) => [w.id, w]));
  let buffered = "";
  let queue = Promise.resolve();
  await new Promise<void>((resolve) => {
    const onData = (chunk: Uint8Array) => {
      buffered += new TextDecoder().decode(chunk);
      let newline: number;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const request = JSON.parse(buffered.slice(0, newline)) as {
          workload: number;
          scale?: number;
          measure?: boolean;
        };
        buffered = buffered.slice(newline + 1);
        queue = queue.then(async () => {
          const workload = byId.get(request.workload);
          try {
            if (workload === undefined) throw new Error("unknown workload");
            answer({
              value: request.measure
                ? await measure(workload, client)
                : await workload.run(client, request.scale ?? 1),
            });
          } catch (error) {
            answer({ error: errorText(error) });
          }
        });
      }
    };
    const onEnd = () => queue.then(() => resolve());
    // In Deno, reading stdin through node:process brings in the Node
    // compatibility layer's I/O, which measurably slows every socket of the
    // process; Deno's own stdin stream does not.
    const denoStdin = (globalThis as {
      Deno?: { stdin: { readable: ReadableStream<Uint8Array> } };
    }).Deno?.stdin;
    if (denoStdin !== undefined && RUNTIME_KIND === "deno") {
      (async () => {
        for await (const chunk of denoStdin.readable) onData(chunk);
        onEnd();
      })();
    } else {
      process.stdin.on("data", onData);
      process.stdin.on("end", onEnd);
    }
  });
  await client.close().catch(() => {});
}

// ---------------------------------------------------------------------------
// Output

export function formatRate(value: number | undefined): string {
  if (value === undefined) return "–";
  if (!Number.isFinite(value)) return "failed";
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return value.toLocaleString("en-US", {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  });
}

export function formatRatio(
  a: number | undefined,
  b: number | undefined,
): string {
  if (a === undefined || b === undefined) return "–";
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return "–";
  return `${(a / b).toFixed(2)}×`;
}

/** The table row of `workload`, with no cells yet. */
export function emptyRow<Column extends string, Cell>(
  workload: { id: number; title: string; unit: string },
): {
  workload: number;
  title: string;
  unit: string;
  cells: Partial<Record<Column, Cell>>;
} {
  return {
    workload: workload.id,
    title: workload.title,
    unit: workload.unit,
    cells: {},
  };
}

/** The best finite median of `peers` in `cells`, if any. */
export function bestPeer<Id extends string>(
  cells: Partial<Record<Id, { median: number }>>,
  peers: readonly Id[],
): number | undefined {
  let best: number | undefined;
  for (const id of peers) {
    const value = cells[id]?.median;
    if (value !== undefined && Number.isFinite(value)) {
      best = best === undefined ? value : Math.max(best, value);
    }
  }
  return best;
}

/** A Markdown table: the first column left-aligned, the others right. */
export function markdownTable(
  header: readonly string[],
  body: readonly (readonly string[])[],
): string {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map((_, i) => i === 0 ? "---" : "---:").join("|")}|`,
    ...body.map((cells) => `| ${cells.join(" | ")} |`),
  ].join("\n");
}

/** Writes `data` as JSON to `file` (NaN and Infinity as null), and says so. */
export function writeJson(file: string, data: unknown): void {
  writeFileSync(file, jsonText(data));
  log(`\nWrote ${file}`);
}

/** `data` as the JSON `--json` writes: NaN and Infinity as null. */
function jsonText(data: unknown): string {
  return JSON.stringify(
    data,
    (_key, value) =>
      typeof value === "number" && !Number.isFinite(value) ? null : value,
    2,
  ) + "\n";
}

/** The `version` of a package.json or deno.json, or "". */
export function packageVersion(file: string): string {
  try {
    const version =
      (JSON.parse(readFileSync(file, "utf8")) as { version?: unknown })
        .version;
    return typeof version === "string" ? version : "";
  } catch {
    return "";
  }
}

function table(rows: readonly Row[], columns: readonly Column[]): string {
  const floors = rows.some((row) => row.floor !== undefined);
  const header = [
    "workload",
    ...columns.map((c) => c === "redis-benchmark" ? c : COLUMN[c]),
    ...(floors ? ["bare socket"] : []),
    "respite/best-peer",
    "respite/redis-benchmark",
  ];
  return markdownTable(
    header,
    rows.map((row) => {
      const respite = row.cells.respite?.median;
      return [
        `${row.title}, ${row.unit}`,
        ...columns.map((c) => formatRate(row.cells[c]?.median)),
        ...(floors ? [formatRate(row.floor?.median)] : []),
        formatRatio(respite, bestPeer(row.cells, PEER_IDS)),
        formatRatio(respite, row.cells["redis-benchmark"]?.median),
      ];
    }),
  );
}

// ---------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.serve !== undefined) {
    if (options.port === undefined) fail("--serve needs --port");
    await serve(options.serve, options.port, options.counts);
    return;
  }
  const wantedClients = CLIENT_IDS.filter((id) =>
    options.clients.has(id) && (id !== "bun" || bunGlobal !== undefined)
  );

  const needPeers = wantedClients.some((id) => NPM_PACKAGE[id] !== undefined);
  if (needPeers && !peersInstalled()) {
    if (!options.install || !(await npmInstall()) || !peersInstalled()) {
      log(
        `The peer clients are not installed. From the repository root run:\n` +
          `  ${INSTALL_COMMAND}\n` +
          `(or run with --only respite to leave them out)`,
      );
    }
  }

  const server = await startServer();
  const stopOnSignal = () => {
    server.stop().finally(() => process.exit(130));
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);

  try {
    log(
      `${RUNTIME}, redis-server ${server.version} on 127.0.0.1:${server.port}` +
        `, ${options.runs} run(s) per cell${options.quick ? ", --quick" : ""}`,
    );
    await setUp(server.port, options.counts);

    // Connect every client once; a client that cannot load is left out.
    const clients = new Map<ClientId, Runner>();
    const versions: Record<string, string> = {};
    const skipped: Record<string, string> = {};
    for (const id of wantedClients) {
      try {
        clients.set(
          id,
          options.isolate
            ? await childRunner(id, server.port, options.passOn)
            : localRunner(await FACTORIES[id](server.port)),
        );
        versions[COLUMN[id]] = clientVersion(id);
      } catch (error) {
        const reason = NPM_PACKAGE[id] !== undefined && !peersInstalled(id)
          ? `not installed (run \`${INSTALL_COMMAND}\`)`
          : errorText(error);
        skipped[COLUMN[id]] = reason;
        log(`! ${COLUMN[id]} left out: ${reason}`);
      }
    }

    const columns: Column[] = [...clients.keys()];
    if (options.redisBenchmark) columns.push("redis-benchmark");

    const rows: Row[] = [];
    for (const workload of workloads(options.counts)) {
      if (options.workloads && !options.workloads.has(workload.id)) continue;
      const row: Row = emptyRow(workload);
      rows.push(row);
      log(`\n${workload.id}. ${workload.title}`);
      const live = new Map(clients);
      const fails = new Map<ClientId, string>();
      if (options.warmup) {
        for (const [id, client] of live) {
          try {
            await client.warm(workload, 0.1);
          } catch (error) {
            fails.set(id, errorText(error));
            live.delete(id);
          }
        }
      }
      const rates = new Map<ClientId, number[]>();
      // redis-benchmark and the bare-socket floor take their turns in the
      // same rotation as the clients, so that all of them sample the same
      // moments of a machine whose speed drifts.
      type Turn = ClientId | "redis-benchmark" | "floor";
      const rbRuns: number[] = [];
      let rbError: string | undefined;
      const order: Turn[] = [...live.keys()];
      // The same redis-benchmark command as a workload that already ran.
      const sharedRb = rows.find((r) =>
        r.workload === workload.redisBenchmarkOf
      )
        ?.cells["redis-benchmark"];
      const reuseRb = sharedRb !== undefined &&
        Number.isFinite(sharedRb.median);
      if (options.redisBenchmark && workload.redisBenchmark && !reuseRb) {
        order.push("redis-benchmark");
      }
      /** The workload on a bare socket, once per run. */
      const floor: number[] = [];
      let floorError: string | undefined;
      if (workload.floor && options.floor) order.push("floor");
      for (let run = 0; run < options.runs; run++) {
        // Rotate the order so that no client always goes first.
        for (let i = 0; i < order.length; i++) {
          const id = order[(i + run) % order.length];
          if (id === undefined) continue;
          if (id === "redis-benchmark") {
            if (redisBenchmarkMissing || rbError !== undefined) continue;
            try {
              rbRuns.push(await workload.redisBenchmark!(server.port));
            } catch (e) {
              rbError = errorText(e);
              if (/ENOENT/.test(rbError)) redisBenchmarkMissing = true;
            }
            // Its SET -d may have grown the key its GET reads: put it back.
            await rawCommands(server.port, [[
              "SET",
              "key:__rand_int__",
              SMALL,
            ]]);
            continue;
          }
          if (id === "floor") {
            if (floorError !== undefined) continue;
            try {
              floor.push(await workload.floor!(server.port));
            } catch (error) {
              floorError = errorText(error);
              log(`! runtime floor: ${floorError}`);
            }
            continue;
          }
          const client = live.get(id);
          if (client === undefined) continue;
          try {
            const rate = await client.measure(workload);
            rates.set(id, [...(rates.get(id) ?? []), rate]);
          } catch (error) {
            fails.set(id, errorText(error));
            live.delete(id);
          }
        }
      }
      for (const id of clients.keys()) {
        const runs = rates.get(id) ?? [];
        const error = fails.get(id);
        row.cells[id] = {
          median: error === undefined ? median(runs) : NaN,
          runs,
          ...(error === undefined ? {} : { error }),
        };
        logCell(COLUMN[id], row.cells[id], workload.unit);
      }
      if (order.includes("redis-benchmark")) {
        row.cells["redis-benchmark"] = {
          median: rbError === undefined ? median(rbRuns) : NaN,
          runs: rbRuns,
          ...(rbError === undefined ? {} : { error: rbError }),
        };
        logCell("redis-benchmark", row.cells["redis-benchmark"], workload.unit);
      } else if (reuseRb) {
        row.cells["redis-benchmark"] = {
          ...sharedRb,
          sameAs: workload.redisBenchmarkOf,
        };
        logCell("redis-benchmark", row.cells["redis-benchmark"], workload.unit);
      }
      if (order.includes("floor")) {
        row.floor = {
          median: floorError === undefined ? median(floor) : NaN,
          runs: floor,
          ...(floorError === undefined ? {} : { error: floorError }),
        };
        logCell("runtime floor", row.floor, workload.unit);
      }
    }

    for (const client of clients.values()) {
      await client.close().catch(() => {});
    }

    const notes = [...clients].map(([id, client]) =>
      `${COLUMN[id]}${
        versions[COLUMN[id]] ? ` ${versions[COLUMN[id]]}` : ""
      }:` +
      ` workload 3 via ${client.pipelineNote}`
    );
    console.log(`\n### ${RUNTIME}\n`);
    console.log(table(rows, columns));
    console.log(
      `\nMedian of ${options.runs} run(s); one connection per client${
        options.isolate ? ", each client in a process of its own" : ""
      }; ` +
        `redis-server ${server.version}, redis-benchmark with -c 1.`,
    );
    const floors = rows.filter((row) => row.floor !== undefined);
    if (floors.length > 0) {
      console.log(
        `- bare socket, the runtime's floor: the workload on a bare ${FLOOR_API} socket${
          RUNTIME_KIND === "node"
            ? " (read with onread into a reused buffer)"
            : ""
        }, hand-encoded commands, each reply awaited as bytes and not ` +
          `decoded (no client): what no client on this runtime's socket API can beat`,
      );
    }
    for (const row of floors) {
      const floor = row.floor!;
      const respite = row.cells.respite?.median ?? NaN;
      const limit = row.cells["redis-benchmark"]?.median ?? NaN;
      // A client on this socket API cannot do better than its floor's ratio.
      console.log(
        `  - workload ${row.workload}: ${
          Number.isFinite(floor.median)
            ? `${
              formatRate(floor.median)
            } ${row.unit} (median of ${floor.runs.length})${
              Number.isFinite(limit)
                ? `, ${(floor.median / limit).toFixed(2)}x of redis-benchmark`
                : ""
            }${
              Number.isFinite(respite)
                ? `; respite made ${(respite / floor.median).toFixed(2)}x of it`
                : ""
            }`
            : `failed (${floor.error ?? "no runs"})`
        }`,
      );
    }
    for (const row of rows) {
      const rb = row.cells["redis-benchmark"];
      if (rb?.sameAs === undefined) continue;
      console.log(
        `- workload ${row.workload}: redis-benchmark sends the same as for ` +
          `workload ${rb.sameAs}, whose runs its column reuses`,
      );
    }
    if (rows.some((row) => row.workload === 3)) {
      for (const note of notes) console.log(`- ${note}`);
    }
    for (const [name, reason] of Object.entries(skipped)) {
      console.log(`- ${name} left out: ${reason}`);
    }

    const results = {
      runtime: RUNTIME,
      redisServer: server.version,
      date: new Date().toISOString(),
      runs: options.runs,
      quick: options.quick,
      counts: options.counts,
      clients: versions,
      skipped,
      results: rows,
    };
    if (options.json !== undefined) writeJson(options.json, results);
    if (options.svg !== undefined) {
      // Through JSON, so the chart sees exactly what --json writes.
      const launcher = { deno: "deno run -A", bun: "bun", node: "node" }[
        RUNTIME_KIND
      ];
      writeFileSync(
        options.svg,
        renderChart([JSON.parse(jsonText(results)) as ChartInput], {
          command: `${launcher} bench/bench.ts ${
            process.argv.slice(2).join(" ")
          }`,
        }),
      );
      log(`Wrote ${options.svg}`);
    }
  } finally {
    await server.stop();
  }
}

function clientVersion(id: ClientId): string {
  if (id === "bun") return bunGlobal?.version ?? "";
  return packageVersion(
    id === "respite" ? join(RESPITE_ROOT, "deno.json") : join(
      BENCH_DIR,
      "node_modules",
      NPM_PACKAGE[id] ?? id,
      "package.json",
    ),
  );
}

/**
 * Runs a script's `main` and exits: with 0 when it is done (peer clients can
 * leave timers or threads behind), with 1 after printing what it threw.
 */
export async function runMain(main: () => Promise<void>): Promise<never> {
  try {
    await main();
    process.exit(0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}

// Only as the entry point: bench/ab.ts imports the helpers above.
if (import.meta.main) await runMain(main);
