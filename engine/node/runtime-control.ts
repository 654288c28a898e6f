/**
 * The runtime's side of the studio's control channel (Node IPC when the studio forks
 * `mediate run`): it reports the inbound endpoints, tasks and polling proxies with their state
 * whenever one changes, and carries out the studio's requests (run a task now, drop a file for a
 * file endpoint, send a test mail to a mail listener). Messages are JSON:
 *   child -> studio  { type: 'mediate.items', items }  and  { type: 'mediate.reply', id, error? }
 *   studio -> child  { type: 'mediate.request', id, op: 'runNow' | 'dropFile' | 'sendMail', artifact, ... }
 */
import type { ActiveArtifacts, ActiveItemStatus } from '../inbound/lifecycle.js';

export interface ControlRequest {
  type: 'mediate.request';
  id: number;
  op: 'runNow' | 'dropFile' | 'sendMail' | 'items';
  artifact?: string;
  name?: string;
  /** base64 */
  content?: string;
  subject?: string;
  text?: string;
  from?: string;
}

export type ControlMessage = { type: 'mediate.items'; items: ActiveItemStatus[] } | { type: 'mediate.reply'; id: number; error?: string };

export function attachRuntimeControl(active: ActiveArtifacts, channel: { send(m: ControlMessage): void; on(event: 'message', l: (m: unknown) => void): void }): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const publish = () => {
    clearTimeout(timer);
    // Coalesce bursts (a poll sets several fields) into one message.
    timer = setTimeout(() => channel.send({ type: 'mediate.items', items: active.statuses() }), 20);
    timer.unref?.();
  };
  const unsubscribe = active.onChange(publish);
  publish();
  channel.on('message', (raw) => {
    const m = raw as ControlRequest;
    if (!m || m.type !== 'mediate.request') return;
    void handle(active, m).then(
      () => channel.send({ type: 'mediate.reply', id: m.id }),
      (e) => channel.send({ type: 'mediate.reply', id: m.id, error: e instanceof Error ? e.message : String(e) }),
    );
  });
  return () => {
    unsubscribe();
    clearTimeout(timer);
  };
}

async function handle(active: ActiveArtifacts, m: ControlRequest): Promise<void> {
  switch (m.op) {
    case 'items':
      return;
    case 'runNow':
      return active.runNow(m.artifact ?? '');
    case 'dropFile':
      return active.dropFile(m.artifact ?? '', m.name ?? '', Buffer.from(m.content ?? '', 'base64'));
    case 'sendMail':
      return active.sendMail(m.artifact ?? '', { subject: m.subject ?? '', text: m.text ?? '', from: m.from });
    default:
      throw new Error(`unknown request ${String((m as { op: unknown }).op)}`);
  }
}
