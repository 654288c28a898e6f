/**
 * What a flow node shows of the debugger: a breakpoint dot (filled when set,
 * hollow on hover, ringed while a message waits there) and, once a message
 * has finished while debugging, the time it spent in this step (the trace
 * overlay); clicking that opens the step's input and output in the Debug panel.
 */
import { debugStore, useDebugState } from './breakpoints-store.js';

export function BreakpointToggle({ stepPath }: { stepPath: string }) {
  const state = useDebugState();
  const set = state.breakpoints.some((b) => b.stepPath === stepPath);
  const paused = state.paused.some((p) => p.stepPath === stepPath);
  const traced = debugStore.lastTrace?.steps.find((s) => s.path === stepPath);
  return (
    <>
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
      {traced && (
        <button
          className={`nodrag nopan trace-badge outcome-${traced.outcome}`}
          data-testid="trace-step"
          data-step-path={stepPath}
          title={`Last message: ${traced.outcome}, ${traced.durationMs.toFixed(1)} ms. Click for its input and output.`}
          onClick={(e) => {
            e.stopPropagation();
            debugStore.focusTraceStep(stepPath);
          }}
          onMouseDown={(e) => e.stopPropagation()}
        >
          {traced.durationMs < 10 ? traced.durationMs.toFixed(1) : Math.round(traced.durationMs)} ms
        </button>
      )}
    </>
  );
}
