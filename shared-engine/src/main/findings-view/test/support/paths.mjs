// Where the tests find the built bundle and put what they produce. The Maven build passes both;
// run by hand (npm test) they default to shared-engine/target.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
export const repositoryRoot = resolve(here, '../../../../../..');
const engineTarget = resolve(repositoryRoot, 'shared-engine/target');

export const bundleDirectory = process.env.FINDINGS_VIEW_DIST ?? resolve(engineTarget, 'classes/io/portcullis/findings-view');
export const outputDirectory = process.env.FINDINGS_VIEW_TEST_OUTPUT ?? resolve(engineTarget, 'findings-view-test');
export const harnessDirectory = resolve(here, '../harness');
