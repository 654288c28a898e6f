/** Source lines to step paths, and step paths to MI's debug-protocol component objects. */
import { describe, it, expect } from 'vitest';
import { analyseFile, componentOfStepPath, pointAtLine } from './source-map.js';

const SYN = 'xmlns="http://ws.apache.org/ns/synapse"';

describe('source map', () => {
  const api = analyseFile(
    'apis/Orders.xml',
    `<api ${SYN} name="Orders" context="/orders" version="1.0" version-type="context">
  <resource methods="GET POST" uri-template="/{id}">
    <inSequence>
      <filter xpath="$ctx:uri.var.id = '1'">
        <then><log level="custom"><property name="a" value="b"/></log></then>
        <else><drop/></else>
      </filter>
      <respond/>
    </inSequence>
  </resource>
  <resource methods="PUT" url-mapping="/all/*"><inSequence><respond/></inSequence></resource>
</api>`,
  );

  it('gives each mediator line its runtime step path, the innermost one when several start on a line', () => {
    expect(pointAtLine(api.points, 4)?.stepPath).toBe('api:Orders/resource[0]/in/0');
    expect(pointAtLine(api.points, 5)?.stepPath).toBe('api:Orders/resource[0]/in/0/then/0');
    expect(pointAtLine(api.points, 6)?.stepPath).toBe('api:Orders/resource[0]/in/0/else/0');
    expect(pointAtLine(api.points, 8)?.stepPath).toBe('api:Orders/resource[0]/in/1');
    expect(pointAtLine(api.points, 3)).toBeUndefined();
    expect(pointAtLine(api.points, 11)?.stepPath).toBe('api:Orders/resource[1]/in/0');
  });

  it('addresses step paths as MI components: versioned API resources with their mapping and first method, sequences, proxies, templates', () => {
    const tree = (name: string) => (name === 'Orders' ? api.tree : undefined);
    expect(componentOfStepPath('api:Orders/resource[0]/in/0/then/0', tree)).toEqual({
      'mediation-component': 'sequence',
      sequence: { api: { 'api-key': 'Orders:v1.0', resource: { method: 'GET', 'uri-template': '/{id}' }, 'sequence-type': 'api_inseq', 'mediator-position': '0 1 0' } },
    });
    expect(componentOfStepPath('api:Orders/resource[1]/in/0', tree)).toMatchObject({ sequence: { api: { resource: { method: 'PUT', 'url-mapping': '/all/*' } } } });
    expect(componentOfStepPath('sequence:S/2/else/1', tree)).toEqual({ 'mediation-component': 'sequence', sequence: { 'sequence-type': 'named', 'sequence-key': 'S', 'mediator-position': '2 0 1' } });
    expect(componentOfStepPath('proxy:P/out/0', tree)).toEqual({ 'mediation-component': 'sequence', sequence: { proxy: { 'proxy-key': 'P', 'sequence-type': 'proxy_outseq', 'mediator-position': '0' } } });
    expect(componentOfStepPath('template:T/1', tree)).toEqual({ 'mediation-component': 'template', template: { 'template-key': 'T', 'mediator-position': '1' } });
    expect(componentOfStepPath('api:Missing/resource[0]/in/0', tree)).toBeUndefined();
  });
});
