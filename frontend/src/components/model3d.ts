// Model3D: a 3D model file with a small built-in viewer. The viewer reads .obj, .stl, .ply,
// .glb/.gltf (meshes) and .splat (points) and draws them on a 2D canvas (solid with flat
// shading, wireframe or point cloud); drag rotates, shift+drag pans, the wheel zooms, arrow
// keys and +/- do the same from the keyboard. Text formats can be edited in place (`edit`).

import { Model3DBase } from "../generated/components/model3d.gen";
import { register } from "../core/registry";
import { cssSize, frame, h, iconButton } from "../core/dom";
import { cornerBar, customButtons, downloadLink, emptyView, mediaButton, mediaName, mediaUrl, placeholderNodes, uploadZone, type MediaFile } from "./image";

const ACCEPT = ".obj,.glb,.gltf,.stl,.splat,.ply";
const TEXT_FORMATS = new Set(["obj", "gltf", "ply", "stl"]);

/** Geometry to draw: positions (xyz), triangles (vertex indices) and optional colors (rgb 0-1). */
interface Geometry {
  positions: Float32Array;
  triangles: Uint32Array;
  colors: Float32Array | null;
  points: boolean;
}

type Vec3 = [number, number, number];

// --- parsers ---------------------------------------------------------------------------------

function parseObj(source: string): Geometry {
  const positions: number[] = [];
  const triangles: number[] = [];
  for (const raw of source.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("v ")) {
      const [, x, y, z] = line.split(/\s+/);
      positions.push(Number(x), Number(y), Number(z));
    } else if (line.startsWith("f ")) {
      const count = positions.length / 3;
      const ids = line
        .split(/\s+/)
        .slice(1)
        .map((token) => {
          const index = parseInt(token.split("/")[0] ?? "", 10);
          return index < 0 ? count + index : index - 1;
        })
        .filter((index) => Number.isFinite(index));
      for (let i = 1; i + 1 < ids.length; i += 1) triangles.push(ids[0] ?? 0, ids[i] ?? 0, ids[i + 1] ?? 0);
    }
  }
  return { positions: new Float32Array(positions), triangles: new Uint32Array(triangles), colors: null, points: triangles.length === 0 };
}

function parseStl(buffer: ArrayBuffer): Geometry {
  const view = new DataView(buffer);
  const count = buffer.byteLength >= 84 ? view.getUint32(80, true) : 0;
  const positions: number[] = [];
  if (buffer.byteLength === 84 + count * 50) {
    for (let t = 0; t < count; t += 1) {
      const base = 84 + t * 50 + 12;
      for (let k = 0; k < 9; k += 1) positions.push(view.getFloat32(base + k * 4, true));
    }
  } else {
    const source = new TextDecoder().decode(buffer);
    for (const match of source.matchAll(/vertex\s+(\S+)\s+(\S+)\s+(\S+)/g)) positions.push(Number(match[1]), Number(match[2]), Number(match[3]));
  }
  const triangles = new Uint32Array(positions.length / 3);
  triangles.forEach((_, i) => (triangles[i] = i));
  return { positions: new Float32Array(positions), triangles, colors: null, points: false };
}

function parsePly(buffer: ArrayBuffer): Geometry {
  const bytes = new Uint8Array(buffer);
  const headerEnd = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 4096))).indexOf("end_header");
  if (headerEnd < 0) throw new Error("not a PLY file");
  const headerText = new TextDecoder().decode(bytes.subarray(0, headerEnd));
  let offset = headerEnd + "end_header".length;
  while (offset < bytes.length && bytes[offset] !== 10) offset += 1;
  offset += 1;
  const format = /format\s+(\S+)/.exec(headerText)?.[1] ?? "ascii";
  interface Element { name: string; count: number; props: { name: string; type: string; list?: [string, string] }[] }
  const elements: Element[] = [];
  for (const line of headerText.split("\n")) {
    const parts = line.trim().split(/\s+/);
    if (parts[0] === "element") elements.push({ name: parts[1] ?? "", count: Number(parts[2]), props: [] });
    else if (parts[0] === "property" && elements.length) {
      const element = elements[elements.length - 1];
      if (parts[1] === "list") element?.props.push({ name: parts[4] ?? "", type: parts[3] ?? "int", list: [parts[2] ?? "uchar", parts[3] ?? "int"] });
      else element?.props.push({ name: parts[2] ?? "", type: parts[1] ?? "float" });
    }
  }
  const sizes: Record<string, number> = { char: 1, uchar: 1, int8: 1, uint8: 1, short: 2, ushort: 2, int16: 2, uint16: 2, int: 4, uint: 4, int32: 4, uint32: 4, float: 4, float32: 4, double: 8, float64: 8 };
  const view = new DataView(buffer);
  const little = format !== "binary_big_endian";
  const read = (type: string): number => {
    let value = 0;
    switch (type) {
      case "char": case "int8": value = view.getInt8(offset); break;
      case "uchar": case "uint8": value = view.getUint8(offset); break;
      case "short": case "int16": value = view.getInt16(offset, little); break;
      case "ushort": case "uint16": value = view.getUint16(offset, little); break;
      case "int": case "int32": value = view.getInt32(offset, little); break;
      case "uint": case "uint32": value = view.getUint32(offset, little); break;
      case "double": case "float64": value = view.getFloat64(offset, little); break;
      default: value = view.getFloat32(offset, little);
    }
    offset += sizes[type] ?? 4;
    return value;
  };
  const tokens = format === "ascii" ? new TextDecoder().decode(bytes.subarray(offset)).trim().split(/\s+/) : [];
  let cursor = 0;
  const next = (type: string): number => (format === "ascii" ? Number(tokens[cursor++]) : read(type));
  const positions: number[] = [];
  const colors: number[] = [];
  const triangles: number[] = [];
  let hasColor = false;
  for (const element of elements) {
    for (let i = 0; i < element.count; i += 1) {
      const record: Record<string, number> = {};
      for (const prop of element.props) {
        if (prop.list) {
          const n = next(prop.list[0]);
          const ids: number[] = [];
          for (let k = 0; k < n; k += 1) ids.push(next(prop.list[1]));
          if (element.name === "face") for (let k = 1; k + 1 < ids.length; k += 1) triangles.push(ids[0] ?? 0, ids[k] ?? 0, ids[k + 1] ?? 0);
        } else {
          record[prop.name] = next(prop.type);
        }
      }
      if (element.name === "vertex") {
        positions.push(record.x ?? 0, record.y ?? 0, record.z ?? 0);
        if ("red" in record) {
          hasColor = true;
          colors.push((record.red ?? 0) / 255, (record.green ?? 0) / 255, (record.blue ?? 0) / 255);
        } else if ("f_dc_0" in record) {
          hasColor = true;
          const sh = 0.28209479177387814;
          colors.push(0.5 + sh * (record.f_dc_0 ?? 0), 0.5 + sh * (record.f_dc_1 ?? 0), 0.5 + sh * (record.f_dc_2 ?? 0));
        } else colors.push(0, 0, 0);
      }
    }
  }
  return {
    positions: new Float32Array(positions),
    triangles: new Uint32Array(triangles),
    colors: hasColor ? new Float32Array(colors) : null,
    points: triangles.length === 0,
  };
}

function parseSplat(buffer: ArrayBuffer): Geometry {
  const count = Math.floor(buffer.byteLength / 32);
  const view = new DataView(buffer);
  const positions = new Float32Array(count * 3);
  const colors = new Float32Array(count * 3);
  for (let i = 0; i < count; i += 1) {
    for (let k = 0; k < 3; k += 1) {
      positions[i * 3 + k] = view.getFloat32(i * 32 + k * 4, true);
      colors[i * 3 + k] = view.getUint8(i * 32 + 24 + k) / 255;
    }
  }
  return { positions, triangles: new Uint32Array(0), colors, points: true };
}

interface GltfJson {
  scene?: number;
  scenes?: { nodes?: number[] }[];
  nodes?: { mesh?: number; children?: number[]; matrix?: number[]; translation?: number[]; rotation?: number[]; scale?: number[] }[];
  meshes?: { primitives: { attributes: Record<string, number>; indices?: number; mode?: number }[] }[];
  accessors?: { bufferView?: number; byteOffset?: number; componentType: number; count: number; type: string; normalized?: boolean }[];
  bufferViews?: { buffer: number; byteOffset?: number; byteLength: number; byteStride?: number }[];
  buffers?: { uri?: string; byteLength: number }[];
}

type Mat4 = number[];

function multiply(a: Mat4, b: Mat4): Mat4 {
  const out = new Array<number>(16).fill(0);
  for (let c = 0; c < 4; c += 1) for (let r = 0; r < 4; r += 1) for (let k = 0; k < 4; k += 1) out[c * 4 + r] = (out[c * 4 + r] ?? 0) + (a[k * 4 + r] ?? 0) * (b[c * 4 + k] ?? 0);
  return out;
}

function nodeMatrix(node: NonNullable<GltfJson["nodes"]>[number]): Mat4 {
  if (node.matrix?.length === 16) return node.matrix;
  const [tx, ty, tz] = node.translation ?? [0, 0, 0];
  const [x, y, z, w] = node.rotation ?? [0, 0, 0, 1];
  const [sx, sy, sz] = node.scale ?? [1, 1, 1];
  const qx = x ?? 0, qy = y ?? 0, qz = z ?? 0, qw = w ?? 1;
  const a = sx ?? 1, b = sy ?? 1, c = sz ?? 1;
  return [
    (1 - 2 * (qy * qy + qz * qz)) * a, 2 * (qx * qy + qz * qw) * a, 2 * (qx * qz - qy * qw) * a, 0,
    2 * (qx * qy - qz * qw) * b, (1 - 2 * (qx * qx + qz * qz)) * b, 2 * (qy * qz + qx * qw) * b, 0,
    2 * (qx * qz + qy * qw) * c, 2 * (qy * qz - qx * qw) * c, (1 - 2 * (qx * qx + qy * qy)) * c, 0,
    tx ?? 0, ty ?? 0, tz ?? 0, 1,
  ];
}

async function parseGltf(json: GltfJson, bin: ArrayBuffer | null, baseUrl: string): Promise<Geometry> {
  const buffers: ArrayBuffer[] = [];
  for (const [index, buffer] of (json.buffers ?? []).entries()) {
    if (!buffer.uri && index === 0 && bin) buffers.push(bin);
    else if (buffer.uri) buffers.push(await (await fetch(new URL(buffer.uri, baseUrl).href)).arrayBuffer());
    else buffers.push(new ArrayBuffer(0));
  }
  const sizes: Record<number, number> = { 5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4 };
  const widths: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4 };
  const accessor = (index: number): number[] => {
    const acc = json.accessors?.[index];
    if (!acc || acc.bufferView === undefined) return [];
    const bufferView = json.bufferViews?.[acc.bufferView];
    const buffer = bufferView ? buffers[bufferView.buffer] : undefined;
    if (!bufferView || !buffer) return [];
    const view = new DataView(buffer);
    const width = widths[acc.type] ?? 1;
    const size = sizes[acc.componentType] ?? 4;
    const stride = bufferView.byteStride || width * size;
    const start = (bufferView.byteOffset ?? 0) + (acc.byteOffset ?? 0);
    const out: number[] = [];
    for (let i = 0; i < acc.count; i += 1) {
      for (let k = 0; k < width; k += 1) {
        const at = start + i * stride + k * size;
        switch (acc.componentType) {
          case 5120: out.push(view.getInt8(at)); break;
          case 5121: out.push(view.getUint8(at)); break;
          case 5122: out.push(view.getInt16(at, true)); break;
          case 5123: out.push(view.getUint16(at, true)); break;
          case 5125: out.push(view.getUint32(at, true)); break;
          default: out.push(view.getFloat32(at, true));
        }
      }
    }
    return out;
  };
  const positions: number[] = [];
  const colors: number[] = [];
  const triangles: number[] = [];
  let hasColor = false;
  let points = true;
  const visit = (nodeIndex: number, parent: Mat4): void => {
    const node = json.nodes?.[nodeIndex];
    if (!node) return;
    const world = multiply(parent, nodeMatrix(node));
    const mesh = node.mesh !== undefined ? json.meshes?.[node.mesh] : undefined;
    for (const primitive of mesh?.primitives ?? []) {
      const position = primitive.attributes.POSITION;
      if (position === undefined) continue;
      const base = positions.length / 3;
      const local = accessor(position);
      for (let i = 0; i + 2 < local.length; i += 3) {
        const [x, y, z] = [local[i] ?? 0, local[i + 1] ?? 0, local[i + 2] ?? 0];
        positions.push(
          (world[0] ?? 1) * x + (world[4] ?? 0) * y + (world[8] ?? 0) * z + (world[12] ?? 0),
          (world[1] ?? 0) * x + (world[5] ?? 1) * y + (world[9] ?? 0) * z + (world[13] ?? 0),
          (world[2] ?? 0) * x + (world[6] ?? 0) * y + (world[10] ?? 1) * z + (world[14] ?? 0),
        );
      }
      const color = primitive.attributes.COLOR_0;
      const colorValues = color !== undefined ? accessor(color) : [];
      const colorWidth = color !== undefined ? widths[json.accessors?.[color]?.type ?? "VEC3"] ?? 3 : 3;
      const colorScale = color !== undefined ? ({ 5121: 255, 5123: 65535 } as Record<number, number>)[json.accessors?.[color]?.componentType ?? 5126] ?? 1 : 1;
      for (let i = 0; i < local.length / 3; i += 1) {
        if (colorValues.length) {
          hasColor = true;
          colors.push((colorValues[i * colorWidth] ?? 0) / colorScale, (colorValues[i * colorWidth + 1] ?? 0) / colorScale, (colorValues[i * colorWidth + 2] ?? 0) / colorScale);
        } else colors.push(0.76, 0.25, 0.05);
      }
      const mode = primitive.mode ?? 4;
      if (mode !== 4) continue;
      points = false;
      const ids = primitive.indices !== undefined ? accessor(primitive.indices) : Array.from({ length: local.length / 3 }, (_, i) => i);
      for (const id of ids) triangles.push(base + id);
    }
    for (const child of node.children ?? []) visit(child, world);
  };
  const identity = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  const roots = json.scenes?.[json.scene ?? 0]?.nodes ?? (json.nodes ?? []).map((_, i) => i);
  roots.forEach((root) => visit(root, identity));
  return { positions: new Float32Array(positions), triangles: new Uint32Array(triangles), colors: hasColor ? new Float32Array(colors) : null, points };
}

async function parseGlb(buffer: ArrayBuffer, baseUrl: string): Promise<Geometry> {
  const view = new DataView(buffer);
  if (view.getUint32(0, true) !== 0x46546c67) throw new Error("not a GLB file");
  let offset = 12;
  let json: GltfJson | null = null;
  let bin: ArrayBuffer | null = null;
  while (offset + 8 <= buffer.byteLength) {
    const length = view.getUint32(offset, true);
    const type = view.getUint32(offset + 4, true);
    const chunk = buffer.slice(offset + 8, offset + 8 + length);
    if (type === 0x4e4f534a) json = JSON.parse(new TextDecoder().decode(chunk)) as GltfJson;
    else if (type === 0x004e4942) bin = chunk;
    offset += 8 + length;
  }
  if (!json) throw new Error("the GLB file has no JSON chunk");
  return parseGltf(json, bin, baseUrl);
}

/** The file extension of a model payload (lower case, no dot). */
function extension(file: MediaFile | null | undefined): string {
  const name = file?.orig_name || file?.path || file?.url || "";
  const match = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(name);
  return (match?.[1] ?? "").toLowerCase();
}

async function loadGeometry(url: string, ext: string): Promise<{ geometry: Geometry; text: string | null }> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const buffer = await response.arrayBuffer();
  const text = TEXT_FORMATS.has(ext) ? new TextDecoder().decode(buffer) : null;
  const textual = text !== null && !text.includes("\u0000");
  switch (ext) {
    case "obj":
      return { geometry: parseObj(text ?? ""), text };
    case "stl":
      return { geometry: parseStl(buffer), text: textual && text?.trimStart().startsWith("solid") ? text : null };
    case "ply":
      return { geometry: parsePly(buffer), text: textual && /format\s+ascii/.test(text ?? "") ? text : null };
    case "glb":
      return { geometry: await parseGlb(buffer, url), text: null };
    case "gltf":
      return { geometry: await parseGltf(JSON.parse(text ?? "{}") as GltfJson, null, url), text };
    case "splat":
      return { geometry: parseSplat(buffer), text: null };
    default:
      throw new Error(`.${ext || "?"} files cannot be previewed`);
  }
}

// --- the viewer ------------------------------------------------------------------------------

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

class Viewer {
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

// --- the element -----------------------------------------------------------------------------

function formatBytes(size: number | null | undefined): string {
  if (typeof size !== "number") return "";
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}

export class Model3D extends Model3DBase {
  private viewer: Viewer | null = null;
  private loadedUrl = "";
  private text: string | null = null;
  private stats = "";
  private problem = "";
  private editing = false;
  private busy = false;
  private loadToken = 0;

  protected build(): void {
    const p = this.props;
    const value = p.value as MediaFile | null | undefined;
    const box = h("div", { class: "sb-model3d-box sb-media-box" });
    if (!this.interactive) this.editing = false;
    if (this.busy) {
      box.append(h("div", { class: "sb-media-busy", role: "status" }, "Uploading…"));
    } else if (value) {
      box.append(this.editing ? this.editor() : this.view(value));
    } else if (this.interactive) {
      box.append(
        uploadZone({
          accept: ACCEPT,
          label: "Upload a 3D model",
          prompt: placeholderNodes(null, "Drop a 3D model here\nor click to upload\n(.obj, .glb, .gltf, .stl, .ply, .splat)"),
          onFiles: (files) => void this.upload(files),
        }),
      );
    } else {
      box.append(emptyView("cube", "No 3D model"));
    }
    this.replaceChildren(frame({ label: p.label, showLabel: p.show_label, container: p.container }, [box]));
  }

  disconnectedCallback(): void {
    this.viewer?.dispose();
  }

  private view(value: MediaFile): HTMLElement {
    const p = this.props;
    const url = mediaUrl(this.host, value);
    const name = mediaName(value, "model");
    const viewer = (this.viewer ??= new Viewer(`3D model ${name}`));
    viewer.canvas.setAttribute("aria-label", `3D model ${name}. Drag to rotate, shift+drag to pan, scroll to zoom.`);
    viewer.mode = p.display_mode ?? "solid";
    viewer.zoomSpeed = p.zoom_speed ?? 1;
    viewer.panSpeed = p.pan_speed ?? 1;
    const cc = p.clear_color;
    viewer.background = Array.isArray(cc) && cc.length === 4 ? `rgba(${cc.slice(0, 3).map((v) => Math.round(v * 255)).join(",")},${cc[3]})` : null;
    const cam = p.camera_position ?? [null, null, null];
    viewer.initial = [cam[0] ?? null, cam[1] ?? null, cam[2] ?? null];
    if (typeof p.height === "number" || typeof p.height === "string") viewer.canvas.style.height = cssSize(p.height);
    const info = h(
      "div",
      { class: "sb-model3d-info", "data-testid": "model3d-info" },
      h("strong", {}, name),
      h("span", {}, extension(value).toUpperCase() || "model"),
      value.size ? h("span", {}, formatBytes(value.size)) : null,
    );
    const stats = h("span", { class: "sb-model3d-stats", role: "status" }, this.problem || this.stats);
    info.append(stats);
    const canEdit = this.interactive && this.text !== null && url === this.loadedUrl;
    const edit = canEdit ? mediaButton("edit", "Edit model source", () => this.startEdit()) : null;
    const bar = cornerBar(
      mediaButton("reset", "Reset view", () => viewer.reset()),
      downloadLink(url, name),
      ...customButtons(p.buttons, this.host),
      edit,
      this.interactive && iconButton("clear", "Clear", () => this.clear()),
    );
    const view = h("div", { class: "sb-model3d-view" }, viewer.canvas, info, bar);
    if (url !== this.loadedUrl) void this.load(url, extension(value));
    else viewer.draw();
    return view;
  }

  private async load(url: string, ext: string): Promise<void> {
    const token = ++this.loadToken;
    this.loadedUrl = url;
    this.text = null;
    this.problem = "Loading…";
    this.stats = "";
    try {
      const { geometry, text } = await loadGeometry(url, ext);
      if (token !== this.loadToken) return;
      this.text = text;
      this.problem = "";
      const vertices = geometry.positions.length / 3;
      const faces = geometry.triangles.length / 3;
      this.stats = geometry.points ? `${vertices} points` : `${vertices} vertices · ${faces} triangles`;
      this.viewer?.setGeometry(geometry);
    } catch (error) {
      if (token !== this.loadToken) return;
      this.problem = `No preview: ${error instanceof Error ? error.message : String(error)}`;
    }
    if (!this.editing && !this.busy) this.build();
  }

  private editor(): HTMLElement {
    const area = h("textarea", { class: "sb-input sb-code", spellcheck: false, "aria-label": "Model source" });
    area.value = this.text ?? "";
    const save = h("button", { type: "button", class: "sb-btn sb-btn-primary sb-size-sm" }, "Save");
    const cancel = h("button", { type: "button", class: "sb-btn sb-size-sm" }, "Cancel");
    save.addEventListener("click", () => void this.saveEdit(area.value));
    cancel.addEventListener("click", () => {
      this.editing = false;
      this.build();
    });
    area.addEventListener("keydown", (event) => {
      if (event.key === "Escape") cancel.click();
    });
    queueMicrotask(() => area.focus());
    return h("div", { class: "sb-model3d-editor" }, area, h("div", { class: "sb-editor-actions" }, save, cancel));
  }

  private startEdit(): void {
    this.editing = true;
    this.build();
  }

  private async saveEdit(source: string): Promise<void> {
    const previous = (this.props.value ?? null) as MediaFile | null;
    this.editing = false;
    if (source === this.text) {
      this.build();
      return;
    }
    const name = mediaName(previous, "model.obj");
    this.busy = true;
    this.build();
    try {
      const [data] = await this.host.upload([new File([source], name, { type: "text/plain" })]);
      this.busy = false;
      this.setUserValue(data ?? null, true);
      this.emitEdit({ index: 0, previous_value: previous, value: data ?? null });
    } catch (error) {
      this.busy = false;
      this.build();
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Upload failed");
    }
  }

  private async upload(files: File[]): Promise<void> {
    const file = files[0];
    if (!file) return;
    this.busy = true;
    this.build();
    try {
      const [data] = await this.host.upload([file]);
      this.busy = false;
      this.setUserValue(data ?? null, true);
      this.emitUpload();
    } catch (error) {
      this.busy = false;
      this.build();
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Upload failed");
    }
  }

  private clear(): void {
    this.editing = false;
    this.loadedUrl = "";
    this.setUserValue(null, true);
    this.emitClear();
  }
}

register(Model3D);
