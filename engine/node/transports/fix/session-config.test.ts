/** QuickFIX session files as the corpus writes them (indented, lower-case sections) and the errors for broken ones. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { parseSessionSettings } from './session-config.js';
import { parseFixUri } from './fix-uri.js';

const corpus = path.resolve(import.meta.dirname, '../../../../../shared/corpus/transports/fix-transport-proxy');

describe('FIX session settings', () => {
  it("reads the FIX transport page's acceptor and initiator files, each session inheriting [default]", () => {
    const [acceptor] = parseSessionSettings(fs.readFileSync(path.join(corpus, 'fix-synapse.cfg'), 'utf8'), 'fix-synapse.cfg');
    expect(acceptor!.values).toMatchObject({ ConnectionType: 'acceptor', BeginString: 'FIX.4.0', SenderCompID: 'SYNAPSE', TargetCompID: 'BANZAI', SocketAcceptPort: '9876', HeartBtInt: '30', FileStorePath: 'repository/logs/fix/data' });
    const [initiator] = parseSessionSettings(fs.readFileSync(path.join(corpus, 'synapse-sender.cfg'), 'utf8'), 'synapse-sender.cfg');
    expect(initiator!.values).toMatchObject({ ConnectionType: 'initiator', TargetCompID: 'EXEC', SocketConnectHost: 'localhost', SocketConnectPort: '19876', ReconnectInterval: '5' });
  });

  it('names the file, line and column of a broken line, and the session missing an id or with an unknown version', () => {
    expect(() => parseSessionSettings('[default]\n  SenderCompID SYNAPSE\n', 'a.cfg')).toThrow('a.cfg:2:3: "SenderCompID SYNAPSE" is not a Key=Value setting');
    expect(() => parseSessionSettings('[sessions]\n', 'b.cfg')).toThrow('b.cfg:1:1: unknown section [sessions]');
    expect(() => parseSessionSettings('[default]\nSenderCompID=S\n[session]\nBeginString=FIX.4.0\n', 'c.cfg')).toThrow('c.cfg line 3: TargetCompID is required');
    expect(() => parseSessionSettings('[session]\nBeginString=FIX.5.0\nSenderCompID=S\nTargetCompID=T\n', 'd.cfg')).toThrow(/d.cfg line 1: BeginString FIX.5.0 is not one of FIX.4.0/);
  });

  it('reads fix:// addresses and refuses ones without the session ids', () => {
    expect(parseFixUri('fix://localhost:19876?BeginString=FIX.4.0&SenderCompID=SYNAPSE&TargetCompID=EXEC')).toEqual({ SocketConnectHost: 'localhost', SocketConnectPort: '19876', BeginString: 'FIX.4.0', SenderCompID: 'SYNAPSE', TargetCompID: 'EXEC' });
    expect(() => parseFixUri('fix://localhost:19876?BeginString=FIX.4.0&SenderCompID=SYNAPSE')).toThrow(/TargetCompID is missing/);
    expect(() => parseFixUri('fix:/nowhere')).toThrow(/is not a fix:\/\/host:port/);
  });
});
