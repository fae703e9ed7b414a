// The second half of the hearing journey, after run.sh restarted the service with its clock past
// the window to object: the refusal that got no objection has gone to the supervisor by itself
// (the background worker), who signs it; the applicant's status then says it was refused and how
// to appeal.
//
// Needs BASE_URL and LAPSE_FILE (written by journey.mjs).

import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const BASE = process.env.BASE_URL;
const SHOTS = process.env.SCREENSHOTS ?? path.join(import.meta.dirname, "screenshots");
const { id, number, passport } = JSON.parse(fs.readFileSync(process.env.LAPSE_FILE, "utf8"));
const profile = fs.mkdtempSync(path.join(os.tmpdir(), "ruqsat-chromium-"));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  viewport: { width: 390, height: 844 },
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
let failed = false;
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(15000);
  await page.goto(`${BASE}/lang?lang=en&back=/`);
  await page.goto(`${BASE}/login`);
  await page.fill("#f-login", "supervisor.almaty");
  await page.fill("#f-password", "demo-supervisor-almaty");
  await page.click("form.stack button[type=submit]");
  await page.waitForLoadState();
  // The worker lapses the window within a second or two of the start.
  let text = "";
  for (let attempt = 0; attempt < 40; attempt += 1) {
    await page.goto(`${BASE}/officer/cases/${id}`);
    text = await page.locator("main").innerText();
    if (/No objection came by/.test(text)) break;
    await page.waitForTimeout(250);
  }
  assert.match(text, /No objection came by/);
  assert.match(text, /awaiting the supervisor's signature/);
  await page.screenshot({ path: `${SHOTS}/hearing-lapsed-supervisor-phone.png`, fullPage: true });
  await page.click("button[name=approve][value=true]");
  await page.waitForSelector(".flash");
  await page.goto(`${BASE}/status`);
  await page.fill("#f-number", number);
  await page.fill("#f-document", passport);
  await page.click("form.stack button[type=submit]");
  assert.match(await page.locator("section.appeal").innerText(), /How to appeal/);
  assert.match(await page.locator("section.appeal").innerText(), /Last day to appeal: \d{4}-\d{2}-\d{2}/);
  console.log("ok    hearing: without an objection the refusal proceeds after the window; the supervisor signs; the appeal route is shown");
} catch (error) {
  failed = true;
  console.log(`FAIL  hearing after the window\n${error.stack}`);
}
await browser.close();
fs.rmSync(profile, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
