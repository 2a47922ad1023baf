/**
 * Type-checking cost: writes a user file that calls 100 different command
 * methods, builds a pipeline of 20 commands and a transaction, and times a
 * cold `deno check` of it (a fresh DENO_DIR, so nothing is cached), the
 * way a user's editor or CI meets respite's types. node-redis's types are
 * known to exhaust tsc's memory on such files (node-redis#2975).
 *
 *     deno run -A bench/typecheck.ts [--runs 3]
 *
 * @module
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
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
function baselineFile(root: string): string {
  return `import { connect } from ${
    JSON.stringify(join(root, "mod.ts"))
  };\n\nawait (await connect()).close();\n`;
}

function userFile(root: string): string {
  const lines = [
    `import { connect } from ${JSON.stringify(join(root, "mod.ts"))};`,
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

/** Seconds and peak RSS (MiB, when GNU time is there) of cold checks. */
function measure(
  file: string,
  label: string,
): { seconds: number[]; peaks: number[] } {
  // GNU time reports the peak RSS (KiB) of the check on stderr.
  const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
  const seconds: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < runs; i++) {
    const denoDir = join(dir, `deno-dir-${label}-${i}`);
    const check = ["check", "--quiet", file];
    const env = { ...process.env, DENO_DIR: denoDir };
    const start = performance.now();
    const run = timeBin === undefined
      ? spawnSync("deno", check, { env })
      : spawnSync(timeBin, ["-f", "peak %M", "deno", ...check], { env });
    seconds.push((performance.now() - start) / 1000);
    const stderr = String(run.stderr);
    if (run.status !== 0) {
      console.error(stderr);
      process.exit(1);
    }
    const peak = /peak (\d+)/.exec(stderr)?.[1];
    if (peak !== undefined) peaks.push(Number(peak) / 1024);
    rmSync(denoDir, { recursive: true, force: true });
  }
  return { seconds, peaks };
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[values.length >> 1]!;
}

function describe({ seconds, peaks }: { seconds: number[]; peaks: number[] }) {
  return `median ${median(seconds).toFixed(2)} s over ${seconds.length} runs (${
    seconds.map((s) => s.toFixed(2)).join(", ")
  })${peaks.length > 0 ? `, peak RSS ${median(peaks).toFixed(0)} MiB` : ""}`;
}

try {
  const file = join(dir, "usage.ts");
  writeFileSync(file, userFile(root));
  const baseline = join(dir, "baseline.ts");
  writeFileSync(baseline, baselineFile(root));
  const user = measure(file, "usage");
  const base = measure(baseline, "baseline");
  console.log(
    `cold deno check of ${CALLS.length} command calls, a pipeline of 20 commands and a transaction: ${
      describe(user)
    }; of a file that only imports respite: ${describe(base)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
