import { expect } from 'vitest';
import { defineCase, replace } from '../../case.js';
import { eventually } from '../../common.js';

export default defineCase({
  id: 'tutorials/scheduled-task-tutorial',
  title: 'Tutorial: a scheduled task (MessageInjector) injects an XML message into a sequence every interval',
  status: 'pass',
  deviates: ['interval 5 s is shortened to 1 s (the smallest whole number of seconds) so three runs take about 2 s'],
  artifacts: [{ file: 'task_InjectXMLTask.xml', edits: [replace('interval="5"', 'interval="1"')] }, { file: 'sequence_InjectXMLSequence.xml' }],
  async run(t) {
    const cityLines = () => t.logs().filter((l) => /\{LogMediator\} .*City = London$/.test(l));
    await eventually(() => expect(cityLines().length).toBeGreaterThanOrEqual(3), 4000);
    // The custom log prints only the property: nothing else comes out of the sequence.
    for (const l of cityLines()) expect(l).toMatch(/ City = London$/);
  },
});
