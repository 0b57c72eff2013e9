package io.portcullis.policy;

import io.portcullis.kubernetes.SecurityProfile;
import io.portcullis.match.Severity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The gates of a policy file ({@code security_gates.container_scan}). Every limit is a maximum:
 * a count equal to the limit passes, one more fails. Absent limits are not checked.
 *
 * @param source where the policy came from (file path), for messages; "(none)" when no policy was given
 * @param maxFindings maximum number of counted findings per severity
 * @param ignoreUnfixed findings without a fixed version are not counted
 * @param denyVulnerabilities vulnerability ids (or aliases) that fail the gate whenever present
 * @param denyPackages package names or purls (without version) that fail the gate whenever affected
 * @param allowVulnerabilities vulnerability ids (or aliases) that are never counted
 * @param maxDatabaseAge oldest acceptable vulnerability database, or null
 * @param compliance compliance benchmarks requested ({@code compliance}, and the standards of {@code compliance_requirements})
 * @param sbomValidation the seed's {@code sbom_validation} ({@code required}, {@code optional}, {@code disabled})
 * @param signingRequired the seed's {@code signing_required: true}
 * @param kubernetes the {@code kubernetes} block (the seed's security profile, approved registries), or null when absent
 * @param signatureKeys public key files ({@code signature_keys}, resolved against the policy file's directory)
 * @param secrets allow-list and extra rules of the secret scan
 * @param complianceRequirements the controls chosen per benchmark and the patch grace period
 * @param audit the {@code audit_configuration} block: what the audit line carries
 */
public record Policy(
        String source,
        Map<Severity, Integer> maxFindings,
        boolean ignoreUnfixed,
        List<String> denyVulnerabilities,
        List<String> denyPackages,
        List<String> allowVulnerabilities,
        Duration maxDatabaseAge,
        List<String> compliance,
        SbomRequirement sbomValidation,
        boolean signingRequired,
        SecurityProfile kubernetes,
        List<Path> signatureKeys,
        SecretPolicy secrets,
        ComplianceRequirements complianceRequirements,
        AuditConfiguration audit) {

    /**
     * A policy without {@code kubernetes} and {@code secrets} blocks that names no signature keys; {@code sbomValidationRequired}
     * is {@code sbom_validation: required} when true, {@code disabled} when false.
     */
    public Policy(String source, Map<Severity, Integer> maxFindings, boolean ignoreUnfixed, List<String> denyVulnerabilities,
                  List<String> denyPackages, List<String> allowVulnerabilities, Duration maxDatabaseAge, List<String> compliance,
                  boolean sbomValidationRequired, boolean signingRequired) {
        this(source, maxFindings, ignoreUnfixed, denyVulnerabilities, denyPackages, allowVulnerabilities, maxDatabaseAge, compliance,
                sbomValidationRequired ? SbomRequirement.REQUIRED : SbomRequirement.DISABLED, signingRequired, null, List.of(),
                SecretPolicy.NONE, ComplianceRequirements.DEFAULT, AuditConfiguration.DEFAULT);
    }

    public Policy {
        secrets = secrets == null ? SecretPolicy.NONE : secrets;
        sbomValidation = sbomValidation == null ? SbomRequirement.DISABLED : sbomValidation;
        complianceRequirements = complianceRequirements == null ? ComplianceRequirements.DEFAULT : complianceRequirements;
        audit = audit == null ? AuditConfiguration.DEFAULT : audit;
        Objects.requireNonNull(source, "source");
        maxFindings = maxFindings.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(maxFindings));
        denyVulnerabilities = List.copyOf(denyVulnerabilities);
        denyPackages = List.copyOf(denyPackages);
        allowVulnerabilities = List.copyOf(allowVulnerabilities);
        compliance = List.copyOf(compliance);
        signatureKeys = List.copyOf(signatureKeys);
    }

    /** No policy file: nothing is gated except what the command-line options ask for. */
    public static Policy none() {
        return new Policy("(none)", Map.of(), false, List.of(), List.of(), List.of(), null, List.of(), false, false);
    }

    public Optional<Integer> maxFindings(Severity severity) {
        return Optional.ofNullable(maxFindings.get(severity));
    }
}
