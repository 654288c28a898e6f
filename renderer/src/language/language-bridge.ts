/**
 * Connects Monaco's XML models to the backend language service: every model of
 * a project file is opened there, each edit is sent (debounced) and the answer's
 * diagnostics become markers (squiggles) and Problems entries. Completion, hover
 * and quick fixes ask the service after flushing any edit not yet sent, so they
 * always see the text on screen.
 */
import { monaco } from '../monaco.js';
import type { StudioClient } from '../connection.js';
import type { DocumentState, LanguageDiagnostic } from '../../../src/contract/language.js';
import { toMarker } from './convert.js';
import { forgetDocument, rememberWellFormed } from '../canvas/last-good.js';

/** Long enough to skip most keystrokes of a word, short enough to feel live. */
export const CHANGE_DEBOUNCE_MS = 150;
export const MARKER_OWNER = 'mediate-language';

interface Tracked {
  model: monaco.editor.ITextModel;
  /** Model version last sent to the service. */
  sentVersion: number;
  /** The last send (open or change), so later requests run after it. */
  inFlight: Promise<void>;
  timer?: ReturnType<typeof setTimeout>;
  listener: monaco.IDisposable;
}

/** Project-relative path of a model, when it is a project file (models are `file:///<path>`). */
export function pathOfModel(model: monaco.editor.ITextModel): string | undefined {
  return model.uri.scheme === 'file' && model.getLanguageId() === 'xml' ? model.uri.path.replace(/^\//, '') : undefined;
}

export class LanguageBridge {
  private readonly tracked = new Map<string, Tracked>();
  private readonly diagnostics = new Map<string, LanguageDiagnostic[]>();
  private readonly listeners = new Set<() => void>();
  private readonly disposables: monaco.IDisposable[] = [];
  private snapshot: ReadonlyMap<string, LanguageDiagnostic[]> = new Map();
  private disposed = false;

  constructor(private readonly client: StudioClient) {
    for (const model of monaco.editor.getModels()) this.track(model);
    this.disposables.push(
      monaco.editor.onDidCreateModel((model) => this.track(model)),
      monaco.editor.onWillDisposeModel((model) => this.untrack(model)),
      { dispose: client.on('language.diagnostics', (all) => this.applyFresh(all)) },
    );
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Diagnostics by project-relative path, for the Problems panel. */
  getSnapshot = (): ReadonlyMap<string, LanguageDiagnostic[]> => this.snapshot;

  get service() {
    return this.client.service('language');
  }

  /** Sends any edit still waiting for its debounce, and resolves once the service has the model's current text. */
  async sync(path: string): Promise<boolean> {
    const t = this.tracked.get(path);
    if (!t) return false;
    if (t.timer !== undefined || t.sentVersion !== t.model.getVersionId()) this.send(path);
    await t.inFlight;
    return this.tracked.has(path);
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
    for (const path of [...this.tracked.keys()]) this.untrackPath(path, false);
  }

  private track(model: monaco.editor.ITextModel): void {
    const path = pathOfModel(model);
    if (!path || this.tracked.has(path)) return;
    const t: Tracked = {
      model,
      sentVersion: model.getVersionId(),
      inFlight: Promise.resolve(),
      listener: model.onDidChangeContent(() => this.schedule(path)),
    };
    this.tracked.set(path, t);
    const text = model.getValue();
    t.inFlight = this.request(path, t.sentVersion, text, () => this.service.open(path, text));
  }

  private untrack(model: monaco.editor.ITextModel): void {
    const path = pathOfModel(model);
    if (path && this.tracked.get(path)?.model === model) this.untrackPath(path, true);
  }

  private untrackPath(path: string, tellService: boolean): void {
    const t = this.tracked.get(path);
    if (!t) return;
    clearTimeout(t.timer);
    t.listener.dispose();
    this.tracked.delete(path);
    forgetDocument(path);
    if (!t.model.isDisposed()) monaco.editor.setModelMarkers(t.model, MARKER_OWNER, []);
    this.diagnostics.delete(path);
    this.publish();
    if (tellService) void this.service.close(path).catch(() => undefined);
  }

  private schedule(path: string): void {
    const t = this.tracked.get(path);
    if (!t) return;
    clearTimeout(t.timer);
    t.timer = setTimeout(() => this.send(path), CHANGE_DEBOUNCE_MS);
  }

  private send(path: string): void {
    const t = this.tracked.get(path);
    if (!t) return;
    clearTimeout(t.timer);
    t.timer = undefined;
    const version = t.model.getVersionId();
    t.sentVersion = version;
    const text = t.model.getValue();
    const previous = t.inFlight;
    // Changes go out in order: the service must never see an older text after a newer one.
    t.inFlight = previous.then(() => this.request(path, version, text, () => this.service.change(path, text)));
  }

  private async request(path: string, version: number, text: string, call: () => Promise<DocumentState>): Promise<void> {
    try {
      const state = await call();
      // A tree means the text was well-formed: the Design view can draw it later, whatever view is open now.
      if (state.tree) rememberWellFormed(path, text);
      const t = this.tracked.get(path);
      // An answer for a text already replaced by a newer send is dropped; the newer one follows.
      if (this.disposed || !t || t.sentVersion !== version) return;
      this.apply(path, state.diagnostics);
      if (this.tracked.size > 1) await this.refreshOthers(path);
    } catch {
      // The service may be absent (older backend) or the document closed meanwhile: no squiggles then.
    }
  }

  /** One document's change can fix or break references in the others. */
  private async refreshOthers(changed: string): Promise<void> {
    const all = await this.service.allDiagnostics();
    delete all[changed];
    this.applyFresh(all);
  }

  /** Diagnostics computed by the service on its own; documents with an edit not yet answered wait for that answer instead. */
  private applyFresh(all: Record<string, LanguageDiagnostic[]>): void {
    for (const [path, list] of Object.entries(all)) {
      const t = this.tracked.get(path);
      if (t && t.timer === undefined && t.sentVersion === t.model.getVersionId()) this.apply(path, list);
    }
  }

  private apply(path: string, list: LanguageDiagnostic[]): void {
    const t = this.tracked.get(path);
    if (!t || t.model.isDisposed()) return;
    monaco.editor.setModelMarkers(t.model, MARKER_OWNER, list.map(toMarker));
    this.diagnostics.set(path, list);
    this.publish();
  }

  private publish(): void {
    this.snapshot = new Map(this.diagnostics);
    for (const l of this.listeners) l();
  }
}
