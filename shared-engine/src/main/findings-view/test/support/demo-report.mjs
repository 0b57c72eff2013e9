// Real JSON reports from our engine, made by the CLI from the samples:
// - demo: the demo image (samples/portcullis-demo.docker-save.tar.gz) against samples/osv and the sample
//   policy, with one finding suppressed through an ignore file so the report has a suppressed row;
// - clean: the plain alpine:3.11 image against the GitHub advisories only, which hold nothing for Alpine's
//   packages: an empty result;
// - manifests: `portcullis k8s` over the engine's helm-rendered test manifests against the seed's Kubernetes policy,
//   with the registry violation suppressed, so the report has checks, one of them suppressed, and no findings;
// - compliance: the demo image again with every scan type and an audit log, so the sample policy's
//   cis_benchmark and pci_dss are both judged control by control.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from './paths.mjs';

const run = promisify(execFile);
export const SUPPRESSED_ID = 'GHSA-35jh-r3h4-6jhm';
export const SUPPRESSION_STATEMENT = 'lodash.template is never called with user input here';
export const SUPPRESSED_CHECK = 'PCK-REGISTRY';
export const CHECK_STATEMENT = 'the chart test hook pulls busybox from Docker Hub on purpose';

async function portcullis(args, expectedExit) {
  const classpath = process.env.PORTCULLIS_CLASSPATH;
  if (!classpath) {
    throw new Error('PORTCULLIS_CLASSPATH is not set: the Maven build of shared-engine sets it to the engine classes and their runtime dependencies');
  }
  let exit = 0;
  let stderr = '';
  try {
    await run('java', ['-cp', classpath, 'io.portcullis.cli.PortcullisCli', ...args], { maxBuffer: 16 << 20 });
  } catch (e) {
    exit = e.code;
    stderr = e.stderr;
  }
  if (exit !== expectedExit) throw new Error('portcullis ' + args.join(' ') + ' exited ' + exit + ', expected ' + expectedExit + ': ' + stderr);
}

export async function scanSamples() {
  const samples = resolve(repositoryRoot, 'samples');
  const work = await mkdtemp(join(tmpdir(), 'findings-view-reports-'));
  try {
    const allData = join(work, 'all.db');
    const githubOnly = join(work, 'ghsa.db');
    await portcullis(['db', 'import', '--db', allData, join(samples, 'osv/Alpine.zip'), join(samples, 'osv/GHSA-sample.zip')], 0);
    await portcullis(['db', 'import', '--db', githubOnly, join(samples, 'osv/GHSA-sample.zip')], 0);
    const ignore = join(work, 'portcullisignore.yaml');
    await writeFile(ignore, 'ignore:\n  - id: ' + SUPPRESSED_ID + '\n    statement: ' + SUPPRESSION_STATEMENT + '\n    expires: 2099-12-31\n');
    const demo = join(work, 'demo.json');
    const clean = join(work, 'clean.json');
    // Exit 1: the sample policy fails the demo image on its critical findings, as it should.
    await portcullis(['scan', 'docker-archive:' + join(samples, 'portcullis-demo.docker-save.tar.gz'), '--db', allData,
      '--policy', join(samples, 'policy.yaml'), '--ignorefile', ignore, '--no-cache', '--format', 'json=' + demo], 1);
    await portcullis(['scan', 'docker-archive:' + join(samples, 'alpine-3.11.docker-save.tar.gz'), '--db', githubOnly,
      '--ignorefile', '/dev/null', '--no-cache', '--format', 'json=' + clean], 0);
    const kubernetes = resolve(repositoryRoot, 'shared-engine/src/test/resources');
    const checkIgnore = join(work, 'checks-ignore.yaml');
    await writeFile(checkIgnore, 'ignore:\n  - id: ' + SUPPRESSED_CHECK + '\n    statement: ' + CHECK_STATEMENT + '\n');
    const manifests = join(work, 'manifests.json');
    // Exit 1: the privilege escalation the manifest plants fails the policy's kubernetes rule.
    await portcullis(['k8s', '--policy', join(kubernetes, 'policy/seed-kubernetes.yaml'), '--ignorefile', checkIgnore,
      '--format', 'json=' + manifests, join(kubernetes, 'kubernetes/helm-rendered.yaml')], 1);
    const compliance = join(work, 'compliance.json');
    // Exit 1: the demo image fails the sample policy (and both benchmarks) on its root user and its critical findings.
    await portcullis(['scan', 'docker-archive:' + join(samples, 'portcullis-demo.docker-save.tar.gz'), '--db', allData,
      '--policy', join(samples, 'policy.yaml'), '--scan-type', 'all', '--audit-log', join(work, 'audit.log'),
      '--ignorefile', '/dev/null', '--no-cache', '--format', 'json=' + compliance], 1);
    return {
      demo: JSON.parse(await readFile(demo, 'utf8')),
      clean: JSON.parse(await readFile(clean, 'utf8')),
      manifests: JSON.parse(await readFile(manifests, 'utf8')),
      compliance: JSON.parse(await readFile(compliance, 'utf8')),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
