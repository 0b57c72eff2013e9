package io.portcullis.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Finds the pod specs in a manifest document: the workload kinds (and {@code List} objects of them), each at the
 * path its kind keeps its pod template under. Kinds that never hold a pod (Service, ConfigMap, RBAC, ...) are
 * passed over silently; any other kind is skipped with a note, since it may well run pods (an Argo Rollout, a
 * Knative Service) that nobody checked.
 */
final class WorkloadLocator {
    /** Where each known kind keeps its pod spec, from the object's root. */
    private static final Map<String, List<String>> POD_SPEC_PATHS = Map.of(
            "Pod", List.of("spec"),
            "Deployment", List.of("spec", "template", "spec"),
            "StatefulSet", List.of("spec", "template", "spec"),
            "DaemonSet", List.of("spec", "template", "spec"),
            "ReplicaSet", List.of("spec", "template", "spec"),
            "ReplicationController", List.of("spec", "template", "spec"),
            "Job", List.of("spec", "template", "spec"),
            "CronJob", List.of("spec", "jobTemplate", "spec", "template", "spec"),
            "PodTemplate", List.of("template", "spec"));

    /** Built-in kinds without a pod template: nothing to check, nothing to say. */
    private static final Set<String> WITHOUT_PODS = Set.of(
            "Service", "ConfigMap", "Secret", "ServiceAccount", "Namespace", "Endpoints", "EndpointSlice", "Event",
            "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding", "Ingress", "IngressClass", "NetworkPolicy",
            "PersistentVolume", "PersistentVolumeClaim", "StorageClass", "VolumeAttachment", "CSIDriver", "CSINode",
            "HorizontalPodAutoscaler", "PodDisruptionBudget", "PriorityClass", "LimitRange", "ResourceQuota", "Lease",
            "RuntimeClass", "CustomResourceDefinition", "APIService", "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
            "CertificateSigningRequest", "FlowSchema", "PriorityLevelConfiguration", "ControllerRevision");

    private WorkloadLocator() {
    }

    /**
     * @param root the document's root mapping
     * @param found receives each workload
     * @param notes receives one line per skipped object
     */
    static void locate(String file, int document, String helmSource, ManifestObject root, Consumer<Workload> found,
                       Consumer<String> notes) {
        String where = file + ":" + root.line() + " (document " + document + ")";
        Optional<String> kind = root.text("kind");
        if (kind.isEmpty()) {
            notes.accept(where + ": " + (root.path().isEmpty() ? "" : root.path() + ": ") + "no 'kind'; not a Kubernetes object, skipped");
            return;
        }
        if (isList(kind.get(), root)) {
            for (ManifestObject item : root.objects("items")) {
                locate(file, document, helmSource, item, found, notes);
            }
            return;
        }
        List<String> specPath = POD_SPEC_PATHS.get(kind.get());
        if (specPath == null) {
            if (!WITHOUT_PODS.contains(kind.get())) {
                notes.accept(where + ": kind " + kind.get() + root.text("apiVersion").map(v -> " (" + v + ")").orElse("")
                        + (root.path().isEmpty() ? "" : " at " + root.path())
                        + " is not a kind Portcullis checks; skipped (its pods, if any, are not checked)");
            }
            return;
        }
        Optional<ManifestObject> metadata = root.object("metadata");
        String name = metadata.flatMap(m -> m.text("name")).orElse(null);
        String namespace = metadata.flatMap(m -> m.text("namespace")).orElse(null);
        Optional<ManifestObject> podSpec = Optional.of(root);
        for (String key : specPath) {
            podSpec = podSpec.flatMap(o -> o.object(key));
        }
        if (podSpec.isEmpty()) {
            notes.accept(where + ": " + kind.get() + " " + (name == null ? "(unnamed)" : name) + " has no pod spec at "
                    + (root.path().isEmpty() ? "" : root.path() + ".") + String.join(".", specPath) + "; skipped");
            return;
        }
        found.accept(new Workload(file, document, helmSource, kind.get(), name, namespace, podSpec.get()));
    }

    /** {@code kind: List}, and the typed lists the API returns ({@code DeploymentList}) when they carry items. */
    private static boolean isList(String kind, ManifestObject root) {
        return kind.equals("List") || kind.endsWith("List") && root.value("items").isPresent();
    }
}
