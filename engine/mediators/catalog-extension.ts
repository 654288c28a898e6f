/** Extension mediators. */
import type { MediatorDefinition } from '../model/definition.js';

export const extensionMediators: MediatorDefinition[] = [];
