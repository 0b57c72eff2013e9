package io.portcullis.match;

import io.portcullis.version.VersionSchemes;
import io.portcullis.vulndb.OsvEvent;
import io.portcullis.vulndb.OsvRange;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.portcullis.vulndb.OsvEvent.Kind.FIXED;
import static io.portcullis.vulndb.OsvEvent.Kind.INTRODUCED;
import static io.portcullis.vulndb.OsvEvent.Kind.LAST_AFFECTED;
import static io.portcullis.vulndb.OsvEvent.Kind.LIMIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The OSV specification's evaluation: events sorted by version first, whatever order a record writes them in. */
class RangeEvaluatorTest {

    /** GO-2023-1840's stdlib range (two introduced/fixed pairs), written out of order. */
    private static final OsvRange UNORDERED = new OsvRange("SEMVER", List.of(
            new OsvEvent(FIXED, "1.20.5"), new OsvEvent(INTRODUCED, "1.20.0-0"),
            new OsvEvent(FIXED, "1.19.10"), new OsvEvent(INTRODUCED, "0")));

    @Test
    void unorderedEventsAreSortedBeforeEvaluation() {
        assertEquals(new RangeEvaluator.RangeMatch(true, List.of("1.19.10", "1.20.5")), evaluate(UNORDERED, "1.19.8"));
        assertEquals(new RangeEvaluator.RangeMatch(false, List.of()), evaluate(UNORDERED, "1.19.10"));
        assertEquals(new RangeEvaluator.RangeMatch(false, List.of()), evaluate(UNORDERED, "1.19.12"));
        assertEquals(new RangeEvaluator.RangeMatch(true, List.of("1.20.5")), evaluate(UNORDERED, "1.20.0"));
        assertEquals(new RangeEvaluator.RangeMatch(false, List.of()), evaluate(UNORDERED, "1.20.5"));
    }

    @Test
    void lastAffectedIsInclusiveAndLimitCaps() {
        OsvRange lastAffected = new OsvRange("ECOSYSTEM", List.of(new OsvEvent(LAST_AFFECTED, "29.0"), new OsvEvent(INTRODUCED, "0")));
        assertEquals(new RangeEvaluator.RangeMatch(true, List.of()), evaluate(lastAffected, "29.0"));
        assertEquals(new RangeEvaluator.RangeMatch(false, List.of()), evaluate(lastAffected, "29.0.1"));
        OsvRange limited = new OsvRange("SEMVER", List.of(new OsvEvent(INTRODUCED, "1.0.0"), new OsvEvent(LIMIT, "1.5.0")));
        assertEquals(new RangeEvaluator.RangeMatch(true, List.of()), evaluate(limited, "1.4.9"));
        assertEquals(new RangeEvaluator.RangeMatch(false, List.of()), evaluate(limited, "1.5.0"));
        OsvRange sameVersion = new OsvRange("SEMVER", List.of(new OsvEvent(FIXED, "1.0.0"), new OsvEvent(INTRODUCED, "1.0.0")));
        assertEquals(new RangeEvaluator.RangeMatch(false, List.of()), evaluate(sameVersion, "1.0.0"));
    }

    private static RangeEvaluator.RangeMatch evaluate(OsvRange range, String version) {
        return RangeEvaluator.evaluate(range, version, VersionSchemes.GO);
    }
}
