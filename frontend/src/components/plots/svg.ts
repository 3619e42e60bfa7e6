// SVG drawing for the native charts: creating SVG elements, and the chart colors and font.

const SVG = "http://www.w3.org/2000/svg";

/** The series colors, in order. */
export const PALETTE = ["#2563eb", "#ea580c", "#16a34a", "#dc2626", "#7c3aed", "#0891b2", "#c026d3", "#65a30d", "#b45309", "#475569"];
export const INK = "#1f2937";
export const MUTED = "#4b5563";
export const GRID = "#e5e7eb";
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** An SVG element with attributes and children. */
export function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  node.append(...children);
  return node;
}
