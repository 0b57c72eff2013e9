package hudson.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public abstract class Actionable {
    private final List<Action> actions = new CopyOnWriteArrayList<>();

    public Actionable() {
    }

    public List<Action> getActions() {
        return actions;
    }

    public <T extends Action> List<T> getActions(Class<T> type) {
        List<T> matching = new ArrayList<>();
        for (Action a : actions) {
            if (type.isInstance(a)) {
                matching.add(type.cast(a));
            }
        }
        return Collections.unmodifiableList(matching);
    }

    public void addAction(Action a) {
        actions.add(a);
    }

    public <T extends Action> T getAction(Class<T> type) {
        for (Action a : actions) {
            if (type.isInstance(a)) {
                return type.cast(a);
            }
        }
        return null;
    }
}
