import type { Edge, Node } from '@xyflow/react';
import * as dagre from '@dagrejs/dagre';
import type { Badges, GraphEdge, GraphNode, Statuses } from './types';

export interface StepNodeData extends Record<string, unknown> {
  stepVersionId: string;
  stepLabel: string;
  issue?: string;
  status?: string;
  caption?: string;
  outputType?: string | null;
  badges?: Badges | null;
}

export type StepNode = Node<StepNodeData, 'step'>;

export const edgeId = (source: string, target: string) => `${source}->${target}`;

export function toFlowNodes(nodes: GraphNode[]): StepNode[] {
  return nodes.map((n) => ({
    id: n.key,
    type: 'step',
    position: { x: n.x, y: n.y },
    data: { stepVersionId: n.stepVersionId, stepLabel: n.stepLabel, outputType: n.outputType, badges: n.badges },
  }));
}

export function toFlowEdges(edges: GraphEdge[]): Edge[] {
  return edges.map((e) => ({ id: edgeId(e.source, e.target), source: e.source, target: e.target }));
}

/** Every edge carries its source's output schema: the label says what flows along it. */
export function withEdgeTypes(nodes: StepNode[], edges: Edge[]): Edge[] {
  const types = new Map(nodes.map((n) => [n.id, n.data.outputType ?? 'any JSON']));
  return edges.map((e) => (e.label === types.get(e.source) ? e : { ...e, label: types.get(e.source) }));
}

export function toGraph(nodes: StepNode[], edges: Edge[]) {
  return {
    nodes: nodes.map((n) => ({
      key: n.id,
      stepVersionId: n.data.stepVersionId,
      stepLabel: n.data.stepLabel,
      outputType: n.data.outputType ?? null,
      x: Math.round(n.position.x),
      y: Math.round(n.position.y),
    })),
    edges: edges.map((e) => ({ source: e.source, target: e.target })),
  };
}

/** A key not yet used on the canvas: the step key, then step_2, step_3, ... */
export function uniqueKey(base: string, nodes: StepNode[]): string {
  const used = new Set(nodes.map((n) => n.id));
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

export function withIssues(nodes: StepNode[], byNode: Map<string, string>): StepNode[] {
  return nodes.map((n) => {
    const issue = byNode.get(n.id);
    return issue === n.data.issue ? n : { ...n, data: { ...n.data, issue } };
  });
}

/** Policy badges as Blazor last sent them; a node it does not name keeps none. */
export function withBadges(nodes: StepNode[], byNode: Record<string, Badges>): StepNode[] {
  return nodes.map((n) => {
    const badges = byNode[n.id] ?? null;
    return JSON.stringify(badges) === JSON.stringify(n.data.badges ?? null) ? n : { ...n, data: { ...n.data, badges } };
  });
}

export function withStatuses(nodes: StepNode[], edges: Edge[], statuses: Statuses): [StepNode[], Edge[]] {
  const nodeStatus = statuses.nodes ?? {};
  const edgeStatus = statuses.edges ?? {};
  const captions = statuses.captions ?? {};
  return [
    nodes.map((n) => ({ ...n, data: { ...n.data, status: nodeStatus[n.id], caption: captions[n.id] } })),
    edges.map((e) => {
      const status = edgeStatus[edgeId(e.source, e.target)];
      return { ...e, className: status ? `aiflow-edge--${status}` : undefined, animated: status === 'running' };
    }),
  ];
}

/** The first place at or below `wanted` where a new node (about 180 × 80) overlaps no existing node. */
export function freePosition(nodes: StepNode[], wanted: { x: number; y: number }): { x: number; y: number } {
  const width = 200;
  const height = 100;
  const overlaps = (y: number) => nodes.some((n) => {
    const w = n.measured?.width ?? 180;
    const h = n.measured?.height ?? 80;
    return wanted.x < n.position.x + w + 20 && n.position.x < wanted.x + width && y < n.position.y + h + 20 && n.position.y < y + height;
  });
  let y = wanted.y;
  for (let i = 0; i < 200 && overlaps(y); i++) y += 40;
  return { x: Math.round(wanted.x), y: Math.round(y) };
}

/** Top-to-bottom layout by dagre; positions only, meaning is untouched. */
export function autoLayout(nodes: StepNode[], edges: Edge[]): StepNode[] {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 50, ranksep: 70 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: n.measured?.width ?? 180, height: n.measured?.height ?? 56 });
  for (const e of edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  return nodes.map((n) => {
    const p = g.node(n.id);
    const w = n.measured?.width ?? 180;
    const h = n.measured?.height ?? 56;
    return { ...n, position: { x: p.x - w / 2, y: p.y - h / 2 } };
  });
}
