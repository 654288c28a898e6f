/**
 * The XML a palette item inserts. Snippets are written with four spaces per
 * level and no base indentation; the edit engine re-indents them to the
 * file's own style. Kinds without a hand-written snippet get one derived from
 * the descriptor (required attributes and required children), so a new
 * mediator module is insertable without touching this file.
 */
import type { AttrDescriptor, ElementDescriptor } from '../../../engine/index.js';

const HTTP_ENDPOINT = 'http://localhost:8080/';

const MEDIATOR_SNIPPETS: Record<string, string> = {
  log: '<log level="simple"/>',
  property: '<property name="newProperty" value="value"/>',
  variable: '<variable name="newVariable" type="STRING" value="value"/>',
  filter: '<filter xpath="true()">\n    <then/>\n    <else/>\n</filter>',
  switch: '<switch source="$body">\n    <case regex=".*"/>\n    <default/>\n</switch>',
  call: `<call>\n    <endpoint>\n        <http method="get" uri-template="${HTTP_ENDPOINT}"/>\n    </endpoint>\n</call>`,
  send: `<send>\n    <endpoint>\n        <http method="get" uri-template="${HTTP_ENDPOINT}"/>\n    </endpoint>\n</send>`,
  payloadFactory: '<payloadFactory media-type="json">\n    <format>{}</format>\n</payloadFactory>',
  clone: '<clone>\n    <target>\n        <sequence/>\n    </target>\n    <target>\n        <sequence/>\n    </target>\n</clone>',
  iterate: '<iterate expression="//item">\n    <target>\n        <sequence/>\n    </target>\n</iterate>',
  foreach: '<foreach expression="//item">\n    <sequence/>\n</foreach>',
  'scatter-gather': '<scatter-gather parallel-execution="true" result-content-type="JSON">\n    <aggregation expression="${payload}"/>\n    <sequence/>\n    <sequence/>\n</scatter-gather>',
  aggregate: '<aggregate>\n    <completeCondition>\n        <messageCount/>\n    </completeCondition>\n    <onComplete expression="//item"/>\n</aggregate>',
  enrich: '<enrich>\n    <source clone="true" type="body"/>\n    <target type="property" property="enriched"/>\n</enrich>',
  script: "<script language=\"js\"><![CDATA[mc.setProperty('scripted', 'true');]]></script>",
  sequence: '<sequence key="SequenceName"/>',
  'call-template': '<call-template target="TemplateName"/>',
  header: '<header name="X-Header" scope="transport" value="value"/>',
  propertyGroup: '<propertyGroup>\n    <property name="newProperty" value="value"/>\n</propertyGroup>',
  callout: '<callout serviceURL="http://localhost:8080/service">\n    <source type="envelope"/>\n    <target key="response"/>\n</callout>',
  makefault: '<makefault version="soap11">\n    <code value="soap11Env:Server" xmlns:soap11Env="http://schemas.xmlsoap.org/soap/envelope/"/>\n    <reason value="error"/>\n</makefault>',
  rewrite: '<rewrite>\n    <rewriterule>\n        <action type="set" fragment="path" value="/"/>\n    </rewriterule>\n</rewrite>',
  throwError: '<throwError type="ERROR" errorMessage="error"/>',
};

const ENDPOINT_SNIPPETS: Record<string, string> = {
  address: `<address uri="${HTTP_ENDPOINT}"/>`,
  http: `<http method="get" uri-template="${HTTP_ENDPOINT}"/>`,
  default: '<default/>',
  wsdl: '<wsdl uri="http://localhost:8080/service?wsdl" service="Service" port="ServicePort"/>',
  failover: `<failover>\n    <endpoint>\n        <address uri="${HTTP_ENDPOINT}a"/>\n    </endpoint>\n    <endpoint>\n        <address uri="${HTTP_ENDPOINT}b"/>\n    </endpoint>\n</failover>`,
  loadbalance: `<loadbalance>\n    <endpoint>\n        <address uri="${HTTP_ENDPOINT}a"/>\n    </endpoint>\n    <endpoint>\n        <address uri="${HTTP_ENDPOINT}b"/>\n    </endpoint>\n</loadbalance>`,
  recipientlist: `<recipientlist>\n    <endpoint>\n        <address uri="${HTTP_ENDPOINT}a"/>\n    </endpoint>\n    <endpoint>\n        <address uri="${HTTP_ENDPOINT}b"/>\n    </endpoint>\n</recipientlist>`,
};

export function mediatorSnippet(kind: string, desc: ElementDescriptor): string {
  return MEDIATOR_SNIPPETS[kind] ?? fromDescriptor(desc);
}

/** The element of an endpoint kind (`<http …/>`), what goes inside an `<endpoint>`. */
export function endpointBodySnippet(kind: string, desc: ElementDescriptor): string {
  return ENDPOINT_SNIPPETS[kind] ?? fromDescriptor(desc);
}

/** A call with an inline endpoint of this kind (what dropping an endpoint from the palette inserts). */
export function endpointCallSnippet(kind: string, desc: ElementDescriptor): string {
  const inner = endpointBodySnippet(kind, desc);
  return `<call>\n    <endpoint>\n${indent(inner, '        ')}\n    </endpoint>\n</call>`;
}

function fromDescriptor(desc: ElementDescriptor): string {
  const attrs = desc.attributes.filter((a) => a.required).map((a) => ` ${a.name}="${escape(placeholder(a))}"`);
  for (const group of desc.oneOf ?? []) {
    if (!group.some((name) => desc.attributes.find((a) => a.name === name)?.required)) {
      const first = desc.attributes.find((a) => a.name === group[0]);
      if (first) attrs.push(` ${first.name}="${escape(placeholder(first))}"`);
    }
  }
  const kids = (desc.children ?? []).filter((c) => c.required).map((c) => fromDescriptor(c.descriptor));
  const open = `<${desc.element}${attrs.join('')}`;
  if (!kids.length) return `${open}/>`;
  return `${open}>\n${kids.map((k) => indent(k, '    ')).join('\n')}\n</${desc.element}>`;
}

function placeholder(a: AttrDescriptor): string {
  if (a.default !== undefined) return a.default;
  switch (a.type) {
    case 'enum':
      return a.values?.[0] ?? '';
    case 'boolean':
      return 'false';
    case 'integer':
    case 'number':
      return '0';
    case 'expression':
      return '$body';
    case 'key':
      return 'Name';
    default:
      return a.name;
  }
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

function escape(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
