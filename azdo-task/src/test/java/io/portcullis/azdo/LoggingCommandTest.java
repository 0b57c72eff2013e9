package io.portcullis.azdo;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class LoggingCommandTest {

    private static final String HOSTILE_NAME = "x\n##vso[task.setvariable variable=PATH]/tmp";

    @Test
    void valuesRoundTripThroughTheAgentsDecoding() {
        String awkward = "a;b]c\rd\ne%f %AZP25 %3B 100% done]";
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("type", "warning");
        properties.put("sourcepath", awkward);
        String line = LoggingCommand.of("task", "logissue", properties, awkward).toLine();

        var commands = AgentCommandParser.commands(line);
        assertEquals(1, commands.size());
        assertEquals("task.logissue", commands.get(0).name());
        assertEquals(awkward, commands.get(0).property("sourcepath"));
        assertEquals("warning", commands.get(0).property("type"));
        assertEquals(awkward, commands.get(0).data());
    }

    @Test
    void aHostileValueStaysOneCommandAndCannotStartAnother() {
        String line = LoggingCommand.of("task", "logissue", Map.of("type", "warning"), "package " + HOSTILE_NAME).toLine();

        assertFalse(line.contains("\n"));
        assertEquals(1, line.split("##vso\\[", -1).length - 1, line);
        var commands = AgentCommandParser.commands(line);
        assertEquals(1, commands.size());
        assertEquals("package x\n##_vso[task.setvariable variable=PATH]/tmp", commands.get(0).data());
        assertEquals(Map.of("type", "warning"), Map.copyOf(commands.get(0).properties()));
    }

    @Test
    void formattingCommandsInValuesAreNeutralisedToo() {
        String line = LoggingCommand.of("task", "complete", Map.of("result", "Failed"), "bad ##[error]x ##VSO[y").toLine();
        assertEquals("bad ##_[error]x ##_VSO[y", AgentCommandParser.commands(line).get(0).data());
        assertEquals(0, AgentCommandParser.formattingLines(line).size());
    }

    @Test
    void aSecretIsRegisteredExactlyButStaysOnItsLine() {
        String line = LoggingCommand.setSecret("p;w]d%##vso[").toLine();
        var commands = AgentCommandParser.commands(line);
        assertEquals(1, commands.size());
        assertEquals("task.setsecret", commands.get(0).name());
        assertEquals("p;w]d%##vso[", commands.get(0).data());
    }

    @Test
    void emptyPropertiesAreLeftOut() {
        assertEquals("##vso[task.setvariable variable=v;]x",
                LoggingCommand.of("task", "setvariable", new LinkedHashMap<>(Map.of("variable", "v", "isOutput", "")), "x").toLine());
    }
}
