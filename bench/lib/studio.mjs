// Studio measurements (time to first paint of the browser-mode studio with the sample
// project; canvas render time of a 500-mediator sequence, in Chromium via Playwright).
// The studio is not in this tree yet, so this step reports that it did not measure
// anything rather than producing numbers.
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './targets.mjs';

export function measureStudio() {
  const studioBuilt = ['dist/studio', 'studio/dist'].some((p) => fs.existsSync(path.join(REPO, p)));
  const reason = studioBuilt ? 'the studio measurement step is not written yet' : 'studio not available';
  return `studio time to first paint and 500-mediator canvas render: not measured: ${reason}`;
}
