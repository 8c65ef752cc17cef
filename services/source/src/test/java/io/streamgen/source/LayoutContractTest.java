package io.streamgen.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayoutContractTest {

    private final LayoutContract node = LayoutContract.forStack("javascript-node");

    @Test
    void shouldGiveEachRoleItsDefaultFileByLanguage() {
        assertThat(node.defaultFile("logic", Optional.empty())).contains("src/logic.js");
        assertThat(node.defaultFile("api", Optional.empty())).contains("server/app.js");
        assertThat(node.defaultFile("api", Optional.of(SourceLanguage.JSON))).contains("package.json");
        assertThat(node.defaultFile("ui", Optional.of(SourceLanguage.CSS))).contains("public/styles.css");
        assertThat(node.defaultFile("ui", Optional.of(SourceLanguage.HTML))).contains("public/index.html");
        assertThat(node.defaultFile("ui", Optional.of(SourceLanguage.JAVASCRIPT))).contains("public/app.js");
        assertThat(node.defaultFile("testing", Optional.empty())).contains("test/logic.test.js");
        assertThat(node.defaultFile("optimization", Optional.empty())).isEmpty();
    }

    @Test
    void shouldRenderEveryFileWithItsOwner() {
        String text = node.render();
        assertThat(text).contains("`server/app.js` (api)", "createApp(", "`src/logic.js` (logic)", "`test/api.test.js` (testing)");
        assertThat(LayoutContract.forStack("unknown-stack")).isEqualTo(node);
    }

    @Test
    void shouldNameLanguagesByPathAndFence() {
        assertThat(SourceLanguage.forPath("src/logic.js")).isEqualTo(SourceLanguage.JAVASCRIPT);
        assertThat(SourceLanguage.forPath("public/index.html")).isEqualTo(SourceLanguage.HTML);
        assertThat(SourceLanguage.forPath("Dockerfile")).isEqualTo(SourceLanguage.HASH_COMMENTS);
        assertThat(SourceLanguage.forPath("package.json").hasComments()).isFalse();
        assertThat(SourceLanguage.forFenceInfo("javascript")).contains(SourceLanguage.JAVASCRIPT);
        assertThat(SourceLanguage.forFenceInfo("css")).contains(SourceLanguage.CSS);
        assertThat(SourceLanguage.forFenceInfo("text")).isEmpty();
    }

    @Test
    void shouldNameGapRegionsAfterTheRegionBefore() {
        assertThat(Regions.gapAfter(null)).isEqualTo(Regions.HEAD);
        assertThat(Regions.gapAfter("store")).isEqualTo("after:store");
        assertThat(Regions.gapAfter("after:store")).isEqualTo("after:store");
        assertThat(Regions.isGap("after:store")).isTrue();
        assertThat(Regions.isGap("")).isTrue();
        assertThat(Regions.isGap("store")).isFalse();
    }
}
