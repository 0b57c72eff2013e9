package io.portcullis.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.image.ConfigBlob;
import io.portcullis.image.ImageJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.SortedSet;

/**
 * What the image config blob says about how a container of the image runs and how it was built.
 * Absent fields mean what the runtime makes of them: no {@code User} runs as root, no
 * {@code Healthcheck} has none.
 *
 * @param user the {@code config.User} value, empty when unset
 * @param env {@code config.Env} entries, "NAME=value"
 * @param labels {@code config.Labels}
 * @param exposedPorts {@code config.ExposedPorts} keys ("22/tcp")
 * @param healthcheck a health check is configured and not disabled ({@code Test: ["NONE"]})
 * @param history the build history, oldest first
 */
public record ImageSettings(String user, List<String> env, Map<String, String> labels, SortedSet<String> exposedPorts,
                            boolean healthcheck, List<HistoryStep> history) {

    /**
     * One build step.
     *
     * @param index position in the config's history array
     * @param createdBy the step's command line ({@code created_by}), empty when absent
     * @param emptyLayer the step made no layer (ENV, LABEL, USER...)
     */
    public record HistoryStep(int index, String createdBy, boolean emptyLayer) {
    }

    public ImageSettings {
        env = List.copyOf(env);
        labels = Map.copyOf(labels);
        exposedPorts = new TreeSet<>(exposedPorts);
        history = List.copyOf(history);
    }

    public static ImageSettings parse(ConfigBlob blob, String source) {
        JsonNode root = ImageJson.parse(blob.bytes(), source);
        JsonNode config = root.path("config");
        List<String> env = new ArrayList<>();
        config.path("Env").forEach(e -> env.add(e.asText()));
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        SortedSet<String> ports = new TreeSet<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        JsonNode test = config.path("Healthcheck").path("Test");
        boolean healthcheck = test.isArray() && !test.isEmpty() && !"NONE".equals(test.get(0).asText());
        List<HistoryStep> history = new ArrayList<>();
        JsonNode steps = root.path("history");
        for (int i = 0; i < steps.size(); i++) {
            JsonNode step = steps.get(i);
            history.add(new HistoryStep(i, step.path("created_by").asText(""), step.path("empty_layer").asBoolean(false)));
        }
        return new ImageSettings(config.path("User").asText(""), env, labels, ports, healthcheck, history);
    }

    /**
     * The history step that made each layer, bottom first, or null where the history does not say
     * (absent or inconsistent with the layer count).
     */
    public List<HistoryStep> layerSteps(int layerCount) {
        List<HistoryStep> steps = history.stream().filter(s -> !s.emptyLayer()).toList();
        List<HistoryStep> result = new ArrayList<>();
        for (int i = 0; i < layerCount; i++) {
            result.add(steps.size() == layerCount ? steps.get(i) : null);
        }
        return result;
    }
}
