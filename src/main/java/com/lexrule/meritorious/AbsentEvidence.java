package com.lexrule.meritorious;

/**
 * An evidence item of the catalog that the case file lacks. A row of the evidence table (or the major test)
 * marks it required and says, for this claim type, what it must show and who issues it; the catalog's general
 * wording stands where the row says nothing. Only required ones reach the answer.
 */
public class AbsentEvidence {
    private final String code;
    private final String label;
    private boolean required;
    private String mustShow;
    private String issuer;

    public AbsentEvidence(String code, String label, String mustShow, String issuer) {
        this.code = code;
        this.label = label;
        this.mustShow = mustShow;
        this.issuer = issuer;
    }

    public String getCode() { return code; }
    public String getLabel() { return label; }
    public boolean isRequired() { return required; }
    public void setRequired(boolean required) { this.required = required; }
    public String getMustShow() { return mustShow; }
    public void setMustShow(String mustShow) {
        if (mustShow != null && !mustShow.isBlank()) this.mustShow = mustShow;
    }
    public String getIssuer() { return issuer; }
    public void setIssuer(String issuer) {
        if (issuer != null && !issuer.isBlank()) this.issuer = issuer;
    }

    MissingEvidence toMissing() {
        return new MissingEvidence(code, label, mustShow, issuer);
    }
}
