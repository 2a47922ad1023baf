/**
 * Memory benchmark: peak RSS with many commands in flight, and memory over a
 * long pipelined run, for respite and its peers on the runtime that runs it.
 *
 *   deno run -A bench/memory.ts        (deno task bench:memory)
 *   bun bench/memory.ts                (deno task bench:memory:bun)
 *
 * Each measurement runs in a child process of the same runtime, so one
 * client's garbage never counts against another, against a private
 * redis-server on a free port (started here, stopped at the end).
 *
 * - "in flight": the child connects, warms up, then issues `--inflight`
 *   GETs (100,000 by default) in one go and awaits them all. Reported: RSS
 *   before, the peak RSS (the kernel's high-water mark, VmHWM, which also
 *   covers start-up, so the burst is what raises it) and the time taken.
 * - "steady": the child sends pipelines of 1000 SETs for `--seconds` (30 by
 *   default), forcing a full GC once a second and sampling the heap and RSS.
 *   Reported: the heap after GC in the first and last second, its highest
 *   value, and the slope of a least-squares line through the samples;
 *   "flat" means the slope is within noise (|slope| < 64 KiB/s).
 *
 * Options: --only respite,redis,ioredis,bun  --inflight N  --seconds N
 *
 * @module
 */

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

type ClientId = "respite" | "redis" | "ioredis" | "bun";

const isBun = "Bun" in globalThis;
const runtime = isBun ? "Bun" : "Deno";
const args = process.argv.slice(2);

function option(name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Bytes as MiB with one decimal. */
function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** The kernel's peak RSS of this process (VmHWM), or the current RSS. */
function peakRss(): number {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux.
  }
  return process.memoryUsage().rss;
}

/** Forces a full garbage collection where the runtime allows it. */
function collect(): void {
  const bun = (globalThis as { Bun?: { gc(sync: boolean): void } }).Bun;
  if (bun) {
    bun.gc(true);
    return;
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("Run with --v8-flags=--expose-gc");
  gc();
}

// ---------------------------------------------------------------------------
// The clients, reduced to what the workloads need.

interface Client {
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  pipelineSet(keys: string[], value: string): Promise<unknown>;
  close(): Promise<void>;
}

async function open(id: ClientId, port: number): Promise<Client> {
  if (id === "respite") {
    const specifier = new URL("../mod.ts", import.meta.url).href;
    const { connect } = await import(specifier);
    const client = await connect({ hostname: "127.0.0.1", port });
    return {
      get: (key) => client.get(key),
      set: (key, value) => client.set(key, value),
      pipelineSet(keys, value) {
        const pipeline = client.pipeline();
        for (const key of keys) pipeline.set(key, value);
        return pipeline.exec();
      },
      close: () => client.close(),
    };
  }
  if (id === "redis") {
    const specifier = "redis";
    const { createClient } = await import(specifier);
    const client = createClient({ socket: { host: "127.0.0.1", port } });
    client.on("error", () => {});
    await client.connect();
    return {
      get: (key) => client.get(key),
      set: (key, value) => client.set(key, value),
      pipelineSet(keys, value) {
        const multi = client.multi();
        for (const key of keys) multi.set(key, value);
        return multi.execAsPipeline();
      },
      close: () => client.close ? client.close() : client.quit(),
    };
  }
  if (id === "ioredis") {
    const specifier = "ioredis";
    const mod = await import(specifier);
    const Redis = mod.default ?? mod.Redis;
    const client = new Redis({ host: "127.0.0.1", port, lazyConnect: true });
    client.on("error", () => {});
    await client.connect();
    return {
      get: (key) => client.get(key),
      set: (key, value) => client.set(key, value),
      pipelineSet(keys, value) {
        const pipeline = client.pipeline();
        for (const key of keys) pipeline.set(key, value);
        return pipeline.exec();
      },
      async close() {
        await client.quit();
      },
    };
  }
  const Native = (globalThis as {
    Bun?: {
      RedisClient?: new (url: string) => {
        connect(): Promise<void>;
        get(key: string): Promise<unknown>;
        set(key: string, value: string): Promise<unknown>;
        close(): void;
      };
    };
  }).Bun?.RedisClient;
  if (Native === undefined) throw new Error("Bun.RedisClient is missing");
  const client = new Native(`redis://127.0.0.1:${port}`);
  await client.connect();
  return {
    get: (key) => client.get(key),
    set: (key, value) => client.set(key, value),
    pipelineSet(keys, value) {
      return Promise.all(keys.map((key) => client.set(key, value)));
    },
    close() {
      client.close();
      return Promise.resolve();
    },
  };
}

// ---------------------------------------------------------------------------
// Child: one measurement, one JSON line on stdout.

interface InFlightResult {
  baseRss: number;
  peakRss: number;
  ms: number;
}

interface SteadyResult {
  seconds: number;
  commands: number;
  heap: number[];
  rss: number[];
}

async function child(): Promise<void> {
  const id = option("--child") as ClientId;
  const port = Number(option("--port"));
  const mode = option("--mode");
  const client = await open(id, port);
  await client.set("memory:key", "x".repeat(16));
  if (mode === "inflight") {
    const count = Number(option("--inflight"));
    // Warm up, then settle.
    for (let round = 0; round < 5; round++) {
      const replies: Promise<unknown>[] = [];
      for (let i = 0; i < 1000; i++) replies.push(client.get("memory:key"));
      await Promise.all(replies);
    }
    const baseRss = process.memoryUsage().rss;
    const start = performance.now();
    const replies: Promise<unknown>[] = new Array(count);
    for (let i = 0; i < count; i++) replies[i] = client.get("memory:key");
    const values = await Promise.all(replies);
    const ms = performance.now() - start;
    if (values.length !== count || values[count - 1] !== "x".repeat(16)) {
      throw new Error(`${id}: wrong replies`);
    }
    const result: InFlightResult = { baseRss, peakRss: peakRss(), ms };
    console.log(JSON.stringify(result));
  } else {
    const seconds = Number(option("--seconds"));
    const keys = Array.from({ length: 1000 }, (_, i) => `memory:${i}`);
    const heap: number[] = [];
    const rss: number[] = [];
    let commands = 0;
    const start = performance.now();
    let next = start + 1000;
    while (performance.now() - start < seconds * 1000) {
      await client.pipelineSet(keys, "value");
      commands += keys.length;
      if (performance.now() >= next) {
        collect();
        const usage = process.memoryUsage();
        heap.push(usage.heapUsed);
        rss.push(usage.rss);
        next += 1000;
      }
    }
    const result: SteadyResult = { seconds, commands, heap, rss };
    console.log(JSON.stringify(result));
  }
  await client.close();
  process.exit(0);
}

// ---------------------------------------------------------------------------
// Parent: server, children, table.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<{ port: number; stop(): void }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "respite-memory-"));
  const server = spawn("redis-server", [
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
  ], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    let seen = "";
    server.stdout!.on("data", (chunk: Uint8Array) => {
      seen += new TextDecoder().decode(chunk);
      if (seen.includes("Ready to accept connections")) resolve();
    });
    server.once("exit", (code) => reject(new Error(`redis-server ${code}`)));
  });
  return {
    port,
    stop() {
      server.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function runChild(childArgs: string[]): Promise<string> {
  const self = fileURLToPath(import.meta.url);
  const command = isBun
    ? [process.execPath, self]
    : [process.execPath, "run", "-A", "--v8-flags=--expose-gc", self];
  return new Promise((resolve, reject) => {
    const proc = spawn(command[0]!, [...command.slice(1), ...childArgs], {
      cwd: fileURLToPath(new URL(".", import.meta.url)),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    proc.stdout!.on("data", (chunk: Uint8Array) => {
      out += new TextDecoder().decode(chunk);
    });
    proc.once("exit", (code) => {
      if (code === 0) resolve(out.trim().split("\n").at(-1) ?? "");
      else {reject(
          new Error(`child ${childArgs.join(" ")} exited with ${code}`),
        );}
    });
  });
}

/** Least-squares slope of `values` sampled once a second, per second. */
function slope(values: number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}

async function parent(): Promise<void> {
  const ids = (option("--only")?.split(",") ??
    ["respite", "redis", "ioredis", ...(isBun ? ["bun"] : [])]) as ClientId[];
  const inflight = Number(option("--inflight") ?? 100_000);
  const seconds = Number(option("--seconds") ?? 30);
  const server = await startServer();
  try {
    console.log(
      `## ${runtime} ${
        isBun
          ? (globalThis as unknown as { Bun: { version: string } }).Bun.version
          : (globalThis as unknown as { Deno: { version: { deno: string } } })
            .Deno.version.deno
      }: ${inflight.toLocaleString("en-US")} GETs in flight\n`,
    );
    console.log("| client | RSS before, MiB | peak RSS, MiB | time, ms |");
    console.log("|---|---:|---:|---:|");
    for (const id of ids) {
      try {
        const line = await runChild([
          "--child",
          id,
          "--port",
          String(server.port),
          "--mode",
          "inflight",
          "--inflight",
          String(inflight),
        ]);
        const r = JSON.parse(line) as InFlightResult;
        console.log(
          `| ${id} | ${mib(r.baseRss)} | ${mib(r.peakRss)} | ${
            r.ms.toFixed(0)
          } |`,
        );
      } catch (error) {
        console.log(`| ${id} | failed: ${(error as Error).message} | | |`);
      }
    }
    console.log(
      `\n## ${runtime}: pipelines of 1000 SET for ${seconds} s, heap after a full GC once a second\n`,
    );
    console.log(
      "| client | commands | heap 1st s, MiB | heap last s, MiB | heap max, MiB | heap slope, KiB/s | RSS last, MiB |",
    );
    console.log("|---|---:|---:|---:|---:|---:|---:|");
    for (const id of ids) {
      try {
        const line = await runChild([
          "--child",
          id,
          "--port",
          String(server.port),
          "--mode",
          "steady",
          "--seconds",
          String(seconds),
        ]);
        const r = JSON.parse(line) as SteadyResult;
        console.log(
          `| ${id} | ${r.commands.toLocaleString("en-US")} | ${
            mib(r.heap[0] ?? 0)
          } | ${mib(r.heap.at(-1) ?? 0)} | ${mib(Math.max(...r.heap))} | ${
            (slope(r.heap) / 1024).toFixed(1)
          } | ${mib(r.rss.at(-1) ?? 0)} |`,
        );
      } catch (error) {
        console.log(
          `| ${id} | failed: ${(error as Error).message} | | | | | |`,
        );
      }
    }
  } finally {
    server.stop();
  }
}

if (option("--child") !== undefined) await child();
else await parent();
