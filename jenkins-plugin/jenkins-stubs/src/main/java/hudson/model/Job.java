package hudson.model;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    // The real constructor takes an ItemGroup, which the listed API does not include.
    Job() {
    }
}
