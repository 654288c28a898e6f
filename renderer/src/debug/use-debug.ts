/**
 * App's hook for the debugger: connects the shared store to the backend,
 * brings the Debug panel forward when debugging starts or a message pauses,
 * and gives the Debug button's action.
 */
import { useCallback, useEffect } from 'react';
import type { StudioClient } from '../connection.js';
import { errorMessage } from '../connection.js';
import { debugStore, useDebugState } from './breakpoints-store.js';

export function useDebugControls(client: StudioClient, showPanel: () => void, notify: (message: string) => void) {
  const state = useDebugState();
  useEffect(() => debugStore.connect(client), [client]);
  useEffect(() => debugStore.onEvent((e) => (e.cause === 'paused' || e.cause === 'started') && showPanel()), [showPanel]);
  const start = useCallback(async () => {
    showPanel();
    try {
      debugStore.set(await client.service('debug').start());
    } catch (e) {
      notify(`Debug failed: ${errorMessage(e)}`);
    }
  }, [client, showPanel, notify]);
  return { start, debugging: state.active };
}
