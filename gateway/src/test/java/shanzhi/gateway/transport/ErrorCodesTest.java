package shanzhi.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import shanzhi.api.ErrorCode;

/** The README's table of error codes is what a client developer reads: it lists exactly the codes the gateway has. */
class ErrorCodesTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\|", Pattern.MULTILINE);

    @Test
    void theReadmeListsEveryErrorCodeAndNoOther() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("### Error codes");
        assertThat(start).as("README section 'Error codes'").isNotNegative();
        int end = readme.indexOf("\n#", start + 1);
        Matcher rows = ROW.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        Set<String> documented = new LinkedHashSet<>();
        while (rows.find()) {
            documented.add(rows.group(1));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ErrorCode.values()).map(ErrorCode::name).toList());
    }
}
