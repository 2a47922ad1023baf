// Counts leaf test cases in JUnit files from `deno test --junit-path` and
// `bun test --reporter=junit`, prints failures, and ends with the plain line
// "N passed, N failed". Extra "name=pass|fail" arguments count as one case.
const cases: { name: string; failed: boolean; file: string }[] = [];
let missing = 0;
for (const arg of Deno.args) {
  const check = /^(\w[\w:-]*)=(pass|fail)$/.exec(arg);
  if (check) {
    cases.push({ name: check[1]!, failed: check[2] === "fail", file: "ci" });
    continue;
  }
  let xml: string;
  try {
    xml = Deno.readTextFileSync(arg);
  } catch {
    console.log(`missing report ${arg}: its test run did not finish`);
    missing++;
    continue;
  }
  const found: { name: string; failed: boolean }[] = [];
  // Attribute values may hold a plain ">" (Node's reporter leaves it).
  const pattern =
    /<testcase\b((?:[^>"]|"[^"]*")*?)(\/>|>([\s\S]*?)<\/testcase>)/g;
  for (const match of xml.matchAll(pattern)) {
    const name = /\bname="([^"]*)"/.exec(match[1]!)?.[1] ?? "?";
    const body = match[3] ?? "";
    found.push({ name, failed: /<(failure|error)\b/.test(body) });
  }
  const names = found.map((c) => c.name);
  for (const c of found) {
    const isParent = names.some((n) => n.startsWith(c.name + " &gt; "));
    if (!isParent) cases.push({ ...c, file: arg });
  }
}
const failed = cases.filter((c) => c.failed);
for (const c of failed) console.log(`FAILED (${c.file}): ${c.name}`);
console.log(
  `${cases.length - failed.length} passed, ${failed.length + missing} failed`,
);
