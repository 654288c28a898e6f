/** Requests and checks shared by the StockQuoteAPI variants of the REST API examples. */
import { expect } from 'vitest';
import type { CaseRun } from '../../runtime.js';
import { eventually } from '../../common.js';
import { payloadOf, expectQuoteResponse } from '../../xml.js';

export const PLACE_ORDER = '<placeOrder xmlns="http://services.samples"><order><price>50</price><quantity>10</quantity><symbol>IBM</symbol></order></placeOrder>';

export async function expectViewIbm(t: CaseRun, status = 200): Promise<void> {
  const r = await t.request('GET', '/stockquote/view/IBM');
  expect(r.status).toBe(status);
  expectQuoteResponse(payloadOf(r.text), 'IBM');
}

export async function expectOrderAccepted(t: CaseRun): Promise<void> {
  const r = await t.request('POST', '/stockquote/order/', { headers: { 'Content-type': 'application/xml' }, body: PLACE_ORDER });
  expect(r.status).toBe(202);
  await eventually(() => expect(t.backend('quotes').logs).toContainEqual(expect.stringMatching(/Accepted order #1 for : 10 stocks of IBM at \$ 50\.0$/)));
}

/** The reason shared by the GET → SOAP examples (see sequences/multiple-sequences). */
export const GET_TO_SOAP_REASON =
  'a GET into the API: after payloadFactory + Action, the call to the address endpoint goes out as an empty GET without SOAPAction, so the backend cannot answer getQuote; the docs show the getQuote reply (MI sends the built SOAP payload)';

export async function getToSoapStillBroken(t: CaseRun): Promise<void> {
  await t.request('GET', '/stockquote/view/IBM');
  const sent = t.backend('quotes').lastRequests.at(-1);
  expect(sent.method).toBe('GET');
  expect(sent.body).toBe('');
  t.backend('quotes').reset();
}
