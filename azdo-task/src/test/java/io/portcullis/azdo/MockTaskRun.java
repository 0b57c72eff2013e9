package io.portcullis.azdo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.testing.ExternalCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One run of the staged task (real index.js, real runner jar) under MockTestRunner, driven by
 * src/test/node/run-mock-task.js, with a temporary HOME holding a pre-seeded Node (never downloaded)
 * and a fresh AGENT_TEMPDIRECTORY, so nothing is written into the checkout.
 */
final class MockTaskRun {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DRIVER = Path.of("azdo-task/src/test/node/run-mock-task.js");
    private static final AtomicInteger RUNS = new AtomicInteger();

    record Result(String stdout, String stderr, boolean succeeded, String nodePath) {
        List<AgentCommandParser.ParsedCommand> stdoutCommands() {
            return AgentCommandParser.commands(stdout);
        }

        /** The commands the runner printed: task-lib's own task.debug lines left out. */
        List<AgentCommandParser.ParsedCommand> taskCommands() {
            return stdoutCommands().stream().filter(c -> !c.name().equals("task.debug")).toList();
        }

        List<String> taskCommandNames() {
            return taskCommands().stream().map(AgentCommandParser.ParsedCommand::name).toList();
        }

        List<AgentCommandParser.ParsedCommand> named(String name) {
            return taskCommands().stream().filter(c -> c.name().equals(name)).toList();
        }

        AgentCommandParser.ParsedCommand complete() {
            List<AgentCommandParser.ParsedCommand> complete = named("task.complete");
            if (complete.size() != 1) {
                throw new AssertionError("expected one task.complete, got " + complete + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return complete.get(0);
        }

        Map<String, String> outputVariables() {
            Map<String, String> variables = new LinkedHashMap<>();
            named("task.setvariable").forEach(c -> variables.put(c.property("variable"), c.data()));
            return variables;
        }

        @Override
        public String toString() {
            return "stdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private final Path taskStage;
    private final Path home;
    private final Path work;

    MockTaskRun(Path taskStage, Path work) {
        this.taskStage = taskStage;
        this.work = work;
        this.home = work.resolve("home");
    }

    /** Puts a Node where MockTestRunner looks before it would download one, for the task's newest handler. */
    Path preseedNode() throws IOException {
        String mockTest = Files.readString(taskStage.resolve("node_modules/azure-pipelines-task-lib/mock-test.js"));
        int major = 0;
        JsonNode execution = JSON.readTree(read(taskStage.resolve("task.json"))).get("execution");
        for (var names = execution.fieldNames(); names.hasNext(); ) {
            Matcher digits = Pattern.compile("(?i)node(\\d+)").matcher(names.next());
            if (digits.lookingAt()) {
                major = Math.max(major, Integer.parseInt(digits.group(1)));
            }
        }
        Matcher version = Pattern.compile("\\b" + major + ": '(v[0-9.]+)'").matcher(mockTest);
        if (!version.find()) {
            throw new AssertionError("MockTestRunner names no Node version for node" + major);
        }
        Path download = home.resolve("azure-pipelines-task-lib/_download");
        Path bin = Files.createDirectories(download.resolve("node" + major).resolve("node-" + version.group(1) + "-linux-x64/bin"));
        Path node = ExternalCommand.require("node").toRealPath();
        Files.deleteIfExists(bin.resolve("node"));
        Files.createSymbolicLink(bin.resolve("node"), node);
        Files.writeString(download.resolve("node" + major + ".completed"), "");
        return bin.resolve("node");
    }

    Result run(Map<String, String> inputs, Map<String, String> env) throws IOException, InterruptedException {
        int n = RUNS.incrementAndGet();
        Path scenario = work.resolve("scenario-" + n + ".json");
        Path result = work.resolve("result-" + n + ".json");
        Path agentTemp = Files.createDirectories(work.resolve("agent-temp-" + n));
        Map<String, Object> document = new LinkedHashMap<>();
        Map<String, String> agentEnv = new LinkedHashMap<>();
        agentEnv.put("AGENT_TEMPDIRECTORY", agentTemp.toString());
        agentEnv.put("SYSTEM_DEFAULTWORKINGDIRECTORY", Path.of("").toAbsolutePath().toString());
        agentEnv.putAll(env);
        document.put("inputs", inputs);
        document.put("env", agentEnv);
        JSON.writeValue(scenario.toFile(), document);

        ProcessBuilder builder = new ProcessBuilder("node", DRIVER.toString(), taskStage.toString(), scenario.toString(), result.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("driver-" + n + ".log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("INPUT_") || k.startsWith("ENDPOINT_") || k.startsWith("AGENT_")
                || k.startsWith("SYSTEM_") || k.startsWith("BUILD_") || k.startsWith("JAVA_HOME_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the task did not finish within 10 minutes");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("run-mock-task.js failed:\n" + Files.readString(work.resolve("driver-" + n + ".log")));
        }
        JsonNode seen = JSON.readTree(result.toFile());
        return new Result(seen.get("stdout").asText(), seen.get("stderr").asText(), seen.get("succeeded").asBoolean(),
                seen.get("nodePath").asText());
    }

    /** Files under the download directory: only what {@link #preseedNode} put there means nothing was downloaded. */
    List<Path> downloadedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(home.resolve("azure-pipelines-task-lib/_download"))) {
            return new ArrayList<>(files.filter(p -> !Files.isDirectory(p)).toList());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
