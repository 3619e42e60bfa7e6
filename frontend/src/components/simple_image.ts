// SimpleImage: upload or show one image file (paths only: no webcam, no editing).

import { SimpleImageBase } from "../generated/components/simple_image.gen";
import { register } from "../core/registry";
import { frame, h, iconButton } from "../core/dom";
import { mediaName, mediaUrl } from "./images/files";
import { placeholderNodes, uploadZone } from "./images/upload";
import { cornerBar, downloadLink, emptyView } from "./images/view";
import "../styles/images.css";

export class SimpleImage extends SimpleImageBase {
  private busy = false;

  protected build(): void {
    const p = this.props;
    const box = h("div", { class: "sb-simpleimage-box sb-media-box" });
    if (this.busy) {
      box.append(h("div", { class: "sb-media-busy", role: "status" }, "Uploading…"));
    } else if (p.value) {
      const url = mediaUrl(this.host, p.value);
      const img = h("img", { class: "sb-image-img", src: url, alt: "" });
      const view = h("div", { class: "sb-image-view" }, img);
      view.append(
        cornerBar(
          p.show_download_button !== false && downloadLink(url, mediaName(p.value)),
          this.interactive && iconButton("clear", "Clear", () => this.clear()),
        ),
      );
      box.append(view);
    } else if (this.interactive) {
      box.append(
        uploadZone({
          accept: "image/*",
          label: "Upload an image",
          prompt: placeholderNodes(null, "Drop an image here\nor click to upload"),
          onFiles: (files) => void this.upload(files),
        }),
      );
    } else {
      box.append(emptyView("image", "No image"));
    }
    this.replaceChildren(frame({ label: p.label, showLabel: p.show_label, container: p.container }, [box]));
  }

  private async upload(files: File[]): Promise<void> {
    const file = files[0];
    if (!file) return;
    this.busy = true;
    this.build();
    try {
      const [data] = await this.host.upload([file]);
      this.busy = false;
      this.setUserValue(data ?? null, true);
      this.emitUpload();
    } catch (error) {
      this.busy = false;
      this.build();
      this.host.toast("error", error instanceof Error ? error.message : String(error), "Upload failed");
    }
  }

  private clear(): void {
    this.setUserValue(null, true);
    this.emitClear();
  }
}

register(SimpleImage);
