/**
 * The unit tests' state in the renderer, shared by the Test Explorer, the
 * canvas (coverage) and Try-it (the recorder): the project's suites, the run
 * in progress, the results of the last run per case, and whether coverage is
 * shown on the canvas.
 *
 *   testStore.connect(client)            once (App / the explorer)
 *   useTestState()                       re-renders on every change
 *   testStore.statusOf(suite, case)      'passed' | 'failed' | 'not-run'
 *   useCoverage(stepPath)                'true' | 'false' | undefined (coverage hidden, or no run yet)
 */
import { useSyncExternalStore } from 'react';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import type { TestCaseOutcome, TestProgressEvent, TestRunResult, TestSelection, TestSuiteEntry } from '../../../src/contract/index.js';

export type CaseStatus = 'passed' | 'failed' | 'not-run';

export interface TestState {
  suites: TestSuiteEntry[];
  /** Results by `suite\0case`, from the latest run that ran the case. */
  results: Map<string, TestCaseOutcome>;
  last?: TestRunResult;
  running?: { runId: number; selection: TestSelection; debug: boolean; done: number; total: number; current?: string };
  rerunOnSave: boolean;
  coverageShown: boolean;
  /** Hits by step path over the last run (only when it reported coverage). */
  coverage: Map<string, number>;
  error?: string;
}

type Listener = () => void;

const key = (suite: string, testCase: string) => `${suite}\u0000${testCase}`;

class TestStore {
  private state: TestState = { suites: [], results: new Map(), rerunOnSave: false, coverageShown: false, coverage: new Map() };
  private listeners = new Set<Listener>();
  private client: StudioClient | undefined;
  private offs: (() => void)[] = [];

  connect(client: StudioClient): void {
    if (this.client === client) return;
    for (const off of this.offs) off();
    this.client = client;
    this.offs = [
      client.on('test.progress', (e) => this.onProgress(e)),
      client.on('test.suitesChanged', () => void this.refresh()),
      client.on('workspace.projectOpened', () => {
        this.update({ results: new Map(), last: undefined, coverage: new Map(), running: undefined });
        void this.refresh();
      }),
    ];
    void this.refresh();
    void client
      .service('test')
      .lastRun()
      .then((r) => r && this.applyRun(r))
      .catch(() => undefined);
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TestState => this.state;

  statusOf(suite: string, testCase: string): CaseStatus {
    const r = this.state.results.get(key(suite, testCase));
    if (!r || r.status === 'skipped') return 'not-run';
    return r.status === 'passed' ? 'passed' : 'failed';
  }

  resultOf(suite: string, testCase: string): TestCaseOutcome | undefined {
    return this.state.results.get(key(suite, testCase));
  }

  async refresh(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      const [suites, settings] = await Promise.all([client.service('test').list(), client.service('test').settings()]);
      this.update({ suites, rerunOnSave: settings.rerunOnSave, error: undefined });
    } catch (e) {
      this.update({ suites: [], error: errorMessage(e) });
    }
  }

  async run(selection: TestSelection = {}, debug = false): Promise<void> {
    const client = this.requireClient();
    try {
      this.update({ error: undefined });
      this.applyRun(await client.service('test').run(selection, { debug }));
    } catch (e) {
      this.update({ error: errorMessage(e), running: undefined });
    }
  }

  async setRerunOnSave(on: boolean): Promise<void> {
    try {
      const s = await this.requireClient().service('test').setRerunOnSave(on);
      this.update({ rerunOnSave: s.rerunOnSave });
    } catch (e) {
      this.update({ error: errorMessage(e) });
    }
  }

  setCoverageShown(on: boolean): void {
    this.update({ coverageShown: on });
  }

  private onProgress(e: TestProgressEvent): void {
    switch (e.type) {
      case 'run-started':
        this.update({ running: { runId: e.runId, selection: e.selection, debug: e.debug, done: 0, total: e.total } });
        break;
      case 'case-started':
        if (this.state.running?.runId === e.runId) this.update({ running: { ...this.state.running, current: key(e.suite, e.testCase) } });
        break;
      case 'case-finished': {
        const results = new Map(this.state.results);
        results.set(key(e.result.suite, e.result.name), e.result);
        const running = this.state.running?.runId === e.runId ? { ...this.state.running, done: e.done, total: e.total, current: undefined } : this.state.running;
        this.update({ results, running });
        break;
      }
      case 'run-finished':
        this.applyRun(e.result);
        break;
      case 'run-failed':
        this.update({ running: undefined, error: e.message });
        break;
    }
  }

  private applyRun(run: TestRunResult): void {
    if (this.state.last && this.state.last.runId > run.runId) return; // an older answer arriving late
    const results = new Map(this.state.results);
    for (const s of run.suites) for (const c of s.cases) results.set(key(c.suite, c.name), c);
    const coverage = new Map<string, number>();
    for (const a of run.coverage) for (const step of a.steps) coverage.set(step.stepPath, (coverage.get(step.stepPath) ?? 0) + step.hits);
    this.update({ last: run, results, coverage, running: this.state.running?.runId === run.runId ? undefined : this.state.running });
  }

  private update(patch: Partial<TestState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private requireClient(): StudioClient {
    if (!this.client) throw new Error('the test store is not connected');
    return this.client;
  }
}

export const testStore = new TestStore();

export function useTestState(): TestState {
  return useSyncExternalStore(testStore.subscribe, testStore.getSnapshot);
}

/**
 * A canvas node's coverage while shown: 'true' when the last run ran it,
 * 'false' when it never ran; undefined while coverage is hidden or no run
 * has reported coverage yet.
 */
export function useCoverage(stepPath: string): 'true' | 'false' | undefined {
  const state = useTestState();
  if (!state.coverageShown || !state.last) return undefined;
  return (state.coverage.get(stepPath) ?? 0) > 0 ? 'true' : 'false';
}
