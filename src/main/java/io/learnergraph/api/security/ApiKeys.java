package io.learnergraph.api.security;

import io.learnergraph.config.DataDirectory;
import io.learnergraph.config.SecretFile;
import io.learnergraph.config.SecuritySettings;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configured API keys, held only as SHA-256 digests and compared in constant time (every
 * key is compared, whatever matched, so timing says nothing about which). Keys are never
 * logged. With security on and no key configured, an admin key is generated once into
 * {@code <data-dir>/admin.key}, readable by its owner only.
 */
@Context // eager: the generated key and its log line exist as soon as the server starts
public class ApiKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

    private record Entry(byte[] digest, Role role) {
    }

    private final boolean enabled;
    private final List<Entry> entries = new ArrayList<>();
    private final Path generatedFile;

    public ApiKeys(SecuritySettings settings, DataDirectory data) {
        this.enabled = settings.enabled();
        for (Map.Entry<String, String> e : settings.keys().entrySet()) {
            Role role = Arrays.stream(Role.values()).filter(r -> r != Role.OPEN && r.key().equals(
                    e.getKey().toLowerCase(Locale.ROOT))).findFirst().orElseThrow(() -> new IllegalArgumentException(
                    "learnergraph.security.keys: unknown role '" + e.getKey() + "'; roles: viewer, service, analyst, admin"));
            for (String key : e.getValue() == null ? new String[0] : e.getValue().split(",")) {
                if (!key.isBlank()) {
                    if (key.strip().length() < 16) {
                        throw new IllegalArgumentException("learnergraph.security.keys." + role.key()
                                + ": keys must be at least 16 characters");
                    }
                    entries.add(new Entry(digest(key.strip()), role));
                }
            }
        }
        if (enabled && entries.isEmpty()) {
            generatedFile = data.adminKeyFile();
            entries.add(new Entry(digest(SecretFile.loadOrGenerate(generatedFile, "lg_")), Role.ADMIN));
            LOG.info("No API keys configured: the admin key is in {} (owner-only). Send it as "
                    + "'Authorization: Bearer <key>' or 'X-API-Key: <key>'.", generatedFile.toAbsolutePath());
        } else {
            generatedFile = null;
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** Where the generated admin key is, if one was generated. */
    public Optional<Path> generatedKeyFile() {
        return Optional.ofNullable(generatedFile);
    }

    /** The role of a presented key, if it is one of ours. */
    public Optional<Role> roleOf(String presented) {
        byte[] d = digest(presented);
        Role found = null;
        for (Entry e : entries) {
            if (MessageDigest.isEqual(d, e.digest()) && found == null) {
                found = e.role();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
