package io.portcullis.azdo;

import org.azd.connection.Connection;
import org.azd.enums.CustomHeader;
import org.azd.enums.RequestMethod;
import org.azd.exceptions.AzDException;
import org.azd.git.types.GitStatus;
import org.azd.helpers.JsonMapper;
import org.azd.utils.RestClient;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Posts a pull-request status (Git "Pull Request Statuses - Create") through the
 * azure-devops-java-sdk with the job's access token. The SDK builds its own URLs only for
 * dev.azure.com organisations, so the statuses URL, taken from the collection URI the agent gives,
 * is passed whole: that also serves Azure DevOps Server collections.
 */
final class PullRequestStatusPoster {

    static final String API_VERSION = "7.1";
    static final String GENRE = "portcullis";
    static final String NAME = "container-scan";

    private final String accessToken;

    PullRequestStatusPoster(String accessToken) {
        this.accessToken = accessToken;
    }

    static URI statusesUrl(String collectionUri, String project, String repositoryId, String pullRequestId) {
        String base = collectionUri.endsWith("/") ? collectionUri : collectionUri + "/";
        return URI.create(base + segment(project) + "/_apis/git/repositories/" + segment(repositoryId)
                + "/pullRequests/" + segment(pullRequestId) + "/statuses?api-version=" + API_VERSION);
    }

    /** @throws AzDException when the server refuses the status or cannot be reached */
    GitStatus post(URI statusesUrl, boolean succeeded, String description, String targetUrl) throws AzDException {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("name", NAME);
        context.put("genre", GENRE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", succeeded ? "succeeded" : "failed");
        body.put("description", description);
        body.put("targetUrl", targetUrl);
        body.put("context", context);
        String response = RestClient.send(statusesUrl.toString(), new Connection("", accessToken), RequestMethod.POST, body,
                CustomHeader.JSON, false);
        return new JsonMapper().mapJsonResponse(response, GitStatus.class);
    }

    /** Percent-encoding of one URL path segment (a project name may hold spaces). */
    private static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
