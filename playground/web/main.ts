// The playground page: CodeMirror 6 over the resolution-ls engine in WebAssembly. Each editor
// change goes to the engine as an edit (UTF-16 offsets, as CodeMirror counts), the engine checks
// through the same CheckCache as the language server, and the diagnostics come back at once, in
// the same task: no debounce, so what is underlined is always the text as it is. Only the outline
// and the detected language (a pass over the whole draft) wait until typing pauses.

import { EditorState, type Extension } from "@codemirror/state";
import {
  Decoration,
  type DecorationSet,
  EditorView,
  MatchDecorator,
  ViewPlugin,
  type ViewUpdate,
  drawSelection,
  highlightActiveLine,
  highlightSpecialChars,
  hoverTooltip,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import {
  type Action,
  type Diagnostic,
  forEachDiagnostic,
  lintGutter,
  lintKeymap,
  setDiagnostics,
} from "@codemirror/lint";
import { Marked, type Tokens } from "marked";
import init, { Playground } from "../pkg/resolution_playground.js";
import reference from "../../tests/fixtures/drafts/ccpcj-21-3.md";

/** The engine's diagnostic, as `Playground.check` gives it. */
interface Found {
  rule: string;
  severity: "error" | "warning" | "info" | "hint";
  from: number;
  to: number;
  line: number;
  message: string;
  related: { from: number; to: number; message: string }[];
  fix: { title: string; safe: boolean } | null;
}

interface Change {
  from: number;
  to: number;
  insert: string;
}

interface FixAction {
  title: string;
  kind: "quickfix" | "refactor";
  safe: boolean;
  rules: string[];
  changes: Change[];
}

interface OutlineItem {
  kind: string;
  name: string;
  detail: string | null;
  line: number;
  from: number;
  to: number;
  children: OutlineItem[];
}

interface RuleDoc {
  id: string;
  level: string;
  summary: string;
  docs: string;
}

/** What the page measured, for its tests (and the status bar). */
interface Stats {
  /** Milliseconds from each keystroke to its diagnostics shown (editor and list). */
  keystrokes: number[];
  /** The last check's diagnostics, as the engine gave them. */
  diagnostics: Found[];
  checks: number;
  incremental: number;
  language: string;
  ready: boolean;
}

declare global {
  interface Window {
    playground: {
      stats: Stats;
      view: EditorView;
      open(text: string, name: string): void;
    };
  }
}

/** The most problems the list shows; the editor underlines them all. */
const LISTED = 500;
/** Files larger than this are refused (as the command line refuses them). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** How long typing must pause before the outline and the detected language are made again. */
const IDLE_MS = 400;

const element = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
};

// Markdown from the engine (hover text, rule documentation) holds the draft's own text: raw HTML
// is shown as text and only links within the page or to the web are links.
const markdownRenderer = new Marked({
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link): string {
      const inner = this.parser.parseInline(token.tokens);
      if (/^(https?:|#)/.test(token.href)) {
        const external = token.href.startsWith("#") ? "" : ' target="_blank" rel="noopener noreferrer"';
        return `<a href="${escapeHtml(token.href)}"${external}>${inner}</a>`;
      }
      return inner;
    },
    image(token: Tokens.Image): string {
      return escapeHtml(token.text);
    },
  },
});

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderMarkdown(text: string): string {
  return markdownRenderer.parse(text, { async: false }) as string;
}

const stats: Stats = {
  keystrokes: [],
  diagnostics: [],
  checks: 0,
  incremental: 0,
  language: "",
  ready: false,
};

let engine: Playground;
let view: EditorView;
let fileName = "ccpcj-21-3.md";
/** How the opened file was written where the editor differs: the editor works on "\n" line
 * breaks and without a byte-order mark; saving writes them back as they were. */
let written = { crlf: false, bom: false };
/** When the key that made the pending change went down. */
let keyDownAt: number | null = null;
/** Set while the whole text is replaced (a file opened): the engine opens it afresh. */
let replacingAll = false;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

const READY = "Ready: the checker runs in this page; nothing is sent anywhere.";

function setStatus(text: string, error = false): void {
  const status = element("status");
  if (status.textContent === text && !error) return;
  status.textContent = text;
  status.classList.toggle("error", error);
}

// ---- Checking ----

/** Applies an editor change to the engine, from the last change back so that each one's offsets
 * (in the text before the transaction) still hold. */
const syncToEngine = EditorView.updateListener.of((update) => {
  if (!update.docChanged) return;
  if (replacingAll) {
    replacingAll = false;
    engine.open(update.state.doc.toString());
  } else {
    const changes: [number, number, string][] = [];
    update.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
      changes.push([fromA, toA, inserted.toString()]);
    });
    for (let i = changes.length - 1; i >= 0; i--) {
      const [from, to, insert] = changes[i];
      engine.edit(from, to, insert);
    }
  }
  // What the status said of the last fix or file no longer holds once the drafter types on.
  if (update.transactions.some((tr) => tr.isUserEvent("input.type") || tr.isUserEvent("delete") || tr.isUserEvent("undo"))) {
    setStatus(READY);
  }
  // A view cannot be updated from inside its own update: the diagnostics go in right after it.
  queueMicrotask(check);
});

function check(): void {
  const checked = JSON.parse(engine.check()) as { diagnostics: Found[]; incremental: boolean };
  stats.checks += 1;
  if (checked.incremental) stats.incremental += 1;
  stats.diagnostics = checked.diagnostics;
  // The editor moves its diagnostics with each change itself; they are replaced only when the
  // engine's differ from where the editor moved them (as the server re-sends only what changed).
  if (!shownAlready(checked.diagnostics)) {
    view.dispatch(setDiagnostics(view.state, checked.diagnostics.map(toEditorDiagnostic)));
  }
  showProblems(checked.diagnostics);
  if (keyDownAt !== null) {
    const took = performance.now() - keyDownAt;
    keyDownAt = null;
    stats.keystrokes.push(took);
    element("timing").textContent = `checked in ${took.toFixed(1)} ms`;
  }
  clearTimeout(idleTimer);
  idleTimer = setTimeout(whenIdle, IDLE_MS);
}

/** Whether the editor shows exactly `found` already. */
function shownAlready(found: Found[]): boolean {
  let i = 0;
  let same = true;
  forEachDiagnostic(view.state, (d, from, to) => {
    const f = found[i++];
    same &&= f !== undefined && f.from === from && f.to === to && f.rule === d.source && f.message === d.message && f.severity === d.severity;
  });
  return same && i === found.length;
}

function toEditorDiagnostic(found: Found): Diagnostic {
  const actions: Action[] = [];
  if (found.fix) {
    const title = found.fix.safe ? found.fix.title : `${found.fix.title} (unsafe: review it)`;
    // The range where the editor has moved the diagnostic since.
    actions.push({ name: title, apply: (_view, from, to) => applyQuickFix(found.rule, from, to) });
  }
  return {
    from: found.from,
    to: found.to,
    severity: found.severity,
    source: found.rule,
    message: found.message,
    renderMessage: () => {
      const out = document.createElement("span");
      out.textContent = found.message;
      out.append(" ", ruleLink(found.rule));
      return out;
    },
    actions,
  };
}

function ruleLink(rule: string): HTMLAnchorElement {
  const link = document.createElement("a");
  link.href = `#rule-${rule}`;
  link.className = "cm-diagnostic-rule";
  link.textContent = rule;
  link.title = `What ${rule} reports, and why`;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    showHelp(rule);
  });
  return link;
}

/** Applies the fix of the `rule` diagnostic at `from..to`, computed now on the current text. */
function applyQuickFix(rule: string, from: number, to: number): void {
  const actions = JSON.parse(engine.fixes_at(from, to)) as FixAction[];
  const action = actions.find((a) => a.kind === "quickfix" && a.rules.includes(rule));
  if (!action) {
    setStatus(`The fix for ${rule} no longer applies here.`, true);
    return;
  }
  view.dispatch({ changes: action.changes, userEvent: "input.fix" });
  setStatus(`Applied: ${action.title}`);
  view.focus();
}

function fixAll(): void {
  const fixed = JSON.parse(engine.fix_all()) as {
    changes: Change[];
    applied: number;
    by_rule: [string, number][];
    unsafe_left: number;
  };
  if (fixed.changes.length === 0) {
    setStatus("Nothing to fix: no safe fix applies.");
    return;
  }
  view.dispatch({ changes: fixed.changes, userEvent: "input.fix" });
  const byRule = fixed.by_rule.map(([rule, n]) => `${rule} ${n}`).join(", ");
  const left = fixed.unsafe_left > 0 ? `; ${fixed.unsafe_left} unsafe left to review one by one` : "";
  setStatus(`Applied ${fixed.applied} fix${fixed.applied === 1 ? "" : "es"} (${byRule})${left}.`);
}

// ---- The problem list ----

let listed = "";
/** The diagnostics the list's items stand for, by index: the last check's. */
let current: Found[] = [];

function showProblems(found: Found[]): void {
  current = found;
  element("count").textContent = String(found.length);
  // The same list as before (an edit that moved nothing to another line) is left as it is.
  const key = found
    .slice(0, LISTED)
    .map((d) => `${d.line}:${d.rule}:${d.message}:${d.fix?.title}`)
    .join("\n");
  if (key === listed && found.length <= LISTED) return;
  listed = key;
  const list = element<HTMLOListElement>("problem-list");
  const items: HTMLLIElement[] = [];
  if (found.length === 0) {
    const none = document.createElement("li");
    none.className = "none";
    none.textContent = "No problems found.";
    items.push(none);
  }
  found.slice(0, LISTED).forEach((d, index) => {
    const item = document.createElement("li");
    item.className = d.severity;
    item.dataset.rule = d.rule;
    const where = document.createElement("span");
    where.className = "where";
    const dot = document.createElement("span");
    dot.className = `sev ${d.severity}`;
    dot.title = d.severity;
    where.append(dot, `line ${d.line}`);
    const rule = document.createElement("span");
    rule.className = "rule";
    rule.append(ruleLink(d.rule));
    const message = document.createElement("span");
    message.className = "message";
    message.textContent = d.message;
    item.append(where, rule, message);
    if (d.fix) {
      const button = document.createElement("button");
      button.className = "fix";
      button.textContent = d.fix.safe ? d.fix.title : `${d.fix.title} (unsafe: review it)`;
      button.addEventListener("click", (event) => {
        event.stopPropagation();
        const now = current[index];
        applyQuickFix(now.rule, now.from, now.to);
      });
      item.append(button);
    }
    item.addEventListener("click", () => jumpTo(current[index].from, current[index].to));
    items.push(item);
  });
  if (found.length > LISTED) {
    const more = document.createElement("li");
    more.className = "more";
    more.textContent = `… and ${found.length - LISTED} more, underlined in the draft.`;
    items.push(more);
  }
  list.replaceChildren(...items);
}

function jumpTo(from: number, to: number): void {
  view.dispatch({
    selection: { anchor: from, head: to },
    effects: EditorView.scrollIntoView(from, { y: "center" }),
  });
  view.focus();
}

// ---- When typing pauses: outline, language ----

function whenIdle(): void {
  stats.language = engine.language();
  showLanguage();
  showOutline();
}

function showLanguage(): void {
  const picker = element<HTMLSelectElement>("language");
  const auto = picker.options[0];
  const name = [...picker.options].find((o) => o.value === stats.language)?.textContent ?? stats.language;
  auto.textContent = `Auto (${name})`;
}

function showOutline(): void {
  const items = JSON.parse(engine.outline()) as OutlineItem[];
  const list = element<HTMLOListElement>("outline-list");
  const rows: HTMLLIElement[] = [];
  const groups: Record<string, string> = {
    preamble: "Preamble",
    operative: "Operative part",
    footnote: "Footnotes",
    section: "Operative part",
  };
  let group = "";
  const row = (item: OutlineItem, depth: number) => {
    const li = document.createElement("li");
    li.className = depth > 0 ? "child" : item.kind;
    li.append(item.name || "(no opener)");
    if (item.detail) {
      const detail = document.createElement("span");
      detail.className = "detail";
      detail.textContent = ` ${item.detail}`;
      li.append(detail);
    }
    li.title = `line ${item.line}`;
    li.addEventListener("click", () => jumpTo(item.from, item.to));
    rows.push(li);
    for (const child of item.children) row(child, depth + 1);
  };
  for (const item of items) {
    const heading = groups[item.kind];
    if (heading && heading !== group) {
      group = heading;
      const li = document.createElement("li");
      li.className = "group";
      li.textContent = heading;
      rows.push(li);
    }
    row(item, 0);
  }
  if (rows.length === 0) {
    const li = document.createElement("li");
    li.className = "group";
    li.textContent = "Nothing of a draft yet: start with an organ line such as *The General Assembly*,";
    rows.push(li);
  }
  list.replaceChildren(...rows);
}

// ---- Highlighting ----

// The draft's own marks, found in the visible lines only: a full Markdown parser costs tens of
// milliseconds a keystroke in a 1 MB draft, this costs nothing outside the viewport.
const marks = new MatchDecorator({
  regexp: /^#{1,6} .*|^---+\s*$|<!--.*?-->|<sup>[^<\n]*<\/sup>|\[\^[^\]\n]+\](?::)?|^\d+\.(?= )|\*[^*\n]+\*/g,
  decoration: (match) => {
    const text = match[0];
    const kind = text.startsWith("#")
      ? "heading"
      : text.startsWith("---")
        ? "break"
        : text.startsWith("<!--")
          ? "comment"
          : text.startsWith("<sup>") || text.startsWith("[^")
            ? "marker"
            : text.startsWith("*")
              ? "italic"
              : "number";
    return Decoration.mark({ class: `cm-draft-${kind}` });
  },
});

const highlightDraft = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = marks.createDeco(view);
    }
    update(update: ViewUpdate) {
      this.decorations = marks.updateDeco(update, this.decorations);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

// ---- Hover ----

const hover = hoverTooltip((_view, pos) => {
  const found = JSON.parse(engine.hover(pos)) as { markdown: string; from: number; to: number } | null;
  if (!found) return null;
  return {
    pos: found.from,
    end: found.to,
    above: true,
    create() {
      const dom = document.createElement("div");
      dom.className = "hover";
      dom.innerHTML = renderMarkdown(found.markdown);
      return { dom };
    },
  };
});

// ---- Help ----

function fillHelp(): void {
  element("guide").innerHTML = renderMarkdown(Playground.guide());
  const rules = JSON.parse(Playground.rules()) as RuleDoc[];
  const container = element("rules");
  const index = document.createElement("p");
  index.append(`${rules.length} rules: `);
  rules.forEach((rule, i) => {
    const link = document.createElement("a");
    link.href = `#rule-${rule.id}`;
    link.textContent = rule.id;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      showHelp(rule.id);
    });
    index.append(i > 0 ? ", " : "", link);
  });
  container.append(index);
  for (const rule of rules) {
    const section = document.createElement("section");
    section.id = `rule-${rule.id}`;
    section.innerHTML = renderMarkdown(rule.docs || `## ${rule.id} (${rule.level})\n\n${rule.summary}`);
    container.append(section);
  }
}

function showTab(name: "problems" | "outline" | "help"): void {
  for (const tab of ["problems", "outline", "help"]) {
    element(`tab-${tab}`).setAttribute("aria-selected", String(tab === name));
    element(tab).hidden = tab !== name;
  }
}

function showHelp(rule?: string): void {
  showTab("help");
  const target = rule ? document.getElementById(`rule-${rule}`) : element("help");
  target?.scrollIntoView({ block: "start" });
  if (rule) window.history.replaceState(null, "", `#rule-${rule}`);
}

// ---- Files ----

/** Replaces the draft with `text` (the engine opens it afresh). */
function open(text: string, name: string): void {
  replacingAll = true;
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    selection: { anchor: 0 },
    scrollIntoView: true,
  });
  fileName = name;
  element("file-name").textContent = name;
  whenIdle();
}

async function openFile(file: File): Promise<void> {
  if (file.size > MAX_FILE_BYTES) {
    setStatus(`${file.name} is larger than 64 MiB; the draft was not replaced.`, true);
    return;
  }
  let text: string;
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    // The decoder drops a byte-order mark; whether there was one is read from the bytes.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    setStatus(`${file.name} is not UTF-8 text; the draft was not replaced. Save it as UTF-8 and open it again.`, true);
    return;
  }
  if (text.includes("\u0000")) {
    setStatus(`${file.name} is a binary file, not a Markdown draft; the draft was not replaced.`, true);
    return;
  }
  written = { crlf: text.includes("\r\n"), bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf };
  open(text, file.name);
  setStatus(`Opened ${file.name}.`);
}

function save(): void {
  let text = view.state.doc.toString();
  if (written.crlf) text = text.replace(/\n/g, "\r\n");
  if (written.bom) text = `\uFEFF${text}`;
  const blob = new Blob([text], { type: "text/markdown;charset=utf-8" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = /\.(md|markdown|txt)$/i.test(fileName) ? fileName : `${fileName}.md`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 0);
  setStatus(`Saved as ${link.download} (in your downloads).`);
}

// ---- Start ----

function extensions(): Extension[] {
  return [
    lineNumbers(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    highlightDraft,
    EditorView.lineWrapping,
    lintGutter(),
    hover,
    keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
    syncToEngine,
  ];
}

async function start(): Promise<void> {
  await init({ module_or_path: "resolution_playground_bg.wasm" });
  engine = new Playground();
  engine.open(reference);
  view = new EditorView({
    state: EditorState.create({ doc: reference, extensions: extensions() }),
    parent: element("editor"),
  });
  // Measured from the key going down, before the editor has seen it.
  view.contentDOM.addEventListener(
    "keydown",
    () => {
      keyDownAt = performance.now();
      // The outline waits for the next pause, not in between a key and its diagnostics.
      clearTimeout(idleTimer);
    },
    { capture: true },
  );
  window.playground = { stats, view, open };

  element("open").addEventListener("click", () => element<HTMLInputElement>("file").click());
  element<HTMLInputElement>("file").addEventListener("change", (event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (file) void openFile(file);
    input.value = "";
  });
  element("save").addEventListener("click", save);
  element("fix-all").addEventListener("click", fixAll);
  element("help-button").addEventListener("click", () => showHelp());
  element("tab-problems").addEventListener("click", () => showTab("problems"));
  element("tab-outline").addEventListener("click", () => showTab("outline"));
  element("tab-help").addEventListener("click", () => showTab("help"));
  element<HTMLSelectElement>("language").addEventListener("change", (event) => {
    engine.set_language((event.target as HTMLSelectElement).value);
    check();
    whenIdle();
  });

  fillHelp();
  check();
  whenIdle();
  const hash = location.hash.match(/^#rule-([a-z-]+)$/);
  if (hash) showHelp(hash[1]);
  setStatus(READY);
  stats.ready = true;
}

start().catch((error: unknown) => {
  setStatus(`The checker could not start: ${String(error)}`, true);
  console.error(error);
});
