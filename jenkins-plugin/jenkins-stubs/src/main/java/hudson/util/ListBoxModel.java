package hudson.util;

import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public ListBoxModel() {
    }

    public void add(String displayName, String value) {
        add(new Option(displayName, value));
    }

    public static final class Option {
        public String name;
        public String value;

        public Option(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }
}
