/**
 * The part of Electron's API that main.ts and preload.cts use, for type-checking
 * where the `electron` package is absent. `electron` is an optional dependency:
 * where its binary cannot be downloaded, npm drops the whole package (its
 * install script fails), and `npm install`'s build must still pass. The
 * tsconfig `paths` entry for 'electron' tries node_modules/electron first, so
 * wherever Electron is installed its own, complete types are the ones checked.
 * Nothing here runs: without Electron the studio opens in the browser.
 */

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  webSecurity?: boolean;
}

export interface WebFrameMain {
  url: string;
}

export interface WebContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void;
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): this;
  postMessage(channel: string, message: unknown, transfer?: MessagePortMain[]): void;
}

export class BrowserWindow {
  constructor(options?: { width?: number; height?: number; title?: string; webPreferences?: WebPreferences });
  readonly webContents: WebContents;
  loadURL(url: string): Promise<void>;
}

export interface MessagePortMain {
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
  on(event: 'message' | 'close', listener: (event: { data: unknown }) => void): this;
}

export class MessageChannelMain {
  readonly port1: MessagePortMain;
  readonly port2: MessagePortMain;
}

export interface IpcMainEvent {
  sender: WebContents;
  senderFrame: WebFrameMain | null;
}

export const ipcMain: {
  on(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): void;
};

export interface CustomScheme {
  scheme: string;
  privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; stream?: boolean };
}

export const protocol: {
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
};

export const app: {
  readonly isPackaged: boolean;
  whenReady(): Promise<void>;
  on(event: 'window-all-closed', listener: () => void): void;
  quit(): void;
};

export interface IpcRendererEvent {
  ports: unknown[];
}

export const ipcRenderer: {
  once(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): void;
  send(channel: string, ...args: unknown[]): void;
};
