/** Extension mediators. */
import type { MediatorDefinition } from '../model/definition.js';
import { scriptMediator } from './script/index.js';

export const extensionMediators: MediatorDefinition[] = [scriptMediator];
