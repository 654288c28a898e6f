/**
 * The endpoint state machine (reference §5): ACTIVE, TIMEOUT (marked for
 * suspension, retried) and SUSPENDED (for a growing duration).
 * - An error whose code is in markForSuspension/errorCodes moves the endpoint
 *   to TIMEOUT; after retriesBeforeSuspension more such errors it is suspended.
 * - Any other error in suspendOnFailure/errorCodes (all errors when the list is
 *   absent) suspends it for initialDuration, multiplied by progressionFactor on
 *   each consecutive suspension, capped at maximumDuration. An initialDuration
 *   below zero (the default) means it is not suspended.
 * - A success returns it to ACTIVE and resets the progression.
 */
import type { Logger } from '../core/logger.js';
import type { EndpointQos } from './qos.js';

export type EndpointStateName = 'ACTIVE' | 'TIMEOUT' | 'SUSPENDED';

export class EndpointState {
  state: EndpointStateName = 'ACTIVE';
  private suspendedUntil = 0;
  private consecutiveSuspensions = 0;
  private remainingRetries: number;

  constructor(
    private readonly qos: EndpointQos,
    private readonly describe: string,
    private readonly logger: () => Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.remainingRetries = qos.retriesBeforeSuspension;
  }

  /** False while suspended (callers fail fast with 303001). */
  isReady(): boolean {
    if (this.state !== 'SUSPENDED') return true;
    if (this.now() >= this.suspendedUntil) return true; // eligible for a retry after the suspension ends
    return false;
  }

  onSuccess(): void {
    if (this.state !== 'ACTIVE') this.logger().log('info', `Endpoint : ${this.describe} currently ${this.state} will now be marked active since it processed its last message`, { component: 'EndpointContext' });
    this.state = 'ACTIVE';
    this.consecutiveSuspensions = 0;
    this.remainingRetries = this.qos.retriesBeforeSuspension;
  }

  onFault(code: number): void {
    if (this.qos.markErrorCodes.includes(code)) {
      if (this.state === 'ACTIVE' || this.state === 'TIMEOUT') {
        if (this.remainingRetries <= 0 && this.state === 'TIMEOUT') return this.suspend(code);
        if (this.state === 'ACTIVE' && this.qos.retriesBeforeSuspension <= 0) {
          this.state = 'TIMEOUT';
          this.logger().log('warn', `Endpoint : ${this.describe} will be marked SUSPENDED as it failed with error code ${code}`, { component: 'EndpointContext' });
          return this.suspend(code);
        }
        if (this.state === 'TIMEOUT') this.remainingRetries--;
        this.state = 'TIMEOUT';
        this.logger().log('warn', `Endpoint : ${this.describe} is marked as TIMEOUT and will be retried : ${this.remainingRetries} more time/s after : ${new Date(this.now() + this.qos.retryDelayMs).toISOString()} until its marked SUSPENDED for failure`, { component: 'EndpointContext' });
        if (this.remainingRetries <= 0) return this.suspend(code);
      }
      return;
    }
    const suspendCodes = this.qos.suspendErrorCodes;
    if (suspendCodes && !suspendCodes.includes(code)) return;
    this.suspend(code);
  }

  private suspend(code: number): void {
    if (this.qos.initialDurationMs < 0) {
      this.state = 'ACTIVE';
      this.remainingRetries = this.qos.retriesBeforeSuspension;
      return;
    }
    this.consecutiveSuspensions++;
    const duration = Math.min(this.qos.initialDurationMs * Math.pow(this.qos.progressionFactor, this.consecutiveSuspensions - 1), this.qos.maximumDurationMs);
    this.state = 'SUSPENDED';
    this.suspendedUntil = this.now() + duration;
    this.remainingRetries = this.qos.retriesBeforeSuspension;
    this.logger().log('warn', `Suspending endpoint : ${this.describe} with error code ${code} - last suspend duration was : ${duration}ms and current suspend duration is : ${duration}ms - Next retry after : ${new Date(this.suspendedUntil).toISOString()}`, { component: 'EndpointContext' });
  }
}
