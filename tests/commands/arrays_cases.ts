import type { CommandCase } from "./_helpers.ts";
import { utf8 } from "./_helpers.ts";

const far = 2n ** 60n;
const last = 2n ** 64n - 2n;

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  // ARCOUNT, ARLEN, ARNEXT
  { method: "arcount", params: ["a"], argv: ["ARCOUNT", "a"] },
  { method: "arlen", params: [utf8("a")], argv: ["ARLEN", utf8("a")] },
  { method: "arnext", params: ["a"], argv: ["ARNEXT", "a"] },

  // ARDEL
  { method: "ardel", params: ["a", 0], argv: ["ARDEL", "a", 0] },
  {
    method: "ardel",
    params: ["a", 1, far, last],
    argv: ["ARDEL", "a", 1, "1152921504606846976", "18446744073709551614"],
  },
  {
    method: "ardel",
    params: ["a"],
    throws: /^Invalid ARDEL call: expected at least one index$/,
  },
  {
    method: "ardel",
    params: ["a", -1],
    throws:
      /^Invalid ARDEL index "-1": expected an integer from 0 to 2\^64 - 2 \(a bigint beyond 2\^53 - 1\)$/,
  },
  {
    method: "ardel",
    params: ["a", last + 1n],
    name: "index 2n ** 64n - 1n",
    throws: /^Invalid ARDEL index "18446744073709551615": expected an integer/,
  },
  {
    method: "ardel",
    params: ["a", 2 ** 60],
    throws: /^Invalid ARDEL index "1152921504606847000": expected an integer/,
  },
  {
    method: "ardel",
    params: ["a", 1.5],
    throws: /^Invalid ARDEL index "1\.5"/,
  },
  {
    method: "ardel",
    params: ["a", "3"],
    throws: /^Invalid ARDEL index "3"/,
  },

  // ARDELRANGE
  {
    method: "ardelrange",
    params: ["a", [0, 9]],
    argv: ["ARDELRANGE", "a", 0, 9],
  },
  {
    method: "ardelrange",
    params: ["a", [9, 0], [far, last]],
    argv: [
      "ARDELRANGE",
      "a",
      9,
      0,
      "1152921504606846976",
      "18446744073709551614",
    ],
  },
  {
    method: "ardelrange",
    params: ["a"],
    throws: /^Invalid ARDELRANGE call: expected at least one range$/,
  },
  {
    method: "ardelrange",
    params: ["a", [1, 2, 3]],
    throws: /^Invalid ARDELRANGE range: expected a \[start, end\] pair$/,
  },
  {
    method: "ardelrange",
    params: ["a", 1, 2],
    throws: /^Invalid ARDELRANGE range: expected a \[start, end\] pair$/,
  },
  {
    method: "ardelrange",
    params: ["a", [0, -5]],
    throws: /^Invalid ARDELRANGE end "-5": expected an integer from 0/,
  },

  // ARGET
  { method: "arget", params: ["a", 0], argv: ["ARGET", "a", 0] },
  {
    method: "arget",
    params: ["a", last],
    argv: ["ARGET", "a", "18446744073709551614"],
  },
  {
    method: "arget",
    params: ["a", NaN],
    throws: /^Invalid ARGET index "NaN"/,
  },

  // ARGETRANGE
  {
    method: "argetrange",
    params: ["a", 0, 9],
    argv: ["ARGETRANGE", "a", 0, 9],
  },
  {
    method: "argetrange",
    params: ["a", 9, 0n],
    argv: ["ARGETRANGE", "a", 9, 0],
  },
  {
    method: "argetrange",
    params: ["a", -1, 9],
    throws: /^Invalid ARGETRANGE start "-1"/,
  },

  // ARGREP, ARGREP WITHVALUES
  {
    method: "argrep",
    params: ["log", "-", "+", [{ match: "error" }]],
    argv: ["ARGREP", "log", "-", "+", "MATCH", "error"],
  },
  {
    method: "argrep",
    params: [
      "log",
      0,
      far,
      [{ exact: "a" }, { glob: "w*" }, { re: "^e" }, { match: utf8("x") }],
      { combine: "AND", limit: 5, nocase: true },
    ],
    argv: [
      "ARGREP",
      "log",
      0,
      "1152921504606846976",
      "EXACT",
      "a",
      "GLOB",
      "w*",
      "RE",
      "^e",
      "MATCH",
      utf8("x"),
      "AND",
      "LIMIT",
      5,
      "NOCASE",
    ],
  },
  {
    method: "argrep",
    params: ["log", 9, 0, [{ exact: "a" }], { combine: "OR", nocase: false }],
    argv: ["ARGREP", "log", 9, 0, "EXACT", "a", "OR"],
  },
  {
    method: "argrepWithValues",
    params: ["log", "-", "+", [{ match: "error" }], { limit: 1 }],
    argv: [
      "ARGREP",
      "log",
      "-",
      "+",
      "MATCH",
      "error",
      "LIMIT",
      1,
      "WITHVALUES",
    ],
  },
  {
    method: "argrepWithValues",
    params: ["log", 0, 4, [{ re: "^[a-z]+$" }]],
    argv: ["ARGREP", "log", 0, 4, "RE", "^[a-z]+$", "WITHVALUES"],
  },
  {
    method: "argrep",
    params: ["log", "-", "+", []],
    throws: /^Invalid ARGREP call: expected at least one predicate$/,
  },
  {
    method: "argrep",
    params: ["log", "-", "+", { match: "x" }],
    throws: /^Invalid ARGREP predicates: expected an array of predicates$/,
  },
  {
    method: "argrep",
    params: ["log", "first", "+", [{ match: "x" }]],
    throws: /^Invalid ARGREP start "first": expected an index, "-" or "\+"$/,
  },
  {
    method: "argrep",
    params: ["log", "-", -1, [{ match: "x" }]],
    throws: /^Invalid ARGREP end "-1": expected an integer from 0/,
  },
  {
    method: "argrep",
    params: ["log", "-", "+", [{ match: "x", glob: "y" }]],
    throws: /^Invalid ARGREP predicate: "match" and "glob" exclude each other$/,
  },
  {
    method: "argrep",
    params: ["log", "-", "+", [{}]],
    throws:
      /^Invalid ARGREP predicate: expected one of "exact", "match", "glob" or "re"$/,
  },
  {
    method: "argrep",
    params: ["log", "-", "+", [{ regex: "x" }]],
    throws: /^Unknown ARGREP predicate "regex"/,
  },
  {
    method: "argrep",
    params: ["log", "-", "+", [{ match: "x" }], { combine: "and" }],
    throws: /^Invalid ARGREP combine "and": expected "AND" or "OR"$/,
  },
  {
    method: "argrep",
    params: ["log", "-", "+", [{ match: "x" }], { limit: 0 }],
    throws: /^Invalid ARGREP limit "0": expected a positive integer$/,
  },
  {
    method: "argrepWithValues",
    params: ["log", "-", "+", [{ match: "x" }], { withvalues: true }],
    throws: /^Unknown ARGREP option "withvalues"/,
  },

  // ARINFO
  { method: "arinfo", params: ["a"], argv: ["ARINFO", "a"] },
  { method: "arinfoFull", params: ["a"], argv: ["ARINFO", "a", "FULL"] },

  // ARINSERT
  {
    method: "arinsert",
    params: ["log", "a", utf8("b")],
    argv: ["ARINSERT", "log", "a", utf8("b")],
  },
  {
    method: "arinsert",
    params: ["log"],
    throws: /^Invalid ARINSERT call: expected at least one value$/,
  },

  // ARLASTITEMS
  {
    method: "arlastitems",
    params: ["log", 3],
    argv: ["ARLASTITEMS", "log", 3],
  },
  {
    method: "arlastitems",
    params: ["log", 3, { rev: true }],
    argv: ["ARLASTITEMS", "log", 3, "REV"],
  },
  {
    method: "arlastitems",
    params: ["log", 0, { rev: false }],
    argv: ["ARLASTITEMS", "log", 0],
  },
  {
    method: "arlastitems",
    params: ["log", -1],
    throws: /^Invalid ARLASTITEMS count "-1": expected a non-negative integer$/,
  },
  {
    method: "arlastitems",
    params: ["log", 3, { reverse: true }],
    throws: /^Unknown ARLASTITEMS option "reverse"/,
  },

  // ARMGET
  {
    method: "armget",
    params: ["a", 0, 5, far],
    argv: ["ARMGET", "a", 0, 5, "1152921504606846976"],
  },
  {
    method: "armget",
    params: ["a"],
    throws: /^Invalid ARMGET call: expected at least one index$/,
  },

  // ARMSET
  {
    method: "armset",
    params: ["a", [[0, "x"], [far, utf8("y")]]],
    argv: ["ARMSET", "a", 0, "x", "1152921504606846976", utf8("y")],
  },
  {
    method: "armset",
    params: ["a", new Map<number | bigint, string>([[5, "x"], [last, "y"]])],
    argv: ["ARMSET", "a", 5, "x", "18446744073709551614", "y"],
  },
  {
    method: "armset",
    params: ["a", { 0: "x", 100: "y" }],
    argv: ["ARMSET", "a", 0, "x", 100, "y"],
  },
  {
    method: "armset",
    params: ["a", { "18446744073709551614": "x" }],
    argv: ["ARMSET", "a", "18446744073709551614", "x"],
  },
  {
    method: "armset",
    params: ["a", []],
    throws: /^Invalid ARMSET call: expected at least one index and value$/,
  },
  {
    method: "armset",
    params: ["a", { x: "1" }],
    throws: /^Invalid ARMSET index "x": expected an integer from 0/,
  },
  {
    method: "armset",
    params: ["a", { "18446744073709551615": "x" }],
    throws: /^Invalid ARMSET index "18446744073709551615"/,
  },
  {
    method: "armset",
    params: ["a", [[-1, "x"]]],
    throws: /^Invalid ARMSET index "-1"/,
  },
  {
    method: "armset",
    params: ["a", [[0, "x", "y"]]],
    throws: /^Invalid ARMSET entry: expected an \[index, value\] pair$/,
  },
  {
    method: "armset",
    params: ["a", "0 x"],
    throws: /^Invalid ARMSET entries: expected an array of \[index, value\]/,
  },

  // AROP
  {
    method: "arop",
    params: ["a", 0, 9, "SUM"],
    argv: ["AROP", "a", 0, 9, "SUM"],
  },
  {
    method: "arop",
    params: ["a", 9, 0, "XOR"],
    argv: ["AROP", "a", 9, 0, "XOR"],
  },
  {
    method: "arop",
    params: ["a", 0, last, "USED"],
    argv: ["AROP", "a", 0, "18446744073709551614", "USED"],
  },
  {
    method: "arop",
    params: ["a", 0, 9, "sum"],
    throws:
      /^Invalid AROP operation "sum": expected "SUM", "MIN", "MAX", "AND", "OR", "XOR" or "USED"$/,
  },
  {
    method: "arop",
    params: ["a", 0, 9, "MATCH"],
    throws: /^Invalid AROP operation "MATCH"/,
  },
  {
    method: "aropMatch",
    params: ["a", 0, 9, "sold"],
    argv: ["AROP", "a", 0, 9, "MATCH", "sold"],
  },
  {
    method: "aropMatch",
    params: ["a", 0, -9, "sold"],
    throws: /^Invalid AROP end "-9"/,
  },

  // ARRING
  {
    method: "arring",
    params: ["r", 3, "v0"],
    argv: ["ARRING", "r", 3, "v0"],
  },
  {
    method: "arring",
    params: ["r", 2n ** 63n - 1n, "a", utf8("b")],
    argv: ["ARRING", "r", "9223372036854775807", "a", utf8("b")],
  },
  {
    method: "arring",
    params: ["r", 0, "v0"],
    throws: /^Invalid ARRING size "0": expected a positive integer$/,
  },
  {
    method: "arring",
    params: ["r", 2n ** 63n, "v0"],
    name: "size 2n ** 63n",
    throws: /^Invalid ARRING size "9223372036854775808"/,
  },
  {
    method: "arring",
    params: ["r", 3],
    throws: /^Invalid ARRING call: expected at least one value$/,
  },

  // ARSCAN
  {
    method: "arscan",
    params: ["a", 0, 10],
    argv: ["ARSCAN", "a", 0, 10],
  },
  {
    method: "arscan",
    params: ["a", 10, 0, { limit: 2 }],
    argv: ["ARSCAN", "a", 10, 0, "LIMIT", 2],
  },
  {
    method: "arscan",
    params: ["a", 0, 10, { limit: -1 }],
    throws: /^Invalid ARSCAN limit "-1": expected a positive integer$/,
  },
  {
    method: "arscan",
    params: ["a", 0, 10, { count: 2 }],
    throws: /^Unknown ARSCAN option "count"/,
  },
  {
    method: "arscan",
    params: ["a", "-", "+"],
    throws: /^Invalid ARSCAN start "-"/,
  },

  // ARSEEK
  { method: "arseek", params: ["log", 10], argv: ["ARSEEK", "log", 10] },
  {
    method: "arseek",
    params: ["log", 2n ** 64n - 1n],
    argv: ["ARSEEK", "log", "18446744073709551615"],
  },
  {
    method: "arseek",
    params: ["log", 2n ** 64n],
    name: "index 2n ** 64n",
    throws:
      /^Invalid ARSEEK index "18446744073709551616": expected an integer from 0 to 2\^64 - 1 /,
  },

  // ARSET
  {
    method: "arset",
    params: ["a", 0, "hello"],
    argv: ["ARSET", "a", 0, "hello"],
  },
  {
    method: "arset",
    params: ["a", far, "x", utf8("y"), 3],
    argv: ["ARSET", "a", "1152921504606846976", "x", utf8("y"), 3],
  },
  {
    method: "arset",
    params: ["a", 0],
    throws: /^Invalid ARSET call: expected at least one value$/,
  },
  {
    method: "arset",
    params: ["a", -1, "x"],
    throws: /^Invalid ARSET index "-1"/,
  },
];
