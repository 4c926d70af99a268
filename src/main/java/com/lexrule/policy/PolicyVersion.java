package com.lexrule.policy;

import java.time.Instant;
import java.time.LocalDate;

/** A published, immutable policy version: its number within the family, its content hash and when it applies. */
public record PolicyVersion(String family, int version, String sha256, LocalDate effectiveFrom, String changeNote,
                            String publishedBy, Instant publishedAt) {
}
