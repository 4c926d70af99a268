package com.lexrule.review.special;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Bounds of a special review, stated in the README and the OpenAPI document. A workbook is further bounded part by
 * part as it inflates ({@link com.lexrule.upload.SpreadsheetUpload}), and by POI's process-wide limits
 * ({@link com.lexrule.upload.PoiBounds}).
 */
@ConfigMapping(prefix = "lexrule.review")
public interface ReviewLimits {
    /** Bytes of the uploaded file, or of a JSON submission (10 MiB). */
    @WithDefault("10485760")
    long maxFileBytes();

    /** Cases (non-blank data rows) per review. */
    @WithDefault("20000")
    int maxRows();

    /** Cases evaluated and then stored in one transaction. */
    @WithDefault("250")
    int batchSize();

    /** After each batch, the next waits this many times the batch's own time, leaving the cores to live calls. */
    @WithDefault("1.0")
    double pauseRatio();

    /** Batches re-assessed at once on the worker pool; the batches of further reviews wait in line. */
    @WithDefault("1")
    int threads();
}
