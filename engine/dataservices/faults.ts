/**
 * MI's data service fault (DataServiceFault): a code (DATABASE_ERROR,
 * VALIDATION_ERROR, INCOMPATIBLE_PARAMETERS_ERROR, CONNECTION_UNAVAILABLE_ERROR,
 * UNKNOWN_ERROR), the failing request's name, its parameters and the nested
 * exception, written as `<DataServiceFault xmlns="http://ws.wso2.org/dataservice">`
 * with one child per property (SOAP clients get it as a SOAP fault's detail).
 */
import { DS_NAMESPACE, type DataServiceDef } from './types.js';
import { escapeText } from './xml-writer.js';

export type DsFaultCode = 'DATABASE_ERROR' | 'CONNECTION_UNAVAILABLE_ERROR' | 'VALIDATION_ERROR' | 'INCOMPATIBLE_PARAMETERS_ERROR' | 'UNKNOWN_ERROR';

export class DataServiceFault extends Error {
  requestName?: string;
  params?: Record<string, string | null>;
  queryId?: string;

  constructor(
    readonly code: DsFaultCode,
    /** MI's "DS Fault Message" (what failed, e.g. `Error in 'SQLQuery.processPostNormalQuery'`). */
    readonly dsMessage: string | undefined,
    /** The nested exception's text (the database's error, the validator's message). */
    readonly nested?: string,
  ) {
    super(dsMessage ?? nested ?? code);
  }
}

/** The fault's properties in the order we write them (MI's order comes from a hash map). */
function properties(f: DataServiceFault, service: DataServiceDef, location: string): [string, string | [string, string][]][] {
  const out: [string, string | [string, string][]][] = [];
  if (f.params) out.push(['current_params', `{${Object.entries(f.params).map(([k, v]) => `${k}=${v ?? 'null'}`).join(', ')}}`]);
  if (f.requestName) out.push(['current_request_name', f.requestName]);
  if (f.nested) out.push(['nested_exception', f.nested]);
  out.push([
    'source_data_service',
    [
      ['location', location],
      ['default_namespace', service.serviceNamespace],
      ['description', service.description ?? 'N/A'],
      ['data_service_name', service.name],
    ],
  ]);
  out.push(['ds_code', f.code]);
  return out;
}

export function faultElementXml(f: DataServiceFault, service: DataServiceDef, location: string): string {
  const p = 'axis2ns1';
  let s = `<${p}:DataServiceFault xmlns:${p}="${DS_NAMESPACE}">`;
  for (const [k, v] of properties(f, service, location)) {
    if (typeof v === 'string') s += `<${p}:${k}>${escapeText(v)}</${p}:${k}>`;
    else s += `<${p}:${k}>${v.map(([ik, iv]) => `<${p}:${ik}>${escapeText(iv)}</${p}:${ik}>`).join('')}</${p}:${k}>`;
  }
  return s + `</${p}:DataServiceFault>`;
}

export function faultJson(f: DataServiceFault, service: DataServiceDef, location: string): unknown {
  const body: Record<string, unknown> = {};
  for (const [k, v] of properties(f, service, location)) body[k] = typeof v === 'string' ? v : Object.fromEntries(v);
  return { DataServiceFault: body };
}

/** MI's faultstring: the full message of the fault. */
export function faultMessage(f: DataServiceFault, service: DataServiceDef, location: string): string {
  let s = '';
  if (f.dsMessage) s += `DS Fault Message: ${f.dsMessage}\n`;
  s += `DS Code: ${f.code}\n`;
  s += `Source Data Service:-\nName: ${service.name}\nLocation: ${location}\nDescription: ${service.description ?? 'N/A'}\nDefault Namespace: ${service.serviceNamespace}\n`;
  if (f.requestName) s += `Current Request Name: ${f.requestName}\n`;
  if (f.params) s += `Current Params: {${Object.entries(f.params).map(([k, v]) => `${k}=${v ?? 'null'}`).join(', ')}}\n`;
  if (f.nested) s += `Nested Exception:-\n${f.nested}\n`;
  return s;
}
