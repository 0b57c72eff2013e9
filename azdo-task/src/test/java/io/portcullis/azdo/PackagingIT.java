package io.portcullis.azdo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.testing.ExternalCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tfx-cli only warns about a task that runs on end-of-life Node handlers; the packaging fails on it. */
class PackagingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MODULE = Path.of("azdo-task");

    @Test
    void aTfxWarningFailsThePackaging(@TempDir Path temp) throws Exception {
        Path module = temp.resolve("azdo-task");
        for (String part : List.of("build/package-vsix.js", "build/package.json", "build/package-lock.json", "vss-extension.json",
                "images/icon.png", "ContainerScanV0/index.js", "ContainerScanV0/package.json", "ContainerScanV0/package-lock.json",
                "ContainerScanV0/icon.png")) {
            Files.createDirectories(module.resolve(part).getParent());
            Files.copy(MODULE.resolve(part), module.resolve(part));
        }
        ObjectNode task = (ObjectNode) JSON.readTree(MODULE.resolve("ContainerScanV0/task.json").toFile());
        task.putObject("execution").putObject("Node16").put("target", "index.js");
        JSON.writeValue(module.resolve("ContainerScanV0/task.json").toFile(), task);
        // Reuse the build's installed tfx-cli and task node_modules instead of installing them again.
        Path work = Files.createDirectories(temp.resolve("work"));
        Path builtStage = Path.of(System.getProperty("portcullis.taskStage")).toAbsolutePath();
        Path builtWork = builtStage.resolve("../..").normalize();
        Files.createSymbolicLink(work.resolve("build-tools"), builtWork.resolve("build-tools"));
        Path taskModules = work.resolve("vsix-root/ContainerScanV0/node_modules");
        Files.createDirectories(taskModules.getParent());
        ExternalCommand.run(Duration.ofMinutes(2), "cp", "-a", builtStage.resolve("node_modules").toString(), taskModules.getParent() + "/");
        for (String marker : List.of("build-tools.installed-lock", "task-node-modules.installed-lock")) {
            Files.copy(builtWork.resolve(marker), work.resolve(marker));
        }
        Path vsix = temp.resolve("out/broken.vsix");

        Process process = new ProcessBuilder("node", module.resolve("build/package-vsix.js").toString(),
                System.getProperty("portcullis.runnerJar"), module.resolve("tab/dist").toString(), work.toString(), vsix.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));

        assertNotEquals(0, process.exitValue(), output);
        assertTrue(output.contains("tfx warned while packing the extension"), output);
        assertTrue(output.toLowerCase().contains("end-of-life"), output);
        assertFalse(Files.exists(vsix), "a vsix was left behind");
    }
}
