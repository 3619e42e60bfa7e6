// The page footer (`footer_links`) and its Settings dialog: the display theme (light, dark or
// the system's) and the language, both kept in the browser. `?__theme=light|dark` in the URL
// picks the theme for that visit, as on a Gradio page.

import { h } from "./dom";

export type ThemeChoice = "light" | "dark" | "system";
type FooterLink = string | { label?: string; url?: string };

const THEME_KEY = "specblocks:theme";
const LANGUAGE_KEY = "specblocks:language";

function stored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null; // storage disabled: choices last for the visit only
  }
}

function store(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    /* storage disabled */
  }
}

/** The theme asked for: the URL's `__theme`, else the stored choice, else the system's. */
export function themeChoice(): ThemeChoice {
  const asked = new URLSearchParams(window.location.search).get("__theme") ?? stored(THEME_KEY);
  return asked === "light" || asked === "dark" ? asked : "system";
}

/** Show the page in `choice` (the system's follows the system while the page is open). */
export function applyTheme(choice: ThemeChoice): void {
  const query = window.matchMedia?.("(prefers-color-scheme: dark)");
  const dark = choice === "dark" || (choice === "system" && query?.matches === true);
  document.documentElement.classList.toggle("sb-dark", dark);
  if (query) query.onchange = choice === "system" ? () => applyTheme("system") : null;
}

/** The languages to translate into, the chosen one first. */
export function preferredLanguages(): string[] {
  const browser = typeof navigator === "undefined" ? [] : [...navigator.languages];
  const chosen = stored(LANGUAGE_KEY);
  return chosen ? [chosen, ...browser] : browser;
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The Settings dialog: theme and language (the languages the app has translations for). */
function settingsDialog(languages: string[]): HTMLDialogElement {
  const dialog = h("dialog", { class: "sb-settings", "aria-labelledby": "sb-settings-title" });
  const close = h("button", { type: "button", class: "sb-icon-button sb-settings-close", "aria-label": "Close settings" }, "×");
  close.addEventListener("click", () => dialog.close());
  const theme = h("fieldset", { class: "sb-settings-group" }, h("legend", {}, "Display theme"));
  const current = stored(THEME_KEY) ?? "system";
  for (const [value, label] of [["light", "Light"], ["dark", "Dark"], ["system", "System"]] as const) {
    const input = h("input", { type: "radio", name: "sb-theme", value });
    input.checked = current === value;
    input.addEventListener("change", () => {
      store(THEME_KEY, value === "system" ? null : value);
      applyTheme(value);
    });
    theme.append(h("label", { class: "sb-settings-choice" }, input, label));
  }
  const parts: Node[] = [h("h2", { id: "sb-settings-title" }, "Settings"), close, theme];
  if (languages.length > 1) {
    const select = h("select", { id: "sb-settings-language" });
    const chosen = stored(LANGUAGE_KEY);
    select.append(h("option", { value: "" }, "The browser's language"));
    for (const code of languages) {
      const option = h("option", { value: code }, `${languageName(code)} (${code})`);
      option.selected = chosen === code;
      select.append(option);
    }
    select.addEventListener("change", () => {
      store(LANGUAGE_KEY, select.value || null);
      window.location.reload(); // the page is drawn again in the language chosen
    });
    parts.push(h("div", { class: "sb-settings-group" }, h("label", { for: "sb-settings-language" }, "Language"), select));
  }
  dialog.append(...parts);
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close(); // a click outside the panel
  });
  return dialog;
}

/**
 * The footer with `links` in order: "api" (the API page), "gradio" (the credit), "settings"
 * (the dialog) and `{label, url}` links; "runs" needs a run history, which the page does not
 * keep. None when there is no link.
 */
export function pageFooter(links: readonly FooterLink[] | null | undefined, apiUrl: string, languages: string[]): HTMLElement | null {
  const items: Node[] = [];
  for (const link of links ?? ["api", "gradio", "settings"]) {
    if (link === "api") items.push(h("a", { href: apiUrl }, "Use via API"));
    else if (link === "gradio") items.push(h("span", {}, "Built with specblocks"));
    else if (link === "settings") {
      const dialog = settingsDialog(languages);
      const open = h("button", { type: "button", class: "sb-footer-button", "aria-haspopup": "dialog" }, "Settings");
      open.addEventListener("click", () => dialog.showModal());
      items.push(h("span", {}, open, dialog));
    } else if (typeof link === "object" && link && typeof link.url === "string") {
      items.push(h("a", { href: link.url, target: "_blank", rel: "noopener" }, link.label ?? link.url));
    }
  }
  if (items.length === 0) return null;
  const footer = h("footer", { class: "sb-footer" });
  items.forEach((item, index) => {
    if (index > 0) footer.append(h("span", { class: "sb-footer-dot", "aria-hidden": "true" }, " · "));
    footer.append(item);
  });
  return footer;
}
