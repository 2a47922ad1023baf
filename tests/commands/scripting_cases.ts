import type { CommandCase } from "./_helpers.ts";

const SHA = "e0e1f9fabfc9d4800c877a703b823ac0578ff8db";
const bin = new Uint8Array([0xff, 0x00, 0xfe]);

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  // EVAL family: numkeys counted from the keys array.
  { method: "eval", params: ["return 1"], argv: ["EVAL", "return 1", 0] },
  {
    method: "eval",
    params: ["return KEYS[1]", ["k1", "k2"], ["a1", 2]],
    argv: ["EVAL", "return KEYS[1]", 2, "k1", "k2", "a1", 2],
  },
  {
    method: "eval",
    params: ["return ARGV[1]", [], ["a1"]],
    argv: ["EVAL", "return ARGV[1]", 0, "a1"],
  },
  {
    method: "eval",
    params: ["return KEYS[1]", [bin], [bin]],
    argv: ["EVAL", "return KEYS[1]", 1, bin, bin],
    name: "a byte key and a byte argument",
  },
  {
    method: "evalRo",
    params: ["return 1", ["k3"], ["a"]],
    argv: ["EVAL_RO", "return 1", 1, "k3", "a"],
  },
  { method: "evalRo", params: ["return 1"], argv: ["EVAL_RO", "return 1", 0] },
  {
    method: "evalsha",
    params: [SHA, ["k4", "k5"]],
    argv: ["EVALSHA", SHA, 2, "k4", "k5"],
  },
  { method: "evalsha", params: [SHA], argv: ["EVALSHA", SHA, 0] },
  {
    method: "evalshaRo",
    params: [SHA, ["k6"], [1, 2]],
    argv: ["EVALSHA_RO", SHA, 1, "k6", 1, 2],
  },
  {
    method: "fcall",
    params: ["myfunc", ["k7"], ["x"]],
    argv: ["FCALL", "myfunc", 1, "k7", "x"],
  },
  { method: "fcall", params: ["myfunc"], argv: ["FCALL", "myfunc", 0] },
  {
    method: "fcallRo",
    params: ["myfunc", ["k8", "k9"], []],
    argv: ["FCALL_RO", "myfunc", 2, "k8", "k9"],
  },
  {
    method: "eval",
    params: ["return 1", "k1"],
    throws: /Invalid EVAL keys: expected an array/,
    name: "keys given as a string",
  },
  {
    method: "fcall",
    params: ["f", [], "a"],
    throws: /Invalid FCALL args: expected an array/,
    name: "args given as a string",
  },

  // FUNCTION
  {
    method: "functionDelete",
    params: ["mylib"],
    argv: ["FUNCTION", "DELETE", "mylib"],
  },
  { method: "functionDump", params: [], argv: ["FUNCTION", "DUMP"] },
  { method: "functionFlush", params: [], argv: ["FUNCTION", "FLUSH"] },
  {
    method: "functionFlush",
    params: [{ async: true }],
    argv: ["FUNCTION", "FLUSH", "ASYNC"],
  },
  {
    method: "functionFlush",
    params: [{ sync: true }],
    argv: ["FUNCTION", "FLUSH", "SYNC"],
  },
  {
    method: "functionFlush",
    params: [{ async: true, sync: true }],
    throws:
      /Invalid FUNCTION FLUSH options: "async" and "sync" exclude each other/,
  },
  { method: "functionHelp", params: [], argv: ["FUNCTION", "HELP"] },
  { method: "functionKill", params: [], argv: ["FUNCTION", "KILL"] },
  { method: "functionList", params: [], argv: ["FUNCTION", "LIST"] },
  {
    method: "functionList",
    params: [{ libraryname: "my*", withcode: true }],
    argv: ["FUNCTION", "LIST", "LIBRARYNAME", "my*", "WITHCODE"],
  },
  {
    method: "functionList",
    params: [{ withcode: false }],
    argv: ["FUNCTION", "LIST"],
  },
  {
    method: "functionLoad",
    params: ["#!lua name=a\n"],
    argv: ["FUNCTION", "LOAD", "#!lua name=a\n"],
  },
  {
    method: "functionLoad",
    params: ["#!lua name=a\n", { replace: true }],
    argv: ["FUNCTION", "LOAD", "REPLACE", "#!lua name=a\n"],
  },
  {
    method: "functionRestore",
    params: [bin],
    argv: ["FUNCTION", "RESTORE", bin],
  },
  {
    method: "functionRestore",
    params: [bin, { policy: "REPLACE" }],
    argv: ["FUNCTION", "RESTORE", bin, "REPLACE"],
  },
  {
    method: "functionRestore",
    params: [bin, { policy: "FLUSH" }],
    argv: ["FUNCTION", "RESTORE", bin, "FLUSH"],
  },
  {
    method: "functionRestore",
    params: [bin, { policy: "APPEND" }],
    argv: ["FUNCTION", "RESTORE", bin, "APPEND"],
  },
  {
    method: "functionRestore",
    params: [bin, { policy: "replace" }],
    throws:
      /Invalid FUNCTION RESTORE policy "replace": expected "FLUSH", "APPEND" or "REPLACE"/,
  },
  {
    method: "functionRestore",
    params: ["payload"],
    throws: /Invalid FUNCTION RESTORE payload: expected a Uint8Array/,
  },
  { method: "functionStats", params: [], argv: ["FUNCTION", "STATS"] },

  // SCRIPT
  {
    method: "scriptExists",
    params: [SHA, "abc"],
    argv: ["SCRIPT", "EXISTS", SHA, "abc"],
  },
  {
    method: "scriptExists",
    params: [],
    throws: /Invalid SCRIPT EXISTS call: expected at least one SHA1 digest/,
  },
  { method: "scriptFlush", params: [], argv: ["SCRIPT", "FLUSH"] },
  {
    method: "scriptFlush",
    params: [{ async: true }],
    argv: ["SCRIPT", "FLUSH", "ASYNC"],
  },
  {
    method: "scriptFlush",
    params: [{ sync: true }],
    argv: ["SCRIPT", "FLUSH", "SYNC"],
  },
  {
    method: "scriptFlush",
    params: [{ sync: true, async: true }],
    throws:
      /Invalid SCRIPT FLUSH options: "async" and "sync" exclude each other/,
  },
  { method: "scriptHelp", params: [], argv: ["SCRIPT", "HELP"] },
  { method: "scriptKill", params: [], argv: ["SCRIPT", "KILL"] },
  {
    method: "scriptLoad",
    params: ["return 1"],
    argv: ["SCRIPT", "LOAD", "return 1"],
  },
  // SCRIPT SHOW (Valkey 8.0)
  { method: "scriptShow", params: [SHA], argv: ["SCRIPT", "SHOW", SHA] },
];
