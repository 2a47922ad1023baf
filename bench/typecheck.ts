/**
 * Type-checking cost: writes a user file that calls 100 different command
 * methods, builds a pipeline of 20 commands and a transaction, and times a
 * cold `deno check` of it (a fresh DENO_DIR, so nothing is cached), the
 * way a user's editor or CI meets respite's types. node-redis's types are
 * known to exhaust tsc's memory on such files (node-redis#2975).
 *
 * Three files are checked, their runs interleaved so that a busy machine
 * slows them alike:
 *
 * - the user file importing respite from this checkout: `deno check`
 *   then checks every module of respite too (bodies included), as it
 *   does for a project's own modules;
 * - a file that only imports respite, the same way: what checking respite
 *   itself costs;
 * - the user file importing respite over HTTP from a local server, as
 *   from JSR: `deno check` checks the user file against respite's types
 *   but not respite's own modules, which is what an application pays.
 *
 * Each line gives the median wall time, the median CPU time (user and
 * system, steadier than wall time on a shared machine) and the median
 * peak RSS; CPU and RSS need GNU time (`/usr/bin/time`).
 *
 *     deno run -A bench/typecheck.ts [--runs 3]
 *
 * @module
 */

import { spawn } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import process from "node:process";

const CALLS = [
  'c.get("k")',
  'c.set("k", "v")',
  'c.set("k", "v", { ex: 60 })',
  'c.append("k", "v")',
  'c.decr("n")',
  'c.incr("n")',
  'c.incrby("n", 5)',
  'c.incrbyfloat("f", 1.5)',
  'c.getdel("k")',
  'c.getset("k", "v")',
  'c.setnx("k", "v")',
  'c.strlen("k")',
  'c.mget("a", "b")',
  'c.mset({ a: "1", b: "2" })',
  'c.getrange("k", 0, 3)',
  'c.setrange("k", 1, "x")',
  'c.setex("k", 10, "v")',
  'c.psetex("k", 10, "v")',
  'c.getex("k", { ex: 5 })',
  'c.del("k")',
  'c.exists("k")',
  'c.expire("k", 10)',
  'c.pexpire("k", 10)',
  'c.expiretime("k")',
  'c.persist("k")',
  'c.ttl("k")',
  'c.pttl("k")',
  'c.type("k")',
  'c.rename("a", "b")',
  'c.renamenx("a", "b")',
  'c.unlink("k")',
  'c.touch("k")',
  "c.randomkey()",
  'c.dump("k")',
  'c.objectEncoding("k")',
  'c.scan(0, { match: "a*" })',
  'c.hget("h", "f")',
  'c.hset("h", { f: "v" })',
  'c.hgetall("h")',
  'c.hdel("h", "f")',
  'c.hexists("h", "f")',
  'c.hkeys("h")',
  'c.hvals("h")',
  'c.hlen("h")',
  'c.hincrby("h", "f", 1)',
  'c.hincrbyfloat("h", "f", 0.5)',
  'c.hmget("h", "a", "b")',
  'c.hsetnx("h", "f", "v")',
  'c.hstrlen("h", "f")',
  'c.hrandfield("h")',
  'c.hscan("h", 0)',
  'c.sadd("s", "m")',
  'c.srem("s", "m")',
  'c.scard("s")',
  'c.sismember("s", "m")',
  'c.smembers("s")',
  'c.spop("s")',
  'c.srandmember("s")',
  'c.sinter("a", "b")',
  'c.sunion("a", "b")',
  'c.sdiff("a", "b")',
  'c.smove("a", "b", "m")',
  'c.sscan("s", 0)',
  'c.lpush("l", "a")',
  'c.rpush("l", "a")',
  'c.lpop("l")',
  'c.rpop("l")',
  'c.llen("l")',
  'c.lrange("l", 0, -1)',
  'c.lindex("l", 0)',
  'c.ltrim("l", 0, 9)',
  'c.lset("l", 0, "v")',
  'c.lrem("l", 0, "v")',
  'c.blpop(["l"], 1)',
  'c.brpop(["l"], 1)',
  'c.lmove("a", "b", "LEFT", "RIGHT")',
  'c.zadd("z", [{ score: 1, member: "m" }])',
  'c.zscore("z", "m")',
  'c.zrank("z", "m")',
  'c.zcard("z")',
  'c.zincrby("z", 1, "m")',
  'c.zrem("z", "m")',
  'c.zrevrange("z", 0, -1)',
  'c.zscan("z", 0)',
  'c.zrandmember("z")',
  'c.xadd("x", "*", { f: "v" })',
  'c.xlen("x")',
  'c.xrange("x", "-", "+")',
  'c.xdel("x", "0-1")',
  'c.xinfoStream("x")',
  'c.pfadd("p", "a")',
  'c.pfcount("p")',
  'c.setbit("b", 7, 1)',
  'c.getbit("b", 7)',
  'c.bitcount("b")',
  'c.geoadd("g", [{ longitude: 13.4, latitude: 52.5, member: "berlin" }])',
  'c.publish("ch", "hi")',
  "c.ping()",
  'c.echo("hi")',
  "c.dbsize()",
  "c.time()",
  "c.clientId()",
  'c.infoSections("server")',
];

/** A file that only imports respite: what checking respite itself costs. */
function baselineFile(specifier: string): string {
  return `import { connect } from ${
    JSON.stringify(specifier)
  };\n\nawait (await connect()).close();\n`;
}

function userFile(specifier: string): string {
  const lines = [
    `import { connect } from ${JSON.stringify(specifier)};`,
    "",
    "const c = await connect();",
    ...CALLS.map((call, i) => `const r${i} = await ${call};`),
    `void [${CALLS.map((_, i) => `r${i}`).join(", ")}];`,
    "const [p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15, p16, p17, p18, p19] = await c.pipeline()",
    '  .set("a", "1").get("a").incr("n").hset("h", { f: "v" }).hgetall("h")',
    '  .lpush("l", "x").lrange("l", 0, -1).sadd("s", "m").smembers("s")',
    '  .zadd("z", [{ score: 1, member: "m" }]).zscore("z", "m").exists("a")',
    '  .expire("a", 10).ttl("a").del("a").strlen("k").hlen("h").llen("l")',
    '  .scard("s").zcard("z").exec();',
    "void [p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15, p16, p17, p18, p19];",
    "const counted: number | Error = p2 as number;",
    "void counted;",
    'const [t0, t1] = await c.multi().incr("n").get("n").exec();',
    "void [t0, t1];",
    "await c.close();",
  ];
  return lines.join("\n") + "\n";
}

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const root = resolve(new URL("..", import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), "respite-typecheck-"));
// GNU time reports the CPU times and the peak RSS (KiB) on stderr.
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** The measurements of one file's cold checks. */
interface Runs {
  seconds: number[];
  cpu: number[];
  peaks: number[];
}

/** Runs a command and resolves with its exit code and stderr. */
function run(
  command: string,
  argv: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(command, argv, {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => stderr += chunk);
    child.on("error", fail);
    child.on("close", (code) => done({ code, stderr }));
  });
}

/** One cold check of `file` (a fresh DENO_DIR), added to `into`. */
async function checkOnce(
  file: string,
  flags: string[],
  into: Runs,
  label: string,
): Promise<void> {
  const denoDir = join(dir, `deno-dir-${label}`);
  // --no-lock: the checks run in the working directory (its deno.json
  // applies), which must not get a lock file of the served modules.
  const check = ["check", "--quiet", "--no-lock", ...flags, file];
  const env = { ...process.env, DENO_DIR: denoDir };
  const start = performance.now();
  const { code, stderr } = timeBin === undefined
    ? await run("deno", check, env)
    : await run(timeBin, ["-f", "cpu %U %S peak %M", "deno", ...check], env);
  into.seconds.push((performance.now() - start) / 1000);
  rmSync(denoDir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`deno check ${file} failed:\n${stderr}`);
  const times = /cpu ([\d.]+) ([\d.]+) peak (\d+)/.exec(stderr);
  if (times !== null) {
    into.cpu.push(Number(times[1]) + Number(times[2]));
    into.peaks.push(Number(times[3]) / 1024);
  }
}

/**
 * Serves the checkout over HTTP on a free local port, `.ts` files as
 * TypeScript, so that `deno check` treats respite as a remote module.
 */
async function serveRoot(): Promise<{ url: string; close: () => void }> {
  const types: Record<string, string> = {
    ".ts": "application/typescript; charset=utf-8",
    ".json": "application/json",
  };
  const server = createServer((request, response) => {
    const path = resolve(
      root,
      "." +
        decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname),
    );
    if (
      !path.startsWith(root + sep) || !existsSync(path) ||
      !statSync(path).isFile()
    ) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      "content-type": types[extname(path)] ?? "application/octet-stream",
    });
    response.end(readFileSync(path));
  });
  await new Promise<void>((listening) =>
    server.listen(0, "127.0.0.1", listening)
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1]!;
}

function describe({ seconds, cpu, peaks }: Runs): string {
  return `median ${median(seconds).toFixed(2)} s over ${seconds.length} runs (${
    seconds.map((s) => s.toFixed(2)).join(", ")
  })${cpu.length > 0 ? `, CPU ${median(cpu).toFixed(2)} s` : ""}${
    peaks.length > 0 ? `, peak RSS ${median(peaks).toFixed(0)} MiB` : ""
  }`;
}

const server = await serveRoot();
try {
  const file = join(dir, "usage.ts");
  writeFileSync(file, userFile(join(root, "mod.ts")));
  const baseline = join(dir, "baseline.ts");
  writeFileSync(baseline, baselineFile(join(root, "mod.ts")));
  const remote = join(dir, "dependency.ts");
  writeFileSync(remote, userFile(`${server.url}/mod.ts`));
  const allowImport = [`--allow-import=${new URL(server.url).host}`];
  const user: Runs = { seconds: [], cpu: [], peaks: [] };
  const base: Runs = { seconds: [], cpu: [], peaks: [] };
  const dependency: Runs = { seconds: [], cpu: [], peaks: [] };
  for (let i = 0; i < runs; i++) {
    await checkOnce(file, [], user, `usage-${i}`);
    await checkOnce(baseline, [], base, `baseline-${i}`);
    await checkOnce(remote, allowImport, dependency, `dependency-${i}`);
  }
  console.log(
    `cold deno check of ${CALLS.length} command calls, a pipeline of 20 commands and a transaction, respite from this checkout: ${
      describe(user)
    }`,
  );
  console.log(`of a file that only imports respite: ${describe(base)}`);
  console.log(
    `of the same user file with respite as a dependency (over HTTP, like JSR): ${
      describe(dependency)
    }`,
  );
} finally {
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
