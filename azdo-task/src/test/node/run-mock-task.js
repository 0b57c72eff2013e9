'use strict';
// Runs the real task entry (index.js, and through it the real runner jar) under
// azure-pipelines-task-lib's MockTestRunner in its no-mock mode, and writes what it saw as JSON.
//
// usage: node run-mock-task.js <staged task dir> <scenario json> <result json>
// The scenario ({ "inputs": {...}, "env": {...} }) is applied by mock-task-scenario.js.
// HOME must hold the pre-seeded Node that MockTestRunner would otherwise download.
const fs = require('fs');
const path = require('path');

async function main() {
    const [taskDir, scenarioFile, resultFile] = process.argv.slice(2);
    const { MockTestRunner } = require(path.join(taskDir, 'node_modules', 'azure-pipelines-task-lib', 'mock-test'));
    process.env.PORTCULLIS_TASK_DIR = taskDir;
    process.env.PORTCULLIS_SCENARIO = scenarioFile;
    const runner = new MockTestRunner(path.join(__dirname, 'mock-task-scenario.js'), path.join(taskDir, 'task.json'));
    await runner.runAsync();
    fs.writeFileSync(resultFile, JSON.stringify({
        stdout: runner.stdout,
        stderr: runner.stderr,
        succeeded: runner.succeeded,
        nodePath: runner.nodePath,
        warningIssues: runner.warningIssues,
        errorIssues: runner.errorIssues
    }));
}

main().catch((error) => {
    console.error(error && error.stack || String(error));
    process.exit(1);
});
