package io.portcullis.scan;

import io.portcullis.check.CheckFinding;
import io.portcullis.check.CheckKind;
import io.portcullis.config.ConfigCheck;
import io.portcullis.config.ConfigChecks;
import io.portcullis.config.ImageSettings;
import io.portcullis.image.ImageMetadata;
import io.portcullis.layer.LayerSecret;
import io.portcullis.layer.SpecialModeFile;
import io.portcullis.match.Severity;
import io.portcullis.secret.SecretRule;
import io.portcullis.secret.SecretSettings;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns what the layer pass found in files (secrets, setuid/setgid files) into check findings that
 * name the layer and the build step that made it, so the user knows which step leaked or added it.
 */
final class LayerFileChecks {
    /** CIS Docker Benchmark 1.3.1 4.10, "Ensure secrets are not stored in Dockerfiles": a secret a build step copied in is one. */
    static final String SECRETS_CONTROL = "4.10";

    private final ImageMetadata image;
    private final List<String> steps;

    LayerFileChecks(ImageMetadata image) {
        this.image = image;
        this.steps = historySteps(image);
    }

    /** One finding per match not on the allow-list; removed files included, marked. */
    List<CheckFinding> secrets(List<LayerSecret> found, SecretSettings settings) {
        List<CheckFinding> findings = new ArrayList<>();
        for (LayerSecret secret : found) {
            String ruleId = secret.secret().ruleId();
            if (settings.allowList().allows(secret.path(), ruleId)) {
                continue;
            }
            SecretRule rule = settings.rules().byId(ruleId).orElse(null);
            String title = rule == null ? ruleId : rule.title();
            Severity severity = rule == null ? Severity.HIGH : rule.severity();
            String message = title + " in " + secret.path() + " line " + secret.secret().line() + ": " + secret.secret().redacted()
                    + ", " + layerText(secret.layerIndex(), secret.layerDiffId())
                    + (secret.removed() ? "; the file is deleted by a later layer but still in the image's layers" : "");
            findings.add(new CheckFinding(CheckKind.SECRET, ruleId, severity, title, message, secret.path(), secret.secret().line(),
                    secret.layerIndex(), secret.layerDiffId(), step(secret.layerIndex()), SECRETS_CONTROL, secret.removed()));
        }
        return findings;
    }

    /**
     * CIS 4.8 counts the setuid and setgid files the image's own build added: those in the merged filesystem that no
     * OS package's file list names. A distribution's own (su, passwd, mount) come with its packages and their updates;
     * a program copied in with the bit set, or given it by chmod, is the image's decision.
     */
    List<CheckFinding> setuidFiles(List<SpecialModeFile> files) {
        List<CheckFinding> findings = new ArrayList<>();
        ConfigCheck check = ConfigCheck.SETUID_FILE;
        for (SpecialModeFile file : files) {
            if (file.osPackage() != null) {
                continue;
            }
            String bits = file.setuid() && file.setgid() ? "setuid and setgid" : file.setuid() ? "setuid" : "setgid";
            String message = file.path() + " is " + bits + " (mode " + String.format("%04o", file.mode()) + "), "
                    + layerText(file.layerIndex(), file.layerDiffId());
            findings.add(new CheckFinding(CheckKind.CONFIG, check.id(), check.severity(), check.title(), message, file.path(), null,
                    file.layerIndex(), file.layerDiffId(), step(file.layerIndex()), check.cisControl(), false));
        }
        return findings;
    }

    private String layerText(int index, String diffId) {
        String step = step(index);
        return "layer " + index + (diffId == null ? "" : " (" + diffId + ")") + (step == null ? "" : " made by '" + step + "'");
    }

    private String step(int layerIndex) {
        return layerIndex < steps.size() ? steps.get(layerIndex) : null;
    }

    /** The created_by of the non-empty history entry of each layer, redacted; nulls where the history does not say. */
    private static List<String> historySteps(ImageMetadata image) {
        if (image.config() == null) {
            return List.of();
        }
        List<String> shown = new ArrayList<>();
        for (ImageSettings.HistoryStep step : ImageSettings.parse(image.config(), "config of " + image.reference())
                .layerSteps(image.diffIds().size())) {
            shown.add(step == null ? null : ConfigChecks.shownStep(step.createdBy()));
        }
        return shown;
    }
}
