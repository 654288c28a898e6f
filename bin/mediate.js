#!/usr/bin/env node
// The `mediate` command: runs the compiled CLI (built by `npm install` / `npm run build`).
import { existsSync } from 'node:fs';
const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('mediate: not built yet; run `npm run build` first\n');
  process.exit(1);
}
await import(entry.href);
