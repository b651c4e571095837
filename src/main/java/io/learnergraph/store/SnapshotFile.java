package io.learnergraph.store;

import io.learnergraph.analysis.graph.GraphSnapshot;
import io.learnergraph.analysis.graph.SnapshotCodec;
import io.learnergraph.config.DataDirectory;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The snapshot saved in the data directory ({@link DataDirectory#snapshotFile()}) in
 * {@link SnapshotCodec}'s form. Written whole beside the old one and moved over it, so a crash
 * leaves either file, never half of one; owner-only, like the store it is a copy of. A file that
 * was written by other code or settings, beside another database, or is damaged, is never
 * trusted: it is deleted and the caller projects the store instead.
 */
@Singleton
public class SnapshotFile {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFile.class);

    private final Path file;

    public SnapshotFile(DataDirectory data) {
        this.file = data.snapshotFile();
    }

    /** A snapshot read back, and the change-feed position it contains every change up to. */
    public record Restored(GraphSnapshot snapshot, long position) {
    }

    public Path path() {
        return file;
    }

    /**
     * The saved snapshot, numbered {@code version}, when there is one and it was written by code
     * and settings with this {@code fingerprint} beside the feed {@code feedIdentity}; empty (and
     * the file gone) otherwise, with the reason logged.
     */
    public Optional<Restored> read(byte[] fingerprint, String feedIdentity, long version) {
        try {
            Files.deleteIfExists(temporary()); // left by a save that a stop or crash cut short
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", temporary(), e.toString());
        }
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String reason;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            SnapshotCodec.Reader reader = SnapshotCodec.open(in);
            if (reader.header().sameOrigin(fingerprint, feedIdentity)) {
                return Optional.of(new Restored(reader.read(version), reader.header().position()));
            }
            reason = reader.header().feedIdentity().equals(feedIdentity)
                    ? "it was saved by another version of the code or other projection settings"
                    : "it was saved beside another database";
        } catch (SnapshotCodec.Corrupt e) {
            reason = "it is damaged: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            reason = "it cannot be read: " + e;
        } catch (OutOfMemoryError e) {
            reason = "it does not fit in the heap";
        }
        LOG.warn("Not using the saved snapshot {}: {}; projecting the store instead", file, reason);
        delete();
        return Optional.empty();
    }

    /**
     * Writes {@code s}, which contains every change up to feed {@code position}, beside the saved
     * file; it replaces that file only when the caller {@link Written#commit commits} it.
     */
    public Written write(GraphSnapshot s, byte[] fingerprint, String feedIdentity, long position) throws IOException {
        Path temp = temporary();
        Files.deleteIfExists(temp);
        try (FileChannel out = create(temp)) {
            SnapshotCodec.write(out, new SnapshotCodec.Header(fingerprint, feedIdentity, position), s);
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new Written(temp);
    }

    /** A snapshot written whole, not yet in place. */
    public final class Written {
        private final Path temp;

        private Written(Path temp) {
            this.temp = temp;
        }

        /** Moves it over the saved file, atomically where the file system can. */
        public void commit() throws IOException {
            try {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }

        public void discard() throws IOException {
            Files.deleteIfExists(temp);
        }
    }

    private Path temporary() {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    /**
     * Removes the saved snapshot (an erased user must not stay in it); true when there was one. A
     * save being written meanwhile is not committed by its caller (see {@code SnapshotService}).
     */
    public boolean delete() {
        try {
            Files.deleteIfExists(temporary()); // a save in progress then fails to commit, as it must
            return Files.deleteIfExists(file);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot delete the saved snapshot " + file, e);
        }
    }

    /** A new file only its owner can read (where the file system has POSIX permissions). */
    private static FileChannel create(Path path) throws IOException {
        java.util.Set<StandardOpenOption> options = java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        try {
            return FileChannel.open(path, options, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(path, options);
        }
    }
}
