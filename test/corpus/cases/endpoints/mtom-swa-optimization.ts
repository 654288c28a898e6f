import { expect } from 'vitest';
import { defineCase, backendAt, addSynapseNs } from '../../case.js';
import { soap11 } from '../../xml.js';

const SAMPLES = 'http://services.samples';
/** A 1x1 GIF, standing in for the sample client's ASF logo. */
const IMAGE = 'R0lGODlhAQABAAAAACw=';

export default defineCase({
  id: 'endpoints/mtom-swa-optimization',
  title: 'MTOM / SwA on address endpoints (optimize="mtom"/"swa"), correlated on the response path by a property',
  status: 'not-yet',
  reason: 'the main sequence is refused: the legacy <in>/<out> mediators it is written with are not built (SYN002); MTOM and SwA packaging (optimize="mtom"/"swa", multipart/related with an application/xop+xml root part) is not built either',
  docsWrong: ['sequence main is printed without the Synapse namespace (added)', 'the sample client (ant optimizeclient) is not shipped with MI: the MTOM request is sent by the test'],
  backends: { mtom: { kind: 'recording', options: { fallback: { status: 200, headers: { 'content-type': 'text/xml' }, body: soap11(`<m0:uploadFileUsingMTOMResponse xmlns:m0="${SAMPLES}"><m0:response><m0:image>${IMAGE}</m0:image></m0:response></m0:uploadFileUsingMTOMResponse>`) } } } },
  artifacts: [{ file: 'sequence_main.xml', edits: [addSynapseNs, backendAt('http://localhost:9000', 'mtom')] }],
  blocker(t) {
    expect(t.refused.find((r) => r.file === 'sequence_main.xml')?.messages.join(' ')).toMatch(/SYN002 .*: in\b/);
  },
  async run(t) {
    const r = await t.request('POST', '/', {
      headers: { 'Content-Type': 'text/xml', SOAPAction: 'urn:uploadFileUsingMTOM' },
      body: soap11(`<m0:uploadFileUsingMTOM xmlns:m0="${SAMPLES}"><m0:request><m0:image>${IMAGE}</m0:image></m0:request></m0:uploadFileUsingMTOM>`),
    });
    expect(r.status).toBe(200);
    const sent = t.backend('mtom').requests.at(-1);
    expect(sent, 'the back end got the upload').toBeDefined();
    // As the page's TCPMon dump shows: an MTOM package towards the back end, and again towards the client (enableMTOM).
    expect(String(sent.headers['content-type'])).toMatch(/^multipart\/related;.*type="application\/xop\+xml"/);
    expect(r.contentType).toMatch(/^multipart\/related/);
  },
});
