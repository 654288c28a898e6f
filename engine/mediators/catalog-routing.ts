/** Routing mediators. */
import type { MediatorDefinition } from '../model/definition.js';

export const routingMediators: MediatorDefinition[] = [];
