package io.learnergraph.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A generated secret kept in a file only its owner can read (the admin API key, the embedded
 * database's password). Generated once; later starts read it back. Never logged.
 */
public final class SecretFile {

    private SecretFile() {
    }

    /**
     * The secret in {@code file}, generating {@code prefix} + 32 random bytes (base64url) into a
     * new owner-only file when there is none.
     */
    public static String loadOrGenerate(Path file, String prefix) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            // written whole into a temporary file, then moved: a crash never leaves an empty secret
            Path temp = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(temp);
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temp); // not a POSIX file system: restrict what the JDK can
                temp.toFile().setReadable(false, false);
                temp.toFile().setReadable(true, true);
            }
            Files.writeString(temp, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temp, file); // refuses to replace a file another process wrote meanwhile
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(temp);
                return read(file); // another process won the race
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) throws IOException {
        String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (secret.isEmpty()) {
            throw new IOException(file + " is empty; delete it to have a new secret generated");
        }
        return secret;
    }
}
