/** Transformation mediators. */
import type { MediatorDefinition } from '../model/definition.js';
import { payloadFactoryMediator } from './payload-factory/index.js';

export const transformationMediators: MediatorDefinition[] = [payloadFactoryMediator];
