package io.portcullis.azdo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The oracle itself, on lines whose meaning the agent's documentation and source fix. */
class AgentCommandParserTest {

    @Test
    void findsTheCommandAnywhereInALineAndEndsThePropertiesAtTheFirstBracket() {
        var command = AgentCommandParser.tryParse("some text ##vso[task.setvariable variable=a;isOutput=true]va]lue").orElseThrow();
        assertEquals("task.setvariable", command.name());
        assertEquals("a", command.property("VARIABLE"));
        assertEquals("true", command.property("isoutput"));
        assertEquals("va]lue", command.data());
    }

    @Test
    void acceptsOnlyAreaDotEventNames() {
        assertTrue(AgentCommandParser.tryParse("##vso[taskcomplete]x").isEmpty());
        assertTrue(AgentCommandParser.tryParse("##vso[a.b.c]x").isEmpty());
        assertTrue(AgentCommandParser.tryParse("##vso[]x").isEmpty());
        assertTrue(AgentCommandParser.tryParse("##vsox[task.debug]x").isEmpty());
        assertEquals("task.debug", AgentCommandParser.tryParse("##VSO[task.debug]x").orElseThrow().name());
    }

    @Test
    void unescapesTheFourSymbolsBeforePercent() {
        var command = AgentCommandParser.tryParse("##vso[task.logissue type=warning;p=a%3Bb%5Dc%0Dd%0Ae%AZP25f%AZP253B]x%0Ay%AZP25").orElseThrow();
        assertEquals("a;b]c\rd\ne%f%3B", command.property("p"));
        assertEquals("x\ny%", command.data());
    }

    @Test
    void dropsPropertiesWithoutAValueAndSplitsLinesLikeAReader() {
        var command = AgentCommandParser.tryParse("##vso[task.logissue type=;code=7;;flag]d").orElseThrow();
        assertEquals(1, command.properties().size());
        assertEquals(2, AgentCommandParser.commands("##vso[a.b]1\r##vso[c.d]2\r\n").size());
    }
}
