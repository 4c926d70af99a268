package com.lexrule.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the baseline policies from {@code rules/<family>/} and {@code decision-tables/<family>/} on disk. A family
 * is a folder of {@code rules/} holding a {@code policy.json}. Editor lock and temporary files are ignored.
 */
@ApplicationScoped
public class BaselineReader {

    private final Path rulesDir;
    private final Path tablesDir;

    public BaselineReader(@ConfigProperty(name = "lexrule.policy.rules-dir") Path rulesDir,
                          @ConfigProperty(name = "lexrule.policy.tables-dir") Path tablesDir) {
        this.rulesDir = rulesDir;
        this.tablesDir = tablesDir;
    }

    public List<String> families() {
        if (!Files.isDirectory(rulesDir)) {
            throw new IllegalStateException("policy folder " + rulesDir.toAbsolutePath() + " does not exist (lexrule.policy.rules-dir)");
        }
        try (Stream<Path> dirs = Files.list(rulesDir)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("policy.json")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PolicyBundle read(String family) {
        List<PolicyFile> files = new ArrayList<>();
        collect(rulesDir.resolve(family), PolicyFile.RULES, files);
        collect(tablesDir.resolve(family), PolicyFile.TABLES, files);
        return new PolicyBundle(family, files);
    }

    private static void collect(Path dir, String prefix, List<PolicyFile> into) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                String name = path.getFileName().toString();
                if (name.startsWith(".") || name.startsWith("~$")) {
                    continue;
                }
                String relative = dir.relativize(path).toString().replace('\\', '/');
                into.add(new PolicyFile(prefix + relative, Files.readAllBytes(path)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
