// The Chatbot's prompts for the user: the placeholder and example prompts of an empty chat,
// and the reply options after the last assistant message.

import type { ChatbotProps } from "../../generated/components/chatbot.gen";
import type { FileData, OptionDict } from "../../generated/types.gen";
import type { Host } from "../../core/component";
import { h } from "../../core/dom";
import { renderMarkdown } from "../../core/markdown";
import { mediaKind } from "./messages";
import { fileUrl } from "./parts";

interface Example {
  text?: string;
  display_text?: string;
  files?: (string | FileData)[];
  icon?: string | FileData;
}

/** The reply options; `choose` gets the position and value of the clicked one. */
export function optionButtons(options: OptionDict[], choose: (index: number, value: string) => void): HTMLElement {
  const list = h("div", { class: "sb-chat-options", role: "group", "aria-label": "Reply options" });
  options.forEach((option, index) => {
    const button = h("button", { type: "button", class: "sb-chat-option" }, option.label || option.value);
    button.addEventListener("click", () => choose(index, option.value));
    list.append(button);
  });
  return list;
}

/** The view of an empty chat: the placeholder and the examples (`choose` gets a clicked one). */
export function emptyView(props: ChatbotProps, host: Host, choose: (index: number, value: Record<string, unknown>) => void): HTMLElement {
  const empty = h("div", { class: "sb-chat-empty" });
  const placeholder = props.placeholder;
  if (typeof placeholder === "string" && placeholder) {
    const div = h("div", { class: "sb-md sb-chat-placeholder" });
    renderMarkdown(div, placeholder, { sanitize: props.sanitize_html !== false });
    empty.append(div);
  }
  const examples = Array.isArray(props.examples) ? (props.examples as (Example | string)[]) : [];
  if (examples.length > 0) {
    const list = h("div", { class: "sb-chat-examples", role: "list" });
    examples.forEach((raw, index) => {
      const example: Example = typeof raw === "string" ? { text: raw } : raw;
      const button = h("button", { type: "button", class: "sb-chat-example", role: "listitem" });
      const image = example.icon ?? example.files?.find((file) => typeof file !== "string" && mediaKind(file) === "image");
      if (image) {
        const src = fileUrl(host, typeof image === "string" ? { path: image } : image);
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
        choose(index, value);
      });
      list.append(button);
    });
    empty.append(list);
  }
  return empty;
}
