package com.lexrule.meritorious;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.audit.DecisionRecorder;
import com.lexrule.engine.Finding;
import com.lexrule.engine.PolicyEvaluator;
import com.lexrule.policy.CodeCheck;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyCatalog;
import com.lexrule.policy.PolicyRef;
import com.lexrule.policy.PolicyRegistry;

/**
 * Decides a claimed meritorious service under the policy in force (or the one pinned), and records it before it is
 * answered (no transaction is held: the audit writer commits the record in its own batch). The doctrine and its precedence are in rules/meritorious-service, the evidence each
 * claim type needs in decision-tables/meritorious-service; this class only hands them the facts.
 */
@ApplicationScoped
public class MeritoriousService {

    static final String NOT_MERITORIOUS = "NOT_MERITORIOUS";
    static final String MERITORIOUS_SERVICE = "MERITORIOUS_SERVICE";

    private final PolicyRegistry registry;
    private final PolicyEvaluator evaluator;
    private final DecisionRecorder recorder;

    public MeritoriousService(PolicyRegistry registry, PolicyEvaluator evaluator, DecisionRecorder recorder) {
        this.registry = registry;
        this.evaluator = evaluator;
        this.recorder = recorder;
    }

    public MeritoriousAssessment assess(MeritoriousRequest request, Integer pinnedVersion, String caller) {
        CompiledPolicy policy = registry.resolve(MeritoriousFamily.NAME, pinnedVersion);
        MeritoriousAssessment answer = evaluate(policy, request, UUID.randomUUID().toString(),
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        recorder.record(new DecisionRecorder.Entry(answer.decisionId(), MeritoriousFamily.NAME, request.caseId(),
                request.subjectId(), null, policy.version().version(), policy.version().sha256(),
                answer.determination(), answer.determination(), null, null, request, answer, caller, answer.decidedAt()));
        return answer;
    }

    /** Evaluation alone, without the audit write. */
    public MeritoriousAssessment evaluate(CompiledPolicy policy, MeritoriousRequest request, String decisionId, Instant decidedAt) {
        PolicyCatalog catalog = policy.catalog();
        new CodeCheck(catalog)
                .code("claimType", MeritoriousFamily.CLAIM_TYPES, request.claimType())
                .code("leadSource", MeritoriousFamily.LEAD_SOURCES, request.leadSource())
                .code("assistanceKind", MeritoriousFamily.ASSISTANCE_KINDS, request.assistanceKind())
                .codes("evidenceItems", MeritoriousFamily.EVIDENCE_ITEMS, request.evidenceItems())
                .orThrow(policy.version());

        MeritClaim claim = new MeritClaim(request);
        MeritDecision decision = new MeritDecision();
        List<Object> facts = new ArrayList<>();
        facts.add(claim);
        facts.add(decision);
        // Every catalog item the file lacks, in catalog order, with the catalog's general wording; the rules mark
        // the ones this claim needs.
        List<AbsentEvidence> absent = new ArrayList<>();
        Set<String> held = claim.getEvidenceItems();
        for (PolicyCatalog.Entry item : catalog.entries(MeritoriousFamily.EVIDENCE_ITEMS).values()) {
            if (!held.contains(item.code())) {
                absent.add(new AbsentEvidence(item.code(), item.label(),
                        item.attribute(MeritoriousFamily.MUST_SHOW).orElse(null),
                        item.attribute(MeritoriousFamily.ISSUER).orElse(null)));
            }
        }
        facts.addAll(absent);
        List<Finding> findings = evaluator.evaluate(policy, facts);
        if (!decision.isDecided()) {
            throw new IllegalStateException("meritorious-service policy v" + policy.version().version()
                    + " reached no determination for claim type " + request.claimType());
        }
        List<MissingEvidence> missing = absent.stream().filter(AbsentEvidence::isRequired).map(AbsentEvidence::toMissing).toList();
        return new MeritoriousAssessment(decisionId, PolicyRef.of(policy.version()), request.caseId(), request.subjectId(),
                request.claimType(), decision.getDetermination(), findings, missing, missingFacts(request, decision),
                decision.getSentencingEffect(), decidedAt);
    }

    /**
     * Optional facts the caller left out that could have changed this outcome. Nothing can lift an exclusion, so
     * an excluded claim has none.
     */
    private static List<String> missingFacts(MeritoriousRequest request, MeritDecision decision) {
        List<String> missing = new ArrayList<>();
        if (decision.isExcluded()) {
            return missing;
        }
        boolean credited = !NOT_MERITORIOUS.equals(decision.getDetermination());
        if (credited) {
            // Each of these, had it been stated, could have excluded the claim.
            if (request.leadSource() == null) missing.add("leadSource");
            // MS-EXCL-04 excludes only claims that report facts; helping capture an accomplice is service.
            if (request.concernsOwnJointCrime() == null
                    && ("REPORTED_OTHERS_CRIME".equals(request.claimType()) || "PROVIDED_LEAD".equals(request.claimType()))) {
                missing.add("concernsOwnJointCrime");
            }
            if (request.alreadyKnownToAuthorities() == null) missing.add("alreadyKnownToAuthorities");
        }
        if (request.verification() == null) missing.add("verification");
        if (request.practicalEffect() == null && ("PROVIDED_LEAD".equals(request.claimType())
                || MeritClaim.ASSISTED_CAPTURE.equals(request.claimType()))) {
            missing.add("practicalEffect");
        }
        if (MERITORIOUS_SERVICE.equals(decision.getDetermination())) {
            if (request.otherPersonLikelySentence() == null) missing.add("otherPersonLikelySentence");
            if (request.majorInfluence() == null) missing.add("majorInfluence");
        }
        return missing;
    }
}
