import { expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { defineCase, backendAt, type Edit } from '../../case.js';
import { until } from '../inbound-endpoints/_listening.js';
import { expectQuoteResponse, payloadOf } from '../../xml.js';
import { smbClient } from '../../../../engine/node/transports/vfs/smb-client.js';
import { parseVfsUri } from '../../../../engine/node/transports/vfs/uri.js';

/** Samba of .ci/services/smb.sh: share "mediate" at /srv/mediate-smb, user mediate-smb / mediate, port 4450. */
const SHARE_ROOT = '/srv/mediate-smb';
const SMB = 'mediate-smb:mediate@127.0.0.1:4450/mediate';
const RUN = `corpus-smb-${randomUUID().slice(0, 8)}`;
const TEXT = 'plain text over SMB2\nsecond line\n';

/** A folder of this run on the share, made on the server's disk, owned by the share's user. */
function shareDir(...parts: string[]): string {
  let d = path.join(SHARE_ROOT, RUN);
  for (const p of ['', ...parts]) {
    d = p ? path.join(d, p) : d;
    if (!fs.existsSync(d)) {
      fs.mkdirSync(d);
      own(d);
    }
  }
  return d;
}

/** Gives a path to the share's user (Samba forces it): it may then move and delete what is there. */
function own(p: string): void {
  const entry = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('mediate-smb:'));
  if (!entry) throw new Error('no user mediate-smb: run .ci/services/smb.sh');
  const [, , uid, gid] = entry.split(':');
  fs.chownSync(p, Number(uid), Number(gid));
}

/** Variant 1's //host/test and variant 2's //host/SMBFileShare become folders of this run on the one share. */
const v1: Edit = (text) => {
  for (const d of ['in', 'out', 'original', 'failed']) shareDir('v1', d);
  return text.split('smb://host/test/').join(`smb://${SMB}/${RUN}/v1/`);
};
const v2: Edit = (text) => {
  for (const d of ['in', 'out', 'original', 'fail']) shareDir('v2', d);
  return text.split('smb2://username:password@host/SMBFileShare/').join(`smb2://${SMB}/${RUN}/v2/`);
};

export default defineCase({
  id: 'file-processing/vfs-windows-share-smb',
  title: 'VFS over an SMB share: test.xml in in/ goes to the stock quote service, the response lands in out/<uuid>.xml, the request moves to original/; the SMB2 proxy copies a .txt from in/ to out/<uuid>.xml and moves it to original/',
  status: 'pass',
  docsWrong: [
    'the first proxy publishes the WSDL conf:custom/sample_proxy_1.wsdl, which the page does not provide: MI cannot build the proxy without it, and the verbatim file is refused (SYN008); a copy that publishes the stock quote service\'s own WSDL is run',
    'a stray "=" follows <inSequence> in the first proxy: MI\'s factories read only the elements of a sequence, so it is ignored (a warning here)',
    'the page says failures move to original/, but the first proxy moves them to failed/',
    'the page gives no result for the SMB2 proxy: the text file\'s bytes are written unchanged to out/<uuid>.xml (the name is the proxy\'s ReplyFileName from the MessageID)',
    'MessageID in the outSequence is the response\'s id, so the reply file name is a fresh UUID unrelated to the request',
  ],
  deviates: [
    'SMB1 (jcifs) is not offered: both vfs:smb:// and vfs:smb2:// are spoken as SMB2/3 (current Samba refuses SMB1 by default)',
    'the page\'s //host/test and //host/SMBFileShare shares are folders of one run on the Samba share of this machine (.ci/services/smb.sh, user mediate-smb), made on its disk before the proxies deploy; the input files are put there over SMB and the proxies\' 15 s PollInterval is kept',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'proxy_StockQuoteProxy.xml', edits: [v1, backendAt('http://localhost:9000', 'quotes')] },
    {
      file: 'proxy_StockQuoteProxy.xml',
      as: 'proxy_StockQuoteProxy.wsdl-from-backend.xml',
      edits: [
        v1,
        (text, t) => text.replace('<publishWSDL key="conf:custom/sample_proxy_1.wsdl"/>', `<publishWSDL uri="${t.backendUrl('quotes')}/services/SimpleStockQuoteService?wsdl"/>`),
        backendAt('http://localhost:9000', 'quotes'),
      ],
    },
    { file: 'proxy_smb2proxy.xml', edits: [v2] },
  ],
  expectRefused: ['proxy_StockQuoteProxy.xml'],
  // The page's 15 s PollInterval is kept: the files can wait up to a full interval before a poll
  // takes them, and the waits below allow two; 30 s was too little under CI's load.
  timeoutMs: 70000,
  async run(t) {
    try {
      expect(t.refused.find((r) => r.file === 'proxy_StockQuoteProxy.xml')?.messages.join(' ')).toContain("SYN008 registry 'conf:custom/sample_proxy_1.wsdl'");
      const dir = (...p: string[]) => path.join(SHARE_ROOT, RUN, ...p);
      const input = t.corpusFile('test.xml');
      // The files are put on the share over SMB, as a Windows user would; the next poll (15 s) takes them.
      const share = await smbClient(parseVfsUri(`smb://${SMB}/`));
      try {
        await share.write(`mediate/${RUN}/v1/in/test.xml`, Buffer.from(input));
        await share.write(`mediate/${RUN}/v2/in/note.txt`, Buffer.from(TEXT));
      } finally {
        await share.close();
      }

      // Variant 1: request to the backend, response to out/, request moved to original/.
      await until('a response file in v1/out/', () => fs.readdirSync(dir('v1', 'out')).length > 0, 24000);
      await until('test.xml moved to v1/original/', () => fs.existsSync(dir('v1', 'original', 'test.xml')), 5000);
      // The lock file beside it goes once the file is moved.
      await until('v1/in/ empty', () => fs.readdirSync(dir('v1', 'in')).length === 0, 5000);
      expect(fs.readFileSync(dir('v1', 'original', 'test.xml'), 'utf8')).toBe(input);
      const out1 = fs.readdirSync(dir('v1', 'out'));
      expect(out1).toHaveLength(1);
      expect(out1[0]).toMatch(/^[0-9A-Fa-f-]{36}\.xml$/);
      expectQuoteResponse(payloadOf(fs.readFileSync(dir('v1', 'out', out1[0]!), 'utf8')), 'IBM');
      const seen = t.backend('quotes').lastRequests;
      expect(seen).toHaveLength(1);
      expect(String(seen[0].headers.soapaction)).toContain('urn:getQuote');
      expect(fs.readdirSync(dir('v1', 'failed'))).toEqual([]);

      // Variant 2: the text copied to out/<uuid>.xml, the source moved to original/.
      await until('a file in v2/out/', () => fs.readdirSync(dir('v2', 'out')).length > 0, 20000);
      await until('note.txt moved to v2/original/', () => fs.existsSync(dir('v2', 'original', 'note.txt')), 5000);
      // The lock file beside it goes once the file is moved.
      await until('v2/in/ empty', () => fs.readdirSync(dir('v2', 'in')).length === 0, 5000);
      const out2 = fs.readdirSync(dir('v2', 'out'));
      expect(out2).toHaveLength(1);
      expect(out2[0]).toMatch(/^[0-9A-Fa-f-]{36}\.xml$/);
      expect(fs.readFileSync(dir('v2', 'out', out2[0]!), 'utf8')).toBe(TEXT);
      expect(fs.readdirSync(dir('v2', 'fail'))).toEqual([]);
    } finally {
      fs.rmSync(path.join(SHARE_ROOT, RUN), { recursive: true, force: true });
    }
  },
});
