// The settings the server takes (docs/configuration.md, "Editor settings"). Only the ones the user
// actually set are sent: a value the editor merely defaults would otherwise override the same
// setting in resolution-ls.toml (an editor "language": "auto" would hide a file's `language = "fr"`).

import * as vscode from 'vscode';

export const SECTION = 'resolution-ls';

export const SERVER_KEYS = [
    'language',
    'draft',
    'draftGlobs',
    'ibidForm',
    'footnoteRepeats',
    'italicOpeners',
    'rules',
    'phrases',
    'debounceMs',
    'paranoid',
    'inlayHints',
] as const;

export type ServerSettings = { [key in (typeof SERVER_KEYS)[number]]?: unknown };

export function serverSettings(scope?: vscode.Uri): ServerSettings {
    const config = vscode.workspace.getConfiguration(SECTION, scope);
    const settings: ServerSettings = {};
    for (const key of SERVER_KEYS) {
        const info = config.inspect(key);
        const set =
            info !== undefined &&
            [
                info.globalValue,
                info.workspaceValue,
                info.workspaceFolderValue,
                info.globalLanguageValue,
                info.workspaceLanguageValue,
                info.workspaceFolderLanguageValue,
            ].some((value) => value !== undefined && value !== null);
        if (set) {
            settings[key] = toJson(config.get(key));
        }
    }
    return settings;
}

/** The settings as the server reads them from initializationOptions and didChangeConfiguration. */
export function settingsPayload(scope?: vscode.Uri): { [SECTION]: ServerSettings } {
    return { [SECTION]: serverSettings(scope) };
}

/** `resolution-ls.server.path`, from user settings only (the setting is machine-scoped; a
 * workspace value is never used, whatever the workspace's trust). */
export function configuredServerPath(): string | undefined {
    const info = vscode.workspace.getConfiguration(SECTION).inspect<string>('server.path');
    const value = info?.globalValue;
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

// Configuration values can be proxies; the wire wants plain JSON.
function toJson(value: unknown): unknown {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}
