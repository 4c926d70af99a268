package com.lexrule.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/** H2: a chain head only advances (same chain, higher sequence number); it is never deleted. */
public class ChainHeadTrigger implements Trigger {

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        // columns: name, last_seq, last_hash, last_mac
        if (oldRow != null && newRow != null && oldRow[0].equals(newRow[0])
                && ((Number) newRow[1]).longValue() > ((Number) oldRow[1]).longValue()) {
            return;
        }
        throw new SQLException("lexrule: audit_chain only advances; " + (newRow == null ? "DELETE" : "UPDATE") + " refused", "42501");
    }
}
