/** What Blazor hands the island and what the island reports back. Blazor owns the data; the island only draws and edits. */

export interface DotNetRef {
  invokeMethodAsync<T = void>(method: string, ...args: unknown[]): Promise<T>;
}

export interface GraphNode {
  key: string;
  stepVersionId: string;
  stepLabel: string;
  x: number;
  y: number;
  /** The IR schema this node's output port carries; absent: any JSON. */
  outputType?: string | null;
  /** The node's runtime policy, drawn as badges; the island never reports it back (Blazor owns it). */
  badges?: Badges | null;
}

export interface Badges {
  condition?: string | null;
  retries: number;
  timeoutMs?: number | null;
  continueOnFail: boolean;
}

export interface GraphEdge {
  source: string;
  target: string;
}

export interface PaletteItem {
  stepVersionId: string;
  stepKey: string;
  label: string;
  kind: string;
  outputType?: string | null;
}

export interface MountOptions {
  nodes: GraphNode[];
  edges: GraphEdge[];
  palette?: PaletteItem[];
  readOnly?: boolean;
  /** On update: fit the view to the new graph (a different version was loaded). */
  fit?: boolean;
}

export interface Issue {
  message: string;
  nodes: string[];
}

/** Diff or run colouring: node key → status, and "source->target" → status for edges. */
export interface Statuses {
  nodes?: Record<string, string>;
  edges?: Record<string, string>;
  /** A line under a node's label, e.g. a test run's IR validity and latency. */
  captions?: Record<string, string>;
}

export interface EditorHandle {
  update(options: MountOptions): void;
  highlight(issues: Issue[]): void;
  overlay(statuses: Statuses): void;
  badges(byNode: Record<string, Badges>): void;
}
