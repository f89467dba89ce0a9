// The playground in a real browser: Debian's Chromium, headless, driven by playwright-core (no
// browser download). Loads the built site (PLAYGROUND_SITE, written by scripts/playground
// --build) from a local static server and does what a delegate would: reads the reference draft's
// warnings, types a paragraph, applies a quick fix and fix-all, hovers a footnote, opens a French
// draft and a 1 MB one from disk and types in it, timing each keystroke in the page.
//
// PLAYGROUND_OUT receives the screenshots and timings; PLAYGROUND_BIG_DRAFT is the 1 MB draft;
// CHROMIUM the browser (default /usr/bin/chromium).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "../serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "../..");
const site = process.env.PLAYGROUND_SITE ?? join(repo, "target/playground/site");
const out = process.env.PLAYGROUND_OUT ?? join(repo, "target/playground/test");
const bigDraft = process.env.PLAYGROUND_BIG_DRAFT;
const reference = readFileSync(join(repo, "tests/fixtures/drafts/ccpcj-21-3.md"), "utf8");
/** One frame at 60 Hz. */
const FRAME_MS = 16;

let context;
let server;
let page;
let base;
const outside = [];
const errors = [];

before(async () => {
  mkdirSync(out, { recursive: true });
  ({ server, url: base } = await serve(site));
  // A fresh profile each run; playwright-core adds --headless itself.
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "playground-chromium-")), {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(base) && !url.startsWith("blob:") && !url.startsWith("data:")) outside.push(url);
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(base);
  await page.waitForFunction(() => window.playground?.stats.ready === true, null, { timeout: 30_000 });
});

after(async () => {
  await context?.close();
  server?.close();
});

/** The problem list as the page shows it: [rule, "line N", message]. */
async function problems() {
  return page.$$eval("#problem-list li[data-rule]", (items) =>
    items.map((li) => [
      li.dataset.rule,
      li.querySelector(".where").textContent,
      li.querySelector(".message").textContent,
    ]),
  );
}

/** The UTF-16 offset of `needle` in the editor's text. */
async function offsetOf(needle) {
  return page.evaluate((n) => window.playground.view.state.doc.toString().indexOf(n), needle);
}

async function putCursor(offset) {
  await page.evaluate((at) => {
    const view = window.playground.view;
    view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    view.focus();
  }, offset);
}

test("the reference draft loads with its two ibid-style warnings", async () => {
  assert.deepEqual(await problems(), [
    ["ibid-style", "line 71", "“Ibid.” in footnote 12 should be written *Ibid.* (in italics, as in the rest of this draft)"],
    ["ibid-style", "line 73", "“Ibid.” in footnote 13 should be written *Ibid.* (in italics, as in the rest of this draft)"],
  ]);
  assert.equal(await page.textContent("#count"), "2");
  assert.equal(await page.evaluate(() => window.playground.view.state.doc.toString()), reference);

  // In the editor: the underline on footnote 12's Ibid., and its tooltip with message, rule
  // link and fix.
  await putCursor(await offsetOf("<sup>11</sup>"));
  const underline = page.locator(".cm-lintRange-warning", { hasText: "Ibid." }).first();
  await underline.waitFor();
  assert.equal(await underline.textContent(), "Ibid.");
  await underline.hover();
  const tooltip = page.locator(".cm-tooltip-hover .cm-diagnostic-warning").first();
  await tooltip.waitFor();
  assert.match(await tooltip.textContent(), /“Ibid\.” in footnote 12 should be written \*Ibid\.\*.*ibid-style/);
  assert.equal(await tooltip.locator("a.cm-diagnostic-rule").getAttribute("href"), "#rule-ibid-style");
  assert.equal(await tooltip.locator("button.cm-diagnosticAction").textContent(), "Write every Ibid. as *Ibid.*");
  await page.screenshot({ path: join(out, "reference-draft.png") });
  await page.mouse.move(5, 5);
});

test("typing an un-italicized opener is reported at once, and its quick fix clears it", async () => {
  await putCursor(await offsetOf("*Emphasizing* that the Twelfth"));
  const checkedBefore = await page.evaluate(() => ({ ...window.playground.stats }));
  await page.keyboard.type("Recalling its resolution 20/1,");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  const expected = ["opener-not-italic", "line 9", "opener “Recalling” is not in italics"];
  assert.deepEqual((await problems())[0], expected);
  assert.equal((await problems()).length, 3);
  const underline = page.locator(".cm-lintRange-warning", { hasText: "Recalling" });
  await underline.waitFor();
  assert.equal(await underline.textContent(), "Recalling");

  // The fix, from the problem list.
  await page.click('#problem-list li[data-rule="opener-not-italic"] button.fix');
  const text = await page.evaluate(() => window.playground.view.state.doc.toString());
  assert.ok(text.includes("\n*Recalling* its resolution 20/1,\n\n*Emphasizing* that"), "the opener is italicized");
  assert.deepEqual(
    (await problems()).map(([rule]) => rule),
    ["ibid-style", "ibid-style"],
  );
  // Each keystroke (and the fix) was checked by following the edit, as the server does.
  const stats = await page.evaluate(() => window.playground.stats);
  const typed = "Recalling its resolution 20/1,".length + 2;
  assert.equal(stats.checks - checkedBefore.checks, typed + 1);
  assert.equal(stats.incremental - checkedBefore.incremental, typed + 1);
});

test("fix all applies the safe fixes; undo takes them back", async () => {
  await page.click("#fix-all");
  assert.match(await page.textContent("#status"), /^Applied 2 fixes \(ibid-style 2\)\.$/);
  assert.equal(await page.textContent("#problem-list"), "No problems found.");
  assert.equal(await page.textContent("#count"), "0");
  await page.evaluate(() => window.playground.view.focus());
  await page.keyboard.press("Control+z");
  assert.equal((await problems()).length, 2);
  assert.equal(await page.textContent("#status"), "Ready: the checker runs in this page; nothing is sent anywhere.");
});

test("hover on a footnote marker shows the footnote; on an Ibid., what it stands for", async () => {
  const marker = await offsetOf("<sup>3</sup> the Convention");
  await putCursor(marker);
  const at = await page.evaluate((pos) => window.playground.view.coordsAtPos(pos), marker + 6);
  await page.mouse.move(at.left + 1, (at.top + at.bottom) / 2);
  const hover = page.locator(".cm-tooltip-hover .hover");
  await hover.waitFor();
  assert.match(await hover.textContent(), /^Footnote 3\s+\*?Ibid\.?\*?/);
  assert.match(await hover.textContent(), /Ibid\. in footnote 3 resolves to footnote 2, head of the chain/);
  assert.equal(await hover.locator("blockquote").count(), 1);
  await page.mouse.move(5, 5);
  await hover.waitFor({ state: "detached" });

  // On the Ibid. of footnote 10: the head of its chain, in another page's footnotes.
  const ibid = (await offsetOf("<sup>10</sup> *Ibid.*")) + "<sup>10</sup> *".length;
  await putCursor(ibid);
  const on = await page.evaluate((pos) => window.playground.view.coordsAtPos(pos), ibid + 1);
  await page.mouse.move(on.left + 1, (on.top + on.bottom) / 2);
  await hover.waitFor();
  assert.equal(
    (await hover.textContent()).replace(/\s+/g, " ").trim(),
    "Ibid. in footnote 10 resolves to footnote 9, head of the chain: United Nations, Treaty Series, vol. 2225, No. 39574.",
  );
  assert.equal(await hover.locator("blockquote em").textContent(), "Treaty Series");
  await page.mouse.move(5, 5);
});

test("the outline lists the draft's parts; a rule link opens its documentation", async () => {
  await page.click("#tab-outline");
  const outline = await page.$$eval("#outline-list li", (items) => items.map((li) => li.textContent));
  assert.ok(outline.includes("Preamble") && outline.includes("Operative part") && outline.includes("Footnotes"));
  assert.ok(outline.some((item) => item.startsWith("Emphasizing that the Twelfth")), outline.join("\n"));
  await page.click("#outline-list li:has-text('Footnotes') + li");
  const selected = await page.evaluate(() => {
    const { state } = window.playground.view;
    return state.sliceDoc(state.selection.main.from, state.selection.main.to);
  });
  assert.equal(selected, "<sup>1</sup>");

  await page.click("#tab-problems");
  await page.click('#problem-list li[data-rule="ibid-style"] .rule a');
  assert.equal(await page.isVisible("#help"), true);
  const section = page.locator("#rule-ibid-style");
  assert.match(await section.locator("h2").textContent(), /^ibid-style \(warning\)$/);
  assert.match(await section.textContent(), /Why it matters:/);
  assert.match(await page.textContent("#guide"), /One mistake, one diagnostic/);
  await page.screenshot({ path: join(out, "help.png") });
  await page.click("#tab-outline");
  await page.screenshot({ path: join(out, "outline.png") });
  await page.click("#tab-problems");
});

test("a French draft opened from disk is checked in French; the picker overrides it", async () => {
  const french = join(repo, "tests/fixtures/drafts/languages/fr.md");
  await page.setInputFiles("#file", french);
  await page.waitForFunction(() => document.getElementById("file-name").textContent === "fr.md");
  assert.equal(await page.textContent("#status"), "Opened fr.md.");
  assert.equal(
    await page.evaluate(() => window.playground.view.state.doc.toString()),
    readFileSync(french, "utf8"),
  );
  assert.equal(await page.textContent("#problem-list"), "No problems found.");
  await page.waitForFunction(() => window.playground.stats.language === "fr");
  assert.equal(await page.textContent("#language option[value=auto]"), "Auto (French)");

  // A French mistake: a preambular paragraph that ends with a semicolon.
  const end = (await offsetOf("<sup>2</sup>,\n\n*Rappelant également*")) + "<sup>2</sup>".length;
  await putCursor(end);
  await page.keyboard.press("Delete");
  await page.keyboard.type(";");
  assert.deepEqual(await problems(), [
    ["preamble-punctuation", "line 7", "preambular paragraph ends with “;” instead of a comma"],
  ]);
  await page.keyboard.press("Backspace");
  await page.keyboard.type(",");
  assert.equal(await page.textContent("#count"), "0");

  await page.selectOption("#language", "en");
  assert.ok((await problems()).length > 0, "read as English, the French openers are reported");
  await page.selectOption("#language", "auto");
  assert.equal(await page.textContent("#count"), "0");
});

test("the draft is saved as the file it was opened from", async () => {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save")]);
  assert.equal(download.suggestedFilename(), "fr.md");
  const saved = join(out, "saved-fr.md");
  await download.saveAs(saved);
  assert.equal(readFileSync(saved, "utf8"), await page.evaluate(() => window.playground.view.state.doc.toString()));
});

test("a draft with Windows line breaks and a byte-order mark is saved with them", async () => {
  const windows = join(out, "windows.md");
  const text = `\uFEFF${reference.replace(/\n/g, "\r\n")}`;
  writeFileSync(windows, text);
  await page.setInputFiles("#file", windows);
  await page.waitForFunction(() => document.getElementById("file-name").textContent === "windows.md");
  // The same two warnings, at the same places, as the editor counts them.
  assert.deepEqual(
    (await problems()).map(([rule, line]) => [rule, line]),
    [["ibid-style", "line 71"], ["ibid-style", "line 73"]],
  );
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#save")]);
  const saved = join(out, "saved-windows.md");
  await download.saveAs(saved);
  const back = readFileSync(saved, "utf8");
  assert.ok(back.startsWith("\uFEFF\r\n\r\n## **Resolution 21/3**\r\n"), "the mark and the line breaks are kept");
  assert.ok(back === text, "the file is saved as it was opened");
});

test("a file that is not UTF-8 text is refused and the draft kept", async () => {
  const before = await page.evaluate(() => window.playground.view.state.doc.toString());
  const binary = join(out, "not-a-draft.md");
  writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0x41, 0xc3]));
  await page.setInputFiles("#file", binary);
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("not-a-draft.md"));
  assert.equal(
    await page.textContent("#status"),
    "not-a-draft.md is not UTF-8 text; the draft was not replaced. Save it as UTF-8 and open it again.",
  );
  assert.equal(await page.evaluate(() => window.playground.view.state.doc.toString()), before);
});

test("in a 1 MB draft, a keystroke's diagnostics are shown within one frame (nine keystrokes in ten)", { skip: !bigDraft && "PLAYGROUND_BIG_DRAFT not set" }, async () => {
  const size = statSync(bigDraft).size;
  assert.ok(size >= 1 << 20, `the draft has ${size} bytes`);
  await page.setInputFiles("#file", bigDraft);
  await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("Opened"));
  const found = await page.evaluate(() => window.playground.stats.diagnostics.length);
  assert.ok(found > 0, "the generated draft has its planted mistakes");

  // Typing in the middle of an operative paragraph half-way down.
  const middle = await page.evaluate(() => {
    const text = window.playground.view.state.doc.toString();
    const at = text.indexOf("\n\n", text.length / 2);
    const paragraph = text.indexOf(" *Requests* ", at);
    return paragraph + " *Requests* ".length;
  });
  await putCursor(middle);
  const typed = "the Member States concerned and ";
  const wasm = statSync(join(site, "resolution_playground_bg.wasm")).size;
  // A burst of keystrokes passes when nine in ten show their diagnostics within a frame and the
  // median within half of one. Wall-clock time on a machine shared with other work only ever
  // grows, so a burst that a busy moment spoiled is typed again, three bursts at most; every
  // burst is in the report.
  const bursts = [];
  for (let burst = 0; burst < 3; burst++) {
    await page.evaluate(() => (window.playground.stats.keystrokes = []));
    const before = await page.evaluate(() => window.playground.stats.incremental);
    for (const key of typed) await page.keyboard.type(key);
    await page.keyboard.press("Backspace");
    await page.keyboard.type(" ");
    const { keystrokes, incremental, diagnostics } = await page.evaluate(() => window.playground.stats);
    assert.equal(keystrokes.length, typed.length + 2);
    assert.equal(incremental - before, typed.length + 2, "every keystroke was checked incrementally");
    assert.equal(diagnostics.length, found, "typing words in a paragraph added no problem");
    const sorted = [...keystrokes].sort((a, b) => a - b);
    const round = (ms) => Number(ms.toFixed(2));
    bursts.push({
      medianMs: round(sorted[Math.floor(sorted.length / 2)]),
      p90Ms: round(sorted[Math.floor(sorted.length * 0.9)]),
      worstMs: round(sorted[sorted.length - 1]),
      allMs: keystrokes.map(round),
    });
    console.log(
      `1 MB draft, burst ${burst + 1}: keystroke to diagnostics median ${bursts[burst].medianMs} ms, 90th percentile ${bursts[burst].p90Ms} ms, worst ${bursts[burst].worstMs} ms`,
    );
    if (bursts[burst].medianMs < FRAME_MS / 2 && bursts[burst].p90Ms < FRAME_MS) break;
  }
  const report = { draftBytes: size, diagnostics: found, keystrokesPerBurst: typed.length + 2, wasmBytes: wasm, bursts };
  writeFileSync(join(out, "timings.json"), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`engine: ${wasm} bytes of WebAssembly`);
  await page.screenshot({ path: join(out, "one-megabyte-draft.png") });
  const last = bursts[bursts.length - 1];
  assert.ok(last.medianMs < FRAME_MS / 2, `the median keystroke took ${last.medianMs} ms (half a frame: ${FRAME_MS / 2} ms)`);
  assert.ok(last.p90Ms < FRAME_MS, `one keystroke in ten took ${last.p90Ms} ms or more (one frame: ${FRAME_MS} ms)`);
});

test("nothing left the page, and nothing failed in it", () => {
  assert.deepEqual(outside, []);
  assert.deepEqual(errors, []);
});
