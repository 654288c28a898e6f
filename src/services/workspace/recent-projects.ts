/** The recent-projects list, kept as JSON in the studio's settings folder. */
import { readFile, mkdir } from 'node:fs/promises';
import { writeFileAtomic } from '../../../engine/index.js';
import path from 'node:path';

const MAX_RECENT = 10;

export class RecentProjects {
  constructor(private readonly settingsDir: string) {}

  private get file(): string {
    return path.join(this.settingsDir, 'recent-projects.json');
  }

  async list(): Promise<string[]> {
    try {
      const value: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  }

  async remember(folder: string): Promise<void> {
    const list = [folder, ...(await this.list()).filter((f) => f !== folder)].slice(0, MAX_RECENT);
    await mkdir(this.settingsDir, { recursive: true });
    await writeFileAtomic(this.file, JSON.stringify(list, null, 2) + '\n');
  }
}
