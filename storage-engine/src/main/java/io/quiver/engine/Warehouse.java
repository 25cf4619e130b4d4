package io.quiver.engine;

import io.quiver.engine.commit.ManifestFiles;
import io.quiver.engine.commit.TableLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A folder of named tables, one sub-folder each. Table names are plain identifiers, so no name
 * can reach outside the warehouse (no separators, no "..", no symbolic-link escape).
 */
public final class Warehouse {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final Path root;
    private final DatasetOptions options;

    public Warehouse(Path root) throws IOException {
        this(root, DatasetOptions.DEFAULT);
    }

    public Warehouse(Path root, DatasetOptions options) throws IOException {
        Files.createDirectories(root);
        this.root = root.toRealPath();
        this.options = options;
    }

    public Path root() {
        return root;
    }

    /** The folder of a table; IllegalArgumentException for a name that is not a plain identifier. */
    public Path tablePath(String name) throws IOException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid table name '" + name
                    + "': use letters, digits and _, starting with a letter or _ (at most 128)");
        }
        Path path = root.resolve(name);
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                && !path.toRealPath().getParent().equals(root)) {
            throw new IllegalArgumentException("table '" + name + "' resolves outside the warehouse " + root);
        }
        return path;
    }

    public Dataset create(String name, Schema schema) throws IOException {
        return Dataset.create(tablePath(name), schema, options);
    }

    public Dataset open(String name) throws IOException {
        return Dataset.open(tablePath(name), options);
    }

    public boolean exists(String name) throws IOException {
        Path path = tablePath(name);
        return Files.isDirectory(path.resolve(TableLayout.VERSIONS))
                && !ManifestFiles.listVersions(new TableLayout(path)).isEmpty();
    }

    /** Names of the tables in the warehouse, sorted. */
    public List<String> tables() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (NAME.matcher(name).matches() && exists(name)) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    /** Deletes a table and all its versions. */
    public void drop(String name) throws IOException {
        if (!exists(name)) {
            throw new TableNotFoundException("no table '" + name + "' in " + root);
        }
        Path path = tablePath(name);
        // Remove the manifests first: from then on the folder is no longer a table, whatever is left.
        try (Stream<Path> walk = Files.walk(path.resolve(TableLayout.VERSIONS))) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
