import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { Linter } from './engine/linter';
import { DiagnosticsPublisher } from './handlers/diagnostics';
import { EditTracker } from './handlers/documents';
import { relabelHover } from './handlers/relabelHover';
import { relabelCodeLenses, relabelPreview } from './handlers/relabelPreview';
import { RELABEL_PREVIEW_REQUEST, RelabelPreviewParams } from './protocol';
import { uriToPath, WorkspaceSync } from './handlers/workspaceSync';

import { version } from '../../package.json';

if (process.argv.includes('--version')) {
  process.stdout.write(`${version}\n`);
  process.exit(0);
}

const connection = createConnection(ProposedFeatures.all);
const edits = new EditTracker();
const documents = new TextDocuments(edits.configuration);
const linter = new Linter();
let supportsConfiguration = false;
let supportsWatchedFiles = false;

const publisher = new DiagnosticsPublisher(connection, linter, documents, () => sync.scanned);
const sync = new WorkspaceSync(connection, linter, (uri) => documents.get(uri) !== undefined, () => publisher.schedule());

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  supportsConfiguration = capabilities.workspace?.configuration === true;
  supportsWatchedFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  sync.roots = folders.map(uriToPath).filter((p): p is string => p !== undefined);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      workspace: { workspaceFolders: { supported: true } },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'obsconf-language-server' },
  };
});

connection.onInitialized(async () => {
  if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'obsconf' });
  if (supportsWatchedFiles) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/.obsconf.yaml' }],
    });
  }
  await sync.pullClientSettings(supportsConfiguration);
  await sync.scan();
});

connection.onDidChangeConfiguration(() => void sync.settingsChanged(supportsConfiguration));
connection.onDidChangeWatchedFiles((params) => void sync.watchedFilesChanged(params.changes));

documents.onDidChangeContent((event) => {
  linter.setFile(event.document.uri, event.document.getText(), 'editor', event.document.version, edits.take(event.document.uri));
  publisher.schedule();
});
documents.onDidClose((event) => void sync.editorClosed(event.document.uri));

// Relabel configs: hover, preview lenses and the preview request (one hover handler per connection: compose here if another feature needs hovers).
connection.onHover((params) => relabelHover(linter, params));
connection.onCodeLens((params) => relabelCodeLenses(linter, params));
connection.onRequest(RELABEL_PREVIEW_REQUEST, (params: RelabelPreviewParams) => relabelPreview(linter, params));

// A bug must never take the editor's diagnostics down with it.
process.on('uncaughtException', (error) => connection.console.error(`obsconf: ${error.stack ?? error}`));
process.on('unhandledRejection', (error) => connection.console.error(`obsconf: ${(error as Error)?.stack ?? error}`));

documents.listen(connection);
connection.listen();
