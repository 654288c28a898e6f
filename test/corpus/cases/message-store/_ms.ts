/** Shared by the message-store cases: the documented getQuote request and waiting on the store and the stand-in. */
import { expect } from 'vitest';
import type { CaseRun } from '../../runtime.js';
import { soap11, getQuote } from '../../xml.js';

export const sendGetQuote = (t: CaseRun, service: string, symbol = 'IBM') =>
  t.request('POST', `/services/${service}`, { headers: { 'Content-Type': 'text/xml;charset=UTF-8', SOAPAction: '"urn:getQuote"' }, body: soap11(getQuote(symbol)) });

export async function until(what: string, check: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export const quotesGenerated = (t: CaseRun, symbol = 'IBM') => t.backend('quotes').logs.filter((l) => l.endsWith(`Generating quote for : ${symbol}`)).length;

export async function expectAccepted(t: CaseRun, service: string, symbol = 'IBM'): Promise<void> {
  const r = await sendGetQuote(t, service, symbol);
  expect(r.status).toBe(202);
  expect(r.text).toBe('');
}
