// Model3D parser for glTF scenes (.gltf JSON with external or embedded buffers, and binary
// .glb): walks the node tree and bakes each node's transform into the positions.

import type { Geometry } from "./parsers";

export interface GltfJson {
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

export async function parseGltf(json: GltfJson, bin: ArrayBuffer | null, baseUrl: string): Promise<Geometry> {
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

export async function parseGlb(buffer: ArrayBuffer, baseUrl: string): Promise<Geometry> {
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
