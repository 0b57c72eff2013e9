package io.portcullis.jenkins;

import hudson.model.Action;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The findings trend on the job page (floatingBox.jelly), drawn from the last build backwards. */
public final class SecurityTrendAction implements Action {
    static final int BUILDS = 20;

    private final Run<?, ?> lastBuild;

    SecurityTrendAction(Run<?, ?> lastBuild) {
        this.lastBuild = lastBuild;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Container security trend";
    }

    @Override
    public String getUrlName() {
        return null;
    }

    /** Open findings by severity, summed over the images each build scanned, oldest first. */
    List<TrendChart.Point> points() {
        List<TrendChart.Point> points = new ArrayList<>();
        for (Run<?, ?> r = lastBuild; r != null && points.size() < BUILDS; r = r.getPreviousBuild()) {
            List<ContainerSecurityAction> scans = r.getActions(ContainerSecurityAction.class);
            if (scans.isEmpty()) {
                continue;
            }
            int critical = 0, high = 0, medium = 0, low = 0;
            for (ContainerSecurityAction a : scans) {
                ScanRecord s = a.getRecord();
                critical += s.getCritical();
                high += s.getHigh();
                medium += s.getMedium();
                low += s.getLow() + s.getUnknown();
            }
            points.add(new TrendChart.Point(r.getNumber(), critical, high, medium, low));
        }
        Collections.reverse(points);
        return points;
    }

    public boolean isShown() {
        return points().size() >= 1;
    }

    /** The chart as inline SVG markup, built from numbers only: nothing from an image reaches it. */
    public String getTrendSvg() {
        return TrendChart.svg(points());
    }
}
