#!/usr/bin/env node
// Browser test of the web interface: a real `dangan serve` on a fresh home
// made from samples/, driven by Debian's Chromium (headless) through
// puppeteer-core. Walks: log in; search in Simplified and in Traditional
// Chinese (same documents); click a facet; open a document in the PDF.js
// viewer; file an unfiled document with one click; a request opened by one
// user and approved by another (two browser contexts); upload a file and find
// it by search. A screenshot of each step goes to --out. No page may log a
// CSP violation or an uncaught error.
//
//   node web/tests/browser.test.mjs --dangan BUILD/dangan --web BUILD/web \
//        --samples samples --out BUILD/screenshots [--keep]
//
// Exit 0 pass, 1 fail, 77 skip (no chromium, or web/node_modules missing).

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makePdf } from './pdf.mjs';

const SKIP = 77;
const started = Date.now();

function parseArgs(argv) {
  const out = { keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--keep') out.keep = true;
    else if (a.startsWith('--')) out[a.slice(2)] = argv[++i];
  }
  for (const k of ['dangan', 'web', 'samples', 'out']) {
    if (!out[k]) {
      console.error(`usage: browser.test.mjs --dangan BIN --web DIR --samples DIR --out DIR (missing --${k})`);
      process.exit(2);
    }
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  console.log(`SKIP: no Chromium at ${chromiumPath} (Debian: apt-get install chromium; or set CHROMIUM)`);
  process.exit(SKIP);
}
let puppeteer;
try {
  puppeteer = (await import('puppeteer-core')).default;
} catch {
  console.log('SKIP: puppeteer-core is not installed (run `npm ci` in web/)');
  process.exit(SKIP);
}
if (!existsSync(join(args.web, 'index.html'))) {
  console.error(`FAIL: no built web app at ${args.web}/index.html (build the \`web\` target)`);
  process.exit(1);
}

const log = (msg) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
class TestFailure extends Error {}
function check(cond, msg) {
  if (!cond) throw new TestFailure(msg);
}

// --- the home -------------------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'dangan-browser-'));
const home = join(work, 'home');
const dangan = resolve(args.dangan);
mkdirSync(args.out, { recursive: true });

function cli(cliArgs, { input, user, okCodes = [0] } = {}) {
  const full = ['--home', home, ...(user ? ['--user', user] : []), ...cliArgs];
  const r = spawnSync(dangan, full, { input, encoding: 'utf8' });
  if (!okCodes.includes(r.status)) {
    throw new TestFailure(`dangan ${full.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return r.stdout;
}
const cliJson = (a, o) => JSON.parse(cli(['--json', ...a], o));

const PASSWORDS = { chen: 'chen-Pw-1', zhou: 'zhou-Pw-1', wang: 'wang-Pw-1' };

function makeHome() {
  cli(['init']);
  appendFileSync(join(home, 'dangan.toml'), `\n${readFileSync(join(args.samples, 'dangan.toml'), 'utf8')}`);
  cli(['clients', 'import', join(args.samples, 'clients.csv')]);
  const drop = join(work, 'drop');
  cpSync(join(args.samples, 'inbox'), join(drop, 'inbox'), { recursive: true });
  // One input that names two clients by their client codes: routing must not
  // guess, so it is unfiled with both as candidates.
  const codes = readFileSync(join(args.samples, 'clients.csv'), 'utf8').split('\n').slice(1)
    .map((l) => l.split(',')).filter((c) => c.length > 3 && c[3]).slice(0, 2);
  check(codes.length === 2, 'samples/clients.csv has fewer than two client codes');
  writeFileSync(join(drop, 'inbox', 'memo-two-clients.pdf'),
    makePdf(['Meeting memo', `Parties: client ${codes[0][3]} and client ${codes[1][3]}`, 'Nothing else is said here.']));
  cli(['ingest', join(drop, 'inbox')], { okCodes: [0, 65] });

  cli(['user', 'add', 'chen', '--role', 'archivist', '--clearance', 'secret', '--display', '陈档案']);
  cli(['user', 'add', 'zhou', '--role', 'staff', '--clearance', 'confidential', '--display', '周职员']);
  cli(['user', 'add', 'wang', '--role', 'approver', '--clearance', 'secret', '--display', '王审批']);
  for (const [u, pw] of Object.entries(PASSWORDS)) cli(['user', 'passwd', u], { input: `${pw}\n` });
  return codes.map((c) => c[0]);
}

// A filed PDF made confidential (change proposed by chen, approved by wang):
// zhou sees it but may open it only under an approved request.
function makeConfidentialDocument() {
  const docs = [];
  for (const line of cli(['--json', 'list', '--state', 'indexed']).split('\n')) {
    if (line.trim()) docs.push(JSON.parse(line));
  }
  const doc = docs.find((d) => d.archive_no && d.mime === 'application/pdf');
  check(doc, 'no filed PDF in the sample home');
  const change = cliJson(['change', 'propose', 'level', String(doc.id), 'confidential', '--reason', 'browser test'], { user: 'chen' });
  cli(['change', 'approve', String(change.id)], { user: 'wang' });
  return doc;
}

// --- the server -----------------------------------------------------------

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

async function startServer() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(dangan, ['--home', home, 'serve', '--listen', `127.0.0.1:${port}`, '--web', resolve(args.web)], {
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d) => {
    stderr += d;
    if (stderr.length > 200000) stderr = stderr.slice(-100000);
  });
  let exited = null;
  proc.on('exit', (code, signal) => (exited = { code, signal }));
  for (let i = 0; i < 300; i++) {
    if (exited) throw new TestFailure(`dangan serve exited ${JSON.stringify(exited)} before it was healthy:\n${stderr}`);
    try {
      const r = await fetch(`${base}/api/v1/health`);
      if (r.ok) return { proc, base, stderr: () => stderr, exited: () => exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  proc.kill('SIGKILL');
  throw new TestFailure(`dangan serve did not answer /api/v1/health within 30 s:\n${stderr}`);
}

async function stopServer(server) {
  if (!server || server.exited()) return server?.exited();
  const done = new Promise((r) => server.proc.once('exit', (code, signal) => r({ code, signal })));
  server.proc.kill('SIGTERM');
  const timeout = new Promise((r) => setTimeout(() => r(null), 15000));
  const result = await Promise.race([done, timeout]);
  if (!result) {
    server.proc.kill('SIGKILL');
    throw new TestFailure('dangan serve did not exit within 15 s of SIGTERM');
  }
  return result;
}

// --- the browser ----------------------------------------------------------

const problems = []; // CSP violations and uncaught errors, from every page

async function newPage(browser, name) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1360, height: 900 });
  page.setDefaultTimeout(20000);
  page.on('console', (m) => {
    const text = m.text();
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(text)) problems.push(`${name}: ${text}`);
  });
  page.on('pageerror', (e) => problems.push(`${name}: uncaught ${e.message}`));
  return page;
}

let shot = 0;
async function screenshot(page, name) {
  shot += 1;
  const file = join(args.out, `${String(shot).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  log(`screenshot ${file}`);
}

async function login(page, base, user) {
  await page.goto(`${base}/#/search`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('form.login input[name=user]');
  await page.type('form.login input[name=user]', user);
  await page.type('form.login input[name=password]', PASSWORDS[user]);
  await Promise.all([
    page.waitForSelector('.header .logout'),
    page.click('form.login button[type=submit]'),
  ]);
}

// Waits until the results shown answer exactly `query`.
async function waitForResults(page, query) {
  await page.waitForFunction(
    (q) => document.querySelector('.results')?.dataset.query === q
      && document.querySelector('.results').dataset.state === 'done'
      && document.querySelector('.results .total, .results .error'),
    {}, query,
  );
  const error = await page.$eval('.results', (r) => r.querySelector('.error')?.textContent || '');
  check(!error, `search ${query} showed an error: ${error}`);
  return page.$$eval('.hits .hit', (els) => els.map((e) => Number(e.dataset.doc)));
}

// Runs a search through the search box; returns the hit ids shown.
async function search(page, query) {
  await page.waitForSelector('.search-bar input[name=q]');
  await page.$eval('.search-bar input[name=q]', (el) => (el.value = ''));
  await page.type('.search-bar input[name=q]', query);
  await page.click('.search-bar button[type=submit]');
  return waitForResults(page, query);
}

async function waitForPdfRendered(page) {
  await page.waitForFunction(() => {
    const c = document.querySelector('canvas.pdf-canvas');
    return c && Number(c.dataset.rendered) >= 1 && c.width > 100;
  }, { timeout: 30000 });
  // A rendered page is not blank: some pixel in the middle band is not white.
  const inked = await page.$eval('canvas.pdf-canvas', (c) => {
    const ctx = c.getContext('2d');
    const { data } = ctx.getImageData(0, 0, c.width, Math.floor(c.height / 2));
    for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) return true;
    return false;
  });
  check(inked, 'the PDF.js canvas is blank');
}

async function apiJson(page, path) {
  return page.evaluate(async (p) => {
    const r = await fetch(`/api/v1${p}`, { credentials: 'same-origin' });
    return { status: r.status, body: await r.json().catch(() => null) };
  }, path);
}

// --- the walk -------------------------------------------------------------

async function walk(browser, base, confidentialDoc, archives) {
  const arch = await newPage(browser, 'chen');

  // 1. Login page (Chinese), then log in as the archivist.
  await arch.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
  await arch.waitForSelector('form.login');
  check((await arch.$eval('form.login h1', (e) => e.textContent)) === '登录', 'the login page is not in Chinese');
  await screenshot(arch, 'login');
  await login(arch, base, 'chen');
  log('logged in as chen');

  // 2. Search in Simplified, then in Traditional: the same documents.
  const simplified = await search(arch, '合同');
  check(simplified.length > 0, 'search 合同 found nothing');
  await screenshot(arch, 'search-simplified');
  const snippetBold = await arch.$$eval('.hits .snippet b', (b) => b.length);
  check(snippetBold > 0, 'no highlighted match in the snippets');
  const traditional2 = await search(arch, '採購合同');
  const simplified2 = await search(arch, '采购合同');
  check(simplified2.length > 0, 'search 采购合同 found nothing');
  check(JSON.stringify([...traditional2].sort()) === JSON.stringify([...simplified2].sort()),
    `采购合同 ${simplified2} and 採購合同 ${traditional2} found different documents`);
  await screenshot(arch, 'search-traditional');
  log(`search: 合同 ${simplified.length} hits, 采购合同 and 採購合同 ${simplified2.length} each`);

  // 3. Click a facet: it adds a field to the query and narrows the results.
  await search(arch, '合同');
  const totalBefore = await arch.$eval('.results .total', (e) => e.textContent);
  const facet = await arch.$('[data-facet=doc_type] .facet-value');
  check(facet, 'no type facet on the results of 合同');
  const facetValue = await facet.evaluate((e) => e.dataset.value);
  await facet.click();
  const narrowed = await waitForResults(arch, `合同 type:${facetValue}`);
  const types = narrowed.length;
  check(types > 0, `facet type:${facetValue} left no results`);
  const queryBox = await arch.$eval('.search-bar input[name=q]', (e) => e.value);
  check(queryBox.includes(`type:${facetValue}`), `the facet did not add type:${facetValue} to the query box`);
  await screenshot(arch, 'facet');
  log(`facet type:${facetValue}: ${totalBefore} → ${types} shown`);

  // 4. Open a document in the viewer: PDF.js renders page 1 on a canvas.
  let firstPdf = null;
  for (const id of simplified) {
    const d = await apiJson(arch, `/documents/${id}`);
    if (id !== confidentialDoc.id && d.body?.mime === 'application/pdf') {
      firstPdf = id;
      break;
    }
  }
  check(firstPdf, 'no PDF among the hits of 合同');
  await arch.goto(`${base}/#/doc/${firstPdf}`, { waitUntil: 'domcontentloaded' });
  await arch.waitForSelector('.document-page h1');
  await waitForPdfRendered(arch);
  await screenshot(arch, 'document-viewer');
  log(`document ${firstPdf} rendered by PDF.js`);

  // 5. The unfiled queue: file the memo under its first candidate in one click.
  await arch.goto(`${base}/#/unfiled`, { waitUntil: 'domcontentloaded' });
  await arch.waitForSelector('.unfiled-item .file-candidate');
  await screenshot(arch, 'unfiled');
  const item = await arch.$('.unfiled-item .file-candidate');
  const docId = await item.evaluate((b) => b.closest('.unfiled-item').dataset.doc);
  const target = await item.evaluate((b) => b.dataset.archive);
  await item.click();
  await arch.waitForSelector('.unfiled-item.filed');
  const filed = await apiJson(arch, `/documents/${docId}`);
  check(filed.status === 200 && filed.body.archive_no === target,
    `document ${docId} is not filed under ${target} after the click: ${JSON.stringify(filed.body?.archive_no)}`);
  await screenshot(arch, 'filed');
  log(`filed document ${docId} under ${target}`);

  // 6. Upload a file with a word nobody else uses, then find it by search.
  const word = `zebrafish${Date.now().toString(36)}`;
  const uploadPath = join(work, `upload-${word}.pdf`);
  writeFileSync(uploadPath, makePdf(['Quarterly note', `Archive No. ${archives[0]}`, `Keyword ${word} for the browser test.`]));
  await arch.goto(`${base}/#/upload`, { waitUntil: 'domcontentloaded' });
  const input = await arch.waitForSelector('.dropzone input[type=file]');
  await input.uploadFile(uploadPath);
  await arch.waitForSelector('.uploads [data-status]', { timeout: 60000 });
  const status = await arch.$eval('.uploads [data-status]', (e) => e.dataset.status);
  check(status === 'indexed', `upload ended as ${status}, not indexed (filed by its printed archive number)`);
  await screenshot(arch, 'upload');
  await arch.goto(`${base}/#/search`, { waitUntil: 'domcontentloaded' });
  const found = await search(arch, word);
  check(found.length === 1, `search for the uploaded word found ${found.length} documents`);
  await screenshot(arch, 'upload-found');
  log(`uploaded (${status}) and found as document ${found[0]}`);

  // 7. Dashboard with charts, and the English switch.
  await arch.goto(`${base}/#/dashboard`, { waitUntil: 'domcontentloaded' });
  await arch.waitForSelector('.charts canvas[data-drawn]');
  await screenshot(arch, 'dashboard');
  await arch.click('.lang-switch');
  await arch.waitForFunction(() => document.querySelector('.dashboard h1')?.textContent === 'Dashboard');
  await screenshot(arch, 'dashboard-english');
  await arch.click('.lang-switch');
  await arch.waitForFunction(() => document.querySelector('.dashboard h1')?.textContent === '概览');

  // 8. A request by zhou (staff) for a confidential document, approved by
  //    wang (approver) in another browser context; then zhou can open it.
  const staff = await newPage(browser, 'zhou');
  await login(staff, base, 'zhou');
  const navs = await staff.$$eval('.nav a', (as) => as.map((a) => a.dataset.nav));
  check(!navs.includes('upload') && !navs.includes('log'), `staff sees archivist/auditor pages: ${navs}`);
  await staff.goto(`${base}/#/doc/${confidentialDoc.id}`, { waitUntil: 'domcontentloaded' });
  await staff.waitForSelector('.denied-original .request-access');
  await screenshot(staff, 'staff-denied');
  await staff.click('.denied-original .request-access');
  await staff.type('.request-form input[name=purpose]', '核对合同条款');
  await staff.click('.request-form button[type=submit]');
  await staff.waitForSelector('.denied-original .ok');
  const mine = await apiJson(staff, '/requests?mine=1');
  const request = (mine.body?.items || mine.body?.requests || []).find((r) => r.state === 'pending');
  check(request, `zhou has no pending request after submitting: ${JSON.stringify(mine.body)}`);
  log(`zhou opened request ${request.id}`);

  const approver = await newPage(browser, 'wang');
  await login(approver, base, 'wang');
  await approver.goto(`${base}/#/requests`, { waitUntil: 'domcontentloaded' });
  const row = `.inbox tr[data-request="${request.id}"]`;
  await approver.waitForSelector(`${row} .approve`);
  await screenshot(approver, 'approver-inbox');
  await approver.click(`${row} .approve`);
  await approver.waitForSelector(`.inbox tr[data-request="${request.id}"] .approve`, { hidden: true });
  await screenshot(approver, 'approved');
  log(`wang approved request ${request.id}`);

  await staff.goto(`${base}/#/requests`, { waitUntil: 'domcontentloaded' });
  await staff.waitForSelector(`.mine tr[data-request="${request.id}"][data-state=approved]`);
  await screenshot(staff, 'staff-requests');
  await staff.goto(`${base}/#/doc/${confidentialDoc.id}`, { waitUntil: 'domcontentloaded' });
  await waitForPdfRendered(staff);
  await screenshot(staff, 'staff-granted');
  log(`zhou opens document ${confidentialDoc.id} under the grant`);

  // 9. Logout goes back to the login page.
  await staff.click('.header .logout');
  await staff.waitForSelector('form.login');
  const after = await apiJson(staff, '/me');
  check(after.status === 401, `/me after logout answered ${after.status}`);
}

// --- main -----------------------------------------------------------------

let server = null;
let browser = null;
let userDataDir = null;
let failed = false;
const guard = setTimeout(() => {
  console.error('FAIL: the browser test ran over 8 minutes');
  if (server) server.proc.kill('SIGKILL');
  process.exit(1);
}, 8 * 60 * 1000);

try {
  const archives = makeHome();
  const confidential = makeConfidentialDocument();
  log(`home ready in ${work}; document ${confidential.id} is confidential`);
  server = await startServer();
  log(`dangan serve on ${server.base}`);
  userDataDir = mkdtempSync(join(tmpdir(), 'dangan-chromium-'));
  browser = await puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    userDataDir,
    env: { ...process.env, LANG: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN' },
    args: [
      '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--lang=zh-CN', `--user-data-dir=${userDataDir}`,
    ],
  });
  await walk(browser, server.base, confidential, archives);
  check(problems.length === 0, `the pages reported problems:\n  ${problems.join('\n  ')}`);
} catch (e) {
  failed = true;
  console.error(`FAIL: ${e instanceof TestFailure ? e.message : e.stack || e}`);
  if (problems.length) console.error(`page problems:\n  ${problems.join('\n  ')}`);
  if (server) console.error(`--- dangan serve stderr (tail) ---\n${server.stderr().slice(-4000)}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  try {
    const exit = await stopServer(server);
    if (exit && exit.code !== 0) {
      failed = true;
      console.error(`FAIL: dangan serve exited ${JSON.stringify(exit)} after SIGTERM (want 0)`);
    }
  } catch (e) {
    failed = true;
    console.error(`FAIL: ${e.message}`);
  }
  clearTimeout(guard);
  if (args.keep || failed) console.log(`home kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
log(failed ? 'FAILED' : `PASSED (${shot} screenshots in ${args.out})`);
process.exit(failed ? 1 : 0);
