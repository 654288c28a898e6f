import { expect } from 'vitest';
import { defineCase, backendAt, addSynapseNs, replace } from '../../case.js';

const mocky = backendAt('http://run.mocky.io', 'mocky');

export default defineCase({
  id: 'templates/endpoint-template',
  title: 'Endpoint template with $name/$uri and substituted parameters; API versioned by context',
  status: 'pass',
  docsWrong: [
    'the API has version="1.0" version-type="context" but its context "/test" lacks the {version} template, which MI requires for context versioning: we deploy it with context "/test/{version}"',
    'the request is `/test/bar`, but a context-versioned API is served at /test/1.0/bar; /test/bar does not match (asserted 404)',
    'ep_template_1/ep_template_2 lack the Synapse namespace (added)',
  ],
  // run.mocky.io (internet) is replaced by a local JSON mock answering {"symbol": "foo"}.
  backends: { mocky: { kind: 'recording', options: { fallback: { status: 200, body: { symbol: 'foo' } } } } },
  artifacts: [
    { file: 'template_ep_template.xml' },
    { file: 'api_TestAPI.xml', edits: [mocky, replace('context="/test"', 'context="/test/{version}"')] },
    { file: 'endpoint_ep1.xml', edits: [mocky] },
    { file: 'endpoint_ep2.xml', edits: [mocky] },
    { file: 'endpoint_ep_template_1.xml', edits: [addSynapseNs, mocky] },
    { file: 'endpoint_ep_template_2.xml', edits: [addSynapseNs, mocky] },
  ],
  async run(t) {
    const bar = await t.request('GET', '/test/1.0/bar');
    expect(bar.status).toBe(200);
    expect(bar.json()).toEqual({ symbol: 'foo' });
    // The template's $uri is used (the API appends its REST_URL_POSTFIX, as MI does for address endpoints).
    expect(t.backend('mocky').requests.at(-1).url).toMatch(/^\/v3\/c72a5cfd-871b-43fc-8202-54fa18097341/);
    const foo = await t.request('GET', '/test/1.0/foo');
    expect(foo.json()).toEqual({ symbol: 'foo' });
    expect(t.backend('mocky').requests.at(-1).url).toMatch(/^\/v3\/8ca6aa42-ee0a-47a8-8007-e93abbb95b87/);
    expect((await t.request('GET', '/test/bar')).status).toBe(404);
  },
});
