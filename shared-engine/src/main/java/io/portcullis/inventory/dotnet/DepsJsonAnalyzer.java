package io.portcullis.inventory.dotnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.inventory.analyzer.AnalyzedFile;
import io.portcullis.inventory.analyzer.Analyzer;
import io.portcullis.inventory.analyzer.FileAnalysis;
import io.portcullis.inventory.analyzer.JsonContent;
import io.portcullis.inventory.Location;
import io.portcullis.inventory.Package;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NuGet packages of a published .NET application: the {@code <app>.deps.json} the SDK writes
 * next to the application's assemblies. Each {@code libraries} entry is keyed {@code Name/Version};
 * {@code package} entries are NuGet packages, {@code runtimepack} the .NET runtime a self-contained
 * app bundles (reported under its NuGet name, without the SDK's {@code runtimepack.} prefix), and
 * {@code project}/{@code reference} entries are the application's own code, so they are skipped.
 *
 * <p>A package that the runtime target lists without any runtime, native or RID-specific asset
 * (a meta-package, or one only needed at compile time) puts no code into the application and is
 * left out; a package the runtime target does not list is kept, as there is nothing to judge by.
 */
public final class DepsJsonAnalyzer implements Analyzer {

    private static final String RUNTIME_PACK_PREFIX = "runtimepack.";
    private static final List<String> ASSET_SECTIONS = List.of("runtime", "runtimeTargets", "native");

    @Override
    public String id() {
        return "dotnet-deps-json";
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean accepts(String path, long size) {
        return path.endsWith(".deps.json");
    }

    @Override
    public FileAnalysis analyze(AnalyzedFile file) throws IOException {
        JsonContent json = JsonContent.read(file);
        if (json.invalid()) {
            return json.warning();
        }
        JsonNode deps = json.root();
        if (deps == null || !deps.path("libraries").isObject()) {
            return FileAnalysis.warning(file.path() + ": .deps.json without a \"libraries\" object");
        }
        JsonNode runtimeTarget = deps.path("targets").path(deps.path("runtimeTarget").path("name").asText(""));
        List<Package> packages = new ArrayList<>();
        deps.get("libraries").fields().forEachRemaining(library -> {
            String type = library.getValue().path("type").asText("");
            int slash = library.getKey().indexOf('/');
            boolean nuget = type.equalsIgnoreCase("package") || type.equalsIgnoreCase("runtimepack");
            if (!nuget || slash <= 0 || slash == library.getKey().length() - 1 || !shipsCode(runtimeTarget.get(library.getKey()))) {
                return;
            }
            String name = library.getKey().substring(0, slash);
            if (type.equalsIgnoreCase("runtimepack") && name.startsWith(RUNTIME_PACK_PREFIX)) {
                name = name.substring(RUNTIME_PACK_PREFIX.length());
            }
            String sha512 = library.getValue().path("sha512").asText("");
            packages.add(new Package("nuget", name, library.getKey().substring(slash + 1), null, null, null,
                    List.of(new Location(null, file.path())), id(), List.of(), sha512.isBlank() ? Map.of() : Map.of("sha512", sha512)));
        });
        return FileAnalysis.packages(packages);
    }

    private static boolean shipsCode(JsonNode targetEntry) {
        if (targetEntry == null) {
            return true;
        }
        return ASSET_SECTIONS.stream().anyMatch(section -> targetEntry.path(section).size() > 0);
    }
}
