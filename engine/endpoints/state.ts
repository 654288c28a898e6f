/**
 * The runtime state of one leaf endpoint, as Synapse's EndpointContext keeps it
 * (reference §5):
 * - ACTIVE: ready.
 * - TIMEOUT: failed with a markForSuspension code (default 101504, 101505);
 *   ready again after retryDelay; after retriesBeforeSuspension such failures
 *   it is SUSPENDED.
 * - SUSPENDED: failed with a suspendOnFailure code (default: any error); not
 *   ready for initialDuration, then lastDuration * progressionFactor on each
 *   further suspension, capped at maximumDuration. A negative initialDuration
 *   (the default) means Synapse's 30 s default suspension.
 * - A success returns it to ACTIVE and resets retries and the progression.
 * Log lines are MI's, component EndpointContext.
 */
import type { Logger } from '../core/logger.js';
import { DEFAULT_TIMEOUT_CODES, type EndpointQos } from './qos.js';

export type EndpointStateName = 'ACTIVE' | 'TIMEOUT' | 'SUSPENDED';

/** Synapse's DEFAULT_ENDPOINT_SUSPEND_TIME. */
export const DEFAULT_SUSPEND_MS = 30000;

export class EndpointState {
  state: EndpointStateName = 'ACTIVE';
  private nextRetryTime = -1;
  private remainingRetries = -1;
  private lastSuspendDuration = -1;

  /**
   * @param name endpoint name for logs (`AnonymousEndpoint` when unnamed)
   * @param address the address printed after the name (` with address ...`), if any
   */
  constructor(
    private readonly qos: EndpointQos,
    readonly name: string,
    private readonly address: string | undefined,
    private readonly logger: () => Logger,
    private readonly now: () => number = Date.now,
  ) {}

  private get label(): string {
    return `${this.name}${this.address ? ` with address ${maskPassword(this.address)}` : ' '}`;
  }

  private log(level: 'info' | 'warn', message: string): void {
    this.logger().log(level, message, { component: 'EndpointContext', endpoint: this.name });
  }

  /** `[ Name : X ] [ State : Y ]`, as EndpointContext.toString prints it. */
  toString(): string {
    return `[ Name : ${this.name} ] [ State : ${this.state} ]`;
  }

  /** ACTIVE, or TIMEOUT/SUSPENDED whose retry time has come (the state changes only on the outcome). */
  readyToSend(): boolean {
    if (this.state === 'ACTIVE') return true;
    return this.now() >= this.nextRetryTime;
  }

  onSuccess(): void {
    if (this.state !== 'ACTIVE') {
      this.log('info', `Endpoint : ${this.label} currently ${this.state} will now be marked active since it processed its last message`);
      this.setActive();
    }
  }

  /** A send failed with `code`: AddressEndpoint.onFault's choice between timeout, suspension and ignoring it. */
  onError(code: number): void {
    if (this.isTimeoutCode(code)) this.onTimeout();
    else if (this.isSuspendCode(code)) this.onFault();
  }

  isTimeoutCode(code: number): boolean {
    return (this.qos.markErrorCodes.length ? this.qos.markErrorCodes : DEFAULT_TIMEOUT_CODES).includes(code);
  }

  isSuspendCode(code: number): boolean {
    return this.qos.suspendErrorCodes.length === 0 || this.qos.suspendErrorCodes.includes(code);
  }

  private setActive(): void {
    this.state = 'ACTIVE';
    this.remainingRetries = this.qos.retriesBeforeSuspension;
    this.lastSuspendDuration = -1;
  }

  private onTimeout(): void {
    this.state = 'TIMEOUT';
    const retries = this.remainingRetries === -1 ? this.qos.retriesBeforeSuspension : this.remainingRetries;
    if (retries <= 0) {
      this.log('info', `Endpoint : ${this.label} has been marked for SUSPENSION, but no further retries remain. Thus it will be SUSPENDED.`);
      this.suspend();
      return;
    }
    this.remainingRetries = retries - 1;
    this.nextRetryTime = this.now() + this.qos.retryDelayMs;
    this.log('warn', `Endpoint : ${this.label} is marked as TIMEOUT and will be retried : ${this.remainingRetries} more time/s after : ${javaDate(this.nextRetryTime)} until its marked SUSPENDED for failure`);
  }

  private onFault(): void {
    this.log('warn', `Endpoint : ${this.label} will be marked SUSPENDED as it failed`);
    this.suspend();
  }

  private suspend(): void {
    this.state = 'SUSPENDED';
    const notYetSuspended = this.lastSuspendDuration <= 0;
    const last = notYetSuspended ? this.qos.initialDurationMs : this.lastSuspendDuration;
    let next = notYetSuspended ? this.qos.initialDurationMs : Math.trunc(last * this.qos.progressionFactor);
    if (next > this.qos.maximumDurationMs) next = this.qos.maximumDurationMs;
    else if (next < 0) next = DEFAULT_SUSPEND_MS;
    this.lastSuspendDuration = next;
    this.nextRetryTime = this.now() + next;
    this.log('warn', `Suspending endpoint : ${this.label}${notYetSuspended ? ' -' : ` - last suspend duration was : ${last}ms and`} current suspend duration is : ${next}ms - Next retry after : ${javaDate(this.nextRetryTime)}`);
  }
}

/** `user:password@` in a URL shown as `user:****@`, as MessageHelper.maskURLPassword does. */
function maskPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]+:)[^@/]*@/i, '$1****@');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** java.util.Date#toString in UTC: `Tue Oct 29 13:38:24 UTC 2019`. */
export function javaDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
