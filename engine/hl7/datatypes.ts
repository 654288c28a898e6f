/**
 * The data types of the fields HAPI's XML encoding names its elements after (`<PID.5><XPN.1>`),
 * for the segments integrations meet most: MSH, MSA, ERR, EVN, PID, PV1, NK1, OBR, OBX. HAPI
 * takes these from its generated structure classes, one package per version
 * (ca.uhn.hl7v2.model.v2x.segment); the table below is written from the HL7 v2 segment
 * definitions per version family. A field not listed is written like a primitive when it
 * has one component, otherwise as a composite whose components are named `<SEG.n.k>`
 * (see xml.ts) — HAPI would use its generic Varies/GenericComposite there.
 */

export type VersionFamily = '2.2' | '2.3' | '2.4' | '2.5' | '2.6';

export function versionFamily(version: string): VersionFamily {
  if (version === '2.1' || version === '2.2') return '2.2';
  if (version === '2.3' || version === '2.3.1') return '2.3';
  if (version === '2.4') return '2.4';
  if (version === '2.5' || version === '2.5.1') return '2.5';
  return '2.6';
}

/** Types HAPI models as primitives (text content, no component elements). TS/TN are primitive only in 2.2. */
const PRIMITIVES = new Set(['ST', 'ID', 'IS', 'SI', 'NM', 'TX', 'FT', 'DT', 'TM', 'DTM', 'GTS', 'SNM', 'Varies']);

export function isPrimitive(type: string, family: VersionFamily): boolean {
  if (family === '2.2' && (type === 'TS' || type === 'TN')) return true;
  return PRIMITIVES.has(type);
}

/** Field types by segment for v2.5 (index 0 = field 1). */
const V25: Record<string, string[]> = {
  MSH: ['ST', 'ST', 'HD', 'HD', 'HD', 'HD', 'TS', 'ST', 'MSG', 'ST', 'PT', 'VID', 'NM', 'ST', 'ID', 'ID', 'ID', 'ID', 'CE', 'ID', 'EI'],
  MSA: ['ID', 'ST', 'ST', 'NM', 'NM', 'CE'],
  ERR: ['ELD', 'ERL', 'CWE', 'ID', 'CWE', 'ST', 'TX', 'TX', 'IS', 'CWE', 'CWE', 'XTN'],
  EVN: ['ID', 'TS', 'TS', 'IS', 'XCN', 'TS', 'HD'],
  PID: ['SI', 'CX', 'CX', 'CX', 'XPN', 'XPN', 'TS', 'IS', 'XPN', 'CE', 'XAD', 'IS', 'XTN', 'XTN', 'CE', 'CE', 'CE', 'CX', 'ST', 'DLN', 'CX', 'CE', 'ST', 'ID', 'NM', 'CE', 'CE', 'CE', 'TS', 'ID', 'ID', 'IS', 'TS', 'HD', 'CE', 'CE', 'ST', 'CE', 'CE'],
  PV1: ['SI', 'IS', 'PL', 'IS', 'CX', 'PL', 'XCN', 'XCN', 'XCN', 'IS', 'PL', 'IS', 'IS', 'IS', 'IS', 'IS', 'XCN', 'IS', 'CX', 'FC'],
  NK1: ['SI', 'XPN', 'CE', 'XAD', 'XTN', 'XTN', 'CE'],
  OBR: ['SI', 'EI', 'EI', 'CE', 'ID', 'TS', 'TS', 'TS', 'CQ', 'XCN', 'ID', 'CE', 'ST', 'TS', 'SPS', 'XCN'],
  OBX: ['SI', 'ID', 'CE', 'ST', 'Varies', 'CE', 'ST', 'IS', 'NM', 'ID', 'ID', 'TS', 'ST', 'TS', 'CE', 'XCN'],
};

/** Where a family differs from v2.5: segment -> field number -> type. */
const DELTAS: Record<VersionFamily, Record<string, Record<number, string>>> = {
  '2.2': {
    MSH: { 3: 'ST', 4: 'ST', 5: 'ST', 6: 'ST', 9: 'CM_MSG', 11: 'ID', 12: 'ID', 19: 'CE', 21: 'ST' },
    ERR: { 1: 'CM_ELD' },
    EVN: { 4: 'ID', 5: 'ST', 7: 'ST' },
    PID: { 2: 'CK', 3: 'CM_PAT_ID', 4: 'ST', 5: 'PN', 6: 'ST', 8: 'ID', 9: 'PN', 10: 'ID', 11: 'AD', 12: 'ID', 13: 'TN', 14: 'TN', 15: 'ST', 16: 'ID', 17: 'ID', 18: 'CK', 20: 'CM_LICENSE_NO', 21: 'CK', 22: 'ID', 26: 'ID', 27: 'ID' },
    PV1: { 2: 'ID', 3: 'CM_INTERNAL_LOCATION', 4: 'ID', 5: 'ST', 6: 'CM_INTERNAL_LOCATION', 7: 'CN', 8: 'CN', 9: 'CN', 10: 'ID', 11: 'CM_INTERNAL_LOCATION', 12: 'ID', 13: 'ID', 14: 'ID', 15: 'ID', 16: 'ID', 17: 'CN', 18: 'ID', 19: 'NM', 20: 'CM_FINANCIAL_CLASS' },
    NK1: { 2: 'PN', 3: 'ID', 4: 'AD', 5: 'TN', 6: 'TN', 7: 'ID' },
    OBR: { 2: 'CM_PLACER', 3: 'CM_FILLER', 9: 'CQ', 10: 'CN', 15: 'CM_SPS', 16: 'CN' },
    OBX: { 3: 'CE', 8: 'ID', 16: 'CN' },
  },
  '2.3': {
    MSH: { 9: 'CM_MSG', 12: 'ID' },
    ERR: { 1: 'CM_ELD' },
    EVN: { 5: 'XCN', 7: 'HD' },
    PID: { 10: 'IS', 16: 'IS', 17: 'IS', 22: 'IS', 26: 'IS', 27: 'CE', 28: 'CE' },
    PV1: { 20: 'FC' },
    OBR: { 2: 'EI', 3: 'EI', 15: 'CM_SPS' },
  },
  '2.4': { MSH: { 12: 'VID' }, ERR: { 1: 'ELD' }, OBR: { 15: 'SPS' } },
  '2.5': {},
  '2.6': {
    MSH: { 7: 'DTM', 19: 'CWE' },
    EVN: { 2: 'DTM', 3: 'DTM', 4: 'IS', 6: 'DTM' },
    PID: { 7: 'DTM', 29: 'DTM', 33: 'DTM' },
    OBR: { 6: 'DTM', 7: 'DTM', 8: 'DTM', 14: 'DTM' },
    OBX: { 12: 'DTM', 14: 'DTM' },
  },
};

/** The field's data type, or undefined when the table does not know it. */
export function fieldType(segment: string, field: number, family: VersionFamily): string | undefined {
  return DELTAS[family][segment]?.[field] ?? V25[segment]?.[field - 1];
}

/**
 * Component types that are themselves composites (their subcomponents get elements of their
 * own): by composite type, component number -> type.
 */
const COMPONENT_COMPOSITES: Record<string, Record<number, string>> = {
  CX: { 4: 'HD', 6: 'HD' },
  PL: { 4: 'HD' },
  EI: {},
  XCN: { 9: 'HD', 14: 'HD' },
  XPN: { 1: 'FN' },
  XAD: { 1: 'SAD' },
  CM_PAT_ID: {},
};

/** A component's type when it is a composite in `family` (FN and SAD exist from 2.4 on; TS in 2.3+ is TS.1). */
export function componentComposite(type: string, component: number, family: VersionFamily): string | undefined {
  const t = COMPONENT_COMPOSITES[type]?.[component];
  if (!t) return undefined;
  if ((t === 'FN' || t === 'SAD') && (family === '2.2' || family === '2.3')) return undefined;
  return t;
}

/** HAPI's message structure for a trigger event when it is shared (ca.uhn.hl7v2 eventmap, v2.3.1 and later): a few common ADT ones. */
const SHARED_STRUCTURES: Record<string, string> = {
  ADT_A04: 'ADT_A01',
  ADT_A08: 'ADT_A01',
  ADT_A13: 'ADT_A01',
  ADT_A14: 'ADT_A05',
  ADT_A28: 'ADT_A05',
  ADT_A31: 'ADT_A05',
  ADT_A07: 'ADT_A06',
  ADT_A10: 'ADT_A09',
  ADT_A11: 'ADT_A09',
  ADT_A22: 'ADT_A21',
  ADT_A23: 'ADT_A21',
  ADT_A25: 'ADT_A21',
  ADT_A26: 'ADT_A21',
  ADT_A27: 'ADT_A21',
  ADT_A29: 'ADT_A21',
  ADT_A32: 'ADT_A21',
  ADT_A33: 'ADT_A21',
};

/** The XML root name: MSH-9-3 when given, else type_trigger (mapped to the shared structure from v2.3.1 on), else the type. */
export function structureName(type: string, trigger: string, structure: string, version: string): string {
  if (structure) return structure;
  if (type === 'ACK') return 'ACK';
  if (!trigger) return type;
  const name = `${type}_${trigger}`;
  const shared = version !== '2.1' && version !== '2.2' && version !== '2.3' ? SHARED_STRUCTURES[name] : undefined;
  return shared ?? name;
}
