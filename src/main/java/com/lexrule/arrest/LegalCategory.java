package com.lexrule.arrest;

import java.util.Arrays;
import java.util.List;

import com.lexrule.boundary.LawTerm;

/**
 * Where CPL art. 81 places the case: ¶3 says 应当逮捕, ¶4 says 可以予以逮捕 and ¶1 leaves the danger for the
 * prosecutor to establish, so both are one category that a prosecutor decides; and without its conditions there is
 * no arrest. The law fixes these three, so the rules and the color-thresholds table may write no other
 * ({@link ColorTableCheck}); the reasons that say why a case falls in one are the policy's.
 */
public enum LegalCategory implements LawTerm {
    SHALL_ARREST("应当逮捕"),
    MAY_ARREST("由检察官决定是否逮捕"),
    ARREST_CONDITIONS_NOT_MET("不符合逮捕条件");

    private final String label;

    LegalCategory(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The category of a code, or null if the law knows no such category. */
    static LegalCategory ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.name().equals(code)).findFirst().orElse(null);
    }

    static List<String> codes() {
        return Arrays.stream(values()).map(LegalCategory::name).toList();
    }
}
