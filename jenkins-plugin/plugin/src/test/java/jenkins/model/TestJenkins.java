package jenkins.model;

import hudson.model.Descriptor;

/** Installs a stub Jenkins instance holding the given descriptors, as a running controller would. */
public final class TestJenkins {
    private TestJenkins() {
    }

    public static void install(Descriptor<?>... descriptors) {
        Jenkins j = new Jenkins();
        j.descriptors.addAll(java.util.List.of(descriptors));
        Jenkins.setInstance(j);
    }
}
