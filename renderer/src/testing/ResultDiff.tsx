/**
 * Expected vs actual of an assertion, line by line: the two texts are
 * pretty-printed the same way (JSON indented, XML one element a line) and
 * compared with a longest-common-subsequence diff, so the lines that differ
 * stand out (removed = only expected, added = only actual).
 */
import { prettyBody } from '../tryit-prefill.js';
import type { TestAssertionResult } from '../../../src/contract/index.js';

export type DiffLine = { kind: 'same' | 'expected' | 'actual'; text: string };

export function diffLines(expected: string, actual: string): DiffLine[] {
  const a = expected.split('\n');
  const b = actual.split('\n');
  // LCS table; suites' payloads are small (the runner bounds them), so O(n·m) is fine.
  const n = a.length;
  const m = b.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i]! });
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) out.push({ kind: 'expected', text: a[i++]! });
    else out.push({ kind: 'actual', text: b[j++]! });
  }
  while (i < n) out.push({ kind: 'expected', text: a[i++]! });
  while (j < m) out.push({ kind: 'actual', text: b[j++]! });
  return out;
}

function readable(text: string): string {
  return prettyBody(text.trim(), undefined);
}

export function ResultDiff({ assertion }: { assertion: TestAssertionResult }) {
  const expected = assertion.type === 'assertEquals' ? readable(assertion.expected ?? '') : '(a value)';
  const actual = assertion.actual === null ? '(no value)' : readable(assertion.actual);
  const lines = diffLines(expected, actual);
  return (
    <div className="test-diff" data-testid="test-result-diff" data-expression={assertion.expression}>
      <div className="test-diff-head">
        <span className="mono">{assertion.type}</span> <span className="mono">{assertion.expression}</span>
        {assertion.message && <span className="test-diff-message"> — {assertion.message}</span>}
      </div>
      {assertion.reason && <div className="muted small test-diff-reason">{assertion.reason}</div>}
      <div className="test-diff-columns">
        <div>
          <div className="muted small">Expected</div>
          <pre className="test-diff-text" data-testid="test-diff-expected">{expected}</pre>
        </div>
        <div>
          <div className="muted small">Actual</div>
          <pre className="test-diff-text" data-testid="test-diff-actual">{actual}</pre>
        </div>
      </div>
      <pre className="test-diff-lines" aria-label="Line differences">
        {lines.map((l, i) => (
          <div key={i} className={`diff-${l.kind}`}>
            {l.kind === 'expected' ? '- ' : l.kind === 'actual' ? '+ ' : '  '}
            {l.text}
          </div>
        ))}
      </pre>
    </div>
  );
}
