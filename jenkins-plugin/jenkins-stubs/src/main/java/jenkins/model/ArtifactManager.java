package jenkins.model;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.BuildListener;
import hudson.model.Run;
import java.io.IOException;
import java.util.Map;

public abstract class ArtifactManager {
    public ArtifactManager() {
    }

    public abstract void onLoad(Run<?, ?> build);

    public abstract void archive(FilePath workspace, Launcher launcher, BuildListener listener, Map<String, String> artifacts)
            throws IOException, InterruptedException;

    public abstract boolean delete() throws IOException, InterruptedException;
}
