import { loadConfig } from './config';
import { runCommand } from './cli/run-command';
import { serveCommand } from './cli/serve-command';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.command === 'serve') await serveCommand(config);
  else await runCommand(config);
}

main().catch((error: Error) => {
  console.error(`[simulator] ${error.name === 'ConfigError' ? '' : 'failed: '}${error.message}`);
  process.exit(1);
});
