package io.portcullis.azdo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AgentLogTest {

    @Test
    void untrustedTextCannotStartACommandEvenWhenWrittenInPieces() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        AgentLog log = new AgentLog(stdout, stderr);

        log.out().print("pkg ##v");
        log.out().flush();
        log.out().print("so[task.setvariable variable=PATH]/tmp\n##[error]fake\n");
        log.error("x\n##vso[task.complete result=Succeeded]");
        log.close();

        String out = stdout.toString(StandardCharsets.UTF_8);
        String err = stderr.toString(StandardCharsets.UTF_8);
        assertEquals(0, AgentCommandParser.commands(out).size(), out);
        assertEquals(0, AgentCommandParser.commands(err).size(), err);
        assertEquals(0, AgentCommandParser.formattingLines(out).size(), out);
        assertEquals("pkg ##_vso[task.setvariable variable=PATH]/tmp\n##_[error]fake\n", out);
    }

    @Test
    void aCommandAfterAPartialLineStartsALineOfItsOwn() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        AgentLog log = new AgentLog(stdout, new ByteArrayOutputStream());

        log.out().print("progress 50% ");
        log.command(LoggingCommand.of("build", "addbuildtag", Map.of(), "container-scan:pass"));
        log.close();

        String out = stdout.toString(StandardCharsets.UTF_8);
        assertEquals("progress 50% \n##vso[build.addbuildtag]container-scan:pass\n", out);
        assertEquals("build.addbuildtag", AgentCommandParser.commands(out).get(0).name());
    }
}
