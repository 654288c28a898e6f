/**
 * A file inbound endpoint whose FTP server cannot be reached: the runtime is up at once with the
 * endpoint polling, the failed connection is logged with the endpoint, the URI (password hidden)
 * and the reason, and stopping gives up the reconnect wait or the attempt in progress instead of
 * sitting it out (MI's default ReconnectTimeout is 30 s; here it is 10 minutes so that a stop
 * which waits for it cannot pass).
 */
import { afterEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { freePort, startTestProject, synapse, waitFor, type TestProject } from '../testing/project.js';

const open: TestProject[] = [];
const servers: net.Server[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

const ftpEndpoint = (port: number) =>
  synapse(`<inboundEndpoint name="RemoteIn" protocol="file" sequence="Log" onError="fault" suspend="false"><parameters>
    <parameter name="interval">100</parameter>
    <parameter name="transport.vfs.FileURI">ftp://admin:secret@127.0.0.1:${port}/in/</parameter>
    <parameter name="transport.vfs.ContentType">application/xml</parameter>
    <parameter name="transport.vfs.MaxRetryCount">3</parameter>
    <parameter name="transport.vfs.ReconnectTimeout">600000</parameter>
  </parameters></inboundEndpoint>`);

const logSequence = synapse(`<sequence name="Log"><log level="full"/></sequence>`);

/** Closes the project, failing with `what` if that takes longer than a bounded deadline. */
async function closeWithin(p: TestProject, what: string, deadlineMs = 10_000): Promise<void> {
  open.splice(open.indexOf(p), 1);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`stopping the runtime did not finish: ${what}`)), deadlineMs);
  });
  try {
    await Promise.race([p.close(), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

describe('file inbound endpoint on an unreachable FTP server', () => {
  it('serves at once, reports the refused connection, and stops without waiting out the reconnect delay', async () => {
    const port = await freePort();
    const p = await startTestProject({ 'Log.xml': logSequence, 'RemoteIn.xml': ftpEndpoint(port) });
    open.push(p);
    expect(p.host.initial.failed).toEqual([]);
    expect(p.host.active.statuses()[0]).toMatchObject({ artifact: 'inbound-endpoint:RemoteIn', state: 'polling' });
    const warning = await waitFor(() => p.logger.records.find((r) => r.level === 'warn' && r.message.includes('cannot connect')), 'the refused connection reported');
    expect(warning.message).toMatch(new RegExp(`^Inbound endpoint RemoteIn: cannot connect to ftp://admin:\\*\\*\\*@127\\.0\\.0\\.1:${port}/in/ \\(attempt 1 of 4\\): .*ECONNREFUSED`));
    expect(warning.message).not.toContain('secret');
    expect(warning.fields).toMatchObject({ artifact: 'inbound-endpoint:RemoteIn' });

    await closeWithin(p, 'it waited for the 10-minute reconnect delay');
    const messages = p.logger.messages();
    expect(messages).toContain('Inbound endpoint RemoteIn stopped');
    // Stopping is not a failure of the source, and no attempt is made once stopped.
    expect(messages.filter((m) => m.includes('attempt 2 of 4') || m.includes('poll failed'))).toEqual([]);
  });

  it('gives up a connection attempt in progress when stopped (a server that accepts and never greets)', async () => {
    // Reads (and ignores) what the client sends, so that its closing the connection is seen here.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => sockets.delete(socket));
      socket.resume();
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    servers.push(silent);
    const port = (silent.address() as net.AddressInfo).port;
    const p = await startTestProject({ 'Log.xml': logSequence, 'RemoteIn.xml': ftpEndpoint(port) });
    open.push(p);
    await waitFor(() => sockets.size > 0, 'the endpoint connecting to the silent server');

    await closeWithin(p, 'it waited for the FTP greeting');
    expect(p.logger.messages()).toContain('Inbound endpoint RemoteIn stopped');
    expect(p.logger.messages().filter((m) => m.includes('poll failed'))).toEqual([]);
    // The connection that was given up is closed too, not left to the FTP client's own 10 s timeout.
    await waitFor(() => sockets.size === 0, 'the abandoned connection closed');
  });
});
