package io.quiver.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What a sudden power loss would undo, under the strict POSIX model: bytes written to a file
 * since its last fsync, and names added to or removed from a directory since that directory's
 * last fsync. Whatever existed before tracking started counts as durable. Paths are real ones.
 */
final class PowerLossModel {
    /** The durable length of a file's content; hard links to one file share one. */
    private static final class Content {
        long synced;

        Content(long synced) {
            this.synced = synced;
        }
    }

    private final Path stash;
    private final Map<Path, Content> contents = new HashMap<>();
    /** Per directory, names added since its last fsync. */
    private final Map<Path, Set<Path>> added = new HashMap<>();
    /** Per directory, names removed since its last fsync, with a hard link keeping their content. */
    private final Map<Path, Map<Path, Path>> removed = new HashMap<>();

    PowerLossModel(Path stash) {
        this.stash = stash;
    }

    private Set<Path> addedTo(Path dir) {
        return added.computeIfAbsent(dir, d -> new HashSet<>());
    }

    /** A file was opened; {@code created} when the open made it. */
    synchronized void opened(Path file, boolean created) throws IOException {
        if (created) {
            addedTo(file.getParent()).add(file);
            contents.put(file, new Content(0));
        } else if (!contents.containsKey(file) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            contents.put(file, new Content(Files.size(file)));
        }
    }

    synchronized void directoryCreated(Path dir) {
        addedTo(dir.getParent()).add(dir);
    }

    synchronized void forced(Path path, boolean directory) throws IOException {
        if (directory) {
            added.remove(path);
            removed.remove(path);
        } else {
            content(path).synced = Files.size(path);
        }
    }

    private Content content(Path file) throws IOException {
        Content c = contents.get(file);
        if (c == null) {
            c = new Content(Files.size(file));
            contents.put(file, c);
        }
        return c;
    }

    synchronized void linked(Path link, Path existing) throws IOException {
        addedTo(link.getParent()).add(link);
        contents.put(link, content(existing));
    }

    /** Called before a name is removed: a durable name comes back after a power loss. */
    synchronized void removing(Path path) throws IOException {
        if (addedTo(path.getParent()).remove(path) || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return; // never durable (or a directory, which the engine never removes)
        }
        Path keep = stash.resolve(UUID.randomUUID().toString());
        try {
            Files.createLink(keep, path);
        } catch (NoSuchFileException e) {
            return;
        }
        removed.computeIfAbsent(path.getParent(), d -> new HashMap<>()).putIfAbsent(path, keep);
        contents.remove(path);
    }

    synchronized void copiedOrMoved(Path source, Path target, boolean moved) throws IOException {
        if (moved) {
            removing(source);
        }
        addedTo(target.getParent()).add(target);
        contents.put(target, new Content(0));
    }

    /**
     * Undoes what was not durable: unsynced bytes are dropped (or, when {@code tear}, a random
     * prefix of them survives), names added since their directory's fsync vanish and removed
     * names come back. Then everything counts as durable again.
     */
    synchronized void lose(Random random, boolean tear) throws IOException {
        Map<Content, Long> lengths = new IdentityHashMap<>();
        for (var e : contents.entrySet()) {
            Path file = e.getKey();
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            long size = Files.size(file);
            Content c = e.getValue();
            long keep = lengths.computeIfAbsent(
                    c,
                    k -> size <= k.synced
                            ? size
                            : k.synced + (tear ? (long) (random.nextDouble() * (size - k.synced + 1)) : 0));
            if (keep < size) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(keep);
                }
            }
        }
        for (Set<Path> names : added.values()) {
            for (Path p : names) {
                deleteTree(p);
            }
        }
        for (var dir : removed.entrySet()) {
            for (var e : dir.getValue().entrySet()) {
                if (Files.isDirectory(dir.getKey()) && !Files.exists(e.getKey(), LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(e.getValue(), e.getKey());
                }
            }
        }
        contents.clear();
        added.clear();
        removed.clear();
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            all.sorted(Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.delete(q);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
