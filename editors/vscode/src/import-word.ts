// The "Import Word draft" command: runs `resolution-ls import DRAFT.docx -o DRAFT.md` with the
// same binary the language client runs, then opens DRAFT.md beside the current editor. The CLI
// writes the file whole (through a temporary file), so a failed import leaves nothing behind.

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findServer } from './server';
import { configuredServerPath } from './settings';

const OVERWRITE = 'Overwrite';
const SHOW_OUTPUT = 'Show Output';

export interface ImportContext {
    output: vscode.LogOutputChannel;
    extensionPath: string;
}

interface RunResult {
    code: number | null;
    stderr: string;
    /** Set when the binary could not be run at all (not found, not executable). */
    spawnError?: string;
}

/** `draft.docx` -> `draft.md` in the same folder. */
export function markdownTargetFor(docx: string): string {
    const parsed = path.parse(docx);
    return path.join(parsed.dir, `${parsed.name}.md`);
}

/**
 * Imports the `.docx` at `uri` (the file clicked in the explorer), or one picked in an open
 * dialog. Returns the Markdown file written, or undefined when nothing was written.
 */
export async function importWordDraft(ctx: ImportContext, uri?: unknown): Promise<vscode.Uri | undefined> {
    const source = uri instanceof vscode.Uri ? uri : await pickDocx();
    if (source === undefined) {
        return undefined;
    }
    if (source.scheme !== 'file') {
        void vscode.window.showErrorMessage(`resolution-ls: can only import a Word draft on disk (not ${source.scheme}:).`);
        return undefined;
    }
    const docx = source.fsPath;
    const name = path.basename(docx);
    if (path.extname(docx).toLowerCase() !== '.docx') {
        void vscode.window.showErrorMessage(`resolution-ls: ${name} is not a Word draft; choose a .docx file.`);
        return undefined;
    }
    const target = markdownTargetFor(docx);
    if (fs.existsSync(target)) {
        const choice = await vscode.window.showWarningMessage(
            `${path.basename(target)} already exists beside ${name}. Overwrite it with the import of ${name}?`,
            { modal: true },
            OVERWRITE,
        );
        if (choice !== OVERWRITE) {
            return undefined;
        }
    }

    const found = findServer({ configured: configuredServerPath(), extensionPath: ctx.extensionPath });
    if (!found.ok) {
        ctx.output.error(found.message);
        void vscode.window.showErrorMessage(found.message);
        return undefined;
    }
    ctx.output.info(`importing ${docx} into ${target} with ${found.command}`);
    const result = await run(found.command, ['import', docx, '-o', target]);
    const lines = result.stderr.split(/\r?\n/).filter((l) => l.trim() !== '');
    const warnings = lines.filter((l) => l.startsWith('warning:'));
    for (const line of lines) {
        if (line.startsWith('warning:')) {
            ctx.output.warn(line.replace(/^warning:\s*/, ''));
        } else {
            ctx.output.error(line);
        }
    }
    if (result.code !== 0) {
        const error = result.spawnError ?? lines.find((l) => l.startsWith('error:'))?.replace(/^error:\s*/, '') ?? lines.at(-1);
        const message = `resolution-ls: could not import ${name}: ${error ?? `the import exited with status ${result.code}`}`;
        ctx.output.error(message);
        void vscode.window.showErrorMessage(message);
        return undefined;
    }

    const targetUri = vscode.Uri.file(target);
    const document = await vscode.workspace.openTextDocument(targetUri);
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
    if (warnings.length > 0) {
        const what = warnings.length === 1 ? '1 part' : `${warnings.length} parts`;
        void vscode.window
            .showInformationMessage(
                `resolution-ls: imported ${name}; ${what} could not be carried over (tables, images, comments…): see the output.`,
                SHOW_OUTPUT,
            )
            .then((choice) => {
                if (choice === SHOW_OUTPUT) {
                    ctx.output.show(true);
                }
            });
    } else {
        void vscode.window.showInformationMessage(`resolution-ls: imported ${name} with nothing left out.`);
    }
    return targetUri;
}

async function pickDocx(): Promise<vscode.Uri | undefined> {
    const picked = await vscode.window.showOpenDialog({
        canSelectFiles: true,
        canSelectFolders: false,
        canSelectMany: false,
        openLabel: 'Import',
        title: 'Import Word draft',
        filters: { 'Word documents': ['docx'] },
    });
    return picked?.[0];
}

function run(command: string, args: string[]): Promise<RunResult> {
    return new Promise((resolve) => {
        // No shell: the paths go to the binary as they are.
        execFile(command, args, { maxBuffer: 16 * 1024 * 1024, windowsHide: true }, (error, _stdout, stderr) => {
            if (error === null) {
                resolve({ code: 0, stderr });
                return;
            }
            const code = typeof error.code === 'number' ? error.code : null;
            resolve({ code, stderr, spawnError: code === null ? `could not run ${command} (${error.message})` : undefined });
        });
    });
}
