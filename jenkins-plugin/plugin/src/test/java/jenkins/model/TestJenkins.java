package jenkins.model;

import hudson.model.Descriptor;
import hudson.security.ACL;

/** Installs a stub Jenkins instance holding the given descriptors, as a running controller would. */
public final class TestJenkins {
    private TestJenkins() {
    }

    public static void install(Descriptor<?>... descriptors) {
        Jenkins j = new Jenkins();
        j.descriptors.addAll(java.util.List.of(descriptors));
        Jenkins.setInstance(j);
    }

    /** The controller's authorization for the current user from now on. */
    public static void authorize(ACL acl) {
        Jenkins.get().acl = acl;
    }
}
