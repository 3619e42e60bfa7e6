// State and Timer: elements with no visible UI.

import { StateBase } from "../generated/components/state.gen";
import { TimerBase } from "../generated/components/timer.gen";
import { register } from "../core/registry";

/** State lives on the server; the element only carries its `change` listeners. */
export class State extends StateBase {
  protected build(): void {
    this.hidden = true;
  }
}

/** Fires `tick` every `value` seconds while `active`. */
export class Timer extends TimerBase {
  private handle: number | null = null;

  protected build(): void {
    this.hidden = true;
    this.restart();
  }

  disconnectedCallback(): void {
    this.stop();
  }

  connectedCallback(): void {
    this.restart();
  }

  private restart(): void {
    this.stop();
    const seconds = Number(this.props.value ?? 1);
    if (!this.isConnected || this.props.active === false || !(seconds > 0)) return;
    this.handle = window.setInterval(() => this.emitTick(), seconds * 1000);
  }

  private stop(): void {
    if (this.handle !== null) window.clearInterval(this.handle);
    this.handle = null;
  }
}

register(State);
register(Timer);
