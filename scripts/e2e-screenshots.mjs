// npm run screenshots: real VS Code screenshots for the README and the walkthrough, taken with the
// end-to-end runner (code-server + headless chromium). The driver in test/e2e/screens/ puts the
// workbench in each state and asks for a picture; this side waits for the element named in the
// request, saves docs/images/<name>.png, and acknowledges.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInCodeServer } from '../test/e2e/runCodeServer.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const images = join(root, 'docs', 'images');
const REQUEST = '[obsconf-screenshot] ';

for (const [cmd, args] of [
  ['bash', [join(root, 'scripts', 'e2e-setup.sh')]],
  [process.execPath, [join(root, 'scripts', 'build.mjs')]],
  [process.execPath, [join(root, 'test', 'e2e', 'build.mjs')]],
]) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
mkdirSync(images, { recursive: true });

let page;
let runDir;
let pending = Promise.resolve();
const taken = [];
const code = await runInCodeServer({
  extensionTestsPath: join(root, 'out', 'e2e', 'screens', 'index.js'),
  viewport: { width: 1200, height: 750 },
  timeoutSeconds: 180,
  onPage: (p, info) => {
    page = p;
    runDir = info.runDir;
    mkdirSync(join(runDir, 'shots'), { recursive: true });
  },
  onLog: (line) => {
    if (!line.startsWith(REQUEST)) {
      if (process.env.OBSCONF_E2E_VERBOSE) console.log(line);
      return;
    }
    // `frames` names nested iframes to look into (a webview's content sits two frames down).
    // `scrollTo` names an element to bring to the top of its scroll area first.
    const { name, waitForSelector, frames = [], scrollTo } = JSON.parse(line.slice(REQUEST.length));
    // Requests are handled one at a time, in order.
    pending = pending.then(async () => {
      try {
        const scope = frames.reduce((outer, frame) => outer.frameLocator(frame), page);
        await scope.locator(waitForSelector).first().waitFor({ state: 'visible', timeout: 15_000 });
        if (scrollTo) await scope.locator(scrollTo).first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
        // Let the workbench finish the frame it is painting (animations are short).
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        // A name starting with "_" only waits for the element (a step between two pictures).
        if (!name.startsWith('_')) {
          const file = join(images, `${name}.png`);
          await page.screenshot({ path: file });
          taken.push(file);
          console.log(`screenshots: ${file}`);
        }
      } catch (error) {
        console.error(`screenshots: ${name}: ${error.message}`);
      }
      writeFileSync(join(runDir, 'shots', `${name}.done`), '');
    });
  },
});
await pending;
// Palette quantization keeps screenshots of text sharp at a third of the size (they ship in the VSIX).
for (const file of taken) {
  const quantized = spawnSync('pngquant', ['--quality', '70-95', '--speed', '1', '--force', '--skip-if-larger', '--output', file, file]);
  if (quantized.error) console.warn(`screenshots: pngquant: ${quantized.error.message}`);
}
console.log(`screenshots: ${taken.length} taken, exit code ${code}`);
process.exit(code === 0 && taken.length > 0 ? 0 : 1);
