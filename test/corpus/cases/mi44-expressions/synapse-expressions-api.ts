import { expect } from 'vitest';
import { defineCase } from '../../case.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export default defineCase({
  id: 'mi44-expressions/synapse-expressions-api',
  title: 'MI 4.4 Synapse expressions: variables and a templated log message',
  status: 'pass',
  docsWrong: ['the printed log has a lowercase "we found 2 expensive book(s)" although the template says "We found"; we expect the template\'s text', 'booksOnCategory ends with an extra `}`, which MI tolerates'],
  artifacts: [{ file: 'api_SynapseExpressionTestAPI.xml' }],
  async run(t) {
    await t.request('POST', '/test/john?age=3&category=fiction', { headers: { 'Content-Type': 'application/json' }, body: t.corpusFile('request.json') });
    const record = await t.waitForLog(/Today is/);
    const message = t.records().find((r) => r.message.includes('Today is'))!.message;
    const now = new Date();
    const today = `${now.getFullYear()}-${MONTHS[now.getMonth()]}-${String(now.getDate()).padStart(2, '0')}`;
    expect(record).toContain('{api:SynapseExpressionTestAPI}');
    expect(message.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual([
      `Today is ${today}`,
      'Hello "john", you are not eligible to vote.',
      'We found 4 book(s) on your favourite category "fiction".',
      '["Moby Dick","The Lord of the Rings","To Kill a Mockingbird","Animal Farm"]',
      'We found 2 expensive book(s) according to your margin',
      '["The Lord of the Rings","To Kill a Mockingbird"]',
    ]);
  },
});
