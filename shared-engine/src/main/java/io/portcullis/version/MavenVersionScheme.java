package io.portcullis.version;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Maven versions ordered as {@code ComparableVersion} before Maven 3.9 (maven-artifact 3.8.1),
 * the order OSV's Maven data was made with: items split at '.', '-' and letter/digit
 * transitions, where '-' and transitions open a sub-list; qualifiers order alpha &lt; beta &lt;
 * milestone &lt; rc = cr &lt; snapshot &lt; "" = ga = final = release &lt; sp &lt; any other
 * (lexically, case-insensitive); {@code a1}, {@code b1}, {@code m1} mean alpha, beta and
 * milestone; trailing zeros and release qualifiers are dropped. A qualifier after a '.' stays in
 * its list ({@code 1.0.0.RC1 < 1.0.0-RC1}); Maven 3.9 moved it to a sub-list (MNG-7644). One
 * deliberate difference from the tool, also from OSV's data: a sub-list left holding only
 * another sub-list is that sub-list ({@code 1-ga-1 = 1-1}). Every string is a Maven version.
 */
public final class MavenVersionScheme implements VersionScheme {

    private static final List<String> QUALIFIERS = List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");
    private static final List<String> RELEASE_ALIASES = List.of("ga", "final", "release");
    private static final String RELEASE_RANK = String.valueOf(QUALIFIERS.indexOf(""));

    private sealed interface Item permits Number, Qualifier, Group {
        /** Whether the item is padding that normalisation drops: 0, the release qualifier, an empty list. */
        boolean isNull();
    }

    private record Number(BigInteger value) implements Item {
        @Override
        public boolean isNull() {
            return value.signum() == 0;
        }
    }

    private record Qualifier(String value) implements Item {
        static Qualifier of(String text, boolean followedByDigit) {
            String value = text;
            if (followedByDigit && text.length() == 1) {
                value = switch (text.charAt(0)) {
                    case 'a' -> "alpha";
                    case 'b' -> "beta";
                    case 'm' -> "milestone";
                    default -> text;
                };
            }
            if (RELEASE_ALIASES.contains(value)) {
                value = "";
            }
            return new Qualifier("cr".equals(value) ? "rc" : value);
        }

        /** A string whose lexical order is the qualifier order: known qualifiers by rank, then the others by name. */
        String rank() {
            int i = QUALIFIERS.indexOf(value);
            return i == -1 ? QUALIFIERS.size() + "-" + value : String.valueOf(i);
        }

        @Override
        public boolean isNull() {
            return value.isEmpty();
        }
    }

    private record Group(List<Item> items) implements Item {
        Group() {
            this(new ArrayList<>());
        }

        @Override
        public boolean isNull() {
            return items.isEmpty();
        }

        /** Drops trailing padding, looking into trailing sub-lists: 1.0 = 1, 1-0 = 1, 1.ga = 1. */
        void normalize() {
            for (int i = items.size() - 1; i >= 0; i--) {
                Item last = items.get(i);
                if (last.isNull()) {
                    items.remove(i);
                } else if (!(last instanceof Group)) {
                    break;
                }
            }
        }

        /**
         * A sub-list left holding only another sub-list ({@code 1-ga-1}, {@code 1--1}) becomes that
         * sub-list, so {@code 1-ga-1 = 1-1}: the order OSV's data records (scalibr drops the padding
         * token outright); {@code ComparableVersion} keeps the extra level and ranks it lower.
         */
        void unwrapSoleSubList() {
            if (items.size() == 1 && items.get(0) instanceof Group only) {
                items.clear();
                items.addAll(only.items);
            }
        }
    }

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public int compare(String a, String b) {
        return Integer.signum(compare(parse(a), parse(b)));
    }

    private static Item item(boolean digits, String text) {
        if (digits) {
            return new Number(new BigInteger(text));
        }
        return Qualifier.of(text, false);
    }

    private static Group parse(String input) {
        String version = input.toLowerCase(Locale.ENGLISH);
        Group root = new Group();
        Group list = root;
        Deque<Group> opened = new ArrayDeque<>();
        opened.push(root);
        boolean digits = false;
        int start = 0;
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c == '.' || c == '-') {
                list.items.add(i == start ? new Number(BigInteger.ZERO) : item(digits, version.substring(start, i)));
                start = i + 1;
                if (c == '-') {
                    list = open(list, opened);
                }
            } else if (Character.isDigit(c)) {
                if (!digits && i > start) {
                    list.items.add(Qualifier.of(version.substring(start, i), true));
                    start = i;
                    list = open(list, opened);
                }
                digits = true;
            } else {
                if (digits && i > start) {
                    list.items.add(item(true, version.substring(start, i)));
                    start = i;
                    list = open(list, opened);
                }
                digits = false;
            }
        }
        if (version.length() > start) {
            list.items.add(item(digits, version.substring(start)));
        }
        while (!opened.isEmpty()) {
            Group group = opened.pop();
            group.normalize();
            if (group != root) {
                group.unwrapSoleSubList();
            }
        }
        return root;
    }

    private static Group open(Group parent, Deque<Group> opened) {
        Group child = new Group();
        parent.items.add(child);
        opened.push(child);
        return child;
    }

    /** Item order; {@code b} may be null, meaning "nothing here" (the other version is shorter). */
    private static int compare(Item a, Item b) {
        if (a instanceof Number n) {
            if (b == null) {
                return n.isNull() ? 0 : 1;
            }
            return b instanceof Number m ? n.value.compareTo(m.value) : 1;
        }
        if (a instanceof Qualifier q) {
            if (b == null) {
                return q.rank().compareTo(RELEASE_RANK);
            }
            return b instanceof Qualifier r ? q.rank().compareTo(r.rank()) : -1;
        }
        Group g = (Group) a;
        if (b == null) {
            for (Item item : g.items) {
                int c = compare(item, null);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        if (b instanceof Group h) {
            return compareGroups(g, h);
        }
        return b instanceof Number ? -1 : 1;
    }

    private static int compareGroups(Group g, Group h) {
        for (int i = 0; i < Math.max(g.items.size(), h.items.size()); i++) {
            Item l = i < g.items.size() ? g.items.get(i) : null;
            Item r = i < h.items.size() ? h.items.get(i) : null;
            int c = l == null ? (r == null ? 0 : -compare(r, null)) : compare(l, r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
