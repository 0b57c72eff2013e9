// Puts the scans of one build on the page: a single scan directly, several behind a selector keyed by the
// timeline record id of the ContainerScan step that produced each. Text goes in through textContent only.

export const NO_REPORT_MESSAGE = "This build ran ContainerScan but produced no report: see the task log.";

/**
 * Renders the scans into root with findingsView (window.PortcullisFindingsView: render / renderEmpty).
 */
export function renderScans(root, scans, findingsView) {
  root.replaceChildren();
  if (scans.length === 0) {
    findingsView.renderEmpty(root, NO_REPORT_MESSAGE);
    return;
  }
  const body = document.createElement("div");
  body.className = "portcullis-tab-scan";
  if (scans.length > 1) {
    root.append(selectorFor(scans, (scan) => showScan(body, scan, findingsView)));
  }
  root.append(body);
  showScan(body, scans[0], findingsView);
}

function selectorFor(scans, onSelect) {
  const byKey = new Map();
  const label = document.createElement("label");
  label.className = "portcullis-tab-selector";
  label.append(document.createTextNode(`${scans.length} scans in this build: `));
  const select = document.createElement("select");
  for (const scan of scans) {
    const key = uniqueKey(byKey, scan.recordId || "unreadable");
    byKey.set(key, scan);
    const option = document.createElement("option");
    option.value = key;
    option.textContent = scanLabel(scan);
    select.append(option);
  }
  select.addEventListener("change", () => onSelect(byKey.get(select.value)));
  label.append(select);
  return label;
}

// One task step adds one report, so a record id is unique in practice; a step that attached twice
// still gets an option per report.
function uniqueKey(taken, key) {
  let candidate = key;
  for (let n = 2; taken.has(candidate); n++) {
    candidate = `${key}#${n}`;
  }
  return candidate;
}

function scanLabel(scan) {
  if (!scan.report) {
    return `${scan.name || "report"} (unreadable)`;
  }
  const image = scan.report.image && scan.report.image.reference;
  const outcome = scan.report.verdict && scan.report.verdict.outcome;
  return [image || scan.name, outcome].filter(Boolean).join(" — ");
}

function showScan(body, scan, findingsView) {
  body.replaceChildren();
  if (scan.report) {
    const image = scan.report.image && scan.report.image.reference;
    findingsView.render(body, scan.report, image ? { title: image } : {});
  } else {
    findingsView.renderEmpty(body, `The report ${scan.name || ""} could not be read: ${scan.problem}`);
  }
}
