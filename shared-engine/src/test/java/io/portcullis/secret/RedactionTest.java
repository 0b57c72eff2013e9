package io.portcullis.secret;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RedactionTest {

    @Test
    void showsAtMostTheFirstFourCharactersAndHidesTheLength() {
        assertEquals("wJal****", Redaction.of("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        assertEquals("ghp_****", Redaction.of("ghp_0123456789abcdef"));
    }

    @Test
    void shortSecretsShowNoMoreThanHalf() {
        assertEquals("hun****", Redaction.of("hunter2"));
        assertEquals("a****", Redaction.of("ab"));
        assertEquals("****", Redaction.of("x"));
    }
}
