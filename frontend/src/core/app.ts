// The running app in the browser: builds the page from `/config`, runs listeners through the
// official @gradio/client and applies their results.

import { Client } from "@gradio/client";
import type { FileData } from "../generated/types.gen";
import { SbElement, sameValue, type Host, type Props } from "./component";
import { h } from "./dom";
import { translated, translator } from "./i18n";
import { elementFor } from "./registry";
import { pageFooter, preferredLanguages } from "./settings";
import { StatusTracker } from "./status";
import { Toasts } from "./toast";
import type { AppConfig, ComponentConfig, DependencyConfig, LayoutNode, RenderConfig } from "./types";

type Job = ReturnType<Client["submit"]>;

interface Pending {
  /** The event data of the trigger that waits to run after the current run (always_last). */
  next: { data: unknown; trigger: number | null } | null;
}

/** Run a `js=` function source with the listener's input values. */
async function runJs(source: string, args: unknown[]): Promise<unknown[]> {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the app author's own code
  const fn = new Function(`return (${source});`)() as (...a: unknown[]) => unknown;
  const result = await fn(...args);
  return Array.isArray(result) ? result : [result];
}

function isUpdate(value: unknown): value is Props & { __type__: "update" } {
  return typeof value === "object" && value !== null && (value as Props).__type__ === "update";
}

export class App implements Host {
  readonly config: AppConfig;
  readonly root: string;
  private readonly client: Client;
  /** The text of a translation key in the browser's language. */
  private readonly translate: (key: string) => string;
  private readonly configs = new Map<number, ComponentConfig>();
  private readonly layouts = new Map<number, LayoutNode>();
  private readonly elements = new Map<number, SbElement>();
  private readonly listeners = new Map<string, DependencyConfig[]>();
  private readonly followers = new Map<number, DependencyConfig[]>();
  private readonly running = new Map<number, Pending>();
  private readonly jobs = new Map<number, Set<Job>>();
  private readonly inputIds = new Set<number>();
  private readonly outputIds = new Set<number>();
  private readonly dependencies = new Map<number, DependencyConfig>();
  /** What each `@render` region drew last: its components and listeners. */
  private readonly regions = new Map<number, { ids: number[]; deps: DependencyConfig[] }>();
  private readonly toasts: Toasts;

  /** The path of the page this app shows ("" for the main page). */
  readonly page: string;
  /** The layout of that page. */
  private readonly pageLayout: LayoutNode;

  constructor(client: Client, config: AppConfig, root: string, page = "") {
    this.client = client;
    this.config = config;
    this.root = root;
    this.toasts = new Toasts();
    this.translate = translator(config.i18n_translations, preferredLanguages());
    const pageConfig = config.page?.[page] ?? config.page?.[""];
    this.page = config.page?.[page] ? page : "";
    this.pageLayout = pageConfig?.layout ?? config.layout;
    const onPage = pageConfig ? new Set(pageConfig.dependencies) : null;
    for (const component of config.components) this.configs.set(component.id, this.localised(component));
    for (const dep of config.dependencies) {
      if (onPage === null || onPage.has(dep.id)) this.dependencies.set(dep.id, dep);
    }
    this.indexDependencies();
  }

  /** The app's pages, as [path, name, shown in the navigation bar]. */
  pages(): [string, string, boolean][] {
    return this.config.pages ?? [["", "Home", true]];
  }

  /** Index the listeners by trigger, follow-ups by the step they follow, inputs and outputs. */
  private indexDependencies(): void {
    this.listeners.clear();
    this.followers.clear();
    this.inputIds.clear();
    this.outputIds.clear();
    for (const dep of this.dependencies.values()) {
      for (const [id, event] of dep.targets) {
        const key = `${id}:${event}`;
        this.listeners.set(key, [...(this.listeners.get(key) ?? []), dep]);
      }
      if (dep.trigger_after !== null) {
        this.followers.set(dep.trigger_after, [...(this.followers.get(dep.trigger_after) ?? []), dep]);
      }
      if (dep.targets.length > 0 || dep.trigger_after !== null) {
        dep.inputs.forEach((id) => this.inputIds.add(id));
        dep.outputs.forEach((id) => this.outputIds.add(id));
      }
    }
  }

  /** Draw the whole page into `target`, then fire the app's `load` listeners. */
  mount(target: HTMLElement): void {
    const main = h("main", { class: "sb-app" });
    if (this.config.fill_height) main.classList.add("sb-fill-height");
    if (this.config.fill_width) main.classList.add("sb-fill-width");
    this.indexLayout(this.pageLayout);
    if (this.pages().filter(([, , shown]) => shown).length > 1 && !this.hasNavbar()) {
      // a multipage app without its own Navbar on this page gets the default bar
      const bar = elementFor("navbar");
      bar.setup(-1, { visible: true, main_page_name: "Home", value: null }, this, false);
      main.append(bar);
    }
    this.renderChildren(this.pageLayout.id, main);
    const languages = Object.keys(this.config.i18n_translations ?? {});
    if (languages.length && !languages.some((code) => code.split("-")[0] === "en")) languages.unshift("en");
    const footer = pageFooter(this.config.footer_links, `${this.root}/gradio_api/docs`, languages);
    target.replaceChildren(main, ...(footer ? [footer] : []), this.toasts.element);
    document.title = this.config.title;
    // stored values (BrowserState) are read first: load listeners take them as inputs
    const reading = [...this.elements.values()].map((el) => (el as { ready?: Promise<void> }).ready);
    void Promise.all(reading).then(() => this.trigger(this.pageLayout.id, "load"));
  }

  private hasNavbar(): boolean {
    const ids = this.config.page?.[this.page]?.components ?? [...this.configs.keys()];
    return ids.some((id) => this.configs.get(id)?.type === "navbar");
  }

  private indexLayout(node: LayoutNode): void {
    this.layouts.set(node.id, node);
    node.children?.forEach((child) => this.indexLayout(child));
  }

  /** An element by its id (for tests and layouts). */
  element(id: number): SbElement | undefined {
    return this.elements.get(id);
  }

  renderChildren(id: number, parent: HTMLElement): void {
    for (const child of this.layouts.get(id)?.children ?? []) {
      const element = this.create(child.id);
      if (element) parent.append(element);
    }
  }

  private create(id: number): SbElement | null {
    const config = this.configs.get(id);
    if (!config) return null;
    const kept = this.keptElements?.get(id);
    if (kept) return this.reuse(kept, config);
    const element = elementFor(config.type, config.props.name);
    // As in Gradio: inputs are editable; outputs are not; a component that is neither is
    // editable only when it starts without a value (a filled one is there to be read).
    const interactive =
      this.inputIds.has(id) || (!this.outputIds.has(id) && startsEmpty(config.props.value));
    element.setup(id, config.props, this, interactive);
    this.elements.set(id, element);
    return element;
  }

  // --- @render regions ---------------------------------------------------------------------

  /** Keyed elements of the region being redrawn, reused when their id comes back. */
  private keptElements: Map<number, SbElement> | null = null;

  /** Redraw a `@render` region in place from what its latest run built. */
  private applyRender(region: RenderConfig): void {
    const previous = this.regions.get(region.render_id);
    const fresh = new Set(region.components.map((c) => c.id));
    const kept = new Map<number, SbElement>();
    for (const id of previous?.ids ?? []) {
      const element = this.elements.get(id);
      if (element && fresh.has(id) && this.configs.get(id)?.key != null) kept.set(id, element);
      if (!kept.has(id)) {
        this.elements.delete(id);
        this.configs.delete(id);
        this.layouts.delete(id);
      }
    }
    for (const dep of previous?.deps ?? []) this.dependencies.delete(dep.id);
    for (const dep of region.dependencies) this.dependencies.set(dep.id, dep);
    this.indexDependencies();
    const [container, ...components] = region.components;
    for (const component of components) this.configs.set(component.id, this.localised(component));
    this.regions.set(region.render_id, { ids: components.map((c) => c.id), deps: region.dependencies });
    this.indexLayout(region.layout);
    const column = this.elements.get(region.layout.id);
    if (!column) return;
    if (container) column.update(this.localised(container).props);
    const focused = document.activeElement;
    this.keptElements = kept;
    try {
      column.replaceChildren();
      this.renderChildren(region.layout.id, column);
    } finally {
      this.keptElements = null;
    }
    if (focused instanceof HTMLElement && focused.isConnected && focused !== document.activeElement) {
      focused.focus();
    }
    // regions nested in this one draw themselves now (the page has loaded already)
    for (const dep of region.dependencies) {
      if (dep.render_id !== null && dep.render_id !== undefined) void this.dispatch(dep, null, null);
    }
  }

  /**
   * A keyed element drawn again: it takes the new props, except those its `preserved_by_key`
   * names (its value, by default), which stay as the user or an event left them.
   */
  private reuse(element: SbElement, config: ComponentConfig): SbElement {
    const raw = config.props.preserved_by_key;
    const preserved = new Set(Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : ["value"]);
    const current = element.currentProps as Record<string, unknown>;
    const changes: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(config.props)) {
      if (preserved.has(name)) {
        if (name in current) config.props[name] = current[name];
        continue;
      }
      if (!sameValue(current[name], value)) changes[name] = value;
    }
    if (Object.keys(changes).length > 0) element.update(changes);
    this.elements.set(config.id, element);
    return element;
  }

  // --- events -----------------------------------------------------------------------------

  trigger(id: number, event: string, data: unknown = null): void {
    for (const dep of this.listeners.get(`${id}:${event}`) ?? []) {
      void this.dispatch(dep, data, id);
    }
  }

  /** Apply the trigger mode, then run. */
  private async dispatch(dep: DependencyConfig, data: unknown, trigger: number | null): Promise<void> {
    const pending = this.running.get(dep.id);
    if (pending) {
      if (dep.trigger_mode === "once") return;
      if (dep.trigger_mode === "always_last") {
        pending.next = { data, trigger };
        return;
      }
    }
    const state: Pending = { next: null };
    if (dep.trigger_mode !== "multiple") this.running.set(dep.id, state);
    try {
      await this.run(dep, data, trigger);
    } finally {
      if (this.running.get(dep.id) === state) this.running.delete(dep.id);
    }
    if (state.next) void this.dispatch(dep, state.next.data, state.next.trigger);
  }

  /** Run one listener: cancel what it cancels, call js and/or the server, apply the outputs. */
  private async run(dep: DependencyConfig, data: unknown, trigger: number | null): Promise<void> {
    for (const cancelled of dep.cancels) this.cancel(cancelled);
    let inputs = dep.inputs.map((id) => this.inputValue(id));
    let success = true;
    try {
      if (dep.js) {
        const result = await runJs(dep.js, inputs);
        if (!dep.backend_fn) {
          this.applyOutputs(dep, result);
          return;
        }
        inputs = result;
      }
      if (dep.backend_fn) success = await this.submit(dep, inputs, data, trigger);
    } catch (error) {
      success = false;
      this.toast("error", error instanceof Error ? error.message : String(error), "Error");
    } finally {
      this.afterRun(dep, success);
    }
  }

  private afterRun(dep: DependencyConfig, success: boolean): void {
    for (const next of this.followers.get(dep.id) ?? []) {
      if (next.trigger_only_on_success && !success) continue;
      if (next.trigger_only_on_failure && success) continue;
      void this.dispatch(next, null, null);
    }
  }

  private inputValue(id: number): unknown {
    const config = this.configs.get(id);
    if (config?.type === "state") return null;
    // An element's null value (e.g. after the user cleared it) must not fall back to the config.
    const element = this.elements.get(id);
    if (element) return element.value ?? null;
    return config?.props.value ?? null;
  }

  private cancel(fnIndex: number): void {
    for (const job of this.jobs.get(fnIndex) ?? []) void job.cancel();
  }

  /** Call the server; resolves to whether the call succeeded. */
  private async submit(dep: DependencyConfig, inputs: unknown[], data: unknown, trigger: number | null): Promise<boolean> {
    const trackers = this.trackersFor(dep);
    const job = this.client.submit(dep.id, inputs, data, trigger, true);
    const jobs = this.jobs.get(dep.id) ?? new Set<Job>();
    jobs.add(job);
    this.jobs.set(dep.id, jobs);
    let success = true;
    try {
      for await (const message of job) {
        if (message.type === "data") {
          this.applyOutputs(dep, message.data as unknown[]);
        } else if (message.type === "render") {
          this.applyRender(message.data as unknown as RenderConfig);
        } else if (message.type === "log") {
          const level = message.level === "warning" || message.level === "success" || message.level === "error" ? message.level : "info";
          if (message.visible !== false) this.toast(level, message.log, message.title);
        } else if (message.type === "status") {
          trackers.forEach((tracker) => tracker.update(message));
          // Each step of a generator reports the States it changed.
          if (message.stage === "generating") this.stateChanged(message.changed_state_ids ?? []);
          if (message.stage === "error") {
            success = false;
            const text = typeof message.message === "string" ? message.message : "Error";
            if (message.visible !== false) this.toast("error", text, message.title ?? "Error");
          }
          if (message.stage === "complete" || message.stage === "error") {
            this.stateChanged(message.changed_state_ids ?? []);
            break;
          }
        }
      }
    } finally {
      jobs.delete(job);
      trackers.forEach((tracker) => tracker.done());
    }
    if (success && dep.scroll_to_output) {
      const first = this.elements.get(dep.outputs[0] ?? -1);
      first?.scrollIntoView({ behavior: "smooth", block: "center" });
    }
    return success;
  }

  private trackersFor(dep: DependencyConfig): StatusTracker[] {
    if (dep.show_progress === "hidden") return [];
    const ids = dep.show_progress_on ?? dep.outputs;
    return ids
      .map((id) => this.elements.get(id))
      .filter((element): element is SbElement => element !== undefined && !element.hidden)
      .map((element) => new StatusTracker(element, dep.show_progress));
  }

  private stateChanged(ids: number[]): void {
    for (const id of ids) this.trigger(id, "change");
  }

  /** A block's config with its translatable strings in the browser's language. */
  private localised(component: ComponentConfig): ComponentConfig {
    return { ...component, props: translated(component.props, this.translate) as Props };
  }

  private applyOutputs(dep: DependencyConfig, values: unknown[]): void {
    dep.outputs.forEach((id, index) => {
      if (index >= values.length) return;
      const element = this.elements.get(id);
      const config = this.configs.get(id);
      const value = config?.type === "state" ? values[index] : translated(values[index], this.translate);
      if (dep.render_id !== null && dep.render_id !== undefined) return; // redrawn by `render`
      if (isUpdate(value)) {
        const { __type__: _, ...given } = value;
        // a nested update (the extra `props` of an HTML block) changes only the keys it names
        const changes: Props = {};
        for (const [key, change] of Object.entries(given)) {
          if (isUpdate(change)) {
            const { __type__: _nested, ...fields } = change;
            const before = config?.props[key];
            changes[key] = { ...(typeof before === "object" && before !== null ? before : {}), ...fields };
          } else {
            changes[key] = change;
          }
        }
        if (config) config.props = { ...config.props, ...changes };
        element?.update(changes);
      } else if (config?.type !== "state") {
        element?.update({ value });
      }
    });
  }

  // --- services for elements ----------------------------------------------------------------

  async upload(files: File[]): Promise<FileData[]> {
    const response = await this.client.upload_files(this.root, files);
    if (response.error || !response.files) throw new Error(response.error ?? "Upload failed");
    return response.files.map((path, index) => ({
      path,
      url: `${this.root}/gradio_api/file=${path}`,
      orig_name: files[index]?.name ?? null,
      size: files[index]?.size ?? null,
      mime_type: files[index]?.type || null,
      is_stream: false,
      meta: { _type: "gradio.FileData" },
    }));
  }

  hasListener(id: number, event: string): boolean {
    return (this.listeners.get(`${id}:${event}`)?.length ?? 0) > 0;
  }

  async callServer(id: number, fn: string, data: unknown): Promise<unknown> {
    const result: unknown = await this.client.component_server(id, fn, data);
    if (result === undefined) throw new Error(`The server function ${fn} of component ${id} failed.`);
    return result;
  }

  fileUrl(file: FileData | null | undefined): string {
    if (!file) return "";
    if (file.url) return file.url;
    if (/^(https?:|data:|blob:)/.test(file.path)) return file.path;
    return `${this.root}/gradio_api/file=${file.path}`;
  }

  toast(level: "info" | "warning" | "success" | "error", message: string, title?: string): void {
    this.toasts.show(level, message, title);
  }
}

/** Whether a component's first value is "nothing" (none, an empty text or list, zero, false). */
function startsEmpty(value: unknown): boolean {
  return !value || (Array.isArray(value) && value.length === 0);
}
