package io.learnergraph.config;

import io.learnergraph.LearnerGraphException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoriesTest {

    @TempDir
    Path tmp;

    @Test
    void relativeFormsAreMadeAbsoluteAndNormalised() {
        Path cwd = Path.of("").toAbsolutePath();
        assertEquals(cwd.resolve("data"), Directories.absolute(Path.of("./data")));
        assertEquals(cwd.resolve("data"), Directories.absolute(Path.of("data")));
        assertEquals(cwd.getParent().resolve("x").resolve("data"), Directories.absolute(Path.of("../x/data")));
        Path abs = Directories.absolute(Path.of("./a/./b/../c"));
        assertEquals(abs.normalize(), abs);
        assertTrue(abs.isAbsolute());
    }

    @Test
    void writableCreatesSpacedParentRelativeAndLinkedDirectories() throws IOException {
        Path spaced = Directories.writable("test", tmp.resolve("with space/./data"));
        assertEquals(tmp.toRealPath().resolve("with space").resolve("data"), spaced);
        assertTrue(Files.isDirectory(spaced));

        Path dotted = Directories.writable("test", tmp.resolve("a/b/../c"));
        assertEquals(tmp.toRealPath().resolve("a").resolve("c"), dotted);

        Path real = Files.createDirectories(tmp.resolve("real store"));
        Files.createSymbolicLink(tmp.resolve("link"), real);
        Path linked = Directories.writable("test", tmp.resolve("link").resolve("data"));
        assertEquals(real.toRealPath().resolve("data"), linked, "the real path: Neo4j gets a normalised one");
        assertTrue(Files.isDirectory(real.resolve("data")));
    }

    @Test
    void aFileInTheWayIsNamedWithTheReason() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain file"), "x");
        LearnerGraphException.InvalidInput direct = assertThrows(LearnerGraphException.InvalidInput.class,
                () -> Directories.writable("learnergraph.data-dir", file));
        assertEquals("learnergraph.data-dir " + file + " is not usable: it is a file, not a directory",
                direct.getMessage());
        assertEquals("learnergraph.data-dir", direct.parameter());

        LearnerGraphException.InvalidInput below = assertThrows(LearnerGraphException.InvalidInput.class,
                () -> Directories.writable("--out", file.resolve("data")));
        assertEquals("--out " + file.resolve("data") + " is not usable: " + file + " is a file, not a directory",
                below.getMessage());
    }

    @Test
    void aDanglingLinkIsNamed() throws IOException {
        Path link = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("gone"));
        Files.deleteIfExists(tmp.resolve("gone"));
        LearnerGraphException.InvalidInput e = assertThrows(LearnerGraphException.InvalidInput.class,
                () -> Directories.writable("test", link));
        assertTrue(e.getMessage().endsWith("it is a symbolic link to nothing"), e.getMessage());
    }

    @Test
    void readableRefusesWhatIsMissingOrAFile() throws IOException {
        Path missing = tmp.resolve("no such import");
        assertEquals("import directory " + missing + " is not usable: it does not exist",
                assertThrows(LearnerGraphException.InvalidInput.class,
                        () -> Directories.readable("import directory", missing)).getMessage());
        Path file = Files.writeString(tmp.resolve("users.csv"), "user_id\n");
        assertTrue(assertThrows(LearnerGraphException.InvalidInput.class,
                () -> Directories.readable("import directory", file)).getMessage().endsWith("it is a file, not a directory"));
        assertEquals(tmp.toRealPath(), Directories.readable("import directory", tmp.resolve("x/..")));
    }
}
