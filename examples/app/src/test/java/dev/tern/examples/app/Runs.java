package dev.tern.examples.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/** Checks on what the application printed for a first and a repeated run. */
final class Runs {
    private Runs() {
    }

    /** The first run on an empty database applies every step of the three plugins, in run order. */
    static void assertAppliedEverything(AppProcess.Result run) {
        assertThat(run.exitCode()).as("exit code of\n%s", run).isZero();
        List<String> expected = ExampleSchema.expectedSteps();
        Map<String, String> kinds = ExampleSchema.expectedKinds();
        List<ReportTable.Row> rows = ReportTable.rows(run.stdout());
        assertThat(rows).as("report rows in\n%s", run).extracting(r -> r.plugin() + " " + r.step())
                .containsExactlyElementsOf(expected);
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo("APPLIED");
            assertThat(r.kind()).isEqualTo(kinds.get(r.plugin() + " " + r.step()));
            assertThat(r.before()).isEqualTo("-");
        });
        assertThat(run.stdout())
                .contains("plugin | before | after")
                .contains("3 plugin(s), " + expected.size() + " step(s) applied, succeeded")
                .doesNotContain(ExampleApp.UP_TO_DATE);
    }

    /** A repeated run applies nothing, shows each plugin at its latest version and says so. */
    static void assertUpToDate(AppProcess.Result run) {
        assertThat(run.exitCode()).as("exit code of\n%s", run).isZero();
        List<ReportTable.Row> rows = ReportTable.rows(run.stdout());
        assertThat(rows).as("report rows in\n%s", run)
                .extracting(r -> r.plugin() + " " + r.before() + " " + r.after() + " " + r.description())
                .containsExactly("jobs 1.2.0 1.2.0 up to date", "outbox 1.3.0 1.3.0 up to date",
                        "sagas 1.3.0 1.3.0 up to date");
        assertThat(run.stdout()).contains("3 plugin(s), 0 step(s) applied, succeeded").contains(ExampleApp.UP_TO_DATE);
    }
}
