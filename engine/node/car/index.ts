/**
 * CAR (Carbon Application aRchive) support: write a CAR from a project scan, read one
 * back as a project scan, import one into an MI VS Code project, and inspect one for what
 * MI would refuse. See reference/car-format.md.
 */
export { writeCar, withDirectories, type CarArtifactPlan, type WriteCarOptions, type WriteCarResult } from './write-car.js';
export { readCar, readCarContents, type CarContents, type ReadCarOptions } from './read-car.js';
export { importCar, type ImportCarResult } from './import-car.js';
export { inspectCar } from './inspect-car.js';
export type { CarAnalysis, CarArtifactEntry, CarDependencyRef, CarIssue } from './analyse.js';
export { openApiFromApiXml } from './metadata.js';
export { HostileCarError, DEFAULT_MAX_EXPANSION_RATIO, DEFAULT_MAX_TOTAL_BYTES, type CarReadLimits } from './safety.js';
