/**
 * From QuickFIX settings to a FixSession: the session id, HeartBtInt, ResetOnLogon and the
 * message store. FileStorePath (default `fix/data`) is resolved under the project's `.mediate/`
 * when relative, so stores stay beside the project whatever folder the runtime started in;
 * an absolute path is used as written. A store kind other than `file` (MI's `memory`) keeps
 * numbers for this run only.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../../core/logger.js';
import { FileStore } from './file-store.js';
import { FixSession, type FixSessionOptions, type SessionId } from './session.js';
import { intSetting } from './session-config.js';

export interface StoreOptions {
  /** The project's `.mediate` folder (stores of relative FileStorePath live under `<it>/fix`). */
  dataDir: string;
  /** `file` (default) or `memory`. */
  kind?: string;
}

export function idOf(values: Record<string, string>): SessionId {
  return { beginString: values.BeginString!, senderCompId: values.SenderCompID!, targetCompId: values.TargetCompID! };
}

export function openStore(values: Record<string, string>, id: SessionId, store: StoreOptions): FileStore {
  const prefix = `${id.beginString}-${id.senderCompId}-${id.targetCompId}`;
  if (store.kind && store.kind.toLowerCase() !== 'file') return new FileStore(fs.mkdtempSync(path.join(os.tmpdir(), 'mediate-fix-memory-')), prefix);
  const where = values.FileStorePath || 'fix/data';
  const dir = path.isAbsolute(where) ? where : path.join(store.dataDir, 'fix', where);
  return new FileStore(dir, prefix);
}

export function createSession(
  values: Record<string, string>,
  initiator: boolean,
  store: StoreOptions,
  logger: Logger,
  handlers: Pick<FixSessionOptions, 'onApplication' | 'onLogon' | 'onLogout'>,
): FixSession {
  const id = idOf(values);
  return new FixSession({
    id,
    store: openStore(values, id, store),
    logger,
    heartBtInt: intSetting(values, 'HeartBtInt', 30),
    initiator,
    resetOnLogon: /^y/i.test(values.ResetOnLogon ?? ''),
    ...handlers,
  });
}
