/** After a rename: the places in other files that still use the old name. They are listed, never rewritten. */
import type { ArtifactReference } from '../../../src/contract/index.js';

export interface RenameReport {
  oldName: string;
  newName: string;
  references: ArtifactReference[];
}

export function RenameReferences({ report, onOpen, onDismiss }: { report: RenameReport; onOpen: (ref: ArtifactReference) => void; onDismiss: () => void }) {
  const count = report.references.length;
  return (
    <div className="banner warning rename-references" role="status" data-testid="rename-references">
      <div>
        <div>
          Renamed <b>{report.oldName}</b> to <b>{report.newName}</b>. {count} {count === 1 ? 'place still uses' : 'places still use'} the old name; update {count === 1 ? 'it' : 'them'} if they mean this artifact:
        </div>
        <ul>
          {report.references.map((ref) => (
            <li key={`${ref.path}:${ref.line}`}>
              <button className="link" data-testid="rename-reference" data-path={ref.path} data-line={ref.line} onClick={() => onOpen(ref)}>
                {ref.path}:{ref.line}
              </button>{' '}
              <code>{ref.text}</code>
            </li>
          ))}
        </ul>
      </div>
      <button onClick={onDismiss}>Dismiss</button>
    </div>
  );
}
