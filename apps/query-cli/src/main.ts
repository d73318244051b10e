import { runCli } from './cli';

runCli(process.argv.slice(2), process.env, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then((code) => {
  process.exitCode = code;
});
