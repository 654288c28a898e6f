/** Browser mode of the studio. */
export { startBrowserStudio, RPC_PATH, MAX_RPC_MESSAGE_BYTES, MAX_SESSIONS, type BrowserStudio, type BrowserStudioOptions } from './browser-server.js';
export { packageRoot, rendererDir, sampleProject } from './package-paths.js';
