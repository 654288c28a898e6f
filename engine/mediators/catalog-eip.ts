/** Eip mediators. */
import type { MediatorDefinition } from '../model/definition.js';

export const eipMediators: MediatorDefinition[] = [];
