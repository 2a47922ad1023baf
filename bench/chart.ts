/**
 * The README's performance chart: reads the JSON that `bench/bench.ts
 * --json FILE` writes (one file per runtime) and draws an SVG bar chart,
 * one group of bars per workload and one bar per client, each bar the
 * client's median throughput divided by redis-benchmark's in the same run.
 * It also prints the same ratios as a Markdown table.
 *
 * ```sh
 * deno run --allow-read --allow-write bench/chart.ts bench/results.json --out docs/bench.svg
 * bun bench/chart.ts bench/results-deno.json bench/results-bun.json --out docs/bench.svg
 * ```
 *
 * `bench/bench.ts --svg FILE` draws the same chart from the run it just
 * made. No dependencies; runs on Deno, Bun and Node.js 24 (types are only
 * stripped).
 *
 * @module
 */

import { readFileSync, writeFileSync } from "node:fs";
import process from "node:process";

/** One cell of a result row, as bench.ts writes it. */
export interface ChartCell {
  /** Median of the runs; `null` in the JSON when the client failed. */
  median: number | null;
  runs?: number[];
  error?: string;
}

/** One workload's row, as bench.ts writes it. */
export interface ChartRow {
  workload: number;
  title: string;
  unit: string;
  cells: Record<string, ChartCell | undefined>;
}

/** What `bench/bench.ts --json FILE` writes. */
export interface ChartInput {
  /** "Deno 2.9.6", "Bun 1.4.5", "Node v24.21.0". */
  runtime: string;
  redisServer?: string;
  date?: string;
  runs?: number;
  quick?: boolean;
  /** Versions by column name ("respite", "npm:redis", ...). */
  clients?: Record<string, string>;
  results: ChartRow[];
}

/** The clients in the order they are drawn, with their label and colour. */
const CLIENTS: readonly {
  id: string;
  column: string;
  label: string;
  color: string;
}[] = [
  { id: "respite", column: "respite", label: "respite", color: "#d55e00" },
  { id: "redis", column: "npm:redis", label: "node-redis", color: "#0072b2" },
  { id: "ioredis", column: "ioredis", label: "ioredis", color: "#009e73" },
  { id: "glide", column: "GLIDE", label: "Valkey GLIDE", color: "#cc79a7" },
  {
    id: "bun",
    column: "bun native",
    label: "Bun RedisClient",
    color: "#6e7781",
  },
];

const LIMIT = "redis-benchmark";

// Explicit colours on an opaque white card: the same on a light and a dark
// page (GitHub and JSR render an SVG image as it is, with no theme).
const TEXT = "#1f2328";
const MUTED = "#59636e";
const GRID = "#d8dee4";
const BORDER = "#d0d7de";
const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif";

const WIDTH = 840;
const PAD = 20;
const NAME_WIDTH = 118; // the client names left of the bars
const VALUE_WIDTH = 58; // the ratio right of the longest bar
const BAR = 13;
const BAR_GAP = 3;
const GROUP_LABEL = 20;
const GROUP_GAP = 12;

/** The ratio of one client on one row, or why there is none. */
function ratio(row: ChartRow, id: string): number | string | undefined {
  const cell = row.cells[id];
  if (cell === undefined) return undefined;
  const limit = row.cells[LIMIT]?.median;
  if (cell.median === null || !Number.isFinite(cell.median)) return "failed";
  if (limit === null || limit === undefined || !(limit > 0)) return undefined;
  return cell.median / limit;
}

/** The rows that can be drawn: those with a redis-benchmark figure. */
function drawable(input: ChartInput): ChartRow[] {
  return input.results.filter((row) => {
    const limit = row.cells[LIMIT]?.median;
    return typeof limit === "number" && limit > 0;
  });
}

/** The clients present in any row of `input`, in drawing order. */
function clientsOf(input: ChartInput): typeof CLIENTS {
  return CLIENTS.filter((client) =>
    input.results.some((row) => row.cells[client.id] !== undefined)
  );
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;")
    .replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function fixed(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** "0.80×", "12.3×". */
function times(value: number): string {
  return `${value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
}

/** A line saying where a panel's figures come from. */
function subtitle(input: ChartInput): string {
  const parts = [input.runtime];
  if (input.redisServer) parts.push(`redis-server ${input.redisServer}`);
  if (input.runs !== undefined) {
    parts.push(
      `median of ${input.runs} run${input.runs === 1 ? "" : "s"}${
        input.quick ? " (--quick)" : ""
      }`,
    );
  }
  if (input.date) parts.push(input.date.slice(0, 10));
  return parts.join(" · ");
}

/** An SVG element; attributes left `undefined` are left out. */
function el(
  name: string,
  attrs: Record<string, string | number | undefined>,
  body?: string,
): string {
  const list = Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) =>
      ` ${key}="${
        escape(typeof value === "number" ? fixed(value) : String(value))
      }"`
    )
    .join("");
  return body === undefined
    ? `<${name}${list}/>`
    : `<${name}${list}>${body}</${name}>`;
}

/** A line of text at (`x`, `y`), escaped. */
function text(
  x: number,
  y: number,
  content: string,
  attrs: Record<string, string | number | undefined> = {},
): string {
  return el(
    "text",
    { x, y, "font-size": 12, fill: TEXT, ...attrs },
    escape(content),
  );
}

/**
 * Draws the chart of one or more runs (a panel each) as an SVG document.
 *
 * @param inputs What `bench/bench.ts --json` wrote, one per runtime.
 * @param options `command`: the command that produced the figures, shown
 *   under the chart.
 * @returns The SVG text.
 */
export function renderChart(
  inputs: readonly ChartInput[],
  options: { command?: string } = {},
): string {
  const x0 = PAD + NAME_WIDTH;
  const x1 = WIDTH - PAD - VALUE_WIDTH;
  let max = 1;
  for (const input of inputs) {
    for (const row of drawable(input)) {
      for (const client of clientsOf(input)) {
        const value = ratio(row, client.id);
        if (typeof value === "number") max = Math.max(max, value);
      }
    }
  }
  const step = max <= 1.6 ? 0.25 : max <= 4 ? 0.5 : Math.ceil(max / 8);
  const top = Math.ceil((max * 1.02) / step) * step;
  const scale = (value: number) => x0 + (x1 - x0) * (value / top);

  const title =
    "Throughput as a multiple of redis-benchmark (higher is better)";
  const out: string[] = [];
  let y = PAD;
  out.push(text(PAD, y + 14, title, { "font-size": 16, "font-weight": 600 }));
  y += 24;
  out.push(
    text(
      PAD,
      y + 12,
      "One connection per client. Each bar: the client's median rate divided by redis-benchmark's (C, one connection) in the same run.",
      { fill: MUTED },
    ),
  );
  y += 22;

  for (const input of inputs) {
    const rows = drawable(input);
    const clients = clientsOf(input);
    if (rows.length === 0 || clients.length === 0) continue;
    y += 8;
    out.push(
      text(PAD, y + 13, subtitle(input), {
        "font-size": 14,
        "font-weight": 600,
      }),
    );
    y += 22;
    // The axis: ticks, gridlines, and the redis-benchmark line at 1×.
    const axisY = y + 10;
    const height = rows.length * (GROUP_LABEL + GROUP_GAP) +
      rows.length * clients.length * (BAR + BAR_GAP);
    for (let tick = 0; tick <= top + 1e-9; tick += step) {
      const x = scale(tick);
      const one = Math.abs(tick - 1) < 1e-9;
      out.push(
        el("line", {
          x1: x,
          y1: axisY + 4,
          x2: x,
          y2: axisY + 6 + height,
          stroke: one ? TEXT : GRID,
          "stroke-width": 1,
          "stroke-dasharray": one ? "4 3" : undefined,
        }),
        text(x, axisY, one ? "1× = redis-benchmark" : `${tick}×`, {
          "font-size": 11,
          "text-anchor": "middle",
          fill: one ? TEXT : MUTED,
        }),
      );
    }
    y = axisY + 8;
    for (const row of rows) {
      out.push(
        text(PAD, y + 14, `${row.title}, ${row.unit}`, {
          "font-size": 12.5,
          "font-weight": 600,
        }),
      );
      y += GROUP_LABEL;
      for (const client of clients) {
        const value = ratio(row, client.id);
        const mid = y + BAR / 2 + 4;
        const own = client.id === "respite";
        const weight = own ? 600 : undefined;
        out.push(
          text(x0 - 8, mid, client.label, {
            "font-size": 11.5,
            "text-anchor": "end",
            fill: own ? TEXT : MUTED,
            "font-weight": weight,
          }),
        );
        if (typeof value === "number") {
          const end = scale(value);
          const rate = Math.round(row.cells[client.id]?.median ?? 0);
          out.push(
            el(
              "rect",
              {
                x: x0,
                y,
                width: Math.max(end - x0, 1),
                height: BAR,
                rx: 2,
                fill: client.color,
              },
              el(
                "title",
                {},
                escape(
                  `${client.label}: ${
                    times(value)
                  } of redis-benchmark (${rate} ${row.unit})`,
                ),
              ),
            ),
            text(end + 5, mid, times(value), {
              "font-size": 11.5,
              "font-weight": weight,
            }),
          );
        } else {
          out.push(
            text(x0 + 4, mid, value ?? "not run", {
              "font-size": 11.5,
              "font-style": "italic",
              fill: MUTED,
            }),
          );
        }
        y += BAR + BAR_GAP;
      }
      y += GROUP_GAP;
    }
    const versions = clients
      .map((client) => {
        const version = input.clients?.[client.column];
        return version ? `${client.label} ${version}` : client.label;
      })
      .join(", ");
    out.push(text(PAD, y + 8, versions, { "font-size": 11, fill: MUTED }));
    y += 20;
  }
  if (options.command) {
    out.push(
      text(PAD, y + 10, `Made by: ${options.command}`, {
        "font-size": 11,
        fill: MUTED,
      }),
    );
    y += 18;
  }
  const height = y + PAD - 6;
  const label = `${title}: ${
    inputs.map((input) => subtitle(input)).join("; ")
  }`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg"${
      el("", {
        width: WIDTH,
        height,
        viewBox: `0 0 ${WIDTH} ${height}`,
        role: "img",
        "aria-label": label,
        "font-family": FONT,
      }).slice(1, -2)
    }>`,
    el("title", {}, escape(label)),
    // An opaque card, so that the colours hold on a dark page too.
    el("rect", {
      x: 0.5,
      y: 0.5,
      width: WIDTH - 1,
      height: height - 1,
      rx: 6,
      fill: "#ffffff",
      stroke: BORDER,
    }),
    ...out,
    "</svg>",
    "",
  ].join("\n");
}

/**
 * The same ratios as a Markdown table: a row per workload, a column per
 * client and runtime, the best client of each row in bold.
 *
 * @param inputs What `bench/bench.ts --json` wrote, one per runtime.
 * @returns The table, without a trailing newline.
 */
export function renderTable(inputs: readonly ChartInput[]): string {
  const lines: string[] = [];
  for (const input of inputs) {
    const clients = clientsOf(input);
    const rows = drawable(input);
    if (rows.length === 0) continue;
    const header = [
      `${input.runtime}: × redis-benchmark`,
      ...clients.map((client) => client.label),
      "redis-benchmark",
    ];
    lines.push(
      `| ${header.join(" | ")} |`,
      `| ${header.map((_, i) => i === 0 ? "---" : "---:").join(" | ")} |`,
    );
    for (const row of rows) {
      const values = clients.map((client) => ratio(row, client.id));
      // The best client of the row in bold (all of them on a tie, as the
      // table shows the ratios).
      const shown = values.map((value) =>
        typeof value === "number" ? times(value) : value ?? "–"
      );
      const best = Math.max(
        ...values.map((value) => typeof value === "number" ? value : 0),
      );
      const cells = values.map((value, i) =>
        typeof value === "number" && times(value) === times(best)
          ? `**${shown[i]}**`
          : shown[i]
      );
      const limit = row.cells[LIMIT]?.median ?? 0;
      lines.push(
        `| ${row.title} | ${cells.join(" | ")} | ${
          Math.round(limit).toLocaleString("en-US")
        } ${row.unit} |`,
      );
    }
    lines.push("");
  }
  return lines.join("\n").trimEnd();
}

const USAGE =
  `Usage: deno run --allow-read --allow-write bench/chart.ts RESULTS.json [MORE.json ...] [--out FILE.svg] [--command TEXT]
       bun bench/chart.ts ...   node bench/chart.ts ...   (Node.js 24 or later)

Reads what bench/bench.ts --json wrote (one file per runtime, drawn as one
panel each), writes the SVG chart to --out (default: docs/bench.svg) and
prints the same ratios as a Markdown table. --command names the command
that produced the figures, under the chart.`;

/** Reads and checks one results file. */
export function readResults(file: string): ChartInput {
  const data = JSON.parse(readFileSync(file, "utf8")) as ChartInput;
  if (
    typeof data !== "object" || data === null ||
    typeof data.runtime !== "string" || !Array.isArray(data.results)
  ) {
    throw new TypeError(`${file}: not the JSON of bench/bench.ts --json`);
  }
  return data;
}

function main(args: readonly string[]): void {
  const files: string[] = [];
  let out = "docs/bench.svg";
  let command: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "-h" || arg === "--help") {
      console.log(USAGE);
      return;
    }
    if (arg === "--out" || arg === "--command") {
      const value = args[++i];
      if (value === undefined) {
        console.error(`${arg} needs a value\n\n${USAGE}`);
        process.exit(2);
      }
      if (arg === "--out") out = value;
      else command = value;
    } else if (arg.startsWith("-")) {
      console.error(`Unknown option ${JSON.stringify(arg)}\n\n${USAGE}`);
      process.exit(2);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) {
    console.error(USAGE);
    process.exit(2);
  }
  const inputs = files.map(readResults);
  writeFileSync(out, renderChart(inputs, command ? { command } : {}));
  console.error(`Wrote ${out}`);
  console.log(renderTable(inputs));
}

if (import.meta.main) main(process.argv.slice(2));
