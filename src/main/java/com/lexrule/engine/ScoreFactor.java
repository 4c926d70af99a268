package com.lexrule.engine;

/**
 * A fact of the case that a points table weighs (a danger indicator or a mitigation). The first table row that
 * scores it (the most specific one, by the row's priority) sets its points; later rows see it as scored.
 */
public class ScoreFactor implements AwardsPoints {
    private final String kind;
    private final String code;
    private final String crimeType;
    private boolean scored;
    private int points;

    public ScoreFactor(String kind, String code, String crimeType) {
        this.kind = kind;
        this.code = code;
        this.crimeType = crimeType;
    }

    public String getKind() { return kind; }
    public String getCode() { return code; }
    public String getCrimeType() { return crimeType; }
    public boolean isScored() { return scored; }
    public void setScored(boolean scored) { this.scored = scored; }
    public int getPoints() { return points; }
    public void setPoints(int points) { this.points = points; }

    @Override
    public Integer awardedPoints() { return scored ? points : null; }
}
