/**
 * The canvas' right-click menu: a list of commands at the pointer. A click on
 * an item runs it and closes the menu; a click anywhere else, a right click
 * elsewhere or Escape closes it without running anything.
 */
import { useEffect, useRef } from 'react';

export interface MenuItem {
  /** Stable name for tests (`data-action`). */
  action: string;
  label: string;
  /** Shortcut shown on the right. */
  keys?: string;
  disabled?: boolean;
  run(): void;
}

export function ContextMenu({ x, y, items, onClose }: { x: number; y: number; items: MenuItem[]; onClose(): void }) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, []);
  return (
    <div
      className="context-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
      onContextMenu={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div
        ref={menu}
        className="context-menu"
        role="menu"
        data-testid="canvas-menu"
        style={{ left: Math.min(x, window.innerWidth - 200), top: Math.min(y, window.innerHeight - 34 * items.length - 8) }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            e.stopPropagation();
            const buttons = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
            const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
            buttons[(at + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
          }
        }}
      >
        {items.map((item) => (
          <button
            key={item.action}
            role="menuitem"
            data-action={item.action}
            disabled={item.disabled}
            onClick={() => {
              onClose();
              item.run();
            }}
          >
            <span>{item.label}</span>
            {item.keys && <span className="context-keys">{item.keys}</span>}
          </button>
        ))}
      </div>
    </div>
  );
}
