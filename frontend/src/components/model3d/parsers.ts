// Model3D parsers for the mesh and point formats read in one pass: .obj, .stl, .ply and .splat.
// Each gives the geometry the viewer draws.

/** Geometry to draw: positions (xyz), triangles (vertex indices) and optional colors (rgb 0-1). */
export interface Geometry {
  positions: Float32Array;
  triangles: Uint32Array;
  colors: Float32Array | null;
  points: boolean;
}

export function parseObj(source: string): Geometry {
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

export function parseStl(buffer: ArrayBuffer): Geometry {
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

export function parsePly(buffer: ArrayBuffer): Geometry {
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

export function parseSplat(buffer: ArrayBuffer): Geometry {
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
