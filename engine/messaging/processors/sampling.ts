/**
 * MI's sampling processor (SamplingService): each run takes up to
 * `concurrency` messages, removes each from the store as soon as it is
 * taken, and injects it into `sequence` without waiting. Nothing is retried:
 * it is a rate limiter, not guaranteed delivery.
 */
import type { CompiledSequence } from '../../model/definition.js';
import { handleFault, runSequence } from '../../runtime/flow.js';
import { restoreContext } from '../stored-message.js';
import { MessageProcessorRunner } from './processor.js';

export class SamplingProcessor extends MessageProcessorRunner {
  protected readonly component = 'SamplingProcessor';
  private readonly inFlight = new Set<Promise<void>>();

  protected async runOnce(): Promise<void> {
    const s = this.config.settings;
    for (let i = 0; i < s.concurrency && this.running; i++) {
      const message = await this.fetchWithRetry();
      if (!message) return;
      const seq = s.sequence ? (this.env.services.lookup('sequence', s.sequence) as CompiledSequence | undefined) : undefined;
      if (!seq) {
        this.log('error', `${this.label}: sequence ${s.sequence ?? ''} is not deployed; the message stays in the store`);
        await this.consumer!.release();
        await this.deactivate(`sequence ${s.sequence ?? ''} is not deployed`);
        return;
      }
      await this.consumer!.ack();
      this.delivered++;
      const ctx = restoreContext(message, this.env.services);
      ctx.flow = { artifact: `sequence:${s.sequence}` };
      const work = (async () => {
        try {
          await runSequence(seq, ctx);
        } catch (e) {
          const fault = (seq.onError ? (this.env.services.lookup('sequence', seq.onError) as CompiledSequence | undefined) : undefined) ?? (this.env.services.lookup('sequence', 'fault') as CompiledSequence);
          await handleFault(e, ctx, fault, `sequence:${s.sequence}`);
        }
      })().catch((e: unknown) => this.log('error', `${this.label}: ${e instanceof Error ? e.message : String(e)}`));
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
    }
  }

  override async stop(): Promise<void> {
    await super.stop();
    await Promise.allSettled([...this.inFlight]);
  }
}
