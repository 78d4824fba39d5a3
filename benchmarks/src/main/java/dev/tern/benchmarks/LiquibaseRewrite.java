package dev.tern.benchmarks;

import java.sql.SQLException;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/** The data step as a Liquibase custom change; Liquibase instantiates it by class name. */
public final class LiquibaseRewrite implements CustomTaskChange {
    private int rows;

    /** Liquibase needs a public no-argument constructor. */
    public LiquibaseRewrite() {
    }

    /** @param rows the {@code rows} parameter of the change, a decimal number */
    public void setRows(String rows) {
        this.rows = Integer.parseInt(rows);
    }

    @Override
    public void execute(Database database) throws CustomChangeException {
        try {
            DataRewrite.rewrite(((JdbcConnection) database.getConnection()).getUnderlyingConnection(), rows);
        } catch (SQLException e) {
            throw new CustomChangeException(e);
        }
    }

    @Override
    public String getConfirmationMessage() {
        return "rewrote " + rows + " rows";
    }

    @Override
    public void setUp() {
        // Nothing to set up.
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
        // Reads no files.
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
