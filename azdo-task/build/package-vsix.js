'use strict';
// Packs the extension: stages the task folder (with its production node_modules and the runner
// jar), the tab's built files and the manifest under the build directory, then runs tfx-cli.
// tfx only warns about many broken manifests and task.json files, so any warning fails the build.
//
// usage: node package-vsix.js <runner jar> <tab dist dir> <work dir> <output vsix>
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const [runnerJar, tabDist, workDir, outputVsix] = process.argv.slice(2);
if (!outputVsix) {
    console.error('usage: node package-vsix.js <runner jar> <tab dist dir> <work dir> <output vsix>');
    process.exit(2);
}
const moduleDir = path.resolve(__dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command, args, cwd) {
    const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
    if (result.error || result.status !== 0) {
        console.error(result.stdout || '', result.stderr || '');
        throw new Error(command + ' ' + args.join(' ') + ' failed in ' + cwd + ' with ' + (result.error || result.status));
    }
    return (result.stdout || '') + (result.stderr || '');
}

/** npm ci into dir unless its installed tree already matches the lock file and arguments (a re-build keeps it). */
function installFromLock(dir, extraArgs, marker) {
    const installed = marker;
    const lock = extraArgs.join(' ') + '\n' + fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8');
    if (fs.existsSync(installed) && fs.readFileSync(installed, 'utf8') === lock) {
        return;
    }
    run(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'].concat(extraArgs), dir);
    fs.writeFileSync(installed, lock);
}

function copyInto(from, to) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.cpSync(from, to, { recursive: true });
}

const toolsDir = path.join(workDir, 'build-tools');
copyInto(path.join(__dirname, 'package.json'), path.join(toolsDir, 'package.json'));
copyInto(path.join(__dirname, 'package-lock.json'), path.join(toolsDir, 'package-lock.json'));
installFromLock(toolsDir, [], path.join(workDir, 'build-tools.installed-lock'));

const stage = path.join(workDir, 'vsix-root');
const taskStage = path.join(stage, 'ContainerScanV0');
const keptModules = path.join(workDir, 'task-node-modules');
if (fs.existsSync(path.join(taskStage, 'node_modules'))) {
    fs.rmSync(keptModules, { recursive: true, force: true });
    fs.renameSync(path.join(taskStage, 'node_modules'), keptModules);
}
fs.rmSync(stage, { recursive: true, force: true });
for (const file of ['task.json', 'index.js', 'package.json', 'package-lock.json', 'icon.png']) {
    copyInto(path.join(moduleDir, 'ContainerScanV0', file), path.join(taskStage, file));
}
if (fs.existsSync(keptModules)) {
    fs.renameSync(keptModules, path.join(taskStage, 'node_modules'));
}
installFromLock(taskStage, ['--omit=dev', '--no-bin-links'], path.join(workDir, 'task-node-modules.installed-lock'));
copyInto(runnerJar, path.join(taskStage, 'runner', 'portcullis-azdo-runner.jar'));
copyInto(path.join(moduleDir, 'images'), path.join(stage, 'images'));

const manifest = JSON.parse(fs.readFileSync(path.join(moduleDir, 'vss-extension.json'), 'utf8'));
if (fs.existsSync(path.join(tabDist, 'results-tab.html'))) {
    copyInto(tabDist, path.join(stage, 'tab'));
} else {
    // The tab is built by its own step; without it the extension still ships the task.
    console.log('package-vsix: ' + tabDist + '/results-tab.html not built: packaging without the Container Security tab');
    manifest.files = manifest.files.filter((entry) => entry.path !== 'tab');
    manifest.contributions = manifest.contributions.filter((c) => c.type !== 'ms.vss-build-web.build-results-tab');
}
fs.writeFileSync(path.join(stage, 'vss-extension.json'), JSON.stringify(manifest, null, 2));

fs.mkdirSync(path.dirname(outputVsix), { recursive: true });
fs.rmSync(outputVsix, { force: true });
const tfx = path.join(toolsDir, 'node_modules', 'tfx-cli', '_build', 'tfx-cli.js');
const output = run(process.execPath, [tfx, 'extension', 'create', '--root', stage, '--manifests', 'vss-extension.json',
    '--output-path', outputVsix, '--no-prompt', '--no-color'], stage);
if (/warn/i.test(output)) {
    fs.rmSync(outputVsix, { force: true });
    console.error(output);
    throw new Error('tfx warned while packing the extension (see above); fix the manifest or task.json');
}
if (!fs.existsSync(outputVsix)) {
    console.error(output);
    throw new Error('tfx did not write ' + outputVsix);
}
console.log('package-vsix: wrote ' + outputVsix);
