// Chatbot: a conversation of user and assistant messages (Markdown text, files, embedded
// components, collapsible thoughts), with per-message like/dislike, copy, edit, retry and undo
// buttons, reply options, example prompts for an empty chat, and a clear button.

import { ChatbotBase } from "../generated/components/chatbot.gen";
import type { ComponentMessage, FileData, FileMessage, MetadataDict, OptionDict, TextMessage } from "../generated/types.gen";
import { elementFor, register } from "../core/registry";
import { cssSize, frame, h, icon, iconButton, text } from "../core/dom";
import { renderMarkdown, type LatexDelimiter } from "../core/markdown";
import "../styles/chat.css";

type Part = TextMessage | FileMessage | ComponentMessage;

interface Message {
  role: string;
  metadata?: MetadataDict | null;
  content: Part[];
  options?: OptionDict[] | null;
}

/** One part of one message, as shown (Gradio's "normalised message"). */
interface Item {
  /** The position of its message in the value. */
  index: number;
  /** The position of the part in its message's content. */
  part: number;
  role: string;
  metadata: MetadataDict | null;
  options: OptionDict[] | null;
  content: Part;
  children: Item[];
}

interface Example {
  text?: string;
  display_text?: string;
  files?: (string | FileData)[];
  icon?: string | FileData;
}

function isText(part: Part): part is TextMessage {
  return (part.type ?? ("text" in part ? "text" : "")) === "text";
}

function isFile(part: Part): part is FileMessage {
  return (part.type ?? ("file" in part ? "file" : "")) === "file";
}

/** What listeners receive as the content of one shown part (text parts: their text). */
function partValue(part: Part): unknown {
  return isText(part) ? part.text : part;
}

function mediaKind(file: FileData): "image" | "video" | "audio" | "file" {
  const mime = file.mime_type ?? "";
  const name = (file.orig_name ?? file.path ?? file.url ?? "").toLowerCase();
  if (mime.startsWith("image/") || /\.(png|jpe?g|gif|webp|svg|bmp|avif)$/.test(name)) return "image";
  if (mime.startsWith("video/") || /\.(mp4|webm|ogv|mov|m4v)$/.test(name)) return "video";
  if (mime.startsWith("audio/") || /\.(mp3|wav|ogg|oga|flac|m4a|aac|opus)$/.test(name)) return "audio";
  return "file";
}

function fileName(file: FileData): string {
  return file.orig_name || (file.path ?? "").split(/[\\/]/).pop() || "file";
}

export class Chatbot extends ChatbotBase {
  private log: HTMLElement | null = null;
  /** The group being edited (its position among the shown groups), or null. */
  private editing: number | null = null;
  /** Feedback given in this page, by the index of the rated group's first message. */
  private feedback = new Map<number, string | null>();

  protected build(): void {
    const p = this.props;
    // Follow new messages only when the user has not scrolled up to read older ones.
    const old = this.log;
    const follow = !old || old.scrollHeight - old.scrollTop - old.clientHeight < 80;
    const previousTop = old?.scrollTop ?? 0;
    const log = h("div", { class: "sb-chat-log", role: "log", "aria-label": "chatbot conversation", "aria-live": "polite" });
    this.log = log;
    if (p.rtl) log.dir = "rtl";
    if (p.layout === "panel") log.classList.add("sb-chat-panel");
    if (p.resizable) log.classList.add("sb-chat-resizable");
    const height = cssSize(p.height);
    const max = cssSize(p.max_height);
    const min = cssSize(p.min_height);
    if (height) log.style.height = height;
    if (max) log.style.maxHeight = max;
    if (min) log.style.minHeight = min;
    const toolbar = h("div", { class: "sb-chat-toolbar" });
    this.drawLog(toolbar);
    const block = frame({ label: p.label, showLabel: p.show_label, container: p.container }, [toolbar, log]);
    this.replaceChildren(block);
    if (follow) this.scrollToEnd();
    else log.scrollTop = previousTop;
  }

  protected override showValue(): void {
    this.editing = null;
    this.build();
  }

  // --- the conversation -----------------------------------------------------------------

  private get messages(): Message[] {
    const value = this.props.value;
    return Array.isArray(value) ? (value as Message[]) : [];
  }

  /** Every shown part, thoughts nested under their parents (system messages left out). */
  private items(): Item[] {
    const thoughts = new Map<string, Item>();
    const items: Item[] = [];
    this.messages.forEach((message, index) => {
      const content = Array.isArray(message.content) ? message.content : [];
      content.forEach((part, position) => {
        const item: Item = {
          index,
          part: position,
          role: message.role,
          metadata: message.metadata ?? null,
          options: message.options ?? null,
          content: part,
          children: [],
        };
        const { id, title, parent_id: parent } = item.metadata ?? {};
        if (parent !== undefined && parent !== null && thoughts.has(String(parent))) {
          thoughts.get(String(parent))!.children.push(item);
          if (id !== undefined && title) thoughts.set(String(id), item);
          return;
        }
        if (id !== undefined && title) thoughts.set(String(id), item);
        items.push(item);
      });
    });
    return items;
  }

  /** Consecutive shown parts of one role (each part alone when grouping is off). */
  private groups(items: Item[]): Item[][] {
    const groups: Item[][] = [];
    for (const item of items) {
      if (item.role !== "user" && item.role !== "assistant") continue;
      const last = groups[groups.length - 1];
      if (last && this.props.group_consecutive_messages !== false && last[0]!.role === item.role) last.push(item);
      else groups.push([item]);
    }
    return groups;
  }

  private drawLog(toolbar: HTMLElement): void {
    const log = this.log!;
    const items = this.items();
    const groups = this.groups(items);
    const buttons = this.props.buttons;
    const showAll = buttons === null || buttons === undefined;
    const names = Array.isArray(buttons) ? buttons : [];
    if (groups.length > 0) {
      if (showAll || names.includes("copy_all")) {
        toolbar.append(iconButton("copy", "Copy conversation", (event) => this.copyAll(event.currentTarget as HTMLButtonElement)));
      }
      toolbar.append(iconButton("clear", "Clear", () => this.clear()));
    }
    for (const entry of names) {
      if (entry && typeof entry === "object" && "id" in entry) {
        // A Button given in `buttons`: shown in the toolbar, clicking it runs its own listeners.
        const config = entry as { id?: number; value?: unknown };
        const button = h("button", { type: "button", class: "sb-btn sb-size-sm sb-chat-custom-button" }, text(config.value) || "Action");
        button.addEventListener("click", () => {
          if (typeof config.id === "number") this.host.trigger(config.id, "click");
        });
        toolbar.append(button);
      }
    }
    toolbar.hidden = toolbar.childElementCount === 0;
    if (groups.length === 0) {
      log.append(this.emptyView());
      return;
    }
    const lastGroup = groups[groups.length - 1]!;
    groups.forEach((group, position) => log.append(this.groupRow(group, position, group === lastGroup, items)));
    const lastItem = lastGroup[lastGroup.length - 1]!;
    if (lastItem.role === "assistant" && lastItem.options && lastItem.options.length > 0) {
      log.append(this.optionButtons(lastItem.options));
    }
  }

  private scrollToEnd(): void {
    if (this.props.autoscroll === false || !this.log) return;
    const log = this.log;
    requestAnimationFrame(() => {
      log.scrollTop = log.scrollHeight;
    });
  }

  // --- one group of messages --------------------------------------------------------------

  private avatar(role: string): HTMLElement | null {
    const images = this.props.avatar_images;
    if (!Array.isArray(images)) return null;
    const source = images[role === "user" ? 0 : 1] as string | FileData | null | undefined;
    if (!source) return null;
    const src = this.url(typeof source === "string" ? { path: source } : source);
    return h("img", { class: "sb-chat-avatar", src, alt: `${role} avatar` });
  }

  private groupRow(group: Item[], position: number, isLast: boolean, all: Item[]): HTMLElement {
    const role = group[0]!.role;
    const row = h("div", { class: `sb-chat-row sb-chat-${role}`, "data-testid": role === "user" ? "user" : "bot" });
    const avatar = this.avatar(role);
    if (avatar) row.append(avatar);
    const stack = h("div", { class: "sb-chat-stack" });
    const editing = this.editing === position;
    const selectable = this.props._selectable === true;
    const bubble = h("div", { class: "sb-chat-bubble" });
    if (selectable) row.classList.add("sb-chat-selectable");
    const editors: [Item, HTMLTextAreaElement][] = [];
    for (const item of group) {
      if (editing && isText(item.content) && !item.metadata?.title) {
        const field = h("textarea", { class: "sb-input", rows: Math.max(2, item.content.text.split("\n").length), "aria-label": "Edit message" });
        field.value = item.content.text;
        editors.push([item, field]);
        bubble.append(field);
        continue;
      }
      bubble.append(this.itemView(item, selectable));
    }
    if (editing) {
      bubble.classList.add("sb-chat-edit");
      bubble.append(
        h(
          "div",
          { class: "sb-chat-edit-buttons" },
          h("button", { type: "button", class: "sb-btn sb-btn-primary", onclick: () => this.submitEdit(editors) }, "Submit"),
          h("button", { type: "button", class: "sb-btn", onclick: () => this.cancelEdit() }, "Cancel"),
        ),
      );
      requestAnimationFrame(() => editors[0]?.[1].focus());
    }
    stack.append(bubble);
    if (!editing) {
      const actions = this.actions(group, position, isLast, all);
      if (actions.childElementCount > 0) stack.append(actions);
    }
    row.append(stack);
    return row;
  }

  private itemView(item: Item, selectable: boolean): HTMLElement {
    if (item.metadata?.title) return this.thoughtView(item);
    const wrap = h("div", { class: "sb-chat-part", "data-index": item.index });
    wrap.append(this.partView(item.content));
    if (selectable) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "button");
      const select = (event: Event): void => {
        if ((event.target as HTMLElement).closest("a, button, audio, video, details > summary")) return;
        this.emitSelect({ index: item.index, value: partValue(item.content) });
      };
      wrap.addEventListener("click", select);
      wrap.addEventListener("keydown", (event) => {
        if (event.target !== wrap || (event.key !== "Enter" && event.key !== " ")) return;
        event.preventDefault();
        select(event);
      });
    }
    return wrap;
  }

  private thoughtView(item: Item): HTMLElement {
    const meta = item.metadata ?? {};
    const pending = meta.status === "pending";
    const details = h("details", { class: "sb-chat-thought" });
    details.open = meta.status !== "done";
    const summary = h("summary", {}, pending ? h("span", { class: "sb-spinner", "aria-label": "In progress" }) : null, text(meta.title));
    const extra: string[] = [];
    if (meta.log) extra.push(meta.log);
    if (typeof meta.duration === "number") extra.push(`${meta.duration < 10 ? meta.duration.toFixed(1) : Math.round(meta.duration)}s`);
    if (extra.length > 0) summary.append(h("span", { class: "sb-chat-thought-meta" }, extra.join(" · ")));
    const body = h("div", { class: "sb-chat-thought-body" }, this.partView(item.content));
    for (const child of item.children) body.append(this.itemView(child, false));
    details.append(summary, body);
    return details;
  }

  private partView(part: Part): HTMLElement {
    if (isText(part)) {
      const div = h("div", { class: "sb-md sb-chat-text" });
      const p = this.props;
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
    if (isFile(part)) return this.fileView(part.file, part.alt_text ?? null);
    return this.componentView(part);
  }

  /** Where the browser loads a file from (a remote file's own URL as is). */
  private url(file: FileData): string {
    if (file.url) return file.url;
    if (/^(https?:|data:|blob:)/.test(file.path ?? "")) return file.path;
    return this.host.fileUrl(file);
  }

  private fileView(file: FileData, alt: string | null): HTMLElement {
    const url = this.url(file);
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
          { class: "sb-chat-file", href: url, target: "_blank", rel: "noopener", download: this.props.allow_file_downloads === false ? null : name, "data-testid": "chatbot-file" },
          icon("download"),
          h("span", {}, name),
          h("span", { class: "sb-chat-file-type" }, extension),
        ),
      );
      return wrap;
    }
    if (this.props.allow_file_downloads !== false) {
      const link = h("a", { class: "sb-icon-button sb-chat-download", href: url, download: fileName(file), "aria-label": `Download ${fileName(file)}`, title: "Download" }, icon("download"));
      wrap.append(h("div", { class: "sb-chat-actions" }, link));
    }
    return wrap;
  }

  /** An embedded component, drawn by its own element (read-only). */
  private componentView(part: ComponentMessage): HTMLElement {
    const wrap = h("div", { class: "sb-chat-component-wrap" });
    const name = String(part.component ?? "").toLowerCase();
    if (name === "file") {
      const files = Array.isArray(part.value) ? (part.value as FileData[]) : part.value ? [part.value as FileData] : [];
      for (const file of files) wrap.append(this.fileView(file, null));
      return wrap;
    }
    try {
      const element = elementFor(name);
      const props = { ...(part.props ?? {}), value: part.value, show_label: false, container: false, interactive: false };
      element.setup(-1, props, this.host, false);
      wrap.append(element);
    } catch {
      wrap.append(h("div", { class: "sb-chat-component" }, `[${name}]`));
    }
    return wrap;
  }

  // --- message buttons ----------------------------------------------------------------------

  private listens(event: string): boolean {
    return this.host.hasListener?.(this.blockId, event) ?? true;
  }

  private actions(group: Item[], position: number, isLast: boolean, all: Item[]): HTMLElement {
    const p = this.props;
    const role = group[0]!.role;
    const bar = h("div", { class: "sb-chat-actions" });
    const texts = group.filter((item) => isText(item.content));
    const buttons = p.buttons;
    const showCopy = buttons === null || buttons === undefined || (Array.isArray(buttons) && buttons.includes("copy"));
    const canEdit = (p.editable === "all" || (p.editable === "user" && role === "user")) && texts.length > 0;
    const lastBot = isLast && role === "assistant";
    if (canEdit) bar.append(iconButton("edit", "Edit", () => this.startEdit(position)));
    if (lastBot && this.listens("retry")) bar.append(iconButton("retry", "Retry", () => this.retryOrUndo("retry", all)));
    if (lastBot && this.listens("undo")) bar.append(iconButton("undo", "Undo", () => this.retryOrUndo("undo", all)));
    if (showCopy && texts.length > 0) {
      bar.append(iconButton("copy", "Copy message", (event) => this.copyGroup(group, event.currentTarget as HTMLButtonElement)));
    }
    if ((role === "assistant" || (role === "user" && p.like_user_message)) && this.listens("like")) {
      this.feedbackButtons(group, bar);
    }
    return bar;
  }

  private currentFeedback(group: Item[]): string | null {
    const first = group[0]!.index;
    if (this.feedback.has(first)) return this.feedback.get(first) ?? null;
    const given = this.props.feedback_value;
    if (!Array.isArray(given)) return null;
    // One entry per assistant message, in order.
    let count = 0;
    for (let i = 0; i < first; i += 1) if (this.messages[i]?.role === "assistant") count += 1;
    return given[count] ?? null;
  }

  private feedbackButtons(group: Item[], bar: HTMLElement): void {
    const options = Array.isArray(this.props.feedback_options) ? this.props.feedback_options : ["Like", "Dislike"];
    const current = this.currentFeedback(group);
    const others = options.filter((option) => option !== "Like" && option !== "Dislike");
    for (const option of ["Like", "Dislike"]) {
      if (!options.includes(option)) continue;
      const button = iconButton(option === "Like" ? "like" : "dislike", option, () => this.like(group, option));
      button.setAttribute("aria-pressed", String(current === option));
      bar.append(button);
    }
    if (others.length > 0) {
      const menu = h("select", { class: "sb-chat-feedback", "aria-label": "Other feedback" }, h("option", { value: "" }, "Feedback…"));
      for (const option of others) menu.append(h("option", { value: option, selected: current === option }, option));
      menu.addEventListener("change", () => {
        if (menu.value) this.like(group, menu.value);
      });
      bar.append(menu);
    }
  }

  private like(group: Item[], option: string): void {
    const first = group[0]!.index;
    const previous = this.currentFeedback(group);
    this.feedback.set(first, previous === option ? null : option);
    const liked = option === "Like" ? true : option === "Dislike" ? false : option;
    this.emitLike({ index: first, value: group.map((item) => partValue(item.content)), liked });
    this.build();
  }

  private retryOrUndo(kind: "retry" | "undo", all: Item[]): void {
    let last = all.length - 1;
    while (last >= 0 && all[last]!.role !== "user") last -= 1;
    const target = all[last];
    if (!target) return;
    const data = { index: target.index, value: partValue(target.content) };
    if (kind === "retry") this.emitRetry(data);
    else this.emitUndo(data);
  }

  private groupText(group: Item[]): string {
    return group
      .filter((item) => isText(item.content))
      .map((item) => (item.content as TextMessage).text)
      .join("\n");
  }

  private writeClipboard(value: string, button: HTMLButtonElement | null): void {
    const watermark = this.props.watermark;
    const copied = watermark ? `${value}\n\n${watermark}` : value;
    void navigator.clipboard?.writeText(copied).catch(() => undefined);
    if (button) {
      button.replaceChildren(icon("check"));
      window.setTimeout(() => button.replaceChildren(icon("copy")), 1500);
    }
  }

  private copyGroup(group: Item[], button: HTMLButtonElement): void {
    const value = this.groupText(group);
    this.writeClipboard(value, button);
    this.emitCopy({ value });
  }

  private copyAll(button: HTMLButtonElement): void {
    const lines = this.groups(this.items()).map((group) => `${group[0]!.role}: ${this.groupText(group)}`);
    this.writeClipboard(lines.join("\n\n"), button);
  }

  // --- editing ------------------------------------------------------------------------------

  private startEdit(position: number): void {
    this.editing = position;
    this.build();
  }

  private cancelEdit(): void {
    this.editing = null;
    this.build();
  }

  private submitEdit(editors: [Item, HTMLTextAreaElement][]): void {
    const messages = structuredClone(this.messages);
    const edits: { index: number; value: string; previous_value: string }[] = [];
    for (const [item, field] of editors) {
      const message = messages[item.index];
      const previous = (item.content as TextMessage).text;
      if (message) message.content[item.part] = { text: field.value, type: "text" };
      edits.push({ index: item.index, value: field.value, previous_value: previous });
    }
    this.editing = null;
    const before = this.props.value;
    this.props.value = messages;
    this.build();
    for (const edit of edits) this.emitEdit(edit);
    if (JSON.stringify(before) !== JSON.stringify(messages)) this.valueChanged();
  }

  // --- clearing, options and examples ---------------------------------------------------------

  private clear(): void {
    this.editing = null;
    this.feedback.clear();
    this.props.value = [];
    this.build();
    this.emitClear();
    this.valueChanged();
  }

  private optionButtons(options: OptionDict[]): HTMLElement {
    const list = h("div", { class: "sb-chat-options", role: "group", "aria-label": "Reply options" });
    options.forEach((option, index) => {
      const button = h("button", { type: "button", class: "sb-chat-option" }, option.label || option.value);
      button.addEventListener("click", () => this.emitOptionSelect({ index, value: option.value }));
      list.append(button);
    });
    return list;
  }

  private emptyView(): HTMLElement {
    const empty = h("div", { class: "sb-chat-empty" });
    const placeholder = this.props.placeholder;
    if (typeof placeholder === "string" && placeholder) {
      const div = h("div", { class: "sb-md sb-chat-placeholder" });
      renderMarkdown(div, placeholder, { sanitize: this.props.sanitize_html !== false });
      empty.append(div);
    }
    const examples = Array.isArray(this.props.examples) ? (this.props.examples as (Example | string)[]) : [];
    if (examples.length > 0) {
      const list = h("div", { class: "sb-chat-examples", role: "list" });
      examples.forEach((raw, index) => {
        const example: Example = typeof raw === "string" ? { text: raw } : raw;
        const button = h("button", { type: "button", class: "sb-chat-example", role: "listitem" });
        const image = example.icon ?? example.files?.find((file) => typeof file !== "string" && mediaKind(file) === "image");
        if (image) {
          const src = this.url(typeof image === "string" ? { path: image } : image);
          button.append(h("img", { src, alt: "" }));
        }
        button.append(h("span", {}, example.display_text ?? example.text ?? ""));
        const files = example.files ?? [];
        if (files.length > 0 && !example.display_text && !example.text) {
          button.append(h("span", { class: "sb-chat-file-type" }, `${files.length} file${files.length === 1 ? "" : "s"}`));
        }
        button.addEventListener("click", () => {
          const value: Record<string, unknown> = { text: example.text };
          if (example.files !== undefined) value.files = example.files;
          this.emitExampleSelect({ index, value });
        });
        list.append(button);
      });
      empty.append(list);
    }
    return empty;
  }
}

register(Chatbot);
