package io.portcullis.sbom;

import java.util.List;
import java.util.Objects;

/**
 * How one SBOM document fared: against its format's official JSON schema and, for an SBOM the user supplied, against
 * the packages found in the image.
 *
 * @param document what was checked: "generated CycloneDX" / "generated SPDX" for our own, else the supplied file
 * @param format the format and version it was validated as: "CycloneDX 1.6", "SPDX 2.3"
 * @param problemCount how many schema problems the validator reported
 * @param problems the first of them (at most {@link #LISTED}), in the validator's order
 * @param componentsChecked whether the image's packages were looked up in it (a supplied SBOM); false for our own
 * @param imagePackages how many distinct packages of the image were looked up; 0 when not checked
 * @param missingCount how many of them the document lacks
 * @param missing the first of them (at most {@link #LISTED}) as "name version (purl)", by name
 */
public record SbomCheck(String document, String format, int problemCount, List<SchemaProblem> problems, boolean componentsChecked,
                        int imagePackages, int missingCount, List<String> missing) {

    /** How many problems and missing packages a check keeps for reports; the counts say how many there were. */
    public static final int LISTED = 20;

    public SbomCheck {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(format, "format");
        problems = List.copyOf(problems);
        missing = List.copyOf(missing);
    }

    /** Schema-valid and, where looked up, missing no package of the image. */
    public boolean valid() {
        return problemCount == 0 && missingCount == 0;
    }

    /** One line for a gate message: "generated SPDX (SPDX 2.3): 2 schema problem(s), first /packages/2: ...". */
    public String summary() {
        StringBuilder line = new StringBuilder(document).append(" (").append(format).append("): ");
        if (valid()) {
            line.append("valid");
            if (componentsChecked) {
                line.append(", all ").append(imagePackages).append(" image package(s) present");
            }
            return line.toString();
        }
        if (problemCount > 0) {
            line.append(problemCount).append(" schema problem(s), first ").append(problems.get(0));
        }
        if (missingCount > 0) {
            if (problemCount > 0) {
                line.append("; ");
            }
            line.append(missingCount).append(" of ").append(imagePackages).append(" image package(s) missing: ")
                    .append(String.join(", ", missing.subList(0, Math.min(3, missing.size()))))
                    .append(missingCount > 3 ? ", ..." : "");
        }
        return line.toString();
    }
}
