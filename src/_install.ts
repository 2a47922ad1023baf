/**
 * Generates one method per command declaration on a prototype: the client,
 * its views, pipelines and transactions all get their methods here, from
 * the one declarations table.
 *
 * @module
 */

import { commands } from "./commands/mod.ts";
import { BYTES_REPLY } from "./commands/_define.ts";
import { invalidArg, paramError } from "./_args.ts";
import type { Transform } from "./connection/request.ts";
import type { Arg } from "./resp/types.ts";

export type { Transform } from "./connection/request.ts";

/**
 * Installs one method per command declaration on `prototype`. A method
 * builds the argument vector and hands it to `invoke` with the
 * declaration's reply transform, whether its reply is binary
 * (`BYTES_REPLY`), and its flags.
 *
 * When `build` throws (invalid arguments), or builds an argument the
 * encoder cannot take (`undefined`, an object, `NaN`: a `TypeError` that
 * names the command and the parameter), the method rejects with the error
 * when `failure` is `"reject"` (methods that return promises), and throws
 * it when `failure` is `"throw"` (chainable builders).
 */
export function installCommands<T extends object>(
  prototype: T,
  owner: string,
  invoke: (
    self: T,
    argv: Arg[],
    transform: Transform,
    raw: boolean,
    flags: number,
  ) => unknown,
  failure: "reject" | "throw",
): void {
  for (const [method, declaration] of Object.entries(commands)) {
    const build = declaration.build as (...params: unknown[]) => Arg[];
    const transform = declaration.reply as Transform;
    if (Object.hasOwn(prototype, method)) {
      throw new Error(
        `Command method "${method}" clashes with a member of ${owner}`,
      );
    }
    const raw = (declaration.flags & BYTES_REPLY) !== 0;
    const flags = declaration.flags;
    const value = failure === "reject"
      ? function (this: T, ...params: unknown[]): unknown {
        let argv: Arg[];
        try {
          argv = build(...params);
        } catch (error) {
          return Promise.reject(error);
        }
        const bad = invalidArg(argv);
        if (bad >= 0) {
          return Promise.reject(paramError(build, params, argv, bad));
        }
        return invoke(this, argv, transform, raw, flags);
      }
      : function (this: T, ...params: unknown[]): unknown {
        const argv = build(...params);
        const bad = invalidArg(argv);
        if (bad >= 0) throw paramError(build, params, argv, bad);
        return invoke(this, argv, transform, raw, flags);
      };
    Object.defineProperty(prototype, method, {
      value,
      writable: true,
      configurable: true,
    });
  }
}
