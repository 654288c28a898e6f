import { describe, it, expect } from 'vitest';
import Ajv from 'ajv';
import { elementJsonSchema } from './json-schema.js';
import { mediatorDefinitions } from '../mediators/index.js';
import { propertyMediator } from '../mediators/property/index.js';

describe('JSON Schema from descriptors', () => {
  it('every mediator has a valid draft-07 schema with its label and help', () => {
    const ajv = new Ajv({ strict: false });
    for (const d of mediatorDefinitions) {
      const schema = elementJsonSchema(d.descriptor, d.editor);
      expect(ajv.validateSchema(schema), `${d.kind}: ${ajv.errorsText()}`).toBe(true);
      expect(schema.title).toBe(d.editor.label);
      expect(schema.description).toBeTruthy();
    }
  });

  it('a form built from the property schema accepts what the parser accepts and rejects what it refuses', () => {
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(elementJsonSchema(propertyMediator.descriptor, propertyMediator.editor));
    expect(validate({ name: 'a', value: '1', scope: 'axis2', type: 'INTEGER' })).toBe(true);
    expect(validate({ value: '1' })).toBe(false); // name is required
    expect(validate({ name: 'a', scope: 'session' })).toBe(false); // not a scope
    expect(validate({ name: 'a', group: 'x' })).toBe(false); // group is an integer
    const schema = elementJsonSchema(propertyMediator.descriptor, propertyMediator.editor);
    expect(schema.properties!.expression!['x-expression']).toBe(true);
  });
});
