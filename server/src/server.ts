import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  InitializeResult,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
} from 'vscode-languageserver/node';
import { Linter } from './engine/linter';
import { DiagnosticsPublisher } from './handlers/diagnostics';
import { relabelHover } from './handlers/relabelHover';
import { collectorCodeLenses, collectorHover, collectorPreviewRequest, collectorSamplesRequest } from './handlers/collectorPreview';
import { COLLECTOR_REQUESTS, CollectorPreviewParams, CollectorSamplesParams } from './protocol';
import { relabelCodeLenses, relabelPreview } from './handlers/relabelPreview';
import { RELABEL_PREVIEW_REQUEST, RelabelPreviewParams } from './protocol';
import { EditTracker } from './handlers/documents';
import { uriToPath } from './engine/workspace/fileNames';
import { WorkspaceSync } from './handlers/workspaceSync';
import { FIX_ALL_KIND, HandlerContext, registerCodeActions } from './handlers/codeActions';
import { registerCommands, SERVER_COMMAND_IDS } from './handlers/commands';
import { registerDefinition } from './handlers/definition';
import { portHover } from './handlers/hover';
import { gunicornHover } from './handlers/gunicornHover';
import { registerReferences } from './handlers/references';
import { registerRename } from './handlers/rename';
import { sloHover } from './handlers/sloHover';
import { sloInlayHints } from './handlers/sloInlayHints';
import { errorBudgetRequest } from './handlers/sloBudget';
import { alertmanagerClusterRequest } from './handlers/generators/alertmanager';
import { reloadServiceRequest } from './handlers/generators/reload';
import { sloRulesRequest } from './handlers/generators/slo';
import { STACK_REQUESTS } from './protocol';

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
let supportsDocumentChanges = false;

const publisher = new DiagnosticsPublisher(connection, linter, documents, () => sync.scanned);
const sync = new WorkspaceSync(connection, linter, (uri) => documents.get(uri) !== undefined, () => publisher.schedule());

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  supportsConfiguration = capabilities.workspace?.configuration === true;
  supportsWatchedFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  supportsDocumentChanges = capabilities.workspace?.workspaceEdit?.documentChanges === true;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  sync.roots = folders.map(uriToPath).filter((p): p is string => p !== undefined);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      workspace: { workspaceFolders: { supported: true } },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite', FIX_ALL_KIND] },
      executeCommandProvider: { commands: SERVER_COMMAND_IDS },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      inlayHintProvider: true,
    },
    serverInfo: { name: 'obsconf-language-server' },
  };
});

connection.onInitialized(async () => {
  if (supportsConfiguration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'obsconf' });
  if (supportsWatchedFiles) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/*.py' }, { globPattern: '**/{Dockerfile,Containerfile,Procfile,*.dockerfile,*.Dockerfile}' }, { globPattern: '**/fixtures/*.json' }, { globPattern: '**/.obsconf.yaml' }, { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }],
    });
  }
  await sync.pullClientSettings(supportsConfiguration);
  await sync.scan();
});

connection.onDidChangeConfiguration(() => void sync.settingsChanged(supportsConfiguration));
connection.onDidChangeWatchedFiles((params) => void sync.watchedFilesChanged(params.changes));

documents.onDidChangeContent((event) => {
  const document = event.document;
  const edit = edits.take(document.uri);
  // After an edit the engine reads only the documents around it; the whole text is joined if something asks for it.
  linter.setFile(document.uri, edit ? () => document.getText() : document.getText(), 'editor', document.version, edit);
  publisher.schedule();
});
documents.onDidClose((event) => void sync.editorClosed(event.document.uri));

// Relabel configs: hover, preview lenses and the preview request (one hover handler per connection: compose here if another feature needs hovers).
connection.onHover((params) => collectorHover(linter, params) ?? gunicornHover(linter, params) ?? relabelHover(linter, params) ?? sloHover(linter, params) ?? portHover(connection, features, params));
connection.onCodeLens((params) => [...relabelCodeLenses(linter, params), ...collectorCodeLenses(linter, params)]);
connection.onRequest(COLLECTOR_REQUESTS.preview, (params: CollectorPreviewParams) => collectorPreviewRequest(linter, params));
connection.onRequest(COLLECTOR_REQUESTS.samples, (params: CollectorSamplesParams) => collectorSamplesRequest(linter, sync.roots, params));
connection.onRequest(RELABEL_PREVIEW_REQUEST, (params: RelabelPreviewParams) => relabelPreview(linter, params));

// Quick fixes, generators, navigation and rename of the numbered metrics ports.
const features: HandlerContext = {
  linter,
  documents,
  isReady: () => sync.scanned,
  supportsDocumentChanges: () => supportsDocumentChanges,
};
registerCodeActions(connection, features);
registerCommands(connection, features);
registerDefinition(connection, features);
registerReferences(connection, features);
registerRename(connection, features);

// SLO objectives (hover, inlay hints, error budget calculator) and the stack generators.
connection.languages.inlayHint.on((params) => sloInlayHints(linter, params));
connection.onRequest(STACK_REQUESTS.errorBudget, errorBudgetRequest);
connection.onRequest(STACK_REQUESTS.generateAlertmanagerCluster, alertmanagerClusterRequest);
connection.onRequest(STACK_REQUESTS.generateReloadService, reloadServiceRequest);
connection.onRequest(STACK_REQUESTS.generateSloRules, sloRulesRequest);

// A bug must never take the editor's diagnostics down with it.
process.on('uncaughtException', (error) => connection.console.error(`obsconf: ${error.stack ?? error}`));
process.on('unhandledRejection', (error) => connection.console.error(`obsconf: ${(error as Error)?.stack ?? error}`));

documents.listen(connection);
connection.listen();
