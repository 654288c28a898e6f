/**
 * One element's form, generated from its JSON Schema: its attributes, its
 * content, and its child elements: a list of rows for repeated children (log
 * properties, payloadFactory args, switch cases) with add, remove and move,
 * a group for single children (enrich source and target, payloadFactory
 * format), an endpoint choice for `<endpoint>`. Lanes the canvas draws
 * (mediator lists, endpoint group members) are not repeated here.
 */
import type { FlowElement, FormSchema } from '../../../src/contract/canvas.js';
import { AlternativeField, AttributeField, ContentField, useForm } from './FormFields.js';
import { alternatives, attributeNames, childNames, childPath, childSchema, childrenNamed, contentKind, insertPosition, isEndpointRef, newElementXml, resolve } from './form-schema.js';
import { EndpointChoice } from './EndpointChoice.js';

/** The element being edited: where it is (path from the node's element, '' for the node itself) and what it holds. */
export interface ElementTarget {
  path: string;
  attrs: Record<string, string>;
  children: readonly FlowElement[];
}

/** `element` for edits: undefined for the node's own element. */
function elementOf(path: string): string | undefined {
  return path === '' ? undefined : path;
}

export function AttributeFields({ schema, target, skip = [], compact }: { schema: FormSchema | undefined; target: ElementTarget; skip?: readonly string[]; compact?: boolean }) {
  const form = useForm();
  const required = new Set(schema?.required ?? []);
  const pairs = alternatives(schema);
  const paired = new Set(pairs.flat());
  const names = attributeNames(schema).filter((n) => !skip.includes(n) && !paired.has(n));
  const unknown = Object.keys(target.attrs).filter((n) => !schema?.properties?.[n] && !skip.includes(n));
  const set = (values: Record<string, string | null>) => form.edit({ op: 'setAttributes', element: elementOf(target.path), values });
  const key = (name: string) => `${target.path}:${name}:${target.attrs[name] ?? ''}`;
  const field = (name: string) => <AttributeField key={key(name)} name={name} schema={schema!.properties![name]!} value={target.attrs[name]} required={required.has(name)} compact={compact} commit={(value) => set({ [name]: value })} />;
  // Required attributes first, then the value-or-expression choice, then the optional rest.
  return (
    <>
      {names.filter((n) => required.has(n)).map(field)}
      {pairs.map((pair) => (
        <AlternativeField key={`${target.path}:${pair.map((n) => `${n}=${target.attrs[n] ?? ''}`).join(',')}`} names={pair} schema={schema!} attrs={target.attrs} compact={compact} commit={set} />
      ))}
      {names.filter((n) => !required.has(n)).map(field)}
      {unknown.map((name) => (
        <AttributeField key={key(name)} name={name} label={`${name} (not in the schema)`} schema={{ type: 'string' }} value={target.attrs[name]} required={false} compact={compact} commit={(value) => set({ [name]: value })} />
      ))}
    </>
  );
}

/** The child elements the schema declares, in its order. */
export function ChildFields({ schema, target }: { schema: FormSchema | undefined; target: ElementTarget }) {
  const form = useForm();
  const base = target.path === '' ? '' : `${target.path}/`;
  const absent: { local: string; schema: FormSchema }[] = [];
  const shown = childNames(schema).map((local) => {
    const raw = childSchema(schema, local)!;
    const item = resolve(raw.items ?? raw, form.forms);
    const present = childrenNamed(target.children, local);
    if (isEndpointRef(raw)) {
      // Members of a group endpoint are nodes on the canvas; a call's endpoint is a choice.
      if (raw.type === 'array') return <p key={local} className="muted form-note">Its endpoints are nodes on the canvas: select one to edit it, or use a + to add one.</p>;
      return <EndpointSlot key={local} schema={item} parentSchema={schema} parent={target} base={base} local={local} />;
    }
    if (item?.['x-content'] === 'mediators' && !attributeNames(item).length) return null;
    if (raw.type === 'array') return <ChildList key={local} local={local} schema={item} parentSchema={schema} target={target} base={base} />;
    if (!present.length) {
      absent.push({ local, schema: item ?? { type: 'object' } });
      return null;
    }
    const { el, index } = present[0]!;
    return <ChildGroup key={`${local}:${index}`} local={local} schema={item} el={el} path={childPath(base, local, index)} required={!!schema?.required?.includes(`<${local}>`)} />;
  });
  return (
    <>
      {shown}
      {absent.length > 0 && (
        <div className="form-add-row">
          <span className="muted">Add:</span>
          {absent.map(({ local, schema: item }) => (
            <button key={local} className="form-add" data-testid="form-add-element" data-element={local} title={item.description ?? `Add <${local}>`} onClick={() => void form.edit({ op: 'insertElement', parent: elementOf(target.path), index: insertPosition(schema, target.children, local), xml: newElementXml(local, item) })}>
              + {local}
            </button>
          ))}
        </div>
      )}
    </>
  );
}

/** A single child element: its attributes, content and children, and a remove button unless the grammar requires it. */
function ChildGroup({ local, schema, el, path, required }: { local: string; schema: FormSchema | undefined; el: FlowElement; path: string; required: boolean }) {
  const form = useForm();
  const content = contentKind(schema);
  const target: ElementTarget = { path, attrs: el.attrs, children: el.children ?? [] };
  return (
    <fieldset className="form-group" data-testid="form-element" data-element={local} data-path={path}>
      <legend>
        &lt;{local}&gt;
        {required && <span className="required">*</span>}
        {!required && (
          <button className="form-row-button" title={`Remove <${local}>`} data-testid="form-remove-element" onClick={() => void form.edit({ op: 'removeElement', element: path })}>
            ✕
          </button>
        )}
      </legend>
      {schema?.description && <p className="form-help">{schema.description}</p>}
      <AttributeFields schema={schema} target={target} />
      {content && !el.lane && <ContentField key={`${path}:${el.inner ?? ''}`} label={local} kind={content} value={content === 'text' ? (el.text ?? '') : (el.inner ?? '')} commit={(value) => form.edit({ op: 'setContent', element: path, ...(content === 'text' ? { text: value } : { xml: value }) })} />}
      <ChildFields schema={schema} target={target} />
    </fieldset>
  );
}

/** Repeated children as rows: each row's attributes inline, with move up/down and remove; a button adds one where the grammar puts it. */
function ChildList({ local, schema, parentSchema, target, base }: { local: string; schema: FormSchema | undefined; parentSchema: FormSchema | undefined; target: ElementTarget; base: string }) {
  const form = useForm();
  const rows = childrenNamed(target.children, local);
  const text = contentKind(schema) === 'text';
  return (
    <section className="form-list" data-testid="form-list" data-element={local}>
      <header>
        <span className="form-label">
          &lt;{local}&gt; <span className="muted">({rows.length})</span>
        </span>
        <button className="form-add" data-testid="form-add-row" data-element={local} onClick={() => void form.edit({ op: 'insertElement', parent: elementOf(target.path), index: insertPosition(parentSchema, target.children, local), xml: newElementXml(local, schema) })}>
          + Add {local}
        </button>
      </header>
      {schema?.['x-content'] === 'mediators' && <p className="form-help">Removing a {local} removes its mediators too.</p>}
      {rows.map(({ el, index }, i) => {
        const path = childPath(base, local, index);
        const rowTarget: ElementTarget = { path, attrs: el.attrs, children: el.children ?? [] };
        const previous = rows[i - 1];
        const next = rows[i + 1];
        return (
          <div key={`${path}:${JSON.stringify(el.attrs)}`} className="form-list-row" data-testid="form-row" data-path={path}>
            <div className="form-list-fields">
              <AttributeFields schema={schema} target={rowTarget} compact />
              {text && <ContentField key={`${path}:${el.inner ?? ''}`} label={local} kind="text" value={el.text ?? ''} commit={(value) => form.edit({ op: 'setContent', element: path, text: value })} />}
            </div>
            <div className="form-list-buttons">
              <button className="form-row-button" title="Move up" disabled={!previous} onClick={() => previous && void form.edit({ op: 'moveElement', element: path, index: previous.position })}>
                ↑
              </button>
              <button className="form-row-button" title="Move down" disabled={!next} onClick={() => next && void form.edit({ op: 'moveElement', element: path, index: next.position })}>
                ↓
              </button>
              <button className="form-row-button" title={`Remove this ${local}`} data-testid="form-remove-row" onClick={() => void form.edit({ op: 'removeElement', element: path })}>
                ✕
              </button>
            </div>
          </div>
        );
      })}
    </section>
  );
}

/** A call's or send's `<endpoint>`: the endpoint choice when there is one, else a way to add one. */
function EndpointSlot({ schema, parentSchema, parent, base, local }: { schema: FormSchema | undefined; parentSchema: FormSchema | undefined; parent: ElementTarget; base: string; local: string }) {
  const form = useForm();
  const present = childrenNamed(parent.children, local)[0];
  if (present) return <EndpointChoice schema={schema} target={{ path: childPath(base, local, 0), attrs: present.el.attrs, children: present.el.children ?? [] }} canBeReference />;
  return (
    <fieldset className="form-group" data-testid="form-element" data-element={local}>
      <legend>endpoint</legend>
      <p className="form-help">None: the message goes to its To address.</p>
      <button className="form-add" data-testid="form-add-element" data-element={local} onClick={() => void form.edit({ op: 'insertElement', parent: elementOf(parent.path), index: insertPosition(parentSchema, parent.children, local), xml: `<${local} key="${form.references.endpoint?.[0] ?? 'EndpointName'}"/>` })}>
        + endpoint
      </button>
    </fieldset>
  );
}
