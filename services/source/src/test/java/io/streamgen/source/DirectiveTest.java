package io.streamgen.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamgen.source.Directive.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DirectiveTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "// @file src/logic.js            | FILE       | src/logic.js",
            "//@file src/logic.js             | FILE       | src/logic.js",
            "  // @file: `server/app.js`      | FILE       | server/app.js",
            "# @file app.py                   | FILE       | app.py",
            "// @region store                 | REGION     | store",
            "//@region store                  | REGION     | store",
            "\t// @region\tstore\t            | REGION     | store",
            "<!-- @region page -->            | REGION     | page",
            "<!-- @region page-->             | REGION     | page",
            "<!--@region page-->              | REGION     | page",
            "/* @region base */               | REGION     | base",
            "/* @region base*/                | REGION     | base",
            "// #region store                 | REGION     | store",
            "#region store                    | REGION     | store",
            "// @region: store                | REGION     | store",
            "// @region store (the in-memory store) | REGION | store",
            "// @endregion                    | END_REGION |",
            "<!-- @endregion -->              | END_REGION |",
            "/* @endregion */                 | END_REGION |",
            "// #endregion                    | END_REGION |",
            "// @end-region                   | END_REGION |",
    })
    void shouldReadDirectivesInEveryCommentStyle(String line, Kind kind, String argument) {
        assertThat(Directive.parse(line + "\r\n")).contains(new Directive(kind, kind == Kind.END_REGION ? null : argument));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "// regional settings",
            "# file handling",
            "// @file",
            "// @file two words",
            "const region = 1;",
            "// see @region docs",
            "@region store",
    })
    void shouldNotTakeOrdinaryLinesForDirectives(String line) {
        assertThat(Directive.parse(line)).isEmpty();
    }

    @Test
    void shouldTellWhetherAPartialLineMayStillBeADirective() {
        assertThat(Directive.mayStart("")).isTrue();
        assertThat(Directive.mayStart("  /")).isTrue();
        assertThat(Directive.mayStart("// ")).isTrue();
        assertThat(Directive.mayStart("// @re")).isTrue();
        assertThat(Directive.mayStart("<!-")).isTrue();
        assertThat(Directive.mayStart("<!-- @endreg")).isTrue();
        assertThat(Directive.mayStart("#reg")).isTrue();
        assertThat(Directive.mayStart("// a comment")).isFalse();
        assertThat(Directive.mayStart("const x")).isFalse();
        assertThat(Directive.mayStart("<div>")).isFalse();
        assertThat(Directive.mayStart("# heading")).isFalse();
    }

    @Test
    void shouldRenderMarkersInTheFilesOwnSyntax() {
        assertThat(Directive.regionStart("public/index.html", "page")).isEqualTo("<!-- @region page -->\n");
        assertThat(Directive.regionStart("public/styles.css", "base")).isEqualTo("/* @region base */\n");
        assertThat(Directive.regionStart("src/logic.js", "store")).isEqualTo("// @region store\n");
        assertThat(Directive.regionEnd("app.py")).isEqualTo("# @endregion\n");
        assertThat(Directive.parse(Directive.regionStart("public/index.html", "page"))).contains(new Directive(Kind.REGION, "page"));
    }
}
