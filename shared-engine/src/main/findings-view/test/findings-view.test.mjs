// Every browser case of the findings view, in one run sharing one Chromium and one set of reports.
import { after } from 'node:test';
import { closeSharedContext } from './support/context.mjs';
import './cases/engine-reports.mjs';
import './cases/hostile-strings.mjs';
import './cases/filter-and-sort.mjs';
import './cases/large-report.mjs';
import './cases/advisory-links.mjs';
import './cases/check-findings.mjs';
import './cases/compliance.mjs';

after(closeSharedContext);
