package io.learnergraph.config;

import io.learnergraph.LearnerGraphException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Every directory the product is told about (data directory, import directory, demo output)
 * goes through here before use: made absolute against the working directory and normalised
 * ({@code ./data}, {@code ../x/data} and the like; Neo4j refuses a path that is not normalised),
 * and checked, so that an unusable one ends the command with one line naming it and the reason.
 */
public final class Directories {

    private Directories() {
    }

    /** {@code path} made absolute against the working directory, with {@code .} and {@code ..} resolved. */
    public static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }

    /**
     * A directory LearnerGraph will write into, created when missing. Its real path (symbolic
     * links resolved) is returned, so that whatever is built on it is normalised too.
     *
     * @param what the setting or argument that named it, for the message
     * @throws LearnerGraphException.InvalidInput when a file is in the way, it cannot be created,
     *                                            or it is not writable
     */
    public static Path writable(String what, Path path) {
        Path dir = absolute(path);
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw unusable(what, dir, p.equals(dir) ? "it is a file, not a directory"
                        : p + " is a file, not a directory");
            }
        }
        if (!Files.exists(dir) && Files.isSymbolicLink(dir)) {
            throw unusable(what, dir, "it is a symbolic link to nothing");
        }
        try {
            Files.createDirectories(dir);
        } catch (AccessDeniedException e) {
            throw unusable(what, dir, "no permission to create " + e.getFile());
        } catch (FileSystemException e) {
            throw unusable(what, dir, "cannot create it (" + reason(e) + ")");
        } catch (IOException e) {
            throw unusable(what, dir, "cannot create it (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(dir)) {
            throw unusable(what, dir, "no write permission");
        }
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw unusable(what, dir, "cannot resolve it (" + e.getMessage() + ")");
        }
    }

    /**
     * A directory LearnerGraph will read from.
     *
     * @throws LearnerGraphException.InvalidInput when it does not exist, is a file or is not readable
     */
    public static Path readable(String what, Path path) {
        Path dir = absolute(path);
        if (!Files.exists(dir)) {
            throw unusable(what, dir, "it does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw unusable(what, dir, "it is a file, not a directory");
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw unusable(what, dir, "no read permission");
        }
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw unusable(what, dir, "cannot resolve it (" + e.getMessage() + ")");
        }
    }

    /** Deletes {@code dir} and everything below it (links are deleted, not followed); nothing if absent. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Parses a configured path, naming the setting when it is not a path at all. */
    public static Path parse(String what, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new LearnerGraphException.InvalidInput(what, what + " '" + value + "' is not a valid path: "
                    + e.getReason());
        }
    }

    private static String reason(FileSystemException e) {
        return e.getReason() != null ? e.getReason() + ": " + e.getFile() : String.valueOf(e.getFile());
    }

    private static LearnerGraphException.InvalidInput unusable(String what, Path dir, String reason) {
        return new LearnerGraphException.InvalidInput(what, what + " " + dir + " is not usable: " + reason);
    }
}
