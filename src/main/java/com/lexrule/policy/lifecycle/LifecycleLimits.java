package com.lexrule.policy.lifecycle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Bounds on what an officer may upload. POI's own zip-bomb protections (ZipSecureFile: minimum inflate ratio, maximum
 * entry size) stay at their defaults on top of these.
 */
@ConfigMapping(prefix = "lexrule.policy.upload")
public interface LifecycleLimits {
    /** Bytes per uploaded file. */
    @WithDefault("2097152")
    long maxFileBytes();

    /** Files per draft upload. */
    @WithDefault("20")
    int maxFiles();

    /** Sheets per workbook. */
    @WithDefault("10")
    int maxSheets();

    /** Rows per sheet. */
    @WithDefault("5000")
    int maxRows();

    /** Audited decisions one back-test may replay. */
    @WithDefault("10000")
    int maxBacktest();
}
