/** Browser mode of the studio. */
export { startBrowserStudio, RPC_PATH, type BrowserStudio, type BrowserStudioOptions } from './browser-server.js';
export { packageRoot, rendererDir, sampleProject } from './package-paths.js';
