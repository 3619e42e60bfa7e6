// AnnotatedImage: a base image with colored annotation masks over it and a legend. Hovering a
// legend entry (or focusing it) highlights its annotation; clicking it fires `select`.

import { AnnotatedImageBase } from "../generated/components/annotated_image.gen";
import { register } from "../core/registry";
import { frame, h } from "../core/dom";
import { customButtons } from "../core/media";
import { mediaUrl } from "./images/files";
import { cornerBar, emptyView, fullscreenButton, hasButton, imagePoint, sizeBox } from "./images/view";
import "../styles/images.css";

const DEFAULT_COLOR = "#ff0000";

export class AnnotatedImage extends AnnotatedImageBase {
  private active: number | null = null;
  private masks: HTMLImageElement[] = [];

  protected build(): void {
    const p = this.props;
    const box = h("div", { class: "sb-annotated-box sb-media-box" });
    sizeBox(box, p.height, p.width);
    const body: Node[] = [box];
    this.masks = [];
    const value = p.value;
    if (!value?.image) {
      box.append(emptyView("image", "No image"));
    } else {
      const base = h("img", { class: "sb-annotated-base", src: mediaUrl(this.host, value.image), alt: "" });
      const view = h("div", { class: "sb-annotated-view", "data-testid": "annotated-view" }, base);
      for (const annotation of value.annotations) {
        const mask = h("img", { class: "sb-annotated-mask", src: mediaUrl(this.host, annotation.image), alt: "", "data-label": annotation.label });
        this.masks.push(mask);
        view.append(mask);
      }
      view.addEventListener("click", (event) => {
        // A click on the image selects the topmost annotation that covers the pixel.
        const hit = this.hitAt(base, event);
        if (hit !== null) this.pick(hit);
      });
      box.append(view);
      box.append(
        cornerBar(
          hasButton(p.buttons, "fullscreen", ["fullscreen"]) && fullscreenButton(() => view),
          ...customButtons(p.buttons, this.host, "sb-media-custom-button"),
        ),
      );
      if (p.show_legend !== false && value.annotations.length > 0) body.push(this.legend());
    }
    this.replaceChildren(frame({ label: p.label, showLabel: p.show_label, container: p.container }, body));
    this.highlight(this.active);
  }

  private color(label: string): string {
    return this.props.color_map?.[label] ?? DEFAULT_COLOR;
  }

  private legend(): HTMLElement {
    const annotations = this.props.value?.annotations ?? [];
    const legend = h("div", { class: "sb-annotated-legend", role: "group", "aria-label": "Legend" });
    annotations.forEach((annotation, index) => {
      const button = h(
        "button",
        { type: "button", class: "sb-annotated-label", "aria-pressed": "false" },
        h("span", { class: "sb-annotated-swatch", style: `background: ${this.color(annotation.label)}` }),
        annotation.label,
      );
      button.addEventListener("mouseenter", () => this.highlight(index));
      button.addEventListener("mouseleave", () => this.highlight(this.active));
      button.addEventListener("focus", () => this.highlight(index));
      button.addEventListener("blur", () => this.highlight(this.active));
      button.addEventListener("click", () => this.pick(index));
      legend.append(button);
    });
    return legend;
  }

  private pick(index: number): void {
    const annotation = this.props.value?.annotations[index];
    if (!annotation) return;
    this.active = this.active === index ? null : index;
    this.highlight(this.active);
    this.querySelectorAll(".sb-annotated-label").forEach((button, i) => button.setAttribute("aria-pressed", String(i === this.active)));
    this.emitSelect({ index, value: annotation.label, selected: this.active === index });
  }

  /** Dim every annotation but `index` (null shows all). */
  private highlight(index: number | null): void {
    this.masks.forEach((mask, i) => mask.classList.toggle("sb-dim", index !== null && i !== index));
  }

  /** The last annotation whose mask is not transparent at the clicked pixel. */
  private hitAt(base: HTMLImageElement, event: MouseEvent): number | null {
    const [x, y] = imagePoint(base, event);
    for (let i = this.masks.length - 1; i >= 0; i -= 1) {
      const mask = this.masks[i];
      if (!mask?.complete || !mask.naturalWidth) continue;
      try {
        const canvas = h("canvas", { width: 1, height: 1 });
        const ctx = canvas.getContext("2d");
        if (!ctx) continue;
        const sx = (x / (base.naturalWidth || 1)) * mask.naturalWidth;
        const sy = (y / (base.naturalHeight || 1)) * mask.naturalHeight;
        ctx.drawImage(mask, sx, sy, 1, 1, 0, 0, 1, 1);
        if ((ctx.getImageData(0, 0, 1, 1).data[3] ?? 0) > 0) return i;
      } catch {
        return null;
      }
    }
    return null;
  }
}

register(AnnotatedImage);
