// Helpers the media elements share that read the running app's config: buttons for the Button
// instances a `buttons` prop lists, and the timing of an element's `stream` listeners.

import type { Host } from "./component";
import { h, text } from "./dom";

interface AppLike {
  config?: {
    dependencies?: { targets: [number, string][]; stream_every?: number; time_limit?: number | null }[];
    components?: { id: number; props: Record<string, unknown> }[];
  };
}

/** The running app's config (main.ts exposes the app as `window.specblocks`). */
function appConfig(): AppLike["config"] {
  return (window as unknown as { specblocks?: AppLike }).specblocks?.config;
}

/** The listeners of the `stream` event of element `id`. */
function streamListeners(id: number): NonNullable<NonNullable<AppLike["config"]>["dependencies"]> {
  return (appConfig()?.dependencies ?? []).filter((dep) => dep.targets.some(([target, event]) => target === id && event === "stream"));
}

/** Seconds between chunks for the `stream` listeners of element `id` (0.5 by default). */
export function streamEvery(id: number): number {
  const values = streamListeners(id).map((dep) => (typeof dep.stream_every === "number" && dep.stream_every > 0 ? dep.stream_every : 0.5));
  return values.length > 0 ? Math.min(...values) : 0.5;
}

/** The shortest `time_limit` (seconds) of the `stream` listeners of element `id`, or null. */
export function streamTimeLimit(id: number): number | null {
  const limits = streamListeners(id)
    .map((dep) => dep.time_limit)
    .filter((limit): limit is number => typeof limit === "number" && limit > 0);
  return limits.length > 0 ? Math.min(...limits) : null;
}

/** Whether element `id` has listeners for `event` (read from the app's config). */
export function hasListener(id: number, event: string): boolean {
  return (appConfig()?.dependencies ?? []).some((dep) => dep.targets.some(([target, name]) => target === id && name === event));
}

/**
 * Buttons for the Button instances listed in a `buttons` prop; each fires its own click.
 * `className` is the element group's own class for them (e.g. "sb-media-custom-button").
 */
export function customButtons(buttons: unknown, host: Host, className: string): HTMLButtonElement[] {
  if (!Array.isArray(buttons)) return [];
  return buttons.flatMap((item) => {
    const id = typeof item === "object" && item !== null ? (item as { id?: unknown }).id : undefined;
    if (typeof id !== "number") return [];
    const props = appConfig()?.components?.find((c) => c.id === id)?.props ?? {};
    const button = h("button", { type: "button", class: `sb-btn sb-size-sm ${className}` }, text(props.value) || "Button");
    button.addEventListener("click", () => host.trigger(id, "click"));
    return [button];
  });
}
