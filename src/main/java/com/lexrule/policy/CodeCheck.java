package com.lexrule.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the codes of a request against the catalog of the policy that will decide it, collecting every unknown
 * code with the field it came from and the codes that policy knows.
 */
public final class CodeCheck {

    /** A code the policy does not know, where it was sent and what would have been understood. */
    public record UnknownCode(String field, String value, String catalog, List<String> knownCodes) {
    }

    private final PolicyCatalog catalog;
    private final List<UnknownCode> unknown = new ArrayList<>();

    public CodeCheck(PolicyCatalog catalog) {
        this.catalog = catalog;
    }

    public CodeCheck code(String field, String catalogName, String code) {
        if (code != null && catalog.entry(catalogName, code).isEmpty()) {
            unknown.add(new UnknownCode(field, code, catalogName, List.copyOf(catalog.entries(catalogName).keySet())));
        }
        return this;
    }

    public CodeCheck codes(String field, String catalogName, List<String> codes) {
        for (int i = 0; i < codes.size(); i++) {
            code(field + "[" + i + "]", catalogName, codes.get(i));
        }
        return this;
    }

    /** Throws when any code was unknown; nothing has been evaluated or stored by then. */
    public void orThrow(PolicyVersion version) {
        if (!unknown.isEmpty()) {
            throw new UnknownCodeException(version, List.copyOf(unknown));
        }
    }
}
