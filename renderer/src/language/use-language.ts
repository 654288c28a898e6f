/**
 * The studio's language features for React: installs the bridge and the Monaco
 * providers for the App's lifetime, and gives the live diagnostics as Problems.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { StudioClient } from '../connection.js';
import type { Documents } from '../documents.js';
import type { Problem } from '../../../src/contract/index.js';
import type { LanguageDiagnostic } from '../../../src/contract/language.js';
import { LanguageBridge } from './language-bridge.js';
import { registerLanguageProviders } from './providers.js';
import { quietMonacoCancellation } from './quiet-cancellation.js';
import './language.css';

/** A Problems entry and where it came from. */
export type ShownProblem = Problem & { source: 'language' | 'runtime' };

const EMPTY: ReadonlyMap<string, LanguageDiagnostic[]> = new Map();
const noSubscription = () => () => undefined;

export function useLanguage(client: StudioClient, documents: Documents): ReadonlyMap<string, LanguageDiagnostic[]> {
  const [bridge, setBridge] = useState<LanguageBridge>();
  useEffect(() => {
    quietMonacoCancellation();
    const created = new LanguageBridge(client);
    const providers = registerLanguageProviders(created, {
      async createFile(path, text) {
        await client.service('workspace').writeFile(path, text);
        await documents.open(path);
      },
    });
    setBridge(created);
    return () => {
      for (const p of providers) p.dispose();
      created.dispose();
    };
  }, [client, documents]);
  return useSyncExternalStore(bridge?.subscribe ?? noSubscription, bridge?.getSnapshot ?? (() => EMPTY));
}

/**
 * The runtime's deployment problems first (as before), then the live problems
 * of the open documents; a live problem at a file and line where the runtime
 * already reports an error is not listed twice.
 */
export function useMergedProblems(language: ReadonlyMap<string, LanguageDiagnostic[]>, runtime: Problem[]): ShownProblem[] {
  return useMemo(() => mergeProblems(language, runtime), [language, runtime]);
}

export function mergeProblems(language: ReadonlyMap<string, LanguageDiagnostic[]>, runtime: Problem[]): ShownProblem[] {
  const deployed = runtime.map((p): ShownProblem => ({ ...p, source: 'runtime' }));
  const reported = new Set(runtime.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}`));
  const live: ShownProblem[] = [];
  for (const [file, list] of language) {
    for (const d of list) {
      if (d.severity === 'error' && reported.has(`${file}:${d.range.start.line}`)) continue;
      live.push({ file, line: d.range.start.line, column: d.range.start.col, severity: d.severity === 'error' ? 'error' : 'warning', code: d.code, message: d.message, source: 'language' });
    }
  }
  const rank = (p: Problem) => (p.severity === 'error' ? 0 : 1);
  live.sort((a, b) => a.file.localeCompare(b.file) || rank(a) - rank(b) || a.line - b.line || a.column - b.column);
  return [...deployed, ...live];
}
