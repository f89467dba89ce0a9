'use strict';
// Diagnostics from the real server reach the diagnostic collection (vscode-languageclient pulls
// them), a quick fix requested through the client's code action provider clears its diagnostic,
// and the fixAll / renumberFootnotes commands apply the server's edits.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const h = require('./support/harness');

const { vscode, stub } = h;
let extension;
let context;
let api;

before(async () => {
    ({ extension, context, api } = await h.activateWithServer());
});

after(async () => {
    await h.deactivate(extension, context);
});

/** The code actions the client's provider gives for a range, resolved as VS Code would. */
async function codeActions(document, range, diagnostics) {
    const [entry] = stub.providers('CodeActionsProvider');
    assert.ok(entry, 'the client registered a code action provider');
    const token = new vscode.CancellationTokenSource().token;
    const actions = await entry.provider.provideCodeActions(document, range, { diagnostics, triggerKind: vscode.CodeActionTriggerKind.Invoke, only: undefined }, token);
    const resolved = [];
    for (const action of actions ?? []) {
        resolved.push(action.edit === undefined && entry.provider.resolveCodeAction ? await entry.provider.resolveCodeAction(action, token) : action);
    }
    return resolved;
}

test('a draft gets exactly its two ibid-style diagnostics', async () => {
    const file = h.copyFixture('tests/fixtures/drafts/ccpcj-21-3.md');
    const document = stub.openDocument(file, 'markdown');
    const got = await h.waitFor('two diagnostics', () => (stub.diagnosticsFor(document.uri).length === 2 ? stub.diagnosticsFor(document.uri) : undefined));
    assert.deepEqual(got.map(h.ruleOf), ['ibid-style', 'ibid-style']);
    assert.deepEqual(got.map((d) => d.range.start.line).sort((a, b) => a - b), [70, 72]);
    for (const d of got) {
        assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
        assert.match(d.message, /should be written \*Ibid\.\*/);
    }
    // Settles: no third diagnostic arrives later.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(stub.diagnosticsFor(document.uri).length, 2);
    stub.closeDocument(document);
});

test('a quick fix applied through the client clears the diagnostics it fixes', async () => {
    const file = h.copyFixture('tests/fixtures/drafts/ccpcj-21-3.md');
    const document = stub.openDocument(file, 'markdown');
    const diagnostics = await h.waitFor('two diagnostics', () => (stub.diagnosticsFor(document.uri).length === 2 ? stub.diagnosticsFor(document.uri) : undefined));
    const first = diagnostics.find((d) => d.range.start.line === 70);
    const actions = await codeActions(document, first.range, [first]);
    const fix = actions.find((a) => a.kind?.value === 'quickfix');
    assert.ok(fix, `a quick fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(fix.edit, 'the quick fix has an edit');
    // The ibid-style fix is draft-wide: it writes every Ibid. the way the draft mostly does.
    assert.match(fix.title, /Write every Ibid\. as \*Ibid\.\*/);
    assert.deepEqual(fix.diagnostics.map(h.ruleOf), ['ibid-style']);
    const versionBefore = document.version;
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.equal(document.version, versionBefore + 1);
    assert.match(document.lineAt(70).text, /^<sup>12<\/sup> \*Ibid\.\*, vol\. 1582/);
    assert.match(document.lineAt(72).text, /^<sup>13<\/sup> \*Ibid\.\*, vol\. 2178/);
    await h.waitFor('the diagnostics to go', () => stub.diagnosticsFor(document.uri).length === 0);
    stub.closeDocument(document);
});

test('resolution-ls.fixAll applies the safe fixes of source.fixAll.resolution-ls to the active draft', async () => {
    const file = h.copyFixture('examples/draft.res.md');
    const document = stub.openDocument(file, 'resolution');
    await h.waitFor('five diagnostics', () => stub.diagnosticsFor(document.uri).length === 5);
    const applied = await vscode.commands.executeCommand('resolution-ls.fixAll');
    assert.equal(applied, true);
    // Fix all applies the safe fixes only: the undefined footnote's fix (a placeholder
    // definition) adds content, so it is left for the drafter to pick.
    await h.waitFor('only footnote-undefined left', () => h.rules(document.uri).join() === 'footnote-undefined');
    assert.match(document.getText(), /^\*Recalling also\* General Assembly resolution 73\/130/m);
    // Nothing safe left to fix: the command says so and changes nothing.
    const version = document.version;
    assert.equal(await vscode.commands.executeCommand('resolution-ls.fixAll'), false);
    assert.equal(document.version, version);
    assert.match(stub.state.messages.info.at(-1).message, /nothing to fix/);
    stub.closeDocument(document);
});

test('resolution-ls.renumberFootnotes renumbers footnotes in reading order', async () => {
    const text = [
        '*The General Assembly*,',
        '',
        '*Recalling* its resolution 70/1,<sup>2</sup>',
        '',
        '*Noting* the report,<sup>1</sup>',
        '',
        '1. *Decides* to remain seized of the matter.',
        '',
        '---',
        '',
        '<sup>1</sup> A/70/100.',
        '',
        '<sup>2</sup> A/RES/70/1.',
        '',
    ].join('\n');
    const file = h.writeDraft('order.res.md', text);
    const document = stub.openDocument(file, 'resolution');
    await h.waitFor('a footnote-order diagnostic', () => h.rules(document.uri).includes('footnote-order'));
    const applied = await vscode.commands.executeCommand('resolution-ls.renumberFootnotes');
    assert.equal(applied, true);
    assert.match(document.getText(), /resolution 70\/1,<sup>1<\/sup>/);
    assert.match(document.getText(), /the report,<sup>2<\/sup>/);
    assert.match(document.getText(), /<sup>1<\/sup> A\/RES\/70\/1\./);
    await h.waitFor('footnote-order gone', () => !h.rules(document.uri).includes('footnote-order'));
    stub.closeDocument(document);
});

test('diagnostics came by pull, and the stub had every vscode API the client reached for', () => {
    assert.ok(api.client.initializeResult.capabilities.diagnosticProvider, 'the server declares diagnosticProvider');
    assert.deepEqual([...stub.state.unknownAccesses].filter((n) => n !== 'then'), []);
});
