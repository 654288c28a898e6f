/**
 * The designer of a `.dbs` beside its source view. It draws the model the
 * data-services service reads from the document's Monaco model text and
 * edits that same model with the service's minimal text edits, so the source
 * view shows every change and one undo stack serves both. While the text is
 * not well-formed, the last good model stays, greyed, under a banner.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import './dataservices.css';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import type { Documents } from '../documents.js';
import type { DsEdit, DsIssue, DsModel } from '../../../src/contract/dataservices.js';
import { applyTextEdits } from '../canvas/apply-edits.js';
import { lastWellFormed, rememberWellFormed } from '../canvas/last-good.js';
import { DatasourceForm } from './DatasourceForm.js';
import { QueryCard } from './QueryCard.js';
import { ResourcesPanel } from './ResourcesPanel.js';

export function DataServiceDesigner({ client, documents, path }: { client: StudioClient; documents: Documents; path: string }) {
  const service = client.service('dataservices');
  const model = documents.model(path);
  const [ds, setDs] = useState<DsModel>();
  const [invalid, setInvalid] = useState<DsIssue>();
  const [notice, setNotice] = useState<string>();
  const [version, setVersion] = useState(0);
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    if (!model || model.isDisposed()) return;
    const mine = ++generation.current;
    try {
      const text = model.getValue();
      const next = await service.model(path, text);
      if (mine !== generation.current) return;
      if (next.ok) {
        rememberWellFormed(path, text);
        setDs(next);
        setInvalid(undefined);
        setVersion((v) => v + 1);
        return;
      }
      setInvalid(next.syntaxError);
      // Opened on a malformed text: show the last well-formed one typed while another view was open.
      const good = lastWellFormed(path);
      if (good !== undefined) {
        const earlier = await service.model(path, good);
        if (mine === generation.current && earlier.ok) setDs((shown) => shown ?? earlier);
      }
    } catch (e) {
      if (mine === generation.current) setNotice(errorMessage(e));
    }
  }, [model, path, service]);

  useEffect(() => {
    if (!model) return;
    void refresh();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = model.onDidChangeContent(() => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), 120);
    });
    return () => {
      clearTimeout(timer);
      sub.dispose();
    };
  }, [model, refresh]);

  const apply = useCallback(
    async (produce: (text: string) => Promise<{ edits: { start: number; end: number; newText: string }[] }>) => {
      if (!model) return;
      if (invalid) return setNotice('Fix the XML in the source view first: the designer edits well-formed documents only.');
      const text = model.getValue();
      try {
        const result = await produce(text);
        if (model.getValue() !== text) return setNotice('The document changed while the edit was prepared; try again.');
        applyTextEdits(model, result.edits);
        setNotice(undefined);
        await refresh();
      } catch (e) {
        setNotice(errorMessage(e));
      }
    },
    [invalid, model, refresh],
  );
  const edit = useCallback((e: DsEdit) => apply((text) => service.edit(path, text, e)), [apply, path, service]);
  const current = () => model?.getValue() ?? '';

  return (
    <div className="ds-designer" data-testid="ds-designer" data-path={path}>
      {invalid && (
        <div className="banner warning" role="alert" data-testid="ds-invalid">
          <span>
            The XML is not well-formed (line {invalid.line}, column {invalid.col}: {invalid.message}).{' '}
            {ds ? 'The designer shows the last good version; fix the source to edit again.' : 'There is no well-formed version of this document to show yet.'}
          </span>
        </div>
      )}
      {notice && (
        <div className="banner error" role="alert" data-testid="ds-notice">
          <span>{notice}</span>
          <button onClick={() => setNotice(undefined)}>Dismiss</button>
        </div>
      )}
      {ds && (
        <div className={`ds-body${invalid ? ' stale' : ''}`}>
          <h2>
            Data service <code>{ds.name}</code>
          </h2>
          {ds.problems.length > 0 && (
            <ul className="ds-problems" data-testid="ds-problems">
              {ds.problems.map((p, i) => (
                <li key={i} className={p.severity}>
                  line {p.line}, column {p.col}: {p.message}
                </li>
              ))}
            </ul>
          )}
          {ds.configs.map((c) => (
            <DatasourceForm
              key={c.id}
              config={c}
              disabled={!!invalid}
              edit={edit}
              testConnection={() => service.testConnection(path, current(), c.id)}
              listTables={() => service.tables(path, current(), c.id)}
              generate={(table) => apply((text) => service.generateFromTable(path, text, c.id, table))}
            />
          ))}
          {ds.queries.map((q) => (
            <QueryCard key={q.id} query={q} textVersion={version} disabled={!!invalid} edit={edit} run={(params) => service.runQuery(path, current(), q.id, params)} />
          ))}
          <ResourcesPanel serviceName={ds.name} resources={ds.resources} operations={ds.operations} queries={ds.queries.map((q) => q.id)} disabled={!!invalid} edit={edit} />
        </div>
      )}
    </div>
  );
}
