import { createRoot, type Root } from 'react-dom/client';
import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './editor.css';
import { Editor } from './Editor';
import type { Badges, DotNetRef, EditorHandle, Issue, MountOptions, Statuses } from './types';

interface Instance {
  root: Root;
  handle: EditorHandle | null;
  pending: ((h: EditorHandle) => void)[];
}

const instances = new Map<Element, Instance>();

function withHandle(element: Element, call: (h: EditorHandle) => void) {
  const instance = instances.get(element);
  if (!instance) return;
  if (instance.handle) call(instance.handle);
  else instance.pending.push(call);
}

/** The island's whole surface: Blazor mounts it, feeds it data and hears back through the DotNetObjectReference. */
const api = {
  mount(element: Element, dotNet: DotNetRef, options: MountOptions) {
    api.dispose(element);
    const instance: Instance = { root: createRoot(element), handle: null, pending: [] };
    instances.set(element, instance);
    const register = (h: EditorHandle) => {
      instance.handle = h;
      for (const call of instance.pending.splice(0)) call(h);
    };
    instance.root.render(
      <ReactFlowProvider>
        <Editor dotNet={dotNet} initial={options} register={register} />
      </ReactFlowProvider>,
    );
  },
  update(element: Element, options: MountOptions) { withHandle(element, (h) => h.update(options)); },
  highlight(element: Element, issues: Issue[]) { withHandle(element, (h) => h.highlight(issues)); },
  overlay(element: Element, statuses: Statuses) { withHandle(element, (h) => h.overlay(statuses)); },
  badges(element: Element, byNode: Record<string, Badges>) { withHandle(element, (h) => h.badges(byNode)); },
  dispose(element: Element) {
    const instance = instances.get(element);
    if (!instance) return;
    instances.delete(element);
    instance.root.unmount();
  },
  /** Saves text as a file in the browser (export). */
  download(fileName: string, text: string) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  },
};

declare global {
  interface Window { aiflowDagEditor: typeof api; }
}

window.aiflowDagEditor = api;
