/** EIP mediators: splitting, aggregating, looping and templates. */
import type { MediatorDefinition } from '../model/definition.js';
import { cloneMediator } from './clone/index.js';
import { iterateMediator } from './iterate/index.js';
import { aggregateMediator } from './aggregate/index.js';
import { foreachMediator } from './foreach/index.js';
import { scatterGatherMediator } from './scatter-gather/index.js';
import { callTemplateMediator } from './call-template/index.js';

export const eipMediators: MediatorDefinition[] = [cloneMediator, iterateMediator, aggregateMediator, foreachMediator, scatterGatherMediator, callTemplateMediator];
