// BrowserState: a hidden value kept, encrypted with the app's `secret`, in the browser's local
// storage under `storage_key`, so that it survives reloads. A listener that outputs to it saves
// the new value and fires `change`.

import { BrowserStateBase } from "../generated/components/browser_state.gen";
import { register } from "../core/registry";

const PLAIN = "plain:";

function base64(bytes: Uint8Array): string {
  let out = "";
  bytes.forEach((b) => (out += String.fromCharCode(b)));
  return btoa(out);
}

function unbase64(textValue: string): Uint8Array {
  return Uint8Array.from(atob(textValue), (c) => c.charCodeAt(0));
}

/** AES-GCM with a key derived from the secret; null where Web Crypto is unavailable. */
async function keyFor(secret: string): Promise<CryptoKey | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return subtle.importKey("raw", digest, "AES-GCM", false, ["encrypt", "decrypt"]);
}

async function encrypt(json: string, secret: string): Promise<string> {
  const key = await keyFor(secret);
  // Without Web Crypto (a page served over plain HTTP from another host) the value is kept
  // unencrypted.
  if (!key) return PLAIN + json;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, new TextEncoder().encode(json));
  const both = new Uint8Array(iv.length + data.byteLength);
  both.set(iv);
  both.set(new Uint8Array(data), iv.length);
  return base64(both);
}

async function decrypt(stored: string, secret: string): Promise<string> {
  if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
  const key = await keyFor(secret);
  if (!key) throw new Error("Web Crypto is unavailable");
  const both = unbase64(stored);
  const data = await crypto.subtle.decrypt({ name: "AES-GCM", iv: both.slice(0, 12) }, key, both.slice(12));
  return new TextDecoder().decode(data);
}

export class BrowserState extends BrowserStateBase {
  private loaded = false;
  /** Whether a value was read from or written to storage (else the default applies). */
  private stored = false;

  /** Settles once the stored value is read (the page's load event waits for it). */
  ready: Promise<void> = Promise.resolve();

  protected build(): void {
    this.hidden = true;
    if (!this.loaded) {
      this.loaded = true;
      this.ready = this.load();
    }
  }

  /** The stored value, or null (the server then uses `default_value`). */
  override get value(): unknown {
    return this.stored ? this.props.value ?? null : null;
  }

  private key(): string {
    return typeof this.props.storage_key === "string" ? this.props.storage_key : "";
  }

  private secret(): string {
    return typeof this.props.secret === "string" ? this.props.secret : "";
  }

  private async load(): Promise<void> {
    const key = this.key();
    let raw: string | null = null;
    try {
      raw = key ? window.localStorage.getItem(key) : null;
    } catch {
      raw = null; // storage blocked
    }
    if (raw === null) return;
    try {
      this.props.value = JSON.parse(await decrypt(raw, this.secret()));
      this.stored = true;
    } catch {
      // Saved with another secret (e.g. before the app restarted): start from the default.
    }
  }

  private async save(value: unknown): Promise<void> {
    const key = this.key();
    if (!key) return;
    try {
      window.localStorage.setItem(key, await encrypt(JSON.stringify(value ?? null), this.secret()));
    } catch {
      // storage full or blocked: the value lives for this page only
    }
  }

  /** A listener set the value: save it (and fire `change` when it differs). */
  override update(changes: Record<string, unknown>): void {
    if (!("value" in changes)) return super.update(changes);
    this.stored = true;
    // `change` fires once the value is stored, so its listeners see what a reload will
    const saving = this.save(changes.value);
    this.ready = saving;
    void saving.then(() => super.update(changes));
  }
}

register(BrowserState);
