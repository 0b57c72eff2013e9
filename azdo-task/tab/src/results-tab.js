// Entry of the "Container Security" build results tab: asks the host page for the build and project,
// fetches the build's portcullis.report attachments and hands them to the shared findings view.
import * as SDK from "azure-devops-extension-sdk";
import { getClient, CommonServiceIds } from "azure-devops-extension-api/Common";
import { BuildRestClient, BuildServiceIds } from "azure-devops-extension-api/Build";
import { BuildReports } from "./build-reports.js";
import { renderScans } from "./scans-view.js";

async function showBuildReports(root) {
  const pageDataService = await SDK.getService(BuildServiceIds.BuildPageDataService);
  const pageData = await pageDataService.getBuildPageData();
  const buildId = pageData && pageData.build && pageData.build.id;
  if (!buildId) {
    throw new Error("the host page did not say which build this is");
  }
  const projectService = await SDK.getService(CommonServiceIds.ProjectPageService);
  const project = await projectService.getProject();
  if (!project) {
    throw new Error("the host page did not say which project this is");
  }
  const scans = await new BuildReports(getClient(BuildRestClient), project.id, buildId).load();
  renderScans(root, scans, window.PortcullisFindingsView);
}

function showFailure(root, error) {
  const message = document.createElement("p");
  message.className = "portcullis-tab-error";
  message.textContent = `The Container Security report could not be loaded: ${(error && error.message) || error}`;
  root.replaceChildren(message);
}

async function main() {
  const root = document.getElementById("portcullis-tab");
  await SDK.init({ loaded: false, applyTheme: true });
  try {
    await showBuildReports(root);
    await SDK.notifyLoadSucceeded();
  } catch (error) {
    showFailure(root, error);
    await SDK.notifyLoadFailed((error && error.message) || String(error));
  }
}

main();
