// The benchmark echo backend (stand-in for WSO2's Netty echo service, as the
// reference rig in /work/shared/bench/echo-server.js runs it): every request is
// answered 200 with its own body and Content-Type (application/octet-stream
// when none was sent), keep-alive, no artificial delay, nothing recorded.
import { listen, send } from './http-kit.mjs';

/**
 * @typedef {object} EchoOptions
 * @property {number} [port]
 * @property {string} [host]
 */

/**
 * @typedef {object} EchoBackend
 * @property {number} port
 * @property {string} url
 * @property {() => number} requestCount   requests answered so far (a counter, not a log: this backend stays cheap)
 * @property {() => Promise<void>} close
 */

/**
 * @param {EchoOptions} [options]
 * @returns {Promise<EchoBackend>}
 */
export async function start(options = {}) {
  let count = 0;
  const running = await listen(options, (req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      count++;
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      send(res, 200, { 'content-type': req.headers['content-type'] || 'application/octet-stream' }, body);
    });
  });
  return { port: running.port, url: running.url, requestCount: () => count, close: running.close };
}
