// Translatable strings: the server marks them `__i18n__{"__type__": "translation_metadata",
// "key": ...}` (or sends the metadata object); the page shows each in the browser's language.

const PREFIX = "__i18n__";

/** English text of the keys the framework itself uses (ChatInterface's labels …). */
const BUILT_IN: Record<string, string> = {
  "chat_interface.chatbot": "Chatbot",
  "chat_interface.message_placeholder": "Type a message...",
  "chat_interface.additional_inputs": "Additional Inputs",
  "chat_interface.new_chat": "New chat",
  "chat_interface.conversation": "Conversation",
};

export type Translations = Record<string, Record<string, string>>;

/** The key of a translatable string or metadata object, or null for anything else. */
export function i18nKey(value: unknown): string | null {
  if (typeof value === "string" && value.startsWith(PREFIX)) {
    const rest = value.slice(PREFIX.length);
    try {
      const parsed = JSON.parse(rest) as { key?: unknown };
      return typeof parsed.key === "string" ? parsed.key : rest;
    } catch {
      return rest; // the bare-key form: __i18n__greeting
    }
  }
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const meta = value as { __type__?: unknown; key?: unknown };
    if (meta.__type__ === "translation_metadata" && typeof meta.key === "string") return meta.key;
  }
  return null;
}

/**
 * A function giving a key's text: from the app's translations in the first of `languages`
 * they have (`fr-CA`, then `fr`), else English, else the framework's own, else the key.
 */
export function translator(tables: Translations | null | undefined, languages: readonly string[]): (key: string) => string {
  const order: string[] = [];
  for (const language of [...languages, "en"]) {
    for (const code of [language, language.split("-")[0] ?? language]) {
      if (code && !order.includes(code)) order.push(code);
    }
  }
  return (key) => {
    for (const code of order) {
      const text = tables?.[code]?.[key];
      if (typeof text === "string") return text;
    }
    return BUILT_IN[key] ?? key;
  };
}

/** `value` with every translatable string in it replaced by its text. */
export function translated(value: unknown, translate: (key: string) => string): unknown {
  const key = i18nKey(value);
  if (key !== null) return translate(key);
  if (Array.isArray(value)) return value.map((item) => translated(item, translate));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) out[name] = translated(item, translate);
    return out;
  }
  return value;
}
