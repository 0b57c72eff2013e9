package io.portcullis.jenkins;

import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.URIRequirementBuilder;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;

/** Form support both descriptors share: the credentials drop-down and the checks of fields. */
final class ScanParameterFields {
    private ScanParameterFields() {
    }

    /**
     * The registry credentials the current user may pick in this item; without configure permission only the
     * value already set is shown, so the list does not reveal which credentials exist.
     */
    static ListBoxModel credentialsItems(Item item, String image, String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (item == null ? !Jenkins.get().hasPermission(Jenkins.ADMINISTER) : !item.hasPermission(Item.EXTENDED_READ)
                && !item.hasPermission(Item.CONFIGURE)) {
            result.includeCurrentValue(current);
            return result;
        }
        String registry = image == null || image.isBlank() ? "docker.io" : ImageReferences.registry(image.trim());
        result.includeEmptyValue();
        result.includeAs(Jenkins.getAuthentication2(), item, StandardUsernamePasswordCredentials.class,
                URIRequirementBuilder.fromUri("https://" + registry).build());
        result.includeCurrentValue(current);
        return result;
    }

    static FormValidation checkImageOrInput(String image, String input) {
        boolean hasImage = ScanRequest.blankToNull(image) != null;
        boolean hasInput = ScanRequest.blankToNull(input) != null;
        if (hasImage == hasInput) {
            return FormValidation.error("Give either an image reference or an input file in the workspace");
        }
        return FormValidation.ok();
    }

    static ListBoxModel gateResultItems() {
        ListBoxModel items = new ListBoxModel();
        items.add("Global default", "");
        items.addAll(PortcullisConfiguration.gateResultItems());
        return items;
    }
}
