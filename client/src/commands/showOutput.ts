import type { CommandContext } from './types';

/** obsconf.showOutput: reveals the obsconf output channel (its log level is set from the channel's menu). */
export function showOutput({ output }: CommandContext): void {
  output.show(true);
}
