// Where an attachment lives, read from the link the attachment list gives for it.
//
// _links.self.href is <collection root>/<project>/_apis/build/builds/<build>/<timeline>/<record>/attachments/<type>/<name>.
// The collection root varies (https://dev.azure.com/org/, https://server/tfs/DefaultCollection/, a virtual
// directory in front of that), so the ids are matched on the fixed route after `_apis/build/builds/`,
// never picked by their position in the path.

const GUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
const ATTACHMENT_ROUTE = new RegExp(
  `/_apis/build/builds/(\\d+)/(${GUID})/(${GUID})/attachments/[^/]+/[^/]+$`);

/**
 * Returns {timelineId, recordId, name} of one entry of BuildRestClient.getAttachments, or throws an Error
 * naming the href when it is not an attachment route.
 */
export function parseAttachmentLink(attachment) {
  const href = attachment && attachment._links && attachment._links.self && attachment._links.self.href;
  if (typeof href !== "string") {
    throw new Error("attachment has no _links.self.href");
  }
  let path;
  try {
    path = new URL(href).pathname;
  } catch (e) {
    throw new Error(`attachment link is not a URL: ${href}`);
  }
  const match = ATTACHMENT_ROUTE.exec(path);
  if (!match) {
    throw new Error(`attachment link is not a build attachment route: ${href}`);
  }
  return { timelineId: match[2].toLowerCase(), recordId: match[3].toLowerCase(), name: attachment.name };
}
