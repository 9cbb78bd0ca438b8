import type { Edge } from '@xyflow/react';
import type { StepNode } from './graph';

export interface Snapshot {
  nodes: StepNode[];
  edges: Edge[];
}

/** Undo/redo over committed edits; selection and highlights are not history. */
export class History {
  private readonly past: Snapshot[] = [];
  private future: Snapshot[] = [];
  private present: Snapshot;

  constructor(initial: Snapshot) {
    this.present = initial;
  }

  get canUndo() { return this.past.length > 0; }
  get canRedo() { return this.future.length > 0; }

  push(next: Snapshot) {
    this.past.push(this.present);
    if (this.past.length > 200) this.past.shift();
    this.present = next;
    this.future = [];
  }

  undo(): Snapshot | undefined {
    const previous = this.past.pop();
    if (!previous) return undefined;
    this.future.push(this.present);
    this.present = previous;
    return previous;
  }

  redo(): Snapshot | undefined {
    const next = this.future.pop();
    if (!next) return undefined;
    this.past.push(this.present);
    this.present = next;
    return next;
  }
}
