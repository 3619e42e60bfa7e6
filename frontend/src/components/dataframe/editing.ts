// Cell editing of Dataframe: the text fields that edit a cell and rename a column in place.
// Each calls `finish` once: with true to save (Enter, Tab for cells, or leaving the field) or
// false to cancel (Escape).

import { h } from "../../core/dom";
import type { Kind } from "./table";

/** A field editing a cell of `kind` (named `label`), holding `text`. */
export function cellEditor(kind: Kind, label: string, text: string, finish: (save: boolean) => void): HTMLInputElement {
  const input = h("input", {
    type: kind === "number" ? "text" : "text",
    inputmode: kind === "number" ? "decimal" : null,
    class: "sb-dataframe-editor",
    "aria-label": label,
  });
  input.value = text;
  const end = once(finish);
  input.addEventListener("keydown", (event) => {
    event.stopPropagation();
    if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      end(true);
    } else if (event.key === "Escape") {
      event.preventDefault();
      end(false);
    }
  });
  input.addEventListener("blur", () => end(true));
  return input;
}

/** A field renaming a column called `text`. */
export function headerEditor(text: string, finish: (save: boolean) => void): HTMLInputElement {
  const input = h("input", { type: "text", class: "sb-dataframe-editor", "aria-label": "Column name" });
  input.value = text;
  const end = once(finish);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") end(true);
    else if (event.key === "Escape") end(false);
  });
  input.addEventListener("blur", () => end(true));
  return input;
}

function once(finish: (save: boolean) => void): (save: boolean) => void {
  let done = false;
  return (save) => {
    if (done) return;
    done = true;
    finish(save);
  };
}
