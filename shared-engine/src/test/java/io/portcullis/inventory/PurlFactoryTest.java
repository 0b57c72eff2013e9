package io.portcullis.inventory;

import com.github.packageurl.PackageURL;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Expected purls are the ones Syft and Trivy emit in their own test data and SBOMs, or the
 * purl-spec's examples; they are compared component by component, as purl parsers see them.
 */
class PurlFactoryTest {

    private static final OperatingSystem DEBIAN_11 = new OperatingSystem("debian", "11", "bullseye", null);

    private static Package pkg(String type, String name, String version, String arch, SourcePackage source, Map<String, String> properties) {
        return new Package(type, name, version, arch, source, null, List.of(new Location(null, "x")), "test", null, properties);
    }

    private static void assertPurl(String expected, Package pkg, OperatingSystem os) throws Exception {
        assertEquals(new PackageURL(expected), new PackageURL(PurlFactory.purl(pkg, os)));
    }

    @Test
    void debWithSourceOfAnotherVersionAsSyftWritesIt() throws Exception {
        // as in Syft's SBOM of debian:11 on arm64: bsdutils is built from util-linux
        assertPurl("pkg:deb/debian/bsdutils@1:2.36.1-8%2Bdeb11u1?arch=arm64&upstream=util-linux%402.36.1-8%2Bdeb11u1&distro=debian-11",
                pkg("deb", "bsdutils", "1:2.36.1-8+deb11u1", "arm64", new SourcePackage("util-linux", "2.36.1-8+deb11u1"), null), DEBIAN_11);
    }

    @Test
    void debWhoseSourceIsItselfHasNoUpstream() throws Exception {
        assertPurl("pkg:deb/debian/bash@5.1-2%2Bdeb11u1?arch=arm64&distro=debian-11",
                pkg("deb", "bash", "5.1-2+deb11u1", "arm64", new SourcePackage("bash", "5.1-2+deb11u1"), null), DEBIAN_11);
        assertPurl("pkg:deb/debian/apt@2.2.4?arch=arm64&distro=debian-11", pkg("deb", "apt", "2.2.4", "arm64", null, null), DEBIAN_11);
    }

    @Test
    void apkWithOriginAsSyftWritesIt() throws Exception {
        assertPurl("pkg:apk/alpine/libcrypto3@3.0.8-r3?arch=x86_64&upstream=openssl&distro=alpine-3.17.3",
                pkg("apk", "libcrypto3", "3.0.8-r3", "x86_64", new SourcePackage("openssl", null), null),
                new OperatingSystem("alpine", "3.17.3", null, null));
    }

    @Test
    void rpmMovesTheEpochToAQualifierAsTrivyAndSyftDo() throws Exception {
        OperatingSystem centos = new OperatingSystem("centos", "7.6.1810", null, null);
        assertPurl("pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?arch=x86_64&epoch=1&distro=centos-7.6.1810",
                pkg("rpm", "openssl-libs", "1:1.0.2k-16.el7", "x86_64", null, null), centos);
        assertPurl("pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?arch=x86_64&epoch=1&distro=centos-7.6.1810",
                pkg("rpm", "openssl-libs", "1.0.2k-16.el7", "x86_64", null, Map.of("epoch", "1")), centos);
        assertPurl("pkg:rpm/centos/bash@4.2.46-31.el7?arch=x86_64&distro=centos-7.6.1810",
                pkg("rpm", "bash", "4.2.46-31.el7", "x86_64", null, null), centos);
    }

    @Test
    void osPackagesWithoutAKnownOsHaveNoNamespaceNorDistro() throws Exception {
        // syft's "missing distro" case
        assertPurl("pkg:rpm/p@v-r", pkg("rpm", "p", "v-r", null, null, null), null);
    }

    @Test
    void languagePackagesAsThePurlSpecSpellsThem() throws Exception {
        assertPurl("pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1", pkg("maven", "org.apache.xmlgraphics:batik-anim", "1.9.1", null, null, null), DEBIAN_11);
        assertPurl("pkg:npm/%40angular/animation@12.3.1", pkg("npm", "@angular/animation", "12.3.1", null, null, null), DEBIAN_11);
        assertPurl("pkg:npm/foobar@12.3.1", pkg("npm", "foobar", "12.3.1", null, null, null), null);
        assertPurl("pkg:pypi/django-allauth@12.23", pkg("pypi", "Django_Allauth", "12.23", null, null, null), null);
        assertPurl("pkg:pypi/zope-interface@5.4.0", pkg("pypi", "zope.interface", "5.4.0", null, null, null), null);
        assertPurl("pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c", pkg("golang", "github.com/gorilla/context", "234fd47e07d1004f0aed9c", null, null, null), null);
        assertPurl("pkg:cargo/rand@0.7.2", pkg("cargo", "rand", "0.7.2", null, null, null), null);
        assertPurl("pkg:gem/ruby-advisory-db-check@0.12.4", pkg("gem", "ruby-advisory-db-check", "0.12.4", null, null, null), null);
        assertPurl("pkg:nuget/EnterpriseLibrary.Common@6.0.1304", pkg("nuget", "EnterpriseLibrary.Common", "6.0.1304", null, null, null), null);
        assertPurl("pkg:composer/laravel/laravel@5.5.0", pkg("composer", "laravel/laravel", "5.5.0", null, null, null), null);
    }

    @Test
    void anInvalidPackageIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PurlFactory.purl(pkg("not a type!", "x", "1", null, null, null), null));
        assertTrue(e.getMessage().startsWith("no valid purl for not a type! package 'x' 1: "), e.getMessage());
    }
}
