package io.portcullis.policy;

import io.portcullis.InputException;
import io.portcullis.kubernetes.SecurityProfile;
import io.portcullis.match.Severity;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a policy file: the seed's {@code security_gates} block, plus the keys documented in
 * docs/policy.md. Strict on purpose: an unknown key, a wrong type or a negative limit is an
 * error naming file and line, because a typo that silently dropped a gate would weaken it.
 */
public final class PolicyLoader {
    private static final Map<String, Severity> LIMIT_KEYS = Map.of(
            "critical_vulnerabilities", Severity.CRITICAL,
            "high_vulnerabilities", Severity.HIGH,
            "medium_vulnerabilities", Severity.MEDIUM,
            "low_vulnerabilities", Severity.LOW,
            "unknown_vulnerabilities", Severity.UNKNOWN);
    private static final Set<String> GATE_KEYS;
    private static final Set<String> KNOWN_COMPLIANCE = Set.of(CisDockerBenchmark.NAME, PciDss.NAME);
    /** The seed's {@code compliance_requirements} standards: name, the one version judged, its controls. */
    private record Standard(String name, String version, List<String> controls) {
    }
    private static final Map<String, Standard> STANDARDS = Map.of(
            "CIS_DOCKER_BENCHMARK", new Standard(CisDockerBenchmark.NAME, CisDockerBenchmark.VERSION, CisDockerBenchmark.controlIds()),
            "PCI_DSS", new Standard(PciDss.NAME, PciDss.VERSION, PciDss.controlIds()));

    static {
        Set<String> keys = new TreeSet<>(LIMIT_KEYS.keySet());
        keys.addAll(List.of("ignore_unfixed", "deny", "allow", "max_db_age", "compliance",
                "sbom_validation", "signing_required", "kubernetes", "signature_keys", "secrets", "patch_grace_period"));
        GATE_KEYS = Set.copyOf(keys);
    }

    private PolicyLoader() {
    }

    /** Loads and validates a policy file. Throws {@link InputException} naming file and line on any problem. */
    public static Policy load(Path file) {
        Node root = YamlFile.parse(file);
        YamlFile yaml = YamlFile.of(file);
        if (root == null) {
            throw new InputException(file + ": policy file is empty (expected a 'security_gates' mapping)");
        }
        Map<String, Node> top = yaml.mapping(root, "the policy file", Set.of("security_gates", "compliance_requirements", "audit_configuration"));
        Node gates = top.get("security_gates");
        if (gates == null) {
            throw new InputException(yaml.where(root) + ": policy file has no 'security_gates' mapping");
        }
        Node scan = yaml.mapping(gates, "security_gates", Set.of("container_scan")).get("container_scan");
        if (scan == null) {
            throw yaml.error(gates, "'security_gates' has no 'container_scan' mapping");
        }
        Map<String, Node> entries = yaml.mapping(scan, "security_gates.container_scan", GATE_KEYS);

        Map<Severity, Integer> limits = new EnumMap<>(Severity.class);
        LIMIT_KEYS.forEach((key, severity) -> {
            Node value = entries.get(key);
            if (value != null) {
                limits.put(severity, yaml.nonNegativeInt(value, key));
            }
        });
        boolean ignoreUnfixed = entries.containsKey("ignore_unfixed") && yaml.bool(entries.get("ignore_unfixed"), "ignore_unfixed");

        List<String> denyIds = List.of();
        List<String> denyPackages = List.of();
        if (entries.containsKey("deny")) {
            Map<String, Node> deny = yaml.mapping(entries.get("deny"), "deny", Set.of("vulnerabilities", "packages"));
            denyIds = deny.containsKey("vulnerabilities") ? yaml.strings(deny.get("vulnerabilities"), "deny.vulnerabilities") : List.of();
            denyPackages = deny.containsKey("packages") ? yaml.strings(deny.get("packages"), "deny.packages") : List.of();
        }
        List<String> allowIds = List.of();
        if (entries.containsKey("allow")) {
            Map<String, Node> allow = yaml.mapping(entries.get("allow"), "allow", Set.of("vulnerabilities"));
            allowIds = allow.containsKey("vulnerabilities") ? yaml.strings(allow.get("vulnerabilities"), "allow.vulnerabilities") : List.of();
        }
        Duration maxAge = entries.containsKey("max_db_age") ? age(yaml, entries.get("max_db_age"), "max_db_age") : null;
        Duration grace = entries.containsKey("patch_grace_period") ? age(yaml, entries.get("patch_grace_period"), "patch_grace_period")
                : ComplianceRequirements.DEFAULT_PATCH_GRACE_PERIOD;

        List<String> compliance = new ArrayList<>();
        if (entries.containsKey("compliance")) {
            for (String benchmark : yaml.strings(entries.get("compliance"), "compliance")) {
                if (!KNOWN_COMPLIANCE.contains(benchmark)) {
                    throw yaml.error(entries.get("compliance"), "unknown compliance benchmark '" + benchmark
                            + "' (known: cis_benchmark, pci_dss)");
                }
                if (!compliance.contains(benchmark)) {
                    compliance.add(benchmark);
                }
            }
        }
        Map<String, List<String>> chosenControls = top.containsKey("compliance_requirements")
                ? complianceRequirements(yaml, top.get("compliance_requirements")) : Map.of();
        // A standard named in compliance_requirements is required as if listed under compliance.
        chosenControls.keySet().stream().sorted().filter(b -> !compliance.contains(b)).forEach(compliance::add);
        AuditConfiguration audit = top.containsKey("audit_configuration") ? audit(yaml, top.get("audit_configuration")) : AuditConfiguration.DEFAULT;
        SbomRequirement sbomValidation = SbomRequirement.DISABLED;
        if (entries.containsKey("sbom_validation")) {
            String value = yaml.string(entries.get("sbom_validation"), "sbom_validation");
            switch (value) {
                case "required" -> sbomValidation = SbomRequirement.REQUIRED;
                case "optional" -> sbomValidation = SbomRequirement.OPTIONAL;
                case "disabled" -> sbomValidation = SbomRequirement.DISABLED;
                default -> throw yaml.error(entries.get("sbom_validation"),
                        "'sbom_validation' must be required, optional or disabled, got '" + value + "'");
            }
        }
        boolean signingRequired = entries.containsKey("signing_required") && yaml.bool(entries.get("signing_required"), "signing_required");
        List<Path> signatureKeys = new ArrayList<>();
        if (entries.containsKey("signature_keys")) {
            // Relative to the policy file, so a policy and its keys can live together in the repository.
            Path base = file.toAbsolutePath().getParent();
            for (String key : yaml.strings(entries.get("signature_keys"), "signature_keys")) {
                if (key.isBlank()) {
                    throw yaml.error(entries.get("signature_keys"), "'signature_keys' has an empty path");
                }
                signatureKeys.add(base.resolve(key).normalize());
            }
        }

        SecurityProfile kubernetes = entries.containsKey("kubernetes") ? KubernetesPolicyLoader.load(yaml, entries.get("kubernetes")) : null;

        SecretPolicy secrets = entries.containsKey("secrets") ? secrets(yaml, file, entries.get("secrets")) : SecretPolicy.NONE;
        return new Policy(file.toString(), limits, ignoreUnfixed, denyIds, denyPackages, allowIds, maxAge,
                compliance, sbomValidation, signingRequired, kubernetes, signatureKeys, secrets,
                new ComplianceRequirements(chosenControls, grace), audit);
    }

    /**
     * The seed's list of {@code {standard, version, controls}}: each standard's controls are the ones judged and scored.
     * A version other than the one Portcullis judges, a control the standard does not have, or a standard named twice is an error.
     */
    private static Map<String, List<String>> complianceRequirements(YamlFile yaml, Node node) {
        if (!(node instanceof SequenceNode list)) {
            throw yaml.error(node, "'compliance_requirements' must be a list of {standard, version, controls}");
        }
        Map<String, List<String>> chosen = new LinkedHashMap<>();
        for (Node item : list.getValue()) {
            Map<String, Node> entry = yaml.mapping(item, "compliance_requirements", Set.of("standard", "version", "controls"));
            if (!entry.containsKey("standard")) {
                throw yaml.error(item, "a compliance_requirements entry needs 'standard' ("
                        + String.join(" or ", STANDARDS.keySet().stream().sorted().toList()) + ")");
            }
            String name = yaml.string(entry.get("standard"), "standard");
            Standard standard = STANDARDS.get(name);
            if (standard == null) {
                throw yaml.error(entry.get("standard"), "unknown compliance standard '" + name + "' (known: "
                        + String.join(", ", STANDARDS.keySet().stream().sorted().toList()) + ")");
            }
            if (entry.containsKey("version")) {
                String version = yaml.string(entry.get("version"), "version");
                if (!version.equals(standard.version())) {
                    throw yaml.error(entry.get("version"), name + " version '" + version + "' is not judged; Portcullis judges version "
                            + standard.version());
                }
            }
            List<String> controls = new ArrayList<>();
            if (entry.containsKey("controls")) {
                Node controlsNode = entry.get("controls");
                if (!(controlsNode instanceof SequenceNode controlList) || controlList.getValue().isEmpty()) {
                    throw yaml.error(controlsNode, "'controls' of " + name + " must be a non-empty list of control numbers");
                }
                for (Node control : controlList.getValue()) {
                    String id = yaml.string(control, "controls");
                    if (!standard.controls().contains(id)) {
                        throw yaml.error(control, name + " has no control '" + id + "' (known: " + String.join(", ", standard.controls()) + ")");
                    }
                    if (controls.contains(id)) {
                        throw yaml.error(control, "control '" + id + "' of " + name + " is listed twice");
                    }
                    controls.add(id);
                }
            } else {
                controls.addAll(standard.controls());
            }
            if (chosen.put(standard.name(), List.copyOf(controls)) != null) {
                throw yaml.error(entry.get("standard"), "compliance standard " + name + " is listed twice");
            }
        }
        return chosen;
    }

    /** The seed's {@code audit_configuration}: what each audit line carries, the retention period and the audited events. */
    private static AuditConfiguration audit(YamlFile yaml, Node node) {
        Map<String, Node> block = yaml.mapping(node, "audit_configuration", Set.of("retention_period", "audit_events", "audit_trail"));
        Duration retention = block.containsKey("retention_period") ? age(yaml, block.get("retention_period"), "retention_period") : null;
        List<String> events = block.containsKey("audit_events")
                ? known(yaml, block.get("audit_events"), "audit_events", AuditConfiguration.EVENTS) : List.of();
        List<String> fields = block.containsKey("audit_trail")
                ? known(yaml, block.get("audit_trail"), "audit_trail", AuditConfiguration.FIELDS) : AuditConfiguration.FIELDS;
        if (fields.isEmpty()) {
            throw yaml.error(block.get("audit_trail"), "'audit_trail' must name at least one field (known: "
                    + String.join(", ", AuditConfiguration.FIELDS) + ")");
        }
        return new AuditConfiguration(fields, retention, events);
    }

    /** A list of names each from {@code known}, no repeats; the error points at the offending item's line. */
    private static List<String> known(YamlFile yaml, Node node, String key, List<String> known) {
        List<Node> items = node instanceof SequenceNode sequence ? sequence.getValue() : List.of(node);
        List<String> names = new ArrayList<>();
        for (Node item : items) {
            String name = yaml.string(item, key);
            if (!known.contains(name)) {
                throw yaml.error(item, "unknown " + key + " entry '" + name + "' (known: " + String.join(", ", known) + ")");
            }
            if (names.contains(name)) {
                throw yaml.error(item, key + " entry '" + name + "' is listed twice");
            }
            names.add(name);
        }
        return names;
    }

    /** {@code secrets: {allow_paths: [globs], allow_rules: [ids], rules_file: path}}; the file is relative to the policy's directory. */
    private static SecretPolicy secrets(YamlFile yaml, Path file, Node node) {
        Map<String, Node> block = yaml.mapping(node, "secrets", Set.of("allow_paths", "allow_rules", "rules_file"));
        List<String> paths = block.containsKey("allow_paths") ? yaml.strings(block.get("allow_paths"), "secrets.allow_paths") : List.of();
        List<String> rules = block.containsKey("allow_rules") ? yaml.strings(block.get("allow_rules"), "secrets.allow_rules") : List.of();
        Path rulesFile = null;
        if (block.containsKey("rules_file")) {
            Path named = Path.of(yaml.string(block.get("rules_file"), "secrets.rules_file"));
            Path dir = file.toAbsolutePath().getParent();
            rulesFile = named.isAbsolute() || dir == null ? named : dir.resolve(named);
        }
        return new SecretPolicy(paths, rules, rulesFile);
    }

    private static Duration age(YamlFile yaml, Node node, String key) {
        String text = yaml.string(node, key);
        return DurationText.parse(text).orElseThrow(() -> yaml.error(node,
                "'" + key + "' must be a number followed by d, h, m or s (e.g. 7d), got '" + text.trim() + "'"));
    }
}
