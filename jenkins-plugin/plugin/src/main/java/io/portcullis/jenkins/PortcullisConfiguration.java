package io.portcullis.jenkins;

import hudson.Extension;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.portcullis.InputException;
import io.portcullis.engine.DatabaseSource;
import io.portcullis.vulndb.MavenRepository;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** Manage Jenkins » System » Portcullis; settable from Configuration as Code as {@code unclassified: portcullis:}. */
@Extension
@Symbol("portcullis")
public class PortcullisConfiguration extends GlobalConfiguration {
    static final String DEFAULT_DB_SOURCE = "osv.dev";
    static final int DEFAULT_MAX_DB_AGE_HOURS = 24;

    private String dbSource = DEFAULT_DB_SOURCE;
    private int maxDbAgeHours = DEFAULT_MAX_DB_AGE_HOURS;
    private String cacheDirectory;
    private String defaultPolicy;
    private String defaultGateResult = GateResult.FAILURE.name();
    private String insecureRegistries;
    private String mavenRepository = MavenRepository.CENTRAL;

    public PortcullisConfiguration() {
        load();
    }

    static PortcullisConfiguration get() {
        PortcullisConfiguration c = Jenkins.get().getDescriptorByType(PortcullisConfiguration.class);
        return c != null ? c : new PortcullisConfiguration();
    }

    /** An older config.xml lacks the fields added since; they keep their defaults. */
    private Object readResolve() {
        if (dbSource == null) {
            dbSource = DEFAULT_DB_SOURCE;
        }
        if (maxDbAgeHours <= 0) {
            maxDbAgeHours = DEFAULT_MAX_DB_AGE_HOURS;
        }
        if (defaultGateResult == null) {
            defaultGateResult = GateResult.FAILURE.name();
        }
        if (mavenRepository == null) {
            mavenRepository = MavenRepository.CENTRAL;
        }
        return this;
    }

    @Override
    public String getDisplayName() {
        return "Portcullis container security";
    }

    public String getDbSource() {
        return dbSource;
    }

    @DataBoundSetter
    public void setDbSource(String dbSource) {
        this.dbSource = ScanRequest.blankToNull(dbSource) == null ? DEFAULT_DB_SOURCE : dbSource.trim();
        save();
    }

    public int getMaxDbAgeHours() {
        return maxDbAgeHours;
    }

    @DataBoundSetter
    public void setMaxDbAgeHours(int maxDbAgeHours) {
        this.maxDbAgeHours = maxDbAgeHours > 0 ? maxDbAgeHours : DEFAULT_MAX_DB_AGE_HOURS;
        save();
    }

    public String getCacheDirectory() {
        return cacheDirectory;
    }

    @DataBoundSetter
    public void setCacheDirectory(String cacheDirectory) {
        this.cacheDirectory = ScanRequest.blankToNull(cacheDirectory);
        save();
    }

    public String getDefaultPolicy() {
        return defaultPolicy;
    }

    @DataBoundSetter
    public void setDefaultPolicy(String defaultPolicy) {
        this.defaultPolicy = ScanRequest.blankToNull(defaultPolicy);
        save();
    }

    public String getDefaultGateResult() {
        return defaultGateResult;
    }

    @DataBoundSetter
    public void setDefaultGateResult(String defaultGateResult) {
        this.defaultGateResult = ScanRequest.blankToNull(defaultGateResult) == null ? GateResult.FAILURE.name()
                : defaultGateResult.trim().toUpperCase(java.util.Locale.ROOT);
        save();
    }

    /** Registries (host:port, separated by commas or spaces) agents may reach over plain HTTP. */
    public String getInsecureRegistries() {
        return insecureRegistries;
    }

    @DataBoundSetter
    public void setInsecureRegistries(String insecureRegistries) {
        this.insecureRegistries = ScanRequest.blankToNull(insecureRegistries);
        save();
    }

    /** Maven Central or a proxy of it, for the jar checksum index agents keep beside their DB; {@code none} for no index. */
    public String getMavenRepository() {
        return mavenRepository;
    }

    @DataBoundSetter
    public void setMavenRepository(String mavenRepository) {
        this.mavenRepository = ScanRequest.blankToNull(mavenRepository) == null ? MavenRepository.CENTRAL : mavenRepository.trim();
        save();
    }

    /** The repository agents build the index from, or null for none. */
    String mavenRepositoryOrNull() {
        return mavenRepository.equalsIgnoreCase("none") ? null : mavenRepository;
    }

    java.util.Set<String> insecureRegistrySet() {
        if (insecureRegistries == null) {
            return java.util.Set.of();
        }
        return java.util.Arrays.stream(insecureRegistries.split("[,\\s]+")).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(java.util.Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @POST
    public FormValidation doCheckDbSource(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (ScanRequest.blankToNull(value) == null) {
            return FormValidation.ok();
        }
        try {
            DatabaseSource.parse(value.trim());
            return FormValidation.ok();
        } catch (InputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckMaxDbAgeHours(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            return Integer.parseInt(value.trim()) > 0 ? FormValidation.ok() : FormValidation.error("Give a number of hours above 0");
        } catch (NumberFormatException e) {
            return FormValidation.error("Give a number of hours above 0");
        }
    }

    @POST
    public ListBoxModel doFillDefaultGateResultItems() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return gateResultItems();
    }

    static ListBoxModel gateResultItems() {
        ListBoxModel items = new ListBoxModel();
        items.add("FAILURE: fail the build", GateResult.FAILURE.name());
        items.add("UNSTABLE: mark the stage and build unstable, go on", GateResult.UNSTABLE.name());
        items.add("NONE: only report", GateResult.NONE.name());
        return items;
    }
}
