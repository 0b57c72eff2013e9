package io.portcullis.azdo;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's environment as the runner sees it: task inputs as {@code INPUT_<NAME>}, variables
 * as their names upper-cased with {@code .} turned into {@code _} (Agent.TempDirectory is
 * AGENT_TEMPDIRECTORY), service connections as {@code ENDPOINT_*_<ID>}.
 */
final class TaskEnvironment {

    private final Map<String, String> env;

    TaskEnvironment(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** A non-blank input, trimmed. */
    Optional<String> input(String name) {
        return nonBlank(env.get("INPUT_" + name.toUpperCase(Locale.ROOT).replace(' ', '_')));
    }

    boolean booleanInput(String name, boolean defaultValue) {
        Optional<String> value = input(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new TaskInputException("input " + name + " must be true or false, not '" + value.get() + "'");
        };
    }

    /**
     * A file path input. The agent hands an empty filePath input to the task as the default working
     * directory, so that directory means "not set"; a relative path is relative to it.
     */
    Optional<Path> pathInput(String name) {
        Optional<String> value = input(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Path> base = variable("System.DefaultWorkingDirectory").map(Path::of);
        Path path = base.map(b -> b.resolve(value.get())).orElse(Path.of(value.get())).normalize();
        for (String defaulted : List.of("System.DefaultWorkingDirectory", "Build.SourcesDirectory")) {
            if (variable(defaulted).map(d -> Path.of(d).normalize().equals(path)).orElse(false)) {
                return Optional.empty();
            }
        }
        return Optional.of(path);
    }

    /** A comma- or newline-separated input, each entry trimmed, empty entries left out. */
    List<String> listInput(String name) {
        return input(name).map(v -> Arrays.stream(v.split("[,\\r\\n]+")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** A pipeline variable or agent setting by its name ("Build.BuildId"). */
    Optional<String> variable(String name) {
        return nonBlank(env.get(name.toUpperCase(Locale.ROOT).replace('.', '_').replace(' ', '_')));
    }

    /** A raw environment entry, for the documented {@code ENDPOINT_*} names. */
    Optional<String> raw(String name) {
        return nonBlank(env.get(name));
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
