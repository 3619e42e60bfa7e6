// Message rendering for Chatbot: Markdown text, files (images, video, audio, downloads),
// embedded components drawn by their own elements, and collapsible thoughts.

import type { ChatbotProps } from "../../generated/components/chatbot.gen";
import type { ComponentMessage, FileData } from "../../generated/types.gen";
import type { Host } from "../../core/component";
import { elementFor } from "../../core/registry";
import { h, icon, text } from "../../core/dom";
import { renderMarkdown, type LatexDelimiter } from "../../core/markdown";
import { fileName, isFile, isText, mediaKind, type Item, type Part } from "./messages";

/** What drawing a part needs from the Chatbot. */
export interface PartContext {
  host: Host;
  props: ChatbotProps;
}

/** Where the browser loads a file from (a remote file's own URL as is). */
export function fileUrl(host: Host, file: FileData): string {
  if (file.url) return file.url;
  if (/^(https?:|data:|blob:)/.test(file.path ?? "")) return file.path;
  return host.fileUrl(file);
}

/** One shown part (a thought: with its nested parts); `select` makes it selectable. */
export function itemView(item: Item, ctx: PartContext, select: ((item: Item) => void) | null): HTMLElement {
  if (item.metadata?.title) return thoughtView(item, ctx);
  const wrap = h("div", { class: "sb-chat-part", "data-index": item.index });
  wrap.append(partView(item.content, ctx));
  if (select) {
    wrap.tabIndex = 0;
    wrap.setAttribute("role", "button");
    const onSelect = (event: Event): void => {
      if ((event.target as HTMLElement).closest("a, button, audio, video, details > summary")) return;
      select(item);
    };
    wrap.addEventListener("click", onSelect);
    wrap.addEventListener("keydown", (event) => {
      if (event.target !== wrap || (event.key !== "Enter" && event.key !== " ")) return;
      event.preventDefault();
      onSelect(event);
    });
  }
  return wrap;
}

function thoughtView(item: Item, ctx: PartContext): HTMLElement {
  const meta = item.metadata ?? {};
  const pending = meta.status === "pending";
  const details = h("details", { class: "sb-chat-thought" });
  details.open = meta.status !== "done";
  const summary = h("summary", {}, pending ? h("span", { class: "sb-spinner", "aria-label": "In progress" }) : null, text(meta.title));
  const extra: string[] = [];
  if (meta.log) extra.push(meta.log);
  if (typeof meta.duration === "number") extra.push(`${meta.duration < 10 ? meta.duration.toFixed(1) : Math.round(meta.duration)}s`);
  if (extra.length > 0) summary.append(h("span", { class: "sb-chat-thought-meta" }, extra.join(" · ")));
  const body = h("div", { class: "sb-chat-thought-body" }, partView(item.content, ctx));
  for (const child of item.children) body.append(itemView(child, ctx, null));
  details.append(summary, body);
  return details;
}

function partView(part: Part, ctx: PartContext): HTMLElement {
  if (isText(part)) {
    const div = h("div", { class: "sb-md sb-chat-text" });
    const p = ctx.props;
    if (p.render_markdown === false) {
      div.classList.add("sb-chat-plain");
      div.textContent = part.text;
    } else {
      renderMarkdown(div, part.text, {
        sanitize: p.sanitize_html !== false,
        lineBreaks: p.line_breaks !== false,
        allowTags: p.allow_tags ?? true,
        latexDelimiters: (p.latex_delimiters as LatexDelimiter[] | null | undefined) ?? null,
      });
    }
    return div;
  }
  if (isFile(part)) return fileView(part.file, part.alt_text ?? null, ctx);
  return componentView(part, ctx);
}

function fileView(file: FileData, alt: string | null, ctx: PartContext): HTMLElement {
  const url = fileUrl(ctx.host, file);
  const kind = mediaKind(file);
  const wrap = h("div", { class: "sb-chat-media" });
  if (kind === "image") {
    wrap.append(h("img", { src: url, alt: alt ?? fileName(file), "data-testid": "chatbot-image" }));
  } else if (kind === "video") {
    wrap.append(h("video", { src: url, controls: true, preload: "metadata", title: alt ?? fileName(file), "data-testid": "chatbot-video" }));
  } else if (kind === "audio") {
    wrap.append(h("audio", { src: url, controls: true, preload: "metadata", title: alt ?? fileName(file), "data-testid": "chatbot-audio" }));
  } else {
    const name = fileName(file);
    const extension = name.includes(".") ? name.split(".").pop()!.toUpperCase() : "FILE";
    wrap.append(
      h(
        "a",
        { class: "sb-chat-file", href: url, target: "_blank", rel: "noopener", download: ctx.props.allow_file_downloads === false ? null : name, "data-testid": "chatbot-file" },
        icon("download"),
        h("span", {}, name),
        h("span", { class: "sb-chat-file-type" }, extension),
      ),
    );
    return wrap;
  }
  if (ctx.props.allow_file_downloads !== false) {
    const link = h("a", { class: "sb-icon-button sb-chat-download", href: url, download: fileName(file), "aria-label": `Download ${fileName(file)}`, title: "Download" }, icon("download"));
    wrap.append(h("div", { class: "sb-chat-actions" }, link));
  }
  return wrap;
}

/** An embedded component, drawn by its own element (read-only). */
function componentView(part: ComponentMessage, ctx: PartContext): HTMLElement {
  const wrap = h("div", { class: "sb-chat-component-wrap" });
  const name = String(part.component ?? "").toLowerCase();
  if (name === "file") {
    const files = Array.isArray(part.value) ? (part.value as FileData[]) : part.value ? [part.value as FileData] : [];
    for (const file of files) wrap.append(fileView(file, null, ctx));
    return wrap;
  }
  try {
    const element = elementFor(name);
    const props = { ...(part.props ?? {}), value: part.value, show_label: false, container: false, interactive: false };
    element.setup(-1, props, ctx.host, false);
    wrap.append(element);
  } catch {
    wrap.append(h("div", { class: "sb-chat-component" }, `[${name}]`));
  }
  return wrap;
}
