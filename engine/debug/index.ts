/** The mediation debugger (issue 8): flow hooks, MI addressing, inspection and traces. No Node APIs. */
export { Debugger, type DebugEvent, type DebuggerOptions, type PausedMessage, type PauseReason, type ResumeMode, type PointKind, type BreakpointInfo, type CommandResult } from './debugger.js';
export { resolveAddress, Reasons, type DebugConfigView, type ResolvedAddress, type JsonObject } from './addresses.js';
export { pointOfStepPath, parsePosition, positionExists, positionText, type FlowPoint } from './positions.js';
export { eventPointOf, type EventPoint } from './event-point.js';
export { engineConfigView } from './config-view.js';
export { propertiesOf, propertyOf, setPropertyOf, clearPropertyOf, replacePayload, variablesOf, envelopeText, jsonValue } from './inspect.js';
export type { MessageTrace, TraceStep, PayloadSnapshot, PropertyChange } from './trace.js';
