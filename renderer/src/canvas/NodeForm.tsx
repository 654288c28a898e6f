/**
 * The form of the selected node, generated from its kind's JSON Schema: the
 * attributes in the editor's field order, then the child elements the
 * descriptor models (rows for repeated ones, groups for single ones, an
 * endpoint choice for `<endpoint>`). An endpoint node's form is the endpoint
 * choice of its own `<endpoint>` element. Every change is one edit of the
 * canvas service, applied to the shared text model.
 */
import type { CanvasEdit, ExpressionCheck, FlowNode, FormSchema } from '../../../src/contract/canvas.js';
import { FormContext, type FormContextValue, type NodeEdit } from './FormFields.js';
import { AttributeFields, ChildFields, type ElementTarget } from './ElementFields.js';
import { EndpointChoice } from './EndpointChoice.js';
import { resolve, type Forms } from './form-schema.js';
import './forms.css';

export interface FormActions {
  set(name: string, value: string | null, element?: string): Promise<void>;
  /** Any edit of this document (child elements, endpoint kinds ...); absent in hosts that only set attributes. */
  edit?(edit: CanvasEdit): Promise<void>;
  checkExpression(expression: string): Promise<ExpressionCheck>;
  remove(): void;
  toggleDisabled(): void;
  copy(): void;
  paste(): void;
  moveBy(delta: number): void;
}

const ENDPOINT_KIND = 'endpoint:';

export function NodeForm({ node, schema, forms = {}, references, actions }: { node: FlowNode; schema: FormSchema | undefined; forms?: Forms; references: Record<string, string[]>; actions: FormActions }) {
  const isEndpoint = node.kind.startsWith(ENDPOINT_KIND);
  const resolved = resolve(schema, forms);
  const context: FormContextValue = {
    edit: (edit: NodeEdit) => (actions.edit ? actions.edit({ ...edit, node: node.id } as CanvasEdit) : setOnly(actions, edit)),
    checkExpression: actions.checkExpression,
    references,
    forms,
  };
  const target: ElementTarget = { path: '', attrs: node.attrs, children: node.children ?? [] };
  // A member of a group ends in `endpoint[i]`; the endpoint of an artifact or proxy stays, and stays inline.
  const isMember = isEndpoint && /\]$/.test(node.id);
  return (
    <aside className="node-form" data-testid="node-form" data-step-path={node.id} data-kind={node.kind}>
      <header>
        <h3>{node.label}</h3>
        <span className="muted">{node.element}</span>
      </header>
      {schema?.description && <p className="form-help">{schema.description}</p>}
      <div className="form-actions">
        {(!isEndpoint || isMember) && (
          <>
            <button onClick={() => actions.moveBy(-1)} title="Move up">↑</button>
            <button onClick={() => actions.moveBy(1)} title="Move down">↓</button>
          </>
        )}
        <button onClick={actions.copy} title="Copy (Ctrl+C)">Copy</button>
        <button onClick={actions.paste} title="Paste after (Ctrl+V)">Paste</button>
        {!isEndpoint && (
          <button onClick={actions.toggleDisabled} data-testid="node-toggle-disabled">
            {node.disabled ? 'Enable' : 'Disable'}
          </button>
        )}
        {(!isEndpoint || isMember) && (
          <button onClick={actions.remove} data-testid="node-delete" title="Delete (Del)">
            Delete
          </button>
        )}
      </div>
      {node.disabled ? (
        <p className="muted">This mediator is commented out. Enable it to edit its settings.</p>
      ) : (
        <FormContext.Provider value={context}>
          {isEndpoint ? (
            <EndpointChoice key={node.id} schema={resolved} target={target} canBeReference={isMember} />
          ) : (
            <>
              <AttributeFields key={`${node.id}:attrs`} schema={resolved} target={target} />
              <ChildFields key={`${node.id}:children`} schema={resolved} target={target} />
            </>
          )}
        </FormContext.Provider>
      )}
    </aside>
  );
}

/** Without the general edit action only attribute edits of one element can be made. */
async function setOnly(actions: FormActions, edit: NodeEdit): Promise<void> {
  if (edit.op !== 'setAttributes') return;
  for (const [name, value] of Object.entries(edit.values)) await actions.set(name, value, edit.element);
}
