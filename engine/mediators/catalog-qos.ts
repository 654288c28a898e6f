/** Qos mediators. */
import type { MediatorDefinition } from '../model/definition.js';

export const qosMediators: MediatorDefinition[] = [];
