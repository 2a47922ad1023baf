/**
 * A/B benchmark: two respite source trees side by side in one run, to check
 * that a change makes nothing slower.
 *
 *     deno run -A bench/ab.ts --old /tmp/respite-old --new . --rounds 5
 *     bun bench/ab.ts --old /tmp/respite-old --new . --rounds 5
 *
 * One driver for both: this repository's bench/bench.ts, whose workloads run
 * in `--serve` child processes of the same runtime, one loading
 * `<old>/mod.ts` and one `<new>/mod.ts` (`--respite-root`). Every round
 * starts a new pair of them and runs each workload on both, alternating
 * which goes first, against one private redis-server. Prints the median of
 * the rounds per tree and new/old.
 *
 * Run with `--help` for the options.
 *
 * @module
 */

import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import process from "node:process";
import {
  childRunner,
  commonFlag,
  type Counts,
  eachFlag,
  errorText,
  fail,
  formatRate,
  FULL,
  markdownTable,
  median,
  positiveInt,
  QUICK,
  runMain,
  type Runner,
  RUNTIME,
  setUp,
  startServer,
  type Workload,
  workloadList,
  workloads,
  writeJson,
} from "./bench.ts";

// ---------------------------------------------------------------------------
// Options

type Side = "old" | "new";
const SIDES: readonly Side[] = ["old", "new"];

interface Options {
  roots: Record<Side, string>;
  rounds: number;
  counts: Counts;
  quick: boolean;
  warmup: boolean;
  workloads: Set<number> | undefined;
  json: string | undefined;
  /** Count flags for the child processes. */
  passOn: string[];
}

const HELP = `Usage: deno run -A bench/ab.ts --old DIR --new DIR [options]
       bun bench/ab.ts --old DIR --new DIR [options]

Runs bench/bench.ts's workloads on two respite source trees (each DIR has
mod.ts at its root), alternately, in child processes of this runtime.

  --old DIR           the baseline tree, e.g. a git worktree of an older commit
  --new DIR           the tree under test (e.g. .)
  --rounds N          measured runs per tree and workload; median is shown (5)
  --workloads LIST    comma list of workload numbers 1-7 (all)
  --json FILE         also write the results as JSON to FILE
  --quick             smaller counts, for a fast run
  --no-warmup         skip the warm-up (one unmeasured run) before each
                      measured run
  --seq N, --concurrent N, --inflight N, --batch N, --pipelines N,
  --pipeline-size N, --big-pairs N, --big-size N, --list-len N,
  --list-calls N, --hash-len N, --hash-calls N
                      the counts, as in bench/bench.ts --help
`;

function parseArgs(args: readonly string[]): Options {
  const quick = args.includes("--quick");
  const counts: Counts = { ...(quick ? QUICK : FULL) };
  const roots: Partial<Record<Side, string>> = {};
  const options: Omit<Options, "roots"> = {
    rounds: 5,
    counts,
    quick,
    warmup: true,
    workloads: undefined,
    json: undefined,
    passOn: quick ? ["--quick"] : [],
  };
  eachFlag(args, counts, options.passOn, HELP, (flag, value) => {
    switch (flag) {
      case "--old":
      case "--new":
        roots[flag === "--old" ? "old" : "new"] = resolve(value());
        break;
      case "--rounds":
        options.rounds = positiveInt(flag, value());
        break;
      case "--workloads":
        options.workloads = workloadList(flag, value());
        break;
      default:
        return commonFlag(flag, value, options);
    }
    return true;
  });
  const root = (side: Side): string => {
    const dir = roots[side];
    if (dir === undefined) fail(`--${side} is required\n\n${HELP}`);
    if (!existsSync(join(dir, "mod.ts"))) fail(`${dir}/mod.ts not found`);
    return dir;
  };
  return { ...options, roots: { old: root("old"), new: root("new") } };
}

// ---------------------------------------------------------------------------
// Trees

/** The tree's commit, `+` when it has uncommitted changes, or "". */
function commitOf(root: string): Promise<string> {
  // No optional locks: never touch the index of a tree someone works in.
  const env = { ...process.env, GIT_OPTIONAL_LOCKS: "0" };
  const git = (args: string[]) =>
    new Promise<string>((done) => {
      execFile("git", ["-C", root, ...args], { env }, (error, stdout) => {
        done(error ? "" : String(stdout).trim());
      });
    });
  return Promise.all([
    git(["rev-parse", "--short", "HEAD"]),
    git(["status", "--porcelain", "--untracked-files=no"]),
  ]).then(([head, changes]) => head + (head && changes ? "+" : ""));
}

/** Runs and failures of one tree on one workload. */
interface Sample {
  runs: number[];
  error?: string;
}

interface Result {
  workload: number;
  title: string;
  unit: string;
  old: Sample;
  new: Sample;
}

/** A workload and what both trees made of it. */
interface Row {
  workload: Workload;
  result: Result;
}

// ---------------------------------------------------------------------------
// Output

function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN;
}

function formatRatio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(3)}×` : "–";
}

/** new/old of each round, paired: round r of new over round r of old. */
function roundRatios(result: Result): number[] {
  const n = Math.min(result.old.runs.length, result.new.runs.length);
  return Array.from(
    { length: n },
    (_, i) => ratio(result.new.runs[i] ?? NaN, result.old.runs[i] ?? NaN),
  );
}

function cellOf(sample: Sample): string {
  return sample.error === undefined
    ? formatRate(median(sample.runs))
    : "failed";
}

function table(results: readonly Result[]): string {
  const header = [
    "workload",
    "old",
    "new",
    "new/old",
    "new/old per round: median (min–max)",
  ];
  return markdownTable(
    header,
    results.map((result) => {
      const rounds = roundRatios(result).filter(Number.isFinite);
      const spread = rounds.length === 0
        ? "–"
        : `${median(rounds).toFixed(3)} (${Math.min(...rounds).toFixed(2)}–${
          Math.max(...rounds).toFixed(2)
        })`;
      return [
        `${result.workload}. ${result.title}, ${result.unit}`,
        cellOf(result.old),
        cellOf(result.new),
        formatRatio(
          ratio(median(result.new.runs), median(result.old.runs)),
        ),
        spread,
      ];
    }),
  );
}

// ---------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const chosen = workloads(options.counts).filter((w) =>
    options.workloads === undefined || options.workloads.has(w.id)
  );
  const commits = {
    old: await commitOf(options.roots.old),
    new: await commitOf(options.roots.new),
  };

  const server = await startServer();
  const stopOnSignal = () => {
    server.stop().finally(() => process.exit(130));
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);

  /** The children of the current round. */
  let runners: Partial<Record<Side, Runner>> = {};
  const closeRunners = async () => {
    const closing = Object.values(runners);
    runners = {};
    for (const runner of closing) await runner.close().catch(() => {});
  };
  try {
    const describe = (side: Side) =>
      `${side} ${options.roots[side]}${
        commits[side] ? ` (${commits[side]})` : ""
      }`;
    console.error(
      `${RUNTIME}, redis-server ${server.version} on 127.0.0.1:${server.port}` +
        `, ${options.rounds} round(s)${options.quick ? ", --quick" : ""}\n` +
        `${describe("old")}\n${describe("new")}`,
    );
    await setUp(server.port, options.counts);

    const rows = chosen.map((workload): Row => ({
      workload,
      result: {
        workload: workload.id,
        title: workload.title,
        unit: workload.unit,
        old: { runs: [] },
        new: { runs: [] },
      },
    }));
    const results = rows.map((row) => row.result);
    const spawnTree = async (side: Side): Promise<Runner> => {
      try {
        return await childRunner("respite", server.port, [
          ...options.passOn,
          "--respite-root",
          options.roots[side],
        ], `respite (${side})`);
      } catch (error) {
        throw new Error(`The ${side} tree did not load: ${errorText(error)}`, {
          cause: error,
        });
      }
    };
    const sample = async (side: Side, workload: Workload, into: Sample) => {
      const runner = runners[side];
      if (runner === undefined || into.error !== undefined) return;
      try {
        // A whole unmeasured run first: a tenth of a --quick count left the
        // JIT still warming up in the measured run.
        if (options.warmup) await runner.warm(workload, 1);
        into.runs.push(await runner.measure(workload));
      } catch (error) {
        into.error = errorText(error);
        console.error(`! ${side}, workload ${workload.id}: ${into.error}`);
      }
    };
    for (let round = 0; round < options.rounds; round++) {
      // Alternate which tree goes first, so neither always gets the turn
      // after the other's garbage or a warmer machine.
      const order: readonly Side[] = round % 2 === 0
        ? SIDES
        : [...SIDES].reverse();
      console.error(
        `\nround ${round + 1}/${options.rounds}, ${order[0]} first`,
      );
      // New processes every round: in trials, one process of a tree ran a
      // workload about 10% faster or slower than another of the same tree,
      // throughout, so one pair for the whole run could be that far off.
      for (const side of order) runners[side] = await spawnTree(side);
      for (const { workload, result } of rows) {
        for (const side of order) await sample(side, workload, result[side]);
        const last = (s: Sample) => s.runs.at(-1) ?? NaN;
        console.error(
          `  ${String(workload.id).padStart(2)}. old ${
            formatRate(last(result.old)).padStart(11)
          }  new ${
            formatRate(last(result.new)).padStart(11)
          } ${workload.unit}` +
            `  new/old ${
              formatRatio(ratio(last(result.new), last(result.old)))
            }`,
        );
      }
      await closeRunners();
    }

    console.log(`\n### A/B, ${RUNTIME}\n`);
    console.log(table(results));
    console.log(
      `\nMedian of ${options.rounds} round(s) per tree; in each round, each ` +
        `tree in a new child process with one connection, the first to run ` +
        `alternating; ` +
        `redis-server ${server.version}. Per round: the two trees' runs of ` +
        `one round paired, which cancels the machine's drift between rounds.` +
        `\n- ${describe("old")}\n- ${describe("new")}`,
    );

    if (options.json !== undefined) {
      const json = {
        runtime: RUNTIME,
        redisServer: server.version,
        date: new Date().toISOString(),
        rounds: options.rounds,
        quick: options.quick,
        counts: options.counts,
        old: { root: options.roots.old, commit: commits.old },
        new: { root: options.roots.new, commit: commits.new },
        results: results.map((r) => ({
          ...r,
          old: { ...r.old, median: median(r.old.runs) },
          new: { ...r.new, median: median(r.new.runs) },
          ratio: ratio(median(r.new.runs), median(r.old.runs)),
          roundRatios: roundRatios(r),
          roundRatioMedian: median(roundRatios(r)),
        })),
      };
      writeJson(options.json, json);
    }
  } finally {
    await closeRunners();
    await server.stop();
  }
}

await runMain(main);
