package com.lexrule.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/**
 * H2's refusal to change or remove what was recorded (PostgreSQL uses plpgsql triggers, db/vendor/postgresql).
 * Registered only for the operations it refuses, so it refuses whatever it fires on.
 */
public class AppendOnlyTrigger implements Trigger {

    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        String operation = oldRow == null ? "INSERT" : newRow == null ? "DELETE" : "UPDATE";
        throw new SQLException("lexrule: " + table + " is append-only; " + operation + " refused", "42501");
    }
}
