/**
 * The engine's one public entry (DESIGN §2): hosts (CLI, studio services,
 * tests) import from here only.
 */
export { Engine, type EngineOptions, type InboundRequest, type RegistryProvider } from './runtime/engine.js';
export type { DeployResult, SourceFile } from './runtime/deployment.js';
export type { EngineResponse } from './runtime/responses.js';
export { compileArtifactText, type CompiledFile } from './runtime/compiler.js';
export { IncrementalXmlParser } from './xml/reparse.js';
export { formatDiagnostic, MediationFault, type ConfigDiagnostic, type Severity } from './core/errors.js';
export { HeaderMap } from './core/headers.js';
export { Message } from './core/message.js';
export { MemoryLogger, silentLogger, type Logger, type LogLevel, type LogRecord } from './core/logger.js';
export type { FlowHooks, Step } from './core/step.js';
export { mediatorDefinitions } from './mediators/index.js';
export { endpointDefinitions } from './endpoints/index.js';
export { artifactDefinitions } from './artifacts/index.js';
export { startRuntimeHost, DEFAULT_MAX_BODY_BYTES, type RuntimeHost, type RuntimeHostOptions, type RuntimeDebugAttachment } from './node/runtime-host.js';
export { attachRuntimeControl, type ControlMessage, type ControlRequest } from './node/runtime-control.js';
export type { ActiveItemStatus } from './inbound/lifecycle.js';
export { inboundDescriptors } from './inbound/catalog.js';
export { Debugger, engineConfigView, pointOfStepPath, eventPointOf, propertiesOf, propertyOf, setPropertyOf, clearPropertyOf, variablesOf, envelopeText, type DebugEvent, type DebuggerOptions, type PausedMessage, type ResumeMode, type PointKind, type BreakpointInfo, type MessageTrace, type TraceStep, type PayloadSnapshot, type PropertyChange, type FlowPoint } from './debug/index.js';
export { createDebugSession, startDebugServer, DEFAULT_COMMAND_PORT, DEFAULT_EVENT_PORT, type DebugSession, type DebugSessionOptions, type DebugServer } from './node/debug/index.js';
export { createMiLogger, formatMiLine } from './node/mi-log.js';
export { createNodeHttpClient } from './node/http-client.js';
export { scanProject, detectLayout, type ProjectScan, type ProjectArtifactFile, type RegistryResourceFile } from './node/project/index.js';
export { writeCar, readCar, importCar, inspectCar } from './node/car/index.js';
export { apiShapeFromXml, openApiFromApiXml } from './node/car/metadata.js';
export { apiDefinitionFiles, findApiDefinition } from './node/project/api-definitions.js';
export { type ApiShape, type ApiResourceShape } from './artifacts/api/openapi.js';
export { writeFileAtomic, writeFileAtomicSync, writeStreamAtomic, writeFolderAtomic, isAtomicWriteTemp, type AtomicWriteOptions } from './node/atomic-write/atomic-write.js';
export { validateProjects, validateScans, type ValidationReport } from './node/validate.js';
export { buildXsdSet, XSD_ENTRY, type XsdFile, type XsdGrammar } from './model/xsd.js';
export type { ElementDescriptor, AttrDescriptor, ChildDescriptor, Content, RefKind, EditorMetadata } from './model/descriptor.js';
export type { ConfigNode, MediatorNode, Loc } from './model/node.js';
export type { MediatorDefinition, EndpointDefinition } from './model/definition.js';
export type { ArtifactDefinition, ArtifactKind } from './artifacts/index.js';
export { CompileEnvImpl, type RecordedReference } from './runtime/compile-env.js';
export { elementJsonSchema, type JsonSchema } from './model/json-schema.js';
export { compileExpression, compileValue } from './expr/compile.js';
export { ExpressionSyntaxError } from './expr/types.js';
export { fileRegistry } from './node/registry.js';
export { attachMessagingControl } from './node/stores/messaging-control.js';
export type { MessagingRuntime } from './messaging/runtime.js';
export { parseXmlStrict, XmlSyntaxError } from './xml/dom.js';
export { TransportError, type HttpClient, type OutboundRequest, type OutboundResponse } from './core/transport.js';
export { parseDataService, type DsProblem, type ParsedDataService } from './dataservices/parse.js';
export { resolveConfig, readCarbonDataSource, type CarbonDataSource, type ConfigResolution } from './dataservices/datasource.js';
export { runCallQuery, TransactionScope, type InputValues, type PoolResolver } from './dataservices/execute.js';
export { DataServiceFault } from './dataservices/faults.js';
export { toXml as dataServiceResultXml, toJson as dataServiceResultJson, type ResultNode as DataServiceResultNode } from './dataservices/xml-writer.js';
export { columnText as dataServiceColumnText } from './dataservices/values.js';
export { createNodeDataSourceProvider } from './node/db/index.js';
export * as fixWire from './node/transports/fix/index.js';
/** STOMP for hosts (the studio's JMS Try-it publishes to ActiveMQ as the runtime's JMS transport does). */
export { StompClient } from './node/transports/jms/stomp-client.js';
export { stompEndpointOf, stompDestination } from './node/transports/jms/jms-settings.js';
/** MLLP framing for hosts (the studio's HL7 Try-it). */
export * as hl7Wire from './hl7/mllp.js';
export { parseJdbcUrl } from './dataservices/jdbc-url.js';
export type { DataServiceDef, QueryDef, ParamDef, OutputDef, ResultDef, ConfigDef } from './dataservices/types.js';
export type { DataSourceProvider, DataSourceSpec, SqlPool, SqlResult, SqlSession, SqlValue, TableInfo } from './dataservices/driver.js';
