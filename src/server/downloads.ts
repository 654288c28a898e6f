/**
 * Downloads of files the backend wrote for the user (an exported CAR), by the
 * random id the export service gave it: `/download/ID/NAME.car`. Nothing else
 * on disk is reachable this way. The caller has already checked the token.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import type { StudioBackend } from '../services/index.js';

export const DOWNLOAD_PREFIX = '/download/';

export async function serveDownload(backend: StudioBackend, urlPath: string, res: ServerResponse, headOnly: boolean): Promise<void> {
  const id = urlPath.slice(DOWNLOAD_PREFIX.length).split('/')[0] ?? '';
  const file = backend.exporter.downloadFile(id);
  const info = file ? await stat(file).catch(() => undefined) : undefined;
  if (!file || !info?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    res.end('Not found\n');
    return;
  }
  const name = path.basename(file).replace(/[^\w.+-]/g, '_');
  res.writeHead(200, {
    'Content-Type': 'application/zip',
    'Content-Length': String(info.size),
    'Content-Disposition': `attachment; filename="${name}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  if (headOnly) {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
