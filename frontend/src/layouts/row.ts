// Row, Column, Group and Form: flex containers for their children.

import { ColumnBase } from "../generated/components/column.gen";
import { FormBase } from "../generated/components/form.gen";
import { GroupBase } from "../generated/components/group.gen";
import { RowBase } from "../generated/components/row.gen";
import { register } from "../core/registry";
import { cssSize } from "../core/dom";

function sizes(el: HTMLElement, p: { height?: unknown; max_height?: unknown; min_height?: unknown }): void {
  el.style.height = cssSize(p.height);
  el.style.maxHeight = cssSize(p.max_height);
  el.style.minHeight = cssSize(p.min_height);
}

export class Row extends RowBase {
  private drawn = false;

  protected build(): void {
    this.classList.toggle("sb-equal-height", this.props.equal_height === true);
    this.dataset.variant = String(this.props.variant ?? "default");
    sizes(this, this.props);
    if (!this.drawn) {
      this.drawn = true;
      this.host.renderChildren(this.blockId, this);
    }
  }
}

export class Column extends ColumnBase {
  private drawn = false;

  protected build(): void {
    this.dataset.variant = String(this.props.variant ?? "default");
    if (typeof this.props.scale === "number") this.style.flexGrow = String(this.props.scale);
    if (!this.drawn) {
      this.drawn = true;
      this.host.renderChildren(this.blockId, this);
    }
  }
}

export class Group extends GroupBase {
  private drawn = false;

  protected build(): void {
    if (!this.drawn) {
      this.drawn = true;
      this.host.renderChildren(this.blockId, this);
    }
  }
}

/** The panel the server puts around each run of form fields; it lays them out as its parent does. */
export class Form extends FormBase {
  private drawn = false;

  protected build(): void {
    const scale = typeof this.props.scale === "number" ? this.props.scale : 0;
    const minWidth = typeof this.props.min_width === "number" ? this.props.min_width : 0;
    this.style.flexGrow = String(scale);
    this.style.minWidth = minWidth > 0 ? `min(${minWidth}px, 100%)` : "";
    if (!this.drawn) {
      this.drawn = true;
      this.host.renderChildren(this.blockId, this);
    }
  }
}

register(Row);
register(Column);
register(Group);
register(Form);
