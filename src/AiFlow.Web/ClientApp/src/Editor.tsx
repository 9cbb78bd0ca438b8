import { useCallback, useEffect, useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import {
  Background, Controls, MiniMap, Panel, ReactFlow, applyEdgeChanges, applyNodeChanges, useNodesInitialized, useReactFlow, useUpdateNodeInternals,
  type Connection, type Edge, type EdgeChange, type NodeChange, type OnSelectionChangeParams,
} from '@xyflow/react';
import { DragType, Palette } from './Palette';
import { StepNodeView } from './StepNodeView';
import { autoLayout, edgeId, freePosition, toFlowEdges, toFlowNodes, toGraph, uniqueKey, withBadges, withEdgeTypes, withIssues, withStatuses, type StepNode } from './graph';
import { History, type Snapshot } from './history';
import type { DotNetRef, EditorHandle, MountOptions, PaletteItem } from './types';

const nodeTypes = { step: StepNodeView };

/** Below this width (MudBlazor's xs) the canvas is a read-only, fitted view: dragging and wiring need room and a mouse. */
const phoneQuery = '(max-width: 599.98px)';

function useNarrow() {
  const [narrow, setNarrow] = useState(() => window.matchMedia(phoneQuery).matches);
  useEffect(() => {
    const media = window.matchMedia(phoneQuery);
    const onChange = () => setNarrow(media.matches);
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return narrow;
}

interface Props {
  dotNet: DotNetRef;
  initial: MountOptions;
  register: (handle: EditorHandle) => void;
}

/**
 * React Flow's own complaints (an edge it cannot draw, a node type it does not know) go to the console in production
 * too: its default reports them in development builds only, and the bundle is a production one.
 */
function reportFlowError(code: string, message: string) {
  console.warn(`[React Flow ${code}] ${message}`);
}

export function Editor({ dotNet, initial, register }: Props) {
  const flow = useReactFlow();
  const updateNodeInternals = useUpdateNodeInternals();
  const [nodes, setNodes] = useState<StepNode[]>(() => toFlowNodes(initial.nodes));
  const [edges, setEdges] = useState<Edge[]>(() => withEdgeTypes(toFlowNodes(initial.nodes), toFlowEdges(initial.edges)));
  const [palette, setPalette] = useState(initial.palette ?? []);
  const [editable, setEditable] = useState(!(initial.readOnly ?? false));
  const narrow = useNarrow();
  const readOnly = !editable || narrow;
  const [message, setMessage] = useState<string | null>(null);
  // The minimap sits over the canvas's corner, where it hid nodes: it is shown only when asked for.
  const [showMap, setShowMap] = useState(false);
  const nodesRef = useRef(nodes);
  const edgesRef = useRef(edges);
  const history = useRef(new History({ nodes, edges }));
  const [, setHistoryTick] = useState(0);
  const selectedRef = useRef<string | null>(null);

  const show = useCallback((next: Snapshot) => {
    const edges = withEdgeTypes(next.nodes, next.edges);
    nodesRef.current = next.nodes;
    edgesRef.current = edges;
    setNodes(next.nodes);
    setEdges(edges);
  }, []);

  /** A finished edit: remember it for undo and tell Blazor, which validates and stores it. */
  const commit = useCallback((next: Snapshot) => {
    show(next);
    history.current.push(next);
    setHistoryTick((t) => t + 1);
    setMessage(null);
    void dotNet.invokeMethodAsync('OnGraphChanged', JSON.stringify(toGraph(next.nodes, next.edges)));
  }, [dotNet, show]);

  const undo = useCallback(() => {
    const previous = history.current.undo();
    if (!previous) return;
    show(previous);
    setHistoryTick((t) => t + 1);
    void dotNet.invokeMethodAsync('OnGraphChanged', JSON.stringify(toGraph(previous.nodes, previous.edges)));
  }, [dotNet, show]);

  const redo = useCallback(() => {
    const next = history.current.redo();
    if (!next) return;
    show(next);
    setHistoryTick((t) => t + 1);
    void dotNet.invokeMethodAsync('OnGraphChanged', JSON.stringify(toGraph(next.nodes, next.edges)));
  }, [dotNet, show]);

  useLayoutEffect(() => {
    register({
      update(options) {
        // Keep what the user has selected: an update redraws data, it is not a new selection.
        const selected = new Set(nodesRef.current.filter((n) => n.selected).map((n) => n.id));
        const nodes = toFlowNodes(options.nodes).map((n) => (selected.has(n.id) ? { ...n, selected: true } : n));
        const next = { nodes, edges: toFlowEdges(options.edges) };
        show(next);
        history.current = new History(next);
        setHistoryTick((t) => t + 1);
        if (options.palette) setPalette(options.palette);
        if (options.readOnly !== undefined) setEditable(!options.readOnly);
        setMessage(null);
        // Wait for the palette (which narrows the canvas) and the new nodes to render before fitting.
        if (options.fit) window.setTimeout(() => { void flow.fitView({ padding: 0.2, maxZoom: 1 }); }, 50);
      },
      highlight(issues) {
        const byNode = new Map<string, string>();
        for (const issue of issues) for (const key of issue.nodes) byNode.set(key, byNode.has(key) ? `${byNode.get(key)} ${issue.message}` : issue.message);
        const next = withIssues(nodesRef.current, byNode);
        nodesRef.current = next;
        setNodes(next);
      },
      badges(byNode) {
        const next = withBadges(nodesRef.current, byNode);
        nodesRef.current = next;
        setNodes(next);
      },
      overlay(statuses) {
        const [n, e] = withStatuses(nodesRef.current, edgesRef.current, statuses);
        show({ nodes: n, edges: e });
      },
    });
  }, [flow, register, show]);

  useEffect(() => {
    if (readOnly) return undefined;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.closest('input, textarea, select, [contenteditable=true]'))) return;
      if (!(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) { e.preventDefault(); undo(); }
      else if ((key === 'z' && e.shiftKey) || key === 'y') { e.preventDefault(); redo(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [readOnly, undo, redo]);

  const onNodesChange = useCallback((changes: NodeChange<StepNode>[]) => {
    const next = applyNodeChanges(changes, nodesRef.current);
    const moved = changes.some((c) => c.type === 'position' && c.dragging === false);
    if (moved) commit({ nodes: next, edges: edgesRef.current });
    else {
      nodesRef.current = next;
      setNodes(next);
    }
  }, [commit]);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    // Removals are committed once, with their nodes, in onDelete.
    const next = applyEdgeChanges(changes, edgesRef.current);
    edgesRef.current = next;
    setEdges(next);
  }, []);

  const onDelete = useCallback(({ nodes: gone, edges: cut }: { nodes: StepNode[]; edges: Edge[] }) => {
    const goneIds = new Set(gone.map((n) => n.id));
    const cutIds = new Set(cut.map((e) => e.id));
    commit({
      nodes: nodesRef.current.filter((n) => !goneIds.has(n.id)),
      edges: edgesRef.current.filter((e) => !cutIds.has(e.id) && !goneIds.has(e.source) && !goneIds.has(e.target)),
    });
  }, [commit]);

  /** Asks the C# side (the domain DagValidator) whether the edge may exist; a refusal is shown and nothing changes. */
  const tryEdge = useCallback(async (source: string, target: string, replacing?: Edge) => {
    const drawn = () => edgesRef.current.some((e) => e.source === source && e.target === target && e.id !== replacing?.id);
    if (drawn()) return;
    const refusal = await dotNet.invokeMethodAsync<string | null>('CheckEdge', source, target, replacing?.source ?? null, replacing?.target ?? null);
    if (refusal) {
      setMessage(refusal);
      return;
    }
    // Looked at again after the server's answer: the same edge drawn twice while the first check was on its way would
    // otherwise be added twice (two edges with one id, of which the canvas draws one).
    if (drawn()) return;
    const kept = edgesRef.current.filter((e) => e.id !== replacing?.id);
    commit({ nodes: nodesRef.current, edges: [...kept, { id: edgeId(source, target), source, target }] });
    // The new edge is drawn from both ends' measured handles; measure them again rather than trust bounds taken while a
    // node just dropped was still settling (a CI run once held an edge it never drew).
    updateNodeInternals([source, target]);
  }, [commit, dotNet, updateNodeInternals]);

  const onConnect = useCallback((c: Connection) => { void tryEdge(c.source, c.target); }, [tryEdge]);
  const onReconnect = useCallback((old: Edge, c: Connection) => { void tryEdge(c.source, c.target, old); }, [tryEdge]);

  const onSelectionChange = useCallback(({ nodes: selected }: OnSelectionChangeParams) => {
    const key = selected.length === 1 ? selected[0].id : null;
    if (key === selectedRef.current) return;
    selectedRef.current = key;
    void dotNet.invokeMethodAsync('OnNodeSelected', key);
  }, [dotNet]);

  const onDragOver = useCallback((e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((e: DragEvent) => {
    e.preventDefault();
    const id = e.dataTransfer.getData(DragType);
    const item = palette.find((p) => p.stepVersionId === id);
    if (!item || readOnly) return;
    const position = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    const node: StepNode = {
      id: uniqueKey(item.stepKey, nodesRef.current),
      type: 'step',
      position: { x: position.x - 90, y: position.y - 20 },
      data: { stepVersionId: item.stepVersionId, stepLabel: item.label, outputType: item.outputType },
    };
    commit({ nodes: [...nodesRef.current, node], edges: edgesRef.current });
  }, [commit, flow, palette, readOnly]);

  /** Adds a step without a mouse: in the middle of the visible canvas, moved down until it overlaps no node. */
  const canvasRef = useRef<HTMLDivElement>(null);
  const addAtFreePlace = useCallback((item: PaletteItem) => {
    if (readOnly) return;
    const rect = canvasRef.current?.getBoundingClientRect();
    const centre = rect
      ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 3 })
      : { x: 200, y: 100 };
    const at = freePosition(nodesRef.current, { x: centre.x - 90, y: centre.y - 28 });
    const node: StepNode = {
      id: uniqueKey(item.stepKey, nodesRef.current),
      type: 'step',
      position: at,
      data: { stepVersionId: item.stepVersionId, stepLabel: item.label, outputType: item.outputType },
    };
    commit({ nodes: [...nodesRef.current, node], edges: edgesRef.current });
  }, [commit, flow, readOnly]);

  // On a phone the whole pipeline is shown at once, fitted once the nodes have their sizes (a fit before that leaves
  // their far edges outside) and again when the screen narrows.
  const nodesInitialized = useNodesInitialized();
  useEffect(() => {
    if (narrow && nodesInitialized) window.requestAnimationFrame(() => { void flow.fitView({ padding: 0.1, minZoom: 0.1 }); });
  }, [narrow, nodesInitialized, flow]);

  const layout = useCallback(() => {
    commit({ nodes: autoLayout(nodesRef.current, edgesRef.current), edges: edgesRef.current });
    window.requestAnimationFrame(() => { void flow.fitView({ padding: 0.2 }); });
  }, [commit, flow]);

  return (
    <div className="aiflow-dag" data-testid="dag-editor" data-readonly={readOnly ? 'yes' : 'no'} data-narrow={narrow ? 'yes' : 'no'} data-nodes={nodes.length} data-edges={edges.length} data-edge-ids={edges.map((e) => e.id).join(' ')}>
      {readOnly ? null : <Palette items={palette} onAdd={addAtFreePlace} />}
      <div className="aiflow-dag__canvas" ref={canvasRef} onDragOver={onDragOver} onDrop={onDrop}>
        <ReactFlow<StepNode, Edge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onDelete={onDelete}
          onConnect={onConnect}
          onReconnect={readOnly ? undefined : onReconnect}
          onSelectionChange={onSelectionChange}
          onError={reportFlowError}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          edgesReconnectable={!readOnly}
          deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
          multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
          fitView={initial.nodes.length > 0}
          fitViewOptions={narrow ? { padding: 0.1, minZoom: 0.1 } : { padding: 0.2, maxZoom: 1 }}
          minZoom={narrow ? 0.1 : 0.5}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={16} />
          <Controls showInteractive={!readOnly} />
          {showMap ? <MiniMap pannable zoomable position="bottom-right" /> : null}
          <Panel position="top-right" className="aiflow-dag__tools">
            {readOnly ? null : (
              <>
                <button type="button" data-testid="dag-undo" onClick={undo} disabled={!history.current.canUndo} title="Undo (Ctrl+Z)">Undo</button>
                <button type="button" data-testid="dag-redo" onClick={redo} disabled={!history.current.canRedo} title="Redo (Ctrl+Shift+Z)">Redo</button>
                <button type="button" data-testid="dag-layout" onClick={layout} title="Arrange top to bottom">Auto-layout</button>
              </>
            )}
            <button type="button" data-testid="dag-minimap" onClick={() => setShowMap((v) => !v)} aria-pressed={showMap} title={showMap ? 'Hide the minimap' : 'Show a minimap of the whole pipeline'}>
              {showMap ? 'Hide map' : 'Map'}
            </button>
          </Panel>
          {narrow && editable ? (
            <Panel position="bottom-center" className="aiflow-dag__note" data-testid="dag-narrow-note">
              Read-only on a narrow screen: editing the pipeline needs a wider screen.
            </Panel>
          ) : null}
          {message ? (
            <Panel position="top-center" className="aiflow-dag__message" data-testid="dag-editor-message">
              <span>{message}</span>
              <button type="button" onClick={() => setMessage(null)} aria-label="Dismiss">×</button>
            </Panel>
          ) : null}
        </ReactFlow>
      </div>
    </div>
  );
}
