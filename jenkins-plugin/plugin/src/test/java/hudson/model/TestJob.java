package hudson.model;

/** A job for tests; the stub's constructor is package-private because the real one needs an ItemGroup. */
public final class TestJob extends Job<TestJob, TestRun> {
    public TestJob() {
    }
}
