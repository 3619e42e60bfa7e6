// The table model of Dataframe: the `{headers, data, metadata}` value, column kinds, the rows in
// display order (searched and sorted), edited text as cell values, and tables with one change.

import type { DataframeProps } from "../../generated/components/dataframe.gen";
import { cellText } from "./cells";

export type Cell = unknown;
export type Kind = "str" | "number" | "bool" | "date" | "markdown" | "html" | "image";

export interface Table {
  headers: unknown[];
  data: Cell[][];
  metadata?: Record<string, unknown[] | null> | null;
}

export interface Sort {
  col: number;
  descending: boolean;
}

type Datatype = DataframeProps["datatype"];

export function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && Array.isArray((value as Table).headers) && Array.isArray((value as Table).data);
}

export function sameCell(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export function columnCount(table: Table): number {
  return Math.max(table.headers.length, ...table.data.map((row) => row.length), 0);
}

/** The kind of column `col` from `datatype` ("auto": number or bool when every cell is one). */
export function columnKind(datatype: Datatype, col: number, table: Table): Kind {
  const kind = Array.isArray(datatype) ? datatype[col] ?? "str" : datatype ?? "str";
  if (kind !== "auto") return kind;
  const cells = table.data.map((row) => row[col]).filter((c) => c !== null && c !== undefined && c !== "");
  if (cells.length && cells.every((c) => typeof c === "number")) return "number";
  if (cells.length && cells.every((c) => typeof c === "boolean")) return "bool";
  return "str";
}

/** The data rows in display order (searched for `query` and sorted), as indices into the data. */
export function rowOrder(table: Table, query: string, sort: Sort | null, datatype: Datatype): number[] {
  let rows = table.data.map((_, index) => index);
  const q = query.trim().toLowerCase();
  if (q) rows = rows.filter((r) => table.data[r]!.some((cell) => cellText(cell).toLowerCase().includes(q)));
  if (sort) {
    const { col, descending } = sort;
    const numeric = columnKind(datatype, col, table) === "number";
    rows.sort((a, b) => {
      const x = table.data[a]![col];
      const y = table.data[b]![col];
      const cmp = numeric && typeof x === "number" && typeof y === "number" ? x - y : cellText(x).localeCompare(cellText(y), undefined, { numeric: true });
      return descending ? -cmp : cmp;
    });
  }
  return rows;
}

/** The value of edited text for a cell of `kind` that held `before`. */
export function parseCell(raw: string, kind: Kind, before: unknown, datatype: Datatype): unknown {
  if (kind === "number") {
    const trimmed = raw.trim();
    if (trimmed === "") return null;
    const number = Number(trimmed);
    return Number.isFinite(number) ? number : raw;
  }
  if (typeof before === "number" && datatype === "auto") {
    const number = Number(raw);
    if (raw.trim() !== "" && Number.isFinite(number)) return number;
  }
  return raw;
}

/** The value of a new cell of `kind`. */
export function emptyCell(kind: Kind): unknown {
  return kind === "number" ? null : kind === "bool" ? false : "";
}

/** `table` with the cell (row, col) set to `next` (and its display value, when there is one). */
export function withCell(table: Table, row: number, col: number, next: unknown): Table {
  const data = table.data.map((r) => [...r]);
  while (data[row]!.length <= col) data[row]!.push(null);
  data[row]![col] = next;
  let metadata = table.metadata ?? null;
  const display = metadata?.display_value as unknown[][] | null | undefined;
  if (metadata && Array.isArray(display?.[row])) {
    const copy = display!.map((r) => (Array.isArray(r) ? [...r] : r)) as unknown[][];
    copy[row]![col] = next;
    metadata = { ...metadata, display_value: copy };
  }
  return { headers: [...table.headers], data, metadata };
}

/** The table as tab-separated text (pastes into spreadsheets). */
export function tableText(table: Table): string {
  const line = (cells: unknown[]): string => cells.map((c) => cellText(c).replace(/[\t\n]/g, " ")).join("\t");
  return [line(table.headers), ...table.data.map(line)].join("\n");
}
