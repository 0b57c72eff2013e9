package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>, C extends IdCredentials>
        extends ListBoxModel {
    public AbstractIdCredentialsListBoxModel() {
    }

    protected abstract String describe(C c);

    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        add("- none -", "");
        return this;
    }

    /** The real one lists the credentials the authentication may use in the item; there are no stores here. */
    public AbstractIdCredentialsListBoxModel<T, C> includeAs(Authentication authentication, Item context, Class<? extends C> type,
            List<DomainRequirement> domainRequirements) {
        return this;
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(String value) {
        for (Option o : this) {
            if (o.value.equals(value)) {
                return this;
            }
        }
        add(value, value);
        return this;
    }
}
