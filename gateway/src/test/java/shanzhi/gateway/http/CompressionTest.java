package shanzhi.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;


/** gzip above server.compression.min-response-size, when the client accepts it. */
class CompressionTest extends RawHttpTestBase {
    private static final String HUNDRED_RESIDENTS = "{ people(under: \"" + DISTRICT + "\", first: 100) { edges { node {"
            + " id name idNumber gender birthDate phone residency partyMember tags household { id address } } } } }";
    @Test
    void aPageOfAHundredResidentsIsServedGzippedAtLessThanAQuarterOfItsSize() {
        HttpResponse<byte[]> plain = http.send(http.post(token, Map.of("query", HUNDRED_RESIDENTS)));
        HttpResponse<byte[]> gzipped = http.send(http.post(token, Map.of("query", HUNDRED_RESIDENTS))
                .header("Accept-Encoding", "gzip"));

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Content-Encoding")).as("without Accept-Encoding").isEmpty();
        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        byte[] unzipped = gunzip(gzipped.body());
        assertThat(unzipped).as("the same answer").isEqualTo(plain.body());
        assertThat(((List<?>) ((Map<?, ?>) ((Map<?, ?>) RawHttp.json(plain).get("data")).get("people")).get("edges")))
                .hasSize(100);
        System.out.printf("100 residents: %d bytes, %d bytes gzipped%n", plain.body().length, gzipped.body().length);
        assertThat(gzipped.body().length).as("gzipped size of %d bytes", plain.body().length)
                .isLessThan(plain.body().length / 4);
    }

    @Test
    void aSmallAnswerIsNotCompressed() {
        HttpResponse<byte[]> small = http.send(http.post(token, Map.of("query", "{ region(code: \"" + DISTRICT + "\") { code } }"))
                .header("Accept-Encoding", "gzip"));

        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body().length).isLessThan(1024);
        assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
    }

    private static byte[] gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
