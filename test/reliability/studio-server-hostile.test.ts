/**
 * Hostile input to the browser-mode studio server (issue 21): a real server on
 * 127.0.0.1, real HTTP requests and WebSocket sessions. Requests without the
 * token, from another origin or host, with paths leading out of the project
 * (`..`, absolute paths, symlinks), oversized or malformed RPC messages and
 * more sessions than the server takes are all refused, and nothing outside the
 * project is read or written.
 *
 * Deliberately outside this rule: the operations whose argument IS a folder the
 * user picked on the host (workspace.openFolder/createProject, export.importCar/
 * inspectCar, exportCar's `folder`); only the studio's own page, holding the
 * per-launch token, can reach them.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RPC_MESSAGE_BYTES, MAX_SESSIONS, startBrowserStudio, type BrowserStudio } from '../../src/server/index.js';
import { openSession, rawRequest, upgradeStatus, type RpcSession } from './studio-client.js';

const repoRoot = path.resolve(__dirname, '../..');
const SECRET = 'top-secret-outside-the-project';
const API = 'src/main/wso2mi/artifacts/apis/HealthcareAPI.xml';

let tmp: string;
let project: string;
let outside: string;
let studio: BrowserStudio;
let session: RpcSession;

/** Every file under `dir` with its content: what "nothing written outside" compares. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (entry.isFile()) out[path.relative(dir, file)] = readFileSync(file, 'utf8');
  }
  return out;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'mediate-hostile-'));
  project = path.join(tmp, 'project');
  outside = path.join(tmp, 'outside');
  cpSync(path.join(repoRoot, 'samples/hospital'), project, { recursive: true });
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'secret.txt'), SECRET);
  writeFileSync(path.join(outside, 'secret.xml'), `<api xmlns="http://ws.apache.org/ns/synapse" name="${SECRET}" context="/x"/>`);
  // Links inside the project that lead out of it: a folder and a file.
  symlinkSync(outside, path.join(project, 'link-out'));
  symlinkSync(path.join(outside, 'secret.xml'), path.join(project, 'src/main/wso2mi/artifacts/apis/Linked.xml'));
  const staticDir = path.join(tmp, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>studio</title>');
  studio = await startBrowserStudio({ staticDir, project, settingsDir: path.join(tmp, 'settings') });
  session = await openSession(studio.port, { token: studio.token });
});

afterAll(async () => {
  session?.close();
  await studio?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the studio server over HTTP', () => {
  it('refuses a request without the token, or with a wrong one', async () => {
    for (const p of ['/', '/index.html', '/?token=', `/?token=${studio.token.slice(1)}`, `/?token=${studio.token}x`]) {
      const res = await rawRequest(studio.port, p);
      expect(res.status, p).toBe(403);
      expect(res.body).not.toContain('<title>studio</title>');
    }
    const forged = await rawRequest(studio.port, '/index.html', { headers: { cookie: 'mediate_token=forged' } });
    expect(forged.status).toBe(403);
  });

  it('serves the page with the token, then its assets by the cookie it set', async () => {
    const first = await rawRequest(studio.port, `/?token=${studio.token}`);
    expect(first.status).toBe(200);
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    const asset = await rawRequest(studio.port, '/index.html', { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.body).toContain('<title>studio</title>');
  });

  it('refuses another Host (DNS rebinding) and methods other than GET/HEAD', async () => {
    expect((await rawRequest(studio.port, `/?token=${studio.token}`, { headers: { host: 'evil.example:80' } })).status).toBe(421);
    expect((await rawRequest(studio.port, `/?token=${studio.token}`, { headers: { host: `127.0.0.1.evil.example:${studio.port}` } })).status).toBe(421);
    expect((await rawRequest(studio.port, `/?token=${studio.token}`, { method: 'POST' })).status).toBe(405);
  });

  it('serves nothing outside the renderer folder, however the path is spelled', async () => {
    const depth = '../'.repeat(12);
    for (const p of [`/../outside/secret.txt`, `/${depth}etc/passwd`, '/%2e%2e/outside/secret.txt', '/..%2foutside%2fsecret.txt', '/%2e%2e%5coutside%5csecret.txt', `/${encodeURIComponent(path.join(outside, 'secret.txt'))}`, '/%00', '/%E0%A4%A', `/download/..%2f..%2foutside%2fsecret.txt`, `/download/${encodeURIComponent(path.join(outside, 'secret.txt'))}`]) {
      const res = await rawRequest(studio.port, `${p}${p.includes('?') ? '&' : '?'}token=${studio.token}`);
      expect(res.status, p).toBe(404);
      expect(res.body).not.toContain(SECRET);
      expect(res.body).not.toContain('root:');
    }
  });
});

describe('the RPC WebSocket handshake', () => {
  it('accepts our own page: token, origin and host', async () => {
    expect(await upgradeStatus(studio.port, { token: studio.token })).toBe(101);
  });

  it('refuses a missing or wrong token', async () => {
    expect(await upgradeStatus(studio.port, {})).toBe(403);
    expect(await upgradeStatus(studio.port, { token: '' })).toBe(403);
    expect(await upgradeStatus(studio.port, { token: 'guess' })).toBe(403);
  });

  it('refuses another origin, a missing origin and another host', async () => {
    expect(await upgradeStatus(studio.port, { token: studio.token, origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(studio.port, { token: studio.token, origin: `http://127.0.0.1:${studio.port}.evil.example` })).toBe(403);
    expect(await upgradeStatus(studio.port, { token: studio.token, origin: 'null' })).toBe(403);
    expect(await upgradeStatus(studio.port, { token: studio.token, origin: null })).toBe(403);
    expect(await upgradeStatus(studio.port, { token: studio.token, host: 'evil.example' })).toBe(403);
  });

  it('refuses other paths', async () => {
    expect(await upgradeStatus(studio.port, { token: studio.token, path: '/rpc/../x' })).toBe(403);
    expect(await upgradeStatus(studio.port, { token: studio.token, path: '/' })).toBe(403);
  });
});

describe('file operations over RPC stay inside the project', () => {
  const escapes = () => [
    '../outside/secret.txt',
    `../${path.basename(tmp)}/../${path.basename(tmp)}/outside/secret.txt`,
    'src/../../outside/secret.txt',
    path.join(outside, 'secret.txt'),
    'link-out/secret.txt',
    'src/main/wso2mi/artifacts/apis/Linked.xml',
    '..\\outside\\secret.txt',
    'src/\0secret',
  ];

  /** Runs the calls, expects each refused, and checks the outside folder is as it was. */
  async function expectAllRefused(calls: [string, string, unknown[]][]) {
    const before = snapshot(outside);
    for (const [service, method, params] of calls) {
      const response = await session.call(service, method, ...params);
      const label = `${service}.${method}(${JSON.stringify(params).slice(0, 120)})`;
      expect(response.ok, label).toBe(false);
      expect(JSON.stringify(response), label).not.toContain(SECRET);
    }
    expect(snapshot(outside)).toEqual(before);
    expect(readdirSync(outside).sort()).toEqual(['secret.txt', 'secret.xml']);
  }

  it('readFile', async () => {
    await expectAllRefused(escapes().map((p) => ['workspace', 'readFile', [p]]));
  });

  it('writeFile, into a file or a new file in a linked folder', async () => {
    await expectAllRefused([...escapes().map((p): [string, string, unknown[]] => ['workspace', 'writeFile', [p, 'overwritten']]), ['workspace', 'writeFile', ['link-out/new.xml', 'planted']], ['workspace', 'writeFile', ['link-out/sub/new.xml', 'planted']]]);
  });

  it('deleteFile', async () => {
    await expectAllRefused([...escapes().map((p): [string, string, unknown[]] => ['workspace', 'deleteFile', [p]]), ['workspace', 'deleteFile', ['link-out']]]);
  });

  it('renameFile, from outside in and from inside out', async () => {
    await expectAllRefused([
      ...escapes().map((p): [string, string, unknown[]] => ['workspace', 'renameFile', [p, 'src/stolen.txt']]),
      ...escapes().map((p): [string, string, unknown[]] => ['workspace', 'renameFile', [API, p]]),
      ['workspace', 'renameFile', [API, 'link-out/HealthcareAPI.xml']],
    ]);
    expect(existsSync(path.join(project, API))).toBe(true);
    expect(existsSync(path.join(project, 'src/stolen.txt'))).toBe(false);
  });

  it('renameArtifact and createArtifact with names that climb out', async () => {
    await expectAllRefused([
      ['workspace', 'renameArtifact', [API, '../../../../../outside/Evil']],
      ['workspace', 'renameArtifact', [API, `..${path.sep}Evil`]],
      ['workspace', 'renameArtifact', ['../outside/secret.xml', 'Evil']],
      ['workspace', 'renameArtifact', ['src/main/wso2mi/artifacts/apis/Linked.xml', 'Evil']],
      ['workspace', 'createArtifact', [{ kind: 'api', values: { name: '../../../../../../outside/Evil', context: '/evil' } }]],
      ['workspace', 'createArtifact', [{ kind: 'sequence', values: { name: path.join(outside, 'Evil') } }]],
    ]);
    expect(existsSync(path.join(project, API))).toBe(true);
  });

  it("the debugger's source points", async () => {
    await expectAllRefused([...escapes().map((p): [string, string, unknown[]] => ['debug', 'sourcePoints', [p]]), ...escapes().map((p): [string, string, unknown[]] => ['debug', 'toggleBreakpointAtLine', [p, 1]])]);
  });

  it('test runs and suites', async () => {
    await expectAllRefused([
      ...escapes().map((p): [string, string, unknown[]] => ['test', 'run', [{ suite: p }]]),
      ...escapes().map((p): [string, string, unknown[]] => ['test', 'addCase', [p, { name: 'x', request: { method: 'GET', path: '/' } }]]),
      ['test', 'createSuite', [{ artifact: '../outside/secret.xml', name: 'x' }]],
    ]);
    const made = await session.call('test', 'createSuite', { artifact: API, name: '../../../../../outside/Evil' });
    // A suite name is a file name: whatever it spells, the suite lands in the project's test folder.
    if (made.ok) expect(String((made.result as { suite: string }).suite)).toMatch(/^src\/test\/wso2mi\/[^/]+\.xml$/);
    expect(readdirSync(outside).sort()).toEqual(['secret.txt', 'secret.xml']);
  });

  it('export of artifacts named by paths outside', async () => {
    const before = snapshot(outside);
    const response = await session.call('export', 'exportCar', { artifacts: ['../outside/secret.xml', 'src/main/wso2mi/artifacts/apis/Linked.xml'] });
    expect(JSON.stringify(response)).not.toContain(SECRET);
    expect(snapshot(outside)).toEqual(before);
  });

  it('still serves the project after all that', async () => {
    const response = await session.call('workspace', 'readFile', API);
    expect(response.ok).toBe(true);
    expect((response.result as { text: string }).text).toContain('HealthcareAPI');
    expect(readFileSync(path.join(outside, 'secret.txt'), 'utf8')).toBe(SECRET);
    expect(statSync(path.join(project, 'link-out')).isDirectory()).toBe(true);
  });
});

describe('malformed and oversized RPC messages', () => {
  it('ignores what is not a request and answers the next one', async () => {
    const s = await openSession(studio.port, { token: studio.token });
    for (const junk of ['not json', '{', '[]', 'null', '{"type":"request"}', '{"type":"request","id":1,"service":"workspace","method":"readFile","params":"x"}', JSON.stringify({ type: 'request', id: 2, service: '__proto__', method: 'toString', params: [] })]) s.socket.send(junk);
    s.socket.send(Buffer.from([0xff, 0xfe, 0x00]), { binary: true });
    const answers = await Promise.all([
      s.call('workspace', 'constructor'),
      s.call('workspace', '__proto__'),
      s.call('workspace', 'dispose'),
      s.call('constructor', 'name'),
      s.call('workspace', 'readFile', { toString: 'x' }),
      s.call('workspace', 'current'),
    ]);
    expect(answers.map((a) => a.ok)).toEqual([false, false, false, false, false, true]);
    s.close();
  });

  it('closes a session that sends a message over the limit (1009), and keeps serving the others', async () => {
    const s = await openSession(studio.port, { token: studio.token });
    const big = JSON.stringify({ type: 'request', id: 1, service: 'workspace', method: 'writeFile', params: ['src/big.xml', 'x'.repeat(MAX_RPC_MESSAGE_BYTES)] });
    s.socket.send(big);
    expect(await s.closed).toBe(1009);
    expect(existsSync(path.join(project, 'src/big.xml'))).toBe(false);
    expect((await session.call('workspace', 'current')).ok).toBe(true);
  });
});

describe('many concurrent sessions', () => {
  // A server of its own, so no session of the other suites is still closing and holding a place.
  let crowded: BrowserStudio;
  beforeAll(async () => {
    crowded = await startBrowserStudio({ staticDir: path.join(tmp, 'renderer'), project, settingsDir: path.join(tmp, 'settings-crowded') });
  });
  afterAll(async () => {
    await crowded?.close();
  });

  it(`takes ${MAX_SESSIONS} sessions, refuses more (503), and takes a new one when one closes`, async () => {
    const attempts = await Promise.allSettled(Array.from({ length: MAX_SESSIONS + 10 }, () => openSession(crowded.port, { token: crowded.token })));
    const opened = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    const refused = attempts.flatMap((a) => (a.status === 'rejected' ? [(a.reason as { status?: number }).status] : []));
    expect(opened).toHaveLength(MAX_SESSIONS);
    expect(refused).toEqual(Array.from({ length: 10 }, () => 503));
    // Every open session is served, all at once.
    const answers = await Promise.all(opened.map((s) => s.call('workspace', 'readFile', API)));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(await upgradeStatus(crowded.port, { token: crowded.token })).toBe(503);
    const first = opened.shift()!;
    first.close();
    await first.closed;
    const deadline = Date.now() + 5000;
    let status = 503;
    while (status === 503 && Date.now() < deadline) {
      status = await upgradeStatus(crowded.port, { token: crowded.token });
      if (status === 503) await new Promise((r) => setTimeout(r, 20));
    }
    expect(status).toBe(101);
    for (const s of opened) s.close();
  });
});
