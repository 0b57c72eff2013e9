package io.portcullis.policy;

import java.time.Duration;
import java.util.List;

/**
 * The policy's {@code audit_configuration} block (the seed's "Audit Requirements"). Of it, a scan can drive only what
 * its own audit line holds; the rest is accepted, checked and reported, because a scanner neither launches containers
 * nor keeps the log for a year.
 *
 * @param fields {@code audit_trail}: the fields each audit line carries, in the order written; all of {@link #FIELDS} by default
 * @param retention {@code retention_period}: how long the log is to be kept, shown in the PCI DSS 10.2 evidence; null when not given
 * @param events {@code audit_events}: the events the organisation audits; a scan is itself an {@code image_pull}
 *     and records its verdict, the other events belong to the runtime
 */
public record AuditConfiguration(List<String> fields, Duration retention, List<String> events) {

    /** The seed's audit-trail fields, the ones an audit line can carry. */
    public static final List<String> FIELDS = List.of("timestamp", "user", "action", "resource", "result");
    /** The seed's audit events. */
    public static final List<String> EVENTS = List.of("container_launch", "image_pull", "security_violation");
    public static final AuditConfiguration DEFAULT = new AuditConfiguration(FIELDS, null, List.of());

    public AuditConfiguration {
        fields = List.copyOf(fields);
        events = List.copyOf(events);
    }

    /** The seed's fields this configuration leaves out of the audit line. */
    public List<String> missingFields() {
        return FIELDS.stream().filter(f -> !fields.contains(f)).toList();
    }
}
