/**
 * An `<endpoint>` in a form: which endpoint it is (a reference to a named
 * endpoint of the project, or an inline kind: address, http, wsdl, default,
 * failover ...) and that kind's settings. Changing the kind is one edit that
 * keeps the endpoint's name and other settings. The kinds are the catalog's
 * endpoint forms (`endpoint:<kind>`), so a new endpoint module appears here.
 */
import type { FormSchema } from '../../../src/contract/canvas.js';
import { useForm } from './FormFields.js';
import { AttributeFields, ChildFields, type ElementTarget } from './ElementFields.js';
import { attributeNames, childNames, childSchema, resolve } from './form-schema.js';

/** Attributes that make an endpoint a reference instead of an inline definition. */
const REFERENCES = ['key', 'key-expression', 'template'];

export function EndpointChoice({ schema, target, canBeReference }: { schema: FormSchema | undefined; target: ElementTarget; canBeReference: boolean }) {
  const form = useForm();
  const kinds = childNames(schema).filter((k) => form.forms[`endpoint:${k}`]);
  const reference = REFERENCES.find((r) => target.attrs[r] !== undefined);
  const inline = target.children.find((c) => kinds.includes(c.local));
  const current = reference ?? inline?.local ?? '';
  const base = target.path === '' ? '' : `${target.path}/`;
  const others = attributeNames(schema).filter((n) => n !== 'name' && !REFERENCES.includes(n));
  const rest: FormSchema = { ...schema!, properties: Object.fromEntries(Object.entries(schema?.properties ?? {}).filter(([n]) => !kinds.includes(n.slice(1, -1)))) };

  const choose = (kind: string) => {
    if (kind === 'key') {
      const name = form.references.endpoint?.[0] ?? 'EndpointName';
      return form.edit({ op: 'replaceElement', element: target.path, xml: `<endpoint key="${name}"/>` });
    }
    return form.edit({ op: 'replaceElement', element: target.path, kind: `endpoint:${kind}` });
  };

  const kindSchema = inline ? resolve(childSchema(schema, inline.local), form.forms) : undefined;
  const kindTarget: ElementTarget | undefined = inline && { path: `${base}${inline.local}`, attrs: inline.attrs, children: inline.children ?? [] };
  return (
    <fieldset className="form-group endpoint-choice" data-testid="endpoint-choice" data-path={target.path}>
      <legend>endpoint</legend>
      <label className="form-field">
        <span className="form-label">kind</span>
        <select value={current} data-testid="endpoint-kind" onChange={(e) => void choose(e.target.value)}>
          {current === '' && <option value="">(none)</option>}
          {(canBeReference || reference === 'key') && <option value="key">named endpoint (key)</option>}
          {reference && reference !== 'key' && <option value={reference}>{reference}</option>}
          {kinds.map((k) => (
            <option key={k} value={k}>
              {form.forms[`endpoint:${k}`]?.title ?? k}
            </option>
          ))}
        </select>
      </label>
      {reference && <AttributeFields schema={schema} target={target} skip={attributeNames(schema).filter((n) => n !== reference)} />}
      {!reference && <AttributeFields schema={schema} target={target} skip={[...REFERENCES, ...others]} />}
      {kindTarget && (
        <fieldset className="form-group" data-testid="form-element" data-element={inline!.local} data-path={kindTarget.path}>
          <legend>&lt;{inline!.local}&gt;</legend>
          <AttributeFields schema={kindSchema} target={kindTarget} />
          <ChildFields schema={kindSchema} target={kindTarget} />
        </fieldset>
      )}
      {!reference && (
        <details className="form-more">
          <summary>More endpoint settings</summary>
          <AttributeFields schema={schema} target={target} skip={[...REFERENCES, 'name']} />
          <ChildFields schema={rest} target={target} />
        </details>
      )}
    </fieldset>
  );
}
