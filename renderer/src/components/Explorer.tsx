/** The explorer: the project's artifacts grouped by kind, with create, rename and delete. */
import { useState } from 'react';
import type { ArtifactEntry, ArtifactGroup, ArtifactKind } from '../../../src/contract/index.js';

export interface ExplorerProps {
  projectName?: string;
  groups: ArtifactGroup[];
  activePath?: string;
  onOpen: (entry: ArtifactEntry) => void;
  onNew: (kind?: ArtifactKind) => void;
  onRename: (entry: ArtifactEntry) => void;
  onDelete: (entry: ArtifactEntry) => void;
}

export function Explorer({ projectName, groups, activePath, onOpen, onNew, onRename, onDelete }: ExplorerProps) {
  const [collapsed, setCollapsed] = useState<Partial<Record<ArtifactKind, boolean>>>({});
  const [showEmpty, setShowEmpty] = useState(false);
  const visible = groups.filter((g) => showEmpty || g.items.length > 0);
  return (
    <nav className="explorer" data-testid="explorer" aria-label="Explorer">
      <div className="pane-title">
        <span>{projectName ?? 'No project'}</span>
        <button className="icon" data-testid="new-artifact" title="New artifact" onClick={() => onNew()} disabled={!projectName}>
          +
        </button>
      </div>
      {visible.map((group) => {
        const isCollapsed = collapsed[group.kind] ?? false;
        return (
          <section key={group.kind} className="group">
            <div className="group-header" onClick={() => setCollapsed({ ...collapsed, [group.kind]: !isCollapsed })}>
              <span className="chevron">{isCollapsed ? '▸' : '▾'}</span>
              <span className="group-label">{group.label}</span>
              <span className="count">{group.items.length}</span>
              <button
                className="icon small"
                title={`New ${group.label.toLowerCase().replace(/s$/, '')}`}
                onClick={(e) => {
                  e.stopPropagation();
                  onNew(group.kind);
                }}
              >
                +
              </button>
            </div>
            {!isCollapsed &&
              group.items.map((item) => (
                <div
                  key={item.path}
                  className={`explorer-item${item.path === activePath ? ' active' : ''}`}
                  data-testid="explorer-item"
                  data-path={item.path}
                  data-kind={item.kind}
                  title={item.path}
                  tabIndex={0}
                  onClick={() => onOpen(item)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') onOpen(item);
                    if (e.key === 'F2') onRename(item);
                    if (e.key === 'Delete') onDelete(item);
                  }}
                >
                  <span className={`kind-badge kind-${item.kind}`}>{badge(item.kind)}</span>
                  <span className="item-name">{item.name}</span>
                  <span className="item-actions">
                    <button
                      className="icon small"
                      title="Rename (F2)"
                      data-testid="explorer-rename"
                      onClick={(e) => {
                        e.stopPropagation();
                        onRename(item);
                      }}
                    >
                      ✎
                    </button>
                    <button
                      className="icon small"
                      title="Delete (Del)"
                      data-testid="explorer-delete"
                      onClick={(e) => {
                        e.stopPropagation();
                        onDelete(item);
                      }}
                    >
                      ✕
                    </button>
                  </span>
                </div>
              ))}
          </section>
        );
      })}
      {projectName && (
        <button className="link" onClick={() => setShowEmpty(!showEmpty)}>
          {showEmpty ? 'Hide empty kinds' : 'Show all kinds'}
        </button>
      )}
    </nav>
  );
}

function badge(kind: ArtifactKind): string {
  const badges: Record<ArtifactKind, string> = {
    api: 'API',
    proxy: 'PX',
    sequence: 'SEQ',
    endpoint: 'EP',
    'inbound-endpoint': 'IN',
    task: 'TSK',
    'message-store': 'MS',
    'message-processor': 'MP',
    template: 'TPL',
    'local-entry': 'LE',
    'data-service': 'DS',
    'data-source': 'SRC',
    'registry-resource': 'REG',
  };
  return badges[kind];
}
