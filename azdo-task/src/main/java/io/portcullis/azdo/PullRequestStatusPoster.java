package io.portcullis.azdo;

import org.azd.enums.CustomHeader;
import org.azd.enums.RequestMethod;
import org.azd.exceptions.AzDException;
import org.azd.git.types.GitStatus;
import org.azd.helpers.JsonMapper;
import org.azd.utils.BaseRestClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Posts a pull-request status (Git "Pull Request Statuses - Create") through the
 * azure-devops-java-sdk with the job's access token. azd 5.0.6 has no typed call for statuses and
 * builds its URLs only for dev.azure.com organisations, so this uses its REST client with the whole
 * statuses URL, made from the collection URI the agent gives (that also serves Azure DevOps Server
 * collections), its authorization, and its GitStatus model for the answer.
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

    /** @throws IOException when the server refuses the status, answers something else, or cannot be reached */
    GitStatus post(URI statusesUrl, boolean succeeded, String description, String targetUrl) throws IOException {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("name", NAME);
        context.put("genre", GENRE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", succeeded ? "succeeded" : "failed");
        body.put("description", description);
        body.put("targetUrl", targetUrl);
        body.put("context", context);
        JsonMapper mapper = new JsonMapper();
        HttpResponse<String> response;
        try {
            response = BaseRestClient.response(RequestMethod.POST, statusesUrl.toString(), accessToken,
                    HttpRequest.BodyPublishers.ofString(mapper.convertToString(body)), HttpResponse.BodyHandlers.ofString(),
                    CustomHeader.JSON, false).join();
        } catch (AzDException e) {
            throw new IOException(e.getMessage(), e);
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(statusesUrl.getHost() + " could not be reached: " + cause, cause);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " from " + statusesUrl.getHost() + ": " + errorMessage(mapper, response.body()));
        }
        try {
            return mapper.mapJsonResponse(response.body(), GitStatus.class);
        } catch (AzDException e) {
            throw new IOException("the answer from " + statusesUrl.getHost() + " is not a pull-request status: " + e.getMessage(), e);
        }
    }

    /** The "message" of an Azure DevOps error body, or the start of whatever came back. */
    private static String errorMessage(JsonMapper mapper, String body) {
        try {
            String message = mapper.readTree(body).path("message").asText("");
            if (!message.isEmpty()) {
                return message;
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }

    /** Percent-encoding of one URL path segment (a project name may hold spaces). */
    private static String segment(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
