package io.portcullis.policy;

import io.portcullis.kubernetes.SecurityProfile;
import org.yaml.snakeyaml.nodes.Node;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy's {@code kubernetes} block. Its {@code security_context} is the seed's {@code SecurityProfile} as
 * users write it: either the whole document ({@code apiVersion}, {@code kind: SecurityProfile}, {@code metadata},
 * {@code spec}) or just its {@code spec}, with the seed's keys ({@code restrictedCapabilities}, or
 * {@code capabilities} as a container writes it, {@code allowPrivilegeEscalation}, {@code readOnlyRootFilesystem},
 * {@code runAsNonRoot}, {@code seccompProfile}) and the baseline ones ({@code privileged}, {@code hostNetwork},
 * {@code hostPID}, {@code hostIPC}, {@code hostPath}). A rule the profile leaves out is not required, except the
 * baseline ones, which hold unless set to true. Without {@code security_context} the built-in restricted profile
 * applies.
 */
final class KubernetesPolicyLoader {
    private static final Set<String> BLOCK_KEYS = Set.of("security_context", "approved_registries", "require_digest");
    private static final Set<String> DOCUMENT_KEYS = Set.of("apiVersion", "kind", "metadata", "spec");
    private static final Set<String> SPEC_KEYS = Set.of("restrictedCapabilities", "capabilities", "allowPrivilegeEscalation",
            "readOnlyRootFilesystem", "runAsNonRoot", "seccompProfile", "privileged", "hostNetwork", "hostPID", "hostIPC", "hostPath");

    private KubernetesPolicyLoader() {
    }

    static SecurityProfile load(YamlFile yaml, Node block) {
        Map<String, Node> entries = yaml.mapping(block, "kubernetes", BLOCK_KEYS);
        SecurityProfile base = entries.containsKey("security_context")
                ? profile(yaml, entries.get("security_context")) : SecurityProfile.restricted();
        List<String> registries = entries.containsKey("approved_registries")
                ? yaml.strings(entries.get("approved_registries"), "approved_registries") : List.of();
        for (String registry : registries) {
            if (registry.isBlank()) {
                throw yaml.error(entries.get("approved_registries"), "'approved_registries' has an empty entry");
            }
        }
        boolean requireDigest = !entries.containsKey("require_digest") || yaml.bool(entries.get("require_digest"), "require_digest");
        return new SecurityProfile(base.runAsNonRoot(), base.readOnlyRootFilesystem(), base.noPrivilegeEscalation(), base.requiredDrops(),
                base.allowedAdds(), base.seccompTypes(), base.allowPrivileged(), base.allowedHostNamespaces(), base.allowHostPath(),
                registries, requireDigest, yaml.where(block));
    }

    private static SecurityProfile profile(YamlFile yaml, Node node) {
        Map<String, Node> spec = specOf(yaml, node);
        if (spec.containsKey("restrictedCapabilities") && spec.containsKey("capabilities")) {
            throw yaml.error(spec.get("capabilities"), "give 'restrictedCapabilities' or 'capabilities', not both");
        }
        Node capabilityNode = spec.containsKey("capabilities") ? spec.get("capabilities") : spec.get("restrictedCapabilities");
        Set<String> drops = Set.of();
        Set<String> adds = null;
        if (capabilityNode != null) {
            Map<String, Node> capabilities = yaml.mapping(capabilityNode, "restrictedCapabilities", Set.of("drop", "add"));
            drops = capabilities.containsKey("drop") ? new LinkedHashSet<>(yaml.strings(capabilities.get("drop"), "drop")) : Set.of();
            adds = capabilities.containsKey("add") ? new LinkedHashSet<>(yaml.strings(capabilities.get("add"), "add")) : Set.of();
        }
        Set<String> seccomp = Set.of();
        if (spec.containsKey("seccompProfile")) {
            Map<String, Node> profile = yaml.mapping(spec.get("seccompProfile"), "seccompProfile", Set.of("type"));
            Node typeNode = profile.get("type");
            if (typeNode == null) {
                throw yaml.error(spec.get("seccompProfile"), "'seccompProfile' needs a 'type' (RuntimeDefault or Localhost)");
            }
            String type = yaml.string(typeNode, "type");
            seccomp = switch (type) {
                // The restricted profile accepts a node-local profile wherever it accepts the runtime's default.
                case "RuntimeDefault" -> SecurityProfile.RESTRICTED_SECCOMP_TYPES;
                case "Localhost" -> Set.of("Localhost");
                default -> throw yaml.error(typeNode, "'seccompProfile.type' must be RuntimeDefault or Localhost, got '" + type + "'");
            };
        }
        Set<String> hostNamespaces = new LinkedHashSet<>();
        for (String key : List.of("hostNetwork", "hostPID", "hostIPC")) {
            if (flag(yaml, spec, key, false)) {
                hostNamespaces.add(key);
            }
        }
        return new SecurityProfile(flag(yaml, spec, "runAsNonRoot", false), flag(yaml, spec, "readOnlyRootFilesystem", false),
                !flag(yaml, spec, "allowPrivilegeEscalation", true), drops, adds, seccomp, flag(yaml, spec, "privileged", false),
                hostNamespaces, flag(yaml, spec, "hostPath", false), List.of(), true, yaml.where(node));
    }

    /** The spec mapping, from either the whole SecurityProfile document or the spec alone. */
    private static Map<String, Node> specOf(YamlFile yaml, Node node) {
        Map<String, Node> top = yaml.mapping(node, "security_context", union(SPEC_KEYS, DOCUMENT_KEYS));
        if (!top.containsKey("spec")) {
            if (top.containsKey("kind") || top.containsKey("apiVersion") || top.containsKey("metadata")) {
                throw yaml.error(node, "'security_context' looks like a SecurityProfile document but has no 'spec'");
            }
            return top;
        }
        for (String key : top.keySet()) {
            if (!DOCUMENT_KEYS.contains(key)) {
                throw yaml.error(node, "'" + key + "' belongs under 'spec' of the SecurityProfile document");
            }
        }
        if (top.containsKey("kind") && !yaml.string(top.get("kind"), "kind").equals("SecurityProfile")) {
            throw yaml.error(top.get("kind"), "'security_context' document must be kind SecurityProfile");
        }
        return yaml.mapping(top.get("spec"), "security_context spec", SPEC_KEYS);
    }

    /** A boolean the profile may leave out, in which case {@code absent} applies. */
    private static boolean flag(YamlFile yaml, Map<String, Node> spec, String key, boolean absent) {
        return spec.containsKey(key) ? yaml.bool(spec.get(key), key) : absent;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}
