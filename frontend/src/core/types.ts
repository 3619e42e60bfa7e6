// The parts of the app config (`GET /config`) the browser reads.

export interface ComponentConfig {
  id: number;
  type: string;
  props: Record<string, unknown>;
  skip_api?: boolean;
  api_info?: unknown;
  key?: unknown;
  /** The `@render` region that built this component, if any. */
  rendered_in?: number | null;
}

export interface LayoutNode {
  id: number;
  children?: LayoutNode[];
}

export type TriggerMode = "once" | "multiple" | "always_last";

export interface DependencyConfig {
  id: number;
  targets: [number, string][];
  inputs: number[];
  outputs: number[];
  backend_fn: boolean;
  js: string | null;
  queue: boolean;
  api_name: string | null;
  scroll_to_output: boolean;
  show_progress: "full" | "minimal" | "hidden";
  show_progress_on: number[] | null;
  cancels: number[];
  trigger_after: number | null;
  trigger_only_on_success: boolean;
  trigger_only_on_failure: boolean;
  trigger_mode: TriggerMode;
  collects_event_data: boolean;
  types: { generator: boolean; cancel: boolean };
  /** The `@render` region this listener redraws (its only output is the region's column). */
  render_id?: number | null;
  /** The `@render` region whose run attached this listener. */
  rendered_in?: number | null;
}

/** What one run of a `@render` region built: sent with its listener's result. */
export interface RenderConfig {
  render_id: number;
  components: ComponentConfig[];
  dependencies: DependencyConfig[];
  layout: LayoutNode;
}

export interface AppConfig {
  version: string;
  title: string;
  root: string;
  css: string | null;
  js: string | null;
  head: string | null;
  show_error: boolean;
  max_file_size: number | null;
  fill_height: boolean;
  i18n_translations?: Record<string, Record<string, string>> | null;
  /** The footer's links, in order ("api", "gradio", "settings", "runs" or {label, url}). */
  footer_links?: (string | { label?: string; url?: string })[] | null;
  fill_width: boolean;
  components: ComponentConfig[];
  dependencies: DependencyConfig[];
  layout: LayoutNode;
  /** The app's pages: [path, name, shown in the navigation bar]; the main page's path is "". */
  pages?: [string, string, boolean][];
  /** Each page's layout, components and listeners, by path. */
  page?: Record<string, { layout: LayoutNode; components: number[]; dependencies: number[] }>;
  username: string | null;
  auth_required?: boolean;
  auth_message?: string | null;
}
