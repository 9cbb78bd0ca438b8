import type { DragEvent } from 'react';
import type { PaletteItem } from './types';

export const DragType = 'application/aiflow-step';

/** Step versions to drag onto the canvas (HTML5 drag and drop). */
export function Palette({ items }: { items: PaletteItem[] }) {
  const start = (e: DragEvent, item: PaletteItem) => {
    e.dataTransfer.setData(DragType, item.stepVersionId);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <div className="aiflow-palette" data-testid="dag-palette">
      <div className="aiflow-palette__title">Steps</div>
      {items.map((item) => (
        <div
          key={item.stepVersionId}
          className="aiflow-palette__item"
          draggable
          onDragStart={(e) => start(e, item)}
          data-testid={`palette-${item.stepKey}`}
          title={`${item.label} (${item.kind}) — drag onto the canvas`}
        >
          <span>{item.label}</span>
          <small>{item.kind}</small>
        </div>
      ))}
      {items.length === 0 ? <div className="aiflow-palette__empty">No step versions yet.</div> : null}
    </div>
  );
}
