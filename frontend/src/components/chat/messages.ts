// The conversation of a Chatbot: its messages, the parts shown (thoughts nested under their
// parents) and the groups of consecutive parts of one role.

import type { ComponentMessage, FileData, FileMessage, MetadataDict, OptionDict, TextMessage } from "../../generated/types.gen";

export type Part = TextMessage | FileMessage | ComponentMessage;

export interface Message {
  role: string;
  metadata?: MetadataDict | null;
  content: Part[];
  options?: OptionDict[] | null;
}

/** One part of one message, as shown (Gradio's "normalised message"). */
export interface Item {
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

export function isText(part: Part): part is TextMessage {
  return (part.type ?? ("text" in part ? "text" : "")) === "text";
}

export function isFile(part: Part): part is FileMessage {
  return (part.type ?? ("file" in part ? "file" : "")) === "file";
}

/** What listeners receive as the content of one shown part (text parts: their text). */
export function partValue(part: Part): unknown {
  return isText(part) ? part.text : part;
}

export function mediaKind(file: FileData): "image" | "video" | "audio" | "file" {
  const mime = file.mime_type ?? "";
  const name = (file.orig_name ?? file.path ?? file.url ?? "").toLowerCase();
  if (mime.startsWith("image/") || /\.(png|jpe?g|gif|webp|svg|bmp|avif)$/.test(name)) return "image";
  if (mime.startsWith("video/") || /\.(mp4|webm|ogv|mov|m4v)$/.test(name)) return "video";
  if (mime.startsWith("audio/") || /\.(mp3|wav|ogg|oga|flac|m4a|aac|opus)$/.test(name)) return "audio";
  return "file";
}

export function fileName(file: FileData): string {
  return file.orig_name || (file.path ?? "").split(/[\\/]/).pop() || "file";
}

/** Every shown part of `messages`, thoughts nested under their parents. */
export function messageItems(messages: Message[]): Item[] {
  const thoughts = new Map<string, Item>();
  const items: Item[] = [];
  messages.forEach((message, index) => {
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

/** Consecutive user and assistant parts of one role (each part alone unless `grouped`); other roles are left out. */
export function messageGroups(items: Item[], grouped: boolean): Item[][] {
  const groups: Item[][] = [];
  for (const item of items) {
    if (item.role !== "user" && item.role !== "assistant") continue;
    const last = groups[groups.length - 1];
    if (last && grouped && last[0]!.role === item.role) last.push(item);
    else groups.push([item]);
  }
  return groups;
}

/** The text of the text parts of a group, one per line. */
export function groupText(group: Item[]): string {
  return group
    .filter((item) => isText(item.content))
    .map((item) => (item.content as TextMessage).text)
    .join("\n");
}
