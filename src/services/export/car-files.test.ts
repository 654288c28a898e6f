import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeZip } from '../../../engine/node/car/zip.js';
import { startHarness, type Harness } from '../test-helpers.js';

const fixtures = path.resolve(import.meta.dirname, '../../../../shared/fixtures/car');

describe('opening and inspecting CAR files over the in-memory transport', () => {
  let h: Harness;
  let folder: string;
  beforeAll(async () => {
    h = await startHarness();
    folder = mkdtempSync(path.join(os.tmpdir(), 'mediate-car-files-'));
  });
  afterAll(async () => {
    await h?.cleanup();
  });

  it('inspects a CAR: application, artifacts with type/version/serverRole, and MI problems', async () => {
    const report = await h.client.service('export').inspectCar(path.join(fixtures, 'invalidCompositeApplication_1.0.0.car'));
    expect(report).toMatchObject({ name: 'testSwaggerCompositeApplication', entryCount: 4, version: '1.0.0' });
    expect(report.artifacts).toEqual([{ name: 'testCapp', type: 'synapse/api', version: '1.0.0', serverRole: 'EnterpriseServiceBus', deployed: true }]);
    expect(report.issues).toEqual([{ severity: 'error', message: expect.stringMatching(/testCapp-1\.0\.0\.xml: synapse\/api testCapp is not well-formed XML/) }]);
  });

  it('imports a CAR beside itself into a folder named after the application, then into a free name', async () => {
    const car = path.join(folder, 'hello.car');
    copyFileSync(path.join(fixtures, 'hello-worldCompositeExporter_1.0.0.car'), car);
    const first = await h.client.service('export').importCar(car);
    expect(first.dir).toBe(path.join(folder, 'hello-worldCompositeExporter'));
    expect(existsSync(path.join(first.dir, 'pom.xml'))).toBe(true);
    const second = await h.client.service('export').importCar(car);
    expect(second.dir).toBe(path.join(folder, 'hello-worldCompositeExporter-2'));
    const opened = await h.client.service('workspace').openFolder(second.dir);
    expect(opened.root).toBe(second.dir);
    const names = (await h.client.service('workspace').listArtifacts()).flatMap((g) => g.items.map((a) => a.name));
    expect(names).toContain('HelloWorld');
  });

  it('refuses relative paths, other files and hostile archives, with codes', async () => {
    const service = h.client.service('export');
    await expect(service.inspectCar('x.car')).rejects.toMatchObject({ code: 'BAD_PATH' });
    await expect(service.inspectCar(path.join(folder, 'missing.car'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const bomb = path.join(folder, 'bomb.car');
    await writeZip([{ name: 'big.bin', data: Buffer.alloc(5_000_000) }], bomb);
    const before = readdirSync(folder).sort();
    await expect(service.importCar(bomb)).rejects.toMatchObject({ code: 'HOSTILE_CAR', message: expect.stringMatching(/zip bomb/) });
    expect(readdirSync(folder).sort()).toEqual(before);
  });
});
