// Launches Debian's Chromium headless through playwright-core, with the flags this
// platform needs (no sandbox as root; no background lookups on a machine without
// internet) and a fresh profile in a temp dir. startJourneys() sets up what every
// journey file needs: a server, an admin API client and a page with the common steps.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { adminClient } from './api.mjs';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startServer } from './server.mjs';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** @returns {Promise<{context: import('playwright-core').BrowserContext, close: () => Promise<void>}>} */
export async function launchBrowser({ viewport = { width: 1280, height: 800 } } = {}) {
  const profile = await mkdtemp(path.join(tmpdir(), 'hearth-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport,
    locale: 'en-GB',
    timezoneId: 'Europe/Oslo',
  });
  context.setDefaultTimeout(10_000);
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The steps journeys take again and again on `page`. */
export function pageSteps(page) {
  return {
    /** Waits until the path and query match `pattern`. */
    async expectUrl(pattern) {
      await page.waitForURL((u) => pattern.test(u.pathname + u.search));
    },
    /** Waits for the page's <h1> named `name`. */
    async heading(name) {
      await page.getByRole('heading', { level: 1, name }).waitFor();
    },
    /** Fills in the sign-in form as the admin and submits it. */
    async signIn() {
      await page.getByLabel('Email').fill(ADMIN_EMAIL);
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await page.getByLabel('Password').press('Enter');
    },
  };
}

/**
 * A fresh server (see server.mjs), an API client signed in as its admin, and Chromium
 * with one page (not signed in yet) and its steps. stop() closes the browser and the server.
 */
export async function startJourneys() {
  const server = await startServer();
  try {
    const api = await adminClient(server.url);
    const browser = await launchBrowser();
    const page = await browser.context.newPage();
    return {
      server,
      base: server.url,
      api,
      browser,
      page,
      ...pageSteps(page),
      async stop() {
        await browser.close();
        await server.stop();
      },
    };
  } catch (e) {
    await server.stop();
    throw e;
  }
}
