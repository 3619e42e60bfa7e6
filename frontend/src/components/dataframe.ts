// Dataframe: a table of values the user can select, sort, search, copy and (when interactive)
// edit cell by cell, add and delete rows and columns. The value on the wire is
// `{headers, data, metadata}`. The table model, cell rendering helpers and cell editors live in
// ./dataframe/.

import { DataframeBase } from "../generated/components/dataframe.gen";
import { register } from "../core/registry";
import { cssSize, frame, h, iconButton, text } from "../core/dom";
import { cellText, inlineMarkdown, safeHtml } from "./dataframe/cells";
import { cellEditor, headerEditor } from "./dataframe/editing";
import { columnCount, columnKind, emptyCell, isTable, parseCell, rowOrder, sameCell, tableText, withCell, type Kind, type Sort, type Table } from "./dataframe/table";
import "../styles/data.css";

export class Dataframe extends DataframeBase {
  private table: HTMLTableElement | null = null;
  private status: HTMLElement | null = null;
  private actions: HTMLElement | null = null;
  private selected: [number, number] | null = null;
  private editing: { row: number; col: number; input: HTMLInputElement } | null = null;
  private sort: Sort | null = null;
  private query = "";

  // -- the value ------------------------------------------------------------------------
  private current(): Table {
    const value = this.props.value;
    if (isTable(value)) return value;
    const headers = Array.isArray(this.props.headers) ? this.props.headers : [];
    return { headers, data: [], metadata: null };
  }

  private columnCount(table: Table): number {
    return columnCount(table);
  }

  private kind(col: number, table: Table): Kind {
    return columnKind(this.props.datatype, col, table);
  }

  private editableColumn(col: number): boolean {
    return this.interactive && !(this.props.static_columns ?? []).includes(col);
  }

  // -- drawing ----------------------------------------------------------------------------
  protected build(): void {
    const p = this.props;
    this.editing = null;
    const table = h("table", { class: "sb-dataframe-table", role: "grid" });
    this.table = table;
    const scroller = h("div", { class: "sb-dataframe-scroll", tabindex: -1 }, table);
    scroller.style.maxHeight = cssSize(p.max_height);
    this.classList.toggle("sb-dataframe-wrap", p.wrap === true);
    this.status = h("div", { class: "sb-visually-hidden", role: "status", "aria-live": "polite" });
    const toolbar = this.toolbar();
    this.actions = h("div", { class: "sb-dataframe-actions" });
    const body: Node[] = [toolbar, scroller, this.actions, this.status];
    const block = frame({ label: p.label, showLabel: p.show_label }, body, null);
    const label = text(p.label);
    if (label) table.setAttribute("aria-label", label);
    this.replaceChildren(block);
    this.showValue();
  }

  private toolbar(): HTMLElement {
    const p = this.props;
    const bar = h("div", { class: "sb-dataframe-toolbar" });
    if (p.show_search === "search" || p.show_search === "filter") {
      const search = h("input", { type: "search", class: "sb-input sb-dataframe-search", placeholder: "Search…", "aria-label": "Search the table", value: this.query });
      search.addEventListener("input", () => {
        this.query = search.value;
        this.showValue();
      });
      bar.append(search);
    }
    const buttons = Array.isArray(p.buttons) ? p.buttons : ["fullscreen", "copy"];
    if (buttons.includes("copy")) bar.append(iconButton("copy", "Copy table", () => this.copyTable()));
    if (buttons.includes("fullscreen")) {
      const full = iconButton("menu", "Full screen", () => {
        const on = !this.classList.contains("sb-dataframe-fullscreen");
        this.classList.toggle("sb-dataframe-fullscreen", on);
        full.setAttribute("aria-pressed", String(on));
      });
      full.setAttribute("aria-pressed", "false");
      bar.append(full);
    }
    return bar;
  }

  /** The data rows in display order (searched and sorted), as indices into the data. */
  private order(table: Table): number[] {
    return rowOrder(table, this.query, this.sort, this.props.datatype);
  }

  protected override showValue(): void {
    if (!this.table) return this.build();
    const p = this.props;
    const table = this.current();
    const columns = this.columnCount(table);
    const widths = Array.isArray(p.column_widths) ? p.column_widths : [];
    this.table.setAttribute("aria-readonly", String(!this.interactive));
    this.table.setAttribute("aria-rowcount", String(table.data.length + 1));
    this.table.setAttribute("aria-colcount", String(columns));

    const headRow = h("tr", {});
    if (p.show_row_numbers) headRow.append(h("th", { class: "sb-dataframe-rownum", scope: "col" }, "#"));
    for (let col = 0; col < columns; col += 1) headRow.append(this.headerCell(table, col, widths[col]));
    const head = h("thead", {}, headRow);

    const body = h("tbody", {});
    const order = this.order(table);
    const selected = this.selected;
    for (const row of order) {
      const tr = h("tr", { "aria-rowindex": row + 2 });
      if (p.show_row_numbers) tr.append(h("th", { class: "sb-dataframe-rownum", scope: "row" }, String(row + 1)));
      for (let col = 0; col < columns; col += 1) tr.append(this.dataCell(table, row, col));
      body.append(tr);
    }
    if (order.length === 0) {
      const empty = h("td", { class: "sb-dataframe-empty", colspan: Math.max(columns, 1) + (p.show_row_numbers ? 1 : 0) }, table.data.length ? "No matching rows" : "No rows");
      body.append(h("tr", {}, empty));
    }
    this.table.replaceChildren(head, body);
    // Keep one cell in the tab order (the selected one, else the first).
    const focusable = (selected && this.cellAt(selected[0], selected[1])) || this.table.querySelector<HTMLElement>("td[data-col]");
    if (focusable) focusable.tabIndex = 0;
    this.drawActions(table, columns);
    this.pinColumns();
  }

  private headerCell(table: Table, col: number, width: unknown): HTMLTableCellElement {
    const name = cellText(table.headers[col] ?? String(col + 1));
    const th = h("th", { scope: "col", "data-col": col });
    if (width !== undefined) th.style.width = cssSize(width);
    const sorted = this.sort?.col === col ? (this.sort.descending ? "descending" : "ascending") : "none";
    th.setAttribute("aria-sort", sorted);
    const title = h("span", { class: "sb-dataframe-header" }, name);
    if (this.interactive && this.props.static_columns == null) {
      title.title = "Double-click to rename";
      title.addEventListener("dblclick", () => this.renameColumn(col, th, title));
    }
    const arrow = sorted === "ascending" ? "▲" : sorted === "descending" ? "▼" : "↕";
    const sortButton = h("button", { type: "button", class: "sb-dataframe-sort", "aria-label": `Sort by ${name}`, title: `Sort by ${name}` }, arrow);
    sortButton.addEventListener("click", () => {
      const before = this.sort;
      this.sort = before?.col !== col ? { col, descending: false } : before.descending ? null : { col, descending: true };
      this.showValue();
    });
    th.append(h("div", { class: "sb-dataframe-th" }, title, sortButton));
    return th;
  }

  private dataCell(table: Table, row: number, col: number): HTMLTableCellElement {
    const value = table.data[row]?.[col] ?? null;
    const kind = this.kind(col, table);
    const td = h("td", { "data-row": row, "data-col": col, tabindex: -1, "aria-colindex": col + 1 });
    td.classList.add(`sb-dataframe-${kind}`);
    const selected = this.selected !== null && this.selected[0] === row && this.selected[1] === col;
    td.setAttribute("aria-selected", String(selected));
    const meta = table.metadata ?? null;
    const display = (meta?.display_value as unknown[][] | null | undefined)?.[row]?.[col];
    const styling = (meta?.styling as unknown[][] | null | undefined)?.[row]?.[col];
    if (typeof styling === "string" && styling && !this.interactive) td.setAttribute("style", styling);
    if (kind === "bool") {
      const box = h("input", { type: "checkbox", checked: value === true || value === "true", "aria-label": `Row ${row + 1}, ${cellText(table.headers[col])}` });
      box.disabled = !this.editableColumn(col);
      box.addEventListener("change", () => this.commit(row, col, box.checked));
      td.append(box);
    } else if (kind === "markdown") {
      td.append(inlineMarkdown(cellText(value), this.props.line_breaks !== false));
    } else if (kind === "html") {
      td.append(safeHtml(cellText(value)));
    } else if (kind === "image" && typeof value === "string" && value) {
      td.append(h("img", { src: value, alt: "", class: "sb-dataframe-image" }));
    } else {
      let shown = display !== undefined && display !== null ? cellText(display) : cellText(value);
      const max = this.props.max_chars;
      if (typeof max === "number" && shown.length > max && !selected) {
        td.title = shown;
        td.dataset.full = shown;
        shown = `${shown.slice(0, max)}…`;
      }
      td.append(shown);
      if (kind === "number") td.classList.add("sb-dataframe-numeric");
    }
    td.addEventListener("click", () => this.select(row, col));
    td.addEventListener("dblclick", () => this.startEdit(row, col));
    td.addEventListener("keydown", (event) => this.onCellKey(event, row, col));
    return td;
  }

  private drawActions(table: Table, columns: number): void {
    if (!this.actions) return;
    this.actions.replaceChildren();
    if (!this.interactive) return;
    const [minRows, maxRows] = this.props.row_limits ?? [null, null];
    const [minCols, maxCols] = this.props.column_limits ?? [null, null];
    const columnsFixed = this.props.static_columns != null;
    const rows = table.data.length;
    const button = (label: string, enabled: boolean, onclick: () => void): HTMLButtonElement =>
      h("button", { type: "button", class: "sb-btn sb-size-sm", disabled: !enabled, onclick: () => onclick() }, label);
    this.actions.append(button("Add row", maxRows == null || rows < maxRows, () => this.addRow()));
    if (!columnsFixed) this.actions.append(button("Add column", maxCols == null || columns < maxCols, () => this.addColumn()));
    if (this.selected) {
      const [row, col] = this.selected;
      this.actions.append(button(`Delete row ${row + 1}`, minRows == null || rows > minRows, () => this.deleteRow(row)));
      if (!columnsFixed) {
        const name = cellText(table.headers[col] ?? col + 1);
        this.actions.append(button(`Delete column ${name}`, columns > 1 && (minCols == null || columns > minCols), () => this.deleteColumn(col)));
      }
    }
  }

  /** Keep the first `pinned_columns` columns in place while the table scrolls sideways. */
  private pinColumns(): void {
    const count = this.props.pinned_columns ?? 0;
    if (!count || !this.table) return;
    const offset = this.props.show_row_numbers ? 1 : 0;
    requestAnimationFrame(() => {
      const rows = [...(this.table?.rows ?? [])];
      const first = rows[0];
      if (!first) return;
      let left = 0;
      for (let index = 0; index < count + offset && index < first.cells.length; index += 1) {
        for (const tr of rows) {
          const cell = tr.cells[index];
          if (!cell) continue;
          cell.classList.add("sb-dataframe-pinned");
          cell.style.left = `${left}px`;
        }
        left += first.cells[index]!.getBoundingClientRect().width;
      }
    });
  }

  /** Show the selection on the drawn cells (without redrawing them). */
  private markSelection(table: Table): void {
    const selected = this.selected;
    for (const td of this.table?.querySelectorAll<HTMLTableCellElement>("td[data-col]") ?? []) {
      const on = selected !== null && Number(td.dataset.row) === selected[0] && Number(td.dataset.col) === selected[1];
      td.setAttribute("aria-selected", String(on));
      td.tabIndex = on ? 0 : -1;
      // A truncated cell shows its whole text while selected.
      if (on && td.dataset.full !== undefined) td.textContent = td.dataset.full;
    }
    this.drawActions(table, this.columnCount(table));
  }

  private cellAt(row: number, col: number): HTMLTableCellElement | null {
    return this.table?.querySelector<HTMLTableCellElement>(`td[data-row="${row}"][data-col="${col}"]`) ?? null;
  }

  // -- selection and keyboard ----------------------------------------------------------------
  private select(row: number, col: number): void {
    if (this.editing) return;
    const table = this.current();
    const changed = !this.selected || this.selected[0] !== row || this.selected[1] !== col;
    this.selected = [row, col];
    if (changed) this.markSelection(table);
    this.cellAt(row, col)?.focus();
    this.emitSelect({
      index: [row, col],
      value: table.data[row]?.[col] ?? null,
      row_value: table.data[row] ?? [],
      col_value: table.data.map((r) => r[col] ?? null),
      selected: true,
    });
  }

  private onCellKey(event: KeyboardEvent, row: number, col: number): void {
    if (this.editing) return;
    const table = this.current();
    const order = this.order(table);
    const position = order.indexOf(row);
    const columns = this.columnCount(table);
    let target: [number, number] | null = null;
    if (event.key === "ArrowDown" && position < order.length - 1) target = [order[position + 1]!, col];
    else if (event.key === "ArrowUp" && position > 0) target = [order[position - 1]!, col];
    else if (event.key === "ArrowRight" && col < columns - 1) target = [row, col + 1];
    else if (event.key === "ArrowLeft" && col > 0) target = [row, col - 1];
    else if (event.key === "Enter" || event.key === "F2") {
      event.preventDefault();
      this.startEdit(row, col);
      return;
    } else if (event.key === " " && this.kind(col, table) === "bool" && this.editableColumn(col)) {
      event.preventDefault();
      this.commit(row, col, !(table.data[row]?.[col] === true));
      return;
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.startEdit(row, col, event.key);
      return;
    }
    if (target) {
      event.preventDefault();
      this.select(target[0], target[1]);
    }
  }

  // -- editing ---------------------------------------------------------------------------------
  private startEdit(row: number, col: number, initial?: string): void {
    const table = this.current();
    const kind = this.kind(col, table);
    if (!this.editableColumn(col) || kind === "bool" || this.editing) return;
    const td = this.cellAt(row, col);
    if (!td) return;
    const value = table.data[row]?.[col] ?? null;
    const label = `Edit row ${row + 1}, ${cellText(table.headers[col] ?? col + 1)}`;
    const input = cellEditor(kind, label, initial ?? cellText(value), (save) => {
      this.editing = null;
      if (save) this.commit(row, col, parseCell(input.value, kind, value, this.props.datatype));
      else this.showValue();
      this.cellAt(row, col)?.focus();
    });
    this.editing = { row, col, input };
    td.replaceChildren(input);
    input.focus();
    if (initial === undefined) input.select();
  }

  /** Store an edited cell: fires input, change and edit (with the old and new value). */
  private commit(row: number, col: number, next: unknown): void {
    const table = this.current();
    const previous = table.data[row]?.[col] ?? null;
    if (sameCell(previous, next)) {
      this.showValue();
      return;
    }
    this.setUserValue(withCell(table, row, col, next), true);
    this.emitEdit({ index: [row, col], value: next, previous_value: previous });
  }

  private renameColumn(col: number, th: HTMLElement, title: HTMLElement): void {
    const table = this.current();
    const input = headerEditor(cellText(table.headers[col]), (save) => {
      if (save && input.value !== cellText(table.headers[col])) {
        const headers = [...table.headers];
        headers[col] = input.value;
        this.setUserValue({ ...table, headers }, true);
      } else {
        this.showValue();
      }
      th.focus();
    });
    title.replaceWith(input);
    input.focus();
    input.select();
  }

  private addRow(): void {
    const table = this.current();
    const columns = this.columnCount(table);
    const row = Array.from({ length: columns }, (_, col) => emptyCell(this.kind(col, table)));
    this.setUserValue({ ...table, data: [...table.data.map((r) => [...r]), row], metadata: null }, true);
    this.status!.textContent = "Row added";
  }

  private addColumn(): void {
    const table = this.current();
    const columns = this.columnCount(table);
    const headers = [...table.headers, String(columns + 1)];
    this.setUserValue({ headers, data: table.data.map((r) => [...r, ""]), metadata: null }, true);
    this.status!.textContent = "Column added";
  }

  private deleteRow(row: number): void {
    const table = this.current();
    this.selected = null;
    this.setUserValue({ ...table, data: table.data.filter((_, index) => index !== row), metadata: null }, true);
    this.status!.textContent = `Row ${row + 1} deleted`;
  }

  private deleteColumn(col: number): void {
    const table = this.current();
    this.selected = null;
    this.sort = null;
    const headers = table.headers.filter((_, index) => index !== col);
    this.setUserValue({ headers, data: table.data.map((r) => r.filter((_, index) => index !== col)), metadata: null }, true);
    this.status!.textContent = "Column deleted";
  }

  /** Copy the table as tab-separated text (pastes into spreadsheets). */
  private copyTable(): void {
    const table = this.current();
    const textValue = tableText(table);
    void navigator.clipboard?.writeText(textValue).catch(() => undefined);
    if (this.status) this.status.textContent = "Table copied";
  }

  override update(changes: Record<string, unknown>): void {
    if ("value" in changes) {
      // A new table from the server: drop a selection that no longer fits it.
      const next = isTable(changes.value) ? changes.value : null;
      if (this.selected && (!next || this.selected[0] >= next.data.length)) this.selected = null;
    }
    super.update(changes);
  }
}

register(Dataframe);
