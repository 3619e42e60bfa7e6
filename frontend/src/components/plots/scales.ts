// Scales of the native charts: numbers read from cells, "nice" ticks and domains, time ticks,
// and formatting numbers (a d3-format subset) and times for axis labels.

/** A cell as a number (booleans count as 1 and 0), or null. */
export function num(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** Milliseconds of a duration such as "1h", "15m", "10s", "2d" (a number is seconds). */
export function duration(value: string | number): number | null {
  if (typeof value === "number") return value * 1000;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?\s*$/.exec(value);
  if (!match) return null;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
  return Number(match[1]) * units[match[2] ?? "s"]!;
}

/** Evenly spaced "nice" tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : Number(v.toPrecision(12)));
  return ticks;
}

/** [lo, hi] widened to whole steps of its nice ticks. */
export function niceDomain(lo: number, hi: number, count: number): [number, number] {
  if (!(hi > lo)) return [lo - 1, hi + 1];
  const ticks = niceTicks(lo, hi, count);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : hi - lo;
  return [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
}

const SI = ["y", "z", "a", "f", "p", "n", "µ", "m", "", "k", "M", "G", "T", "P", "E", "Z", "Y"];

/** A number formatted with a d3-format style specifier (a common subset). */
export function formatNumber(value: number, spec?: string | null, step?: number): string {
  if (!spec) {
    if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString("en-US");
    const digits = step ? Math.min(10, Math.max(0, -Math.floor(Math.log10(step)) + 1)) : 4;
    return Number(value.toFixed(digits)).toLocaleString("en-US", { maximumFractionDigits: digits });
  }
  const match = /^([+\-( ])?(\$)?(0)?(\d+)?(,)?(\.\d+)?(~)?([a-z%])?$/i.exec(spec.trim());
  if (!match) return String(value);
  const comma = Boolean(match[5]);
  const precision = match[6] ? Number(match[6].slice(1)) : undefined;
  const trim = Boolean(match[7]);
  const type = match[8] ?? "";
  let out: string;
  switch (type) {
    case "f":
      out = value.toFixed(precision ?? 6);
      break;
    case "e":
      out = value.toExponential(precision ?? 6);
      break;
    case "%":
      out = `${(value * 100).toFixed(precision ?? 6)}`;
      break;
    case "d":
      out = String(Math.round(value));
      break;
    case "s": {
      const exponent = value === 0 ? 0 : Math.max(-8, Math.min(8, Math.floor(Math.log10(Math.abs(value)) / 3)));
      out = (value / 10 ** (exponent * 3)).toPrecision(precision ?? 6);
      if (trim) out = out.replace(/\.?0+$/, "");
      return `${out}${SI[exponent + 8]}`;
    }
    case "g":
    case "r":
    default:
      out = precision !== undefined ? value.toPrecision(Math.max(1, precision)) : String(value);
  }
  if (trim && out.includes(".")) out = out.replace(/(\.\d*?)0+(e|$)/, "$1$2").replace(/\.(e|$)/, "$1");
  if (comma) {
    const [whole, fraction] = out.split(".");
    out = `${Number(whole).toLocaleString("en-US")}${fraction !== undefined ? `.${fraction}` : ""}`;
  }
  if (match[2]) out = `$${out}`;
  return type === "%" ? `${out}%` : out;
}

const TIME_STEPS = [1, 2, 5, 10, 15, 30].map((s) => s * 1000)
  .concat([1, 2, 5, 10, 15, 30].map((m) => m * 60_000))
  .concat([1, 2, 3, 6, 12].map((hour) => hour * 3_600_000))
  .concat([1, 2, 7, 14, 30, 91, 365].map((d) => d * 86_400_000));

/** Tick times at a round interval (seconds to years) covering [lo, hi]. */
export function timeTicks(lo: number, hi: number, count: number): number[] {
  const raw = (hi - lo) / Math.max(1, count);
  const step = TIME_STEPS.find((s) => s >= raw) ?? Math.ceil(raw / 31_536_000_000) * 31_536_000_000;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi; t += step) ticks.push(t);
  return ticks;
}

/** A time (ms since the epoch, shown in UTC) with the detail a `span` of ms needs. */
export function formatTime(ms: number, span: number): string {
  const date = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, "0");
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  if (span > 3 * 86_400_000) return day;
  if (span > 86_400_000) return `${day} ${time}`;
  if (span > 120_000) return time;
  return `${time}:${pad(date.getUTCSeconds())}`;
}
