package io.portcullis.report;

import io.portcullis.check.CheckKind;
import io.portcullis.match.Severity;
import io.portcullis.policy.AssessedCheck;
import io.portcullis.policy.AssessedFinding;
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
 * finding is one of those that failed a rule, skipped when suppressed.
 */
public final class JunitReport implements ReportWriter {

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            List<RuleResult> rules = report.verdict().rules();
            Set<String> failing = report.failingFindingKeys();
            List<AssessedFinding> findings = report.displayedFindings();
            long findingFailures = findings.stream().filter(a -> !a.suppressed() && failing.contains(a.key())).count();
            long ruleFailures = rules.stream().filter(RuleResult::failed).count();
            List<AssessedCheck> checks = report.displayedChecks();
            long checkFailures = checks.stream().filter(c -> !c.suppressed() && failing.contains(c.key())).count();

            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "Portcullis " + report.imageName());
            xml.writeAttribute("tests", String.valueOf(rules.size() + findings.size() + checks.size()));
            xml.writeAttribute("failures", String.valueOf(ruleFailures + findingFailures + checkFailures));
            xml.writeAttribute("errors", "0");
            xml.writeCharacters("\n");

            suiteStart(xml, "policy gates", rules.size(), ruleFailures,
                    rules.stream().filter(r -> r.status() == RuleResult.Status.NOT_EVALUATED).count());
            for (RuleResult r : rules) {
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "portcullis.gates");
                xml.writeAttribute("name", r.rule());
                if (r.failed()) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", "gate");
                    xml.writeAttribute("message", r.message());
                    xml.writeCharacters("limit: " + r.limit() + "\nactual: " + r.actual()
                            + (r.findingIds().isEmpty() ? "" : "\nfindings:\n  " + String.join("\n  ", r.findingIds())));
                    xml.writeEndElement();
                } else if (r.status() == RuleResult.Status.NOT_EVALUATED) {
                    xml.writeStartElement("skipped");
                    xml.writeAttribute("message", "not evaluated: " + r.message());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
                xml.writeCharacters("\n");
            }
            suiteEnd(xml);

            for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.UNKNOWN)) {
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
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void findingCase(XMLStreamWriter xml, AssessedFinding a, Severity severity, boolean failing) throws XMLStreamException {
        var f = a.finding();
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "portcullis.findings." + severity.name().toLowerCase(Locale.ROOT));
        xml.writeAttribute("name", a.key());
        String details = f.vulnerabilityId() + (f.aliases().isEmpty() ? "" : " (" + String.join(", ", f.aliases()) + ")")
                + "\npackage: " + f.pkg().name() + " " + f.pkg().version()
                + "\nfixed in: " + (f.hasFix() ? String.join(", ", f.fixedVersions()) : "(no fix)")
                + (f.summary() == null ? "" : "\n" + f.summary());
        if (a.suppressed()) {
            xml.writeStartElement("skipped");
            xml.writeAttribute("message", "suppressed: " + a.suppression().describe());
            xml.writeEndElement();
        } else if (failing) {
            xml.writeStartElement("failure");
            xml.writeAttribute("type", severity.name());
            xml.writeAttribute("message", a.key() + " fails the gate");
            xml.writeCharacters(details);
            xml.writeEndElement();
        }
        xml.writeStartElement("system-out");
        xml.writeCharacters(details);
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void checkCase(XMLStreamWriter xml, AssessedCheck a, boolean failing) throws XMLStreamException {
        var f = a.finding();
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "portcullis." + f.kind().name().toLowerCase(Locale.ROOT) + "." + f.severity().name().toLowerCase(Locale.ROOT));
        xml.writeAttribute("name", a.key());
        String details = f.ruleId() + ": " + f.title() + "\n" + f.message()
                + (f.cisControl() == null ? "" : "\nCIS Docker Benchmark 1.3.1 " + f.cisControl())
                + (f.layerDiffId() == null ? "" : "\nlayer: " + f.layerDiffId())
                + (f.historyStep() == null ? "" : "\nbuild step: " + f.historyStep())
                + (f.removed() ? "\nremoved by a later layer (still in the image)" : "");
        if (a.suppressed()) {
            xml.writeStartElement("skipped");
            xml.writeAttribute("message", "suppressed: " + a.suppression().describe());
            xml.writeEndElement();
        } else if (failing) {
            xml.writeStartElement("failure");
            xml.writeAttribute("type", f.severity().name());
            xml.writeAttribute("message", a.key() + " fails the gate");
            xml.writeCharacters(details);
            xml.writeEndElement();
        }
        xml.writeStartElement("system-out");
        xml.writeCharacters(details);
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private static void suiteStart(XMLStreamWriter xml, String name, long tests, long failures, long skipped) throws XMLStreamException {
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", String.valueOf(tests));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", String.valueOf(skipped));
        xml.writeCharacters("\n");
    }

    private static void suiteEnd(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }
}
