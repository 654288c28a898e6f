// Shared by the socket benches (hl7.mjs, websocket.mjs): a free port, a closed-loop load over
// connections the caller opens, and a throw-away project served by the runtime host.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

export async function freePort() {
  const s = net.createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

/**
 * Closed-loop load: each connection keeps `window` messages in flight (every reply sends the next
 * one); replies are counted for `seconds` after a 1 s warm-up. `onReply(connection, callback)`
 * subscribes to one connection's replies, `send(connection)` sends one message, `close(connection)`
 * ends it. Returns replies per second.
 */
export async function closedLoop(connections, { window, seconds, onReply, send, close }) {
  let counting = false;
  let answered = 0;
  let running = true;
  for (const c of connections) {
    onReply(c, () => {
      if (counting) answered++;
      if (running) send(c);
    });
    for (let i = 0; i < window; i++) send(c);
  }
  await new Promise((r) => setTimeout(r, 1000));
  counting = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  counting = false;
  running = false;
  const elapsed = (performance.now() - started) / 1000;
  for (const c of connections) close(c);
  return answered / elapsed;
}

/** Writes `files` into a temporary project, serves it with the dist/ runtime host and runs `fn`. */
export async function withServedProject(repo, prefix, files, fn) {
  const { startRuntimeHost, silentLogger } = await import(path.join(repo, 'dist/engine/index.js'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const host = await startRuntimeHost({ sources: [dir], port: 0, host: '127.0.0.1', logger: silentLogger, env: {} });
  try {
    return await fn();
  } finally {
    await host.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
