package io.portcullis.match;

import io.portcullis.version.VersionScheme;
import io.portcullis.vulndb.OsvEvent;
import io.portcullis.vulndb.OsvRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides whether a version lies in an OSV range, as the OSV specification's evaluation says: sort the
 * events by version ({@code introduced: "0"} first), walk them, and let {@code introduced} switch
 * "affected" on and {@code fixed}/{@code last_affected} switch it off; {@code limit} caps the range.
 */
final class RangeEvaluator {

    /** Whether the version is affected, and the fixed versions above it that the range names. */
    record Verdict(boolean affected, List<String> fixedVersions) {
    }

    private RangeEvaluator() {
    }

    /** @throws io.portcullis.version.InvalidVersionException when the version or an event version does not parse */
    static Verdict evaluate(OsvRange range, String version, VersionScheme scheme) {
        List<OsvEvent> events = new ArrayList<>(range.events());
        events.sort(byVersion(scheme));
        boolean affected = false;
        for (OsvEvent event : events) {
            switch (event.kind()) {
                case INTRODUCED -> {
                    if (event.isIntroducedZero() || scheme.compare(version, event.version()) >= 0) {
                        affected = true;
                    }
                }
                case FIXED -> {
                    if (scheme.compare(version, event.version()) >= 0) {
                        affected = false;
                    }
                }
                case LAST_AFFECTED -> {
                    if (scheme.compare(version, event.version()) > 0) {
                        affected = false;
                    }
                }
                case LIMIT -> {
                    if (scheme.compare(version, event.version()) >= 0) {
                        return new Verdict(false, List.of());
                    }
                }
            }
        }
        if (!affected) {
            return new Verdict(false, List.of());
        }
        List<String> fixed = events.stream()
                .filter(e -> e.kind() == OsvEvent.Kind.FIXED && scheme.compare(e.version(), version) > 0)
                .map(OsvEvent::version)
                .toList();
        return new Verdict(true, fixed);
    }

    /** Equal versions keep the order introduced, last_affected, fixed, limit, so "introduced X, fixed X" affects nothing. */
    private static Comparator<OsvEvent> byVersion(VersionScheme scheme) {
        return (a, b) -> {
            if (a.isIntroducedZero() || b.isIntroducedZero()) {
                return Boolean.compare(b.isIntroducedZero(), a.isIntroducedZero());
            }
            int byVersion = scheme.compare(a.version(), b.version());
            return byVersion != 0 ? byVersion : Integer.compare(rank(a.kind()), rank(b.kind()));
        };
    }

    private static int rank(OsvEvent.Kind kind) {
        return switch (kind) {
            case INTRODUCED -> 0;
            case LAST_AFFECTED -> 1;
            case FIXED -> 2;
            case LIMIT -> 3;
        };
    }
}
