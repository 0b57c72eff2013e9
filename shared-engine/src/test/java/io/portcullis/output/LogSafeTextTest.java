package io.portcullis.output;

import io.portcullis.testing.AgentLog;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogSafeTextTest {

    @Test
    void ordinaryTextIsReturnedAsItIs() {
        String text = "org.apache.logging.log4j:log4j-core 2.14.1 — Größe, 日本語, emoji \uD83D\uDE00, C:\\path";
        assertSame(text, LogSafeText.of(text));
        assertNull(LogSafeText.of(null));
    }

    @Test
    void terminalControlSequencesAreShownEscaped() {
        assertEquals("\\x1b]0;owned\\x07\\x1b[2J\\x1b]8;;http://x\\x1b\\link\\x00\\x7f\\x9b",
                LogSafeText.of("\u001b]0;owned\u0007\u001b[2J\u001b]8;;http://x\u001b\\link\u0000\u007f\u009b"));
    }

    @Test
    void lineBreaksInsideAValueAreShownEscaped() {
        assertEquals("a\\nb\\rc\\r\\nd\\te\\u2028f\\u2029g\\x0bh\\x0ci\\x85j",
                LogSafeText.of("a\nb\rc\r\nd\te\u2028f\u2029g\u000bh\u000ci\u0085j"));
    }

    @Test
    void bidiAndOtherInvisibleFormatCharactersAreShownEscaped() {
        assertEquals("evil\\u202egpj.exe \\u2066x\\u2069 \\u200bz\\ufeff \\U000e0041",
                LogSafeText.of("evil\u202egpj.exe \u2066x\u2069 \u200bz\ufeff \uDB40\uDC41"));
        assertEquals("lone \\ud800 surrogate", LogSafeText.of("lone \ud800 surrogate"));
    }

    @Test
    void noAgentCommandSurvivesAnywhereInTheValue() {
        assertEquals("##vso\\x5btask.setvariable variable=x]1", LogSafeText.of("##vso[task.setvariable variable=x]1"));
        assertEquals("name ##VsO\\x5btask.complete result=Succeeded]", LogSafeText.of("name ##VsO[task.complete result=Succeeded]"));
        assertEquals("###\\x5berror]x ##\\x5bgroup]", LogSafeText.of("###[error]x ##[group]"));
        String hostile = "pkg\r##vso[task.setvariable variable=token]x\n##[error]boom\u001b[0m##vso[a]";
        String shown = LogSafeText.of(hostile);
        assertEquals(1, AgentLog.lines(shown).size(), shown);
        assertTrue(AgentLog.commandLines(shown).isEmpty(), shown);
        assertTrue(AgentLog.rawControls(shown).isEmpty(), shown);
    }

    @Test
    void aCommandSplitByAnEscapedCharacterStaysVisibleAndInert() {
        String shown = LogSafeText.of("##\u0000vso[x]");
        assertEquals("##\\x00vso[x]", shown);
        assertTrue(AgentLog.commandLines(shown).isEmpty());
    }
}
