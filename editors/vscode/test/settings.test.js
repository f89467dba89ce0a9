'use strict';
// Settings reach the server without a restart: in initializationOptions, as didChangeConfiguration
// when they change, and in answers to workspace/configuration; only the ones the user set.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const h = require('./support/harness');

const { vscode, stub } = h;
let extension;
let context;
let api;

/** The JSON after `label` in the trace entry that starts with `prefix` (the last one). */
function traced(prefix, label) {
    const lines = stub.state.outputChannels.flatMap((c) => c.lines).filter((l) => l.startsWith(`[trace] ${prefix}`));
    assert.ok(lines.length > 0, `a trace entry starting with ${prefix}`);
    const entry = lines[lines.length - 1];
    return JSON.parse(entry.slice(entry.indexOf(`${label}: `) + label.length + 2));
}

before(async () => {
    // Trace the protocol (the output's log level is Trace, as after "Developer: Set Log Level…").
    stub.state.outputLogLevel = vscode.LogLevel.Trace;
    stub.setConfiguration('resolution-ls.trace.server', 'verbose');
    stub.setConfiguration('resolution-ls.phrases', { preambular: ['Noting with alarm'] });
    ({ extension, context, api } = await h.activateWithServer());
});

after(async () => {
    await h.deactivate(extension, context);
});

test('initializationOptions carry the settings the user set, and no defaults', () => {
    const params = traced("Sending request 'initialize", 'Params');
    assert.deepEqual(params.initializationOptions, { 'resolution-ls': { phrases: { preambular: ['Noting with alarm'] } } });
    assert.equal(params.clientInfo.name, 'Visual Studio Code (test stub)');
});

test('workspace/configuration is answered with the same settings', async () => {
    await h.waitFor('a workspace/configuration request', () =>
        stub.state.outputChannels.some((c) => c.lines.some((l) => l.startsWith("[trace] Sending response 'workspace/configuration"))),
    );
    const result = traced("Sending response 'workspace/configuration", 'Result');
    assert.deepEqual(result, [{ phrases: { preambular: ['Noting with alarm'] } }]);
});

test('changing resolution-ls.rules reaches the server and changes the diagnostics', async () => {
    const file = h.copyFixture('tests/fixtures/drafts/ccpcj-21-3.md');
    const document = stub.openDocument(file, 'markdown');
    const severities = () => stub.diagnosticsFor(document.uri).map((d) => `${h.ruleOf(d)}:${d.severity}`);
    const W = vscode.DiagnosticSeverity.Warning;
    const E = vscode.DiagnosticSeverity.Error;
    await h.waitFor('two ibid-style warnings', () => severities().join() === `ibid-style:${W},ibid-style:${W}`);
    const client = api.client;

    stub.setConfiguration('resolution-ls.rules', { 'ibid-style': 'off' });
    await h.waitFor('no diagnostics', () => severities().length === 0);
    const sent = traced("Sending notification 'workspace/didChangeConfiguration", 'Params');
    assert.deepEqual(sent.settings, { 'resolution-ls': { phrases: { preambular: ['Noting with alarm'] }, rules: { 'ibid-style': 'off' } } });

    stub.setConfiguration('resolution-ls.rules', { 'ibid-style': 'error' });
    await h.waitFor('two ibid-style errors', () => severities().join() === `ibid-style:${E},ibid-style:${E}`);

    stub.setConfiguration('resolution-ls.rules', undefined);
    await h.waitFor('two ibid-style warnings again', () => severities().join() === `ibid-style:${W},ibid-style:${W}`);

    // The same client and server all along: no restart.
    assert.equal(api.client, client);
    assert.equal(stub.state.outputChannels[0].lines.filter((l) => l.includes('[info] starting ')).length, 1);
    stub.closeDocument(document);
});

test('every server setting is passed on', async () => {
    const values = {
        language: 'fr',
        draft: 'always',
        draftGlobs: ['*.draft.md'],
        ibidForm: 'roman',
        footnoteRepeats: 'new-footnote',
        debounceMs: 50,
        paranoid: true,
    };
    for (const [key, value] of Object.entries(values)) {
        stub.setConfiguration(`resolution-ls.${key}`, value);
    }
    await h.waitFor('the server to log the new settings', () =>
        stub.outputText().includes('language: Some("fr"), draft: Some("always"), draft_globs: Some(["*.draft.md"]), ibid_form: Some("roman"), footnote_repeats: Some("new-footnote")') &&
        stub.outputText().includes('debounce_ms: Some(50), paranoid: true'),
    );
    const sent = traced("Sending notification 'workspace/didChangeConfiguration", 'Params');
    assert.deepEqual(sent.settings['resolution-ls'], { ...values, phrases: { preambular: ['Noting with alarm'] } });
    // The server took them without a warning.
    assert.deepEqual(stub.state.messages.warning, []);
    for (const key of Object.keys(values)) {
        stub.setConfiguration(`resolution-ls.${key}`, undefined);
    }
});

test('a workspace value of resolution-ls.server.path is ignored', async () => {
    stub.setConfiguration('resolution-ls.server.path', '/nonexistent/evil-binary', 'workspace');
    // The server path changed "somewhere": the extension restarts, with the user's binary again.
    await api.ready();
    await h.waitFor('a running client', () => api.client?.isRunning());
    assert.deepEqual(stub.state.messages.error, []);
    assert.match(stub.outputText(), new RegExp(`starting ${h.serverBinary().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(found through resolution-ls.server.path\\)`));
    stub.setConfiguration('resolution-ls.server.path', undefined, 'workspace');
    await api.ready();
});
