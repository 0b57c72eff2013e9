package io.portcullis.azdo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The status post as the Git REST API receives it, from a server on loopback. */
class PullRequestStatusPosterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private MockWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private String collection() {
        return "http://127.0.0.1:" + server.getPort() + "/tfs/DefaultCollection/";
    }

    @Test
    void postsTheStatusWithTheAccessTokenToTheStatusesRoute() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                .setBody("{\"id\":7,\"state\":\"failed\",\"description\":\"FAIL\",\"context\":{\"name\":\"container-scan\",\"genre\":\"portcullis\"}}"));
        URI url = PullRequestStatusPoster.statusesUrl(collection(), "Project One", "3f1c-repo", "42");

        var status = new PullRequestStatusPoster("job-token").post(url, false, "FAIL: 3 critical", "https://example.test/tab");

        assertEquals(7, status.getId());
        RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("POST", request.getMethod());
        assertEquals("/tfs/DefaultCollection/Project%20One/_apis/git/repositories/3f1c-repo/pullRequests/42/statuses",
                request.getRequestUrl().encodedPath());
        assertEquals("7.1", request.getRequestUrl().queryParameter("api-version"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString(":job-token".getBytes(StandardCharsets.UTF_8)),
                request.getHeader("Authorization"));
        JsonNode body = JSON.readTree(request.getBody().readUtf8());
        assertEquals("failed", body.get("state").asText());
        assertEquals("FAIL: 3 critical", body.get("description").asText());
        assertEquals("https://example.test/tab", body.get("targetUrl").asText());
        assertEquals("portcullis", body.get("context").get("genre").asText());
        assertEquals("container-scan", body.get("context").get("name").asText());
    }

    @Test
    void aRefusedPostIsAnError() {
        server.enqueue(new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json")
                .setBody("{\"$id\":\"1\",\"message\":\"TF401027: You need the Git 'Contribute to pull requests' permission\","
                        + "\"typeName\":\"Microsoft.TeamFoundation.Git.Server.GitNeedsPermissionException\"}"));
        URI url = PullRequestStatusPoster.statusesUrl(collection(), "p", "r", "1");

        IOException refused = assertThrows(IOException.class, () -> new PullRequestStatusPoster("t").post(url, true, "PASS", "https://x.test/"));
        assertEquals("HTTP 403 from 127.0.0.1: TF401027: You need the Git 'Contribute to pull requests' permission", refused.getMessage());
    }
}
