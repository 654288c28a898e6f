/**
 * The debugger's state in the renderer, shared by the source editor, the flow
 * canvas and the Debug panel. Breakpoints are addressed by step path (the
 * `data-step-path` of a canvas node, e.g. `api:HealthcareAPI/resource[2]/in/0`).
 *
 *   import { debugStore, useDebugState } from '../debug/breakpoints-store.js';
 *   const state = useDebugState();            // re-renders on every change
 *   debugStore.hasBreakpoint(stepPath)        // a breakpoint is set there
 *   debugStore.toggle(stepPath)               // set / clear it (persisted per project)
 *   debugStore.pausedAt(stepPath)             // a message waits there (highlight the node)
 *   debugStore.subscribe(listener)            // outside React; returns unsubscribe
 *   debugStore.lastTrace                      // the last finished message's trace while debugging
 *                                             // (steps with path, durationMs, input/output) for an overlay
 *   debugStore.focusTraceStep(stepPath)       // show that step's input and output in the Debug panel
 *
 * Or render `<BreakpointToggle stepPath=… />` (./BreakpointToggle.tsx) on a
 * node. App connects the store to the backend once (`debugStore.connect`).
 */
import { useSyncExternalStore } from 'react';
import type { StudioClient } from '../connection.js';
import type { DebugState, DebugStateEvent, DebugTrace, PausedMessageInfo } from '../../../src/contract/index.js';

type Listener = () => void;

const EMPTY: DebugState = { active: false, breakOnFault: false, breakpoints: [], paused: [] };

class DebugStore {
  private state: DebugState = EMPTY;
  private listeners = new Set<Listener>();
  private eventListeners = new Set<(e: DebugStateEvent) => void>();
  private client: StudioClient | undefined;
  private off: (() => void) | undefined;
  /** Last failure of a store action, for the Debug panel to show. */
  lastError: string | undefined;
  /** The trace step the Debug panel shows opened (a click on a canvas trace badge). */
  focusedTraceStep: string | undefined;
  /** The trace of the last message that finished while debugging (kept by the runtime for the last 50). */
  lastTrace: DebugTrace | undefined;

  /** Connects to the backend (again, for a new client); loads the current state. */
  connect(client: StudioClient): void {
    if (this.client === client) return;
    this.off?.();
    this.client = client;
    this.off = client.on('debug.state', (e) => {
      this.set(e.state);
      for (const l of this.eventListeners) l(e);
      if (e.cause === 'terminated' && e.messageId && e.state.active) void this.loadTrace(e.messageId);
    });
    void client
      .service('debug')
      .state()
      .then((s) => this.set(s))
      .catch(() => undefined);
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): DebugState => this.state;

  /** Every pushed change with its cause (`paused`, `resumed`, …). */
  onEvent(listener: (e: DebugStateEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  hasBreakpoint(stepPath: string): boolean {
    return this.state.breakpoints.some((b) => b.stepPath === stepPath);
  }

  pausedAt(stepPath: string): PausedMessageInfo | undefined {
    return this.state.paused.find((p) => p.stepPath === stepPath);
  }

  async toggle(stepPath: string): Promise<void> {
    const debug = this.requireClient().service('debug');
    await this.run(() => (this.hasBreakpoint(stepPath) ? debug.clearBreakpoint(stepPath) : debug.setBreakpoint(stepPath)));
  }

  async setCondition(stepPath: string, condition: string): Promise<void> {
    await this.run(() => this.requireClient().service('debug').setBreakpoint(stepPath, condition));
  }

  async toggleAtLine(file: string, line: number, text?: string): Promise<void> {
    await this.run(() => this.requireClient().service('debug').toggleBreakpointAtLine(file, line, text));
  }

  focusTraceStep(stepPath: string): void {
    this.focusedTraceStep = stepPath;
    this.state = { ...this.state };
    for (const l of this.listeners) l();
    for (const l of this.eventListeners) l({ state: this.state, cause: 'trace-focus' });
  }

  private async loadTrace(messageId: string): Promise<void> {
    try {
      const trace = await this.requireClient().service('debug').trace(messageId);
      if (!trace || trace.steps.length === 0) return;
      this.lastTrace = trace;
      this.focusedTraceStep = undefined;
      this.state = { ...this.state }; // a new snapshot, so React subscribers render the trace
      for (const l of this.listeners) l();
    } catch {
      // Debugging ended meanwhile.
    }
  }

  /** Applies a state the backend answered (also pushed as an event; whichever comes first wins, both are equal). */
  set(state: DebugState): void {
    this.state = state;
    for (const l of this.listeners) l();
  }

  private async run(action: () => Promise<DebugState>): Promise<void> {
    try {
      this.lastError = undefined;
      this.set(await action());
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : String(e);
      for (const l of this.listeners) l();
    }
  }

  private requireClient(): StudioClient {
    if (!this.client) throw new Error('the debug store is not connected');
    return this.client;
  }
}

export const debugStore = new DebugStore();

export function useDebugState(): DebugState {
  return useSyncExternalStore(debugStore.subscribe, debugStore.getSnapshot);
}
