import { Command } from 'commander';
import { AppError } from '../errors.ts';
import { analyzeCommand, installModelCommand } from './analyze.ts';
import { analyzeFileCommand } from './analyze-file.ts';
import { classifyCommand } from './classify.ts';
import { demoCommand } from './demo.ts';
import { importCommand } from './import.ts';
import { dataDirOption } from './options.ts';
import { serveCommand } from './serve.ts';
import { tenantCreateCommand } from './tenant.ts';

const program = new Command('hearken')
  .description('Hearken: one customer, one memory, every channel.')
  .showHelpAfterError()
  .configureOutput({ outputError: (text, write) => write(text) });

program
  .command('serve')
  .description('run the HTTP API server')
  .option('--port <port>', 'port to listen on (env PORT, default 3000)')
  .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
  .option('--smtp-port <port>', 'also receive mail over SMTP on this port (env HEARKEN_SMTP_PORT; default: off)')
  .addOption(dataDirOption())
  .action(serveCommand);

const tenant = program.command('tenant').description('manage organisations');
tenant
  .command('create <slug>')
  .description('create an organisation with its first administrator and API token')
  .option('--name <name>', 'display name')
  .option('--admin-email <email>', 'login of the first administrator')
  .option('--json', 'print the result as JSON')
  .addOption(dataDirOption())
  .action(tenantCreateCommand);

program
  .command('import <file>')
  .description('bulk-import contacts from a .jsonl or .csv file')
  .requiredOption('--tenant <slug>', 'organisation to import into')
  .option('--rejects <file>', 'where rejected rows are written (default: <file>.rejects.jsonl)')
  .option('--batch-size <n>', 'rows committed together', '1000')
  .addOption(dataDirOption())
  .action(importCommand);

program
  .command('demo')
  .description('serve Hearken with a demo mobile operator, its teams, agents, customers and their history')
  .option('--port <port>', 'port to listen on (env PORT, default 3000)')
  .option('--host <host>', 'address to listen on (env HOST, default 127.0.0.1)')
  .option('--customers <n>', 'how many demo customers', '3000')
  .option('--smtp-port <port>', 'also receive mail over SMTP on this port (env HEARKEN_SMTP_PORT; default: off)')
  .addOption(dataDirOption().default('./.hearken-demo'))
  .action(demoCommand);

program.addCommand(classifyCommand().addCommand(installModelCommand()));
program.addCommand(analyzeFileCommand());
program.addCommand(analyzeCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof AppError) {
    process.stderr.write(`hearken: ${error.message}\n`);
    process.exit(error.code === 'store_locked' ? 3 : 2);
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`hearken: ${message}\n`);
  process.exit(1);
}
