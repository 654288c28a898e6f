/**
 * `mediate schema --out DIR`: writes the Synapse grammar as an XSD set
 * (entry `synapse.xsd`), for `xmllint --schema DIR/synapse.xsd file.xml` and
 * XML editors. Generated from the same descriptors the runtime parses with.
 */
import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import { catalogXsdSet } from '../services/language/xsd-export.js';
import { writeFileAtomicSync } from '../../engine/index.js';

export function writeSchemaSet(outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  return catalogXsdSet().map((f) => {
    const file = path.join(outDir, f.name);
    writeFileAtomicSync(file, f.text);
    return file;
  });
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('export the Synapse grammar as XSD (entry: synapse.xsd)')
    .requiredOption('-o, --out <dir>', 'folder to write the .xsd files to')
    .action((options: { out: string }) => {
      const written = writeSchemaSet(path.resolve(options.out));
      for (const f of written) process.stdout.write(`${f}\n`);
      process.stdout.write(`validate with: xmllint --noout --schema ${written[0]} FILE.xml\n`);
    });
}
