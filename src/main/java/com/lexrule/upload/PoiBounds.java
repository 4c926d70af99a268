package com.lexrule.upload;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.IOUtils;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * POI's process-wide limits, set once at start for every workbook the service opens (uploads, baseline tables, the
 * rule compiler's). By default POI lets one zip entry inflate to 4 GiB and, for some records, allocate arrays up to
 * {@code Integer.MAX_VALUE}: far beyond any heap this service runs on. The bounds here sit well above what a real
 * decision table or review holds (a few MiB) and well below the heap; the minimum inflate ratio stays at POI's 1 %.
 */
@ApplicationScoped
public class PoiBounds {

    private static final Logger LOG = Logger.getLogger(PoiBounds.class);

    @ConfigMapping(prefix = "lexrule.upload.poi")
    public interface Config {
        /** Inflated bytes of any one zip entry POI reads (ZipSecureFile.setMaxEntrySize). */
        @WithDefault("536870912")
        long maxEntryBytes();

        /** Any one byte array POI allocates while reading (IOUtils.setByteArrayMaxOverride). */
        @WithDefault("67108864")
        int maxByteArrayBytes();

        /** Entries in one package (ZipSecureFile.setMaxFileCount). */
        @WithDefault("1000")
        long maxEntries();
    }

    void apply(@Observes StartupEvent event, Config config) {
        apply(config.maxEntryBytes(), config.maxByteArrayBytes(), config.maxEntries());
        LOG.debugf("POI bounds: entry %d bytes, byte array %d bytes, %d entries", config.maxEntryBytes(),
                config.maxByteArrayBytes(), config.maxEntries());
    }

    static void apply(long maxEntryBytes, int maxByteArrayBytes, long maxEntries) {
        ZipSecureFile.setMaxEntrySize(maxEntryBytes);
        ZipSecureFile.setMaxFileCount(maxEntries);
        IOUtils.setByteArrayMaxOverride(maxByteArrayBytes);
    }
}
