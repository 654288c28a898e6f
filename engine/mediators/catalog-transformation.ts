/** Transformation mediators. */
import type { MediatorDefinition } from '../model/definition.js';
import { payloadFactoryMediator } from './payload-factory/index.js';
import { enrichMediator } from './enrich/index.js';
import { validateMediator } from './validate/index.js';
import { xsltMediator } from './xslt/index.js';
import { rewriteMediator } from './rewrite/index.js';
import { builderMediator } from './builder/index.js';
import { datamapperMediator } from './datamapper/index.js';
import { jsonTransformMediator } from './json-transform/index.js';

export const transformationMediators: MediatorDefinition[] = [payloadFactoryMediator, enrichMediator, validateMediator, xsltMediator, rewriteMediator, builderMediator, datamapperMediator, jsonTransformMediator];
