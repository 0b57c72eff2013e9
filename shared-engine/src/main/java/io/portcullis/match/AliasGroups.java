package io.portcullis.match;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups the hits of one package into vulnerabilities: two records are the same vulnerability when their
 * id sets (id, aliases, upstream) share an id, directly or through a third record. Union-find over ids.
 */
final class AliasGroups {

    private final Map<String, String> parent = new HashMap<>();

    private AliasGroups() {
    }

    static List<List<Matcher.Hit>> of(List<Matcher.Hit> hits) {
        AliasGroups groups = new AliasGroups();
        for (Matcher.Hit hit : hits) {
            String id = hit.vulnerability().id();
            groups.find(id);
            hit.vulnerability().aliases().forEach(alias -> groups.union(id, alias));
            hit.vulnerability().upstream().forEach(upstream -> groups.union(id, upstream));
        }
        Map<String, List<Matcher.Hit>> byRoot = new LinkedHashMap<>();
        for (Matcher.Hit hit : hits) {
            byRoot.computeIfAbsent(groups.find(hit.vulnerability().id()), r -> new ArrayList<>()).add(hit);
        }
        return new ArrayList<>(byRoot.values());
    }

    private String find(String id) {
        String root = parent.computeIfAbsent(id, k -> k);
        if (!root.equals(id)) {
            root = find(root);
            parent.put(id, root);
        }
        return root;
    }

    private void union(String a, String b) {
        String rootA = find(a);
        String rootB = find(b);
        if (!rootA.equals(rootB)) {
            parent.put(rootB, rootA);
        }
    }
}
