/**
 * Debugging a test run: a debugger (engine createDebugSession, on free ports
 * of 127.0.0.1) attached to the engine the runner deploys the suites on, and
 * the studio's debug service connected to it, so the breakpoints set on the
 * canvas pause a case and the Debug panel inspects and steps it.
 *
 * Breakpoints are resolved against what is deployed, and the runner deploys
 * suite by suite: so before the first step of each suite the debug service
 * (re)connects, which applies every stored breakpoint to what that suite
 * deployed. The first step waits for that, so no breakpoint is missed.
 */
import { createDebugSession, silentLogger, type DebugSession, type RuntimeDebugAttachment } from '../../../engine/index.js';

/** What this needs of the studio's debug service (NodeDebugService). */
export interface DebugClient {
  state(): Promise<{ active: boolean; remote?: unknown }>;
  attach(host: string, commandPort: number, eventPort: number): Promise<unknown>;
  detach(): Promise<unknown>;
  start(): Promise<unknown>;
}

export interface TestDebugRun {
  attachment: RuntimeDebugAttachment;
  /** A suite begins: reconnect before its first step runs. */
  suiteStarted(): void;
  /** Leaves the test engine; a debug session of the project's runtime that was open before is reopened. */
  finish(): Promise<void>;
}

export async function startTestDebugRun(client: DebugClient): Promise<TestDebugRun> {
  const before = await client.state();
  const resumeRuntimeDebugging = before.active && !before.remote;
  const session: DebugSession = await createDebugSession({ commandPort: 0, eventPort: 0, host: '127.0.0.1', logger: silentLogger });
  let connect: Promise<void> | undefined;
  let needsConnect = true;
  const ensureConnected = async () => {
    if (needsConnect) {
      needsConnect = false;
      connect = client.attach('127.0.0.1', session.server.commandPort, session.server.eventPort).then(() => undefined);
    }
    await connect;
  };
  const hook = session.hook;
  const attachment: RuntimeDebugAttachment = {
    hook: {
      async beforeStep(step, ctx) {
        await ensureConnected();
        return hook.beforeStep?.(step, ctx);
      },
      afterStep: hook.afterStep?.bind(hook),
      onFault: hook.onFault?.bind(hook),
    },
    bind: (engine) => session.bind(engine),
    ready: () => session.ready(),
    configurationUpdated: () => {
      session.configurationUpdated();
      needsConnect = true;
    },
    close: async () => undefined, // finish() closes the session: the runner may close its attachment per suite
  };
  return {
    attachment,
    suiteStarted: () => {
      needsConnect = true;
    },
    async finish() {
      await connect?.catch(() => undefined);
      await client.detach().catch(() => undefined);
      await session.close();
      if (resumeRuntimeDebugging) await client.start().catch(() => undefined);
    },
  };
}
