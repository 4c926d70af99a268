package com.lexrule.meritorious;

/**
 * What the meritorious-service rules decide, written by them as they fire: an exclusion first, then
 * verification, practical effect, evidence and the major test, each only while nothing earlier has decided.
 */
public class MeritDecision {
    private String determination;
    private String sentencingEffect;
    private boolean decided;
    private boolean excluded;

    public String getDetermination() { return determination; }
    public void setDetermination(String determination) { this.determination = determination; }
    public String getSentencingEffect() { return sentencingEffect; }
    public void setSentencingEffect(String sentencingEffect) { this.sentencingEffect = sentencingEffect; }
    public boolean isDecided() { return decided; }
    public void setDecided(boolean decided) { this.decided = decided; }
    public boolean isExcluded() { return excluded; }
    public void setExcluded(boolean excluded) { this.excluded = excluded; }
}
