package com.lexrule.policy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;

/** Published policy versions in the database, so that every replica serves the same ones. */
@ApplicationScoped
public class PolicyStore {

    private final Clock clock;

    public PolicyStore(Clock clock) {
        this.clock = clock;
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

    /** Publishes a bundle as the family's next version. The version number is the only thing assigned here. */
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
        return entity.toVersion();
    }
}
