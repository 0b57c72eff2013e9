'use strict';
// The test file MockTestRunner starts: sets the scenario's inputs and agent variables, then runs
// the real index.js with the real azure-pipelines-task-lib (run(true): nothing mocked).
const fs = require('fs');
const path = require('path');

const taskDir = process.env.PORTCULLIS_TASK_DIR;
const scenario = JSON.parse(fs.readFileSync(process.env.PORTCULLIS_SCENARIO, 'utf8'));
const { TaskMockRunner } = require(path.join(taskDir, 'node_modules', 'azure-pipelines-task-lib', 'mock-run'));

const runner = new TaskMockRunner(path.join(taskDir, 'index.js'));
for (const [name, value] of Object.entries(scenario.inputs || {})) {
    runner.setInput(name, value);
}
for (const [name, value] of Object.entries(scenario.env || {})) {
    process.env[name] = value;
}
runner.run(true);
