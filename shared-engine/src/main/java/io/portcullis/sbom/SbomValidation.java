package io.portcullis.sbom;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SBOM validation of one scan: our own generated documents (when the policy asks for {@code sbom_validation}) and
 * the one the user supplied ({@code --sbom FILE}), each a {@link SbomCheck}. Empty when nothing was validated.
 */
public record SbomValidation(List<SbomCheck> documents) {

    /** Nothing validated: no policy asked for it and no SBOM was supplied. */
    public static final SbomValidation NONE = new SbomValidation(List.of());

    public SbomValidation {
        documents = List.copyOf(documents);
    }

    public boolean ran() {
        return !documents.isEmpty();
    }

    /** Every document valid; false when nothing was validated, which proves nothing. */
    public boolean valid() {
        return ran() && documents.stream().allMatch(SbomCheck::valid);
    }

    /** Whether a user-supplied SBOM is among the documents. */
    public boolean hasSupplied() {
        return documents.stream().anyMatch(SbomCheck::componentsChecked);
    }

    /** The failing documents' summaries, or every document's when all are valid; "; "-separated. */
    public String summary() {
        List<SbomCheck> shown = valid() ? documents : documents.stream().filter(d -> !d.valid()).toList();
        return shown.stream().map(SbomCheck::summary).collect(Collectors.joining("; "));
    }
}
