/**
 * The package as JSR serves it to npm users: every published `.ts` file
 * compiled to a `.js` file beside it, with its relative imports pointing at
 * the `.js` files, and no TypeScript left. Node.js 20 (no type stripping)
 * imports that and runs the quick start against a private server.
 *
 * Needs the test tools: `deno task tools` installs esbuild into .tools/ and
 * Node.js 20 into .tools/node20/.
 */
import { serverBuild } from "./_process.ts";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { startServer, type TestServer } from "./_server.ts";
import { runProcess as run } from "./_support.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ESBUILD = path.join(ROOT, ".tools/node_modules/.bin/esbuild");
const NODE20 = path.join(ROOT, ".tools/node20/node_modules/.bin/node");

/** The published `.ts` files: what deno.json's publish.include names. */
function publishedFiles(): string[] {
  const config = JSON.parse(
    fs.readFileSync(path.join(ROOT, "deno.json"), "utf8"),
  ) as { publish: { include: string[] } };
  const files: string[] = [];
  const walk = (relative: string) => {
    const full = path.join(ROOT, relative);
    if (fs.statSync(full).isDirectory()) {
      for (const name of fs.readdirSync(full)) walk(path.join(relative, name));
    } else if (relative.endsWith(".ts")) {
      files.push(relative);
    }
  };
  for (const entry of config.publish.include) {
    if (fs.existsSync(path.join(ROOT, entry))) walk(entry);
  }
  return files;
}

/** Points relative `.ts` specifiers at the compiled `.js` files. */
function rewriteSpecifiers(dir: string): void {
  for (const name of fs.readdirSync(dir, { recursive: true })) {
    const file = path.join(dir, String(name));
    if (!file.endsWith(".js")) continue;
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(
      file,
      text.replace(
        /((?:from|import)\s*\(?\s*)"(\.{1,2}\/[^"]+)\.ts"/g,
        '$1"$2.js"',
      ),
    );
  }
}

describe("the package compiled for npm", () => {
  let server: TestServer;
  let dir: string;

  before(async () => {
    for (const tool of [ESBUILD, NODE20]) {
      if (!fs.existsSync(tool)) {
        throw new Error(
          `Missing test tool "${tool}": run "deno task tools" first`,
        );
      }
    }
    server = await startServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "respite-compiled-"));
    // The package as JSR compiles it: modern syntax kept, types removed.
    const built = await run(ESBUILD, [
      ...publishedFiles(),
      `--outdir=${dir}`,
      "--outbase=.",
      "--format=esm",
      "--target=esnext",
      "--log-level=warning",
    ], { cwd: ROOT });
    assert.equal(built.code, 0, built.stderr);
    // The example is the user's code: compiled for Node.js 20 (its
    // `await using` lowered), importing the compiled package.
    const example = await run(ESBUILD, [
      "examples/quick_start.ts",
      `--outdir=${path.join(dir, "examples")}`,
      "--format=esm",
      "--target=node20",
      "--log-level=warning",
    ], { cwd: ROOT });
    assert.equal(example.code, 0, example.stderr);
    rewriteSpecifiers(dir);
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ type: "module" }),
    );
  });

  after(async () => {
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("holds no TypeScript file and no import of one", () => {
    const names = fs.readdirSync(dir, { recursive: true }).map(String);
    assert.ok(names.includes(path.join("src", "transport", "node.js")));
    assert.ok(!names.some((name) => name.endsWith(".ts")));
    for (const name of names.filter((name) => name.endsWith(".js"))) {
      const text = fs.readFileSync(path.join(dir, name), "utf8");
      assert.doesNotMatch(text, /from\s*"\.{1,2}\/[^"]+\.ts"/, name);
    }
  });

  it("runs the quick start on Node.js 20 against a server", async () => {
    const version = await run(NODE20, ["--version"]);
    assert.match(version.stdout, /^v20\./);
    const result = await run(NODE20, [
      path.join(dir, "examples", "quick_start.js"),
      server.url,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(
      result.stdout.includes(
        `connected over RESP3 to ${serverBuild().name} ${serverBuild().version}`,
      ),
      result.stdout,
    );
    assert.match(result.stdout, /GET -> hello/);
    assert.match(result.stdout, /INCR x5 -> \[ 1, 2, 3, 4, 5 \]/);
    assert.match(result.stdout, /error code -> WRONGTYPE/);
  });
});
