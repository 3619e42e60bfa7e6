// ImageEditor settings read from its props: the tools on offer, the brush palette, colors and
// sizes, and the layer options.

export type Tool = "brush" | "eraser" | "crop" | "resize";

/** A brush color: a CSS color and its opacity. */
export interface BrushColor {
  color: string;
  alpha: number;
}

export interface LayerOptions {
  /** Whether the layer controls are shown. */
  show: boolean;
  /** Whether the user may add layers. */
  add: boolean;
  /** The names of the initial layers (none: one "Layer 1"). */
  names: string[];
}

const PALETTE = ["rgb(204, 50, 50)", "rgb(173, 204, 50)", "rgb(50, 204, 112)", "rgb(50, 112, 204)", "rgb(173, 50, 204)"];

/** A color from a palette entry: a CSS color or a (color, opacity) pair. */
function paletteColor(entry: unknown): BrushColor | null {
  if (typeof entry === "string") return { color: entry, alpha: 1 };
  if (Array.isArray(entry) && typeof entry[0] === "string") return { color: entry[0], alpha: typeof entry[1] === "number" ? entry[1] : 1 };
  return null;
}

/** The tools the toolbar offers, as [tool, icon, label], from the `brush`, `eraser` and `transforms` props. */
export function toolList(brush: unknown, eraser: unknown, transforms: unknown): [Tool, string, string][] {
  const list = Array.isArray(transforms) ? (transforms as unknown[]) : [];
  const tools: [Tool, string, string][] = [];
  if (brush !== false) tools.push(["brush", "brush", "Brush"]);
  if (brush !== false && eraser !== false) tools.push(["eraser", "eraser", "Eraser"]);
  if (list.includes("crop")) tools.push(["crop", "crop", "Crop"]);
  if (list.includes("resize")) tools.push(["resize", "resize", "Resize"]);
  return tools;
}

/** The layer options of a `layers` prop (true, false or LayerOptions). */
export function layerOptions(l: unknown): LayerOptions {
  if (l === false) return { show: false, add: false, names: [] };
  if (l && typeof l === "object") {
    const o = l as { allow_additional_layers?: boolean | null; disabled?: boolean | null; layers?: string[] | null };
    return { show: o.disabled !== true, add: o.allow_additional_layers !== false && o.disabled !== true, names: o.layers ?? [] };
  }
  return { show: true, add: true, names: [] };
}

/** The brush palette of a `brush` prop (the default palette when it lists none). */
export function palette(brush: unknown): BrushColor[] {
  const b = brush as { colors?: unknown } | null | undefined;
  const colors = b && typeof b === "object" ? b.colors : null;
  const list = Array.isArray(colors) && (typeof colors[0] === "string" || Array.isArray(colors[0])) ? colors : colors ? [colors] : PALETTE;
  const out = list.map(paletteColor).filter((c): c is BrushColor => c !== null);
  return out.length ? out : PALETTE.map((color) => ({ color, alpha: 1 }));
}

/** Whether the brush is limited to its palette (no color picker). */
export function fixedColors(brush: unknown): boolean {
  const b = brush as { color_mode?: unknown } | null | undefined;
  return !!b && typeof b === "object" && b.color_mode === "fixed";
}

/** The color the brush starts with: its `default_color`, else the first of the palette. */
export function defaultColor(brush: unknown): BrushColor {
  const b = brush as { default_color?: unknown } | null | undefined;
  const preset = b && typeof b === "object" ? paletteColor(b.default_color) : null;
  return preset ?? palette(brush)[0] ?? { color: PALETTE[0] ?? "#000000", alpha: 1 };
}

/** The size the brush or eraser starts with: its `default_size`, else one from the canvas size. */
export function defaultSize(settings: unknown, width: number, height: number): number {
  const s = settings as { default_size?: unknown } | null | undefined;
  const setting = s && typeof s === "object" ? s.default_size : null;
  if (typeof setting === "number" && setting > 0) return setting;
  return Math.max(2, Math.round(Math.min(width, height) / 50));
}
