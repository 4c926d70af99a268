package com.lexrule.policy.lifecycle;

import java.nio.file.Path;

/** One uploaded file as received: the name the officer's computer gave it, its size, and where it was spooled. */
public record Upload(String fileName, long size, Path spooled) {

    /** The name without any folder a browser may send along. */
    public String simpleName() {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1).trim();
    }
}
