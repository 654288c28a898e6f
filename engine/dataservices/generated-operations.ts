/**
 * Operations and resources MI adds to a data service on its own
 * (DataServiceFactory.populateBatchOperations/Resources): with
 * enableBatchRequests, every operation/resource whose query takes parameters
 * and returns no result (or returns generated keys) gets a `<name>_batch_req`
 * twin that runs it once per entry in one transaction.
 */
import type { DataServiceDef, OperationDef, ResourceDef } from './types.js';

export const BATCH_SUFFIX = '_batch_req';
export const REQUEST_BOX = 'request_box';

/** `POST Employee` → `_postemployee`; `GET Employee/{EmployeeNumber}` → `_getemployee_employeenumber`. */
export function requestNameOf(method: string, path: string): string {
  return `_${method}${path.replace(/^\/+/, '')}`.replace(/[{}]/g, '').replace(/\//g, '_').toLowerCase();
}

export function addGeneratedOperations(service: DataServiceDef): void {
  if (!service.enableBatchRequests) return;
  const batchable = (href: string | undefined) => {
    const q = href ? service.queries.get(href) : undefined;
    return !!q && q.params.length > 0 && (!q.result || q.returnGeneratedKeys);
  };
  const ops: OperationDef[] = [];
  for (const o of service.operations) if (batchable(o.callQuery?.href)) ops.push({ ...o, name: o.name + BATCH_SUFFIX, batchOf: o.name });
  const resources: ResourceDef[] = [];
  for (const r of service.resources) {
    if (!batchable(r.callQuery?.href)) continue;
    // A trailing slash stays after the suffix, as MI builds the path.
    const trailing = r.path.endsWith('/') ? '/' : '';
    const path = r.path.replace(/\/$/, '') + BATCH_SUFFIX + trailing;
    resources.push({ ...r, path, requestName: r.requestName + BATCH_SUFFIX, batchOf: r.requestName });
  }
  service.operations.push(...ops);
  service.resources.push(...resources);
}
