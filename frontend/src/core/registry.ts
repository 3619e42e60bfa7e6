// Which element class draws which component type (the config's lower-case `type`).

import type { ElementClass, SbElement } from "./component";

type Constructor = (new () => SbElement) & ElementClass;

const classes = new Map<string, Constructor>();
let fallback: Constructor | null = null;

/** Register a hand-written element class under its spec's tag name. */
export function register(cls: Constructor): void {
  if (!customElements.get(cls.tagName)) customElements.define(cls.tagName, cls);
  classes.set(cls.componentName.toLowerCase(), cls);
}

/** The element class used for types nothing is registered for (e.g. custom components). */
export function registerFallback(cls: Constructor): void {
  if (!customElements.get(cls.tagName)) customElements.define(cls.tagName, cls);
  fallback = cls;
}

/**
 * A new element for a block of config `type` whose props are named `name`: blocks drawn as
 * another kind (every native plot is a "nativeplot", a Tab a "tabitem") are told apart by name.
 */
export function elementFor(type: string, name?: unknown): SbElement {
  const cls = (typeof name === "string" ? classes.get(name) : undefined) ?? classes.get(type) ?? fallback;
  if (!cls) throw new Error(`No element is registered for component type "${type}".`);
  return new cls();
}

/** The component types that have their own element. */
export function registeredTypes(): string[] {
  return [...classes.keys()].sort();
}
