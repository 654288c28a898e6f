/** The palette: the catalog's items by MI's groups, filterable; click inserts at the active point, drag drops on a "+". */
import { useState } from 'react';
import type { CanvasCatalog } from '../../../src/contract/canvas.js';
import { KIND_MIME } from './nodes.js';

export function Palette({ catalog, onPick }: { catalog: CanvasCatalog | undefined; onPick(kind: string): void }) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  return (
    <aside className="palette" data-testid="palette">
      <input className="palette-filter" placeholder="Filter mediators…" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter the palette" />
      {!catalog && <div className="muted palette-empty">Loading…</div>}
      {catalog?.groups.map((group) => {
        const items = group.items.filter((i) => !needle || i.label.toLowerCase().includes(needle) || i.kind.toLowerCase().includes(needle));
        if (!items.length) return null;
        return (
          <section key={group.id} className="palette-group">
            <h4>{group.label}</h4>
            {items.map((item) => (
              <button
                key={item.kind}
                className={`palette-item group-${group.id}`}
                data-testid="palette-item"
                data-kind={item.kind}
                title={item.help}
                draggable
                onDragStart={(e) => {
                  e.dataTransfer.setData(KIND_MIME, item.kind);
                  e.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => onPick(item.kind)}
              >
                {item.label}
              </button>
            ))}
          </section>
        );
      })}
    </aside>
  );
}
