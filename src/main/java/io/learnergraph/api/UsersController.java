package io.learnergraph.api;

import io.learnergraph.api.security.Access;
import io.learnergraph.api.security.Role;
import io.learnergraph.service.PrivacyService;
import io.learnergraph.service.SocialGraphService;
import io.learnergraph.service.SocialViews.User;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** One user with tier, community and centrality scores; erasure. */
@Access(Role.VIEWER)
@Controller("/api/users")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UsersController {

    @Serdeable
    public record Deleted(String userId, long relationshipsDeleted, long snapshotVersion) {
    }

    private final SocialGraphService social;
    private final PrivacyService privacy;

    public UsersController(SocialGraphService social, PrivacyService privacy) {
        this.social = social;
        this.privacy = privacy;
    }

    /** Erases the user: their node, every relationship, and every cached result (admin only). */
    @Access(Role.ADMIN)
    @Delete("/{id}")
    public Deleted delete(@PathVariable String id) {
        PrivacyService.Deleted d = privacy.deleteUser(id);
        return new Deleted(d.userId(), d.relationshipsDeleted(), d.snapshotVersion());
    }

    @Get("/{id}")
    public User user(@PathVariable String id) {
        return social.user(id);
    }
}
