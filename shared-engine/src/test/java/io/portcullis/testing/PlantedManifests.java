package io.portcullis.testing;

/**
 * A policy with the seed's Kubernetes security profile and approved registry but no vulnerability budget, and a
 * Deployment that meets it but for one planted fact: the front ends' tests check manifests beside an image whose
 * vulnerabilities must not decide their gate.
 */
public final class PlantedManifests {
    private PlantedManifests() {
    }

    /** The line of {@link #deployment}'s container {@code allowPrivilegeEscalation} value. */
    public static final int ESCALATION_LINE = 22;

    /** The field the escalation finding names. */
    public static final String ESCALATION_FIELD = "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation";

    public static final String KUBERNETES_ONLY_POLICY = """
            security_gates:
              container_scan:
                kubernetes:
                  security_context:
                    spec:
                      restrictedCapabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
                      allowPrivilegeEscalation: false
                      readOnlyRootFilesystem: true
                      runAsNonRoot: true
                      seccompProfile: {type: RuntimeDefault}
                  approved_registries: ["production.azurecr.io/*"]
            """;

    /** Deployment shop/web, container web; compliant unless {@code escalation} is true (PCK-PRIVILEGE-ESCALATION). */
    public static String deployment(boolean escalation) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                spec:
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      securityContext:
                        runAsNonRoot: true
                        runAsUser: 10001
                        seccompProfile: {type: RuntimeDefault}
                      containers:
                        - name: web
                          image: production.azurecr.io/shop/web@sha256:2222222222222222222222222222222222222222222222222222222222222222
                          securityContext:
                            readOnlyRootFilesystem: true
                            allowPrivilegeEscalation: %s
                            capabilities: {drop: [ALL]}
                """.formatted(escalation);
    }
}
