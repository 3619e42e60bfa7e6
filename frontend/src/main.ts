// Entry point of the browser UI: fetch the config, then draw the app (or the login form).

import { Client } from "@gradio/client";
import { App } from "./core/app";
import { showLogin } from "./core/login";
import { applyTheme, themeChoice } from "./core/settings";
import type { AppConfig } from "./core/types";
import "./elements";
import "./styles/app.css";

declare global {
  interface Window {
    /** The running app (tests and `js=` code may read it). */
    specblocks?: App;
  }
}

/** The app's URL: the page says how many folders up it is (a routed page may be deeper). */
function appRoot(target: HTMLElement): string {
  const url = new URL(target.dataset.appBase ?? ".", window.location.href);
  return url.href.replace(/\/$/, "");
}

/** The path of the page shown, under the app's URL ("" for the main page). */
function pagePath(root: string): string {
  const base = new URL(`${root}/`).pathname;
  const here = window.location.pathname;
  return here.startsWith(base) ? decodeURIComponent(here.slice(base.length)).replace(/\/+$/, "") : "";
}

function addCss(css: string | null): void {
  if (!css) return;
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
}

async function start(target: HTMLElement): Promise<void> {
  applyTheme(themeChoice());
  const root = appRoot(target);
  const probe = await fetch(`${root}/config`, { credentials: "same-origin" });
  if (probe.status === 401) {
    const body = (await probe.json().catch(() => ({}))) as { detail?: { auth_message?: string | null } };
    showLogin(target, root, body.detail?.auth_message ?? null);
    return;
  }
  const client = await Client.connect(root, { events: ["data", "status", "log", "render"] });
  const config = client.config as unknown as AppConfig;
  addCss(config.css);
  const app = new App(client, config, root, pagePath(root));
  window.specblocks = app;
  // The session of this page, as Gradio exposes it (DeepLinkButton's link code reads it).
  (window as unknown as { __gradio_session_hash__?: string }).__gradio_session_hash__ = client.session_hash;
  app.mount(target);
  if (config.js) {
    // The app author's `js=` runs once the page is drawn.
    new Function(`return (${config.js});`)()?.();
  }
  target.dataset.ready = "true";
}

const target = document.getElementById("sb-root") ?? document.body;
start(target).catch((error: unknown) => {
  target.textContent = `The app could not start: ${error instanceof Error ? error.message : String(error)}`;
});
