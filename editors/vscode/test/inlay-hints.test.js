'use strict';
// The client's inlay hint provider yields the server's Ibid. hints: after each Ibid. of the
// reference draft, the footnote of the full citation it stands for.

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

async function hints(document, range) {
    const [entry] = stub.providers('InlayHintsProvider');
    assert.ok(entry, 'the client registered an inlay hint provider');
    const token = new vscode.CancellationTokenSource().token;
    return (await entry.provider.provideInlayHints(document, range, token)) ?? [];
}

test('each Ibid. of the reference draft shows the footnote it stands for', async () => {
    const file = h.copyFixture('tests/fixtures/drafts/ccpcj-21-3.md');
    const document = stub.openDocument(file, 'markdown');
    const all = new vscode.Range(0, 0, document.lineCount, 0);
    const got = await h.waitFor('seven hints', async () => {
        const found = await hints(document, all);
        return found.length === 7 ? found : undefined;
    });
    const lineOf = (n) => document.getText().split('\n').findIndex((l) => l.startsWith(`<sup>${n}</sup>`));
    assert.deepEqual(
        got.map((hint) => [hint.position.line, hint.position.character, hint.label]),
        [
            [lineOf(3), 20, '→ 2'],
            [lineOf(4), 20, '→ 2'],
            [lineOf(5), 20, '→ 2'],
            [lineOf(10), 21, '→ 9'],
            [lineOf(11), 21, '→ 9'],
            [lineOf(12), 19, '→ 9'],
            [lineOf(13), 19, '→ 9'],
        ],
    );
    // Lines 70 and 72 (0-based): footnotes 12 and 13, as the diagnostics place them.
    assert.deepEqual([lineOf(12), lineOf(13)], [70, 72]);
    assert.equal(got[0].paddingLeft, true);
    assert.equal(got[0].tooltip, 'Ibid. in footnote 3 stands for footnote 2: United Nations, *Treaty Series*, vol. 2225, 2237, 2241 and 2326, No. 39574.');
    // The visible range only.
    const some = await hints(document, new vscode.Range(lineOf(10), 0, lineOf(11), 40));
    assert.deepEqual(some.map((hint) => [hint.position.line, hint.label]), [[lineOf(10), '→ 9'], [lineOf(11), '→ 9']]);
    stub.closeDocument(document);
});

test('resolution-ls.inlayHints false turns them off', async () => {
    const file = h.copyFixture('tests/fixtures/drafts/ccpcj-21-3.md', 'off.md');
    const document = stub.openDocument(file, 'markdown');
    const all = new vscode.Range(0, 0, document.lineCount, 0);
    await h.waitFor('hints', async () => (await hints(document, all)).length === 7);
    stub.setConfiguration('resolution-ls.inlayHints', false);
    await h.waitFor('no hints', async () => (await hints(document, all)).length === 0);
    stub.setConfiguration('resolution-ls.inlayHints', true);
    await h.waitFor('hints again', async () => (await hints(document, all)).length === 7);
    stub.closeDocument(document);
});

test('the stub had every vscode API the client reached for', () => {
    assert.equal(api.client.initializeResult.capabilities.inlayHintProvider, true);
    assert.deepEqual([...stub.state.unknownAccesses].filter((n) => n !== 'then'), []);
});
