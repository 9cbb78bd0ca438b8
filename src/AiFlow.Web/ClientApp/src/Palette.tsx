import type { DragEvent, KeyboardEvent } from 'react';
import type { PaletteItem } from './types';

export const DragType = 'application/aiflow-step';

/** Step versions to drag onto the canvas (HTML5 drag and drop), or to add by click, Enter or Space at a free place. */
export function Palette({ items, onAdd }: { items: PaletteItem[]; onAdd: (item: PaletteItem) => void }) {
  const start = (e: DragEvent, item: PaletteItem) => {
    e.dataTransfer.setData(DragType, item.stepVersionId);
    e.dataTransfer.effectAllowed = 'copy';
  };
  const key = (e: KeyboardEvent, item: PaletteItem) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    onAdd(item);
  };
  return (
    <div className="aiflow-palette" data-testid="dag-palette">
      <div className="aiflow-palette__title">Steps</div>
      {items.map((item) => (
        <div
          key={item.stepVersionId}
          className="aiflow-palette__item"
          draggable
          role="button"
          tabIndex={0}
          onDragStart={(e) => start(e, item)}
          onClick={() => onAdd(item)}
          onKeyDown={(e) => key(e, item)}
          data-testid={`palette-${item.stepKey}`}
          title={`${item.label} (${item.kind}): drag onto the canvas, or click or press Enter to add it`}
        >
          <span>{item.label}</span>
          <small>{item.kind}</small>
        </div>
      ))}
      {items.length === 0 ? <div className="aiflow-palette__empty">No step versions yet.</div> : null}
    </div>
  );
}
