package io.portcullis.check;

import io.portcullis.match.Severity;

import java.util.Objects;

/**
 * One misconfiguration or leaked secret. It goes through the same suppressions, gates and report
 * formats as a vulnerability finding; nothing in it holds a secret in clear (messages carry
 * {@link io.portcullis.secret.Redaction redacted} values only).
 *
 * @param kind configuration or secret
 * @param ruleId the stable id of the check ("PCC-4.1-ROOT-USER", "PCS-AWS-SECRET-KEY"): what ignore entries name
 * @param severity how bad it is
 * @param title the check's one-line name
 * @param message what was found, naming the evidence (config field, history step, file)
 * @param location where: a config field ("config.User"), a history step ("history[3]") or a file path
 * @param line the 1-based line in that file, or null where the finding is not in a file's text
 * @param layerIndex position of the layer holding the evidence (0 for the bottom one), or null for config fields
 * @param layerDiffId the layer holding the evidence, or null for config fields
 * @param historyStep the history entry ({@code created_by}) that made that layer, or null
 * @param cisControl CIS Docker Benchmark 1.3.1 control ("4.1"), or null where none applies
 * @param removed the file was deleted by a later layer (it is still in the image's blobs)
 * @param manifest for a Kubernetes finding, the manifest file, document, line, workload, container and field; else null
 */
public record CheckFinding(CheckKind kind, String ruleId, Severity severity, String title, String message, String location,
                           Integer line, Integer layerIndex, String layerDiffId, String historyStep, String cisControl, boolean removed,
                           ManifestSite manifest) {

    /** A finding about the image (config, history or a layer file). */
    public CheckFinding(CheckKind kind, String ruleId, Severity severity, String title, String message, String location,
                        Integer line, Integer layerIndex, String layerDiffId, String historyStep, String cisControl, boolean removed) {
        this(kind, ruleId, severity, title, message, location, line, layerIndex, layerDiffId, historyStep, cisControl, removed, null);
    }

    public CheckFinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
    }

    /** "PCC-4.1-ROOT-USER at config.User": how gate rules and reports name it. */
    public String key() {
        return ruleId + " at " + location;
    }
}
