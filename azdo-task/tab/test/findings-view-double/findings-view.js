// Test double of the shared findings view (contract: /docs front-door contract, window.PortcullisFindingsView),
// used only until the real view ships in the engine jar. It shows what the tab hands over, as text.
(function () {
  function line(container, className, text) {
    const p = document.createElement("p");
    p.className = className;
    p.textContent = text;
    container.append(p);
  }
  window.PortcullisFindingsView = {
    render(container, report, options) {
      container.replaceChildren();
      line(container, "double-title", (options && options.title) || "");
      line(container, "double-verdict", report.verdict.outcome);
      for (const finding of report.findings) {
        line(container, "double-finding",
          `${finding.id} ${finding.severity} ${finding.package.name} ${finding.package.version} ${finding.summary || ""}`);
      }
    },
    renderEmpty(container, message) {
      container.replaceChildren();
      line(container, "double-empty", message);
    },
  };
})();
