package com.lexrule.boundary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.apache.commons.io.input.BoundedInputStream;

/**
 * An input read up to a limit and refused once it holds more: a request body, a part of an uploaded workbook as it
 * inflates. Commons IO's {@link BoundedInputStream} stops at the limit; a byte still there at that point is what
 * passes it, so an input of exactly the limit is read whole and a longer one refused, never silently cut short.
 */
public final class ReadLimit {

    /** The caller's refusal, thrown once the input passes its limit. */
    @FunctionalInterface
    public interface Refusal {
        void refuse() throws IOException;
    }

    private ReadLimit() {
    }

    public static InputStream of(InputStream in, long limit, Refusal refusal) {
        try {
            return BoundedInputStream.builder().setInputStream(in).setMaxCount(limit)
                    .setOnMaxCount((max, count) -> {
                        if (in.read() >= 0) refusal.refuse();
                    }).get();
        } catch (IOException e) {
            // the builder opens nothing for a stream it is given
            throw new UncheckedIOException(e);
        }
    }
}
