/**
 * The Test Explorer: the project's unit-test suites and their cases as a
 * tree with the last result of each, run all / a suite / a case (or debug a
 * case: canvas breakpoints pause it), progress while running, re-run on save,
 * coverage on the canvas, and for the selected case its assertions with
 * expected vs actual. A double click (or ↗) opens the case in its file.
 */
import { useEffect, useState } from 'react';
import type { StudioClient } from '../connection.js';
import type { Documents } from '../documents.js';
import type { TestCaseOutcome, TestSuiteEntry } from '../../../src/contract/index.js';
import { testStore, useTestState } from './test-store.js';
import { ResultDiff } from './ResultDiff.js';
import { SuiteDialog } from './SuiteDialog.js';
import './testing.css';

const base = (file: string) => file.slice(file.lastIndexOf('/') + 1);

function suiteStatus(suite: TestSuiteEntry): 'passed' | 'failed' | 'not-run' {
  if (suite.problems.length > 0) return 'failed';
  const statuses = suite.cases.map((c) => testStore.statusOf(suite.file, c.name));
  if (statuses.includes('failed')) return 'failed';
  if (statuses.length > 0 && statuses.every((s) => s === 'passed')) return 'passed';
  return 'not-run';
}

const ICON: Record<string, string> = { passed: '✓', failed: '✗', 'not-run': '○' };

export function TestExplorer({ client, documents }: { client: StudioClient; documents: Documents }) {
  const state = useTestState();
  const [selected, setSelected] = useState<{ suite: string; testCase: string }>();
  const [dialog, setDialog] = useState<{ suite?: string }>();
  useEffect(() => testStore.connect(client), [client]);

  const running = state.running;
  const selectedResult = selected ? testStore.resultOf(selected.suite, selected.testCase) : undefined;
  const summary = state.last?.summary;

  return (
    <div className="test-explorer" data-testid="test-explorer">
      <div className="test-toolbar">
        <button className="primary" data-testid="test-run-all" disabled={!!running || state.suites.length === 0} onClick={() => void testStore.run({})} title="Run every suite of the project">
          ▶ Run all
        </button>
        <button data-testid="test-new-suite" onClick={() => setDialog({})} title="Write a suite for an API, proxy or sequence, with mock services">
          New suite…
        </button>
        <label className="test-check" title="After a save, run the last selection again">
          <input type="checkbox" data-testid="test-rerun-on-save" checked={state.rerunOnSave} onChange={(e) => void testStore.setRerunOnSave(e.target.checked)} /> Re-run on save
        </label>
        <button
          className={state.coverageShown ? 'pressed' : ''}
          data-testid="coverage-toggle"
          aria-pressed={state.coverageShown}
          onClick={() => testStore.setCoverageShown(!state.coverageShown)}
          title="Colour the canvas: mediators the last run ran, and those it never ran"
        >
          Coverage {state.coverageShown ? 'on' : 'off'}
        </button>
        <span className="spacer" />
        {running ? (
          <span className="test-progress busy" data-testid="test-progress" role="status">
            {running.debug ? 'Debugging' : 'Running'} {running.done}/{running.total}…
          </span>
        ) : (
          summary && (
            <span className={`test-summary ${summary.failed + summary.errors > 0 ? 'failed' : 'passed'}`} data-testid="test-summary">
              {summary.passed} passed, {summary.failed} failed{summary.errors ? `, ${summary.errors} errors` : ''}
              {summary.skipped ? `, ${summary.skipped} skipped` : ''} · {Math.round(state.last!.durationMs)} ms
            </span>
          )
        )}
      </div>
      {state.error && (
        <div className="form-error test-error" role="alert" data-testid="test-error">
          {state.error}
        </div>
      )}
      <div className="test-columns">
        <div className="test-tree" role="tree" aria-label="Test suites">
          {state.suites.length === 0 && <div className="muted test-empty">No suites in src/test/wso2mi yet. “New suite…” writes one; Try-it’s “Record as test” turns a request into a case.</div>}
          {state.suites.map((suite) => {
            const status = suiteStatus(suite);
            return (
              <div key={suite.file} className="test-suite-group" role="group">
                <div className={`test-row test-suite status-${status}`} data-testid="test-suite" data-suite={suite.file} data-status={status} role="treeitem" onDoubleClick={() => void documents.open(suite.file, suite.position.line)}>
                  <span className={`test-icon status-${status}`}>{ICON[status]}</span>
                  <span className="test-name" title={suite.file}>
                    {base(suite.file)}
                  </span>
                  {suite.artifact && <span className="muted small">{suite.artifact.kind}:{suite.artifact.name}</span>}
                  <span className="spacer" />
                  <button className="icon" data-testid="test-run" disabled={!!running} title="Run this suite" onClick={() => void testStore.run({ suite: suite.file })}>
                    ▶
                  </button>
                  <button className="icon" data-testid="test-add-case" title="Add a test case to this suite" onClick={() => setDialog({ suite: suite.file })}>
                    +
                  </button>
                  <button className="icon" data-testid="test-open" title="Open the suite" onClick={() => void documents.open(suite.file, suite.position.line)}>
                    ↗
                  </button>
                </div>
                {suite.problems.map((p, i) => (
                  <div key={i} className="test-row test-problem" data-testid="test-problem" data-code={p.code} onClick={() => void documents.open(p.file, p.line)} title="Open where it is">
                    <span className="test-icon status-failed">!</span>
                    <span>
                      {p.file}:{p.line}:{p.col} {p.message}
                    </span>
                  </div>
                ))}
                {suite.cases.map((c) => {
                  const caseStatus = testStore.statusOf(suite.file, c.name);
                  const isSelected = selected?.suite === suite.file && selected.testCase === c.name;
                  const isRunning = running?.current === `${suite.file}\u0000${c.name}`;
                  return (
                    <div
                      key={c.name}
                      className={`test-row test-case status-${caseStatus}${isSelected ? ' selected' : ''}${isRunning ? ' running' : ''}`}
                      data-testid="test-item"
                      data-suite={suite.file}
                      data-case={c.name}
                      data-status={caseStatus}
                      data-running={isRunning ? 'true' : undefined}
                      role="treeitem"
                      aria-selected={isSelected}
                      onClick={() => setSelected({ suite: suite.file, testCase: c.name })}
                      onDoubleClick={() => void documents.open(c.position.file, c.position.line)}
                    >
                      <span className={`test-icon status-${caseStatus}`}>{isRunning ? '…' : ICON[caseStatus]}</span>
                      <span className="test-name">{c.name}</span>
                      <span className="spacer" />
                      <button className="icon" data-testid="test-run" disabled={!!running} title="Run this case" onClick={(e) => (e.stopPropagation(), void testStore.run({ suite: suite.file, testCase: c.name }))}>
                        ▶
                      </button>
                      <button className="icon" data-testid="test-debug" disabled={!!running} title="Debug this case: breakpoints set on the canvas pause it" onClick={(e) => (e.stopPropagation(), void testStore.run({ suite: suite.file, testCase: c.name }, true))}>
                        ⬢
                      </button>
                      <button className="icon" data-testid="test-open" title="Open the case in its file" onClick={(e) => (e.stopPropagation(), void documents.open(c.position.file, c.position.line))}>
                        ↗
                      </button>
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
        <div className="test-details" data-testid="test-details">
          {selected ? <CaseDetails name={selected.testCase} result={selectedResult} onOpen={(file, line) => void documents.open(file, line)} /> : <div className="muted">Select a case to see its result.</div>}
        </div>
      </div>
      {dialog && <SuiteDialog client={client} suite={dialog.suite} onClose={() => setDialog(undefined)} onCreated={(file) => { setDialog(undefined); void testStore.refresh(); void documents.open(file); }} />}
    </div>
  );
}

function CaseDetails({ name, result, onOpen }: { name: string; result?: TestCaseOutcome; onOpen: (file: string, line: number) => void }) {
  if (!result || result.status === 'skipped') return <div className="muted">{name} has not run yet.</div>;
  const failed = result.assertions.filter((a) => a.status === 'failed');
  return (
    <div className="test-case-details" data-testid="test-case-details">
      <div className={`test-case-title status-${result.status}`}>
        {ICON[result.status === 'passed' ? 'passed' : 'failed']} {name} <span className="muted">· {result.status} · {Math.round(result.durationMs)} ms</span>
      </div>
      {result.error && (
        <div className="form-error" data-testid="test-case-error">
          {result.error}
        </div>
      )}
      {failed.map((a, i) => (
        <div key={i} onDoubleClick={() => onOpen(a.position.file, a.position.line)} title="Double-click: open the assertion">
          <ResultDiff assertion={a} />
        </div>
      ))}
      {result.assertions
        .filter((a) => a.status === 'passed')
        .map((a, i) => (
          <div key={i} className="test-assertion-passed">
            ✓ <span className="mono">{a.type}</span> <span className="mono">{a.expression}</span> {a.message && <span className="muted">— {a.message}</span>}
          </div>
        ))}
      {result.response && (
        <details className="test-response">
          <summary>Response: {result.response.status}</summary>
          <pre>{result.response.body}</pre>
        </details>
      )}
    </div>
  );
}
