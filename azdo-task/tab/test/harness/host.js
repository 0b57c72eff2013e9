// Plays the Azure DevOps web page that hosts a build results tab: it owns the XDM channel to the tab's iframe
// (the SDK's own XDMChannel, so messages are exactly what the SDK exchanges with the real host), answers
// initialHandshake and getService, and records what the tab asked for in window.hostEvents.
// window.scenario (set by the test before this script runs): tabUrl, restRoot, token, buildId, project.
import { channelManager } from "azure-devops-extension-sdk/XDM.js";

const scenario = window.scenario;
const events = [];
window.hostEvents = events;

const BUILD_AREA_ID = "965220d5-5bb9-42cf-8d67-9b146df2a5a4";
const CONTRIBUTION_ID = "portcullis.portcullis-container-scan.container-security-tab";

const services = {
  "ms.vss-build-web.build-page-data-service": {
    getBuildPageData() {
      events.push({ call: "getBuildPageData" });
      return scenario.buildId === null ? {} : { build: { id: scenario.buildId }, definition: { id: 7, name: "app" } };
    },
  },
  "ms.vss-tfs-web.tfs-page-data-service": {
    getProject() {
      events.push({ call: "getProject" });
      return Promise.resolve(scenario.project);
    },
  },
  "ms.vss-features.location-service": {
    getResourceAreaLocation(areaId) {
      events.push({ call: "getResourceAreaLocation", areaId });
      return Promise.resolve(areaId === BUILD_AREA_ID ? scenario.restRoot : "http://127.0.0.1:9/unknown-area/");
    },
    getServiceLocation() {
      events.push({ call: "getServiceLocation" });
      return Promise.resolve(scenario.restRoot);
    },
  },
};

const frame = document.getElementById("tab");
const channel = channelManager.addChannel(frame.contentWindow, new URL(scenario.tabUrl).origin);
channel.getObjectRegistry().register("DevOps.HostControl", {
  initialHandshake(options) {
    events.push({ call: "initialHandshake", sdkVersion: options.sdkVersion, loaded: options.loaded });
    return {
      contributionId: CONTRIBUTION_ID,
      initialConfig: {},
      themeData: { "background-color": "rgb(255, 255, 255)", "text-primary-color": "rgba(0, 0, 0, .9)" },
      context: {
        extension: { id: "portcullis.portcullis-container-scan", publisherId: "portcullis", extensionId: "portcullis-container-scan", version: "0.1.0" },
        user: { id: "00000000-0000-0000-0000-000000000001", name: "tester", displayName: "Tester", descriptor: "aad.tester", imageUrl: "" },
        host: { id: "00000000-0000-0000-0000-000000000002", name: "org", serviceVersion: "test", type: 4 },
        pageContext: { webContext: { project: scenario.project, collection: { name: "org" } } },
      },
    };
  },
  notifyLoadSucceeded() {
    events.push({ call: "notifyLoadSucceeded" });
  },
  notifyLoadFailed(error) {
    events.push({ call: "notifyLoadFailed", error: String(error) });
  },
  getAccessToken() {
    events.push({ call: "getAccessToken" });
    return { token: scenario.token };
  },
  resize() {},
});
channel.getObjectRegistry().register("DevOps.ServiceManager", {
  getService(contributionId) {
    events.push({ call: "getService", contributionId });
    const service = services[contributionId];
    if (!service) {
      throw new Error(`no such service in the test host: ${contributionId}`);
    }
    return service;
  },
});
frame.src = scenario.tabUrl;
