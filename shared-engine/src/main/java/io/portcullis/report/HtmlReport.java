package io.portcullis.report;

import io.portcullis.check.CheckFinding;
import io.portcullis.match.Finding;
import io.portcullis.match.Severity;
import io.portcullis.output.LogSafeText;
import io.portcullis.policy.AssessedCheck;
import io.portcullis.policy.AssessedFinding;
import io.portcullis.policy.BenchmarkResult;
import io.portcullis.policy.ControlResult;
import io.portcullis.policy.RuleResult;
import io.portcullis.sbom.SbomCheck;
import io.portcullis.sbom.SbomValidation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One self-contained HTML page: inline style and script, a Content-Security-Policy that forbids
 * every external load, so it works offline and as a CI artifact. The verdict, counts and the full
 * findings table are plain HTML (readable without JavaScript); the script adds sorting and filters
 * by severity, package and fix availability, and applies filters given in the URL fragment
 * ({@code #severity=HIGH&fix=yes&package=openssl&status=open&sort=package}, {@code sort=-id} for descending) so a link can share a view.
 */
public final class HtmlReport implements ReportWriter {

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        boolean pass = report.verdict().passed();
        w.println("<!DOCTYPE html>");
        w.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.println("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">");
        w.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.println("<title>Portcullis " + (pass ? "PASS" : "FAIL") + ": " + esc(report.imageName()) + "</title>");
        w.println("<style>" + CSS + "</style></head><body>");
        w.println("<header><h1>Portcullis scan report</h1>");
        w.println("<p class=\"image\">" + esc(report.imageName()) + "</p>");
        w.println("<p id=\"verdict\" class=\"verdict " + (pass ? "pass" : "fail") + "\">" + (pass ? "PASS" : "FAIL") + "</p></header>");

        w.println("<section><h2>Open findings by severity</h2><table id=\"counts\" class=\"counts\"><tr>");
        for (Severity s : Severity.highestFirst()) {
            w.println("<th class=\"sev-" + lower(s) + "\">" + s.name() + "</th>");
        }
        w.println("</tr><tr>");
        for (Severity s : Severity.highestFirst()) {
            w.println("<td data-severity=\"" + s.name() + "\">" + report.openCounts().get(s) + "</td>");
        }
        w.println("</tr></table>");
        w.println("<p>" + report.findings().size() + " findings in " + report.scan().inventory().packages().size()
                + " packages; " + report.suppressedFindings().size() + " suppressed.</p></section>");

        if (!report.verdict().rules().isEmpty()) {
            w.println("<section><h2>Gates</h2><table id=\"gates\"><thead><tr><th>Rule</th><th>Status</th><th>Limit</th><th>Actual</th><th>Detail</th></tr></thead><tbody>");
            for (RuleResult r : report.verdict().rules()) {
                w.println("<tr class=\"rule-" + lower(r.status().name()) + "\"><td>" + esc(r.rule()) + "</td><td>" + r.status()
                        + "</td><td>" + esc(r.limit()) + "</td><td>" + esc(r.actual() == null ? "—" : r.actual()) + "</td><td>"
                        + esc(r.message()) + "</td></tr>");
            }
            w.println("</tbody></table></section>");
        }
        for (BenchmarkResult b : report.assessment().compliance()) {
            w.println("<section><h2>Compliance: " + esc(b.fullTitle()) + "</h2>");
            w.println("<p>Score: " + b.passed() + " of " + b.evaluated() + " automated controls passed; manual controls are not counted as passed.</p>");
            w.println("<table class=\"compliance\" data-benchmark=\"" + esc(b.name()) + "\"><thead><tr><th>Control</th><th>Status</th>"
                    + "<th>Title</th><th>Evidence</th></tr></thead><tbody>");
            for (ControlResult c : b.controls()) {
                w.println("<tr class=\"control-" + lower(c.status().name()) + "\" data-control=\"" + esc(c.control()) + "\"><td>" + esc(c.control())
                        + "</td><td>" + c.status() + "</td><td>" + esc(c.title()) + "</td><td><ul>"
                        + c.evidence().stream().map(e -> "<li>" + esc(e) + "</li>").reduce("", String::concat) + "</ul></td></tr>");
            }
            w.println("</tbody></table></section>");
        }
        if (!report.verdict().warnings().isEmpty()) {
            w.println("<section><h2>Warnings</h2><ul id=\"warnings\">");
            report.verdict().warnings().forEach(x -> w.println("<li>" + esc(x) + "</li>"));
            w.println("</ul></section>");
        }

        sbomValidation(w, report.scan().sbomValidation());
        w.println("<section><h2>Findings</h2>");
        w.println("<form id=\"filters\" hidden>"
                + "<label>Severity <select id=\"f-severity\"><option value=\"\">all</option>"
                + Severity.highestFirst().stream().map(s -> "<option>" + s.name() + "</option>").reduce("", String::concat) + "</select></label>"
                + "<label>Package <input id=\"f-package\" type=\"search\" placeholder=\"name contains\"></label>"
                + "<label>Fix <select id=\"f-fix\"><option value=\"\">all</option><option value=\"yes\">fix available</option><option value=\"no\">no fix</option></select></label>"
                + "<label>Status <select id=\"f-status\"><option value=\"\">all</option><option value=\"open\">open</option><option value=\"suppressed\">suppressed</option></select></label>"
                + "<span id=\"shown-count\"></span></form>");
        w.println("<table id=\"findings\"><thead><tr>"
                + "<th data-sort=\"severity\">Severity</th><th data-sort=\"id\">Vulnerability</th><th data-sort=\"package\">Package</th>"
                + "<th>Installed</th><th data-sort=\"fix\">Fixed in</th><th>Status</th><th>Title</th></tr></thead><tbody>");
        for (AssessedFinding a : report.displayedFindings()) {
            Finding f = a.finding();
            String status = a.suppressed() ? "suppressed" : "open";
            w.println("<tr data-severity=\"" + f.severity().name() + "\" data-rank=\"" + f.severity().ordinal()
                    + "\" data-package=\"" + esc(f.pkg().name()) + "\" data-fix=\"" + (f.hasFix() ? "yes" : "no")
                    + "\" data-status=\"" + status + "\" data-id=\"" + esc(f.vulnerabilityId()) + "\">"
                    + "<td class=\"sev-" + lower(f.severity()) + "\">" + f.severity().name() + "</td>"
                    + "<td><a href=\"" + esc(MarkdownReport.link(f)) + "\">" + esc(f.vulnerabilityId()) + "</a>"
                    + (f.aliases().isEmpty() ? "" : "<br><small>" + esc(String.join(", ", f.aliases())) + "</small>") + "</td>"
                    + "<td>" + esc(f.pkg().name()) + "</td><td>" + esc(f.pkg().version()) + "</td>"
                    + "<td>" + (f.hasFix() ? esc(String.join(", ", f.fixedVersions())) : "<em>no fix</em>") + "</td>"
                    + "<td>" + (a.suppressed() ? "suppressed: " + esc(a.suppression().describe()) : "open") + "</td>"
                    + "<td>" + esc(f.summary() == null ? "" : f.summary()) + "</td></tr>");
        }
        w.println("</tbody></table></section>");
        List<AssessedCheck> checks = report.displayedChecks();
        if (!checks.isEmpty()) {
            w.println("<section><h2>Configuration and secrets</h2><table id=\"checks\"><thead><tr><th>Severity</th><th>Check</th>"
                    + "<th>CIS</th><th>Where</th><th>Evidence</th><th>Status</th></tr></thead><tbody>");
            for (AssessedCheck c : checks) {
                CheckFinding f = c.finding();
                w.println("<tr data-kind=\"" + f.kind().name() + "\" data-severity=\"" + f.severity().name() + "\">"
                        + "<td class=\"sev-" + lower(f.severity()) + "\">" + f.severity().name() + "</td>"
                        + "<td>" + esc(f.ruleId()) + "<br><small>" + esc(f.title()) + "</small></td>"
                        + "<td>" + esc(f.cisControl() == null ? "—" : f.cisControl()) + "</td>"
                        + "<td>" + esc(f.location()) + (f.layerDiffId() == null ? "" : "<br><small>layer " + esc(f.layerDiffId()) + "</small>")
                        + (f.historyStep() == null ? "" : "<br><small>step: " + esc(f.historyStep()) + "</small>") + "</td>"
                        + "<td>" + esc(f.message()) + (f.removed() ? " <em>(removed by a later layer, still in the image)</em>" : "") + "</td>"
                        + "<td>" + (c.suppressed() ? "suppressed: " + esc(c.suppression().describe()) : "open") + "</td></tr>");
            }
            w.println("</tbody></table></section>");
        }
        w.println("<footer>Portcullis " + esc(report.toolVersion()) + " · scanned " + esc(report.scan().startedAt().toString())
                + (report.scan().database() == null ? "" : " · database built " + esc(String.valueOf(report.scan().database().builtAt())))
                + "</footer>");
        w.println("<script>" + SCRIPT + "</script></body></html>");
        w.flush();
    }

    /** Each validated SBOM with its verdict, and what made an invalid one so. */
    private static void sbomValidation(PrintWriter w, SbomValidation validation) {
        if (!validation.ran()) {
            return;
        }
        w.println("<section><h2>SBOM validation</h2><table id=\"sbom-validation\"><thead><tr><th>Document</th><th>Format</th>"
                + "<th>Result</th><th>Detail</th></tr></thead><tbody>");
        for (SbomCheck check : validation.documents()) {
            StringBuilder detail = new StringBuilder();
            check.problems().forEach(p -> detail.append("<li><code>").append(esc(p.pointer().isEmpty() ? "/" : p.pointer()))
                    .append("</code> ").append(esc(p.message())).append("</li>"));
            check.missing().forEach(m -> detail.append("<li>missing: ").append(esc(m)).append("</li>"));
            w.println("<tr class=\"" + (check.valid() ? "rule-passed" : "rule-failed") + "\"><td>" + esc(check.document()) + "</td><td>"
                    + esc(check.format()) + "</td><td>" + (check.valid() ? "valid" : check.problemCount() + " schema problem(s), "
                    + check.missingCount() + " missing package(s)") + "</td><td>" + (detail.isEmpty() ? "" : "<ul>" + detail + "</ul>")
                    + "</td></tr>");
        }
        w.println("</tbody></table></section>");
    }

    private static String lower(Severity s) {
        return lower(s.name());
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * The same for the title, attributes and body: control, bidi and other invisible characters shown escaped as in
     * every human-readable output ({@link LogSafeText}), what XML cannot carry mapped as {@link XmlText} does, then markup.
     */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        String carried = XmlText.of(LogSafeText.of(text));
        StringBuilder b = new StringBuilder(carried.length());
        for (char c : carried.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:1.5em;color:#1b1f24;background:#fff}
            h1{font-size:1.4em;margin:0}h2{font-size:1.1em;margin-top:1.4em}
            .image{font-family:ui-monospace,monospace;color:#444;word-break:break-all}
            .verdict{display:inline-block;padding:.3em 1em;font-weight:bold;font-size:1.2em;border-radius:4px;color:#fff}
            .pass{background:#1a7f37}.fail{background:#cf222e}
            table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #d0d7de;padding:.3em .6em;text-align:left;vertical-align:top}
            th{background:#f6f8fa}th[data-sort]{cursor:pointer}th[data-sort]:after{content:" \\2195";color:#888}
            .counts td{text-align:center;font-size:1.2em;min-width:4em}
            .sev-critical{background:#8b0000;color:#fff}.sev-high{background:#d1242f;color:#fff}.sev-medium{background:#fb8f44}
            .sev-low{background:#ddf4ff}.sev-unknown{background:#eaeef2}
            #findings td:nth-child(2),#findings td:nth-child(4),#findings td:nth-child(5){white-space:nowrap}#findings{width:100%}#findings td:last-child{min-width:10em}#findings td:nth-child(3){word-break:break-word}
            tr[data-status=suppressed]{color:#6e7781}.rule-failed td,.control-fail td{background:#ffebe9}.rule-not_evaluated td,.control-manual td{background:#fff8c5}
            form{display:flex;gap:1em;flex-wrap:wrap;align-items:center;margin:.5em 0}#shown-count{font-weight:bold}
            footer{margin-top:2em;color:#6e7781;font-size:.9em}""";

    private static final String SCRIPT = """
            (function(){
            var rows=Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
            var form=document.getElementById('filters');form.hidden=false;
            var sev=document.getElementById('f-severity'),pkg=document.getElementById('f-package'),
                fix=document.getElementById('f-fix'),st=document.getElementById('f-status');
            function apply(){
              var wanted=sev.value?sev.value.split(','):null,p=pkg.value.toLowerCase(),shown=0;
              rows.forEach(function(r){
                var ok=(!wanted||wanted.indexOf(r.dataset.severity)>=0)&&(!p||r.dataset.package.toLowerCase().indexOf(p)>=0)
                  &&(!fix.value||r.dataset.fix===fix.value)&&(!st.value||r.dataset.status===st.value);
                r.hidden=!ok;if(ok)shown++;});
              document.getElementById('shown-count').textContent=shown+' of '+rows.length+' findings shown';
            }
            function fromHash(){
              var h=decodeURIComponent(location.hash.replace(/^#/,''));
              h.split('&').forEach(function(kv){var i=kv.indexOf('=');if(i<0)return;var k=kv.slice(0,i),v=kv.slice(i+1);
                if(k==='severity'){v=v.toUpperCase();if(!Array.prototype.some.call(sev.options,function(o){return o.value===v;})){
                  var o=document.createElement('option');o.value=v;o.textContent=v;sev.appendChild(o);}sev.value=v;}
                else if(k==='package')pkg.value=v;else if(k==='fix')fix.value=v;else if(k==='status')st.value=v;
                else if(k==='sort'){var desc=v.charAt(0)==='-',key=desc?v.slice(1):v;
                  if(['severity','id','package','fix'].indexOf(key)>=0){dir[key]=desc?-1:1;sortBy(key,dir[key]);}}});
            }
            var dir={};
            function sortBy(key,d){var body=document.querySelector('#findings tbody');
              rows.sort(function(a,b){var x,y;
                if(key==='severity'){x=+a.dataset.rank;y=+b.dataset.rank;}else{x=a.dataset[key];y=b.dataset[key];}
                return x<y?-d:x>y?d:0;});
              rows.forEach(function(r){body.appendChild(r);});}
            document.querySelectorAll('#findings th[data-sort]').forEach(function(th){th.addEventListener('click',function(){
              var key=th.dataset.sort;dir[key]=-(dir[key]||-1);sortBy(key,dir[key]);});});
            [sev,fix,st].forEach(function(e){e.addEventListener('change',apply);});pkg.addEventListener('input',apply);
            window.addEventListener('hashchange',function(){fromHash();apply();});
            fromHash();apply();
            })();""";
}
