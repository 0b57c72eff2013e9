package io.portcullis.sbom;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Expected results follow SPDX 2.3 annex D (license expression grammar) and the SPDX license list
 * 3.24 ids and exception ids (https://spdx.org/licenses/).
 */
class SpdxLicensesTest {

    private final SpdxLicenses licenses = SpdxLicenses.bundled();

    @Test
    void listedIdsMatchCaseInsensitivelyAndAreWrittenAsListed() {
        assertEquals(Optional.of("MIT"), licenses.licenseId("mit"));
        assertEquals(Optional.of("GPL-2.0-only"), licenses.licenseId("gpl-2.0-ONLY"));
        assertEquals(Optional.empty(), licenses.licenseId("GPL2"), "apk's spelling, not an SPDX id");
        assertEquals(Optional.empty(), licenses.licenseId("Classpath-exception-2.0"), "an exception, not a license");
        assertEquals("3.24.0", licenses.listVersion());
    }

    @Test
    void validExpressionsAreCanonicalised() {
        assertEquals(Optional.of("MIT"), licenses.expression(" MIT "));
        assertEquals(Optional.of("GPL-2.0-or-later WITH Classpath-exception-2.0"),
                licenses.expression("gpl-2.0-or-later WITH classpath-exception-2.0"));
        assertEquals(Optional.of("(MIT OR Apache-2.0) AND BSD-3-Clause"), licenses.expression("(MIT OR Apache-2.0) AND BSD-3-Clause"));
        assertEquals(Optional.of("(MIT OR Apache-2.0) AND BSD-3-Clause"), licenses.expression("(MIT  OR\tApache-2.0)AND BSD-3-Clause"));
        assertEquals(Optional.of("LGPL-2.1+"), licenses.expression("LGPL-2.1+"));
        assertEquals(Optional.of("LicenseRef-my.custom-1"), licenses.expression("LicenseRef-my.custom-1"));
        assertEquals(Optional.of("DocumentRef-other:LicenseRef-x OR MIT"), licenses.expression("DocumentRef-other:LicenseRef-x OR MIT"));
    }

    @Test
    void invalidExpressionsAreRejected() {
        for (String invalid : new String[] {
                "MIT BSD GPL2+",              // alpine libc-utils: space-separated, BSD and GPL2 unlisted
                "MPL-2.0 GPL-2.0-or-later",   // two ids with no operator
                "MIT AND", "(MIT", "MIT)", "AND MIT", "",
                "MIT WITH GPL-2.0-only",      // WITH needs an exception id
                "(MIT OR Apache-2.0) WITH Classpath-exception-2.0", // WITH applies to a single license
                "MIT and Apache-2.0",         // operators are upper case
                "LicenseRef-", "LicenseRef-a_b", "The Apache Software License, Version 2.0"}) {
            assertEquals(Optional.empty(), licenses.expression(invalid), invalid);
        }
    }
}
