/**
 * Keeps the copies of `examples/*.ts` in the README (and in docs/*.md) the
 * same as the files, which the tests run. A copy is marked by a comment
 * line `<!-- example: examples/NAME.ts -->` right before its `ts` code
 * block; the copy is the file with its imports of `../mod.ts` written as
 * `@respite/redis`, the package a user imports.
 *
 * ```sh
 * deno run --allow-read --allow-write .ci/readme_examples.ts          # rewrite the copies
 * deno run --allow-read .ci/readme_examples.ts --check                # exit 1 if one differs
 * ```
 *
 * With no file arguments it handles README.md and docs/*.md.
 *
 * @module
 */

import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import process from "node:process";

const MARKER = /^<!-- example: (\S+) -->$/;
const FENCE = /^```/;

/** The example as the README shows it: importing the package by name. */
export function asPublished(source: string): string {
  return source.replace(/(from\s+)"(?:\.\.\/)+mod\.ts"/g, '$1"@respite/redis"')
    .replace(
      /(from\s+)"(?:\.\.\/)+src\/commands\/mod\.ts"/g,
      '$1"@respite/redis/commands"',
    )
    .replace(
      /(from\s+)"(?:\.\.\/)+src\/resp\/mod\.ts"/g,
      '$1"@respite/redis/resp"',
    )
    .trimEnd();
}

/**
 * `markdown` with the block after each marker replaced by the file it
 * names (relative to `root`), and the names of the blocks that changed.
 */
export function syncExamples(
  markdown: string,
  root: string,
): { text: string; changed: string[] } {
  const lines = markdown.split("\n");
  const out: string[] = [];
  const changed: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    out.push(line);
    const marker = MARKER.exec(line.trim());
    if (marker === null) continue;
    const name = marker[1]!;
    // Blank lines may stand between the marker and its block.
    let start = i + 1;
    while (start < lines.length && lines[start]!.trim() === "") {
      out.push(lines[start]!);
      start++;
    }
    if (!/^```ts\b/.test(lines[start] ?? "")) {
      throw new Error(`${name}: no \`\`\`ts block after its marker`);
    }
    let end = start + 1;
    while (end < lines.length && !FENCE.test(lines[end]!)) end++;
    if (end >= lines.length) throw new Error(`${name}: unclosed code block`);
    const current = lines.slice(start + 1, end).join("\n");
    const wanted = asPublished(readFileSync(`${root}/${name}`, "utf8"));
    if (current !== wanted) changed.push(name);
    out.push(lines[start]!, ...wanted.split("\n"), lines[end]!);
    i = end;
  }
  return { text: out.join("\n"), changed };
}

function main(args: readonly string[]): void {
  const check = args.includes("--check");
  let files = args.filter((arg) => !arg.startsWith("--"));
  if (files.length === 0) {
    files = [
      "README.md",
      ...readdirSync("docs").filter((name) => name.endsWith(".md"))
        .map((name) => `docs/${name}`),
    ];
  }
  let stale = 0;
  for (const file of files) {
    const before = readFileSync(file, "utf8");
    const { text, changed } = syncExamples(before, ".");
    for (const name of changed) {
      console.error(
        `${file}: the copy of ${name} ${check ? "differs" : "updated"}`,
      );
    }
    stale += changed.length;
    if (!check && text !== before) writeFileSync(file, text);
  }
  if (check && stale > 0) {
    console.error(
      "Run: deno run --allow-read --allow-write .ci/readme_examples.ts",
    );
    process.exit(1);
  }
}

if (import.meta.main) main(process.argv.slice(2));
