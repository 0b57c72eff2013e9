package hudson.model;

import hudson.FilePath;
import hudson.Launcher;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import jenkins.model.ArtifactManager;
import jenkins.model.RunAction2;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable {
    protected final transient JobT project;
    public transient int number;
    protected transient volatile RunT previousBuild;
    protected volatile Result result;

    private final File rootDir;
    private ArtifactManager artifactManager;

    /** Like the real one, which loads a build from its directory: the directory name is the build number. */
    protected Run(JobT job, File buildDir) throws IOException {
        this.project = job;
        this.rootDir = buildDir;
        this.number = Integer.parseInt(buildDir.getName());
    }

    @Override
    public void addAction(Action a) {
        super.addAction(a);
        if (a instanceof RunAction2) {
            ((RunAction2) a).onAttached(this);
        }
    }

    public Result getResult() {
        return result;
    }

    /** As in Jenkins, a result can only get worse. */
    public void setResult(Result r) {
        if (result == null || r.isWorseThan(result)) {
            result = r;
        }
    }

    public JobT getParent() {
        return project;
    }

    public int getNumber() {
        return number;
    }

    public String getDisplayName() {
        return "#" + number;
    }

    public RunT getPreviousBuild() {
        return previousBuild;
    }

    public String getUrl() {
        return "job/test/" + number + "/";
    }

    public File getRootDir() {
        return rootDir;
    }

    public String getExternalizableId() {
        return "test#" + number;
    }

    public final ArtifactManager pickArtifactManager() throws IOException {
        if (artifactManager == null) {
            artifactManager = new ArtifactManager() {
                @Override
                public void onLoad(Run<?, ?> build) {
                }

                @Override
                public void archive(FilePath workspace, Launcher launcher, BuildListener listener, Map<String, String> artifacts)
                        throws IOException, InterruptedException {
                    Path archive = rootDir.toPath().resolve("archive");
                    for (Map.Entry<String, String> e : artifacts.entrySet()) {
                        Path target = archive.resolve(e.getKey());
                        Files.createDirectories(target.getParent());
                        Files.copy(Path.of(workspace.getRemote(), e.getValue()), target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }

                @Override
                public boolean delete() {
                    return false;
                }
            };
        }
        return artifactManager;
    }
}
