package io.quiver.lance;

import io.quiver.engine.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where the Lance tables of a warehouse live. A table Quiver creates is the dataset folder
 * {@code <warehouse>/<name>.lance}; a mounted one is the file {@code <warehouse>/<name>.lance-mount}
 * holding the dataset's absolute path. Neither name is a plain identifier, so Quiver's own tables
 * never collide with them, and a table name, checked by {@link Warehouse#tablePath}, cannot reach
 * outside the warehouse.
 */
final class LanceLocations {
    static final String DATASET_SUFFIX = ".lance";
    static final String MOUNT_SUFFIX = ".lance-mount";

    private final Warehouse warehouse;

    LanceLocations(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    /** The folder of a dataset this warehouse owns (it may not exist yet). */
    Path owned(String name) throws IOException {
        Path checked = warehouse.tablePath(name); // IllegalArgumentException for a name that is not an identifier
        return checked.resolveSibling(name + DATASET_SUFFIX);
    }

    Path mountFile(String name) throws IOException {
        return warehouse.tablePath(name).resolveSibling(name + MOUNT_SUFFIX);
    }

    boolean isMounted(String name) throws IOException {
        return Files.isRegularFile(mountFile(name));
    }

    boolean exists(String name) throws IOException {
        try {
            return isMounted(name) || isDataset(owned(name));
        } catch (IllegalArgumentException e) {
            return false; // not a valid table name, so no such table
        }
    }

    /** The dataset of a table: its own folder, or the mounted path. */
    Path dataset(String name) throws IOException {
        if (isMounted(name)) {
            return Path.of(
                    Files.readString(mountFile(name), StandardCharsets.UTF_8).strip());
        }
        return owned(name);
    }

    /** Whether a folder looks like a Lance dataset (it has manifests). */
    static boolean isDataset(Path path) {
        return Files.isDirectory(path.resolve("_versions"));
    }

    /** Records a mount; put-if-absent (a hard link to a complete file), so two sessions cannot both win. */
    void mount(String name, Path dataset) throws IOException {
        Path file = mountFile(name);
        Path temp = file.resolveSibling("." + name + "." + UUID.randomUUID() + ".tmp");
        Files.writeString(temp, dataset.toString(), StandardCharsets.UTF_8);
        try {
            Files.createLink(file, temp);
        } catch (FileAlreadyExistsException e) {
            throw new io.quiver.engine.TableExistsException("table '" + name + "' already exists");
        } finally {
            Files.delete(temp);
        }
    }

    void unmount(String name) throws IOException {
        Files.delete(mountFile(name));
    }

    /** The names of all Lance tables in the warehouse, sorted. */
    List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(warehouse.root())) {
            for (Path p : dir) {
                String file = p.getFileName().toString();
                String name = file.endsWith(DATASET_SUFFIX)
                        ? file.substring(0, file.length() - DATASET_SUFFIX.length())
                        : file.endsWith(MOUNT_SUFFIX) ? file.substring(0, file.length() - MOUNT_SUFFIX.length()) : null;
                if (name != null && exists(name)) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }
}
