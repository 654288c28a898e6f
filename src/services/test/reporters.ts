/**
 * Writing a run's report for people and for CI: text (per case, failures with
 * expected vs actual, the assertion's message and position, a summary line),
 * JUnit XML (what CI systems read) and the coverage table.
 */
import type { ArtifactCoverage, AssertionResult, TestCaseResult, TestRunReport, TestSuiteResult } from './types.js';
import { UNREADABLE_CODES } from './suite-model.js';

/** 0 all passed, 1 a case failed or a suite could not run, 2 a suite cannot be read as written. */
export function exitCodeOf(report: TestRunReport): number {
  if (report.suites.some((s) => s.problems.some((p) => UNREADABLE_CODES.has(p.code)))) return 2;
  if (report.suites.some((s) => s.status === 'failed' || s.status === 'error')) return 1;
  return 0;
}

const MARK: Record<TestCaseResult['status'], string> = { passed: 'PASS ', failed: 'FAIL ', error: 'ERROR', skipped: 'SKIP ' };

export function caseLine(c: TestCaseResult): string {
  const lines = [`  ${MARK[c.status]} ${c.name} (${Math.round(c.durationMs)} ms)`];
  if (c.error) for (const l of c.error.split('\n')) lines.push(`        ${l}`);
  for (const a of c.assertions) if (a.status === 'failed') lines.push(...assertionLines(a));
  return lines.join('\n');
}

function assertionLines(a: AssertionResult): string[] {
  const out = [`        ${a.position.file}:${a.position.line}:${a.position.col}: ${a.type} ${a.expression}${a.message ? `: ${a.message}` : ''}`];
  if (a.type === 'assertEquals') out.push(`          expected: ${oneLine(a.expected ?? '')}`);
  out.push(`          actual:   ${a.actual === null ? '(no value)' : oneLine(a.actual)}`);
  if (a.reason) out.push(`          ${a.reason}`);
  return out;
}

function oneLine(s: string): string {
  const flat = s.replace(/\s*\n\s*/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

export function suiteHeader(s: Pick<TestSuiteResult, 'file' | 'artifact'>): string {
  return `${s.file}${s.artifact ? ` (${s.artifact.kind} ${s.artifact.name})` : ''}`;
}

export function problemLines(s: TestSuiteResult): string[] {
  return s.problems.map((p) => `  error ${p.file}:${p.line}:${p.col}: ${p.code} ${p.message}`);
}

export function summaryLine(r: TestRunReport): string {
  const s = r.summary;
  const unreadable = r.suites.filter((x) => x.status === 'error' && x.cases.every((c) => c.status === 'error')).length;
  return `Tests: ${s.passed} passed, ${s.failed} failed, ${s.errors} errors${s.skipped ? `, ${s.skipped} skipped` : ''} (${s.cases} cases in ${s.suites} suites${unreadable ? `, ${unreadable} of them not run` : ''}) in ${r.durationMs} ms`;
}

export function textReport(r: TestRunReport): string {
  const out: string[] = [];
  for (const s of r.suites) {
    out.push(suiteHeader(s), ...problemLines(s), ...s.cases.map(caseLine));
  }
  if (r.coverage) out.push('', coverageTable(r.coverage));
  out.push('', summaryLine(r));
  return out.join('\n') + '\n';
}

export function coverageTable(coverage: ArtifactCoverage[]): string {
  const rows = coverage.map((c) => [c.artifact, c.file, String(c.covered), String(c.total), c.percent.toFixed(1)]);
  const head = ['artifact', 'file', 'ran', 'mediators', '%'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((v, i) => (i >= 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = ['Coverage (mediators that ran, by artifact)', fmt(head), ...rows.map(fmt)];
  for (const c of coverage) {
    const never = c.steps.filter((s) => s.hits === 0);
    if (never.length) out.push(`  never ran in ${c.artifact}: ${never.map((s) => `${s.kind} at ${s.line}:${s.col} (${s.stepPath})`).join(', ')}`);
  }
  return out.join('\n');
}

export function junitReport(r: TestRunReport): string {
  const s = r.summary;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="mediate test" tests="${s.cases}" failures="${s.failed}" errors="${s.errors}" skipped="${s.skipped}" time="${seconds(r.durationMs)}" timestamp="${r.startedAt}">`];
  for (const suite of r.suites) {
    const count = (st: string) => suite.cases.filter((c) => c.status === st).length;
    const noCases = suite.cases.length === 0 && suite.problems.length > 0;
    out.push(`  <testsuite name="${esc(suite.file)}" tests="${suite.cases.length + (noCases ? 1 : 0)}" failures="${count('failed')}" errors="${count('error') + (noCases ? 1 : 0)}" skipped="${count('skipped')}" time="${seconds(suite.durationMs)}" file="${esc(suite.file)}">`);
    const classname = esc(suite.file.replace(/\.xml$/, '').replace(/\//g, '.'));
    for (const c of suite.cases) {
      out.push(`    <testcase name="${esc(c.name)}" classname="${classname}" time="${seconds(c.durationMs)}" file="${esc(c.position.file)}" line="${c.position.line}">`);
      if (c.status === 'skipped') out.push('      <skipped/>');
      if (c.status === 'error') out.push(`      <error message="${esc(firstLine(c.error ?? 'error'))}" type="error">${esc(c.error ?? '')}</error>`);
      for (const a of c.assertions) {
        if (a.status !== 'failed') continue;
        const message = `${a.expression}${a.message ? `: ${a.message}` : ''}`;
        out.push(`      <failure message="${esc(message)}" type="${a.type}">${esc(assertionLines(a).map((l) => l.trim()).join('\n'))}</failure>`);
      }
      out.push('    </testcase>');
    }
    if (noCases) {
      const text = suite.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.code} ${p.message}`).join('\n');
      out.push(`    <testcase name="(suite)" classname="${classname}" time="0" file="${esc(suite.file)}" line="${suite.position.line}">`, `      <error message="${esc(firstLine(text))}" type="${esc(suite.problems[0]!.code)}">${esc(text)}</error>`, '    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function firstLine(s: string): string {
  return s.split('\n')[0]!;
}

function esc(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}
