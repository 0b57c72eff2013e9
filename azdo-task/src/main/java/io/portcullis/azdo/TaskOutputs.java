package io.portcullis.azdo;

import io.portcullis.engine.ScanSummary;
import io.portcullis.engine.SeverityCounts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The output variables task.json declares, and the only variables the task sets. */
final class TaskOutputs {

    static final List<String> NAMES = List.of("verdict", "criticalCount", "highCount", "mediumCount", "lowCount",
            "unknownCount", "reportPath", "sbomPath");

    private TaskOutputs() {
    }

    static Map<String, String> of(ScanSummary summary, String reportPath, String sbomPath) {
        SeverityCounts open = summary.getOpen();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("verdict", summary.getVerdict());
        values.put("criticalCount", Integer.toString(open.getCritical()));
        values.put("highCount", Integer.toString(open.getHigh()));
        values.put("mediumCount", Integer.toString(open.getMedium()));
        values.put("lowCount", Integer.toString(open.getLow()));
        values.put("unknownCount", Integer.toString(open.getUnknown()));
        values.put("reportPath", reportPath);
        values.put("sbomPath", sbomPath);
        return values;
    }
}
