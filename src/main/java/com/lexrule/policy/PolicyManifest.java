package com.lexrule.policy;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a policy bundle says about itself ({@code rules/<family>/policy.json}): the family it decides, from when it
 * is effective, the legal sources it rests on, and why it changed. The version number is not here: it is assigned
 * when a bundle is published, so the same files can never claim two versions.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyManifest(
        String family,
        String title,
        LocalDate effectiveFrom,
        List<LegalSource> legalSources,
        String changeNote,
        String catalog) {

    public PolicyManifest {
        legalSources = legalSources == null ? List.of() : List.copyOf(legalSources);
    }

    /**
     * A statute, interpretation or local guideline a policy cites, e.g. CPL art. 81. {@code name} is how the rules'
     * legal bases cite it (e.g. 《刑事诉讼法》): every basis names a listed source by it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LegalSource(String id, String name, String citation, String articles) {
    }
}
