// UploadButton: a button that opens the file chooser and uploads what the user picks.

import { UploadButtonBase } from "../generated/components/upload_button.gen";
import { register } from "../core/registry";
import { acceptFor, asFiles, fileInput, uploadFiles } from "./file";
import { drawButton } from "./button";

export class SbUploadButton extends UploadButtonBase {
  private busy = false;

  protected build(): void {
    const p = this.props;
    const multiple = p.file_count === "multiple" || p.file_count === "directory";
    const input = fileInput({
      accept: acceptFor(p.file_types),
      multiple,
      directory: p.file_count === "directory",
      disabled: !this.interactive,
      onFiles: (files) => void this.receive(files),
      onRejected: (names) => this.host.toast("warning", `Not an allowed file type: ${names.join(", ")}`, "Upload"),
    });
    const button = drawButton(this, { ...p, value: p.label }, this.interactive && !this.busy, () => {
      this.emitClick();
      input.click();
    });
    button.classList.add("sb-uploadbutton-button");
    if (this.busy) button.setAttribute("aria-busy", "true");
    this.append(input);
  }

  override get interactive(): boolean {
    return this.props.interactive !== false;
  }

  private async receive(files: File[]): Promise<void> {
    const multiple = this.props.file_count === "multiple" || this.props.file_count === "directory";
    this.busy = true;
    this.build();
    const uploaded = await uploadFiles(this.host, multiple ? files : files.slice(0, 1));
    this.busy = false;
    this.build();
    if (!uploaded || uploaded.length === 0) return;
    this.setUserValue(multiple ? uploaded : uploaded[0]);
    this.emitUpload();
  }

  /** The uploaded file(s) (the button keeps showing its label). */
  override get value(): unknown {
    const value = this.props.value ?? null;
    return asFiles(value).length > 0 ? value : null;
  }
}

register(SbUploadButton);
