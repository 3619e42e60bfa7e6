// Cell rendering helpers of Dataframe (shared with Dataset): cell text, safe HTML and inline
// Markdown.

/** The text of a cell value (null shows empty). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

const SAFE_TAGS = new Set(["A", "B", "BR", "CODE", "DIV", "EM", "I", "IMG", "LI", "OL", "P", "PRE", "S", "SMALL", "SPAN", "STRONG", "SUB", "SUP", "U", "UL", "DEL", "MARK", "TABLE", "TBODY", "THEAD", "TR", "TD", "TH", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "HR"]);

/** Parse HTML and keep only harmless elements and attributes. */
export function safeHtml(source: string): DocumentFragment {
  const doc = new DOMParser().parseFromString(`<body>${source}</body>`, "text/html");
  const clean = (node: Element): void => {
    for (const child of [...node.children]) {
      if (!SAFE_TAGS.has(child.tagName)) {
        child.replaceWith(document.createTextNode(child.textContent ?? ""));
        continue;
      }
      for (const attr of [...child.attributes]) {
        const name = attr.name.toLowerCase();
        const value = attr.value.trim().toLowerCase();
        const allowed = ["href", "src", "alt", "title", "style", "class", "target", "rel"].includes(name);
        if (!allowed || ((name === "href" || name === "src") && value.startsWith("javascript:"))) child.removeAttribute(attr.name);
      }
      if (child.tagName === "A") child.setAttribute("rel", "noopener noreferrer");
      clean(child);
    }
  };
  clean(doc.body);
  const fragment = document.createDocumentFragment();
  fragment.append(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
  return fragment;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Inline Markdown (bold, italics, code, links, images; line breaks) as safe nodes. */
export function inlineMarkdown(source: string, lineBreaks = true): DocumentFragment {
  let html = escapeHtml(source);
  html = html.replace(/`([^`]+)`/g, "<code>$1</code>");
  html = html.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, '<img alt="$1" src="$2">');
  html = html.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2" target="_blank">$1</a>');
  html = html.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>").replace(/__([^_]+)__/g, "<strong>$1</strong>");
  html = html.replace(/\*([^*]+)\*/g, "<em>$1</em>").replace(/(^|\W)_([^_]+)_(?=\W|$)/g, "$1<em>$2</em>");
  html = html.replace(/~~([^~]+)~~/g, "<del>$1</del>");
  html = lineBreaks ? html.replace(/\n/g, "<br>") : html.replace(/\n(?!\n)/g, " ").replace(/\n+/g, "<br>");
  return safeHtml(html);
}
