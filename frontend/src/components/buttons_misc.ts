// The built-in action buttons: ClearButton, DeepLinkButton, DuplicateButton and LoginButton.
//
// Each draws like a Button (its value is its label) and fires `click`. What the click does
// beyond that is wired by the server as listeners: ClearButton's `add()` registers a `js=`
// listener returning the empty values of its components (run by the app in the browser),
// DuplicateButton opens the duplication page on Spaces, LoginButton's `activate()` sends the
// user to sign in. DeepLinkButton copies the link itself (see below).

import { ClearButtonBase } from "../generated/components/clear_button.gen";
import { DeepLinkButtonBase } from "../generated/components/deep_link_button.gen";
import { DuplicateButtonBase } from "../generated/components/duplicate_button.gen";
import { LoginButtonBase } from "../generated/components/login_button.gen";
import { register } from "../core/registry";
import { text } from "../core/dom";
import { drawButton } from "./button";
import "../styles/data.css";

const SVG = "http://www.w3.org/2000/svg";

/** Built-in icons of these buttons (decorative). */
const PATHS: Record<string, string> = {
  link: "M10 14a4 4 0 005.66 0l3-3a4 4 0 00-5.66-5.66l-1 1M14 10a4 4 0 00-5.66 0l-3 3a4 4 0 005.66 5.66l1-1",
  huggingface: "M12 3a9 9 0 100 18 9 9 0 000-18zM8.5 10.5h.01M15.5 10.5h.01M8 14.5c1 1.3 2.4 2 4 2s3-.7 4-2",
  duplicate: "M8 8h11v11H8zM5 16V5h11",
};

function builtinIcon(name: string): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", `sb-icon sb-action-icon sb-action-icon-${name}`);
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", PATHS[name] ?? "");
  svg.append(path);
  return svg;
}

type ButtonProps = Record<string, unknown>;

/** Draw the button; with no `icon` prop, show the built-in icon `fallback` (if any). */
function draw(owner: HTMLElement, props: ButtonProps, enabled: boolean, onclick: () => void, fallback?: string, label?: string): HTMLButtonElement {
  const shown = label === undefined ? props : { ...props, value: label };
  const button = drawButton(owner, shown, enabled, onclick);
  if (fallback && !props.icon) button.prepend(builtinIcon(fallback));
  return button;
}

export class ClearButton extends ClearButtonBase {
  protected build(): void {
    draw(this, this.props, this.interactive, () => this.emitClick());
  }

  override get interactive(): boolean {
    return this.props.interactive !== false;
  }
}

/**
 * Copies a link to the current app state: asks the server for a deep link of the session
 * (`gradio_api/deep_link`), copies the page URL with it as the `deep_link` query parameter and
 * shows `copied_value` for a moment. When the server has no deep links, the page URL itself
 * is copied.
 */
export class DeepLinkButton extends DeepLinkButtonBase {
  private shownLabel: string | undefined;
  private restore: number | null = null;

  protected build(): void {
    draw(this, this.props, this.interactive, () => this.clicked(), "link", this.shownLabel);
  }

  override get interactive(): boolean {
    return this.props.interactive !== false;
  }

  disconnectedCallback(): void {
    if (this.restore !== null) window.clearTimeout(this.restore);
  }

  private clicked(): void {
    this.emitClick();
    void this.copyLink();
    this.shownLabel = text(this.props.copied_value) || "Link Copied!";
    this.build();
    if (this.restore !== null) window.clearTimeout(this.restore);
    this.restore = window.setTimeout(() => {
      this.restore = null;
      this.shownLabel = undefined;
      this.build();
    }, 1000);
  }

  /** The link to share (also kept on the element as `data-link` for scripts and tests). */
  private async copyLink(): Promise<void> {
    const link = new URL(window.location.href);
    try {
      const session = (window as unknown as { __gradio_session_hash__?: string }).__gradio_session_hash__;
      const response = await fetch(`gradio_api/deep_link?session_hash=${encodeURIComponent(session ?? "")}`);
      if (response.ok) {
        const token = (await response.text()).replace(/^"|"$/g, "");
        if (token) link.searchParams.set("deep_link", token);
      }
    } catch {
      // No deep links on this server: share the page itself.
    }
    this.dataset.link = link.toString();
    await navigator.clipboard?.writeText(link.toString()).catch(() => undefined);
  }
}

export class DuplicateButton extends DuplicateButtonBase {
  protected build(): void {
    draw(this, this.props, this.interactive, () => this.emitClick(), "duplicate");
  }

  override get interactive(): boolean {
    return this.props.interactive !== false;
  }
}

export class LoginButton extends LoginButtonBase {
  protected build(): void {
    draw(this, this.props, this.interactive, () => this.emitClick(), "huggingface");
  }

  override get interactive(): boolean {
    return this.props.interactive !== false;
  }
}

register(ClearButton);
register(DeepLinkButton);
register(DuplicateButton);
register(LoginButton);
