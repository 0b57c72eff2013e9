package io.portcullis.kubernetes;

import io.portcullis.InputException;
import io.portcullis.check.CheckFinding;
import io.portcullis.check.CheckKind;
import io.portcullis.check.ManifestSite;
import io.portcullis.image.ImageReference;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One workload's pod spec against a {@link SecurityProfile}, combining pod-level and container-level
 * {@code securityContext} as the kubelet does: where both set {@code runAsNonRoot}, {@code runAsUser} or
 * {@code seccompProfile}, the container's value wins; {@code privileged}, {@code allowPrivilegeEscalation},
 * {@code capabilities} and {@code readOnlyRootFilesystem} exist only on containers. Containers, init containers
 * and ephemeral containers are all checked, as the Pod Security Standards check them.
 */
final class WorkloadCheck {
    private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");
    static final List<String> HOST_NAMESPACES = List.of("hostNetwork", "hostPID", "hostIPC");

    private final SecurityProfile profile;
    private final List<CheckFinding> findings = new ArrayList<>();
    private Workload workload;

    private WorkloadCheck(SecurityProfile profile) {
        this.profile = profile;
    }

    static List<CheckFinding> check(Workload workload, SecurityProfile profile) {
        WorkloadCheck check = new WorkloadCheck(profile);
        check.workload = workload;
        check.pod(workload.podSpec());
        return List.copyOf(check.findings);
    }

    private void pod(ManifestObject pod) {
        for (String key : HOST_NAMESPACES) {
            if (!profile.allowedHostNamespaces().contains(key)) {
                if (pod.bool(key).orElse(false)) {
                    add(PodSecurityRule.HOST_NAMESPACE, null, pod.pathOf(key), valueLine(pod, key),
                            key + " is true: the pod shares the node's " + key.substring(4).toLowerCase(Locale.ROOT) + " namespace");
                }
            }
        }
        if (!profile.allowHostPath()) {
            for (ManifestObject volume : pod.objects("volumes")) {
                Optional<ManifestObject> mounted = volume.object("hostPath");
                if (mounted.isEmpty()) {
                    continue;
                }
                ManifestObject hostPath = mounted.get();
                add(PodSecurityRule.HOST_PATH, null, hostPath.path(), volume.keyLine("hostPath"), "volume "
                        + volume.text("name").map(n -> "'" + n + "'").orElse("(unnamed)") + " mounts the node's "
                        + hostPath.text("path").map(p -> "'" + p + "'").orElse("path"));
            }
        }
        Optional<ManifestObject> podContext = pod.object("securityContext");
        for (String list : CONTAINER_LISTS) {
            for (ManifestObject container : pod.objects(list)) {
                container(container, podContext);
            }
        }
    }

    private void container(ManifestObject container, Optional<ManifestObject> podContext) {
        String name = container.text("name").orElse(null);
        Optional<ManifestObject> context = container.object("securityContext");
        String contextPath = container.pathOf("securityContext");
        if (!profile.allowPrivileged() && context.flatMap(c -> c.bool("privileged")).orElse(false)) {
            add(PodSecurityRule.PRIVILEGED, name, contextPath + ".privileged", valueLine(context.get(), "privileged"),
                    "securityContext.privileged is true: the container has every capability and the node's devices");
        }
        if (profile.runAsNonRoot()) {
            runAsNonRoot(container, name, context, podContext);
        }
        if (profile.noPrivilegeEscalation()) {
            Optional<Boolean> escalation = context.flatMap(c -> c.bool("allowPrivilegeEscalation"));
            if (escalation.isEmpty()) {
                add(PodSecurityRule.PRIVILEGE_ESCALATION, name, contextPath + ".allowPrivilegeEscalation", container.line(),
                        "securityContext.allowPrivilegeEscalation is not set; it defaults to true");
            } else if (escalation.get()) {
                add(PodSecurityRule.PRIVILEGE_ESCALATION, name, contextPath + ".allowPrivilegeEscalation",
                        valueLine(context.get(), "allowPrivilegeEscalation"), "securityContext.allowPrivilegeEscalation is true");
            }
        }
        if (profile.readOnlyRootFilesystem()) {
            Optional<Boolean> readOnly = context.flatMap(c -> c.bool("readOnlyRootFilesystem"));
            if (!readOnly.orElse(false)) {
                add(PodSecurityRule.READ_ONLY_ROOT_FILESYSTEM, name, contextPath + ".readOnlyRootFilesystem",
                        readOnly.isPresent() ? valueLine(context.get(), "readOnlyRootFilesystem") : container.line(),
                        "securityContext.readOnlyRootFilesystem is " + (readOnly.isPresent() ? "false" : "not set (it defaults to false)"));
            }
        }
        capabilities(container, name, context, contextPath);
        seccomp(container, name, context, podContext, contextPath);
        image(container, name);
    }

    private void runAsNonRoot(ManifestObject container, String name, Optional<ManifestObject> context, Optional<ManifestObject> podContext) {
        Effective<Boolean> nonRoot = Effective.of(context, podContext, c -> c.bool("runAsNonRoot"), "runAsNonRoot");
        if (nonRoot.value == null) {
            add(PodSecurityRule.RUN_AS_NON_ROOT, name, container.pathOf("securityContext.runAsNonRoot"), container.line(),
                    "runAsNonRoot is set neither on the container nor on the pod: the image's user decides, root unless it names another");
        } else if (!nonRoot.value) {
            add(PodSecurityRule.RUN_AS_NON_ROOT, name, nonRoot.path, nonRoot.line, "runAsNonRoot is false"
                    + (nonRoot.fromPod ? " on the pod, and the container does not override it" : ""));
        }
        Effective<Long> user = Effective.of(context, podContext, c -> c.integer("runAsUser"), "runAsUser");
        if (user.value != null && user.value == 0) {
            add(PodSecurityRule.RUN_AS_NON_ROOT, name, user.path, user.line, "runAsUser is 0 (root)"
                    + (user.fromPod ? " on the pod, and the container does not override it" : ""));
        }
    }

    private void capabilities(ManifestObject container, String name, Optional<ManifestObject> context, String contextPath) {
        Optional<ManifestObject> capabilities = context.flatMap(c -> c.object("capabilities"));
        String path = contextPath + ".capabilities";
        List<String> dropped = capabilities.map(c -> c.texts("drop")).orElse(List.of());
        TreeSet<String> missing = new TreeSet<>(profile.requiredDrops());
        missing.removeAll(dropped);
        if (!missing.isEmpty()) {
            int line = capabilities.flatMap(c -> c.value("drop")).map(ManifestObject::lineOf).orElse(container.line());
            add(PodSecurityRule.CAPABILITIES_DROP, name, path + ".drop", line, "securityContext.capabilities.drop does not list "
                    + String.join(", ", missing) + (dropped.isEmpty() ? " (nothing is dropped)" : " (drops " + String.join(", ", dropped) + ")"));
        }
        if (profile.allowedAdds() != null) {
            TreeSet<String> extra = new TreeSet<>(capabilities.map(c -> c.texts("add")).orElse(List.of()));
            extra.removeAll(profile.allowedAdds());
            if (!extra.isEmpty()) {
                int line = capabilities.flatMap(c -> c.value("add")).map(ManifestObject::lineOf).orElse(container.line());
                add(PodSecurityRule.CAPABILITIES_ADD, name, path + ".add", line, "securityContext.capabilities.add adds "
                        + String.join(", ", extra) + " (allowed: " + (profile.allowedAdds().isEmpty() ? "none"
                        : String.join(", ", new TreeSet<>(profile.allowedAdds()))) + ")");
            }
        }
    }

    private void seccomp(ManifestObject container, String name, Optional<ManifestObject> context, Optional<ManifestObject> podContext,
                         String contextPath) {
        if (profile.seccompTypes().isEmpty()) {
            return;
        }
        Effective<String> type = Effective.of(context.flatMap(c -> c.object("seccompProfile")),
                podContext.flatMap(c -> c.object("seccompProfile")), c -> c.text("type"), "type");
        String accepted = String.join(" or ", new TreeSet<>(profile.seccompTypes()));
        if (type.value == null) {
            add(PodSecurityRule.SECCOMP, name, contextPath + ".seccompProfile.type", container.line(),
                    "seccompProfile is set neither on the container nor on the pod (must be " + accepted + ")");
        } else if (!profile.seccompTypes().contains(type.value)) {
            add(PodSecurityRule.SECCOMP, name, type.path, type.line, "seccompProfile.type is " + type.value
                    + (type.fromPod ? " on the pod, and the container does not override it" : "") + " (must be " + accepted + ")");
        }
    }

    private void image(ManifestObject container, String name) {
        Optional<String> text = container.text("image");
        if (text.isEmpty()) {
            return;
        }
        String path = container.pathOf("image");
        int line = valueLine(container, "image");
        ImageReference reference;
        try {
            reference = ImageReference.parse(text.get());
        } catch (InputException e) {
            add(PodSecurityRule.REGISTRY, name, path, line, "image '" + text.get() + "' is not a valid reference, so its registry is unknown");
            return;
        }
        if (!profile.approvedRegistries().isEmpty()
                && profile.approvedRegistries().stream().noneMatch(p -> RegistryPattern.matches(p, reference))) {
            add(PodSecurityRule.REGISTRY, name, path, line, "image '" + text.get() + "' is from " + reference.registry()
                    + ", not from an approved registry (" + String.join(", ", profile.approvedRegistries()) + ")");
        }
        if (profile.requireDigest() && reference.digest() == null) {
            add(PodSecurityRule.IMAGE_DIGEST, name, path, line, "image '" + text.get() + "' is not pinned by digest (@sha256:...)");
        }
    }

    private static int valueLine(ManifestObject object, String key) {
        return object.value(key).map(ManifestObject::lineOf).orElse(object.line());
    }

    private void add(PodSecurityRule rule, String container, String field, int line, String message) {
        ManifestSite site = new ManifestSite(workload.file(), workload.document(), line, workload.kind(), workload.name(),
                workload.namespace(), container, field, workload.helmSource());
        String subject = site.workload() + (container == null ? "" : " container " + container);
        findings.add(new CheckFinding(CheckKind.KUBERNETES, rule.id(), rule.severity(), rule.title(), subject + ": " + message,
                workload.file() + ":" + line + " " + field, line, null, null, null, null, false, site));
    }

    /** A field that the container sets or else inherits from the pod, with where its value came from. */
    private record Effective<T>(T value, String path, int line, boolean fromPod) {

        static <T> Effective<T> of(Optional<ManifestObject> container, Optional<ManifestObject> pod,
                                   Function<ManifestObject, Optional<T>> read, String key) {
            List<Optional<ManifestObject>> levels = List.of(container, pod);
            for (int i = 0; i < levels.size(); i++) {
                Optional<ManifestObject> level = levels.get(i);
                Optional<T> value = level.flatMap(read);
                if (value.isPresent()) {
                    Node node = level.get().value(key).orElseThrow();
                    return new Effective<>(value.get(), level.get().pathOf(key), ManifestObject.lineOf(node), i == 1);
                }
            }
            return new Effective<>(null, null, 0, false);
        }
    }
}
