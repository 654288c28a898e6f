#!/usr/bin/env node
// Requests per second of a data service on PostgreSQL — GET by key and a 100-row list — beside
// a plain-Node reference (pg + node:http, bench/references/node-pg-dataservice.mjs) answering the
// same XML. Both run as child processes on the same database; the load is closed-loop over
// keep-alive connections from this process. The report states Mediate / reference per scenario.
// Run after `npx tsc -b tsconfig.json` (the CLI runs from dist/):
//   node bench/dataservices.mjs [seconds=5] [connections=20]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Pool } from 'undici';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = Number(process.argv[2] ?? 5);
const connections = Number(process.argv[3] ?? 20);
const database = `mediate_bench_ds_${randomBytes(3).toString('hex')}`;

const freePort = () => new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
const admin = async (sql) => { const c = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' }); await c.connect(); try { await c.query(sql); } finally { await c.end(); } };

await admin(`CREATE DATABASE ${database}`);
const seed = new pg.Client({ host: '127.0.0.1', user: 'postgres', database });
await seed.connect();
await seed.query('create table Employees (EmployeeNumber int primary key, FirstName varchar(255), LastName varchar(255), Email varchar(255))');
await seed.query("insert into Employees select n, 'First' || n, 'Last' || n, 'e' || n || '@example.com' from generate_series(1, 1000) n");
await seed.end();

const project = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ds-'));
fs.writeFileSync(path.join(project, 'Bench.dbs'), `<data name="Bench">
  <config id="pg"><property name="driverClassName">org.postgresql.Driver</property><property name="url">jdbc:postgresql://127.0.0.1:5432/${database}</property><property name="username">postgres</property><property name="password"></property><property name="maxActive">10</property></config>
  <query id="one" useConfig="pg"><sql>select EmployeeNumber, FirstName, LastName, Email from Employees where EmployeeNumber = :id</sql><param name="id" sqlType="INTEGER"/>
    <result element="Employees" rowName="Employee"><element column="EmployeeNumber" name="EmployeeNumber" xsdType="integer"/><element column="FirstName" name="FirstName"/><element column="LastName" name="LastName"/><element column="Email" name="Email"/></result></query>
  <query id="list" useConfig="pg"><sql>select EmployeeNumber, FirstName, LastName, Email from Employees order by EmployeeNumber limit 100</sql>
    <result element="Employees" rowName="Employee"><element column="EmployeeNumber" name="EmployeeNumber" xsdType="integer"/><element column="FirstName" name="FirstName"/><element column="LastName" name="LastName"/><element column="Email" name="Email"/></result></query>
  <resource method="GET" path="employee/{id}"><call-query href="one"><with-param name="id" query-param="id"/></call-query></resource>
  <resource method="GET" path="employees"><call-query href="list"/></resource>
</data>`);

function start(args, readyText) {
  const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d) => { out += d; if (out.includes(readyText)) resolve(child); };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${out}`)));
  });
}

async function load(origin, paths) {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  let done = 0;
  let errors = 0;
  let i = 0;
  const until = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < until) {
      const p = paths[i++ % paths.length];
      const r = await pool.request({ method: 'GET', path: p });
      const text = await r.body.text();
      if (r.statusCode === 200 && text.startsWith('<Employees')) done++;
      else errors++;
    }
  };
  // Warm-up: a second of traffic first, not counted.
  const warm = Date.now() + 1000;
  while (Date.now() < warm) await pool.request({ method: 'GET', path: paths[0] }).then((r) => r.body.text());
  const t0 = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  const elapsed = (Date.now() - t0) / 1000;
  await pool.close();
  return { rps: done / elapsed, errors };
}

const keys = Array.from({ length: 1000 }, (_, k) => k + 1);
const scenarios = [
  { name: 'GET by key', mediate: keys.map((k) => `/services/Bench/employee/${k}`), reference: keys.map((k) => `/employee/${k}`) },
  { name: '100-row list', mediate: ['/services/Bench/employees'], reference: ['/employees'] },
];

const mPort = await freePort();
const rPort = await freePort();
const mediate = await start([path.join(repo, 'bin/mediate.js'), 'run', project, '--port', String(mPort)], 'ready on');
const reference = await start([path.join(repo, 'bench/references/node-pg-dataservice.mjs'), String(rPort), database], 'ready');
const results = [];
try {
  for (const s of scenarios) {
    // The same answer from both (checked once), then alternate targets so drift hits both alike.
    const a = await (await fetch(`http://127.0.0.1:${mPort}${s.mediate[0]}`)).text();
    const b = await (await fetch(`http://127.0.0.1:${rPort}${s.reference[0]}`)).text();
    if (a !== b) throw new Error(`${s.name}: the answers differ\nmediate:   ${a.slice(0, 300)}\nreference: ${b.slice(0, 300)}`);
    const m = await load(`http://127.0.0.1:${mPort}`, s.mediate);
    const r = await load(`http://127.0.0.1:${rPort}`, s.reference);
    results.push({ scenario: s.name, mediateRps: Math.round(m.rps), referenceRps: Math.round(r.rps), ratio: Number((m.rps / r.rps).toFixed(2)), errors: m.errors + r.errors });
  }
} finally {
  mediate.kill('SIGTERM');
  reference.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  fs.rmSync(project, { recursive: true, force: true });
}

console.log(`Data service on PostgreSQL, ${connections} connections, ${seconds} s per target (${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)})`);
console.log('| scenario | Mediate req/s | pg + node:http req/s | ratio |');
console.log('|---|---|---|---|');
for (const r of results) console.log(`| ${r.scenario} | ${r.mediateRps} | ${r.referenceRps} | ${r.ratio} |${r.errors ? ` (${r.errors} errors)` : ''}`);
fs.mkdirSync(path.join(repo, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(repo, `bench/results/dataservices-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ seconds, connections, results }, null, 2));
