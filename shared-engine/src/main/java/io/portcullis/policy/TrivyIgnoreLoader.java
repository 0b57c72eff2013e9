package io.portcullis.policy;

import io.portcullis.InputException;
import io.portcullis.UserFile;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Trivy's plain {@code .trivyignore}: one vulnerability id per line, optionally followed by
 * {@code exp:YYYY-MM-DD}; {@code #} starts a comment. Comment lines right above an id become its
 * statement, since that is where Trivy users write the reason.
 */
public final class TrivyIgnoreLoader {

    private TrivyIgnoreLoader() {
    }

    public static Suppressions load(Path file) {
        List<String> lines = UserFile.TEXT.utf8(file).lines().toList();
        List<SuppressionRule> entries = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                comments.clear();
                continue;
            }
            if (line.startsWith("#")) {
                comments.add(line.substring(1).strip());
                continue;
            }
            int hash = line.indexOf(" #");
            String content = hash >= 0 ? line.substring(0, hash).strip() : line;
            String[] fields = content.split("\\s+");
            LocalDate expires = null;
            for (int f = 1; f < fields.length; f++) {
                if (!fields[f].startsWith("exp:")) {
                    throw new InputException(file + ":" + (i + 1) + ": unexpected '" + fields[f]
                            + "' after the id (only exp:YYYY-MM-DD may follow)");
                }
                try {
                    expires = LocalDate.parse(fields[f].substring(4));
                } catch (DateTimeParseException e) {
                    throw new InputException(file + ":" + (i + 1) + ": '" + fields[f] + "' is not exp:YYYY-MM-DD");
                }
            }
            String statement = comments.isEmpty() ? "listed in " + file.getFileName() : String.join(" ", comments);
            entries.add(new SuppressionRule(fields[0], List.of(), List.of(), List.of(), List.of(), statement, expires,
                    SuppressionRule.Kind.TRIVYIGNORE, null, null, List.of(), file + ":" + (i + 1)));
            comments.clear();
        }
        return new Suppressions(entries);
    }
}
