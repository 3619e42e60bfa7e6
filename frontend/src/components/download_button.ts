// DownloadButton: a button that downloads its file (and runs its click listeners).

import { DownloadButtonBase } from "../generated/components/download_button.gen";
import { register } from "../core/registry";
import { h } from "../core/dom";
import { asFiles, fileName } from "./file";
import { drawButton } from "./button";

export class SbDownloadButton extends DownloadButtonBase {
  protected build(): void {
    const p = this.props;
    const button = drawButton(this, { ...p, value: p.label }, this.interactive, () => this.download());
    button.classList.add("sb-downloadbutton-button");
  }

  override get interactive(): boolean {
    return this.props.interactive !== false;
  }

  private download(): void {
    this.emitClick();
    const file = asFiles(this.props.value)[0];
    if (!file) return;
    const link = h("a", { href: this.host.fileUrl(file), download: fileName(file), hidden: true });
    this.append(link);
    link.click();
    link.remove();
  }
}

register(SbDownloadButton);
