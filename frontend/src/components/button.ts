// Button: runs its click listeners; `link` makes it open a URL instead.

import { ButtonBase } from "../generated/components/button.gen";
import { register } from "../core/registry";
import { h, text } from "../core/dom";

/** Draw a button-like element shared by Button and its relatives. */
export function drawButton(
  owner: HTMLElement,
  props: { value?: unknown; variant?: unknown; size?: unknown; icon?: unknown; link?: unknown; link_target?: unknown },
  enabled: boolean,
  onclick: () => void,
): HTMLButtonElement {
  const classes = `sb-btn sb-btn-${typeof props.variant === "string" ? props.variant : "secondary"} sb-size-${typeof props.size === "string" ? props.size : "lg"}`;
  const button = h("button", { type: "button", class: classes, disabled: !enabled });
  const icon = props.icon as { url?: string; path?: string } | string | null | undefined;
  const src = typeof icon === "string" ? icon : icon?.url ?? null;
  if (src) button.append(h("img", { class: "sb-btn-icon", src, alt: "" }));
  button.append(text(props.value));
  button.addEventListener("click", () => {
    onclick();
    if (typeof props.link === "string" && props.link) {
      window.open(props.link, typeof props.link_target === "string" ? props.link_target : "_self");
    }
  });
  owner.replaceChildren(button);
  return button;
}

export class Button extends ButtonBase {
  protected build(): void {
    drawButton(this, this.props, this.interactive !== false, () => this.emitClick());
  }

  override get interactive(): boolean {
    return this.props.interactive !== false;
  }
}

register(Button);
