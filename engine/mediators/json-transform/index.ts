/**
 * jsontransform: turns the payload into JSON (XML converted with MI's
 * rules) and sets messageType application/json. `property` children
 * override the XML->JSON conversion settings for this mediator only
 * (synapse.commons.json.output.autoPrimitive,
 * ...disableAutoPrimitive.regex, synapse.commons.enableXmlNullForEmptyElement,
 * synapse.commons.json.buildValidNCNames); other names are accepted with a
 * deploy-time warning. With `schema` (a registry key of a JSON schema) the
 * result is corrected to the schema's types (schema-correct.ts).
 */
import type { MediatorDefinition } from '../../model/definition.js';
import { el, a, child } from '../../model/descriptor.js';
import { childrenNamed } from '../../model/node.js';
import { MediationFault } from '../../core/errors.js';
import { bodyOf } from '../../core/message.js';
import { firstElementChild } from '../../xml/dom.js';
import { xmlElementToJson, type XmlToJsonOptions } from '../../xml/json-xml.js';
import { makeStep } from '../support.js';
import { correctBySchema } from './schema-correct.js';

const propertyDesc = el('property', [a.str('name', { required: true }), a.str('value', { required: true })], 'empty');

const KNOWN: Record<string, (o: XmlToJsonOptions, v: string) => void> = {
  'synapse.commons.json.output.autoPrimitive': (o, v) => (o.autoPrimitive = v.trim().toLowerCase() === 'true'),
  'synapse.commons.json.output.disableAutoPrimitive.regex': (o, v) => (o.disableAutoPrimitiveRegex = v),
  'synapse.commons.enableXmlNullForEmptyElement': (o, v) => (o.emptyElementAsNull = v.trim().toLowerCase() === 'true'),
  'synapse.commons.json.buildValidNCNames': (o, v) => (o.buildValidNcNames = v.trim().toLowerCase() === 'true'),
};

export const jsonTransformMediator: MediatorDefinition = {
  kind: 'jsontransform',
  descriptor: el('jsontransform', [a.key('schema', 'registry', { help: 'Registry key of a JSON schema the result is corrected to.' }), a.description()], 'elements', [child(propertyDesc, { multiple: true })]),
  editor: { label: 'JSON Transform', group: 'transformation', help: 'Converts the payload to JSON, optionally corrected by a JSON schema.' },
  contentAware: () => true,
  compile(node, env, path) {
    const options: XmlToJsonOptions = {};
    for (const p of childrenNamed(node, 'property')) {
      const set = KNOWN[p.attrs.name ?? ''];
      if (set) set(options, p.attrs.value ?? '');
      else env.report('SYN020', `jsontransform property '${p.attrs.name}' has no effect in this runtime`, p.loc, 'warning');
    }
    const schemaKey = node.attrs.schema;
    if (schemaKey !== undefined) env.reference('registry', schemaKey, node.attrLocs.schema ?? node.loc);
    return makeStep('jsontransform', path, node, true, async (ctx) => {
      let json: unknown;
      if (ctx.message.payloadKind === 'json') json = ctx.message.json();
      else {
        const first = firstElementChild(bodyOf(ctx.message.envelope()));
        json = first ? xmlElementToJson(first as never, options) : {};
      }
      if (schemaKey !== undefined) {
        const text = ctx.services.registryResource(schemaKey);
        if (text === undefined) throw new MediationFault(0, `JSON transform: schema '${schemaKey}' not found`);
        let schema: unknown;
        try {
          schema = JSON.parse(text);
        } catch (e) {
          throw new MediationFault(0, `JSON transform: schema '${schemaKey}' is not JSON: ${(e as Error).message}`);
        }
        json = correctBySchema(json, schema as never);
      }
      ctx.message.setJson(json);
      ctx.axis2.set('messageType', 'application/json');
      ctx.axis2.set('ContentType', 'application/json');
      return 'continue';
    });
  },
};
