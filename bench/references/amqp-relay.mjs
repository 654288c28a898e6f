#!/usr/bin/env node
// Plain-Node reference for the RabbitMQ store scenario of bench/messaging.mjs: node:http accepts a
// POST (202 once RabbitMQ confirmed the persistent message on a durable queue), an amqplib consumer
// takes each message without auto-ack, POSTs it to the echo back end and acks it after the answer.
//   node bench/references/amqp-relay.mjs <port> <echoPort> <queue>
import http from 'node:http';
import amqp from 'amqplib';

const [port = '0', echoPort, queue = `bench-relay-${process.pid}`] = process.argv.slice(2);
const conn = await amqp.connect('amqp://guest:guest@127.0.0.1:5672');
const pub = await conn.createConfirmChannel();
await pub.assertQueue(queue, { durable: true });
const sub = await conn.createChannel();
await sub.prefetch(10);
const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
await sub.consume(queue, (m) => {
  if (!m) return;
  const req = http.request({ host: '127.0.0.1', port: Number(echoPort), path: '/echo', method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': m.content.length } }, (res) => {
    res.resume();
    res.on('end', () => sub.ack(m));
  });
  req.on('error', () => sub.nack(m, false, true));
  req.end(m.content);
});
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    pub.publish('', queue, Buffer.concat(chunks), { persistent: true, contentType: 'application/json' }, (err) => {
      res.writeHead(err ? 500 : 202);
      res.end();
    });
  });
});
server.listen(Number(port), '127.0.0.1', () => console.log(`reference ready on ${server.address().port}`));
process.on('SIGTERM', async () => {
  await sub.deleteQueue(queue).catch(() => undefined);
  await conn.close().catch(() => undefined);
  process.exit(0);
});
