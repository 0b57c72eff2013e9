package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;
import org.jenkinsci.plugins.workflow.flow.FlowExecution;

public abstract class FlowNode extends Actionable {
    private final String id;

    protected FlowNode(FlowExecution exec, String id, FlowNode... parents) {
        this.id = id;
    }

    public String getId() {
        return id;
    }
}
