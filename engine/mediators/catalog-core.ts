/** Core mediators (palette group "core"). */
import type { MediatorDefinition } from '../model/definition.js';
import { logMediator } from './log/index.js';
import { propertyMediator } from './property/index.js';
import { respondMediator } from './respond/index.js';
import { dropMediator } from './drop/index.js';
import { sequenceMediator } from './sequence/index.js';
import { callMediator } from './call/index.js';

export const coreMediators: MediatorDefinition[] = [logMediator, propertyMediator, respondMediator, dropMediator, sequenceMediator, callMediator];
