'use strict';
// No server binary: an error message that names resolution-ls.server.path and says how to install
// the server, a failed status bar item, and no crash. Also the lookup order on its own.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { test } = require('node:test');
const h = require('./support/harness');

const { stub } = h;

function emptyDir() {
    return fs.mkdtempSync(path.join(os.tmpdir(), 'resolution-ls-empty-'));
}

async function activateExpectingFailure(extensionPath) {
    const extension = h.loadExtension();
    const context = h.makeContext(extensionPath);
    const api = extension.activate(context);
    await api.ready();
    return { extension, context, api };
}

test('server.path pointing nowhere: the error names the setting', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = emptyDir();
    stub.state.messages.error.length = 0;
    stub.setConfiguration('resolution-ls.server.path', '/nonexistent/bin/resolution-ls');
    try {
        const { extension, context, api } = await activateExpectingFailure(emptyDir());
        assert.equal(api.client, undefined);
        assert.equal(stub.state.messages.error.length, 1);
        const { message, items } = stub.state.messages.error[0];
        assert.match(message, /resolution-ls\.server\.path/);
        assert.match(message, /\/nonexistent\/bin\/resolution-ls\) does not exist/);
        assert.match(message, /cargo install --path server/);
        assert.deepEqual(items, ['Open Settings', 'Show Output']);
        const status = stub.state.statusBarItems.at(-1);
        assert.equal(status.visible, true);
        assert.match(status.text, /error/);
        // The commands are there and say the server is not running instead of failing.
        assert.equal(await h.vscode.commands.executeCommand('resolution-ls.fixAll'), false);
        assert.match(stub.state.messages.warning.at(-1).message, /not running/);
        await h.deactivate(extension, context);
    } finally {
        process.env.PATH = savedPath;
        stub.setConfiguration('resolution-ls.server.path', undefined);
    }
});

test('no setting, no bundled binary, nothing on PATH: the error names the setting; Open Settings opens it', async () => {
    const savedPath = process.env.PATH;
    process.env.PATH = emptyDir();
    stub.state.messages.error.length = 0;
    // A workspace (not user) value is never used, so it does not count as set.
    stub.setConfiguration('resolution-ls.server.path', h.serverBinary(), 'workspace');
    stub.state.answer = (message, items) => items[0];
    try {
        const { extension, context } = await activateExpectingFailure(emptyDir());
        const { message } = stub.state.messages.error[0];
        assert.match(message, /resolution-ls\.server\.path is not set/);
        assert.match(message, /`resolution-ls` is not on PATH/);
        assert.match(message, /cargo install --path server/);
        await h.waitFor('the settings to open', () => stub.state.executedUnknownCommands.length > 0);
        assert.deepEqual(stub.state.executedUnknownCommands.at(-1), { id: 'workbench.action.openSettings', args: ['resolution-ls.server.path'] });
        await h.deactivate(extension, context);
    } finally {
        process.env.PATH = savedPath;
        stub.state.answer = () => undefined;
        stub.setConfiguration('resolution-ls.server.path', undefined, 'workspace');
    }
});

test('lookup order: setting, then bundled, then PATH', () => {
    const { findServer } = h.loadExtension();
    const binary = h.serverBinary();
    const bundledDir = emptyDir();
    fs.mkdirSync(path.join(bundledDir, 'server'));
    const bundled = path.join(bundledDir, 'server', 'resolution-ls');
    fs.copyFileSync(binary, bundled);
    fs.chmodSync(bundled, 0o644); // as a .vsix may leave it: made executable on lookup
    const pathDir = emptyDir();
    const onPath = path.join(pathDir, 'resolution-ls');
    fs.symlinkSync(binary, onPath);

    assert.deepEqual(findServer({ configured: binary, extensionPath: bundledDir, envPath: pathDir }), { ok: true, command: binary, source: 'setting' });
    assert.deepEqual(findServer({ configured: '', extensionPath: bundledDir, envPath: pathDir }), { ok: true, command: bundled, source: 'bundled' });
    assert.deepEqual(findServer({ configured: undefined, extensionPath: emptyDir(), envPath: `/nonexistent:${pathDir}` }), { ok: true, command: onPath, source: 'PATH' });
    // A bare command name in the setting is looked up on PATH.
    assert.deepEqual(findServer({ configured: 'resolution-ls', extensionPath: bundledDir, envPath: pathDir }), { ok: true, command: onPath, source: 'setting' });
    // A set path that does not work is an error, not a silent fallback to another binary.
    const bad = findServer({ configured: path.join(pathDir, 'nope'), extensionPath: bundledDir, envPath: pathDir });
    assert.equal(bad.ok, false);
    assert.match(bad.message, /resolution-ls\.server\.path/);
    // A file that is not executable is not taken from PATH.
    const notExec = emptyDir();
    fs.writeFileSync(path.join(notExec, 'resolution-ls'), '');
    assert.equal(findServer({ configured: undefined, extensionPath: emptyDir(), envPath: notExec }).ok, false);
});
