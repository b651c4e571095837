package io.learnergraph.config;

import io.micronaut.context.annotation.Context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The data directory ({@code learnergraph.data-dir}) and what lives in it, checked once at start:
 * absolute, normalised, writable. Created owner-only when missing, since it holds the store, the
 * generated admin key and the database password.
 */
@Context
public final class DataDirectory {

    private final Path root;

    public DataDirectory(LearnerGraphSettings app) {
        Path dir = Directories.absolute(app.dataDir());
        if (!Files.exists(dir)) {
            try {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } catch (IOException | UnsupportedOperationException e) {
                // not creatable here (or not POSIX): writable() below names the reason or creates it
            }
        }
        this.root = Directories.writable("learnergraph.data-dir", dir);
    }

    public Path root() {
        return root;
    }

    /** Home of the embedded Neo4j (its store is under {@code data/databases}). */
    public Path neo4jHome() {
        return root.resolve("neo4j");
    }

    /** The generated admin API key, when no key is configured. */
    public Path adminKeyFile() {
        return root.resolve("admin.key");
    }

    /** The generated password of the embedded database's {@code neo4j} user. */
    public Path neo4jPasswordFile() {
        return root.resolve("neo4j.password");
    }

    /**
     * The in-memory graph as of a change-feed position, saved so that a restart reads it back
     * instead of re-projecting the store (then catches up from the feed).
     */
    public Path snapshotFile() {
        return root.resolve("graph.snapshot");
    }

    /** Where the demo platform loaded into an empty database is generated. */
    public Path demoDir() {
        return root.resolve("demo-platform");
    }
}
