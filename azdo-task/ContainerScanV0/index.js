'use strict';
// The task's Node entry: finds Java 17+, hands the agent's environment to the Java runner in the
// names it documents, and passes the runner's exit status through. No scanning logic lives here.
//
// azure-pipelines-task-lib is needed because it is the only correct reader of the agent's
// environment: on load it moves INPUT_*, ENDPOINT_AUTH_* and SECRET_* variables into its vault and
// deletes them from process.env, so the runner would otherwise never see them.
const path = require('path');
const { spawnSync } = require('child_process');
const tl = require('azure-pipelines-task-lib/task');

const MINIMUM_JAVA = 17;
const RUNNER_JAR = path.join(__dirname, 'runner', 'portcullis-azdo-runner.jar');
const JAVA_HOME_VARIABLES = ['JAVA_HOME_21_X64', 'JAVA_HOME_17_X64', 'JAVA_HOME'];

function javaMajorVersion(java) {
    const probe = spawnSync(java, ['-XshowSettings:properties', '-version'], { encoding: 'utf8' });
    if (probe.error || probe.status !== 0) {
        return 0;
    }
    const match = /java\.specification\.version = (\d+)/.exec(probe.stderr);
    return match ? parseInt(match[1], 10) : 0;
}

function findJava() {
    const candidates = [];
    for (const variable of JAVA_HOME_VARIABLES) {
        const home = tl.getVariable(variable);
        if (home) {
            candidates.push(path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java'));
        }
    }
    const onPath = tl.which('java', false);
    if (onPath) {
        candidates.push(onPath);
    }
    return candidates.find((java) => javaMajorVersion(java) >= MINIMUM_JAVA);
}

function runnerEnvironment() {
    const env = Object.assign({}, process.env);
    const task = require('./task.json');
    for (const input of task.inputs) {
        const value = tl.getInput(input.name, false);
        if (value !== undefined) {
            env['INPUT_' + input.name.toUpperCase()] = value;
        }
    }
    const connection = tl.getInput('dockerRegistryServiceConnection', false);
    if (connection) {
        const suffix = connection.toUpperCase();
        env['ENDPOINT_URL_' + suffix] = tl.getEndpointUrl(connection, true) || '';
        const auth = tl.getEndpointAuthorization(connection, true);
        if (auth) {
            env['ENDPOINT_AUTH_' + suffix] = JSON.stringify(auth);
            env['ENDPOINT_AUTH_SCHEME_' + suffix] = auth.scheme || '';
            for (const [key, value] of Object.entries(auth.parameters || {})) {
                env['ENDPOINT_AUTH_PARAMETER_' + suffix + '_' + key.toUpperCase()] = value;
            }
        }
    }
    const accessToken = tl.getVariable('System.AccessToken')
        || tl.getEndpointAuthorizationParameter('SystemVssConnection', 'AccessToken', true);
    if (accessToken) {
        env.SYSTEM_ACCESSTOKEN = accessToken;
    }
    const proxy = tl.getHttpProxyConfiguration();
    if (proxy) {
        env.AGENT_PROXYURL = proxy.proxyUrl || '';
        env.AGENT_PROXYUSERNAME = proxy.proxyUsername || '';
        env.AGENT_PROXYPASSWORD = proxy.proxyPassword || '';
        env.AGENT_PROXYBYPASSLIST = JSON.stringify(proxy.proxyBypassHosts || []);
    }
    return env;
}

function main() {
    const java = findJava();
    if (!java) {
        tl.setResult(tl.TaskResult.Failed,
            'ContainerScan needs Java ' + MINIMUM_JAVA + ' or later (looked at JAVA_HOME_21_X64, JAVA_HOME_17_X64, '
            + 'JAVA_HOME and PATH): add a JavaToolInstaller@0 step with versionSpec 17 or 21 before this task');
        process.exitCode = 1;
        return;
    }
    const run = spawnSync(java, ['-jar', RUNNER_JAR], { stdio: 'inherit', env: runnerEnvironment() });
    if (run.error) {
        tl.setResult(tl.TaskResult.Failed, 'could not start the Portcullis runner with ' + java + ': ' + run.error.message);
        process.exitCode = 1;
        return;
    }
    process.exitCode = run.status === null ? 1 : run.status;
}

main();
