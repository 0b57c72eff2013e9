package hudson.model;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor() {
    }

    public String getDisplayName() {
        return getClass().getSimpleName();
    }

    /** The real one persists the descriptor to JENKINS_HOME; here there is none. */
    public void save() {
    }

    /** The real one reads the descriptor from JENKINS_HOME; here there is none. */
    public void load() {
    }
}
