// WSDL 1.1 served at `/services/SimpleStockQuoteService?wsdl`. Written for this
// stand-in: same contract, binding and port names as the WSDL Axis2 generates
// for the sample service (…Soap11Binding / …HttpSoap11Endpoint etc.).
import { escapeAttr } from './xml-lite.mjs';

/** Operations with their input element and, for in-out ones, output element. */
const OPERATIONS = [
  { name: 'getQuote', output: 'getQuoteResponse' },
  { name: 'getSimpleQuote', output: 'getSimpleQuoteResponse' },
  { name: 'getFullQuote', output: 'getFullQuoteResponse' },
  { name: 'getMarketActivity', output: 'getMarketActivityResponse' },
  { name: 'placeOrder', output: null },
];

const QUOTE_FIELDS = [
  ['change', 'xs:double'], ['earnings', 'xs:double'], ['high', 'xs:double'], ['last', 'xs:double'],
  ['lastTradeTimestamp', 'xs:string'], ['low', 'xs:double'], ['marketCap', 'xs:double'], ['name', 'xs:string'],
  ['open', 'xs:double'], ['peRatio', 'xs:double'], ['percentageChange', 'xs:double'], ['prevClose', 'xs:double'],
  ['symbol', 'xs:string'], ['volume', 'xs:int'],
];

/** Optional, nillable elements in order. @param {string[][]} fields */
const sequence = (fields) =>
  `<xs:sequence>${fields.map(([n, t]) => `<xs:element minOccurs="0" name="${n}" nillable="true" type="${t}"/>`).join('')}</xs:sequence>`;

/**
 * @param {string} baseUrl  e.g. http://localhost:9000 (taken from the request's Host)
 * @returns {string}
 */
export function simpleStockQuoteWsdl(baseUrl) {
  const service = 'SimpleStockQuoteService';
  const address = (/** @type {string} */ port) => escapeAttr(`${baseUrl}/services/${service}.${port}/`);
  const beanTypes =
    `<xs:complexType name="GetQuote">${sequence([['symbol', 'xs:string']])}</xs:complexType>` +
    `<xs:complexType name="GetQuoteResponse">${sequence(QUOTE_FIELDS)}</xs:complexType>` +
    `<xs:complexType name="GetFullQuote">${sequence([['symbol', 'xs:string']])}</xs:complexType>` +
    `<xs:complexType name="TradingDay"><xs:sequence><xs:element minOccurs="0" name="day" type="xs:int"/>` +
    `<xs:element minOccurs="0" name="quote" nillable="true" type="ax21:GetQuoteResponse"/></xs:sequence></xs:complexType>` +
    `<xs:complexType name="GetFullQuoteResponse"><xs:sequence><xs:element maxOccurs="unbounded" minOccurs="0" name="tradeHistory" nillable="true" type="ax21:TradingDay"/></xs:sequence></xs:complexType>` +
    `<xs:complexType name="GetMarketActivity"><xs:sequence><xs:element maxOccurs="unbounded" minOccurs="0" name="symbols" nillable="true" type="xs:string"/></xs:sequence></xs:complexType>` +
    `<xs:complexType name="GetMarketActivityResponse"><xs:sequence><xs:element maxOccurs="unbounded" minOccurs="0" name="quotes" nillable="true" type="ax21:GetQuoteResponse"/></xs:sequence></xs:complexType>` +
    `<xs:complexType name="PlaceOrder"><xs:sequence><xs:element minOccurs="0" name="price" type="xs:double"/>` +
    `<xs:element minOccurs="0" name="quantity" type="xs:int"/><xs:element minOccurs="0" name="symbol" nillable="true" type="xs:string"/></xs:sequence></xs:complexType>`;

  /** @param {string} name @param {string} childName @param {string} type */
  const wrapper = (name, childName, type) =>
    `<xs:element name="${name}"><xs:complexType><xs:sequence><xs:element minOccurs="0" name="${childName}" nillable="true" type="${type}"/></xs:sequence></xs:complexType></xs:element>`;
  const wrappers =
    wrapper('getQuote', 'request', 'ax21:GetQuote') +
    wrapper('getQuoteResponse', 'return', 'ax21:GetQuoteResponse') +
    wrapper('getSimpleQuote', 'symbol', 'xs:string') +
    wrapper('getSimpleQuoteResponse', 'return', 'ax21:GetQuoteResponse') +
    wrapper('getFullQuote', 'request', 'ax21:GetFullQuote') +
    wrapper('getFullQuoteResponse', 'return', 'ax21:GetFullQuoteResponse') +
    wrapper('getMarketActivity', 'request', 'ax21:GetMarketActivity') +
    wrapper('getMarketActivityResponse', 'return', 'ax21:GetMarketActivityResponse') +
    wrapper('placeOrder', 'order', 'ax21:PlaceOrder');

  const messages = OPERATIONS.map(({ name, output }) =>
    `<wsdl:message name="${name}Request"><wsdl:part name="parameters" element="ns:${name}"/></wsdl:message>` +
    (output ? `<wsdl:message name="${name}Response"><wsdl:part name="parameters" element="ns:${output}"/></wsdl:message>` : ''),
  ).join('');

  const portType = `<wsdl:portType name="${service}PortType">${OPERATIONS.map(({ name, output }) =>
    `<wsdl:operation name="${name}"><wsdl:input message="ns:${name}Request" wsaw:Action="urn:${name}"/>` +
    (output ? `<wsdl:output message="ns:${name}Response" wsaw:Action="urn:${name}Response"/>` : '') +
    '</wsdl:operation>').join('')}</wsdl:portType>`;

  /** @param {'soap' | 'soap12'} prefix */
  const soapBinding = (prefix) => {
    const name = prefix === 'soap' ? 'Soap11' : 'Soap12';
    return `<wsdl:binding name="${service}${name}Binding" type="ns:${service}PortType">` +
      `<${prefix}:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>` +
      OPERATIONS.map(({ name: op, output }) =>
        `<wsdl:operation name="${op}"><${prefix}:operation soapAction="urn:${op}" style="document"/>` +
        `<wsdl:input><${prefix}:body use="literal"/></wsdl:input>` +
        (output ? `<wsdl:output><${prefix}:body use="literal"/></wsdl:output>` : '') +
        '</wsdl:operation>').join('') +
      '</wsdl:binding>';
  };
  const httpBinding = `<wsdl:binding name="${service}HttpBinding" type="ns:${service}PortType">` +
    '<http:binding verb="POST"/>' +
    OPERATIONS.map(({ name: op, output }) =>
      `<wsdl:operation name="${op}"><http:operation location="${op}"/>` +
      '<wsdl:input><mime:content type="application/xml" part="parameters"/></wsdl:input>' +
      (output ? '<wsdl:output><mime:content type="application/xml" part="parameters"/></wsdl:output>' : '') +
      '</wsdl:operation>').join('') +
    '</wsdl:binding>';

  return "<?xml version='1.0' encoding='UTF-8'?>" +
    '<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:ns="http://services.samples"' +
    ' xmlns:ax21="http://services.samples/xsd" xmlns:xs="http://www.w3.org/2001/XMLSchema"' +
    ' xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"' +
    ' xmlns:http="http://schemas.xmlsoap.org/wsdl/http/" xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/"' +
    ' xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl" targetNamespace="http://services.samples">' +
    `<wsdl:documentation>${service}</wsdl:documentation>` +
    '<wsdl:types>' +
    `<xs:schema attributeFormDefault="qualified" elementFormDefault="qualified" targetNamespace="http://services.samples/xsd">${beanTypes}</xs:schema>` +
    '<xs:schema attributeFormDefault="qualified" elementFormDefault="qualified" targetNamespace="http://services.samples">' +
    `<xs:import namespace="http://services.samples/xsd"/>${wrappers}</xs:schema>` +
    '</wsdl:types>' +
    messages + portType + soapBinding('soap') + soapBinding('soap12') + httpBinding +
    `<wsdl:service name="${service}">` +
    `<wsdl:port name="${service}HttpSoap11Endpoint" binding="ns:${service}Soap11Binding"><soap:address location="${address(`${service}HttpSoap11Endpoint`)}"/></wsdl:port>` +
    `<wsdl:port name="${service}HttpSoap12Endpoint" binding="ns:${service}Soap12Binding"><soap12:address location="${address(`${service}HttpSoap12Endpoint`)}"/></wsdl:port>` +
    `<wsdl:port name="${service}HttpEndpoint" binding="ns:${service}HttpBinding"><http:address location="${address(`${service}HttpEndpoint`)}"/></wsdl:port>` +
    '</wsdl:service></wsdl:definitions>';
}
