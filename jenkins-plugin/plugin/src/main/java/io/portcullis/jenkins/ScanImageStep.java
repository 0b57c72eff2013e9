package io.portcullis.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** {@code scanImage image: 'registry.example.com/app:1.4', credentialsId: 'creds', gateResult: 'UNSTABLE'} */
public class ScanImageStep extends Step {
    private String image;
    private String input;
    private String credentialsId;
    private String platform;
    private String policy;
    private String failOn;
    private boolean ignoreUnfixed;
    private String ignoreFile;
    private List<String> vex;
    private List<String> signatureKeys;
    private String sbom;
    private List<String> manifests;
    private List<String> sbomFormats;
    private List<String> reportFormats;
    private String gateResult;
    private String dbSource;
    private String scanType;

    @DataBoundConstructor
    public ScanImageStep() {
    }

    ScanRequest toRequest() {
        return new ScanRequest(image, input, credentialsId, platform, policy, failOn, ignoreUnfixed, ignoreFile, vex, sbomFormats,
                reportFormats, gateResult, dbSource, scanType, signatureKeys, sbom, manifests);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context, toRequest());
    }

    /** Runs on a controller thread; the scan itself runs on the agent through {@link AgentScan}. */
    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient ScanRequest request;

        Execution(StepContext context, ScanRequest request) {
            super(context);
            this.request = request;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            PortcullisConfiguration config = PortcullisConfiguration.get();
            GateResult gate = request.gate(config);
            ContainerSecurityAction action = ImageScan.forRun(run, request, config)
                    .run(run, context.get(FilePath.class), context.get(Launcher.class), listener);
            ScanRecord record = action.getRecord();
            String failure = ImageScan.gateMessage(record);
            if (failure != null) {
                switch (gate) {
                    case FAILURE -> throw new AbortException(failure);
                    case UNSTABLE -> {
                        listener.getLogger().println(failure);
                        context.get(FlowNode.class).addAction(new WarningAction(Result.UNSTABLE).withMessage(failure));
                        run.setResult(Result.UNSTABLE);
                    }
                    case NONE -> listener.getLogger().println(failure + " (gateResult NONE: reported only)");
                }
            } else {
                listener.getLogger().println("Portcullis: " + ConsoleText.safe(record.getImageReference()) + " passed the policy");
            }
            return record.toStepResult();
        }
    }

    public String getImage() {
        return image;
    }

    @DataBoundSetter
    public void setImage(String image) {
        this.image = ScanRequest.blankToNull(image);
    }

    public String getInput() {
        return input;
    }

    @DataBoundSetter
    public void setInput(String input) {
        this.input = ScanRequest.blankToNull(input);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = ScanRequest.blankToNull(credentialsId);
    }

    public String getPlatform() {
        return platform;
    }

    @DataBoundSetter
    public void setPlatform(String platform) {
        this.platform = ScanRequest.blankToNull(platform);
    }

    public String getPolicy() {
        return policy;
    }

    @DataBoundSetter
    public void setPolicy(String policy) {
        this.policy = ScanRequest.blankToNull(policy);
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = ScanRequest.blankToNull(failOn);
    }

    public boolean isIgnoreUnfixed() {
        return ignoreUnfixed;
    }

    @DataBoundSetter
    public void setIgnoreUnfixed(boolean ignoreUnfixed) {
        this.ignoreUnfixed = ignoreUnfixed;
    }

    public String getIgnoreFile() {
        return ignoreFile;
    }

    @DataBoundSetter
    public void setIgnoreFile(String ignoreFile) {
        this.ignoreFile = ScanRequest.blankToNull(ignoreFile);
    }

    public List<String> getVex() {
        return vex;
    }

    @DataBoundSetter
    public void setVex(List<String> vex) {
        this.vex = vex == null ? null : List.copyOf(vex);
    }

    public List<String> getSignatureKeys() {
        return signatureKeys;
    }

    /** PEM public key files in the workspace the image's cosign signature is verified with. */
    @DataBoundSetter
    public void setSignatureKeys(List<String> signatureKeys) {
        this.signatureKeys = signatureKeys == null ? null : List.copyOf(signatureKeys);
    }

    public String getSbom() {
        return sbom;
    }

    /** An SBOM file in the workspace that must be schema-valid and list every package of the image ({@code sbom_validation}). */
    @DataBoundSetter
    public void setSbom(String sbom) {
        this.sbom = ScanRequest.blankToNull(sbom);
    }

    public List<String> getManifests() {
        return manifests;
    }

    /** Kubernetes manifests in the workspace (files, directories, globs) checked with the image against the policy's profile. */
    @DataBoundSetter
    public void setManifests(List<String> manifests) {
        this.manifests = manifests == null ? null : List.copyOf(manifests);
    }

    public List<String> getSbomFormats() {
        return sbomFormats == null ? ScanRequest.DEFAULT_SBOM_FORMATS : sbomFormats;
    }

    @DataBoundSetter
    public void setSbomFormats(List<String> sbomFormats) {
        this.sbomFormats = sbomFormats == null ? null : List.copyOf(sbomFormats);
    }

    public List<String> getReportFormats() {
        return reportFormats == null ? ScanRequest.DEFAULT_REPORT_FORMATS : reportFormats;
    }

    @DataBoundSetter
    public void setReportFormats(List<String> reportFormats) {
        this.reportFormats = reportFormats == null ? null : List.copyOf(reportFormats);
    }

    public String getGateResult() {
        return gateResult;
    }

    @DataBoundSetter
    public void setGateResult(String gateResult) {
        this.gateResult = ScanRequest.blankToNull(gateResult);
    }

    public String getDbSource() {
        return dbSource;
    }

    @DataBoundSetter
    public void setDbSource(String dbSource) {
        this.dbSource = ScanRequest.blankToNull(dbSource);
    }

    public String getScanType() {
        return scanType;
    }

    @DataBoundSetter
    public void setScanType(String scanType) {
        this.scanType = ScanRequest.blankToNull(scanType);
    }

    @Extension
    @Symbol("scanImage")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, FlowNode.class);
        }

        @Override
        public String getFunctionName() {
            return "scanImage";
        }

        @Override
        public String getDisplayName() {
            return "Scan a container image with Portcullis";
        }

        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String image,
                @QueryParameter String credentialsId) {
            return ScanParameterFields.credentialsItems(item, image, credentialsId);
        }

        @POST
        public ListBoxModel doFillGateResultItems() {
            return ScanParameterFields.gateResultItems();
        }

        @POST
        public FormValidation doCheckImage(@AncestorInPath Item item, @QueryParameter String image, @QueryParameter String input) {
            if (item != null) {
                item.checkPermission(Item.CONFIGURE);
            }
            return ScanParameterFields.checkImageOrInput(image, input);
        }
    }
}
