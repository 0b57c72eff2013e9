package hudson.model;

import java.io.File;
import java.io.IOException;

public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
    protected AbstractBuild(P project, File buildDir) throws IOException {
        super(project, buildDir);
    }
}
