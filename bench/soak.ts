/**
 * Soak test: one respite client with reconnect on, under steady mixed
 * traffic, while its connection is killed again and again and the server
 * is restarted now and then. Every reply is checked against what the
 * caller could legitimately get back; a reply that belongs to another
 * caller (or is otherwise impossible) counts as a wrong reply and makes the
 * run fail.
 *
 * Not part of the test suite. Runs on Deno (`deno task soak`, or
 * `deno run -A bench/soak.ts`) and on Bun (`deno task soak:bun`, or
 * `bun bench/soak.ts`). It starts its own private redis-server on a free
 * port (see tests/_server.ts) and stops it at the end.
 *
 *   --seconds N      how long the traffic runs (60)
 *   --kill-every N   seconds between disruptions (10); every third one
 *                    restarts the server instead of killing the connection
 *   --workers N      concurrent workers, each with one command in flight (200)
 *
 * Exit code: 0 on success, 1 on a wrong reply or a failed recovery, 2 on
 * bad arguments.
 *
 * @module
 */

import process from "node:process";
import {
  connect,
  ConnectionClosedError,
  type RedisClient,
  ReplyError,
} from "../mod.ts";
import { startServer, type TestServer } from "../tests/_server.ts";

// ---------------------------------------------------------------------------
// Options

interface Options {
  seconds: number;
  killEvery: number;
  workers: number;
  /** The client's commandTimeout in ms; 0 for none. */
  commandTimeout: number;
  /** Run a full GC every 5 s and print the live heap (leak hunting). */
  gc: boolean;
}

const HELP = `Usage: deno run -A bench/soak.ts [options]
       bun bench/soak.ts [options]

  --seconds N      how long the traffic runs (60)
  --kill-every N   seconds between disruptions (10); every third one
                   restarts the server instead of killing the connection
  --workers N      concurrent workers, one command in flight each (200)
  --command-timeout N
                   the client's commandTimeout in ms, 0 for none (5000)
  --gc             run a full GC every 5 s and print the live heap (Deno
                   needs --v8-flags=--expose-gc, which the task passes)
`;

function usage(message: string): never {
  console.error(`${message}\n\n${HELP}`);
  process.exit(2);
}

function parseArgs(args: readonly string[]): Options {
  const options: Options = {
    seconds: 60,
    killEvery: 10,
    workers: 200,
    commandTimeout: 5000,
    gc: false,
  };
  const flags: Record<
    string,
    "seconds" | "killEvery" | "workers" | "commandTimeout"
  > = {
    "--command-timeout": "commandTimeout",
    "--seconds": "seconds",
    "--kill-every": "killEvery",
    "--workers": "workers",
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--help" || arg === "-h") {
      console.log(HELP);
      process.exit(0);
    }
    if (arg === "--gc") {
      options.gc = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const key = flags[flag];
    if (key === undefined) usage(`Unknown argument ${JSON.stringify(arg)}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : args[++i];
    const n = Number(value);
    if (
      !(n > 0 || n === 0 && key === "commandTimeout") || !Number.isFinite(n)
    ) {
      usage(`${flag} needs a positive number, got ${value ?? "nothing"}`);
    }
    options[key] = key === "workers" ? Math.floor(n) : n;
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));

// ---------------------------------------------------------------------------
// Tallies

/** Share of calls made with a very short timeout, to exercise discarding. */
const SHORT_TIMEOUT_SHARE = 0.03;
const RECOVERY_LIMIT_MS = 30_000;
const SHUTDOWN_LIMIT_MS = 20_000;

let done = 0;
const failures = new Map<string, number>();
const wrong: string[] = [];
let wrongCount = 0;
let published = 0;
let received = 0;
let receivedOutOfOrder = 0;
let peakRss = process.memoryUsage().rss;

function countFailure(error: unknown): void {
  const key = failureName(error);
  failures.set(key, (failures.get(key) ?? 0) + 1);
}

function failureName(error: unknown): string {
  if (error instanceof ConnectionClosedError) {
    return `ConnectionClosedError (${error.written ? "written" : "unwritten"})`;
  }
  if (error instanceof ReplyError) return `ReplyError ${error.code}`;
  if (error instanceof Error || error instanceof DOMException) {
    return error.name;
  }
  return `non-error ${typeof error}`;
}

function reportWrong(message: string): void {
  wrongCount++;
  if (wrong.length < 20) wrong.push(message);
}

function preview(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined
    ? String(value)
    : text.length > 80
    ? `${text.slice(0, 80)}... (${text.length} chars)`
    : text;
}

/** Whether the command may have run on the server despite failing. */
function mayHaveRun(error: unknown): boolean {
  if (error instanceof ConnectionClosedError) return error.written;
  if (error instanceof ReplyError) return false;
  // TimeoutError and anything unknown: it may have been sent.
  return true;
}

// ---------------------------------------------------------------------------
// Server restarts wipe the data (no persistence). `wipeEpoch` goes up when a
// restart starts and again when it is over, so a state recorded at an odd
// epoch or at another epoch than the reply's may have been wiped.

let wipeEpoch = 0;

function mayBeWiped(since: number): boolean {
  return since !== wipeEpoch || (since & 1) === 1;
}

// ---------------------------------------------------------------------------
// Values: each encodes its worker, a sequence number and its length, so a
// reply can be checked without keeping the value.

const SIZES = [0, 1, 10, 100, 1000, 4096, 16_384, 65_536];

function randomSize(): number {
  const r = Math.random();
  if (r < 0.05) return 65_536; // some 64 KiB values
  if (r < 0.15) return Math.floor(Math.random() * 16_384);
  return SIZES[Math.floor(Math.random() * 5)]!;
}

const PAD = "abcdefghijklmnopqrstuvwxyz0123456789".repeat(2000);

function makeValue(worker: number, seq: number, size: number): string {
  const head = `w${worker}:s${seq}:n${size}:`;
  const offset = seq % 36;
  return head + PAD.slice(offset, offset + size);
}

/** A possible string value: `undefined` stands for "missing". */
type Possible = { seq: number; size: number } | undefined;

function same(a: Possible, b: Possible): boolean {
  return a === b ||
    a !== undefined && b !== undefined && a.seq === b.seq && a.size === b.size;
}

// ---------------------------------------------------------------------------
// Workers

interface WorkerState {
  id: number;
  seq: number;
  /** What GET of the string key may return. */
  str: Possible[];
  strEpoch: number;
  /** The counter's value is in [lo, hi]. */
  counterLo: number;
  counterHi: number;
  counterEpoch: number;
  /** Possible values per hash field (`undefined`: missing). */
  fields: Map<string, (string | undefined)[]>;
  hashEpoch: number;
  /** The list's length is in [lo, hi]. */
  listLo: number;
  listHi: number;
  listEpoch: number;
  zsetEpoch: number;
}

const HASH_FIELDS = 8;
const ZSET_MEMBERS = 16;
const LIST_TRIM_AT = 200;
const LIST_KEEP = 50;

function key(worker: WorkerState, kind: string): string {
  return `soak:{${worker.id}}:${kind}`;
}

function newWorker(id: number): WorkerState {
  const fields = new Map<string, (string | undefined)[]>();
  for (let i = 0; i < HASH_FIELDS; i++) fields.set(`f${i}`, [undefined]);
  return {
    id,
    seq: 0,
    str: [undefined],
    strEpoch: 0,
    counterLo: 0,
    counterHi: 0,
    counterEpoch: 0,
    fields,
    hashEpoch: 0,
    listLo: 0,
    listHi: 0,
    listEpoch: 0,
    zsetEpoch: 0,
  };
}

type Caller = Pick<
  RedisClient,
  | "set"
  | "get"
  | "incr"
  | "hset"
  | "hgetall"
  | "lpush"
  | "lrange"
  | "ltrim"
  | "zadd"
  | "zrange"
>;

function caller(client: RedisClient): Caller {
  if (Math.random() < SHORT_TIMEOUT_SHARE) {
    return client.withOptions({ timeout: 1 + Math.floor(Math.random() * 20) });
  }
  return client;
}

const OPS = [
  "set",
  "get",
  "incr",
  "hset",
  "hgetall",
  "lpush",
  "lrange",
  "zadd",
  "zrange",
] as const;

async function step(client: RedisClient, w: WorkerState): Promise<void> {
  const op = OPS[Math.floor(Math.random() * OPS.length)]!;
  const c = caller(client);
  const seq = ++w.seq;
  try {
    switch (op) {
      case "set": {
        const size = randomSize();
        const value = makeValue(w.id, seq, size);
        const possible = { seq, size };
        let reply: unknown;
        try {
          reply = await c.set(key(w, "str"), value);
        } catch (error) {
          if (mayHaveRun(error)) w.str.push(possible);
          throw error;
        }
        if (reply !== "OK") reportWrong(`SET replied ${preview(reply)}`);
        w.str = [possible];
        w.strEpoch = wipeEpoch;
        break;
      }
      case "get": {
        const reply = await c.get(key(w, "str"));
        let got: Possible;
        if (reply === null) {
          got = undefined;
        } else {
          const match = /^w(\d+):s(\d+):n(\d+):/.exec(reply);
          if (
            match === null ||
            Number(match[1]) !== w.id ||
            reply !== makeValue(w.id, Number(match[2]), Number(match[3]))
          ) {
            reportWrong(`GET by worker ${w.id} returned ${preview(reply)}`);
            break;
          }
          got = { seq: Number(match[2]), size: Number(match[3]) };
        }
        const ok = w.str.some((p) => same(p, got)) ||
          got === undefined && mayBeWiped(w.strEpoch);
        if (!ok) {
          reportWrong(
            `GET by worker ${w.id} returned ${
              preview(reply)
            }, expected one of ${JSON.stringify(w.str)}`,
          );
        }
        w.str = [got];
        w.strEpoch = wipeEpoch;
        break;
      }
      case "incr": {
        let reply: number | bigint;
        try {
          reply = await c.incr(key(w, "counter"));
        } catch (error) {
          if (mayHaveRun(error)) w.counterHi++;
          throw error;
        }
        const n = Number(reply);
        const ok = n >= w.counterLo + 1 && n <= w.counterHi + 1 ||
          mayBeWiped(w.counterEpoch) && n >= 1 && n <= w.counterHi + 1;
        if (!ok) {
          reportWrong(
            `INCR by worker ${w.id} returned ${
              preview(String(reply))
            }, expected ${w.counterLo + 1}..${w.counterHi + 1}`,
          );
        }
        w.counterLo = w.counterHi = n;
        w.counterEpoch = wipeEpoch;
        break;
      }
      case "hset": {
        const field = `f${seq % HASH_FIELDS}`;
        const value = makeValue(
          w.id,
          seq,
          Math.floor(Math.random() * 2000),
        );
        const possible = w.fields.get(field)!;
        let reply: number;
        try {
          reply = await c.hset(key(w, "hash"), { [field]: value });
        } catch (error) {
          if (mayHaveRun(error)) possible.push(value);
          throw error;
        }
        const wasMissing = possible.includes(undefined) ||
          mayBeWiped(w.hashEpoch);
        const wasPresent = possible.some((p) => p !== undefined);
        if (
          !(reply === 1 && wasMissing || reply === 0 && wasPresent)
        ) {
          reportWrong(
            `HSET by worker ${w.id} replied ${preview(reply)}`,
          );
        }
        w.fields.set(field, [value]);
        if (mayBeWiped(w.hashEpoch)) {
          // The other fields may be gone.
          for (const [name, values] of w.fields) {
            if (name !== field && !values.includes(undefined)) {
              values.push(undefined);
            }
          }
        }
        w.hashEpoch = wipeEpoch;
        break;
      }
      case "hgetall": {
        const reply = await c.hgetall(key(w, "hash"));
        if (typeof reply !== "object" || reply === null) {
          reportWrong(`HGETALL by worker ${w.id} returned ${preview(reply)}`);
          break;
        }
        const wiped = mayBeWiped(w.hashEpoch);
        for (const name of Object.keys(reply)) {
          if (!w.fields.has(name)) {
            reportWrong(
              `HGETALL by worker ${w.id} returned field ${preview(name)}`,
            );
          }
        }
        for (const [name, values] of w.fields) {
          const got = reply[name];
          if (
            !values.includes(got) && !(got === undefined && wiped)
          ) {
            reportWrong(
              `HGETALL by worker ${w.id}: field ${name} = ${preview(got)}`,
            );
          }
          w.fields.set(name, [got]);
        }
        w.hashEpoch = wipeEpoch;
        break;
      }
      case "lpush": {
        const value = makeValue(w.id, seq, Math.floor(Math.random() * 1000));
        let reply: number;
        try {
          reply = await c.lpush(key(w, "list"), value);
        } catch (error) {
          if (mayHaveRun(error)) w.listHi++;
          throw error;
        }
        const ok = reply >= w.listLo + 1 && reply <= w.listHi + 1 ||
          mayBeWiped(w.listEpoch) && reply >= 1 && reply <= w.listHi + 1;
        if (!ok) {
          reportWrong(
            `LPUSH by worker ${w.id} returned ${reply}, expected ${
              w.listLo + 1
            }..${w.listHi + 1}`,
          );
        }
        w.listLo = w.listHi = reply;
        w.listEpoch = wipeEpoch;
        if (reply > LIST_TRIM_AT) {
          try {
            const trimmed = await client.ltrim(
              key(w, "list"),
              0,
              LIST_KEEP - 1,
            );
            if (trimmed !== "OK") {
              reportWrong(`LTRIM replied ${preview(trimmed)}`);
            }
            w.listLo = w.listHi = LIST_KEEP;
          } catch (error) {
            if (mayHaveRun(error)) w.listLo = Math.min(w.listLo, LIST_KEEP);
            throw error;
          } finally {
            done++;
          }
        }
        break;
      }
      case "lrange": {
        const reply = await c.lrange(key(w, "list"), 0, 9);
        if (!Array.isArray(reply)) {
          reportWrong(`LRANGE by worker ${w.id} returned ${preview(reply)}`);
          break;
        }
        let previous = Infinity;
        for (const item of reply) {
          const match = typeof item === "string"
            ? /^w(\d+):s(\d+):n(\d+):/.exec(item)
            : null;
          const itemSeq = Number(match?.[2]);
          if (
            match === null || Number(match[1]) !== w.id ||
            item !== makeValue(w.id, itemSeq, Number(match[3])) ||
            !(itemSeq < previous)
          ) {
            reportWrong(
              `LRANGE by worker ${w.id} returned item ${preview(item)}`,
            );
            break;
          }
          previous = itemSeq;
        }
        const n = reply.length;
        const wiped = mayBeWiped(w.listEpoch);
        const least = wiped ? 0 : Math.min(w.listLo, 10);
        if (n < least || n > Math.min(w.listHi, 10)) {
          reportWrong(
            `LRANGE by worker ${w.id} returned ${n} items, length was ${w.listLo}..${w.listHi}`,
          );
        }
        if (n < 10) w.listLo = w.listHi = n;
        else if (wiped) w.listLo = 10;
        w.listEpoch = wipeEpoch;
        break;
      }
      case "zadd": {
        const member = `w${w.id}:m${seq % ZSET_MEMBERS}`;
        const reply = await c.zadd(key(w, "zset"), [{ score: seq, member }]);
        if (reply !== 0 && reply !== 1) {
          reportWrong(`ZADD by worker ${w.id} returned ${preview(reply)}`);
        }
        break;
      }
      case "zrange": {
        const reply = await c.zrange(key(w, "zset"), 0, -1);
        if (!Array.isArray(reply) || reply.length > ZSET_MEMBERS) {
          reportWrong(`ZRANGE by worker ${w.id} returned ${preview(reply)}`);
          break;
        }
        const seen = new Set<string>();
        for (const member of reply) {
          const match = typeof member === "string"
            ? /^w(\d+):m(\d+)$/.exec(member)
            : null;
          if (
            match === null || Number(match[1]) !== w.id ||
            Number(match[2]) >= ZSET_MEMBERS || seen.has(member)
          ) {
            reportWrong(
              `ZRANGE by worker ${w.id} returned member ${preview(member)}`,
            );
            break;
          }
          seen.add(member);
        }
        break;
      }
    }
  } catch (error) {
    if (
      !(error instanceof ConnectionClosedError) &&
      !(error instanceof DOMException && error.name === "TimeoutError")
    ) {
      // A reply error or anything else is unexpected here: show it.
      reportWrong(
        `${op} by worker ${w.id} failed: ${failureName(error)}: ${
          (error as Error)?.message
        }`,
      );
    }
    countFailure(error);
    return;
  } finally {
    done++;
  }
}

async function runWorker(
  client: RedisClient,
  id: number,
  until: () => boolean,
): Promise<void> {
  const w = newWorker(id);
  while (!until()) {
    await step(client, w);
  }
}

// ---------------------------------------------------------------------------
// Pub/sub: the same client publishes numbered messages and receives them on
// its own subscription. Messages may be lost while the connection is down,
// but never duplicated, reordered or mangled.

const CHANNEL = "soak:channel";
let lastReceived = 0;

function onMessage(channel: string, message: string): void {
  received++;
  const match = /^m(\d+)$/.exec(message);
  if (channel !== CHANNEL || match === null) {
    reportWrong(
      `pub/sub message ${preview(message)} on ${preview(channel)}`,
    );
    return;
  }
  const n = Number(match[1]);
  if (n <= lastReceived) receivedOutOfOrder++;
  lastReceived = n;
}

async function runPublisher(
  client: RedisClient,
  until: () => boolean,
): Promise<void> {
  let n = 0;
  while (!until()) {
    try {
      const receivers = await client.publish(CHANNEL, `m${++n}`);
      if (receivers !== 0 && receivers !== 1) {
        reportWrong(`PUBLISH returned ${preview(receivers)}`);
      }
      published++;
    } catch (error) {
      countFailure(error);
    } finally {
      done++;
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

// ---------------------------------------------------------------------------
// Disruptions

interface Disruption {
  kind: "kill" | "restart";
  /** Milliseconds from the disruption to the client's next "ready". */
  recovery: number | undefined;
  killed?: number;
}

function waitForReady(client: RedisClient): {
  promise: Promise<number | undefined>;
  cancel: () => void;
} {
  let cancel!: () => void;
  const promise = new Promise<number | undefined>((resolve) => {
    const onReady = () => {
      cleanup();
      resolve(performance.now());
    };
    const timer = setTimeout(() => {
      cleanup();
      resolve(undefined);
    }, RECOVERY_LIMIT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      client.removeEventListener("ready", onReady);
    };
    cancel = () => {
      cleanup();
      resolve(undefined);
    };
    client.addEventListener("ready", onReady);
  });
  return { promise, cancel };
}

async function disrupt(
  n: number,
  client: RedisClient,
  admin: RedisClient,
  server: TestServer,
): Promise<Disruption> {
  const ready = waitForReady(client);
  const start = performance.now();
  if (n % 3 === 0) {
    wipeEpoch++;
    try {
      await server.restart!();
    } finally {
      wipeEpoch++;
    }
    const at = await ready.promise;
    return {
      kind: "restart",
      recovery: at === undefined ? undefined : at - start,
    };
  }
  let killed: number;
  try {
    // Under RESP3 a connection with subscriptions counts as "pubsub".
    killed = await admin.clientKill({ type: "normal", skipme: true }) +
      await admin.clientKill({ type: "pubsub", skipme: true });
  } catch (error) {
    ready.cancel();
    console.error(`CLIENT KILL failed: ${failureName(error)}`);
    return { kind: "kill", recovery: undefined, killed: 0 };
  }
  if (killed === 0) {
    ready.cancel();
    return { kind: "kill", recovery: undefined, killed };
  }
  const at = await ready.promise;
  return {
    kind: "kill",
    recovery: at === undefined ? undefined : at - start,
    killed,
  };
}

// ---------------------------------------------------------------------------
// Main

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function withLimit<T>(promise: Promise<T>, ms: number): Promise<T | "late"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Runs a full GC where the runtime allows it; false when it cannot. */
function collectGarbage(): boolean {
  const g = globalThis as {
    Bun?: { gc(force: boolean): void };
    gc?: () => void;
  };
  if (g.Bun !== undefined) {
    g.Bun.gc(true);
    return true;
  }
  if (typeof g.gc === "function") {
    g.gc();
    return true;
  }
  return false;
}

async function main(): Promise<number> {
  const runtime = typeof (globalThis as { Bun?: unknown }).Bun !== "undefined"
    ? `bun ${process.versions.bun}`
    : `deno ${process.versions.deno}`;
  const server = await startServer();
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    server.stop().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  let ticks = 0;
  const rssTimer = setInterval(() => {
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    if (++ticks % 5 === 0) {
      const live = options.gc && collectGarbage()
        ? `, live heap ${mib(process.memoryUsage().heapUsed)}`
        : "";
      console.log(
        `  ${ticks} s: ${done} commands, rss ${mib(memory.rss)}, heap ${
          mib(memory.heapUsed)
        }${live}, status ${client?.status}`,
      );
    }
  }, 1000);

  let client: RedisClient | undefined;
  let admin: RedisClient | undefined;
  const disruptions: Disruption[] = [];
  const events = { error: 0, reconnecting: 0, ready: 0, end: 0 };
  let status = "";
  const shutdownProblems: string[] = [];
  try {
    client = await connect({
      url: server.url,
      ...(options.commandTimeout > 0
        ? { commandTimeout: options.commandTimeout }
        : {}),
    });
    admin = await connect({ url: server.url, clientName: "soak-admin" });
    for (const type of Object.keys(events) as (keyof typeof events)[]) {
      client.addEventListener(type, () => events[type]++);
    }
    const subscription = await client.subscribe([CHANNEL], {
      listener: (message) => onMessage(message.channel, message.message),
    });

    console.log(
      `soak: ${runtime}, redis ${client.server.version} on ${server.url}, ` +
        `${options.seconds} s, ${options.workers} workers, ` +
        `commandTimeout ${options.commandTimeout || "none"}, ` +
        `a disruption every ${options.killEvery} s`,
    );

    const started = performance.now();
    const end = started + options.seconds * 1000;
    const until = () => stopping || performance.now() >= end;
    const workers: Promise<void>[] = [];
    for (let i = 0; i < options.workers; i++) {
      workers.push(runWorker(client, i, until));
    }
    workers.push(runPublisher(client, until));

    const mainClient = client;
    const adminClient = admin;
    const disrupter = (async () => {
      for (let n = 1;; n++) {
        const next = started + n * options.killEvery * 1000;
        if (next >= end - 1000) return;
        await new Promise((resolve) =>
          setTimeout(resolve, Math.max(0, next - performance.now()))
        );
        if (until()) return;
        const d = await disrupt(n, mainClient, adminClient, server);
        disruptions.push(d);
        console.log(
          `  ${
            ((performance.now() - started) / 1000).toFixed(1)
          } s: ${d.kind}` +
            (d.killed !== undefined ? ` (${d.killed} connections)` : "") +
            `, ready after ${
              d.recovery === undefined ? "-" : `${d.recovery.toFixed(0)} ms`
            }; ${done} commands so far`,
        );
      }
    })();

    const finished = await withLimit(
      Promise.all([...workers, disrupter]),
      options.seconds * 1000 + RECOVERY_LIMIT_MS + SHUTDOWN_LIMIT_MS,
    );
    if (finished === "late") shutdownProblems.push("workers did not finish");
    status = client.status;
    await subscription.unsubscribe();
    if (await withLimit(client.close(), SHUTDOWN_LIMIT_MS) === "late") {
      shutdownProblems.push("client.close() did not finish");
      await client.disconnect();
    }
    await admin.close();
  } finally {
    clearInterval(rssTimer);
    client?.disconnect();
    admin?.disconnect();
    await server.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }

  // ---- report
  const finalRss = process.memoryUsage().rss;
  const heapAfterGc = collectGarbage() ? process.memoryUsage().heapUsed : NaN;
  peakRss = Math.max(peakRss, finalRss);
  const kills = disruptions.filter((d) => d.kind === "kill");
  const restarts = disruptions.filter((d) => d.kind === "restart");
  const line = (label: string, value: string | number) =>
    console.log(`${label.padEnd(36)}${value}`);
  const recoveryText = (list: Disruption[]) => {
    const times = list.map((d) => d.recovery).filter((t) =>
      t !== undefined
    ) as number[];
    if (times.length === 0) return "-";
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    const max = Math.max(...times);
    const missing = list.length - times.length;
    return `mean ${mean.toFixed(0)} ms, max ${max.toFixed(0)} ms` +
      (missing > 0 ? ` (${missing} never ready)` : "");
  };

  console.log("");
  console.log(`soak summary (${runtime})`);
  line("commands done", done);
  line("commands per second", (done / options.seconds).toFixed(0));
  const failed = [...failures.values()].reduce((a, b) => a + b, 0);
  line("failures", failed);
  for (const [name, count] of [...failures].sort((a, b) => b[1] - a[1])) {
    line(`  ${name}`, count);
  }
  line("wrong replies", wrongCount);
  for (const text of wrong) console.log(`  ${text}`);
  line("kills", kills.length);
  line("  recovery (kill -> ready)", recoveryText(kills));
  line("restarts", restarts.length);
  line("  recovery (restart->ready)", recoveryText(restarts));
  line("  all disruptions", recoveryText(disruptions));
  line(
    "client events",
    Object.entries(events).map(([k, v]) => `${k} ${v}`).join(", "),
  );
  line("status at the end", status);
  line("messages published", published);
  line("messages received", received);
  line("  out of order/duplicate", receivedOutOfOrder);
  line("peak RSS", mib(peakRss));
  line("final RSS", mib(finalRss));
  line(
    "heap after a full GC",
    Number.isNaN(heapAfterGc)
      ? "- (run deno with --v8-flags=--expose-gc)"
      : mib(heapAfterGc),
  );
  for (const problem of shutdownProblems) line("problem", problem);

  const neverReady =
    disruptions.filter((d) => d.recovery === undefined && d.killed !== 0)
      .length;
  const ok = wrongCount === 0 && receivedOutOfOrder === 0 &&
    neverReady === 0 && shutdownProblems.length === 0;
  console.log(ok ? "OK" : "FAILED");
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
