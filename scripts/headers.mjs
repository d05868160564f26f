// Writes the security headers of the built site into dist/_headers: the document's
// Content-Security-Policy, which allows the document's own inline scripts by the hash of their
// text as built (so an edit to one that is not rebuilt fails loudly in the browser instead of
// running), and the headers every file carries. The Worker sends the same policy with the
// documents it answers itself (/g/{code}): it takes it from the document's own answer.
// Usage: node scripts/headers.mjs dist
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (inline.length === 0) throw new Error('index.html has no inline script: is this the document?');
const hashes = inline.map((text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`);

const csp = [
  "default-src 'none'",
  // The app's scripts and wasm from its own origin, and the document's two inline scripts by hash.
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  "img-src 'self'",
  // The API and the game's WebSocket, on the same origin; the wasm files are fetched too.
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  // HTML reaches the page only through the painter's policy (app/src/screens/paint.rs).
  "require-trusted-types-for 'script'",
  'trusted-types clix',
].join('; ');

// What the game never uses, turned off (only features Chromium knows: an unknown one is logged as an error).
const permissions = ['accelerometer', 'camera', 'display-capture', 'geolocation', 'gyroscope', 'hid',
  'magnetometer', 'microphone', 'midi', 'payment', 'serial', 'usb'].map((f) => `${f}=()`).join(', ');

const documentHeaders = [
  `  Content-Security-Policy: ${csp}`,
  `  Permissions-Policy: ${permissions}`,
  '  Cross-Origin-Opener-Policy: same-origin',
].join('\n');

const headers = readFileSync(join(dist, '_headers'), 'utf8').trimEnd();
writeFileSync(join(dist, '_headers'), `${headers}

# Written by scripts/headers.mjs at build time.
/*
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
/
${documentHeaders}
/index.html
${documentHeaders}
`);
console.log(`dist/_headers: a Content-Security-Policy with ${hashes.length} inline script hashes`);
