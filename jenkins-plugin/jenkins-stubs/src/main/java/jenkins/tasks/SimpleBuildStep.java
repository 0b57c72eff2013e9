package jenkins.tasks;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Action;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;
import java.util.Collection;

public interface SimpleBuildStep extends BuildStep {
    default void perform(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        throw new AbstractMethodError("perform is not implemented");
    }

    static interface LastBuildAction extends Action {
        Collection<? extends Action> getProjectActions();
    }
}
