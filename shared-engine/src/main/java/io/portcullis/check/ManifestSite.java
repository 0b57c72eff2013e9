package io.portcullis.check;

import java.util.Objects;

/**
 * Where in a Kubernetes manifest a finding is: what a reviewer needs to open the file at the right line and
 * know which workload and container it is about.
 *
 * @param file the manifest file, as the user named it (or as found under the directory they named)
 * @param document 1-based index of the YAML document in the file
 * @param line 1-based line of the offending value, or of the object that lacks the required field
 * @param kind the workload kind ("Deployment", "CronJob")
 * @param name the workload's {@code metadata.name}, or null
 * @param namespace its {@code metadata.namespace}, or null when the manifest leaves it to the apply context
 * @param container the container's name, or null for a pod-level field (host namespaces, volumes)
 * @param field the field path from the document root ({@code spec.template.spec.containers[1].securityContext.privileged})
 * @param helmSource the template that produced the document ({@code # Source:} comment of {@code helm template}), or null
 */
public record ManifestSite(String file, int document, int line, String kind, String name, String namespace, String container,
                           String field, String helmSource) {

    public ManifestSite {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(field, "field");
    }

    /** "Deployment shop/web": how messages and tables name the workload. */
    public String workload() {
        String qualified = name == null ? "(unnamed)" : namespace == null ? name : namespace + "/" + name;
        return kind + " " + qualified;
    }
}
