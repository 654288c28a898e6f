/** A breakpoint dot for a flow node: filled when set, hollow on hover; a pulsing ring while a message waits there. */
import { debugStore, useDebugState } from './breakpoints-store.js';

export function BreakpointToggle({ stepPath }: { stepPath: string }) {
  const state = useDebugState();
  const set = state.breakpoints.some((b) => b.stepPath === stepPath);
  const paused = state.paused.some((p) => p.stepPath === stepPath);
  return (
    <button
      className={`nodrag nopan breakpoint-toggle${set ? ' set' : ''}${paused ? ' paused' : ''}`}
      data-testid="breakpoint-toggle"
      data-step-path={stepPath}
      data-set={set ? 'true' : 'false'}
      aria-pressed={set}
      title={set ? 'Remove the breakpoint' : 'Add a breakpoint'}
      onClick={(e) => {
        e.stopPropagation();
        void debugStore.toggle(stepPath);
      }}
      onMouseDown={(e) => e.stopPropagation()}
      draggable={false}
    />
  );
}
