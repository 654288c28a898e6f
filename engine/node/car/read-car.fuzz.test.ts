/**
 * Fuzzing the CAR reader. Archives of random entries (descriptors that are malformed,
 * half-right or missing, artifacts of every kind, odd names) are read into a scan whose
 * problems say what is wrong, never an exception; real CARs with bytes flipped or cut off
 * are read or refused with an Error (yauzl's "not a zip" errors, HostileCarError), never an
 * uncaught exception in a callback (which would take the whole process down) and never a
 * hang (vitest's test time-out bounds each run). Nothing is written outside the folder
 * extracted to.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../../test/support/fuzz.js';
import { tempDir } from '../project/fixtures/projects.js';
import { readCarContents } from './read-car.js';
import { HostileCarError } from './safety.js';
import { rawZip, type RawZipEntry } from './testing/raw-zip.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../../../../shared/fixtures/car');
const realCars = (() => {
  try {
    return readdirSync(fixtures)
      .filter((f) => f.endsWith('.car'))
      .sort()
      .slice(0, 12)
      .map((f) => readFileSync(path.join(fixtures, f)));
  } catch {
    return [];
  }
})();

const work = tempDir('car-fuzz');
afterAll(() => rmSync(work, { recursive: true, force: true }));
let counter = 0;

/** Reads `bytes` as a CAR extracted into a fresh folder under `work`; returns what happened. */
async function readBytes(bytes: Buffer): Promise<{ problems: string[] } | { error: Error }> {
  const dir = path.join(work, String(counter++));
  mkdirSync(dir);
  const file = path.join(dir, 'fuzz_1.0.0.car');
  writeFileSync(file, bytes);
  const extractTo = path.join(dir, 'out');
  try {
    const { scan } = await readCarContents(file, { extractTo });
    return { problems: scan.problems.map((p) => p.message) };
  } catch (e) {
    // A refusal is a HostileCarError or the zip library's plain Error ("end of central
    // directory record signature not found" ...); a TypeError or RangeError would be a bug.
    expect(e instanceof HostileCarError || (e as Error).constructor === Error).toBe(true);
    expect((e as Error).message).toContain(file);
    if (process.env.CAR_FUZZ_LOG) console.log('refused:', (e as Error).message.slice(0, 100));
    return { error: e as Error };
  } finally {
    // Whatever was extracted stays inside the folder given.
    expect(readdirSync(dir).every((n) => n === 'out' || n === 'fuzz_1.0.0.car')).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  }
}

const KINDS = ['synapse/sequence', 'synapse/api', 'synapse/proxy-service', 'synapse/endpoint', 'synapse/local-entry', 'registry/resource', 'synapse/metadata', 'lib/synapse/mediator', 'carbon/application', 'nonsense', ''];
const xmlText = fc.oneof(
  fc.constantFrom('<sequence xmlns="http://ws.apache.org/ns/synapse" name="S"><log/></sequence>', '<api name="A" context="/a"/>', '<broken', '', '\u0000', '<?xml version="1.0"?><x/>', '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'),
  fc.string({ maxLength: 40 }),
);
const artifactDir = fc.record({
  name: fc.constantFrom('S', 'A', 'E', 'x y', 'é', ''),
  version: fc.constantFrom('1.0.0', '', '2'),
  type: fc.constantFrom(...KINDS),
  file: fc.constantFrom('S-1.0.0.xml', 'missing.xml', '', '../up.xml', 'a/b.xml'),
  content: xmlText,
  descriptorBroken: fc.boolean(),
});

/** A CAR's entries: an application descriptor naming some of the artifact folders, and the folders. */
const carEntries = fc.record({ dirs: fc.array(artifactDir, { maxLength: 4 }), appBroken: fc.boolean(), extra: fc.array(fc.record({ name: fc.constantFrom('metadata.xml', 'x/', 'y.txt', 'artifacts.xml', 'a/artifact.xml'), data: xmlText }), { maxLength: 2 }) }).map(({ dirs, appBroken, extra }) => {
  const entries: RawZipEntry[] = [];
  const deps = dirs.map((d) => `<dependency artifact="${d.name}" version="${d.version}" include="true" serverRole="EnterpriseIntegrator"/>`).join('');
  entries.push({ name: 'artifacts.xml', data: Buffer.from(appBroken ? `<artifacts><artifact name="fuzz"${deps}` : `<artifacts><artifact name="fuzz" version="1.0.0" type="carbon/application">${deps}</artifact></artifacts>`) });
  dirs.forEach((d, k) => {
    const folder = `${d.name}_${d.version}_${k}/`;
    const descriptor = `<artifact name="${d.name}" version="${d.version}" type="${d.type}" serverRole="EnterpriseIntegrator"><file>${d.file}</file></artifact>`;
    entries.push({ name: folder }, { name: folder + 'artifact.xml', data: Buffer.from(d.descriptorBroken ? descriptor.slice(0, descriptor.length / 2) : descriptor) });
    if (d.file && !d.file.includes('..')) entries.push({ name: folder + d.file, data: Buffer.from(d.content) });
  });
  for (const e of extra) entries.push(e.name.endsWith('/') ? { name: e.name } : { name: e.name, data: Buffer.from(e.data) });
  return entries;
});

describe('reading CARs under fuzzing', () => {
  it('reads an archive of any entries into a scan that lists the problems, or refuses it with an Error', async () => {
    await fc.assert(
      fc.asyncProperty(carEntries, fc.boolean(), async (entries, deflate) => {
        await readBytes(rawZip(entries.map((e) => ({ ...e, deflate: deflate && e.data !== undefined }))));
      }),
      fuzzParameters(60),
    );
  });

  it.skipIf(realCars.length === 0)('reads or refuses real CARs with bytes changed or cut off, without an uncaught exception', async () => {
    const damage = fc.record({
      car: fc.nat(realCars.length - 1),
      cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 1, max: 255 })), { maxLength: 8 }),
    });
    await fc.assert(
      fc.asyncProperty(damage, async ({ car, cut, flips }) => {
        const bytes = Buffer.from(realCars[car]!);
        for (const [where, xor] of flips) bytes[Math.floor(where * bytes.length)]! ^= xor;
        await readBytes(cut === undefined ? bytes : bytes.subarray(0, Math.floor(cut * bytes.length)));
      }),
      fuzzParameters(80),
    );
  });

  it('refuses bytes that are no zip at all with an Error naming the file', async () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from('PK\u0003\u0004'), Buffer.from('not a zip'), Buffer.alloc(22)]) {
      const outcome = await readBytes(bytes);
      expect('error' in outcome && outcome.error.message).toMatch(/fuzz_1\.0\.0\.car: not a readable CAR \(zip\): /);
    }
  });
});
