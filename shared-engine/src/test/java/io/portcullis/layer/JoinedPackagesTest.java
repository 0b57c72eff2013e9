package io.portcullis.layer;

import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The analyses' lists one after another: every package at its place, empty lists anywhere taking none. */
class JoinedPackagesTest {

    private static Package gem(String name) {
        return new Package("gem", name, "1.0", null, null, null, List.of(new Location(null, "Gemfile.lock")), "gem", List.of(), Map.of());
    }

    @Test
    void listsAreJoinedInOrderPastEmptyOnesAtEitherEndAndBetween() {
        List<List<Package>> parts = List.of(List.of(), List.of(gem("a"), gem("b")), List.of(), List.of(), List.of(gem("c")),
                List.of(gem("d"), gem("e"), gem("f")), List.of());
        JoinedPackages joined = new JoinedPackages(parts);
        assertEquals(6, joined.size());
        assertEquals(List.of("a", "b", "c", "d", "e", "f"), new ArrayList<>(joined).stream().map(Package::name).toList());
        assertEquals("c", joined.get(2).name());
        assertThrows(IndexOutOfBoundsException.class, () -> joined.get(6));
        assertThrows(IndexOutOfBoundsException.class, () -> joined.get(-1));
        assertEquals(0, new JoinedPackages(List.of(List.of(), List.of())).size());
    }
}
