package com.lexrule.review;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.commons.codec.digest.DigestUtils;

import com.lexrule.audit.DecisionView;

/**
 * Moves the officers' side of the agreement rollup (agreement_decided, agreement_reasons; the assessments are
 * counted by the audit batch) with each officer decision, in its transaction. That transaction holds the
 * officer-decision chain's lock, so recordings are a line and an update that finds no row may insert it. A
 * correction takes back what the entry it corrects counted: the statistics compare the latest entry of each decision.
 */
@ApplicationScoped
public class AgreementRollup {

    private final EntityManager em;
    private final Clock clock;

    public AgreementRollup(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Counts {@code entry}, which replaces {@code replaced} (null for a decision's first entry) as the latest. */
    @Transactional(Transactional.TxType.MANDATORY)
    void record(DecisionView decision, OfficerDecision replaced, OfficerDecision entry) {
        LocalDate day = LocalDate.ofInstant(decision.decidedAt(), clock.getZone());
        String crimeType = decision.crimeType() == null ? "" : decision.crimeType();
        String color = decision.color() == null ? "" : decision.color();
        String family = decision.family();
        int policyVersion = decision.policy().version();
        long decided = replaced == null ? 1 : 0;
        long agreed = (entry.agrees ? 1 : 0) - (replaced != null && replaced.agrees ? 1 : 0);
        if (decided != 0 || agreed != 0) {
            int updated = em.createNativeQuery("UPDATE agreement_decided SET decided = decided + ?1, agreed = agreed + ?2 "
                            + "WHERE family = ?3 AND decision_day = ?4 AND policy_version = ?5 AND crime_type = ?6 AND color = ?7")
                    .setParameter(1, decided).setParameter(2, agreed).setParameter(3, family).setParameter(4, day)
                    .setParameter(5, policyVersion).setParameter(6, crimeType).setParameter(7, color).executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("INSERT INTO agreement_decided (decided, agreed, family, decision_day, policy_version, "
                                + "crime_type, color) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                        .setParameter(1, decided).setParameter(2, agreed).setParameter(3, family).setParameter(4, day)
                        .setParameter(5, policyVersion).setParameter(6, crimeType).setParameter(7, color).executeUpdate();
            }
        }
        if (replaced != null && !replaced.agrees && replaced.reason != null) {
            reason(family, day, replaced.reason, -1);
        }
        if (!entry.agrees && entry.reason != null) {
            reason(family, day, entry.reason, 1);
        }
    }

    private void reason(String family, LocalDate day, String reason, long departures) {
        String sha256 = sha256(reason);
        int updated = em.createNativeQuery("UPDATE agreement_reasons SET departures = departures + ?1 "
                        + "WHERE family = ?2 AND decision_day = ?3 AND reason_sha256 = ?4")
                .setParameter(1, departures).setParameter(2, family).setParameter(3, day).setParameter(4, sha256).executeUpdate();
        if (updated == 0) {
            em.createNativeQuery("INSERT INTO agreement_reasons (departures, family, decision_day, reason_sha256, reason) "
                            + "VALUES (?1, ?2, ?3, ?4, ?5)")
                    .setParameter(1, departures).setParameter(2, family).setParameter(3, day).setParameter(4, sha256)
                    .setParameter(5, reason).executeUpdate();
        }
    }

    /** As the migration that filled the rollup (V15_2) hashes: SHA-256 of the UTF-8 text, lower-case hex. */
    static String sha256(String text) {
        return DigestUtils.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }
}
