// The Model3D viewer: draws geometry on a 2D canvas (solid with flat shading, wireframe or
// point cloud) from an orbit camera; drag rotates, shift+drag pans, the wheel zooms, and the
// arrow keys and +/- do the same from the keyboard.

import { h } from "../../core/dom";
import type { Geometry } from "./parsers";

type Vec3 = [number, number, number];

interface Camera {
  alpha: number;
  beta: number;
  radius: number;
  target: Vec3;
}

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vec3): Vec3 => {
  const l = Math.hypot(a[0], a[1], a[2]) || 1;
  return [a[0] / l, a[1] / l, a[2] / l];
};

export class Viewer {
  readonly canvas: HTMLCanvasElement;
  private geometry: Geometry | null = null;
  private center: Vec3 = [0, 0, 0];
  private size = 1;
  private camera: Camera = { alpha: 45, beta: 70, radius: 3, target: [0, 0, 0] };
  private frameRequest = 0;
  private observer: ResizeObserver | null = null;
  mode: "solid" | "point_cloud" | "wireframe" = "solid";
  background: string | null = null;
  zoomSpeed = 1;
  panSpeed = 1;
  initial: [number | null, number | null, number | null] = [null, null, null];

  constructor(label: string) {
    this.canvas = h("canvas", { class: "sb-model3d-canvas", tabindex: "0", role: "img", "aria-label": label, "data-testid": "model3d-canvas" });
    this.bindInput();
    if (typeof ResizeObserver !== "undefined") {
      this.observer = new ResizeObserver(() => this.draw());
      this.observer.observe(this.canvas);
    }
  }

  dispose(): void {
    this.observer?.disconnect();
    cancelAnimationFrame(this.frameRequest);
  }

  setGeometry(geometry: Geometry): void {
    this.geometry = geometry;
    const p = geometry.positions;
    const min: Vec3 = [Infinity, Infinity, Infinity];
    const max: Vec3 = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i + 2 < p.length; i += 3) {
      for (let k = 0; k < 3; k += 1) {
        const v = p[i + k] ?? 0;
        if (v < (min[k] ?? 0)) min[k] = v;
        if (v > (max[k] ?? 0)) max[k] = v;
      }
    }
    if (!Number.isFinite(min[0])) {
      this.center = [0, 0, 0];
      this.size = 1;
    } else {
      this.center = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
      this.size = Math.max(Math.hypot(max[0] - min[0], max[1] - min[1], max[2] - min[2]) / 2, 1e-6);
    }
    this.reset();
  }

  reset(): void {
    const [alpha, beta, radius] = this.initial;
    this.camera = {
      alpha: alpha ?? 45,
      beta: beta ?? 70,
      radius: radius ?? this.size * 2.6,
      target: [...this.center],
    };
    this.draw();
  }

  private bindInput(): void {
    const c = this.canvas;
    let last: { x: number; y: number; pan: boolean } | null = null;
    c.addEventListener("pointerdown", (event) => {
      last = { x: event.clientX, y: event.clientY, pan: event.shiftKey || event.button !== 0 };
      c.setPointerCapture?.(event.pointerId);
    });
    c.addEventListener("pointermove", (event) => {
      if (!last) return;
      const dx = event.clientX - last.x;
      const dy = event.clientY - last.y;
      if (last.pan) this.pan(dx, dy);
      else this.rotate(-dx * 0.5, -dy * 0.5);
      last = { ...last, x: event.clientX, y: event.clientY };
    });
    const end = (): void => {
      last = null;
    };
    c.addEventListener("pointerup", end);
    c.addEventListener("pointercancel", end);
    c.addEventListener("contextmenu", (event) => event.preventDefault());
    c.addEventListener(
      "wheel",
      (event) => {
        event.preventDefault();
        this.zoom(event.deltaY > 0 ? 1 : -1);
      },
      { passive: false },
    );
    c.addEventListener("keydown", (event) => {
      const key = event.key;
      if (key === "ArrowLeft") this.rotate(10, 0);
      else if (key === "ArrowRight") this.rotate(-10, 0);
      else if (key === "ArrowUp") this.rotate(0, 10);
      else if (key === "ArrowDown") this.rotate(0, -10);
      else if (key === "+" || key === "=") this.zoom(-1);
      else if (key === "-" || key === "_") this.zoom(1);
      else if (key === "0" || key === "Home") this.reset();
      else return;
      event.preventDefault();
    });
  }

  rotate(dAlpha: number, dBeta: number): void {
    this.camera.alpha += dAlpha;
    this.camera.beta = Math.min(179, Math.max(1, this.camera.beta + dBeta));
    this.draw();
  }

  zoom(direction: number): void {
    const factor = 1 + 0.1 * Math.max(0.01, this.zoomSpeed);
    this.camera.radius = Math.max(this.size * 0.05, this.camera.radius * (direction > 0 ? factor : 1 / factor));
    this.draw();
  }

  pan(dx: number, dy: number): void {
    const { right, up } = this.basis();
    const scale = (this.camera.radius / Math.max(this.canvas.clientHeight, 1)) * this.panSpeed;
    const t = this.camera.target;
    this.camera.target = [
      t[0] - right[0] * dx * scale + up[0] * dy * scale,
      t[1] - right[1] * dx * scale + up[1] * dy * scale,
      t[2] - right[2] * dx * scale + up[2] * dy * scale,
    ];
    this.draw();
  }

  private eye(): Vec3 {
    const a = (this.camera.alpha * Math.PI) / 180;
    const b = (this.camera.beta * Math.PI) / 180;
    const r = this.camera.radius;
    const t = this.camera.target;
    return [t[0] + r * Math.cos(a) * Math.sin(b), t[1] + r * Math.cos(b), t[2] + r * Math.sin(a) * Math.sin(b)];
  }

  private basis(): { eye: Vec3; forward: Vec3; right: Vec3; up: Vec3 } {
    const eye = this.eye();
    const forward = norm(sub(this.camera.target, eye));
    const right = norm(cross(forward, [0, 1, 0]));
    const up = cross(right, forward);
    return { eye, forward, right, up };
  }

  draw(): void {
    cancelAnimationFrame(this.frameRequest);
    this.frameRequest = requestAnimationFrame(() => this.render());
  }

  private render(): void {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.clearRect(0, 0, width, height);
    if (this.background) {
      ctx.fillStyle = this.background;
      ctx.fillRect(0, 0, width, height);
    }
    const g = this.geometry;
    if (!g) return;
    const { eye, forward, right, up } = this.basis();
    const focal = height / 2 / Math.tan((45 * Math.PI) / 360);
    const p = g.positions;
    const count = p.length / 3;
    const sx = new Float32Array(count);
    const sy = new Float32Array(count);
    const depth = new Float32Array(count);
    const near = this.size * 0.01;
    for (let i = 0; i < count; i += 1) {
      const d: Vec3 = [(p[i * 3] ?? 0) - eye[0], (p[i * 3 + 1] ?? 0) - eye[1], (p[i * 3 + 2] ?? 0) - eye[2]];
      const z = dot(d, forward);
      depth[i] = z;
      sx[i] = width / 2 + (dot(d, right) * focal) / Math.max(z, near);
      sy[i] = height / 2 - (dot(d, up) * focal) / Math.max(z, near);
    }
    const colorOf = (i: number, shade: number): string => {
      const c = g.colors;
      const r = c ? c[i * 3] ?? 0 : 0.76;
      const gg = c ? c[i * 3 + 1] ?? 0 : 0.25;
      const b = c ? c[i * 3 + 2] ?? 0 : 0.05;
      const f = (v: number): number => Math.round(Math.min(1, Math.max(0, v * shade)) * 255);
      return `rgb(${f(r)},${f(gg)},${f(b)})`;
    };
    if (g.points || this.mode === "point_cloud") {
      const dotSize = Math.max(1.5, ratio * 2);
      for (let i = 0; i < count; i += 1) {
        if ((depth[i] ?? 0) <= near) continue;
        ctx.fillStyle = colorOf(i, 1);
        ctx.fillRect((sx[i] ?? 0) - dotSize / 2, (sy[i] ?? 0) - dotSize / 2, dotSize, dotSize);
      }
      return;
    }
    const t = g.triangles;
    const triangleCount = Math.floor(t.length / 3);
    if (this.mode === "wireframe") {
      ctx.strokeStyle = g.colors ? colorOf(t[0] ?? 0, 1) : "#9a3412";
      ctx.lineWidth = Math.max(1, ratio);
      ctx.beginPath();
      for (let k = 0; k < triangleCount; k += 1) {
        const a = t[k * 3] ?? 0, b = t[k * 3 + 1] ?? 0, c = t[k * 3 + 2] ?? 0;
        if ((depth[a] ?? 0) <= near || (depth[b] ?? 0) <= near || (depth[c] ?? 0) <= near) continue;
        ctx.moveTo(sx[a] ?? 0, sy[a] ?? 0);
        ctx.lineTo(sx[b] ?? 0, sy[b] ?? 0);
        ctx.lineTo(sx[c] ?? 0, sy[c] ?? 0);
        ctx.closePath();
      }
      ctx.stroke();
      return;
    }
    const order: number[] = [];
    const keys = new Float32Array(triangleCount);
    for (let k = 0; k < triangleCount; k += 1) {
      const a = t[k * 3] ?? 0, b = t[k * 3 + 1] ?? 0, c = t[k * 3 + 2] ?? 0;
      if ((depth[a] ?? 0) <= near || (depth[b] ?? 0) <= near || (depth[c] ?? 0) <= near) continue;
      keys[k] = (depth[a] ?? 0) + (depth[b] ?? 0) + (depth[c] ?? 0);
      order.push(k);
    }
    order.sort((x, y) => (keys[y] ?? 0) - (keys[x] ?? 0));
    ctx.lineWidth = 0.6;
    ctx.lineJoin = "round";
    for (const k of order) {
      const a = t[k * 3] ?? 0, b = t[k * 3 + 1] ?? 0, c = t[k * 3 + 2] ?? 0;
      const pa: Vec3 = [p[a * 3] ?? 0, p[a * 3 + 1] ?? 0, p[a * 3 + 2] ?? 0];
      const pb: Vec3 = [p[b * 3] ?? 0, p[b * 3 + 1] ?? 0, p[b * 3 + 2] ?? 0];
      const pc: Vec3 = [p[c * 3] ?? 0, p[c * 3 + 1] ?? 0, p[c * 3 + 2] ?? 0];
      const n = norm(cross(sub(pb, pa), sub(pc, pa)));
      const shade = 0.35 + 0.65 * Math.abs(dot(n, forward));
      const color = colorOf(a, shade);
      ctx.fillStyle = color;
      ctx.strokeStyle = color;
      ctx.beginPath();
      ctx.moveTo(sx[a] ?? 0, sy[a] ?? 0);
      ctx.lineTo(sx[b] ?? 0, sy[b] ?? 0);
      ctx.lineTo(sx[c] ?? 0, sy[c] ?? 0);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    }
  }
}
