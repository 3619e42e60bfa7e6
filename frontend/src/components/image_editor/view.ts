// The ImageEditor's visible canvas: drawing the picture onto it at screen resolution (so the
// crop frame stays sharp on small images) and mapping pointer positions to picture pixels.

import type { Rect } from "./canvas";
import type { EditorDocument } from "./layers";

/**
 * Draw `doc` (and the crop frame `crop`) onto `view`. The view fills the width (small pictures
 * are scaled up) without getting taller than `maxHeight`.
 */
export function renderView(view: HTMLCanvasElement, doc: EditorDocument, maxHeight: string, crop: Rect | null): void {
  view.style.aspectRatio = `${doc.width} / ${doc.height}`;
  view.dataset.size = `${doc.width}x${doc.height}`;
  view.style.width = `min(100%, calc(${maxHeight} * ${doc.width / doc.height}))`;
  const rect = view.getBoundingClientRect();
  const ratio = window.devicePixelRatio || 1;
  const pw = rect.width > 0 ? Math.round(rect.width * ratio) : doc.width;
  const ph = rect.height > 0 ? Math.round(rect.height * ratio) : doc.height;
  if (view.width !== pw || view.height !== ph) {
    view.width = pw;
    view.height = ph;
  }
  const ctx = view.getContext("2d");
  if (!ctx) return;
  const sx = pw / doc.width;
  const sy = ph / doc.height;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, pw, ph);
  ctx.imageSmoothingEnabled = Math.min(sx, sy) < 3 * ratio;
  ctx.setTransform(sx, 0, 0, sy, 0, 0);
  doc.compose(ctx);
  if (crop) {
    const r = crop;
    ctx.save();
    ctx.fillStyle = "rgba(0, 0, 0, 0.45)";
    ctx.beginPath();
    ctx.rect(0, 0, doc.width, doc.height);
    ctx.rect(r.x, r.y, r.w, r.h);
    ctx.fill("evenodd");
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = (1.5 * ratio) / Math.min(sx, sy);
    ctx.setLineDash([(6 * ratio) / sx, (4 * ratio) / sx]);
    ctx.strokeRect(r.x, r.y, r.w, r.h);
    ctx.restore();
  }
}

/** The picture position under a pointer event on `view`, kept inside the picture. */
export function viewPoint(view: HTMLCanvasElement, doc: EditorDocument, event: PointerEvent | MouseEvent): [number, number] {
  const rect = view.getBoundingClientRect();
  const x = ((event.clientX - rect.left) / Math.max(rect.width, 1)) * doc.width;
  const y = ((event.clientY - rect.top) / Math.max(rect.height, 1)) * doc.height;
  return [Math.min(Math.max(x, 0), doc.width - 0.001), Math.min(Math.max(y, 0), doc.height - 0.001)];
}
