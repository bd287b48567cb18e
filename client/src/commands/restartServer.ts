import type { CommandContext } from './types';

/** obsconf.restartServer: stops the server (waiting for its process to end) and starts a new one. */
export async function restartServer({ server, output }: CommandContext): Promise<void> {
  try {
    await server.restart();
  } catch (error) {
    output.error(`Restart failed: ${(error as Error).message}`);
    output.show(true);
  }
}
