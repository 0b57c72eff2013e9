package io.portcullis.match;

import io.portcullis.version.VersionScheme;
import io.portcullis.vulndb.Ecosystem;
import io.portcullis.vulndb.SchemeLookup;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The schemes of one matching run, each remembering the comparisons it made. A comparison parses both versions
 * and was most of the matching time; within a run the same pairs come back again and again (an ecosystem's
 * records share their range boundaries, and one installed version meets each of them in many records). Lives
 * for one run only, so the memory is bounded by what that run compares. Not thread safe.
 */
final class RememberedComparisons implements SchemeLookup {

    private final SchemeLookup schemes;
    private final Map<VersionScheme, Optional<VersionScheme>> remembering = new HashMap<>();

    RememberedComparisons(SchemeLookup schemes) {
        this.schemes = schemes;
    }

    @Override
    public Optional<VersionScheme> scheme(Ecosystem ecosystem, String rangeType) {
        return schemes.scheme(ecosystem, rangeType)
                .flatMap(scheme -> remembering.computeIfAbsent(scheme, s -> Optional.of(new Remembering(s))));
    }

    private record Pair(String a, String b) {
    }

    /** Comparisons that fail to parse are not remembered: they throw each time, as the scheme does. */
    private static final class Remembering implements VersionScheme {
        private final VersionScheme scheme;
        private final Map<Pair, Integer> results = new HashMap<>();

        Remembering(VersionScheme scheme) {
            this.scheme = scheme;
        }

        @Override
        public String name() {
            return scheme.name();
        }

        @Override
        public int compare(String a, String b) {
            Pair pair = new Pair(a, b);
            Integer known = results.get(pair);
            if (known != null) {
                return known;
            }
            int result = scheme.compare(a, b);
            results.put(pair, result);
            return result;
        }
    }
}
