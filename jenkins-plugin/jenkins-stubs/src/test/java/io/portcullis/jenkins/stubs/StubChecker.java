package io.portcullis.jenkins.stubs;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compares one compiled stub with the listing: every public or protected member, every declared supertype and,
 * for annotations, every element and meta-annotation must be listed for that type. A stub may declare fewer
 * members, supertypes or thrown exceptions than the real type, never different or more.
 */
final class StubChecker {
    private static final Pattern DEFAULT_VALUE = Pattern.compile("^(.*\\)) default (.*)$");
    private static final Pattern THROWS = Pattern.compile("^(.*\\)) throws (.*)$");

    private final ListedApi api;

    StubChecker(ListedApi api) {
        this.api = api;
    }

    /** Problems of {@code stub} read as the listed type {@code listedName}; empty when it conforms. */
    List<String> check(Class<?> stub, String listedName) {
        List<String> problems = new ArrayList<>();
        String typeLine = api.typeLine(listedName);
        if (typeLine == null) {
            problems.add(listedName + ": type not listed");
            return problems;
        }
        checkTypeLine(stub, listedName, typeLine, problems);
        for (Constructor<?> c : stub.getDeclaredConstructors()) {
            if (visible(c.getModifiers()) && !c.isSynthetic()) {
                checkExecutable(listedName, "constructor", Signatures.constructor(c), Signatures.exceptions(c), problems);
            }
        }
        for (Method m : stub.getDeclaredMethods()) {
            if ((visible(m.getModifiers()) || stub.isInterface() && !Modifier.isPrivate(m.getModifiers()))
                    && !m.isSynthetic() && !m.isBridge()) {
                if (stub.isAnnotation()) {
                    checkAnnotationElement(listedName, m, problems);
                } else {
                    checkExecutable(listedName, "method", Signatures.method(m), Signatures.exceptions(m), problems);
                }
            }
        }
        for (Field f : stub.getDeclaredFields()) {
            if ((visible(f.getModifiers()) || stub.isInterface()) && !f.isSynthetic()) {
                String kind = Signatures.isConstant(f) ? "constant" : "field";
                String sig = Signatures.field(f);
                if (!api.members(listedName).contains(new ListedApi.Entry(kind, sig))) {
                    problems.add(listedName + ": " + kind + " not listed: " + sig);
                }
            }
        }
        return problems;
    }

    static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private void checkTypeLine(Class<?> stub, String listedName, String typeLine, List<String> problems) {
        String head = Signatures.typeHead(stub);
        List<String> meta = Signatures.metaAnnotations(stub);
        String listedHead = typeLine;
        if (stub.isAnnotation()) {
            int at = typeLine.indexOf(" public ");
            String listedMeta = at < 0 ? "" : typeLine.substring(0, at);
            listedHead = at < 0 ? typeLine : typeLine.substring(at + 1);
            Set<String> listedSet = splitMeta(listedMeta);
            if (!listedSet.equals(Set.copyOf(meta))) {
                problems.add(listedName + ": meta-annotations " + meta + " but listed " + listedSet);
            }
        }
        String listedSupers = "";
        int ext = indexOfTopLevel(listedHead, " extends ");
        int impl = indexOfTopLevel(listedHead, " implements ");
        int cut = ext >= 0 ? ext : impl;
        if (cut >= 0) {
            listedSupers = listedHead.substring(cut);
            listedHead = listedHead.substring(0, cut);
        }
        if (!head.equals(listedHead)) {
            problems.add(listedName + ": type declared as '" + head + "' but listed as '" + listedHead + "'");
        }
        List<String> listedSuperList = splitTopLevel(listedSupers.replace(" extends ", ",").replace(" implements ", ","));
        for (String s : Signatures.supertypes(stub)) {
            if (!listedSuperList.contains(s)) {
                problems.add(listedName + ": supertype not listed: " + s + " (listed: " + listedSuperList + ")");
            }
        }
    }

    private void checkExecutable(String listedName, String kind, String signature, List<String> thrown, List<String> problems) {
        for (ListedApi.Entry e : api.members(listedName)) {
            if (!e.kind().equals(kind)) {
                continue;
            }
            Matcher t = THROWS.matcher(e.signature());
            String bare = t.matches() ? t.group(1) : e.signature();
            if (bare.equals(signature)) {
                List<String> listedThrows = t.matches() ? splitTopLevel(t.group(2)) : List.of();
                for (String x : thrown) {
                    if (!listedThrows.contains(x)) {
                        problems.add(listedName + ": " + signature + " throws " + x + ", which the listing does not");
                    }
                }
                return;
            }
        }
        problems.add(listedName + ": " + kind + " not listed: " + signature);
    }

    private void checkAnnotationElement(String listedName, Method m, List<String> problems) {
        String signature = Signatures.method(m);
        for (ListedApi.Entry e : api.members(listedName)) {
            Matcher d = DEFAULT_VALUE.matcher(e.signature());
            String bare = d.matches() ? d.group(1) : e.signature();
            if (e.kind().equals("method") && bare.equals(signature)) {
                Object actual = m.getDefaultValue();
                String listedDefault = d.matches() ? d.group(2) : null;
                if (!sameDefault(actual, listedDefault)) {
                    problems.add(listedName + ": element " + m.getName() + " has default " + actual + " but listed " + listedDefault);
                }
                return;
            }
        }
        problems.add(listedName + ": annotation element not listed: " + signature);
    }

    private static boolean sameDefault(Object actual, String listed) {
        if (actual == null || listed == null) {
            return actual == null && listed == null;
        }
        if (actual instanceof Number n) {
            return Double.parseDouble(listed) == n.doubleValue();
        }
        if (actual instanceof String s) {
            return listed.equals("\"" + s + "\"");
        }
        if (actual instanceof Enum<?> en) {
            return listed.equals(en.name());
        }
        if (actual.getClass().isArray()) {
            return listed.equals("{}") && java.lang.reflect.Array.getLength(actual) == 0;
        }
        return Objects.equals(String.valueOf(actual), listed);
    }

    private static Set<String> splitMeta(String meta) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = -1;
        for (int i = 0; i < meta.length(); i++) {
            char ch = meta.charAt(i);
            if (ch == '@' && depth == 0) {
                if (start >= 0) {
                    out.add(meta.substring(start, i).trim());
                }
                start = i;
            } else if (ch == '(' || ch == '{') {
                depth++;
            } else if (ch == ')' || ch == '}') {
                depth--;
            }
        }
        if (start >= 0) {
            out.add(meta.substring(start).trim());
        }
        return Set.copyOf(out);
    }

    private static int indexOfTopLevel(String s, String token) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '<') {
                depth++;
            } else if (ch == '>') {
                depth--;
            } else if (depth == 0 && s.startsWith(token, i)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char ch : s.toCharArray()) {
            if (ch == '<') {
                depth++;
            } else if (ch == '>') {
                depth--;
            }
            if (ch == ',' && depth == 0) {
                out.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().trim());
        }
        return Arrays.stream(out.toArray(String[]::new)).filter(x -> !x.isEmpty()).collect(Collectors.toList());
    }
}
