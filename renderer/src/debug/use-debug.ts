/**
 * App's hook for the debugger: connects the shared store to the backend,
 * brings the Debug panel forward when debugging starts or a message pauses,
 * and gives the Debug button's action.
 */
import { useCallback, useEffect } from 'react';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import { debugStore, useDebugState } from './breakpoints-store.js';
import type { ResumeMode } from '../../../src/contract/index.js';

export function useDebugControls(client: StudioClient, showPanel: () => void, notify: (message: string) => void) {
  const state = useDebugState();
  useEffect(() => debugStore.connect(client), [client]);
  useEffect(() => debugStore.onEvent((e) => (e.cause === 'paused' || e.cause === 'started' || e.cause === 'trace-focus') && showPanel()), [showPanel]);
  const start = useCallback(async () => {
    showPanel();
    try {
      debugStore.set(await client.service('debug').start());
    } catch (e) {
      notify(`Debug failed: ${errorMessage(e)}`);
    }
  }, [client, showPanel, notify]);
  // F8 continue, F10 step over, F11 step into, Shift+F11 step out: the most recently paused message.
  useEffect(() => {
    const modes: Record<string, ResumeMode> = { F8: 'continue', F10: 'over', F11: 'into' };
    const onKey = (e: KeyboardEvent) => {
      const mode = e.key === 'F11' && e.shiftKey ? 'out' : modes[e.key];
      const latest = [...debugStore.getSnapshot().paused].sort((a, b) => b.since - a.since)[0];
      if (!mode || !latest) return;
      e.preventDefault();
      void client.service('debug').resume(latest.messageId, mode).catch((err) => notify(errorMessage(err)));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client, notify]);
  return { start, debugging: state.active };
}
