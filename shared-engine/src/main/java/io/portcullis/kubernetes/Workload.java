package io.portcullis.kubernetes;

/**
 * One object that runs pods, found in a manifest document: its identity and its pod spec.
 *
 * @param file the manifest file as the user named it
 * @param document 1-based document index in the file
 * @param helmSource the {@code # Source:} template of the document, or null
 * @param kind "Deployment", "CronJob", ...
 * @param name {@code metadata.name}, or null
 * @param namespace {@code metadata.namespace}, or null
 * @param podSpec the pod spec ({@code spec}, {@code spec.template.spec}, {@code spec.jobTemplate.spec.template.spec})
 */
record Workload(String file, int document, String helmSource, String kind, String name, String namespace, ManifestObject podSpec) {
}
