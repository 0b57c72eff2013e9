package io.portcullis.kubernetes;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a workload's security context must say: the policy's {@code kubernetes} block (the seed's
 * {@code SecurityProfile} spec and approved registries), or {@link #restricted()} when the policy has none.
 * The baseline rules (no privileged container, no host namespaces, no hostPath volume) are on unless the profile
 * explicitly allows them.
 *
 * @param runAsNonRoot containers must run as non-root ({@code runAsNonRoot: true}, and never {@code runAsUser: 0})
 * @param readOnlyRootFilesystem containers must set {@code readOnlyRootFilesystem: true}
 * @param noPrivilegeEscalation containers must set {@code allowPrivilegeEscalation: false}
 * @param requiredDrops capabilities every container must drop ({@code ALL}); empty: none required
 * @param allowedAdds the only capabilities a container may add ({@code NET_BIND_SERVICE}); null: any
 * @param seccompTypes the accepted effective {@code seccompProfile.type} values; empty: not checked
 * @param allowPrivileged privileged containers are accepted
 * @param allowedHostNamespaces which of {@code hostNetwork}, {@code hostPID}, {@code hostIPC} may be true; empty: none
 * @param allowHostPath {@code hostPath} volumes are accepted
 * @param approvedRegistries image patterns ({@code production.azurecr.io/*}); empty: any registry
 * @param requireDigest images must be pinned by digest ({@code @sha256:...})
 * @param source where the profile came from, for messages ("policy.yaml:14", "built-in restricted profile")
 */
public record SecurityProfile(boolean runAsNonRoot, boolean readOnlyRootFilesystem, boolean noPrivilegeEscalation,
                              Set<String> requiredDrops, Set<String> allowedAdds, Set<String> seccompTypes,
                              boolean allowPrivileged, Set<String> allowedHostNamespaces, boolean allowHostPath,
                              List<String> approvedRegistries, boolean requireDigest, String source) {

    /** The seccomp types the Pod Security Standards' restricted profile accepts. */
    public static final Set<String> RESTRICTED_SECCOMP_TYPES = Set.of("RuntimeDefault", "Localhost");

    public SecurityProfile {
        requiredDrops = Set.copyOf(requiredDrops);
        allowedAdds = allowedAdds == null ? null : Set.copyOf(allowedAdds);
        seccompTypes = Set.copyOf(seccompTypes);
        allowedHostNamespaces = Set.copyOf(allowedHostNamespaces);
        approvedRegistries = List.copyOf(approvedRegistries);
        Objects.requireNonNull(source, "source");
    }

    /**
     * The seed's profile (the Pod Security Standards' restricted profile plus a read-only root filesystem), images
     * pinned by digest, any registry: what {@code portcullis k8s} checks without a policy.
     */
    public static SecurityProfile restricted() {
        return new SecurityProfile(true, true, true, Set.of("ALL"), Set.of("NET_BIND_SERVICE"), RESTRICTED_SECCOMP_TYPES,
                false, Set.of(), false, List.of(), true, "built-in restricted profile");
    }
}
