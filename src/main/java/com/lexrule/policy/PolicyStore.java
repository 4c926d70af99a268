package com.lexrule.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Published policy versions in the database, so that every replica serves the same ones. */
@ApplicationScoped
public class PolicyStore {

    private final Clock clock;
    private final boolean postgres;

    public PolicyStore(Clock clock, @ConfigProperty(name = "quarkus.datasource.db-kind") String dbKind) {
        this.clock = clock;
        this.postgres = PolicyNotifications.isPostgres(dbKind);
    }

    @Transactional
    public List<PolicyVersion> versions() {
        return PolicyVersionEntity.<PolicyVersionEntity>list("order by family, version").stream()
                .map(PolicyVersionEntity::toVersion).toList();
    }

    @Transactional
    public Optional<PolicyVersion> findByContent(String family, String sha256) {
        return PolicyVersionEntity.<PolicyVersionEntity>find("family = ?1 and sha256 = ?2 order by version desc", family, sha256)
                .firstResultOptional().map(PolicyVersionEntity::toVersion);
    }

    @Transactional
    public PolicyBundle bundle(String family, int version) {
        PolicyVersionEntity entity = PolicyVersionEntity.<PolicyVersionEntity>find("family = ?1 and version = ?2", family, version)
                .firstResult();
        if (entity == null) {
            throw new IllegalArgumentException("no policy version " + family + " v" + version);
        }
        return new PolicyBundle(family, entity.files.stream().map(f -> new PolicyFile(f.name, f.content)).toList());
    }

    /**
     * Publishes a bundle as the family's next version. The version number is the only thing assigned here. On
     * PostgreSQL the other replicas are notified in the same transaction: the notification leaves at the commit,
     * and never for a publication that rolled back.
     */
    @Transactional
    public PolicyVersion publish(PolicyBundle bundle, String publishedBy) {
        Integer last = PolicyVersionEntity.find("select max(version) from PolicyVersionEntity where family = ?1", bundle.family())
                .project(Integer.class).firstResult();
        PolicyVersionEntity entity = new PolicyVersionEntity();
        entity.family = bundle.family();
        entity.version = last == null ? 1 : last + 1;
        entity.sha256 = bundle.sha256();
        entity.effectiveFrom = bundle.manifest().effectiveFrom();
        try {
            entity.manifestJson = PolicyBundle.MANIFEST_MAPPER.writeValueAsString(bundle.manifest());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        entity.changeNote = bundle.manifest().changeNote();
        entity.publishedBy = publishedBy;
        entity.publishedAt = Instant.now(clock);
        for (PolicyFile file : bundle.files()) {
            PolicyFileEntity stored = new PolicyFileEntity();
            stored.policyVersion = entity;
            stored.name = file.name();
            stored.content = file.content();
            entity.files.add(stored);
        }
        entity.persist();
        PolicyVersion version = entity.toVersion();
        if (postgres) {
            PolicyVersionEntity.getEntityManager().createNativeQuery("SELECT pg_notify(?1, ?2)")
                    .setParameter(1, PolicyNotifications.CHANNEL).setParameter(2, PolicyNotifications.payload(version))
                    .getSingleResult();
        }
        return version;
    }
}
