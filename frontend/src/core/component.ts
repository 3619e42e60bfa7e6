// The base of every component and layout element. Generated base classes (src/generated/)
// extend it with the props, defaults and events of one spec; hand-written subclasses render.

/**
 * A file the server stores, as the upload route describes it. Structurally the catalog's
 * `FileData` payload; declared here so the core compiles with any catalog (custom ones too).
 */
export interface UploadedFile {
  path: string;
  url?: string | null;
  size?: number | null;
  orig_name?: string | null;
  mime_type?: string | null;
  is_stream?: boolean;
  meta?: { _type: "gradio.FileData" };
}

/** What an element needs from the running app. */
export interface Host {
  /** Run the listeners of `event` on element `id`. */
  trigger(id: number, event: string, data?: unknown): void;
  /** Upload files; resolves to their server-side descriptions. */
  upload(files: File[]): Promise<UploadedFile[]>;
  /** A URL the browser can load for a file payload. */
  fileUrl(file: UploadedFile | null | undefined): string;
  /** Show a message to the user. */
  toast(level: "info" | "warning" | "success" | "error", message: string, title?: string): void;
  /** Build the children of a layout element into `parent`. */
  renderChildren(id: number, parent: HTMLElement): void;
  /** Call a server function of component `id` (e.g. FileExplorer's `ls`); resolves to its result. */
  callServer(id: number, fn: string, data: unknown): Promise<unknown>;
  /** Whether a listener is attached to `event` of element `id` (e.g. to show like buttons). */
  hasListener?(id: number, event: string): boolean;
  /** The app's pages, as [path, name, shown in the navigation bar] (the main page first). */
  pages?(): [string, string, boolean][];
}

export type Props = Record<string, unknown>;

/** Static facts every element class carries (set by its generated base class). */
export interface ElementClass {
  readonly componentName: string;
  readonly tagName: string;
  readonly events: readonly string[];
  readonly defaults: Props;
  /** The label shown when the component has none (null: no label). */
  readonly defaultLabel?: string | null;
}

let uid = 0;

/** A unique id for DOM `id`/`for` pairs inside an element. */
export function localId(prefix: string): string {
  uid += 1;
  return `sb-${prefix}-${uid}`;
}

/**
 * One component of an app, as a custom element (light DOM, so page CSS and tests see it).
 *
 * Lifecycle: the app creates the element, calls `setup` once with the id, the config props and
 * the host, then `update` whenever an event handler returns new props. Subclasses implement
 * `build` (draw from `this.props`) and may implement `showValue` (draw a new value without a
 * full rebuild, e.g. to keep the caret in a text field).
 */
export abstract class SbElement<P extends object = Props> extends HTMLElement {
  /** The app's id for this element. */
  blockId = 0;
  protected host!: Host;
  protected props = {} as P;
  private built = false;
  private isInteractive = true;

  /** The facts of this element's spec. */
  get spec(): ElementClass {
    return this.constructor as unknown as ElementClass;
  }

  /** Called once by the app before the element is attached. */
  setup(id: number, props: Props, host: Host, interactive: boolean): void {
    this.blockId = id;
    this.host = host;
    this.isInteractive = interactive;
    this.props = { ...this.spec.defaults, ...props } as P;
    this.labelByDefault();
    this.classList.add("sb-element", `sb-${this.spec.componentName.toLowerCase()}`);
    this.dataset.testid = this.spec.componentName.toLowerCase();
    this.applyCommon();
    this.build();
    this.placeCustomButtons();
    this.nameControls();
    this.built = true;
  }

  /**
   * Draw the Buttons given in the `buttons` prop (as their props, with their id) in the
   * component's corner; each runs its own click listeners.
   */
  private placeCustomButtons(): void {
    const given = (this.props as Props).buttons;
    if (!Array.isArray(given)) return;
    const custom = given.filter(
      (b): b is Props => typeof b === "object" && b !== null && typeof (b as Props).id === "number",
    );
    if (custom.length === 0) return;
    const block = this.querySelector(".sb-block") ?? this;
    let corner = block.querySelector(".sb-corner-buttons");
    if (!corner) {
      corner = document.createElement("div");
      corner.className = "sb-corner-buttons";
      block.prepend(corner);
    }
    for (const config of custom) {
      if (config.visible === false) continue;
      const label = typeof config.value === "string" ? config.value : String(config.value ?? "");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sb-custom-button";
      button.title = label;
      button.textContent = label;
      button.dataset.testid = `custom-button-${String(config.id)}`;
      button.disabled = config.interactive === false;
      button.addEventListener("click", () => this.host.trigger(config.id as number, "click"));
      corner.append(button);
    }
  }

  /** A component without a label shows its kind's default label, as on a Gradio page. */
  private labelByDefault(): void {
    const props = this.props as Props;
    if ((props.label === null || props.label === undefined) && this.spec.defaultLabel) {
      props.label = this.spec.defaultLabel;
    }
  }

  /** The props as last set (config merged with updates). */
  get currentProps(): Readonly<P> {
    return this.props;
  }

  /** Whether the user may edit the value (an explicit `interactive` wins). */
  get interactive(): boolean {
    const explicit = (this.props as Props).interactive;
    return typeof explicit === "boolean" ? explicit : this.isInteractive;
  }

  /** Apply props returned by an event handler (an update or a plain value). */
  update(changes: Props): void {
    const before = (this.props as Props).value;
    const onlyValue = Object.keys(changes).every((key) => key === "value");
    this.props = { ...this.props, ...changes } as P;
    if ("label" in changes) this.labelByDefault();
    this.applyCommon();
    if (!this.built) return;
    if (onlyValue) this.showValue();
    else this.build();
    if (!onlyValue) this.placeCustomButtons();
    this.nameControls();
    if ("value" in changes && !sameValue(before, changes.value)) this.valueChanged();
  }

  /** The current value as sent to the server (the wire payload). */
  get value(): unknown {
    return (this.props as Props).value ?? null;
  }

  /** Set the value from user interaction: fires `input`, then `change` (when supported). */
  protected setUserValue(value: unknown, redraw = false): void {
    const before = (this.props as Props).value;
    (this.props as Props).value = value;
    if (redraw) this.showValue();
    this.emit("input");
    if (!sameValue(before, value)) this.valueChanged();
  }

  /** Called when the value changed (by the user or the server): fires `change`. */
  protected valueChanged(): void {
    this.emit("change");
  }

  /** Run the listeners of `event`, if this element's spec lists it. */
  protected emit(event: string, data: unknown = null): void {
    if (!this.spec.events.includes(event)) return;
    this.host.trigger(this.blockId, event, data);
  }

  /** Draw everything from `this.props`. */
  protected abstract build(): void;

  /** Draw a new value; by default a full rebuild. */
  protected showValue(): void {
    this.build();
  }

  /**
   * Give every form control of this element that has no accessible name one: the label, or
   * the component's name when there is no label.
   */
  private nameControls(): void {
    const label = (this.props as Props).label;
    const name = typeof label === "string" && label ? label : this.spec.componentName;
    for (const control of this.querySelectorAll<HTMLElement>("input, textarea, select")) {
      if (control.closest(".sb-element") !== this) continue;
      if (control instanceof HTMLInputElement && control.type === "hidden") continue;
      // `labels` is empty while the element is not yet in the page: look for labels directly.
      const labelled =
        (control as HTMLInputElement).labels?.length ||
        control.closest("label") ||
        (control.id && this.querySelector(`label[for="${CSS.escape(control.id)}"]`)) ||
        control.getAttribute("aria-label") ||
        control.getAttribute("aria-labelledby") ||
        control.title;
      if (!labelled) control.setAttribute("aria-label", name);
    }
  }

  /** Props every element shares: visibility, id, classes, sizing. */
  private applyCommon(): void {
    const p = this.props as Props;
    const visible = p.visible;
    this.hidden = visible === false || visible === "hidden";
    if (typeof p.elem_id === "string" && p.elem_id) this.id = p.elem_id;
    const classes = Array.isArray(p.elem_classes) ? p.elem_classes : p.elem_classes ? [p.elem_classes] : [];
    for (const name of [...this.classList]) {
      if (name.startsWith("user-")) continue;
      if (this.dataset.userClasses?.split(" ").includes(name)) this.classList.remove(name);
    }
    const names = classes.filter((c): c is string => typeof c === "string" && c.length > 0);
    this.classList.add(...names);
    this.dataset.userClasses = names.join(" ");
    if (typeof p.scale === "number") this.style.flexGrow = String(p.scale);
    this.classList.toggle("sb-scaled", typeof p.scale === "number" && p.scale > 0);
    if (typeof p.min_width === "number") this.style.minWidth = `min(${p.min_width}px, 100%)`;
  }
}

/** Structural equality of two JSON values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}
