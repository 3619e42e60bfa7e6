// DateTime: a date (and time) field in the wire format "YYYY-MM-DD HH:MM:SS", with a calendar
// button opening the browser's date picker. Typed text is taken on Enter (submit) or on leaving
// the field.

import { DateTimeBase } from "../generated/components/date_time.gen";
import { register } from "../core/registry";
import { frame, h, text } from "../core/dom";
import "../styles/inputs.css";

const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RELATIVE = /^\s*now\s*(-\s*\d+\s*[dhms])?\s*$/;

/** A calendar icon (decorative). */
function calendarIcon(): SVGSVGElement {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "sb-icon sb-icon-calendar");
  const path = document.createElementNS(ns, "path");
  path.setAttribute("d", "M4 6h16v14H4zM4 10h16M8 3v5M16 3v5");
  svg.append(path);
  return svg;
}

export class DateTime extends DateTimeBase {
  private field: HTMLInputElement | null = null;
  private picker: HTMLInputElement | null = null;

  private get withTime(): boolean {
    return this.props.include_time !== false;
  }

  /** Whether typed text is a value the server accepts. */
  private valid(typed: string): boolean {
    if (RELATIVE.test(typed)) return true;
    if (!(this.withTime ? DATE_TIME : DATE).test(typed)) return false;
    const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = typed.split(/[- :]/).map(Number);
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return month >= 1 && month <= 12 && day >= 1 && day <= days && hour < 24 && minute < 60 && second < 60;
  }

  protected build(): void {
    const p = this.props;
    const enabled = this.interactive;
    const label = text(p.label);
    const format = this.withTime ? "YYYY-MM-DD HH:MM:SS" : "YYYY-MM-DD";
    const field = h("input", { type: "text", class: "sb-input sb-datetime-text", placeholder: format, autocomplete: "off", spellcheck: "false" });
    field.disabled = !enabled;
    this.field = field;
    field.addEventListener("keydown", (event) => {
      if (event.key !== "Enter" || event.isComposing) return;
      event.preventDefault();
      if (this.commit()) this.emitSubmit();
    });
    field.addEventListener("blur", () => this.commit());
    field.addEventListener("input", () => field.removeAttribute("aria-invalid"));

    const row = h("div", { class: "sb-datetime-row" }, field);
    this.picker = null;
    if (enabled) {
      const picker = h("input", {
        type: this.withTime ? "datetime-local" : "date",
        class: "sb-datetime-native",
        tabindex: -1,
        "aria-hidden": "true",
      });
      if (this.withTime) picker.step = "1";
      picker.addEventListener("change", () => {
        if (!picker.value) return;
        const [date = "", time = ""] = picker.value.split("T");
        const full = time.length === 5 ? `${time}:00` : time;
        field.value = this.withTime ? `${date} ${full}` : date;
        this.commit();
      });
      this.picker = picker;
      const open = h("button", { type: "button", class: "sb-icon-button sb-datetime-button", "aria-label": label ? `${label}: pick from a calendar` : "Pick from a calendar", title: "Pick from a calendar" }, calendarIcon());
      open.addEventListener("click", () => {
        this.syncPicker();
        try {
          picker.showPicker();
        } catch {
          picker.focus();
        }
      });
      row.append(h("span", { class: "sb-datetime-picker" }, open, picker));
    }
    this.replaceChildren(frame({ label: p.label, info: p.info, showLabel: p.show_label, container: p.container !== false }, [row], field));
    this.showValue();
  }

  protected override showValue(): void {
    if (!this.field) return this.build();
    this.field.value = text(this.props.value);
    this.field.removeAttribute("aria-invalid");
  }

  /** Give the native picker the current value, so it opens on that date. */
  private syncPicker(): void {
    const picker = this.picker;
    if (!picker) return;
    const value = text(this.props.value);
    if (!(this.withTime ? DATE_TIME : DATE).test(value)) return;
    picker.value = this.withTime ? value.replace(" ", "T") : value;
  }

  /** Take the typed text as the value; false when it is not a valid date. */
  private commit(): boolean {
    const field = this.field;
    if (!field) return false;
    const typed = field.value.trim();
    if (typed && !this.valid(typed)) {
      field.setAttribute("aria-invalid", "true");
      return false;
    }
    field.removeAttribute("aria-invalid");
    const value = typed || null;
    if (value !== (this.props.value ?? null)) this.setUserValue(value);
    return true;
  }
}

register(DateTime);
