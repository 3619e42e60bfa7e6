// Plot: shows a chart made by a plotting library. Matplotlib figures arrive as an image (a data
// URL); simple Plotly figures (bar and scatter traces) and Vega-Lite specs from Altair (bar,
// line, point, area marks with inline data) are drawn with the native chart renderer. Bokeh
// needs BokehJS, which the page does not load: its figures are described instead of drawn.

import { PlotBase } from "../generated/components/plot.gen";
import { register } from "../core/registry";
import { frame, h, text } from "../core/dom";
import { Chart, type ChartData, type ChartOptions } from "./plots/chart";
import "../styles/data.css";

interface Figure {
  data: ChartData;
  options: ChartOptions;
}

function titleText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as { text?: unknown }).text === "string") return (value as { text: string }).text;
  return null;
}

/** A Plotly figure as chart data (bar and scatter traces only). */
function fromPlotly(spec: Record<string, unknown>): Figure | null {
  const traces = Array.isArray(spec.data) ? (spec.data as Record<string, unknown>[]) : [];
  if (!traces.length) return null;
  const rows: unknown[][] = [];
  let mark: string | null = null;
  let temporal = false;
  let nominal = false;
  for (const [index, trace] of traces.entries()) {
    const type = typeof trace.type === "string" ? trace.type : "scatter";
    const mode = typeof trace.mode === "string" ? trace.mode : "lines+markers";
    const kind = type === "bar" ? "bar" : type === "scatter" || type === "scattergl" ? (mode.includes("lines") ? "line" : "point") : null;
    if (!kind) return null;
    mark = mark ?? kind;
    const xs = Array.isArray(trace.x) ? trace.x : Array.isArray(trace.y) ? trace.y.map((_, i) => i) : [];
    const ys = Array.isArray(trace.y) ? trace.y : [];
    const name = typeof trace.name === "string" ? trace.name : `trace ${index}`;
    xs.forEach((x, i) => {
      let xv: unknown = x;
      if (typeof x === "string") {
        const time = /^\d{4}-\d{2}-\d{2}/.test(x) ? Date.parse(x) : NaN;
        if (!Number.isNaN(time)) {
          xv = time;
          temporal = true;
        } else nominal = true;
      }
      rows.push([xv, ys[i] ?? null, name]);
    });
  }
  const layout = (spec.layout ?? {}) as Record<string, unknown>;
  const axis = (name: string): string | null => titleText((layout[name] as { title?: unknown } | undefined)?.title);
  const xKind = nominal ? "nominal" : temporal ? "temporal" : "quantitative";
  return {
    data: { columns: ["x", "y", "trace"], data: rows, datatypes: { x: xKind, y: "quantitative", trace: "nominal" }, mark: mark ?? "point" },
    options: { x: "x", y: "y", color: traces.length > 1 ? "trace" : null, title: titleText(layout.title), x_title: axis("xaxis") ?? "x", y_title: axis("yaxis") ?? "y", color_title: "" },
  };
}

/** A Vega-Lite spec (as Altair writes it) as chart data: one mark, inline data. */
function fromVegaLite(spec: Record<string, unknown>): Figure | null {
  const markSpec = spec.mark;
  const markName = typeof markSpec === "string" ? markSpec : (markSpec as { type?: unknown } | undefined)?.type;
  const mark = markName === "bar" ? "bar" : markName === "line" || markName === "area" ? "line" : markName === "point" || markName === "circle" || markName === "square" ? "point" : null;
  if (!mark) return null;
  const source = spec.data as { values?: unknown; name?: unknown } | undefined;
  const datasets = (spec.datasets ?? {}) as Record<string, unknown>;
  const values = Array.isArray(source?.values) ? source.values : typeof source?.name === "string" ? datasets[source.name] : null;
  if (!Array.isArray(values)) return null;
  const encoding = (spec.encoding ?? {}) as Record<string, { field?: unknown; type?: unknown; title?: unknown; aggregate?: unknown } | undefined>;
  const field = (channel: string): string | null => (typeof encoding[channel]?.field === "string" ? (encoding[channel]!.field as string) : null);
  const x = field("x");
  const y = field("y");
  if (!x || !y) return null;
  const color = field("color");
  const kindOf = (channel: string): "quantitative" | "nominal" | "temporal" => {
    const type = encoding[channel]?.type;
    return type === "quantitative" ? "quantitative" : type === "temporal" ? "temporal" : "nominal";
  };
  const columns = [x, y, ...(color ? [color] : [])];
  const xKind = kindOf("x");
  const rows = (values as Record<string, unknown>[]).map((row) => columns.map((c, i) => (i === 0 && xKind === "temporal" && typeof row[c] === "string" ? Date.parse(row[c] as string) : row[c])));
  const title = titleText(spec.title);
  const aggregate = encoding.y?.aggregate;
  return {
    data: { columns, data: rows, datatypes: { [x]: xKind, [y]: "quantitative", ...(color ? { [color]: "nominal" } : {}) }, mark },
    options: {
      x,
      y,
      color,
      title,
      x_title: typeof encoding.x?.title === "string" ? encoding.x.title : null,
      y_title: typeof encoding.y?.title === "string" ? encoding.y.title : null,
      y_aggregate: typeof aggregate === "string" ? aggregate : null,
    },
  };
}

export class Plot extends PlotBase {
  private chart: Chart | null = null;

  protected build(): void {
    const p = this.props;
    const body = h("div", { class: "sb-plot-body" });
    this.replaceChildren(frame({ label: p.label, showLabel: p.show_label, container: p.container }, [body], null));
    this.drawFigure(body);
  }

  disconnectedCallback(): void {
    this.chart?.disconnect();
  }

  private drawFigure(body: HTMLElement): void {
    const value = this.props.value as { type?: unknown; plot?: unknown } | null | undefined;
    const label = text(this.props.label);
    if (!value || typeof value.plot !== "string") {
      body.append(h("div", { class: "sb-plot-empty" }, "No plot"));
      return;
    }
    if (value.type === "matplotlib") {
      body.append(h("img", { class: "sb-plot-image", src: value.plot, alt: label || "Plot" }));
      return;
    }
    let spec: Record<string, unknown> | null = null;
    try {
      spec = JSON.parse(value.plot) as Record<string, unknown>;
    } catch {
      spec = null;
    }
    const figure = spec && value.type === "plotly" ? fromPlotly(spec) : spec && value.type === "altair" ? fromVegaLite(spec) : null;
    if (figure) {
      this.chart = this.chart ?? new Chart();
      body.append(this.chart.element);
      this.chart.draw(figure.data, { ...figure.options, label }, {});
      return;
    }
    const library = typeof value.type === "string" ? value.type : "unknown";
    const why =
      library === "bokeh"
        ? "Bokeh figures need BokehJS, which this page does not load."
        : `This ${library} figure uses features the built-in chart renderer does not draw.`;
    const details = h("details", { class: "sb-plot-source" }, h("summary", {}, "Figure specification"), h("pre", {}, value.plot.slice(0, 20_000)));
    body.append(h("div", { class: "sb-plot-empty", role: "note" }, why), details);
  }
}

register(Plot);
