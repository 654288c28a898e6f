/**
 * Who may talk to the browser-mode server: requests to 127.0.0.1/localhost on
 * our port (a wrong Host means DNS rebinding), carrying the per-launch token,
 * and for the WebSocket, from our own page's origin.
 */
import { timingSafeEqual, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'mediate_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function hostAllowed(request: IncomingMessage, port: number): boolean {
  return allowedHosts(port).includes((request.headers.host ?? '').toLowerCase());
}

/** Browsers always send Origin on WebSocket handshakes; anything but our page's origin is refused. */
export function originAllowed(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  return typeof origin === 'string' && allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`);
}

export function tokenFromCookie(request: IncomingMessage): string | undefined {
  const cookie = request.headers.cookie ?? '';
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return v.join('=');
  }
  return undefined;
}
