// HTML: content built from `html_template` (a JavaScript template string that may also use
// Handlebars) and the component's props, with scoped `css_template`, and `js_on_load` code that
// gets `element`, `trigger(event, data)`, `props` (setting one re-renders; setting `value`
// fires `change`), `watch(names, callback)`, `upload(file)` and `server.<fn>(...)`.

import Handlebars from "handlebars";
import { HTMLBase } from "../generated/components/html.gen";
import { register } from "../core/registry";
import { cssSize, frame, h, localId, text } from "../core/dom";
import "../styles/chat.css";

type Bag = Record<string, unknown>;
type Watcher = { names: string[]; callback: () => void };

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval".split(" "),
);

/** Scripts loaded by `head=`, by src (a library used by several components loads once). */
const loadedScripts = new Map<string, Promise<void>>();

/** Fill `template` from `props`: Handlebars first, then a JavaScript template string. */
function evaluate(template: string, props: Bag): string {
  const filled = Handlebars.compile(template, { noEscape: false })(props);
  const names = Object.keys(props).filter((name) => IDENTIFIER.test(name) && !RESERVED.has(name));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the app author's own template
  const fn = new Function(...names, `return \`${filled}\`;`) as (...args: unknown[]) => unknown;
  return String(fn(...names.map((name) => props[name])));
}

/** Update `target`'s children to match `html`, keeping nodes (and their listeners) in place. */
function morph(target: HTMLElement, html: string): void {
  const next = document.createElement("div");
  next.innerHTML = html;
  morphChildren(target, next);
}

function morphChildren(current: Node, next: Node): void {
  const before = [...current.childNodes];
  const after = [...next.childNodes];
  const count = Math.max(before.length, after.length);
  for (let i = 0; i < count; i += 1) {
    const a = before[i];
    const b = after[i];
    if (!a && b) current.appendChild(b.cloneNode(true));
    else if (a && !b) current.removeChild(a);
    else if (a && b) morphNode(a, b);
  }
}

function morphNode(current: Node, next: Node): void {
  if (current.nodeType === Node.TEXT_NODE && next.nodeType === Node.TEXT_NODE) {
    if (current.textContent !== next.textContent) current.textContent = next.textContent;
    return;
  }
  if (current instanceof Element && next instanceof Element && current.tagName === next.tagName) {
    for (const attr of [...current.attributes]) if (!next.hasAttribute(attr.name)) current.removeAttribute(attr.name);
    for (const attr of [...next.attributes]) {
      if (current.getAttribute(attr.name) === attr.value) continue;
      current.setAttribute(attr.name, attr.value);
      if (attr.name === "value" && (current instanceof HTMLInputElement || current instanceof HTMLTextAreaElement || current instanceof HTMLSelectElement)) {
        current.value = attr.value;
      }
    }
    morphChildren(current, next);
    return;
  }
  current.parentNode?.replaceChild(next.cloneNode(true), current);
}

async function loadHead(head: string): Promise<void> {
  const parsed = new DOMParser().parseFromString(`<head>${head}</head>`, "text/html");
  const waits: Promise<void>[] = [];
  for (const node of [...parsed.head.children]) {
    if (node instanceof HTMLScriptElement) {
      const src = node.getAttribute("src");
      if (src) {
        const known = loadedScripts.get(src);
        if (known) {
          waits.push(known);
          continue;
        }
        const script = document.createElement("script");
        script.src = src;
        const done = new Promise<void>((resolve, reject) => {
          script.onload = () => resolve();
          script.onerror = () => reject(new Error(`Failed to load script: ${src}`));
        });
        loadedScripts.set(src, done);
        waits.push(done);
        document.head.append(script);
      } else if (![...document.scripts].some((s) => !s.src && s.textContent === node.textContent)) {
        const script = document.createElement("script");
        script.textContent = node.textContent;
        document.head.append(script);
      }
    } else {
      const href = node instanceof HTMLLinkElement ? node.href : "";
      if (href && [...document.querySelectorAll("link")].some((link) => link.href === href)) continue;
      document.head.append(node.cloneNode(true));
    }
  }
  await Promise.all(waits);
}

export class HTML extends HTMLBase {
  private root: HTMLElement | null = null;
  private headPart: HTMLElement | null = null;
  private tailPart: HTMLElement | null = null;
  private styleNode: HTMLStyleElement | null = null;
  private scope = localId("html");
  /** The object `js_on_load` sees as `props` (a proxy over `state`). */
  private state: Bag = {};
  private proxy: Bag | null = null;
  private watchers: Watcher[] = [];
  private queued = false;
  /** The code-relevant props the element was last built with. */
  private builtWith = "";

  protected build(): void {
    const p = this.props;
    const signature = JSON.stringify([p.html_template, p.js_on_load, p.head]);
    if (this.root && this.builtWith === signature && this.isConnectedTree()) {
      // Same code: keep the DOM (and what js_on_load attached to it); refresh props and look.
      this.syncState();
      this.decorate();
      this.render();
      return;
    }
    this.builtWith = signature;
    this.watchers = [];
    const root = h("div", { class: "sb-html-body", id: this.scope });
    this.root = root;
    this.styleNode = h("style", {});
    this.syncState(true);
    const template = typeof p.html_template === "string" ? p.html_template : "${value}";
    if (template.includes("@children")) {
      this.headPart = h("div", {});
      this.tailPart = h("div", {});
      const children = h("div", { class: "sb-html-children" });
      root.append(this.headPart, children, this.tailPart);
      this.host.renderChildren(this.blockId, children);
    } else {
      this.headPart = null;
      this.tailPart = null;
    }
    const body: Node[] = [this.styleNode, root];
    const block = frame({ label: p.label, showLabel: p.show_label === true, container: p.container }, body);
    this.replaceChildren(block);
    this.decorate();
    this.render();
    void this.runCode();
  }

  protected override showValue(): void {
    this.build();
  }

  private isConnectedTree(): boolean {
    return this.root !== null && this.contains(this.root);
  }

  /** Sizes, padding and the theme's default styling. */
  private decorate(): void {
    const root = this.root;
    if (!root) return;
    const p = this.props;
    root.classList.toggle("sb-html-padded", p.padding === true);
    root.classList.toggle("sb-md", p.apply_default_css !== false);
    root.classList.toggle("sb-html-default", p.apply_default_css !== false);
    root.style.minHeight = cssSize(p.min_height);
    root.style.maxHeight = cssSize(p.max_height);
    root.style.overflowY = p.max_height ? "auto" : "";
  }

  /** What templates and `props` see: value, label, visible and the extra props. */
  private syncState(fresh = false): string[] {
    const p = this.props;
    const extra = p.props && typeof p.props === "object" ? (p.props as Bag) : {};
    const next: Bag = { value: p.value ?? "", label: p.label ?? null, visible: p.visible ?? true, ...extra };
    if (fresh || !this.proxy) {
      this.state = { ...next };
      this.proxy = this.makeProxy();
      return [];
    }
    const changed: string[] = [];
    for (const [key, value] of Object.entries(next)) {
      if (JSON.stringify(this.state[key]) !== JSON.stringify(value)) {
        this.state[key] = value;
        changed.push(key);
      }
    }
    if (changed.length > 0) queueMicrotask(() => this.notify(changed));
    return changed;
  }

  private makeProxy(): Bag {
    return new Proxy(this.state, {
      set: (target, key, value: unknown) => {
        const name = String(key);
        const old = target[name];
        target[name] = value;
        if (old !== value) {
          this.scheduleRender();
          if (name === "value") {
            this.props.value = value as string | null;
            this.valueChanged();
          } else if (name === "label") {
            this.props.label = value;
          } else if (name === "visible") {
            this.props.visible = value as boolean;
            this.hidden = value === false || value === "hidden";
          }
        }
        return true;
      },
    });
  }

  private scheduleRender(): void {
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      this.render();
    });
  }

  private notify(changed: string[]): void {
    for (const watcher of this.watchers) {
      if (!watcher.names.some((name) => changed.includes(name))) continue;
      try {
        watcher.callback();
      } catch (error) {
        console.error("Error in watch callback:", error);
      }
    }
  }

  /** Fill the templates and update the DOM and the scoped CSS. */
  private render(): void {
    const root = this.root;
    if (!root) return;
    const p = this.props;
    const template = typeof p.html_template === "string" ? p.html_template : "${value}";
    try {
      if (this.headPart && this.tailPart) {
        const [head, ...rest] = template.split("@children");
        morph(this.headPart, evaluate(head ?? "", this.state));
        morph(this.tailPart, evaluate(rest.join("@children"), this.state));
      } else {
        morph(root, evaluate(template, this.state));
      }
      const css = typeof p.css_template === "string" && p.css_template ? evaluate(p.css_template, this.state) : "";
      if (this.styleNode) this.styleNode.textContent = css ? `#${this.scope} { ${css} }` : "";
      root.removeAttribute("data-error");
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      root.dataset.error = "true";
      root.replaceChildren(h("div", { class: "sb-html-error", role: "alert" }, h("strong", {}, "Error rendering HTML: "), h("code", {}, message)));
    }
    if (p.autoscroll && p.max_height) root.scrollTop = root.scrollHeight;
  }

  /** Load `head`, then run `js_on_load` with its helpers. */
  private async runCode(): Promise<void> {
    const p = this.props;
    const root = this.root;
    if (!root) return;
    try {
      if (typeof p.head === "string" && p.head) await loadHead(p.head);
    } catch (error) {
      console.error(error);
    }
    const code = typeof p.js_on_load === "string" ? p.js_on_load : "";
    if (!code || root !== this.root) return;
    const trigger = (event: string, data: unknown = {}): void => {
      if (this.spec.events.includes(event)) this.emit(event, data);
      else this.host.trigger(this.blockId, event, data);
    };
    const watch = (names: string | string[], callback: () => void): void => {
      this.watchers.push({ names: Array.isArray(names) ? names : [names], callback });
    };
    const upload = async (file: File): Promise<{ path: string; url: string | null | undefined }> => {
      const [stored] = await this.host.upload([file]);
      if (!stored) throw new Error("Upload failed");
      return { path: stored.path, url: stored.url };
    };
    const server: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    const names = Array.isArray(p.server_fns) ? (p.server_fns as unknown[]) : [];
    for (const name of names) {
      if (typeof name !== "string") continue;
      server[name] = (...args: unknown[]) => this.host.callServer(this.blockId, name, args.length === 1 ? args[0] : args);
    }
    try {
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the app author's own code
      const fn = new Function("element", "trigger", "props", "server", "upload", "watch", code) as (...args: unknown[]) => unknown;
      fn(root, trigger, this.proxy, server, upload, watch);
    } catch (error) {
      console.error("Error executing js_on_load:", error);
      this.host.toast("error", `js_on_load of ${text(p.label) || "an HTML component"} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

register(HTML);
