package io.portcullis.azdo;

import java.io.FileDescriptor;
import java.io.FileOutputStream;

/**
 * The runner jar's entry point, started by the task's Node entry with the agent's environment.
 * Everything anything in this JVM prints goes through the command-neutralising streams; only
 * {@link AgentLog#command} writes raw to stdout.
 */
public final class ContainerScanRunner {

    private ContainerScanRunner() {
    }

    public static void main(String[] args) {
        FileOutputStream stdout = new FileOutputStream(FileDescriptor.out);
        FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);
        AgentLog log = new AgentLog(stdout, stderr);
        System.setOut(log.out());
        System.setErr(log.err());
        int exitCode = new ContainerScanTask(System.getenv(), log).run();
        log.close();
        System.exit(exitCode);
    }
}
