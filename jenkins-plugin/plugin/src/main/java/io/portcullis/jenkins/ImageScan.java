package io.portcullis.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.AbortException;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.util.BuildListenerAdapter;

/**
 * The controller's half of a scan, shared by the Pipeline step and the freestyle builder: credentials, the
 * callable on the agent, archiving, the build tab. The gate is left to the caller, which knows how to mark its
 * kind of build.
 */
final class ImageScan {
    static final String FINDINGS_FILE = "findings.json";

    private final ScanParameters parameters;
    private final String credentialsId;
    private final String urlName;

    private ImageScan(ScanParameters parameters, String credentialsId, String urlName) {
        this.parameters = parameters;
        this.credentialsId = credentialsId;
        this.urlName = urlName;
    }

    /** Distinct tab per scanned image of one build: container-security, container-security-2, ... */
    static ImageScan forRun(Run<?, ?> run, ScanRequest request, PortcullisConfiguration config) throws AbortException {
        int index = run.getActions(ContainerSecurityAction.class).size() + 1;
        String urlName = index == 1 ? "container-security" : "container-security-" + index;
        return new ImageScan(request.resolve(config, "portcullis/" + urlName), request.getCredentialsId(), urlName);
    }

    ContainerSecurityAction run(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        String username = null;
        char[] password = null;
        if (credentialsId != null) {
            if (parameters.image == null) {
                throw new AbortException("Portcullis: credentialsId is for registry images; a workspace input needs none");
            }
            String registry = ImageReferences.registry(parameters.image);
            StandardUsernamePasswordCredentials c = CredentialsProvider.findCredentialById(credentialsId,
                    StandardUsernamePasswordCredentials.class, run, URIRequirementBuilder.fromUri("https://" + registry).build());
            if (c == null) {
                throw new AbortException("Portcullis: no username/password credentials with id '" + ConsoleText.safe(credentialsId) + "'");
            }
            CredentialsProvider.track(run, c);
            username = c.getUsername();
            password = c.getPassword().getPlainText().toCharArray();
        }
        listener.getLogger().println("Portcullis: scanning " + ConsoleText.safe(parameters.subject()) + " on the agent");
        ScanRecord record;
        try {
            record = workspace.act(new AgentScan(parameters, username, password, listener));
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }

        Map<String, String> artifacts = new LinkedHashMap<>();
        for (String path : record.getReports()) {
            artifacts.put(path, path);
        }
        run.pickArtifactManager().archive(workspace, launcher, new BuildListenerAdapter(listener), artifacts);
        keepFindings(run, workspace.child(record.getReports().get(0)));

        ContainerSecurityAction action = new ContainerSecurityAction(urlName, record);
        run.addAction(action);
        return action;
    }

    /** The full JSON report goes beside build.xml, never into it; the tab loads it when someone looks. */
    private void keepFindings(Run<?, ?> run, FilePath jsonReport) throws IOException, InterruptedException {
        Path dir = ContainerSecurityAction.findingsDirectory(run, urlName);
        Files.createDirectories(dir);
        try (InputStream in = jsonReport.read()) {
            Files.copy(in, dir.resolve(FINDINGS_FILE), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Null when the build goes on unmarked; the message of a failed gate otherwise. */
    static String gateMessage(ScanRecord record) {
        if (record.isPassed()) {
            return null;
        }
        String rules = record.getFailedRules().isEmpty() ? "policy failed" : String.join("; ", record.getFailedRules());
        return "Portcullis: " + ConsoleText.safe(record.getImageReference()) + " failed the policy: " + ConsoleText.safe(rules);
    }
}
