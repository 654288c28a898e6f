import { describe, expect, it } from 'vitest';
import { XsltError } from '../../mediators/xslt/processor.js';
import { saxonXsltProcessor } from './saxon-xslt.js';

const STYLESHEET = {
  name: 'greeting.xsl',
  text: `<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:param name="greeting"/>
  <xsl:template match="/">
    <xsl:if test="/person/@fail = 'yes'"><xsl:message terminate="yes">refused <xsl:value-of select="/person/name"/></xsl:message></xsl:if>
    <hello count="{count(//*)}"><xsl:value-of select="concat($greeting, ' ', /person/name)"/></hello>
  </xsl:template>
</xsl:stylesheet>`,
};

function run(name: string, greeting: string, fail = 'no') {
  return saxonXsltProcessor.transform({
    stylesheet: STYLESHEET,
    source: `<person fail="${fail}"><name>${name}</name></person>`,
    params: [['greeting', greeting]],
    resources: [],
  });
}

// The first call compiles the stylesheet; later calls reuse the compiled package. Each call must
// still see its own source and parameters, and a run-time error must still be an XsltError.
describe('SaxonJS XSLT processor, repeated calls with one stylesheet', () => {
  it('applies each call its own source and parameters', async () => {
    expect(await run('Ada', 'Hello')).toBe('<hello count="2">Hello Ada</hello>');
    expect(await run('Grace', 'Hi')).toBe('<hello count="2">Hi Grace</hello>');
    expect(await run('Linus', 'Hey')).toBe('<hello count="2">Hey Linus</hello>');
  });

  it('reports a terminating message as an XsltError on a reused stylesheet', async () => {
    await run('Ada', 'Hello');
    const failure = await run('Mallory', 'Hello', 'yes').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(XsltError);
    expect((failure as XsltError).message).toContain('refused Mallory');
    expect(await run('Ada', 'Again')).toBe('<hello count="2">Again Ada</hello>');
  });
});
