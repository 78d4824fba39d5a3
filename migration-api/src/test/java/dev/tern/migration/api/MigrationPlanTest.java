package dev.tern.migration.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tern.migration.api.database.SqlStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationPlanTest {
    private static Version v(String text) {
        return Version.parse(text);
    }

    private static MigrationPlan plan() {
        MigrationPlan.PlannedStep create = new MigrationPlan.PlannedStep("jobs", v("1.1"), "add priority", StepKind.SQL,
                true, true, false, "db/jobs/V1.1.0__add_priority.sql",
                List.of(new SqlStatement("ALTER TABLE jobs ADD priority INT", 1),
                        new SqlStatement("COMMENT ON COLUMN jobs.priority IS 'lower \"first\"'", 3)));
        MigrationPlan.PlannedStep backfill = new MigrationPlan.PlannedStep("outbox", v("1.2"), "backfill keys",
                StepKind.JAVA, false, false, true, null, List.of());
        return new MigrationPlan("postgresql", List.of(
                new MigrationPlan.PluginPlan("jobs", v("1.0"), v("1.1"), List.of(create)),
                new MigrationPlan.PluginPlan("outbox", null, v("1.2"), List.of(backfill)),
                new MigrationPlan.PluginPlan("audit", v("3"), v("3"), List.of())));
    }

    @Test
    void tableHasOneRowPerStepAndOnePerPluginUpToDate() {
        assertThat(plan().toTable()).isEqualTo("""
                # | plugin | installed | target | step  | kind | flags | statements | description
                --+--------+-----------+--------+-------+------+-------+------------+--------------
                1 | jobs   | 1.0.0     | 1.1.0  | 1.1.0 | SQL  | TR-   | 2          | add priority
                2 | outbox | -         | 1.2.0  | 1.2.0 | JAVA | --B   | -          | backfill keys
                - | audit  | 3.0.0     | 3.0.0  | -     | -    | -     | -          | up to date
                3 plugin(s), 2 step(s) to apply on postgresql; flags: T transactional, R reversible, B breaking""");
    }

    @Test
    void jsonHoldsEveryFieldInAFixedOrder() {
        assertThat(plan().toJson()).isEqualTo("""
                {
                  "database": "postgresql",
                  "plugins": [
                    {
                      "plugin": "jobs",
                      "installed": "1.0.0",
                      "target": "1.1.0",
                      "steps": [
                        {
                          "plugin": "jobs",
                          "version": "1.1.0",
                          "description": "add priority",
                          "kind": "SQL",
                          "transactional": true,
                          "reversible": true,
                          "breaking": false,
                          "source": "db/jobs/V1.1.0__add_priority.sql",
                          "statements": [
                            {
                              "line": 1,
                              "sql": "ALTER TABLE jobs ADD priority INT"
                            },
                            {
                              "line": 3,
                              "sql": "COMMENT ON COLUMN jobs.priority IS 'lower \\"first\\"'"
                            }
                          ]
                        }
                      ]
                    },
                    {
                      "plugin": "outbox",
                      "installed": null,
                      "target": "1.2.0",
                      "steps": [
                        {
                          "plugin": "outbox",
                          "version": "1.2.0",
                          "description": "backfill keys",
                          "kind": "JAVA",
                          "transactional": false,
                          "reversible": false,
                          "breaking": true,
                          "source": null,
                          "statements": []
                        }
                      ]
                    },
                    {
                      "plugin": "audit",
                      "installed": "3.0.0",
                      "target": "3.0.0",
                      "steps": []
                    }
                  ]
                }""");
    }

    @Test
    void jsonEscapesStringsPerRfc8259() {
        String nasty = "a\"b\\c/d\te\nf\rg\bh\fi\u0000j\u001fk\u007fl é 😀 \ud800 end";
        MigrationPlan plan = new MigrationPlan(null, List.of(new MigrationPlan.PluginPlan("p", null, null, List.of(
                new MigrationPlan.PlannedStep("p", v("1"), nasty, StepKind.JAVA, false, false, false, null,
                        List.of())))));

        assertThat(plan.toJson())
                .contains("\"database\": null")
                .contains("\"target\": null")
                .contains("\"description\": \"a\\\"b\\\\c/d\\te\\nf\\rg\\bh\\fi\\u0000j\\u001fk\u007fl é 😀 \\ud800 end\"");
    }

    @Test
    void emptyPlanIsEmptyAndStillValidJson() {
        MigrationPlan plan = new MigrationPlan(null, List.of());

        assertThat(plan.isEmpty()).isTrue();
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.toJson()).isEqualTo("{\n  \"database\": null,\n  \"plugins\": []\n}");
        assertThat(plan.toTable()).endsWith("0 plugin(s), 0 step(s) to apply; flags: T transactional, R reversible,"
                + " B breaking");
    }
}
