/**
 * In-process A/B: two respite source trees in one process, against one
 * private redis-server, each workload run in short slices that alternate
 * between the trees, round after round. Both trees see the same moments of
 * a machine whose speed drifts, so this resolves differences of a few
 * percent that `bench/ab.ts` (a process per tree and round) cannot on a
 * shared machine; `ab.ts` stays the check with nothing shared between the
 * trees.
 *
 *     deno run -A bench/ab_inproc.ts --old /tmp/respite-old --new .
 *     bun bench/ab_inproc.ts --old /tmp/respite-old --new . --rounds 60
 *
 * Prints, per workload, the median time of a slice for each tree, their
 * ratio, and the median of the per-round ratios (new/old speed: above 1 is
 * faster). Comparing a tree with itself shows the noise left.
 *
 * @module
 */

import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  type BenchClient,
  type Counts,
  eachFlag,
  fail,
  FULL,
  median,
  positiveInt,
  respiteClient,
  RUNTIME,
  setUp,
  startServer,
  workloadList,
  workloads,
} from "./bench.ts";

const HELP =
  `Usage: deno run -A bench/ab_inproc.ts --old DIR --new DIR [options]
       bun bench/ab_inproc.ts --old DIR --new DIR [options]

  --old DIR         the baseline tree (mod.ts at its root)
  --new DIR         the tree under test
  --rounds N        alternating rounds; the first 2 are warm-up (30)
  --slice N         each slice is 1/N of the workload's full count (20)
  --workloads LIST  comma list of workload numbers 1-7 (all)
  count flags as in bench/bench.ts --help
`;

const args = (globalThis as { Deno?: { args: string[] } }).Deno?.args ??
  (await import("node:process")).default.argv.slice(2);
const counts: Counts = { ...FULL };
const roots: { old?: string; new?: string } = {};
let rounds = 30;
let slice = 20;
let only: Set<number> | undefined;
eachFlag(args, counts, [], HELP, (flag, value) => {
  switch (flag) {
    case "--old":
    case "--new":
      roots[flag === "--old" ? "old" : "new"] = resolve(value());
      return true;
    case "--rounds":
      rounds = positiveInt(flag, value());
      return true;
    case "--slice":
      slice = positiveInt(flag, value());
      return true;
    case "--workloads":
      only = workloadList(flag, value());
      return true;
  }
  return false;
});
for (const side of ["old", "new"] as const) {
  const dir = roots[side];
  if (dir === undefined) fail(`--${side} is required\n\n${HELP}`);
  if (!existsSync(join(dir, "mod.ts"))) fail(`${dir}/mod.ts not found`);
}

const WARMUP = 2;
const server = await startServer();
try {
  await setUp(server.port, counts);
  const clients: Record<"old" | "new", BenchClient> = {
    old: await respiteClient(server.port, roots.old!),
    new: await respiteClient(server.port, roots.new!),
  };
  const chosen = workloads(counts).filter((w) => !only || only.has(w.id));
  const times = new Map<number, { old: number[]; new: number[] }>();
  for (let round = 0; round < rounds; round++) {
    for (const workload of chosen) {
      const order = round % 2
        ? (["old", "new"] as const)
        : (["new", "old"] as const);
      for (const side of order) {
        const start = performance.now();
        await workload.run(clients[side], 1 / slice);
        const ms = performance.now() - start;
        if (round < WARMUP) continue;
        let entry = times.get(workload.id);
        if (!entry) times.set(workload.id, entry = { old: [], new: [] });
        entry[side].push(ms);
      }
    }
  }
  console.log(
    `### In-process A/B, ${RUNTIME}: ${
      rounds - WARMUP
    } rounds, slices of 1/${slice}\n`,
  );
  console.log("| workload | old ms | new ms | new/old speed | per round |");
  console.log("|---|---:|---:|---:|---:|");
  for (const workload of chosen) {
    const t = times.get(workload.id)!;
    const paired = t.old.map((old, i) => old / t.new[i]!);
    console.log(
      `| ${workload.id}. ${workload.title} | ${median(t.old).toFixed(2)} | ${
        median(t.new).toFixed(2)
      } | ${(median(t.old) / median(t.new)).toFixed(3)} | ${
        median(paired).toFixed(3)
      } |`,
    );
  }
  console.log(`\n- old ${roots.old}\n- new ${roots.new}`);
  await clients.old.close();
  await clients.new.close();
} finally {
  await server.stop();
}
