/**
 * Redis Cluster throughput: respite's cluster client against npm:redis
 * (node-redis) `createCluster`, ioredis `Cluster` and Valkey GLIDE
 * `GlideClusterClient`.
 *
 * Runs on Deno (`deno run -A bench/cluster.ts`), Bun (`bun
 * bench/cluster.ts`) and Node.js 24 or later (`node bench/cluster.ts`). It
 * starts a private cluster of 3 masters and no replicas with the test
 * helper (tests/_cluster.ts) on free loopback ports, and stops it at the
 * end; it never uses a server that is already running.
 *
 * Every client runs in this process (unlike bench/bench.ts). The order of
 * the clients rotates from run to run, and each cell is the median of
 * `--runs` measured runs after a warm-up at a tenth of the count.
 *
 * redis-benchmark in cluster mode (`--cluster`), run as a child process in
 * the same rotation, is the limit of workloads 1 and 2, as in bench.ts;
 * workload 3 has no redis-benchmark equivalent (see `workloads`).
 *
 * @module
 */

import { join } from "node:path";
import process from "node:process";
import { connectCluster } from "../src/cluster/client.ts";
import { startCluster, type TestCluster } from "../tests/_cluster.ts";
import {
  baseOptions,
  BENCH_DIR,
  bestPeer,
  check,
  clientChoice,
  commonFlag,
  type Counts,
  eachFlag,
  emptyRow,
  errorText,
  formatRate,
  formatRatio,
  FULL,
  log,
  markdownTable,
  median,
  packageVersion,
  peerModule,
  positiveInt,
  QUICK,
  redisBenchmark,
  redisBenchmarkArgs,
  runMain,
  RUNTIME,
  sameTickSets,
  scaled,
  writeJson,
} from "./bench.ts";

// ---------------------------------------------------------------------------
// Options

/** Masters of the private cluster (no replicas). */
const MASTERS = 3;

/** The counts of this section, on top of bench.ts's (which it reuses). */
interface ClusterCounts {
  /** Random keys set before the workloads, spread over all slots. */
  keys: number;
  /** Workload 1: GETs in total. */
  gets: number;
  /** Workload 1: concurrent workers. */
  inflight: number;
  /** Workload 2: pipelines, one after another. */
  pipelines: number;
  /** Workload 2: SETs per pipeline. */
  pipelineSize: number;
  /** Workload 3: MGET calls, one after another. */
  mgets: number;
  /** Workload 3: keys per MGET. */
  mgetKeys: number;
}

const FULL_COUNTS: ClusterCounts = {
  keys: 10_000,
  gets: 200_000,
  inflight: 500,
  pipelines: 200,
  pipelineSize: 1000,
  mgets: 5_000,
  mgetKeys: 100,
};

const QUICK_COUNTS: ClusterCounts = {
  ...FULL_COUNTS,
  gets: 20_000,
  pipelines: 20,
  mgets: 500,
};

const CLIENT_IDS = ["respite", "redis", "ioredis", "glide"] as const;
type ClientId = typeof CLIENT_IDS[number];
const COLUMN: Record<ClientId, string> = {
  respite: "respite",
  redis: "npm:redis",
  ioredis: "ioredis",
  glide: "GLIDE",
};
const PEER_IDS = ["redis", "ioredis", "glide"] as const;
const NPM_PACKAGE: Record<ClientId, string> = {
  respite: "",
  redis: "redis",
  ioredis: "ioredis",
  glide: "@valkey/valkey-glide",
};

/** The redis-benchmark column and its name in `--only`/`--skip` lists. */
const RB = "redis-benchmark";
type Column = ClientId | typeof RB;

interface Options {
  counts: ClusterCounts;
  quick: boolean;
  runs: number;
  warmup: boolean;
  json: string | undefined;
  clients: ClientId[];
  /** Also run redis-benchmark (workloads 1 and 2). */
  redisBenchmark: boolean;
  ioredisAuto: boolean;
}

const HELP = `Usage: deno run -A bench/cluster.ts [options]
       bun bench/cluster.ts [options]
       node bench/cluster.ts [options]      (Node.js 24 or later)

Starts a private 3-master Redis Cluster (no replicas) and times respite's
cluster client against npm:redis, ioredis and Valkey GLIDE, all in this
process, with redis-benchmark --cluster (workloads 1 and 2) as the limit.

  --quick             smaller counts, for a fast run
  --runs N            measured runs per client and workload; median is shown (3)
  --only LIST         comma list of: respite, redis (or node-redis), ioredis,
                      glide (or valkey-glide), peers (= redis,ioredis,glide),
                      redis-benchmark (or rb)
  --skip LIST         the same names, left out
  --json FILE         also write the results as JSON to FILE
  --no-warmup         skip the warm-up pass
  --no-ioredis-auto-pipeline
                      ioredis without enableAutoPipelining (on by default here)
  --keys N            random keys set first, over all slots (${FULL_COUNTS.keys})
  --gets N            workload 1: GETs in total (${FULL_COUNTS.gets})
  --inflight N        workload 1: concurrent workers (${FULL_COUNTS.inflight})
  --pipelines N       workload 2: pipelines (${FULL_COUNTS.pipelines})
  --pipeline-size N   workload 2: SETs per pipeline (${FULL_COUNTS.pipelineSize})
  --mgets N           workload 3: MGET calls (${FULL_COUNTS.mgets})
  --mget-keys N       workload 3: keys per MGET (${FULL_COUNTS.mgetKeys})
`;

const OWN_COUNT_FLAGS: Record<string, keyof ClusterCounts> = {
  "--keys": "keys",
  "--gets": "gets",
  "--mgets": "mgets",
  "--mget-keys": "mgetKeys",
};

function parseArgs(args: readonly string[]): Options {
  const quick = args.includes("--quick");
  const counts: ClusterCounts = { ...(quick ? QUICK_COUNTS : FULL_COUNTS) };
  // bench.ts's count flags land in `shared`; --inflight, --pipelines and
  // --pipeline-size are taken from there, the others do not apply here.
  const shared: Counts = { ...(quick ? QUICK : FULL) };
  const given: string[] = [];
  const options: Options = {
    ...baseOptions(counts, quick),
    clients: [...CLIENT_IDS],
    redisBenchmark: true,
    ioredisAuto: true,
  };
  const choice = clientChoice<ClientId | typeof RB>(
    [...CLIENT_IDS, RB],
    PEER_IDS,
    HELP,
    new Map([["rb", RB]]),
  );
  eachFlag(args, shared, given, HELP, (flag, value) => {
    const own = OWN_COUNT_FLAGS[flag];
    if (own !== undefined) {
      counts[own] = positiveInt(flag, value());
      return true;
    }
    if (flag === "--no-ioredis-auto-pipeline") {
      options.ioredisAuto = false;
      return true;
    }
    return commonFlag(flag, value, options) || choice.flag(flag, value);
  });
  if (given.includes("--inflight")) counts.inflight = shared.inflight;
  if (given.includes("--pipelines")) counts.pipelines = shared.pipelines;
  if (given.includes("--pipeline-size")) {
    counts.pipelineSize = shared.pipelineSize;
  }
  options.clients = CLIENT_IDS.filter(choice.wanted);
  options.redisBenchmark = choice.wanted(RB);
  return options;
}

// ---------------------------------------------------------------------------
// Clients

/** What the workloads need from a cluster client. */
interface ClusterBenchClient {
  get(key: string): Promise<unknown>;
  /** One SET per key, sent the client's way (see `notes.pipeline`). */
  pipelineSet(keys: readonly string[], value: string): Promise<void>;
  /** The values of `keys`, whatever their slots (see `notes.mget`). */
  mget(keys: readonly string[]): Promise<unknown[]>;
  close(): Promise<void>;
  /** The call of each workload, for the notes. */
  notes: Record<1 | 2 | 3, string>;
}

function isCrossSlot(error: unknown): boolean {
  return /CROSSSLOT|same slot/i.test(
    error instanceof Error ? error.message : String(error),
  );
}

/**
 * Probes `mget` once with keys of several slots: if it throws CROSSSLOT,
 * the client cannot send a cross-slot MGET, and the bench falls back to
 * `Promise.all` of GETs.
 */
async function crossSlotMget(
  mget: (keys: string[]) => Promise<unknown[]>,
  probe: readonly string[],
): Promise<boolean> {
  try {
    const reply = await mget([...probe]);
    return Array.isArray(reply) && reply.length === probe.length;
  } catch (error) {
    if (isCrossSlot(error)) return false;
    throw error;
  }
}

async function allGets(
  get: (key: string) => Promise<unknown>,
  keys: readonly string[],
): Promise<unknown[]> {
  const replies: Promise<unknown>[] = [];
  for (const key of keys) replies.push(get(key));
  return await Promise.all(replies);
}

/** The commands of a client that batches same-tick calls on its own. */
interface SameTickCommands {
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  mget(keys: string[]): Promise<unknown[]>;
}

/**
 * The workloads of a client with no cluster pipeline to use: a SET per key
 * in one tick for workload 2, and for workload 3 its MGET where that takes
 * keys of several slots (`native`), else a GET per key.
 */
async function sameTickClient(
  ctx: Context,
  commands: SameTickCommands,
  close: () => Promise<void>,
  notes: (native: boolean) => ClusterBenchClient["notes"],
): Promise<ClusterBenchClient> {
  const get = (key: string) => commands.get(key);
  const native = await crossSlotMget((keys) => commands.mget(keys), ctx.probe);
  return {
    get,
    pipelineSet: (keys, value) =>
      sameTickSets((key, v) => commands.set(key, v), keys, value),
    mget: native
      ? (keys) => commands.mget([...keys])
      : (keys) => allGets(get, keys),
    close,
    notes: notes(native),
  };
}

interface Context {
  cluster: TestCluster;
  /** Keys of many slots, for the cross-slot probes. */
  probe: readonly string[];
  ioredisAuto: boolean;
}

// respite ------------------------------------------------------------------

async function respiteCluster(ctx: Context): Promise<ClusterBenchClient> {
  const client = await connectCluster({ nodes: ctx.cluster.seeds });
  return {
    get: (key) => client.get(key),
    async pipelineSet(keys, value) {
      const pipeline = client.pipeline();
      for (const key of keys) pipeline.set(key, value);
      await pipeline.exec();
    },
    mget: (keys) => client.mget(...keys),
    close: () => client.close(),
    notes: {
      1: "get(key)",
      2: "pipeline().set(k, v)… .exec() (routes each command by slot, " +
        "one batch per node)",
      3: "mget(...keys) (split by slot inside, replies put back in order)",
    },
  };
}

// node-redis ---------------------------------------------------------------

interface NodeRedisCluster {
  on(event: "error", listener: (error: unknown) => void): NodeRedisCluster;
  connect(): Promise<unknown>;
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  mGet(keys: string[]): Promise<unknown[]>;
  close?(): Promise<void>;
  quit?(): Promise<unknown>;
}
interface NodeRedisModule {
  createCluster(
    options: { rootNodes: { url: string }[] },
  ): NodeRedisCluster;
}

async function nodeRedisCluster(ctx: Context): Promise<ClusterBenchClient> {
  const specifier = "redis";
  const mod = await import(specifier) as Partial<NodeRedisModule>;
  if (typeof mod.createCluster !== "function") {
    throw new Error("redis does not export createCluster()");
  }
  const client = mod.createCluster({
    rootNodes: ctx.cluster.seeds.map((url) => ({ url })),
  });
  client.on("error", (error) => console.error("npm:redis error:", error));
  await client.connect();
  return await sameTickClient(
    ctx,
    {
      get: (key) => client.get(key),
      set: (key, value) => client.set(key, value),
      mget: (keys) => client.mGet(keys),
    },
    async () => {
      if (client.close) await client.close();
      else await client.quit?.();
    },
    (native) => ({
      1: "get(key)",
      2: "Promise.all of 1000 set(k, v) (auto-pipelined per node: same-tick " +
        "commands to one node go out in one write)",
      3: native
        ? "mGet(keys) (splits a cross-slot MGET per slot, from the command's " +
          "key specs)"
        : "Promise.all of get(key) per key (mGet(keys) of keys in several " +
          "slots fails with CROSSSLOT)",
    }),
  );
}

// ioredis ------------------------------------------------------------------

interface IoRedisCluster {
  on(event: "error", listener: (error: unknown) => void): IoRedisCluster;
  connect(): Promise<void>;
  get(key: string): Promise<unknown>;
  set(key: string, value: string): Promise<unknown>;
  mget(keys: string[]): Promise<unknown[]>;
  disconnect(): void;
}
interface IoRedisModule {
  Cluster: new (
    nodes: { host: string; port: number }[],
    options: { lazyConnect: boolean; enableAutoPipelining: boolean },
  ) => IoRedisCluster;
}

async function ioRedisCluster(ctx: Context): Promise<ClusterBenchClient> {
  const Cluster = (await peerModule<IoRedisModule>("ioredis", "Cluster"))
    ?.Cluster;
  if (typeof Cluster !== "function") {
    throw new Error("ioredis does not export Cluster");
  }
  const client = new Cluster(
    ctx.cluster.masters().map(({ host, port }) => ({ host, port })),
    { lazyConnect: true, enableAutoPipelining: ctx.ioredisAuto },
  );
  client.on("error", (error) => console.error("ioredis error:", error));
  await client.connect();
  const auto = ctx.ioredisAuto
    ? "enableAutoPipelining on: same-tick commands grouped per node"
    : "enableAutoPipelining off: every command written on its own";
  return await sameTickClient(
    ctx,
    {
      get: (key) => client.get(key),
      set: (key, value) => client.set(key, value),
      mget: (keys) => client.mget(keys),
    },
    () => {
      client.disconnect();
      return Promise.resolve();
    },
    (native) => ({
      1: `get(key) (${auto})`,
      2: `Promise.all of 1000 set(k, v) (${auto}); its cluster pipeline() ` +
        "needs every key in one slot, so it cannot run this workload",
      3: native
        ? `mget(keys) (${auto})`
        : `Promise.all of get(key) per key (${auto}; mget(keys) of keys in ` +
          "several slots fails with CROSSSLOT)",
    }),
  );
}

// Valkey GLIDE -------------------------------------------------------------

interface GlideClusterBatch {
  set(key: string, value: string): GlideClusterBatch;
}
interface GlideCluster {
  get(key: string): Promise<unknown>;
  mget(keys: string[]): Promise<unknown[]>;
  exec(
    batch: GlideClusterBatch,
    raiseOnError: boolean,
  ): Promise<unknown[] | null>;
  close(): void;
}
interface GlideModule {
  GlideClusterClient: {
    createClient(options: {
      addresses: { host: string; port: number }[];
      requestTimeout: number;
    }): Promise<GlideCluster>;
  };
  /** A cluster batch: atomic when `isAtomic`, else a multi-slot pipeline. */
  ClusterBatch: new (isAtomic: boolean) => GlideClusterBatch;
}

async function glideCluster(ctx: Context): Promise<ClusterBenchClient> {
  const mod = await peerModule<GlideModule>(
    "@valkey/valkey-glide",
    "GlideClusterClient",
  );
  const Glide = mod?.GlideClusterClient;
  const ClusterBatch = mod?.ClusterBatch;
  if (Glide === undefined || typeof ClusterBatch !== "function") {
    throw new Error(
      "@valkey/valkey-glide exports no GlideClusterClient or ClusterBatch",
    );
  }
  const client = await Glide.createClient({
    addresses: ctx.cluster.masters().map(({ host, port }) => ({ host, port })),
    // Its default, 250 ms per command, is too short on a busy 2-core box.
    requestTimeout: 10_000,
  });
  return {
    get: (key) => client.get(key),
    async pipelineSet(keys, value) {
      const batch = new ClusterBatch(false);
      for (const key of keys) batch.set(key, value);
      await client.exec(batch, true);
    },
    mget: (keys) => client.mget([...keys]),
    close() {
      client.close();
      return Promise.resolve();
    },
    notes: {
      1: "get(key)",
      2: "exec(new ClusterBatch(false) with 1000 set(k, v), true) (a " +
        "non-atomic batch: split per node by the core)",
      3: "mget(keys) (the core splits a cross-slot MGET per slot)",
    },
  };
}

const FACTORIES: Record<
  ClientId,
  (ctx: Context) => Promise<ClusterBenchClient>
> = {
  respite: respiteCluster,
  redis: nodeRedisCluster,
  ioredis: ioRedisCluster,
  glide: glideCluster,
};

function clientVersion(id: ClientId): string {
  return packageVersion(
    id === "respite"
      ? join(BENCH_DIR, "..", "deno.json")
      : join(BENCH_DIR, "node_modules", NPM_PACKAGE[id], "package.json"),
  );
}

// ---------------------------------------------------------------------------
// Workloads

const VALUE = "cluster-bench-value";

interface Workload {
  id: 1 | 2 | 3;
  title: string;
  unit: string;
  /** Runs the workload at `scale` of its count; resolves to operations. */
  run(client: ClusterBenchClient, scale: number): Promise<number>;
  /** redis-benchmark doing the same, or why it cannot (see `RB_NOTE`). */
  redisBenchmark: RbPlan | string;
}

/**
 * The workloads. redis-benchmark mirrors 1 and 2 with one connection per
 * master and `-P` commands per connection, so that as many commands are in
 * flight as in the workload (see `clusterRb`), but not 3.
 */
function workloads(counts: ClusterCounts, keys: readonly string[]): Workload[] {
  const randomKey = () => keys[(Math.random() * keys.length) | 0]!;
  const randomKeys = (n: number) => Array.from({ length: n }, randomKey);
  const getsRb = clusterRb("GET", counts.gets, counts.inflight, counts.keys);
  const setsRb = clusterRb(
    "SET",
    counts.pipelines * counts.pipelineSize,
    counts.pipelineSize,
    counts.keys,
  );
  const whole = MASTERS * counts.pipelineSize;
  return [
    {
      id: 1,
      title: `${counts.inflight} concurrent GETs (${counts.gets} in all)`,
      unit: "ops/s",
      async run(client, scale) {
        const n = scaled(counts.gets, scale);
        let next = 0;
        let wrong = 0;
        const worker = async () => {
          while (next < n) {
            next++;
            if (await client.get(randomKey()) !== VALUE) wrong++;
          }
        };
        await Promise.all(Array.from({ length: counts.inflight }, worker));
        check(wrong === 0, `${wrong} GET(s) did not give the value`);
        return n;
      },
      redisBenchmark: {
        ...getsRb,
        why: `${inFlight(getsRb)} GETs in flight for the ${counts.inflight} ` +
          `workers, ${counts.keys} random keys per master (-r), set ` +
          `beforehand to values as long as the clients' (see below) so that ` +
          `its GETs hit as theirs do`,
      },
    },
    {
      id: 2,
      title: `pipelines of ${counts.pipelineSize} SETs (${counts.pipelines})`,
      unit: "ops/s",
      async run(client, scale) {
        const n = scaled(counts.pipelines, scale);
        for (let i = 0; i < n; i++) {
          await client.pipelineSet(randomKeys(counts.pipelineSize), VALUE);
        }
        return n * counts.pipelineSize;
      },
      redisBenchmark: {
        ...setsRb,
        why: `${inFlight(setsRb)} SETs in flight for a batch of ` +
          `${counts.pipelineSize} that the clients split over ${MASTERS} ` +
          `masters (-P ${counts.pipelineSize} would put ${whole} in flight), ` +
          `${counts.keys} random keys per master (-r), ${VALUE.length}-byte ` +
          `values (-d) as the clients'`,
      },
    },
    {
      id: 3,
      title: `cross-slot MGET of ${counts.mgetKeys} keys (${counts.mgets})`,
      unit: "calls/s",
      async run(client, scale) {
        const n = scaled(counts.mgets, scale);
        let reply: unknown[] = [];
        for (let i = 0; i < n; i++) {
          reply = await client.mget(randomKeys(counts.mgetKeys));
        }
        check(
          reply.length === counts.mgetKeys && reply.every((v) => v === VALUE),
          "MGET",
        );
        return n;
      },
      redisBenchmark: "none: the clients split one cross-slot MGET per slot " +
        "and put the replies back together, and no redis-benchmark command " +
        "does that: the server refuses an MGET of keys in several slots " +
        "(CROSSSLOT), and redis-benchmark --cluster gives every key of a " +
        "command its connection's one slot, so its MGET would be a " +
        "single-slot MGET on one node",
    },
  ];
}

/** `count` random keys, which land in slots all over the key space. */
function makeKeys(count: number): string[] {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    keys.push(`cb:${i}:${Math.random().toString(36).slice(2, 10)}`);
  }
  return keys;
}

/** The key count (DBSIZE) of each master. */
async function dbSizes(cluster: TestCluster): Promise<number[]> {
  const sizes: number[] = [];
  for (const master of cluster.masters()) {
    sizes.push(Number(await cluster.command(master, "DBSIZE")));
  }
  return sizes;
}

/** Sets every key (with a client of respite's) and checks the key count. */
async function setUp(cluster: TestCluster, keys: readonly string[]) {
  const client = await connectCluster({ nodes: cluster.seeds });
  try {
    for (let i = 0; i < keys.length; i += 1000) {
      const pipeline = client.pipeline();
      for (const key of keys.slice(i, i + 1000)) pipeline.set(key, VALUE);
      await pipeline.exec();
    }
  } finally {
    await client.close();
  }
  const perNode = await dbSizes(cluster);
  const total = perNode.reduce((a, b) => a + b, 0);
  if (total !== keys.length) {
    throw new Error(`set ${keys.length} keys, the masters hold ${total}`);
  }
  return perNode;
}

// ---------------------------------------------------------------------------
// redis-benchmark

/** The fewest commands of a redis-benchmark run (it times whole ms). */
const RB_MIN_REQUESTS = 1_000_000;

/**
 * What redis-benchmark --cluster does, for the notes: checked against its
 * source (7.0): `--cluster` reads CLUSTER NODES from the given node, puts
 * each connection on one master and gives every key it sends that master's
 * first slot as a `{tag}` (`key:{tag}:NNNNNNNNNNNN`).
 */
const RB_NOTE = `--cluster: each connection goes to one master and every ` +
  `key it sends carries one slot of that master as a {tag}, so it hashes no ` +
  `key and splits no command. --threads 1: one event loop, as a JavaScript ` +
  `process has (in cluster mode it starts one thread per master unless ` +
  `told). ` +
  `-c ${MASTERS}: one connection per master, as each client holds. -P: ` +
  `connections × pipeline ≈ the commands the workload has in flight; a ` +
  `connection sends its -P commands and awaits all their replies before ` +
  `the next batch (lock-step), where workload 1's workers each send their ` +
  `next GET as soon as its reply comes. -n at least ` +
  `${formatRate(RB_MIN_REQUESTS)}, as it times whole milliseconds. A child ` +
  `process, in the same rotation as the clients, no warm-up.`;

/** A redis-benchmark run in cluster mode: `-c clients` and `args`. */
interface RbPlan {
  clients: number;
  /** After `-h -p -c --csv` (see `redisBenchmarkArgs` in bench.ts). */
  args: string[];
  /** `-P`. */
  pipeline: number;
  /** The test whose rate is the cell. */
  test: "GET" | "SET";
  /** Why these arguments, for the notes. */
  why?: string;
}

/**
 * redis-benchmark `--cluster` running `test` on one connection per master,
 * each with its share of `inflight` commands at a time (`-P`), `requests`
 * in all (at least `RB_MIN_REQUESTS`), over `keys` random keys per master.
 * SETs write values as long as `VALUE`.
 */
function clusterRb(
  test: "GET" | "SET",
  requests: number,
  inflight: number,
  keys: number,
): RbPlan {
  const pipeline = Math.max(1, Math.round(inflight / MASTERS));
  return {
    clients: MASTERS,
    pipeline,
    test,
    args: [
      "--cluster",
      "--threads",
      "1",
      "-n",
      String(Math.max(requests, RB_MIN_REQUESTS)),
      "-P",
      String(pipeline),
      "-r",
      String(keys),
      ...(test === "SET" ? ["-d", String(VALUE.length)] : []),
      "-t",
      test.toLowerCase(),
    ],
  };
}

/** The commands `plan` has in flight, as "3 × 167 = 501". */
function inFlight(plan: RbPlan): string {
  return `${plan.clients} × ${plan.pipeline} = ${plan.clients * plan.pipeline}`;
}

/** The command line of `plan` against `port`, for the notes. */
function rbCommand(port: number, plan: RbPlan): string {
  const args = redisBenchmarkArgs(port, plan.args, plan.clients);
  return ["redis-benchmark", ...args].join(" ");
}

/** Runs `plan` against the master on `port`; resolves to its rate. */
async function runRb(port: number, plan: RbPlan): Promise<number> {
  const rps = await redisBenchmark(port, plan.args, plan.clients);
  const rate = rps.get(plan.test);
  if (rate === undefined) {
    throw new Error(`redis-benchmark gave no ${plan.test} rate`);
  }
  return rate;
}

/**
 * Sets redis-benchmark's own keys (`keys` per master, in one slot of each)
 * to values as long as the clients', with enough random SETs to hit nearly
 * every one, so that its GETs in workload 1 read values as the clients' do
 * and not nils. Resolves to the command and the keys it holds now.
 */
async function rbSetUp(
  cluster: TestCluster,
  port: number,
  keys: number,
  clientKeys: number,
): Promise<{ command: string; held: number; wanted: number }> {
  const wanted = MASTERS * keys;
  const plan = clusterRb("SET", 20 * wanted, 1000 * MASTERS, keys);
  await runRb(port, plan);
  const total = (await dbSizes(cluster)).reduce((a, b) => a + b, 0);
  return { command: rbCommand(port, plan), held: total - clientKeys, wanted };
}

// ---------------------------------------------------------------------------
// Output

interface Cell {
  median: number;
  runs: number[];
  error?: string;
}
interface Row {
  workload: number;
  title: string;
  unit: string;
  cells: Partial<Record<Column, Cell>>;
}

function columnName(id: Column): string {
  return id === RB ? RB : COLUMN[id];
}

/** The table, with a redis-benchmark column when `columns` has one. */
function table(rows: readonly Row[], columns: readonly Column[]): string {
  return markdownTable(
    [
      "workload",
      ...columns.map(columnName),
      "respite/best-peer",
      "respite/redis-benchmark",
    ],
    rows.map((row) => [
      `${row.title}, ${row.unit}`,
      ...columns.map((c) => formatRate(row.cells[c]?.median)),
      formatRatio(row.cells.respite?.median, bestPeer(row.cells, PEER_IDS)),
      formatRatio(row.cells.respite?.median, row.cells[RB]?.median),
    ]),
  );
}

// ---------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const { counts } = options;
  log(`${RUNTIME}: starting a ${MASTERS}-master cluster (no replicas)…`);
  const cluster = await startCluster({
    masters: MASTERS,
    replicasPerMaster: 0,
  });
  const stopOnSignal = () => {
    cluster.stop().finally(() => process.exit(130));
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    const version = String(
      await cluster.cli(cluster.masters()[0]!, "INFO", "server"),
    ).match(/redis_version:([\d.]+)/)?.[1] ?? "?";
    const keys = makeKeys(counts.keys);
    const perNode = await setUp(cluster, keys);
    log(
      `redis-server ${version}, masters on ports ${
        cluster.masters().map((m) => m.port).join(", ")
      }; ${keys.length} keys (${perNode.join(" + ")}), ${options.runs} ` +
        `run(s) per cell${options.quick ? ", --quick" : ""}`,
    );
    const ctx: Context = {
      cluster,
      probe: keys.slice(0, 10),
      ioredisAuto: options.ioredisAuto,
    };

    // redis-benchmark finds the other masters from this one.
    const rbPort = cluster.masters()[0]!.port;
    let rbReady: Awaited<ReturnType<typeof rbSetUp>> | undefined;
    let rbError: string | undefined;
    if (options.redisBenchmark) {
      try {
        rbReady = await rbSetUp(cluster, rbPort, counts.keys, keys.length);
        log(
          `redis-benchmark's own keys: ${rbReady.held} of ${rbReady.wanted} ` +
            `set to ${VALUE.length}-byte values`,
        );
      } catch (error) {
        rbError = errorText(error);
        log(`redis-benchmark left out: ${rbError}`);
      }
    }

    const clients = new Map<ClientId, ClusterBenchClient>();
    const versions: Record<string, string> = {};
    const skipped: Record<string, string> = {};
    for (const id of options.clients) {
      try {
        clients.set(id, await FACTORIES[id](ctx));
        versions[COLUMN[id]] = clientVersion(id);
      } catch (error) {
        skipped[COLUMN[id]] = errorText(error);
        log(`${COLUMN[id]} left out: ${errorText(error)}`);
      }
    }
    const columns: Column[] = [...clients.keys()];
    if (options.redisBenchmark) columns.push(RB);

    const list = workloads(counts, keys);
    const rows: Row[] = [];
    for (const workload of list) {
      log(`\nWorkload ${workload.id}: ${workload.title}`);
      const row: Row = emptyRow(workload);
      rows.push(row);
      const rb = typeof workload.redisBenchmark === "string"
        ? undefined
        : workload.redisBenchmark;
      // redis-benchmark takes its turn in the same rotation as the clients,
      // where it has an equivalent.
      const turns = columns.filter((id) => id !== RB || rb !== undefined);
      const runs = new Map<Column, number[]>();
      const errors = new Map<Column, string>();
      for (const id of turns) runs.set(id, []);
      if (rbError !== undefined && rb !== undefined) errors.set(RB, rbError);
      if (options.warmup) {
        for (const [id, client] of clients) {
          try {
            await workload.run(client, 0.1);
          } catch (error) {
            errors.set(id, errorText(error));
          }
        }
      }
      for (let r = 0; r < options.runs; r++) {
        // Rotate the order, so that every client samples each stretch.
        const order = turns.map((_, i) => turns[(i + r) % turns.length]!);
        for (const id of order) {
          if (errors.has(id)) continue;
          try {
            if (id === RB) {
              runs.get(id)!.push(await runRb(rbPort, rb!));
              continue;
            }
            const start = performance.now();
            const ops = await workload.run(clients.get(id)!, 1);
            runs.get(id)!.push(ops / ((performance.now() - start) / 1000));
          } catch (error) {
            errors.set(id, errorText(error));
          }
        }
      }
      for (const id of turns) {
        const error = errors.get(id);
        const values = runs.get(id)!;
        row.cells[id] = {
          median: error === undefined ? median(values) : NaN,
          runs: values,
          ...(error === undefined ? {} : { error }),
        };
        log(
          `  ${columnName(id).padEnd(15)} ${
            formatRate(row.cells[id]!.median).padStart(12)
          } ${workload.unit}  ${
            error === undefined
              ? `[${values.map((v) => formatRate(v)).join(", ")}]`
              : `(${error})`
          }`,
        );
      }
    }

    for (const client of clients.values()) {
      await client.close().catch(() => {});
    }

    console.log(`\n### ${RUNTIME}, Redis Cluster (${MASTERS} masters)\n`);
    console.log(table(rows, columns));
    console.log(
      `\nMedian of ${options.runs} run(s), every client in this process, ` +
        `the order rotating between runs${
          options.redisBenchmark ? " (redis-benchmark's turn too)" : ""
        }; redis-server ${version}, ${MASTERS} masters and no replicas on ` +
        `loopback, ${keys.length} random keys ` +
        `over all slots. Workload 1: ${counts.inflight} workers, each ` +
        `awaiting one GET of a random key after the other. Workload 2: ` +
        `${counts.pipelineSize} SETs of random keys per batch, one batch ` +
        `after the other. Workload 3: MGETs of ${counts.mgetKeys} random ` +
        `keys, one after the other.`,
    );
    for (const [id, client] of clients) {
      const v = versions[COLUMN[id]];
      console.log(`- ${COLUMN[id]}${v ? ` ${v}` : ""}:`);
      for (const w of [1, 2, 3] as const) {
        console.log(`  - workload ${w}: ${client.notes[w]}`);
      }
    }
    if (options.redisBenchmark) {
      console.log(`- ${RB}: ${RB_NOTE}`);
      for (const w of list) {
        const plan = w.redisBenchmark;
        console.log(
          `  - workload ${w.id}: ${
            typeof plan === "string"
              ? plan
              : `\`${rbCommand(rbPort, plan)}\`: ${plan.why}`
          }`,
        );
      }
      if (rbReady !== undefined) {
        console.log(
          `  - its keys for workload 1, first: \`${rbReady.command}\` ` +
            `(${rbReady.held} of ${rbReady.wanted} set)`,
        );
      }
    }
    for (const [name, reason] of Object.entries(skipped)) {
      console.log(`- ${name} left out: ${reason}`);
    }
    if (rbError !== undefined) console.log(`- ${RB} left out: ${rbError}`);

    if (options.json !== undefined) {
      writeJson(options.json, {
        runtime: RUNTIME,
        redisServer: version,
        cluster: { masters: MASTERS, replicasPerMaster: 0 },
        date: new Date().toISOString(),
        runs: options.runs,
        quick: options.quick,
        counts,
        clients: versions,
        notes: Object.fromEntries(
          [...clients].map(([id, c]) => [COLUMN[id], c.notes]),
        ),
        skipped,
        redisBenchmark: options.redisBenchmark
          ? {
            note: RB_NOTE,
            setUp: rbReady ?? null,
            error: rbError ?? null,
            workloads: Object.fromEntries(list.map((w) => {
              const plan = w.redisBenchmark;
              return [
                w.id,
                typeof plan === "string"
                  ? { none: plan }
                  : { command: rbCommand(rbPort, plan), why: plan.why },
              ];
            })),
          }
          : null,
        results: rows,
      });
    }
  } finally {
    await cluster.stop();
  }
}

if (import.meta.main) await runMain(main);
