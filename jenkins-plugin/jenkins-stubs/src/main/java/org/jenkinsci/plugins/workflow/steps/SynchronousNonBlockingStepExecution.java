package org.jenkinsci.plugins.workflow.steps;

public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    private static final long serialVersionUID = 1L;

    private transient volatile Thread worker;

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    /** As the real one: run() on another thread, its value or exception handed to the context. */
    @Override
    public final boolean start() throws Exception {
        Thread t = new Thread(() -> {
            try {
                getContext().onSuccess(run());
            } catch (Throwable e) {
                getContext().onFailure(e);
            }
        }, "SynchronousNonBlockingStepExecution");
        worker = t;
        t.start();
        return false;
    }

    /** As the real one: interrupt the thread running run(), then report the cause. */
    @Override
    public void stop(Throwable cause) throws Exception {
        Thread t = worker;
        if (t != null) {
            t.interrupt();
        }
        super.stop(cause);
    }
}
