package io.portcullis.report;

import io.portcullis.check.CheckKind;
import io.portcullis.match.Severity;
import io.portcullis.policy.AssessedCheck;
import io.portcullis.policy.AssessedFinding;
import io.portcullis.policy.BenchmarkResult;
import io.portcullis.policy.ControlResult;
import io.portcullis.policy.RuleResult;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * JUnit XML for CI test-result views (Jenkins junit, Azure DevOps PublishTestResults). One
 * testsuite of gate rules (a testcase per rule, failing when the rule failed, skipped when not
 * evaluated) and one testsuite per severity with a testcase per shown finding, failing when the
 * finding is one of those that failed a rule, skipped when suppressed; one testsuite per compliance
 * benchmark with a testcase per control, failing with its evidence when the control failed, skipped when manual.
 */
public final class JunitReport implements ReportWriter {

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            text(xml, "\n");
            List<RuleResult> rules = report.verdict().rules();
            Set<String> failing = report.failingFindingKeys();
            List<AssessedFinding> findings = report.displayedFindings();
            long findingFailures = findings.stream().filter(a -> !a.suppressed() && failing.contains(a.key())).count();
            long ruleFailures = rules.stream().filter(RuleResult::failed).count();
            List<AssessedCheck> checks = report.displayedChecks();
            long checkFailures = checks.stream().filter(c -> !c.suppressed() && failing.contains(c.key())).count();
            List<BenchmarkResult> benchmarks = report.assessment().compliance();
            long controls = benchmarks.stream().mapToLong(b -> b.controls().size()).sum();
            long controlFailures = benchmarks.stream().mapToLong(b -> b.failed().size()).sum();

            xml.writeStartElement("testsuites");
            attribute(xml, "name", "Portcullis " + report.imageName());
            attribute(xml, "tests", String.valueOf(rules.size() + findings.size() + checks.size() + controls));
            attribute(xml, "failures", String.valueOf(ruleFailures + findingFailures + checkFailures + controlFailures));
            attribute(xml, "errors", "0");
            text(xml, "\n");

            suiteStart(xml, "policy gates", rules.size(), ruleFailures,
                    rules.stream().filter(r -> r.status() == RuleResult.Status.NOT_EVALUATED).count());
            for (RuleResult r : rules) {
                xml.writeStartElement("testcase");
                attribute(xml, "classname", "portcullis.gates");
                attribute(xml, "name", r.rule());
                if (r.failed()) {
                    xml.writeStartElement("failure");
                    attribute(xml, "type", "gate");
                    attribute(xml, "message", r.message());
                    text(xml, "limit: " + r.limit() + "\nactual: " + r.actual()
                            + (r.findingIds().isEmpty() ? "" : "\nfindings:\n  " + String.join("\n  ", r.findingIds())));
                    xml.writeEndElement();
                } else if (r.status() == RuleResult.Status.NOT_EVALUATED) {
                    xml.writeStartElement("skipped");
                    attribute(xml, "message", "not evaluated: " + r.message());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                text(xml, "\n");
            }
            suiteEnd(xml);

            for (BenchmarkResult b : benchmarks) {
                suiteStart(xml, "compliance " + b.fullTitle(), b.controls().size(), b.failed().size(), b.controls().size() - b.evaluated());
                for (ControlResult c : b.controls()) {
                    controlCase(xml, b, c);
                }
                suiteEnd(xml);
            }

            for (Severity severity : Severity.highestFirst()) {
                List<AssessedFinding> group = findings.stream().filter(a -> a.finding().severity() == severity).toList();
                if (group.isEmpty()) {
                    continue;
                }
                suiteStart(xml, severity.name() + " findings", group.size(),
                        group.stream().filter(a -> !a.suppressed() && failing.contains(a.key())).count(),
                        group.stream().filter(AssessedFinding::suppressed).count());
                for (AssessedFinding a : group) {
                    findingCase(xml, a, severity, failing.contains(a.key()));
                }
                suiteEnd(xml);
            }
            for (CheckKind kind : CheckKind.values()) {
                List<AssessedCheck> group = checks.stream().filter(c -> c.finding().kind() == kind).toList();
                if (group.isEmpty()) {
                    continue;
                }
                suiteStart(xml, kind.name().toLowerCase(Locale.ROOT) + " checks", group.size(),
                        group.stream().filter(c -> !c.suppressed() && failing.contains(c.key())).count(),
                        group.stream().filter(AssessedCheck::suppressed).count());
                for (AssessedCheck c : group) {
                    checkCase(xml, c, failing.contains(c.key()));
                }
                suiteEnd(xml);
            }
            xml.writeEndElement();
            text(xml, "\n");
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void controlCase(XMLStreamWriter xml, BenchmarkResult b, ControlResult c) throws XMLStreamException {
        xml.writeStartElement("testcase");
        attribute(xml, "classname", "portcullis.compliance." + b.name());
        attribute(xml, "name", c.control() + " " + c.title());
        if (c.status() == ControlResult.Status.FAIL) {
            xml.writeStartElement("failure");
            attribute(xml, "type", "compliance");
            attribute(xml, "message", b.fullTitle() + " " + c.control() + " failed");
            text(xml, String.join("\n", c.evidence()));
            xml.writeEndElement();
        } else if (c.status() == ControlResult.Status.MANUAL) {
            xml.writeStartElement("skipped");
            attribute(xml, "message", "manual: " + String.join("; ", c.evidence()));
            xml.writeEndElement();
        }
        xml.writeEndElement();
        text(xml, "\n");
    }

    private static void findingCase(XMLStreamWriter xml, AssessedFinding a, Severity severity, boolean failing) throws XMLStreamException {
        var f = a.finding();
        xml.writeStartElement("testcase");
        attribute(xml, "classname", "portcullis.findings." + severity.name().toLowerCase(Locale.ROOT));
        attribute(xml, "name", a.key());
        String details = f.vulnerabilityId() + (f.aliases().isEmpty() ? "" : " (" + String.join(", ", f.aliases()) + ")")
                + "\npackage: " + f.pkg().name() + " " + f.pkg().version()
                + "\nfixed in: " + (f.hasFix() ? String.join(", ", f.fixedVersions()) : "(no fix)")
                + (f.summary() == null ? "" : "\n" + f.summary());
        if (a.suppressed()) {
            xml.writeStartElement("skipped");
            attribute(xml, "message", "suppressed: " + a.suppression().describe());
            xml.writeEndElement();
        } else if (failing) {
            xml.writeStartElement("failure");
            attribute(xml, "type", severity.name());
            attribute(xml, "message", a.key() + " fails the gate");
            text(xml, details);
            xml.writeEndElement();
        }
        xml.writeStartElement("system-out");
        text(xml, details);
        xml.writeEndElement();
        xml.writeEndElement();
        text(xml, "\n");
    }

    private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, XmlText.of(value));
    }

    private static void text(XMLStreamWriter xml, String value) throws XMLStreamException {
        xml.writeCharacters(XmlText.of(value));
    }

    private static void checkCase(XMLStreamWriter xml, AssessedCheck a, boolean failing) throws XMLStreamException {
        var f = a.finding();
        xml.writeStartElement("testcase");
        attribute(xml, "classname", "portcullis." + f.kind().name().toLowerCase(Locale.ROOT) + "." + f.severity().name().toLowerCase(Locale.ROOT));
        attribute(xml, "name", a.key());
        String details = f.ruleId() + ": " + f.title() + "\n" + f.message()
                + (f.cisControl() == null ? "" : "\nCIS Docker Benchmark 1.3.1 " + f.cisControl())
                + (f.layerDiffId() == null ? "" : "\nlayer: " + f.layerDiffId())
                + (f.historyStep() == null ? "" : "\nbuild step: " + f.historyStep())
                + (f.removed() ? "\nremoved by a later layer (still in the image)" : "");
        if (a.suppressed()) {
            xml.writeStartElement("skipped");
            attribute(xml, "message", "suppressed: " + a.suppression().describe());
            xml.writeEndElement();
        } else if (failing) {
            xml.writeStartElement("failure");
            attribute(xml, "type", f.severity().name());
            attribute(xml, "message", a.key() + " fails the gate");
            text(xml, details);
            xml.writeEndElement();
        }
        xml.writeStartElement("system-out");
        text(xml, details);
        xml.writeEndElement();
        xml.writeEndElement();
        text(xml, "\n");
    }

    private static void suiteStart(XMLStreamWriter xml, String name, long tests, long failures, long skipped) throws XMLStreamException {
        xml.writeStartElement("testsuite");
        attribute(xml, "name", name);
        attribute(xml, "tests", String.valueOf(tests));
        attribute(xml, "failures", String.valueOf(failures));
        attribute(xml, "errors", "0");
        attribute(xml, "skipped", String.valueOf(skipped));
        text(xml, "\n");
    }

    private static void suiteEnd(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeEndElement();
        text(xml, "\n");
    }
}
