package com.lexrule.meritorious;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.lexrule.assessment.DecisionStamp;
import com.lexrule.assessment.FamilyDefinition;
import com.lexrule.engine.Finding;
import com.lexrule.engine.MissingFacts;
import com.lexrule.policy.CodeCheck;
import com.lexrule.policy.CompiledPolicy;
import com.lexrule.policy.PolicyCatalog;

/**
 * A claimed meritorious service (DOMAIN §2) as the assessment pipeline decides it. The doctrine and its precedence
 * are in rules/meritorious-service, the evidence each claim type needs in decision-tables/meritorious-service; this
 * only hands them the claim, the decision to write, and every catalog item the file lacks.
 */
@ApplicationScoped
public class MeritoriousDefinition implements FamilyDefinition<MeritoriousRequest, MeritoriousAssessment> {

    public static final String PATH = "/api/v1/assessments/meritorious-service";

    @Override
    public String family() {
        return MeritoriousFamily.NAME;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public Class<MeritoriousRequest> requestType() {
        return MeritoriousRequest.class;
    }

    @Override
    public void checkCodes(MeritoriousRequest request, CodeCheck codes) {
        codes.code("claimType", MeritoriousFamily.CLAIM_TYPES, request.claimType())
                .code("leadSource", MeritoriousFamily.LEAD_SOURCES, request.leadSource())
                .code("assistanceKind", MeritoriousFamily.ASSISTANCE_KINDS, request.assistanceKind())
                .codes("evidenceItems", MeritoriousFamily.EVIDENCE_ITEMS, request.evidenceItems());
    }

    @Override
    public Case<MeritoriousAssessment> facts(CompiledPolicy policy, MeritoriousRequest request) {
        MeritClaim claim = new MeritClaim(request);
        // Every catalog item the file lacks, in catalog order, with the catalog's general wording; the rules mark
        // the ones this claim needs.
        List<AbsentEvidence> absent = new ArrayList<>();
        Set<String> held = claim.getEvidenceItems();
        for (PolicyCatalog.Entry item : policy.catalog().entries(MeritoriousFamily.EVIDENCE_ITEMS).values()) {
            if (!held.contains(item.code())) {
                absent.add(new AbsentEvidence(item.code(), item.label(),
                        item.attribute(MeritoriousFamily.MUST_SHOW).orElse(null),
                        item.attribute(MeritoriousFamily.ISSUER).orElse(null)));
            }
        }
        return new Facts(policy, request, claim, new MeritDecision(), absent, MissingFacts.of(request));
    }

    @Override
    public String outcome(MeritoriousAssessment answer) {
        return answer.determination();
    }

    /** The determination (立功 · 重大立功 · 不构成立功 · 证据不足). */
    @Override
    public String grade(MeritoriousAssessment answer) {
        return answer.determination();
    }

    @Override
    public AuditColumns columns(MeritoriousRequest request, MeritoriousAssessment answer) {
        return new AuditColumns(request.caseId(), request.subjectId(), null, answer.determination(), null, null);
    }

    private record Facts(CompiledPolicy policy, MeritoriousRequest request, MeritClaim claim, MeritDecision decision,
                         List<AbsentEvidence> absent, MissingFacts unstated) implements Case<MeritoriousAssessment> {

        @Override
        public List<?> facts() {
            List<Object> facts = new ArrayList<>(absent.size() + 3);
            facts.add(claim);
            facts.add(decision);
            facts.add(unstated);
            facts.addAll(absent);
            return facts;
        }

        @Override
        public MeritoriousAssessment answer(DecisionStamp stamp, List<Finding> findings) {
            if (!decision.isDecided()) {
                throw new IllegalStateException("meritorious-service policy v" + policy.version().version()
                        + " reached no determination for claim type " + request.claimType());
            }
            List<MissingEvidence> missingEvidence = absent.stream().filter(AbsentEvidence::isRequired).map(AbsentEvidence::toMissing).toList();
            return new MeritoriousAssessment(stamp.decisionId(), stamp.recorded(), stamp.policy(), request.caseId(), request.subjectId(),
                    request.claimType(), decision.getDetermination(), findings, missingEvidence, unstated.named(),
                    decision.getSentencingEffect(), stamp.decidedAt(), stamp.counterfactuals());
        }
    }
}
