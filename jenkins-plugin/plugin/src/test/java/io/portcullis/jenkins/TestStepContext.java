package io.portcullis.jenkins;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** What the Pipeline engine hands a step: its run, workspace, launcher, log and flow node; records the outcome. */
final class TestStepContext extends StepContext {
    private static final long serialVersionUID = 1L;

    private final transient Map<Class<?>, Object> values;
    final transient List<Object> successes = new CopyOnWriteArrayList<>();
    final transient List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final transient CountDownLatch done = new CountDownLatch(1);
    final transient FlowNode node = new FlowNode(new FlowExecution() { }, "7") { };

    TestStepContext(Run<?, ?> run, FilePath workspace, TaskListener listener) {
        this.values = Map.of(Run.class, run, FilePath.class, workspace, TaskListener.class, listener,
                Launcher.class, new Launcher.LocalLauncher(listener));
    }

    @Override
    public <T> T get(Class<T> key) {
        return key == FlowNode.class ? key.cast(node) : key.cast(values.get(key));
    }

    @Override
    public void onSuccess(Object returnValue) {
        successes.add(returnValue);
        done.countDown();
    }

    @Override
    public void onFailure(Throwable t) {
        failures.add(t);
        done.countDown();
    }

    @Override
    public void setResult(Result r) {
        throw new UnsupportedOperationException("the step sets the run's result itself");
    }

    /** Waits for the step's thread to report. */
    void awaitOutcome() throws InterruptedException {
        if (!done.await(5, TimeUnit.MINUTES)) {
            throw new AssertionError("the step did not finish");
        }
    }
}
