import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../project/fixtures/projects.js';
import { HostileCarError, importCar, inspectCar, readCar } from './index.js';
import { rawZip, type RawZipEntry } from './testing/raw-zip.js';
import { writeZip } from './zip.js';

const APP = Buffer.from(
  '<artifacts><artifact name="evil" version="1.0.0" type="carbon/application"><dependency artifact="S" version="1.0.0" include="true" serverRole="EnterpriseIntegrator"/></artifact></artifacts>',
);
const S_DIR: RawZipEntry[] = [
  { name: 'S_1.0.0/' },
  { name: 'S_1.0.0/artifact.xml', data: Buffer.from('<artifact name="S" version="1.0.0" type="synapse/sequence" serverRole="EnterpriseIntegrator"><file>S-1.0.0.xml</file></artifact>') },
  { name: 'S_1.0.0/S-1.0.0.xml', data: Buffer.from('<sequence xmlns="http://ws.apache.org/ns/synapse" name="S"/>') },
];

function hostileCar(entries: RawZipEntry[]): string {
  const file = path.join(tempDir('hostile'), 'evil_1.0.0.car');
  writeFileSync(file, rawZip([{ name: 'artifacts.xml', data: APP }, ...S_DIR, ...entries]));
  return file;
}

/** Import into a fresh folder: it must be refused with the reason, and leave nothing behind. */
async function expectRefusedImport(car: string, reason: RegExp, escapee?: string) {
  const parent = tempDir('target');
  const target = path.join(parent, 'project');
  const error = await importCar(car, target).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HostileCarError);
  expect((error as Error).message).toMatch(reason);
  expect(existsSync(target)).toBe(false);
  expect(readdirSync(parent)).toEqual([]);
  if (escapee) expect(existsSync(escapee)).toBe(false);
  await expect(inspectCar(car)).rejects.toThrow(reason);
}

describe('reading a hostile CAR', () => {
  it('reads a well-formed raw archive (the hostile ones below differ by one entry)', async () => {
    const scan = await readCar(hostileCar([]));
    expect(scan.artifacts.map((a) => a.name)).toEqual(['S']);
  });

  it('refuses a zip-slip path that climbs out with ../', async () => {
    const escapee = path.join(tempDir('slip'), 'pwned.txt');
    const climb = '../'.repeat(12) + escapee.slice(1);
    await expectRefusedImport(hostileCar([{ name: climb, data: Buffer.from('x') }]), /climbs out of the target folder with '\.\.' \(zip-slip\)/, escapee);
  });

  it('refuses a zip-slip path written with backslashes', async () => {
    await expectRefusedImport(hostileCar([{ name: 'S_1.0.0\\..\\..\\evil.txt', data: Buffer.from('x') }]), /zip-slip/);
  });

  it('refuses an absolute path', async () => {
    const escapee = path.join(tempDir('abs'), 'pwned.txt');
    await expectRefusedImport(hostileCar([{ name: escapee, data: Buffer.from('x') }]), /is an absolute path/, escapee);
  });

  it('refuses a symbolic link entry', async () => {
    await expectRefusedImport(hostileCar([{ name: 'S_1.0.0/link', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 }]), /entry "S_1\.0\.0\/link" is a symbolic link/);
  });

  it('refuses an archive that declares more than 100x its size', async () => {
    const car = path.join(tempDir('bomb'), 'bomb_1.0.0.car');
    await writeZip([{ name: 'artifacts.xml', data: APP }, { name: 'zeros.bin', data: Buffer.alloc(20 * 1024 * 1024) }], car);
    await expectRefusedImport(car, /inflates to more than \d+ bytes .*a zip bomb is not extracted/);
  });

  it('refuses an archive whose sizes lie, while inflating', async () => {
    const car = hostileCar([{ name: 'zeros.bin', data: Buffer.alloc(20 * 1024 * 1024), declaredSize: 10, deflate: true }]);
    await expectRefusedImport(car, /inflates to more than/);
  });

  it('honours configured limits: total bytes and expansion ratio', async () => {
    const car = hostileCar([{ name: 'big.txt', data: Buffer.alloc(4000, 'a') }]);
    await expect(readCar(car)).resolves.toBeDefined();
    await expect(readCar(car, { limits: { maxTotalBytes: 2000 } })).rejects.toThrow(/limits: 2000 bytes/);
    await expect(inspectCar(car, { maxExpansionRatio: 0.5 })).rejects.toThrow(/0\.5x the archive size/);
  });

  it.each(['artifacts.xml', 'S_1.0.0/artifact.xml', 'S_1.0.0/registry-info.xml', 'metadata.xml', 'descriptor.xml'])('refuses a DOCTYPE (entity expansion) in %s', async (descriptor) => {
    const laughs =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><artifacts>&lol2;</artifacts>';
    const entries = [{ name: 'artifacts.xml', data: APP }, ...S_DIR].filter((e) => e.name !== descriptor);
    const file = path.join(tempDir('xxe'), 'evil_1.0.0.car');
    writeFileSync(file, rawZip([...entries, { name: descriptor, data: Buffer.from(laughs) }]));
    await expectRefusedImport(file, new RegExp(`descriptor ${descriptor.replace(/\./g, '\\.')} declares a DOCTYPE or ENTITY`));
  });
});
