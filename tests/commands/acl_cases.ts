import type { CommandCase } from "./_helpers.ts";

/** Argument encoding cases; also used by the coverage test's key check. */
export const cases: CommandCase[] = [
  { method: "aclCat", params: [], argv: ["ACL", "CAT"] },
  { method: "aclCat", params: ["read"], argv: ["ACL", "CAT", "read"] },
  {
    method: "aclDeluser",
    params: ["alice"],
    argv: ["ACL", "DELUSER", "alice"],
  },
  {
    method: "aclDeluser",
    params: ["alice", "bob"],
    argv: ["ACL", "DELUSER", "alice", "bob"],
  },
  {
    method: "aclDeluser",
    params: [],
    throws: /Invalid ACL DELUSER call: expected at least one user name/,
  },
  {
    method: "aclDryrun",
    params: ["alice", "get", "k1"],
    argv: ["ACL", "DRYRUN", "alice", "get", "k1"],
  },
  {
    method: "aclDryrun",
    params: ["alice", "ping"],
    argv: ["ACL", "DRYRUN", "alice", "ping"],
  },
  { method: "aclGenpass", params: [], argv: ["ACL", "GENPASS"] },
  { method: "aclGenpass", params: [64], argv: ["ACL", "GENPASS", "64"] },
  {
    method: "aclGenpass",
    params: [0],
    throws: /Invalid ACL GENPASS bits "0": expected a positive integer/,
  },
  {
    method: "aclGenpass",
    params: [1.5],
    throws: /Invalid ACL GENPASS bits "1.5": expected a positive integer/,
  },
  {
    method: "aclGetuser",
    params: ["alice"],
    argv: ["ACL", "GETUSER", "alice"],
  },
  { method: "aclHelp", params: [], argv: ["ACL", "HELP"] },
  { method: "aclList", params: [], argv: ["ACL", "LIST"] },
  { method: "aclLoad", params: [], argv: ["ACL", "LOAD"] },
  { method: "aclLog", params: [], argv: ["ACL", "LOG"] },
  {
    method: "aclLog",
    params: [{}],
    argv: ["ACL", "LOG"],
    name: '"ACL LOG" from empty options',
  },
  { method: "aclLog", params: [{ count: 5 }], argv: ["ACL", "LOG", "5"] },
  {
    method: "aclLog",
    params: [{ count: -1 }],
    throws: /Invalid ACL LOG count "-1": expected a non-negative integer/,
  },
  { method: "aclLogReset", params: [], argv: ["ACL", "LOG", "RESET"] },
  { method: "aclSave", params: [], argv: ["ACL", "SAVE"] },
  {
    method: "aclSetuser",
    params: ["alice"],
    argv: ["ACL", "SETUSER", "alice"],
  },
  {
    method: "aclSetuser",
    params: ["alice", "on", ">pw", "~k*", "+get", "(+set ~x*)"],
    argv: ["ACL", "SETUSER", "alice", "on", ">pw", "~k*", "+get", "(+set ~x*)"],
  },
  { method: "aclUsers", params: [], argv: ["ACL", "USERS"] },
  { method: "aclWhoami", params: [], argv: ["ACL", "WHOAMI"] },
];
