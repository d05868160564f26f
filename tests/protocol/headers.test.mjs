// The page defends itself: every HTML answer carries the document's Content-Security-Policy,
// whose hashes are those of the document's inline scripts as served; every answer, assets and
// API included, carries nosniff and a Referrer-Policy; and HEAD is answered like GET, without a
// body, on every GET route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { withServer } from '../support/fixture.mjs';
import { createGame } from '../support/api.mjs';

const env = withServer();

const get = (path, init) => fetch(env.server.url + path, { redirect: 'manual', ...init });

/** The directives of a Content-Security-Policy, by name. */
function directives(csp) {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([n, ...v]) => [n, v]));
}

function everyAnswersHeaders(res, path) {
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff', `nosniff on ${path}`);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer', `Referrer-Policy on ${path}`);
}

/** Checks a document's answer; gives its policy. */
async function documentAt(path) {
  const res = await get(path);
  assert.equal(res.status, 200, path);
  assert.match(res.headers.get('content-type'), /^text\/html/, path);
  everyAnswersHeaders(res, path);
  const csp = res.headers.get('content-security-policy');
  assert.ok(csp, `a Content-Security-Policy on ${path}`);
  const d = directives(csp);
  assert.deepEqual(d.get('default-src'), ["'none'"]);
  assert.deepEqual(d.get('object-src'), ["'none'"]);
  assert.deepEqual(d.get('base-uri'), ["'none'"]);
  assert.deepEqual(d.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(d.get('require-trusted-types-for'), ["'script'"]);
  assert.deepEqual(d.get('trusted-types'), ['clix']);
  assert.deepEqual(d.get('style-src'), ["'self'"]);
  assert.ok(!csp.includes("'unsafe-inline'") && !csp.includes("'unsafe-eval'"), csp);
  // The scripts: the app's own files, its wasm, and the document's inline scripts by hash.
  const scripts = d.get('script-src');
  const html = await res.text();
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(inline.length, 2, 'the preload script and the module that starts the app');
  const hashes = inline.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
  assert.deepEqual(scripts.sort(), ["'self'", "'wasm-unsafe-eval'", ...hashes].sort(), path);
  assert.match(res.headers.get('permissions-policy') ?? '', /camera=\(\)/, path);
  return { csp, html };
}

test('the documents carry a Content-Security-Policy that allows their own inline scripts alone', async () => {
  const home = await documentAt('/');
  // A link to a game that is not there, and one that is (its preview written by the Worker).
  const missing = await documentAt('/g/nonsense');
  const grant = await createGame(env.server, 'Ada');
  const game = await documentAt(`/g/${grant.code}`);
  assert.equal(missing.csp, home.csp);
  assert.equal(game.csp, home.csp, 'the Worker sends the policy the build wrote');
  assert.match(game.html, /<title>Join Ada's game/);
});

test('assets and API answers carry nosniff and a Referrer-Policy', async () => {
  const { html } = await documentAt('/');
  const pkg = html.match(/\/pkg\/[0-9a-f]{12}/)[0];
  const grant = await createGame(env.server, 'Ada');
  for (const path of [`${pkg}/app.js`, `${pkg}/app_bg.wasm`, `${pkg}/style.css`, '/icon.svg',
    '/manifest.webmanifest', `/api/games/${grant.code}`, `/api/games/${grant.code}/qr.svg`,
    '/api/games/abcdefghjkmn', '/api/nothing']) {
    const res = await get(path);
    assert.ok(res.status < 500, `${path}: ${res.status}`);
    everyAnswersHeaders(res, path);
    await res.arrayBuffer();
  }
  const created = await fetch(`${env.server.url}/api/games`, { method: 'POST', body: '{' });
  assert.equal(created.status, 400);
  everyAnswersHeaders(created, 'POST /api/games');
});

test('HEAD is answered like GET, without a body, on every GET route', async () => {
  const { html } = await documentAt('/');
  const pkg = html.match(/\/pkg\/[0-9a-f]{12}/)[0];
  const grant = await createGame(env.server, 'Ada');
  for (const path of ['/', `/g/${grant.code}`, '/g/nonsense', `${pkg}/app.js`, '/icon.svg',
    `/api/games/${grant.code}`, `/api/games/${grant.code}/qr.svg`, '/api/games/abcdefghjkmn']) {
    const got = await get(path);
    await got.arrayBuffer();
    const head = await get(path, { method: 'HEAD' });
    assert.equal(head.status, got.status, `HEAD ${path}`);
    assert.equal(head.headers.get('content-type'), got.headers.get('content-type'), `HEAD ${path}`);
    assert.equal(head.headers.get('content-security-policy'), got.headers.get('content-security-policy'), `HEAD ${path}`);
    everyAnswersHeaders(head, `HEAD ${path}`);
    assert.equal((await head.arrayBuffer()).byteLength, 0, `HEAD ${path} has no body`);
  }
  // A route that only takes POST still refuses HEAD.
  const post = await get('/api/games', { method: 'HEAD' });
  assert.equal(post.status, 405);
});
