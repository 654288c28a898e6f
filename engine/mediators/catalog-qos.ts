/** Qos mediators. */
import type { MediatorDefinition } from '../model/definition.js';
import { throttleMediator } from './throttle/index.js';

export const qosMediators: MediatorDefinition[] = [throttleMediator];
