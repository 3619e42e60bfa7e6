// Chatbot: a conversation of user and assistant messages (Markdown text, files, embedded
// components, collapsible thoughts), with per-message like/dislike, copy, edit, retry and undo
// buttons, reply options, example prompts for an empty chat, and a clear button.
// The conversation model, message rendering and the empty view live in ./chat/.

import { ChatbotBase } from "../generated/components/chatbot.gen";
import type { FileData, OptionDict, TextMessage } from "../generated/types.gen";
import { register } from "../core/registry";
import { cssSize, frame, h, icon, iconButton, text } from "../core/dom";
import { emptyView, optionButtons } from "./chat/examples";
import { groupText, isText, messageGroups, messageItems, partValue, type Item, type Message } from "./chat/messages";
import { fileUrl, itemView } from "./chat/parts";
import "../styles/chat.css";

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
    return messageItems(this.messages);
  }

  /** Consecutive shown parts of one role (each part alone when grouping is off). */
  private groups(items: Item[]): Item[][] {
    return messageGroups(items, this.props.group_consecutive_messages !== false);
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

  /** One shown part; a click on it (or Enter) fires `select` when `selectable`. */
  private itemView(item: Item, selectable: boolean): HTMLElement {
    const select = (target: Item): void => this.emitSelect({ index: target.index, value: partValue(target.content) });
    return itemView(item, { host: this.host, props: this.props }, selectable ? select : null);
  }

  /** Where the browser loads a file from (a remote file's own URL as is). */
  private url(file: FileData): string {
    return fileUrl(this.host, file);
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
    const value = groupText(group);
    this.writeClipboard(value, button);
    this.emitCopy({ value });
  }

  private copyAll(button: HTMLButtonElement): void {
    const lines = this.groups(this.items()).map((group) => `${group[0]!.role}: ${groupText(group)}`);
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
    return optionButtons(options, (index, value) => this.emitOptionSelect({ index, value }));
  }

  private emptyView(): HTMLElement {
    return emptyView(this.props, this.host, (index, value) => this.emitExampleSelect({ index, value }));
  }
}

register(Chatbot);
