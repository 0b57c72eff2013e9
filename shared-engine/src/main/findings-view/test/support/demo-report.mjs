// A real JSON report from our engine: the CLI imports samples/osv and scans the demo image
// (samples/portcullis-demo.docker-save.tar.gz) against the sample policy, with one finding suppressed
// through an ignore file so the report has every status the view shows.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from './paths.mjs';

const run = promisify(execFile);
export const SUPPRESSED_ID = 'GHSA-35jh-r3h4-6jhm';
export const SUPPRESSION_STATEMENT = 'lodash.template is never called with user input here';

async function portcullis(args, expectedExit) {
  const classpath = process.env.PORTCULLIS_CLASSPATH;
  if (!classpath) {
    throw new Error('PORTCULLIS_CLASSPATH is not set: the Maven build of shared-engine sets it to the engine classes and their runtime dependencies');
  }
  try {
    await run('java', ['-cp', classpath, 'io.portcullis.cli.PortcullisCli', ...args], { maxBuffer: 16 << 20 });
    if (expectedExit !== 0) throw new Error('portcullis ' + args[0] + ' exited 0, expected ' + expectedExit);
  } catch (e) {
    if (e.code !== expectedExit) throw new Error('portcullis ' + args.join(' ') + ' exited ' + e.code + ': ' + e.stderr);
  }
}

export async function scanDemoImage() {
  const samples = resolve(repositoryRoot, 'samples');
  const work = await mkdtemp(join(tmpdir(), 'findings-view-demo-'));
  try {
    const db = join(work, 'portcullis.db');
    const osv = (await readdir(join(samples, 'osv'))).filter((f) => f.endsWith('.zip')).map((f) => join(samples, 'osv', f));
    await portcullis(['db', 'import', '--db', db, ...osv], 0);
    const ignore = join(work, 'portcullisignore.yaml');
    await writeFile(ignore, 'ignore:\n  - id: ' + SUPPRESSED_ID + '\n    statement: ' + SUPPRESSION_STATEMENT + '\n    expires: 2099-12-31\n');
    const report = join(work, 'report.json');
    // Exit 1: the sample policy fails on the critical findings, as it should.
    await portcullis(['scan', 'docker-archive:' + join(samples, 'portcullis-demo.docker-save.tar.gz'), '--db', db,
      '--policy', join(samples, 'policy.yaml'), '--ignorefile', ignore, '--no-cache', '--format', 'json=' + report], 1);
    return JSON.parse(await readFile(report, 'utf8'));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
