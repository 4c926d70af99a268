package com.lexrule.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Someone who holds the database, working with plain JDBC on the service's own datasource: as a superuser would,
 * they switch off the append-only guards of a table (PostgreSQL: DISABLE TRIGGER; H2: DROP TRIGGER and the
 * truncate guard's referential integrity), change what they like, and switch the guards back on. Tests use it to
 * tamper, and to put back exactly what was there, so that the rest of the suite finds an intact trail.
 */
public final class Insider {

    private final DataSource dataSource;
    private final boolean postgres;

    public Insider(DataSource dataSource, String dbKind) {
        this.dataSource = dataSource;
        this.postgres = "postgresql".equals(dbKind);
    }

    public boolean postgres() {
        return postgres;
    }

    /** Work on one connection in one transaction. */
    public interface Work {
        void run(Connection c) throws SQLException;
    }

    /** Runs the work as a plain (non-superuser-acting) connection would: every guard in place. */
    public void plain(Work work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Runs the work with the append-only guards of the tables switched off, and switches them on again. */
    public void unguarded(List<String> tables, Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            Map<String, List<String>> triggers = new LinkedHashMap<>();
            for (String table : tables) triggers.put(table, disable(c, table));
            try {
                c.setAutoCommit(false);
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
                for (var entry : triggers.entrySet()) enable(c, entry.getKey(), entry.getValue());
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> disable(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            if (postgres) {
                try (ResultSet rs = s.executeQuery("select tgname from pg_trigger where not tgisinternal and tgrelid = '"
                        + table + "'::regclass")) {
                    while (rs.next()) names.add(rs.getString(1));
                }
                s.execute("alter table " + table + " disable trigger user");
            } else {
                names.add(table + "_append_only");
                s.execute("drop trigger if exists " + table + "_append_only");
                s.execute("set referential_integrity false");
            }
        }
        return names;
    }

    private void enable(Connection c, String table, List<String> names) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (postgres) {
                for (String name : names) s.execute("alter table " + table + " enable always trigger " + name);
            } else {
                String type = "audit_chain".equals(table) ? "ChainHeadTrigger" : "AppendOnlyTrigger";
                s.execute("create trigger if not exists " + table + "_append_only before update, delete on " + table
                        + " for each row call 'com.lexrule.audit." + type + "'");
                s.execute("set referential_integrity true");
            }
        }
    }

    public List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = dataSource.getConnection()) {
            return rows(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Map<String, Object>> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> result = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int col = 1; col <= meta.getColumnCount(); col++) {
                        row.put(meta.getColumnLabel(col).toLowerCase(Locale.ROOT), rs.getObject(col));
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    public static int execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            return ps.executeUpdate();
        }
    }

    /** Puts rows back as they were read (all columns). */
    public static void insert(Connection c, String table, List<Map<String, Object>> rows) throws SQLException {
        for (Map<String, Object> row : rows) {
            String columns = String.join(", ", row.keySet());
            String marks = String.join(", ", row.keySet().stream().map(k -> "?").toList());
            execute(c, "insert into " + table + " (" + columns + ") values (" + marks + ")", row.values().toArray());
        }
    }

    /** Sets every column of a row back to what was read, by its key column. */
    public static void restore(Connection c, String table, String key, Map<String, Object> row) throws SQLException {
        List<String> columns = row.keySet().stream().filter(k -> !k.equals(key)).toList();
        List<Object> values = new ArrayList<>();
        for (String column : columns) values.add(row.get(column));
        values.add(row.get(key));
        execute(c, "update " + table + " set " + String.join(", ", columns.stream().map(k -> k + " = ?").toList())
                + " where " + key + " = ?", values.toArray());
    }
}
