// Pointer input on the ImageEditor's canvas: strokes of the brush and eraser, dragging a crop
// rectangle, and clicks that select a pixel. The editor says what each gesture does.

import type { Tool } from "./settings";

export interface CanvasGestures {
  /** Whether the user may draw (when not, a click can only select). */
  interactive(): boolean;
  /** Whether clicks are reported to `select` listeners. */
  selectable(): boolean;
  /** The chosen tool. */
  tool(): Tool | null;
  /** The picture position under a pointer event. */
  point(event: PointerEvent): [number, number];
  /** A brush or eraser stroke starts at (x, y). */
  beginStroke(x: number, y: number): void;
  /** The stroke goes on from (x0, y0) to (x1, y1). */
  stroke(x0: number, y0: number, x1: number, y1: number): void;
  /** A stroke ended. */
  endStroke(): void;
  /** A crop drag starts at (x, y). */
  beginCrop(x: number, y: number): void;
  /** The crop drag spans (x0, y0) to (x1, y1). */
  dragCrop(x0: number, y0: number, x1: number, y1: number): void;
  /** The crop gesture ended (`moved`: it was a drag, not a click). */
  endCrop(moved: boolean): void;
  /** A click (not a drag) on the pixel (x, y). */
  select(x: number, y: number): void;
}

/** Listen to pointer gestures on `view`. */
export function bindGestures(view: HTMLCanvasElement, g: CanvasGestures): void {
  let start: { x: number; y: number; cx: number; cy: number; moved: boolean } | null = null;
  let last: [number, number] | null = null;
  view.addEventListener("pointerdown", (event) => {
    if (!g.interactive() && !g.selectable()) return;
    const [x, y] = g.point(event);
    start = { x, y, cx: event.clientX, cy: event.clientY, moved: false };
    view.setPointerCapture?.(event.pointerId);
    if (!g.interactive()) return;
    if (g.tool() === "brush" || g.tool() === "eraser") {
      last = [x, y];
      g.beginStroke(x, y);
    } else if (g.tool() === "crop") {
      g.beginCrop(x, y);
    }
  });
  view.addEventListener("pointermove", (event) => {
    if (!start) return;
    if (Math.hypot(event.clientX - start.cx, event.clientY - start.cy) > 3) start.moved = true;
    const [x, y] = g.point(event);
    if (last && (g.tool() === "brush" || g.tool() === "eraser")) {
      g.stroke(last[0], last[1], x, y);
      last = [x, y];
    } else if (g.tool() === "crop" && start.moved) {
      g.dragCrop(start.x, start.y, x, y);
    }
  });
  const end = (event: PointerEvent): void => {
    if (!start) return;
    const began = start;
    start = null;
    const drew = last !== null;
    last = null;
    if (g.tool() === "crop") g.endCrop(began.moved);
    if (!began.moved && g.selectable() && g.tool() !== "crop") {
      const [x, y] = g.point(event);
      g.select(Math.floor(x), Math.floor(y));
    }
    if (drew) g.endStroke();
  };
  view.addEventListener("pointerup", end);
  view.addEventListener("pointercancel", () => {
    start = null;
    last = null;
  });
}
