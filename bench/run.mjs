#!/usr/bin/env node
// `npm run bench [-- --quick]`: Mediate and its references, measured in one interleaved run.
// The options are in USAGE below (`node bench/run.mjs --help` prints them).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runBench, OPTIONAL_STEPS, REFERENCES } from './lib/bench.mjs';
import { stopAllSync } from './lib/processes.mjs';
import { REPO } from './lib/targets.mjs';

const USAGE = `Usage: node bench/run.mjs [options]   (or: npm run bench -- [options])

Measures Mediate and its references in one interleaved run.

Options:
  --quick              a short run (about 2 minutes)
  --reps N             measured repetitions per scenario
  --duration S         seconds per measured run
  --warmup S           seconds of warm-up before the first measured run
  --no-install         do not install missing tools (wrk, nginx, Node-RED)
  --no-build           do not build Mediate first
  --only ID,ID         only these scenario ids
  --refs ID,ID         only these references (${REFERENCES.join(', ')})
  --node-load          use the Node load generator even where wrk is installed
  --skip STEP,STEP     leave out optional steps (${OPTIONAL_STEPS.join(', ')})
  --no-profile         same as --skip profile
  --out DIR            write results to DIR instead of bench/results
  -h, --help           print this help

Writes <out>/<date>[-quick].json and .md; a full run of everything also writes bench/REPORT.md.
`;

let parsed;
try {
  parsed = parseArgs({
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      quick: { type: 'boolean', default: false },
      reps: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      'no-install': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      only: { type: 'string' },
      refs: { type: 'string' },
      'node-load': { type: 'boolean', default: false },
      skip: { type: 'string' },
      'no-profile': { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
} catch (e) {
  // parseArgs throws for an unknown option or a missing value: say which, then how to call.
  process.stderr.write(`[bench] ${e.message}\n\n${USAGE}`);
  process.exit(2);
}
const args = parsed.values;
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}

const list = (value, allowed, flag) => {
  if (value === undefined) return undefined;
  const items = value.split(',').filter(Boolean);
  const unknown = allowed ? items.filter((x) => !allowed.includes(x)) : [];
  if (unknown.length) throw new Error(`${flag}: unknown ${unknown.join(', ')} (one of ${allowed.join(', ')})`);
  return items;
};
const number = (value) => (value === undefined ? undefined : Number(value));

process.on('SIGINT', () => {
  stopAllSync();
  process.exit(130);
});
process.on('exit', stopAllSync);

try {
  const skip = [...(list(args.skip, OPTIONAL_STEPS, '--skip') ?? []), ...(args['no-profile'] ? ['profile'] : [])];
  const only = list(args.only, undefined, '--only');
  const refs = list(args.refs, REFERENCES, '--refs');
  const { jsonFile, mdFile, work } = await runBench({
    quick: args.quick,
    reps: number(args.reps),
    durationS: number(args.duration),
    warmupS: number(args.warmup),
    install: !args['no-install'],
    build: !args['no-build'],
    only,
    refs,
    nodeLoad: args['node-load'],
    skip,
    outDir: args.out && path.resolve(args.out),
    // bench/REPORT.md is the committed report of a complete full run only.
    writeReport: !args.quick && !only && !refs && skip.length === 0 && !args.out,
  });
  process.stdout.write(`[bench] results: ${path.relative(REPO, jsonFile)} and ${path.relative(REPO, mdFile)} (work folder ${work} kept for its logs)\n`);
} catch (e) {
  process.stderr.write(`[bench] failed: ${e.stack ?? e.message}\n`);
  stopAllSync();
  process.exit(1);
}
