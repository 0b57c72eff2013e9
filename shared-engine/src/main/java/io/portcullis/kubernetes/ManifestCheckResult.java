package io.portcullis.kubernetes;

import io.portcullis.check.CheckFinding;

import java.util.List;

/**
 * What checking a set of manifests found.
 *
 * @param findings one per broken rule, workload and container, in file and line order
 * @param notes objects skipped (unknown kinds, documents that are not Kubernetes objects), one line each
 * @param files the manifest files read
 * @param workloads how many workloads were checked
 */
public record ManifestCheckResult(List<CheckFinding> findings, List<String> notes, List<String> files, int workloads) {

    public ManifestCheckResult {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
        files = List.copyOf(files);
    }
}
