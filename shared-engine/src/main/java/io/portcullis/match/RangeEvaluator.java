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
    record RangeMatch(boolean affected, List<String> fixedVersions) {
    }

    private RangeEvaluator() {
    }

    /**
     * Walks the sorted events only up to the first one above the version: no later event can change the answer,
     * and the fixed events from there on are exactly the fixed versions above it. Comparing each event once
     * matters, since a comparison parses both versions.
     *
     * @throws io.portcullis.version.InvalidVersionException when the version or an event version does not parse
     */
    static RangeMatch evaluate(OsvRange range, String version, VersionScheme scheme) {
        List<OsvEvent> events = new ArrayList<>(range.events());
        events.sort(byVersion(scheme));
        boolean affected = false;
        int above = events.size();
        for (int i = 0; i < events.size(); i++) {
            OsvEvent event = events.get(i);
            int versionVsEvent = event.isIntroducedZero() ? 1 : scheme.compare(version, event.version());
            if (versionVsEvent < 0) {
                above = i;
                break;
            }
            switch (event.kind()) {
                case INTRODUCED -> affected = true;
                case FIXED -> affected = false;
                case LAST_AFFECTED -> affected = affected && versionVsEvent == 0;
                case LIMIT -> {
                    return new RangeMatch(false, List.of());
                }
            }
        }
        if (!affected) {
            return new RangeMatch(false, List.of());
        }
        List<String> fixed = events.subList(above, events.size()).stream()
                .filter(e -> e.kind() == OsvEvent.Kind.FIXED)
                .map(OsvEvent::version)
                .toList();
        return new RangeMatch(true, fixed);
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
