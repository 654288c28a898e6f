/**
 * The canvas service: the flow model the graphical view draws, the palette,
 * and graphical edits as minimal text edits. Stateless: every call carries the
 * document's current text, so the model and the edits always describe exactly
 * the text the renderer's editor model holds. JSON-only data.
 *
 * Offsets are UTF-16 indices into that text (what Monaco's getPositionAt takes).
 */

export interface OffsetRange {
  start: number;
  end: number;
}

/** The endpoint a call/send (or an endpoint artifact) uses. */
export interface FlowEndpoint {
  /** `key` for a reference to a named endpoint; otherwise the inline kind (address, http, failover ...). */
  kind: string;
  key?: string;
  /** URI or URI template of address/http/wsdl endpoints. */
  address?: string;
  method?: string;
  /** Child endpoints of failover, loadbalance and recipientlist. */
  children?: FlowEndpoint[];
}

export interface FlowProblem {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  col: number;
}

export interface FlowNode {
  /** Stable id: the step path for mediators (`api:Orders/resource[0]/in/2`), `<list>#<index>` for disabled ones. */
  id: string;
  /**
   * Mediator kind (`log`, `filter` ...), `connector` for connector operations and unknown elements;
   * `endpoint:<kind>` for an endpoint of an endpoint tree (`endpoint:address`, `endpoint:failover`,
   * `endpoint:key` for a reference by key), whose id is the endpoint's runtime path.
   */
  kind: string;
  /** Element name as written (`log`, `syn:log`, `salesforce.query`). */
  element: string;
  label: string;
  /** The `description` attribute, shown under the label. */
  description?: string;
  /** A short summary of the node's key settings (level, name, expression ...). */
  detail?: string;
  /** Palette group of the kind (for colour). */
  group: string;
  /** Range of the whole element (of the comment, when disabled). */
  range: OffsetRange;
  line: number;
  col: number;
  /** Commented out: the comment holds the mediator. */
  disabled?: boolean;
  /** Attributes of the element as written (decoded values). */
  attrs: Record<string, string>;
  /** Branches drawn as lanes (filter then/else, switch cases, clone targets ...). */
  branches?: FlowList[];
  endpoint?: FlowEndpoint;
  /** Name of a sequence this node runs (`<sequence key>`, targets' `sequence` attribute). */
  sequenceKey?: string;
  problems?: FlowProblem[];
  /**
   * Child elements of the node's element, as its form edits them (absent when
   * disabled). For an endpoint node (kind `endpoint:<kind>`) these are the
   * children of its `<endpoint>` element.
   */
  children?: FlowElement[];
}

/** A child element as a form sees it; its address is a path of local names (`endpoint/http`, `property[1]`). */
export interface FlowElement {
  /** Name as written (`property`, `syn:property`). */
  name: string;
  local: string;
  /** Attributes as written (decoded values). */
  attrs: Record<string, string>;
  /** Child elements, for elements whose content is declared child elements. */
  children?: FlowElement[];
  /** The content between the tags exactly as written, for text and XML content (absent when self-closing). */
  inner?: string;
  /** The text content decoded (entities and CDATA resolved), for text content. */
  text?: string;
  /** Its content is drawn on the canvas as a lane (a mediator list, or the member endpoints of a group). */
  lane?: boolean;
}

/** A mediator list: a sequence body, a branch, a target's sequence. */
export interface FlowList {
  /** Address of the list for edits (the step path prefix its mediators get). */
  id: string;
  /** `in`, `then`, `case[0] (regex)`, `target[1]` ... */
  label: string;
  nodes: FlowNode[];
  /**
   * What the list holds when not mediators: `endpoints` are the members of a
   * failover, loadbalance or recipientlist (palette endpoint items insert a
   * member); `endpoint` is the one endpoint of an endpoint artifact or proxy
   * target (nothing is inserted there).
   */
  holds?: 'endpoints' | 'endpoint';
}

/** A top-level flow of the artifact: a resource's inSequence, a proxy's outSequence, a sequence body. */
export interface FlowSection {
  id: string;
  /** Human title: `GET /doctors/{category} · in`, `proxy · outSequence`, `sequence`. */
  title: string;
  list?: FlowList;
  /** A section that delegates to a named sequence instead of an inline list (`inSequence="X"`). */
  sequenceKey?: string;
  /** An endpoint tree (endpoint artifacts, proxy targets). */
  endpoint?: FlowEndpoint;
}

export interface FlowModel {
  /** False when the text is not well-formed XML: `error` says where; there are no sections. */
  ok: boolean;
  error?: FlowProblem;
  artifactKind?: string;
  name?: string;
  sections: FlowSection[];
  /** Problems the engine found (grammar, expressions, references inside the file). */
  problems: FlowProblem[];
  /** Mediator count (for large-flow handling). */
  size: number;
}

export interface PaletteItem {
  kind: string;
  element: string;
  label: string;
  group: string;
  help: string;
  /** The XML inserted for this item (placeholders included), without indentation. */
  snippet: string;
}

/** JSON Schema of a form, as derived from a descriptor (see engine/model/json-schema.ts). */
export interface FormSchema {
  type: 'object' | 'string' | 'array';
  title?: string;
  description?: string;
  properties?: Record<string, FormSchema>;
  required?: string[];
  enum?: readonly string[];
  pattern?: string;
  default?: string;
  items?: FormSchema;
  anyOf?: { required: string[] }[];
  additionalProperties?: boolean;
  'x-expression'?: boolean;
  'x-ref-kind'?: string;
  'x-content'?: string;
  'x-order'?: readonly string[];
  /** The schema is `forms[$ref]` of the catalog (recursive grammars such as endpoints inside group endpoints). */
  $ref?: string;
}

export interface CanvasCatalog {
  /** Palette groups in display order with their items. */
  groups: { id: string; label: string; items: PaletteItem[] }[];
  /** Form schema per mediator kind; `endpoint` is the `<endpoint>` element (endpoint nodes' kinds `endpoint:<kind>` refer to it). */
  forms: Record<string, FormSchema>;
}

export type CanvasEdit =
  /**
   * Inserts at `index` of list `list` (index among the list's nodes); `xml` (pasted) or a palette `kind`.
   * Into an endpoint list (`holds: 'endpoints'`) only endpoints go: a palette endpoint item becomes a member `<endpoint>`.
   */
  | { op: 'insert'; list: string; index: number; kind?: string; xml?: string }
  | { op: 'delete'; node: string }
  | { op: 'move'; node: string; list: string; index: number }
  /** Sets (value) or removes (null) an attribute of the node, or of its child element at `element` (`endpoint/address`, `case[1]`). */
  | { op: 'setAttribute'; node: string; element?: string; name: string; value: string | null }
  | { op: 'disable'; node: string }
  | { op: 'enable'; node: string }
  /** Sets or removes several attributes of one element in one step (switching `value` to `expression`). */
  | { op: 'setAttributes'; node: string; element?: string; values: Record<string, string | null> }
  /** Replaces the content of the element at `element` ('' = the node's own): `text` is escaped, `xml` is written as is (it must be well-formed content). */
  | { op: 'setContent'; node: string; element: string; text?: string; xml?: string }
  /** Inserts `xml` (one element) as element child `index` of the node's element or of its child at `parent`. */
  | { op: 'insertElement'; node: string; parent?: string; index: number; xml: string }
  /** Removes the child element at `element` with its line. */
  | { op: 'removeElement'; node: string; element: string }
  /** Moves the child element at `element` to `index` among its other element siblings. */
  | { op: 'moveElement'; node: string; element: string; index: number }
  /** Replaces the element at `element` ('' = the node's own) by `xml`, or by an endpoint of palette kind `kind` (`endpoint:http`; an endpoint's name is kept). */
  | { op: 'replaceElement'; node: string; element: string; xml?: string; kind?: string };

export interface CanvasTextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface CanvasEditResult {
  /** Non-overlapping edits against the text that was sent (empty when nothing changes). */
  edits: CanvasTextEdit[];
  /** Where the edited (or inserted) element is in the new text, to select it. */
  selection?: OffsetRange;
}

export interface ExpressionCheck {
  ok: boolean;
  message?: string;
  /** Offset of the problem in the expression. */
  offset?: number;
}

export interface CanvasService {
  flow(uri: string, text: string): Promise<FlowModel>;
  catalog(): Promise<CanvasCatalog>;
  /** Applies a graphical edit; throws (code BAD_EDIT) when it does not apply to this text. */
  edit(uri: string, text: string, edit: CanvasEdit): Promise<CanvasEditResult>;
  /** The element's text of a node, for copy. */
  copy(uri: string, text: string, node: string): Promise<string>;
  /** Syntax check of an XPath, json-eval or `${}` expression as the engine compiles it. */
  checkExpression(expression: string, namespaces?: Record<string, string>): Promise<ExpressionCheck>;
}
