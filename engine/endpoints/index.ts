/** Every endpoint kind the runtime knows. Adding a kind = adding its module here. */
import type { EndpointDefinition } from '../model/definition.js';
import { addressEndpoint } from './address/index.js';
import { httpEndpoint } from './http/index.js';
import { defaultEndpoint } from './default/index.js';

export const endpointDefinitions: readonly EndpointDefinition[] = [addressEndpoint, httpEndpoint, defaultEndpoint];

export const endpointKinds: ReadonlyMap<string, EndpointDefinition> = new Map(endpointDefinitions.map((d) => [d.kind, d]));
