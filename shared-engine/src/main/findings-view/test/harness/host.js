// Plays the host page (the Jenkins tab or the Azure DevOps tab): reads the report from the page's
// JSON data block and renders it the way a front end does. The query string picks the case.
(function () {
  var params = new URLSearchParams(location.search);
  var view = document.getElementById('view');
  var options = {};
  if (params.has('title')) options.title = params.get('title');
  if (params.has('pageSize')) options.pageSize = Number(params.get('pageSize'));
  if (params.get('advisory') === 'host') {
    options.advisoryUrl = function (id) {
      if (id.indexOf('GHSA-') === 0) return 'https://advisories.example.test/' + encodeURIComponent(id);
      if (id.indexOf('CVE-') === 0) return null;
      return 'javascript:window.hostLinkRan=1';
    };
  }
  var data = document.getElementById('report');
  var started = performance.now();
  if (params.has('empty')) {
    window.PortcullisFindingsView.renderEmpty(view, params.get('empty'));
  } else {
    window.PortcullisFindingsView.render(view, JSON.parse(data.textContent), options);
  }
  var scripted = performance.now();
  // Reading a layout property makes the browser lay the page out now, so the figure includes layout.
  void document.body.offsetHeight;
  window.renderMillis = performance.now() - started;
  window.renderScriptMillis = scripted - started;
  document.documentElement.setAttribute('data-rendered', 'true');
})();
