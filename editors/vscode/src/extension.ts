// The VS Code client of resolution-ls: starts the server for Markdown and `resolution` documents,
// passes the settings on (without a restart), and adds commands for fix-all, renumbering and
// importing a Word draft.

import * as vscode from 'vscode';
import {
    CodeAction,
    CodeActionParams,
    CodeActionRequest,
    CodeActionResolveRequest,
    CodeActionTriggerKind,
    Command,
    ConfigurationParams,
    DidChangeConfigurationNotification,
    DocumentSelector,
    LanguageClient,
    LanguageClientOptions,
    ServerOptions,
    State,
    TransportKind,
} from 'vscode-languageclient/node';
import { findServer } from './server';
import { importWordDraft } from './import-word';

export { findServer } from './server';
import { configuredServerPath, SECTION, serverSettings, settingsPayload } from './settings';

export const CLIENT_ID = 'resolution-ls';
export const FIX_ALL_KIND = 'source.fixAll.resolution-ls';
export const RENUMBER_FOOTNOTES_TITLE = 'Renumber footnotes in reading order';

export const DOCUMENT_SELECTOR: DocumentSelector = [
    { scheme: 'file', language: 'markdown' },
    { scheme: 'file', language: 'resolution' },
];

/** What `activate` returns: for other extensions and for the tests. */
export interface Api {
    /** The running client, if any. */
    readonly client: LanguageClient | undefined;
    /** Settles when the latest start or restart has finished (successfully or not). */
    ready(): Promise<void>;
}

let controller: Controller | undefined;

export function activate(context: vscode.ExtensionContext): Api {
    controller = new Controller(context);
    context.subscriptions.push(controller);
    controller.restart();
    const current = controller;
    return {
        get client() {
            return current.client;
        },
        ready: () => current.ready(),
    };
}

export async function deactivate(): Promise<void> {
    const c = controller;
    controller = undefined;
    await c?.stop();
}

class Controller implements vscode.Disposable {
    client: LanguageClient | undefined;
    private readonly output: vscode.LogOutputChannel;
    private readonly status: vscode.StatusBarItem;
    private readonly disposables: vscode.Disposable[] = [];
    private queue: Promise<void> = Promise.resolve();
    private stopping = false;
    private readonly sentSettings = new WeakMap<LanguageClient, string>();

    constructor(private readonly context: vscode.ExtensionContext) {
        this.output = vscode.window.createOutputChannel('resolution-ls', { log: true });
        this.status = vscode.window.createStatusBarItem('resolution-ls.status', vscode.StatusBarAlignment.Right, 100);
        this.status.name = 'resolution-ls';
        this.status.command = 'resolution-ls.showOutput';
        this.disposables.push(
            this.output,
            this.status,
            vscode.commands.registerCommand('resolution-ls.restartServer', () => this.restart()),
            vscode.commands.registerCommand('resolution-ls.showOutput', () => this.output.show(true)),
            // The explorer passes the clicked file; the command palette passes nothing (a dialog asks).
            vscode.commands.registerCommand('resolution-ls.importWordDraft', (uri?: unknown) =>
                importWordDraft({ output: this.output, extensionPath: this.context.extensionPath }, uri),
            ),
            vscode.commands.registerCommand('resolution-ls.fixAll', () =>
                this.applyServerAction(FIX_ALL_KIND, (a) => a.kind === FIX_ALL_KIND, 'nothing to fix in this draft'),
            ),
            vscode.commands.registerCommand('resolution-ls.renumberFootnotes', () =>
                this.applyServerAction(
                    'refactor.rewrite',
                    (a) => a.title === RENUMBER_FOOTNOTES_TITLE,
                    'the footnotes are already numbered in reading order',
                ),
            ),
            vscode.workspace.onDidChangeConfiguration((e) => {
                if (e.affectsConfiguration(`${SECTION}.server.path`)) {
                    this.output.info('resolution-ls.server.path changed: restarting the server');
                    void this.restart();
                }
            }),
        );
    }

    ready(): Promise<void> {
        return this.queue;
    }

    /** Stops the server if it runs, finds the binary again and starts it. */
    restart(): Promise<void> {
        this.queue = this.queue.then(async () => {
            await this.stopClient();
            await this.startClient();
        });
        return this.queue;
    }

    stop(): Promise<void> {
        this.queue = this.queue.then(() => this.stopClient());
        return this.queue;
    }

    dispose(): void {
        void this.stop();
        for (const d of this.disposables) {
            d.dispose();
        }
    }

    private async startClient(): Promise<void> {
        this.showStatus('starting');
        const found = findServer({ configured: configuredServerPath(), extensionPath: this.context.extensionPath });
        if (!found.ok) {
            this.output.error(found.message);
            this.showStatus('failed', found.message);
            void this.reportMissingServer(found.message);
            return;
        }
        this.output.info(`starting ${found.command} (found through ${found.source === 'setting' ? 'resolution-ls.server.path' : found.source})`);
        const serverOptions: ServerOptions = { command: found.command, transport: TransportKind.stdio };
        const client = new LanguageClient(CLIENT_ID, 'resolution-ls', serverOptions, this.clientOptions());
        this.client = client;
        client.onDidChangeState((e) => {
            if (e.newState === State.Running) {
                this.showStatus('running');
            } else if (e.newState === State.Starting) {
                this.showStatus('starting');
            } else if (e.newState === State.Stopped && !this.stopping && this.client === client) {
                this.showStatus('failed', 'the server stopped; see the output');
            }
        });
        try {
            await client.start();
            this.showStatus('running');
        } catch (error) {
            // The client has already shown the error with a link to the output.
            const message = `could not start ${found.command}: ${error instanceof Error ? error.message : String(error)}`;
            this.output.error(message);
            this.showStatus('failed', message);
        }
    }

    private async stopClient(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        if (client === undefined) {
            return;
        }
        this.stopping = true;
        try {
            await client.dispose(2000);
        } catch (error) {
            this.output.warn(`stopping the server: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
            this.stopping = false;
        }
    }

    private clientOptions(): LanguageClientOptions {
        return {
            documentSelector: DOCUMENT_SELECTOR,
            outputChannel: this.output,
            // The same settings the server would ask for, from the first message on.
            initializationOptions: () => settingsPayload(),
            // Settings changes reach the server as didChangeConfiguration (below) and as answers to
            // workspace/configuration; no restart.
            synchronize: { configurationSection: SECTION },
            // The server computes diagnostics when pulled; pull after every change and save.
            diagnosticPullOptions: { onChange: true, onSave: true },
            middleware: {
                workspace: {
                    configuration: async (params: ConfigurationParams, token, next) => {
                        const answers = await next(params, token);
                        if (!Array.isArray(answers)) {
                            return answers;
                        }
                        return params.items.map((item, i) =>
                            item.section === SECTION
                                ? serverSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
                                : answers[i],
                        );
                    },
                    didChangeConfiguration: async () => {
                        // Only the settings the user set (see settings.ts), never the defaults, and
                        // only when they changed: a change of server.path or trace.server is not
                        // the server's business (and server.path restarts it anyway).
                        const client = this.client;
                        if (client === undefined || client.state === State.Stopped) {
                            return;
                        }
                        const payload = settingsPayload();
                        const json = JSON.stringify(payload);
                        if (this.sentSettings.get(client) === json) {
                            return;
                        }
                        this.sentSettings.set(client, json);
                        await client.sendNotification(DidChangeConfigurationNotification.type, { settings: payload });
                    },
                },
            },
        };
    }

    private showStatus(state: 'starting' | 'running' | 'failed', detail?: string): void {
        switch (state) {
            case 'starting':
                this.status.text = '$(loading~spin) resolution-ls';
                this.status.tooltip = 'resolution-ls: starting the language server';
                this.status.backgroundColor = undefined;
                this.status.show();
                break;
            case 'running':
                this.status.hide();
                break;
            case 'failed':
                this.status.text = '$(error) resolution-ls';
                this.status.tooltip = `resolution-ls: ${detail ?? 'the language server failed'} (click for the output)`;
                this.status.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
                this.status.show();
                break;
        }
    }

    private async reportMissingServer(message: string): Promise<void> {
        const openSettings = 'Open Settings';
        const showOutput = 'Show Output';
        const choice = await vscode.window.showErrorMessage(message, openSettings, showOutput);
        if (choice === openSettings) {
            await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.server.path`);
        } else if (choice === showOutput) {
            this.output.show(true);
        }
    }

    /**
     * Asks the server for the code actions of `kind` over the whole active document, takes the
     * first that `pick` accepts, resolves its edit if it came without one, and applies it.
     * Returns whether an edit was applied.
     */
    private async applyServerAction(kind: string, pick: (a: CodeAction) => boolean, nothing: string): Promise<boolean> {
        const client = this.client;
        const editor = vscode.window.activeTextEditor;
        if (client === undefined || !client.isRunning()) {
            void vscode.window.showWarningMessage('resolution-ls: the language server is not running.');
            return false;
        }
        if (editor === undefined || vscode.languages.match(client.protocol2CodeConverter.asDocumentSelector(DOCUMENT_SELECTOR), editor.document) === 0) {
            void vscode.window.showWarningMessage('resolution-ls: open a Markdown draft first.');
            return false;
        }
        const document = editor.document;
        const end = document.positionAt(document.getText().length);
        const params: CodeActionParams = {
            textDocument: client.code2ProtocolConverter.asTextDocumentIdentifier(document),
            range: { start: { line: 0, character: 0 }, end: { line: end.line, character: end.character } },
            context: { diagnostics: [], only: [kind], triggerKind: CodeActionTriggerKind.Invoked },
        };
        const actions = (await client.sendRequest(CodeActionRequest.type, params)) ?? [];
        // Not CodeAction.is: an action to be resolved lazily has neither edit nor command yet.
        let action = actions.find((a): a is CodeAction => !Command.is(a) && pick(a));
        if (action === undefined) {
            void vscode.window.showInformationMessage(`resolution-ls: ${nothing}.`);
            return false;
        }
        if (action.edit === undefined && action.data !== undefined) {
            action = await client.sendRequest(CodeActionResolveRequest.type, action);
        }
        let applied = false;
        if (action.edit !== undefined) {
            const edit = await client.protocol2CodeConverter.asWorkspaceEdit(action.edit);
            applied = await vscode.workspace.applyEdit(edit);
            if (!applied) {
                void vscode.window.showWarningMessage('resolution-ls: the edit could not be applied (the draft changed meanwhile?).');
            }
        }
        if (action.command !== undefined && Command.is(action.command)) {
            await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
        }
        if (action.edit === undefined && action.command === undefined) {
            void vscode.window.showInformationMessage(`resolution-ls: ${nothing}.`);
        }
        return applied;
    }
}
