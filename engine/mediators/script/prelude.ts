/**
 * JavaScript run first in every script sandbox: it builds MI's `mc` object
 * (GraalJS ScriptMessageContext subset) inside the sandbox from the single
 * string-only bridge, then removes the bridge from the global scope so user
 * code can reach the host only through `mc`. Everything the script receives
 * is created in its own realm (JSON parsed there), errors included.
 *
 * Bridge protocol: bridge(op, JSON.stringify(args)) -> '{"ok":true,"v":...}'
 * or '{"ok":false,"e":"message"}' (see bridge.ts).
 */
export const MC_PRELUDE = String.raw`(function (global) {
  'use strict';
  var bridge = global.__mediateBridge;
  delete global.__mediateBridge;
  // Finalizer callbacks would run later, outside the time limit.
  delete global.FinalizationRegistry;
  delete global.WeakRef;
  var parse = JSON.parse, stringify = JSON.stringify, Err = Error, Str = String;
  function call(op, args) {
    var text;
    try {
      text = bridge(op, stringify(args));
    } catch (e) {
      throw new Err('mc.' + op + ' failed');
    }
    var r = parse(Str(text));
    if (!r.ok) throw new Err(r.e);
    return r.v;
  }
  function xmlText(v) {
    if (v !== null && typeof v === 'object' && typeof v.toXMLString === 'function') return Str(v.toXMLString());
    return Str(v);
  }
  function kindOf(v) {
    return v === null ? 'null' : typeof v;
  }
  var mc = {
    getPayloadJSON: function () { return call('getPayloadJSON', []); },
    setPayloadJSON: function (v) { call('setPayloadJSON', [kindOf(v), v]); },
    getPayloadXML: function () { return call('getPayloadXML', []); },
    setPayloadXML: function (v) { call('setPayloadXML', [xmlText(v)]); },
    getPayloadText: function () { return call('getPayloadText', []); },
    getEnvelope: function () { return call('getEnvelopeXML', []); },
    getEnvelopeXML: function () { return call('getEnvelopeXML', []); },
    addHeader: function (mustUnderstand, content) { call('addHeader', [!!mustUnderstand, xmlText(content)]); },
    getProperty: function (name, scope) { return call('getProperty', [Str(name), scope === undefined ? null : Str(scope)]); },
    setProperty: function (name, value, scope) { call('setProperty', [Str(name), kindOf(value), value, scope === undefined ? null : Str(scope)]); },
    removeProperty: function (name, scope) { call('removeProperty', [Str(name), scope === undefined ? null : Str(scope)]); },
    getVariable: function (name) { return call('getVariable', [Str(name)]); },
    setVariable: function (name, value) { call('setVariable', [Str(name), kindOf(value), value]); },
    getMessageID: function () { return call('get', ['MessageID']); },
    getTo: function () { return call('get', ['To']); },
    setTo: function (v) { call('set', ['To', Str(v)]); },
    getSoapAction: function () { return call('get', ['SoapAction']); },
    setSoapAction: function (v) { call('set', ['SoapAction', Str(v)]); },
    getWSAAction: function () { return call('get', ['SoapAction']); },
    setWSAAction: function (v) { call('set', ['SoapAction', Str(v)]); },
    isResponse: function () { return call('get', ['isResponse']); },
    isFaultResponse: function () { return call('get', ['isFault']); },
    isSOAP11: function () { return call('get', ['isSOAP11']); }
  };
  global.mc = mc;
  global.print = function () {
    var parts = [];
    for (var i = 0; i < arguments.length; i++) parts.push(Str(arguments[i]));
    call('print', [parts.join(' ')]);
  };
  global.__mediateCall = function (name) {
    var f = global[name];
    if (typeof f !== 'function') throw new Err('No such function: ' + name);
    return f(mc);
  };
})(this);
`;
