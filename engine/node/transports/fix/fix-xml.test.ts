/** MI's FIX XML form: header/body/trailer split and order, escaping, and reading it back from a SOAP body with clear refusals. */
import { describe, expect, it } from 'vitest';
import { fromFixXml, toFixXml } from './fix-xml.js';

describe('FIX XML', () => {
  it('writes header, body and trailer fields in tag order with inSession and counter, escaping values', () => {
    const xml = toFixXml({ fields: [[8, 'FIX.4.0'], [9, '50'], [35, '8'], [49, 'EXEC'], [56, 'SYNAPSE'], [34, '13'], [55, 'AT&T'], [11, '122333'], [10, '160']] }, { inSession: 'FIX.4.0:SYNAPSE->EXEC', counter: 11 });
    expect(xml).toBe(
      '<message inSession="FIX.4.0:SYNAPSE-&gt;EXEC" counter="11"><header><field id="8">FIX.4.0</field><field id="9">50</field><field id="34">13</field><field id="35">8</field><field id="49">EXEC</field><field id="56">SYNAPSE</field></header>' +
        '<body><field id="11">122333</field><field id="55">AT&amp;T</field></body><trailer><field id="10">160</field></trailer></message>',
    );
  });

  it('reads the message from a SOAP body: MsgType first, session-owned tags left to the session', () => {
    const soap = `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><message><header><field id="35">D</field><field id="52">Fri Nov 08 11:04:31 IST 2019</field><field id="8">FIX.4.2</field></header><body><field id="11">122333</field><field id="55">IBM</field></body><trailer/></message></soapenv:Body></soapenv:Envelope>`;
    expect(fromFixXml(soap)).toEqual({ fields: [[35, 'D'], [11, '122333'], [55, 'IBM']], beginString: 'FIX.4.2' });
  });

  it('refuses a payload that is not a FIX message, naming what is wrong', () => {
    expect(() => fromFixXml('<order/>')).toThrow(/no <message> element/);
    expect(() => fromFixXml('<message><header/><body><field id="x">1</field></body></message>')).toThrow(/<body> has a <field> whose id "x" is not a tag number/);
    expect(() => fromFixXml('<message><header/><body><field id="11">1</field></body></message>')).toThrow(/no MsgType field/);
    expect(() => fromFixXml('<message><header>')).toThrow(/not XML/);
  });
});
