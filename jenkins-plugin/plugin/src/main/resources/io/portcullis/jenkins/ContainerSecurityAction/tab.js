// Fetches this tab's own findings endpoint and hands the report to the shared findings view.
// Loaded as an adjunct (a separate script file), so Jenkins' Content-Security-Policy allows it.
(function () {
  function start() {
    var container = document.getElementById("portcullis-findings");
    var view = window.PortcullisFindingsView;
    if (!container || !view) {
      return;
    }
    fetch(container.getAttribute("data-findings-url"), { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (report) {
        view.render(container, report, { title: container.getAttribute("data-title") });
      })
      .catch(function (error) {
        view.renderEmpty(container, "The findings of this scan could not be loaded (" + error.message + ").");
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
