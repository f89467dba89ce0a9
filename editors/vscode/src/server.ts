// Finding the resolution-ls binary: the `resolution-ls.server.path` setting, then a binary bundled
// in the extension (`server/resolution-ls`), then `PATH`. Pure Node: no `vscode` import, so the
// lookup can be tested on its own.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const SERVER_PATH_SETTING = 'resolution-ls.server.path';
export const BINARY = 'resolution-ls';

export type ServerSource = 'setting' | 'bundled' | 'PATH';

export interface Found {
    ok: true;
    command: string;
    source: ServerSource;
}

export interface NotFound {
    ok: false;
    /** One line for an error notification; it names the setting and what to do. */
    message: string;
}

export interface LookupInput {
    /** The value of `resolution-ls.server.path` from user settings ('' or undefined when unset). */
    configured: string | undefined;
    /** The extension's folder (where a bundled `server/resolution-ls` would be). */
    extensionPath: string;
    /** Defaults to process.env.PATH. */
    envPath?: string;
    platform?: NodeJS.Platform;
    /** Defaults to process.env.PATHEXT (Windows only). */
    pathExt?: string;
}

const HOW_TO_INSTALL =
    `Install it with \`cargo install --path server\` in the resolution-ls repository (so that ` +
    `\`${BINARY}\` is on PATH), or set ${SERVER_PATH_SETTING} in your user settings to the binary.`;

export function findServer(input: LookupInput): Found | NotFound {
    const platform = input.platform ?? process.platform;
    const envPath = input.envPath ?? process.env.PATH ?? '';
    const pathExt = input.pathExt ?? process.env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM';
    const configured = (input.configured ?? '').trim();

    if (configured !== '') {
        const expanded = expandHome(configured);
        const isBareName = !expanded.includes('/') && !(platform === 'win32' && expanded.includes('\\'));
        if (isBareName) {
            const onPath = searchPath(expanded, envPath, platform, pathExt);
            if (onPath) {
                return { ok: true, command: onPath, source: 'setting' };
            }
            return {
                ok: false,
                message:
                    `resolution-ls: ${SERVER_PATH_SETTING} is "${configured}", but no such command is on PATH. ` +
                    `Set ${SERVER_PATH_SETTING} to the full path of the binary, or clear it to use the bundled ` +
                    `server or the one on PATH. ${HOW_TO_INSTALL}`,
            };
        }
        const absolute = path.resolve(expanded);
        if (isExecutable(absolute, platform)) {
            return { ok: true, command: absolute, source: 'setting' };
        }
        const why = fs.existsSync(absolute) ? 'is not an executable file' : 'does not exist';
        return {
            ok: false,
            message:
                `resolution-ls: the server binary in ${SERVER_PATH_SETTING} (${absolute}) ${why}. ` +
                `Fix ${SERVER_PATH_SETTING}, or clear it to use the bundled server or the one on PATH. ${HOW_TO_INSTALL}`,
        };
    }

    const exe = platform === 'win32' ? `${BINARY}.exe` : BINARY;
    const bundled = path.join(input.extensionPath, 'server', exe);
    if (fs.existsSync(bundled)) {
        if (!isExecutable(bundled, platform)) {
            // A .vsix does not always keep the executable bit.
            try {
                fs.chmodSync(bundled, 0o755);
            } catch {
                // Reported below if it is still not executable.
            }
        }
        if (isExecutable(bundled, platform)) {
            return { ok: true, command: bundled, source: 'bundled' };
        }
    }

    const onPath = searchPath(BINARY, envPath, platform, pathExt);
    if (onPath) {
        return { ok: true, command: onPath, source: 'PATH' };
    }
    return {
        ok: false,
        message:
            `resolution-ls: the language server binary was not found (${SERVER_PATH_SETTING} is not set, ` +
            `the extension bundles no server, and \`${BINARY}\` is not on PATH). ${HOW_TO_INSTALL}`,
    };
}

function expandHome(p: string): string {
    if (p === '~') {
        return os.homedir();
    }
    if (p.startsWith('~/') || p.startsWith('~\\')) {
        return path.join(os.homedir(), p.slice(2));
    }
    return p;
}

function isExecutable(file: string, platform: NodeJS.Platform): boolean {
    try {
        if (!fs.statSync(file).isFile()) {
            return false;
        }
        if (platform !== 'win32') {
            fs.accessSync(file, fs.constants.X_OK);
        }
        return true;
    } catch {
        return false;
    }
}

function searchPath(name: string, envPath: string, platform: NodeJS.Platform, pathExt: string): string | undefined {
    const delimiter = platform === 'win32' ? ';' : ':';
    const extensions =
        platform === 'win32' && path.extname(name) === ''
            ? pathExt.split(';').filter((e) => e !== '')
            : [''];
    for (const dir of envPath.split(delimiter)) {
        if (dir === '') {
            continue;
        }
        for (const ext of extensions) {
            const candidate = path.join(dir, name + ext);
            if (isExecutable(candidate, platform)) {
                return candidate;
            }
        }
    }
    return undefined;
}
