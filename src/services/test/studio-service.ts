/**
 * The studio's test service (src/contract/test.ts) over the runner behind
 * `mediate test` (./types.ts): lists the project's suites, runs all, a suite
 * or a case in this process with progress pushed as `test.progress`, keeps
 * the last results (with coverage for the canvas), re-runs the last selection
 * after a save, writes suites and cases from the form, records Try-it
 * exchanges, and runs a case under the studio's debugger.
 *
 * Runs are serialised: a run asked for while one runs starts after it.
 */
import { mkdir, readFile, access } from 'node:fs/promises';
import { writeFileAtomic } from '../../../engine/index.js';
import path from 'node:path';
import net from 'node:net';
import type {
  CreatedSuite,
  EventSink,
  FileChangeEvent,
  NewSuiteRequest,
  NewTestCase,
  RecordedTest,
  TestRecording,
  TestRunOptions,
  TestRunResult,
  TestSelection,
  TestService,
  TestSettings,
  TestSuiteEntry,
  TestTarget,
} from '../../contract/index.js';
import type { ListTests, RunTests, TestEvent, TestRunReport } from './types.js';
import { startTestDebugRun, type DebugClient } from './studio-debug.js';
import { testTargets } from './studio-targets.js';
import { MOCK_FOLDER, SUITE_FOLDER, addMockReferences, addMockResources, insertCase, mockXml, safeFileName, suiteXml } from './studio-suite-xml.js';
import { caseOfExchange, endpointOfStep, mocksOfCalls, replayExchange, targetOfPath } from './studio-recorder.js';

export interface StudioTestServiceOptions {
  emit: EventSink;
  projectRoot: () => string | undefined;
  runTests: RunTests;
  listTests: ListTests;
  /** The studio's debug service, for runs with `debug`. */
  debug: DebugClient;
  /** Pause after the last save before a re-run (ms). */
  rerunDelayMs?: number;
}

function coded(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

const SETTINGS_FILE = path.join('.mediate', 'tests.json');

export class StudioTestService implements TestService {
  private runId = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private last: TestRunResult | null = null;
  private lastSelection: TestSelection = {};
  private stored: { root: string; settings: TestSettings } | undefined;
  private rerunTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: StudioTestServiceOptions) {}

  async list(): Promise<TestSuiteEntry[]> {
    return this.options.listTests(this.requireRoot());
  }

  run(selection: TestSelection = {}, options: TestRunOptions = {}): Promise<TestRunResult> {
    return this.enqueue(selection, options, 'user');
  }

  async lastRun(): Promise<TestRunResult | null> {
    return this.last;
  }

  async settings(): Promise<TestSettings> {
    const root = this.requireRoot();
    if (this.stored?.root !== root) {
      const text = await readFile(path.join(root, SETTINGS_FILE), 'utf8').catch(() => '{}');
      let rerunOnSave = false;
      try {
        rerunOnSave = (JSON.parse(text) as Partial<TestSettings>).rerunOnSave === true;
      } catch {
        // An unreadable settings file means the defaults.
      }
      this.stored = { root, settings: { rerunOnSave } };
    }
    return { ...this.stored.settings };
  }

  async setRerunOnSave(on: boolean): Promise<TestSettings> {
    const root = this.requireRoot();
    await this.settings();
    this.stored = { root, settings: { rerunOnSave: on === true } };
    await mkdir(path.join(root, '.mediate'), { recursive: true });
    await writeFileAtomic(path.join(root, SETTINGS_FILE), JSON.stringify(this.stored.settings, null, 2) + '\n');
    return { ...this.stored.settings };
  }

  async targets(): Promise<TestTarget[]> {
    return testTargets(this.requireRoot());
  }

  async createSuite(request: NewSuiteRequest): Promise<CreatedSuite> {
    const root = this.requireRoot();
    if (!request || typeof request.artifact !== 'string' || !request.artifact) throw coded('INVALID', 'choose the artifact the suite tests');
    const target = (await this.targets()).find((t) => t.file === request.artifact);
    if (!target) throw coded('INVALID', `${request.artifact} is not an API, proxy or sequence of this project`);
    const cases = request.cases ?? [];
    for (const c of cases) validateCase(c, target);
    const suite = `${SUITE_FOLDER}/${safeFileName(request.name || `${target.name}Test`)}.xml`;
    if (await exists(path.join(root, suite))) throw coded('EXISTS', `${suite} already exists`);
    const mockFiles: string[] = [];
    for (const m of request.mocks ?? []) {
      if (!m.serviceName?.trim()) throw coded('INVALID', 'a mock service needs the name of the endpoint it stands in for');
      if (!Number.isInteger(m.port) || m.port <= 0 || m.port > 65535) throw coded('INVALID', `mock service ${m.serviceName}: port must be 1-65535`);
      if (!m.context?.startsWith('/')) throw coded('INVALID', `mock service ${m.serviceName}: the context must start with /`);
      const file = await freeName(root, `${MOCK_FOLDER}/${safeFileName(m.serviceName)}Mock`, '.xml');
      await writeProjectFile(root, file, mockXml(m));
      mockFiles.push(file);
    }
    await writeProjectFile(root, suite, suiteXml({ artifact: target.file, supportive: request.supportive ?? target.supportive, cases, mockFiles }));
    this.suitesChanged();
    return { suite, mocks: mockFiles };
  }

  async addCase(suite: string, testCase: NewTestCase): Promise<CreatedSuite> {
    const root = this.requireRoot();
    const entry = (await this.list()).find((s) => s.file === suite);
    if (!entry) throw coded('INVALID', `${suite} is not a test suite of this project`);
    if (entry.cases.some((c) => c.name === testCase?.name)) throw coded('EXISTS', `${suite} already has a case named ${testCase.name}`);
    const target = entry.artifact ? (await this.targets()).find((t) => t.file === entry.artifact!.file) : undefined;
    validateCase(testCase, target);
    const text = await readFile(path.join(root, suite), 'utf8');
    await writeProjectFile(root, suite, insertCase(text, testCase));
    this.suitesChanged();
    return { suite, mocks: [] };
  }

  async record(recording: TestRecording): Promise<RecordedTest> {
    const root = this.requireRoot();
    if (!recording?.request || !recording.response) throw coded('INVALID', 'send a request in Try-it first: there is no exchange to record');
    const targets = await this.targets();
    const contexts = await apiContexts(root, targets);
    const target = (recording.artifact ? targets.find((t) => t.file === recording.artifact && t.kind !== 'sequence') : undefined) ?? targetOfPath(targets, contexts, recording.request.path);
    if (!target) throw coded('INVALID', `no API or proxy of this project answers ${recording.request.path}`);
    const replay = await replayExchange(root, recording);
    const notes: string[] = [];
    if (replay.status !== recording.response.status) notes.push(`sent again to see its backend calls, the request got status ${replay.status} (Try-it showed ${recording.response.status}); the case expects what Try-it showed`);
    const withEndpoints = await Promise.all(replay.calls.map(async (c) => ({ ...c, endpoint: c.stepPath ? await endpointOfStep(root, targets, c.stepPath) : undefined })));

    // Recorded cases go to a suite of their own per artifact, whose mock services the recorder keeps.
    const suite = `${SUITE_FOLDER}/${safeFileName(target.name)}RecordedTest.xml`;
    const existing = (await this.list()).find((s) => s.file === suite);
    if (existing && existing.problems.some((p) => p.code === 'SUITE_XML' || p.code === 'SUITE_FORMAT')) throw coded('INVALID', `${suite} cannot be read (${existing.problems[0]!.message}); fix it before recording into it`);
    const taken = new Set(existing?.cases.map((c) => c.name) ?? []);
    const base = safeCaseName(recording.caseName || `${recording.request.method} ${recording.request.path}`);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;

    const known = new Map((existing?.mockServices ?? []).map((m) => [m.name, m]));
    const used = new Set((existing?.mockServices ?? []).map((m) => m.port));
    const ports = new Map<string, number>();
    for (const c of withEndpoints) if (c.endpoint && !ports.has(c.endpoint)) ports.set(c.endpoint, known.get(c.endpoint)?.port ?? (await freePort(used)));
    const { mocks, notes: mockNotes } = mocksOfCalls(withEndpoints, (ep) => ports.get(ep)!);
    notes.push(...mockNotes);

    const mockFiles: string[] = [];
    const newMockFiles: string[] = [];
    for (const m of mocks) {
      const mocked = known.get(m.serviceName);
      if (!mocked) {
        const file = await freeName(root, `${MOCK_FOLDER}/${safeFileName(`${target.name}_${m.serviceName}`)}Mock`, '.xml');
        await writeProjectFile(root, file, mockXml(m));
        mockFiles.push(file);
        newMockFiles.push(file);
        continue;
      }
      if (m.context !== mocked.context) {
        notes.push(`${m.serviceName} was called under ${m.context}, but its mock serves ${mocked.context}: not mocked`);
        continue;
      }
      // The suite mocks this endpoint already: its file gets the resources it lacks; one it has keeps its answer.
      const fresh = m.resources.filter((r) => !mocked.resources.some((x) => x.method === r.method && x.subContext === r.subContext));
      for (const r of m.resources.filter((x) => !fresh.includes(x))) notes.push(`${m.serviceName} already answers ${r.method} ${mocked.context}${r.subContext} in ${mocked.position.file}; that answer is kept`);
      if (fresh.length) {
        const text = await readFile(path.join(root, mocked.position.file), 'utf8');
        await writeProjectFile(root, mocked.position.file, addMockResources(text, fresh));
      }
      mockFiles.push(mocked.position.file);
    }
    const testCase = caseOfExchange(recording, target, contexts.get(target.file) ?? '', name);
    if (existing) {
      const text = await readFile(path.join(root, suite), 'utf8');
      await writeProjectFile(root, suite, addMockReferences(insertCase(text, testCase), newMockFiles));
    } else {
      await writeProjectFile(root, suite, suiteXml({ artifact: target.file, supportive: target.supportive, cases: [testCase], mockFiles }));
    }
    this.suitesChanged();
    return { suite, testCase: name, mocks: mockFiles, notes };
  }

  /** Host side: every file change the workspace watcher sees. */
  onFileChanged(event: FileChangeEvent): void {
    const file = event.path;
    if (file.startsWith('.mediate/') || file.startsWith('target/')) return;
    if (file.startsWith('src/test/')) this.suitesChanged();
    void this.settings()
      .then((s) => {
        if (!s.rerunOnSave || !this.last) return;
        clearTimeout(this.rerunTimer);
        this.rerunTimer = setTimeout(() => void this.enqueue(this.lastSelection, {}, 'save').catch(() => undefined), this.options.rerunDelayMs ?? 300);
      })
      .catch(() => undefined);
  }

  /** Host shutdown. */
  dispose(): void {
    clearTimeout(this.rerunTimer);
  }

  private suitesChanged(): void {
    this.options.emit('test.suitesChanged', {});
  }

  private enqueue(selection: TestSelection, options: TestRunOptions, trigger: 'user' | 'save'): Promise<TestRunResult> {
    const next = this.queue.then(() => this.execute(selection ?? {}, options ?? {}, trigger));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async execute(selection: TestSelection, options: TestRunOptions, trigger: 'user' | 'save'): Promise<TestRunResult> {
    const root = this.requireRoot();
    const runId = ++this.runId;
    const debug = options.debug === true;
    const emit = this.options.emit;
    const sel: TestSelection = {};
    // Only a suite this project lists may run: a path of any other file (outside the project, say) is refused unread.
    if (selection.suite && !(await this.list()).some((s) => s.file === selection.suite)) throw coded('INVALID', `${selection.suite} is not a test suite of this project`);
    if (selection.suite) sel.suite = selection.suite;
    if (selection.suite && selection.testCase) sel.testCase = selection.testCase;
    this.lastSelection = sel;
    let done = 0;
    let total = 0;
    const debugRun = debug ? await startTestDebugRun(this.options.debug) : undefined;
    const onEvent = (e: TestEvent) => {
      switch (e.type) {
        case 'run-started':
          total = e.suites.filter((s) => !sel.suite || s.file === sel.suite).reduce((n, s) => n + s.cases.filter((c) => !sel.testCase || c.name === sel.testCase).length, 0);
          emit('test.progress', { runId, type: 'run-started', selection: sel, trigger, debug, total });
          break;
        case 'suite-started':
          debugRun?.suiteStarted();
          break;
        case 'case-started':
          emit('test.progress', { runId, type: 'case-started', suite: e.suite, testCase: e.case });
          break;
        case 'case-finished':
          emit('test.progress', { runId, type: 'case-finished', result: e.result, done: ++done, total });
          break;
        case 'suite-finished':
          emit('test.progress', { runId, type: 'suite-finished', result: e.result });
          break;
      }
    };
    let report: TestRunReport;
    try {
      report = await this.options.runTests({ project: root, suites: sel.suite ? [sel.suite] : undefined, cases: sel.testCase ? [sel.testCase] : undefined, coverage: true, onEvent, debug: debugRun?.attachment });
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      emit('test.progress', { runId, type: 'run-failed', message });
      throw coded('RUN_FAILED', message);
    } finally {
      await debugRun?.finish();
    }
    const result: TestRunResult = { runId, selection: sel, trigger, debug, startedAt: report.startedAt, durationMs: report.durationMs, suites: report.suites, summary: report.summary, coverage: report.coverage ?? [] };
    this.last = result;
    emit('test.progress', { runId, type: 'run-finished', result });
    return result;
  }

  private requireRoot(): string {
    const root = this.options.projectRoot();
    if (!root) throw coded('NO_PROJECT', 'no project is open');
    return root;
  }
}

function validateCase(c: NewTestCase, target: TestTarget | undefined): void {
  if (!c || typeof c.name !== 'string' || !c.name.trim()) throw coded('INVALID', 'a test case needs a name');
  if (target?.kind === 'api') {
    if (!c.requestMethod?.trim()) throw coded('INVALID', `test case ${c.name}: an API case needs a request method`);
    if (!c.requestPath?.trim()) throw coded('INVALID', `test case ${c.name}: an API case needs a request path`);
  }
  if (!Array.isArray(c.assertions) || c.assertions.length === 0) throw coded('INVALID', `test case ${c.name}: add at least one assertion`);
  for (const a of c.assertions) {
    if (!a.actual?.trim()) throw coded('INVALID', `test case ${c.name}: an assertion needs an expression ($body, $statusCode, $ctx:name …)`);
    if (a.type !== 'assertEquals' && a.type !== 'assertNotNull') throw coded('INVALID', `test case ${c.name}: unknown assertion ${String(a.type)}`);
  }
}

function safeCaseName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'Recorded';
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** `base + ext`, or `base_2 + ext` … when taken. */
async function freeName(root: string, base: string, ext: string): Promise<string> {
  let candidate = base + ext;
  for (let i = 2; await exists(path.join(root, candidate)); i++) candidate = `${base}_${i}${ext}`;
  return candidate;
}

async function writeProjectFile(root: string, relative: string, text: string): Promise<void> {
  const file = path.join(root, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, text);
}

/** The contexts of the project's APIs, by file. */
async function apiContexts(root: string, targets: TestTarget[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const t of targets) {
    if (t.kind !== 'api') continue;
    const text = await readFile(path.join(root, t.file), 'utf8').catch(() => '');
    const m = /<(?:\w+:)?api\b[^>]*\scontext\s*=\s*"([^"]*)"/.exec(text);
    if (m) out.set(t.file, m[1]!.replace(/\/$/, '') || '/');
  }
  return out;
}

/** A free port for a recorded mock service (asked of the OS, so it is free now), not one already given out. */
async function freePort(used: Set<number>): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const p = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(p));
      });
    });
    if (!used.has(port)) {
      used.add(port);
      return port;
    }
  }
}
