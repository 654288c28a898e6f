/** Routing mediators. */
import type { MediatorDefinition } from '../model/definition.js';
import { filterMediator } from './filter/index.js';
import { switchMediator } from './switch/index.js';

export const routingMediators: MediatorDefinition[] = [filterMediator, switchMediator];
