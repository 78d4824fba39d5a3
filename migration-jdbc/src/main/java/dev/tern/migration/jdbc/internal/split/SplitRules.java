package dev.tern.migration.jdbc.internal.split;

/** The lexical rules of one database family for splitting scripts. */
public enum SplitRules {
    /** H2: standard quoting, no dollar quotes by default. */
    H2,
    /** PostgreSQL: E'' strings, dollar quoting, nested block comments. */
    POSTGRESQL,
    /** MariaDB/MySQL: # comments, backslash escapes, backticks, DELIMITER. */
    MARIADB
}
