#!/usr/bin/env node
// Reference for bench/messaging.mjs: what a hand-written Node relay does for store-and-forward —
// accept a POST with 202, keep the body in an array (no durability), and a loop that forwards the
// head of the array to the back end and removes it once the back end answered 2xx.
//   node bench/references/node-store-forward.mjs <port> <backendPort>
import http from 'node:http';

const port = Number(process.argv[2] ?? 0);
const backendPort = Number(process.argv[3]);
const queue = [];
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    queue.push(Buffer.concat(chunks));
    res.writeHead(202);
    res.end();
    kick();
  });
});

let running = false;
function send(body) {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port: backendPort, path: '/echo', method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode >= 200 && res.statusCode < 300)); });
    req.on('error', () => resolve(false));
    req.end(body);
  });
}
async function kick() {
  if (running) return;
  running = true;
  while (queue.length) {
    if (await send(queue[0])) queue.shift();
    else await new Promise((r) => setTimeout(r, 100));
  }
  running = false;
}

server.listen(port, '127.0.0.1', () => console.log(`reference ready on ${server.address().port}`));
