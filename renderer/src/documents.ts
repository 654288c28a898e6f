/**
 * Open documents: one Monaco model per file, the version of the file each is
 * based on, dirty state, and what to do when the file changes on disk. The
 * rule: unsaved edits are never overwritten silently; the user chooses.
 */
import { monaco } from './monaco.js';
import type { StudioClient } from './connection.js';
import { errorCode, errorMessage } from './connection.js';
import type { FileChangeEvent } from '../../src/contract/index.js';

export type Conflict = 'changed-on-disk' | 'deleted-on-disk' | 'save-rejected';

export interface DocumentTab {
  path: string;
  /** Version on disk this buffer is based on. */
  version: string;
  dirty: boolean;
  conflict?: Conflict;
}

export interface DocumentsSnapshot {
  tabs: DocumentTab[];
  active?: string;
  /** Line to reveal in the active document once (from Problems). */
  reveal?: { path: string; line: number; nonce: number };
  error?: string;
}

interface ModelState {
  model: monaco.editor.ITextModel;
  savedAlternativeVersion: number;
  listener: monaco.IDisposable;
}

export class Documents {
  private snapshot: DocumentsSnapshot = { tabs: [] };
  private readonly listeners = new Set<() => void>();
  private readonly models = new Map<string, ModelState>();

  constructor(private readonly client: StudioClient) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): DocumentsSnapshot => this.snapshot;

  model(path: string): monaco.editor.ITextModel | undefined {
    return this.models.get(path)?.model;
  }

  async open(path: string, line?: number): Promise<void> {
    if (!this.models.has(path)) {
      try {
        const file = await this.client.service('workspace').readFile(path);
        if (!this.models.has(path)) {
          const model = monaco.editor.createModel(file.text, languageOf(path), monaco.Uri.parse(`file:///${path}`));
          const state: ModelState = { model, savedAlternativeVersion: model.getAlternativeVersionId(), listener: model.onDidChangeContent(() => this.refreshDirty(path)) };
          this.models.set(path, state);
          this.update({ tabs: [...this.snapshot.tabs, { path, version: file.version, dirty: false }] });
        }
      } catch (e) {
        this.update({ error: `Cannot open ${path}: ${errorMessage(e)}` });
        return;
      }
    }
    this.update({ active: path, reveal: line ? { path, line, nonce: Date.now() } : this.snapshot.reveal });
  }

  activate(path: string): void {
    this.update({ active: path });
  }

  /** Closes a tab; a dirty one only when `force` (the caller asked the user). */
  close(path: string, force = false): boolean {
    const tab = this.tab(path);
    if (!tab) return true;
    if (tab.dirty && !force) return false;
    const state = this.models.get(path);
    state?.listener.dispose();
    state?.model.dispose();
    this.models.delete(path);
    const tabs = this.snapshot.tabs.filter((t) => t.path !== path);
    const active = this.snapshot.active === path ? tabs.at(-1)?.path : this.snapshot.active;
    this.update({ tabs, active });
    return true;
  }

  async save(path: string): Promise<void> {
    const tab = this.tab(path);
    const state = this.models.get(path);
    if (!tab || !state) return;
    const alternative = state.model.getAlternativeVersionId();
    const base = tab.conflict === 'deleted-on-disk' ? undefined : tab.version;
    try {
      const saved = await this.client.service('workspace').writeFile(path, state.model.getValue(), base);
      state.savedAlternativeVersion = alternative;
      this.patch(path, { version: saved.version, dirty: state.model.getAlternativeVersionId() !== alternative, conflict: undefined });
    } catch (e) {
      if (errorCode(e) === 'CONFLICT') this.patch(path, { conflict: 'save-rejected' });
      else this.update({ error: `Cannot save ${path}: ${errorMessage(e)}` });
    }
  }

  /** Keep my edits: the buffer now counts as based on what is on disk, and is saved over it. */
  async keepMine(path: string): Promise<void> {
    const disk = await this.client.service('workspace').readFile(path).catch(() => undefined);
    this.patch(path, { version: disk?.version ?? '', conflict: undefined });
    await this.save(path);
  }

  /** Take the disk's version; the edit stays undoable. */
  async takeDisk(path: string): Promise<void> {
    try {
      const disk = await this.client.service('workspace').readFile(path);
      this.replaceContent(path, disk.text, disk.version);
    } catch (e) {
      this.update({ error: `Cannot reload ${path}: ${errorMessage(e)}` });
    }
  }

  dismissError(): void {
    this.update({ error: undefined });
  }

  /** A file changed outside this window (or by our own save, recognised by its version). */
  async onFileChanged(event: FileChangeEvent): Promise<void> {
    const tab = this.tab(event.path);
    if (!tab) return;
    if (event.type === 'removed') {
      this.patch(event.path, { conflict: 'deleted-on-disk' });
      return;
    }
    if (event.version && event.version === tab.version) {
      if (tab.conflict === 'deleted-on-disk') this.patch(event.path, { conflict: undefined });
      return;
    }
    if (tab.dirty) {
      this.patch(event.path, { conflict: 'changed-on-disk' });
      return;
    }
    await this.takeDisk(event.path);
  }

  /** After a rename in the explorer: an open, clean document follows its file. */
  async onRenamed(from: string, to: string): Promise<void> {
    const tab = this.tab(from);
    if (!tab || tab.dirty) return;
    const wasActive = this.snapshot.active === from;
    this.close(from);
    if (wasActive) await this.open(to);
  }

  private replaceContent(path: string, text: string, version: string): void {
    const state = this.models.get(path);
    if (!state) return;
    if (state.model.getValue() !== text) {
      state.model.pushStackElement();
      state.model.pushEditOperations([], [{ range: state.model.getFullModelRange(), text }], () => null);
      state.model.pushStackElement();
    }
    state.savedAlternativeVersion = state.model.getAlternativeVersionId();
    this.patch(path, { version, dirty: false, conflict: undefined });
  }

  private refreshDirty(path: string): void {
    const state = this.models.get(path);
    const tab = this.tab(path);
    if (!state || !tab) return;
    const dirty = state.model.getAlternativeVersionId() !== state.savedAlternativeVersion;
    if (dirty !== tab.dirty) this.patch(path, { dirty });
  }

  private tab(path: string): DocumentTab | undefined {
    return this.snapshot.tabs.find((t) => t.path === path);
  }

  private patch(path: string, change: Partial<DocumentTab>): void {
    this.update({ tabs: this.snapshot.tabs.map((t) => (t.path === path ? { ...t, ...change } : t)) });
  }

  private update(change: Partial<DocumentsSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const l of this.listeners) l();
  }
}

function languageOf(path: string): string {
  if (/\.(xml|dbs|xsd|xsl|xslt|wsdl)$/i.test(path)) return 'xml';
  if (/\.json$/i.test(path)) return 'json';
  if (/\.ya?ml$/i.test(path)) return 'yaml';
  return 'plaintext';
}
