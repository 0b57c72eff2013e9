package hudson;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;

public abstract class Launcher {
    protected final TaskListener listener;
    protected final VirtualChannel channel;

    protected Launcher(TaskListener listener, VirtualChannel channel) {
        this.listener = listener;
        this.channel = channel;
    }

    public TaskListener getListener() {
        return listener;
    }

    public static class LocalLauncher extends Launcher {
        public LocalLauncher(TaskListener listener) {
            super(listener, null);
        }
    }
}
