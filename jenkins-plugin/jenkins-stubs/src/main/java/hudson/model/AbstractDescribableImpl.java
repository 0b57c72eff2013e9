package hudson.model;

public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    public AbstractDescribableImpl() {
    }

    @Override
    public Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException("descriptor lookup needs a running Jenkins");
    }
}
