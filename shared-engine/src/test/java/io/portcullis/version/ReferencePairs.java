package io.portcullis.version;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Version pairs for cross-checking a scheme against its reference tool: versions from the shared
 * data files, and variants of them made by swapping in tokens (digit runs, letter runs,
 * separators) taken from other versions of the same files. Seeded, so every run checks the same pairs.
 */
final class ReferencePairs {

    record Pair(String left, String right) {
        @Override
        public String toString() {
            return "'" + left + "' vs '" + right + "'";
        }
    }

    private static final Pattern TOKEN = Pattern.compile("\\d+|[A-Za-z]+|[^0-9A-Za-z]");

    private ReferencePairs() {
    }

    /** Pairs from the versions in the named version-order data files. */
    static List<Pair> generate(List<String> dataFiles, int count, long seed) {
        return generate(versionsOf(dataFiles), count, seed);
    }

    /** Pairs from the given versions and variants of them. */
    static List<Pair> generate(Set<String> seedVersions, int count, long seed) {
        List<String> versions = new ArrayList<>(seedVersions);
        List<List<String>> tokensByKind = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (String v : versions) {
            for (String t : tokens(v)) {
                tokensByKind.get(kind(t)).add(t);
            }
        }
        Random random = new Random(seed);
        Set<Pair> pairs = new LinkedHashSet<>();
        while (pairs.size() < count) {
            String base = versions.get(random.nextInt(versions.size()));
            String other = switch (random.nextInt(4)) {
                case 0 -> versions.get(random.nextInt(versions.size()));
                case 1 -> mutate(mutate(base, tokensByKind, random), tokensByKind, random);
                default -> mutate(base, tokensByKind, random);
            };
            if (random.nextBoolean()) {
                base = mutate(base, tokensByKind, random);
            }
            pairs.add(random.nextBoolean() ? new Pair(base, other) : new Pair(other, base));
        }
        return List.copyOf(pairs);
    }

    private static Set<String> versionsOf(List<String> dataFiles) {
        Set<String> versions = new LinkedHashSet<>();
        for (String file : dataFiles) {
            for (VersionOrderData.Fact fact : VersionOrderData.read(file)) {
                versions.add(fact.left());
                versions.add(fact.right());
            }
        }
        return versions;
    }

    private static String mutate(String version, List<List<String>> tokensByKind, Random random) {
        List<String> tokens = tokens(version);
        if (tokens.isEmpty()) {
            return version;
        }
        int i = random.nextInt(tokens.size());
        List<String> pool = tokensByKind.get(kind(tokens.get(i)));
        String replacement = pool.get(random.nextInt(pool.size()));
        switch (random.nextInt(3)) {
            case 0 -> tokens.add(i, replacement);
            case 1 -> tokens.set(i, replacement);
            default -> {
                if (tokens.size() > 1) {
                    tokens.remove(i);
                }
            }
        }
        return String.join("", tokens);
    }

    private static List<String> tokens(String version) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(version);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    private static int kind(String token) {
        char c = token.charAt(0);
        return Character.isDigit(c) ? 0 : Character.isLetter(c) ? 1 : 2;
    }
}
