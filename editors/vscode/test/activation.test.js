'use strict';
// Activation: the client starts the real server, the commands exist, the status bar item shows
// while the server starts and goes once it runs; restart and deactivation stop the old server.

const assert = require('node:assert/strict');
const { test } = require('node:test');
const h = require('./support/harness');

const { stub } = h;
const RUNNING = 2;
const STOPPED = 1;

test('activate, restart, deactivate', async () => {
    const { extension, context, api } = await h.activateWithServer();
    const client = api.client;
    assert.equal(client.state, RUNNING);
    assert.equal(client.initializeResult.serverInfo.name, 'resolution-ls');

    // Commands.
    const commands = [...stub.state.commands.keys()].filter((c) => c.startsWith('resolution-ls.')).sort();
    assert.deepEqual(commands, ['resolution-ls.fixAll', 'resolution-ls.importWordDraft', 'resolution-ls.renumberFootnotes', 'resolution-ls.restartServer', 'resolution-ls.showOutput']);

    // The status bar item showed while starting and is hidden now.
    const [status] = stub.state.statusBarItems;
    assert.match(status.history[0], /^show .*resolution-ls/);
    assert.equal(status.visible, false);
    assert.equal(status.command, 'resolution-ls.showOutput');

    // showOutput shows the extension's output channel (a log channel the client writes to).
    const channel = stub.state.outputChannels.find((c) => c.name === 'resolution-ls');
    assert.ok(channel.isLog);
    await h.vscode.commands.executeCommand('resolution-ls.showOutput');
    assert.equal(channel.shown, 1);

    // Markdown that is not a draft gets nothing; a draft gets its diagnostics.
    const notes = stub.openDocument(h.writeDraft('notes.md', '# Notes\n\nSee Ibid. and *Ibid.*, and <sup>3</sup>.\n'), 'markdown');
    const file = h.copyFixture('tests/fixtures/drafts/ccpcj-21-3.md');
    const document = stub.openDocument(file, 'markdown');
    await h.waitFor('two diagnostics', () => stub.diagnosticsFor(document.uri).length === 2);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(stub.diagnosticsFor(notes.uri), []);

    // A draft opened before a restart still gets diagnostics from the new server.
    await h.vscode.commands.executeCommand('resolution-ls.restartServer');
    await api.ready();
    assert.notEqual(api.client, client);
    assert.equal(client.state, STOPPED);
    assert.equal(api.client.state, RUNNING);
    await h.waitFor('two diagnostics after the restart', () => stub.diagnosticsFor(document.uri).length === 2);
    assert.equal(stub.state.diagnosticCollections.length, 1, 'the old client dropped its collection');
    assert.equal(status.visible, false);

    const second = api.client;
    await h.deactivate(extension, context);
    assert.equal(second.state, STOPPED);
    assert.deepEqual(stub.state.messages.error, []);
});
