package io.portcullis.kubernetes;

import io.portcullis.UserFile;
import io.portcullis.UserYaml;
import io.portcullis.check.CheckFinding;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks Kubernetes manifests (multi-document YAML, {@code helm template} output, {@code List} objects) against
 * a {@link SecurityProfile}. Each file is read like every other user file (size cap, UTF-8, no type tags:
 * {@link UserYaml}); malformed YAML is an input error naming the file, the document and the line.
 */
public final class ManifestCheck {
    /** The comment {@code helm template} writes above each document. */
    private static final Pattern HELM_SOURCE = Pattern.compile("(?m)^# Source: (.+?)\\s*$");

    private ManifestCheck() {
    }

    /**
     * @param base what displayed file names are relative to (the working directory, a CI workspace)
     * @param files manifest files (see {@link ManifestFiles}); relative ones are resolved against {@code base}
     */
    public static ManifestCheckResult check(Path base, List<Path> files, SecurityProfile profile) {
        List<CheckFinding> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int[] workloads = {0};
        Path absoluteBase = base.toAbsolutePath().normalize();
        for (Path given : files) {
            Path file = absoluteBase.resolve(given).normalize();
            String name = file.startsWith(absoluteBase) && !file.equals(absoluteBase) ? absoluteBase.relativize(file).toString() : given.toString();
            Path shown = Path.of(name);
            names.add(name);
            String text = UserFile.TEXT.utf8(file);
            List<HelmSource> sources = helmSources(text);
            int previousEnd = 0;
            for (UserYaml.Document document : UserYaml.documents(shown, text)) {
                if (document.root() == null) {
                    continue;
                }
                int start = document.root().getStartMark().getLine() + 1;
                String helmSource = sourceBetween(sources, previousEnd, start);
                previousEnd = document.root().getEndMark().getLine() + 1;
                ManifestObject root = ManifestObject.of(document.root(), "").orElse(null);
                if (root == null) {
                    notes.add(name + ":" + start + " (document " + document.index() + "): not a mapping; not a Kubernetes object, skipped");
                    continue;
                }
                WorkloadLocator.locate(name, document.index(), helmSource, root, workload -> {
                    workloads[0]++;
                    findings.addAll(WorkloadCheck.check(workload, profile));
                }, notes::add);
            }
        }
        return new ManifestCheckResult(findings, notes, names, workloads[0]);
    }

    private record HelmSource(int line, String template) {
    }

    private static List<HelmSource> helmSources(String text) {
        List<HelmSource> sources = new ArrayList<>();
        Matcher matcher = HELM_SOURCE.matcher(text);
        int line = 1;
        int counted = 0;
        while (matcher.find()) {
            for (; counted < matcher.start(); counted++) {
                if (text.charAt(counted) == '\n') {
                    line++;
                }
            }
            sources.add(new HelmSource(line, matcher.group(1)));
        }
        return sources;
    }

    /** The last {@code # Source:} comment after the previous document and before this one starts. */
    private static String sourceBetween(List<HelmSource> sources, int afterLine, int beforeLine) {
        String found = null;
        for (HelmSource source : sources) {
            if (source.line() > afterLine && source.line() < beforeLine) {
                found = source.template();
            }
        }
        return found;
    }
}
