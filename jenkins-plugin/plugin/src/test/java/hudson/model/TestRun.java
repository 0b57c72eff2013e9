package hudson.model;

import java.io.File;
import java.io.IOException;

/** A build whose directory is a temp folder named by its number. */
public final class TestRun extends Run<TestJob, TestRun> {
    public TestRun(TestJob job, File buildDir, TestRun previous) throws IOException {
        super(job, buildDir);
        this.previousBuild = previous;
    }
}
