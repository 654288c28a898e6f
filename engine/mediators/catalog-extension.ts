/** Extension mediators. */
import type { MediatorDefinition } from '../model/definition.js';
import { scriptMediator } from './script/index.js';
import { calloutMediator } from './callout/index.js';

export const extensionMediators: MediatorDefinition[] = [scriptMediator, calloutMediator];
