// Markdown to safe HTML, shared by Markdown, Chatbot and other elements that show rich text.
// `marked` parses (GitHub-flavoured: tables, fenced code, strikethrough, autolinks) and
// DOMPurify removes scripts, event handlers and `javascript:` URLs unless sanitising is off.

import { Marked } from "marked";
import DOMPurify from "dompurify";
import { h, icon } from "./dom";

export interface LatexDelimiter {
  left: string;
  right: string;
  display?: boolean;
}

export interface MarkdownOptions {
  /** Render Markdown (false shows the text as plain, preserving newlines). */
  render?: boolean;
  /** Strip unsafe HTML (scripts, event handlers, javascript: URLs). */
  sanitize?: boolean;
  /** A single newline becomes a line break. */
  lineBreaks?: boolean;
  /** Give headings ids and a link anchor. */
  headerLinks?: boolean;
  /** Custom (non-HTML) tags kept when sanitising: a list of names, or true for every one. */
  allowTags?: string[] | boolean;
  /** Delimiters of LaTeX; null means `$$ … $$` only, [] turns math off. */
  latexDelimiters?: LatexDelimiter[] | null;
  /** Add a copy button to fenced code blocks. */
  codeCopy?: boolean;
}

const parsers = new Map<boolean, Marked>();

function parser(breaks: boolean): Marked {
  let instance = parsers.get(breaks);
  if (!instance) {
    instance = new Marked({ gfm: true, breaks, async: false });
    parsers.set(breaks, instance);
  }
  return instance;
}

/** Tag names DOMPurify knows as HTML/SVG/MathML (anything else is a "custom" tag). */
const KNOWN_TAG = /^(a|abbr|address|area|article|aside|audio|b|base|bdi|bdo|blockquote|body|br|button|canvas|caption|cite|code|col|colgroup|data|datalist|dd|del|details|dfn|dialog|div|dl|dt|em|embed|fieldset|figcaption|figure|footer|form|h[1-6]|head|header|hgroup|hr|html|i|iframe|img|input|ins|kbd|label|legend|li|link|main|map|mark|menu|meta|meter|nav|noscript|object|ol|optgroup|option|output|p|param|picture|pre|progress|q|rp|rt|ruby|s|samp|script|section|select|slot|small|source|span|strong|style|sub|summary|sup|table|tbody|td|template|textarea|tfoot|th|thead|time|title|tr|track|u|ul|var|video|wbr|svg|path|g|circle|rect|line|polyline|polygon|ellipse|text|tspan|defs|use|math|center|font|strike|tt|big)$/i;

function customTags(source: string, allow: string[] | boolean | undefined): string[] {
  if (allow === false || allow === undefined) return [];
  const found = new Set<string>();
  for (const match of source.matchAll(/<\/?([a-zA-Z][\w-]*)/g)) {
    const name = match[1]!.toLowerCase();
    if (!KNOWN_TAG.test(name)) found.add(name);
  }
  if (allow === true) return [...found];
  const wanted = new Set(allow.map((tag) => tag.toLowerCase()));
  return [...found].filter((tag) => wanted.has(tag));
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Replace delimited math with placeholders (so Markdown does not mangle it); returns the
 * text and the HTML each placeholder stands for.
 */
function protectMath(source: string, delimiters: LatexDelimiter[] | null | undefined): [string, string[]] {
  const list = delimiters ?? [{ left: "$$", right: "$$", display: true }];
  const saved: string[] = [];
  let text = source;
  for (const d of list) {
    if (!d.left || !d.right) continue;
    const pattern = new RegExp(`${escapeRegExp(d.left)}([\\s\\S]+?)${escapeRegExp(d.right)}`, "g");
    text = text.replace(pattern, (_all, tex: string) => {
      const tag = d.display ? "div" : "span";
      saved.push(`<${tag} class="sb-math${d.display ? " sb-math-display" : ""}" role="math" aria-label="${escapeHtml(tex.trim())}">${escapeHtml(tex.trim())}</${tag}>`);
      return `SBMATH${saved.length - 1}XMATH`;
    });
  }
  return [text, saved];
}

/** The HTML for `source` (sanitised unless `sanitize` is false). */
export function markdownToHtml(source: string, options: MarkdownOptions = {}): string {
  if (options.render === false) {
    return escapeHtml(source).replace(/\n/g, "<br>");
  }
  const [text, math] = protectMath(source, options.latexDelimiters);
  let html = parser(options.lineBreaks === true).parse(text, { async: false }) as string;
  if (math.length > 0) html = html.replace(/SBMATH(\d+)XMATH/g, (_all, i: string) => math[Number(i)] ?? "");
  if (options.sanitize === false) return html;
  return DOMPurify.sanitize(html, {
    ADD_TAGS: customTags(source, options.allowTags),
    ADD_ATTR: ["target"],
  });
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^\w\s-]/g, "")
    .replace(/\s+/g, "-");
}

/** Render `source` into `target` (replacing its content). */
export function renderMarkdown(target: HTMLElement, source: string, options: MarkdownOptions = {}): void {
  target.innerHTML = markdownToHtml(source, options);
  for (const link of target.querySelectorAll<HTMLAnchorElement>("a[href]")) {
    const href = link.getAttribute("href") ?? "";
    if (/^[a-z][\w+.-]*:/i.test(href) && !href.startsWith(window.location.origin)) {
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    }
  }
  if (options.headerLinks) {
    for (const heading of target.querySelectorAll<HTMLElement>("h1, h2, h3, h4, h5, h6")) {
      const id = slug(heading.textContent ?? "");
      if (!id) continue;
      heading.id = id;
      heading.append(h("a", { class: "sb-md-anchor", href: `#${id}`, "aria-label": `Link to ${heading.textContent ?? ""}` }, "#"));
    }
  }
  if (options.codeCopy !== false) {
    for (const pre of target.querySelectorAll<HTMLPreElement>("pre")) {
      const code = pre.textContent ?? "";
      const button = h("button", { type: "button", class: "sb-icon-button sb-md-code-copy", "aria-label": "Copy code", title: "Copy code" }, icon("copy"));
      button.addEventListener("click", (event) => {
        event.stopPropagation();
        void navigator.clipboard?.writeText(code).catch(() => undefined);
        button.replaceChildren(icon("check"));
        window.setTimeout(() => button.replaceChildren(icon("copy")), 1500);
      });
      pre.classList.add("sb-md-pre");
      pre.append(button);
    }
  }
}

/** The plain text of rendered Markdown (e.g. for accessible names). */
export function markdownText(source: string): string {
  const div = document.createElement("div");
  div.innerHTML = markdownToHtml(source);
  return (div.textContent ?? "").trim();
}
