/**
 * New-artifact wizards: per kind, the questions asked and the XML written.
 * Each template writes an artifact that deploys as it is (see the tests).
 */
import type { ArtifactKind, ArtifactTemplate } from '../../contract/index.js';
import { NAME_PATTERN, nameField, SYNAPSE_NS, xmlAttr, xmlDecl, xmlText } from './template-xml.js';
import { asyncTemplates } from './async-templates.js';
import { proxyTemplate } from './proxy-template.js';

export interface TemplateDefinition extends ArtifactTemplate {
  /** The artifact's runtime name from the answers. */
  nameOf(values: Record<string, string>): string;
  render(values: Record<string, string>): string;
}

const templates: TemplateDefinition[] = [
  {
    kind: 'api',
    label: 'REST API',
    fields: [
      nameField('API name'),
      { id: 'context', label: 'Context', required: true, pattern: '^/[^\\s]*$', hint: 'e.g. /orders' },
      { id: 'method', label: 'First resource method', defaultValue: 'GET', options: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] },
      { id: 'uriTemplate', label: 'First resource URI template', defaultValue: '/', pattern: '^/[^\\s]*$', hint: 'e.g. /{id}' },
    ],
    nameOf: (v) => v.name,
    render: (v) =>
      xmlDecl +
      `<api name="${xmlAttr(v.name)}" context="${xmlAttr(v.context)}" xmlns="${SYNAPSE_NS}">\n` +
      `    <resource methods="${xmlAttr(v.method || 'GET')}" uri-template="${xmlAttr(v.uriTemplate || '/')}">\n` +
      `        <inSequence>\n` +
      `            <log level="simple"/>\n` +
      `            <payloadFactory media-type="json">\n` +
      `                <format>{"message": "Hello from ${xmlText(v.name)}"}</format>\n` +
      `            </payloadFactory>\n` +
      `            <respond/>\n` +
      `        </inSequence>\n` +
      `        <faultSequence/>\n` +
      `    </resource>\n` +
      `</api>\n`,
  },
  proxyTemplate,
  {
    kind: 'sequence',
    label: 'Sequence',
    fields: [nameField('Sequence name')],
    nameOf: (v) => v.name,
    render: (v) => xmlDecl + `<sequence name="${xmlAttr(v.name)}" trace="disable" xmlns="${SYNAPSE_NS}">\n    <log level="full"/>\n</sequence>\n`,
  },
  {
    kind: 'endpoint',
    label: 'Endpoint',
    fields: [nameField('Endpoint name'), { id: 'type', label: 'Type', defaultValue: 'address', options: ['address', 'http'] }, { id: 'uri', label: 'URL', required: true, hint: 'e.g. http://localhost:9090/orders' }],
    nameOf: (v) => v.name,
    render: (v) => {
      const inner = v.type === 'http' ? `<http method="get" uri-template="${xmlAttr(v.uri)}"/>` : `<address uri="${xmlAttr(v.uri)}"/>`;
      return xmlDecl + `<endpoint name="${xmlAttr(v.name)}" xmlns="${SYNAPSE_NS}">\n    ${inner}\n</endpoint>\n`;
    },
  },
  {
    kind: 'template',
    label: 'Sequence template',
    fields: [nameField('Template name'), { id: 'parameter', label: 'Parameter name', defaultValue: 'message', pattern: NAME_PATTERN }],
    nameOf: (v) => v.name,
    render: (v) => {
      const p = v.parameter || 'message';
      return (
        xmlDecl +
        `<template name="${xmlAttr(v.name)}" xmlns="${SYNAPSE_NS}">\n    <parameter name="${xmlAttr(p)}"/>\n    <sequence>\n` +
        `        <log level="custom">\n            <property name="${xmlAttr(p)}" expression="$func:${xmlAttr(p)}"/>\n        </log>\n` +
        `    </sequence>\n</template>\n`
      );
    },
  },
  {
    kind: 'local-entry',
    label: 'Local entry (text)',
    fields: [{ ...nameField('Key') }, { id: 'value', label: 'Value', defaultValue: '' }],
    nameOf: (v) => v.name,
    render: (v) => xmlDecl + `<localEntry key="${xmlAttr(v.name)}" xmlns="${SYNAPSE_NS}">${xmlText(v.value ?? '')}</localEntry>\n`,
  },
  {
    kind: 'data-service',
    label: 'Data service',
    fields: [nameField('Data service name'), { id: 'description', label: 'Description', defaultValue: '' }],
    nameOf: (v) => v.name,
    render: (v) => xmlDecl + `<data name="${xmlAttr(v.name)}" transports="http https">\n    <description>${xmlText(v.description ?? '')}</description>\n</data>\n`,
  },
  {
    kind: 'data-source',
    label: 'Data source (RDBMS)',
    fields: [
      nameField('Data source name'),
      { id: 'driverClassName', label: 'JDBC driver class', defaultValue: 'com.mysql.cj.jdbc.Driver', required: true },
      { id: 'url', label: 'JDBC URL', required: true, pattern: '^jdbc:\\S+$', hint: 'e.g. jdbc:mysql://localhost:3306/orders' },
      { id: 'username', label: 'User name', defaultValue: '' },
      { id: 'password', label: 'Password', defaultValue: '' },
    ],
    nameOf: (v) => v.name,
    // MI's data source format: the name is the <name> child (the file's base name is the artifact name).
    render: (v) =>
      xmlDecl +
      `<datasource>\n    <name>${xmlText(v.name)}</name>\n    <description>${xmlText(v.name)}</description>\n` +
      `    <jndiConfig useDataSourceFactory="false">\n        <name>jdbc/${xmlText(v.name)}</name>\n    </jndiConfig>\n` +
      `    <definition type="RDBMS">\n        <configuration>\n` +
      `            <driverClassName>${xmlText(v.driverClassName)}</driverClassName>\n            <url>${xmlText(v.url)}</url>\n` +
      `            <username>${xmlText(v.username ?? '')}</username>\n            <password>${xmlText(v.password ?? '')}</password>\n` +
      `        </configuration>\n    </definition>\n</datasource>\n`,
  },
  {
    kind: 'registry-resource',
    label: 'Registry resource',
    fields: [
      { id: 'name', label: 'File name', required: true, pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]*\\.[A-Za-z0-9]+$', hint: 'e.g. transform.xsl' },
      { id: 'registry', label: 'Registry', defaultValue: 'gov', options: ['gov', 'conf'] },
      { id: 'collection', label: 'Collection (folder)', defaultValue: '', pattern: '^(?!.*\\.\\.)[A-Za-z0-9_-][A-Za-z0-9_./-]*$', hint: 'e.g. xslt' },
      { id: 'mediaType', label: 'Media type (optional)', defaultValue: '', hint: 'from the extension when empty' },
    ],
    nameOf: (v) => v.name,
    // Written by registry-resource.ts (a file plus its artifact.xml entry), not from a single text.
    render: () => '',
  },
  ...asyncTemplates,
];

export function artifactTemplates(): ArtifactTemplate[] {
  return templates.map(({ kind, label, fields }) => ({ kind, label, fields }));
}

/** Fills defaults, checks required fields and patterns; returns the values or a message per bad field. */
export function checkTemplateValues(kind: ArtifactKind, values: Record<string, string>): { values: Record<string, string>; errors: string[] } {
  const t = templateFor(kind);
  const filled: Record<string, string> = {};
  const errors: string[] = [];
  for (const f of t.fields) {
    // A field of another choice (another protocol, store type ...) is neither asked nor written.
    if (f.showWhen && !f.showWhen.values.includes(filled[f.showWhen.field] ?? '')) continue;
    const raw = (values[f.id] ?? '').trim();
    const value = raw === '' ? (f.defaultValue ?? '') : raw;
    if (f.required && value === '') errors.push(`${f.label} is required`);
    else if (value !== '' && f.pattern && !new RegExp(f.pattern).test(value)) errors.push(`${f.label}: '${value}' is not valid`);
    else if (value !== '' && f.options && !f.options.includes(value)) errors.push(`${f.label}: choose one of ${f.options.join(', ')}`);
    filled[f.id] = value;
  }
  return { values: filled, errors };
}

export function renderArtifact(kind: ArtifactKind, values: Record<string, string>): { name: string; text: string } {
  const t = templateFor(kind);
  return { name: t.nameOf(values), text: t.render(values) };
}

function templateFor(kind: ArtifactKind): TemplateDefinition {
  const t = templates.find((x) => x.kind === kind);
  if (!t) throw Object.assign(new Error(`no template for ${kind}`), { code: 'NO_TEMPLATE' });
  return t;
}
