import * as fs from 'fs/promises';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CommandContext } from './types';

export interface OpenExampleArgs {
  /** The folder to copy the example into (asked for when absent). */
  parent?: string;
  /** Open the copied folder in the window (default true). */
  open?: boolean;
}

/** A folder name under `parent` that does not exist yet: obsconf-example, obsconf-example-2, … */
async function freshFolder(parent: string): Promise<string> {
  for (let i = 1; ; i++) {
    const candidate = path.join(parent, i === 1 ? 'obsconf-example' : `obsconf-example-${i}`);
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
}

/**
 * obsconf.openExample: copies the bundled example (a Deployment, a Service and
 * a ServiceMonitor with deliberate breaks) into a folder the user picks, and
 * opens it. Returns the new folder's path.
 */
export async function openExample({ extension, output }: CommandContext, args?: OpenExampleArgs): Promise<string | undefined> {
  let parent = args?.parent;
  if (!parent) {
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: false,
      canSelectFolders: true,
      canSelectMany: false,
      openLabel: 'Copy the example here',
      title: 'obsconf: where should the example go?',
    });
    if (!picked?.length) return undefined;
    parent = picked[0].fsPath;
  }
  const source = extension.asAbsolutePath(path.join('examples', 'broken-app'));
  const target = await freshFolder(parent);
  await fs.cp(source, target, { recursive: true });
  output.info(`Copied the example to ${target}.`);
  if (args?.open !== false) {
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(target), { forceNewWindow: false });
  }
  return target;
}
