import { describe, expect, it } from 'vitest';
import { findElectron } from './studio-command.js';

/** What `require('electron')` does in each state npm can leave the package in. */
const notInstalled = () => {
  throw Object.assign(new Error("Cannot find module 'electron'"), { code: 'MODULE_NOT_FOUND' });
};
const installedWithoutBinary = () => {
  throw new Error('Electron failed to install correctly, please delete node_modules/electron and try installing again');
};

describe('finding the desktop app', () => {
  it('says the package is absent when npm left the optional dependency out', () => {
    expect(findElectron(notInstalled)).toEqual({ reason: 'the electron package is not installed (npm install could not download its binary)' });
  });

  it('says the binary is absent when the package was installed without downloading it', () => {
    expect(findElectron(installedWithoutBinary)).toEqual({ reason: 'the electron package has no binary (it was installed without downloading it)' });
  });

  it('names a binary path that does not exist', () => {
    expect(findElectron(() => '/nowhere/electron')).toEqual({ reason: 'the Electron binary /nowhere/electron is missing' });
  });

  it('uses a binary that exists', () => {
    expect(findElectron(() => process.execPath)).toEqual({ binary: process.execPath });
  });
});
