import { expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { defineCase, backendAt, type Edit } from '../../case.js';
import { until } from '../inbound-endpoints/_listening.js';
import { expectQuoteResponse, payloadOf } from '../../xml.js';
import { parseMail } from '../../../../engine/node/transports/mail/mime.js';
import { smtpPort, mailSenderToml, startMailSink } from '../file-processing/_mail.js';

/** OpenSSH of .ci/services/sftp.sh: user mediate-sftp / mediate on 127.0.0.1:2222. */
const SFTP_USER = 'mediate-sftp';
const HOME = `/home/${SFTP_USER}`;
const DIR = `${HOME}/corpus-ftp-mail-${randomUUID().slice(0, 8)}`;
const SMTP = smtpPort();
/** Started while the case deploys (the proxy mails as soon as its first poll has an answer). */
let sinkStarted: ReturnType<typeof startMailSink> | undefined;

function owned(p: string): void {
  const entry = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${SFTP_USER}:`));
  if (!entry) throw new Error(`no user ${SFTP_USER}: run .ci/services/sftp.sh`);
  const [, , uid, gid] = entry.split(':');
  fs.chownSync(p, Number(uid), Number(gid));
}

/** The page's guest@localhost/test folder: a folder of this run in the SFTP user's home, request.xml uploaded to it. */
const sftpFolder: Edit = (text, t) => {
  if (!fs.existsSync(DIR)) {
    fs.mkdirSync(DIR);
    owned(DIR);
    // Uploaded before the proxy deploys, so the first poll takes it (the page's interval is 15 s).
    fs.writeFileSync(path.join(DIR, 'request.xml'), t.corpusFile('request.xml'));
    owned(path.join(DIR, 'request.xml'));
  }
  return text.split('sftp://guest:guest@localhost/test?').join(`sftp://${SFTP_USER}:mediate@127.0.0.1:2222${DIR}?`);
};

export default defineCase({
  id: 'protocol-switching/ftp-listener-to-mail-sender',
  title: 'A VFS proxy polls an SFTP folder: request.xml goes to the stock quote service, the file is deleted, and the getQuoteResponse for WSO2 is mailed to user@host through the mailto sender',
  status: 'pass',
  docsWrong: [
    'the proxy publishes the WSDL conf:custom/sample_proxy_1.wsdl, which the page does not provide: MI cannot build the proxy without it, and the verbatim file is refused (SYN008); a copy that publishes the stock quote service\'s own WSDL is run',
    'the title says FTP, the proxy polls SFTP; vfs.passive=true is an FTP option and changes nothing here',
    'the mailto sender (deployment.toml [[transport.mail.sender]]) is not shown: ours names a local SMTP server, no login',
    'the page prints no mail: it carries the SOAP 1.1 getQuoteResponse for WSO2 as text/xml',
  ],
  deviates: [
    'the page\'s SFTP user guest and folder test are the local OpenSSH user mediate-sftp and a folder of this run in its home; request.xml is put there before the proxy deploys',
    'the SMTP server is a local receiver on a port chosen per run',
  ],
  backends: { quotes: { kind: 'stock-quote' } },
  artifacts: [
    { file: 'proxy_SFTPtoMailToProxy.xml', edits: [backendAt('http://localhost:9000', 'quotes')] },
    {
      file: 'proxy_SFTPtoMailToProxy.xml',
      as: 'proxy_SFTPtoMailToProxy.wsdl-from-backend.xml',
      edits: [
        backendAt('http://localhost:9000', 'quotes'),
        (text, t) => text.replace('<publishWSDL key="conf:custom/sample_proxy_1.wsdl" preservePolicy="true"/>', `<publishWSDL uri="${t.backendUrl('quotes')}/services/SimpleStockQuoteService?wsdl" preservePolicy="true"/>`),
        sftpFolder,
      ],
    },
    { name: 'deployment.toml', why: 'the server-level mailto sender the page assumes', text: () => {
        sinkStarted = startMailSink(SMTP);
        return mailSenderToml(SMTP, { from: 'mi@localhost' });
      },
    },
  ],
  expectRefused: ['proxy_SFTPtoMailToProxy.xml'],
  async run(t) {
    const sink = await sinkStarted!;
    try {
      expect(t.refused.find((r) => r.file === 'proxy_SFTPtoMailToProxy.xml')?.messages.join(' ')).toContain("SYN008 registry 'conf:custom/sample_proxy_1.wsdl'");
      await until('the mail to user@host', () => sink.mails.length > 0, 20000);
      const seen = t.backend('quotes').lastRequests;
      expect(seen).toHaveLength(1);
      expect(String(seen[0].headers.soapaction)).toContain('urn:getQuote');
      expect(seen[0].body).toContain('<m0:symbol>WSO2</m0:symbol>');
      await until('request.xml deleted from the SFTP folder', () => fs.readdirSync(DIR).length === 0, 5000);
      expect(sink.mails).toHaveLength(1);
      const mail = sink.mails[0]!;
      expect(mail.to).toEqual(['user@host']);
      expect(mail.from).toBe('mi@localhost');
      const parsed = parseMail(Buffer.from(mail.raw));
      const part = parsed.attachments.find((a) => a.contentType.startsWith('text/xml'));
      expect(part, `a text/xml part in: ${mail.raw}`).toBeDefined();
      expectQuoteResponse(payloadOf(part!.content.toString()), 'WSO2');
    } finally {
      await sink.close();
      fs.rmSync(DIR, { recursive: true, force: true });
    }
  },
});
