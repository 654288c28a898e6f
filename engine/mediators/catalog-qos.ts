/** Qos mediators. */
import type { MediatorDefinition } from '../model/definition.js';
import { throttleMediator } from './throttle/index.js';
import { cacheMediator } from './cache/index.js';

export const qosMediators: MediatorDefinition[] = [throttleMediator, cacheMediator];
