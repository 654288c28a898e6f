/** Core mediators (palette group "core"; makefault is drawn under transformation but registered here). */
import type { MediatorDefinition } from '../model/definition.js';
import { logMediator } from './log/index.js';
import { propertyMediator } from './property/index.js';
import { respondMediator } from './respond/index.js';
import { dropMediator } from './drop/index.js';
import { sequenceMediator } from './sequence/index.js';
import { callMediator } from './call/index.js';
import { propertyGroupMediator } from './property-group/index.js';
import { variableMediator } from './variable/index.js';
import { headerMediator } from './header/index.js';
import { loopbackMediator } from './loopback/index.js';
import { sendMediator } from './send/index.js';
import { makefaultMediator } from './makefault/index.js';
import { throwErrorMediator } from './throw-error/index.js';
import { storeMediator } from './store/index.js';

export const coreMediators: MediatorDefinition[] = [
  logMediator,
  propertyMediator,
  propertyGroupMediator,
  variableMediator,
  respondMediator,
  dropMediator,
  sequenceMediator,
  callMediator,
  sendMediator,
  loopbackMediator,
  headerMediator,
  makefaultMediator,
  throwErrorMediator,
  storeMediator,
];
